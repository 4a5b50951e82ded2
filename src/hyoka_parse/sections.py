"""The registry of section kinds: for each kind of block, what starts it and what it does.

One entry per ``rules.Kind``: its detector (``rules``: does a block of this kind start at
the cursor?), its handler (``handlers``: what the block adds to the report), and an
optional ``enter`` hook (what the cursor learns when the block starts: the zone, the field,
whether it is inside 評価結果). Detectors are tried in the order of ``SECTIONS``; the
first that answers wins. To teach the parser a new part of the format, add one entry.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hyoka_parse import handlers as h
from hyoka_parse import rules as r
from hyoka_parse.extract import budget as budget_x
from hyoka_parse.extract import field as field_x
from hyoka_parse.extract import header as header_x
from hyoka_parse.rules import Kind


@dataclass(frozen=True, slots=True)
class Section:
    kind: Kind
    detect: r.Rule | None  # None: never detected (the kinds a caller starts with)
    handle: h.Handler
    enter: r.Enter | None = None


SECTIONS: list[Section] = [
    Section(Kind.START, None, h.on_start),
    Section(Kind.POLICY_TITLE, None, h.header(header_x.policy_title)),
    Section(Kind.FIELD, r.is_field, h.on_field, r.enter_field),
    Section(Kind.MEASURE, r.is_measure, h.on_measure, r.enter_measure),
    Section(
        Kind.POLICY_NAME, r.header_only(r.key_starts("施策名")), h.header(header_x.policy_name)
    ),
    Section(
        Kind.OBJECTIVES, r.header_only(r.label_word("施策目標")), h.header(header_x.objectives)
    ),
    Section(Kind.BUDGET, r.header_only(r.budget_start), h.header(budget_x.budget)),
    Section(
        Kind.POLICY_NOTE,
        r.header_only(r.policy_note_start),
        h.header(header_x.policy_note),
    ),
    Section(Kind.RESULT, r.header_only(r.key_starts("目標達成度")), h.header(header_x.result)),
    Section(Kind.RATIONALE, r.header_only(r.key_is("(判断根拠)")), h.header(header_x.rationale)),
    Section(Kind.SUMMARY, r.summary_start, h.header(header_x.summary)),
    Section(Kind.COMMENTS, r.header_only(r.key_starts("学識経験")), h.header(header_x.comments)),
    Section(
        Kind.DEPARTMENT,
        r.header_only(r.label_word("担当部局名", "担当部局")),
        h.header(header_x.department),
    ),
    Section(Kind.EVALUATION_DATE, r.evaluation_date, h.header(header_x.evaluation_date)),
    Section(Kind.OVERVIEW, r.key_is("施策の概要"), h.on_overview),
    Section(Kind.RELATED, r.key_starts("関連する内閣の重要政策"), h.on_related),
    Section(
        Kind.MID_TERM,
        r.body_only(r.pattern(r.MID_TERM)),
        h.needs_measure(h.on_mid_term),
    ),
    Section(
        Kind.YEAR_TARGET, r.body_only(r.pattern(r.YEAR_TARGET)), h.needs_measure(h.on_year_target)
    ),
    Section(
        Kind.PROGRESS, r.body_only(r.key_is("施策の進捗状況・実績")), h.needs_measure(h.on_progress)
    ),
    Section(
        Kind.ACHIEVEMENT,
        r.body_only(r.pattern(r.ACHIEVEMENT)),
        h.needs_measure(h.on_achievement),
    ),
    Section(
        Kind.QUANT_TABLE,
        r.is_quant_table,
        h.needs_measure(h.on_quant_table),
    ),
    Section(Kind.REFERENCE, r.body_only(r.pattern(r.REFERENCE)), h.on_reference, r.enter_reference),
    Section(
        Kind.EVALUATION, r.body_only(r.pattern(r.EVALUATION)), h.on_evaluation, r.enter_evaluation
    ),
    Section(Kind.ANALYSIS, r.body_only(r.key_is("施策の分析")), h.field_text("analysis")),
    Section(
        Kind.ANALYSIS_MEASURE,
        r.is_analysis_measure,
        lambda b, st: st.analyses.append(field_x.analysis_measure(b)),
    ),
    Section(
        Kind.DIRECTION,
        r.body_only(r.key_is("次期目標等への反映の方向性")),
        h.field_text("policy_direction"),
        r.leave_direction_measures,
    ),
    Section(
        Kind.DIRECTION_POLICY,
        r.in_evaluation_starting("【施策"),
        h.on_direction_policy,
        r.leave_direction_measures,
    ),
    Section(
        Kind.DIRECTION_MEASURES,
        r.in_evaluation_is("【測定指標】"),
        h.field_text("measures_direction"),
        r.enter_direction_measures,
    ),
    Section(
        Kind.DIRECTION_MEASURE,
        r.is_direction_measure,
        lambda b, st: st.directions.append(field_x.direction_measure(b)),
    ),
    Section(
        Kind.MATERIALS,
        r.body_only(r.key_is("作成にあたって使用した資料その他の情報")),
        h.on_materials,
        r.enter_materials,
    ),
    Section(Kind.PAGE_GAP, None, h.on_page_gap),  # set by the segmenter (pages.mark_gaps)
]

_BY_KIND = {s.kind: s for s in SECTIONS}

# The parts of a 個別分野, in the order the format prints them (every field of the real
# report, every rendition in the parity matrix): 施策の概要, 関連する内閣の重要政策, its
# 測定指標, 参考指標, 評価結果 (施策の分析 with its 【測定指標…】 paragraphs, 次期目標等への
# 反映の方向性 with 【施策】 and 【測定指標】), 作成にあたって使用した資料. A 測定指標's own
# blocks (中期目標, 年度目標, …) are no field part: they follow their measure.
FIELD_PARTS: tuple[Kind, ...] = (
    Kind.OVERVIEW,
    Kind.RELATED,
    Kind.MEASURE,
    Kind.REFERENCE,
    Kind.EVALUATION,
    Kind.ANALYSIS,
    Kind.ANALYSIS_MEASURE,
    Kind.DIRECTION,
    Kind.DIRECTION_POLICY,
    Kind.DIRECTION_MEASURES,
    Kind.DIRECTION_MEASURE,
    Kind.MATERIALS,
)
# The parts a field prints more than once (one per measure or indicator); the others once.
REPEATED_PARTS = frozenset(
    {Kind.MEASURE, Kind.REFERENCE, Kind.ANALYSIS_MEASURE, Kind.DIRECTION_MEASURE}
)
_PART_ORDER = {kind: n for n, kind in enumerate(FIELD_PARTS, 1)}


def field_order(kind: Kind | str) -> int | None:
    """Where a block of this kind stands among a 個別分野's parts (1 = 施策の概要, see
    ``FIELD_PARTS``); None for a block that is no field part."""
    return _PART_ORDER.get(Kind(kind))


def classify(c: r.Cursor) -> tuple[Kind, regex.Match | None] | None:
    """The kind of block that starts at the cursor (and the heading's match), if any;
    the cursor learns what the kind's ``enter`` hook tells it."""
    for section in SECTIONS:
        hit = section.detect(c) if section.detect else None
        if hit:
            m = hit if isinstance(hit, regex.Match) else None
            if section.enter:
                section.enter(c, m)
            c.section = section.kind
            return section.kind, m
    return None


def handler(kind: Kind | str) -> h.Handler:
    """The handler of a block kind."""
    return _BY_KIND[Kind(kind)].handle

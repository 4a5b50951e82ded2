"""Pipeline stage 4: turn each region's blocks into models, with context.

Blocks come in document order; a small ``State`` remembers the current field,
measure and year. Each block kind has one handler, registered in ``HANDLERS``,
which calls the extractor for that kind. Measures are attached to fields by their
number at the end, so that a measure whose heading is printed before its field's
heading (個別分野３ in the real report) still lands in the right field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hyoka_parse.diagnostics import (
    FIELD_MISMATCH,
    LABEL_MISMATCH,
    MISSING_PART,
    MISSING_RATING,
    RENAMED_MEASURE,
    UNKNOWN_MEASURE,
    Diagnostics,
    location,
)
from hyoka_parse.extract import budget as budget_x
from hyoka_parse.extract import field as field_x
from hyoka_parse.extract import header as header_x
from hyoka_parse.extract import measure as measure_x
from hyoka_parse.extract.common import after_key_prefix
from hyoka_parse.extract.quantitative import quantitative
from hyoka_parse.extract.reference import reference
from hyoka_parse.models import FieldModel, Measure, MeasureYear, Policy
from hyoka_parse.normalize import make_key
from hyoka_parse.segment import Block
from hyoka_parse.source import Line


@dataclass
class State:
    policy: Policy
    diag: Diagnostics
    fields: list[FieldModel] = field(default_factory=list)
    open_field: FieldModel | None = None
    measures: list[tuple[Measure, FieldModel | None]] = field(default_factory=list)
    measure: Measure | None = None
    year: MeasureYear | None = None
    analyses: list[field_x.MeasureText] = field(default_factory=list)
    directions: list[field_x.MeasureText] = field(default_factory=list)
    fragment: bool = False  # a range of a report's pages: fields are known by their numbers

    def numbered_field(self, number: int, line: Line | None) -> FieldModel:
        """In a fragment, the field a number names (its heading may be on an absent page)."""
        for f in self.fields:
            if f.number == number:
                return f
        new = FieldModel(number=number, title="", implicit=True, location=location(line))
        self.fields.append(new)
        return new

    def current_field(self, line: Line | None) -> FieldModel:
        """The field a part belongs to; a policy without 個別分野 gets one implicit field."""
        if self.open_field is None:
            self.open_field = FieldModel(
                number=0,
                title=self.policy.name or "",
                implicit=True,
                location=location(line),
            )
            self.fields.append(self.open_field)
        return self.open_field


Handler = Callable[[Block, State], None]


def _header(extractor: Callable) -> Handler:
    return lambda block, st: extractor(block, st.policy, st.diag)


def _field(block: Block, st: State) -> None:
    new = field_x.field(block)
    # A measure whose heading came before this field's heading keeps going (3-1 trap).
    if st.measure is not None and not st.measure.id.startswith(f"{new.number}-"):
        st.measure = st.year = None
    st.open_field = new
    st.fields.append(new)


def _overview(block: Block, st: State) -> None:
    st.current_field(block.head).overview += field_x.items(block)


def _related(block: Block, st: State) -> None:
    st.current_field(block.head).related_policies += field_x.items(block)


def _measure(block: Block, st: State) -> None:
    st.measure = measure_x.measure(block, st.diag)
    st.year = None
    st.measures.append((st.measure, st.open_field))


def _needs_measure(handler: Callable[[Block, State, Measure], None]) -> Handler:
    def run(block: Block, st: State) -> None:
        if st.measure is None:
            st.diag.unplaced(block.lines, f"{block.kind} outside any 測定指標")
            return
        handler(block, st, st.measure)

    return run


def _year_target(block: Block, st: State, m: Measure) -> None:
    st.year = measure_x.year_target(block, m)


def _progress(block: Block, st: State, m: Measure) -> None:
    if st.year is None or st.year.progress is not None:
        st.diag.unplaced(block.lines, f"測定指標{m.id}: 施策の進捗状況・実績 without its 年度目標")
        return
    measure_x.progress(block, st.year)


def _reference(block: Block, st: State) -> None:
    st.current_field(block.head).reference_indicators.append(reference(block, st.diag))
    st.measure = st.year = None


def _evaluation(block: Block, st: State) -> None:
    named = int(block.match["num"])
    if st.fragment and (st.open_field is None or st.open_field.implicit):
        st.open_field = st.numbered_field(named, block.head)
    f = st.current_field(block.head)
    if named != f.number:
        st.diag.warn(
            LABEL_MISMATCH,
            f"heading 評価結果(個別分野{named}) stands inside 個別分野{f.number}; "
            f"parsed into {f.number}",
            block.head,
        )
    st.measure = st.year = None
    st.diag.unplaced(block.body, "評価結果")


def _field_text(attr: str) -> Handler:
    """施策の分析 / 次期目標等 text that stands directly under the heading, if any."""

    def run(block: Block, st: State) -> None:
        text = measure_x.body_text(block.body)
        if text:
            f = st.current_field(block.head)
            setattr(f, attr, f"{getattr(f, attr)}\n{text}" if getattr(f, attr) else text)

    return run


def _direction_policy(block: Block, st: State) -> None:
    st.current_field(block.head).policy_direction = field_x.bracketed_text(block, "【施策")


def _materials(block: Block, st: State) -> None:
    st.current_field(block.head).materials += field_x.items(block)
    st.measure = st.year = None


HANDLERS: dict[str, Handler] = {
    "start": lambda b, st: st.diag.unplaced(b.body, "before the first heading"),
    "policy_title": _header(header_x.policy_title),
    "policy_name": _header(header_x.policy_name),
    "objectives": _header(header_x.objectives),
    "budget": _header(budget_x.budget),
    "policy_note": _header(header_x.policy_note),
    "result": _header(header_x.result),
    "rationale": _header(header_x.rationale),
    "summary": _header(header_x.summary),
    "comments": _header(header_x.comments),
    "department": _header(header_x.department),
    "evaluation_date": _header(header_x.evaluation_date),
    "field": _field,
    "overview": _overview,
    "related": _related,
    "measure": _measure,
    "mid_term": _needs_measure(lambda b, st, m: measure_x.mid_term(b, m)),
    "year_target": _needs_measure(_year_target),
    "progress": _needs_measure(_progress),
    "achievement": _needs_measure(lambda b, st, m: measure_x.achievement(b, m, st.diag)),
    "quant_table": _needs_measure(lambda b, st, m: quantitative(b, m, st.diag)),
    "reference": _reference,
    "evaluation": _evaluation,
    "analysis": _field_text("analysis"),
    "analysis_measure": lambda b, st: st.analyses.append(field_x.analysis_measure(b)),
    "direction": _field_text("policy_direction"),
    "direction_policy": _direction_policy,
    "direction_measures": _field_text("measures_direction"),
    "direction_measure": lambda b, st: st.directions.append(field_x.direction_measure(b)),
    "materials": _materials,
}


def run_blocks(blocks: list[Block], diag: Diagnostics, fragment: bool = False) -> State:
    """Hand every block to its handler; measures are not yet attached to fields."""
    st = State(policy=Policy(id=None, name=None), diag=diag, fragment=fragment)
    for block in blocks:
        HANDLERS[block.kind](block, st)
    return st


def build_policy(blocks: list[Block], diag: Diagnostics, fragment: bool = False) -> Policy:
    """The policy of a report's blocks; ``fragment``: the blocks are a range of its pages
    without the header, so fields are known by the numbers measures and headings name."""
    st = run_blocks(blocks, diag, fragment)
    _attach_measures(st)
    _attach_texts(st, st.analyses, "analysis")
    _attach_texts(st, st.directions, "next_direction")
    st.policy.fields = st.fields
    return st.policy


def _attach_measures(st: State) -> None:
    by_number = {f.number: f for f in st.fields}
    for m, container in st.measures:
        prefix = int(m.id.split("-")[0]) if "-" in m.id else None
        target = by_number.get(prefix) if prefix is not None else None
        if target is None and st.fragment and prefix is not None:
            target = by_number[prefix] = st.numbered_field(prefix, None)
        if target is None:
            target = container or st.current_field(None)
            if prefix is not None and not target.implicit:
                st.diag.warn(
                    FIELD_MISMATCH,
                    f"測定指標{m.id} names 個別分野{prefix}, which the report does not have",
                    m.location,
                )
        target.measures.append(m)
        if m.rating is None:
            st.diag.warn(MISSING_RATING, f"測定指標{m.id} has no 達成状況 rating", m.location)
        if not m.years:
            st.diag.warn(MISSING_PART, f"測定指標{m.id} has no yearly targets", m.location)


def _complete_wrapped_title(t: field_x.MeasureText, m: Measure) -> None:
    """A 次期目標等 heading can wrap: take the rest of the measure's title off the text."""
    head, full = make_key(t.title), make_key(m.title)
    if not t.text or head == full or not full.startswith(head):
        return
    rest = full[len(head) :]
    if make_key(t.text).startswith(rest):
        t.title = m.title
        t.text = after_key_prefix(t.text, rest) or None


def _attach_texts(st: State, texts: list[field_x.MeasureText], attr: str) -> None:
    measures = {m.id: m for m, _ in st.measures}
    for t in texts:
        m = measures.get(t.id)
        if m is None:
            st.diag.warn(
                UNKNOWN_MEASURE, f"{attr} text for 測定指標{t.id}, which has no heading", t.line
            )
            continue
        if attr == "next_direction":
            _complete_wrapped_title(t, m)
        if getattr(m, attr) is not None:
            setattr(m, attr, f"{getattr(m, attr)}\n{t.text or ''}".strip())
        else:
            setattr(m, attr, t.text)
        if attr == "next_direction":
            m.next_direction_title = t.title
            if make_key(t.title) != make_key(m.title):
                st.diag.warn(
                    RENAMED_MEASURE,
                    f"次期目標等 names 測定指標{t.id} 「{t.title}」, the measure is 「{m.title}」",
                    t.line,
                )

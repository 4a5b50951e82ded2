"""Pipeline stage 3: cut the normalised lines into documents and blocks.

A *block* is a heading line plus the body lines up to the next heading. Which
lines are headings is decided by the rules in ``RULES``, tried in order, each a
small function over the shared ``Cursor`` (the line, a look-ahead, and the
section the cursor is in). Context matters: ``個別分野１`` in the header's list of
measures is not a field heading, and a sentence that begins ``測定指標２－５…``
inside a 次期目標 text is not a measure heading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from hyoka_parse.source import Line

# --- key patterns (keys are NFKC-folded and have no spaces, see normalize.make_key) ---
# A heading number: more digits make no heading (and would overflow int(): issue 11).
NUM = r"\d{1,4}(?!\d)"
POLICY_TITLE = regex.compile(r"^施策(?P<roman>[IVXLⅠ-Ⅻ]+|\d+)-(?P<num>\d+)(?P<name>.*)$")
REPORT_TITLE = regex.compile(r"^(?P<title>(?:平成|令和)(?:元|\d+)年度政策評価書)$")
SHEET_START = regex.compile(r"^(?:別紙|【政策ごとの予算額】|政策評価調書)")
FIELD = regex.compile(r"^個別分野(?P<num>" + NUM + r")(?P<title>.*)$")
MEASURE = regex.compile(
    r"^測定指標(?P<field>" + NUM + r")(?:-(?P<num>" + NUM + r"))?(?P<title>.*)$"
)
MEASURE_FOLLOWER = regex.compile(r"^(?:[*＊]|中期目|\(注|\(出典|注:|※)")
MID_TERM = regex.compile(r"^中期目標\((?P<year>[^)]*)\)$")
YEAR_TARGET = regex.compile(r"^(?P<label>(?:昭和|平成|令和)(?:元|\d+)年度)目標$")
ACHIEVEMENT = regex.compile(r"年度目標の達成状況:(?P<rating>[a-eA-Es])$")
REFERENCE = regex.compile(r"^参考指標(?P<num>\d*):(?P<title>.*)$")
EVALUATION = regex.compile(r"^評価結果\(個別分野(?P<num>" + NUM + r")\)$")
ANALYSIS_MEASURE = regex.compile(
    r"^【測定指標(?P<field>" + NUM + r")(?:-(?P<num>" + NUM + r"))?(?P<title>.*)$"
)
DIRECTION_MEASURE = regex.compile(r"^(?P<field>" + NUM + r")-(?P<num>" + NUM + r")(?P<title>\D.*)$")
SUMMARY_START = regex.compile(r"^測定指標(?:の.*)?$")


@dataclass(slots=True)
class Block:
    kind: str
    head: Line
    body: list[Line] = field(default_factory=list)
    match: regex.Match | None = None

    @property
    def lines(self) -> list[Line]:
        return [self.head, *self.body]


@dataclass(slots=True)
class Region:
    """A document in the input: a policy report or a 別紙 budget sheet."""

    kind: str  # "policy" | "budget_sheet" | "unplaced"
    lines: list[Line]
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Cursor:
    """The shared state the rules look at."""

    lines: list[Line]
    i: int = 0
    zone: str = "header"  # "header" until the first field (or measure), then "body"
    section: str = ""  # the kind of the current block
    in_evaluation: bool = False  # inside 評価結果 … up to the next field
    in_direction_measures: bool = False  # inside 次期目標等 → 【測定指標】
    field_number: int | None = None
    evaluation_number: int | None = None  # the field its 評価結果(個別分野N) heading names
    measure_titles: dict[str, str] = field(default_factory=dict)  # id → title key, as seen

    @property
    def line(self) -> Line:
        return self.lines[self.i]

    @property
    def key(self) -> str:
        return self.lines[self.i].key

    def ahead(self, n: int) -> list[str]:
        return [ln.key for ln in self.lines[self.i + 1 : self.i + 1 + n]]

    def prev_ends_paragraph(self) -> bool:
        if self.i == 0:
            return True
        prev = self.lines[self.i - 1]
        if prev.text.rstrip().endswith(("。", "）", ")", "】")):
            return True
        return prev.para_end if prev.para_end is not None else prev.text != prev.text.rstrip()


Rule = Callable[[Cursor], "regex.Match | bool | None"]


def _is_field(c: Cursor) -> regex.Match | None:
    m = FIELD.match(c.key)
    if m and any(k.startswith("施策の概要") for k in c.ahead(3)):
        return m
    return None


def _is_measure(c: Cursor) -> regex.Match | None:
    m = MEASURE.match(c.key)
    if not m or "。" in c.key or c.section == "summary":
        return None
    if any(MEASURE_FOLLOWER.match(k) for k in c.ahead(3)):
        return m
    return None


def _is_direction_measure(c: Cursor) -> regex.Match | None:
    if not c.in_direction_measures:
        return None
    m = DIRECTION_MEASURE.match(c.key)
    if not m or "。" in c.key or len(c.key) > 80:
        return None
    named = {c.field_number, c.evaluation_number} - {None}
    if named and int(m["field"]) not in named:
        return None
    # A heading starts a paragraph; or it names a measure already seen, by its title.
    known = c.measure_titles.get(f"{int(m['field'])}-{int(m['num'])}", "")
    title = m["title"].lstrip("*＊")
    if known and title[:8] == known[:8]:
        return m
    return m if c.prev_ends_paragraph() else None


def _key_is(*keys: str) -> Rule:
    return lambda c: c.key in keys


def _key_starts(*prefixes: str) -> Rule:
    return lambda c: c.key.startswith(prefixes)


def _pattern(p: regex.Pattern) -> Rule:
    return lambda c: p.search(c.key)


def _header_only(rule: Rule) -> Rule:
    return lambda c: c.zone == "header" and rule(c)


def _body_only(rule: Rule) -> Rule:
    return lambda c: c.zone == "body" and rule(c)


def _summary_start(c: Cursor) -> regex.Match | bool | None:
    if c.zone != "header" or c.section == "summary":
        return None
    return SUMMARY_START.match(c.key) or FIELD.match(c.key)


def _budget_start(c: Cursor) -> bool:
    """施策の予算額・執行額等, or a table titled 同（…） (the second one, wherever it stands)."""
    if c.section == "budget":
        return False
    if c.key.startswith("施策の予算"):
        return True
    return c.key.startswith("同") and any(k.startswith("区分") for k in c.ahead(4))


def _evaluation_date(c: Cursor) -> bool:
    """政策評価実施時期, whose label cell wraps as 政策評価 / 実施時期."""
    return (
        c.zone == "header"
        and c.section != "evaluation_date"
        and bool(regex.match(r"^(?:政策評価$|政策評価実施時|実施時期)", c.key))
    )


# The rules, in the order they are tried. Each names the block kind it starts.
RULES: list[tuple[str, Rule]] = [
    ("field", _is_field),
    ("measure", _is_measure),
    ("policy_name", _header_only(_key_starts("施策名"))),
    ("objectives", _header_only(_key_starts("施策目標"))),
    ("budget", _header_only(_budget_start)),
    ("policy_note", _header_only(_pattern(regex.compile(r"^\((?:※|注\d*)\)")))),
    ("result", _header_only(_key_starts("目標達成度"))),
    ("rationale", _header_only(_key_is("(判断根拠)"))),
    ("summary", _summary_start),
    ("comments", _header_only(_key_starts("学識経験"))),
    ("department", _header_only(_key_starts("担当部局"))),
    ("evaluation_date", _evaluation_date),
    ("overview", _key_is("施策の概要")),
    ("related", _key_starts("関連する内閣の重要政策")),
    ("mid_term", _body_only(_pattern(MID_TERM))),
    ("year_target", _body_only(_pattern(YEAR_TARGET))),
    ("progress", _body_only(_key_is("施策の進捗状況・実績"))),
    ("achievement", _body_only(_pattern(ACHIEVEMENT))),
    (
        "quant_table",
        lambda c: c.section in ("measure", "quant_table_pre") and c.key.startswith("中期目"),
    ),
    ("reference", _body_only(_pattern(REFERENCE))),
    ("evaluation", _body_only(_pattern(EVALUATION))),
    ("analysis", _body_only(_key_is("施策の分析"))),
    ("analysis_measure", lambda c: c.in_evaluation and ANALYSIS_MEASURE.match(c.key)),
    ("direction", _body_only(_key_is("次期目標等への反映の方向性"))),
    ("direction_policy", lambda c: c.in_evaluation and c.key.startswith("【施策")),
    ("direction_measures", lambda c: c.in_evaluation and c.key == "【測定指標】"),
    ("direction_measure", _is_direction_measure),
    ("materials", _body_only(_key_is("作成にあたって使用した資料その他の情報"))),
]

# Block kinds that end the header zone: the report's per-field (or per-measure) part starts.
_BODY_START = {"field", "measure"}


def _classify(c: Cursor) -> tuple[str, regex.Match | None] | None:
    for kind, rule in RULES:
        hit = rule(c)
        if hit:
            return kind, hit if isinstance(hit, regex.Match) else None
    return None


def _update(c: Cursor, kind: str, m: regex.Match | None) -> None:
    if kind in _BODY_START:
        c.zone = "body"
    if kind == "field":
        c.field_number = int(m["num"]) if m else None
        c.in_evaluation = c.in_direction_measures = False
    elif kind in ("measure", "reference"):
        c.in_evaluation = c.in_direction_measures = False
        if kind == "measure" and m and m["num"]:
            c.measure_titles[f"{int(m['field'])}-{int(m['num'])}"] = m["title"]
    elif kind == "evaluation":
        c.in_evaluation = True
        c.evaluation_number = int(m["num"]) if m else None
    elif kind == "direction_measures":
        c.in_direction_measures = True
    elif kind in ("direction", "direction_policy", "materials"):
        c.in_direction_measures = False
    if kind == "materials":
        c.in_evaluation = False
    c.section = kind


def segment_blocks(lines: list[Line], first: Block, zone: str = "header") -> list[Block]:
    """Cut ``lines`` into blocks, starting inside ``first`` in ``zone``."""
    blocks = [first]
    c = Cursor(lines=lines, i=0, zone=zone, section=first.kind)
    while c.i < len(lines):
        hit = _classify(c)
        if hit:
            kind, m = hit
            _update(c, kind, m)
            blocks.append(Block(kind, c.line, match=m))
        else:
            blocks[-1].body.append(c.line)
        c.i += 1
    return blocks


def segment_policy(lines: list[Line]) -> list[Block]:
    """Cut one policy report (from its title line) into blocks."""
    title = Block("policy_title", lines[0], match=POLICY_TITLE.match(lines[0].key))
    return segment_blocks(lines[1:], title)


def _is_policy_title(lines: list[Line], i: int) -> bool:
    if not POLICY_TITLE.match(lines[i].key):
        return False
    near = lines[max(0, i - 3) : i + 4]
    return any(REPORT_TITLE.match(ln.key) for ln in near)


def split_regions(lines: list[Line]) -> list[Region]:
    """Split the input into 別紙 budget sheets and policy reports, in input order."""
    starts = [i for i in range(len(lines)) if _is_policy_title(lines, i)]
    regions: list[Region] = []
    prev = 0
    for n, start in enumerate(starts):
        # The report title may be printed just above the 施策 line: keep it with the policy.
        while start > prev and REPORT_TITLE.match(lines[start - 1].key):
            start -= 1
        regions.extend(_preamble_regions(lines[prev:start]))
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        policy_lines = lines[start:end]
        regions.append(Region("policy", policy_lines))
        prev = end
    if not starts:
        regions.extend(_preamble_regions(lines))
    for region in regions:
        if region.kind == "policy":
            region.blocks = segment_policy(_title_first(region.lines))
    return _move_trailing_sheets(regions)


def _title_first(lines: list[Line]) -> list[Line]:
    """Put the 施策 title line first (the report title may precede it)."""
    for i, ln in enumerate(lines):
        if POLICY_TITLE.match(ln.key):
            return [ln, *lines[:i], *lines[i + 1 :]]
    return lines


def _preamble_regions(lines: list[Line]) -> list[Region]:
    if not lines:
        return []
    for i, ln in enumerate(lines):
        if SHEET_START.match(ln.key):
            out = [Region("unplaced", lines[:i])] if i else []
            return [*out, Region("budget_sheet", lines[i:])]
    return [Region("unplaced", lines)]


def _move_trailing_sheets(regions: list[Region]) -> list[Region]:
    """A 別紙 sheet that starts inside the previous policy's tail becomes its own region."""
    out: list[Region] = []
    for region in regions:
        if region.kind == "policy" and region.blocks:
            tail = region.blocks[-1]
            for j, ln in enumerate(tail.body):
                if ln.key.startswith(("別紙", "【政策ごとの予算額】")):
                    out.append(region)
                    out.append(Region("budget_sheet", tail.body[j:]))
                    del tail.body[j:]
                    region.lines = [ln for b in region.blocks for ln in b.lines]
                    break
            else:
                out.append(region)
        else:
            out.append(region)
    return out

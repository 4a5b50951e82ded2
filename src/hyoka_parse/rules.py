"""What starts a block: the report's heading patterns and one small detector per kind.

Each detector looks at the shared ``Cursor`` (the line, a look-ahead, and the section the
cursor is in) and answers whether a block of its kind starts here. Context matters:
``個別分野１`` in the header's list of measures is not a field heading, and a sentence that
begins ``測定指標２－５…`` inside a 次期目標 text is not a measure heading. The detectors
are put in order, with their handlers, in ``sections.SECTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.normalize import make_key
from hyoka_parse.vocab import ERA_NAMES

# --- key patterns (keys are NFKC-folded and have no spaces, see normalize.make_key) ---
# A heading number: more digits make no heading (and would overflow int(): issue 11).
NUM = r"\d{1,4}(?!\d)"
POLICY_TITLE = regex.compile(r"^施策(?P<roman>[IVXLⅠ-Ⅻ]+|\d+)-(?P<num>\d+)(?P<name>.*)$")
REPORT_TITLE = regex.compile(rf"^(?P<title>(?:{ERA_NAMES})(?:元|\d+)年度政策評価書)$")
SHEET_START = regex.compile(r"^(?:別紙|【政策ごとの予算額】|政策評価調書)")
FIELD = regex.compile(r"^個別分野(?P<num>" + NUM + r")(?P<title>.*)$")
MEASURE = regex.compile(
    r"^測定指標(?P<field>" + NUM + r")(?:-(?P<num>" + NUM + r"))?(?P<title>.*)$"
)
# 中期 then a year: the grid's first cell cut in pieces, the year cells between them.
MEASURE_FOLLOWER = regex.compile(r"^(?:[*＊]|中期目|中期(?:平成|令和)|\(注|\(出典|注:|※)")
MID_TERM = regex.compile(r"^中期目標\((?P<year>[^)]*)\)$")
YEAR_TARGET = regex.compile(rf"^(?P<label>(?:{ERA_NAMES})(?:元|\d+)年度)目標$")
ACHIEVEMENT = regex.compile(r"年度目標の達成状況:(?P<rating>[a-eA-Es])$")
REFERENCE = regex.compile(r"^参考指標(?P<num>\d*):(?P<title>.*)$")
EVALUATION = regex.compile(r"^評価結果\(個別分野(?P<num>" + NUM + r")\)$")
ANALYSIS_MEASURE = regex.compile(
    r"^【測定指標(?P<field>" + NUM + r")(?:-(?P<num>" + NUM + r"))?(?P<title>.*)$"
)
DIRECTION_MEASURE = regex.compile(r"^(?P<field>" + NUM + r")-(?P<num>" + NUM + r")(?P<title>\D.*)$")
SUMMARY_START = regex.compile(r"^測定指標(?:の.*)?$")
# A row of the list of measures, by its key: ＊１－２ … (＊ for a main measure).
SUMMARY_MEASURE = regex.compile(r"^(?P<main>[*＊])?(?P<field>" + NUM + r")-(?P<num>" + NUM + r")")


class Kind(StrEnum):
    """The kinds of block a report is cut into (see ``sections.SECTIONS``)."""

    START = "start"  # lines before the first heading
    POLICY_TITLE = "policy_title"
    FIELD = "field"  # 個別分野
    MEASURE = "measure"  # 測定指標
    POLICY_NAME = "policy_name"  # 施策名
    OBJECTIVES = "objectives"  # 施策目標
    BUDGET = "budget"  # 施策の予算額・執行額等
    POLICY_NOTE = "policy_note"  # （※） / （注）
    RESULT = "result"  # 目標達成度合いの測定結果
    RATIONALE = "rationale"  # （判断根拠）
    SUMMARY = "summary"  # the list of measures and their ratings
    COMMENTS = "comments"  # 学識経験を有する者の知見の活用
    DEPARTMENT = "department"  # 担当部局名
    EVALUATION_DATE = "evaluation_date"  # 政策評価実施時期
    OVERVIEW = "overview"  # 施策の概要
    RELATED = "related"  # 関連する内閣の重要政策
    MID_TERM = "mid_term"  # 中期目標
    YEAR_TARGET = "year_target"  # 〇〇年度目標
    PROGRESS = "progress"  # 施策の進捗状況・実績
    ACHIEVEMENT = "achievement"  # 年度目標の達成状況 (the rating)
    QUANT_TABLE = "quant_table"  # 中期目標値 / 年度目標値 / 実績値 grid
    REFERENCE = "reference"  # 参考指標
    EVALUATION = "evaluation"  # 評価結果(個別分野N)
    ANALYSIS = "analysis"  # 施策の分析
    ANALYSIS_MEASURE = "analysis_measure"  # 【測定指標N-M …】
    DIRECTION = "direction"  # 次期目標等への反映の方向性
    DIRECTION_POLICY = "direction_policy"  # 【施策】
    DIRECTION_MEASURES = "direction_measures"  # 【測定指標】
    DIRECTION_MEASURE = "direction_measure"  # N-M title, under 【測定指標】
    MATERIALS = "materials"  # 作成にあたって使用した資料その他の情報
    PAGE_GAP = "page_gap"  # pages left out before this line (no heading: the segmenter's)


@dataclass(slots=True)
class Block:
    kind: Kind | str
    head: Line
    body: list[Line] = field(default_factory=list)
    match: regex.Match | None = None

    @property
    def lines(self) -> list[Line]:
        return [self.head, *self.body]


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

    def window(self, n: int, start: int = 0) -> str:
        """The keys of ``n`` lines from ``start`` lines on, joined: a heading or header cell
        wraps anywhere (中期 / 目標 / 値), so it is matched over a window of lines."""
        return "".join(ln.key for ln in self.lines[self.i + start : self.i + start + n])

    def continues_paragraph(self) -> bool:
        """Whether the layout says the line goes on the paragraph of the line before."""
        return self.i > 0 and self.lines[self.i - 1].para_end is False

    def prev_ends_paragraph(self) -> bool:
        if self.i == 0:
            return True
        prev = self.lines[self.i - 1]
        if prev.text.rstrip().endswith(("。", "）", ")", "】")):
            return True
        return prev.para_end if prev.para_end is not None else prev.text != prev.text.rstrip()


Rule = Callable[[Cursor], "regex.Match | bool | None"]


def is_field(c: Cursor) -> regex.Match | None:
    m = FIELD.match(c.key)
    if m and any(k.startswith("施策の概要") for k in c.ahead(3)):
        return m
    return None


def is_measure(c: Cursor) -> regex.Match | None:
    m = MEASURE.match(c.key)
    if not m or "。" in c.key or c.section == Kind.SUMMARY:
        return None
    if any(MEASURE_FOLLOWER.match(c.window(3, k)) for k in (1, 2, 3)):
        return m
    if any(_first_pieces(c, 3, k).startswith("中期目標値") for k in (1, 2, 3)):
        return m  # its grid's first cell wrapped, its other cells beside it
    return None


def is_direction_measure(c: Cursor) -> regex.Match | None:
    if not c.in_direction_measures:
        return None
    m = DIRECTION_MEASURE.match(c.key)
    # The heading ends at the main measure's mark: pdfium may print the paragraph's first
    # line after it (extract.field.direction_measure).
    heading = c.key.partition("*")[0]
    if not m or "。" in heading or len(heading) > 80:
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


def key_is(*keys: str) -> Rule:
    return lambda c: c.key in keys


def key_starts(*prefixes: str) -> Rule:
    return lambda c: c.key.startswith(prefixes)


def pattern(p: regex.Pattern) -> Rule:
    return lambda c: p.search(c.key)


def label_word(*labels: str) -> Rule:
    """A label cell's text at the line's start: the key starts with one of ``labels`` and,
    in the text, the label ends where a cell ends (a space, the line's end, a bracket). A
    sentence that begins with the same word is no label: a comment wrapped before
    施策目標に人権・民主主義をめぐる… (every narrow rendition) would start the objectives."""

    def rule(c: Cursor) -> bool:
        return any(c.key.startswith(label) and _ends_cell(c.line.text, label) for label in labels)

    return rule


def _ends_cell(text: str, label: str) -> bool:
    """Whether the characters of ``label`` (a key) at the start of ``text`` end at a cell
    boundary. Spaces inside the label (担　当　部　局　名) are skipped as the key skips them."""
    for i in range(len(text) + 1):
        if len(make_key(text[:i])) >= len(label):
            rest = text[i:]
            return not rest or rest[0].isspace() or rest[0] in "（(【"
    return False


def header_only(rule: Rule) -> Rule:
    """A label of the header's form: in the header zone, and not inside a running
    paragraph (a comment that goes on overleaf with 施策目標に… is no 施策目標 label)."""
    return lambda c: c.zone == "header" and not c.continues_paragraph() and rule(c)


def body_only(rule: Rule) -> Rule:
    return lambda c: c.zone == "body" and rule(c)


def summary_start(c: Cursor) -> regex.Match | bool | None:
    if c.zone != "header" or c.section == Kind.SUMMARY:
        return None
    return SUMMARY_START.match(c.key) or FIELD.match(c.key)


_POLICY_NOTE = regex.compile(r"^\((?:※|注\d*)\)")
_BARE_NOTE_MARK = regex.compile(r"^\(注\d*\)$")


def policy_note_start(c: Cursor) -> bool:
    """（※） / （注１） starting a note under the header's form. A bare （注２） inside the
    list of measures with list rows after it is the end of the list's vertical label
    (測定指標の…達成状況（注２）), which pdfplumber prints between two rows (Chromium,
    IPAPMincho)."""
    if not _POLICY_NOTE.search(c.key):
        return False
    if c.section == Kind.SUMMARY and _BARE_NOTE_MARK.match(c.key):
        return not any(SUMMARY_MEASURE.match(k) or FIELD.match(k) for k in c.ahead(3))
    return True


def budget_start(c: Cursor) -> bool:
    """施策の予算額・執行額等, or a table titled 同（…） (the second one, wherever it stands)."""
    if c.section == Kind.BUDGET:
        return False
    if c.key.startswith("施策の予算"):
        return True
    # The label cell wraps anywhere in narrow cells (施策の予 / 算額・執 / 行額等, Chromium),
    # then its grid follows; text read column by column may print the pieces far from it.
    if c.key.startswith("施策の") and c.window(3).startswith("施策の予算額"):
        return any(k.startswith("区分") for k in c.ahead(8))
    return c.key.startswith("同") and any(k.startswith("区分") for k in c.ahead(4))


def evaluation_date(c: Cursor) -> bool:
    """政策評価実施時期, whose label cell wraps as 政策評価 / 実施時期."""
    return (
        c.zone == "header"
        and c.section != Kind.EVALUATION_DATE
        and bool(regex.match(r"^(?:政策評価$|政策評価実施時|実施時期)", c.key))
    )


# --- what the cursor learns when a block starts (a section's ``enter`` hook) ---

Enter = Callable[[Cursor, "regex.Match | None"], None]


def enter_field(c: Cursor, m: regex.Match | None) -> None:
    c.zone = "body"
    c.field_number = int(m["num"]) if m else None
    c.in_evaluation = c.in_direction_measures = False


def enter_measure(c: Cursor, m: regex.Match | None) -> None:
    c.zone = "body"
    c.in_evaluation = c.in_direction_measures = False
    if m and m["num"]:
        c.measure_titles[f"{int(m['field'])}-{int(m['num'])}"] = m["title"]


def enter_reference(c: Cursor, m: regex.Match | None) -> None:
    c.in_evaluation = c.in_direction_measures = False


def enter_evaluation(c: Cursor, m: regex.Match | None) -> None:
    c.in_evaluation = True
    c.evaluation_number = int(m["num"]) if m else None


def enter_direction_measures(c: Cursor, m: regex.Match | None) -> None:
    c.in_direction_measures = True


def leave_direction_measures(c: Cursor, m: regex.Match | None) -> None:
    c.in_direction_measures = False


def enter_materials(c: Cursor, m: regex.Match | None) -> None:
    c.in_evaluation = c.in_direction_measures = False


def is_quant_table(c: Cursor) -> bool:
    """The grid of a quantitative measure: 中期目標値 right after the measure heading."""
    if c.section != Kind.MEASURE:
        return False
    return c.window(3).startswith("中期目") or _first_pieces(c, 3).startswith("中期目標値")


def _first_pieces(c: Cursor, n: int, start: int = 0) -> str:
    """The first pieces of ``n`` lines from ``start`` lines after the cursor's on, their
    keys joined: a grid's first cell wrapped into pieces at the starts of the header's
    lines, the other cells' pieces beside them (``中期 平成30年度 令和元年度 …`` /
    ``目標 30・令和`` / ``値 元・令和``: pdfplumber, LibreOffice, Noto Sans CJK JP, very narrow
    columns; held-out set 20)."""
    lines = [ln.text.split() for ln in c.lines[c.i + start : c.i + start + 2 * n]]
    return "".join([make_key(words[0]) for words in lines if words][:n])


def is_analysis_measure(c: Cursor) -> regex.Match | None:
    return ANALYSIS_MEASURE.match(c.key) if c.in_evaluation else None


def in_evaluation_starting(prefix: str) -> Rule:
    return lambda c: c.in_evaluation and c.key.startswith(prefix)


def in_evaluation_is(key: str) -> Rule:
    return lambda c: c.in_evaluation and c.key == key

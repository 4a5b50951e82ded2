"""Warnings with stable codes, each pointing at the line (and page) it is about."""

from __future__ import annotations

from dataclasses import dataclass, field

from hyoka_parse.layout.model import Line
from hyoka_parse.models import Furniture, Location, ParseWarning

# Stable warning codes (documented in the README).
RATING_MISMATCH = "rating_mismatch"  # the summary list and the measure disagree on the rating
MAIN_MISMATCH = "main_mismatch"  # … or on ＊ (主要な測定指標)
TITLE_MISMATCH = "title_mismatch"  # … or on the title
LABEL_MISMATCH = "label_mismatch"  # a heading names another 個別分野 than the one it is in
SUM_MISMATCH = "sum_mismatch"  # (a)+(b)+(c) ≠ 合計, or items ≠ 合計 on a budget sheet
NUMBERING_GAP = "numbering_gap"  # measures or fields skip a number
DUPLICATE_ID = "duplicate_id"  # the same measure id twice
UNPARSED_TABLE = "unparsed_table"  # a table whose cells could not be placed
UNPLACED_TEXT = "unplaced_text"  # text that belongs to no known part of the report
MISSING_RATING = "missing_rating"  # a measure without its 達成状況
MISSING_PART = "missing_part"  # a part the report format has is absent
UNKNOWN_MEASURE = "unknown_measure"  # a reference (summary, 分析, 次期目標) to no measure
FIELD_MISMATCH = "field_mismatch"  # a measure's number names another field than it sits in
LOST_HEADING = "lost_heading"  # a 個別分野 without heading, found by the order of its parts
RENAMED_MEASURE = "renamed_measure"  # 次期目標等 names the measure differently (next period)
NO_POLICY = "no_policy"  # the input holds no 政策評価書
CUT_ROW = "cut_row"  # a table row the input's last page cuts: its unfinished cells are null
CUT_TABLE = "cut_table"  # a table the page's CropBox cuts through: its values are left null
CUT_TEXT = "cut_text"  # a text the input's last page cuts mid-sentence: kept, but incomplete
UNMAPPED_GLYPHS = "unmapped_glyphs"  # glyphs without a Unicode mapping ((cid:NNN)), shown as �
NO_TABLE_RULES = "no_table_rules"  # a PDF page with text but no ruling lines: tables not read
SIDEWAYS_PAGE = "sideways_page"  # a PDF page whose text runs sideways: not read as a table
NUMBER_TOO_LARGE = "number_too_large"  # a value with more digits than a JSON number keeps
UNDECODABLE_BYTES = "undecodable_bytes"  # bytes of the text replaced with U+FFFD
HARD_WRAPPED = "hard_wrapped"  # a text cut at a fixed width: numbers the wrap cut are joined
NO_PAGE_BREAKS = "no_page_breaks"  # a long text without form feeds or page numbers to infer them
PAGE_GAP = "page_gap"  # pages left out or out of order: nothing runs on across the gap
BOX_ORDER = "box_order"  # a text in its extractor's box order: tables' cells are left out
MISSING_PAGE_BREAKS = "missing_page_breaks"  # a marked page longer than pages are: breaks lost

#: Every stable code above (the JSON Schema's enum for a warning's code).
WARNING_CODES = frozenset(
    value for name, value in dict(globals()).items() if name.isupper() and isinstance(value, str)
)


def location(where: Line | Location | None) -> Location:
    if where is None:
        return Location()
    if isinstance(where, Location):
        return where.model_copy()
    return Location(page=where.page, line=where.no or None)  # 0: no line (a page-level note)


@dataclass
class Diagnostics:
    warnings: list[ParseWarning] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)

    def warn(self, code: str, message: str, where: Line | Location | None) -> None:
        self.warnings.append(ParseWarning(code=code, message=message, location=location(where)))

    def unplaced(self, lines: list[Line], where: str) -> None:
        """Report lines no extractor could place, one warning per run of lines."""
        if not lines:
            return
        text = "".join(ln.text.strip() for ln in lines)
        preview = text if len(text) <= 60 else text[:57] + "…"
        self.warn(
            UNPLACED_TEXT, f"{where}: could not place {len(lines)} line(s): {preview}", lines[0]
        )

    def drop(self, kind: str, line: Line, text: str) -> None:
        self.furniture.append(Furniture(kind=kind, text=text, location=location(line)))

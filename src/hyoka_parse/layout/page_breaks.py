"""Tables that a page break splits, joined before anything is read from them.

Word and LibreOffice let a table row break across pages: the row's cells go on at the top
of the next page, under the same column rules, and columns whose text ended before the
break go on empty (measure 7-3's grid; 参考指標４, whose source cell runs on overleaf;
lo-page-81 in ``shared/cases/producers``). A long table may also print its header row
again on the next page. Both are undone here, on the pages' layouts, so that extractors see
one row and one header.

A continuation is joined only when the evidence says it is one: the first row of the next
page's first table lines up edge for edge with the cells at the foot of the last table of
the page before, some column ended before the break (cut text, empty continuation), and
some cut cell stops mid-sentence at the foot of its box. A new row that merely has the same
columns (the next budget row) is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from hyoka_parse.diagnostics import CUT_ROW, CUT_TEXT
from hyoka_parse.layout.labels import is_label
from hyoka_parse.layout.model import Cell, Table
from hyoka_parse.layout.pdf_page import (
    ITEM_MARKS,
    CellKey,
    Out,
    PageResult,
    PLine,
    cell_key,
    is_datum,
    runs_on,
)
from hyoka_parse.layout.table_finder import DEFAULT_SNAP_TOLERANCE
from hyoka_parse.text import SENTENCE_END, join_cell
from hyoka_parse.vocab import CANNOT_START, FULL_STOPS, OPENING_BRACKETS, STRICT_ONLY

# PDF points: cell edges this close are the same column rule. The table finder snaps rules
# within its tolerance to one position per page, so a rule may move that far toward another
# table's (5-4's header rules at 321.7, 5-3's at 319.3 on one page, 321.7 alone overleaf:
# LibreOffice, IPAGothic, extra-wide label columns; held-out set 12).
_EDGE = float(DEFAULT_SNAP_TOLERANCE)
_CLOSED = (*SENTENCE_END, "】", "』")
_CLOSING = tuple(c for c in _CLOSED if c not in FULL_STOPS)


def _top_level(res: PageResult) -> list[Table]:
    return [t for t in res.tables if t.nested_in is None]


def _holds_tables(res: PageResult, cell: Cell) -> bool:
    return any(t.nested_in == (cell.table, cell.row, cell.col) for t in res.tables)


def _text(res: PageResult, cell: Cell) -> str:
    return join_cell([ln.text for ln in res.cell_lines.get(cell_key(cell), [])])


def _last_table(res: PageResult) -> Table | None:
    tables = _top_level(res)
    if not tables:
        return None
    last = max(tables, key=lambda t: t.box[3])
    below = [ln for ln, _ in res.free_lines if ln.top > last.box[3]]
    return None if below else last


def _first_table(res: PageResult) -> Table | None:
    tables = _top_level(res)
    if not tables:
        return None
    first = min(tables, key=lambda t: t.box[1])
    above = [ln for ln, _ in res.free_lines if ln.bottom < first.box[1]]
    return None if above else first


def _aligned(upper: list[Cell], lower: list[Cell]) -> list[tuple[Cell, Cell]] | None:
    """Pair cells with the same left and right rules; None unless every cell pairs."""
    if len(upper) != len(lower):
        return None
    pairs = []
    for a, b in zip(
        sorted(upper, key=lambda c: c.box[0]),  # type: ignore[index]
        sorted(lower, key=lambda c: c.box[0]),  # type: ignore[index]
        strict=True,
    ):
        if abs(a.box[0] - b.box[0]) > _EDGE or abs(a.box[2] - b.box[2]) > _EDGE:  # type: ignore[index]
            return None
        pairs.append((a, b))
    return pairs


def _goes_on(
    here: PageResult, a: Cell, there: PageResult, b: Cell, alone: bool = False
) -> bool:
    """Whether cell ``b`` at the top of the next page goes on with the text of cell ``a``
    at the foot of this one: ``a``'s text runs down to the foot of its box, stops
    mid-sentence, and its last line is full: what starts ``b`` would not have fitted on it
    (so the line wrapped, as a paragraph's lines do). ``alone``: ``b`` is the only cell of
    its row with text; then a closing bracket is no end (``…（注：27,28年度は無投票採択）`` /
    ``より多くの賛成票を確保する。``: 7-3's target cut after the bracket; LibreOffice,
    TakaoMincho, US Letter; held-out set 12), a full stop before it still is (``…。）``)."""
    lines = here.cell_lines.get(cell_key(a), [])
    more = there.cell_lines.get(cell_key(b), [])
    if not lines or not more or a.box is None:
        return False
    last = lines[-1]
    # Widths, not right edges: a centred cell's lines are full as wide as its widest. Every
    # cell between the same rules, on both pages, shows the width a line can take (a note
    # cell cut after its first line; a summary title cut where its row breaks).
    seen = [*_column_lines(here, a), *_column_lines(there, b)]
    width = max(ln.x1 - ln.x0 for ln in seen) if len(seen) > 1 else a.box[2] - a.box[0] - 4
    filled = a.box[3] - last.bottom < _room_for_a_line(lines, a.box[1])
    first = more[0].first * _unbreakable(more[0].text)
    full = (last.x1 - last.x0) + first > width + 0.5
    values = is_datum(_text(here, a)) or is_datum(_text(there, b))  # a value is a cell's all
    ends = _ends(last.text) and not (alone and _bracket_end(last.text))
    return filled and full and not values and not ends


def _bracket_end(text: str) -> bool:
    """A line that ends in a closing bracket with no full stop before it (``採択）``)."""
    text = text.rstrip()
    return text.endswith(_CLOSING) and not text[:-1].endswith(FULL_STOPS)


def _unbreakable(text: str) -> int:
    """How many characters start ``text`` that one line must hold together: the first; an
    opening bracket with the character after it (行末禁則, JIS X 4051); and the characters
    after them that cannot start a line (行頭禁則: ``択）`` went overleaf whole, leaving ``採``
    alone on a line of a two-character column: 7-3's cell, LibreOffice, Noto Sans CJK, wide;
    held-out set 10)."""
    n = 2 if text[:1] in OPENING_BRACKETS and len(text) > 1 else 1
    while n < len(text) and text[n] in CANNOT_START and text[n] not in STRICT_ONLY:
        n += 1
    return n


def _room_for_a_line(lines: list[PLine], top: float) -> float:
    """The space below a cell's last line that another line would have needed: the cell's
    inset (its first line's distance from the cell's top: padding and half the leading, the
    same at the foot) and a line pitch, with half a font size to spare for the glyph boxes.
    Cells set with a wide line pitch (Chromium: 1.4 font sizes, and padding) leave more than
    1.5 font sizes below a last line that filled the cell; at least that much always counts."""
    last = lines[-1]
    pitch = last.top - lines[-2].top if len(lines) > 1 else 1.5 * last.size
    inset = max(0.0, lines[0].top - top)
    return max(1.5 * last.size, inset + pitch + 0.5 * last.size)


def _column_lines(res: PageResult, cell: Cell) -> list[PLine]:
    """The lines of every cell on the page between the same column rules as ``cell``."""
    x0, _, x1, _ = cell.box  # type: ignore[misc]
    return [
        ln
        for t in res.tables
        for c in t.cells
        if abs(c.box[0] - x0) <= _EDGE and abs(c.box[2] - x1) <= _EDGE  # type: ignore[index]
        for ln in res.cell_lines.get(cell_key(c), [])
    ]


def _ends(text: str) -> bool:
    """Whether a line ends a text: at a sentence end, or on a value (…出席回数 ｂ)."""
    last = text.split()[-1:]
    return text.rstrip().endswith(_CLOSED) or bool(last and is_datum(last[0]))


def _drop_row(table: Table, cells: list[Cell]) -> None:
    keys = {cell_key(c) for c in cells}
    table.cells = [c for c in table.cells if cell_key(c) not in keys]


def _repeated_header(
    here: PageResult, cut: Table, there: PageResult, first: list[Cell]
) -> str | None:
    """The text of ``first`` when it prints a header row of ``cut`` again: one of its first
    two rows, with two or more cells (a single text cell may well say the same again)."""
    texts = [_text(there, c) for c in sorted(first, key=lambda c: c.box[0])]  # type: ignore[index]
    if len(first) < 2 or not any(texts):
        return None
    for row in range(min(2, cut.n_rows)):
        cells = [c for c in cut.cells if c.row == row]
        pairs = _aligned(cells, first)
        if pairs and [_text(here, a) for a, _ in pairs] == texts:
            return " ".join(t for t in texts if t)
    return None


def _continues(here: PageResult, there: PageResult, pairs: list[tuple[Cell, Cell]]) -> bool:
    """A whole row goes on: some column ended before the break, some goes on after it, and
    no column holds a value on both sides (a value is a cell's all, so two values under one
    column rule are two rows: budget rows (b) and (c) either side of a break, beside the
    label over the rows that does go on; LibreOffice, HanaMinA, extra-wide label columns;
    held-out set 17 read them as one row, ``220△217``)."""
    ended = any(_text(here, a) and not _text(there, b) for a, b in pairs)
    alone = sum(1 for _, b in pairs if _text(there, b)) == 1
    goes_on = any(_goes_on(here, a, there, b, alone) for a, b in pairs)
    nested = any(_holds_tables(here, a) or _holds_tables(there, b) for a, b in pairs)
    two_rows = any(is_datum(_text(here, a)) and is_datum(_text(there, b)) for a, b in pairs)
    return ended and goes_on and not nested and not two_rows


def _spanning_pairs(
    here: PageResult, cut: Table, there: PageResult, cont: Table
) -> list[tuple[Cell, Cell]]:
    """Cells that go on alone: where the break falls inside cells that span rows (a note
    beside a grid, a header over two rows), the rest of the next page's row is new, and
    only those cells go on, each in the cell under the same rules."""
    foot = [c for c in cut.cells if c.box[3] >= cut.box[3] - _EDGE]  # type: ignore[index]
    top = [c for c in cont.cells if c.box[1] <= cont.box[1] + _EDGE]  # type: ignore[index]
    pairs = []
    for a in foot:
        for b in top:
            same = abs(a.box[0] - b.box[0]) <= _EDGE and abs(a.box[2] - b.box[2]) <= _EDGE  # type: ignore[index]
            nested = _holds_tables(here, a) or _holds_tables(there, b)
            if same and not nested and _goes_on(here, a, there, b):
                pairs.append((a, b))
    return pairs


def _merge(here: PageResult, there: PageResult, pairs: list[tuple[Cell, Cell]]) -> None:
    for a, b in pairs:
        more = there.cell_lines.pop(cell_key(b), [])
        if more:
            key: CellKey = cell_key(a)
            here.cell_lines[key] = [*here.cell_lines.get(key, []), *more]
        if b.row_span > 1 and is_label(_text(here, a)):
            # a label cell beside rows overleaf labels the row above the break too: its
            # first piece (予算の, the rest 状況(百万円) overleaf) is no cell of that row's
            # data (LibreOffice, Noto Sans Mono CJK HK; held-out set 15: 当初予算 was lost)
            a.row_span += b.row_span - 1


def _facing(
    results: list[PageResult], numbers: Sequence[int]
) -> list[tuple[int, PageResult, PageResult]]:
    """Pairs of pages that follow each other in the document: (the second's number, …)."""
    pages = list(zip(numbers, results, strict=True))
    return [(n2, a, b) for (n1, a), (n2, b) in pairwise(pages) if n2 == n1 + 1]


def join_tables(results: list[PageResult], numbers: Sequence[int]) -> list[tuple[str, int, str]]:
    """Join rows split by page breaks and drop header rows printed again, in place;
    ``numbers`` are the pages' 1-based numbers (only facing pages join). Returns what was
    dropped as furniture: ``(kind, page number, text)``."""
    dropped: list[tuple[str, int, str]] = []
    # From the last page back: a cell that runs over three pages has taken the third
    # page's part before it goes to the first.
    for page_no, here, there in reversed(_facing(results, numbers)):
        cut, cont = _last_table(here), _first_table(there)
        if cut is None or cont is None:
            continue
        first = [c for c in cont.cells if c.box[1] <= cont.box[1] + _EDGE]  # type: ignore[index]
        repeated = _repeated_header(here, cut, there, first)
        if repeated is not None:
            cut.continues = True
            _drop_row(cont, first)
            dropped.insert(0, ("repeated_header", page_no, repeated))
            continue
        foot = [c for c in cut.cells if c.box[3] >= cut.box[3] - _EDGE]  # type: ignore[index]
        pairs = _aligned(foot, first)
        if pairs and _continues(here, there, pairs):
            cut.continues = True
            _merge(here, there, pairs)
            _drop_row(cont, first)
        elif pairs := _spanning_pairs(here, _foot_grid(here, cut), there, cont):
            cut.continues = True
            _merge(here, there, pairs)
            _drop_row(cont, [b for _, b in pairs])
    return dropped


def _foot_grid(res: PageResult, table: Table) -> Table:
    """The grid nested at the foot of ``table`` when the page ends inside it (the measure
    summary nested in its 評価結果 cell, a title cut where its row breaks; overleaf the
    grid goes on as a table of its own), else ``table``: nothing of the holding cell
    stands below the grid."""
    for inner in res.tables:
        if inner.nested_in is None or inner.nested_in[0] != table.id:
            continue
        holder = next(c for c in table.cells if cell_key(c) == inner.nested_in)
        below = [ln for ln in res.cell_lines.get(cell_key(holder), []) if ln.top > inner.box[3]]
        if holder.box[3] >= table.box[3] - _EDGE and not below:  # type: ignore[index]
            return _foot_grid(res, inner)
    return table


def run_on(results: list[PageResult], numbers: Sequence[int]) -> None:
    """A paragraph cut by the page end runs on when its next line would not have fitted."""
    for _, here, there in _facing(results, numbers):
        cut = here.lines[-1] if here.lines else None
        if cut and cut.overleaf and there.lines and runs_on(cut, there.lines[0]):
            cut.para_end = False


_NARROW = 4  # font sizes: a cell this narrow cannot keep kinsoku, and is no evidence
# What no level of 行頭禁則 starts a line with (、。）…): a full line followed by one of them is
# evidence against kinsoku; a small kana or ー is not (CSS ``line-break: normal`` allows it).
_AGAINST_EVERY_LEVEL = "".join(c for c in CANNOT_START if c not in STRICT_ONLY + ITEM_MARKS)


def _kinsoku_evidence(lines: list[PLine]) -> tuple[int, int]:
    """(breaks against 行頭禁則, breaks that keep it) among one cell's lines: a full line
    followed by one that starts with a character no level of it lets start a line (、。）…), and
    a line cut short by a character or two whose next line has such a character second
    (the character before it was pushed down with it: 追い出し)."""
    width = max(ln.x1 - ln.x0 for ln in lines)
    against = keeps = 0
    for a, b in pairwise(lines):
        if width < _NARROW * a.size:
            break
        room = width - (a.x1 - a.x0)
        first, second = b.text[:1], b.text[1:2]
        if room < a.size and first in _AGAINST_EVERY_LEVEL:
            against += 1
        pushed = 0.6 * a.size <= room < 2.5 * a.size and not a.text.endswith(SENTENCE_END)
        if pushed and second and second in CANNOT_START and second not in ITEM_MARKS:
            keeps += 1
    return against, keeps


def mark_kinsoku(results: list[PageResult]) -> None:
    """Mark every page with whether the document's producer keeps 行頭禁則 (JIS X 4051):
    Word and LibreOffice never start a wrapped line with 、。）ー or ・, and push the
    character before down instead; reportlab's CJK wrap starts lines with them. Where the
    producer keeps it, a line that starts with ・ after a full line starts a list item.
    The evidence is the whole document's: breaks that keep it must outnumber those
    against it four to one (and be two or more), else ・ lines are read as before."""
    against = keeps = 0
    for res in results:
        for lines in res.cell_lines.values():
            if len(lines) > 1:
                a, k = _kinsoku_evidence(lines)
                against, keeps = against + a, keeps + k
    kinsoku = keeps >= 2 and 4 * against <= keeps
    for res in results:
        res.kinsoku = kinsoku


_FOOT = 0.85  # share of the page height below which a table reaches the foot of the page


def cut_at_end(last: PageResult) -> tuple[Out, str, str] | None:
    """Where the input ends inside a table (a fragment's last page): the last line, the
    warning code and its message. A grid row that reaches the foot of the page with a
    cell that stops mid-sentence has that cell marked ``cut`` (its value is left out); a
    text cell that does is kept, and said to be incomplete."""
    out = last.lines[-1] if last.lines else None
    if out is None or out.bbox is None or out.bbox[3] < _FOOT * last.height:
        return None
    if out.cut and out.cells:
        unfinished = [
            c
            for c in out.cells
            if c.filled and not is_datum(c.text) and not c.text.endswith(SENTENCE_END)
        ]
        for c in unfinished:
            c.cut = True
        message = (
            "a table row runs to the foot of the input's last page and may go on in a page "
            "the input does not have; its unfinished cells are left out"
        )
        return (out, CUT_ROW, message) if unfinished else None
    if out.overleaf and not _ends(out.text):
        message = (
            "a text runs to the foot of the input's last page mid-sentence: it may go on in a "
            "page the input does not have, and ends here"
        )
        return out, CUT_TEXT, message
    return None

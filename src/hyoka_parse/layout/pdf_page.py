"""One PDF page → tables of cells and lines in reading order.

A 政策評価書 is a Word (or office-suite) document exported to PDF: nearly everything sits
in ruled table cells, and grids (budget, 参考指標, 年度目標値 / 実績値, the list of measures)
may be nested inside a cell of the form. The page is read in four steps:

1. ``find_tables``: the ruled tables, from pdfplumber's table-finding functions
   (``layout.table_finder``) over the rules an engine found (``layout.page_objects``),
   as ``Table`` objects
   whose ``Cell`` objects know their row, column, spans and box; a table that sits inside
   another table's cell is marked ``nested_in`` it.
2. ``_assign``: each character goes to the innermost cell that holds its centre.
3. each cell's characters become visual lines (``_lines``).
4. ``_Emitter`` walks the top-level tables and the free lines top to bottom. A cell is read
   by its *content*, never by its width: a column of single characters is a vertical label
   (furniture); a cell whose text is one of the form's labels (``labels.is_label``) is one
   line; a row of data cells (three or more, or two where one is a value such as a rating
   letter) is one line carrying its cells; any other cell keeps its lines, each marked with
   whether a paragraph ends there.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from math import isfinite
from operator import attrgetter
from statistics import median
from typing import Any

import regex

from hyoka_parse.diagnostics import NO_TABLE_RULES
from hyoka_parse.layout.labels import is_label, is_vertical_label
from hyoka_parse.layout.model import Box, Cell, Table, union
from hyoka_parse.layout.page_crop import drop_cut_values
from hyoka_parse.layout.page_objects import Char, PageObjects, levelled
from hyoka_parse.layout.table_finder import (
    cells_to_tables,
    edges_to_intersections,
    filter_edges,
    intersections_to_cells,
    merge_edges,
    obj_to_edges,
)
from hyoka_parse.text import item_number, join_cell
from hyoka_parse.values import parse_rating, parse_value
from hyoka_parse.vocab import (
    CANNOT_START,
    FULL_DOT,
    MIDDLE_DOT,
    OPENING_BRACKETS,
    SENTENCE_END,
    fold_text,
)

GRID_CELLS = 3  # a row with this many data cells is a row of a data grid
_PAGE_NUMBER = regex.compile(r"^[-－‐―\s]*[0-9０-９]{1,4}[-－‐―\s]*$")
_EPS = 0.5  # PDF points: boxes that differ by less are the same line
# What starts a note or a source in a cell beside a grid (（注）, （出典：…）, ※, ＊, ①).
_NOTE_START = regex.compile(r"^[\s\u3000]*(?:[（(](?:注|出典)|※|＊|[①-⑳])")
_SIDE_NOTE = regex.compile(r"^[\s\u3000]*[（(](?:注|出典)")
# Font sizes: a longer unbreakable start (（https://…）) is no evidence that a line was full.
_LEAD_MAX = 6
ITEM_MARKS = "・"  # what starts a list item and never a wrapped line, under 行頭禁則


@dataclass(slots=True)
class PLine:
    """A visual line inside one cell (or outside any table)."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    first: float  # width of what starts the line: a Latin word, or one character
    bottom: float = 0.0
    lead: float = 0.0  # width of what cannot be broken at the line's start (_lead_width)

    @property
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Out:
    """A line as the page gives it to the segmenter."""

    text: str
    para_end: bool | None = None
    cells: list[Cell] | None = None
    bbox: Box | None = None
    first: float = 0.0  # width of what starts the line (see PLine.first)
    # The last line of a cell the page cuts: (room left on it, font size). Whether the
    # paragraph runs on is decided with the next page's first line in view.
    overleaf: tuple[float, float] | None = None
    cut: bool = False  # a grid row that reaches the foot of the page: it may go on overleaf


@dataclass(slots=True)
class PageResult:
    lines: list[Out] = field(default_factory=list)
    furniture: list[tuple[str, str, Box | None]] = field(default_factory=list)  # kind, text, box
    free: list[tuple[int, str, int]] = field(default_factory=list)  # (index, text, top)
    regions: list[tuple[str, Box]] = field(default_factory=list)  # cells by how they were read
    tables: list[Table] = field(default_factory=list)
    cell_lines: dict[CellKey, list[PLine]] = field(default_factory=dict)  # each cell's lines
    free_lines: list[tuple[PLine, bool]] = field(default_factory=list)  # (line, paragraph ends)
    leading: float = 1.5  # the page's usual line spacing, in font sizes
    chars: int = 0
    height: float = 0.0
    # The producer keeps 行頭禁則, so a line it starts with ・ starts a list item
    # (page_breaks.mark_kinsoku, from the whole document).
    kinsoku: bool = False
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)


def _first_width(chars: list[Char]) -> float:
    """Width of the line's first Latin word, or of its first character."""
    end = 0
    while end < len(chars) and chars[end].text.isascii() and chars[end].text.strip():
        end += 1
    last = chars[max(end, 1) - 1]
    return last.x1 - chars[0].x0


_FULL_WIDTH = 0.75  # of the font size: a glyph this wide is a full-width one
_FOLDED: dict[str, str] = {}  # glyph text → fold_text of it (glyphs repeat on every page)


def _fold_glyph(text: str) -> str:
    folded = _FOLDED.get(text)
    if folded is None:
        folded = fold_text(text)
        if len(_FOLDED) < 65_536:
            _FOLDED[text] = folded
    return folded


def _lead_width(chars: list[Char]) -> float:
    """Width of what a producer that keeps kinsoku (JIS X 4051) cannot break at the line's
    start: opening brackets with what follows them, a Latin word or one character, and the
    closing brackets and stops after it (、。）ー… never start a line, so they go down with
    the character before them: 追い出し)."""
    n = len(chars)
    i = 0
    while i < n - 1 and chars[i].text in OPENING_BRACKETS:
        i += 1
    end = i
    while end < n and chars[end].text.isascii() and chars[end].text.strip():
        end += 1
    end = max(end, i + 1)
    while end < n and chars[end].text in CANNOT_START:
        end += 1
    return chars[min(end, n) - 1].x1 - chars[0].x0


def _line_text(chars: list[Char]) -> str:
    parts: list[str] = []
    prev = None
    folded = _FOLDED
    for c in chars:
        t = folded.get(c.text) or _fold_glyph(c.text)  # the one fold (vocab)
        if c.text == MIDDLE_DOT and c.x1 - c.x0 > _FULL_WIDTH * c.size:
            t = FULL_DOT  # a Taiwan or Hong Kong font's ・, named · (vocab.middle_dots)
        if not t:  # a zero-width character: nothing to place
            continue
        # Words set apart without a space glyph: keep a space next to Latin text.
        if prev is not None and c.x0 - prev.x1 > 0.3 * c.size:
            latin = t[:1].isascii() or prev.text[-1:].isascii()
            if latin and parts[-1:] != [" "] and t != " ":
                parts.append(" ")
        parts.append(t)
        prev = c
    return "".join(parts)


def _median(values: list[float]) -> float:
    """statistics.median, without its generality (a line's sizes: never empty)."""
    data = sorted(values)
    n = len(data)
    if n % 2:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


_TOP = attrgetter("top")
_TEXT = attrgetter("text")
_LEFT = attrgetter("x0")
_BOTTOM = attrgetter("bottom")
_SIZE = attrgetter("size")


def lines_of(chars: list[Char]) -> list[PLine]:
    """Cluster characters into visual lines, top to bottom, left to right."""
    # By top, then x0: two stable sorts on one attribute each make no key tuple per char.
    chars = sorted(chars, key=_LEFT)
    chars.sort(key=_TOP)
    groups: list[list[Char]] = []
    first_top = 0.0
    for c in chars:
        top = c.top
        if groups and top - first_top <= c.size * 0.5:
            groups[-1].append(c)
        else:
            groups.append([c])
            first_top = top
    lines = []
    for g in groups:
        g.sort(key=_LEFT)
        bottom = max(map(_BOTTOM, g))
        top, first = g[0].top, _first_width(g)
        size = _median(list(map(_SIZE, g)))
        lead = _lead_width(g)
        lines.append(PLine(_line_text(g), g[0].x0, g[-1].x1, top, size, first, bottom, lead))
    return lines


def _paragraph_ends(
    lines: list[PLine], right: float, leading: float, kinsoku: bool = False
) -> list[bool]:
    """Whether a paragraph ends after each line: the last line, a gap after it (wider than
    the page's usual line spacing), a line that stops clearly short of the cell's edge
    (by more than kinsoku can leave, or at a sentence end), or, where the producer keeps
    行頭禁則 (``kinsoku``), a full line followed by one that starts with ・: such a producer
    never wraps before ・, so it marks a list item (LibreOffice, 関連する内閣の重要政策); it
    also moves what cannot be broken at a line's start as one, so that is what must have
    fitted (``PLine.lead``). A line numbered next after a paragraph that starts with a
    number (６ …, then ７ …) starts an item after a sentence end, however full the line
    before it is (an item's last line can fill its cell: 施策目標６, Chromium)."""
    ends: list[bool] = []
    current: int | None = None  # the number the paragraph starts with
    for i, ln in enumerate(lines):
        if i == 0 or ends[-1]:
            current = item_number(ln.text)
        if i == len(lines) - 1:
            ends.append(True)
            continue
        # Short: what starts the next line would have fitted here, with a character to
        # spare for kinsoku (which may carry one character over). A producer that keeps
        # kinsoku moves what cannot be broken as one (（ARF）、, る。).
        nxt = lines[i + 1]
        lead = max(nxt.first, min(nxt.lead, _LEAD_MAX * nxt.size)) if kinsoku else nxt.first
        slack = right - ln.x1 - lead
        short = slack > ln.size or (
            slack > 0.5 * ln.size and ln.text.rstrip().endswith(SENTENCE_END)
        )
        gap = lines[i + 1].top - ln.top > (1.2 * leading) * ln.size + 0.5
        item = kinsoku and lines[i + 1].text[:1] in ITEM_MARKS
        following = current is not None and item_number(nxt.text) == current + 1
        numbered = following and ln.text.rstrip().endswith(SENTENCE_END)
        ends.append(short or gap or item or numbered)
    return ends


def _text_right(box: Box, lines: list[PLine]) -> float:
    """Where a full line of a cell ends: the cell's right edge less its padding, taken as
    equal to its left padding (the nearest line's distance from the left edge), as Word,
    LibreOffice and CSS pad cells (1.4 pt to 5 pt in Word and LibreOffice, a browser's
    several); never left of the cell's longest line."""
    if not lines:
        return box[2] - 2.0
    inset = min(ln.x0 for ln in lines) - box[0]
    return max(box[2] - max(2.0, min(inset, 12.0)), max(ln.x1 for ln in lines))


def _leading(groups: list[list[PLine]]) -> float:
    """The usual distance between the lines of a paragraph on the page, in font sizes.

    Gaps wider than 1.6 font sizes are taken to be between paragraphs unless the page
    has no narrower ones (a document set with wide line spacing)."""
    ratios = [(b.top - a.top) / a.size for g in groups for a, b in pairwise(g) if b.top > a.top]
    if not ratios:
        return 1.5
    within = [r for r in ratios if r < 1.6]
    return median(within or ratios)


def is_vertical(lines: list[PLine], text: str) -> bool:
    """A vertical label: three or more lines of one character each (評/価/結/果) that read
    as a label of the report's label column (``labels.is_vertical_label``). A grid column
    narrower than two characters sets its header words and text cells one character a line
    too (年/度/目/標/値; 無/投/票/採/択: LibreOffice, IPAGothic, extra-wide label columns,
    small type; held-out set 12, where 2-5's sub-header and 7-3's cells were dropped as
    labels): those stay cells."""
    if len(lines) < 3 or not all(len(ln.text.strip()) == 1 for ln in lines):
        return False
    return is_vertical_label(text)


def runs_on(prev: Out, nxt: Out) -> bool:
    """Whether a paragraph cut by the page end goes on in ``nxt``: the start of ``nxt``
    would not have fitted at the end of ``prev``."""
    room, size = prev.overleaf or (0.0, 0.0)
    slack = room - nxt.first
    sentence_end = prev.text.rstrip().endswith(SENTENCE_END)
    return not (slack > size or (sentence_end and slack > 0.5 * size))


# --- tables ---


def _index(values: list[float], x: float) -> int:
    """The position of ``x`` among sorted grid lines ``values`` (within _EPS)."""
    return max(0, bisect_right(values, x + _EPS) - 1)


def _span(values: list[float], lo: float, hi: float) -> int:
    return max(1, sum(1 for v in values if lo - _EPS <= v < hi - _EPS))


def _table(tid: int, page_no: int, box: Box, boxes: list[Box]) -> Table:
    """A ``Table`` of the cells ``boxes``, with rows and columns from their edges."""
    tops = sorted({round(b[1], 1) for b in boxes})
    lefts = sorted({round(b[0], 1) for b in boxes})
    cells = [
        Cell(
            text="",
            box=b,
            row=_index(tops, b[1]),
            col=_index(lefts, b[0]),
            row_span=_span(tops, b[1], b[3]),
            col_span=_span(lefts, b[0], b[2]),
            table=tid,
        )
        for b in sorted(boxes, key=lambda b: (b[1], b[0]))
    ]
    return Table(tid, page_no, box, cells, n_rows=len(tops), n_cols=len(lefts))


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner[0] >= outer[0] - _EPS
        and inner[1] >= outer[1] - _EPS
        and inner[2] <= outer[2] + _EPS
        and inner[3] <= outer[3] + _EPS
    )


def _cells(rules: list[dict], bbox: Box) -> list[Box]:
    """The cells pdfplumber's table finder makes of explicit ``rules`` with its default
    tolerances (snap, join, intersection: 3 pt; edges of 3 pt or more), as
    ``page.debug_tablefinder`` would on a page whose MediaBox is ``bbox``; plus the
    horizontal rules across the page at the top and bottom of the vertical ones."""
    verticals = [e for r in rules if r["orientation"] == "v" for e in obj_to_edges(r)]
    horizontals = [e for r in rules if r["orientation"] == "h" for e in obj_to_edges(r)]
    for y in (min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)):
        across = {"x0": bbox[0], "x1": bbox[2], "width": bbox[2] - bbox[0], "orientation": "h"}
        horizontals.append({**across, "top": y, "bottom": y})
    edges = [
        *(e for e in verticals if e["orientation"] == "v"),
        *(e for e in horizontals if e["orientation"] == "h"),
    ]
    edges = filter_edges(merge_edges(edges, 3, 3, 3, 3), min_length=3)
    return intersections_to_cells(edges_to_intersections(edges, 3, 3))


def find_tables(objects: PageObjects, page_no: int = 0) -> list[Table]:
    """The page's ruled tables from the rules the engine found (``objects.rules``, edge
    dicts), one-cell boxes included (pdfplumber leaves those out), each marked with the
    cell of another table it is nested in.

    A table broken by a page break may have no ruling line where the page cuts it, so
    the ends of the vertical rules close it."""
    if sum(1 for e in objects.rules if e["orientation"] == "v") < 2:
        return []
    cells = _cells(objects.rules, objects.bbox)
    found = [list(group) for group in cells_to_tables(cells)]
    groups = [(union(group), group) for group in found]
    in_tables = {c for group in found for c in group}
    groups += [(c, [c]) for c in cells if c not in in_tables]
    groups.sort(key=lambda g: (g[0][1], g[0][0]))
    tables = [_table(i, page_no, box, cells) for i, (box, cells) in enumerate(groups)]
    for t in tables:
        holders = [
            (u, c)
            for u in tables
            if u is not t
            for c in u.cells
            if _inside(t.box, c.box) and c.box != t.box  # type: ignore[arg-type]
        ]
        if holders:  # the innermost holding cell
            u, c = min(holders, key=lambda h: _area(h[1].box))
            t.nested_in = (u.id, c.row, c.col)
    return tables


def _area(box: Box | None) -> float:
    return 0.0 if box is None else (box[2] - box[0]) * (box[3] - box[1])


CellKey = tuple[int, int, int]  # (table id, row, column) on the page


def cell_key(cell: Cell) -> CellKey:
    return (cell.table, cell.row, cell.col)


def _assign(chars: list[Char], tables: list[Table]) -> tuple[dict[CellKey, list[Char]], list[Char]]:
    """Map each character to the innermost cell that holds its centre (by ``cell_key``);
    the rest are free text. What holds a point at height y is worked out once per height
    (the characters of a line share it), so this is linear in chars."""
    order = sorted(tables, key=lambda t: _area(t.box))
    boxes = []  # per table, innermost first: its box, its row tops, the cells of each row
    for t in order:
        tops = sorted({c.box[1] for c in t.cells})  # type: ignore[index]
        rows = [[c for c in t.cells if c.box[1] <= y < c.box[3]] for y in tops]  # type: ignore[index]
        boxes.append((t.box, tops, rows))
    index = _TableIndex([t.box for t in order])
    at_height: dict[float, list[tuple[float, float, list]]] = {}
    by_cell: dict[CellKey, list[Char]] = {}
    free = []
    for ch in chars:
        x = (ch.x0 + ch.x1) / 2
        y = (ch.top + ch.bottom) / 2
        strips = at_height.get(y)
        if strips is None:
            strips = at_height[y] = _strips(y, index.near(y), boxes)
        key = None
        for x0, x1, cells in strips:
            if x0 <= x <= x1:
                for cx0, cx1, holds in cells:  # the first cell across x
                    if cx0 <= x <= cx1:
                        key = holds
                        break
                if key is not None:
                    break
        if key is None:
            free.append(ch)
        elif (held := by_cell.get(key)) is None:
            by_cell[key] = [ch]
        else:
            held.append(ch)
    return by_cell, free


# Font sizes: a line printed over a cell's bottom rule stands at most this far below the
# cell's last line (one line's leading, a little more for a tall line).
_OVERFLOW_STEP = 1.6


def _overflow(
    free: list[Char], tables: list[Table], by_cell: dict[CellKey, list[Char]]
) -> list[Char]:
    """Give back to their cell the characters of a line printed across a table's bottom
    rule: a cell whose text does not fit its row prints its last line over the rule, the
    glyphs' boxes starting above it and their centres below (2-5's note ``…の出`` / ``席率。``
    in Chromium's narrow rendition, where a table split across a page break leaves the
    continued row too low). Such a character goes to the bottom cell across it when that
    cell's own last line stands one line above; text set below a table starts below its
    rule. Returns the free characters left (``by_cell`` is filled in place)."""
    bottoms = sorted((t for t in tables if t.cells), key=lambda t: _area(t.box))  # innermost
    if not bottoms:
        return free
    kept, moved = [], []
    for ch in free:
        cell = _overflowed(ch, bottoms, by_cell)
        if cell is None:
            kept.append(ch)
        else:
            moved.append((cell, ch))
    for cell, ch in moved:  # after all are placed: the cell's last line is its own
        by_cell[cell].append(ch)
    return kept


def _overflowed(
    ch: Char, tables: list[Table], by_cell: dict[CellKey, list[Char]]
) -> CellKey | None:
    """The cell whose bottom rule ``ch`` is printed across, if one is (``_overflow``;
    ``tables`` innermost first)."""
    x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
    for t in tables:
        x0, _, x1, bottom = t.box
        if not (ch.top < bottom < y and x0 <= x <= x1):
            continue
        for cell in t.cells:
            key = cell_key(cell)
            if cell.box is None or abs(cell.box[3] - bottom) > _EPS or key not in by_cell:
                continue
            if cell.box[0] <= x <= cell.box[2]:
                last = max(c.top for c in by_cell[key])
                step = ch.top - last
                return key if 0 < step <= _OVERFLOW_STEP * ch.size else None
        return None
    return None


def _strips(y: float, near: list[int], boxes: list) -> list[tuple[float, float, list]]:
    """The tables that cross height ``y``, innermost first: (x0, x1, cells of the row band
    at y as (x0, x1, the cell's key if it holds y, else None))."""
    strips = []
    for i in near:
        (x0, top, x1, bottom), tops, rows = boxes[i]
        if not top <= y <= bottom:
            continue
        band = bisect_right(tops, y) - 1
        if band < 0:
            continue
        cells = [
            (c.box[0], c.box[2], cell_key(c) if c.box[1] <= y <= c.box[3] else None)
            for c in rows[band]
        ]
        strips.append((x0, x1, cells))
    return strips


class _TableIndex:
    """Boxes by band of the page's height: which boxes may hold a point at height y, in
    their given order (innermost first)."""

    BAND = 8.0  # points

    def __init__(self, boxes: list[Box]) -> None:
        self.bands: dict[int, list[int]] = {}
        self.wide: list[int] = []  # boxes not finite, inverted or huge: tried for every point
        for i, (_, top, _, bottom) in enumerate(boxes):
            if not (isfinite(top) and isfinite(bottom) and 0 <= bottom - top <= 10_000):
                self.wide.append(i)
                continue
            for band in range(int(top // self.BAND), int(bottom // self.BAND) + 1):
                self.bands.setdefault(band, []).append(i)

    def near(self, y: float) -> list[int]:
        try:
            near = self.bands.get(int(y // self.BAND), [])
        except (ValueError, OverflowError):  # y is not finite: only an odd box may hold it
            near = []
        return sorted([*near, *self.wide]) if self.wide else near


@lru_cache(maxsize=4096)  # asked of a cell again and again (emit, page breaks)
def is_datum(text: str) -> bool:
    """A cell that holds a value: a rating letter, a number (with its unit), or a dash."""
    t = text.strip(" \u3000")
    if not t:
        return False
    if parse_rating(t):
        return True
    return parse_value(t).value is not None or set(t) <= set("-－―‐ー—–−")


# --- reading order ---


def _is_side(cell: Cell) -> bool:
    """A cell beside a row that is not one of its data: it spans rows at the left, or
    anywhere with a label's text; or it is a note at the left (（注）…, （出典：…）),
    which spans rows too unless a page break cut it to one."""
    if cell.col == 0 and _SIDE_NOTE.match(cell.text):
        return True
    return cell.row_span > 1 and (cell.col == 0 or is_label(cell.text))


@dataclass
class _Emitter:
    """Walks a page's tables and free lines top to bottom and emits ``Out`` lines."""

    tables: list[Table]
    cell_lines: dict[CellKey, list[PLine]]
    leading: float
    page_bottom: float
    res: PageResult
    inside: dict[tuple[int, int, int], list[Table]] = field(init=False)  # by holding cell

    def __post_init__(self) -> None:
        self.inside = {}
        for n in self.tables:
            if n.nested_in is not None:
                self.inside.setdefault(n.nested_in, []).append(n)

    def nested(self, t: Table, cell: Cell) -> list[Table]:
        return self.inside.get((t.id, cell.row, cell.col), [])

    def table(self, t: Table) -> None:
        rows: dict[int, list[Cell]] = {}
        for c in t.cells:
            rows.setdefault(c.row, []).append(c)
        for row in range(t.n_rows):
            self.row(t, rows.get(row, []))

    def row(self, t: Table, cells: list[Cell]) -> None:
        kept: list[tuple[Cell, list[PLine]]] = []
        for cell in sorted(cells, key=lambda c: c.col):
            lines = self.cell_lines.get(cell_key(cell), [])
            cell.lines = [ln.text for ln in lines]
            cell.text = join_cell(cell.lines)
            if lines and cell.box is not None:
                cell.filled = lines[-1].bottom >= cell.box[3] - 1.5 * lines[-1].size
            if is_vertical(lines, cell.text) and not self.nested(t, cell):
                self.res.furniture.append(("vertical_label", cell.text, cell.box))
                self.res.regions.append(("vertical_label", cell.box))  # type: ignore[arg-type]
                continue
            kept.append((cell, lines))
        holders = [(c, ls) for c, ls in kept if self.nested(t, c)]
        plain = [(c, ls) for c, ls in kept if not self.nested(t, c)]
        # A cell that spans rows beside them labels them: at the left (a note cell), or
        # anywhere when its text is a label (予算の状況(百万円)).
        side = [(c, ls) for c, ls in plain if _is_side(c)]
        data = [(c, ls) for c, ls in plain if not _is_side(c)]
        labelled = any(is_label(c.text) for c, _ in data)
        grid = not labelled and (
            len(data) >= GRID_CELLS or (len(data) == 2 and any(is_datum(c.text) for c, _ in data))
        )
        for cell, lines in side:  # a label, or notes and sources (（出典：…）, （注）…)
            self.side(cell, lines)
        if grid:
            self.grid(data)
        else:
            for cell, lines in data:
                if is_label(cell.text):
                    self.label(cell, lines)
                else:
                    self.text(cell, lines)
        for cell, lines in holders:
            self.holder(t, cell, lines)

    def label(self, cell: Cell, lines: list[PLine]) -> None:
        self.res.regions.append(("label_cell", cell.box))  # type: ignore[arg-type]
        if lines:
            box = union([ln.bbox for ln in lines])
            self.res.lines.append(Out(cell.text, True, bbox=box))

    def side(self, cell: Cell, lines: list[PLine]) -> None:
        """A cell beside a grid's rows: a label, or notes and sources, one line each. Such
        cells are narrow, so a note starts where a line starts with its marker, not where
        a line is short."""
        if is_label(cell.text):
            self.label(cell, lines)
            return
        self.res.regions.append(("label_cell", cell.box))  # type: ignore[arg-type]
        notes: list[list[PLine]] = []
        for ln in lines:
            if not notes or _NOTE_START.match(ln.text):
                notes.append([])
            notes[-1].append(ln)
        for note in notes:
            text = join_cell([ln.text for ln in note])
            self.res.lines.append(Out(text, True, bbox=union([ln.bbox for ln in note])))

    def text(self, cell: Cell, lines: list[PLine]) -> None:
        self.res.regions.append(("text_cell", cell.box))  # type: ignore[arg-type]
        box = cell.box
        assert box is not None
        ends = _paragraph_ends(lines, _text_right(box, lines), self.leading, self.res.kinsoku)
        outs = [
            Out(ln.text, end, bbox=ln.bbox, first=ln.first)
            for ln, end in zip(lines, ends, strict=True)
        ]
        # The lowest cell on the page may go on overleaf (Word splits rows).
        if outs and box[3] >= self.page_bottom - 1:
            outs[-1].overleaf = (box[2] - 2 - lines[-1].x1, lines[-1].size)
        self.res.lines.extend(outs)

    def grid(self, data: list[tuple[Cell, list[PLine]]]) -> None:
        cells = [c for c, _ in data]
        for c in cells:
            self.res.regions.append(("grid_cell", c.box))  # type: ignore[arg-type]
        box = union([c.box for c in cells if c.box is not None])
        text = " ".join(c.text for c in cells if c.text)
        cut = box is not None and box[3] >= self.page_bottom - 1
        self.res.lines.append(Out(text, True, cells, box, cut=cut))

    def holder(self, t: Table, cell: Cell, lines: list[PLine]) -> None:
        """A cell with tables inside: its own lines and its tables, top to bottom."""
        self.res.regions.append(("text_cell", cell.box))  # type: ignore[arg-type]
        items: list[tuple[float, int, Any]] = [(n.box[1], n.id, n) for n in self.nested(t, cell)]
        run: list[PLine] = []
        for ln in lines:
            items.append((ln.top, -1, ln))
        for _, _, item in sorted(items, key=lambda it: (it[0], it[1])):
            if isinstance(item, Table):
                self.flush(cell, run)
                run = []
                self.table(item)
            else:
                run.append(item)
        self.flush(cell, run)

    def flush(self, cell: Cell, run: list[PLine]) -> None:
        if not run:
            return
        text = join_cell([ln.text for ln in run])
        if is_label(text):
            self.res.lines.append(Out(text, True, bbox=union([ln.bbox for ln in run])))
        else:
            self.text(cell, run)


def extract_page(objects: PageObjects, page_no: int = 0) -> PageResult:
    """Read one page on its own: its layout (``read_page``) and its lines (``emit``)."""
    res = read_page(objects, page_no)
    emit(res)
    return res


def read_page(objects: PageObjects, page_no: int = 0) -> PageResult:
    """Read one page as an engine gave it (``layout.page_objects``) into its layout: tables
    of cells with their lines, free lines, furniture. ``emit`` turns it into lines in
    reading order (after the document has joined what page breaks split)."""
    objects = levelled(objects)
    res = PageResult(height=objects.height)
    res.furniture.extend(objects.dropped)
    res.warnings.extend(objects.warnings)
    rotated = [c for c in objects.chars if not c.upright]
    # Most pages have no text set sideways: then all of it is upright, and not copied.
    upright = [c for c in objects.chars if c.upright] if rotated else objects.chars
    if rotated:  # labels set sideways: furniture, but said so
        # Read along the text's own direction, (a, b) of its matrix.
        rotated.sort(key=lambda c: c.matrix[4] * c.matrix[0] + c.matrix[5] * c.matrix[1])
        box = union([(c.x0, c.top, c.x1, c.bottom) for c in rotated])
        res.furniture.append(("rotated_text", "".join(c.text for c in rotated), box))
    chars = upright
    res.chars = sum(map(bool, map(str.strip, map(_TEXT, chars))))  # glyphs, not spaces
    if res.chars >= 20 and not objects.rules:  # more than a page number or a stray note
        res.warnings.append(
            (NO_TABLE_RULES, "no ruling lines on the page: its tables are not read")
        )
    res.tables = find_tables(objects, page_no)
    by_cell, free = _assign(chars, res.tables)
    free = _overflow(free, res.tables, by_cell)
    free, hidden, cut = drop_cut_values(objects, res.tables, by_cell, free, is_datum)
    res.furniture.extend(hidden)
    res.warnings.extend(cut)
    res.cell_lines = {key: lines_of(cs) for key, cs in sorted(by_cell.items())}
    free_lines = lines_of(free)
    res.leading = _leading([*res.cell_lines.values(), free_lines])
    right = max((ln.x1 for ln in free_lines), default=objects.width)
    ends = _paragraph_ends(free_lines, right, res.leading)
    foot = _foot(free_lines, res.tables, objects.height)
    for ln, end in zip(free_lines, ends, strict=True):
        if ln.top >= foot and _PAGE_NUMBER.match(ln.text):
            res.furniture.append(("page_number", ln.text.strip(), ln.bbox))
        else:
            res.free_lines.append((ln, end))
    return res


def _foot(lines: list[PLine], tables: list[Table], height: float) -> float:
    """Where a page number may stand: the page's bottom tenth, or, on a page whose box
    reaches further down than the producer's (a MediaBox moved down: the number 130 pt above
    its edge), the lowest line of the page's bottom quarter, below every table."""
    lowest = max((ln.top for ln in lines), default=height)
    tables_end = max((t.box[3] for t in tables), default=0.0)
    if lowest > 0.75 * height and lowest > tables_end:
        return min(lowest, 0.9 * height)
    return 0.9 * height


def emit(res: PageResult) -> None:
    """Fill ``res.lines``: the top-level tables and the free lines, top to bottom."""
    page_bottom = max((t.box[3] for t in res.tables), default=res.height)
    emitter = _Emitter(res.tables, res.cell_lines, res.leading, page_bottom, res)
    items: list[tuple[float, int, Any]] = [
        (t.box[1], i, t) for i, t in enumerate(res.tables) if t.nested_in is None
    ]
    for ln, end in res.free_lines:
        items.append((ln.top, len(items) + len(res.tables), (ln, end)))
    res.lines = []
    res.free = []
    for _, _, item in sorted(items, key=lambda it: (it[0], it[1])):
        if isinstance(item, Table):
            emitter.table(item)
            continue
        ln, end = item
        res.free.append((len(res.lines), ln.text, round(ln.top)))
        res.lines.append(Out(ln.text, end, bbox=ln.bbox, first=ln.first))

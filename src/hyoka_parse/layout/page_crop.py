"""Tables the page's CropBox cuts through: their values are left unread.

A viewer shows a page inside its CropBox, and so does the reader (``pdf_clean``: glyphs
outside it are furniture). Where the CropBox cuts through a table (a page cropped by a
tool, a breaker's trial: ``CropBox`` set to the left 60 % of each page), what is left of a
grid is some of its columns: the year header cut to 平成29年度 平成30年度 and 令和元年
(a cell cut in two), rows with two of their four values, and values of the cut column
standing as loose text. Read by position, those values were placed under the wrong year
and the wrong series. The shown part gives no way to tell which columns are lost, so the
values of such a table are not read at all: its data cells (a number, a rating letter, a
dash; ``pdf_page.is_datum``) and the data text between it and the CropBox's edge are
listed as furniture (``cut_by_cropbox``) and the page gets a ``cut_table`` warning. Its
text cells are kept (as cut as the page shows them).
"""

from __future__ import annotations

from collections.abc import Callable

from hyoka_parse.diagnostics import CUT_TABLE
from hyoka_parse.layout.model import Box, Table, union
from hyoka_parse.layout.page_objects import Char, PageObjects

CellKey = tuple[int, int, int]
# Points: a table whose box comes this near a CropBox edge that lies inside the MediaBox
# reaches it (a rule across the cut is kept whole when its middle is shown, else dropped
# with what lies beyond; the cells then end at the last rule shown, next to the edge).
_REACH = 6.0

CUT_MESSAGE = (
    "a table runs past the page's CropBox (what lies outside it is not shown): which of its "
    "columns are lost cannot be told, so its values are left null"
)


def cut_tables(objects: PageObjects, tables: list[Table]) -> list[tuple[Table, Box]]:
    """The tables the CropBox cuts, each with the strip from its box to the edges it
    reaches (where loose pieces of its cut cells stand). A table reaches an edge of the
    CropBox that lies inside the MediaBox when its box comes up to it, or when a rule of
    its rows (columns) runs on from it up to that edge: cells beyond its last rule shown
    have no rule to close them, so they make no cells (Chromium draws each cell's borders
    on their own)."""
    if not any(kind == "outside_cropbox" for kind, _, _ in objects.dropped):
        return []
    crop, media = objects.cropbox, objects.bbox
    out = []
    for t in tables:
        strip = list(t.box)
        reached = False
        for side in range(4):
            if abs(crop[side] - media[side]) <= _REACH:  # the page is not cropped here
                continue
            if _reaches(t.box, crop, side, objects.rules):
                strip[side] = crop[side]
                reached = True
        if reached:
            out.append((t, (strip[0], strip[1], strip[2], strip[3])))
    return out


def _reaches(box: Box, crop: Box, side: int, rules: list[dict]) -> bool:
    """Whether the table ``box`` reaches the CropBox's ``side`` (0 left, 1 top, 2 right,
    3 bottom), itself or by one of its rules."""
    inward = 1 if side < 2 else -1
    if (box[side] - crop[side]) * inward <= _REACH:
        return True
    across = "h" if side in (0, 2) else "v"  # rules that run towards this side
    lo, hi = ("top", "bottom") if across == "h" else ("x0", "x1")
    start, end = ("x0", "x1") if across == "h" else ("top", "bottom")
    near, far = (box[1], box[3]) if across == "h" else (box[0], box[2])
    for r in rules:
        if r["orientation"] != across or r[lo] < near - _REACH or r[hi] > far + _REACH:
            continue
        if side >= 2 and r[start] <= box[side] + _REACH and r[end] >= crop[side] - _REACH:
            return True
        if side < 2 and r[end] >= box[side] - _REACH and r[start] <= crop[side] + _REACH:
            return True
    return False


def drop_cut_values(
    objects: PageObjects,
    tables: list[Table],
    by_cell: dict[CellKey, list[Char]],
    free: list[Char],
    is_datum: Callable[[str], bool],
) -> tuple[list[Char], list[tuple[str, str, Box | None]], list[tuple[str, str]]]:
    """Take the values of the tables the CropBox cuts out of ``by_cell`` (in place) and
    out of the ``free`` characters. Returns the free characters left, the furniture
    ``(kind, text, box)`` and the warnings ``(code, message)``."""
    cut = cut_tables(objects, tables)
    if not cut:
        return free, [], []
    furniture: list[tuple[str, str, Box | None]] = []
    for t, _ in cut:
        for cell in t.cells:
            key = (cell.table, cell.row, cell.col)
            chars = by_cell.get(key)
            if chars and is_datum("".join(c.text for c in chars)):
                del by_cell[key]
                furniture.append(("cut_by_cropbox", _text(chars), _box(chars)))
    strips = [strip for _, strip in cut]
    kept, loose = _loose_values(free, strips, is_datum)
    furniture += [("cut_by_cropbox", _text(run), _box(run)) for run in loose]
    return kept, furniture, [(CUT_TABLE, CUT_MESSAGE)]


def _loose_values(
    free: list[Char], strips: list[Box], is_datum: Callable[[str], bool]
) -> tuple[list[Char], list[list[Char]]]:
    """Split the free characters inside ``strips`` into runs on one line each; those whose
    text is a value are taken out."""
    runs: dict[tuple[int, float], list[Char]] = {}
    for ch in free:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for n, s in enumerate(strips):
            if s[0] <= x <= s[2] and s[1] <= y <= s[3]:
                runs.setdefault((n, round(ch.top)), []).append(ch)
                break
    loose = [run for run in runs.values() if is_datum(_text(run))]
    taken = {id(ch) for run in loose for ch in run}
    return [ch for ch in free if id(ch) not in taken], loose


def _text(chars: list[Char]) -> str:
    return "".join(c.text for c in sorted(chars, key=lambda c: (round(c.top), c.x0)))


def _box(chars: list[Char]) -> Box:
    return union([(c.x0, c.top, c.x1, c.bottom) for c in chars])

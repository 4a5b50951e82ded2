"""A measure's grid that a page break splits, in ``-layout`` text, set back on one page.

pdftotext lays each page out on a character grid of its own, so a grid whose header ends one
page and whose rows start the next cannot be matched by column across the break: in
LibreOffice's narrow rendition 2-5's years stand on page 18 with 平成 30・ at column 49, its
sub-headers and values on page 19 with the rating column at 63. What both pages keep is the
order of the columns. The header rows at the foot of the first page are moved to the top of
the next and re-laid on that page's columns, in order:

- **the header is whole above the break** (Chromium's 7-3: years, sub-headers and rating
  header on one page, the row of text cells on the next): the header's leaves are matched in
  order to the columns of the first row overleaf (its values, or the columns of its text
  cells), the last ones (a note column may stand left of them);
- **only the header's top row is above the break** (中期目 / 平成 30 年度 … / 平成 30・):
  its cells are matched to the leaves overleaf by the measure's known shape, 中期目標値 over
  one column, each year over the same number of sub-headers, the rating column last.

Anything else (counts that differ, sub-headers that are not one run per year) is left as it
was: the grid is not read and its values stay null with a warning.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_layout import (
    _YEAR,
    Seg,
    _column_spans,
    _is_value,
    _leaves,
    _rating_row,
    _stack,
    _whole,
    _year_groups,
    _year_row,
    segments,
)
from hyoka_parse.normalize import make_key

__all__ = ["join_split_grids"]

_MID = regex.compile(r"^中期")  # 中期目標値, wrapped as 中期目 / 標値
_HEAD_ROWS = 8  # a header runs over this many lines at most
# Lines from the years' row to the page's foot, at most, a note column beside the grid's
# header counted (text_layout._SIDE_ROWS: a long note in a narrow column).
_FOOT_ROWS = 40
_BODY_SEARCH = 14  # the grid's first row stands this near the top of the next page


def join_split_grids(lines: list[Line]) -> list[Line]:
    """The lines with each split grid's header moved to the top of the page its rows are on
    (``Line.page`` of the moved lines set to that page's; their numbers kept)."""
    pages: list[list[Line]] = []
    for ln in lines:
        if not pages or ln.page != pages[-1][0].page:
            pages.append([])
        pages[-1].append(ln)
    for n in range(len(pages) - 1):
        _cut_years_overleaf(pages[n], pages[n + 1])
        moved = _carry(pages[n], pages[n + 1])
        if moved is not None:
            pages[n], carried = moved
            pages[n + 1] = carried + pages[n + 1]
    return [ln for page in pages for ln in page]


# A fiscal year cut before its 度 in a narrow year column, on a key (平成30年, 令和元年).
_STEM = regex.compile(r"^(?:昭和|平成|令和)(?:元|\d+)年$")


def _cut_years_overleaf(prev: list[Line], nxt: list[Line]) -> None:
    """Give each year cut before its 度 in the header row at a page's foot the 度 that the
    next page starts with (``中期目標値  平成 30 年  令和元年  令和２年  平成 30・令`` / page
    break / ``合（ISM）や…  度  度  度  和元・令和``: LibreOffice, IPAGothic, a very wide note
    column and small type, 2-5 and 5-4; held-out set 12), so the row is a row of years
    that ``_carry`` sets overleaf. Only where the next page's first line holds, one after
    the other, exactly as many lone 度 as the row has cut years, and the row starts a
    measure's grid (中期目標値 left of its years); else nothing changes."""
    rows = [segments(i, ln.text) for i, ln in enumerate(prev)]
    filled = [i for i, r in enumerate(rows) if r]
    first = next((i for i, ln in enumerate(nxt) if ln.text.strip()), None)
    if not filled or first is None:
        return
    y = next((i for i in reversed(filled[-_FOOT_ROWS:]) if _stems(rows[i])), None)
    if y is None:
        return
    stems = _stems(rows[y])
    below = segments(first, nxt[first].text)
    at = [k for k, seg in enumerate(below) if make_key(seg.text) == "度"]
    if len(at) != len(stems) or at != list(range(at[0], at[0] + len(at))):
        return
    for seg in stems:
        seg.text += "度"
    prev[y] = replace(prev[y], text=_laid(rows[y]))
    kept = [seg for k, seg in enumerate(below) if k not in at]
    nxt[first] = replace(nxt[first], text=_laid(kept))


def _stems(row: list[Seg]) -> list[Seg]:
    """The cut years of a measure grid's top row (two at least, 中期目標値 left of them),
    or []."""
    stems = [s for s in row if _STEM.match(make_key(s.text))]
    mid = [s for s in row if _MID.match(s.text)]
    if len(stems) < 2 or not mid or mid[0].x1 > stems[0].x0:
        return []
    return stems


def _laid(row: list[Seg]) -> str:
    """A line of ``row``'s segments at their columns, each two spaces at least after the
    one before (a cut year given its 度 is a character longer)."""
    text = ""
    for seg in sorted(row, key=lambda s: s.x0):
        x = max(seg.x0, len(text) + 2) if text else seg.x0
        text += " " * (x - len(text)) + seg.text
    return text


def _carry(prev: list[Line], nxt: list[Line]) -> tuple[list[Line], list[Line]] | None:
    rows = [segments(i, ln.text) for i, ln in enumerate(prev)]
    filled = [i for i, r in enumerate(rows) if r]
    if not filled:
        return None
    last = filled[-1]
    y = _header_top(rows, filled)
    if y is None or any(_body_row(rows[i]) for i in range(y + 1, last + 1)):
        return None
    nrows = [segments(i, ln.text) for i, ln in enumerate(nxt)]
    body = next((i for i in range(min(len(nrows), _BODY_SEARCH)) if _body_row(nrows[i])), None)
    if body is None:
        return None
    left = min(s.x0 for s in rows[y] if _YEAR.match(make_key(s.text)) or _MID.match(s.text))
    cells = _stack([s for r in rows[y : last + 1] for s in r if s.x0 >= left], frozenset(filled))
    targets = _targets(cells, y, nrows, body)
    if targets is None:
        return None
    carried = _relaid(prev[y : last + 1], rows[y : last + 1], left, cells, targets, nxt[0].page)
    return prev[:y], carried


def _header_top(rows: list[list[Seg]], filled: list[int]) -> int | None:
    """The years' row of a grid header at the page's foot: at most ``_HEAD_ROWS`` lines from
    it to the foot hold anything in the grid's columns. Lines with only a note column's
    pieces left of the grid do not count (a note wrapped narrow runs on below the header:
    2-5 in Chromium's wide IPAexMincho rendition, ``ベル会合（SOM）、`` / ``閣僚会合など``;
    参考指標４'s two notes, 17 lines below its years in Chromium's narrow IPAMincho, held-out
    set 11): the years' row is looked for in the last ``_FOOT_ROWS`` lines that hold text."""
    for y in reversed(filled[-_FOOT_ROWS:]):
        if not _year_row(rows[y]):
            continue
        left = min(s.x0 for s in rows[y] if _YEAR.match(make_key(s.text)) or _MID.match(s.text))
        in_grid = [i for i in filled if i > y and any(s.x1 > left for s in rows[i])]
        return y if len(in_grid) < _HEAD_ROWS else None
    return None


def _body_row(row: list[Seg]) -> bool:
    """The first line of a grid's rows: values, or a rating after text cells."""
    return sum(1 for s in row if _is_value(s)) >= 2 or _rating_row(row)


def _targets(cells: list[Seg], y: int, nrows: list[list[Seg]], body: int) -> dict[int, int] | None:
    """The column overleaf each header cell goes to (id of the cell → column), or None."""
    groups = _year_groups(cells, y)
    if groups is None:
        return None
    heads = {id(c) for c in groups.values()}
    leaves = [c for c in _leaves(cells) if id(c) not in heads]
    if any(c.row > y for c in leaves) or _years_only(leaves, nrows[body]):
        # the header is whole above the break
        spans = _body_columns(nrows, body)
        if len(spans) < len(leaves):
            return None
        spans = spans[len(spans) - len(leaves) :]  # a note column may stand left of them
        at = {id(leaf): x0 for leaf, (x0, _) in zip(leaves, spans, strict=True)}
        for leaf in leaves:
            if id(leaf) in groups:
                at.setdefault(id(groups[id(leaf)]), at[id(leaf)])
        at.update(_uppers(cells, leaves, at))
        return at
    return _by_shape(cells, nrows, body)


def _years_only(leaves: list[Seg], body: list[Seg]) -> bool:
    """A header that is one row of years and nothing else (a 参考指標's grid: ``平成 30 年度
    令和元年度 …`` over one value a year) over a first row overleaf with exactly one value
    per year: the header is whole, each year goes over its value in order. A measure's top
    row (中期目, the years, the rating's first piece) is not years only, and a row with more
    values than years is not this grid's."""
    return (
        bool(leaves)
        and all(_YEAR.match(make_key(c.text)) for c in leaves)
        and sum(1 for s in body if _is_value(s)) == len(leaves)
    )


def _uppers(cells: list[Seg], leaves: list[Seg], at: dict[int, int]) -> dict[int, int]:
    """Header cells over a leaf that no year heads (中期目標値 over --年度): its leaf's column."""
    out: dict[int, int] = {}
    for c in cells:
        if id(c) in at or c in leaves:
            continue
        under = [
            leaf for leaf in leaves if leaf.row > c.bottom and leaf.x1 > c.x0 and leaf.x0 < c.x1
        ]
        if under:
            out[id(c)] = at[id(under[0])]
    return out


def _body_columns(nrows: list[list[Seg]], body: int) -> list[tuple[int, int]]:
    """The columns of the grid's first row overleaf: its values (with the rating), or the
    columns of its text cells (positions blank on every line of the row)."""
    row = nrows[body]
    if sum(1 for s in row if _is_value(s)) >= 2:
        return [(s.x0, s.x1) for s in row if _is_value(s)]
    end = body
    while end + 1 < len(nrows) and nrows[end + 1]:
        end += 1
    return _column_spans([s for r in nrows[body : end + 1] for s in r])


def _by_shape(cells: list[Seg], nrows: list[list[Seg]], body: int) -> dict[int, int] | None:
    """Top header cells (中期目, the years, the rating's first piece) over the leaves of
    the header rows overleaf: 中期目標値 over the first, the rating over the last, each year
    over an equal run between. A note column's pieces left of the grid make one more leaf
    first; it is left out when the rest has the measure's shape."""
    values = [s for s in nrows[body] if _is_value(s)]
    below = _stack([s for r in nrows[:body] for s in r])
    leaves = sorted(_leaves(below), key=lambda c: c.x0)
    if len(values) >= 2:  # a row of values: as many as the leaves, and from their left
        leaves = [c for c in leaves if c.x1 > values[0].x0 - 2]
        if len(leaves) == len(values) - 1 and _rating_row(nrows[body]):
            # the rating column's header whole above the break, no piece of it overleaf
            # (Chromium, IPAPMincho, big type; held-out set 14): its leaf is the rating cell
            leaves.append(nrows[body][-1])
        if len(leaves) != len(values):
            return None
    tops = sorted(cells, key=lambda c: c.x0)
    for skip in (0, 1):
        at = _shape(tops, leaves[skip:])
        if at is not None and not any(_whole(c.text) for c in leaves[:skip]):
            return at
    return None


def _shape(tops: list[Seg], leaves: list[Seg]) -> dict[int, int] | None:
    years = [c for c in tops if _YEAR.match(make_key(c.text))]
    mid = [c for c in tops if _MID.match(c.text) and c.x1 <= years[0].x0]
    rating = [c for c in tops if c.x0 >= years[-1].x1]
    if len(mid) + len(years) + len(rating) != len(tops) or len(mid) > 1 or len(rating) > 1:
        return None
    per, rest = divmod(len(leaves) - len(mid) - len(rating), len(years))
    subs = leaves[len(mid) : len(leaves) - len(rating)]
    keys = [make_key(c.text) for c in subs]
    if rest or per < 1 or any(k != keys[n % per] for n, k in enumerate(keys)):
        return None
    at = {id(c): leaves[0].x0 for c in mid}
    at |= {id(c): subs[n * per].x0 for n, c in enumerate(years)}
    at |= {id(c): leaves[-1].x0 for c in rating}
    return at


def _relaid(
    lines: list[Line],
    rows: list[list[Seg]],
    left: int,
    cells: list[Seg],
    at: dict[int, int],
    page: int | None,
) -> list[Line]:
    """``lines`` with their header pieces set at their cells' columns overleaf (the pieces
    of a note column left of the grid keep theirs), as lines of the next page. A cell moves
    whole: when a piece would touch the text before it on its line, all the cell's pieces
    move on together, so that they still stand over each other."""
    placed: list[list[tuple[int, str]]] = [
        [(s.x0, s.text) for s in row if s.x0 < left] for row in rows
    ]
    for cell in sorted(cells, key=lambda c: at.get(id(c), c.x0)):
        x = at.get(id(cell), cell.x0)
        mine = [(n, s) for n, row in enumerate(rows) for s in row if _holds(cell, s, left)]
        for n, _ in mine:  # two spaces at least after what the line holds before it
            x = max(x, max((x0 + len(t) + 2 for x0, t in placed[n]), default=0))
        for n, seg in mine:
            placed[n].append((x, seg.text))
    out = []
    for line, row in zip(lines, placed, strict=True):
        text = ""
        for x, piece in sorted(row):
            text += " " * (x - len(text)) + piece
        out.append(Line(line.no, page, text))
    return out


def _holds(cell: Seg, seg: Seg, left: int) -> bool:
    return seg.x0 >= left and seg.row in cell.rows and cell.x0 <= seg.x0 < cell.x1

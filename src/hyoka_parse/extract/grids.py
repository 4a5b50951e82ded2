"""Reading a grid row by column: a value belongs to the header cell that stands above it.

Where the reader knows the cells' boxes (PDF), a row's cells are matched to the header's
cells by horizontal overlap, so a row with a missing cell, an extra note cell or a label
cell of its own still puts each value under its own fiscal year. Where the columns cannot
be matched (a cell under two headers, two cells under one), the caller gets None and must
leave the values null with a warning: a value is never placed by counting.
"""

from __future__ import annotations

from dataclasses import dataclass

from hyoka_parse.layout.model import Cell, x_overlap
from hyoka_parse.layout.table_finder import DEFAULT_SNAP_TOLERANCE

# A cell stands under a header when the header covers this share of the narrower of the two.
_UNDER = 0.6
# PDF points a cell's edge may stand past the header's outer rule and still be outside it: a
# table a page break splits draws its rules on each page, a point or two apart (Chromium,
# Noto Serif CJK KR; held-out set 14: 繰越し等(c)'s cell ends at 283.9 overleaf, the first
# year's rule stands at 282.6 above the break). The table finder's snap tolerance.
_DRIFT = float(DEFAULT_SNAP_TOLERANCE)


def has_boxes(cells: list[Cell] | None) -> bool:
    """Whether the reader knew where these cells stand."""
    return bool(cells) and all(c.box is not None for c in cells or [])


@dataclass(slots=True)
class Placed:
    """A row read against its header: the cells left of the first column (the row's label),
    one cell (or None) per header cell, and the cells right of the last column (notes)."""

    left: list[Cell]
    under: list[Cell | None]
    right: list[Cell]

    @property
    def label(self) -> str | None:
        text = " ".join(c.text for c in self.left if c.text)
        return text or None


def value_text(cell: Cell | None) -> str:
    """The text a value is read from: empty for no cell, and for a cell whose text the
    input's end may have cut (never a truncated value)."""
    return "" if cell is None or cell.cut else cell.text


def column_of(cell: Cell, headers: list[Cell]) -> int | None:
    """The index of the one header cell ``cell`` stands under, or None."""
    hits = [i for i, h in enumerate(headers) if x_overlap(cell.box, h.box) >= _UNDER]  # type: ignore[arg-type]
    return hits[0] if len(hits) == 1 else None


def place(headers: list[Cell], row: list[Cell]) -> Placed | None:
    """Match ``row``'s cells to ``headers`` (both with boxes) by column; None when a cell
    stands under no single header between the first and the last, or two cells under one."""
    first = min(h.box[0] for h in headers)  # type: ignore[index]
    last = max(h.box[2] for h in headers)  # type: ignore[index]
    placed = Placed([], [None] * len(headers), [])
    for cell in row:
        x0, _, x1, _ = cell.box  # type: ignore[misc]
        if x1 <= first + _DRIFT:
            placed.left.append(cell)
            continue
        if x0 >= last - _DRIFT:
            placed.right.append(cell)
            continue
        i = column_of(cell, headers)
        if i is None or placed.under[i] is not None:
            return None
        placed.under[i] = cell
    return placed

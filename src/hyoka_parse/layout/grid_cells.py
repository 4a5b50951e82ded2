"""Cells for grids rebuilt from column-by-column text (``text_grids``): a grid column is a box
column, so ``extract.grids.place`` reads the rebuilt rows by column as it reads a PDF's."""

from __future__ import annotations

import regex

from hyoka_parse.layout.model import Cell, Line
from hyoka_parse.values import era_year, is_null_mark, parse_rating, parse_value

__all__ = ["COLUMN", "cell", "grid_line", "is_rating", "is_value", "year_label"]

COLUMN = 10.0  # the width of one grid column in the boxes this stage makes (arbitrary units)

_YEAR = regex.compile(r"^(?:昭和|平成|令和)(?:元|\d+)年度$")


def is_value(line: Line) -> bool:
    """A line that is one grid value: a number with its unit, or a dash for none."""
    text = line.text.strip()
    return bool(text) and (parse_value(text).value is not None or is_null_mark(text))


def is_rating(line: Line) -> bool:
    """A line that is one rating letter (ｂ)."""
    return parse_rating(line.text) is not None


def year_label(key: str) -> int | None:
    """The fiscal year of a header cell's key (平成30年度), or None."""
    return era_year(key) if _YEAR.match(key) else None


def cell(text: str, first: int, last: int | None = None, row: int = 0) -> Cell:
    """A cell over grid columns ``first``..``last`` (inclusive) of header/value row ``row``."""
    last = first if last is None else last
    box = (first * COLUMN, float(row), (last + 1) * COLUMN - 1, float(row + 1))
    return Cell(text=text, box=box, row=row, col=first, col_span=last - first + 1)


def grid_line(at: Line, cells: list[Cell]) -> Line:
    """A line of grid cells, numbered as the text line ``at`` it starts at."""
    return Line(at.no, at.page, " ".join(c.text for c in cells if c.text), cells=cells)

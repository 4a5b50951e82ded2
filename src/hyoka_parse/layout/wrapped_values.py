"""Values wrapped inside narrow grid cells, joined back by the grid's known shape.

A narrow value cell prints its value over two lines or more (``100％`` as ``10`` over ``0％``,
``100%`` as ``100`` over ``%``, ``10 回`` as ``10`` over ``回``: LibreOffice, IPAGothic, a
very wide note column and small type, measures 2-5 and 5-4; held-out set 12). A reader by
line cannot tell ``10`` from a whole value: only the grid's shape, the number of value cells
its header declares, tells how many cells the pieces make. The pieces are joined only where
that number leaves one reading; anywhere else the caller leaves the values null and warns
(``10`` read for 100％ would be a wrong number).

A piece joins the one before it only where the two make one value and the piece is no value
by itself (``%``, ``回``) or brings the unit the number lacks (``10`` + ``0％``); a dash or a
rating never takes a piece (``－`` + ``0％`` would read as 0 %), a number never takes a
number (``15`` + ``10`` is no 1510), and a unit never comes twice (``４回`` + ``回``).
"""

from __future__ import annotations

from hyoka_parse.values import is_null_mark, parse_rating, parse_value

__all__ = ["by_cell", "joins", "wrapped_cells"]

_MAX_BREAKS = 24  # places where a piece may go on the one before: more is no row of values


def joins(head: str, tail: str) -> str | None:
    """``head`` and its wrapped end ``tail`` as one value, or None when they are not one."""
    if is_null_mark(head) or parse_rating(head) or is_null_mark(tail):
        return None
    joined = head + tail
    value = parse_value(joined)
    if value.value is None:
        return None
    if parse_value(tail).value is None:
        # 100 + %, 10 + 回: the piece is no value by itself; but ４回 + 回 is no ４回回 (the
        # unit pieces under 5-4's three 10s; LibreOffice, Noto Sans Mono CJK HK, held-out
        # set 15: ``－ 10 10 10 ４回 ７回 ３回 ａ`` / ``回 回 回`` has one reading)
        return None if head.rstrip().endswith(tail.strip()) else joined
    return joined if parse_value(head).unit is None and value.unit is not None else None


def by_cell(pieces: list[str], breaks: set[int], expected: int) -> list[list[str]]:
    """The readings of ``pieces`` as ``expected`` cells printed one after the other, each
    cell's lines in turn: piece ``i + 1`` may go on piece ``i`` only where ``i`` is in
    ``breaks`` (a line's last piece and the next line's first). Two readings at most are
    returned (more than one is enough to leave them all)."""
    if len(breaks) > _MAX_BREAKS or len(pieces) < expected:
        return []
    out: list[list[str]] = []

    def walk(i: int, cells: list[str]) -> None:
        if len(out) > 1 or len(cells) > expected:
            return
        if i == len(pieces):
            if len(cells) == expected:
                out.append(cells)
            return
        if cells and i - 1 in breaks and (joined := joins(cells[-1], pieces[i])):
            walk(i + 1, [*cells[:-1], joined])
        walk(i + 1, [*cells, pieces[i]])

    walk(0, [])
    return out


def _by_row(rows: list[list[str]], expected: int) -> list[list[str]]:
    """The reading of the lines row by row (pdfplumber: ``－ 10 10 …`` / ``0％ 0％ …``): the
    first line the ``expected`` cells, each later line's pieces the ends of as many of them,
    left to right. Where a line's pieces go on the cells in more than one way, two of the
    ways are returned (the caller then reads none: ``10 10`` / ``0％`` is 100％ under either)."""
    if len(rows) < 2 or len(rows[0]) != expected:
        return []
    cells = list(rows[0])
    for tails in rows[1:]:
        ways: list[list[str]] = []
        _in_turn(cells, tails, 0, 0, ways)
        if len(ways) != 1:
            return ways
        cells = ways[0]
    return [cells]


def _in_turn(cells: list[str], tails: list[str], c: int, t: int, ways: list[list[str]]) -> None:
    """Each way of giving ``tails[t:]`` in order to distinct cells of ``cells[c:]`` (two
    at most are looked for)."""
    if len(ways) > 1:
        return
    if t == len(tails):
        ways.append(cells)
        return
    for k in range(c, len(cells) - (len(tails) - t) + 1):
        if (joined := joins(cells[k], tails[t])) is not None:
            _in_turn([*cells[:k], joined, *cells[k + 1 :]], tails, k + 1, t + 1, ways)


def wrapped_cells(rows: list[list[str]], expected: int) -> list[str] | None:
    """The ``expected`` cells of one row of values from its lines' pieces (``rows``, a list
    per line), read in either order an extractor prints them: cell by cell (-raw, pdfium:
    ``－ 10`` / ``0％`` / ``10`` / …) or row by row (pdfplumber). None unless the readings of
    both orders give one row."""
    rows = [r for r in rows if r]
    if not rows:
        return None
    pieces = [t for r in rows for t in r]
    breaks = {sum(map(len, rows[: k + 1])) - 1 for k in range(len(rows) - 1)}
    found = {tuple(c) for c in [*by_cell(pieces, breaks, expected), *_by_row(rows, expected)]}
    return list(found.pop()) if len(found) == 1 else None

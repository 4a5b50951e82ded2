"""A quantitative measure's grid in column-by-column text, rebuilt by its known shape.

The grid (report p. 3 ff., every 測定指標 with 中期目標値) is::

    中期目標値 | 平成30年度          | 令和元年度 | 令和２年度 | …年度目標の達成状況
    --年度     | 年度目標値 | 実績値 | …          | …          |
    －         | 82％       | 80.2％ | …          | …          | ｂ

pdftotext's default mode prints its header cells, its values and the note cells beside it
one a line, in column order, header and values interleaved (a column's values may come
before the next column's header). From the 中期目 line to the next heading the lines are
sorted into header cells, values, ratings and the rest. The values are assigned in order
(中期目標値, then 年度目標値 / 実績値 per year) only when there are exactly 1 + 2 × years of
them; the rating only when the grid has one 達成状況 header and one rating. The rest (notes,
sources, a note column's pieces) follows the grid as printed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import regex

from hyoka_parse.layout.grid_cells import cell, grid_line, is_rating, is_value, year_label
from hyoka_parse.layout.model import Cell, Line
from hyoka_parse.layout.wrapped_values import by_cell, joins
from hyoka_parse.normalize import make_key
from hyoka_parse.values import value_tokens
from hyoka_parse.vocab import ERA_NAMES, ERA_OFFSET, RATING_LABEL

__all__ = ["QuantGrid", "read_quant", "starts_apart"]

# What ends the grid: the next heading of the report's form.
_END = regex.compile(
    r"^(?:測定指標|評価結果|【|参考指標|施策の分析|次期目標|個別分野|作成にあたって)"
)
# A header cell's piece holds only these characters (中期目 / 標値 / 年度目 / 実績値 / 平成30・ /
# 令和元・ / 令和2年 / 度目標の / 達成状況 / --年度).
_HEAD = regex.compile(r"^[中期目標値平成令和元年度実績の達成状況・･\-0-9()（）]+$")
_MID_YEAR = regex.compile(r"^(?:--|(?:昭和|平成|令和)(?:元|\d+))年度$")
_HEAD_WORD = regex.compile(r"年度|目標|実績|達成")  # ２年度目標 is a header piece, not a value
_MAX_LINES = 160  # a grid's lines with its notes: a run longer than this is not one grid


@dataclass
class QuantGrid:
    """A grid read from the text: its header cells, values and what else its lines hold."""

    start: Line
    years: list[tuple[int, str, Line]] = field(default_factory=list)  # (year, label, line)
    mid_year: str = ""
    values: list[Line] = field(default_factory=list)
    after: list[int] = field(default_factory=list)  # each value: how many year headers before it
    ratings: list[Line] = field(default_factory=list)
    rating_heads: list[list[Line]] = field(default_factory=list)  # 達成状況's pieces, each
    rest: list[Line] = field(default_factory=list)  # notes, sources, pieces of a note column
    at: list[int] = field(default_factory=list)  # each value: the index of its line
    stems: list[Line] = field(default_factory=list)  # years cut before their 度 (平成 30 年)
    dos: int = 0  # lone 度 lines: the cut years' ends
    # each sub-header cell: (how many values before it, the index of its first line, key)
    subs: list[tuple[int, int, str]] = field(default_factory=list)
    blanks: list[int] = field(default_factory=list)  # blank lines: where the text's blocks end
    order: list[int] | None = None  # the values in cell order, where their blocks tell it
    wrapped: bool | None = None  # values joined from wrapped pieces (None: none were)
    repeated: bool = False  # a year's header cell printed twice

    @property
    def expected(self) -> int:
        return 1 + 2 * len(self.years)


def is_start(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` starts a grid: 中期目標値, or its first piece 中期目 (標値 next)."""
    key = make_key(lines[i].text)
    if key == "中期目標値":
        return True
    nxt = next((make_key(ln.text) for ln in lines[i + 1 : i + 3] if ln.text.strip()), "")
    return key in ("中期目", "中期目標", "中期") and (key + nxt).startswith("中期目標値")


_PIECE_NEAR = 8  # lines (not blank) after 中期目標 within which its 値 stands


def starts_apart(lines: list[Line], i: int) -> bool:
    """Whether line ``i`` starts a grid whose 中期目標値 cell's pieces stand apart, other
    cells printed between them (LibreOffice, Noto Serif: 中期目標 / 平成 30 年度 / … / 値),
    or whose first piece ends a note piece's line (Chromium, Type 3 fonts: ``（注）外務省及び防
    中期目標``). Only in text already known to be column by column (``is_start`` tells it)."""
    key = make_key(lines[i].text.strip().rpartition(" ")[2])
    if key not in ("中期", "中期目", "中期目標"):
        return key == "中期目標値" and " " in lines[i].text.strip()
    # a piece alone, or at the end of a note piece's line (``び防衛省主管の 標値``: Chromium,
    # Noto Serif CJK; held-out set 10); the cell cut in three, the year cells' pieces
    # between (中期 / 平成 30 年度 / 令和元年度 / 令和２年度 / 平成 / 目標 / 30・令和 / 値:
    # LibreOffice, Noto Sans CJK JP, very narrow columns; held-out set 20)
    rest = (ln.text.strip() for ln in itertools.islice(lines, i + 1, None) if ln.text.strip())
    near = list(itertools.islice(rest, _PIECE_NEAR))
    for piece in near:
        for end in dict.fromkeys((make_key(piece), make_key(piece.rpartition(" ")[2]))):
            if "中期目標値".startswith(key + end):
                key += end
                break
        if key == "中期目標値":
            return True
    return False


def read_quant(lines: list[Line], i: int) -> tuple[QuantGrid, int]:
    """The grid starting at line ``i`` and the index of the first line after it. A note
    piece on the start line before 中期目標 (``starts_apart``) is the note's."""
    grid = QuantGrid(lines[i])
    lead = lines[i].text.strip().rpartition(" ")[0]
    if lead and lead.strip() and not is_start(lines, i):
        grid.rest.append(Line(lines[i].no, lines[i].page, lead.strip()))
        i += 1
    j, seen, pending_head = i, 0, []
    while j < len(lines) and seen < _MAX_LINES:
        ln = lines[j]
        key = make_key(ln.text)
        if not key:
            grid.blanks += [j] if not ln.text.strip() else []
            j += 1
            continue
        if j > i and (_END.match(key) or is_start(lines, j) or starts_apart(lines, j)):
            break  # a heading, or the next grid (5-4's, its heading printed after it)
        seen += 1
        j = _sort(lines, j, key, grid, pending_head)
    if pending_head:
        grid.rest += pending_head
    _years_from_stems(grid)
    _join_wrapped(grid)
    return grid, j


def _sort(lines: list[Line], j: int, key: str, grid: QuantGrid, head: list[Line]) -> int:
    """File line ``j`` into ``grid``; returns the next line's index."""
    ln = lines[j]
    n = next((k for k in range(j + 1, min(j + 3, len(lines))) if lines[k].text.strip()), None)
    joined = key + make_key(lines[n].text) if n is not None else key
    if (end := _sub_header_end(lines, j)) is not None:
        words = "".join(make_key(x.text) for x in lines[j:end])
        grid.subs.append((len(grid.values), j, words))  # 年 / 度 / 目 / 標 / 値: one cell
        return end
    if _YEAR_STEM.match(key):
        grid.stems.append(ln)
    elif key == "度":
        grid.dos += 1
    elif year_label(key) is not None:
        _add_year(grid, year_label(key), _printed(ln), ln)  # type: ignore[arg-type]
    elif n is not None and joined.endswith("年度") and year_label(joined) is not None:
        label = _printed(ln) + _printed(lines[n])
        _add_year(grid, year_label(joined), label, ln)  # type: ignore[arg-type]
        return n + 1  # 平成 30 年 / 度: one cell in two pieces
    elif _MID_YEAR.match(key):
        grid.mid_year = key
    elif is_rating(ln):
        grid.ratings.append(ln)
    elif head and _continues_rating_head(head, ln, key):  # 平成 / 30・令和: no value 30
        if _ends_rating_head(head, key):
            grid.rating_heads.append([*head, ln])
            head.clear()
        else:
            head.append(ln)
    elif (is_value(ln) and not _HEAD_WORD.search(key)) or _wrapped_end(grid, j, ln):
        grid.values.append(ln)
        grid.after.append(len(grid.years))
        grid.at.append(j)
    elif _HEAD.match(key) and _ends_rating_head(head, key):
        grid.rating_heads.append([*head, ln])
        head.clear()
    elif _HEAD.match(key) and _rating_piece(key, head):
        head.append(ln)
    elif _HEAD.match(key):
        pass  # 中期目 / 標値 / 年度目標値 / 実績値: the shape knows them
    elif row := _row_values(ln):
        grid.values += row
        grid.after += [len(grid.years)] * len(row)
        grid.at += [-1] * len(row)  # a row of its own: no piece of a wrapped cell
    else:
        grid.rest += [*head, _note_piece(ln, grid)]
        head.clear()
    return j + 1


# The sub-header cells under each year, and 中期目標値: a window of lines whose keys make
# one of these, whatever the wrap (年度目 / 標値, 年 / 度 / 目 / 標 / 値: LibreOffice, IPAGothic,
# small type, narrow year columns; held-out set 12).
_SUB_HEADERS = ("年度目標値", "実績値")
_SUB_LINES = 6  # a header word's pieces: one a line at most
# A fiscal year cut before its 度 in a narrow year column (平成 30 年 / … / 度), on a key.
_YEAR_STEM = regex.compile(r"^(?:昭和|平成|令和)(?:元|\d+)年$")


def is_year_stem(key: str) -> bool:
    """A fiscal year cut before its 度 (平成30年), on a key."""
    return bool(_YEAR_STEM.match(key))


def _sub_header_end(lines: list[Line], j: int) -> int | None:
    """The index after the sub-header cell (年度目標値 or 実績値) whose pieces start at line
    ``j``, one normalised key over the lines that make it (blank lines skipped), or None
    when they make no whole one. A whole key on one line is no window (the shape knows it
    as before); only a header word in two pieces or more is one."""
    key, k = "", j
    while k < len(lines) and k < j + 2 * _SUB_LINES:
        piece = make_key(lines[k].text)
        k += 1
        if not piece:
            continue
        key += piece
        if key in _SUB_HEADERS:
            return k if k - j > 1 else None
        if not any(word.startswith(key) for word in _SUB_HEADERS):
            return None
    return None


def _wrapped_end(grid: QuantGrid, j: int, ln: Line) -> bool:
    """A piece no value by itself (``%``, ``回``) right under a value it makes one with
    (``100`` / ``%``): a narrow cell's wrapped end, kept among the values for the shape to
    join (``_join_wrapped``)."""
    if not grid.values or not grid.at or grid.at[-1] != j - 1:
        return False
    return joins(grid.values[-1].text.strip(), ln.text.strip()) is not None


def _years_from_stems(grid: QuantGrid) -> None:
    """The fiscal years of a grid whose year cells a narrow column cut before their 度, each
    printed apart further down (``平成 30 年`` / ``令和元年`` / ``令和２年`` … ``度`` … ``度``):
    each stem takes a 度 in turn, only where no year is whole and the lone 度 are exactly
    as many as the stems."""
    if grid.years or len(grid.stems) < 2 or grid.dos != len(grid.stems):
        return
    for ln in grid.stems:
        label = _printed(ln) + "度"
        year = year_label(make_key(label))
        if year is not None:
            _add_year(grid, year, label, ln)


def _join_wrapped(grid: QuantGrid) -> None:
    """The values a narrow cell wrapped (``10`` / ``0％``, ``100`` / ``%``) joined into the
    grid's cells, where there are more pieces than cells and the shape (``expected``)
    leaves one reading, a piece going on only the value on the line right above it
    (``wrapped_values.by_cell``). ``wrapped`` says whether they were joined (False: in more
    than one way, the grid is read as ambiguous; None: in none, it stays as printed)."""
    if not grid.years or len(grid.values) <= grid.expected:
        return
    pieces = [v.text.strip() for v in grid.values]
    at = grid.at
    breaks = {i for i in range(len(pieces) - 1) if at[i] >= 0 and at[i + 1] == at[i] + 1}
    readings = by_cell(pieces, breaks, grid.expected)
    if len(readings) != 1:  # several: ambiguous; none: the pieces are no row of the grid
        grid.wrapped = False if readings else None
        return
    grid.wrapped = True
    cells, first, n = readings[0], [], 0  # first: each cell's first piece
    for text in cells:
        first.append(n)
        n += _pieces_in(text, pieces[n:])
    grid.subs = [(sum(1 for f in first if f < n), at_, k) for n, at_, k in grid.subs]
    grid.at = [grid.at[f] for f in first]
    grid.after = [grid.after[f] for f in first]
    grid.values = [
        Line(grid.values[f].no, grid.values[f].page, t) for f, t in zip(first, cells, strict=True)
    ]


def _pieces_in(text: str, pieces: list[str]) -> int:
    """How many of ``pieces``, from the first, make ``text``."""
    joined, n = "", 0
    while joined != text:
        joined += pieces[n]
        n += 1
    return n


def _row_values(ln: Line) -> list[Line]:
    """A line of two or more values (Chromium, Type 3 fonts: ``100％ 100％ … 100%``, a row's
    cells that share a baseline), each a line, left to right; none when any piece is no
    value (``できる会合（年 10回``: a note's piece)."""
    pieces = value_tokens(ln.text)
    cells = [Line(ln.no, ln.page, p) for p in pieces]
    if len(cells) < 2 or not all(is_value(c) and not _HEAD_WORD.search(c.text) for c in cells):
        return []
    return cells


def _note_piece(ln: Line, grid: QuantGrid) -> Line:
    """A line of the rest without the header cells' pieces at its end: a note column's
    piece and header pieces that share a baseline (Chromium, Type 3 fonts: ``（ISG）、高級事務レ
    --年度 年度目 実績値 …``); the shape knows the header cells (``--年度`` is the
    中期目標値's year)."""
    words = ln.text.split()
    k = len(words)
    while k > 1 and _HEAD.match(make_key(words[k - 1])):
        k -= 1
    if k == len(words):
        return ln
    for word in words[k:]:
        grid.mid_year = make_key(word) if _MID_YEAR.match(make_key(word)) else grid.mid_year
    return Line(ln.no, ln.page, " ".join(words[:k]))


def _printed(line: Line) -> str:
    """A header cell's text as printed, without the spaces the extractor put in."""
    return regex.sub(r"\s", "", line.text)


# The grid's own header cells and their pieces, which the text may print among the rating
# header's pieces (LibreOffice, Noto Serif: 平成 30・ / 値 / --年度 / 令和元・ / 年度目標値 / …).
_GRID_PIECE = regex.compile(r"^(?:中期目?標?値?|目標値?|標?値|年度目?標?値?|実績値|--(?:年度?)?)$")


def _continues_rating_head(head: list[Line], ln: Line, key: str) -> bool:
    """Whether the piece ``ln`` (its key ``key``) goes on with the rating column's header
    as its pieces so far begin it, and is no value: ``30・令和`` after ``平成`` is the
    label's, no value 30 (the column cut after its era: LibreOffice, Noto Sans CJK JP, very
    narrow columns; held-out set 20); a value (``20`` after ``平成30・``) is a value."""
    if is_value(ln) and not _LABEL_WORD.search(key):
        return False
    so_far = "".join(make_key(p.text) for p in head) + key
    return RATING_LABEL.fullmatch(so_far, partial=True) is not None


_LABEL_WORD = regex.compile(rf"[・･]|{ERA_NAMES}")


def _rating_piece(key: str, head: list[Line]) -> bool:
    """A piece of the rating column's header (平成 30・ / 令和元・ / 令和２年 / 度目標の), the
    first one cut anywhere after its first ・ (``令和元・令`` / ``和２・令和``: Chromium,
    TakaoPMincho, narrow, the 令和４年度 edition; held-out set 13)."""
    first = (
        key.endswith(("・", "･"))
        or key in ERA_OFFSET
        or ("・" in key and RATING_LABEL.fullmatch(key, partial=True) is not None)
    )
    return (bool(head) and not _GRID_PIECE.match(key)) or first


def _ends_rating_head(head: list[Line], key: str) -> bool:
    """Whether the piece ``key`` completes the rating column's header: 達成状況 in the pieces
    so far and it, whatever the wrap (目標の達 / 成状況: Chromium, IPAPGothic, big type;
    held-out set 13)."""
    return "達成状況" in "".join(make_key(p.text) for p in head) + key


def _add_year(grid: QuantGrid, year: int, label: str, line: Line) -> None:
    if all(y != year for y, _, _ in grid.years):
        grid.years.append((year, label, line))
    else:
        grid.repeated = True


def fits(grid: QuantGrid) -> str | None:
    """None when the values fit the grid's shape, else why not (for the warning)."""
    printed = [y for y, _, _ in grid.years]
    years = sorted(printed)
    if not years or years != list(range(years[0], years[0] + len(years))):
        return f"fiscal years {years} are not consecutive"
    if printed != years and grid.repeated:
        # out of order and one printed twice (平成 30 年度 / 令和２年度 / 令和元年度 / 令和２年度:
        # LibreOffice, IPAPGothic, narrow; held-out set 11): which cells the text repeats,
        # and so which values are whose, is not known
        return f"fiscal years printed out of order, one twice ({printed})"
    if grid.wrapped is False:
        return f"its {len(grid.values)} value pieces make {grid.expected} cells in no one way"
    if len(grid.values) != grid.expected:
        return f"{len(grid.values)} values for {grid.expected} cells"
    if grid.wrapped and not _in_place(grid):
        return "its wrapped values stand among its header cells, not one under each"
    if grid.order is not None:
        return None  # each value in its header cell's block
    readings = {cells for cells, _ in _readings(grid)}
    if len(readings) != 1:
        why = "no order" if not readings else "more than one order"
        return f"its values can be read in {why} of pdftotext's"
    return None


def _in_place(grid: QuantGrid) -> bool:
    """Whether each value stands where its cell's place in the text says: where the header
    cells are printed among the values (each sub-header's pieces, then its value: 年 / 度 /
    目 / 標 / 値 / 10 / 0％), one value before the first sub-header (中期目標値's) and one
    after each. A value elsewhere (LibreOffice, IPAGothic, small type, 2-5: ``－`` after
    平成30年度's 年度目標値 and its value) leaves whose it is unknown."""
    if not grid.subs or grid.subs[-1][0] == 0:
        return True  # every header cell before the values: the orders of ``_readings``
    grid.order = _block_order(grid)
    return grid.order is not None


def _block_order(grid: QuantGrid) -> list[int] | None:
    """The values in cell order where the text's blocks tell it: pdftotext prints a column's
    header cell and the cell under it as one block (no blank line between), so the one
    value after a sub-header's pieces, in its block and before the next sub-header, is
    that sub-header's; the one value in no sub-header's block is 中期目標値's (2-5:
    ``年 / … / 値 / 10 / 0％`` then ``－`` alone). None unless the sub-headers are 年度目標値
    and 実績値 in turn, one pair a year, each with exactly one value, and one value left."""
    keys = [k for _, _, k in grid.subs]
    printed = [y for y, _, _ in grid.years]
    if keys != list(_SUB_HEADERS) * len(grid.years) or printed != sorted(printed):
        return None  # the blocks follow the years as printed; the cells, in year order
    bounds = [n for n, _, _ in grid.subs[1:]] + [len(grid.values)]
    owned: list[int] = []
    for (first, line, _), last in zip(grid.subs, bounds, strict=True):
        mine = [v for v in range(first, last) if _same_block(grid, line, grid.at[v])]
        if len(mine) != 1:
            return None
        owned += mine
    rest = [v for v in range(len(grid.values)) if v not in owned]
    return [*rest, *owned] if len(rest) == 1 else None


def _same_block(grid: QuantGrid, a: int, b: int) -> bool:
    """Whether lines ``a`` and ``b`` stand in one block (no blank line between them)."""
    return b >= 0 and not any(a < k < b for k in grid.blanks)


def _readings(grid: QuantGrid) -> list[tuple[tuple[str, ...], list[int]]]:
    """The grid's cells (中期目標値, then 年度目標値 / 実績値 per year) under each order in
    which pdftotext may print the value blocks of one row, that the header cells' places
    allow (a value never comes before its year's header cell).

    The orders seen: cell by cell, left to right; or sub-column by sub-column, every
    年度目標値 then every 実績値 (5-4, LibreOffice wide: 10 回 10 回 ７回 10 回 ４回 ３回 is
    令和２年度's ７回 before 令和元年度's 10 回). Where the two orders give other cells, which
    one pdftotext took is unknown, and nothing is placed.

    Years whose header cells the text prints out of order (令和元年度 / 令和３年度 / … /
    令和２年度: 2-5, LibreOffice, Noto Sans CJK JP, grid type 8.5 pt; held-out set 12) may
    have their value blocks in either order: both are read, the years' and the text's."""
    texts = [v.text.strip() for v in grid.values]
    printed = [y for y, _, _ in grid.years]
    # cell → how many year headers the text prints up to its year's (0: 中期目標値)
    seen = [0] + [printed.index(y) + 1 for y in sorted(printed) for _ in (0, 1)]
    out: list[tuple[tuple[str, ...], list[int]]] = []
    for years in dict.fromkeys((tuple(sorted(printed)), tuple(printed))):
        column = [sorted(printed).index(y) for y in years]  # reading's k-th year → its column
        for order in _orders(grid, column):
            out += _reading(grid, texts, seen, order)
    return out


def _orders(grid: QuantGrid, column: list[int]) -> list[list[int]]:
    """Reading position → cell, for each order pdftotext may print the values in: cell by
    cell or sub-column by sub-column, over all the years or over each run of years whose
    cells the text prints whole before the next year's header cell (8-2: 平成30年度's
    ``８位以内`` / ``９位``, then 令和元年度 and 令和２年度's headers, then ``８位以内`` /
    ``８位以内`` / ``14 位`` / ``13 位``, the two 年度目標値 first: LibreOffice, Monapo, letter
    paper; held-out set 20). A run is read sub-column by sub-column only where each of its
    values is a block of its own: values printed in one block are in the row's order (3-4:
    ``－`` / ``82％`` / ``80.2％`` / ``83％`` / ``78.3％``, then 令和３年度's header: LibreOffice,
    Migu 2M)."""
    n = len(column)
    cuts = [a for a in range(1, n) if sum(1 for b in grid.after if b <= a) == 1 + 2 * a]
    runs = list(itertools.pairwise([0, *cuts, n]))
    orders = [_order(column, [(0, n)], [by_sub]) for by_sub in (False, True)]
    for kinds in itertools.product((False, True), repeat=len(runs)):
        if all(_apart(grid, lo, hi) for (lo, hi), sub in zip(runs, kinds, strict=True) if sub):
            orders.append(_order(column, runs, list(kinds)))
    return [list(o) for o in dict.fromkeys(tuple(o) for o in orders)]


def _apart(grid: QuantGrid, lo: int, hi: int) -> bool:
    """Whether each value of the years ``[lo, hi)`` (the run's cells, printed whole before
    the next year's header) stands in a block of its own."""
    at = [grid.at[p] for p in range(1 + 2 * lo, 1 + 2 * hi)]
    return all(min(a, b) >= 0 and not _same_block(grid, a, b) for a, b in itertools.pairwise(at))


def _order(column: list[int], runs: list[tuple[int, int]], by_sub: list[bool]) -> list[int]:
    """中期目標値 first, then each run of years cell by cell or sub-column by sub-column."""
    order = [0]
    for (lo, hi), sub in zip(runs, by_sub, strict=True):
        pairs = (
            [(k, d) for d in (0, 1) for k in range(lo, hi)]
            if sub
            else [(k, d) for k in range(lo, hi) for d in (0, 1)]
        )
        order += [1 + 2 * column[k] + d for k, d in pairs]
    return order


def _reading(
    grid: QuantGrid, texts: list[str], seen: list[int], order: list[int]
) -> list[tuple[tuple[str, ...], list[int]]]:
    """The cells under one reading ``order`` (reading position → cell), if the header
    cells' places allow it (a value never comes before its year's header cell)."""
    if not all(grid.after[pos] >= seen[c] for pos, c in enumerate(order)):
        return []
    cells = [""] * len(order)
    for pos, c in enumerate(order):
        cells[c] = make_key(texts[pos])
    return [(tuple(cells), order)]


def _in_cell_order(grid: QuantGrid) -> list[Line]:
    """The values in cell order, by the reading ``fits`` found unambiguous."""
    if grid.order is not None:
        return [grid.values[v] for v in grid.order]
    _, order = _readings(grid)[0]
    values = list(grid.values)
    for pos, c in enumerate(order):
        values[c] = grid.values[pos]
    return values


def ambiguous(grid: QuantGrid) -> bool:
    """Whether the grid fits its shape but for the order of its values: its cells are known
    to be these values, not which is whose."""
    printed = [y for y, _, _ in grid.years]
    years = sorted(printed)
    consecutive = bool(years) and years == list(range(years[0], years[0] + len(years)))
    consecutive = consecutive and not (printed != years and grid.repeated)
    shaped = len(grid.values) == grid.expected or grid.wrapped is False
    return consecutive and shaped and fits(grid) is not None


def grid_lines(grid: QuantGrid, placed: bool = True) -> list[Line]:
    """The grid as the PDF reader gives it: two header lines and one row of cells, then the
    rest of its lines as printed. The rating goes under 達成状況 only when both are one.
    Not ``placed``: the row's value cells are empty (``ambiguous``), so no extractor reads
    them by count and order."""
    n = len(grid.years)
    rated = len(grid.rating_heads) == 1 and len(grid.ratings) == 1
    top = [cell("中期目標値", 0)]
    sub = [cell(grid.mid_year, 0, row=1)] if grid.mid_year else []
    for k, (_, label, _) in enumerate(sorted(grid.years, key=lambda y: y[0])):
        top.append(cell(label, 1 + 2 * k, 2 + 2 * k))
        sub += [cell("年度目標値", 1 + 2 * k, row=1), cell("実績値", 2 + 2 * k, row=1)]
    values = _in_cell_order(grid) if placed else grid.values
    row = [cell(values[k].text.strip() if placed else "", k, row=2) for k in range(grid.expected)]
    rest = list(grid.rest)
    if rated:
        head = "".join(make_key(p.text) for p in grid.rating_heads[0])
        top.append(cell(head, 2 * n + 1))
        row.append(cell(grid.ratings[0].text.strip(), 2 * n + 1, row=2))
    else:  # which grid a rating belongs to is unknown: it stays text
        rest += [p for h in grid.rating_heads for p in h] + grid.ratings
        rest.sort(key=lambda ln: ln.no)
    return [
        grid_line(grid.start, top),
        grid_line(grid.years[0][2], sub),
        _row_line(values[0], row, grid if not placed else None),
        *rest,
    ]


def _row_line(at: Line, row: list[Cell], unplaced: QuantGrid | None) -> Line:
    """The value row; where its cells are left empty, its text is still the values as
    printed (the row is there, which cell each is is not known)."""
    line = grid_line(at, row)
    if unplaced is not None:
        line.text = " ".join(v.text.strip() for v in unplaced.values)
    return line

"""A budget table in column-by-column text, rebuilt by its known shape (``year_grid``).

The table (施策の予算額・執行額等, report p. 2) is::

    区分 | 平成30年度 | 令和元年度 | 令和２年度 | 令和３年度
    当初予算(a) | 2,879 | 2,970 | 3,052 | 3,006
    補正予算(b) | 0 | 0 | 220 |              (the report's year has only its 当初予算)
    繰越し等(c) / 合計(a＋b＋c) / 執行額(百万円)

Its row labels are the form's; its region is the short lines (cells, pieces of cells) around
its first 当初予算(a), and any year column printed apart further on its page
(``detached_columns``).
"""

from __future__ import annotations

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.layout.year_grid import Shape, tokens, year_tokens
from hyoka_parse.normalize import make_key
from hyoka_parse.values import is_null_mark
from hyoka_parse.vocab import AMOUNT_CELL, BUDGET_ROW_STARTS, BUDGET_ROWS

__all__ = ["BUDGET", "budget_row", "budget_rows_apart", "detached_columns", "find_budget"]

# The form's row labels, in the form's order.
_LABELS = r"(?:当初予算\(a\)|補正予算\(b\)|繰越し?等\(c\)|合計\(a\+b\+c\)|執行額(?:\(百万円\))?)"
_LABEL = regex.compile(rf"^{_LABELS}$")  # on a line's key (NFKC, no spaces)
_UNIT_PIECE = regex.compile(r"^(?:予算の|状況|\(?百万?|万?円\)|百万円\)?|\(百万円\))+$")
_SHORT = 16  # a line of the table is short: a cell, or a piece of one

_CIRCLED = regex.compile(r"[\u2460-\u2473]")  # ⑦: the 別紙 sheet's policy number, no amount
_SIGNED = regex.compile(r"^([△▲]?)([0-9][0-9,]*)$")


def _adds_up(column: list[str | None]) -> bool:
    """Whether a column's 合計(a＋b＋c) is its 当初予算, 補正予算 and 繰越し等 added, the cells
    in the form's row order (a check of a reading; a column with a dash or a cell missing
    passes)."""
    cells = column[:4]
    if len(cells) < 4 or any(c is None or is_null_mark(make_key(c)) for c in cells):
        return True
    amounts = [_amount(c) for c in cells if c is not None]
    return None in amounts or _totals(amounts)


# A row's label after the row before's last amount on one line (pdfium keeps rows that stand
# close on one line: ``補正予算(b) 0 0 220 繰越し等(c) 0 0 △217``, ``合計(a＋b＋c) 2,879 2,970
# 3,055 執行額(百万円) 2,709 …``: Chromium, MigMix 2P, 9 pt; held-out set 21): a space before
# a row's label and its bracket (each piece is then checked to be a label and amounts only).
_ROW_AFTER = regex.compile(
    rf"[ \u3000]+(?=(?:{'|'.join(BUDGET_ROW_STARTS)})[^\s(（]*[ \u3000]*[(（])"
)


def budget_rows_apart(lines: list[Line]) -> list[Line]:
    """Each budget row that a label-beside text prints after the row before, on a line of
    its own (a line that starts with a row's label, cut before each later label)."""
    out: list[Line] = []
    for ln in lines:
        pieces = _ROW_AFTER.split(ln.text) if budget_row(ln.text.lstrip(" \u3000")) else []
        rows = len(pieces) >= 2 and all(_amounts_only(piece) for piece in pieces)
        out += [ln.with_text(piece) for piece in pieces] if rows else [ln]
    return out


def _amounts_only(piece: str) -> bool:
    """A row's label and then amounts or dashes only (``補正予算(b) 0 0 220``)."""
    _, *cells = piece.split()
    return bool(cells) and all(AMOUNT_CELL.match(c) for c in cells)


def budget_row(label: str) -> int | None:
    """Which of the form's rows (``vocab.BUDGET_ROWS``, 0-based) a printed label names."""
    key = make_key(label)
    return next((n for n, start in enumerate(BUDGET_ROW_STARTS) if key.startswith(start)), None)


def is_row_label(key: str) -> bool:
    """Whether ``key`` (a line's key) is a budget row's whole label (当初予算(a) … 執行額)."""
    return bool(_LABEL.match(key))


def _adds_up_exactly(column: list[str | None]) -> bool:
    """Whether a column's 合計(a＋b＋c) is its 当初予算, 補正予算 and 繰越し等 added, a dash
    as none (0), every cell there: a reading proven, not only not refuted. Its 執行額, where
    the column has it, is no more than its 合計: what was spent is within the budget."""
    cells = column[:4]
    if len(cells) < 4 or any(c is None for c in cells):
        return False
    amounts = [_amount(c) for c in cells if c is not None]
    if None in amounts or not _totals(amounts):
        return False
    spent = _amount(column[4]) if len(column) > 4 and column[4] is not None else 0
    return spent is not None and spent <= amounts[3]  # type: ignore[operator]


def _totals(amounts: list[int | None]) -> bool:
    """(a, b, c, 合計), none of them None: a + b + c == 合計."""
    a, b, c, total = amounts
    return a + b + c == total  # type: ignore[operator]


def _amount(cell: str) -> int | None:
    key = make_key(cell)
    if is_null_mark(key):
        return 0
    m = _SIGNED.match(key)
    return int(m[2].replace(",", "")) * (-1 if m[1] else 1) if m else None


# The unit cell's whole texts (NFKC keys), whose pieces a narrow label column wraps anywhere
# (予算 / の状 / 況(百 / 万円): LibreOffice, IPAMincho, extra-wide label columns, big type;
# held-out set 14).
_UNIT_CELLS = ("予算の状況(百万円)", "予算の状況(千円)")


def _unit_piece(key: str) -> bool:
    """A piece of two characters or more of the unit cell, wherever the cell wrapped."""
    return len(key) >= 2 and any(key in whole for whole in _UNIT_CELLS)


BUDGET = Shape(
    corner="区分",
    is_corner=lambda key: key == "区分",
    is_label=lambda text: bool(_LABEL.match(make_key(text))),
    is_value=lambda line: bool(
        AMOUNT_CELL.match(make_key(line.text)) and not _CIRCLED.search(line.text)
    ),
    is_unit=lambda key: bool(_UNIT_PIECE.match(key)) or _unit_piece(key),
    first_alone=True,  # the report's year has its 当初予算 alone
    corner_starts=True,  # 同（分担金・拠出金）'s 区分 row
    block_rows=True,  # Chromium: 令和元年 令和２年 令和３年, then their rows in one block
    column_ok=_adds_up,
    column_sure=_adds_up_exactly,
    rows=BUDGET_ROWS,
    row_of=budget_row,
)


def _is_budget_start(line: Line) -> bool:
    """The table's first row label, alone or after a piece of the unit cell the text put on
    its line (Chromium, Type 3 fonts: ``予算の 当初予算(a)``)."""
    tail = line.text.strip().rpartition(" ")[2]
    return make_key(line.text).startswith("当初予算") or make_key(tail).startswith("当初予算")


def _label_end(text: str) -> bool:
    head, sep, tail = text.rpartition(" ")
    return bool(sep and head and _LABEL.match(make_key(tail)))


def _short(line: Line) -> bool:
    """A line of a table: short (a cell, a piece of one), or cells the text put on one line
    (``状況(百 補正予算(b)``; ``令和元年度 令和２年度 令和３年度``)."""
    key = make_key(line.text)
    return len(key) <= _SHORT or bool(_label_end(line.text.strip()) or year_tokens(line, key))


def find_budget(lines: list[Line], i: int) -> tuple[int, int] | None:
    """The lines ``[start, end)`` of the budget tables whose first 当初予算 row label is line
    ``i``: the short lines (cells, pieces of cells) and blank lines around it. None when
    they hold no fiscal year or fewer than three of the form's row labels."""
    if not _is_budget_start(lines[i]):
        return None
    start = i
    while start > 0 and (not lines[start - 1].text.strip() or _short(lines[start - 1])):
        start -= 1
    end = i
    while end < len(lines) and (not lines[end].text.strip() or _short(lines[end])):
        end += 1
    toks = tokens(lines[start:end], BUDGET)
    labels = {make_key(t.text) for t in toks if t.kind == "label"}
    if len(labels) < 3 or not any(t.kind == "year" for t in toks):
        return None
    return start, end


def detached_columns(lines: list[Line], end: int) -> list[Line]:
    """The lines of year columns printed apart, later on the page of a budget region that
    ends at line ``end``: ``区分`` alone, one year's header cell (whole or in pieces), then
    its amounts, and nothing else up to a blank line (LibreOffice, wide columns: 令和２年度's
    column after 評価結果's first cells). ``year_grid.rebuild`` gives such a column to the one
    table that lacks its year."""
    page = lines[end - 1].page if end > 0 else None
    if page is None:
        return []
    out: list[Line] = []
    j = end
    while j < len(lines) and lines[j].page == page:
        column = _column_at(lines, j) if make_key(lines[j].text) == BUDGET.corner else []
        out += column
        j += max(len(column), 1)
    return out


def _column_at(lines: list[Line], j: int) -> list[Line]:
    """The lines from the 区分 at line ``j`` to its column's last amount, or none when
    anything but one year's header cell and amounts follows before a blank line."""
    k = j + 1
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    years: list[object] = []
    amounts = 0
    while k < len(lines):
        key = make_key(lines[k].text)
        if not amounts and (found := year_tokens(lines[k], key)):
            years += found
        elif years and AMOUNT_CELL.match(key):
            amounts += 1
        elif amounts or not years or key != "度":  # 令和２年 / 度: the cell's last piece
            break
        k += 1
    if len(years) != 1 or not amounts or (k < len(lines) and lines[k].text.strip()):
        return []
    return lines[j:k]

"""A budget table in column-by-column text, rebuilt by its known shape.

The table (施策の予算額・執行額等, report p. 2) is::

    区分 | 平成30年度 | 令和元年度 | 令和２年度 | 令和３年度
    当初予算(a) | 2,879 | 2,970 | 3,052 | 3,006
    補正予算(b) | 0 | 0 | 220 |              (the report's year has only its 当初予算)
    繰越し等(c) / 合計(a＋b＋c) / 執行額(百万円)

pdftotext's default mode prints it in runs, each led by header cells and followed by blocks of
values (a block ends at a blank line), and mixes the ways within one table:

- a fiscal year, then its column's values (``平成 30 年 / 度 / 2,879 / 0 / 0 / 2,879 / 2,709``);
  years printed together (``令和元年度 / 令和２年度 / 令和３年度``) are followed by one block
  per year, in their order;
- a row label, then its row's values, one a line or one a block;
- labels printed together (``繰越し等(c) / 合計(a＋b＋c)``), then one block per year holding
  one value per label.

A column's block must hold one value per row label, or be the report's year with its
当初予算 alone; a row takes at most one value per year, from the left (the report leaves only
the later years empty); labels printed together take blocks of as many values. Anything else
leaves its row or column empty, with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hyoka_parse.layout.grid_cells import cell, grid_line
from hyoka_parse.layout.model import Line
from hyoka_parse.normalize import make_key
from hyoka_parse.values import era_year

__all__ = ["Budget", "find_budget", "rebuild_budget"]

# The form's row labels, in the form's order.
_LABELS = r"(?:当初予算\(a\)|補正予算\(b\)|繰越し?等\(c\)|合計\(a\+b\+c\)|執行額(?:\(百万円\))?)"
_LABEL = regex.compile(rf"^{_LABELS}$")  # on a line's key (NFKC, no spaces)
_LABEL_END = regex.compile(r"\s(\S+)$")  # ``状況(百 補正予算(b)``: a unit piece, then a label
_AMOUNT = regex.compile(r"^(?:[△▲]?[0-9][0-9,.]*|[－―\-‐ー−–—])$")
_YEAR_STUB = regex.compile(r"^(?:平成|令和)(?:元|\d+)(?:年度?)?$")
_UNIT_PIECE = regex.compile(r"^(?:予算の|状況|\(?百万?|万?円\)|百万円\)?|\(百万円\))+")
_CORNER = "区分"
_SHORT = 16  # a line of the table is short: a cell, or a piece of one


@dataclass
class _Tok:
    kind: str  # "year" | "label" | "value" | "unit" | "corner" | "gap" | "other"
    line: Line
    text: str = ""
    year: int = 0


@dataclass
class Budget:
    """One table read from the text: its years, labels, cells and the lines it used."""

    years: list[tuple[int, str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    cells: dict[tuple[str, int], Line] = field(default_factory=dict)  # (label, year) → value
    units: list[str] = field(default_factory=list)
    used: list[Line] = field(default_factory=list)
    problems: list[tuple[str, Line]] = field(default_factory=list)
    twice: set[tuple[str, int]] = field(default_factory=set)


def _is_budget_start(line: Line) -> bool:
    return make_key(line.text).startswith("当初予算")


def _label_end(text: str) -> regex.Match | None:
    m = _LABEL_END.search(text)
    return m if m and _LABEL.match(make_key(m[1])) else None


def _short(line: Line) -> bool:
    """A line of a table: short (a cell, a piece of one), or cells the text put on one line
    (``状況(百 補正予算(b)``; ``令和元年度 令和２年度 令和３年度``)."""
    key = make_key(line.text)
    return len(key) <= _SHORT or bool(_label_end(line.text.strip()) or _year_tokens(line, key))


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
    toks = tokens(lines[start:end])
    labels = {make_key(t.text) for t in toks if t.kind == "label"}
    if len(labels) < 3 or not any(t.kind == "year" for t in toks):
        return None
    return start, end


_YEARS = regex.compile(r"(?:平成|令和)\s*(?:元|\d+|[０-９]+)\s*年(?:\s*度)?")


def tokens(lines: list[Line]) -> list[_Tok]:
    """The region's lines as the table's tokens (a line may hold two: ``状況(百 補正予算(b)``,
    ``令和元年度 令和２年度 令和３年度``)."""
    out: list[_Tok] = []
    for ln in lines:
        text = ln.text.strip()
        key = make_key(text)
        if not key:
            out.append(_Tok("gap", ln))
        elif key == _CORNER:
            out.append(_Tok("corner", ln, text))
        elif _LABEL.match(key):
            out.append(_Tok("label", ln, text))
        elif m := _label_end(text):
            out += [_Tok("unit", ln, text[: m.start()].strip()), _Tok("label", ln, m[1])]
        elif _AMOUNT.match(key):
            out.append(_Tok("value", ln, text))
        elif years := _year_tokens(ln, key):
            out += years
        elif key == "度" or (set(key) <= set("度") and key):
            out.append(_Tok("piece", ln, text))
        elif _UNIT_PIECE.fullmatch(key):
            out.append(_Tok("unit", ln, text))
        else:
            out.append(_Tok("other", ln, text))
    return out


def _year_tokens(ln: Line, key: str) -> list[_Tok]:
    """The year header cells of a line: whole (令和元年度) or a piece (平成 30 年, 度 below)."""
    found = _YEARS.findall(ln.text)
    if not found or "".join(make_key(f) for f in found) != key:
        return []
    out = []
    for f in found:
        label = regex.sub(r"\s", "", f)
        label = label if label.endswith("度") else label + "度"
        out.append(_Tok("year", ln, label, era_year(make_key(label)) or 0))
    return out


# --- the tables of a region, and their cells ---


def _tables(toks: list[_Tok]) -> list[list[_Tok]]:
    """The region's tokens cut into tables: a table ends where a fiscal year it has comes
    again, or where a 区分 comes after its rows."""
    tables: list[list[_Tok]] = [[]]
    years: set[int] = set()
    filled = False
    for t in toks:
        if (t.kind == "year" and t.year in years) or (t.kind == "corner" and filled):
            tables.append([])
            years, filled = set(), False
        years |= {t.year} if t.kind == "year" else set()
        filled = filled or t.kind in ("value", "label")
        tables[-1].append(t)
    return tables


Run = tuple[str, list[_Tok], list[list[_Tok]]]  # (leaders' kind, leaders, value blocks)


def _runs(table: list[_Tok]) -> list[Run]:
    """Header cells (years, or row labels) printed together, each run with the blocks of
    values that follow it (a blank line ends a block)."""
    runs: list[Run] = []
    fresh = True  # the next value starts a block
    for t in table:
        if t.kind in ("year", "label"):
            if runs and runs[-1][0] == t.kind and not runs[-1][2]:
                runs[-1][1].append(t)
            else:
                runs.append((t.kind, [t], []))
            fresh = True
        elif t.kind == "value":
            if not runs:
                runs.append(("none", [], []))
            if fresh or not runs[-1][2]:
                runs[-1][2].append([])
            runs[-1][2][-1].append(t)
            fresh = False
        elif t.kind == "gap":
            fresh = True
    return runs


def read_table(table: list[_Tok], labels_of: dict[int, str]) -> Budget | None:
    """One table's cells from its runs; None when it has no row label or no year."""
    budget = Budget()
    budget.labels = list(dict.fromkeys(t.text for t in table if t.kind == "label"))
    seen = sorted({t.year for t in table if t.kind == "year"})
    if not budget.labels or not seen:
        return None
    years = list(range(seen[0], seen[-1] + 1))  # a column the text moved away stays empty
    if any(y not in labels_of for y in years):
        return None
    budget.years = [(y, labels_of[y]) for y in years]
    budget.units = [t.text for t in table if t.kind == "unit"]
    budget.used = [t.line for t in table if t.kind != "other"]
    orphans: list[_Tok] = []
    for kind, leaders, blocks in _runs(table):
        if kind == "year":
            _columns(budget, leaders, blocks)
        elif kind == "label" and len(leaders) == 1:
            values = [v for b in blocks for v in b] or orphans
            orphans = [] if values is orphans else orphans
            _row(budget, leaders[0], values)
        elif kind == "label":
            orphans += _band(budget, leaders, blocks)
        else:
            orphans += [v for b in blocks for v in b]
    if orphans:
        budget.problems.append(("values that no header cell leads", orphans[0].line))
    return budget


def _put(budget: Budget, label: str, year: int, value: _Tok) -> None:
    """One cell; a cell read twice is read wrong once: it is left empty, with a problem."""
    key = (label, year)
    if key in budget.cells or key in budget.twice:
        budget.problems.append((f"two values for {label} of {year}", value.line))
        budget.cells.pop(key, None)
        budget.twice.add(key)
        return
    budget.cells[key] = value.line


def _is_initial(label: str) -> bool:
    return make_key(label).startswith("当初予算")


def _columns(budget: Budget, years: list[_Tok], blocks: list[list[_Tok]]) -> None:
    """Years printed together, then one block per year, in their order: each block holds
    the column's values top to bottom, or the report's year's 当初予算 alone."""
    if not blocks:
        return  # a header row: its columns' values come with other header cells
    if len(blocks) != len(years):
        budget.problems.append(
            (f"{len(blocks)} value blocks for {len(years)} years", years[0].line)
        )
        return
    last = budget.years[-1][0]
    for year, block in zip(years, blocks, strict=True):
        if len(block) == len(budget.labels):
            for label, value in zip(budget.labels, block, strict=True):
                _put(budget, label, year.year, value)
        elif len(block) == 1 and year.year == last and _is_initial(budget.labels[0]):
            _put(budget, budget.labels[0], year.year, block[0])
        else:
            budget.problems.append((f"{len(block)} values under {year.text}", block[0].line))


def _row(budget: Budget, label: _Tok, values: list[_Tok]) -> None:
    """A row label, then its values from the left (the report leaves only later years
    empty)."""
    if len(values) > len(budget.years):
        budget.problems.append((f"{len(values)} values in the row {label.text}", label.line))
        return
    for (year, _), value in zip(budget.years, values, strict=False):
        _put(budget, label.text, year, value)


def _band(budget: Budget, labels: list[_Tok], blocks: list[list[_Tok]]) -> list[_Tok]:
    """Row labels printed together, then one block per year holding one value per label
    (the report's year: its 当初予算 alone). Returns the values after the last such block:
    a row whose label the text prints after them claims them."""
    for n, block in enumerate(blocks):
        if n >= len(budget.years):
            return [v for b in blocks[n:] for v in b]
        year = budget.years[n][0]
        if len(block) == len(labels):
            for label, value in zip(labels, block, strict=True):
                _put(budget, label.text, year, value)
        elif len(block) == 1 and n == len(budget.years) - 1 and _is_initial(labels[0].text):
            _put(budget, labels[0].text, year, block[0])
        else:
            return [v for b in blocks[n:] for v in b]
    return []


def rebuild_budget(lines: list[Line]) -> tuple[list[Line], list[tuple[str, Line]]]:
    """A region's lines (``find_budget``) with each table rebuilt as the PDF reader gives
    it: a 区分 row of years, the unit cell's text, one row of cells per label; lines that
    are no cell of a table (a title's pieces) stay where they are. Also the problems."""
    tables = _tables(tokens(lines))
    labels_of = {t.year: t.text for tb in tables for t in tb if t.kind == "year"}
    rebuilt: dict[int, list[Line]] = {}  # id of a table's first line → its lines
    used: set[int] = set()
    problems: list[tuple[str, Line]] = []
    for table in tables:
        budget = read_table(table, labels_of)
        if budget is None:
            continue
        first = next(t.line for t in table if t.kind not in ("other", "gap"))
        rebuilt[id(first)] = _table_lines(budget, first)
        used |= {id(ln) for ln in budget.used}
        problems += budget.problems
    out: list[Line] = []
    for ln in lines:
        out += rebuilt.get(id(ln), [])
        if id(ln) not in used:
            out.append(ln)
    return out, problems


def _table_lines(budget: Budget, first: Line) -> list[Line]:
    header = [cell(_CORNER, 0)] + [cell(label, k + 1) for k, (_, label) in enumerate(budget.years)]
    out = [grid_line(first, header)]
    if budget.units:
        out.append(Line(first.no, first.page, "".join(budget.units)))
    for r, label in enumerate(budget.labels, start=1):
        row = [cell(label, 0, row=r)]
        at = first
        for k, (year, _) in enumerate(budget.years):
            if (value := budget.cells.get((label, year))) is not None:
                row.append(cell(value.text.strip(), k + 1, row=r))
                at = value if at is first else at
        out.append(grid_line(at, row))
    return out

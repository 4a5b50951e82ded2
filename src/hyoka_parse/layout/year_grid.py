"""Grids of fiscal-year columns and labelled rows in column-by-column text (pdftotext's default
mode), read by the runs the text prints them in: the machinery of ``text_budget`` (a budget
table) and ``text_reference`` (a 参考指標's grid), which give it their grid's shape.

pdftotext prints such a grid in runs, each led by header cells and followed by blocks of
values (a block ends at a blank line), and mixes the ways within one grid:

- a fiscal year, then its column's values; years printed together are followed by one block
  per year, in their order;
- a row label, then its row's values, one a line or one a block;
- labels printed together, then one block per year holding one value per label.

A column's block must hold one value per row label (a budget table: or the report's year
with its 当初予算 alone); a row takes at most one value per year, from the left (the report
leaves only the later years empty); labels printed together take blocks of as many values.
Anything else leaves its row or column empty, with a problem for the warning; a grid
whose row labels all come first (a 参考指標's) is then read by its blocks instead
(``read_blocks``: a year's header cell leads a block of its column's top cells), when that
reading fills every cell.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from hyoka_parse.layout.grid_cells import cell, grid_line
from hyoka_parse.layout.model import Line
from hyoka_parse.normalize import make_key
from hyoka_parse.text import join_cell
from hyoka_parse.values import era_year, value_tokens
from hyoka_parse.vocab import ERA_OFFSET

__all__ = ["BOX_ORDER", "Shape", "YearGrid", "rebuild", "tokens", "year_tokens"]

# Why a grid of a text in its extractor's box order is left empty (``text_readers.box_order``).
BOX_ORDER = "the text's blocks come in its extractor's box order, not as printed"


@dataclass(frozen=True)
class Shape:
    """What a grid's cells look like: its corner cell, its row labels, its values, pieces
    of its unit cell, and whether the report's year may hold its first row's value alone."""

    corner: str
    is_corner: Callable[[str], bool]  # on a line's key
    is_label: Callable[[str], bool]  # on a line's text, stripped
    is_value: Callable[[Line], bool]
    is_unit: Callable[[str], bool] = lambda key: False
    first_alone: bool = False
    labels_wrap: bool = False  # a row label's cell wraps: its pieces follow it a line each
    corner_starts: bool = False  # a corner cell after rows starts the next grid (区分)
    blocks_lead: bool = False  # a year's header cell may lead a block of its top rows
    block_rows: bool = False  # years printed together may lead one block of rows (Chromium)
    column_ok: Callable[[list[str | None]], bool] = lambda column: True  # a column's values
    # whether a column's values are proven: its total is its parts added, a dash as none
    column_sure: Callable[[list[str | None]], bool] = lambda column: False
    # The form's rows in order, where the shape fixes them (a budget table): a reading the
    # totals prove (``read_proven``) may give a row whose label the text printed elsewhere.
    rows: tuple[str, ...] = ()
    row_of: Callable[[str], int | None] = lambda label: None  # which of ``rows`` it names


@dataclass
class _Tok:
    kind: str  # "year" | "label" | "value" | "unit" | "corner" | "gap" | "piece" | "other"
    line: Line
    text: str = ""
    year: int = 0
    pieces: list[Line] = field(default_factory=list)  # more lines of a wrapped label


@dataclass
class YearGrid:
    """One grid read from the text: its years, labels, cells and the lines it used."""

    shape: Shape

    years: list[tuple[int, str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    cells: dict[tuple[str, int], Line] = field(default_factory=dict)  # (label, year) → value
    units: list[str] = field(default_factory=list)
    used: list[Line] = field(default_factory=list)
    problems: list[tuple[str, Line]] = field(default_factory=list)
    twice: set[tuple[str, int]] = field(default_factory=set)
    left: set[tuple[str, int]] = field(default_factory=set)  # cells a row gave from the left
    failed: set[int] = field(default_factory=set)  # years whose printed column was not read
    # A value printed under the report's year's header before the rows (its 当初予算): a
    # first row that then gives that year a value too has one of another cell in it.
    alone: bool = False


# A fiscal year cut before its 年 (``平成 30`` / ``年度``: LibreOffice, IPAMincho, extra-wide
# label columns, big type; held-out set 14), on a key.
_ERA_STEM = regex.compile(r"^(?:平成|令和)(?:元|\d+)$")
_YEARS = regex.compile(r"(?:平成|令和)\s*(?:元|\d+|[０-９]+)\s*年(?:\s*度)?")


def tokens(lines: list[Line], shape: Shape) -> list[_Tok]:
    """The region's lines as the grid's tokens (a line may hold two: ``状況(百 補正予算(b)``,
    ``令和元年度 令和２年度 令和３年度``)."""
    out: list[_Tok] = []
    for ln in lines:
        text = ln.text.strip()
        key = make_key(text)
        if not key:
            out.append(_Tok("gap", ln))
        elif shape.is_corner(key):
            out.append(_Tok("corner", ln, text))
        elif shape.is_label(text):
            out += _valued_label(ln, text, shape) or [_Tok("label", ln, text)]
        elif labelled := _label_line(ln, text, shape):
            out += labelled
        elif shape.is_value(ln):
            out.append(_Tok("value", ln, text))
        elif row := _values_of(ln, shape):
            out += row
        elif years := year_tokens(ln, key):
            out += years
        elif key in ("年", "年度") and (at := _open_stem(out)) is not None:
            stem = out[at]  # 平成 30 / 年度: one header cell in two pieces
            label = make_key(stem.text) + "年度"
            out[at] = _Tok("year", stem.line, label, era_year(label) or 0)
            out.append(_Tok("piece", ln, text))
        elif _ERA_STEM.match(key):
            out.append(_Tok("stem", ln, text))
        elif set(key) <= set("度"):
            out.append(_Tok("piece", ln, text))
        elif shape.is_unit(key):
            out.append(_Tok("unit", ln, text))
        else:
            out.append(_Tok("other", ln, text))
    for t in out:
        t.kind = "other" if t.kind == "stem" else t.kind  # a stem no 年度 followed
    return _wrapped_labels(out) if shape.labels_wrap else out


def _label_line(ln: Line, text: str, shape: Shape) -> list[_Tok]:
    """A line that holds a row label among other cells: a piece of the unit cell before it
    (``状況(百 補正予算(b)``) and the row's first values after it, which share its baseline
    (Chromium, Noto Sans CJK KR, big type: ``予算の 当初予算(a) 2,879``, ``繰越し等(c) －``).
    The unit piece, the label and the values as tokens; none when the line holds no label
    between spaces, or anything after it that is no value."""
    pieces = text.split(" ")
    at = next((k for k, p in enumerate(pieces) if shape.is_label(p)), None)
    if at is None or len(pieces) == 1:
        return []
    head = " ".join(pieces[:at]).strip()
    values = _value_toks(ln, " ".join(pieces[at + 1 :]), shape)
    if values is None:
        return []
    out = [_Tok("unit", ln, head)] if head else []
    return [*out, _Tok("label", ln, pieces[at]), *values]


def _value_toks(ln: Line, text: str, shape: Shape) -> list[_Tok] | None:
    """``text``'s pieces (``values.value_tokens``) as value tokens of line ``ln``, or None
    when any piece is no value of the shape."""
    cells = [Line(ln.no, ln.page, v) for v in value_tokens(text)]
    if not all(shape.is_value(c) for c in cells):
        return None
    return [_Tok("value", c, c.text) for c in cells]


def _valued_label(ln: Line, text: str, shape: Shape) -> list[_Tok]:
    """A row label line that ends with the row's first values, set one space after the
    label (Chromium, Noto Serif CJK TC, very narrow columns, big type: ``③アクセス数 125
    万件＊``, then ``157 万件＊`` … on lines of their own; held-out set 15): the label and
    the values as tokens, or none. A label of its mark alone keeps what follows, which may
    be the label's own text, and so does a label that ends with an era's name (``②平成
    29年``: a date in the label)."""
    found = _label_line(ln, text, shape) or _label_then_values(ln, text, shape)
    labels = [make_key(t.text) for t in found if t.kind == "label"]
    if not any(t.kind == "value" for t in found) or len(labels[0]) < 2:
        return []
    return [] if labels[0].endswith(tuple(ERA_OFFSET)) else found


def _label_then_values(ln: Line, text: str, shape: Shape) -> list[_Tok]:
    """A label of several pieces, then values: the first pieces that read as a label and
    leave only values after them (Chromium, Noto Sans Mono CJK JP, extra wide, big type:
    ``②平成 29年度：穏健主義育 ４か国``, then ``12名`` … a line each; held-out set 16)."""
    pieces = text.split(" ")
    for k in range(1, len(pieces)):
        head = " ".join(pieces[:k])
        values = _value_toks(ln, " ".join(pieces[k:]), shape)
        if values and shape.is_label(head):
            return [_Tok("label", ln, head), *values]
    return []


def _values_of(ln: Line, shape: Shape) -> list[_Tok]:
    """A line of two or more value cells, each a token, left to right as a line prints
    them (Chromium, Type 3 fonts: ``125 万件＊ 157 万件＊ 179 万件＊``, a row's cells that
    share a baseline); none when any piece is no value. The first token also holds the
    line (so the line counts as used)."""
    out = _value_toks(ln, ln.text, shape) or []
    if len(out) < 2:
        return []
    out[0].pieces.append(ln)
    return out




def _open_stem(out: list[_Tok]) -> int | None:
    """Where the era stem stands that a ``年度`` piece completes: the last token, or the
    first of a row of year cells' first pieces (``平成 30`` / ``令和元年`` / ``令和２年`` /
    ``令和３年``, then ``年度`` / ``度`` / ``度`` / ``度``: narrow budget year cells read row by
    row; LibreOffice, HanaMinA, extra-wide label columns; held-out set 17)."""
    for k in range(len(out) - 1, -1, -1):
        if out[k].kind == "stem":
            return k
        if out[k].kind not in ("year", "gap", "piece"):
            return None
    return None


_NOTE = regex.compile(r"^(?:[（(]注|[（(]出典|※)")


def _wrapped_labels(toks: list[_Tok]) -> list[_Tok]:
    """A label's cell printed a piece a line (``① 国際テロ・組`` / ``織犯罪関連条約`` / …):
    the pieces right after it, up to a blank line or another cell, are its text."""
    out: list[_Tok] = []
    for t in toks:
        last = out[-1] if out else None
        if (
            t.kind == "other"
            and last is not None
            and last.kind == "label"
            and not _NOTE.match(t.text)
        ):
            last.pieces.append(t.line)
            last.text = join_cell([last.text, t.text])
            continue
        out.append(t)
    return out


def year_tokens(ln: Line, key: str) -> list[_Tok]:
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


def _tables(toks: list[_Tok], shape: Shape) -> list[list[_Tok]]:
    """The region's tokens cut into tables: a table ends where a fiscal year it has comes
    again, or where a 区分 comes after its rows but for its next columns (``_goes_on``);
    or, when every table's row labels come first, by the years' turns (``_labels_first``)."""
    if (first := _labels_first(toks, shape)) is not None:
        return first
    if (turns := _turns(toks, shape)) is not None:
        return turns
    tables: list[list[_Tok]] = [[]]
    years: set[int] = set()
    filled = False
    for k, t in enumerate(toks):
        if (t.kind == "year" and t.year in years) or (
            t.kind == "corner" and filled and shape.corner_starts and not _goes_on(toks, k, years)
        ):
            tables.append([])
            years, filled = set(), False
        years |= {t.year} if t.kind == "year" else set()
        filled = filled or t.kind in ("value", "label")
        tables[-1].append(t)
    return tables


def _goes_on(toks: list[_Tok], k: int, years: set[int]) -> bool:
    """Whether the corner cell at ``k`` heads the next columns of the table whose ``years``
    came so far: the first year after it is the year after the table's last (LibreOffice,
    TakaoMincho, US Letter: ``区分 / 平成 30 年 / 度 / 2,879 …`` and the row labels, then
    ``区分 / 令和元年 / 度 / 2,970 …``, the corner printed again over the later columns). A
    year the table has, or none, starts the next table (同（分担金・拠出金）'s 区分 row)."""
    after = next((t.year for t in toks[k + 1 :] if t.kind == "year"), None)
    return bool(years) and after == max(years) + 1


def _labels_first(toks: list[_Tok], shape: Shape) -> list[list[_Tok]] | None:
    """Tables whose header cells (``区分`` and the row labels) all come before any year:
    the text then prints the tables' columns side by side, top to bottom, so the n-th
    header run of a year is the n-th table's (Chromium, Type 3 fonts: table 1's and
    table 2's labels, then 平成30年度's two columns, then each table's later years). None
    unless the tokens before the first year are two or more such header sets, alike."""
    at = next((k for k, t in enumerate(toks) if t.kind == "year"), None)
    if at is None or not shape.corner_starts:
        return None
    heads: list[list[_Tok]] = []
    for k, t in enumerate(toks[:at]):
        if t.kind == "corner":
            heads.append([])
        elif t.kind == "other" and (not heads or _titles_next(toks, k)):
            continue  # the text above the tables; the next table's title over its 区分
        elif t.kind not in ("label", "unit", "gap"):
            return None
        if heads:
            heads[-1].append(t)
    sets = [[t.text for t in h if t.kind == "label"] for h in heads]
    if len(sets) < 2 or not sets[0] or any(s != sets[0] for s in sets):
        return None
    tables, turns = heads, {}  # turns: year → its header runs so far
    n, prev = 0, ""
    for t in toks[at:]:
        if t.kind == "year" and prev not in ("year", "piece"):
            n = turns.get(t.year, 0)
        if t.kind == "year":
            turns[t.year] = turns.get(t.year, 0) + 1
        if n >= len(tables):
            return None  # more runs of a year than tables
        tables[n].append(t)
        prev = t.kind if t.kind != "gap" else prev
    return tables


_TurnRun = tuple[_Tok, list[_Tok], list[_Tok]]  # a year, its pieces, its values


def _turns(toks: list[_Tok], shape: Shape) -> list[list[_Tok]] | None:
    """Budget tables one above the other whose columns the text prints in turns: each
    year's column of the first table, then the same year's of the next (pdftotext's flow
    runs down both tables' columns at one place), the header cells (区分, unit, row labels)
    of each table after its 区分, and a row whose label comes last with its values
    (LibreOffice, MotoyaLCedar, wide, big type; held-out set 17: ``令和元年度 / 2,879 … /
    令和元年度 / － － － －``, then table 1's labels, 区分, table 2's labels, …, ``執行額(百万
    円) / － / － / 105,015``). The n-th turn of a year is the n-th table's. Taken only when
    the text proves it: every year but the report's comes in one turn per table, each turn
    holds one value per row label its table printed, and the tables' counts differ (so the
    turns cannot be swapped); None otherwise. The report's year's turns (当初予算 alone in
    each table, one value each) follow the order the other years' counts proved: they are
    cells of the same column flow, top table first."""
    if not shape.first_alone or not shape.corner_starts:
        return None
    parts = _turn_parts(toks)
    if parts is None:
        return None
    heads, runs, trailing = parts
    n = len(heads)
    if n < 2 or not runs or len(runs) % n:
        return None
    groups = [runs[k : k + n] for k in range(0, len(runs), n)]
    years = [g[0][0].year for g in groups]
    if any({r[0].year for r in g} != {y} for g, y in zip(groups, years, strict=True)):
        return None
    if years != list(range(years[0], years[0] + len(years))):
        return None
    sizes = [sum(1 for t in h if t.kind == "label") for h in heads]
    counts = [[len(values) for _, _, values in g] for g in groups[:-1]]
    if not counts or any(c != sizes for c in counts) or len(set(sizes)) == 1:
        return None
    tables = [list(h) for h in heads]
    for k, (year, pieces, values) in enumerate(runs):
        tables[k % n] += [year, *pieces, *values]
    for label, values in trailing:
        lacking = [t for t in tables if make_key(label.text) not in _label_keys(t)]
        if len(lacking) != 1:
            return None
        lacking[0] += [label, *values]
    return tables


def _label_keys(table: list[_Tok]) -> set[str]:
    return {make_key(t.text) for t in table if t.kind == "label"}


def _turn_parts(
    toks: list[_Tok],
) -> tuple[list[list[_Tok]], list[_TurnRun], list[tuple[_Tok, list[_Tok]]]] | None:
    """The region's header cells by 区分 (each 区分 with the units and labels after it), its
    year turns in order, and the rows whose label follows the last turn, with their values;
    None when a value comes before any year or a header cell after the last turn."""
    years = [k for k, t in enumerate(toks) if t.kind == "year"]
    if not years:
        return None
    end = next(
        (k for k in range(years[-1] + 1, len(toks)) if toks[k].kind not in _IN_TURN),
        len(toks),
    )
    heads: list[list[_Tok]] = []
    runs: list[_TurnRun] = []
    for t in toks[:end]:
        if t.kind == "corner":
            heads.append([t])
        elif t.kind in ("label", "unit") and heads:
            heads[-1].append(t)
        elif t.kind == "year":
            runs.append((t, [], []))
        elif t.kind in ("value", "piece") and runs:
            runs[-1][2 if t.kind == "value" else 1].append(t)
        elif t.kind not in ("gap", "other"):
            return None
    trailing: list[tuple[_Tok, list[_Tok]]] = []
    for t in toks[end:]:
        if t.kind == "label":
            trailing.append((t, []))
        elif t.kind == "value" and trailing:
            trailing[-1][1].append(t)
        elif t.kind not in ("gap", "other", "piece"):
            return None
    return heads, runs, trailing


_IN_TURN = ("value", "gap", "piece")


def _titles_next(toks: list[_Tok], k: int) -> bool:
    """Whether the token at ``k`` stands right before a corner cell (blank lines between):
    a title over the next table's header (LibreOffice, IPAMincho, extra-wide label columns,
    big type; held-out set 14: table 1's header cells, ``同（分担金・拠出金）``, table 2's)."""
    after = next((t for t in toks[k + 1 :] if t.kind != "gap"), None)
    return after is not None and after.kind == "corner"


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
        elif t.kind == "piece" and runs and runs[-1][0] == "year" and not runs[-1][2]:
            runs[-1][1][-1].pieces.append(t.line)  # a year's 度, printed after the years
    return runs


def read_table(table: list[_Tok], labels_of: dict[int, str], shape: Shape) -> YearGrid | None:
    """One table's cells from its runs; None when it has no row label or no year."""
    budget = YearGrid(shape)
    budget.labels = list(dict.fromkeys(t.text for t in table if t.kind == "label"))
    seen = sorted({t.year for t in table if t.kind == "year"})
    if not budget.labels or not seen:
        return None
    years = list(range(seen[0], seen[-1] + 1))  # a column the text moved away stays empty
    if any(y not in labels_of for y in years):
        return None
    budget.years = [(y, labels_of[y]) for y in years]
    for y in sorted(set(years) - set(seen)):
        first = next(t.line for t in table if t.kind == "year")
        budget.problems.append((f"no {labels_of[y]} column beside the grid", first))
    budget.units = [t.text for t in table if t.kind == "unit"]
    budget.used = [t.line for t in table if t.kind != "other"]
    budget.used += [p for t in table for p in t.pieces]
    orphans: list[_Tok] = []  # values no header cell leads: the next run's row may claim them
    open_row: _Tok | None = None  # a row label whose values come under their year headers
    shown: set[str] = set()  # the row labels printed so far
    runs = _runs(table)
    for n, (kind, leaders, blocks) in enumerate(runs):
        claim, orphans = orphans, []
        if kind == "year" and open_row is not None and _header_led(leaders, blocks):
            # ``①日本語版 / 平成29年度 / 7,400 部 / 平成30年度 / 7,100 部``: each value right
            # under its own year's header cell (years printed together, as many values)
            for year, value in zip(leaders, blocks[0], strict=True):
                _put(budget, open_row.text, year.year, value)
        elif kind == "year":
            _columns(budget, leaders, blocks, shown)
        elif kind == "label" and len(leaders) == 1:
            values, orphans = _two_rows(
                budget, leaders[0], [v for b in blocks for v in b], runs[n + 1 :]
            )
            _row(budget, leaders[0], values or claim)
            claim = claim if values else []
        elif kind == "label":
            orphans = _band(budget, leaders, blocks)
        else:
            orphans = [v for b in blocks for v in b]
        if claim:
            _orphaned(budget, claim)
        if kind == "label":
            open_row = leaders[0] if len(leaders) == 1 and not blocks else None
            shown |= {t.text for t in leaders}
    if orphans:
        _orphaned(budget, orphans)
    _left_gaps(budget)
    return budget


def _two_rows(
    budget: YearGrid, label: _Tok, values: list[_Tok], later: list[Run]
) -> tuple[list[_Tok], list[_Tok]]:
    """A row's values and those the next row claims, when a row label is followed by two
    rows' values and the next label by none (its label cell is centred below them:
    ``合計(a＋b＋c) / － / － / 105,298 / － / － / 105,015 / 執行額(百万円)``; LibreOffice,
    HanaMinA, extra-wide label columns; held-out set 17; Chromium, IPAMincho). Each later
    row fills every year but the report's, so each takes half; but pdftotext may give the
    two rows' cells row by row or year by year (Chromium's table 1: ``0 / 2,879`` per year),
    so the halves are taken only where the columns prove them (``Shape.column_sure``: the
    total is its parts added) and the year-by-year reading is refuted or gives the same
    cells (合計 may read alike both ways while 執行額 does not: a breaker's trial)."""
    width = len(budget.years) - 1
    nxt = later[0] if later else None
    if (
        not budget.shape.first_alone
        or width < 1
        or len(values) != 2 * width
        or nxt is None
        or nxt[0] != "label"
        or len(nxt[1]) != 1
        or nxt[2]
    ):
        return values, []
    by_row = (values[:width], values[width:])
    by_year = (values[0::2], values[1::2])
    rows = (label.text, nxt[1][0].text)
    same = all(
        [v.text for v in a] == [v.text for v in b] for a, b in zip(by_row, by_year, strict=True)
    )
    if _sure(budget, rows, by_row) and (same or not _sure(budget, rows, by_year)):
        return by_row
    return values, []


def _sure(
    budget: YearGrid, rows: tuple[str, str], cells: tuple[list[_Tok], list[_Tok]]
) -> bool:
    """Whether every year's column, with ``cells`` in the two ``rows``, is proven."""
    for k, (year, _) in enumerate(budget.years[: len(cells[0])]):
        given = {rows[0]: cells[0][k].text, rows[1]: cells[1][k].text}
        column = [
            given.get(lb) or ((c := budget.cells.get((lb, year))) and c.text) or None
            for lb in budget.labels
        ]
        if not budget.shape.column_sure(column):
            return False
    return True


def _left_gaps(budget: YearGrid) -> None:
    """A row read from the left (``_row``) that leaves a year empty before a year a column
    filled lost a cell somewhere among its values, which are then no year's for sure: they
    are left out, said (Chromium, Noto Serif CJK TC, very narrow: ``③アクセス数 125 万件＊``
    read as one label, ``157``, ``179`` from the left, ``266`` under 令和３年度's header;
    held-out set 15). The report leaves only later years empty. Values on the label's own
    line are its first cells whatever was lost (``…関連条 ３か国``: 2018's; held-out set 12),
    and an empty year whose printed column was not read explains the gap."""
    for label in budget.labels:
        keys = [(label, y) for y, _ in budget.years if (label, y) in budget.left]
        keys = [k for k in keys if k in budget.cells]
        filled = [k for k, (y, _) in enumerate(budget.years) if (label, y) in budget.cells]
        last = filled[-1] if filled else 0
        empty = {y for y, _ in budget.years[:last] if (label, y) not in budget.cells}
        if keys and empty and not empty & budget.failed:
            line = budget.cells[keys[0]]
            for key in keys:
                del budget.cells[key]
            budget.problems.append((f"a cell of the row {label} lost: its values left out", line))


def _orphaned(budget: YearGrid, values: list[_Tok]) -> None:
    """Values no header cell leads and the row right after them did not claim: a row
    printed later claims none of them (held-out set 15, LibreOffice, Noto Sans Mono CJK HK,
    default mode: 当初予算(a)'s amounts left over by a stray 合計 label before it would go
    to 執行額, whose label comes four rows later)."""
    budget.problems.append(("values that no header cell leads", values[0].line))


def _header_led(years: list[_Tok], blocks: list[list[_Tok]]) -> bool:
    """Year headers, then one block of one value each: the values stand right under them,
    the open row's (one year: LibreOffice; two on one line, ``平成30年度 令和元年度`` /
    ``7,100 部`` / ``7,000 部``: Chromium, Noto Serif CJK JP, wide; held-out set 19)."""
    return len(blocks) == 1 and len(blocks[0]) == len(years)


def _put(budget: YearGrid, label: str, year: int, value: _Tok) -> None:
    """One cell; a cell read twice is read wrong once: it is left empty, with a problem."""
    key = (label, year)
    if key in budget.cells or key in budget.twice:
        budget.problems.append((f"two values for {label} of {year}", value.line))
        budget.cells.pop(key, None)
        budget.twice.add(key)
        return
    budget.cells[key] = value.line


def _columns(
    budget: YearGrid, years: list[_Tok], blocks: list[list[_Tok]], shown: set[str]
) -> None:
    """Years printed together, then one block per year, in their order: each block holds
    the column's values top to bottom, or the report's year's 当初予算 alone. ``shown``:
    the row labels printed before these years (a block of rows needs them all)."""
    if not blocks:
        return  # a header row: its columns' values come with other header cells
    if _report_year_led(budget, years, blocks):
        # LibreOffice, Noto Serif: ``平成 30 年 / (blank) / 令和３年度 / 3,006``
        _put(budget, budget.labels[0], years[-1].year, blocks[0][0])
        return
    if len(blocks) == 1 < len(years) and budget.shape.block_rows:
        if set(budget.labels) <= shown:
            _block_rows(budget, years, blocks[0])
        else:
            # the rows' labels the text prints after the block need not be all the rows
            # (Chromium, Noto Sans CJK KR: 当初予算(a) … 繰越し等(c) on lines of their own
            # values, only 合計 and 執行額 after): which rows the block holds is unknown
            why = f"{len(blocks[0])} values under {len(years)} years before their rows' labels"
            budget.problems.append((why, blocks[0][0].line))
            budget.failed |= {y.year for y in years}
            budget.alone |= len(blocks[0]) == 1 and years[-1].year == budget.years[-1][0]
        return
    if len(blocks) != len(years):
        budget.problems.append(
            (f"{len(blocks)} value blocks for {len(years)} years", years[0].line)
        )
        budget.failed |= {y.year for y in years}
        return
    last = budget.years[-1][0]
    rows = _column_rows(budget, shown)
    for year, block in zip(years, blocks, strict=True):
        if len(block) == len(rows):
            for label, value in zip(rows, block, strict=True):
                _put(budget, label, year.year, value)
        elif len(block) == 1 and year.year == last and budget.shape.first_alone:
            _put(budget, budget.labels[0], year.year, block[0])
        else:
            budget.problems.append((f"{len(block)} values under {year.text}", block[0].line))
            budget.failed.add(year.year)


def _column_rows(budget: YearGrid, shown: set[str]) -> list[str]:
    """The rows a year's column block holds: every row; or, in a budget table, the rows
    whose labels were printed before it when they are its first rows and the others come
    later with values of their own (table 2's 執行額 after every column: ``_turns``)."""
    first = [label for label in budget.labels if label in shown]
    if budget.shape.first_alone and first and first == budget.labels[: len(first)]:
        return first
    return budget.labels


def _report_year_led(budget: YearGrid, years: list[_Tok], blocks: list[list[_Tok]]) -> bool:
    """Years printed together whose one value stands on the line right after the report's
    year's header cell, the last of them: the header and its column's top cell share a
    block, and that column holds its 当初予算 alone (``Shape.first_alone``). The header's
    last line may be a year's last piece (``令和２年`` / ``令和３年`` / ``度`` / ``度`` /
    ``3,006``: LibreOffice, HanaMinA, extra-wide label columns; held-out set 17)."""
    last = max(ln.no for y in years for ln in [y.line, *y.pieces])
    return (
        budget.shape.first_alone
        and len(blocks) == 1
        and len(blocks[0]) == 1
        and years[-1].year == budget.years[-1][0]
        and blocks[0][0].line.no == last + 1
    )


def _block_rows(budget: YearGrid, years: list[_Tok], block: list[_Tok]) -> None:
    """Years printed together, then one block of their cells: pdftotext prints a block's
    lines top to bottom, left to right, so the block holds the rows in turn, each from the
    left (Chromium: ``2,970 / 3,052 / 3,006 / 0 / 220 / 0 / △217 / …``). Every row is full,
    or (the report's year among them, last) only the first row has that year; any other
    count, or a column that fails the shape's check, leaves them empty."""
    width = len(years)
    rows = len(budget.labels)
    alone = budget.shape.first_alone and years[-1].year == budget.years[-1][0]
    if len(block) == rows * width:
        widths = [width] * rows
    elif alone and len(block) == width + (rows - 1) * (width - 1):
        widths = [width] + [width - 1] * (rows - 1)
    else:
        budget.problems.append((f"{len(block)} values under {len(years)} years", block[0].line))
        return
    cells: dict[tuple[str, int], _Tok] = {}
    k = 0
    for label, w in zip(budget.labels, widths, strict=True):
        for year in years[:w]:
            cells[(label, year.year)], k = block[k], k + 1
    for year in years:
        column = [c.text if (c := cells.get((lb, year.year))) else None for lb in budget.labels]
        if not budget.shape.column_ok(column):
            budget.problems.append((f"the cells under {year.text} do not add up", block[0].line))
            return
    for (label, year), value in cells.items():
        _put(budget, label, year, value)


def _row(budget: YearGrid, label: _Tok, values: list[_Tok]) -> None:
    """A row label, then its values from the left (the report leaves only later years
    empty)."""
    if len(values) > len(budget.years):
        budget.problems.append((f"{len(values)} values in the row {label.text}", label.line))
        return
    if budget.alone and label.text == budget.labels[0] and len(values) == len(budget.years):
        # the report's year's 当初予算 stood under its header: one of these is another
        # cell's, run in (a breaker's trial of held-out set 19: 85,448 among 当初予算's)
        why = f"{len(values)} values in the row {label.text} after its report year's alone"
        budget.problems.append((why, label.line))
        return
    for (year, _), value in zip(budget.years, values, strict=False):
        _put(budget, label.text, year, value)
        if value.line.no != label.line.no:  # on the label's own line: the first cells
            budget.left.add((label.text, year))


def _band(budget: YearGrid, labels: list[_Tok], blocks: list[list[_Tok]]) -> list[_Tok]:
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
        elif (
            len(block) == 1
            and n == len(budget.years) - 1
            and budget.shape.first_alone
            and labels[0].text == budget.labels[0]
        ):
            _put(budget, labels[0].text, year, block[0])
        else:
            return [v for b in blocks[n:] for v in b]
    return []


# --- a table read from its values alone, where its totals prove the reading ---


Cells = dict[tuple[int, int], _Tok]  # (row of Shape.rows, year) → its value


def read_proven(table: list[_Tok], labels_of: dict[int, str], shape: Shape) -> YearGrid | None:
    """A table of the form's rows (``Shape.rows``) read from its values alone, in the order
    printed (``_proven_cells``). Where a row's label is printed away from its values
    (LibreOffice, Sawarabi Mincho, default mode: table 1's ``合計(a＋b＋c)`` among table 2's
    header cells, its amounts run on after 繰越し等(c)'s; held-out set 19), the labels cannot
    place the values, but the totals can. None unless they do."""
    years = _form_years(table, labels_of, shape)
    values = [t for t in table if t.kind == "value"]
    cells = None if years is None else _proven_cells(table, values, years, shape)
    return None if cells is None else _proven_grid(table, cells, years or [], labels_of, shape)


def read_proven_region(
    tables: list[list[_Tok]], labels_of: dict[int, str], shape: Shape
) -> list[tuple[list[_Tok], YearGrid]] | None:
    """The region's tables read from their values alone (``_proven_cells``), when the text
    runs one table's cells into the next one's header (LibreOffice, MigMix 1P, small type,
    default mode: table 1's 区分 after its first row label, table 2's years, its report
    year's 当初予算 and table 1's last two labels among table 1's amounts; held-out set 19):
    the tables are the region cut before each 区分 but the first, their values the
    region's in order, in equal shares. None unless every share is proven."""
    toks = [t for tb in tables for t in tb]
    corners = [k for k, t in enumerate(toks) if t.kind == "corner"]
    years = _form_years(toks, labels_of, shape)
    values = [t for t in toks if t.kind == "value"]
    if years is None or len(corners) < 2 or len(values) % len(corners):
        return None
    per = len(values) // len(corners)
    cuts = [0, *corners[1:], len(toks)]
    out = []
    for k, (a, b) in enumerate(itertools.pairwise(cuts)):
        cells = _proven_cells(toks, values[k * per : (k + 1) * per], years, shape)
        if cells is None:
            return None
        out.append((toks[a:b], _proven_grid(toks[a:b], cells, years, labels_of, shape)))
    return out


def _form_years(toks: list[_Tok], labels_of: dict[int, str], shape: Shape) -> list[int] | None:
    """The years from the first to the last the tokens show, each with its header's label;
    None when a shape has no form rows or a year has no label."""
    seen = sorted({t.year for t in toks if t.kind == "year"})
    if not shape.rows or not seen:
        return None
    years = list(range(seen[0], seen[-1] + 1))
    return years if all(y in labels_of for y in years) else None


def _proven_cells(
    toks: list[_Tok], values: list[_Tok], years: list[int], shape: Shape
) -> Cells | None:
    """``values`` read as the form's rows (``_readings``): row by row, each from the left,
    or year by year, the report's year's 当初予算 alone either where a row-by-row reading
    ends the first row or right under that year's header cell. Taken only where the values
    are exactly the form's count, a reading proves every column (``Shape.column_sure``: its
    total is its parts added), keeps each amount a row label leads in that row and no row
    or column across a label or header (``_as_led``, ``_unbroken``), and every reading
    that does gives the same cells."""
    at = {id(t): k for k, t in enumerate(toks)}
    heads = [k for k, t in enumerate(toks) if t.kind in ("year", "corner")]
    marks = [k for k, t in enumerate(toks) if t.kind in ("year", "corner", "label")]

    def apart(a: _Tok, b: _Tok) -> bool:
        return _between(marks, at[id(a)], at[id(b)])

    readings = _readings(values, len(shape.rows), years, shape, _led(toks, years[-1]), apart)
    led = _led_cells(toks, shape)
    proven = [
        c
        for c in readings
        if _all_sure(c, years, shape)
        and _unbroken(c, years[-1], at, heads, marks)
        and _as_led(c, led)
    ]
    if not proven or any(_texts(c) != _texts(proven[0]) for c in proven):
        return None
    return proven[0]


def _unbroken(
    cells: Cells, last: int, at: dict[int, int], heads: list[int], marks: list[int]
) -> bool:
    """Whether no header cell (``heads``: a year, 区分) stands among the cells of one year
    of a reading, and no header cell or row label (``marks``) among those of one row (the
    report's year's 当初予算 aside): a column the text prints runs across no header row, a
    row across no other row's label; a value run in from another row or table would (its
    sum the same: 補正予算's 20,221 after 繰越し等's 0 adds up as well)."""
    lines: dict[tuple[str, int], list[int]] = {}
    for (r, y), v in cells.items():
        if (r, y) != (0, last):
            lines.setdefault(("row", r), []).append(at[id(v)])
            lines.setdefault(("year", y), []).append(at[id(v)])
    return not any(
        _between(marks if kind == "row" else heads, min(ks), max(ks))
        for (kind, _), ks in lines.items()
    )


def _between(stops: list[int], a: int, b: int) -> bool:
    """Whether a position of ``stops`` (sorted) lies strictly between ``a`` and ``b``."""
    return bisect.bisect_right(stops, a) < bisect.bisect_left(stops, b)


def _led_cells(toks: list[_Tok], shape: Shape) -> dict[int, int]:
    """The values (ids) a row label leads, each with its row (of ``Shape.rows``): the next
    value, unit pieces, title pieces and blank lines aside (a year's header between: none).
    Labels printed together lead none: their rows' values may come year by year (Chromium:
    ``補正予算(b) / 繰越し等(c) / 0 / 0 / 0 / 0 / 220 / △217``)."""
    led: dict[int, int] = {}
    lead: int | None = None
    last = ""  # the last token's kind, blank lines, units and title pieces aside
    for t in toks:
        if t.kind == "value" and lead is not None:
            led[id(t)] = lead
        if t.kind == "label":
            lead = shape.row_of(t.text) if last != "label" else None
        elif t.kind not in ("gap", "unit", "other"):
            lead = None
        last = t.kind if t.kind not in ("gap", "unit", "other") else last
    return led


def _as_led(cells: Cells, led: dict[int, int]) -> bool:
    """Whether each value a row label leads is that row's in the reading: the totals cannot
    tell 補正予算 from 繰越し等, and the labels can (a breaker's trial of held-out set 19:
    the two rows printed the other way round, each after its label, were swapped)."""
    return all(led.get(id(v), r) == r for (r, _), v in cells.items())


def _proven_grid(
    toks: list[_Tok], cells: Cells, years: list[int], labels_of: dict[int, str], shape: Shape
) -> YearGrid:
    grid = YearGrid(shape)
    printed = [t.text for t in toks if t.kind == "label"]
    grid.labels = [
        next((p for p in printed if shape.row_of(p) == r), row) for r, row in enumerate(shape.rows)
    ]  # as printed (執行額(百万円)), or the form's
    grid.years = [(y, labels_of[y]) for y in years]
    grid.cells = {(grid.labels[r], y): v.line for (r, y), v in cells.items()}
    grid.units = [t.text for t in toks if t.kind == "unit"]
    grid.used = [t.line for t in toks if t.kind != "other"] + [p for t in toks for p in t.pieces]
    return grid


def _led(toks: list[_Tok], year: int) -> set[int]:
    """The values (ids) right under ``year``'s header cell: the header, or its pieces, is
    the token before them, blank lines aside."""
    led: set[int] = set()
    before: _Tok | None = None
    for t in toks:
        if t.kind == "value" and before is not None and before.year == year:
            led.add(id(t))
        if t.kind == "year":
            before = t
        elif t.kind not in ("gap", "piece"):
            before = None
    return led


def _readings(
    values: list[_Tok],
    rows: int,
    years: list[int],
    shape: Shape,
    led: set[int],
    apart: Callable[[_Tok, _Tok], bool],
) -> list[Cells]:
    """Every way to read ``values`` as ``rows`` full rows of ``years`` (``_orders``), or
    (the report's year, the last, holding its first row's cell alone) as rows one year
    shorter plus that cell, taken where a row-by-row reading ends the first row, or first of
    all where it is ``led`` (its header's column printed before the rows: a lone value led
    by a header among the rows' cells is another table's, run in)."""
    n = len(years)
    if len(values) == rows * n:
        splits = [(values, None, True)]
    elif shape.first_alone and n > 1 and len(values) == rows * (n - 1) + 1:
        first = [(values[1:], values[0], False)] if id(values[0]) in led else []
        splits = [*first, (values[: n - 1] + values[n:], values[n - 1], True)]
        n -= 1
    else:
        return []
    out: list[Cells] = []
    for rest, alone, row_end in splits:
        for by_row, order, shared in _orders(rows, n):
            if alone is not None and row_end and not by_row:
                continue  # the first row's end is a row-by-row place only
            if rest[shared] and apart(rest[shared][0], rest[shared][-1]):
                continue  # two rows a label or a header parts are not printed year by year
            cells = {(r, years[y]): v for (r, y), v in zip(order, rest, strict=True)}
            if alone is not None:
                cells[(0, years[-1])] = alone
            out.append(cells)
    return out


def _orders(rows: int, n: int) -> list[tuple[bool, list[tuple[int, int]], slice]]:
    """The (row, year) of each value in turn, for ``rows`` rows of ``n`` years: row by row;
    year by year; and row by row but for two rows next to each other given year by year
    (``合計(a＋b＋c) / 100 / 100 / 100 / 95 / 100 / 98``: whose 95 it is the totals do not
    say; a breaker's trial of held-out set 17). Each with whether it is row by row and the
    values two rows share (none but for the last kind)."""
    by_row = [(k // n, k % n) for k in range(rows * n)]
    by_year = [(k % rows, k // rows) for k in range(rows * n)]
    out = [(True, by_row, slice(0)), (False, by_year, slice(0))]
    for r in range(rows - 1):
        pair = [(r + k % 2, k // 2) for k in range(2 * n)]
        order = by_row[: r * n] + pair + by_row[(r + 2) * n :]
        out.append((True, order, slice(r * n, (r + 2) * n)))
    return out


def _all_sure(cells: Cells, years: list[int], shape: Shape) -> bool:
    """Whether every year's column that holds every row is proven by its totals."""
    rows = len(shape.rows)
    columns = [[cells.get((r, y)) for r in range(rows)] for y in years]
    full = [[v.text for v in c if v is not None] for c in columns if None not in c]
    return bool(full) and all(shape.column_sure(list(c)) for c in full)


def _texts(cells: Cells) -> dict[tuple[int, int], str]:
    return {key: v.text.strip() for key, v in cells.items()}


# --- a grid whose header cells lead blocks of its top rows ---


def read_blocks(table: list[_Tok], labels_of: dict[int, str], shape: Shape) -> YearGrid | None:
    """The table read by its blocks when its row labels come first (a 参考指標's grid):
    pdftotext puts a year's header cell in one block with the values right under it, and
    prints a block's lines top to bottom, left to right; so a block of years then values
    holds the top rows of those years' columns, row by row (LibreOffice: ``平成30年度 /
    令和元年度 / 7,100 部 / 7,000 部 / 4,100 部 / …``). A block of values alone holds cells
    of columns whose header came before, each column filled top down: which ones is read
    row by row and column by column, and taken only when both give the same cells
    (Chromium, 4-参考指標: ``平成29年度 / ３か国``, …, ``令和２年度 / ０か国``, then ``４か国``,
    ``12名``, ``10名``, ``０名`` — one row left, so one reading). None when a cell is left
    empty, a header comes twice, or the text holds anything else among the values."""
    if not shape.blocks_lead:
        return None
    first = next((k for k, t in enumerate(table) if t.kind == "year"), None)
    values = [k for k, t in enumerate(table) if t.kind == "value"]
    labels = list(dict.fromkeys(t.text for t in table if t.kind == "label"))
    if first is None or not values or not labels or values[0] < first:
        return None
    body = table[first : values[-1] + 1]
    if any(t.kind not in ("year", "value", "gap", "corner") for t in body):
        return None
    blocks: list[list[_Tok]] = [[]]
    for t in body:
        if t.kind == "gap":
            blocks.append([])
        elif t.kind != "corner":
            blocks[-1].append(t)
    seen = sorted({t.year for t in body if t.kind == "year"})
    years = list(range(seen[0], seen[-1] + 1))
    if seen != years or any(y not in labels_of for y in years):
        return None
    readings = [_fill(blocks, len(labels), row_major) for row_major in (True, False)]
    if readings[0] is None or readings[0] != readings[1]:
        return None
    grid = YearGrid(shape, years=[(y, labels_of[y]) for y in years], labels=labels)
    grid.cells = {(labels[r], y): line for (r, y), line in readings[0].items()}
    grid.units = [t.text for t in table if t.kind == "unit"]
    grid.used = [t.line for t in table if t.kind != "other"]
    grid.used += [p for t in table for p in t.pieces]
    return grid


def _fill(
    blocks: list[list[_Tok]], rows: int, row_major: bool
) -> dict[tuple[int, int], Line] | None:
    """The cells ``(row, year)`` the blocks fill (``read_blocks``), values alone going to
    the next open cell row by row or column by column; None unless every cell is filled
    once."""
    depth: dict[int, int] = {}  # year → its column's rows filled, from the top
    cells: dict[tuple[int, int], Line] = {}
    for block in blocks:
        heads = [t for t in block if t.kind == "year"]
        values = [t for t in block if t.kind == "value"]
        if block[: len(heads)] != heads or any(h.year in depth for h in heads):
            return None  # a value before its header, or a header read twice
        if heads and (len(values) % len(heads) or len(values) > rows * len(heads)):
            return None
        for h in heads:
            depth[h.year] = len(values) // len(heads)
        for k, v in enumerate(values if heads else []):
            cells[(k // len(heads), heads[k % len(heads)].year)] = v.line
        for v in values if not heads else []:
            open_cells = [(depth[y], y) for y in depth if depth[y] < rows]
            if not open_cells:
                return None
            r, y = min(open_cells, key=lambda c: c if row_major else (c[1], c[0]))
            cells[(r, y)], depth[y] = v.line, r + 1
    if any(d != rows for d in depth.values()):
        return None
    return cells


def rebuild(
    lines: list[Line], shape: Shape, ordered: bool = True
) -> tuple[list[Line], list[tuple[str, Line]]]:
    """A region's lines (``find_budget``) with each table rebuilt as the PDF reader gives
    it: a 区分 row of years, the unit cell's text, one row of cells per label; lines that
    are no cell of a table (a title's pieces) stay where they are. Also the problems. Not
    ``ordered``: every table keeps its rows and years, its cells empty (``_unordered``)."""
    tables = _tables(tokens(lines, shape), shape)
    labels_of = {t.year: t.text for tb in tables for t in tb if t.kind == "year"}
    grids: list[tuple[list[_Tok], YearGrid]] = []
    for table in tables:
        budget = read_table(table, labels_of, shape)
        if budget is None:
            continue
        if budget.problems and (by_blocks := read_blocks(table, labels_of, shape)):
            budget = by_blocks
        elif budget.problems and (proven := read_proven(table, labels_of, shape)):
            budget = proven
        grids.append((table, budget))
    failed = ordered and any(g.problems for _, g in grids)
    if failed and (whole := read_proven_region(tables, labels_of, shape)):
        grids, tables = whole, [tb for tb, _ in whole]
    for table in tables:
        _give_column(table, grids)
    _same_year_side_by_side(tables, grids)
    if not ordered:
        for _, budget in grids:
            _unordered(budget)
    rebuilt: dict[int, list[Line]] = {}  # id of a table's first line → its lines
    used: set[int] = set()
    problems: list[tuple[str, Line]] = []
    for table, budget in grids:
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


def _unordered(budget: YearGrid) -> None:
    """A grid of a text in its extractor's box order (pdfminer): which column a block of
    values is in the order does not say, so its cells are left empty, their values said."""
    placed = sorted({id(ln): ln for ln in budget.cells.values()}.values(), key=lambda ln: ln.no)
    if not placed:
        return
    values = " ".join(ln.text.strip() for ln in placed)
    budget.problems = [(f"{BOX_ORDER} ({values})", placed[0])]
    budget.cells.clear()


def _give_column(table: list[_Tok], grids: list[tuple[list[_Tok], YearGrid]]) -> None:
    """A table that is one year's column alone (``区分``, the year, its values: printed
    apart, ``text_budget.detached_columns``) fills that year's cells of the one grid whose
    header row lacks the year, top to bottom, when it holds one value per row label."""
    cells = [t for t in table if t.kind not in ("gap", "piece")]
    years = [t for t in cells if t.kind == "year"]
    values = [t for t in cells if t.kind == "value"]
    if len(years) != 1 or cells != [cells[0], years[0], *values] or cells[0].kind != "corner":
        return
    year = years[0].year
    lacking = [
        (tb, g)
        for tb, g in grids
        if any(y == year for y, _ in g.years) and all(t.year != year for t in tb)
    ]
    if len(lacking) != 1 or len(values) != len(lacking[0][1].labels):
        return
    grid = lacking[0][1]
    for label, value in zip(grid.labels, values, strict=True):
        grid.cells[(label, year)] = value.line
    grid.used += [t.line for t in table]
    missing = next(f"no {label} column beside the grid" for y, label in grid.years if y == year)
    grid.problems = [p for p in grid.problems if p[0] != missing]


def _same_year_side_by_side(
    tables: list[list[_Tok]], grids: list[tuple[list[_Tok], YearGrid]]
) -> None:
    """A table that ends with a year's column and a next one that is the same year's column
    alone (no 区分, no labels) are two tables' columns of that year printed side by side
    after both (Chromium, TakaoPMincho, the 令和４年度 edition: ``令和４年度 / 3,006 /
    令和４年度 / 85,448`` after 同（分担金・拠出金）, 3,006 being table 1's): which column is
    which table's the order does not say. The first table's cells of that year are left
    out, said; the lone column is read by no table (its line warned already)."""
    by_table = {id(tb): g for tb, g in grids}
    for before, lone in itertools.pairwise(tables):
        cells = [t for t in lone if t.kind not in ("gap", "piece")]
        if not cells or cells[0].kind != "year" or any(t.kind != "value" for t in cells[1:]):
            continue
        tail = [t for t in before if t.kind not in ("gap", "piece")]
        last = max((k for k, t in enumerate(tail) if t.kind == "year"), default=None)
        grid = by_table.get(id(before))
        if grid is None or last is None or tail[last].year != cells[0].year:
            continue
        if any(t.kind != "value" for t in tail[last + 1 :]):
            continue
        year = cells[0].year
        dropped = [key for key in grid.cells if key[1] == year]
        for key in dropped:
            del grid.cells[key]
        grid.problems.append((
            f"two columns of {tail[last].text.strip()} printed side by side after the "
            "tables: which is this table's cannot be told; its cells of that year are left "
            "empty",
            tail[last].line,
        ))


def _table_lines(budget: YearGrid, first: Line) -> list[Line]:
    header = [cell(budget.shape.corner, 0)] + [
        cell(label, k + 1) for k, (_, label) in enumerate(budget.years)
    ]
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

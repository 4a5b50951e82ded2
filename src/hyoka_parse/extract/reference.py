"""Extractor for a 参考指標: title, source and notes, and one or more series of yearly values.

Layout: ``参考指標N：title`` (wrapping), note cells (（注）, （出典：…）, ※), the label
``実績値``, a row of fiscal years, then value rows. A row may carry a series label
(``①日本語版 7,400 部 …``); a grid of narrow cells may instead print one
``①３か国`` per line, series by series within each year.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from hyoka_parse.diagnostics import UNPARSED_TABLE, Diagnostics, location
from hyoka_parse.extract.common import (
    NOTE_START,
    Cell,
    bare_note,
    circled,
    classify_cells,
    is_value_token,
    stems_completed,
    year_stems,
)
from hyoka_parse.extract.grids import Placed, has_boxes, place, value_text
from hyoka_parse.models import ReferenceIndicator, Series, SeriesPoint
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import Block
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell
from hyoka_parse.values import ascending, era_years, parse_value, value_tokens
from hyoka_parse.vocab import ERA_NAMES

_ACTUAL_LABEL = regex.compile(r"実[\s\u3000]*績[\s\u3000]*値")
# A note cell's start, or a unit cell's (``（単位：か国）``, set before the years on their line:
# a breaker's trial; a cell of its own, not the note before's text).
_CELL_START = regex.compile(rf"{NOTE_START.pattern}|^[\s\u3000]*[（(]単位[:：]")
_SERIES_DEF = regex.compile(r"^[\s\u3000]*[①-⑳㉑-㉟]")
# A series label cell as narrow as a few characters wraps over this many lines at most.
_LABEL_LINES = 16
_PIECE = 16  # a line of a narrow label cell holds at most this many characters


def _year_row(line: Line) -> list[int]:
    """The fiscal years of a row of them: two or more, or one year a line (the grid's rules
    lost). A note's line that ends with its one year is none (``（注）平成 30 年度`` / ``は事
    業としては新`` …, the note column beside 参考指標３ cut after its year: pdfplumber,
    Chromium, IPAPMincho, very wide label columns; held-out set 11)."""
    if "目標" in line.key:
        return []
    years = era_years(line.text)
    if len(years) == 1 and NOTE_START.match(line.text):
        return []
    return years if len(years) >= 2 or (years and line.key.endswith("年度")) else []


def reference(block: Block, diag: Diagnostics) -> ReferenceIndicator:
    m = block.match
    number = int(m["num"]) if m["num"] else None
    lines = _cut_years_joined(block.body)
    h = next((i for i, ln in enumerate(lines) if _year_row(ln)), None)
    pre = [_without_label(ln) for ln in (lines if h is None else lines[:h])]
    if h is not None:
        pre += _pieces_before_years(lines[h])
    pre = [piece for ln in pre for piece in _at_markers(ln)]
    pre = [ln for ln in pre if ln.text.strip()]
    title_parts = [block.head.text.split("：", 1)[-1].split(":", 1)[-1]]
    cells: list[Cell] = []
    series_defs: list[Cell] = []
    for n, ln in enumerate(pre):
        if _SERIES_DEF.match(ln.text):
            series_defs.append(Cell([ln]))
            cells_or_defs = series_defs
        elif _CELL_START.match(ln.text) or _wrapped_note_start(pre[n : n + 3]):
            cells.append(Cell([ln]))
            cells_or_defs = cells
        elif cells or series_defs:
            cells_or_defs[-1].lines.append(ln)
        else:
            title_parts.append(ln.text)
    indicator = ReferenceIndicator(
        number=number, title=join_cell(title_parts), location=location(block.head)
    )
    if h is None:
        diag.warn(UNPARSED_TABLE, f"参考指標{number or ''}: no row of fiscal years", block.head)
        indicator.source, indicator.notes = classify_cells(cells)
        return indicator
    h = _header_row(lines, h, number, diag)
    years, end = _header_years(lines, h)
    years, lines = _years_set_apart(lines, h, end, years)
    if not ascending(years):
        diag.warn(
            UNPARSED_TABLE,
            f"参考指標{number or ''}: fiscal years out of order: the extractor moved the "
            "grid's cells; its values are left out",
            lines[h],
        )
        indicator.source, indicator.notes = classify_cells(cells)
        return indicator
    _piece_after_years(lines[h], cells)
    said = len(diag.warnings)
    rows = _before_another_grid(lines[end:], years, number, diag)
    post_notes = _series(indicator, lines[h : h + 1], rows, years, cells, series_defs, diag)
    _years_again(indicator, lines[end:], years, diag)
    indicator.source, indicator.notes = classify_cells(cells + post_notes)
    if not indicator.series and len(diag.warnings) == said:
        # Years, but no row of values under them, and no row said why: never silent.
        diag.warn(
            UNPARSED_TABLE,
            f"参考指標{number or ''}: no row of values under its fiscal years",
            lines[h],
        )
    return indicator


def _header_years(lines: list[Line], h: int) -> tuple[list[int], int]:
    """The years of the header row at line ``h`` and the index of the line after it: one
    year a line (the grid's rules lost) goes on, then maybe the rest of the row (``平成 29
    年度`` / ``平成 30 年度`` / ``令和元年度 令和２年度``, once ``_cut_years_joined``)."""
    years = _year_row(lines[h])
    end = h + 1
    while (
        end < len(lines)
        and (more := _year_row(lines[end]))
        and (len(more) == 1 or more[0] == years[-1] + 1)
        and len(years) == end - h
    ):
        years += more
        end += 1
    return years, end


def _cut_years_joined(lines: list[Line]) -> list[Line]:
    """Year header cells cut before their 度, which stands on the next line (a narrow year
    column: ``平成 29 年`` / ``度``, one a line, in -raw and pdfium; ``平成29年 平成30年 令和元年度
    令和２年度`` / ``度 度`` in pdfplumber; LibreOffice, IPAGothic, a very wide label column,
    held-out set 12): the line with each stem given its 度, the 度 line dropped. Only where
    the next line is as many 度 as the line has stems, and nothing else."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        ln = lines[k]
        nxt = lines[k + 1].key if k + 1 < len(lines) else ""
        stems = year_stems(ln.key)
        if stems and nxt == "度" * stems:
            text, n = stems_completed(ln.text)
            if n == stems:
                out.append(replace(ln, text=text, key=make_key(text)))
                k += 2
                continue
        out.append(ln)
        k += 1
    return out


def _header_row(lines: list[Line], h: int, number: int | None, diag: Diagnostics) -> int:
    """The row of fiscal years the values stand under: the first, unless a later row holds
    more years and repeats one of the first's. A reader by column prints a table's last
    column after the next table's heading (``参考指標２`` / ``令和３年度`` / ``27 件`` before
    its own grid overleaf; pdftotext default mode, LibreOffice 令和４年度 edition): the
    fuller row is the grid's, and what stood under the first is left out, said at its line."""
    first = set(_year_row(lines[h]))
    sizes = {
        j: len(years) for j in range(h + 1, len(lines)) if first & set(years := _year_row(lines[j]))
    }
    fuller = max(sizes, key=sizes.__getitem__, default=None)
    if fuller is None or sizes[fuller] <= len(first):
        return h
    diag.warn(
        UNPARSED_TABLE,
        f"参考指標{number or ''}: fiscal {min(first)} printed again in a fuller row of years "
        f"(line {lines[fuller].no}); what stands under this row is left out",
        lines[h],
    )
    return fuller


_YEAR_CELL = regex.compile(r"(?:平成|令和)(?:元|[0-9]+)年度?")  # on a key


def _before_another_grid(
    rows: list[Line], years: list[int], number: int | None, diag: Diagnostics
) -> list[Line]:
    """The rows up to a second row of all the header's years printed under values on the same
    page: that is another grid, whose heading the reader did not get (pdfplumber interleaves
    a note's last line with the next heading it shares a height with: ``含参め考る指と標
    ５29）：。``, Chromium, Noto Sans Mono CJK KR, held-out set 13; 参考指標５'s three series
    were read as 参考指標４'s). Its rows are left out, said. A repeat at a page's top is the
    header again over the grid going on overleaf; without pages it cannot be told, so read."""
    for j, ln in enumerate(rows):
        if ln.page is None or not set(years) <= set(era_years(ln.text)):
            continue
        above = [r for r in rows[:j] if r.page == ln.page and value_tokens(r.text)]
        if not above:
            continue
        diag.warn(
            UNPARSED_TABLE,
            f"参考指標{number or ''}: its fiscal years printed again under its values on the "
            f"same page: another grid whose heading was not read; its {len(rows) - j} lines "
            "are left out, and the notes and source read may hold some of its own",
            ln,
        )
        return rows[:j]
    return rows


def _years_again(
    indicator: ReferenceIndicator, rows: list[Line], years: list[int], diag: Diagnostics
) -> None:
    """A row of year header cells alone after the header row that prints some of its years
    again: two columns of one year under one heading, one of them another grid's (pdftotext
    default mode). Those years' values are left out of every series, said at the repeated
    row (Chromium, Noto Serif CJK SC, 令和４年度 edition: 参考指標１'s 38 件 27 件 printed
    after 参考指標２'s heading, in one row with its own ４回 ３回, its own ０回 ３回 after
    them), unless the repeated row is told apart as another grid's (``_other_grid``: the
    Chromium matrix rendition's 参考指標２ columns, ０回 ３回, under 参考指標１'s 件 row). A
    row repeating every year is the header again (a grid going on overleaf), not this."""
    for j, ln in enumerate(rows):
        if not ln.key or _YEAR_CELL.sub("", ln.key):
            continue
        later = era_years(ln.text)
        if len(later) >= 2 and _header_goes_on(years, later):
            # a row of the header's later years (one year alone leads its own value)
            _header_apart(indicator, ln, diag)
            return
        again = set(era_years(ln.text)) & set(years)
        if not again or again == set(years) or _other_grid(indicator, rows[j + 1 : j + 2]):
            continue
        for series in indicator.series:
            for point in series.values:
                if point.fiscal_year in again:
                    point.value = parse_value("")
        diag.warn(
            UNPARSED_TABLE,
            f"参考指標{indicator.number or ''}: fiscal {min(again)} printed twice under "
            "the heading (a column of another grid among its own); its values are left out",
            ln,
        )


def _years_set_apart(
    lines: list[Line], h: int, end: int, years: list[int]
) -> tuple[list[int], list[Line]]:
    """The header's years with its later ones that a note column's pieces set apart before
    any value (pdfplumber, LibreOffice, IPAMincho, extra-wide label columns, big type;
    held-out set 14: ``平成29年 平成30年`` / ``（注）暦年でカ`` / ``ウント`` / ``実 績 値`` /
    ``令和元年度 令和２年度`` / ``度 度``, then the series): the lines without that row, the
    grid's corner cell and the line of the 度 the header's cut years lack. Unchanged when a
    value comes first (``_header_apart`` says that one)."""
    stems = year_stems(lines[h].key)
    for j in range(end, len(lines)):
        ln = lines[j]
        if any(is_value_token(t) for t in value_tokens(ln.text)):
            break
        if not ln.key or _YEAR_CELL.sub("", ln.key):
            continue
        more = era_years(ln.text)
        if not _header_goes_on(years, more):
            break
        ends = [k for k in range(end, min(j + 2, len(lines))) if lines[k].key == "度" * stems]
        corner = [k for k in range(end, j) if lines[k].key == "実績値"]  # the grid's corner
        gone = {j, *corner, *(ends[:1] if stems else [])}
        return years + more, [x for k, x in enumerate(lines) if k not in gone]
    return years, lines


def _header_goes_on(years: list[int], row: list[int]) -> bool:
    """Whether a row of year cells alone, after the values, holds the header's next years:
    the header row was printed in pieces among the values (column-by-column text)."""
    return bool(row) and row == list(range(years[-1] + 1, years[-1] + 1 + len(row)))


def _header_apart(indicator: ReferenceIndicator, ln: Line, diag: Diagnostics) -> None:
    """The header's later years printed apart, after values (pdftotext's default mode,
    Chromium, IPAPMincho, big type, the 令和４年度 edition; held-out set 14: ``平成30年度``,
    a note's pieces, ``32``, ``４支部事務``, ``実績値``, ``令和元年度 令和２年度 令和３年度``,
    ``31 30``, ``32``): which value stands under which year, and which line is a value and
    which a note's piece, is not known. Every series' values are left out, said."""
    for series in indicator.series:
        for point in series.values:
            point.value = parse_value("")
    diag.warn(
        UNPARSED_TABLE,
        f"参考指標{indicator.number or ''}: its header's later fiscal years are printed "
        "apart from it, after values; which value is whose year is not known, and its "
        "values are left out",
        ln,
    )


def _other_grid(indicator: ReferenceIndicator, after: list[Line]) -> bool:
    """Whether the values after a repeated row of years are another grid's, told by unit:
    every value the indicator read shares one unit, and they are all of other units (a
    series counts one thing; a row of mixed units, ``４回 ３回 38 件 27 件``, holds another
    grid's cells, and a row of the same unit could be either grid's)."""
    units = {p.value.unit for s in indicator.series for p in s.values if p.value.raw}
    theirs = {parse_value(t).unit for ln in after for t in value_tokens(ln.text)}
    return len(units) == 1 and None not in units and bool(theirs) and units.isdisjoint(theirs)


def _wrapped_note_start(lines: list[Line]) -> bool:
    """A note cell narrow enough to wrap its marker (``（出`` / ``典：外`` / ``務省）``): its
    first line is short and starts the marker that the lines joined begin with."""
    first = lines[0].text.strip(" \u3000") if lines else ""
    if not first or len(first) > 3 or first[0] not in "（(※注":
        return False
    return bool(NOTE_START.match(join_cell([ln.text for ln in lines])))


def _without_label(line: Line) -> Line:
    """Drop the 実績値 label, which may share a line with a source cell."""
    if not _ACTUAL_LABEL.search(line.text):
        return line
    return Line(no=line.no, page=line.page, text=_ACTUAL_LABEL.sub("", line.text), key=line.key)


def _series(
    indicator: ReferenceIndicator,
    header_lines: list[Line],
    rows: list[Line],
    years: list[int],
    pre_cells: list[Cell],
    series_defs: list[Cell],
    diag: Diagnostics,
) -> list[Cell]:
    """Fill ``indicator.series`` from the value rows; return the note cells after them."""
    notes: list[Cell] = []
    circled_values: dict[str, list[str]] = {}
    header = header_lines[0]
    # Lines of a series label that wraps above its values (the text of a label cell taller
    # than its value row, as column-by-column text gives it); notes when no values follow.
    pending: list[Line] = []
    row_page: int | None = None  # the page of the last row of values
    last: Series | None = None  # the series the line before gave its values
    for ln in rows:
        prev, last = last, None
        if ln.cells is None and prev is not None and _marks_under(ln, prev):
            continue
        if ln.cells is None and (split := _piece_before_series(ln, years)) is not None:
            piece, ln = split
            _note_piece(notes, pre_cells, piece)
        if (notes or NOTE_START.match(ln.text)) and not _series_row(ln, years):
            _row_in_notes(indicator, ln, years, diag)
            notes_from_pending(notes, pending)
            _append_note(notes, ln)
            last = prev  # a note column's text set after the row (-layout) parts no ends
            continue
        if ln.cells is not None:  # the reader gave the row's cells
            count = len(indicator.series)
            _cell_row(indicator, header, ln, years, notes, diag)
            if len(indicator.series) > count:  # a note goes on overleaf of it (_note_overleaf)
                last, row_page = indicator.series[-1], ln.page
            continue
        toks = value_tokens(ln.text)
        if _circled_cells(toks, circled_values):
            continue
        if not pending and not notes and _note_overleaf(pre_cells, ln, row_page):
            continue
        if not pending and _label_goes_on(indicator, ln):
            continue
        lead = _label_tokens(toks)
        values = toks[lead:]
        if _label_piece(ln, pending, values, years):
            pending.append(ln)
            continue
        if not values and _note_goes_on(indicator, pre_cells, notes, pending, ln):
            continue
        if not values or not all(is_value_token(t) for t in values):
            notes_from_pending(notes, pending)
            _append_note(notes, ln)
            continue
        label = _row_label(indicator, pre_cells, pending, toks[:lead], ln)
        pending = []
        _add_series(indicator, label, values, years, ln, diag)
        last, row_page = indicator.series[-1], ln.page
    notes_from_pending(notes, pending)
    defs = {c.text[0]: c.text for c in series_defs}
    for label, values in circled_values.items():
        _add_series(indicator, defs.get(label, label), values, years, rows[0], diag)
    return notes


def _circled_cells(toks: list[str], circled_values: dict[str, list[str]]) -> bool:
    """Whether every piece of a line is a circled label with its value (``①３か国 ②４か国``:
    one cell per series), each then kept under its label."""
    split = [pair for t in toks if (pair := circled(t)) and is_value_token(pair[1])]
    if not toks or len(split) != len(toks):
        return False
    for label, value in split:
        circled_values.setdefault(label, []).append(value)
    return True


def _label_piece(ln: Line, pending: list[Line], values: list[str], years: list[int]) -> bool:
    """Whether ``ln`` is a piece of a series label that wraps above its values: too few
    values to be the row (``29 年度：東南ア``), or a label start with no row after it."""
    row = bool(values) and all(is_value_token(t) for t in values)
    few = len(values) < min(2, len(years))
    return bool(
        (pending and few)
        or (pending and not row and len(pending) < _LABEL_LINES)
        or (_SERIES_DEF.match(ln.text) and (not row or few))
    )


_MARKS_ROW = regex.compile(r"^[ \u3000]*[＊*※](?:[ \u3000]+[＊*※])*[ \u3000]*$")


def _marks_under(line: Line, series: Series) -> bool:
    """Whether ``line`` is a row of note marks alone, one under each of the values the line
    before gave ``series``: each value cell's wrapped end, joined back to it (``③アクセス数
    125 万件 157 万件 …`` / ``＊ ＊ ＊ ＊``: LibreOffice, Ume Gothic, extra wide, big type; a
    breaker's rendition). Any other count is no row of this series' ends."""
    marks = line.text.split()
    points = series.values
    if not _MARKS_ROW.match(line.text) or len(marks) != len(points):
        return False
    if any(not p.value.raw or p.value.value is None for p in points):
        return False
    for point, mark in zip(points, marks, strict=True):
        point.value = parse_value(point.value.raw + mark)
    return True


# The unit a series label ends with, on a line of its own (measure 4's 参考指標).
_UNIT = regex.compile(r"^[（(]単位[：:][^（）()]+[）)]$")
# Where a series label may start inside a line: a circled number that starts a word.
_LABEL_START = regex.compile(r"(?<=[\s\u3000])[①-⑳㉑-㉟]")
_CIRCLED_ANY = regex.compile(r"[①-⑳㉑-㉟]")


def _piece_before_series(line: Line, years: list[int]) -> tuple[Line, Line] | None:
    """A piece of the note column left of the grid and the series row it is printed
    beside, when ``line`` is both (``（注）暦年 ②英語版 4,500 部 … 4,000 部``: a reader by
    line prints the note cell's lines at the start of the rows it stands beside, here on
    the page a break carried rows ② and ③ to). Only a whole series row after the piece
    counts (a circled label that starts a word, then a value for every year), and the
    piece holds no circled label itself."""
    for m in _LABEL_START.finditer(line.text):
        piece, rest = line.text[: m.start()].strip(" \u3000"), line.text[m.start() :]
        if not piece or _CIRCLED_ANY.search(piece):
            return None
        row = Line(line.no, line.page, rest, make_key(rest))
        if _series_row(row, years):
            return Line(line.no, line.page, piece, make_key(piece)), row
    return None


def _note_piece(notes: list[Cell], pre_cells: list[Cell], piece: Line) -> None:
    """Put a piece of the note column where it goes on: a note it starts, the open note
    cell before the grid while no note follows the grid yet, else the last note."""
    if not NOTE_START.match(piece.text) and not notes and pre_cells and _open(pre_cells[-1]):
        pre_cells[-1].lines.append(piece)
    else:
        _append_note(notes, piece)


def _row_label(
    indicator: ReferenceIndicator,
    pre_cells: list[Cell],
    pending: list[Line],
    label_toks: list[str],
    line: Line,
) -> str | None:
    """The series label of a row of values: the label lines above it (``pending``) and the
    row's own words before its values."""
    if pending:
        label_toks = [join_cell([p.text for p in pending] + [" ".join(label_toks)])]
    if (
        label_toks
        and pre_cells
        and not indicator.series
        and _open(pre_cells[-1])
        and not _SERIES_DEF.match(label_toks[0])  # ① 日本語版: a series' own label
    ):
        # The note cell left of the values wrapped into this row: 施なし。 3.7 倍 …
        pre_cells[-1].lines.append(Line(line.no, line.page, " ".join(label_toks), ""))
        label_toks = []
    return " ".join(label_toks) or None


_ERA_END = regex.compile(rf"(?:{ERA_NAMES})$")
_YEAR_TEXT = regex.compile(r"(?:平成|令和)[\s\u3000]*(?:元|[0-9０-９]+)[\s\u3000]*年度")


def _series_row(line: Line, years: list[int]) -> bool:
    """A whole row of a numbered series (``②英語版 4,500 部 … 4,000 部``: a circled label,
    then a value for every year), wherever it stands: a note cell beside the grid may be
    read between its rows (Chromium, pdftotext -raw: ``（注）暦年`` / ``でカウント`` after
    ①'s row), and the rows after it are still the grid's."""
    if not _SERIES_DEF.match(line.text) or len(years) < 2:
        return False
    toks = value_tokens(line.text)
    values = toks[_label_tokens(toks) :]
    return len(values) == len(years) and all(is_value_token(t) for t in values)


def _row_in_notes(
    indicator: ReferenceIndicator, line: Line, years: list[int], diag: Diagnostics
) -> None:
    """A row of values read after the grid's notes began (which series it is, is unknown):
    its values are left out, said at its line, never silently kept as note text only."""
    toks = value_tokens(line.text)
    if len(toks) >= len(years) >= 2 and all(is_value_token(t) for t in toks[-len(years) :]):
        diag.warn(
            UNPARSED_TABLE,
            f"参考指標{indicator.number or ''}: a row of values after the grid's notes, "
            "under no series label; values left out",
            line,
        )


def _piece_after_years(line: Line, cells: list[Cell]) -> None:
    """A piece of the open note cell printed after the row of years (pdfium glues the note
    column's line to it: ``… 令和２年度４支部事務所）の``) goes on the note."""
    ends = [m.end() for m in _YEAR_TEXT.finditer(line.text)]
    tail = line.text[ends[-1] :].strip(" \u3000") if ends else ""
    if tail and cells and _open(cells[-1]) and len(tail) <= _PIECE and not era_years(tail):
        cells[-1].lines.append(Line(line.no, line.page, tail, ""))


def _pieces_before_years(line: Line) -> list[Line]:
    """Cells left of the first year in a row of years the reader gave as cells, as lines:
    pieces of the note column beside the grid (``新型コ`` or ``典：外`` beside ``平成 30
    年度`` …, -layout text whose note column runs down beside the years)."""
    if line.cells is None:
        return _text_before_years(line)
    row = line.cells
    first = next((n for n, c in enumerate(row) if era_years(c.text)), 0)
    texts = [_ACTUAL_LABEL.sub("", c.text).strip(" \u3000") for c in row[:first]]
    return [Line(line.no, line.page, t, "") for t in texts if t and len(t) <= _PIECE]


_FIRST_YEAR = regex.compile(rf"(?:{ERA_NAMES})[ \u3000]*(?:元|[0-9０-９]+)[ \u3000]*年")


def _text_before_years(line: Line) -> list[Line]:
    """The text left of the first year on a text line of years, as a line: a note column's
    piece the reader did not set apart (``の影響により、実 平成30年 令和元年 …``, the years
    cut before their 度; pdfplumber, Chromium, TakaoGothic, big type; held-out set 21),
    which was dropped unsaid."""
    m = _FIRST_YEAR.search(line.text)
    text = _ACTUAL_LABEL.sub("", line.text[: m.start()] if m else "").strip(" \u3000")
    return [Line(line.no, line.page, text, "")] if text else []


def _note_overleaf(pre_cells: list[Cell], line: Line, row_page: int | None) -> bool:
    """A line overleaf of the last row of values while the note cell left of the grid is
    open: the rest of that cell, which a page break inside the row carried over (a reader
    by line, pdftotext -raw or pdfium, prints a split row's cells overleaf one after the
    other from the left: ``より、実`` / ``施を見`` / ``送った。`` before the rest of ①'s
    label; LibreOffice, 参考指標 of 個別分野４; after a row of cells in -layout text:
    ``…新規公募`` / ``の実施な`` / ``し。``, LibreOffice, IPAexMincho, B5 paper, held-out set
    21). Joins it there and says whether it did."""
    key = regex.sub(r"[\s\u3000]", "", line.text)
    goes_on = (
        row_page is not None
        and line.page is not None
        and line.page > row_page
        and bool(pre_cells)
        and _open(pre_cells[-1])
        and 0 < len(key) <= _PIECE
        and not _SERIES_DEF.match(key)
        and not any(is_value_token(t) for t in value_tokens(line.text))
    )
    if goes_on:
        pre_cells[-1].lines.append(line)
    return goes_on


def _note_goes_on(
    indicator: ReferenceIndicator,
    pre_cells: list[Cell],
    notes: list[Cell],
    pending: list[Line],
    line: Line,
) -> bool:
    """A short line after the years and before any value row, while the note cell left of
    the grid is open: the cell's next piece, which a reader by line prints among the grid's
    rows (``４支部事務所）の`` / ``合計人数`` between the years and ``32 31 30 32``). Joins it
    there and says whether it did."""
    goes_on = (
        not indicator.series
        and not notes
        and not pending
        and bool(pre_cells)
        and _open(pre_cells[-1])
        and (
            0 < len(regex.sub(r"[\s\u3000]", "", line.text)) <= _PIECE
            or line.text.rstrip(" \u3000").endswith("。")  # the rest of the cell, at once
        )
        and not _SERIES_DEF.match(line.text)
    )
    if goes_on:
        # a note column read as one line may hold the next note's marker (務省）（注）暦年で…)
        head, marker, rest = _at_marker(line.text)
        pre_cells[-1].lines.append(Line(line.no, line.page, head, "") if marker else line)
        if marker:
            pre_cells.append(Cell([Line(line.no, line.page, marker + rest, "")]))
    return goes_on


_INNER_NOTE = regex.compile(r"(?<=[）)。])[（(]注[0-9０-９]*[）)]")


def _at_marker(text: str) -> tuple[str, str, str]:
    """``text`` cut at a note marker after a closing bracket or full stop: (before, marker,
    after); ("", "", "") parts when there is none."""
    m = _INNER_NOTE.search(text)
    if not m:
        return text, "", ""
    return text[: m.start()], m.group(0), text[m.end() :]


def _at_markers(line: Line) -> list[Line]:
    """A line cut before each note marker inside it: a note column read as one line holds
    its cells one after the other (``（出典：ISTC 理事会文書）（注）ISTC 事務局の…``)."""
    out: list[Line] = []
    text = line.text
    while True:
        head, marker, rest = _at_marker(text)
        if not marker:
            break
        out.append(Line(line.no, line.page, head, make_key(head)))
        text = marker + rest
    if not out:
        return [line]
    return [*out, Line(line.no, line.page, text, make_key(text))]


def _cell_row(
    indicator: ReferenceIndicator,
    header: Line,
    line: Line,
    years: list[int],
    notes: list[Cell],
    diag: Diagnostics,
) -> None:
    """A value row whose cells the reader gave: each value goes to the year whose header
    cell stands above it; cells left of the first year are the series label, cells right
    of the last are notes. Without boxes: a label cell, then one per year."""
    cells = line.cells or []
    year_cells = [c for c in header.cells or [] if era_years(c.text)]
    if not (has_boxes(cells) and has_boxes(year_cells) and len(year_cells) == len(years)):
        if len(cells) == len(years) and is_value_token(cells[0].text.strip()):
            # No label cell: a value for each year (the label column cropped away, a
            # breaker's trial; its first value was taken for the label, the rest shifted).
            _add_series(indicator, None, [c.text for c in cells], years, line, diag)
            return
        _add_series(
            indicator, cells[0].text.strip() or None, [c.text for c in cells[1:]], years, line, diag
        )
        return
    placed = place(year_cells, cells)
    if placed is not None and any(c and _SERIES_DEF.match(c.text) for c in placed.under):
        placed = None  # a series' label under a year: the columns are not where they print
    if placed is not None and _shifted(placed):
        placed = None
    if placed is None:
        diag.warn(
            UNPARSED_TABLE,
            f"参考指標{indicator.number or ''}: the row's cells do not stand under its "
            "fiscal years; values left out",
            line,
        )
        return
    for cell in placed.right:
        if cell.text:
            notes.append(Cell([Line(line.no, line.page, cell.text, "")]))
    points = []
    for year, cell in zip(years, placed.under, strict=True):
        if cell is None or not cell.text:
            diag.warn(
                UNPARSED_TABLE,
                f"参考指標{indicator.number or ''}: no value under fiscal {year}",
                line,
            )
        points.append(SeriesPoint(fiscal_year=year, value=parse_value(value_text(cell))))
    indicator.series.append(Series(label=placed.label, values=points))


def _shifted(placed: Placed) -> bool:
    """Whether a year is left empty while a value stands before the first year's column or
    past the last one's: the row's cells are not where its header's are (PyMuPDF's
    ``get_text(sort=True)``, read as -layout text: its runs of spaces do not keep
    positions; ①'s four values fell under 2019 and 2021 and two past the grid, or the
    first before the grid and the rest a year early; a breaker's trial)."""
    empty = any(c is None or not c.text.strip() for c in placed.under)
    outside = [*placed.left[-1:], *placed.right]
    return empty and any(is_value_token(c.text.strip()) for c in outside)


def _label_tokens(toks: list[str]) -> int:
    """How many of a row's tokens are its label: those before the first value. ``29 年度：``
    ends with a colon: a piece of the label (②平成 29 年度：…), no value; nor is a number
    after an era name (``②平成 29年`` / ``度：…``, the label wrapped inside its year)."""
    lead = 0
    while lead < len(toks) and (
        not is_value_token(toks[lead])
        or _label_colon(toks[lead])
        or toks[lead].endswith(("：", ":"))
        or (lead > 0 and _ERA_END.search(toks[lead - 1]) is not None)
    ):
        lead += 1
    return lead


def _label_colon(token: str) -> bool:
    """A token that ends with a colon, or holds a full-width one (``29年度：穏``, a label
    wrapped mid-word by a narrow cell): a piece of a label, since no value of the format
    holds a full-width colon."""
    return token.endswith(("：", ":")) or "：" in token


def _label_goes_on(indicator: ReferenceIndicator, line: Line) -> bool:
    """A series label cell taller than its value row, printed from the row's line down (a
    reader by line gives ``①国際テロ・組 ３か国 …`` then ``織犯罪関連条約`` …): a short line
    without values goes on the last series' label while that label is open (① …, no closing
    bracket or full stop yet), and so does the label's unit (``（単位：参加国数）``, its own
    line in the label cell after a closing bracket). Joins it there and says whether it did."""
    label = indicator.series[-1].label if indicator.series else None
    key = regex.sub(r"[\s\u3000]", "", line.text)
    unit = bool(label and _UNIT.match(key) and "単位" not in label)
    # A label ends at its closing bracket, unless another bracket follows: ``…アジア地域）``
    # / ``（単位：参加国数）`` (a note's marker starts a note, not a bracket of the label).
    bracket = key.startswith(("（", "(")) and not NOTE_START.match(key)
    goes_on = bool(
        label
        and _SERIES_DEF.match(label)
        and (
            unit
            or not label.rstrip().endswith(("）", ")", "。"))
            or (bracket and label.rstrip().endswith(("）", ")")))
        )
        and 0 < len(key) <= _PIECE
        and not _SERIES_DEF.match(key)  # ③ アクセス: the next series' label
        and sum(1 for t in value_tokens(line.text) if is_value_token(t)) < 2  # not a row: 29 年度：
    )
    if goes_on:
        indicator.series[-1].label = join_cell([label or "", line.text])
    return goes_on


def notes_from_pending(notes: list[Cell], pending: list[Line]) -> None:
    """Label lines no value row followed: they were a note."""
    for ln in pending:
        _append_note(notes, ln)
    pending.clear()


def _open(cell: Cell) -> bool:
    """Whether a note cell goes on: no full stop or closing bracket yet, or nothing but its
    marker (（注） on a line of its own: its text comes on the lines below)."""
    return not bare_note(cell.text) or not cell.text.endswith(("。", "）", ")"))


def _append_note(notes: list[Cell], line: Line) -> None:
    if NOTE_START.match(line.text) or not notes:
        notes.append(Cell([line]))
    else:
        notes[-1].lines.append(line)


def _add_series(
    indicator: ReferenceIndicator,
    label: str | None,
    values: list[str],
    years: list[int],
    line: Line,
    diag: Diagnostics,
) -> None:
    labelled = [v for v in values if _SERIES_DEF.match(v)]
    if len(values) != len(years) or labelled:
        # a series' label among the values: the cells are not in their columns' order
        diag.warn(
            UNPARSED_TABLE,
            f"参考指標{indicator.number or ''}: {len(values)} values for {len(years)} fiscal "
            "years" + (f", {labelled[0]} among them" if labelled else "") + "; values left out",
            line,
        )
        # Which value is whose year is unknown: an extractor may have moved cells (a column
        # read before the next), a wrap may have cut one in two (``7,4`` / ``00 部``), a
        # cell may be lost. The report prints a cell for every year (－ for none).
        values = [""] * len(years)
    points = [
        SeriesPoint(fiscal_year=years[i] if i < len(years) else None, value=parse_value(v))
        for i, v in enumerate(values)
    ]
    indicator.series.append(Series(label=label, values=points))

"""Extractor for a quantitative measure's grid: 中期目標値, then 年度目標値 / 実績値 per year.

Text extraction flattens the grid. When the values come out as a row of tokens
(``－ 82％ 80.2％ 83％ 78.3％ 83％ 82% ｂ``) they are read as tokens. When narrow
text cells come out as one fragment per line (measure 7-3), the fragments are
regrouped into the expected number of cells at the likeliest cell ends: a
sentence end, a closing bracket, or a jump in line width.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from hyoka_parse.diagnostics import UNPARSED_TABLE, Diagnostics, location
from hyoka_parse.extract.common import Cell as NoteCell
from hyoka_parse.extract.common import (
    classify_cells,
    is_value_token,
    split_notes,
    stems_completed,
    year_stems,
)
from hyoka_parse.extract.grids import has_boxes, place
from hyoka_parse.layout.model import Cell, x_overlap
from hyoka_parse.layout.wrapped_values import wrapped_cells
from hyoka_parse.models import Measure, MeasureYear, MidTermTarget, Value
from hyoka_parse.normalize import fold, make_key
from hyoka_parse.rules import Block
from hyoka_parse.source import Line
from hyoka_parse.text import display_width, join_cell, squeeze_cjk_spaces
from hyoka_parse.values import (
    ascending,
    era_year,
    is_null_mark,
    parse_rating,
    parse_value,
    value_tokens,
)
from hyoka_parse.vocab import ERA_NAMES, NULL_MARKS, RATING_LABEL

# Every character the grid's header cells are made of; a header line holds nothing else.
_HEADER_CHARS = set(
    "中期目標値平成令和元年度実績の達成状況・･-－‐0123456789０１２３４５６７８９()（）"
)
_HEADER_WORDS = regex.compile(r"[中期目標値平成令和元年度実績達成状況]")
_YEAR_LABEL = regex.compile(rf"(?:{ERA_NAMES})[\s\u3000]*(?:元|[0-9０-９]+)[\s\u3000]*年度")
_MID_YEAR = regex.compile(rf"^(?:--|(?:{ERA_NAMES})(?:元|\d+))年度$")


def _rating_label(key: str) -> bool:
    """Whether header ``key`` is the rating column's label or its beginning (at least two
    years named: a year column's label names one)."""
    return "達成状況" in key or (
        "・" in key and RATING_LABEL.fullmatch(key, partial=True) is not None
    )


def rating_of(text: str) -> str | None:
    """The rating in the rating column's cell: the letter alone, or the letter among the
    pieces of the column's label that the cell also shows (``３年度ａ目標``: Chromium
    carries the rest of a header cell that a page break cut into the value row, over the
    rating; pdfplumber and pdfium interleave the two by position). None when the cell holds
    anything else, or two letters."""
    if (rating := parse_rating(text)) is not None:
        return rating
    squeezed = regex.sub(r"[\s\u3000]", "", fold(text))
    letters = [c for c in squeezed if parse_rating(c)]
    if len(letters) != 1:
        return None
    rest = squeezed.replace(letters[0], "", 1)
    return parse_rating(letters[0]) if _header_piece(rest) else None


def _header_piece(text: str) -> bool:
    """Text made of the grid header's characters only, with a header word (``３年度目標``)."""
    chars = set(fold(text).replace(" ", "").replace("\u3000", ""))
    return bool(chars) and chars <= _HEADER_CHARS and bool(_HEADER_WORDS.search(text))


def _is_header(line: Line) -> bool:
    return _header_piece(line.text)


def quantitative(block: Block, measure: Measure, diag: Diagnostics) -> None:
    lines, after = _next_grid(block.lines)
    diag.unplaced(after, f"測定指標{measure.id}: a grid after its own")
    header, data = _split_header(lines)
    labels, mid_year = _year_columns(header)
    if not labels:
        diag.warn(
            UNPARSED_TABLE, f"測定指標{measure.id}: no fiscal years in the grid header", block.head
        )
        return
    data, cells = split_notes(data)  # notes and sources follow the grid
    cells = _without_label_rest(header, cells)
    data = _note_beside(header, data, 1 + 2 * len(labels), measure)
    data = _note_overleaf(data, 1 + 2 * len(labels), measure)
    source, notes = classify_cells(cells)
    measure.notes += notes
    if source:
        measure.source = f"{measure.source}\n{source}" if measure.source else source
    expected = 1 + 2 * len(labels)
    if not ascending([y for y in map(era_year, labels) if y is not None]):
        diag.warn(
            UNPARSED_TABLE,
            f"測定指標{measure.id}: fiscal years out of order ({'、'.join(labels)}): the "
            "extractor moved the grid's cells; its values and rating are left null",
            block.head,
        )
        labels = sorted(labels, key=lambda label: era_year(label) or 0)
        values, rating = [""] * expected, None
    elif (placed := by_column(header, data, labels)) is not None:
        values, rating, gaps = placed
        _pieces_among_rows(header, data, measure)
        diag.unplaced(_after_rows(data), f"測定指標{measure.id}")
        for gap in gaps:
            diag.warn(UNPARSED_TABLE, f"測定指標{measure.id}: {gap}", data[0])
    else:
        values, rating = _text_cells(data, expected)
    if values is None:
        diag.warn(
            UNPARSED_TABLE,
            f"測定指標{measure.id}: could not split the grid into {expected} cells; "
            "its values are left null",
            data[0] if data else block.head,
        )
        if rating is None:
            return
        values = [""] * expected  # the grid and its rating cell are known, its cells are not
    measure.rating = measure.rating or rating
    _fill(measure, values, labels, mid_year, block.head)


def _fill(
    measure: Measure, values: list[str], labels: list[str], mid_year: int | None, head: Line
) -> None:
    """The measure's grid: 中期目標値 (``values[0]``), then 年度目標値 / 実績値 per year."""
    measure.kind = "quantitative"
    mid = parse_value(values[0])
    measure.mid_term_target = MidTermTarget(
        text=None if mid.value is None and _is_dash(mid) else values[0],
        fiscal_year=mid_year,
        value=mid,
    )
    for n, label in enumerate(labels):
        measure.years.append(
            MeasureYear(
                fiscal_year=era_year(label),
                label=label,
                target_value=parse_value(values[1 + 2 * n]),
                actual_value=parse_value(values[2 + 2 * n]),
                location=location(head),
            )
        )


def _next_grid(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The block's lines up to the next grid the text reader rebuilt, and that grid's lines
    on: its own measure's heading may follow it (pdftotext prints 5-4's grid right after
    5-3's, its heading after it: Chromium, Noto Sans CJK SC, small type; held-out set 16),
    and no value of it is this measure's."""
    tops = [k for k, ln in enumerate(lines) if _grid_top(ln)]
    return (lines[: tops[1]], lines[tops[1] :]) if len(tops) > 1 else (lines, [])


def _grid_top(line: Line) -> bool:
    return bool(line.cells) and make_key(line.cells[0].text) == "中期目標値"


# The end of the rating column's label after a closing bracket that ends a note or source.
_LABEL_REST = regex.compile(r"(?<=[）)])[\s\u3000]*(?:年度目標)?の達成状況[\s\u3000]*$")


def _without_label_rest(header: list[Line], cells: list[NoteCell]) -> list[NoteCell]:
    """The note cells without the rating column's label's last piece, when the header does
    not finish the label: a page break cut the header cell, and its rest, printed down the
    column, stands on the source's line (``（出典：…ホームページ） の達成状況``)."""
    if any("達成状況" in ln.key for ln in header):
        return cells
    out = []
    for cell in cells:
        lines = [
            replace(ln, text=text, key=make_key(text))
            if (text := _LABEL_REST.sub("", ln.text)) != ln.text
            else ln
            for ln in cell.lines
        ]
        out.append(NoteCell(lines))
    return out


def _pieces_among_rows(header: list[Line], data: list[Line], measure: Measure) -> None:
    """Lines that are no row of cells before the grid's first row of cells, where the reader
    gave the rows' cells: pieces of the note cell beside the grid, read between the header
    rows a page break parted (Chromium, 7-3: ``我が国が提出する北朝`` / ``鮮人権状況…``).
    They go on the measure's last note, without a piece of the rating column's label glued
    to one (``和２年度目`` between ``平成30・令和元・令`` and ``標の達成状況``)."""
    first = _first_row(data) or 0
    pieces = [_without_label_middle(header, ln.text) for ln in data[:first] if ln.cells is None]
    if not any(p.strip(" \u3000") for p in pieces):
        return
    if measure.notes:
        measure.notes[-1] = join_cell([measure.notes[-1], *pieces])
    else:
        measure.notes.append(join_cell(pieces))


def _after_rows(data: list[Line]) -> list[Line]:
    """Lines of text after the grid's first row of cells that are no row of cells: the
    by-column reading does not take them (the end of a note column that ran past the
    grid's last line, ``率。``), so they are warned, never silently dropped."""
    first = _first_row(data)
    if first is None:
        return []
    return [ln for ln in data[first + 1 :] if ln.cells is None and ln.text.strip()]


def _first_row(data: list[Line]) -> int | None:
    """The index of the grid's first row of cells (a line the reader gave cells)."""
    return next((i for i, ln in enumerate(data) if ln.cells is not None), None)


def _without_label_middle(header: list[Line], text: str) -> str:
    """``text`` without the end that joins the rating label's first header cell to its last
    (``平成30・令和元・令`` + ``和２年度目`` + ``標の達成状況``); ``text`` when none does."""
    keys = [make_key(c.text) for ln in header for c in ln.cells or []]
    start = next((k for k in keys if "・" in k and _rating_label(k) and "達成状況" not in k), None)
    # the label's last piece: it ends the label and does not begin it
    end = next(
        (k for k in keys if "達成状況" in k and not RATING_LABEL.fullmatch(k, partial=True)), None
    )
    if start is None or end is None:
        return text
    for i in range(len(text)):
        if RATING_LABEL.fullmatch(start + make_key(text[i:]) + end):
            return text[:i]
    return text


def _note_beside(
    header: list[Line], data: list[Line], expected: int, measure: Measure
) -> list[Line]:
    """The grid's lines without the pieces of a note cell printed beside its header (an
    extractor that reads the note column in the middle of the grid's: ``会期間会合`` /
    ``（ISM）や、会期`` … between 令和２・ and 令和３年). Only where the grid's values are one
    row of values (a row with at least ``expected`` value tokens) after pieces that are no row
    of values (``会合（年 10 回程`` holds a number, among words); the
    pieces go on the measure's last note (its （注） before the grid), or are a note, without
    a piece of the rating column's label glued to one (``_without_label_middle``)."""
    row = _values_row(data, expected)
    if not row or any(
        all(is_value_token(t) or parse_rating(t) for t in value_tokens(ln.text))
        for ln in data[:row]
    ):
        return data  # values or a rating before it (ｂ, 5-3): the grid's cells, not a note's
    pieces = [_without_label_middle(header, ln.text) for ln in data[:row]]
    if measure.notes:
        measure.notes[-1] = join_cell([measure.notes[-1], *pieces])
    else:
        measure.notes.append(join_cell(pieces))
    return data[row:]


def _values_row(data: list[Line], expected: int) -> int | None:
    """The index of the grid's row of values: a line of at least ``expected`` tokens, each
    a value or a rating."""
    return next(
        (
            n
            for n, ln in enumerate(data)
            if len(toks := value_tokens(ln.text)) >= expected
            and all(is_value_token(t) or parse_rating(t) for t in toks)
        ),
        None,
    )


def _note_overleaf(data: list[Line], expected: int, measure: Measure) -> list[Line]:
    """The grid's lines without the end of a note cell that a page break carried overleaf.

    The note cell beside the grid (（注）外務省及び… before the grid's header) spans the
    grid's rows; when the page breaks inside the grid's last row, the value cells may all
    fit on the page while the note's last lines go overleaf (LibreOffice splits a row
    across pages; measure 2-5 of the 令和４年度 and 3 年度 editions): a reader by line
    prints them after the row of values and the page number. They go on the note only
    where the row of values is whole (``expected`` values), the note is unfinished (no
    sentence end), the pieces start on a later page than the row and none of them is a
    row of values; otherwise the lines stay the grid's (and a grid that does not split
    gives nulls and a warning)."""
    row = _values_row(data, expected)
    if row is None or not measure.notes or measure.notes[-1].rstrip().endswith(("。", ".")):
        return data
    pieces = data[row + 1 :]
    if not pieces or pieces[0].page is None or data[row].page is None:
        return data
    if pieces[0].page <= data[row].page or any(
        ln.cells is not None
        or all(is_value_token(t) or parse_rating(t) for t in value_tokens(ln.text))
        for ln in pieces
    ):
        return data
    measure.notes[-1] = join_cell([measure.notes[-1], *(ln.text for ln in pieces)])
    return data[: row + 1]



def _cut_years_joined(header: list[Line]) -> list[Line]:
    """The header lines with the year cells cut before their 度 given it back: a line of
    year stems (``中期目標値 平成 30 年 令和元年 令和２年 平成 30・令``) whose next header line
    starts with as many lone 度 (``度 度 度 和元・令和``, the rest the rating column's label):
    each stem takes a 度 in turn, and the 度 leave their line (LibreOffice, IPAGothic, a very
    wide note column and small type, 2-5 and 5-4 in -raw, pdfium and pdfplumber; held-out
    set 12). Only where the 度 are exactly as many as the stems and no other 度 follows
    them; else the lines stay as they are (no year is read, the grid is said unparsed)."""
    out = list(header)
    for k in range(len(out) - 1):
        ln, nxt = out[k], out[k + 1]
        if ln.cells is not None or nxt.cells is not None:
            continue
        stems = year_stems(ln.key)
        words = nxt.text.split()
        if not stems or words[:stems] != ["度"] * stems or "度" in words[stems:stems + 1]:
            continue
        text, n = stems_completed(ln.text)
        if n != stems:
            continue
        rest = " ".join(words[stems:])
        out[k] = replace(ln, text=text, key=make_key(text))
        out[k + 1] = replace(nxt, text=rest, key=make_key(rest))
    return [ln for ln in out if ln.text.strip()]


def _split_header(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The grid's header lines and its data lines. Column-by-column text prints a header
    cell that spans the rows (the rating column's 年度目標の達成状況) after the values: it
    is header, whatever its place."""
    h = 0
    while h < len(lines) and _is_header(lines[h]):
        h += 1
    header, data = lines[:h], lines[h:]
    # A header row of cells after lines that are none (a note's pieces beside the grid,
    # read between the header rows a page break parted: Chromium, 7-3) is still header,
    # up to the first row of cells that is not.
    late: list[Line] = []
    values_begun = False
    for ln in data:
        values_begun = values_begun or (ln.cells is not None and not _is_header(ln))
        if not _is_header(ln):
            continue
        if (ln.cells is None and not _MID_YEAR.match(ln.key)) or (
            ln.cells is not None and not values_begun
        ):
            late.append(ln)
    data = [ln for ln in data if not any(ln is x for x in late)]
    return _cut_years_joined(header + late), data


def _text_cells(data: list[Line], expected: int) -> tuple[list[str] | None, str | None]:
    """The grid's cells and rating from text lines. Regrouping text cells by their likeliest
    ends is fitted to text without page marks (the corpus text, each cell's pieces one after
    the other); extractors that mark pages interleave the cells of a row (pdftotext -raw,
    pdfium), so their cells are not regrouped, and an excerpt's last grid may be cut by its
    end."""
    cut = any(ln.ends_input or ln.page is not None for ln in data)
    rating, data = _take_rating(data)
    return _cells(data, expected, rating, cut)


def _is_dash(v: Value) -> bool:
    return set(fold(v.raw)) <= set(NULL_MARKS + " ")


def _year_columns(header: list[Line]) -> tuple[list[str], int | None]:
    """The fiscal-year column labels (as printed, spaces removed) and the 中期目標値 year."""
    labels: list[str] = []
    mid_year: int | None = None
    # Column-by-column text (pdftotext's default mode) prints each year header on a line
    # of its own: two or more lone years are the year columns, not 中期目標値's year.
    lone = [ln for ln in header if ln.cells is None and _MID_YEAR.match(ln.key)]
    lone = [ln for ln in lone if not ln.key.startswith("--")] if len(lone) > 2 else []
    prev = ""
    for ln in header:
        if ln.cells is not None:  # a grid row: each cell is one label
            if "年度目標値" in ln.key:  # 中期目標値's year, then 年度目標値 / 実績値 pairs
                if ln.cells and _MID_YEAR.match(make_key(ln.cells[0].text)):
                    mid_year = era_year(make_key(ln.cells[0].text))
                continue
            for cell in ln.cells:
                if _YEAR_LABEL.fullmatch(cell.text.strip()):
                    label = regex.sub(r"[\s\u3000]", "", cell.text)
                    if label not in labels:
                        labels.append(label)
            continue
        key = ln.key
        if _MID_YEAR.match(key) and not any(ln is x for x in lone):
            # 中期目標値's year stands under it; a lone year elsewhere (a header cell the
            # text moved) is no year of the measure's.
            if prev.endswith("値") or key.startswith("--"):
                mid_year = era_year(key)
            prev = key
            continue
        prev = key
        if "年度目標" in key:  # the rating column's label or 年度目標値 sub-headers
            continue
        for m in _YEAR_LABEL.finditer(ln.text):
            label = regex.sub(r"[\s\u3000]", "", m.group(0))
            if label not in labels:
                labels.append(label)
    return labels, mid_year


Head = tuple[int, Cell]  # a header cell with its header row (the index of its line)


def _over(upper: Head, lower: Head) -> bool:
    """Whether header cell ``upper`` stands over ``lower``: in an earlier header row, in
    the same column. Rows are compared by their order, not by their boxes: a page break
    may print a grid's header rows on two pages (LibreOffice, measures 2-5 and 7-3)."""
    return upper[0] < lower[0] and x_overlap(upper[1].box, lower[1].box) >= 0.6  # type: ignore[arg-type]


def _leaves(cells: list[Head]) -> list[Head]:
    """Header cells with no header cell under them: one per column of values."""
    return [c for c in cells if not any(_over(c, o) for o in cells)]


def _column(leaf: Head, cells: list[Head]) -> tuple[str, str | None] | None:
    """What a column holds, from its header cells: ("mid"|"rating"|"target"|"actual", year)."""
    key = make_key(leaf[1].text)
    over = [c for _, c in (h for h in cells if _over(h, leaf))]
    if not key and over:
        # an empty piece of a header cell that spans the rows, cut by a page break (the
        # rating column's label on one page, its empty rest overleaf over ``ａ``: Chromium,
        # IPAPMincho, big type, the 令和４年度 edition; held-out set 14)
        key = make_key(over[-1].text)
    above = [make_key(c.text) for c in over]
    printed = [regex.sub(r"[\s\u3000]", "", c.text) for c in over]
    year = next((t for t in printed if _YEAR_LABEL.fullmatch(t)), None)  # as _year_columns
    if _rating_label(key):
        return ("rating", None)
    if year and "実績" in key:
        return ("actual", year)
    if year and "目標" in key:
        return ("target", year)
    if "中期目標" in key or any("中期目標" in k for k in above) or _MID_YEAR.match(key):
        return ("mid", None)
    return None


def by_column(
    header: list[Line], data: list[Line], labels: list[str]
) -> tuple[list[str] | None, str | None, list[str]] | None:
    """The grid read by column, where the reader gave boxes: (values as 中期目標値 then
    年度目標値 / 実績値 per year, the rating, what is missing); values None when a cell stands
    under no column. None when the reader gave no boxes (plain text)."""
    head = [(i, c) for i, ln in enumerate(header) for c in ln.cells or []]
    rows = [ln for ln in data if ln.cells is not None]
    if not rows or not has_boxes([c for _, c in head]) or not all(has_boxes(r.cells) for r in rows):
        return None
    leaves = _leaves(head)
    kinds = [_column(leaf, head) for leaf in leaves]
    columns = [c for _, c in leaves]
    # Two columns of one kind (two 実績値 under 平成30年度) cannot both be that year's value:
    # no column is read rather than one chosen.
    known = len(set(kinds)) == len(kinds) and None not in kinds
    placed = place(columns, rows[0].cells or []) if known else None
    if placed is None or any(c.text for c in [*placed.left, *placed.right]):
        return None, None, []
    rating_cells = _rating_rows(columns, kinds, rows[1:])
    if rating_cells is None:
        return None, None, []
    found: dict[tuple[str, str | None], str] = {}
    for kind, cell in zip(kinds, placed.under, strict=True):
        if cell is not None and kind is not None and not cell.cut:
            found[kind] = cell.text
    ratings = {r for t in [found.get(("rating", None), ""), *rating_cells] if (r := rating_of(t))}
    keys = [("mid", None)] + [(k, label) for label in labels for k in ("target", "actual")]
    names = {"mid": "中期目標値", "target": "年度目標値", "actual": "実績値"}
    gaps = [f"no value for {y or ''}{names[k]}" for k, y in keys if (k, y) not in found]
    values = [found.get(k, "") for k in keys]
    return values, (ratings.pop() if len(ratings) == 1 else None), gaps


def _rating_rows(
    columns: list[Cell], kinds: list[tuple[str, str | None] | None], rows: list[Line]
) -> list[str] | None:
    """The texts of the rows after the value row, when they hold the rating column's cell
    only (its letter below the label's pieces that a page break carried into the value row:
    ``３年度目標`` / ``ａ``, Chromium read by -layout); None when any holds another cell."""
    texts: list[str] = []
    for row in rows:
        placed = place(columns, row.cells or [])
        if placed is None or any(c.text for c in [*placed.left, *placed.right]):
            return None
        for kind, cell in zip(kinds, placed.under, strict=True):
            if cell is not None and cell.text.strip():
                if kind != ("rating", None) or cell.cut:
                    return None
                texts.append(cell.text)
    return texts


def _take_rating(data: list[Line]) -> tuple[str | None, list[Line]]:
    """The rating cell's letter and the lines without it: a line of its own, or else the
    last word of the one line that ends with a letter (a reader by line prints the grid's
    first row as one line, the rating cell last: ``多くの国の 平成 無投票 … ｂ``)."""
    for i, ln in enumerate(data):
        rating = parse_rating(ln.text)
        if rating:
            return rating, data[:i] + data[i + 1 :]
    ending = [
        i
        for i, ln in enumerate(data)
        if ln.cells is None and len(words := ln.text.split()) >= 2 and parse_rating(words[-1])
    ]
    if len(ending) != 1:
        return None, data
    i = ending[0]
    words = data[i].text.split()
    line = replace(data[i], text=" ".join(words[:-1]), key=make_key(" ".join(words[:-1])))
    return parse_rating(words[-1]), [*data[:i], line, *data[i + 1 :]]


def _cells(
    data: list[Line], expected: int, rating: str | None, cut: bool = False
) -> tuple[list[str] | None, str | None]:
    """The grid's cells from text; ``cut`` when the grid runs to the input's end."""
    if data and all(ln.cells is not None for ln in data):  # the PDF gave the grid's cells
        cells = [c.text for ln in data for c in ln.cells or []]
        if rating is None and cells and parse_rating(cells[-1]):
            rating, cells = parse_rating(cells[-1]), cells[:-1]
        return (cells if len(cells) == expected else None), rating
    toks = value_tokens(" ".join(ln.text for ln in data))
    if rating is None and toks and rating_of(toks[-1]):
        rating, toks = rating_of(toks[-1]), toks[:-1]
    elif len(toks) == expected + 1 and _header_piece(toks[-1]):
        toks = toks[:-1]  # the label's piece a page break carried under it, no rating
    if len(toks) == expected:
        return toks, rating
    if len(toks) > expected and _all_pieces(data):
        # values wrapped in narrow cells: read only where the grid's shape pairs them one way
        return wrapped_cells([value_tokens(ln.text) for ln in data], expected), rating
    texts = [ln.text for ln in data]
    if len(texts) < expected or all(is_value_token(t) for t in toks) or cut:
        # Values missing or extra, or text cells the input's end may cut: regrouping them
        # would move a value to another year.
        return None, rating
    return _regroup(texts, expected), rating


def _regroup(texts: list[str], expected: int) -> list[str]:
    """Group one-line fragments into ``expected`` cells at the likeliest cell ends."""
    widths = [display_width(squeeze_cjk_spaces(t.strip())) for t in texts]
    scores: list[tuple[float, int]] = []
    for i in range(len(texts) - 1):
        t = texts[i].strip()
        score = 0.0
        if t.endswith(("。", ".")):
            score += 3
        if t.endswith(("）", ")", "」")):
            score += 2
        score += 0.5 * max(0, widths[i + 1] - widths[i])
        if i > 0:
            score += 0.25 * max(0, widths[i - 1] - widths[i])
        scores.append((score, i))
    cuts = sorted(i for _, i in sorted(scores, key=lambda s: (-s[0], s[1]))[: expected - 1])
    cells: list[str] = []
    start = 0
    for cut in [*cuts, len(texts) - 1]:
        cells.append(join_cell(texts[start : cut + 1]))
        start = cut + 1
    return cells


def _all_pieces(data: list[Line]) -> bool:
    """Whether every token of the lines is a value, a dash or a short piece without digits
    (``%``, ``回``: a value's wrapped end), so the lines may be one row of wrapped values."""
    toks = [t for ln in data for t in value_tokens(ln.text)]
    return bool(toks) and all(
        is_value_token(t) or is_null_mark(t) or (len(make_key(t)) <= 3 and not _digits(t))
        for t in toks
    )


def _digits(text: str) -> bool:
    return any(c.isdigit() for c in text)

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
from hyoka_parse.extract.common import classify_cells, is_value_token, split_notes, tokens
from hyoka_parse.extract.grids import has_boxes, place
from hyoka_parse.layout.model import Cell, x_overlap
from hyoka_parse.models import Measure, MeasureYear, MidTermTarget, Value
from hyoka_parse.normalize import fold, make_key
from hyoka_parse.rules import Block
from hyoka_parse.source import Line
from hyoka_parse.text import display_width, join_cell, squeeze_cjk_spaces
from hyoka_parse.values import ascending, era_year, parse_rating, parse_value
from hyoka_parse.vocab import ERA_NAMES, NULL_MARKS

# Every character the grid's header cells are made of; a header line holds nothing else.
_HEADER_CHARS = set(
    "中期目標値平成令和元年度実績の達成状況・･-－‐0123456789０１２３４５６７８９()（）"
)
_HEADER_WORDS = regex.compile(r"[中期目標値平成令和元年度実績達成状況]")
_YEAR_LABEL = regex.compile(rf"(?:{ERA_NAMES})[\s\u3000]*(?:元|[0-9０-９]+)[\s\u3000]*年度")
_MID_YEAR = regex.compile(rf"^(?:--|(?:{ERA_NAMES})(?:元|\d+))年度$")


def _is_header(line: Line) -> bool:
    chars = set(fold(line.text).replace(" ", "").replace("\u3000", ""))
    return bool(chars) and chars <= _HEADER_CHARS and bool(_HEADER_WORDS.search(line.text))


def quantitative(block: Block, measure: Measure, diag: Diagnostics) -> None:
    header, data = _split_header(block.lines)
    labels, mid_year = _year_columns(header)
    if not labels:
        diag.warn(
            UNPARSED_TABLE, f"測定指標{measure.id}: no fiscal years in the grid header", block.head
        )
        return
    data, cells = split_notes(data)  # notes and sources follow the grid
    data = _note_beside(data, 1 + 2 * len(labels), measure)
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
    measure.kind = "quantitative"
    measure.rating = measure.rating or rating
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
                location=location(block.head),
            )
        )


def _note_beside(data: list[Line], expected: int, measure: Measure) -> list[Line]:
    """The grid's lines without the pieces of a note cell printed beside its header (an
    extractor that reads the note column in the middle of the grid's: ``会期間会合`` /
    ``（ISM）や、会期`` … between 令和２・ and 令和３年). Only where the grid's values are one
    row of values (a row with at least ``expected`` value tokens) after pieces that are no row
    of values (``会合（年 10 回程`` holds a number, among words); the
    pieces go on the measure's last note (its （注） before the grid), or are a note."""
    row = _values_row(data, expected)
    if not row or any(
        all(is_value_token(t) or parse_rating(t) for t in tokens(ln.text)) for ln in data[:row]
    ):
        return data  # values or a rating before it (ｂ, 5-3): the grid's cells, not a note's
    pieces = [ln.text for ln in data[:row]]
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
            if len(toks := tokens(ln.text)) >= expected
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
        ln.cells is not None or all(is_value_token(t) or parse_rating(t) for t in tokens(ln.text))
        for ln in pieces
    ):
        return data
    measure.notes[-1] = join_cell([measure.notes[-1], *(ln.text for ln in pieces)])
    return data[: row + 1]


def _split_header(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The grid's header lines and its data lines. Column-by-column text prints a header
    cell that spans the rows (the rating column's 年度目標の達成状況) after the values: it
    is header, whatever its place."""
    h = 0
    while h < len(lines) and _is_header(lines[h]):
        h += 1
    header, data = lines[:h], lines[h:]
    late = [
        ln for ln in data if ln.cells is None and _is_header(ln) and not _MID_YEAR.match(ln.key)
    ]
    return header + late, [ln for ln in data if not any(ln is x for x in late)]


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
    above = [make_key(c.text) for c in over]
    printed = [regex.sub(r"[\s\u3000]", "", c.text) for c in over]
    year = next((t for t in printed if _YEAR_LABEL.fullmatch(t)), None)  # as _year_columns
    if "達成状況" in key:
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
    placed = place(columns, rows[0].cells or []) if len(rows) == 1 and known else None
    if placed is None or any(c.text for c in [*placed.left, *placed.right]):
        return None, None, []
    found: dict[tuple[str, str | None], str] = {}
    for kind, cell in zip(kinds, placed.under, strict=True):
        if cell is not None and kind is not None and not cell.cut:
            found[kind] = cell.text
    keys = [("mid", None)] + [(k, label) for label in labels for k in ("target", "actual")]
    names = {"mid": "中期目標値", "target": "年度目標値", "actual": "実績値"}
    gaps = [f"no value for {y or ''}{names[k]}" for k, y in keys if (k, y) not in found]
    values = [found.get(k, "") for k in keys]
    return values, parse_rating(found.get(("rating", None), "")), gaps


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
    toks = tokens(" ".join(ln.text for ln in data))
    if rating is None and toks and parse_rating(toks[-1]):
        rating, toks = parse_rating(toks[-1]), toks[:-1]
    if len(toks) == expected:
        return toks, rating
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

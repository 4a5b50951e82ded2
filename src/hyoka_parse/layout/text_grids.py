"""Stage: the grids of column-by-column text (pdftotext's default mode) rebuilt by their known
shapes, as lines of cells like the PDF reader's: ``text_quant`` a quantitative measure's grid,
``text_budget`` a budget table and ``text_reference`` a 参考指標's grid (both read by
``year_grid``), ``text_sheet`` the 別紙 budget sheet.

What does not fit its shape exactly stays as printed (or, where only the order of its values
is unknown, gets empty cells), with a warning that says where, so the extractors leave its
values null: a value is never placed by a guess.
"""

from __future__ import annotations

import regex

from hyoka_parse.layout import text_budget, text_quant, text_reference, text_sheet, year_grid
from hyoka_parse.layout.grid_cells import year_label
from hyoka_parse.layout.model import Line
from hyoka_parse.normalize import make_key

__all__ = ["column_by_column", "rebuild_grids"]

Warning = tuple[str, str, Line]


_NEAR = 12  # lines after a grid's first header cell that hold its year headers


def column_by_column(lines: list[Line]) -> bool:
    """Whether the text prints a 中期目標値 grid's header cells one a line, two fiscal years
    among them on lines of their own (pdftotext's default mode). Texts that keep rows print
    a grid's years on one line (the corpus text, ``-raw``, pdfplumber, pdfium)."""
    content = [ln for ln in lines if ln.text.strip()]
    for i in range(len(content)):
        # a grid's first cell whole, or in pieces among the year cells (an excerpt may hold
        # only such a grid: 3-5, Chromium, kiloji P, 12 pt; held-out set 20)
        apart = "中期" in content[i].text and text_quant.starts_apart(content, i)
        if text_quant.is_start(content, i) or apart:
            near = content[i + 1 : i + 1 + _NEAR]
            if sum(1 for ln in near if _lone_year(make_key(ln.text))) >= 2:
                return True
    return False


def _lone_year(key: str) -> bool:
    """A fiscal year header cell alone on its line, whole or cut before its 度 (a narrow
    year column: 平成 30 年 / … / 度; LibreOffice, IPAGothic, small type, held-out set 12)."""
    return year_label(key) is not None or text_quant.is_year_stem(key)


def rebuild_grids(lines: list[Line], ordered: bool = True) -> tuple[list[Line], list[Warning]]:
    """The lines with every grid whose values fit its shape rebuilt as cells (blank lines
    kept: they are where pdftotext's blocks end), and a warning for each grid that did not.
    Not ``ordered`` (``text_readers.box_order``): the blocks' order does not say which column
    a value is in, so budget tables, 参考指標 grids and 中期目標値 grids keep their shape
    with empty cells, and a warning lists the values left out."""
    out: list[Line] = []
    warnings: list[Warning] = []
    plain = 0  # the last lines of ``out``, as printed (a region may start among them)
    consumed: set[int] = set()  # ids of lines a table took from further on
    i = 0
    while i < len(lines):
        if id(lines[i]) in consumed:
            i += 1
            continue
        if page := text_sheet.find_sheet(lines, i):
            got, more, end = _sheet(lines, i, page, consumed), [], page[1]
        elif region := text_budget.find_budget(lines, i):
            back = min(i - region[0], plain)  # the region's lines before its 当初予算
            del out[len(out) - back :]
            got, more, end = _budget(lines, i - back, region[1], consumed, ordered)
        elif region := text_reference.find_reference(lines, i):
            got, problems = year_grid.rebuild(
                lines[region[0] : region[1]], text_reference.REFERENCE, ordered
            )
            got, more, end = [lines[i], *got], _warnings(problems, "a 参考指標 grid"), region[1]
        elif text_quant.is_start(lines, i) or _fits_apart(lines, i):
            got, more, end = _quant(lines, i, ordered)
            rebuilt = bool(got[0].cells)  # placed, or its cells left empty (ambiguous)
            if rebuilt and (note := _note_before(out, plain)) is not None:
                out.remove(note)
                got = [*got[:3], note, *got[3:]]  # the note's first piece, then its others
        else:
            out.append(lines[i])
            plain, i = plain + 1, i + 1
            continue
        out += got
        warnings += more
        plain, i = 0, end
    return out, warnings


def _budget(
    lines: list[Line], start: int, end: int, consumed: set[int], ordered: bool
) -> tuple[list[Line], list[Warning], int]:
    """The budget region ``[start, end)`` rebuilt with any of its year columns printed
    apart further on the page (``text_budget.detached_columns``): the lines of those that a
    table takes are added to ``consumed``; the others stay where they are printed."""
    region = [ln for ln in lines[start:end] if id(ln) not in consumed]  # never read twice
    apart = [ln for ln in text_budget.detached_columns(lines, end) if id(ln) not in consumed]
    got, problems = year_grid.rebuild(region + apart, text_budget.BUDGET, ordered)
    ids = {id(ln) for ln in apart}
    kept = {id(ln) for ln in got} & ids
    consumed |= ids - kept
    got = [ln for ln in got if id(ln) not in ids]
    return got, _warnings(problems, "a budget table"), end


def _fits_apart(lines: list[Line], i: int) -> bool:
    """A grid whose 中期目標値 cell's pieces stand apart (``text_quant.starts_apart``) is
    rebuilt when its values fit the shape in one order, or in several (``ambiguous``: its
    cells left empty, said); else its lines stay as printed, as before such grids were
    found (``text_columns`` regroups their runs). Left as printed, an ambiguous grid's
    values were read in the order printed, and pdftotext may print a column's value before
    the column left of it (3-5: ``10`` / ``ｂ`` / ``値`` / ``14`` / ``16`` is 令和２年度's
    実績値 first: Chromium, kiloji P, 12 pt; held-out set 20)."""
    if not text_quant.starts_apart(lines, i):
        return False
    grid = text_quant.read_quant(lines, i)[0]
    return text_quant.fits(grid) is None or text_quant.ambiguous(grid)


_NOTE_START = regex.compile(r"^[（(]注[0-9０-９]*[）)]")
# A note column's piece beside a grid is short: a third of a line at most (18 characters in
# LibreOffice's IPAGothic rendition with a very wide note column and small type, held-out
# set 12), never a line of prose.
_NOTE_PIECE = 24


def _note_before(out: list[Line], plain: int) -> Line | None:
    """The last line printed before a grid when it is a note cell's first piece, short (a
    note column beside the grid whose first piece the text prints before the grid's first
    header cell, its others among or after the grid's: LibreOffice, Noto Serif,
    ``（注）外務省及び防`` / ``中期目標`` / ``衛省主管の会期間会`` / …): it goes before the
    others, after the grid."""
    content = [ln for ln in out[len(out) - plain :] if ln.text.strip()]
    last = content[-1] if content else None
    if last is None or not _NOTE_START.match(last.text.strip()):
        return None
    return last if len(make_key(last.text)) <= _NOTE_PIECE else None


def _quant(lines: list[Line], i: int, ordered: bool) -> tuple[list[Line], list[Warning], int]:
    """The quantitative grid at line ``i`` rebuilt, its warnings, and where it ends. A grid
    whose values fit but for their order (or fit in a text whose order says nothing: not
    ``ordered``) gets empty cells (no extractor reads it by count); one that does not fit
    stays as printed."""
    from hyoka_parse.diagnostics import UNPARSED_TABLE  # diagnostics imports the sources

    grid, end = text_quant.read_quant(lines, i)
    why = text_quant.fits(grid)
    what = "a 中期目標値 grid printed column by column"
    if why is None and ordered:
        return text_quant.grid_lines(grid), [], end
    if why is None or text_quant.ambiguous(grid):
        why = why or year_grid.BOX_ORDER
        values = " ".join(v.text.strip() for v in grid.values)
        message = f"{what}: {why} ({values}); left empty"
        return text_quant.grid_lines(grid, placed=False), [(UNPARSED_TABLE, message, lines[i])], end
    message = f"{what}: {why}; its cells are left as text"
    return [lines[i]], [(UNPARSED_TABLE, message, lines[i])], i + 1


def _sheet(lines: list[Line], i: int, page: tuple[int, int], consumed: set[int]) -> list[Line]:
    """The rest of the sheet's page from its title line ``i``: the title, the sheet's rows
    rebuilt (``text_sheet``), then the lines they did not take, as printed. A sheet whose
    rows do not read from its lines is read again with the page's lines after them
    (``text_sheet.sheet_tail``; its number and 達成度合い anywhere on the page): the lines
    of those that its rows take, and the sheet's form cells among them, are added to
    ``consumed``."""
    start, end = page
    sheet = text_sheet.read_sheet(lines[start:end], lines[i])
    tail = text_sheet.sheet_tail(lines, end)
    if text_sheet.amounts_by_item(sheet) is None and tail:
        rest = [ln for ln in lines[end + len(tail) :] if ln.page == lines[end].page]
        wider = text_sheet.read_sheet(lines[start:end] + tail, lines[i], rest)
        if text_sheet.amounts_by_item(wider) is not None:
            sheet = wider
            consumed |= {id(ln) for ln in text_sheet.form_cells(tail)}
    rebuilt, used = text_sheet.sheet_lines(sheet)
    consumed |= {id(ln) for ln in lines[end:] if id(ln) in used}
    return [lines[i], *rebuilt, *(ln for ln in lines[i + 1 : end] if id(ln) not in used)]


def _warnings(problems: list[tuple[str, Line]], what: str) -> list[Warning]:
    from hyoka_parse.diagnostics import UNPARSED_TABLE  # diagnostics imports the sources

    return [
        (UNPARSED_TABLE, f"{what} printed column by column: {why}; left empty", where)
        for why, where in problems
    ]

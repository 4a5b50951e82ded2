"""Which reader an extracted text needs, sniffed from the text itself (no flag to know).

Extractors print a report's tables in one of three ways:

- ``layout``: columns kept as runs of spaces (``pdftotext -layout``): read by
  ``text_layout``, which turns the columns into cells with boxes so grids are read by column;
- ``flow``: one cell after the other (``pdftotext`` default and ``-raw``, pdfplumber's and
  pdfium's text, the corpus text): read line by line, label cells split off by the report's
  label vocabulary downstream (``extract.common.strip_label``); column-by-column text in
  pdfminer's box order (``box_order``) keeps its grids' shapes with empty cells.

Every reader sees the text's pages: marked by form feeds, or inferred from the printed page
numbers where the extractor wrote none (``text_pages``); and drops the page furniture it can
tell from the page structure (``text_furniture``).
"""

from __future__ import annotations

import regex

from hyoka_parse.layout.grid_cells import is_rating
from hyoka_parse.layout.labels import label_columns
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_budget import budget_rows_apart
from hyoka_parse.layout.text_columns import (
    has_lone_years,
    notes_across_pages,
    regroup,
    side_notes,
    title_rests_joined,
    unglue_headings,
)
from hyoka_parse.layout.text_fallback import fallback_glyphs
from hyoka_parse.layout.text_furniture import page_furniture
from hyoka_parse.layout.text_grids import column_by_column, rebuild_grids
from hyoka_parse.layout.text_pages import (
    MARKED,
    NO_PAGE_BREAKS_MESSAGE,
    UNKNOWN,
    infer_pages,
    overlong_pages,
    paragraph_marks,
)
from hyoka_parse.layout.text_pitch import repitch, single_spaced
from hyoka_parse.layout.text_wrap import join_cut_cells, join_cut_numbers
from hyoka_parse.text import SENTENCE_END

__all__ = ["FLOW", "LAYOUT", "box_order", "read_lines", "sniff"]

_CUT_MESSAGE = (
    "the text ends mid-sentence at the end of its last page: it may go on in a page the "
    "input does not have, and ends here"
)

_OVERLONG_MESSAGE = (
    "page {page} holds {n} lines, more than several printed pages: the text lost form feeds "
    "here and prints no page numbers to put them back, so locations from this line on may "
    "name an earlier page than the paper's; extract the text with a form feed on every page"
)

LAYOUT = "layout"
FLOW = "flow"

# A line of a column layout: text, a gap of three spaces or more, text; or a deep indent.
_COLUMN_GAP = regex.compile(r"\S {3,}\S|^ {6,}\S")
# Share of the non-blank lines that show columns for the text to be read as a layout: a
# flowing text has next to none (the corpus: 1 of 6262 lines; pdftotext's default and -raw
# modes, pdfplumber and pdfium: 0), a layout text 6 % (a whole report set mostly as prose)
# to all of them (a page of tables).
_LAYOUT_SHARE = 0.02


# What tells pdfminer's text from the other texts that read as column by column. pdftotext
# writes no space at a line's end (0 lines in each of 86 default-mode texts of held-out sets
# 9–16 and the fixtures); pdfminer keeps the PDF's space glyphs (75–114 lines in a report of
# held-out sets 15 and 16; 7–28 in a two- or three-page excerpt). PyMuPDF keeps them too but
# ends a page's blocks with no empty line: about one empty line a page, where pdfminer's
# box ends give 6.7 a page at the fewest (Chromium, Noto Serif CJK TC, very narrow).
_KEPT_SPACES = 2
_BOX_ENDS_A_PAGE = 3


def box_order(lines: list[Line]) -> bool:
    """Whether a column-by-column text comes in its extractor's box order rather than
    poppler's reading order: pdfminer's ``extract_text`` groups a page's text boxes by
    distance and prints the groups in that tree's order (``LAParams.boxes_flow``), so one
    table's value blocks come in any order (a budget table's 令和２年度 block after its
    令和３年度 block; held-out set 15). Known by the space glyphs it keeps at lines' ends
    (or as lines of their own), which poppler drops, and the empty line that ends each box."""
    spaced = sum(1 for ln in lines if ln.text.endswith(" "))
    empty = sum(1 for ln in lines if not ln.text)
    pages = len({ln.page for ln in lines}) or 1
    return spaced >= _KEPT_SPACES and empty >= _BOX_ENDS_A_PAGE * pages


def sniff(lines: list[Line]) -> str:
    """``LAYOUT`` when the text keeps columns as runs of spaces, else ``FLOW``."""
    texts = [ln.text for ln in lines if ln.text.strip()]
    if not texts:
        return FLOW
    columns = sum(1 for t in texts if _COLUMN_GAP.search(t))
    return LAYOUT if columns >= max(3, _LAYOUT_SHARE * len(texts)) else FLOW


def _wrap_spaces(lines: list[Line]) -> list[Line]:
    """Where few lines end with a space, the space is the one the text wrapped at: the line
    goes on in the next (``para_end=False``; the join keeps the space). After Latin text a
    trailing space never marked a paragraph's end, so those lines are left as they are."""
    texts = [ln.text for ln in lines if ln.text.strip()]
    if paragraph_marks(texts):
        return lines
    for ln in lines:
        core = ln.text.rstrip()
        if core != ln.text and not core[-1:].isascii() and ln.para_end is None:
            ln.para_end = False
    return lines


_BOX_ORDER_MESSAGE = (
    "the text comes in its extractor's box order (pdfminer's extract_text), not as printed: "
    "tables' values and ratings alone on a line are left out, for their order does not say "
    "whose they are; extract with pdftotext, or parse the PDF"
)


def _column_by_column(
    lines: list[Line], boxes: bool
) -> tuple[list[Line], list[tuple[str, str, Line]]]:
    """Column-by-column text with its grids rebuilt; in box order (``box_order``), a rating
    alone on its line is left out too, for the line before it need not be its measure's
    (pdfminer: 6-2's ａ after 5-4's title, 6-2's title followed by 6-3's ｂ)."""
    lines, warnings = rebuild_grids(title_rests_joined(lines), ordered=not boxes)
    if not boxes:
        return lines, warnings
    from hyoka_parse.diagnostics import BOX_ORDER, UNPLACED_TEXT

    first = next((ln for ln in lines if ln.text.strip()), Line(1, None, ""))
    warnings.insert(0, (BOX_ORDER, _BOX_ORDER_MESSAGE, first))
    kept: list[Line] = []
    for ln in lines:
        if ln.cells is None and is_rating(ln):
            why = f"a rating alone on its line in box order: {ln.text.strip()}"
            warnings.append((UNPLACED_TEXT, why, ln))
        else:
            kept.append(ln)
    return kept, warnings


def read_lines(
    lines: list[Line],
) -> tuple[list[Line], list[tuple[str, Line, str]], list[tuple[str, str, Line]], bool]:
    """The lines as the segmenter wants them, the furniture dropped, warnings
    ``(code, message, line)`` for what the reader could not place, and whether the text's
    pages are unknown (``text_pages.UNKNOWN``: read as one page; no page in the output)."""
    lines, pages = infer_pages(lines)
    boxes = box_order(lines)  # before the readers join, split or drop lines
    lines, furniture = page_furniture(lines)
    lines = fallback_glyphs(lines)  # -raw prints a fallback font's glyphs after their line
    # After the page numbers are off: a line that ends in a number above a page number is
    # no number a wrap cut.
    lines, wrapped = join_cut_numbers(lines)  # a hard wrap (fold -w 72) cut them
    lines, untold = join_cut_cells(lines)  # a narrow cell cut them after a point (82. / 9％)
    lines = unglue_headings(lines)
    warnings: list[tuple[str, str, Line]] = []
    if sniff(lines) == LAYOUT:
        lines = repitch(lines)  # -fixed N text, squeezed: set back at -layout's pitch
        lines = single_spaced(lines)  # an empty line after every line: one line a line
        from hyoka_parse.layout.text_layout import read_layout
        from hyoka_parse.layout.text_split_grids import join_split_grids

        lines, more, warnings = read_layout(join_split_grids(lines))
        furniture += more
    elif (boxes and pages == MARKED) or has_lone_years(lines) or column_by_column(lines):
        # pdftotext's default mode; pdfminer's boxes, which never keep a table's rows on a
        # line, even in pages that print no grid by columns (its form feeds tell it from the
        # corpus text, whose empty lines and spaces are a line's)
        lines, warnings = _column_by_column(lines, boxes)
        lines, labels = label_columns(regroup(lines, pages == UNKNOWN))
        furniture += labels
    else:
        # Label cells printed beside their content (pdfplumber, pdfium, -raw).
        lines = budget_rows_apart(notes_across_pages(_wrap_spaces(lines)))
        lines, labels = label_columns(lines)
        furniture += labels
        lines = side_notes(lines)  # a note column beside a grid (pdfplumber, pdfium)
    last = next((ln for ln in reversed(lines) if ln.text.strip()), None)
    if last is not None:
        last.ends_input = True
        if last.page is not None and not last.text.rstrip().endswith(SENTENCE_END):
            from hyoka_parse.diagnostics import CUT_TEXT  # diagnostics imports the sources

            warnings.append((CUT_TEXT, _CUT_MESSAGE, last))
    if pages == UNKNOWN and lines:
        from hyoka_parse.diagnostics import NO_PAGE_BREAKS

        warnings.insert(0, (NO_PAGE_BREAKS, NO_PAGE_BREAKS_MESSAGE, Line(1, None, "")))
    if pages == MARKED:
        from hyoka_parse.diagnostics import MISSING_PAGE_BREAKS

        warnings[:0] = [
            (MISSING_PAGE_BREAKS, _OVERLONG_MESSAGE.format(page=ln.page, n=n), ln)
            for ln, n in overlong_pages(lines)
        ]
    return lines, furniture, [*wrapped, *untold, *warnings], pages == UNKNOWN

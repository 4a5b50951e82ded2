"""Printed page numbers: each ``location`` gets the number its page prints in the footer.

The readers record page numbers as furniture of kind ``page_number`` (pdf.py for PDFs, from
the layout; normalize.py for text with form feeds), each on the page it stands on. A page
whose number is not a plain integer, or that prints two different ones, gets none: a wrong
page number would send a reader to the wrong page. In text, a lone number is taken only when
it is the last line of its page (the footer): the text reader also takes a table cell such
as 220 for a page number (pdftotext of lo-header-pages-1-3.pdf, page 2).
"""

from __future__ import annotations

import itertools
import unicodedata

import regex
from pydantic import BaseModel

from hyoka_parse.layout.text_pages import page_number_like
from hyoka_parse.models import Furniture, Location, Report
from hyoka_parse.source import Line

# "45", "- 45 -", "－45－": the number alone, maybe between dashes.
_PAGE_NUMBER = regex.compile(r"[-‐–—―]?\s*(\d{1,5})\s*[-‐–—―]?")


def printed_pages(report: Report, lines: list[Line] | None = None) -> dict[int, int]:
    """PDF page index → the number printed on it, for pages that print exactly one.

    ``lines``: the source lines of a text input, to keep only numbers on a page's last line.
    """
    return printed_numbers(report.furniture, report.source.format, lines)


def printed_numbers(
    furniture: list[Furniture], fmt: str, lines: list[Line] | None = None
) -> dict[int, int]:
    """``printed_pages`` from the furniture the readers dropped and the input's format."""
    last = _last_lines(lines) if fmt == "text" else None
    seen: dict[int, set[int]] = {}
    for item in furniture:
        page = item.location.page
        m = _PAGE_NUMBER.fullmatch(unicodedata.normalize("NFKC", item.text).strip())
        # the footer templates text_pages knows besides (``p. 4``, ``(4)``, ``iv``)
        number = int(m[1]) if m else page_number_like(item.text)
        if item.kind != "page_number" or page is None or number is None:
            continue
        if last is None or last.get(page) == item.location.line:
            seen.setdefault(page, set()).add(number)
    return {page: next(iter(nums)) for page, nums in seen.items() if len(nums) == 1}


def gap_pages(printed: dict[int, int], read: list[int] | None) -> list[int]:
    """The pages (1-based) that do not follow the page read before them: a page after pages
    ``read`` left out (--pages 1-20,35: page 35), or a page whose printed number runs ahead
    of the one after the printed number of the page right before it (pages lost from the
    input: a breaker's trial dropped one page of a text, and the next measure's 年度目標 went
    under the measure before). The numbers on either side of the jump must go on from each
    other where they are known: a number misread (59, 220, 61: a table cell taken for the
    page number) is no gap, and neither is a number that goes back (a cell of a grid read
    as pdftotext's default mode moves it, 21, 20, 21). Pages swapped are not told."""
    gaps = {b for a, b in itertools.pairwise(read or []) if b != a + 1}
    for page, number in printed.items():
        before = printed.get(page - 1)
        if before is None or number <= before + 1:
            continue
        ahead, behind = printed.get(page + 1), printed.get(page - 2)
        if (ahead is None or ahead == number + 1) and (behind is None or behind == before - 1):
            gaps.add(page)
    return sorted(gaps)


def mark_gaps(lines: list[Line], gaps: list[int]) -> None:
    """Set ``after_gap`` on the first line with text of each page in ``gaps``."""
    todo = set(gaps)
    for line in lines:
        if line.page in todo and line.text.strip():
            line.after_gap = True
            todo.discard(line.page)


def _last_lines(lines: list[Line] | None) -> dict[int, int]:
    """Page → the number of its last non-empty line (the highest: readers move lines, and
    the furniture comes after the content, in no page order)."""
    last: dict[int, int] = {}
    for line in lines or []:
        if line.page is not None and line.text.strip():
            last[line.page] = max(last.get(line.page, 0), line.no)
    return last


def add_printed_pages(report: Report, lines: list[Line] | None = None) -> None:
    """Fill ``printed_page`` on every location of ``report`` whose page prints a number.

    ``lines``: the source lines (needed for text input; see ``printed_pages``)."""
    pages = printed_pages(report, lines)
    if pages:
        _walk(report, pages)


def forget_pages(report: Report) -> None:
    """Give no page to any location of ``report``: a text read as one page whose breaks are
    unknown (layout.text_pages) knows no page of its lines."""
    _walk(report, None)


def _walk(node: object, pages: dict[int, int] | None) -> None:
    if isinstance(node, Location):
        if pages is None:
            node.page = node.printed_page = None
        elif node.page is not None:
            node.printed_page = pages.get(node.page)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            _walk(getattr(node, name), pages)
    elif isinstance(node, list):
        for item in node:
            _walk(item, pages)

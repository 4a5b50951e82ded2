"""Printed page numbers: each ``location`` gets the number its page prints in the footer.

The readers record page numbers as furniture of kind ``page_number`` (pdf.py for PDFs, from
the layout; normalize.py for text with form feeds), each on the page it stands on. A page
whose number is not a plain integer, or that prints two different ones, gets none: a wrong
page number would send a reader to the wrong page. In text, a lone number is taken only when
it is the last line of its page (the footer): the text reader also takes a table cell such
as 220 for a page number (pdftotext of lo-header-pages-1-3.pdf, page 2).
"""

from __future__ import annotations

import unicodedata

import regex
from pydantic import BaseModel

from hyoka_parse.layout.text_pages import page_number_like
from hyoka_parse.models import Location, Report
from hyoka_parse.source import Line

# "45", "- 45 -", "－45－": the number alone, maybe between dashes.
_PAGE_NUMBER = regex.compile(r"[-‐–—―]?\s*(\d{1,5})\s*[-‐–—―]?")


def printed_pages(report: Report, lines: list[Line] | None = None) -> dict[int, int]:
    """PDF page index → the number printed on it, for pages that print exactly one.

    ``lines``: the source lines of a text input, to keep only numbers on a page's last line.
    """
    last = _last_lines(lines) if report.source.format == "text" else None
    seen: dict[int, set[int]] = {}
    for item in report.furniture:
        page = item.location.page
        m = _PAGE_NUMBER.fullmatch(unicodedata.normalize("NFKC", item.text).strip())
        # the footer templates text_pages knows besides (``p. 4``, ``(4)``, ``iv``)
        number = int(m[1]) if m else page_number_like(item.text)
        if item.kind != "page_number" or page is None or number is None:
            continue
        if last is None or last.get(page) == item.location.line:
            seen.setdefault(page, set()).add(number)
    return {page: next(iter(nums)) for page, nums in seen.items() if len(nums) == 1}


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

"""Printed page numbers: each ``location`` gets the number its page prints in the footer.

The readers record page numbers as furniture of kind ``page_number`` (pdf.py for PDFs,
normalize.py for text with form feeds), each on the page it stands on. A page whose number
is not a plain integer, or that prints two different ones, gets none: a wrong page number
would send a reader to the wrong page.
"""

from __future__ import annotations

import unicodedata

import regex
from pydantic import BaseModel

from hyoka_parse.models import Location, Report

# "45", "- 45 -", "－45－": the number alone, maybe between dashes.
_PAGE_NUMBER = regex.compile(r"[-‐–—―]?\s*(\d{1,5})\s*[-‐–—―]?")


def printed_pages(report: Report) -> dict[int, int]:
    """PDF page index → the number printed on it, for pages that print exactly one."""
    seen: dict[int, set[int]] = {}
    for item in report.furniture:
        page = item.location.page
        m = _PAGE_NUMBER.fullmatch(unicodedata.normalize("NFKC", item.text).strip())
        if item.kind == "page_number" and page is not None and m:
            seen.setdefault(page, set()).add(int(m[1]))
    return {page: next(iter(nums)) for page, nums in seen.items() if len(nums) == 1}


def add_printed_pages(report: Report) -> None:
    """Fill ``printed_page`` on every location of ``report`` whose page prints a number."""
    pages = printed_pages(report)
    if pages:
        _walk(report, pages)


def _walk(node: object, pages: dict[int, int]) -> None:
    if isinstance(node, Location):
        if node.page is not None:
            node.printed_page = pages.get(node.page)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            _walk(getattr(node, name), pages)
    elif isinstance(node, list):
        for item in node:
            _walk(item, pages)

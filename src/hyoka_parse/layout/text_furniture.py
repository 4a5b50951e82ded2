"""Page furniture of extracted text, decided from the page structure.

Extractors (pdftotext in every mode, pdfplumber and pdfium joined with form feeds) print a
page's number on every page, beside the form feed: as the last line of the page, or the first.
A lone number there is a page number when the numbers run with the pages (``number - page`` is
the same on most pages); a one-page input has nothing to compare, so only its last line is
taken, as the producers centre their page numbers under the text (shared/cases/producers).
pdftotext's default mode moves the number off the page's end (it reads columns one after the
other), so a lone number that has the page's expected value is taken wherever it stands.

A running header or footer is a first or last line that comes back on most pages.

Text without form feeds has no page structure: ``normalize`` keeps its own rule for the stray
page numbers such a text holds (the corpus text).
"""

from __future__ import annotations

from collections import Counter

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_pages import page_number_form, page_number_like

__all__ = ["page_furniture"]

_DIGITS = regex.compile(r"[0-9０-９]+")
# How many lines at each end of a page may hold a page number or a running header.
_EDGE = 2
# A running header or footer comes back on this share of the pages (and on three at least).
_RUNNING_SHARE = 0.6
_RUNNING_MIN_PAGES = 3


def _pages(lines: list[Line]) -> list[list[Line]]:
    """The non-blank lines of each page, in page order."""
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.page is not None and ln.text.strip():
            pages.setdefault(ln.page, []).append(ln)
    return [pages[p] for p in sorted(pages)]


def _page_numbers(pages: list[list[Line]]) -> set[int]:
    """The ids (``id(line)``) of the lines that are page numbers."""
    edge: list[tuple[int, Line, int]] = []  # (page index, line, number)
    for i, page in enumerate(pages):
        ends = [*page[:_EDGE], *page[-_EDGE:]] if len(page) > _EDGE else page
        edge += [(i, ln, n) for ln in ends if (n := page_number_like(ln.text)) is not None]
    # A document prints its page numbers by one footer template (``8``, ``- 8 -``, ``(8)``):
    # the form most edges show; a list's ``（１）`` at a page's top is none.
    forms = Counter(page_number_form(ln.text) for _, ln, _ in edge)
    form = max(sorted(forms), key=lambda f: forms[f], default="")
    edge = [(i, ln, n) for i, ln, n in edge if page_number_form(ln.text) == form]
    if len(pages) == 1:
        last = pages[0][-1] if pages[0] else None
        return {id(ln) for _, ln, _ in edge if ln is last}
    # The run is the offset (number - page) that most pages bear out, the number standing
    # anywhere on its page (pdftotext's default mode moves it); ties go to the offset the
    # numbers beside the form feeds (a page's last or first line) show most.
    beside = Counter(n - i for i, ln, n in edge if ln is pages[i][-1] or ln is pages[i][0])
    numbers = [
        {page_number_like(ln.text) for ln in page if page_number_form(ln.text) == form}
        for page in pages
    ]
    offsets = {n - i for i, _, n in edge}
    if not offsets:
        return set()
    support = {o: sum(1 for i, nums in enumerate(numbers) if i + o in nums) for o in offsets}
    offset = max(sorted(offsets), key=lambda o: (support[o], beside[o]))
    if support[offset] < 2:
        return set()
    found: set[int] = set()
    numbered: set[int] = set()
    for i, page in enumerate(pages):
        hits = [
            ln
            for ln in page
            if page_number_like(ln.text) == i + offset and page_number_form(ln.text) == form
        ]
        at_edge = [ln for ln in hits if any(ln is e for _, e, _ in edge)]
        # The number beside the form feed; where the extractor moved it, the last such line.
        pick = at_edge[-1:] or hits[-1:]
        found.update(id(ln) for ln in pick)
        numbered.update(i for _ in pick)
    found |= _other_runs(edge, offset, numbered)
    return found | _inside_runs(pages, edge, form, found)


def _other_runs(edge: list[tuple[int, Line, int]], offset: int, numbered: set[int]) -> set[int]:
    """Page numbers of the pages off the main run: where a page was taken out or moved,
    the numbers on one side stand at another offset (a breaker's trial: page 56 deleted,
    28 at the foot of 3-5's page was read as its 令和元年度 value). A number at a page's
    edge is one where two or more pages in a row bear out its offset."""
    at: dict[int, dict[int, Line]] = {}  # offset → page index → its number's line
    for i, ln, n in edge:
        if i not in numbered and n - i != offset:
            at.setdefault(n - i, {})[i] = ln  # the last such line on the page
    found: set[int] = set()
    for pages in at.values():
        found.update(id(ln) for i, ln in pages.items() if i - 1 in pages or i + 1 in pages)
    return found


def _inside_runs(
    pages: list[list[Line]], edge: list[tuple[int, Line, int]], form: str, found: set[int]
) -> set[int]:
    """The number of a page with none found, standing anywhere on it, where the pages on
    both sides print theirs at the edge and at the same offset: pdftotext's default mode
    moved it among a grid's cells (LibreOffice, IPAPMincho, small type; held-out set 15:
    ``14`` between 2-5's columns, read as an eighth value of its seven cells)."""
    at_edge = {i: n - i for i, ln, n in edge if id(ln) in found}
    out: set[int] = set()
    for i, page in enumerate(pages):
        if i in at_edge or at_edge.get(i - 1) is None or at_edge.get(i - 1) != at_edge.get(i + 1):
            continue
        want = i + at_edge[i - 1]
        hits = [
            ln
            for ln in page
            if page_number_like(ln.text) == want and page_number_form(ln.text) == form
        ]
        out.update(id(ln) for ln in hits[-1:])
    return out


def _shape(line: Line) -> str:
    """A line as a running header looks on every page: no spaces, any number the same."""
    return _DIGITS.sub("#", regex.sub(r"[\s\u3000]+", "", line.text))


def _running(pages: list[list[Line]], taken: set[int]) -> set[int]:
    """The ids of first and last lines that come back on most pages."""
    if len(pages) < _RUNNING_MIN_PAGES:
        return set()
    ends: list[list[Line]] = []
    for page in pages:
        rest = [ln for ln in page if id(ln) not in taken]
        ends.append([*rest[:1], *rest[-1:]] if rest else [])
    counts = Counter(s for page in ends for s in {_shape(ln) for ln in page})
    need = max(_RUNNING_MIN_PAGES, int(len(pages) * _RUNNING_SHARE + 0.999))
    repeated = {s for s, c in counts.items() if c >= need and s}
    return {id(ln) for page in ends for ln in page if _shape(ln) in repeated}


def page_furniture(lines: list[Line]) -> tuple[list[Line], list[tuple[str, Line, str]]]:
    """Split ``lines`` (pages known from form feeds) into content and furniture
    ``(kind, line, text)``: kinds ``page_number`` and ``running_header``. Lines without a
    page (no form feed in the text) are all content."""
    pages = _pages(lines)
    if not pages:
        return lines, []
    numbers = _page_numbers(pages)
    running = _running(pages, numbers)
    kept: list[Line] = []
    furniture: list[tuple[str, Line, str]] = []
    for ln in lines:
        if id(ln) in numbers:
            furniture.append(("page_number", ln, ln.text.strip()))
        elif id(ln) in running:
            furniture.append(("running_header", ln, ln.text.strip()))
        else:
            kept.append(ln)
    return kept, furniture

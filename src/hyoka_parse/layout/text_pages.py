"""Page breaks of extracted text that has no form feeds, inferred from the printed page numbers.

Many texts carry no page marks: ``pdftotext -nopgbrk``, pdfplumber's or pdfium's pages joined
with ``\\n`` (what most scripts do), text copied out of a viewer. Their pages still show in the
content: every page prints its number at its foot (the renditions of the report: LibreOffice,
reportlab; the 府省 templates centre it there as ``1`` or ``- 1 -``), so the numbers stand as
lines of their own that rise by one through the document, a page's worth of lines apart. Where
such a run is found, a page ends after each of its numbers, and every later stage (furniture,
joins across a page, the rules for a cell cut at a page break) reads the text as if the
extractor had marked the page. A report's title starts a page too, so an unnumbered 別紙 sheet
before the numbered pages is a page of its own. A document prints all its page numbers by one
footer template: a run is of one form (ASCII or full-width digits, with dashes or without),
so a cell's ``１`` is no page ``1``.

A number of a table cell (``1`` of a count, ``2`` of a list) on a line of its own is no run:
the run must step by one (a page without a number may be skipped) with every step at least
``_MIN_STEP`` lines, pages of ``_MIN_PAGE_LINES`` lines or more on the median, and it must span
at least half the text. The corpus text (seven stray numbers over 13,000 lines) has no run.

Where no run is found in an extractor's text long enough to have pages (a Chromium print
has no page numbers), the text is read as one page whose breaks are unknown: the rules for an
extractor's text apply, none of which joins a cell across a break it does not see, and a grid's
text cells that do not come out whole are left out (null) rather than regrouped by guess. The
reader says so once (``no_page_breaks``, at line 1) and the locations get no page. A text whose
paragraphs are marked by trailing spaces (a word processor's text, as the corpus text) is no
extractor's: it keeps the rules fitted to it, and gets no warning.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.vocab import SPACE_RUN

__all__ = [
    "INFERRED",
    "MARKED",
    "NONE",
    "NO_PAGE_BREAKS_MESSAGE",
    "UNKNOWN",
    "infer_pages",
    "page_number_like",
    "paragraph_marks",
]

# A line that is only a page number: ``8``, ``- 8 -``, ``－８－``, ``8 / 37``, centred by
# spaces (-layout); text_furniture takes the same forms beside a form feed.
_PAGE_NUMBER = regex.compile(
    r"^[\s\u3000]*(?:[-－‐―][\s\u3000]*)?(?P<n>[0-9０-９]{1,4})"
    r"(?:[\s\u3000]*[/／][\s\u3000]*[0-9０-９]{1,4})?(?:[\s\u3000]*[-－‐―])?[\s\u3000]*$"
)
# A report starts on a page of its own, its title at the top (a 別紙 sheet may come before it).
_REPORT_TITLE = regex.compile(r"^(?:平成|令和)(?:元|[0-9０-９]{1,2})年度政策評価書$")
# Fewest non-blank lines between two page numbers of a run (a page holds more: the shortest
# page of the renditions, the end of a 個別分野, has 15).
_MIN_STEP = 5
# Fewest non-blank lines of a page on the median (the renditions: 38 to 60).
_MIN_PAGE_LINES = 15
# Fewest numbers of a run; and the share of the text (non-blank lines) it must span.
_MIN_RUN = 3
_MIN_SPAN = 0.5
# A page whose number is not printed (a sheet set sideways) may be skipped: at most so many.
_MAX_SKIP = 2
# A text without form feeds and without a run of page numbers is said to have no page
# breaks when it has this many non-blank lines (two pages' worth or more).
_PAGED_LENGTH = 2 * 60

NO_PAGE_BREAKS_MESSAGE = (
    "the text has no page breaks (form feeds) and no printed page numbers to find them by: "
    "its locations have no page, and table cells a page break may have cut are left out; "
    "extract it with page breaks (pdftotext without -nopgbrk) to read them"
)

# In the corpus text a trailing space marks a paragraph's end (a fifth of its lines end so).
# pdfium keeps the space a line wrapped at (``（平成 `` / ``29 年９月 20 日)``): under 1 % of
# its lines. Below this share the spaces are wraps, not paragraph marks.
_PARAGRAPH_MARK_SHARE = 0.02

_DIGITS = regex.compile(r"[0-9]+|[０-９]+")


def _form(text: str) -> str:
    """A page number's form: its digits' width and what stands beside them."""
    core = SPACE_RUN.sub("", text)
    return _DIGITS.sub(lambda m: "0" if m[0].isascii() else "０", core)  # 8/37, 9/37: one form


def page_number_like(text: str) -> int | None:
    """The number of a line that is only a number as page numbers are printed, else None."""
    m = _PAGE_NUMBER.match(text)
    return int(m["n"]) if m else None  # int() reads full-width digits too


@dataclass(frozen=True)
class _Candidate:
    at: int  # index among the non-blank lines
    number: int
    form: str  # how it is printed: ``1``, ``１``, ``-1-`` all differ (see _form)


def _best_run(cands: list[_Candidate]) -> list[_Candidate]:
    """The longest run of candidates rising by one (or by up to ``_MAX_SKIP`` + 1 where a
    page's number is missing) with ``_MIN_STEP`` lines a step. Of equal runs the one with
    the later lines wins: a page's number is its last line, a cell's lone number stands above.

    Linear in the candidates but for a binary search: a text of nothing but ``1`` lines
    (a fuzzed input) costs no more than a real one."""
    # number -> the lines it stands on (rising) and the best run ending at or before each
    ats: dict[int, list[int]] = {}
    best: dict[int, list[tuple[int, int]]] = {}  # (length, index), prefix maxima
    before: list[int] = []
    ends: list[tuple[int, int]] = []
    for i, c in enumerate(cands):
        top, prev = 1, -1
        for step in range(1, _MAX_SKIP + 2):
            lines = ats.get(c.number - step)
            if not lines:
                continue
            k = bisect_right(lines, c.at - _MIN_STEP * step) - 1
            if k >= 0 and best[c.number - step][k][0] + 1 > top:
                top, prev = best[c.number - step][k][0] + 1, best[c.number - step][k][1]
        before.append(prev)
        ends.append((top, i))
        prefix = best.setdefault(c.number, [])
        ats.setdefault(c.number, []).append(c.at)
        prefix.append(max(prefix[-1], (top, i)) if prefix else (top, i))
    if not ends:
        return []
    i = max(ends)[1]
    run: list[_Candidate] = []
    while i >= 0:
        run.append(cands[i])
        i = before[i]
    return run[::-1]


def _plausible(run: list[_Candidate], total: int) -> bool:
    """A run of page numbers: ``_MIN_RUN`` numbers (two where the second is the text's last
    line, the foot of an excerpt's last page), pages of ``_MIN_PAGE_LINES`` lines on the
    median, spanning (with the first page, which ends at the first number) half the text."""
    if len(run) < 2 or (len(run) < _MIN_RUN and run[-1].at != total - 1):
        return False
    return _page_lines(run) >= _MIN_PAGE_LINES and _span(run) >= _MIN_SPAN * total


def _page_lines(run: list[_Candidate]) -> float:
    """The median page of a run, in non-blank lines."""
    gaps = sorted((b.at - a.at) / (b.number - a.number) for a, b in pairwise(run))
    return gaps[len(gaps) // 2]


def _span(run: list[_Candidate]) -> float:
    """The lines a run's pages hold: from its first page's start to its last number."""
    return run[-1].at - run[0].at + _page_lines(run)


def _runs(cands: list[_Candidate], total: int) -> list[list[_Candidate]]:
    """The runs of page numbers, each a document's (a concatenated input numbers anew)."""
    forms = sorted({c.form for c in cands})
    run = max((_best_run([c for c in cands if c.form == f]) for f in forms), key=len, default=[])
    if not _plausible(run, total):
        return []
    first, last = run[0].at, run[-1].at
    out = [run]
    for side in ([c for c in cands if c.at < first], [c for c in cands if c.at > last]):
        out += _runs(side, 0)
    covered = sum(_span(r) for r in out)
    return sorted(out, key=lambda r: r[0].at) if covered >= _MIN_SPAN * total else []


def _breaks(texts: list[str], runs: list[list[_Candidate]]) -> set[int]:
    """Indices (among the non-blank lines) that start a page: after each page number (before
    it where the extractor reads the footer first), and at a report's title before a run's
    first number (an unnumbered sheet before it)."""
    # A footer read first (pdfium, where the content stream draws it first) leaves a whole
    # page after the text's last number; read last, next to nothing. One extractor reads
    # every page so.
    first = len(texts) - runs[-1][-1].at > _page_lines(runs[-1]) / 2
    starts = {c.at if first else c.at + 1 for run in runs for c in run}
    for run in runs:
        last = max((c.at + 1 for r in runs for c in r if c.at < run[0].at), default=0)
        for i in range(last, run[0].at):
            if _REPORT_TITLE.match(SPACE_RUN.sub("", texts[i])) and i - last >= _MIN_STEP:
                starts.add(i)
                last = i
    return {i for i in starts if 0 < i < len(texts)}


def paragraph_marks(texts: list[str]) -> bool:
    """Whether trailing spaces mark paragraph ends in ``texts`` (non-blank lines): a word
    processor's text, as the corpus text; an extractor's keeps a wrap's space at most."""
    return sum(1 for t in texts if t != t.rstrip()) >= _PARAGRAPH_MARK_SHARE * len(texts)


#: What ``infer_pages`` found: pages marked by form feeds, inferred from page numbers, none to
#: find in a text that should have them (long; read as one page whose breaks are unknown), or
#: none needed (a short text; a word processor's text, its paragraphs marked by trailing spaces).
MARKED, INFERRED, UNKNOWN, NONE = "marked", "inferred", "unknown", "none"


def infer_pages(lines: list[Line]) -> tuple[list[Line], str]:
    """Give ``lines`` of a text without form feeds the pages its printed numbers show.

    Returns the lines (the same objects, ``Line.page`` set 1-based) and what was found
    (``MARKED``, ``INFERRED``, ``UNKNOWN``, ``NONE``). ``UNKNOWN``: an extractor's text (no
    paragraph marks) long enough to have pages and no run of page numbers: every line is put
    on page 1, so the rules for extractor text apply and none assumes a page break; the
    caller warns ``no_page_breaks`` and gives its locations no page. ``NONE`` leaves the
    pages None (the corpus text: the rules fitted to it)."""
    if any(ln.page is not None for ln in lines):
        return lines, MARKED
    content = [ln for ln in lines if ln.text.strip()]
    texts = [ln.text for ln in content]
    cands = [
        _Candidate(i, n, _form(t)) for i, t in enumerate(texts) if (n := page_number_like(t))
    ]  # no page is numbered 0: a lone 0 is a cell's
    runs = _runs(cands, len(texts))
    if not runs:
        if len(texts) < _PAGED_LENGTH or paragraph_marks(texts):
            return lines, NONE
        for ln in lines:
            ln.page = 1
        return lines, UNKNOWN
    start_ids = {id(content[i]) for i in _breaks(texts, runs)}
    page = 1
    for ln in lines:
        if id(ln) in start_ids:
            page += 1
        ln.page = page
    return lines, INFERRED

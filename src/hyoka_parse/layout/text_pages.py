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

Pages joined with nothing between them (pdfium's and pdfplumber's page texts end without a
line end) run each number into a neighbouring line (``210－３``: page 2, 測定指標10－３): where no
run of lone numbers is found, the digits that start (or end) lines are tried as page numbers
too, and those the run takes are split off onto lines of their own. A text with form feeds on
some pages only is split where one marked page holds several numbers of the run; a marked page
too long to be one page with no numbers to split it by is said by the reader
(``overlong_pages``, warning ``missing_page_breaks``).

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
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.vocab import LINE_BREAK, SPACE_RUN

__all__ = [
    "INFERRED",
    "MARKED",
    "NONE",
    "NO_PAGE_BREAKS_MESSAGE",
    "UNKNOWN",
    "infer_pages",
    "joined_page_ends",
    "overlong_pages",
    "page_number_form",
    "page_number_like",
    "paragraph_marks",
]

# A line that is only a page number, as footer templates print it: ``8``, ``- 8 -``,
# ``－８－``, ``8 / 37``, ``p. 8``, ``P8``, ``8ページ``, ``8頁``, ``(8)``, ``（８）``, roman
# ``viii`` or ``Ⅷ`` (a breaker's trial: ``p. 4`` read into a label and a progress text);
# centred by spaces (-layout). text_furniture takes the same forms beside a form feed.
_S = r"[\s\u3000]*"
_ROMAN = (
    r"(?i:(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))(?![a-z])"
    r"|[\u2160-\u216b\u2170-\u217b]"  # Ⅰ…Ⅻ, ⅰ…ⅻ: one character each
)
_PAGE_NUMBER = regex.compile(
    rf"^{_S}(?P<pre>[-－‐―]{_S}|(?i:p(?:age)?|ｐ){_S}[.．]?{_S}|[(（]{_S})?"
    rf"(?P<n>[0-9０-９]{{1,4}}|{_ROMAN})"
    rf"(?P<post>{_S}[/／]{_S}[0-9０-９]{{1,4}}(?:{_S}[-－‐―])?|{_S}[-－‐―]|{_S}[)）]"
    rf"|{_S}(?:ページ|頁))?{_S}$"
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


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
_ONE_OF_SEVERAL = 0.4  # of the text: the least the longest run may span alone
# Most non-blank lines a page of pdfium's or pdfplumber's text holds (the renditions: 38 to
# 73; pdftotext's default mode, a grid's cells a line each, up to 188).
_MAX_PAGE_LINES = 120
# Digits that start (or end) lines are many: a run of them is taken for glued page numbers
# only with this many numbers and at most a tenth of its steps irregular, skipping a number or
# longer than a page (a number the run missed: LibreOffice's 111 pages by pdfium, 1 step; lines
# that happen to start with rising digits: a Chromium print, 5 of 7; the defects' text, 1 of 2).
_MIN_GLUED_RUN = 5
_IRREGULAR_SHARE = 0.1
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
# Digits at a line's start, glued to what follows (``55193か国``: page 55, 193か国), ASCII
# or full-width (``２８－``: page ２８ and 3-5's 中期目標値 －).
_LEADING_DIGITS = regex.compile(r"^[\s\u3000]*(?P<d>[0-9]{1,4}|[０-９]{1,4})(?=\S)")
# … and at its end, run onto what precedes them (``2,2592``: 2,259, page 2).
# A number's thousands separator or decimal point with digits after it (2,632; 3.7).
_SEPARATOR_AFTER = regex.compile(r"[,.，．][0-9０-９]")
# The digits that end a line and what stands before them (3,055 → "3," and "055").
_NUMBER_END = regex.compile(r"(?P<before>[0-9０-９][,.，．])?(?P<group>[0-9]+|[０-９]+)$")
_TRAILING_DIGITS = regex.compile(r"(?<=\S)(?P<d>[0-9]{1,4}|[０-９]{1,4})[\s\u3000]*$")


def page_number_form(text: str) -> str:
    """A page number's form: its digits' width (a roman numeral as ``i``) and what stands
    beside them."""
    core = SPACE_RUN.sub("", text)
    m = _PAGE_NUMBER.match(text)
    if m is not None and not m["n"][0].isdigit():
        core = core.replace(m["n"], "i")
    return _DIGITS.sub(lambda d: "0" if d[0].isascii() else "０", core)  # 8/37, 9/37: one form


def page_number_like(text: str) -> int | None:
    """The number of a line that is only a number as page numbers are printed, else None."""
    m = _PAGE_NUMBER.match(text)
    if m is None:
        return None
    opened = (m["pre"] or "").strip()[:1] in ("(", "（")
    closed = (m["post"] or "").strip()[-1:] in (")", "）")
    return _number(m["n"]) if opened == closed else None


def _number(numeral: str) -> int | None:
    """An Arabic (ASCII or full-width) or roman numeral's value."""
    if numeral[0].isdigit():
        return int(numeral)  # int() reads full-width digits too
    if "\u2160" <= numeral <= "\u217b":
        return (ord(numeral) - 0x2160) % 16 + 1
    values = [_ROMAN_VALUES[c] for c in numeral.lower()]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


@dataclass(frozen=True)
class _Candidate:
    at: int  # index among the non-blank lines
    number: int
    form: str  # how it is printed: ``1``, ``１``, ``-1-`` all differ (see page_number_form)


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


def _plausible(run: list[_Candidate], total: int, share: float = _MIN_SPAN) -> bool:
    """A run of page numbers: ``_MIN_RUN`` numbers (two where the second is the text's last
    line, the foot of an excerpt's last page), pages of ``_MIN_PAGE_LINES`` lines on the
    median, spanning (with the first page, which ends at the first number) ``share`` of the
    text (half)."""
    if len(run) < 2 or (len(run) < _MIN_RUN and run[-1].at != total - 1):
        return False
    return _page_lines(run) >= _MIN_PAGE_LINES and _span(run) >= share * total


def _page_lines(run: list[_Candidate]) -> float:
    """The median page of a run, in non-blank lines."""
    gaps = sorted((b.at - a.at) / (b.number - a.number) for a, b in pairwise(run))
    return gaps[len(gaps) // 2]


def _irregular(run: list[_Candidate]) -> int:
    """How many steps of a run skip a number or hold more lines than a printed page can."""
    return sum(
        1
        for a, b in pairwise(run)
        if b.number - a.number > 1 or b.at - a.at > _MAX_PAGE_LINES * (b.number - a.number)
    )


def _span(run: list[_Candidate]) -> float:
    """The lines a run's pages hold: from its first page's start to its last number."""
    return run[-1].at - run[0].at + _page_lines(run)


def _runs(cands: list[_Candidate], total: int) -> list[list[_Candidate]]:
    """The runs of page numbers, each a document's (a concatenated input numbers anew)."""
    forms = sorted({c.form for c in cands})
    run = max((_best_run([c for c in cands if c.form == f]) for f in forms), key=len, default=[])
    # One report of several may span less than half the text (two reports of one length,
    # ``cat``: a breaker's trial, where no run was found and a page number 8 was read as a
    # 参考指標's value); all runs together still must (``covered``).
    if not _plausible(run, total, _ONE_OF_SEVERAL):
        return []
    first, last = run[0].at, run[-1].at
    out = [run]
    for side in ([c for c in cands if c.at < first], [c for c in cands if c.at > last]):
        out += _runs(side, 0)
    covered = sum(_span(r) for r in out)
    return sorted(out, key=lambda r: r[0].at) if covered >= _MIN_SPAN * total else []


def _footer_first(texts: list[str], runs: list[list[_Candidate]]) -> bool:
    """Whether the extractor reads each page's footer first (pdfium, where the content stream
    draws it first): that leaves a whole page after the text's last number; read last, next
    to nothing. One extractor reads every page so."""
    return len(texts) - runs[-1][-1].at > _page_lines(runs[-1]) / 2


def _breaks(texts: list[str], runs: list[list[_Candidate]]) -> set[int]:
    """Indices (among the non-blank lines) that start a page: after each page number (before
    it where the extractor reads the footer first), and at a report's title before a run's
    first number (an unnumbered sheet before it)."""
    first = _footer_first(texts, runs)
    starts = {c.at if first else c.at + 1 for run in runs for c in run}
    for run in runs:
        last = max((c.at + 1 for r in runs for c in r if c.at < run[0].at), default=0)
        for i in range(last, run[0].at):
            if _REPORT_TITLE.match(SPACE_RUN.sub("", texts[i])) and i - last >= _MIN_STEP:
                starts.add(i)
                last = i
    return {i for i in starts if 0 < i < len(texts)}


def _number_runs(lines: list[Line]) -> tuple[list[Line], list[list[_Candidate]]]:
    """The non-blank lines and the runs of page numbers among them."""
    content = [ln for ln in lines if ln.text.strip()]
    texts = [ln.text for ln in content]
    cands = [
        _Candidate(i, n, page_number_form(t))
        for i, t in enumerate(texts)
        if (n := page_number_like(t))
    ]  # no page is numbered 0: a lone 0 is a cell's
    return content, _runs(cands, len(texts))


def _glued_numbers(content: list[Line]) -> dict[int, int]:
    """Page numbers run into a neighbouring line: ``{index among content: width}``, the
    width negative for a number at the line's end.

    pdfium's and pdfplumber's page texts end without a line end, so pages joined with ``""``
    run each page's number into the next page's first line where the number is the page's
    last (``210－３``: page 2's number and 測定指標10－３; a breaker's trial read a measure
    ``210-3`` and a page number as 3-5's 中期目標値), or onto the previous page's last line
    where the extractor reads the footer first (``2,2592``: 2,259 and page 2). Each line
    offers every prefix of the ASCII digits it starts with and every suffix of those it ends
    with (``2``, ``21``, ``210``); the run of page numbers, rising by one a page's worth of
    lines apart through the text, decides which, as for numbers on lines of their own."""
    lone: dict[int, list[int]] = {}
    cands: list[_Candidate] = []
    for i, ln in enumerate(content):
        if (n := page_number_like(ln.text)) is not None:
            cands.append(_Candidate(i, n, page_number_form(ln.text)))
            lone.setdefault(n, []).append(i)
    # One extractor reads every page so: the numbers are all at lines' starts or all at ends.
    sides = [_glued_run(content, cands, side) for side in (_LEADING_DIGITS, _TRAILING_DIGITS)]
    runs, width = max(sides, key=lambda side: sum(len(run) for run in side[0]))
    glued: dict[int, int] = {}
    for run in runs:
        for k, c in enumerate(run):
            low = run[k - 1].at if k else -1
            high = run[k + 1].at if k + 1 < len(run) else len(content)
            # The number on a line of its own in the same place wins (the first page's, where
            # the footer is read first: nothing before it to run into).
            alone = any(low < a < high for a in lone.get(c.number, []))
            if (c.at, c.number) in width and not alone:
                glued[c.at] = width[(c.at, c.number)]
    return glued


def _glued_run(
    content: list[Line], lone: list[_Candidate], side: regex.Pattern[str]
) -> tuple[list[list[_Candidate]], dict[tuple[int, int], int]]:
    """The runs of page numbers among ``lone`` numbers and those glued on ``side`` of a line,
    and the width of each glued one (negative at the line's end)."""
    cands = list(lone)
    width: dict[tuple[int, int], int] = {}
    sign = 1 if side is _LEADING_DIGITS else -1
    for i, ln in enumerate(content):
        m = side.search(ln.text) if page_number_like(ln.text) is None else None
        digits = m["d"] if m else ""
        for k in range(1, len(digits) + 1):
            part = digits[:k] if sign > 0 else digits[-k:]
            if not part.startswith(("0", "０")) and _may_cut(ln.text, m, sign * k):
                width[(i, int(part))] = sign * k
                cands.append(_Candidate(i, int(part), "0"))
    runs = _runs(sorted(cands, key=lambda c: c.at), len(content))
    if not runs or any(
        len(run) < _MIN_GLUED_RUN or _irregular(run) > _IRREGULAR_SHARE * len(run) for run in runs
    ):
        return [], {}  # lines with rising digits here and there: no pages
    return runs, width


def _may_cut(text: str, m: regex.Match[str], width: int) -> bool:
    """Whether a page number ``width`` digits wide (negative: at the end) may be cut from
    ``text`` where ``m`` found its digits: never from inside a number. At a line's start no
    separator follows it (``2,632`` holds no page 2); at its end, a group after a thousands
    separator keeps its three digits (``2,2592``: 2,259 and page 2; ``3,055`` holds no page)
    and decimals are never cut (``80.22`` may be 80.2 and page 2, or 80.22: not told)."""
    if width > 0:
        return not _SEPARATOR_AFTER.match(text, m.start("d") + width)
    end = _NUMBER_END.search(text[: m.end("d")])
    if end is None or not end["before"]:
        return True
    return end["before"][-1] in ",，" and len(end["group"]) + width == 3


def _unglue(lines: list[Line], glued: dict[int, int]) -> list[Line]:
    """``lines`` with each glued page number on a line of its own, before or after what it
    was run into (the same line number; the text keeps its ``Line``)."""
    content = [ln for ln in lines if ln.text.strip()]
    at = {id(content[i]): width for i, width in glued.items()}
    out: list[Line] = []
    for ln in lines:
        width = at.get(id(ln), 0)
        if width > 0:
            lead = len(ln.text) - len(ln.text.lstrip())
            out.append(Line(no=ln.no, page=ln.page, text=ln.text[: lead + width]))
            ln.text = ln.text[lead + width :]
        out.append(ln)
        if width < 0:
            core = ln.text.rstrip()
            out.append(Line(no=ln.no, page=ln.page, text=core[width:]))
            ln.text = core[:width]
    return out


def _split_marked(
    lines: list[Line], content: list[Line], runs: list[list[_Candidate]]
) -> list[Line]:
    """Pages of a text with form feeds on some pages only (an extractor's pages joined by a
    script that wrote some form feeds, a text cut and pasted together): a marked page that
    holds two or more numbers of the run of printed page numbers holds as many pages, and
    is split at each number but its last (its first, where the footer is read first), as a
    text without form feeds is (a breaker's trial: every value after the last form feed was
    put on page 6 of 111). A page marked with its one number is left as marked."""
    if not runs:
        return lines
    first = _footer_first([ln.text for ln in content], runs)
    by_page: dict[int | None, list[_Candidate]] = {}
    for c in sorted((c for run in runs for c in run), key=lambda c: c.at):
        by_page.setdefault(content[c.at].page, []).append(c)
    sizes = Counter(ln.page for ln in content)
    long = _MERGED_SHARE * sorted(sizes.values())[len(sizes) // 2]
    starts = {
        id(content[c.at if first else c.at + 1])
        for page, cands in by_page.items()
        if len(cands) >= 2 and (sizes[page] >= long or _pages_lost(by_page, page))
        for c in (cands[1:] if first else cands[:-1])
    }
    if not starts:
        return lines
    page, marked = 0, None
    for ln in lines:
        if ln.page != marked or id(ln) in starts:
            page += 1
        marked = ln.page
        ln.page = page
    return lines


# A marked page this many times the median marked page's lines is two pages at least (a
# page of the run's numbers is split where it is this long, or its numbers outnumber pages).
_MERGED_SHARE = 1.5


def _pages_lost(by_page: dict[int | None, list[_Candidate]], page: int | None) -> bool:
    """Whether the run's numbers on marked ``page`` (two or more) stand for pages whose form
    feeds were lost: the numbers from the last one before it to the first one after it
    outnumber the marked pages there. Where they do not, and the page is no longer than a
    page, a number of the run is a value that reads as one (pdftotext's default mode,
    LibreOffice, kiloji D, small type: page 21's ``20`` printed among 3-4's cells, and 3-5's
    value ``20`` on page 22 above its ``21``; held-out set 21), and the page stays whole.
    ``_split_marked`` splits a page ``_MERGED_SHARE`` times the median whatever the count
    says (a breaker's trial: the same text, the form feed before page 19 taken out, the run
    taking 3-5's ``20`` for page 20's)."""
    if page is None:
        return False
    before = [p for p in by_page if p is not None and p < page]
    after = [p for p in by_page if p is not None and p > page]
    if not before or not after:
        return True
    low, high = max(before), min(after)
    numbers = by_page[high][0].number - by_page[low][-1].number - 1
    return numbers > high - low - 1


# A marked page this many times the median marked page and over twice the most lines a
# printed page holds is several pages whose form feeds were lost (the renditions' longest
# page, pdftotext's default mode of a Chromium print: 188 non-blank lines, 2.3 times the median).
_OVERLONG_SHARE = 3


def overlong_pages(lines: list[Line]) -> list[tuple[Line, int]]:
    """The first line and the line count of each marked page too long to be one page: its
    form feeds were lost and no page numbers showed where (``infer_pages`` split what they
    showed). Locations on and after such a page may name an earlier page than the paper's."""
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.page is not None and ln.text.strip():
            pages.setdefault(ln.page, []).append(ln)
    sizes = sorted(len(page) for page in pages.values())
    if len(sizes) < 2:
        return []
    limit = max(2 * _MAX_PAGE_LINES, _OVERLONG_SHARE * sizes[len(sizes) // 2])
    return [(page[0], len(page)) for page in pages.values() if len(page) > limit]


def paragraph_marks(texts: list[str]) -> bool:
    """Whether trailing spaces mark paragraph ends in ``texts`` (non-blank lines): a word
    processor's text, as the corpus text; an extractor's keeps a wrap's space at most."""
    return sum(1 for t in texts if t != t.rstrip()) >= _PARAGRAPH_MARK_SHARE * len(texts)


# pdfium ends each line of a page's text with CRLF (``FPDFText_GetText``) and the page's last
# line with nothing; a script that joins the pages with ``"\n"`` (the usual ``"\n".join``)
# leaves a bare LF where each page ends (the matrix's pdfium-noff texts). Such LFs are page
# marks as good as form feeds, where every other line ends in CRLF and the pages they make
# are a printed page's length: none longer than two printed pages (a CRLF text with a stray
# LF is no such text: a breaker's trial), blank lines between two LFs one break (``"\n\n"``).
_BARE_LF_LIMIT = 0.25  # of the pages' count: other line ends a text may have


def joined_page_ends(text: str) -> set[int]:
    """The 0-based indices (in the lines ``vocab.LINE_BREAK`` splits ``text`` into) of the
    lines that end a page of pdfium's CRLF texts joined by bare LFs; empty for any other
    text (form feeds, one kind of line end, pages too short or too long to be pages)."""
    if "\f" in text or "\r\n" not in text:
        return set()
    breaks = list(LINE_BREAK.finditer(text))
    bare = [i for i, m in enumerate(breaks) if m.group() == "\n"]
    others = sum(1 for m in breaks if m.group() not in ("\n", "\r\n"))
    if not bare or others > _BARE_LF_LIMIT * len(bare):
        return set()
    lines = LINE_BREAK.split(text)
    ends: list[int] = []
    for i in bare:  # the first LF of a run with blank lines only between
        if not ends or any(lines[k].strip() for k in range(ends[-1] + 1, i + 1)):
            ends.append(i)
    sizes = [b - a for a, b in pairwise([-1, *ends, len(lines) - 1])]
    ordered = sorted(sizes)
    if ordered[len(ordered) // 2] < _MIN_PAGE_LINES or ordered[-1] > 2 * _MAX_PAGE_LINES:
        return set()
    return set(ends)


#: What ``infer_pages`` found: pages marked by form feeds, inferred from page numbers, none to
#: find in a text that should have them (long; read as one page whose breaks are unknown), or
#: none needed (a short text; a word processor's text, its paragraphs marked by trailing spaces).
MARKED, INFERRED, UNKNOWN, NONE = "marked", "inferred", "unknown", "none"


def infer_pages(lines: list[Line]) -> tuple[list[Line], str]:
    """Give ``lines`` of a text without form feeds (or with some lost) the pages its printed
    numbers show, page numbers glued to a line split off onto lines of their own.

    Returns the lines (the same objects, ``Line.page`` set 1-based, and a new one for each
    glued page number split off) and what was found
    (``MARKED``, ``INFERRED``, ``UNKNOWN``, ``NONE``). ``UNKNOWN``: an extractor's text (no
    paragraph marks) long enough to have pages and no run of page numbers: every line is put
    on page 1, so the rules for extractor text apply and none assumes a page break; the
    caller warns ``no_page_breaks`` and gives its locations no page. ``NONE`` leaves the
    pages None (the corpus text: the rules fitted to it)."""
    content, runs = _number_runs(lines)
    # Glued numbers are looked for where pages may be joined unmarked, and in marked text
    # too: a page's text may start with its number run into its first line (``510－４``:
    # page 5 and 10－４, the form feed kept, a breaker's trial).
    if not runs and (glued := _glued_numbers(content)):
        lines = _unglue(lines, glued)
        content, runs = _number_runs(lines)
    texts = [ln.text for ln in content]
    if any(ln.page is not None for ln in lines):
        return _split_marked(lines, content, runs), MARKED
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

"""Pipeline stage 2: normalise lines and drop page furniture.

Each kept line gets a ``key``: NFKC-folded (full-width digits and letters to ASCII,
``－`` to ``-``), with every space removed, so that ``個別分野 10`` and ``個別分野１０``
or ``平成 30 年度`` and ``平成30年度`` look the same to the segmenter. The line's
``text`` is left as extracted: values keep the report's own characters.

Dropped furniture (blank lines, stray page numbers, labels printed vertically one
character per line) is reported, never silently lost.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

import regex

from hyoka_parse.diagnostics import UNMAPPED_GLYPHS, Diagnostics
from hyoka_parse.errors import InputError
from hyoka_parse.models import Location
from hyoka_parse.source import Line, SourceDoc
from hyoka_parse.vocab import DASH_TO_HYPHEN, ERA_NAMES, SPACE_RUN, count_unmapped

_LONG_VOWEL_BETWEEN_DIGITS = regex.compile(r"(?<=\d)ー(?=\d)")
_PAGE_NUMBER = regex.compile(r"^\s*(?:-\s*)?(\d{1,4})(?:\s*-)?\s*$")
# Where a new document (a 別紙 sheet or a report) starts in a concatenated input.
_DOCUMENT_START = regex.compile(
    rf"^(?:別紙|【政策ごとの予算額】|(?:{ERA_NAMES})(?:元|\d+)年度政策評価書$)"
)
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


# Memoised: a cell's text is folded again by every rule that looks at it (labels, values,
# page breaks), and NFKC costs about 0.2 µs a character of Japanese text.
@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """NFKC-fold ``text``, keeping spaces."""
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=8192)
def make_key(text: str) -> str:
    """The heading-detection key: folded, no spaces, dashes as ``-``.

    The long vowel mark ``ー`` is folded to ``-`` only between digits, so that
    ``１ー１`` matches while katakana words keep their ``ー``.
    """
    key = SPACE_RUN.sub("", fold(text)).translate(DASH_TO_HYPHEN)
    return _LONG_VOWEL_BETWEEN_DIGITS.sub("-", key)


def check_glyphs(doc: SourceDoc, diag: Diagnostics) -> None:
    """Warn (``unmapped_glyphs``, with the count and pages) about glyphs that have no Unicode
    mapping, which the source folded to U+FFFD; their lines are kept, so the structure
    stays where headings survive.

    Raises InputError when half or more of the text is such glyphs: the text layer cannot
    be decoded (pdfminer.six issues #130, #368), and only OCR can read the page.
    """
    per_page: Counter[int | None] = Counter()
    total = 0
    for line in doc.lines:
        total += len(SPACE_RUN.sub("", line.text))
        if n := count_unmapped(line.text):
            per_page[line.page] += n
    unmapped = sum(per_page.values())
    if not unmapped:
        return
    if unmapped * 2 >= total:
        raise InputError(
            f"{doc.path}: the text cannot be decoded ({unmapped} of {total} glyphs have no "
            "Unicode mapping in their font)",
            "run OCR on it (for example ocrmypdf --force-ocr -l jpn) and parse the result",
        )
    pages = sorted(p for p in per_page if p is not None)
    where = f" on page(s) {', '.join(map(str, pages))}" if pages else ""
    message = f"{unmapped} glyph(s) have no Unicode mapping{where}; they read as \ufffd"
    diag.warn(UNMAPPED_GLYPHS, message, Location(page=pages[0] if pages else None))


def is_vertical_fragment(line: Line) -> bool:
    """A line of at most two characters with at most one CJK letter (評, 果(, １))."""
    stripped = line.text.strip()
    return 0 < len(stripped) <= 2 and len(_CJK.findall(stripped)) <= 1


def normalize(
    lines: Iterable[Line], unknown_pages: bool = False
) -> tuple[list[Line], list[tuple[str, Line, str]]]:
    """Return the content lines (with keys) and the dropped furniture ``(kind, line, text)``.

    ``unknown_pages``: the text was read as one page whose breaks are unknown
    (``SourceDoc.unknown_pages``): its stray page numbers are told as in a text without pages."""
    content: list[Line] = []
    furniture: list[tuple[str, Line, str]] = []
    last_page_number = 0
    for line in lines:
        if not line.text.strip():
            continue
        number = _PAGE_NUMBER.match(fold(line.text))
        # A lone number is a page number only while numbers keep growing: a table cell
        # holding one number would break that run. Text with pages (form feeds) has its
        # page numbers taken by the page structure (layout.text_furniture); one read as one
        # page whose breaks are unknown has none to take them by (layout.text_pages).
        if (
            number
            and (line.page is None or unknown_pages)
            and int(number.group(1)) > last_page_number
            and line.text.strip().isascii()
        ):
            last_page_number = int(number.group(1))
            furniture.append(("page_number", line, line.text.strip()))
            continue
        line.key = make_key(line.text)
        if _DOCUMENT_START.match(line.key):
            last_page_number = 0  # a new document numbers its pages anew
        content.append(line)
    return _drop_vertical_labels(content, furniture)


def _label_end(run: list[Line]) -> int:
    """How many of a run's fragments may be a label's: up to the first value a narrow grid
    cell wrapped one piece a line (``10`` / ``回``, ``４`` / ``回``: a number, then the unit
    that makes it a value). A label holds no value; the grid's values stay (LibreOffice,
    IPAGothic, small type: 5-4's 10 回 … and its rating ｂ, after its header words one
    character a line, were dropped as a label in -raw and pdfium; held-out set 12)."""
    from hyoka_parse.values import parse_value  # values imports this module

    for k, (a, b) in enumerate(pairwise(run)):
        head, tail = a.text.strip(), b.text.strip()
        if not any(c.isdigit() for c in head) or any(c.isdigit() for c in tail):
            continue
        value = parse_value(head + tail)
        if value.value is not None and value.unit is not None:
            return k
    return len(run)


def _drop_vertical_labels(
    lines: list[Line], furniture: list[tuple[str, Line, str]]
) -> tuple[list[Line], list[tuple[str, Line, str]]]:
    """Drop runs of fragments with three or more CJK letters, one per line.

    Word renders a narrow label cell (評価結果, 達成手段 …) as one character per line; no
    sentence of the report is ever printed that way.
    """
    kept: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and is_vertical_fragment(lines[j]):
            j += 1
        run = lines[i : i + _label_end(lines[i:j])]
        text = "".join(x.text.strip() for x in run)
        if len(_CJK.findall(text)) >= 3:
            furniture.append(("vertical_label", run[0], text))
            kept.extend(lines[i + len(run) : j])  # a grid's values after its header words
            i = j
            continue
        run = lines[i:j]
        if run:
            kept.extend(run)
            i = j
        else:
            kept.append(lines[i])
            i += 1
    return kept, furniture

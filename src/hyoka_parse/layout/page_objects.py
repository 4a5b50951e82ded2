"""What a PDF engine gives the layout model: one page's visible characters and table rules.

Two engines read a PDF into ``PageObjects`` (``engine_pdfium``: the default, fast;
``engine_pdfplumber``: the reference, and what ``debug`` draws with). Each normalises its
boxes to one convention here, so nothing above this module knows which engine ran:

- coordinates in PDF points from the page's top left (pdfplumber's ``top``/``bottom``);
- a character's box is pdfminer's across (from its origin to origin + advance); up, an
  upright character's box is its baseline's (``on_baseline``): ``BASELINE_DESCENT`` font
  sizes below the baseline to one font size above that. Font metrics are not used there:
  pdfium measures a glyph where a FontDescriptor says /Descent 0 (as LibreOffice writes
  it) and pdfminer takes the 0, so the two engines' descents differ; their baselines do
  not. pdfium's own glyph boxes sit some 1.9 pt lower at the top (issue 12);
- characters are those a reader of the printed page sees (``pdf_clean``), in painting
  order, as ``Char`` records (pdfplumber's char dict's fields: ``text``, ``x0``, ``x1``,
  ``top``, ``bottom``, ``size``, ``y0``, ``y1``, ``fontname``, ``upright``, ``matrix``
  (a, b, c, d, e, f with e, f the origin) and ``non_stroking_color``);
- rules are edge dicts as pdfplumber's table finder takes them (``pdf_clean.rule_edges``).

An engine module offers ``open_document(data, path, max_pages) -> Document`` (raises
``InputError`` for a file it cannot open) and ``Document.read(index) -> PageObjects``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from hyoka_parse.layout.model import Box  # x0, top, x1, bottom in points from the page top

Dropped = tuple[str, str, Box]  # furniture kind, text, where

ENGINES = ("pdfium", "pdfplumber")
# Below the baseline, in font sizes: the ideographic em box of Japanese fonts (MS Mincho's
# descent is 141/1000, IPAMincho's 120/1000), so that a box's centre is a glyph's.
BASELINE_DESCENT = -0.12
DEFAULT_ENGINE = "pdfium"


@dataclass(slots=True)
class Char:
    """One character as printed, as both engines give it (pdfplumber's char dict's fields,
    see the module docstring). A record with slots, not a dict: a page has thousands, each
    made once and read by every pass over the page. Issue 12, measured on Python 3.11: a
    field is read in half a dict lookup's time, the record takes 128 bytes where the 12-key
    dict took 464, and laying out the 149-page rendition's characters took a fifth less."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    y0: float = 0.0  # y up, from the page's bottom
    y1: float = 0.0
    fontname: str = ""
    upright: bool = True
    matrix: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    non_stroking_color: Any = None  # as pdfplumber gives it: a tuple, a list, a name


@dataclass(slots=True)
class PageObjects:
    """One page as printed: ``number`` (1-based), its size and boxes (the page turned
    upright when its text ran sideways), visible ``chars``, table ``rules``, what was
    ``dropped`` (furniture kind, text, box) and ``warnings`` (code, message)."""

    number: int
    width: float
    height: float
    bbox: Box  # the MediaBox, top-based: where a rule "across the page" runs
    cropbox: Box
    chars: list[Char]
    rules: list[dict]
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


class Document(Protocol):
    """An open PDF: ``pages`` (the page count), ``read(index)`` (0-based) → PageObjects,
    ``close()``."""

    pages: int

    def read(self, index: int) -> PageObjects: ...

    def close(self) -> None: ...


def on_baseline(char: Char) -> Char:
    """Set the vertical box of an upright character (matrix ``(a, 0, 0, d, e, f)``, a and
    d > 0; ``f`` its baseline, y up) to ``BASELINE_DESCENT`` font sizes below the baseline
    up to one font size above that; its height (``y1 - y0``) is its size. Others are left
    as they are. Returns ``char``."""
    a, b, c, d, _, f = char.matrix
    if b or c or a <= 0 or d <= 0:
        return char
    shift = f + BASELINE_DESCENT * (char.y1 - char.y0) - char.y0
    char.y0 += shift
    char.y1 += shift
    char.top -= shift
    char.bottom -= shift
    return char


def centre_y(matrix: tuple, y0: float, y1: float) -> float:
    """The height (y up) of the centre of a character's box as ``on_baseline`` sets it,
    from its ``matrix`` and its box (``y0``, ``y1``) as the engine gave it."""
    a, b, c, d, _, f = matrix
    if b or c or a <= 0 or d <= 0:
        return (y0 + y1) / 2
    return f + (BASELINE_DESCENT + 0.5) * (y1 - y0)


def levelled(objects: PageObjects) -> PageObjects:
    """The page with its box's top at 0, as the readers expect (a page number is found in
    the page's bottom tenth, a table reaches the foot of the page …). A MediaBox that does
    not start at y = 0 (``[0 50 595 892]``) gives both engines, as pdfplumber does, tops
    measured from y = 0 (the box's top at -50): the rest of the page moved that far.
    The objects are copied, never changed: ``objects`` is returned when its top is 0."""
    dy = objects.bbox[1]
    if not dy:
        return objects

    def moved(d: dict) -> dict:
        return {**d, **{k: d[k] - dy for k in ("top", "bottom") if k in d}}

    def lowered(c: Char) -> Char:
        return replace(c, top=c.top - dy, bottom=c.bottom - dy)

    def box(b: Box) -> Box:
        return (b[0], b[1] - dy, b[2], b[3] - dy)

    return replace(
        objects,
        bbox=box(objects.bbox),
        cropbox=box(objects.cropbox),
        chars=[lowered(c) for c in objects.chars],
        rules=[moved(r) for r in objects.rules],
        dropped=[(kind, text, box(b)) for kind, text, b in objects.dropped],
    )

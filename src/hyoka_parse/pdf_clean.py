"""PDF-level defects: what a PDF holds but does not show, shown twice, or draws otherwise.

pdfplumber reports every glyph and path of a page, painted or not; public bug reports
describe what that does to extracted text and tables. This module's pure functions over
the engines' ``Char`` records and path dicts turn a page into what a reader of the printed
page sees; each engine (``layout/engine_pdfium.py``, ``layout/engine_pdfplumber.py``)
calls them before the layout model reads lines and cells:

- *fake bold* (pdfplumber issues #71, #992, #1155): a glyph painted two or four times with
  an offset of a fraction of a point. Copies of the same glyph whose boxes overlap almost
  wholly are one character (``merge_overprints``), whatever the rounding of the offset.
- *invisible text*: render mode 3 or 7 (pdfplumber issue #1230, pdfminer.six #781) beside
  visible text (a page whose text is all invisible is a scan with an OCR layer, the only
  text there is: kept, and ``no_table_rules`` says its tables cannot be read), a fill
  colour equal to the background under it (pdfplumber issue #208, white text on white
  paper), and anything outside the CropBox (pdfminer.six issue #667) is not on the page.
- *clipped text* (pdfminer.six issue #414, pull request #1026): Excel and Word clip a cell's
  overflowing text; glyphs whose centre lies outside the clip path in force are hidden.
  pdfminer ignores ``W``/``W*``, so the pdfplumber engine lays the page out with an
  interpreter that keeps the clip path's bounding box through ``q``/``Q`` and into form
  XObjects (cut to their /BBox); pdfium keeps the clip path of each object. The limit: a
  clip path is taken as its bounding box (exact for the rectangles office suites write,
  too generous for a curved or even-odd clip), and text painted over by a later opaque
  object is not detected.
- *invisible rules*: white lines and rectangles (pdfplumber issue #80: "lines that are not
  visible, the same colour as the background"), and filled rectangles of zero width or
  height, which paint nothing. A stroked line of width 0 is kept: PDF paints it as the
  thinnest line the device can show.
- *pages turned* (pdfplumber issue #848, tabula #781): a landscape sheet printed sideways on
  a portrait page without /Rotate; pdfplumber gives its text as not upright, one glyph a
  line. When most of a page's text runs sideways the page is read turned upright.
- *rules drawn otherwise* (pdfplumber issue #382): dotted borders as rows of tiny squares,
  dashed lines as rows of short segments, borders as thin filled rectangles become one
  rule each for the table finder. Double lines (two rules a point or two apart) and dash
  patterns (the ``d`` operator) need nothing: the table finder snaps and joins them.

Every dropped glyph is reported as page furniture (kind ``invisible_text``,
``clipped_text`` or ``outside_cropbox``), never silently lost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from math import isfinite
from typing import Any

from hyoka_parse.layout.page_objects import Box, Char, Dropped
from hyoka_parse.layout.table_finder import filter_edges, obj_to_edges

OVERPRINT = 0.7  # copies of a glyph overlapping by this share of their box are one glyph
COLOUR_TOLERANCE = 0.02  # per RGB component, 0–1
DOT = 2.0  # a dot of a dotted border: at most this many points each way
DASH = 6.0  # a dash of a dashed border: at most this long (and DOT thick)
DOT_GAP = 4.0  # the largest gap between the dots or dashes of one rule
MIN_RUN = 3  # dots in a row that make a rule
THIN = 2.0  # a filled rectangle at most this thick (and 3× as long) is a rule
SIDEWAYS = 0.8  # the share of a page's glyphs running sideways that turns the page
INVISIBLE_RENDER_MODES = frozenset({3, 7})  # neither fill nor stroke (7: clip only)
WHITE = (1.0, 1.0, 1.0)


# --- pure functions over pdfplumber's object dicts ---


def _union(boxes: Iterable[Box]) -> Box:
    bs = list(boxes)
    return (
        min(b[0] for b in bs),
        min(b[1] for b in bs),
        max(b[2] for b in bs),
        max(b[3] for b in bs),
    )


def merge_overprints(chars: list[Char]) -> list[Char]:
    """Keep one of each set of copies of a glyph painted over itself (fake bold).

    Two characters are copies when their text is the same and their boxes overlap by
    ``OVERPRINT`` of their area or more: offsets of 0.001–0.3 pt in any direction, two or
    four copies, whatever the rounding. ``chars`` are ``Char`` records; the first copy
    (in painting order) is kept, order is preserved.

    A glyph is compared with the kept glyphs of the same text whose top-left corner lies in
    its own or a neighbouring 4-pt cell (found by text, then by row of cells), so the pass
    is linear in glyphs.
    """
    kept: list[Char] = []
    keep = kept.append
    # Rows hold the glyphs alone (their cell across is worked out again when a glyph
    # near them is looked at): one object fewer per glyph for the collector (issue 12).
    by_text: dict[str, dict[int, list[Char]]] = {}
    for c in chars:  # every glyph of the page: as few steps as can be (issue 12)
        gx, gy = int(c.x0 // 4), int(c.top // 4)
        text = c.text
        rows = by_text.get(text)
        if rows is None:
            by_text[text] = {gy: [c]}
            keep(c)
            continue
        row = rows.get(gy)
        if (row is not None or gy - 1 in rows or gy + 1 in rows) and _overprinted(
            c, gx, gy, rows
        ):
            continue
        if row is None:
            rows[gy] = [c]
        else:
            row.append(c)
        keep(c)
    return kept


def _overprinted(c: Char, gx: int, gy: int, rows: dict[int, list[Char]]) -> bool:
    """Whether a glyph kept in the 3 × 3 cells around (gx, gy) overlaps ``c`` by
    ``OVERPRINT`` of the smaller box or more (each side counted as at least 1 pt)."""
    x0, top, x1, bottom = c.x0, c.top, c.x1, c.bottom
    area = 0.0  # of c's box, once a glyph near it is found
    for row in (rows.get(gy - 1), rows.get(gy), rows.get(gy + 1)):
        for k in row or ():
            if not -1 <= int(k.x0 // 4) - gx <= 1:
                continue
            if not area:
                area = max(x1 - x0, 1.0) * max(bottom - top, 1.0)
            w = min(x1, k.x1) - max(x0, k.x0)
            h = min(bottom, k.bottom) - max(top, k.top)
            if w < 0 or h < 0:
                continue
            karea = max(k.x1 - k.x0, 1.0) * max(k.bottom - k.top, 1.0)
            if max(w, 1.0) * max(h, 1.0) / min(area, karea) >= OVERPRINT:
                return True
    return False


def rgb(colour: Any) -> tuple[float, float, float] | None:
    """A pdfplumber colour (gray, RGB or CMYK tuple, 0–1) as RGB; None when unknown
    (a pattern, a named separation, no colour)."""
    if not isinstance(colour, tuple | list) or not all(isinstance(v, int | float) for v in colour):
        return None
    if len(colour) == 1:
        return (float(colour[0]),) * 3  # type: ignore[return-value]
    if len(colour) == 3:
        return (float(colour[0]), float(colour[1]), float(colour[2]))
    if len(colour) == 4:
        c, m, y, k = (float(v) for v in colour)
        return (1 - min(1.0, c + k), 1 - min(1.0, m + k), 1 - min(1.0, y + k))
    return None


def _same_colour(a: tuple[float, float, float] | None, b: tuple[float, float, float]) -> bool:
    return a is not None and all(abs(x - y) <= COLOUR_TOLERANCE for x, y in zip(a, b, strict=True))


def _inside(x: float, y: float, box: Box, margin: float = 0.0) -> bool:
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin


def _centre(obj: dict) -> tuple[float, float]:
    return (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2


def background(x: float, y: float, fills: list[dict]) -> tuple[float, float, float]:
    """The colour under the point (x, y): the smallest filled rectangle holding it, or white
    paper. ``fills`` are pdfplumber rect dicts with ``fill`` set."""
    return _Fills(fills).background(x, y)


class _Fills:
    """Filled rectangles indexed by band of the page's height, so that the background
    under a glyph is looked for among the few rectangles that cross its band."""

    BAND = 16.0  # points

    def __init__(self, fills: list[dict]) -> None:
        self.bands: dict[int, list[tuple[int, dict]]] = defaultdict(list)
        self.wide: list[tuple[int, dict]] = []  # odd boxes (not finite, inverted, huge)
        for i, r in enumerate(fills):
            top, bottom = r["top"], r["bottom"]
            if not (isfinite(top) and isfinite(bottom) and 0 <= bottom - top <= 10_000):
                self.wide.append((i, r))
                continue
            for band in range(int(top // self.BAND), int(bottom // self.BAND) + 1):
                self.bands[band].append((i, r))

    def background(self, x: float, y: float) -> tuple[float, float, float]:
        near = self.bands.get(int(y // self.BAND), []) if isfinite(y) else []
        if self.wide:  # in painting order, as the first smallest one wins
            near = sorted([*near, *self.wide], key=lambda item: item[0])
        under = [r for _, r in near if _inside(x, y, (r["x0"], r["top"], r["x1"], r["bottom"]))]
        if not under:
            return WHITE
        smallest = min(under, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]))
        return rgb(smallest.get("non_stroking_color")) or WHITE


def visible_chars(
    chars: list[Char], rects: list[dict], crop: Box
) -> tuple[list[Char], list[Dropped]]:
    """Split characters into those a reader sees and the dropped furniture: a char
    whose centre is outside ``crop`` (the CropBox, top-based), or whose fill colour is the
    background's under it (white text on paper, or on a white cell)."""
    # Dots of a dotted border are no background for a glyph (and there may be thousands).
    fills = [
        r for r in rects if r.get("fill") and min(r["x1"] - r["x0"], r["bottom"] - r["top"]) > DOT
    ]
    index = _Fills(fills)
    # The colours a background can have: a glyph in none of them is seen wherever it is.
    shades = {WHITE} | {s for r in fills if (s := rgb(r.get("non_stroking_color"))) is not None}
    memo: dict[Any, bool] = {}
    left, top, right, bottom = crop[0] - 0.5, crop[1] - 0.5, crop[2] + 0.5, crop[3] + 0.5
    kept: list[Char] = []
    lost: dict[str, list[Char]] = defaultdict(list)
    for c in chars:
        x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        if not (left <= x <= right and top <= y <= bottom):
            lost["outside_cropbox"].append(c)
            continue
        colour = c.non_stroking_color
        try:
            maybe = memo[colour]
        except (KeyError, TypeError):  # not seen yet, or a colour given as a list
            maybe = _may_be_shade(colour, shades, memo)
        # A space is seen wherever it is (asked last: most glyphs are in no shade).
        if maybe and c.text.strip() and _same_colour(rgb(colour), index.background(x, y)):
            lost["invisible_text"].append(c)
        else:
            kept.append(c)
    dropped = [
        (kind, "".join(c.text for c in cs), _union((c.x0, c.top, c.x1, c.bottom) for c in cs))
        for kind, cs in sorted(lost.items())
    ]
    return kept, dropped


def _may_be_shade(colour: Any, shades: set[tuple[float, float, float]], memo: dict) -> bool:
    """Whether a glyph's fill colour is that of one of ``shades`` (memoised by colour)."""
    try:
        return memo[colour]
    except KeyError:
        pass
    except TypeError:  # a colour given as a list: not hashable
        return _in_shades(rgb(colour), shades)
    memo[colour] = found = _in_shades(rgb(colour), shades)
    return found


def _in_shades(colour: tuple[float, float, float] | None, shades: set) -> bool:
    return colour is not None and any(_same_colour(colour, s) for s in shades)


def painted(obj: dict) -> bool:
    """Whether a pdfplumber line, rect or curve leaves a mark: stroked in a colour that is
    not white, or filled (with some area) in a colour that is not white."""
    w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    stroked = obj.get("stroke", obj["object_type"] == "line") and not _same_colour(
        rgb(obj.get("stroking_color")), WHITE
    )
    filled = (
        obj.get("fill", False)
        and w > 0
        and h > 0
        and not _same_colour(rgb(obj.get("non_stroking_color")), WHITE)
    )
    return bool(stroked or filled)


def _edge(x0: float, top: float, x1: float, bottom: float, doctop_shift: float) -> dict:
    return {
        "object_type": "rule_edge",  # "_edge": pdfplumber takes it as it is
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top + doctop_shift,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": "h" if bottom == top else "v",
    }


def _runs(pieces: list[dict], horizontal: bool, shift: float, min_run: int) -> list[dict]:
    """Rows (or columns) of dots or dashes, each of ``min_run`` or more, as one rule."""
    along, across = ("x0", "x1"), ("top", "bottom")
    if not horizontal:
        along, across = across, along
    lines: dict[int, list[dict]] = defaultdict(list)
    for p in pieces:
        lines[round((p[across[0]] + p[across[1]]) / 2 * 2)].append(p)  # half-point rows
    rules = []
    for key, row in sorted(lines.items()):
        row.sort(key=lambda p: p[along[0]])
        run = [row[0]]
        for p in [*row[1:], None]:
            if p is not None and p[along[0]] - run[-1][along[1]] <= DOT_GAP:
                run.append(p)
                continue
            if len(run) >= min_run:
                # A dashed rule may stop a gap short of the corner: reach half over it.
                gaps = sorted(b[along[0]] - a[along[1]] for a, b in pairwise(run)) or [0.0]
                reach = max(0.0, gaps[len(gaps) // 2]) / 2
                mid, start = key / 2, run[0][along[0]] - reach
                end = max(q[along[1]] for q in run) + reach
                if horizontal:
                    rules.append(_edge(start, mid, end, mid, shift))
                else:
                    rules.append(_edge(mid, start, mid, end, shift))
            if p is not None:
                run = [p]
    return rules


def rule_edges(objects: list[dict], crop: Box) -> list[dict]:
    """The table rules among pdfplumber lines, rects and curves (``objects``): painted,
    inside ``crop``, with dotted and dashed rows and thin filled rectangles made one rule
    each. Returns edge dicts as pdfplumber's ``page.edges`` holds them (length ≥ 1 pt)."""
    rules: list[dict] = []
    dots: list[dict] = []
    dashes_h: list[dict] = []
    dashes_v: list[dict] = []
    shift = 0.0
    for obj in objects:
        if not painted(obj):
            continue
        x, y = _centre(obj)
        if not _inside(x, y, crop, 0.5):
            continue
        shift = obj.get("doctop", obj["top"]) - obj["top"]
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if w <= DOT and h <= DOT:
            dots.append(obj)
        elif h <= DOT and w <= DASH:
            dashes_h.append(obj)
        elif w <= DOT and h <= DASH:
            dashes_v.append(obj)
        elif obj["object_type"] == "rect" and obj.get("fill") and min(w, h) <= THIN:
            if h <= THIN and w >= 3 * h:
                rules.append(_edge(obj["x0"], y, obj["x1"], y, shift))
            elif w <= THIN and h >= 3 * w:
                rules.append(_edge(x, obj["top"], x, obj["bottom"], shift))
            else:
                rules.extend(obj_to_edges(obj))
        else:
            rules.extend(obj_to_edges(obj))
    # A dot alone is no rule; a dash alone is (pdfplumber would take it too).
    rules += _runs(dots, True, shift, MIN_RUN) + _runs(dots, False, shift, MIN_RUN)
    rules += _runs(dashes_h, True, shift, 1) + _runs(dashes_v, False, shift, 1)
    return filter_edges(rules, min_length=1)


def sideways_turn(chars: list[Char]) -> int:
    """How far (90, 180 or 270 degrees, clockwise) to turn a page whose text runs sideways
    (a landscape sheet printed on a portrait page without /Rotate) or upside down, so that
    its text reads upright; 0 when most of its text (``SIDEWAYS`` of 20 or more glyphs) is
    upright, as on a page with a few labels set sideways."""
    glyphs = [c for c in chars if c.text.strip()]
    up = sum(1 for c in glyphs if c.matrix[1] > 0 and not c.upright)
    down = sum(1 for c in glyphs if c.matrix[1] < 0 and not c.upright)
    # Upside down: a page whose /Rotate is 180 more than its text's (qpdf --rotate=+180, a
    # scanner's page fed the wrong way round); read as it lies, its text vanished unsaid.
    over = sum(1 for c in glyphs if c.upright and c.matrix[0] < 0)
    if len(glyphs) < 20 or max(up, down, over) < SIDEWAYS * len(glyphs):
        return 0
    if over > max(up, down):
        return 180
    return 90 if up > down else 270


def as_printed(
    chars: list[Char], rects: list[dict], paths: list[dict], crop: Box
) -> tuple[list[Char], list[dict], list[Dropped]]:
    """What every engine does with a page's objects: the characters a reader sees
    (``visible_chars``, fake bold merged), the table rules among ``paths``
    (``rule_edges``), and the glyphs dropped as not shown. ``rects`` are the filled
    rectangles that may hide text; boxes in points from the page top."""
    kept, lost = visible_chars(chars, rects, crop)
    return merge_overprints(kept), rule_edges(paths, crop), lost

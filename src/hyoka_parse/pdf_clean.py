"""PDF-level defects: what a PDF holds but does not show, shown twice, or draws otherwise.

pdfplumber reports every glyph and path of a page, painted or not; public bug reports
describe what that does to extracted text and tables. This module turns a page into what a
reader of the printed page sees, before pdf.py reads lines and cells from it:

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
  pdfminer ignores ``W``/``W*``, so the page is laid out here with an interpreter that keeps
  the clip path's bounding box through ``q``/``Q`` and into form XObjects (cut to their
  /BBox). The limit: a
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

import copy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from math import isfinite
from typing import Any

from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import list_value, resolve1, stream_value
from pdfminer.psparser import literal_name
from pdfminer.utils import MATRIX_IDENTITY, apply_matrix_pt, mult_matrix
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import filter_edges, obj_to_edges

from hyoka_parse.diagnostics import SIDEWAYS_PAGE

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the page top
Dropped = tuple[str, str, Box]  # furniture kind, text, where

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


@dataclass(slots=True)
class CleanPage:
    """A page as printed: the pdfplumber page to read (turned when its text ran sideways),
    its visible characters (fake bold merged, upright or not), the rules for the table
    finder (edge dicts as pdfplumber makes them), what was dropped, and warnings."""

    page: Any
    chars: list[dict]
    rules: list[dict]
    dropped: list[Dropped] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)


# --- laying the page out with render mode and clip path known ---


class _ClipInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, keeping the clip path's bounding box (device space)."""

    inherited_clip: tuple[float, float, float, float] | None = None
    form_clip: tuple[float, float, float, float] | None = None

    def init_state(self, ctm: Any) -> None:
        super().init_state(ctm)
        self.clip = self.inherited_clip
        self.clips: list[Any] = []
        self.pending: Any = None

    def dup(self) -> PDFPageInterpreter:
        # A form XObject is drawn inside the clip in force, cut to its own /BBox.
        interp = super().dup()
        clip = _intersect(self.clip, self.form_clip) if self.form_clip else self.clip
        interp.inherited_clip = clip  # type: ignore[attr-defined]
        return interp

    def do_Do(self, xobjid_arg: Any) -> None:
        self.form_clip = self._form_box(xobjid_arg)
        try:
            super().do_Do(xobjid_arg)
        finally:
            self.form_clip = None

    def _form_box(self, xobjid_arg: Any) -> Any:
        """A form XObject's /BBox in device space, or None."""
        try:
            xobj = stream_value(self.xobjmap[literal_name(xobjid_arg)])
            x0, y0, x1, y1 = (float(resolve1(v)) for v in list_value(xobj["BBox"]))
            matrix = list_value(xobj.get("Matrix", MATRIX_IDENTITY))
            ctm = mult_matrix(tuple(float(resolve1(v)) for v in matrix), self.ctm)  # type: ignore[arg-type]
        except Exception:  # not a form, or a broken one: pdfminer decides what to draw
            return None
        points = [apply_matrix_pt(ctm, p) for p in ((x0, y0), (x0, y1), (x1, y0), (x1, y1))]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return (min(xs), min(ys), max(xs), max(ys))

    def do_q(self) -> None:
        super().do_q()
        self.clips.append(self.clip)

    def do_Q(self) -> None:
        super().do_Q()
        if self.clips:
            self.clip = self.clips.pop()

    def do_W(self) -> None:
        try:
            points = [
                apply_matrix_pt(self.ctm, (float(seg[i]), float(seg[i + 1])))  # type: ignore[arg-type]
                for seg in self.curpath
                for i in range(1, len(seg) - 1, 2)
            ]
        except (TypeError, ValueError):  # a damaged path: no clip, as pdfminer would draw it
            return
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            self.pending = (min(xs), min(ys), max(xs), max(ys))

    do_W_a = do_W

    def _end_path(self) -> None:
        # W takes effect once the path is painted or ended (W n).
        if self.pending is not None:
            self.clip = _intersect(self.clip, self.pending)
            self.pending = None

    def do_TJ(self, seq: Any) -> None:
        device = self.device
        device.hidden_mode = self.textstate.render in INVISIBLE_RENDER_MODES  # type: ignore[attr-defined]
        device.clip = self.clip  # type: ignore[attr-defined]
        super().do_TJ(seq)


def _path_end(name: str) -> Any:
    base = getattr(PDFPageInterpreter, name)

    def op(self: _ClipInterpreter) -> None:
        base(self)
        self._end_path()

    return op


for _op in ("do_n", "do_S", "do_f", "do_F", "do_f_a", "do_B", "do_B_a"):
    setattr(_ClipInterpreter, _op, _path_end(_op))


def _intersect(a: Any, b: Any) -> Any:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


class _VisibleDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's aggregator, leaving out glyphs that are not painted."""

    hidden_mode = False
    clip: Any = None

    def __init__(self, *args: Any, keep_invisible: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keep_invisible = keep_invisible
        self.hidden: list[tuple[str, LTChar]] = []

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        adv = super().render_char(*args, **kwargs)
        item = self.cur_item._objs[-1]
        kind = "invisible_text" if self.hidden_mode and not self.keep_invisible else None
        if kind is None and self.clip is not None:
            x, y = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
            x0, y0, x1, y1 = self.clip
            if not (x0 - 0.5 <= x <= x1 + 0.5 and y0 - 0.5 <= y <= y1 + 0.5):
                kind = "clipped_text"
        if kind:
            self.cur_item._objs.pop()
            self.hidden.append((kind, item))
        return adv


def lay_out_visible(page: Any, keep_invisible: bool = False) -> list[Dropped]:
    """Lay ``page`` (a pdfplumber Page) out without glyphs in an invisible render mode
    (unless ``keep_invisible``) or outside their clip path; pdfplumber's ``page.chars`` then
    holds only painted glyphs.

    Sets the page's cached layout (pdfplumber's ``Page._layout``, which ``page.close()``
    clears), so call it before anything reads the page's objects. Returns the dropped
    glyphs as furniture, one entry per kind. Raises what pdfminer raises on a broken page.
    """
    page.flush_cache()
    device = _VisibleDevice(
        page.pdf.rsrcmgr,
        pageno=page.page_number,
        laparams=page.pdf.laparams,
        keep_invisible=keep_invisible,
    )
    interpreter = _ClipInterpreter(page.pdf.rsrcmgr, device)
    interpreter.process_page(page.page_obj)
    page._layout = device.get_result()
    height = page.mediabox[3] - page.mediabox[1]
    by_kind: dict[str, list[LTChar]] = defaultdict(list)
    for kind, item in device.hidden:
        by_kind[kind].append(item)
    dropped = []
    for kind, items in sorted(by_kind.items()):
        boxes = [(c.x0, height - c.y1, c.x1, height - c.y0) for c in items]
        dropped.append((kind, "".join(c.get_text() for c in items), _union(boxes)))
    return dropped


# --- pure functions over pdfplumber's object dicts ---


def _union(boxes: Iterable[Box]) -> Box:
    bs = list(boxes)
    return (
        min(b[0] for b in bs),
        min(b[1] for b in bs),
        max(b[2] for b in bs),
        max(b[3] for b in bs),
    )


def merge_overprints(chars: list[dict]) -> list[dict]:
    """Keep one of each set of copies of a glyph painted over itself (fake bold).

    Two characters are copies when their text is the same and their boxes overlap by
    ``OVERPRINT`` of their area or more: offsets of 0.001–0.3 pt in any direction, two or
    four copies, whatever the rounding. ``chars`` are pdfplumber char dicts; the first copy
    (in painting order) is kept, order is preserved.

    A glyph is compared with the kept glyphs of the same text whose top-left corner lies in
    its own or a neighbouring 4-pt cell (found by text, then by row of cells), so the pass
    is linear in glyphs.
    """
    kept: list[dict] = []
    by_text: dict[str, dict[int, list[tuple[int, dict]]]] = {}
    for c in chars:
        gx, gy = int(c["x0"] // 4), int(c["top"] // 4)
        rows = by_text.get(c["text"])
        if rows is None:
            by_text[c["text"]] = {gy: [(gx, c)]}
        elif (gy - 1 in rows or gy in rows or gy + 1 in rows) and _overprinted(c, gx, gy, rows):
            continue
        else:
            rows.setdefault(gy, []).append((gx, c))
        kept.append(c)
    return kept


def _overprinted(c: dict, gx: int, gy: int, rows: dict[int, list[tuple[int, dict]]]) -> bool:
    """Whether a glyph kept in the 3 × 3 cells around (gx, gy) overlaps ``c`` by
    ``OVERPRINT`` of the smaller box or more (each side counted as at least 1 pt)."""
    x0, top, x1, bottom = c["x0"], c["top"], c["x1"], c["bottom"]
    area = max(x1 - x0, 1.0) * max(bottom - top, 1.0)
    for row in (rows.get(gy - 1), rows.get(gy), rows.get(gy + 1)):
        for kx, k in row or ():
            if not -1 <= kx - gx <= 1:
                continue
            w = min(x1, k["x1"]) - max(x0, k["x0"])
            h = min(bottom, k["bottom"]) - max(top, k["top"])
            if w < 0 or h < 0:
                continue
            karea = max(k["x1"] - k["x0"], 1.0) * max(k["bottom"] - k["top"], 1.0)
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


def visible_chars(chars: list[dict], rects: list[dict], crop: Box) -> tuple[list, list[Dropped]]:
    """Split pdfplumber chars into those a reader sees and the dropped furniture: a char
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
    kept: list[dict] = []
    lost: dict[str, list[dict]] = defaultdict(list)
    for c in chars:
        x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        if not (left <= x <= right and top <= y <= bottom):
            lost["outside_cropbox"].append(c)
            continue
        if not c["text"].strip():
            kept.append(c)
            continue
        colour = c.get("non_stroking_color")
        try:
            maybe = memo[colour]
        except (KeyError, TypeError):  # not seen yet, or a colour given as a list
            maybe = _may_be_shade(colour, shades, memo)
        if maybe and _same_colour(rgb(colour), index.background(x, y)):
            lost["invisible_text"].append(c)
        else:
            kept.append(c)
    dropped = [
        (kind, "".join(c["text"] for c in cs), _union(_box(c) for c in cs))
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


def _box(obj: dict) -> Box:
    return (obj["x0"], obj["top"], obj["x1"], obj["bottom"])


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


def sideways_turn(chars: list[dict]) -> int:
    """How far (90 or 270 degrees, clockwise) to turn a page whose text runs sideways —
    a landscape sheet printed on a portrait page without /Rotate — so that its text reads
    upright; 0 when most of its text (``SIDEWAYS`` of 20 or more glyphs) is upright, as
    on a page with a few labels set sideways. ``chars`` are pdfplumber char dicts."""
    glyphs = [c for c in chars if c["text"].strip()]
    up = sum(1 for c in glyphs if c["matrix"][1] > 0 and not c.get("upright", True))
    down = sum(1 for c in glyphs if c["matrix"][1] < 0 and not c.get("upright", True))
    if len(glyphs) < 20 or max(up, down) < SIDEWAYS * len(glyphs):
        return 0
    return 90 if up > down else 270


def turned(page: Any, degrees: int) -> Any:
    """The same page with ``degrees`` added to its /Rotate, as a new pdfplumber Page
    (pdfminer lays a rotated page out upright)."""
    from pdfplumber.page import Page

    page_obj = copy.copy(page.page_obj)
    page_obj.attrs = {**page_obj.attrs, "Rotate": (page.rotation + degrees) % 360}
    page_obj.rotate = (page.rotation + degrees) % 360
    return Page(
        page.pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop
    )


def clean_page(page: Any) -> CleanPage:
    """Read a pdfplumber page as printed (see the module docstring): the one entry point
    pdf.py calls, before it reads any of the page's objects. A page whose text runs
    sideways is turned upright (and said so: warning ``sideways_page``)."""
    dropped = lay_out_visible(page)
    if any(kind == "invisible_text" for kind, _, _ in dropped) and not any(
        c["text"].strip() for c in page.chars
    ):
        # All its text is invisible: an OCR layer over a scan, the only text there is.
        dropped = lay_out_visible(page, keep_invisible=True)
    warnings = []
    if turn := sideways_turn(page.chars):
        page = turned(page, turn)
        dropped = lay_out_visible(page)
        warnings.append((SIDEWAYS_PAGE, f"its text runs sideways: read turned {turn}°"))
    crop = tuple(page.cropbox)
    chars, lost = visible_chars(page.chars, page.rects, crop)  # type: ignore[arg-type]
    rules = rule_edges([*page.lines, *page.rects, *page.curves], crop)  # type: ignore[arg-type]
    return CleanPage(page, merge_overprints(chars), rules, dropped + lost, warnings)

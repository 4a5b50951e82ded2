"""The default engine: a page's characters and rules from pdfium (pypdfium2), several
times faster than pdfplumber and normalised to its boxes (issue 12).

pdfium is the PDF engine Chrome ships (C++, fuzzed continuously). Its text page gives each
character's Unicode value, origin, font, size, matrix and text object; the object gives
the render mode, fill colour and clip path. Path objects (in form XObjects too) give the
rules. Everything is normalised here to what pdfplumber gives (``layout.page_objects``):

- a character's box across is pdfminer's: origin to origin + advance (its width in the
  font). Up, an upright character's box is its baseline's (``page_objects.on_baseline``),
  as in the pdfplumber engine: pdfium's own boxes are the glyph's ink (about 1.9 pt lower
  at the top, issue 12), and its font descent is measured on a glyph where a
  FontDescriptor says 0. A rotated character's box uses the font's descent (pdfium's, or
  the AFM's for a standard font without a descriptor, as pdfminer takes it).
- coordinates are pdfminer's device space (the page turned by /Rotate, from the MediaBox
  corner), then pdfplumber's top-based ones.
- a path is split into subpaths, each a line, a rectangle or a curve as pdfminer classes
  them.
- the characters pdfium's text page leaves out come back: a text object that paints no
  ink (LibreOffice writes the spaces between runs so) and the second and later spaces of
  a run; the spaces and line ends pdfium makes up are left out.

What pdf_clean decides (invisible and clipped text, CropBox, white text, fake bold, rules)
is decided by its same functions; the clip path of an object is taken as its bounding box,
cut by those of the form XObjects it sits in, as the pdfplumber engine does.

Where pdfium reads more than pdfminer (the output differs, never with a wrong value): a
CID font without a ToUnicode entry is read through its CID ordering (Adobe-Japan1), where
pdfminer has ``(cid:N)``; a code its font cannot draw is read as its Unicode value with
the width pdfium gives it. Limits: a blank text object is taken to hold as many spaces as
fill the gap to the next character (pdfium does not say how many it holds); vertical
writing fonts are read as horizontal ones.
"""

from __future__ import annotations

import ctypes
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from hyoka_parse import pdf_guard
from hyoka_parse.diagnostics import SIDEWAYS_PAGE
from hyoka_parse.errors import InputError
from hyoka_parse.layout.page_objects import BASELINE_DESCENT, Box, Char, Dropped, PageObjects
from hyoka_parse.pdf_clean import (
    INVISIBLE_RENDER_MODES,
    _union,
    as_printed,
    sideways_turn,
)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# pdfminer's descent (per 1000) of the standard fonts, from their AFM files, used where a
# font has no FontDescriptor (pdfminer.fontmetrics).
STANDARD_DESCENT = {
    **dict.fromkeys(("Courier", "CourierNew"), -194.0),
    **dict.fromkeys(("Helvetica", "Arial"), -207.0),
    **dict.fromkeys(("Times-Roman", "Times", "TimesNewRoman"), -217.0),
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}
_PATH, _TEXT, _FORM = 2, 1, 5  # FPDF_PAGEOBJ_*
_LINETO, _BEZIERTO, _MOVETO = 0, 1, 2  # FPDF_SEGMENT_*


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention, as pdfminer's mult_matrix)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _intersect(a: Box | None, b: Box | None) -> Box | None:
    if a is None:
        return b
    if b is None:
        return a
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


@dataclass(slots=True)
class _Frame:
    """pdfminer's page frame: user space → device space (``ctm``), then pdfplumber's
    top-based coordinates (``height``, MediaBox offsets)."""

    ctm: Matrix
    height: float
    mb_x0: float
    mb_top: float
    mediabox: Box
    cropbox: Box

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A device point (pdfminer's, y up) → pdfplumber's (x, top)."""
        return (x + self.mb_x0, self.height - y + self.mb_top)


def _frame(mediabox: Box, cropbox: Box | None, rotation: int) -> _Frame:
    """The frame of a page with raw ``mediabox`` / ``cropbox`` (PDF user space) turned by
    ``rotation`` degrees (pdfminer's PDFPageInterpreter and pdfplumber's Page)."""
    x0, y0, x1, y1 = mediabox
    ctm = {
        90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
        180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
        270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
    }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))

    def normal(box: Box) -> Box:
        bx0, bx1 = sorted((box[0], box[2]))
        by0, by1 = sorted((box[1], box[3]))
        return (by0, bx0, by1, bx1) if rotation in (90, 270) else (bx0, by0, bx1, by1)

    mb = normal(mediabox)
    height = mb[3] - mb[1]
    inverted: Box = (mb[0], height - mb[3], mb[2], height - mb[1])
    crop = inverted
    if cropbox is not None:
        cb = normal(cropbox)
        crop = (cb[0], height - cb[3], cb[2], height - cb[1])
    return _Frame(ctm, inverted[3] - inverted[1], inverted[0], inverted[1], inverted, crop)


# --- reading pdfium's objects ---
#
# pdfium's functions called once per object or per character, taking and giving plain
# addresses: pypdfium2's wrappers make a pointer object for every argument and result,
# which costs more than pdfium's work (issue 12). Their out-parameters are this module's
# buffers below: pdfium is not thread-safe, so one page is read at a time anyway.

_P, _I = ctypes.c_void_p, ctypes.c_int


def _fast(name: str, restype: Any, *argtypes: Any) -> Any:
    """pdfium's ``name`` with ``argtypes`` of plain addresses and integers."""
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_COUNT_OBJECTS = _fast("FPDFPage_CountObjects", _I, _P)
_PAGE_OBJECT = _fast("FPDFPage_GetObject", _P, _P, _I)
_FORM_COUNT = _fast("FPDFFormObj_CountObjects", _I, _P)
_FORM_OBJECT = _fast("FPDFFormObj_GetObject", _P, _P, ctypes.c_ulong)
_TYPE = _fast("FPDFPageObj_GetType", _I, _P)
_MATRIX = _fast("FPDFPageObj_GetMatrix", _I, _P, _P)
_BOUNDS = _fast("FPDFPageObj_GetBounds", _I, _P, _P, _P, _P, _P)
_FILL = _fast("FPDFPageObj_GetFillColor", _I, _P, _P, _P, _P, _P)
_STROKE = _fast("FPDFPageObj_GetStrokeColor", _I, _P, _P, _P, _P, _P)
_CLIP = _fast("FPDFPageObj_GetClipPath", _P, _P)
_CLIP_PATHS = _fast("FPDFClipPath_CountPaths", _I, _P)
_CLIP_SEGMENTS = _fast("FPDFClipPath_CountPathSegments", _I, _P, _I)
_CLIP_SEGMENT = _fast("FPDFClipPath_GetPathSegment", _P, _P, _I, _I)
_DRAW_MODE = _fast("FPDFPath_GetDrawMode", _I, _P, _P, _P)
_PATH_SEGMENTS = _fast("FPDFPath_CountSegments", _I, _P)
_PATH_SEGMENT = _fast("FPDFPath_GetPathSegment", _P, _P, _I)
_SEGMENT_POINT = _fast("FPDFPathSegment_GetPoint", _I, _P, _P, _P)
_SEGMENT_TYPE = _fast("FPDFPathSegment_GetType", _I, _P)
_SEGMENT_CLOSE = _fast("FPDFPathSegment_GetClose", _I, _P)
_FONT = _fast("FPDFTextObj_GetFont", _P, _P)
_FONT_SIZE = _fast("FPDFTextObj_GetFontSize", _I, _P, _P)
_RENDER_MODE = _fast("FPDFTextObj_GetTextRenderMode", _I, _P)
_FONT_NAME = _fast("FPDFFont_GetBaseFontName", ctypes.c_size_t, _P, _P, ctypes.c_size_t)
_FONT_EMBEDDED = _fast("FPDFFont_GetIsEmbedded", _I, _P)
_FONT_DESCENT = _fast("FPDFFont_GetDescent", _I, _P, ctypes.c_float, _P)
_GLYPH_WIDTH = _fast("FPDFFont_GetGlyphWidth", _I, _P, ctypes.c_uint32, ctypes.c_float, _P)
_TEXT_MATRIX = _fast("FPDFText_GetMatrix", _I, _P, _I, _P)


def _bare(name: str, restype: Any = _I) -> Any:
    """pdfium's ``name`` without argument types, for the calls made per character: ctypes
    then passes ctypes objects as they are and converts nothing, a third faster. Every
    argument must be a ctypes pointer object or a 32-bit integer (a character index)."""
    return _fast(name, restype)


# per character of a text page: (text page as a c_void_p, index[, out-pointers])
_TEXT_OBJECT = _bare("FPDFText_GetTextObject", _P)
# (FPDFText_GetCharOrigin's result is not read: without a restype ctypes converts none)
_ORIGIN = _bare("FPDFText_GetCharOrigin", None)
_MAP_ERROR = _bare("FPDFText_HasUnicodeMapError")
_IS_GENERATED = _bare("FPDFText_IsGenerated")
_IS_HYPHEN = _bare("FPDFText_IsHyphen")

_M = pdfium_c.FS_MATRIX()
_M_AT = ctypes.addressof(_M)
_FLOATS = [ctypes.c_float() for _ in range(4)]
_FLOAT_AT = [ctypes.addressof(v) for v in _FLOATS]
_UINTS = [ctypes.c_uint() for _ in range(4)]
_UINT_AT = [ctypes.addressof(v) for v in _UINTS]
_INTS = [ctypes.c_int() for _ in range(2)]
_INT_AT = [ctypes.addressof(v) for v in _INTS]
_DOUBLES = [ctypes.c_double() for _ in range(2)]
_DOUBLE_P = [ctypes.pointer(v) for v in _DOUBLES]


def _address(handle: Any) -> int:
    """A pypdfium2 handle (an FPDF_PAGE, FPDF_TEXTPAGE) as a plain address."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _matrix(obj: int | None) -> Matrix:
    if not _MATRIX(obj, _M_AT):
        return IDENTITY
    m = _M
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _colour(getter: Any, obj: int | None) -> tuple[float, ...] | None:
    if not getter(obj, *_UINT_AT):
        return None
    r, g, b, _ = _UINTS
    return (r.value / 255, g.value / 255, b.value / 255)


def _clip_box(obj: int | None, to_page: Matrix) -> Box | None:
    """The bounding box (user space, y up) of an object's clip path: the intersection of
    its paths' boxes; None when it has none. ``to_page``: from the clip's space (the
    object's form, if any) to the page."""
    clip = _CLIP(obj)
    if not clip:
        return None
    box = None
    x, y = _FLOATS[0], _FLOATS[1]
    x_at, y_at = _FLOAT_AT[0], _FLOAT_AT[1]
    for k in range(max(0, _CLIP_PATHS(clip))):
        xs, ys = [], []
        for s in range(_CLIP_SEGMENTS(clip, k)):
            seg = _CLIP_SEGMENT(clip, k, s)
            if seg and _SEGMENT_POINT(seg, x_at, y_at):
                px, py = _apply(to_page, x.value, y.value)
                xs.append(px)
                ys.append(py)
        if xs:
            box = _intersect(box, (min(xs), min(ys), max(xs), max(ys)))
    return box


@dataclass(slots=True)
class _Walk:
    """What one walk over a page's objects (into form XObjects) collects: each text
    object's clip box in user space (by address) and the subpaths of painted paths."""

    clips: dict[int, Box | None]
    paths: list[tuple[list[tuple[str, float, float]], bool, bool, Any, Any]]
    texts: list[tuple[int, Matrix]]  # (address, its form's matrix)


def _walk(page: int) -> _Walk:
    walk = _Walk({}, [], [])
    todo: list[tuple[int | None, Matrix, Box | None]] = [
        (_PAGE_OBJECT(page, i), IDENTITY, None) for i in range(_COUNT_OBJECTS(page))
    ]
    todo.reverse()
    while todo:  # depth first, in painting order
        obj, form, clip = todo.pop()
        kind = _TYPE(obj)
        if kind == _TEXT:
            key = obj or 0
            walk.clips[key] = _intersect(clip, _clip_box(obj, form))
            walk.texts.append((key, form))
        elif kind == _PATH:  # a path's own clip path is not needed: rules are not clipped
            _add_path(walk, obj, _mult(_matrix(obj), form))
        elif kind == _FORM:
            own = _intersect(clip, _clip_box(obj, form))
            inner = _mult(_matrix(obj), form)
            count = _FORM_COUNT(obj)
            todo += [(_FORM_OBJECT(obj, j), inner, own) for j in range(count)][::-1]
    return walk


def _add_path(walk: _Walk, obj: int | None, to_page: Matrix) -> None:
    """A path object's subpaths as pdfminer's operators ("m", "l", "c", "h") with their
    end points in user space."""
    if not _DRAW_MODE(obj, *_INT_AT):
        return
    fill_mode, stroke = _INTS[0].value, _INTS[1].value
    if not fill_mode and not stroke:
        return  # a clip path only ("W n"): pdfminer paints nothing either
    stroking = _colour(_STROKE, obj)
    filling = _colour(_FILL, obj)
    x, y = _FLOATS[0], _FLOATS[1]
    x_at, y_at = _FLOAT_AT[0], _FLOAT_AT[1]
    subpaths: list[list[tuple[str, float, float]]] = []
    bezier = 0
    for s in range(_PATH_SEGMENTS(obj)):
        seg = _PATH_SEGMENT(obj, s)
        if not seg or not _SEGMENT_POINT(seg, x_at, y_at):
            continue
        px, py = _apply(to_page, x.value, y.value)
        kind = _SEGMENT_TYPE(seg)
        if kind == _MOVETO or not subpaths:
            subpaths.append([("m", px, py)])
            bezier = 0
        elif kind == _BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:  # a cubic curve is three points; pdfminer keeps the end
                subpaths[-1].append(("c", px, py))
        else:
            subpaths[-1].append(("l", px, py))
        if _SEGMENT_CLOSE(seg):
            first = subpaths[-1][0]
            subpaths[-1].append(("h", first[1], first[2]))
    for sub in subpaths:
        walk.paths.append((sub, bool(fill_mode), bool(stroke), stroking, filling))


def _path_dicts(walk: _Walk, frame: _Frame) -> list[dict]:
    """pdfplumber's line, rect and curve dicts of the painted subpaths (pdfminer's
    ``paint_path``)."""
    out = []
    for sub, fill, stroke, stroking, filling in walk.paths:
        shape = "".join(op for op, _, _ in sub)
        if len(shape) < 2:
            continue
        pts = [_apply(frame.ctm, x, y) for _, x, y in sub]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        kind = "curve"
        if shape in ("ml", "mlh"):
            kind, pts = "line", pts[:2]
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                kind = "rect"
        out.append(_path_dict(kind, pts, fill, stroke, stroking, filling, frame))
    return out


def _path_dict(
    kind: str,
    pts: list[tuple[float, float]],
    fill: bool,
    stroke: bool,
    stroking: Any,
    filling: Any,
    frame: _Frame,
) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    left, top = frame.point(x0, y1)
    right, bottom = frame.point(x1, y0)
    obj = {
        "object_type": kind,
        "x0": left,
        "x1": right,
        "y0": y0,
        "y1": y1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": right - left,
        "height": bottom - top,
        "stroke": stroke,
        "fill": fill,
        "stroking_color": stroking,
        "non_stroking_color": filling,
    }
    if kind == "curve":
        obj["pts"] = [frame.point(x, y) for x, y in pts]
    return obj


# --- characters ---


@dataclass(slots=True)
class _TextObject:
    """What the characters of one text object share: matrix (a, b, c, d), font size,
    descent per point of size, font (address), and what pdf_clean needs (font name, fill
    colour, painted or not, clip box in user space). Objects alike in all of these share
    one (LibreOffice writes a text object per run, hundreds a page)."""

    matrix: tuple[float, float, float, float]
    size: float
    descent: float
    font: int
    widths: dict[int, float]  # the font's advances per point of size, by Unicode value
    fontname: str
    colour: Any
    hidden: bool
    clip: Box | None


def _font_name(font: int) -> str:
    size = _FONT_NAME(font, None, 0)
    if size <= 1:
        return ""
    buf = ctypes.create_string_buffer(size)
    _FONT_NAME(font, buf, size)
    return buf.value.decode("utf-8", "replace")


def _descent(font: int, name: str) -> float:
    """pdfminer's descent of ``font`` per point of size (see the module docstring)."""
    base = name.split("+", 1)[-1].split(",")[0]
    if not _FONT_EMBEDDED(font) and base in STANDARD_DESCENT:
        return STANDARD_DESCENT[base] / 1000
    if not _FONT_DESCENT(font, 1000.0, _FLOAT_AT[0]):
        return 0.0
    return min(0.0, _FLOATS[0].value) / 1000


def _glyph_width(font: int, code: int) -> float:
    """The advance of character ``code`` in ``font`` per point of size (0 unknown)."""
    if not _GLYPH_WIDTH(font, code, 1.0, _FLOAT_AT[0]):
        return 0.0
    return _FLOATS[0].value


# A document's fonts by address: name, descent per point of size, advances (``_TextObject``)
Fonts = dict[int, tuple[str, float, dict[int, float]]]


def _font_size(obj: int) -> float:
    return _FLOATS[0].value if _FONT_SIZE(obj, _FLOAT_AT[0]) else 0.0


def _text_object(
    obj: int, matrix: tuple[float, float, float, float], clip: Box | None, page: _PageText
) -> _TextObject:
    """Text object ``obj``'s shared description, with the ``matrix`` of its characters."""
    size = _font_size(obj)
    font = _FONT(obj) or 0
    known = page.fonts.get(font)
    if known is None:
        name = _font_name(font)
        known = page.fonts[font] = (name, _descent(font, name), {})
    hidden = _RENDER_MODE(obj) in INVISIBLE_RENDER_MODES
    colour = _colour(_FILL, obj)
    alike = (matrix, size, font, colour, hidden, clip)
    info = page.alike.get(alike)
    if info is None:
        info = _TextObject(matrix, size, known[1], font, known[2], known[0], colour, hidden, clip)
        page.alike[alike] = info
    return info


@dataclass(slots=True)
class _PageText:
    """One page's text page (address) and what is known of its text objects, kept
    while the page is laid out once, or again turned."""

    text_page: int
    walk: _Walk
    fonts: Fonts
    codes: list[int]
    objects: dict[int, _TextObject] = field(default_factory=dict)  # by address
    alike: dict[tuple, _TextObject] = field(default_factory=dict)
    skipped: list[_Glyph] | None = None  # the spaces it leaves out, once read

    def info(self, key: int, index: int) -> _TextObject:
        """Text object ``key``, whose character ``index`` is read first."""
        info = self.objects.get(key)
        if info is None:
            m = _M
            ok = _TEXT_MATRIX(self.text_page, index, _M_AT)
            matrix = (m.a, m.b, m.c, m.d) if ok else (0.0, 0.0, 0.0, 0.0)
            clip = self.walk.clips.get(key)
            info = self.objects[key] = _text_object(key, matrix, clip, self)
        return info


def _codes(text_page: int, count: int) -> list[int]:
    """The Unicode value of every character of the text page, in one call where it can."""
    buf = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(text_page, 0, count, buf)
    codes = buf[:count]
    if written != count + 1 or any(0xD800 <= c < 0xE000 for c in codes):
        codes = [pdfium_c.FPDFText_GetUnicode(text_page, i) for i in range(count)]
    return codes


# A character in user space, before the page frame: its text, origin (x, y), advance
# (points along the text) and its text object.
_Glyph = tuple[str, float, float, float, _TextObject]
# One text object's characters laid out in a frame (``_putter``): ``put(text, x, y,
# advance)`` for a character at origin (x, y) in user space, ``advance`` points along.
_Put = Callable[[str, float, float, float], None]


def _device_box(box: Box, ctm: Matrix) -> Box:
    corners = [_apply(ctm, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return (min(xs), min(ys), max(xs), max(ys))


class _Layer:
    """Characters laid out in a frame as ``Char`` records (boxes ``on_baseline``):
    the painted ones (``chars``), the dropped ones by kind (``hidden``), and how many are
    not upright (``sideways[0]``: only then may the page be turned). Nothing ``placed``
    refers back to the layer: a cycle would keep a page's characters alive until the
    garbage collector came round (issue 12)."""

    __slots__ = ("chars", "ctm", "frame", "hidden", "keep_invisible", "placed", "sideways")

    def __init__(self, frame: _Frame, keep_invisible: bool) -> None:
        self.frame = frame
        self.ctm = frame.ctm
        self.keep_invisible = keep_invisible
        self.placed: dict[int, _Put] = {}
        self.chars: list[Char] = []
        self.hidden: dict[str, list[Char]] = defaultdict(list)
        self.sideways = [0]

    def place(self, info: _TextObject) -> _Put:
        """What lays out the characters of text object ``info`` (made once per object)."""
        put = self.placed.get(id(info))
        if put is None:
            put = self.placed[id(info)] = _putter(self, info)
        return put


def _putter(layer: _Layer, info: _TextObject) -> _Put:
    """``put`` for the characters of ``info`` in ``layer``: each one's box in device space,
    tested against its clip box at its centre, as pdfminer's is. Everything the object's
    characters share is worked out here once: ``put`` runs for every character of a page
    (issue 12), so it only does the arithmetic, builds the dict and files it."""
    a0, b0, c0, d0 = info.matrix
    ca, cb, cc, cd, ce, cf = layer.ctm
    a, b = a0 * ca + b0 * cc, a0 * cb + b0 * cd
    c, d = c0 * ca + d0 * cc, c0 * cb + d0 * cd
    low = info.descent * info.size
    high = low + info.size
    upright = a * d > 0 and b * c <= 0
    axes = not b and not c and a > 0 and d > 0  # then on_baseline, done here
    turned = not upright or a < 0  # sideways or upside down: the page may need turning
    frame, font, colour, descent = layer.frame, info.fontname, info.colour, BASELINE_DESCENT
    sideways = layer.sideways
    left, height, top = frame.mb_x0, frame.height, frame.mb_top
    dropped = "invisible_text" if info.hidden and not layer.keep_invisible else None
    clip = None if info.clip is None or dropped else _device_box(info.clip, layer.ctm)
    painted = layer.hidden[dropped] if dropped else layer.chars
    clipped = layer.hidden["clipped_text"] if clip else painted
    bx0, by0, bx1, by1 = clip or (0.0, 0.0, 0.0, 0.0)
    bx0, by0, bx1, by1 = bx0 - 0.5, by0 - 0.5, bx1 + 0.5, by1 + 0.5  # pdfminer's margin

    def put(text: str, x: float, y: float, advance: float) -> None:
        e, f = ca * x + cc * y + ce, cb * x + cd * y + cf
        xa, ya = c * low + e, d * low + f
        xb, yb = a * advance + c * high + e, b * advance + d * high + f
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
        if axes:
            y0 = f + descent * (y1 - y0)
            y1 = y0 + (yb - ya)
        char = Char(
            text,
            x0 + left,
            x1 + left,
            height - y1 + top,
            height - y0 + top,
            y1 - y0,
            y0,
            y1,
            font,
            upright,
            (a, b, c, d, e, f),
            colour,
        )
        if turned:
            sideways[0] += 1
        if clip and not (bx0 <= (x0 + x1) / 2 <= bx1 and by0 <= (y0 + y1) / 2 <= by1):
            clipped.append(char)
        else:
            painted.append(char)

    return put


def _lay_out(
    page: _PageText, frame: _Frame, keep_invisible: bool = False
) -> tuple[list[Char], list[Dropped], int]:
    """The painted characters of a page in ``frame``, as ``Char`` records (boxes
    ``on_baseline``), the dropped ones (an invisible render mode unless
    ``keep_invisible``; outside their clip box), and how many are not upright: what the
    pdfplumber engine's ``lay_out_visible`` gives. In painting order: every character
    pdfium's text page holds (not the spaces and line ends it infers), with the spaces it
    collapses (``_collapsed``), then the spaces it leaves out (``_skipped``)."""
    layer = _Layer(frame, keep_invisible)
    place = layer.place
    tp = ctypes.c_void_p(page.text_page)
    get_object, get_origin, map_error = _TEXT_OBJECT, _ORIGIN, _MAP_ERROR
    (ox, oy), (x_at, y_at) = _DOUBLES, _DOUBLE_P
    origins: list[tuple[float, float]] = []  # of every character so far, for _skipped
    keep = origins.append
    low = last = 0
    info: Any = None
    put: Any = None
    widths: dict[int, float] = {}
    space: _Glyph | None = None  # the character before, if it is a space
    for i, code in enumerate(page.codes):
        key = get_object(tp, i)
        if not key or (code in (32, 13, 10) and _IS_GENERATED(tp, i) == 1):
            continue  # a space or line end pdfium puts where it sees a gap
        if 0xD800 <= code < 0xE000:
            if code < 0xDC00:  # a high surrogate: the character comes with the next
                low = code
                continue
            if low:
                code = 0x10000 + ((low - 0xD800) << 10) + (code - 0xDC00)
        low = 0
        if key != last:
            info = page.info(key, i)
            put = place(info)
            widths = info.widths
            last = key
        if code in (2, 0xFFFE) and _IS_HYPHEN(tp, i) == 1:
            code = 0x2D  # a hyphen at a line end, which pdfium gives as U+0002 or U+FFFE
        text = "\ufffd" if code == 0 or map_error(tp, i) == 1 else chr(code)
        per_point = widths.get(code)
        if per_point is None:
            per_point = widths[code] = _glyph_width(info.font, code)
        get_origin(tp, i, x_at, y_at)
        x, y = ox.value, oy.value
        if space is not None and space[2] == y:
            for g in _collapsed(space, x, y):
                keep((g[1], g[2]))
                place(g[4])(g[0], g[1], g[2], g[3])
        advance = per_point * info.size
        space = (text, x, y, advance, info) if text == " " else None
        keep((x, y))
        put(text, x, y, advance)
    if page.skipped is None:
        page.skipped = _skipped(page, origins)
    for g in page.skipped:
        place(g[4])(g[0], g[1], g[2], g[3])
    return layer.chars, _dropped(layer.hidden, frame), layer.sideways[0]


def _collapsed(space: _Glyph, x: float, y: float) -> list[_Glyph]:
    """The spaces pdfium drops after ``space`` (it keeps one of a run of spaces): as many
    as fit the gap between the end of ``space`` and the next character on its line, at
    (x, y), in whole space widths; none where the gap is no such multiple (word or
    character spacing)."""
    _, sx, sy, advance, info = space
    a, b, _, _ = info.matrix
    scale = math.hypot(a, b) or 1.0
    end_x, end_y = sx + a / scale * advance, sy + b / scale * advance
    gap = math.hypot(x - end_x, y - end_y)
    if advance <= 0 or gap < 0.9 * advance:
        return []
    count = round(gap / advance)
    if abs(gap / advance - count) > 0.1 or count > 100:
        return []
    step_x, step_y = (x - end_x) / count, (y - end_y) / count
    return [(" ", end_x + k * step_x, end_y + k * step_y, advance, info) for k in range(count)]


def _blank(page: _PageText) -> list[tuple[int, Matrix]]:
    """The text objects that paint no ink (their bounds have no width) and that pdfium's
    text page leaves out."""
    out = []
    left, _, right, _ = _FLOATS
    for key, form in page.walk.texts:
        if key in page.objects or not _BOUNDS(key, *_FLOAT_AT):
            continue
        if abs(right.value - left.value) <= 0.01:
            out.append((key, form))
    return out


def _skipped(page: _PageText, origins: list[tuple[float, float]]) -> list[_Glyph]:
    """The spaces of each text object pdfium's text page leaves out (``_blank``), as
    LibreOffice writes the spaces between two runs of text. pdfium cannot say how many
    characters such an object holds: as many spaces as fill the gap to the next character
    on the line (``_collapsed``; ``origins``: of the characters read), else one."""
    blank = _blank(page)
    if not blank:
        return []
    by_line: dict[float, list[tuple[float, float]]] = defaultdict(list)
    lines: dict[float, float] = {}  # y → its line (the characters of a line share a y)
    for xy in origins:
        line = lines.get(xy[1])
        if line is None:
            line = lines[xy[1]] = round(xy[1], 1)
        by_line[line].append(xy)
    out: list[_Glyph] = []
    for key, form in blank:
        a, b, c, d, e, f = _mult(_matrix(key), form)
        size = _font_size(key)
        font = _FONT(key) or 0
        ok = _GLYPH_WIDTH(font, 32, 1.0, _FLOAT_AT[0])
        width = _FLOATS[0].value if ok else 0.25
        name = _font_name(font)
        hidden = _RENDER_MODE(key) in INVISIBLE_RENDER_MODES
        colour = _colour(_FILL, key)
        clip = page.walk.clips.get(key)
        info = _TextObject(
            (a, b, c, d), size, _descent(font, name), font, {}, name, colour, hidden, clip
        )
        space: _Glyph = (" ", e, f, width * size, info)
        out.append(space)
        after = [g for g in by_line.get(round(f, 1), ()) if g[0] > e and b == 0 and c == 0]
        if after:
            nearest = min(after, key=lambda g: g[0])
            out += _collapsed(space, nearest[0], nearest[1])
    return out


def _dropped(hidden: dict[str, list[Char]], frame: _Frame) -> list[Dropped]:
    """Dropped characters as furniture, one entry per kind (as ``lay_out_visible``)."""
    height = frame.mediabox[3] - frame.mediabox[1]
    return [
        (
            kind,
            "".join(c.text for c in cs),
            _union((c.x0, height - c.y1, c.x1, height - c.y0) for c in cs),
        )
        for kind, cs in sorted(hidden.items())
        if cs  # a kind whose list ``_putter`` made for an object none of whose were dropped
    ]


def _box(getter: Any, page: Any) -> Box | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not getter(page, left, bottom, right, top):
        return None
    return (left.value, bottom.value, right.value, top.value)


def page_objects(page: Any, number: int, fonts: Fonts | None = None) -> PageObjects:
    """Read a pdfium page (a ``pypdfium2.PdfPage``) as printed: the same PageObjects the
    pdfplumber engine gives. ``number``: the page's 1-based number; ``fonts``: what is
    known of the document's fonts (filled here)."""
    raw = page.raw
    mediabox = _box(pdfium_c.FPDFPage_GetMediaBox, raw) or (0.0, 0.0, 612.0, 792.0)
    cropbox = _box(pdfium_c.FPDFPage_GetCropBox, raw)
    rotation = (pdfium_c.FPDFPage_GetRotation(raw) % 4) * 90
    walk = _walk(_address(raw))
    frame = _frame(mediabox, cropbox, rotation)
    text_page = pdfium_c.FPDFText_LoadPage(raw)
    try:
        codes = _codes(text_page, pdfium_c.FPDFText_CountChars(text_page))
        text = _PageText(_address(text_page), walk, {} if fonts is None else fonts, codes)
        chars, dropped, sideways = _lay_out(text, frame)
        if any(kind == "invisible_text" for kind, _, _ in dropped) and not any(
            c.text.strip() for c in chars
        ):
            # All its text is invisible: an OCR layer over a scan, the only text there is.
            chars, dropped, sideways = _lay_out(text, frame, keep_invisible=True)
        warnings = []
        # sideways_turn needs characters that are not upright (``_Layer.sideways``).
        if sideways and (turn := sideways_turn(chars)):
            frame = _frame(mediabox, cropbox, (rotation + turn) % 360)
            chars, dropped, _ = _lay_out(text, frame)
            warnings.append((SIDEWAYS_PAGE, f"its text runs sideways: read turned {turn}°"))
    finally:
        pdfium_c.FPDFText_ClosePage(text_page)
    paths = _path_dicts(walk, frame)
    rects = [p for p in paths if p["object_type"] == "rect"]
    chars, rules, lost = as_printed(chars, rects, paths, frame.cropbox)
    return PageObjects(
        number=number,
        width=frame.mediabox[2] - frame.mediabox[0],
        height=frame.height,
        bbox=frame.mediabox,
        cropbox=frame.cropbox,
        chars=chars,
        rules=rules,
        dropped=dropped + lost,
        warnings=warnings,
    )


class PdfiumDocument:
    """An open PDF read with pdfium (``page_objects`` for each page)."""

    def __init__(self, pdf: Any, path: str) -> None:
        self.pdf = pdf
        self.path = path
        self.pages = len(pdf)
        self.fonts: Fonts = {}

    def read(self, index: int) -> PageObjects:
        page = self.pdf[index]
        try:
            return page_objects(page, index + 1, self.fonts)
        finally:
            page.close()

    def close(self) -> None:
        self.pdf.close()


def open_document(data: bytes, path: str, max_pages: int | None = None) -> PdfiumDocument:
    """Open a PDF with pdfium, turning every way it can fail into one clear InputError
    (the same words as the pdfplumber engine's). ``max_pages`` refuses longer documents
    before any page is loaded."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise pdf_guard.encrypted(path) from exc
        raise pdf_guard.damaged(path, _reason(exc)) from exc
    doc = PdfiumDocument(pdf, path)
    if max_pages is not None and doc.pages > max_pages:
        doc.close()
        raise InputError(
            f"{path} has {doc.pages} pages, more than --max-pages {max_pages}",
            "raise --max-pages",
        )
    return doc


def _reason(exc: Exception) -> str:
    """pdfium's words for why it cannot open a file ("Data format error")."""
    text = str(exc)
    if "(PDFium: " in text:
        text = text.split("(PDFium: ", 1)[1].rstrip(").")
    return f"pdfium: {text.strip().lower() or 'unreadable'}"

"""The reference engine: a page's characters and rules from pdfplumber (pdfminer.six).

Slow (pure Python: some 0.1 s a page) but the reference the pdfium engine is measured
against, and what ``debug`` draws with. pdfminer lays a page out without knowing render
modes or clip paths, so the page is laid out here with an interpreter that keeps both
(``lay_out_visible``); the rest of what the printed page shows is ``pdf_clean``'s.
Crafted files are bounded by ``pdf_guard`` (inflate ceilings, reference loops, census).
"""

from __future__ import annotations

import copy
import io
from collections import defaultdict
from typing import Any

from pdfminer.layout import LTChar
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import list_value, resolve1, stream_value
from pdfminer.psparser import literal_name
from pdfminer.utils import MATRIX_IDENTITY, apply_matrix_pt, mult_matrix
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from hyoka_parse import pdf_guard
from hyoka_parse.diagnostics import SIDEWAYS_PAGE
from hyoka_parse.errors import InputError
from hyoka_parse.layout.page_objects import (
    Char,
    Dropped,
    PageObjects,
    centre_y,
    on_baseline,
)
from hyoka_parse.pdf_clean import (
    INVISIBLE_RENDER_MODES,
    _union,
    as_printed,
    sideways_turn,
)
from hyoka_parse.pdf_guard import StreamTooLarge, causes

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
            x, y = (item.x0 + item.x1) / 2, centre_y(item.matrix, item.y0, item.y1)
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


def _char(c: dict) -> Char:
    """pdfplumber's char dict as the layout model's record."""
    return Char(
        c["text"],
        c["x0"],
        c["x1"],
        c["top"],
        c["bottom"],
        c["size"],
        c["y0"],
        c["y1"],
        c["fontname"],
        c["upright"],
        c["matrix"],
        c.get("non_stroking_color"),
    )


def page_objects(page: Any) -> PageObjects:
    """Read a pdfplumber page as printed (see ``pdf_clean``), before anything else reads
    its objects. A page whose text runs sideways is turned upright (and said so: warning
    ``sideways_page``)."""
    dropped = lay_out_visible(page)
    if any(kind == "invisible_text" for kind, _, _ in dropped) and not any(
        c["text"].strip() for c in page.chars
    ):
        # All its text is invisible: an OCR layer over a scan, the only text there is.
        dropped = lay_out_visible(page, keep_invisible=True)
    warnings = []
    chars = [_char(c) for c in page.chars]
    if turn := sideways_turn(chars):
        page = turned(page, turn)
        dropped = lay_out_visible(page)
        chars = [_char(c) for c in page.chars]
        warnings.append((SIDEWAYS_PAGE, f"its text runs sideways: read turned {turn}°"))
    crop = tuple(page.cropbox)
    chars, rules, lost = as_printed(
        [on_baseline(c) for c in chars],
        page.rects,
        [*page.lines, *page.rects, *page.curves],
        crop,  # type: ignore[arg-type]
    )
    return PageObjects(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        bbox=tuple(float(v) for v in page.bbox),  # type: ignore[arg-type]
        cropbox=crop,  # type: ignore[arg-type]
        chars=chars,
        rules=rules,
        dropped=dropped + lost,
        warnings=warnings,
    )


class PlumberDocument:
    """An open PDF read with pdfplumber (``page_objects`` for each page)."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.pages = len(pdf.pages)

    def read(self, index: int) -> PageObjects:
        page = self.pdf.pages[index]
        try:
            return page_objects(page)
        finally:
            page.close()  # release the page's caches: memory stays flat

    def close(self) -> None:
        self.pdf.close()


def open_document(data: bytes, path: str, max_pages: int | None = None) -> PlumberDocument:
    """Open a PDF, turning every way it can fail into one clear InputError.

    Objects and pages are counted from the xref and the page tree before any page is
    built (``pdf_guard.census``); ``max_pages`` refuses longer documents."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pdf_guard.install()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        try:
            pdf_guard.census(pdf.doc, path, max_pages)
            _ = pdf.pages
        except BaseException:
            pdf.stream.close()  # not pdf.close(): that builds every page first
            raise
        return PlumberDocument(pdf)
    except InputError:
        raise
    except Exception as exc:
        found = causes(exc)
        if any(isinstance(e, StreamTooLarge) for e in found):
            raise pdf_guard.too_large(path) from exc
        if any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError) for e in found) or any(
            "password" in str(e).lower() for e in found
        ):
            raise pdf_guard.encrypted(path) from exc
        raise pdf_guard.damaged(path, type(found[-1]).__name__) from exc

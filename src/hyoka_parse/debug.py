"""A PDF page drawn with what the parser saw, so a user can see why it parsed as it did.

Colours: text cells grey, label cells orange, grid cells green, vertical labels purple,
headings (the lines that start a block) blue, dropped furniture red, warnings magenta
(with their code). A legend in a band right of the page names them. Where the page's fonts
are not embedded, a renderer has no glyphs and draws no Japanese; then the characters
the parser extracted are drawn in their places (in a Japanese font installed on the
machine, such as IPA明朝 from fonts-ipafont-mincho).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from hyoka_parse.errors import InputError

Box = tuple[float, float, float, float]

COLOURS = {
    "text_cell": ((128, 128, 128, 40), (128, 128, 128, 255)),
    "label_cell": ((255, 165, 0, 70), (255, 140, 0, 255)),
    "grid_cell": ((0, 170, 0, 50), (0, 140, 0, 255)),
    "vertical_label": ((150, 0, 200, 70), (150, 0, 200, 255)),
    "heading": ((30, 90, 255, 90), (0, 60, 255, 255)),
    "furniture": ((255, 0, 0, 90), (220, 0, 0, 255)),
    "warning": ((255, 0, 255, 60), (230, 0, 230, 255)),
}
LEGEND = {
    "text_cell": "text cell",
    "label_cell": "label cell",
    "grid_cell": "grid cell",
    "vertical_label": "vertical label",
    "heading": "heading",
    "furniture": "dropped furniture",
    "warning": "warning",
}
# Japanese fonts that Debian's fonts-ipafont-mincho / fonts-ipaexfont-mincho install.
FONT_FILES = (
    "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
)


def draw_page(
    path: str,
    page_number: int,
    out: str | Path,
    resolution: int = 100,
    on_page: Callable[[int, int], None] | None = None,
    data: bytes | None = None,
) -> dict[str, int]:
    """Write the page as a PNG with the parser's regions drawn on it; return their counts
    (``{"grid_cell": 12, "heading": 3, "warning": 1, "extracted_chars": 840, …}``).

    Raises ``InputError`` when ``path`` is not a PDF or has no page ``page_number``.
    ``on_page(done, total)`` is called as the document's pages are read. ``data``: the
    file's bytes when they are read already (``path`` names them).
    """
    from hyoka_parse.layout.engine_pdfplumber import open_document, page_objects
    from hyoka_parse.layout.pdf_page import extract_page
    from hyoka_parse.pdf_guard import quiet_dependencies
    from hyoka_parse.source import input_name, is_pdf, read_bytes

    # pdfminer's warnings (``Could not get FontBBox…``, one per glyph of a font that lacks
    # it: hundreds of lines on held-out set 13's Noto Sans Mono CJK KR) are not the user's.
    quiet_dependencies()
    if data is None:
        data = read_bytes(path)
    path = input_name(path)
    if not is_pdf(data):
        raise InputError(f"{path} is not a PDF", "debug draws PDF pages only")
    marks = _marks(data, path, page_number, on_page)
    doc = open_document(data, path)
    pdf = doc.pdf
    try:
        page = pdf.pages[page_number - 1]
        regions = extract_page(page_objects(page)).regions
        image = page.to_image(resolution=resolution)
        counts: dict[str, int] = {}
        for kind, box in [*regions, *marks.boxes]:
            fill, stroke = COLOURS[kind]
            image.draw_rect(box, fill=fill, stroke=stroke, stroke_width=1)
            counts[kind] = counts.get(kind, 0) + 1
        if not _fonts_embedded(page):
            counts["extracted_chars"] = _draw_chars(image, page.chars)
        _label_warnings(image, marks.warnings)
        _draw_legend(image)
        # Not quantized to 256 colours (pdfplumber's default): the palette would depend on
        # everything drawn, the legend too, and shift the page's own pixels by a shade.
        image.save(str(out), format="PNG", quantize=False)
        return counts
    finally:
        pdf.close()


class _Marks:
    def __init__(self) -> None:
        self.boxes: list[tuple[str, Box]] = []
        self.warnings: list[tuple[str, Box]] = []  # code, where


def _marks(
    data: bytes, path: str, page_number: int, on_page: Callable[[int, int], None] | None
) -> _Marks:
    """Headings, dropped furniture and warnings on the page, from the whole document
    (headings depend on what came before)."""
    from hyoka_parse.normalize import normalize
    from hyoka_parse.options import ReadOptions
    from hyoka_parse.pdf import pdf_source
    from hyoka_parse.pipeline import parse_source
    from hyoka_parse.segment import split_regions

    doc = pdf_source(data, path, ReadOptions(jobs=1, on_page=on_page, engine="pdfplumber"))
    if not 1 <= page_number <= (doc.pages or 0):
        raise InputError(f"{path} has no page {page_number}", f"pick a page from 1 to {doc.pages}")
    lines, dropped = normalize(doc.lines, doc.unknown_pages)
    marks = _Marks()
    marks.boxes += [
        ("heading", b.head.bbox)
        for r in split_regions(lines)
        for b in r.blocks
        if b.head.page == page_number and b.head.bbox
    ]
    marks.boxes += [
        ("furniture", ln.bbox)
        for _, ln, _ in [*doc.furniture, *dropped]
        if ln.page == page_number and ln.bbox
    ]
    where = {ln.no: ln.bbox for ln in doc.lines if ln.page == page_number and ln.bbox}
    try:
        report = parse_source(doc)
    except InputError:  # a page of something that is no report: still draw what was read
        return marks
    for w in report.warnings:
        box = where.get(w.location.line or 0)
        if w.location.page == page_number and box:
            marks.boxes.append(("warning", box))
            marks.warnings.append((w.code, box))
    return marks


def _fonts_embedded(page: Any) -> bool:
    """Whether every font of the page carries its glyphs (FontFile, FontFile2/3)."""
    from pdfminer.pdftypes import resolve1

    fonts = resolve1((page.page_obj.resources or {}).get("Font")) or {}
    for ref in fonts.values():
        font = resolve1(ref) or {}
        descendants = resolve1(font.get("DescendantFonts")) or []
        for spec in [font, *(resolve1(d) for d in descendants)]:
            descriptor = resolve1((spec or {}).get("FontDescriptor"))
            if descriptor is None:
                continue
            if not any(key in descriptor for key in ("FontFile", "FontFile2", "FontFile3")):
                return False
        if not descendants and resolve1(font.get("FontDescriptor")) is None:
            return False  # a standard-14 or CID font named only: never embedded
    return True


def _font(size: float) -> Any:
    from PIL import ImageFont

    for file in FONT_FILES:
        if Path(file).exists():
            return ImageFont.truetype(file, max(6, round(size)))
    return None


def _draw_chars(image: Any, chars: list[dict]) -> int:
    """Draw each extracted character in its box; returns how many (0 without a font)."""
    scale = image.scale
    drawn = 0
    fonts: dict[int, Any] = {}
    for ch in chars:
        size = round((ch["bottom"] - ch["top"]) * scale)
        if size not in fonts:
            fonts[size] = _font(size)
        if fonts[size] is None:
            return 0
        image.draw.text(
            (ch["x0"] * scale, ch["top"] * scale), ch["text"], font=fonts[size], fill=(0, 0, 0)
        )
        drawn += 1
    return drawn


def _label_warnings(image: Any, warnings: list[tuple[str, Box]]) -> None:
    font = _font(11)
    for code, (x0, top, _, _) in warnings:
        xy = (x0 * image.scale, max(0, top * image.scale - 13))
        image.draw.text(xy, f"! {code}", font=font, fill=COLOURS["warning"][1])


# The band right of the page that holds the legend (pixels): the page itself stays
# uncovered, at the same pixels as without a legend.
LEGEND_WIDTH = 160
LEGEND_ROW = 15


def _draw_legend(image: Any) -> None:
    """Widen the picture by a white band right of the page and name the colours there."""
    from PIL import Image, ImageDraw

    page = image.annotated
    width, height = page.size
    canvas = Image.new("RGB", (width + LEGEND_WIDTH, max(height, _legend_height())), "white")
    canvas.paste(page, (0, 0))
    image.annotated = canvas
    image.draw = ImageDraw.Draw(canvas, "RGBA")
    font = _font(11)
    x, y = width + 12, 8
    image.draw.line((width, 0, width, height), fill=(0, 0, 0))  # where the page ends
    for i, (kind, name) in enumerate(LEGEND.items()):
        stroke = COLOURS[kind][1]
        top = y + i * LEGEND_ROW
        image.draw.rectangle((x, top + 2, x + 18, top + 12), fill=stroke, outline=stroke)
        image.draw.text((x + 24, top), name, font=font, fill=(0, 0, 0))


def _legend_height() -> int:
    return 8 + LEGEND_ROW * len(LEGEND) + 8

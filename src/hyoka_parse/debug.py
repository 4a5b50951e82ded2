"""A PDF page drawn with what the parser saw, so a user can see why it parsed as it did.

Colours: text cells grey, label cells orange, grid cells green, vertical labels purple,
headings (the lines that start a block) blue, dropped furniture red.
"""

from __future__ import annotations

from pathlib import Path

from hyoka_parse.errors import InputError

COLOURS = {
    "text_cell": ((128, 128, 128, 40), (128, 128, 128, 255)),
    "label_cell": ((255, 165, 0, 70), (255, 140, 0, 255)),
    "grid_cell": ((0, 170, 0, 50), (0, 140, 0, 255)),
    "vertical_label": ((150, 0, 200, 70), (150, 0, 200, 255)),
    "heading": ((30, 90, 255, 90), (0, 60, 255, 255)),
    "furniture": ((255, 0, 0, 90), (220, 0, 0, 255)),
}


def draw_page(
    path: str, page_number: int, out: str | Path, resolution: int = 100
) -> dict[str, int]:
    """Write the page as a PNG with the parser's regions drawn on it; return their counts."""
    import pdfplumber

    from hyoka_parse.layout.pdf_page import extract_page
    from hyoka_parse.normalize import normalize
    from hyoka_parse.pdf import _open, pdf_source
    from hyoka_parse.segment import split_regions
    from hyoka_parse.source import read_bytes

    data = read_bytes(path)
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise InputError(f"{path} is not a PDF", "debug draws PDF pages only")
    doc = pdf_source(data, path, jobs=1)  # the whole document: headings depend on context
    if not 1 <= page_number <= (doc.pages or 0):
        raise InputError(f"{path} has no page {page_number}", f"pick a page from 1 to {doc.pages}")
    lines, dropped = normalize(doc.lines)
    heads = [
        b.head.bbox
        for r in split_regions(lines)
        for b in r.blocks
        if b.head.page == page_number and b.head.bbox
    ]
    furniture = [
        ln.bbox for _, ln, _ in [*doc.furniture, *dropped] if ln.page == page_number and ln.bbox
    ]
    pdf: pdfplumber.PDF = _open(data, path)
    try:
        page = pdf.pages[page_number - 1]
        regions = extract_page(page).regions
        image = page.to_image(resolution=resolution)
        counts: dict[str, int] = {}
        for kind, box in [
            *regions,
            *(("heading", b) for b in heads),
            *(("furniture", b) for b in furniture),
        ]:
            fill, stroke = COLOURS[kind]
            image.draw_rect(box, fill=fill, stroke=stroke, stroke_width=1)
            counts[kind] = counts.get(kind, 0) + 1
        image.save(str(out), format="PNG")
        return counts
    finally:
        pdf.close()

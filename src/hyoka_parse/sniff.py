"""Inputs that are not a 政策評価書 PDF or text, known by their first bytes, each refused
with what to do instead (save as PDF, run OCR, download first or again, use --format …)."""

from __future__ import annotations

from hyoka_parse.errors import InputError

_IMAGES = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"GIF8": "GIF",
    b"BM": "BMP",
}


def refuse_url(path: str) -> None:
    """A URL is not read: the tool does not fetch."""
    if path.lower().startswith(("http://", "https://", "ftp://")):
        raise InputError(
            f"{path} is a URL", "download it first (for example curl -O URL) and pass the file"
        )


def refuse_foreign(path: str, data: bytes) -> None:
    """Raise ``InputError`` for an Office file, an image, a web page or hyoka-parse's own
    JSON."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(data)
        if kind and _our_workbook(data):
            raise InputError(
                f"{path} is a workbook of hyoka-parse's tables, not a report",
                "parse the report, or read the JSON it was made from",
            )
        if kind:
            raise InputError(
                f"{path} is {kind} file, not a PDF",
                "open it and save it as PDF (File → Save As → PDF), then parse the PDF",
            )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"{path} is an old Office file (.doc/.xls), not a PDF", "save it as PDF first"
        )
    for magic, name in _IMAGES.items():
        if name == "BMP" and data[6:10] != b"\x00\x00\x00\x00":
            continue  # a BMP's reserved bytes are zero; text starting "BM" is not an image
        if head.startswith(magic):
            raise InputError(
                f"{path} is a {name} image, which has no text to read",
                "run OCR on it first (for example ocrmypdf -l jpn) and parse the PDF it makes",
            )
    if _is_html(data):
        raise InputError(
            f"{path} is a web page (HTML), not a PDF or a report's text",
            "a link that gave a page instead of the file: download the PDF itself",
        )
    from hyoka_parse.saved import looks_like_output

    if looks_like_output(data):
        raise InputError(
            f"{path} is hyoka-parse output, not a report",
            "convert it with --format csv|jsonl|xlsx, or check it with 'hyoka-parse validate'",
        )


def _is_html(data: bytes) -> bool:
    """A web page by its first tag (a byte-order mark and blank space before it)."""
    head = data[:512].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if not head.startswith((b"<!doctype html", b"<html", b"<?xml")):
        return False
    return b"<html" in data[:4096].lower()


def _our_workbook(data: bytes) -> bool:
    """Whether an .xlsx is hyoka-parse's own tables (export.to_xlsx sets this title)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            info = book.getinfo("docProps/core.xml")
            if info.file_size > 1 << 16:  # a title is not that long; do not inflate a bomb
                return False
            return b"<dc:title>hyoka-parse tables</dc:title>" in book.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def _office_kind(data: bytes) -> str | None:
    if b"word/" in data[:4096]:
        return "a Word (.docx)"
    if b"xl/" in data[:4096]:
        return "an Excel (.xlsx)"
    if b"ppt/" in data[:4096]:
        return "a PowerPoint (.pptx)"
    return None

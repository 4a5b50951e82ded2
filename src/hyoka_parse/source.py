"""Pipeline stage 1: read an input into numbered lines.

A source yields ``Line`` objects that keep the 1-based line number of the extracted
text and, where known, the 1-based page. Text input knows pages only when the
extractor marked them with form feeds (as pdftotext does).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from hyoka_parse.errors import InputError
from hyoka_parse.layout.model import Line, SourceDoc
from hyoka_parse.vocab import LINE_BREAK, fold_text

__all__ = ["Line", "SourceDoc", "open_source", "read_bytes", "text_source"]


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP932."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                "the file starts with a UTF-16 mark but is not valid UTF-16",
                "save it again as UTF-8",
            ) from exc
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp932")
            except UnicodeDecodeError as exc:
                raise InputError(
                    "the text is neither UTF-8, UTF-16 (with BOM) nor CP932/Shift_JIS",
                    "convert it to UTF-8 or pass the original PDF",
                ) from exc
    if "\x00" in text:
        raise InputError(
            "the text contains NUL bytes, so it is a binary file or UTF-16 without a BOM",
            "pass a PDF or a UTF-8 text file",
        )
    return text


def split_lines(text: str) -> list[Line]:
    """Split into lines, each folded once (``vocab.fold_text``); a form feed starts a new
    page (pdftotext marks pages so). U+2028/2029, NEL and VT end a line like ``\\n``."""
    has_pages = "\f" in text
    lines: list[Line] = []
    page = 1
    for no, raw in enumerate(LINE_BREAK.split(text), start=1):
        if has_pages and "\f" in raw:
            # pdftotext starts a page's first line with the form feed; texts of pages joined
            # with form feeds (pdfplumber, pdfium) put it after the last line's text.
            *ends, raw = raw.split("\f")
            for end in ends:
                if end:
                    lines.append(Line(no=no, page=page, text=fold_text(end)))
                page += 1
        lines.append(Line(no=no, page=page if has_pages else None, text=fold_text(raw)))
    if lines and lines[-1].text == "" and LINE_BREAK.search(text[-1:]):
        lines.pop()
    return lines


def text_source(data: bytes, path: str) -> SourceDoc:
    if not data.strip():
        raise InputError(f"{path} is empty", "pass a 政策評価書 as PDF or extracted text")
    text = decode_text(data)
    lines = split_lines(text)
    pages = lines[-1].page if lines and lines[-1].page is not None else None
    # The reader the text needs, sniffed (layout.text_readers); imported here because the
    # readers use normalize and text, which import this module.
    from hyoka_parse.layout.text_readers import read_lines

    lines, furniture, warnings = read_lines(lines)
    return SourceDoc(
        path=path,
        format="text",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        lines=lines,
        furniture=furniture,
        warnings=warnings,
    )


def read_bytes(path: str) -> bytes:
    """Read a file, or standard input for ``-``, turning OS errors into one clear line."""
    if path == "-":
        import sys

        return sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file", "check the path")
    if p.is_dir():
        raise InputError(f"{path} is a folder", "pass a file (or use 'hyoka-parse batch')")
    try:
        return p.read_bytes()
    except OSError as exc:
        raise InputError(
            f"{path}: cannot be read ({exc.strerror})", "check its permissions"
        ) from exc


def open_source(
    path: str,
    data: bytes | None = None,
    jobs: int | None = None,
    max_pages: int | None = None,
    on_page: Callable[[int, int], None] | None = None,
    pages: list[int] | None = None,
) -> SourceDoc:
    """Read ``path`` (or the given bytes) as a PDF or a text source, by its content.

    ``pages``: only these 1-based pages (a PDF's, or a text's form-feed pages)."""
    from hyoka_parse.sniff import refuse_foreign, refuse_url

    if data is None:
        refuse_url(path)
        data = read_bytes(path)
    if not data.strip():
        raise InputError(f"{path} is empty", "pass a 政策評価書 as PDF or extracted text")
    refuse_foreign(path, data)
    if data[:1024].lstrip().startswith(b"%PDF-"):
        from hyoka_parse.pdf import DEFAULT_MAX_PAGES, pdf_source

        return pdf_source(data, path, jobs, max_pages or DEFAULT_MAX_PAGES, on_page, pages)
    if path.lower().endswith(".pdf"):
        raise InputError(
            f"{path} is named .pdf but is not a PDF (no %PDF header)",
            "pass the original PDF or its extracted text",
        )
    doc = text_source(data, "<stdin>" if path == "-" else path)
    return doc if pages is None else _keep_pages(doc, pages)


def _keep_pages(doc: SourceDoc, pages: list[int]) -> SourceDoc:
    """Only the lines of ``pages``; a text without form feeds has no pages to pick."""
    if doc.pages is None:
        raise InputError(
            f"{doc.path} has no page marks (form feeds)",
            "--pages needs a PDF or a text extracted with page breaks (pdftotext)",
        )
    if pages[-1] > doc.pages:
        raise InputError(f"{doc.path} has {doc.pages} pages, no page {pages[-1]}", "fix --pages")
    wanted = set(pages)
    doc.lines = [ln for ln in doc.lines if ln.page in wanted]
    return doc

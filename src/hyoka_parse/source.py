"""Pipeline stage 1: read an input into numbered lines.

A source yields ``Line`` objects that keep the 1-based line number of the extracted
text and, where known, the 1-based page. Text input knows pages only when the
extractor marked them with form feeds (as pdftotext does).
"""

from __future__ import annotations

import codecs
import hashlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from hyoka_parse.errors import InputError

_NEWLINE = regex.compile(r"\r\n|\r|\n")
_NEWLINE_BYTES = regex.compile(rb"\r\n|\r|\n")


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the extracted text
    page: int | None  # 1-based PDF page, None when unknown
    text: str  # as extracted, trailing spaces kept: in extracted text they mark paragraph ends
    key: str = ""  # normalised for heading detection (set by the normaliser)
    # Known from the layout (PDF): whether a paragraph ends here; None when only text is known.
    para_end: bool | None = None
    # Known from the layout (PDF): the cell texts when the line is a row of a table grid.
    cells: list[str] | None = None
    # Known from the layout (PDF): where the line stands on its page (x0, top, x1, bottom).
    bbox: tuple[float, float, float, float] | None = None


@dataclass(slots=True)
class SourceDoc:
    path: str
    format: str  # "text" | "pdf"
    sha256: str
    pages: int | None
    lines: list[Line] = field(default_factory=list)
    furniture: list[tuple[str, Line, str]] = field(default_factory=list)  # dropped by the reader
    notes: list[tuple[str, int | None, str]] = field(default_factory=list)  # code, line, message


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP932 (see decode)."""
    return decode(data)[0]


def decode(data: bytes) -> tuple[str, list[int]]:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP932.

    Returns the text and the byte offsets of bytes that were no UTF-8, each replaced
    with U+FFFD: a UTF-8 text with a stray byte (one in 658 KB, issue 11) is read, not
    refused. It is taken for UTF-8 when such bytes are under 1% of its non-ASCII bytes;
    otherwise it is CP932 or refused. Raises InputError."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, bad = _lenient_utf8(data[3:])
        bad = [offset + 3 for offset in bad]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, bad = data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise InputError(
                "the file starts with a UTF-16 mark but is not valid UTF-16",
                "save it again as UTF-8",
            ) from exc
    else:
        text, bad = _utf8_or_cp932(data)
    if "\x00" in text:
        raise InputError(
            "the text contains NUL bytes, so it is a binary file or UTF-16 without a BOM",
            "pass a PDF or a UTF-8 text file",
        )
    return text, bad


def _utf8_or_cp932(data: bytes) -> tuple[str, list[int]]:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text, bad = _lenient_utf8(data)
    non_ascii = sum(1 for byte in data if byte >= 0x80) if len(data) < 2**16 else _high(data)
    if len(bad) * 100 <= non_ascii:
        return text, bad
    try:
        return data.decode("cp932"), []
    except UnicodeDecodeError as exc:
        raise InputError(
            "the text is neither UTF-8, UTF-16 (with BOM) nor CP932/Shift_JIS",
            "convert it to UTF-8 or pass the original PDF",
        ) from exc


def _high(data: bytes) -> int:
    """Bytes at or over 0x80 (fast for large inputs)."""
    return len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))


_REPLACED: list[int] = []  # byte offsets, filled by the error handler below


def _record_and_replace(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _REPLACED.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error("hyoka-replace", _record_and_replace)


def _lenient_utf8(data: bytes) -> tuple[str, list[int]]:
    """UTF-8 with each invalid sequence replaced by U+FFFD; their byte offsets."""
    _REPLACED.clear()
    text = data.decode("utf-8", errors="hyoka-replace")
    bad = list(_REPLACED)
    _REPLACED.clear()
    return text, bad


def split_lines(text: str) -> list[Line]:
    """Split into lines; a form feed starts a new page (pdftotext marks pages so)."""
    has_pages = "\f" in text
    lines: list[Line] = []
    page = 1
    for no, raw in enumerate(_NEWLINE.split(text), start=1):
        if has_pages and "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        lines.append(Line(no=no, page=page if has_pages else None, text=raw))
    if lines and lines[-1].text == "" and text.endswith(("\n", "\r")):
        lines.pop()
    return lines


def text_source(data: bytes, path: str) -> SourceDoc:
    if not data.strip():
        raise InputError(f"{path} is empty", "pass a 政策評価書 as PDF or extracted text")
    text, bad = decode(data)
    lines = split_lines(text)
    pages = lines[-1].page if lines and lines[-1].page is not None else None
    return SourceDoc(
        path=path,
        format="text",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        lines=lines,
        notes=_undecodable_notes(data, bad),
    )


def _undecodable_notes(data: bytes, bad: list[int]) -> list[tuple[str, int | None, str]]:
    """One warning per line that had bytes replaced (the first 20 lines; then a count)."""
    if not bad:
        return []
    ends = [m.end() for m in _NEWLINE_BYTES.finditer(data)]
    by_line: dict[int, int] = {}
    for offset in bad:
        line_no = bisect_right(ends, offset) + 1
        by_line[line_no] = by_line.get(line_no, 0) + 1
    notes: list[tuple[str, int | None, str]] = [
        ("undecodable_bytes", no, f"line {no}: {n} byte(s) not UTF-8, replaced with U+FFFD")
        for no, n in list(by_line.items())[:20]
    ]
    if len(by_line) > 20:
        notes.append(
            ("undecodable_bytes", None, f"{len(by_line) - 20} more line(s) with such bytes")
        )
    return notes


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


def is_pdf(data: bytes) -> bool:
    """A PDF by its content: ``%PDF-`` within the first KB (after blank space)."""
    return data[:1024].lstrip().startswith(b"%PDF-")


def open_source(
    path: str,
    data: bytes | None = None,
    jobs: int | None = None,
    max_pages: int | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> SourceDoc:
    """Read ``path`` (or the given bytes) as a PDF or a text source, by its content."""
    if data is None:
        data = read_bytes(path)
    if not data.strip():
        raise InputError(f"{path} is empty", "pass a 政策評価書 as PDF or extracted text")
    if is_pdf(data):
        from hyoka_parse.pdf import DEFAULT_MAX_PAGES, pdf_source

        return pdf_source(
            data, path, jobs=jobs, max_pages=max_pages or DEFAULT_MAX_PAGES, on_page=on_page
        )
    if path.lower().endswith(".pdf"):
        raise InputError(
            f"{path} is named .pdf but is not a PDF (no %PDF header)",
            "pass the original PDF or its extracted text",
        )
    return text_source(data, "<stdin>" if path == "-" else path)

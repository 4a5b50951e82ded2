"""Pipeline stage 1: read an input into numbered lines.

A source yields ``Line`` objects that keep the 1-based line number of the extracted
text and, where known, the 1-based page. Text input knows pages where the
extractor marked them with form feeds (as pdftotext does) or pdfium's pages were joined by
bare LFs; layout.text_pages infers them from printed page numbers otherwise.
"""

from __future__ import annotations

import codecs
import hashlib
from bisect import bisect_right
from pathlib import Path

import regex

from hyoka_parse.diagnostics import UNDECODABLE_BYTES
from hyoka_parse.errors import InputError
from hyoka_parse.layout.model import Line, SourceDoc
from hyoka_parse.layout.text_pages import joined_page_ends
from hyoka_parse.options import ReadOptions
from hyoka_parse.vocab import LINE_BREAK, expand_tabs, fold_text, middle_dots

__all__ = ["STDIN", "Line", "SourceDoc", "input_name", "open_source", "read_bytes", "text_source"]

#: What standard input (``-``) is called wherever a path would stand: ``source.path``, the
#: tables' ``source_path``, warnings' locations, error lines (as Python and compilers do).
STDIN = "<stdin>"


def input_name(path: str) -> str:
    """The name of an input in output and messages: ``<stdin>`` for ``-``."""
    return STDIN if path == "-" else path

_NEWLINE_BYTES = regex.compile(rb"\r\n|\r|\n")


class NotTextError(InputError):
    """Bytes that decode as no text this tool reads (binary, or an unknown encoding)."""


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP932 (see decode)."""
    return decode(data)[0]


def decode(data: bytes) -> tuple[str, list[int]]:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or CP932.

    Returns the text and the byte offsets of bytes that were no UTF-8, each replaced
    with U+FFFD: a UTF-8 text with a stray byte (one in 658 KB, issue 11) is read, not
    refused. It is taken for UTF-8 when such bytes are under 1% of its non-ASCII bytes;
    otherwise it is CP932 or refused. Raises NotTextError (an InputError)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, bad = _lenient_utf8(data[3:])
        bad = [offset + 3 for offset in bad]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, bad = data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise NotTextError(
                "the file starts with a UTF-16 mark but is not valid UTF-16",
                "save it again as UTF-8",
            ) from exc
    else:
        text, bad = _utf8_or_cp932(data)
    if "\x00" in text:
        raise NotTextError(
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
        raise NotTextError(
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
    """Split into lines, each folded once (``vocab.fold_text``); a form feed starts a new
    page (pdftotext marks pages so), as does a bare LF in pdfium's CRLF text
    (``text_pages.joined_page_ends``). U+2028/2029, NEL and VT end a line like ``\\n``."""
    text = middle_dots(text)
    joined = joined_page_ends(text)  # pdfium's pages joined by bare LFs (text_pages)
    has_pages = "\f" in text or bool(joined)
    lines: list[Line] = []
    page = 1
    for no, line in enumerate(LINE_BREAK.split(text), start=1):
        if no - 2 in joined:
            page += 1
        # Tabs first, the form feed counting one column as expand(1) and unexpand count it.
        raw = expand_tabs(line)
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
    # pdftotext ends every page with a form feed, the last one too: what follows the last
    # form feed is a page only when it holds text.
    while has_pages and lines and lines[-1].page != 1 and not lines[-1].text.strip():
        if any(ln.text.strip() for ln in lines if ln.page == lines[-1].page):
            break
        lines.pop()
    return lines


def text_source(data: bytes, path: str) -> SourceDoc:
    if not data.strip():
        raise InputError(f"{path} is empty", "pass a 政策評価書 as PDF or extracted text")
    try:
        text, bad = decode(data)
    except NotTextError as exc:  # name the file: a batch run has many
        raise NotTextError(f"{path}: {exc.message}", exc.hint) from exc
    refuse_widened(text, path)
    refuse_replaced(text, path)
    refuse_folded(text, path)
    lines = split_lines(text)
    undecodable = _undecodable(data, bad, lines)  # by the lines as extracted
    # The reader the text needs, sniffed (layout.text_readers); imported here because the
    # readers use normalize and text, which import this module.
    from hyoka_parse.layout.text_readers import read_lines

    last = lines[-1] if lines else None
    # Pages are set on these same lines where the text has none marked (layout.text_pages).
    lines, furniture, warnings, unknown = read_lines(lines)
    pages = last.page if last is not None and not unknown else None
    return SourceDoc(
        path=path,
        format="text",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=pages,
        lines=lines,
        furniture=furniture,
        warnings=[*undecodable, *warnings],
        unknown_pages=unknown,
    )


# Printable ASCII, and its full-width forms (ＡＢＣ１２３：／): a text with many of the latter
# and none of the former was written in JIS X 0208 (Shift-JIS, EUC-JP), which has no ASCII.
_ASCII = regex.compile(r"[!-~]")
_WIDENED = regex.compile(r"[\uff01-\uff5e]")
WIDENED_MIN = 50  # full-width forms: a report prints hundreds (dates, URLs, amounts)


def refuse_widened(text: str, path: str) -> None:
    """Refuse an extracted text written in JIS X 0208 (``pdftotext -enc Shift-JIS``/``EUCJP``).

    Such a text has no ASCII at all: every Latin letter, digit and space is widened to its
    full-width form (``2,879`` → ``２，８７９``, ``https://`` → ``ｈｔｔｐｓ：／／``, -layout
    padding → U+3000, which doubles every column's display width), and what the set lacks is
    dropped: ``－`` (U+FF0D; measure numbers ``２－１`` read ``２１``, empty table cells vanish
    and amounts move to other years), ``～``, ``①``, ``Ⅱ``. A 政策評価書 always prints ASCII
    (amounts, URLs, page numbers), so none among many full-width forms is the sign, whatever
    the encoding the text came in; a CP932 text that kept its ASCII is read.

    Raises InputError (exit 2)."""
    if _ASCII.search(text) or len(_WIDENED.findall(text)) < WIDENED_MIN:
        return
    raise InputError(
        f"{path}: the text was written in a character set without ASCII (JIS X 0208, as "
        "pdftotext -enc Shift-JIS writes): Latin letters and digits are widened and characters "
        "it lacks (－ ～ ① Ⅱ) are lost, so values would move",
        "extract the text again as UTF-8 (pdftotext -enc UTF-8), or pass the PDF",
    )


# A replacement mark standing between two digits: where the report prints － (測定指標１－１,
# 施策Ⅱ－１'s numbers) or ～ (ranges of years). An encoder told to replace what its set lacks
# writes ``?`` (Python's and iconv's "replace", Windows' best fit) or 〓 (U+3013, the geta mark
# JIS gives for a character that cannot be shown; nkf), and no prose puts either between digits.
_REPLACED_SLOT = regex.compile(r"[0-9０-９][?？〓]+[0-9０-９]")
# A URL's query (``page?2=1``) may put an ASCII ``?`` between ASCII digits: such a slot counts
# from two lines on. One with a full-width digit or 〓 is the report's own numbering.
_ASCII_SLOT = regex.compile(r"[0-9][?]+[0-9]")


# Kana and kanji: a text holding this many is long enough to show the report's full-width
# forms (measure numbers １－１, 令和２年度, 達成手段①), which every page prints.
_JAPANESE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
FOLDED_MIN = 2000
_REPORT_FORMS = regex.compile(r"[\uff01-\uff5e\u2460-\u2473\u3000]")


def refuse_folded(text: str, path: str) -> None:
    """Refuse an extracted text that was NFKC-normalised: it holds no full-width form at all
    (no ０-９, no （）, no －, no ideographic space, no ①), which a 政策評価書 prints on every
    page. NFKC turns the circled numbers into digits (``①３か国`` → ``13か国``: a breaker's
    trial read 13 under 2017) and ``－`` into ``-``, so values would change.

    Raises InputError (exit 2)."""
    if "測定指標" not in text or _REPORT_FORMS.search(text):
        return  # no report (said later as such), or one that kept its forms
    if len(_JAPANESE.findall(text[:200_000])) < FOLDED_MIN:
        return
    raise InputError(
        f"{path}: the text was normalised (NFKC: no full-width character is left), which "
        "turns the report's circled numbers into digits (①３か国 → 13か国), so values would change",
        "pass the text as the extractor wrote it, or the PDF",
    )


def refuse_replaced(text: str, path: str) -> None:
    """Refuse an extracted text whose characters outside JIS X 0208 were replaced with ``?``
    or ``〓`` (``text.encode("shift_jis", "replace")``, ``iconv``, ``nkf``): the report's
    ``－`` (every 測定指標 number, the empty cells of its tables), ``～``, ``①`` and ``Ⅱ`` are
    lost, so ids read ``１?１`` and values move to other measures and years (a breaker's
    trial: 28.86 % of the values right, exit 0). The sign is a mark between two digits, where
    the report has its numbers' hyphens; a ``?`` in prose (the corpus text prints ``何？``)
    is no sign.

    Raises InputError (exit 2)."""
    slots = list(_REPLACED_SLOT.finditer(text))
    ascii_lines = {text.count("\n", 0, m.start()) for m in slots if _ASCII_SLOT.fullmatch(m[0])}
    if len(ascii_lines) < 2 and all(_ASCII_SLOT.fullmatch(m[0]) for m in slots):
        return
    first = slots[0]
    no = text.count("\n", 0, first.start()) + 1
    raise InputError(
        f"{path}: the text had characters its encoding cannot hold replaced with ? or 〓 "
        f"(line {no}: {first[0]}, where the report prints its numbers' －), so ids and "
        "values would move",
        "extract the text again as UTF-8 (pdftotext -enc UTF-8), or pass the PDF",
    )


def _undecodable(data: bytes, bad: list[int], lines: list[Line]) -> list[tuple[str, str, Line]]:
    """One warning per line that had bytes replaced (the first 20 lines; then a count)."""
    if not bad:
        return []
    ends = [m.end() for m in _NEWLINE_BYTES.finditer(data)]
    by_line: dict[int, int] = {}
    for offset in bad:
        line_no = bisect_right(ends, offset) + 1
        by_line[line_no] = by_line.get(line_no, 0) + 1

    def at(no: int | None) -> Line:
        return lines[no - 1] if no and no <= len(lines) else Line(no or 0, None, "")

    notes = [
        (UNDECODABLE_BYTES, f"line {no}: {n} byte(s) not UTF-8, replaced with U+FFFD", at(no))
        for no, n in list(by_line.items())[:20]
    ]
    if len(by_line) > 20:
        more = f"{len(by_line) - 20} more line(s) with such bytes"
        notes.append((UNDECODABLE_BYTES, more, Line(0, None, "")))
    return notes


# The largest input read (a whole ministry's reports concatenated is some tens of MB); past
# it, an input is refused before it exhausts memory (an endless device such as /dev/zero,
# ``yes | hyoka-parse -``).
MAX_INPUT_BYTES = 512 * 2**20


def read_bytes(path: str) -> bytes:
    """Read a file, or standard input for ``-``, turning OS errors into one clear line.

    Raises InputError for a missing, unreadable or folder path, and for an input larger
    than ``MAX_INPUT_BYTES`` (512 MB)."""
    if path == "-":
        import sys

        return _capped(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), STDIN)
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file", "check the path")
    if p.is_dir():
        raise InputError(f"{path} is a folder", "pass a file (or use 'hyoka-parse batch')")
    try:
        with p.open("rb") as fh:
            return _capped(fh.read(MAX_INPUT_BYTES + 1), path)
    except OSError as exc:
        raise InputError(
            f"{path}: cannot be read ({exc.strerror})", "check its permissions"
        ) from exc


def _capped(data: bytes, name: str) -> bytes:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{name} is larger than {MAX_INPUT_BYTES // 2**20} MB (or endless, a device)",
            "pass one report's PDF or text",
        )
    return data


def is_pdf(data: bytes) -> bool:
    """A PDF by its content, whatever its name: ``%PDF-`` within the first 1024 bytes,
    where PDF readers look for it (PDF Reference 1.7, implementation note 13 of
    appendix H; pdfium and pdfminer open such a file too)."""
    return b"%PDF-" in data[:1024]


def open_source(
    path: str, data: bytes | None = None, options: ReadOptions | None = None
) -> SourceDoc:
    """Read ``path`` (or the given bytes) as a PDF or a text source, by its content.

    ``options.pages``: only these 1-based pages (a PDF's, or a text's form-feed pages);
    the other options apply to PDFs."""
    from hyoka_parse.sniff import refuse_foreign, refuse_url

    if data is None:
        refuse_url(path)
        data = read_bytes(path)
    path = input_name(path)
    if not data.strip():
        raise InputError(f"{path} is empty", "pass a 政策評価書 as PDF or extracted text")
    refuse_foreign(path, data)
    if is_pdf(data):
        from hyoka_parse.pdf import pdf_source

        return pdf_source(data, path, options)
    try:
        doc = text_source(data, path)
    except NotTextError as exc:
        if not path.lower().endswith(".pdf"):
            raise
        raise InputError(  # named .pdf, read as text by its content, and no text either
            f"{path} is not a PDF (no %PDF- header in its first KB) and not a text",
            "it is damaged or another kind of file: pass the original PDF",
        ) from exc
    pages = options.pages if options else None
    return doc if pages is None else _keep_pages(doc, pages)


def _keep_pages(doc: SourceDoc, pages: list[int]) -> SourceDoc:
    """Only the lines of ``pages``; a text without pages (form feeds, or printed page numbers
    to infer them from) has none to pick."""
    if doc.pages is None:
        raise InputError(
            f"{doc.path} has no page marks (form feeds) and no printed page numbers",
            "--pages needs a PDF or a text extracted with page breaks (pdftotext)",
        )
    if pages[-1] > doc.pages:
        raise InputError(f"{doc.path} has {doc.pages} pages, no page {pages[-1]}", "fix --pages")
    wanted = set(pages)
    doc.lines = [ln for ln in doc.lines if ln.page in wanted]
    doc.read_pages = pages  # what follows a page left out runs on from nothing (pages.py)
    return doc

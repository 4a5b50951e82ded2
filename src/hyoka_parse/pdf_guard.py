"""Ceilings on what a PDF may make pdfminer do: inflate, count, log.

pdfminer is pure Python and trusts the file. A few KB of a crafted PDF can inflate to
gigabytes (Flate, LZW, RunLength), declare hundreds of millions of objects, or make
pdfminer log hundreds of lines. These guards refuse such files cheaply, before pages are
built; what they cannot foresee (loops, quadratic parsing) the sandbox's time and memory
limits end (see ``hyoka_parse.sandbox``). Rules from issue 11 and its crafted files.
"""

from __future__ import annotations

import logging
import sys
import zlib
from typing import Any

from hyoka_parse.errors import InputError

MAX_OBJECTS = 2_000_000  # a 2000-page report has some 100,000; more is a crafted file
MAX_STREAM_BYTES = 256 * 2**20  # what one compressed stream may inflate to
MAX_DOCUMENT_BYTES = 512 * 2**20  # what all streams of a document may inflate to, together


class StreamTooLarge(Exception):
    pass


class _Budget:
    """Inflated bytes left for the document being read: in this process, or shared by
    the page workers of one document (``share_budget``, ``adopt_budget``)."""

    left = MAX_DOCUMENT_BYTES
    shared: Any = None  # a multiprocessing Value of bytes left

    @classmethod
    def reset(cls) -> None:
        if cls.shared is None:
            cls.left = MAX_DOCUMENT_BYTES

    @classmethod
    def ceiling(cls) -> int:
        """What the next stream may inflate to."""
        left = cls.left if cls.shared is None else cls.shared.value
        return max(0, min(MAX_STREAM_BYTES, left))

    @classmethod
    def take(cls, n: int) -> None:
        if cls.shared is None:
            if n > cls.ceiling():
                raise StreamTooLarge
            cls.left -= n
            return
        with cls.shared.get_lock():
            if n > cls.ceiling():
                raise StreamTooLarge
            cls.shared.value -= n


def share_budget(context: Any) -> Any:
    """What is left of this document's budget, as a Value for its page workers."""
    return context.Value("q", _Budget.left)


def adopt_budget(shared: Any) -> None:
    """In a page worker: draw on the document's shared budget."""
    _Budget.shared = shared


class _BoundedZlib:
    """zlib for pdfminer, with the ceilings above."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        d = zlib.decompressobj()
        out = d.decompress(data, _Budget.ceiling() + 1)
        if d.unconsumed_tail:
            raise StreamTooLarge
        out += d.flush()
        _Budget.take(len(out))
        return out


def _decompress_corrupted(data: bytes) -> bytes:
    """Inflate a stream whose checksum is wrong, keeping what comes before it.

    pdfminer's own version feeds one byte at a time into a growing bytes object, which
    is quadratic (a 32 MB stream: hours). Here chunks go in whole, and only the chunk
    that fails is fed again byte by byte. As in pdfminer, an error before the last four
    bytes (the checksum) raises zlib.error."""
    d = zlib.decompressobj()
    out = bytearray()
    step = 1 << 16
    for start in range(0, len(data), step):
        chunk = data[start : start + step]
        saved = d.copy()
        try:
            out += d.decompress(chunk)
        except zlib.error:
            d = saved
            for i in range(len(chunk)):
                try:
                    out += d.decompress(chunk[i : i + 1])
                except zlib.error:
                    if start + i < len(data) - 3:
                        raise
                    break
            break
        if len(out) > _Budget.ceiling():
            raise StreamTooLarge
    _Budget.take(len(out))
    return bytes(out)


def _lzwdecode(data: bytes) -> bytes:
    """LZW as pdfminer's LZWDecoder reads it (9 to 12 bits, early change), under the
    ceilings. pdfminer's own logs the whole table at every code (quadratic) and has no
    bound: 100 KB of crafted codes make 300 MB in minutes. Stops at corrupt data."""
    out = bytearray()
    ceiling = _Budget.ceiling()
    table: list[bytes] = []
    prev = b""
    nbits, buf, held, i = 9, 0, 0, 0
    while True:
        while held < nbits and i < len(data):
            buf, held, i = (buf << 8) | data[i], held + 8, i + 1
        if held < nbits:
            break
        held -= nbits
        code = (buf >> held) & ((1 << nbits) - 1)
        buf &= (1 << held) - 1
        if code == 256:
            table = [bytes((c,)) for c in range(256)] + [b"", b""]
            prev, nbits = b"", 9
            continue
        if code == 257:
            continue
        if not prev:
            if code >= len(table):
                break
            x = prev = table[code]
        else:
            if code < len(table):
                x = table[code]
                table.append(prev + x[:1])
            elif code == len(table):
                table.append(prev + prev[:1])
                x = table[code]
            else:
                break
            nbits = {511: 10, 1023: 11, 2047: 12}.get(len(table), nbits)
            prev = x
        out += x
        if len(out) > ceiling:
            raise StreamTooLarge
    _Budget.take(len(out))
    return bytes(out)


def _rldecode(data: bytes) -> bytes:
    """RunLength (PDF 1.7 §7.4.5): a length byte n, then n+1 literal bytes (n < 128) or
    one byte repeated 257-n times (n > 128); 128 ends the data."""
    out = bytearray()
    ceiling = _Budget.ceiling()
    i = 0
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1 : i + 2 + n]
            i += 2 + n
        else:
            out += data[i + 1 : i + 2] * (257 - n)
            i += 2
        if len(out) > ceiling:
            raise StreamTooLarge
    _Budget.take(len(out))
    return bytes(out)


MAX_HOPS = 64  # references followed to reach one object; real files need one or two


class ReferenceLoop(Exception):
    """An object that refers to itself, directly or through others (6 0 R in object 6)."""


def _resolve1(x: Any, default: Any = None) -> Any:
    """pdfminer's resolve1, which follows a loop of references for ever."""
    from pdfminer.pdftypes import PDFObjRef

    for _ in range(MAX_HOPS):
        if not isinstance(x, PDFObjRef):
            return x
        x = x.resolve(default=default)
    if isinstance(x, PDFObjRef):
        raise ReferenceLoop(f"object {x.objid} refers back to itself")
    return x


def _resolve_all(x: Any, default: Any = None) -> Any:
    """pdfminer's resolve_all (dicts resolved in place, as there), without its loop."""
    x = _resolve1(x, default)
    if isinstance(x, list):
        return [_resolve_all(v, default) for v in x]
    if isinstance(x, dict):
        for k, v in x.items():
            x[k] = _resolve_all(v, default)
    return x


def _bound_references() -> None:
    """Put the bounded resolvers wherever pdfminer's were imported by name."""
    import pdfminer.pdftypes as pdftypes

    originals = {"resolve1": pdftypes.resolve1, "resolve_all": pdftypes.resolve_all}
    if originals["resolve1"] is _resolve1:
        return
    bounded = {"resolve1": _resolve1, "resolve_all": _resolve_all}
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("pdfminer", "pdfplumber")):
            continue
        for attr, original in originals.items():
            if getattr(module, attr, None) is original:
                setattr(module, attr, bounded[attr])


def quiet_dependencies() -> None:
    """pdfminer and pdfplumber log through ``logging``; without a handler Python prints
    their warnings on stderr (up to hundreds of lines for one file). Drop them."""
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def install() -> None:
    """Put the ceilings into pdfminer and start a new document's budget."""
    import pdfminer.pdftypes as pdftypes

    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _decompress_corrupted  # type: ignore[assignment]
    pdftypes.lzwdecode = _lzwdecode  # type: ignore[assignment]
    pdftypes.rldecode = _rldecode  # type: ignore[assignment]
    _bound_references()
    quiet_dependencies()
    _Budget.reset()


def census(doc: Any, path: str, max_pages: int | None = None) -> int:
    """Objects and pages as the xref and the page tree declare them, without building a page.

    ``doc`` is a pdfminer PDFDocument. Returns the declared page count (/Count of the page
    tree root, 0 when absent). Raises InputError beyond MAX_OBJECTS or ``max_pages``."""
    from pdfminer.pdftypes import resolve1

    objects = 0
    for xref in doc.xrefs:
        ranges = getattr(xref, "ranges", None)  # an xref stream: (first, count) pairs
        objects += sum(int(n) for _, n in ranges) if ranges is not None else len(xref.offsets)
    if objects > MAX_OBJECTS:
        raise InputError(
            f"{path} declares {objects:,} objects, more than {MAX_OBJECTS:,}",
            "this is no ordinary report; check the file",
        )
    root = resolve1(doc.catalog.get("Pages"))
    count = resolve1(root.get("Count")) if isinstance(root, dict) else None
    pages = count if isinstance(count, int) and count > 0 else 0
    if max_pages is not None and pages > max_pages:
        raise InputError(
            f"{path} has {pages} pages, more than --max-pages {max_pages}", "raise --max-pages"
        )
    return pages


def too_large(path: str) -> InputError:
    return InputError(
        f"{path} has compressed streams that inflate beyond {MAX_STREAM_BYTES // 2**20} MB "
        f"(one) or {MAX_DOCUMENT_BYTES // 2**20} MB (all)",
        "this is no ordinary report; check the file",
    )


def encrypted(path: str) -> InputError:
    """A PDF that needs a password (either engine)."""
    return InputError(
        f"{path} is encrypted and needs a password",
        "open it with the password and save an unprotected copy",
    )


def damaged(path: str, what: str) -> InputError:
    """A PDF an engine cannot open; ``what``: the error's name."""
    return InputError(
        f"{path} is a damaged or truncated PDF ({what})", "get a complete copy of the file"
    )


def causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps (pdfplumber wraps pdfminer's errors)."""
    out: list[BaseException] = []
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or any(e is o for o in out):
            continue
        out.append(e)
        todo += [e.__cause__, e.__context__, *(a for a in e.args if isinstance(a, BaseException))]
    return out

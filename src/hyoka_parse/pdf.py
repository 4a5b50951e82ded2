"""Pipeline stage 1 for PDFs: open the file, read its pages (in one process or several)
with ``layout.pdf_page``, and join them into one ``SourceDoc``.

Across pages: running headers and footers (free lines repeated at the same height) become
furniture; a paragraph cut by the page end runs on when its next line would not have fitted;
a grid row that a page break splits (Word and LibreOffice let a row break across pages) is
joined cell by cell with its continuation, and a header row repeated on the next page is
dropped.
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hyoka_parse import pdf_guard
from hyoka_parse.errors import InputError
from hyoka_parse.layout.model import Line, SourceDoc
from hyoka_parse.layout.page_breaks import cut_at_end, join_tables, mark_kinsoku, run_on
from hyoka_parse.layout.pdf_page import PageResult, emit, read_page
from hyoka_parse.options import DEFAULT_MAX_PAGES, ReadOptions
from hyoka_parse.pdf_guard import StreamTooLarge

__all__ = ["DEFAULT_MAX_PAGES", "extract_pages", "open_document", "pdf_source"]


def open_document(data: bytes, path: str, engine: str, max_pages: int | None = None) -> Any:
    """Open a PDF with ``engine`` (``layout/engine_<engine>.py``): a ``Document`` whose
    ``read(index)`` gives ``PageObjects``. Raises InputError for a file it cannot open."""
    module = importlib.import_module(f"hyoka_parse.layout.engine_{engine}")
    return module.open_document(data, path, max_pages)


# --- whole documents, in one process or several ---

_DATA: bytes | None = None


def _init_worker(data: bytes) -> None:
    global _DATA
    _DATA = data
    reset_signals()


def reset_signals() -> None:
    """In a worker: let the pool stop it with SIGTERM, and leave Ctrl-C to the parent."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_page(doc: Any, index: int, path: str) -> PageResult:
    try:
        objects = doc.read(index)
        return read_page(objects, objects.number)
    except InputError:
        raise
    except Exception as exc:
        if any(isinstance(e, StreamTooLarge) for e in pdf_guard.causes(exc)):
            raise pdf_guard.too_large(path) from exc
        raise InputError(
            f"{path}: page {index + 1} cannot be read ({type(exc).__name__})",
            "the PDF may be damaged; get a complete copy",
        ) from exc


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while pages are read: they make hundreds
    of thousands of small objects (a dict per character) that live on and hold no
    cycles, which the collector would walk again and again (some 3 % of the CPU time of
    a parse, issue 12). What was enabled is enabled again. Used in the page workers only."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract_range(args: tuple[list[int], str, str]) -> list[PageResult]:
    indexes, path, engine = args
    assert _DATA is not None
    doc = open_document(_DATA, path, engine)
    try:
        with _collector_paused():
            return [_read_page(doc, i, path) for i in indexes]
    finally:
        doc.close()


def _chunks(n: int, jobs: int, engine: str) -> list[tuple[int, int]]:
    """Page ranges for ``jobs`` workers, each opening the document anew. With pdfium, which
    opens one in well under a millisecond, 16 small ranges a worker: when one worker is
    done, the others are nearly done too. pdfplumber takes tens of milliseconds to open
    one (pdfminer reads the xref and the page tree): 4 ranges a worker."""
    size = max(1, -(-n // (jobs * (16 if engine == "pdfium" else 4))))
    return [(i, min(n, i + size)) for i in range(0, n, size)]


def extract_pages(data: bytes, path: str, options: ReadOptions | None = None) -> list[PageResult]:
    """Read every page (or the 1-based ``options.pages``), in this process or in
    ``options.jobs`` processes, with ``options.engine``; the same either way.

    Raises InputError; also when a page worker dies (the OOM killer): never a hang."""
    from hyoka_parse import sandbox

    options = options or ReadOptions()
    max_pages, on_page = options.max_pages, options.on_page
    doc = open_document(data, path, options.engine, max_pages)
    try:
        indexes = _page_indexes(doc.pages, options.pages, path)
        n = len(indexes)
        if n > max_pages:
            raise InputError(
                f"{path} has {n} pages, more than --max-pages {max_pages}", "raise --max-pages"
            )
        sandbox.grant_pages(n)
        jobs = options.jobs or os.cpu_count() or 1
        if jobs <= 1 or n < 4:
            # The collector stays on here: in the caller's process, pausing it is process-wide
            # state another thread may be counting on (only the page workers, which are
            # ours alone, pause it).
            results = []
            for i in indexes:
                results.append(_read_page(doc, i, path))
                if on_page:
                    on_page(len(results), n)
            return results
    finally:
        doc.close()
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    results = []
    chunks = [(indexes[a:b], path, options.engine) for a, b in _chunks(n, jobs, options.engine)]
    budget = pdf_guard.share_budget(ctx)  # one ceiling for the document, not per worker
    steps = ((pdf_guard.adopt_budget, (budget,)), (_init_worker, (data,)))
    try:
        with ProcessPoolExecutor(jobs, ctx, sandbox.worker_init, steps) as pool:
            for part in pool.map(_extract_range, chunks):
                results += part
                if on_page:
                    on_page(len(results), n)
    except BrokenProcessPool as exc:
        raise sandbox.LimitError(
            f"{path}: a process reading its pages was killed (out of memory?)",
            "check the file, or try --jobs 1",
        ) from exc
    return results


def _page_indexes(count: int, pages: list[int] | None, path: str) -> list[int]:
    """0-based indexes of the pages to read: all, or the 1-based ``pages`` (--pages)."""
    if count == 0:
        raise InputError(f"{path} has no pages", "check the file")
    if pages is None:
        return list(range(count))
    if pages[-1] > count:
        raise InputError(f"{path} has {count} pages, no page {pages[-1]}", "fix --pages")
    return [p - 1 for p in pages]


def _running_lines(results: list[PageResult]) -> set[tuple[str, int]]:
    """Free lines repeated at the same height on many pages: running headers and footers."""
    counts: Counter[tuple[str, int]] = Counter()
    for r in results:
        counts.update({(text.strip(), top) for _, text, top in r.free})
    limit = max(3, len(results) // 3)
    return {key for key, n in counts.items() if n >= limit}


def pdf_source(data: bytes, path: str, options: ReadOptions | None = None) -> SourceDoc:
    """A PDF's pages read (``extract_pages``) and joined into one ``SourceDoc``."""
    options = options or ReadOptions()
    results = extract_pages(data, path, options)
    page_numbers = options.pages or list(range(1, len(results) + 1))
    if sum(r.chars for r in results) == 0:
        raise InputError(
            f"{path} has no text layer (a scanned or image-only PDF)",
            "run OCR on it first (for example ocrmypdf -l jpn) and parse the result",
        )
    doc = SourceDoc(
        path=path,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        pages=len(results),
        read_pages=options.pages,
    )
    for kind, page_no, text in join_tables(results, page_numbers):
        doc.furniture.append((kind, Line(no=0, page=page_no, text=text), text))
    mark_kinsoku(results)
    for r in results:
        emit(r)
    run_on(results, page_numbers)
    running = _running_lines(results)
    cut = cut_at_end(results[-1])
    no = 0
    for page_no, r in zip(page_numbers, results, strict=True):
        where = Line(no=0, page=page_no, text="")
        doc.warnings += [(code, f"page {page_no}: {msg}", where) for code, msg in r.warnings]
        free_at = {i: (t.strip(), y) for i, t, y in r.free}
        for kind, text, box in r.furniture:
            doc.furniture.append((kind, Line(no=no + 1, page=page_no, text=text, bbox=box), text))
        for i, out in enumerate(r.lines):
            line = Line(
                no=no + 1,
                page=page_no,
                text=out.text,
                para_end=out.para_end,
                cells=out.cells,
                bbox=out.bbox,
            )
            if free_at.get(i) in running:
                doc.furniture.append(("running_header", line, out.text))
                continue
            no += 1
            doc.lines.append(line)
            if cut and out is cut[0]:
                doc.warnings.append((cut[1], cut[2], line))
    return doc

"""CPU time of everything after the engine, from cached page objects.

The engine (layout/engine_pdfium.py or engine_pdfplumber.py: characters, paths and
pdf_clean's passes over them) costs what bench_pdf.py measures; this measures the rest of
the PDF path without it: the page layout (read_page: table finder, cells, lines), the
document join (pdf_source: page breaks, emit, running headers), the text stages (normalise,
segment, build, extract, validate) and the JSON writer; and the text path on the real
report's text.

``--build`` reads every page once with the default engine and pickles its ``PageObjects``
into ``benchmarks/out/layout-cache/``. Later runs read the pickles only.
``--check DIR`` compares the JSON made from the cache with ``DIR/<path with / as _>.json``
(as written by ``hyoka-parse FILE -o -``) byte for byte: a fast guard while optimising.

    python benchmarks/bench_layout.py --build                 # once (minutes)
    python benchmarks/bench_layout.py [--repeat 3] [--profile] [--check DIR]

Times are process CPU seconds (the best of ``--repeat``), so other load on the machine
matters less than with wall time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import pickle
import pstats
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / "out" / "layout-cache"
REPORT_TEXT = "tests/fixtures/mofa_r3_II-1.txt"


def _default_pdfs() -> list[str]:
    found = sorted((ROOT / "benchmarks" / "out" / "parity").glob("*.pdf"))
    found += sorted((ROOT / "tests" / "fixtures" / "pdf").rglob("*.pdf"))
    found += sorted((ROOT / "tests" / "fixtures" / "defects").glob("*.pdf"))
    return [str(p.relative_to(ROOT)) for p in found]


def _cache_path(pdf: str) -> Path:
    return CACHE / (pdf.replace("/", "_") + ".pickle")


def build(pdfs: list[str]) -> None:
    from hyoka_parse.options import DEFAULT_ENGINE
    from hyoka_parse.pdf import open_document

    CACHE.mkdir(parents=True, exist_ok=True)
    for name in pdfs:
        data = (ROOT / name).read_bytes()
        try:
            doc = open_document(data, name, DEFAULT_ENGINE)
        except Exception as exc:  # a PDF the product refuses: nothing to lay out
            print(f"skip {name}: {exc}", file=sys.stderr)
            continue
        try:
            pages = [doc.read(i) for i in range(doc.pages)]
        finally:
            doc.close()
        _cache_path(name).write_bytes(pickle.dumps(pages, protocol=pickle.HIGHEST_PROTOCOL))
        print(f"cached {name}: {len(pages)} pages", file=sys.stderr)


# --- running the product from the cache ---


class Clock:
    """Process CPU seconds by stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - start


def run_pdf(name: str, pages: list[Any], clock: Clock) -> str:
    """The product's JSON for one cached PDF (as ``hyoka-parse NAME -o -`` writes it)."""
    from hyoka_parse import pdf as pdf_module
    from hyoka_parse.emit import to_json
    from hyoka_parse.errors import HyokaError
    from hyoka_parse.layout import pdf_page
    from hyoka_parse.pipeline import parse_source

    results = []
    for objects in pages:
        with clock.stage("read_page"):
            results.append(pdf_page.read_page(objects, objects.number))
    data = (ROOT / name).read_bytes()
    with (
        mock.patch.object(pdf_module, "extract_pages", lambda *a, **k: results),
        clock.stage("pdf_source: join pages"),
    ):
        doc = pdf_module.pdf_source(data, name)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    try:
        with clock.stage("text stages (parse_source)"):
            report = parse_source(doc)
    except HyokaError:  # refused (exit 2): the command writes nothing on stdout
        return ""
    with clock.stage("to_json"):
        return to_json(report)


def _cached(pdfs: list[str]) -> list[str]:
    return [name for name in pdfs if _cache_path(name).exists()]


def _load(name: str) -> list[Any]:
    """One PDF's cached pages, frozen out of the garbage collector's sight: the product
    never holds more than a page's objects, and collections walking every cached page
    would be charged to whatever stage happened to trigger them."""
    pages = pickle.loads(_cache_path(name).read_bytes())
    gc.collect()
    gc.freeze()
    return pages


def _text_seconds(clock: Clock) -> str:
    from hyoka_parse.emit import to_json
    from hyoka_parse.pipeline import parse

    data = (ROOT / REPORT_TEXT).read_bytes()
    with clock.stage("text path: parse"):
        report = parse(REPORT_TEXT, data)
    with clock.stage("text path: to_json"):
        return to_json(report)


def _check(outputs: dict[str, str], golden: Path) -> int:
    bad = 0
    for name, text in outputs.items():
        want = golden / (name.replace("/", "_") + ".json")
        if not want.exists():
            continue
        if want.read_text(encoding="utf-8") != text:
            print(f"DIFFERS: {name}", file=sys.stderr)
            bad += 1
    print(f"checked {len(outputs)} outputs against {golden}: {bad} differ", file=sys.stderr)
    return bad


def _cold() -> None:
    """Forget what the product memoises (folded texts, glyphs, widths), so that every input
    is timed as a fresh process would run it, whatever ran before."""
    from hyoka_parse import normalize, text
    from hyoka_parse.layout import pdf_page

    for memo in (
        getattr(normalize.fold, "cache_clear", None),
        getattr(normalize.make_key, "cache_clear", None),
        getattr(pdf_page.is_datum, "cache_clear", None),
        getattr(getattr(pdf_page, "_FOLDED", None), "clear", None),
        getattr(getattr(text, "_WIDTHS", None), "clear", None),
    ):
        if memo is not None:
            memo()


def _one_round(names: list[str]) -> tuple[Clock, dict[str, str], int]:
    clock = Clock()
    outputs = {}
    n = 0
    for name in names:
        _cold()
        pages = _load(name)
        n += len(pages)
        outputs[name] = run_pdf(name, pages, clock)
        del pages
        gc.unfreeze()
    _cold()
    outputs[REPORT_TEXT] = _text_seconds(clock)
    return clock, outputs, n


def _report(clocks: list[Clock], n_pdfs: int, n: int) -> None:
    names = list(clocks[0].seconds)
    print(f"{n_pdfs} PDFs, {n} pages from the cache; best of {len(clocks)} (CPU s)")
    print(f"{'stage':<32}{'seconds':>9}{'ms/page':>9}")
    for name in names:
        best = min(c.seconds[name] for c in clocks)
        per_page = "" if name.startswith("text path") else f"{best / n * 1000:>9.2f}"
        print(f"{name:<32}{best:>9.3f}{per_page}")
    layout = min(
        sum(v for k, v in c.seconds.items() if not k.startswith(("text", "to_json")))
        for c in clocks
    )
    print(f"{'layout logic (read..join)':<32}{layout:>9.3f}{layout / n * 1000:>9.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pdfs", nargs="*", help="PDFs (paths from the repository root)")
    ap.add_argument("--build", action="store_true", help="lay the PDFs out and cache them")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="cProfile one round")
    ap.add_argument("--check", type=Path, help="compare the JSON with DIR's golden files")
    args = ap.parse_args()
    pdfs = args.pdfs or _default_pdfs()
    if args.build:
        build(pdfs)
        return
    names = _cached(pdfs)
    if not names:
        sys.exit("no cached pages: run with --build first")
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(_one_round, names)
        pstats.Stats(prof).sort_stats("tottime").print_stats(45)
        return
    rounds = [_one_round(names) for _ in range(args.repeat)]
    _report([c for c, _, _ in rounds], len(names), rounds[0][2])
    if args.check and _check(rounds[0][1], args.check):
        sys.exit(1)


if __name__ == "__main__":
    main()

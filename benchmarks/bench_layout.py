"""CPU time of everything after character extraction, from cached page objects.

pdfminer (or pdfium) turning a PDF into characters and paths costs what it costs; this
measures the rest of the PDF path without it: pdf_clean's pure passes (visible_chars,
rule_edges, merge_overprints), the page layout (read_page after clean_page: table finder,
cells, lines), the document join (pdf_source: page breaks, emit, running headers), the text
stages (normalise, segment, build, extract, validate) and the JSON writer; and the text
path on the real report's text.

``--build`` lays out every page once with pdfplumber and pickles, per page, the inputs of
those passes (the laid-out chars, rects, lines and curves, CropBox, page size, what the
layout dropped) into ``benchmarks/out/layout-cache/``. Later runs read the pickles only.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / "out" / "layout-cache"
REPORT_TEXT = "tests/fixtures/mofa_r3_II-1.txt"
CLEAN_STAGES = ("clean: visible_chars", "clean: rule_edges", "clean: merge_overprints")


def _default_pdfs() -> list[str]:
    found = sorted((ROOT / "benchmarks" / "out" / "parity").glob("*.pdf"))
    found += sorted((ROOT / "tests" / "fixtures" / "pdf").rglob("*.pdf"))
    found += sorted((ROOT / "tests" / "fixtures" / "defects").glob("*.pdf"))
    return [str(p.relative_to(ROOT)) for p in found]


@dataclass
class StubPage:
    """What read_page and find_tables use of a pdfplumber page, without pdfminer."""

    page_number: int
    width: float
    height: float
    bbox: tuple[float, float, float, float]
    turned: StubPage | None = None  # the page turned upright (pdf_clean.turned)

    def debug_tablefinder(self, settings: dict[str, Any]) -> Any:
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(settings))  # type: ignore[arg-type]

    def close(self) -> None:
        pass


@dataclass
class CachedPage:
    """The inputs of pdf_clean's pure passes for one page, as pdfplumber laid it out."""

    stub: StubPage
    chars: list[dict]
    objects: list[dict]  # lines, rects, curves
    rects: list[dict]
    crop: tuple[float, float, float, float]
    dropped: list[Any] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def _stub(page: Any) -> StubPage:
    box = tuple(float(v) for v in page.bbox)
    return StubPage(page.page_number, float(page.width), float(page.height), box)  # type: ignore[arg-type]


def _cache_page(page: Any) -> CachedPage:
    from hyoka_parse.pdf_clean import clean_page, visible_chars

    stub = _stub(page)
    clean = clean_page(page)
    shown = clean.page
    stub.turned = _stub(shown) if shown is not page else stub
    crop = tuple(shown.cropbox)
    chars, rects = list(shown.chars), list(shown.rects)
    objects = [*shown.lines, *rects, *shown.curves]
    _, lost = visible_chars(chars, rects, crop)  # type: ignore[arg-type]
    dropped = clean.dropped[: len(clean.dropped) - len(lost)]
    return CachedPage(stub, chars, objects, rects, crop, dropped, clean.warnings)  # type: ignore[arg-type]


def _cache_path(pdf: str) -> Path:
    return CACHE / (pdf.replace("/", "_") + ".pickle")


def build(pdfs: list[str]) -> None:
    from hyoka_parse.pdf import _open

    CACHE.mkdir(parents=True, exist_ok=True)
    for name in pdfs:
        data = (ROOT / name).read_bytes()
        try:
            pdf = _open(data, name)
        except Exception as exc:  # a PDF the product refuses: nothing to lay out
            print(f"skip {name}: {exc}", file=sys.stderr)
            continue
        try:
            pages = []
            for page in pdf.pages:
                pages.append(_cache_page(page))
                page.close()
        finally:
            pdf.close()
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


def _clean_from_cache(cache: dict[int, CachedPage], clock: Clock) -> Callable[[Any], Any]:
    """A stand-in for pdf_clean.clean_page that runs its pure passes on cached objects."""
    from hyoka_parse.pdf_clean import CleanPage, merge_overprints, rule_edges, visible_chars

    def clean_page(stub: StubPage) -> CleanPage:
        cp = cache[id(stub)]
        with clock.stage("clean: visible_chars"):
            chars, lost = visible_chars(cp.chars, cp.rects, cp.crop)
        with clock.stage("clean: rule_edges"):
            rules = rule_edges(cp.objects, cp.crop)
        with clock.stage("clean: merge_overprints"):
            chars = merge_overprints(chars)
        return CleanPage(stub.turned, chars, rules, cp.dropped + lost, list(cp.warnings))

    return clean_page


def run_pdf(name: str, pages: list[CachedPage], clock: Clock) -> str:
    """The product's JSON for one cached PDF (as ``hyoka-parse NAME -o -`` writes it)."""
    from hyoka_parse import pdf as pdf_module
    from hyoka_parse.emit import to_json
    from hyoka_parse.errors import HyokaError
    from hyoka_parse.layout import pdf_page
    from hyoka_parse.pipeline import parse_source

    cache = {id(p.stub): p for p in pages}
    results = []
    before = dict(clock.seconds)
    with mock.patch.object(pdf_page, "clean_page", _clean_from_cache(cache, clock)):
        for p in pages:
            with clock.stage("read_page"):
                results.append(pdf_page.read_page(p.stub, p.stub.page_number))
    for key in CLEAN_STAGES:  # read_page's own time, without the clean passes inside it
        clock.seconds["read_page"] -= clock.seconds.get(key, 0.0) - before.get(key, 0.0)
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


def _load(name: str) -> list[CachedPage]:
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
    print(f"{'layout logic (clean..join)':<32}{layout:>9.3f}{layout / n * 1000:>9.2f}")


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

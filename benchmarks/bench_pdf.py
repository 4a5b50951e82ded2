"""Speed and memory of the PDF path on the full rendition of the real report (issue 12).

Each run is a fresh process; CPU seconds are the process's and its children's (page
workers, pdftotext), wall seconds are the run's. In one table, for the rendition and for
the same report concatenated 3× (qpdf; time should be linear and memory flat):

  pdftotext          poppler's ``pdftotext -layout`` of the whole file
  pypdfium2 text     ``PdfTextPage.get_text_range()`` of every page
  extract_text       pdfplumber's ``page.extract_text()`` of every page: the baseline
  E -j N             ``hyoka_parse.parse`` to JSON text with engine E and N page workers

Ratios are CPU seconds over the baseline's (and, for -j 2, wall seconds over -j 1's).
Targets (issue 12), pdfium engine: one job ≤ 0.15× extract_text; two jobs ≤ 0.6× one
job in wall time; peak RSS ≤ 200 MB. Best of --repeat runs (by CPU seconds). The
rendition is made on demand (reportlab, a test extra).

    python benchmarks/bench_pdf.py [--repeat 1] [--pdf PATH ...] [--engines pdfium]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PDF = ROOT / "benchmarks" / "out" / "full.pdf"
TARGET_ONE_JOB = 0.15
TARGET_TWO_JOBS = 0.6
TARGET_RSS_MB = 200

CHILD = r"""
import json, resource, sys
mode, path = sys.argv[1], sys.argv[2]
if mode == "extract_text":
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
elif mode == "pypdfium2":
    import pypdfium2
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_range()
        page.close()
else:
    from hyoka_parse import parse
    engine, jobs = mode.split(":")
    parse(path, jobs=int(jobs), engine=engine).to_json()
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rss_mb": self_kb / 1024, "child_rss_mb": child_kb / 1024}))
"""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(mode: str, pdf: Path) -> dict:
    """One fresh process: CPU seconds (with its children), wall seconds, peak RSS."""
    if mode == "pdftotext":
        command = ["pdftotext", "-layout", str(pdf), os.devnull]
    else:
        command = [sys.executable, "-c", CHILD, mode, str(pdf)]
    cpu, wall = _cpu(), time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    result = {"cpu": _cpu() - cpu, "wall": time.perf_counter() - wall}
    if mode == "pdftotext":
        result.update(rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        result.update(child_rss_mb=0.0)
    else:
        result.update(json.loads(out.stdout))
    return result


def best(mode: str, pdf: Path, repeat: int) -> dict:
    return min((run(mode, pdf) for _ in range(repeat)), key=lambda r: r["cpu"])


MODES = [
    ("pdftotext", "pdftotext"),
    ("pypdfium2 text", "pypdfium2"),
    ("extract_text", "extract_text"),
    ("pdfium -j 1", "pdfium:1"),
    ("pdfium -j 2", "pdfium:2"),
    ("pdfplumber -j 1", "pdfplumber:1"),
    ("pdfplumber -j 2", "pdfplumber:2"),
]


def table(pdf: Path, repeat: int, engines: list[str]) -> dict[str, dict]:
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(pdf))
    print(f"\n{pdf.name}: {pages} pages, {pdf.stat().st_size / 1e6:.2f} MB")
    print(
        f"{'run':<18}{'CPU s':>8}{'wall s':>8}{'ms/page':>9}{'× base':>8}"
        f"{'× -j1 wall':>11}{'RSS MB':>8}{'workers MB':>11}"
    )
    modes = [(name, mode) for name, mode in MODES if ":" not in mode or mode[:-2] in engines]
    rows = {name: best(mode, pdf, repeat) for name, mode in modes}
    base = rows["extract_text"]["cpu"]
    for name, r in rows.items():
        one = rows.get(name.replace("-j 2", "-j 1")) if name.endswith("-j 2") else None
        wall = f"{r['wall'] / one['wall']:>11.2f}" if one else f"{'':>11}"
        workers = f"{r['child_rss_mb']:>11.0f}" if r["child_rss_mb"] else f"{'-':>11}"
        print(
            f"{name:<18}{r['cpu']:>8.2f}{r['wall']:>8.2f}{1000 * r['cpu'] / pages:>9.1f}"
            f"{r['cpu'] / base:>8.3f}{wall}{r['rss_mb']:>8.0f}{workers}"
        )
    one, two = rows["pdfium -j 1"], rows["pdfium -j 2"]
    rss = max(one["rss_mb"], two["rss_mb"], two["child_rss_mb"])
    print(
        f"targets: pdfium -j 1 {one['cpu'] / base:.3f}× extract_text (≤ {TARGET_ONE_JOB}); "
        f"-j 2 {two['wall'] / one['wall']:.2f}× -j 1 wall (≤ {TARGET_TWO_JOBS}); "
        f"peak RSS {rss:.0f} MB (≤ {TARGET_RSS_MB})"
    )
    return rows


def tripled(pdf: Path, folder: Path) -> Path:
    """The report three times in one file (qpdf)."""
    out = folder / f"{pdf.stem}-3x.pdf"
    src = str(pdf)
    subprocess.run(["qpdf", "--empty", "--pages", src, src, src, "--", str(out)], check=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument(
        "--engines", nargs="*", default=["pdfium", "pdfplumber"], help="the product's engines"
    )
    ap.add_argument("--pdf", type=Path, nargs="*", default=[DEFAULT_PDF])
    args = ap.parse_args()
    if DEFAULT_PDF in args.pdf and not DEFAULT_PDF.exists():
        sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
        import make_pdfs

        DEFAULT_PDF.parent.mkdir(parents=True, exist_ok=True)
        make_pdfs.render(DEFAULT_PDF)
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        for pdf in args.pdf:
            table(pdf, args.repeat, args.engines)
            if shutil.which("qpdf"):
                table(tripled(pdf, Path(folder)), args.repeat, args.engines)
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end")


if __name__ == "__main__":
    main()

"""Speed and memory of the PDF path on the full rendition of the real report.

Measured in the same run, each in a fresh process (best of --repeat):
  baseline  pdfplumber's plain ``page.extract_text()`` over every page, one process
  ours -j1  ``hyoka_parse.parse`` of the PDF to JSON text, one process
  ours -j2  the same with two worker processes
Prints seconds, the ratio to the baseline, and peak RSS (the largest process; with -j2
also the workers' largest). The rendition is made on demand (reportlab, a test extra).

    python benchmarks/bench_pdf.py [--repeat 3] [--pdf PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PDF = ROOT / "benchmarks" / "out" / "full.pdf"

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if mode == "baseline":
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
else:
    from hyoka_parse import parse
    parse(path, jobs=int(mode)).to_json()
seconds = time.perf_counter() - start
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "rss_mb": self_kb / 1024, "child_rss_mb": child_kb / 1024}))
"""


def run(mode: str, pdf: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(pdf)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def best(mode: str, pdf: Path, repeat: int) -> dict:
    runs = [run(mode, pdf) for _ in range(repeat)]
    return min(runs, key=lambda r: r["seconds"])


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pdf", type=Path, default=DEFAULT_PDF)
    args = ap.parse_args()
    if not args.pdf.exists():
        sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
        import make_pdfs

        args.pdf.parent.mkdir(parents=True, exist_ok=True)
        make_pdfs.render(args.pdf)
    import pdfplumber

    with pdfplumber.open(args.pdf) as pdf:
        pages = len(pdf.pages)
    base = best("baseline", args.pdf, args.repeat)
    print(f"{args.pdf.name}: {pages} pages, {args.pdf.stat().st_size / 1e6:.2f} MB")
    print(
        f"{'run':<22}{'seconds':>9}{'ms/page':>9}{'ratio':>7}{'peak RSS MB':>13}{'workers MB':>12}"
    )
    rows = [("pdfplumber extract_text", base)]
    rows += [(f"hyoka-parse --jobs {j}", best(str(j), args.pdf, args.repeat)) for j in (1, 2)]
    for name, r in rows:
        workers = f"{r['child_rss_mb']:>12.0f}" if r["child_rss_mb"] else f"{'-':>12}"
        print(
            f"{name:<22}{r['seconds']:>9.2f}{1000 * r['seconds'] / pages:>9.1f}"
            f"{r['seconds'] / base['seconds']:>7.2f}{r['rss_mb']:>13.0f}{workers}"
        )


if __name__ == "__main__":
    main()

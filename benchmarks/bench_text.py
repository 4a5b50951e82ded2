"""Speed of the text pipeline on the real report, 1× and concatenated 10×.

Prints best-of-N wall times after import, throughput in MB/s, the 10×/1× ratio (linear
time gives about 10), and the ratio to a baseline measured in the same run: decoding the
bytes and NFKC-folding every line, the least work any parser of this text must do.

    python benchmarks/bench_text.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from bench_layout import _cold as cold  # the same directory

from hyoka_parse.pipeline import parse

REPORT = Path(__file__).parent.parent / "tests" / "fixtures" / "mofa_r3_II-1.txt"


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        cold()  # the product memoises folded lines: each run starts as a new process would
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(data: bytes) -> None:
    for line in data.decode("utf-8").splitlines():
        unicodedata.normalize("NFKC", line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    one = REPORT.read_bytes()
    ten = one * 10
    parse("warm-up.txt", one)
    rows = []
    for label, data in (("1x", one), ("10x", ten)):
        ours = best_of(args.repeat, lambda d=data: parse("bench.txt", d))
        base = best_of(args.repeat, lambda d=data: baseline(d))
        rows.append((label, len(data), ours, base))
    print(f"{'input':<6}{'bytes':>10}{'seconds':>10}{'MB/s':>8}{'baseline s':>12}{'ratio':>8}")
    for label, size, ours, base in rows:
        mbps = size / ours / 1e6
        print(f"{label:<6}{size:>10}{ours:>10.3f}{mbps:>8.2f}{base:>12.4f}{ours / base:>8.1f}")
    print(f"10x / 1x time: {rows[1][2] / rows[0][2]:.2f} (10 is linear)")


if __name__ == "__main__":
    main()

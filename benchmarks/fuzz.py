"""Fuzz the command line with mutated PDFs and texts (issue 11's families, fixed seeds).

Each case is one run of ``hyoka-parse FILE --compact`` in a fresh process. A case passes
when it ends with exit 0, strict JSON on stdout (no NaN or Infinity) and nothing on
stderr, or with exit 2 and exactly one line on stderr; in both cases within 60 s and
1.5 GB (the peak RSS of the largest process, page workers included). Prints one line per
failure and the figures per family.

    python benchmarks/fuzz.py [--cases 120] [--seed 1] [--families text_flip,pdf_cycle]

Families: PDFs (from tests/fixtures/pdf) with flipped bytes, truncated, spliced, an
object that refers to itself or a cycle of two, a Flate stream with a wrong checksum,
numbers made huge, brackets or operands inserted; every crafted file of
tests/fixtures/hostile/make_hostile.py at full size; texts (the real report) with
flipped bytes, a BOM and a bad byte, huge digit strings, cut off, NULs, other line ends.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES / "hostile"))
import make_hostile  # noqa: E402

TIME_LIMIT = 60.0
MEMORY_LIMIT = 1.5 * 2**30
PDFS = sorted((FIXTURES / "pdf").glob("*.pdf"))
TEXTS = [FIXTURES / "mofa_r3_II-1.txt", FIXTURES / "pages" / "policy_header.txt"]


@dataclass
class Result:
    family: str
    name: str
    code: int
    seconds: float  # real time
    cpu: float  # CPU seconds, the run's processes together
    rss: int  # bytes
    problem: str  # empty when the case passed


# --- mutations: (rng) -> (file name, bytes) ---


def _pdf(rng: random.Random) -> bytes:
    return rng.choice(PDFS).read_bytes()


def _text(rng: random.Random) -> bytes:
    return rng.choice(TEXTS).read_bytes()


def _flip(data: bytes, rng: random.Random, most: int) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, most)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def pdf_flip(rng: random.Random) -> bytes:
    return _flip(_pdf(rng), rng, 40)


def pdf_truncate(rng: random.Random) -> bytes:
    data = _pdf(rng)
    return data[: rng.randrange(16, len(data))]


def pdf_splice(rng: random.Random) -> bytes:
    data = _pdf(rng)
    a, b = sorted(rng.sample(range(len(data)), 2))
    at = rng.randrange(len(data))
    return data[:at] + data[a : min(b, a + 20_000)] * rng.randint(1, 5) + data[at:]


def _plain_objects(data: bytes) -> list[re.Match]:
    """Objects without a stream, whose body can be rewritten in place."""
    found = re.finditer(rb"(\d+) 0 obj\s*(.*?)\s*endobj", data, re.S)
    return [m for m in found if b"stream" not in m.group(2) and len(m.group(2)) >= 12]


def _rewrite(data: bytes, m: re.Match, body: bytes) -> bytes:
    """Replace an object's body, padded with spaces so that the xref stays right."""
    start, end = m.span(2)
    return data[:start] + body.ljust(end - start) + data[end:]


def pdf_self_reference(rng: random.Random) -> bytes:
    data = _pdf(rng)
    m = rng.choice(_plain_objects(data))
    return _rewrite(data, m, m.group(1) + b" 0 R")


def pdf_cycle(rng: random.Random) -> bytes:
    data = _pdf(rng)
    a, b = rng.sample(_plain_objects(data), 2)
    first, second = sorted([a, b], key=lambda m: m.start())
    data = _rewrite(data, second, first.group(1) + b" 0 R")
    return _rewrite(data, first, second.group(1) + b" 0 R")


def pdf_bad_checksum(rng: random.Random) -> bytes:
    data = _pdf(rng)
    ends = [m.start() for m in re.finditer(rb"\s*endstream", data)]
    out = bytearray(data)
    for end in rng.sample(ends, min(len(ends), rng.randint(1, 5))):
        for i in range(max(0, end - 4), end):
            out[i] ^= 0xFF
    return bytes(out)


def pdf_huge_numbers(rng: random.Random) -> bytes:
    data = _pdf(rng)
    numbers = list(re.finditer(rb"(?<=[ /\[])\d+(?=[ \]>/])", data[:200_000]))
    out = data
    for m in sorted(rng.sample(numbers, min(5, len(numbers))), key=lambda m: -m.start()):
        big = str(rng.choice([2**31, 2**63, 10**400, 200_000_000])).encode()
        out = out[: m.start()] + big + out[m.end() :]
    return out


def pdf_brackets(rng: random.Random) -> bytes:
    data = _pdf(rng)
    at = rng.randrange(len(data))
    return data[:at] + rng.choice([b"[", b"<<", b"("]) * rng.randint(1_000, 20_000) + data[at:]


def pdf_operands(rng: random.Random) -> bytes:
    data = _pdf(rng)
    at = rng.randrange(len(data))
    return data[:at] + b"1 " * rng.randint(10_000, 500_000) + data[at:]


def text_flip(rng: random.Random) -> bytes:
    return _flip(_text(rng), rng, 30)


def text_bom(rng: random.Random) -> bytes:
    return b"\xef\xbb\xbf" + bytes([rng.choice([0x80, 0xC0, 0xFF, 0xFE])]) + _text(rng)


def text_digits(rng: random.Random) -> bytes:
    text = _text(rng).decode("utf-8")
    numbers = list(re.finditer(r"\d+", text))
    for m in sorted(rng.sample(numbers, min(8, len(numbers))), key=lambda m: -m.start()):
        big = "9" * rng.choice([16, 400, 4301, 20_000])
        if rng.random() < 0.5:
            big += "." + "5" * rng.choice([1, 400])
        text = text[: m.start()] + big + text[m.end() :]
    return text.encode("utf-8")


def text_truncate(rng: random.Random) -> bytes:
    data = _text(rng)
    return data[: rng.randrange(1, len(data))]


def text_nul(rng: random.Random) -> bytes:
    data = _text(rng)
    at = rng.randrange(len(data))
    return data[:at] + b"\x00" + data[at:]


def text_line_ends(rng: random.Random) -> bytes:
    return _text(rng).replace(b"\n", rng.choice([b"\r\n", b"\r", b"\f\n", b"\n\n"]))


FAMILIES: dict[str, tuple[str, Callable[[random.Random], bytes]]] = {
    "pdf_flip": (".pdf", pdf_flip),
    "pdf_truncate": (".pdf", pdf_truncate),
    "pdf_splice": (".pdf", pdf_splice),
    "pdf_self_reference": (".pdf", pdf_self_reference),
    "pdf_cycle": (".pdf", pdf_cycle),
    "pdf_bad_checksum": (".pdf", pdf_bad_checksum),
    "pdf_huge_numbers": (".pdf", pdf_huge_numbers),
    "pdf_brackets": (".pdf", pdf_brackets),
    "pdf_operands": (".pdf", pdf_operands),
    "text_flip": (".txt", text_flip),
    "text_bom": (".txt", text_bom),
    "text_digits": (".txt", text_digits),
    "text_truncate": (".txt", text_truncate),
    "text_nul": (".txt", text_nul),
    "text_line_ends": (".txt", text_line_ends),
}


def cases(
    count: int, seed: int, families: list[str], crafted: bool
) -> Iterator[tuple[str, str, bytes]]:
    """(family, file name, bytes): ``count`` mutations round-robin over ``families``,
    then (with ``crafted``) every file of make_hostile at full size. Made one at a time:
    a child forked from a large fuzz process would count its memory as the child's."""
    rng = random.Random(seed)
    for i in range(count):
        family = families[i % len(families)]
        suffix, make = FAMILIES[family]
        yield family, f"{family}_{i:03d}{suffix}", make(rng)
    if crafted:
        for name, make_file in make_hostile.FILES.items():
            yield "crafted", name, make_file()


# --- one run ---


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} in the output")


def check(code: int, out: bytes, err: bytes) -> str:
    """What is wrong with a run's answer ('' when it is one of the two allowed)."""
    text = err.decode("utf-8", errors="replace")
    if code == 0:
        if text:
            return f"exit 0 with stderr: {text[:200]!r}"
        try:
            json.loads(out, parse_constant=_reject_constant)
        except ValueError as exc:
            return f"exit 0 without strict JSON: {exc}"
        return ""
    if code == 2:
        if not text.startswith("hyoka-parse: error: ") or text.count("\n") != 1:
            return f"exit 2 without one line: {text[:300]!r}"
        return ""
    return f"exit {code}: {text[-300:]!r}"


def run_case(path: Path, family: str) -> Result:
    """Run the CLI on ``path``; its answer, time and peak RSS (by wait4)."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "hyoka_parse", str(path), "--compact", "-q"],
            stdout=out,
            stderr=err,
        )
        status, rss, cpu, killed = _wait(proc.pid, start)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        problem = "over 60 s: killed" if killed else check(code, out.read(), err.read())
    if not problem and seconds > TIME_LIMIT:
        problem = f"took {seconds:.0f} s"
    if not problem and rss > MEMORY_LIMIT:
        problem = f"peak RSS {rss / 2**20:.0f} MB"
    return Result(family, path.name, code, seconds, cpu, rss, problem)


def _wait(pid: int, start: float) -> tuple[int, int, float, bool]:
    """Exit status, peak RSS (bytes), CPU seconds, and whether it was killed at 90 s."""
    killed = False
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if not done and time.monotonic() - start > TIME_LIMIT + 30:
            os.kill(pid, 9)
            done, status, usage = os.wait4(pid, 0)
            killed = True
        if done:
            cpu = usage.ru_utime + usage.ru_stime
            return status, usage.ru_maxrss * 1024, cpu, killed
        time.sleep(0.05)


def report(results: list[Result]) -> int:
    by_family: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_family[r.family].append(r)
    print(
        f"{'family':20} {'cases':>5} {'exit 0':>6} {'exit 2':>6} {'fail':>4} "
        f"{'max s':>6} {'max cpu':>7} {'max MB':>7}"
    )
    for family, rs in sorted(by_family.items()):
        codes = Counter(r.code for r in rs if not r.problem)
        print(
            f"{family:20} {len(rs):5} {codes[0]:6} {codes[2]:6} "
            f"{sum(1 for r in rs if r.problem):4} {max(r.seconds for r in rs):6.1f} "
            f"{max(r.cpu for r in rs):7.1f} {max(r.rss for r in rs) / 2**20:7.0f}"
        )
    failed = [r for r in results if r.problem]
    for r in failed:
        print(f"FAIL {r.name}: {r.problem}")
    total = len(results)
    print(
        f"{total} cases, {total - len(failed)} passed, {len(failed)} failed; "
        f"slowest {max(r.seconds for r in results):.1f} s "
        f"({max(r.cpu for r in results):.1f} s CPU at most), "
        f"largest {max(r.rss for r in results) / 2**20:.0f} MB"
    )
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--no-crafted", action="store_true", help="skip make_hostile's files")
    ap.add_argument("--keep", type=Path, help="write the cases into this folder")
    args = ap.parse_args()
    families = args.families.split(",")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for family, name, data in cases(args.cases, args.seed, families, not args.no_crafted):
            path = folder / name
            path.write_bytes(data)
            del data
            result = run_case(path, family)
            results.append(result)
            mark = "FAIL " + result.problem if result.problem else "ok"
            print(
                f"{name:34} exit {result.code} {result.seconds:5.1f} s "
                f"{result.cpu:5.1f} s CPU {result.rss / 2**20:6.0f} MB "
                f"load {os.getloadavg()[0]:4.1f} {mark}",
                flush=True,
            )
    return report(results)


if __name__ == "__main__":
    sys.exit(main())

"""Batch runs: many inputs, one JSON document per output line.

Inputs are parsed through a small executor interface, so the same command can run on a
local process pool (the default) or on Dask (``pip install hyoka-parse[dask]``,
``--executor dask``). A bad input becomes an error record and the run goes on. Lines
are appended and flushed one by one, so an interrupted run keeps every finished input
and ``--resume`` carries on after them.
"""

from __future__ import annotations

import glob
import hashlib
import json
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from hyoka_parse.errors import HyokaError

INPUT_SUFFIXES = (".pdf", ".txt")


def discover(paths: Iterable[str]) -> list[str]:
    """Files named, found under folders (``*.pdf``, ``*.txt``) or matched by globs; in order."""
    found: list[str] = []
    for p in paths:
        if any(ch in p for ch in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
        elif Path(p).is_dir():
            matches = sorted(
                str(f)
                for f in Path(p).rglob("*")
                if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
            )
        else:
            matches = [p]
        found += [m for m in matches if m not in found]
    return found


@dataclass(frozen=True)
class Outcome:
    """What one input gave: its output line and how it went."""

    path: str
    line: str
    status: str  # "ok" or an error code: "bad_input", "timeout", "internal_error"
    warnings: int = 0


class DocumentTimeout(BaseException):  # not Exception: no handler on the way may swallow it
    pass


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Stop a document that takes longer than ``seconds`` (where signals can do it)."""
    usable = (
        seconds
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise DocumentTimeout

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _error(path: str, sha: str | None, code: str, message: str) -> Outcome:
    record = {"path": path, "sha256": sha, "error": {"code": code, "message": message}}
    return Outcome(path, json.dumps(record, ensure_ascii=False), code)


def process(path: str, timeout: float | None = None) -> Outcome:
    """Parse one input in a worker; never raises."""
    from hyoka_parse.pipeline import parse
    from hyoka_parse.source import read_bytes

    sha = None
    try:
        data = read_bytes(path)
        sha = hashlib.sha256(data).hexdigest()
        with _time_limit(timeout):
            report = parse(path, data, jobs=1)
        return Outcome(path, report.to_json(indent=None).rstrip("\n"), "ok", len(report.warnings))
    except HyokaError as exc:
        return _error(path, sha, "bad_input", exc.one_line())
    except DocumentTimeout:
        return _error(path, sha, "timeout", f"took longer than {timeout:g} s (--timeout)")
    except Exception as exc:
        return _error(path, sha, "internal_error", f"{type(exc).__name__}: {exc}")


class Executor(Protocol):
    """Runs ``fn`` over ``items`` and yields the results in the order of the items."""

    def map(self, fn: Callable[[str], Outcome], items: list[str]) -> Iterator[Outcome]: ...


class LocalExecutor:
    """A process pool on this machine (inline with one job)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def map(self, fn: Callable[[str], Outcome], items: list[str]) -> Iterator[Outcome]:
        if self.jobs <= 1 or len(items) <= 1:
            yield from map(fn, items)
            return
        from hyoka_parse.pdf import reset_signals

        with ProcessPoolExecutor(max_workers=self.jobs, initializer=reset_signals) as pool:
            yield from pool.map(fn, items)


class DaskExecutor:
    """Dask's scheduler (local processes by default; a cluster when one is configured).

    Items go in chunks of a few per worker, so that results stream back for the
    progress bar and the output file.
    """

    def __init__(self, jobs: int, scheduler: str = "processes") -> None:
        try:
            import dask  # noqa: F401
        except ImportError as exc:
            raise HyokaError(
                "--executor dask needs Dask", "pip install 'hyoka-parse[dask]'"
            ) from exc
        self.jobs = max(1, jobs)
        self.scheduler = scheduler

    def map(self, fn: Callable[[str], Outcome], items: list[str]) -> Iterator[Outcome]:
        import dask

        step = self.jobs * 2
        for start in range(0, len(items), step):
            tasks = [dask.delayed(fn)(item) for item in items[start : start + step]]
            yield from dask.compute(*tasks, scheduler=self.scheduler, num_workers=self.jobs)


def make_executor(name: str, jobs: int) -> Executor:
    if name == "local":
        return LocalExecutor(jobs)
    if name == "dask":
        return DaskExecutor(jobs)
    raise HyokaError(f"unknown executor {name!r}", "use local or dask")


@dataclass
class Summary:
    inputs: int = 0
    skipped: int = 0
    statuses: Counter = field(default_factory=Counter)
    warnings: int = 0
    seconds: float = 0.0


def done_hashes(output: Path) -> set[str]:
    """sha256 of every input already parsed into ``output``. A last line cut off by an
    interruption is removed, so that appending goes on from whole lines."""
    if not output.exists():
        return set()
    raw = output.read_bytes()
    hashes: set[str] = set()
    offset = 0
    for no, line in enumerate(raw.split(b"\n"), start=1):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError:
            if offset >= len(raw):
                with output.open("r+b") as fh:
                    fh.truncate(start)
                break
            raise HyokaError(
                f"{output} line {no} is not JSON", "pass the output of an earlier batch run"
            ) from None
        sha = (doc.get("source") or {}).get("sha256") or doc.get("sha256")
        if sha and "error" not in doc:
            hashes.add(sha)
    return hashes


def file_hash(path: str) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def run(
    inputs: list[str],
    output: Path,
    executor: Executor,
    resume: bool = False,
    timeout: float | None = None,
    on_result: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Parse ``inputs`` into ``output`` (JSON lines), appending when resuming."""
    from functools import partial

    summary = Summary(inputs=len(inputs))
    start = time.perf_counter()
    todo = inputs
    if resume:
        done = done_hashes(output)
        todo = [p for p in inputs if file_hash(p) not in done]
        summary.skipped = len(inputs) - len(todo)
    mode = "a" if resume else "w"
    with output.open(mode, encoding="utf-8") as fh:
        for outcome in executor.map(partial(process, timeout=timeout), todo):
            fh.write(outcome.line + "\n")
            fh.flush()
            summary.statuses[outcome.status] += 1
            summary.warnings += outcome.warnings
            if on_result:
                on_result(outcome)
    summary.seconds = time.perf_counter() - start
    return summary

"""Batch runs: many inputs, one JSON document per output line, in the order of the inputs.

Each input is parsed in its own sandboxed child process (``hyoka_parse.sandbox``): a
time limit (``--timeout``, and CPU time), a memory limit, and a crash or a kill of that
process become an error record for that input, and the run goes on. Inputs run on this
machine (the default) or on Dask (``pip install hyoka-parse[dask]``, ``--executor dask``).

The output file is never truncated unless asked (``--overwrite``). Lines are appended
and flushed one by one, so an interruption keeps every finished input; ``--resume``
carries on, and at the end the file is rewritten atomically with one record per input
path (the newest wins).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import signal
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from hyoka_parse import sandbox
from hyoka_parse.emit import dumps, write_atomic, write_stdout
from hyoka_parse.errors import HyokaError
from hyoka_parse.sandbox import Limits

INPUT_SUFFIXES = (".pdf", ".txt")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a broken link"
    return "something else"


def discover(paths: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files named, found under folders (``*.pdf``, ``*.txt``) or matched by globs; in order.

    Returns (inputs, skipped): under a folder, entries named like inputs that are no
    regular files (FIFOs, sockets, devices) are skipped, each with what it is; reading
    them could block forever. Named files and glob matches are kept (and refused when
    parsed), so that each gets an error record."""
    found: list[str] = []
    skipped: list[tuple[str, str]] = []
    for p in paths:
        if any(ch in p for ch in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
        elif Path(p).is_dir():
            matches = []
            for f in sorted(Path(p).rglob("*")):
                if f.suffix.lower() not in INPUT_SUFFIXES or f.is_dir():
                    continue
                mode = f.lstat().st_mode if not f.exists() else f.stat().st_mode
                if stat.S_ISREG(mode):
                    matches.append(str(f))
                else:
                    skipped.append((str(f), _kind(mode)))
        else:
            matches = [p]
        found += [m for m in matches if m not in found]
    return found, skipped


@dataclass(frozen=True)
class Outcome:
    """What one input gave: its output line and how it went."""

    path: str
    line: str
    status: str  # "ok" or an error code: bad_input, timeout, resource_limit, internal_error
    warnings: int = 0


def _error(path: str, sha: str | None, code: str, message: str) -> Outcome:
    record = {"path": path, "sha256": sha, "error": {"code": code, "message": message}}
    return Outcome(path, dumps(record), code)


def process(
    path: str, engine: str = "pdfium", send: Callable[[Any], None] | None = None
) -> Outcome:
    """Parse one input (in a sandboxed child) with ``engine`` (``layout/engine_*.py``) if
    it is a PDF; never raises, but for a limit hit."""
    from hyoka_parse.pipeline import parse

    sha = None
    try:
        data = _read_regular(path)
        sha = hashlib.sha256(data).hexdigest()
        report = parse(path, data, jobs=1, engine=engine)
        return Outcome(path, report.to_json(indent=None).rstrip("\n"), "ok", len(report.warnings))
    except HyokaError as exc:
        return _error(path, sha, "bad_input", exc.one_line())
    except MemoryError:
        raise  # the sandbox reports it
    except Exception as exc:
        return _error(path, sha, "internal_error", f"{type(exc).__name__}: {exc}")


def _read_regular(path: str) -> bytes:
    """The bytes of a regular file; a FIFO, socket or device is refused (reading could
    block the run)."""
    from hyoka_parse.errors import InputError
    from hyoka_parse.source import read_bytes

    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = stat.S_IFREG  # read_bytes says what is wrong
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise InputError(f"{path} is {_kind(mode)}", "batch reads regular files only")
    return read_bytes(path)


@dataclass(frozen=True)
class Job:
    """How each input is run: in a sandboxed child with ``limits`` (``wall_seconds`` is
    --timeout), its PDF read by ``engine`` (``--engine``)."""

    limits: Limits
    engine: str = "pdfium"

    def preload(self) -> None:
        """Import the parser once, here: forked children then start at once (a short
        --timeout measures parsing, not imports)."""
        import pypdfium2  # noqa: F401

        import hyoka_parse.layout.engine_pdfium
        import hyoka_parse.pdf
        import hyoka_parse.pipeline  # noqa: F401

    def start(self, path: str) -> sandbox.Worker:
        return sandbox.Worker(process, (path, self.engine), self.limits)

    def finish(self, path: str, message: tuple) -> Outcome:
        try:
            return sandbox.outcome(message, path, self.limits)
        except sandbox.LimitError as exc:
            how = message[1] if message[0] == "died" else message[0]
            return self.limit_record(path, how, exc)
        except Exception as exc:
            return _error(path, file_hash(path), "internal_error", str(exc))

    def limit_record(self, path: str, how: str, exc: HyokaError) -> Outcome:
        sha = file_hash(path)
        if how == "wall":
            wall = self.limits.wall_seconds or 0
            return _error(path, sha, "timeout", f"took longer than {wall:g} s (--timeout)")
        code = "timeout" if how == "time" else "resource_limit"
        return _error(path, sha, code, exc.one_line())

    def run(self, path: str) -> Outcome:
        """One input, start to end (for executors that run items one by one)."""
        from multiprocessing.connection import wait

        self.preload()
        worker = self.start(path)
        try:
            deadline = worker.deadline()
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not wait([worker.conn], timeout):
                worker.kill()
                return self.finish(path, ("wall",))
            message = worker.receive()
            worker.finish()
            return self.finish(path, message)
        finally:
            worker.kill()


class Executor(Protocol):
    """Runs ``job`` over ``items`` and yields the outcomes in the order of the items."""

    def map(self, job: Job, items: list[str]) -> Iterator[Outcome]: ...


class LocalExecutor:
    """Up to ``jobs`` sandboxed children on this machine, one per input. Whatever ends
    the run (Ctrl-C, SIGTERM, an error) kills the children still running."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def map(self, job: Job, items: list[str]) -> Iterator[Outcome]:
        from multiprocessing.connection import wait

        running: dict[Any, tuple[int, sandbox.Worker]] = {}
        done: dict[int, Outcome] = {}
        todo = iter(enumerate(items))
        next_out = 0
        job.preload()
        try:
            while next_out < len(items):
                while len(running) < self.jobs and (item := next(todo, None)) is not None:
                    worker = job.start(item[1])
                    running[worker.conn] = (item[0], worker)
                for conn in wait(list(running), _next_deadline(running)):
                    i, worker = running.pop(conn)
                    message = worker.receive()
                    worker.finish()
                    done[i] = job.finish(items[i], message)
                for conn, (i, worker) in list(_expired(running)):
                    del running[conn]
                    worker.kill()
                    done[i] = job.finish(items[i], ("wall",))
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
        finally:
            for _, worker in running.values():
                worker.kill()


def _next_deadline(running: dict[Any, tuple[int, sandbox.Worker]]) -> float | None:
    deadlines = [d for _, w in running.values() if (d := w.deadline()) is not None]
    return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None


def _expired(
    running: dict[Any, tuple[int, sandbox.Worker]],
) -> Iterator[tuple[Any, tuple[int, sandbox.Worker]]]:
    now = time.monotonic()
    for conn, (i, worker) in running.items():
        deadline = worker.deadline()
        if deadline is not None and deadline <= now:
            yield conn, (i, worker)


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

    def map(self, job: Job, items: list[str]) -> Iterator[Outcome]:
        import dask

        step = self.jobs * 2
        for start in range(0, len(items), step):
            tasks = [dask.delayed(job.run)(item) for item in items[start : start + step]]
            yield from dask.compute(*tasks, scheduler=self.scheduler, num_workers=self.jobs)


def make_executor(name: str, jobs: int) -> Executor:
    if name == "local":
        return LocalExecutor(jobs)
    if name == "dask":
        return DaskExecutor(jobs)
    raise HyokaError(f"unknown executor {name!r}", "use local or dask")


@dataclass
class Summary:
    inputs: int = 0  # every input found, the skipped ones too
    unchanged: int = 0  # already in the output, with the same sha256 (--resume)
    skipped: int = 0  # not regular files under a folder (FIFOs, sockets, devices)
    statuses: Counter = field(default_factory=Counter)
    warnings: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != "ok")


def _record_key(doc: dict) -> tuple[str | None, str | None, bool]:
    """(path, sha256, parsed) of an output line."""
    source = doc.get("source") or {}
    if "error" in doc:
        return doc.get("path"), doc.get("sha256"), False
    return source.get("path"), source.get("sha256"), True


def read_records(output: Path) -> dict[str, tuple[str | None, bool]]:
    """Path → (sha256, parsed) for each record in ``output``, the newest winning. A last
    line cut off by an interruption is removed, so that appending goes on from whole
    lines. Raises HyokaError when another line is not JSON."""
    if not output.exists():
        return {}
    raw = output.read_bytes()
    records: dict[str, tuple[str | None, bool]] = {}
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
        path, sha, parsed = _record_key(doc) if isinstance(doc, dict) else (None, None, False)
        if path is not None:
            records[path] = (sha, parsed)
    return records


def compact(output: Path) -> None:
    """Rewrite ``output`` atomically with one line per input path: the newest record,
    at the place of the first."""
    lines: dict[str, bytes] = {}
    others: list[bytes] = []
    for line in output.read_bytes().splitlines():
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            path = _record_key(doc)[0] if isinstance(doc, dict) else None
        except json.JSONDecodeError:
            path = None
        if path is None:
            others.append(line)
        else:
            lines[path] = line
    data = b"".join(line + b"\n" for line in [*lines.values(), *others])
    if data != output.read_bytes():
        write_atomic(output, data)


def file_hash(path: str) -> str | None:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def run(
    inputs: list[str],
    output: str,
    executor: Executor,
    job: Job,
    resume: bool = False,
    on_result: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Parse ``inputs`` into ``output`` (JSON lines; ``-`` for stdout). Without
    ``resume`` an existing output is replaced (the caller decides whether it may be).

    Raises KeyboardInterrupt after keeping every finished line."""
    summary = Summary(inputs=len(inputs))
    start = time.perf_counter()
    todo = inputs
    target = None if output == "-" else Path(os.path.realpath(output))  # a link's target
    if resume and target is not None:
        done = read_records(target)
        todo = [p for p in inputs if not _up_to_date(p, done)]
        summary.unchanged = len(inputs) - len(todo)
    fh = None if target is None else target.open("ab" if resume else "wb")
    try:
        for outcome in executor.map(job, todo):
            _write_line(fh, outcome.line)
            summary.statuses[outcome.status] += 1
            summary.warnings += outcome.warnings
            if on_result:
                on_result(outcome)
    finally:
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C: finish up
        try:
            if fh is not None:
                fh.close()
                if resume and target is not None and target.is_file():
                    compact(target)
        finally:
            signal.signal(signal.SIGINT, old)
    summary.seconds = time.perf_counter() - start
    return summary


def _up_to_date(path: str, done: dict[str, tuple[str | None, bool]]) -> bool:
    sha, parsed = done.get(path, (None, False))
    return parsed and sha is not None and sha == file_hash(path)


def _write_line(fh: IO[bytes] | None, line: str) -> None:
    data = (line + "\n").encode("utf-8")
    if fh is None:
        write_stdout(data)
        return
    fh.write(data)
    fh.flush()

"""Run one document's work in a child process with a CPU-time and a memory limit.

pdfminer is pure Python and trusts the file: crafted PDFs make it loop (an object that
refers to itself), go quadratic (a 32 MB token) or allocate gigabytes (10 KB of ``[``).
No list of patches catches them all, so each document is read in a forked child under
``resource.setrlimit``: RLIMIT_CPU (seconds of CPU) and RLIMIT_AS (address space). A
limit hit, a crash or a killed child comes back as one clear ``LimitError`` (exit 2, or
an error record in batch). Issue 11.

The child is its own process group (the parent kills it and its page workers at once)
and, on Linux, dies with its parent (PR_SET_PDEATHSIG), so that killing hyoka-parse
never leaves workers behind. Its stdout and stderr go to /dev/null: only the parent
speaks to the user.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from hyoka_parse.errors import HyokaError

if TYPE_CHECKING:
    from hyoka_parse.options import ReadOptions

BASE_CPU_SECONDS = 5  # opening a document (a real one takes under 1 s), or a loop
CPU_SECONDS_PER_PAGE = 0.25  # some 2.5 times what a page of a real report takes here
MEMORY_BYTES = 1024 * 2**20  # address space per process (a real report needs some 100 MB)


class LimitError(HyokaError):
    """A document's work hit the time or memory limit, or its process died."""


@dataclass(frozen=True)
class Limits:
    """Per-process limits for one document's work.

    ``cpu_seconds``: CPU time before pages are counted; ``cpu_per_page``: more once the
    page count is known (``grant_pages``); ``memory_bytes``: address space;
    ``wall_seconds``: real time for the whole child, None for no limit."""

    cpu_seconds: float = BASE_CPU_SECONDS
    cpu_per_page: float = CPU_SECONDS_PER_PAGE
    memory_bytes: int | None = MEMORY_BYTES
    wall_seconds: float | None = None
    max_pages: int = 2000

    def most_cpu(self) -> int:
        return int(self.cpu_seconds + self.cpu_per_page * self.max_pages) + 1


_ACTIVE: Limits | None = None  # set in a sandboxed child


def grant_pages(pages: int) -> None:
    """Raise this process's CPU limit for a document of ``pages`` pages (counted from the
    page tree). No effect outside a sandbox."""
    if _ACTIVE is None:
        return
    import resource

    pages = min(pages, _ACTIVE.max_pages)
    soft = int(_ACTIVE.cpu_seconds + _ACTIVE.cpu_per_page * pages) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (min(soft, hard), hard))


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (elsewhere: nothing)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def worker_init(*steps: tuple[Callable[..., None], tuple]) -> None:
    """Initializer for pool workers started inside a sandbox: die with the parent, leave
    Ctrl-C to it, then run each ``(function, args)`` of ``steps``."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for fn, args in steps:
        fn(*args)


def _apply(limits: Limits) -> None:
    import resource

    global _ACTIVE
    _ACTIVE = limits
    if limits.cpu_seconds:
        hard = limits.most_cpu() + 2  # past the soft limit's SIGXCPU, SIGKILL
        resource.setrlimit(resource.RLIMIT_CPU, (int(limits.cpu_seconds) + 1, hard))
    if limits.memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))


def _silence() -> None:
    if os.environ.get("HYOKA_DEBUG"):
        return
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _hold_ctrl_c() -> set[signal.Signals] | None:
    """Block SIGINT for the span of a fork; the old mask (None where there are no masks).

    os.fork runs the at-fork hooks (logging's lock release, among others) as Python code, and
    a KeyboardInterrupt raised inside one is printed as "Exception ignored" and dropped: a
    Ctrl-C in the few microseconds of a fork, just after a batch record is written, was lost
    and the batch ran to the end with exit 0. Held, it is raised once the fork is done."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _release_ctrl_c(mask: set[signal.Signals] | None) -> None:
    """Restore the mask ``_hold_ctrl_c`` returned; a SIGINT that came meanwhile is raised
    now (KeyboardInterrupt)."""
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _child(
    conn: Connection,
    fn: Callable[..., Any],
    args: tuple,
    limits: Limits,
    mask: set[signal.Signals] | None = None,
) -> None:
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _release_ctrl_c(mask)  # ignored from here on: Ctrl-C is the parent's
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGXCPU, _out_of_time)
    _silence()
    _apply(limits)
    try:
        message: tuple = ("ok", fn(*args, lambda obj: conn.send(("progress", obj))))
    except HyokaError as exc:
        message = ("hyoka", type(exc), exc.message, exc.hint)
    except MemoryError:
        message = ("memory",)
    except OutOfTime:
        message = ("time",)
    except BaseException as exc:
        message = ("internal", f"{type(exc).__name__}: {exc}", traceback.format_exc())
    with contextlib.suppress(MemoryError, pickle.PicklingError, OSError):
        conn.send(message)


class OutOfTime(BaseException):  # not Exception: no handler on the way may swallow it
    pass


def _out_of_time(signum: int, frame: object) -> None:
    raise OutOfTime


class Worker:
    """One sandboxed child: its pid, the connection it reports on, and its deadline."""

    def __init__(self, fn: Callable[..., Any], args: tuple, limits: Limits) -> None:
        import multiprocessing.connection as mpc

        read, write = mpc.Pipe(duplex=False)
        self.limits = limits
        self.started = time.monotonic()
        mask = _hold_ctrl_c()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never return into the parent's code
            code = 0
            try:
                read.close()
                _child(write, fn, args, limits, mask)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        write.close()
        self.conn = read
        with contextlib.suppress(OSError):  # also here: whoever runs first makes the group
            os.setpgid(self.pid, self.pid)
        self.done = False
        try:
            _release_ctrl_c(mask)  # a Ctrl-C held during the fork is raised here
        except BaseException:
            self.kill()
            raise

    def deadline(self) -> float | None:
        wall = self.limits.wall_seconds
        return None if wall is None else self.started + wall

    def receive(self) -> tuple:
        """The next message; ("died", how) when the child ended without a word."""
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return ("died", self._reap())

    def _reap(self) -> str:
        self.kill()
        return self.how

    def kill(self) -> None:
        """End the child and its page workers; reap it. Safe to call twice."""
        if self.done:
            return
        self.done = True
        for kill in (os.killpg, os.kill):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        self.conn.close()
        self.how = _how(status)

    def finish(self) -> None:
        """Reap a child that has sent its result."""
        if not self.done:
            self.done = True
            self.conn.close()
            os.waitpid(self.pid, 0)


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return "time"
        return f"signal {signal.Signals(sig).name}"
    return f"exit {os.WEXITSTATUS(status)}"


def outcome(message: tuple, path: str, limits: Limits) -> Any:
    """The child's result, or the exception its message stands for.

    Raises HyokaError (the document's own), LimitError (a limit hit, a crash),
    WorkerError (a bug in the child)."""
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "hyoka":
        _, cls, text, hint = message
        raise cls(text, hint)
    if kind == "internal":
        raise WorkerError(message[1], message[2])
    raise limit_error(path, message[1] if kind == "died" else kind, limits)


def limit_error(path: str, how: str, limits: Limits) -> LimitError:
    """One line for a child that hit a limit (``how``: time, memory, wall) or died."""
    if how == "time":
        cpu = f"{limits.cpu_seconds:g} s + {limits.cpu_per_page:g} s per page"
        return LimitError(
            f"{path}: reading took more than its CPU time ({cpu})",
            "this is no ordinary report; check the file, or raise --time-limit",
        )
    if how == "memory":
        mb = (limits.memory_bytes or 0) // 2**20
        return LimitError(
            f"{path}: reading needed more than {mb} MB of memory",
            "this is no ordinary report; check the file, or raise --memory-limit",
        )
    if how == "wall":
        return LimitError(
            f"{path}: reading took longer than {limits.wall_seconds:g} s", "raise --timeout"
        )
    return LimitError(
        f"{path}: the process reading it was stopped ({how}; out of memory?)",
        "check the file, or raise --memory-limit",
    )


class WorkerError(Exception):
    """A bug met in the child; ``detail`` is its traceback."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail
        self.add_note(f"in the sandboxed process:\n{detail}")  # shown with HYOKA_DEBUG=1


def run(
    fn: Callable[..., Any],
    args: tuple,
    path: str,
    limits: Limits,
    on_message: Callable[[Any], None] | None = None,
) -> Any:
    """``fn(*args, send)`` in a sandboxed child; its return value here.

    ``send(obj)`` in the child passes ``obj`` to ``on_message`` here (progress). Raises
    what ``outcome`` raises; LimitError("wall") after ``limits.wall_seconds``. The child
    is killed on any exit, Ctrl-C included."""
    from multiprocessing.connection import wait

    worker = Worker(fn, args, limits)
    try:
        while True:
            deadline = worker.deadline()
            timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not wait([worker.conn], timeout):
                worker.kill()
                raise limit_error(path, "wall", limits)
            message = worker.receive()
            if message[0] == "progress":
                if on_message:
                    on_message(message[1])
                continue
            if message[0] != "died":
                worker.finish()
            return outcome(message, path, limits)
    finally:
        worker.kill()


def _parse_in_child(
    path: str, data: bytes, options: ReadOptions, send: Callable[[Any], None]
) -> Any:
    from dataclasses import replace

    from hyoka_parse.pipeline import parse_with

    on_page = (lambda d, n: send((d, n))) if options.on_page else None
    return parse_with(path, data, replace(options, on_page=on_page))


def parse_document(path: str, data: bytes, limits: Limits, options: ReadOptions) -> Any:
    """``pipeline.parse`` of one document in a sandboxed child, read as ``options`` say
    (its ``max_pages`` is ``limits.max_pages``; ``on_page`` is called here, as the
    child reads pages); the Report here.

    Raises HyokaError (bad input), LimitError (a limit hit, a crash), WorkerError (a bug)."""
    from dataclasses import replace

    on_page = options.on_page
    progress = (lambda m: on_page(*m)) if on_page else None
    child = replace(options, max_pages=limits.max_pages)
    return run(_parse_in_child, (path, data, child), path, limits, progress)

"""Pipeline stage 6: the JSON text, byte-for-byte the same for the same input, and the one
place where output bytes reach their target (a file, a device, a FIFO or stdout)."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hyoka_parse.errors import HyokaError

if TYPE_CHECKING:
    from hyoka_parse.models import Report


def dumps(data: Any, indent: int | None = None) -> str:
    """Strict JSON: NaN and Infinity raise ValueError (they are not JSON; RFC 8259 §6)."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        data, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
    )


def to_json(report: Report, indent: int | None = 2) -> str:
    return dumps(report.model_dump(mode="json"), indent=indent) + "\n"


class OutputError(HyokaError):
    """The output cannot be written (disk full, closed pipe, no such folder, same as input)."""


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def write_stdout(data: bytes) -> None:
    """Write to standard output; a full disk or a closed pipe is an OutputError (exit 2).

    Raises OutputError."""
    out = sys.stdout
    if out is None:  # started with descriptor 1 closed
        raise OutputError("standard output is closed", "redirect it to a file or pass -o FILE")
    try:
        fd = out.fileno()
    except (OSError, ValueError):  # a stream in memory (a test runner)
        out.buffer.write(data)
        out.flush()
        return
    try:
        out.flush()
        # Straight to the descriptor: a BufferedWriter reports a pipe closed midway as
        # a short count, not an error, and the rest would be lost without a word.
        _write_all(fd, data)
    except OSError as exc:
        _silence_stdout()
        if exc.errno == errno.EPIPE:
            raise OutputError(
                "standard output was closed before all output was written",
                "let the reader take all of it, or pass -o FILE",
            ) from None
        raise OutputError(
            f"cannot write to standard output ({_why(exc)})", "free disk space or pass -o FILE"
        ) from None


def _silence_stdout() -> None:
    """Point descriptor 1 at /dev/null, so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def write_output(target: str, data: bytes) -> None:
    """Write ``data`` to ``target``: ``-`` is stdout; a regular file (or a new one) is
    replaced atomically; a device or FIFO is written directly (replacing it would destroy
    it: issue 11, ``-o /dev/null`` as root); a symlink's target is replaced, not the link.

    Raises OutputError with one line when the target cannot be written.
    """
    if target == "-":
        write_stdout(data)
        return
    real = os.path.realpath(target)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"cannot write {target} ({_why(exc)})", "check the path") from None
    try:
        if mode is not None and stat.S_ISDIR(mode):
            raise OutputError(f"{target} is a folder", "pass a file name for the output")
        if mode is None or stat.S_ISREG(mode):
            write_atomic(real, data)
        else:
            _write_direct(real, data)
    except OSError as exc:
        raise OutputError(
            f"cannot write {target} ({_why(exc)})",
            "check the folder exists, is writable and has free space",
        ) from None


def check_output(target: str) -> None:
    """Refuse, before any work, an output that cannot be written: an empty name, a folder,
    a file in a folder that does not exist or is not writable. ``-``, a device and a FIFO
    pass (they are written directly). Raises OutputError."""
    if target == "-":
        return
    if not target:
        raise OutputError("-o is empty", "pass a file name, or - for standard output")
    real = os.path.realpath(target)
    if os.path.isdir(real):
        raise OutputError(f"{target} is a folder", "pass a file name for the output")
    if os.path.exists(real) and not os.path.isfile(real):
        return
    folder = os.path.dirname(real)
    if not os.path.isdir(folder):
        raise OutputError(
            f"cannot write {target}: no folder {folder}", "create it or pass another -o"
        )
    if not os.access(folder, os.W_OK):
        raise OutputError(
            f"cannot write {target}: the folder {folder} is not writable", "pass another -o"
        )


def _write_direct(path: str, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to the regular file ``path`` through a temporary file in the same
    folder and a rename. An interrupted run leaves either the old file or the new one,
    never half of one. A file replaced keeps its permissions (a 0600 output stays
    private). Raises OSError."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        umask = os.umask(0)
        os.umask(umask)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            mode = 0o666 & ~umask  # a new file: mkstemp's 0600 would surprise users
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def same_file(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name one file (through links, hard or symbolic)."""
    if "-" in (a, b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_output_over_input(output: str, inputs: Iterable[str]) -> None:
    """Raise OutputError when ``output`` is one of ``inputs``: writing would destroy it.
    Devices and FIFOs are exempt (``/dev/stdin`` and ``/dev/stdout`` may be one terminal)."""
    for path in inputs:
        if os.path.exists(path) and same_file(output, path) and not _special(path):
            raise OutputError(
                f"the output {output} is the input {path}; writing it would destroy the input",
                "pass another output file",
            )


def _special(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False

"""Output targets: never destroy a device, a link or the input (issue 11)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import FIXTURES, PAGES

TEXT = PAGES / "policy_header.txt"
PDF = FIXTURES / "pdf" / "report_field_1.pdf"
BAD_PDF = FIXTURES / "bad" / "truncated.pdf"


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hyoka_parse", *args], capture_output=True, timeout=120, **kwargs
    )


def _one_line(proc: subprocess.CompletedProcess, words: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.startswith("hyoka-parse: error: ") and err.count("\n") == 1, err
    assert words in err and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_not_replaced(tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
    proc = run(str(TEXT), "-o", str(null))
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary file left


def test_a_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = run(str(TEXT), "-o", str(fifo))
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(got[0])["policies"][0]["id"] == "II-1"


def test_a_symlink_target_is_replaced_and_the_link_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("OLD", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    proc = run(str(TEXT), "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["policies"][0]["id"] == "II-1"


@pytest.mark.parametrize("source", [TEXT, PDF])
def test_output_over_the_input_is_refused(source: Path, tmp_path: Path) -> None:
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    proc = run(str(path), "-o", str(path))
    _one_line(proc, "writing it would destroy the input")
    assert path.read_bytes() == source.read_bytes()


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_output_over_the_input_through_a_link_is_refused(link: str, tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.read_bytes())
    other = tmp_path / "other.txt"
    if link == "symlink":
        other.symlink_to(path)
    else:
        os.link(path, other)
    _one_line(run(str(path), "-o", str(other)), "is the input")
    _one_line(run(str(other), "-o", str(path), "--format", "csv"), "is the input")
    assert path.read_bytes() == TEXT.read_bytes()


def test_batch_output_over_an_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(TEXT.read_bytes())
    _one_line(run("batch", str(path), "-o", str(path), "--overwrite"), "is the input")
    assert path.read_bytes() == TEXT.read_bytes()


@pytest.mark.parametrize(
    ("redirect", "words"),
    [
        (">/dev/full", "cannot write to standard output (No space left on device)"),
        (">&-", "standard output is closed"),
    ],
)
def test_stdout_full_or_closed_is_exit_2(redirect: str, words: str) -> None:
    proc = subprocess.run(
        f'"{sys.executable}" -m hyoka_parse "{TEXT}" {redirect}',
        shell=True,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    _one_line(proc, words)


def test_stdout_closed_early_by_the_reader_is_exit_2() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "hyoka_parse", str(FIXTURES / "mofa_r3_II-1.txt")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10) == b'{\n  "schem'  # then the reader goes away
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 2
    assert err == (
        "hyoka-parse: error: standard output was closed before all output was written; "
        "let the reader take all of it, or pass -o FILE\n"
    )


def test_a_replaced_output_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "private.json"
    out.write_text("old")
    out.chmod(0o600)
    proc = run(str(FIXTURES / "mofa_r3_II-1.txt"), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert json.loads(out.read_text())["policies"][0]["id"] == "II-1"


def test_batch_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "none" / "all.jsonl"
    proc = run("batch", str(FIXTURES / "mofa_r3_II-1.txt"), "-o", str(out), "-q")
    _one_line(proc, f"cannot write {out}: no folder")


def test_an_output_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path) -> None:
    """A missing folder, a folder, an empty name: one line, exit 2, before the input is read
    (a damaged PDF's own error would come later)."""
    missing = tmp_path / "none"
    folder = tmp_path / "folder"
    folder.mkdir()
    for args, message in (
        ((str(BAD_PDF), "-o", str(missing / "out.json")), f"cannot write {missing / 'out.json'}: "
         f"no folder {missing}; create it or pass another -o"),
        (("debug", str(PDF), "-o", str(missing / "p.png")), f"cannot write "
         f"{missing / 'p.png'}: no folder {missing}; create it or pass another -o"),
        ((str(PDF), "-o", ""), "-o is empty; pass a file name, or - for standard output"),
        ((str(PDF), "-o", str(folder)), f"{folder} is a folder; pass a file name for the output"),
        (("batch", str(PDF), "-o", str(folder)), f"{folder} is a folder; pass a file name for "
         "the output"),
        (("batch", str(folder), "-o", "-"), f"no input files found ({folder} holds no regular "
         ".pdf or .txt file); pass files, folders or globs"),
        (("batch", f"{missing}/*.pdf", "-o", "-"), f"no input files found ({missing}/*.pdf "
         "matches no file); pass files, folders or globs"),
    ):
        proc = run(*args)
        assert (proc.returncode, proc.stderr.decode()) == (2, f"hyoka-parse: error: {message}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


def test_an_endless_input_is_refused_not_read() -> None:
    _one_line(run("/dev/zero", "-o", os.devnull), "/dev/zero is larger than 512 MB (or endless")

"""Crafted PDFs end with one line, within limits, and pdfminer keeps quiet (issue 11).

The files come from ``fixtures/hostile/make_hostile.py``; sizes are kept small here and
limits tight (``--time-limit``), so that each case takes seconds."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import FIXTURES

from hyoka_parse import InputError, pdf, pdf_guard, sandbox
from hyoka_parse.options import ReadOptions

sys.path.insert(0, str(FIXTURES / "hostile"))
import make_hostile

PDF = FIXTURES / "pdf" / "report_fields_3_4.pdf"
PLUMBER = ReadOptions(engine="pdfplumber")  # pdf_guard's ceilings are pdfminer's


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hyoka_parse", *args], capture_output=True, timeout=300
    )


def cli(tmp_path: Path, name: str, data: bytes, *options: str) -> str:
    """Parse ``data`` as ``name``; assert exit 2, one line, no output file; the line."""
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.json"
    proc = run(str(path), "-o", str(out), *options)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.startswith("hyoka-parse: error: ") and err.count("\n") == 1, err
    assert not out.exists()
    return err


ENGINE = ("--engine", "pdfplumber")  # pdf_guard's ceilings are pdfminer's


@pytest.mark.parametrize("make", [make_hostile.self_reference, make_hostile.reference_cycle])
def test_an_object_that_refers_to_itself_is_refused(make, tmp_path: Path) -> None:
    err = cli(tmp_path, "loop.pdf", make(), *ENGINE)
    assert "loop.pdf is a damaged or truncated PDF (ReferenceLoop)" in err


# What pdfium (the default engine) answers to each crafted file: pdfium has bounds of its
# own (a loop of references is no object; a stream that does not decode is empty), and
# the sandbox's CPU and memory limits hold for it as for pdfminer.
PDFIUM_ANSWERS = [
    (make_hostile.self_reference, "has no text layer"),
    (make_hostile.reference_cycle, "has no text layer"),
    (lambda: make_hostile.lzw_bomb(300), "has no text layer"),
    (lambda: make_hostile.runlength_bomb(300), "has no text layer"),
    (lambda: make_hostile.flate_many(streams=4, each_mb=64), "has no text layer"),
    (lambda: make_hostile.one_token(32), "has no text layer"),
    (lambda: make_hostile.operands(16), "has no text layer"),
    (make_hostile.brackets, "has no text layer"),
    (make_hostile.xref_stream_objects, "is a damaged or truncated PDF (pdfium: data format error)"),
    (lambda: make_hostile.many_pages(3000), "has 3000 pages, more than --max-pages 2000"),
    (make_hostile.no_fontbbox, "does not look like a 政策評価書"),
]


@pytest.mark.parametrize(("make", "answer"), PDFIUM_ANSWERS)
def test_pdfium_answers_a_crafted_file_in_one_line(make, answer: str, tmp_path: Path) -> None:
    err = cli(tmp_path, "crafted.pdf", make())
    assert answer in err


def test_pdfium_under_the_memory_limit_is_one_clear_error(tmp_path: Path) -> None:
    """pdfium is C: an allocation it cannot make under RLIMIT_AS ends its process, which
    the sandbox reports in one line (and never as a hang)."""
    err = cli(tmp_path, "token.pdf", make_hostile.one_token(300), "--memory-limit", "256")
    assert "token.pdf: the process reading it was stopped (signal SIGABRT; out of memory?)" in err
    assert "raise --memory-limit" in err


def test_a_reference_loop_is_caught_in_one_step() -> None:
    import io

    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef

    doc = PDFDocument(PDFParser(io.BytesIO(make_hostile.reference_cycle())))
    with pytest.raises(pdf_guard.ReferenceLoop, match="object 4 refers back to itself"):
        pdf_guard._resolve1(PDFObjRef(doc, 4))


def test_an_lzw_bomb_is_refused(tmp_path: Path) -> None:
    err = cli(tmp_path, "lzw.pdf", make_hostile.lzw_bomb(300), *ENGINE)
    assert "inflate beyond 256 MB (one) or 512 MB (all)" in err


def test_lzw_and_runlength_are_under_the_stream_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_guard, "MAX_STREAM_BYTES", 2**20)
    pdf_guard._Budget.reset()
    lzw = make_hostile._lzw_pack(make_hostile._lzw_codes(1000))  # 11 MB
    with pytest.raises(pdf_guard.StreamTooLarge):
        pdf_guard._lzwdecode(lzw)
    with pytest.raises(pdf_guard.StreamTooLarge):
        pdf_guard._rldecode(bytes([129, 0x20]) * 20_000)  # 2.5 MB


def test_decoders_agree_with_pdfminer_on_ordinary_streams() -> None:
    from pdfminer.lzw import lzwdecode
    from pdfminer.runlength import rldecode

    pdf_guard._Budget.reset()
    lzw = make_hostile._lzw_pack([256, 72, 105, 258, 259, 33, 257])
    assert pdf_guard._lzwdecode(lzw) == lzwdecode(lzw) == b"HiHiiH!"
    rl = bytes([2]) + b"abc" + bytes([254, ord("z")]) + b"\x80"
    assert pdf_guard._rldecode(rl) == rldecode(rl) == b"abczzz"
    blob = zlib.compress(b"BT (x) Tj ET\n" * 5000)
    with pytest.raises(zlib.error):  # broken before the checksum: an error, as in pdfminer
        pdf_guard._decompress_corrupted(blob[:10] + b"\xff" * 20 + blob[30:])


def test_a_bad_checksum_is_not_reinflated_byte_by_byte() -> None:
    pdf_guard._Budget.reset()
    body = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n" * 200_000  # 7 MB: hours byte by byte
    blob = zlib.compress(body)
    assert pdf_guard._decompress_corrupted(blob[:-4] + b"\x00\x00\x00\x00") == body


def test_the_inflate_ceiling_is_per_document_across_page_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_guard, "MAX_DOCUMENT_BYTES", 3 * 2**20)
    data = make_hostile.flate_many(streams=8, each_mb=1)  # 8 MB in all, 1 MB a page
    for jobs in (1, 2):
        with pytest.raises(InputError, match=r"inflate beyond 256 MB \(one\) or 3 MB \(all\)"):
            pdf.extract_pages(data, "many.pdf", ReadOptions(jobs=jobs, engine="pdfplumber"))


def test_objects_are_counted_from_the_xref_stream(tmp_path: Path) -> None:
    err = cli(tmp_path, "xref.pdf", make_hostile.xref_stream_objects(), *ENGINE)
    assert "declares 200,000,000 objects, more than 2,000,000" in err


def test_pages_are_counted_before_any_page_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import pdfplumber

    def no_pages(self: object) -> None:
        raise AssertionError("pages built")

    monkeypatch.setattr(pdfplumber.PDF, "pages", property(no_pages))
    with pytest.raises(InputError, match="has 3000 pages, more than --max-pages 2000"):
        pdf.extract_pages(make_hostile.many_pages(3000), "pages.pdf", PLUMBER)


def test_a_one_token_stream_hits_the_time_limit(tmp_path: Path) -> None:
    err = cli(tmp_path, "token.pdf", make_hostile.one_token(32), "--time-limit", "1", *ENGINE)
    assert "reading took more than its CPU time (1 s + 0.25 s per page)" in err


def test_pdfminer_logging_stays_off_stderr(tmp_path: Path) -> None:
    err = cli(tmp_path, "font.pdf", make_hostile.no_fontbbox(), *ENGINE)
    assert "does not look like a 政策評価書" in err  # and nothing about FontBBox


def test_pdfminer_logging_is_dropped_in_process(capsys: pytest.CaptureFixture) -> None:
    pdf_guard.install()
    logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox")
    assert capsys.readouterr().err == ""


def _kill_self(args: tuple) -> list:
    os.kill(os.getpid(), signal.SIGKILL)
    return []


def test_a_killed_page_worker_ends_the_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "_extract_range", _kill_self)  # forked workers see it
    with pytest.raises(sandbox.LimitError, match="a process reading its pages was killed"):
        pdf.extract_pages(PDF.read_bytes(), "report.pdf", ReadOptions(jobs=2))


def _die(send: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _hog(send: object) -> bytes:
    return b"x" * (2**31)


def _spin(send: object) -> None:
    while True:
        pass


def test_a_killed_sandbox_is_one_clear_error() -> None:
    with pytest.raises(sandbox.LimitError, match=r"stopped \(signal SIGKILL; out of memory\?\)"):
        sandbox.run(_die, (), "x.pdf", sandbox.Limits())


def test_the_memory_limit_is_one_clear_error() -> None:
    limits = sandbox.Limits(memory_bytes=512 * 2**20)
    with pytest.raises(sandbox.LimitError, match="needed more than 512 MB of memory"):
        sandbox.run(_hog, (), "x.pdf", limits)


def test_the_cpu_limit_is_one_clear_error() -> None:
    limits = sandbox.Limits(cpu_seconds=1)
    with pytest.raises(sandbox.LimitError, match="took more than its CPU time"):
        sandbox.run(_spin, (), "x.pdf", limits)


def test_an_ordinary_pdf_is_the_same_in_the_sandbox() -> None:
    from hyoka_parse.pipeline import parse

    data = PDF.read_bytes()
    inside = sandbox.parse_document(str(PDF), data, sandbox.Limits(), ReadOptions(jobs=2))
    assert inside.to_json() == parse(str(PDF), data, jobs=1).to_json()

"""The command line, through a real subprocess: files, stdin, stdout, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, PAGES, REPORT


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hyoka_parse", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_file_to_file_is_the_api_output(tmp_path: Path) -> None:
    from hyoka_parse import parse

    out = tmp_path / "out.json"
    proc = run(str(REPORT), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert proc.stderr == b"hyoka-parse: 7 warnings; --warnings to list\n"
    assert run(str(REPORT), "-o", str(out), "-q").stderr == b""
    assert out.read_text(encoding="utf-8") == parse(str(REPORT)).to_json()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_stdin_to_stdout_twice_gives_the_same_bytes() -> None:
    data = REPORT.read_bytes()
    first, second = run("-", stdin=data), run("-", stdin=data)
    assert first.returncode == 0 and first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert doc["source"] == {
        "path": "<stdin>",
        "format": "text",
        "sha256": doc["source"]["sha256"],
        "pages": None,
    }
    assert len(doc["policies"][0]["fields"]) == 11


def test_standard_input_is_named_stdin_everywhere() -> None:
    """source.path, source_path, warnings' locations and errors: one name, ``<stdin>``."""
    pdf = (FIXTURES / "pdf" / "report_field_1.pdf").read_bytes()
    doc = json.loads(run("-", "-q", stdin=pdf).stdout)
    assert (doc["source"]["path"], doc["source"]["format"]) == ("<stdin>", "pdf")
    listed = run("-", "--warnings", "-o", "/dev/null", stdin=pdf).stderr.decode().splitlines()
    assert listed[0] == (
        "<stdin>:76: page 3 (printed 3): unknown_measure: the list of measures names "
        "測定指標2-1, which has no section"
    )
    doc_bytes = json.dumps(doc).encode()
    rows = run("-", "-q", "-f", "csv", "-t", "policies", stdin=pdf).stdout.decode()
    assert rows.splitlines()[1].startswith("<stdin>,2d4e74398fe2")
    for data, message in (
        (b"", "<stdin> is empty; pass a 政策評価書 as PDF or extracted text"),
        (b"<!DOCTYPE html><html></html>", "<stdin> is a web page (HTML), not a PDF or a "
         "report's text; a link that gave a page instead of the file: download the PDF itself"),
        (doc_bytes, "<stdin> is hyoka-parse output already; convert "
         "it with --format csv|jsonl|xlsx (or -o FILE.xlsx), or check it with 'hyoka-parse "
         "validate'"),
    ):
        proc = run("-", stdin=data)
        assert (proc.returncode, proc.stderr.decode()) == (2, f"hyoka-parse: error: {message}\n")
    valid = run("validate", "-", stdin=doc_bytes)
    assert valid.stdout == b"<stdin>: 1 document(s) valid\n"
    proc = run("batch", "-", str(REPORT), "-o", "-")
    assert (proc.returncode, proc.stdout, proc.stderr.decode()) == (
        2,
        b"",
        "hyoka-parse: error: batch reads files, folders and globs, not standard input (-); "
        "save it to a file, or parse it alone: hyoka-parse - -o out.json\n",
    )


@pytest.mark.parametrize("command", [["-"], ["show", "-"], ["validate", "-"], ["debug", "-"]])
def test_standard_input_on_a_terminal_is_refused_not_waited_on(command: list[str]) -> None:
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "hyoka_parse", *command],
            stdin=slave,
            capture_output=True,
            timeout=60,
        )
    finally:
        os.close(slave)
        os.close(master)
    assert (proc.returncode, proc.stdout, proc.stderr.decode()) == (
        2,
        b"",
        "hyoka-parse: error: - reads standard input, which is a terminal here; pipe a report "
        "into it (cat report.txt | hyoka-parse -) or pass the file\n",
    )


def test_csv_rows_per_measure_year() -> None:
    proc = run(str(REPORT), "--format", "csv", "--excel")
    assert proc.returncode == 0
    assert proc.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8-sig"))))
    assert len(rows) == 39 * 3
    assert sum(r["kind"] == "qualitative" for r in rows) == 32 * 3
    row = next(r for r in rows if r["measure_id"] == "3-4" and r["fiscal_year"] == "2019")
    assert (row["actual_value"], row["actual_unit"], row["target_raw"]) == ("78.3", "%", "83％")


def test_jsonl_rows() -> None:
    proc = run(str(REPORT), "--format", "jsonl")
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(rows) == 117
    assert rows[0]["measure_id"] == "1-1" and rows[0]["fiscal_year"] == 2018


def test_compact_and_strict() -> None:
    proc = run(str(REPORT), "--compact", "--strict")
    assert proc.returncode == 1  # the real report has warnings (label_mismatch, renamed_measure)
    assert proc.stdout.count(b"\n") == 1
    assert b"warning(s)" in proc.stderr


def test_schema_command_prints_the_models_schema() -> None:
    proc = run("schema")
    schema = json.loads(proc.stdout)
    assert {"schema_version", "source", "budget_sheets", "policies", "warnings"} <= set(
        schema["properties"]
    )
    measure = schema["$defs"]["Measure"]["properties"]
    assert {"id", "title", "is_main", "kind", "mid_term_target", "years", "rating"} <= set(measure)


def test_bad_inputs_end_with_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("買い物リスト\n牛乳\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe\x00")
    undecodable = tmp_path / "latin.txt"
    undecodable.write_bytes(b"caf\xe9 \xff\xfd")
    fake_pdf = tmp_path / "fake.pdf"
    fake_pdf.write_text("<html>not a pdf</html>")
    for path, needle in (
        (tmp_path / "missing.txt", "no such file"),
        (empty, "is empty"),
        (unrelated, "does not look like a 政策評価書"),
        (binary, "NUL bytes"),
        (undecodable, "neither UTF-8"),
        (fake_pdf, "not a PDF"),
    ):
        out = tmp_path / "out.json"
        proc = run(str(path), "-o", str(out))
        err = proc.stderr.decode()
        assert proc.returncode == 2, (path, err)
        assert err.count("\n") == 1 and needle in err and "Traceback" not in err
        assert str(path) in err  # a batch run has many inputs: the line names its file
        assert not out.exists()


def test_what_a_file_is_follows_its_content_not_its_name(tmp_path: Path) -> None:
    """%PDF- in the first KB makes a PDF, whatever the name; anything else is read as text."""
    pdf = FIXTURES / "pdf" / "report_field_1.pdf"
    text_named_pdf = tmp_path / "extracted.pdf"
    text_named_pdf.write_bytes(REPORT.read_bytes())
    pdf_named_txt = tmp_path / "report.txt"
    pdf_named_txt.write_bytes(pdf.read_bytes())
    pdf_after_junk = tmp_path / "mail.pdf"  # a header before %PDF- (a mail or HTTP header)
    pdf_after_junk.write_bytes(b"Content-Type: application/pdf\r\n\r\n" + pdf.read_bytes())
    for path, kind, like in (
        (text_named_pdf, "text", REPORT),
        (pdf_named_txt, "pdf", pdf),
        (pdf_after_junk, "pdf", pdf),
    ):
        proc = run(str(path), "-q")
        assert proc.returncode == 0, proc.stderr
        doc, same = json.loads(proc.stdout), json.loads(run(str(like), "-q").stdout)
        assert doc["source"]["format"] == kind and doc["source"]["path"] == str(path)
        assert doc["policies"] == same["policies"]
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(text_named_pdf, folder / "a.pdf")
    shutil.copy(pdf_named_txt, folder / "b.txt")
    proc = run("batch", str(folder), "-o", "-", "-q")
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["source"]["format"] for d in docs] == ["text", "pdf"]


def test_usage_errors_are_one_line_and_exit_2() -> None:
    for args, needle in (
        ((str(REPORT), "--format", "xml"), "'xml' is not one of 'json', 'jsonl', 'csv', 'xlsx'"),
        (("batch", str(REPORT), "-t", "nope", "-o", "x.csv"), "'nope' is not one of 'policies'"),
        (("parse", "--bogus", str(REPORT)), "No such option: --bogus"),
        (("parse",), "Missing argument 'FILE'"),
        ((str(REPORT), "-o", "out.tsv"), "-o out.tsv: .tsv is not a format hyoka-parse writes"),
        (("batch", str(REPORT), "-o", "out.docx"), ".docx is not a format hyoka-parse writes"),
    ):
        proc = run(*args)
        err = proc.stderr.decode()
        assert proc.returncode == 2, (args, err)
        assert err.startswith("hyoka-parse: error: ") and err.count("\n") == 1, err
        assert needle in err and "Usage:" not in err and "Value error" not in err
        assert err.endswith((" -h'\n", "--format\n"))  # what to do next


def test_a_reader_of_show_that_stops_early_ends_it_quietly_with_141(tmp_path: Path) -> None:
    # parse's own data cut short is an error (exit 2, test_safety); show is only a view.
    out = tmp_path / "out.json"
    assert run(str(REPORT), "-o", str(out), "-q").returncode == 0
    for args in (("show", str(out)),):
        proc = subprocess.Popen(
            [sys.executable, "-m", "hyoka_parse", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()  # as `| head -c 10` does
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == 141, err
        assert b"Traceback" not in err and b"Exception ignored" not in err


def test_version() -> None:
    assert run("--version").stdout.decode().startswith("hyoka-parse ")


def test_excerpt_through_cli_matches_api() -> None:
    from hyoka_parse import parse

    path = PAGES / "policy_header.txt"
    assert json.loads(run(str(path)).stdout) == json.loads(parse(str(path)).to_json())

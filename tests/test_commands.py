"""The commands beyond parse: schema, validate, show, debug, batch; and the Python API."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, PAGES, REPORT
from typer.testing import CliRunner

from hyoka_parse.cli import app

PDFS = FIXTURES / "pdf"
runner = CliRunner()


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hyoka_parse", *args], capture_output=True, timeout=300, **kwargs
    )


def test_runner_parse_and_formats() -> None:
    result = runner.invoke(app, ["parse", str(REPORT), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    row = next(r for r in rows if r["measure_id"] == "3-4" and r["fiscal_year"] == 2019)
    assert (row["actual_value"], row["actual_unit"], row["rating"]) == (78.3, "%", "b")
    assert runner.invoke(app, ["parse", str(REPORT), "--strict", "--compact"]).exit_code == 1
    assert runner.invoke(app, ["--version"]).stdout.startswith("hyoka-parse ")
    assert "Exit codes" in runner.invoke(app, ["--help"]).stdout


def test_api_measure_years(report) -> None:
    rows = report.measure_years()
    assert len(rows) == 39 * 3
    assert sum(r["kind"] == "qualitative" for r in rows) == 32 * 3
    row = next(r for r in rows if r["measure_id"] == "8-2" and r["fiscal_year"] == 2020)
    assert (row["actual_raw"], row["actual_value"], row["target_raw"]) == ("13 位", 13, "８位以内")


def test_validate_good_and_broken_output(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    assert run(str(REPORT), "-o", str(good)).returncode == 0
    proc = run("validate", str(good))
    assert proc.returncode == 0 and b"1 document(s) valid" in proc.stdout
    doc = json.loads(good.read_text(encoding="utf-8"))
    doc["policies"][0]["fields"][2]["measures"][3]["years"][1]["actual_value"]["value"] = "78.3%"
    del doc["policies"][0]["fields"][0]["measures"][0]["rating"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    proc = run("validate", str(bad))
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "$.policies[0].fields[2].measures[3].years[1].actual_value.value" in err
    assert "$.policies[0].fields[0].measures[0].rating: Field required" in err
    proc = run("validate", str(REPORT))  # the report itself, not its output: one line
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [
        f"{REPORT}: not JSON; validate reads hyoka-parse's output (a .json file or a batch's "
        ".jsonl), not the report or a table",
        f"hyoka-parse: error: {REPORT}: 1 problem(s); see the lines above",
    ]


def test_show_a_pdf_and_an_output(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    run(str(REPORT), "-o", str(out))
    shown = run("show", str(out), env={"COLUMNS": "160", "PATH": ""}).stdout.decode()
    assert "相当程度進展あり（B）" in shown and "78.3％" in shown and "label_mismatch" in shown
    shown = run(
        "show", str(PDFS / "report_fields_7_8.pdf"), env={"COLUMNS": "200", "PATH": ""}
    ).stdout.decode()
    assert "2018: ８位以内→９位" in shown and "2020: ８位以内→13 位" in shown


def test_validate_names_the_line_and_column_where_json_is_cut_off(tmp_path: Path) -> None:
    text = run(str(PAGES / "policy_header.txt"), "-q").stdout.decode()
    lines = text.splitlines(keepends=True)
    for name, newline in (("cut.json", "\n"), ("cut-crlf.json", "\r\n")):
        cut = tmp_path / name  # indented, cut inside line 12, '      "id": "II-1",'
        cut.write_bytes("".join([*lines[:11], lines[11][:14]]).replace("\n", newline).encode())
        proc = run("validate", str(cut))
        assert proc.returncode == 2
        assert proc.stderr.decode().splitlines() == [
            f"{cut}: not JSON (Unterminated string starting at: line 12, column 13)",
            f"hyoka-parse: error: {cut}: 1 problem(s); see the lines above",
        ]
    jsonl = tmp_path / "two.jsonl"  # a batch's lines: the line is in the place, then a column
    compact = json.dumps(json.loads(text), ensure_ascii=False)
    jsonl.write_text(f"{compact}\n{compact[:30]}\n", encoding="utf-8")
    proc = run("validate", str(jsonl))
    assert proc.stderr.decode().splitlines()[0] == (
        f"{jsonl}:2: not JSON (Unterminated string starting at: column 25)"
    )


def test_debug_draws_the_page(tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "p.png"
    proc = run(
        "debug",
        str(PDFS / "report_fields_7_8.pdf"),
        "--page",
        "17",
        "-o",
        str(png),
        "--resolution",
        "72",
    )
    assert proc.returncode == 0, proc.stderr
    assert b"grid_cell" in proc.stderr and b"heading" in proc.stderr
    with Image.open(png) as im:
        assert im.size == (596 + 160, 842)  # A4 (595.3 × 841.9 pt) at 72 dpi, and the legend
    proc = run("debug", str(PDFS / "report_fields_7_8.pdf"), "--page", "99", "-o", str(png))
    assert proc.returncode == 2 and b"has no page 99" in proc.stderr
    proc = run(
        "debug", str(PDFS / "report_fields_7_8.pdf"), "-p", "17", "--resolution", "72", "-o", "-"
    )
    assert proc.returncode == 0 and proc.stdout == png.read_bytes()  # - is stdout
    proc = run("debug", str(PDFS / "report_fields_7_8.pdf"), "-o", str(tmp_path / "p.json"))
    assert proc.returncode == 2 and b"name the output FILE.png" in proc.stderr


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PDFS / "report_fields_7_8.pdf", folder / "a.pdf")
    shutil.copy(PAGES / "policy_header.txt", folder / "b.txt")
    (folder / "c.pdf").write_bytes(b"%PDF-1.4\nbroken")
    (folder / "notes.md").write_text("not an input")
    return folder


def test_batch_goes_on_past_a_bad_file_and_resumes(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = run("batch", str(inputs), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 1, proc.stderr  # an input failed
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(d["source"]["path"] if "source" in d else d["path"]).name for d in docs] == [
        "a.pdf",
        "b.txt",
        "c.pdf",
    ]
    assert docs[0]["policies"][0]["fields"][0]["measures"][2]["id"] == "7-3"
    assert docs[2]["error"]["code"] == "bad_input" and "damaged" in docs[2]["error"]["message"]
    err = proc.stderr.decode()
    assert (
        "1 bad_input" in err and "parsing" not in err
    )  # a summary, but no progress bar when piped
    first = out.read_text(encoding="utf-8")
    again = run("batch", str(inputs), "-o", str(out), "--resume")
    assert out.read_text(encoding="utf-8") == first  # only c.pdf again, its record replaced
    assert "│      3 │      0 │         2 │       0 │" in again.stderr.decode()  # 2 unchanged


def test_resume_drops_a_line_cut_off_by_an_interruption(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run("batch", str(inputs / "b.txt"), "-o", str(out))
    whole = out.read_bytes()
    out.write_bytes(whole + b'{"schema_version": "1", "sour')  # killed mid-write
    run("batch", str(inputs / "a.pdf"), str(inputs / "b.txt"), "-o", str(out), "--resume")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(x)["schema_version"] == "1" for x in lines)
    assert run("validate", str(out)).returncode == 0


def test_dask_executor_gives_the_same_lines(inputs: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert run("batch", str(inputs), "-o", str(local), "--jobs", "1").returncode == 1  # c.pdf
    assert (
        run("batch", str(inputs), "-o", str(dask), "--executor", "dask", "--jobs", "2").returncode
        == 1
    )
    assert local.read_text(encoding="utf-8") == dask.read_text(encoding="utf-8")


def test_batch_without_inputs_is_bad_usage(tmp_path: Path) -> None:
    proc = run("batch", str(tmp_path / "*.pdf"), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 2 and b"no input files found" in proc.stderr


def test_pdf_parse_prints_nothing_on_a_pipe(tmp_path: Path) -> None:
    proc = run(str(PDFS / "report_fields_3_4.pdf"), "-o", str(tmp_path / "o.json"))
    assert proc.returncode == 0
    # no progress bar, only the one-line summary of the excerpt's warnings
    assert re.fullmatch(rb"hyoka-parse: \d+ warnings; --warnings to list\n", proc.stderr)
    proc = run(str(PDFS / "report_fields_3_4.pdf"), "-o", str(tmp_path / "o.json"), "-q")
    assert proc.returncode == 0 and proc.stderr == b""

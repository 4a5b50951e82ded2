"""Tidy tables, the workbook and conversion, through the real command line.

Values are the report's own (外務省 令和３年度 施策Ⅱ-１): 測定指標３－４'s 2019 実績 78.3％,
the second budget table's 2020 補正予算 20,221 百万円, 参考指標５ ③ 2020 266 万件.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, PAGES, REPORT

from hyoka_parse.tables import COLUMNS, TABLES

PDFS = FIXTURES / "pdf"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hyoka_parse", *args], capture_output=True, timeout=300
    )


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report parsed once to JSON; the tables below are converted from it."""
    out = tmp_path_factory.mktemp("saved") / "report.json"
    proc = run(str(REPORT), "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def one(rows: list[dict], **where: object) -> dict:
    (row,) = [r for r in rows if all(r[k] == v for k, v in where.items())]
    return row


# What one row of each table says in the report, as CSV text (csv) and as JSON (jsonl).
EXPECTED: dict[str, tuple[dict, dict]] = {
    "policies": (
        {"policy_id": "II-1"},
        {
            "ministry": "外務省",
            "report_year": 2021,
            "result_grade": "B",
            "measures": 39,
            "warnings": 7,
            "department": "総合外交政策局",
        },
    ),
    "objectives": (
        {"objective_number": 3},
        {"policy_id": "II-1", "line": 125},
    ),
    "measures": (
        {"measure_id": "3-4"},
        {
            "measure_field": 3,
            "measure_number": 4,
            "kind": "quantitative",
            "rating": "b",
            "is_main": False,
            "warnings": 0,
            "mid_term_target_value": None,
        },
    ),
    "measure_years": (
        {"measure_id": "3-4", "fiscal_year": 2019},
        {
            "actual_value": 78.3,
            "actual_unit": "%",
            "actual_raw": "78.3％",
            "target_raw": "83％",
            "target_value": 83,
            "year_label": "令和元年度",
        },
    ),
    "budget": (
        {"table_number": 2, "fiscal_year": 2020, "row_label": "補正予算(b)"},
        {
            "value": 20221,
            "unit": "百万円",
            "raw": "20,221",
            "printed_title": "同（分担金・拠出金）",
            "table_title": "施策の予算額・執行額等（分担金・拠出金）",
        },
    ),
    "budget_sheet_items": (
        {"item_number": 1, "column": "３年度当初予算額"},
        {
            "value": 29452910,
            "unit": "千円",
            "kou": "分野別外交費",
            "is_total": False,
            "policy_id": "II-1",
        },
    ),
    "reference_points": (
        {"indicator_number": 5, "fiscal_year": 2020, "series_label": "③アクセス数"},
        {"value": 266, "unit": "万件", "raw": "266 万件＊", "field_number": 1, "series_number": 3},
    ),
    "measure_summary": (
        {"measure_id": "10-1"},
        {"measure_field": 10, "measure_number": 1, "rating": "b"},
    ),
    "advisory_comments": (
        {"comment_number": 1},
        {"advisory_source": "外務省政策評価アドバイザリー・グループ・メンバーの所見"},
    ),
    "warnings": (
        {"measure_id": "2-1"},
        {"code": "renamed_measure", "line": 2625, "page": None, "policy_id": "II-1"},
    ),
}


def as_csv(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.mark.parametrize("table", TABLES)
def test_each_table_as_csv_and_jsonl(table: str, saved: Path, tmp_path: Path) -> None:
    key, values = EXPECTED[table]
    proc = run(str(saved), "--format", "csv", "--table", table)
    assert proc.returncode == 0, proc.stderr
    rows = csv_rows(proc.stdout)
    assert list(rows[0]) == COLUMNS[table]
    row = one(rows, **{k: as_csv(v) for k, v in key.items()})
    assert {k: row[k] for k in values} == {k: as_csv(v) for k, v in values.items()}
    out = tmp_path / f"{table}.jsonl"
    assert run(str(saved), "-o", str(out), "-t", table).returncode == 0  # .jsonl → jsonl
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(rows)
    row = one(records, **key)
    assert {k: row[k] for k in values} == values
    assert row["source_sha256"] == json.loads(saved.read_text())["source"]["sha256"]


def test_parsing_and_converting_give_the_same_table(saved: Path) -> None:
    parsed = run(str(REPORT), "--format", "csv", "--table", "budget", "-q")
    converted = run(str(saved), "--format", "csv", "--table", "budget")
    assert parsed.returncode == 0 and parsed.stdout == converted.stdout
    assert len(csv_rows(parsed.stdout)) == 2 * 5 * 4  # two tables × five rows × four years


def test_xlsx_read_back_with_openpyxl(saved: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "report.xlsx"
    proc = run(str(saved), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == TABLES
    sheet = book["measure_years"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == COLUMNS["measure_years"]
    first = dict(zip(header, sheet[2], strict=True))
    assert first["measure_id"].value == "1-1" and first["measure_id"].data_type == "s"
    row = next(
        dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2)
        if r[header.index("measure_id")].value == "3-4"
        and r[header.index("fiscal_year")].value == 2019
    )
    assert row["actual_value"].value == 78.3 and row["actual_value"].data_type == "n"
    assert row["is_main"].value is False
    assert row["page"].value is None  # text input: no page, an empty cell
    budget = book["budget"]
    values = [[c.value for c in r] for r in budget.iter_rows(min_row=2)]
    cols = COLUMNS["budget"]
    (cell,) = [
        r
        for r in values
        if r[cols.index("table_number")] == 2
        and r[cols.index("fiscal_year")] == 2020
        and r[cols.index("row_label")] == "補正予算(b)"
    ]
    assert (cell[cols.index("value")], cell[cols.index("unit")]) == (20221, "百万円")


def test_xlsx_is_the_same_bytes_every_time(saved: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run(str(saved), "-o", str(a)).returncode == 0
    assert run(str(saved), "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes() and a.read_bytes()[:2] == b"PK"


def test_pandas_reads_the_workbook_typed(saved: Path, tmp_path: Path) -> None:
    import pandas as pd

    out = tmp_path / "report.xlsx"
    assert run(str(saved), "-o", str(out)).returncode == 0
    frame = pd.read_excel(out, sheet_name="measure_years")
    assert frame["measure_id"].iloc[0] == "1-1"
    assert pd.api.types.is_float_dtype(frame["actual_value"])
    assert pd.api.types.is_integer_dtype(frame["fiscal_year"])
    row = frame[(frame.measure_id == "3-4") & (frame.fiscal_year == 2019)].iloc[0]
    assert row.actual_value == 78.3
    points = pd.read_excel(out, sheet_name="reference_points")
    hit = points[(points.indicator_number == 5) & (points.fiscal_year == 2020)]
    assert hit.set_index("series_label").loc["③アクセス数", "value"] == 266


def test_duckdb_reads_the_csv_typed(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "measures.csv"
    proc = run(str(REPORT), "-o", str(out), "-q")
    assert proc.returncode == 0 and out.read_bytes()[:11] == b"source_path"
    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM read_csv_auto('{out}')")
    types = dict(zip(rel.columns, map(str, rel.types), strict=True))
    assert types["measure_id"] == "VARCHAR"
    assert types["actual_value"] == "DOUBLE"
    assert types["fiscal_year"] == "BIGINT" and types["measure_field"] == "BIGINT"
    assert types["is_main"] == "BOOLEAN"
    got = con.sql(
        f"SELECT actual_value, actual_unit FROM read_csv_auto('{out}') "
        "WHERE measure_id = '3-4' AND fiscal_year = 2019"
    ).fetchall()
    assert got == [(78.3, "%")]
    ordered = con.sql(
        f"SELECT DISTINCT measure_id, measure_field, measure_number FROM read_csv_auto('{out}') "
        "ORDER BY measure_field, measure_number"
    ).fetchall()
    ids = [r[0] for r in ordered]
    assert ids.index("2-1") < ids.index("10-1") < ids.index("11-1") and ids[-1] == "11-4"


def test_format_follows_the_extension(tmp_path: Path) -> None:
    for name, starts in (
        ("o.csv", b"source_path,"),
        ("o.jsonl", b'{"source_path": '),
        ("o.json", b'{\n  "schema_version"'),
        ("o.xlsx", b"PK\x03\x04"),
        ("o.txt", b'{\n  "schema_version"'),  # not a table format: JSON
    ):
        out = tmp_path / name
        proc = run(str(REPORT), "-o", str(out), "-q")
        assert proc.returncode == 0, proc.stderr
        assert out.read_bytes().startswith(starts), name
    out = tmp_path / "forced.csv"
    assert run(str(PAGES / "policy_header.txt"), "-o", str(out), "-f", "json").returncode == 0
    assert out.read_bytes().startswith(b"{")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--excel"], b"--excel adds a BOM to CSV; it does not apply to json"),
        (["--format", "csv", "--compact"], b"--compact shapes JSON; it does not apply to csv"),
        (["--indent", "4", "--compact"], b"--indent and --compact contradict"),
        (["--table", "budget"], b"--table picks a table for csv, jsonl or xlsx"),
        (["-o", "x.xlsx", "--indent", "2"], b"--indent shapes JSON; it does not apply to xlsx"),
        (["--pages", "3-1"], b"runs backwards"),
    ],
)
def test_options_that_do_not_apply_are_errors(args: list[str], needle: bytes) -> None:
    proc = run(str(PAGES / "policy_header.txt"), *args)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.count(b"\n") == 1 and needle in proc.stderr, proc.stderr


def test_help(tmp_path: Path) -> None:
    root = run("-h")
    assert root.returncode == 0
    text = root.stdout.decode()
    assert "'hyoka-parse FILE' parses one report" in text and "Exit codes" in text
    assert "..." not in text.split("Commands:")[1]  # no description cut off
    for command in ("parse", "schema", "validate", "show", "debug", "batch"):
        proc = run(command, "-h")
        assert proc.returncode == 0 and b"Exit codes" in proc.stdout, command
        assert b"<list" not in proc.stdout and b"<str>" not in proc.stdout, command


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("a.docx", b"PK\x03\x04\x14\x00\x00\x00word/document.xml", "save it as PDF"),
        ("a.xlsx", b"PK\x03\x04\x14\x00\x00\x00xl/workbook.xml", "is an Excel (.xlsx) file"),
        ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00", "run OCR"),
        ("scan.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "run OCR"),
    ],
)
def test_wrong_kinds_of_input_get_clear_words(
    tmp_path: Path, name: str, data: bytes, needle: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    proc = run(str(path))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and needle in err, err


def test_own_workbook_pages_of_saved_output_and_a_mistyped_batch(
    saved: Path, tmp_path: Path
) -> None:
    book = tmp_path / "tables.xlsx"
    assert run(str(saved), "-o", str(book)).returncode == 0
    proc = run(str(book))
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        f"hyoka-parse: error: {book} is a workbook of hyoka-parse's tables, not a report; "
        "parse the report, or read the JSON it was made from\n"
    )
    proc = run(str(saved), "--pages", "1-2", "-f", "csv")  # pages of a report, not of JSON
    assert proc.returncode == 2 and b"--pages selects pages of a report" in proc.stderr
    out = tmp_path / "q.jsonl"
    proc = run("batch", str(tmp_path / "no_such_dir"), "-o", str(out), "-q")
    assert proc.returncode == 2 and b"no_such_dir: no such file or folder" in proc.stderr
    assert not out.exists()  # nothing that would block the next run


def test_a_saved_output_cut_off_is_named_so(saved: Path, tmp_path: Path) -> None:
    """Indented JSON or a batch's last line cut midway (a copy or download that stopped) is
    hyoka-parse output cut off, not "line 1 is not hyoka-parse output"; a document broken
    before its end is still the latter."""
    data = saved.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: len(data) // 2])
    lines = cut.read_bytes().count(b"\n") + 1
    book = tmp_path / "x.xlsx"
    proc = run(str(cut), "-o", str(book))
    assert proc.returncode == 2 and not book.exists()
    assert proc.stderr.decode() == (
        f"hyoka-parse: error: {cut} is hyoka-parse output cut off at line {lines} (the file "
        "ends inside a document); copy or save it again in full, or parse the report again\n"
    )
    line = json.dumps(json.loads(data)) + "\n"
    cut.write_text(line + line[:100], encoding="utf-8")
    assert b"cut off at line 2 (the file" in run(str(cut), "-o", str(book)).stderr
    cut.write_bytes(data.replace(b'"schema_version": "1"', b'"schema_version" "1"', 1))
    assert run(str(cut), "-o", str(book)).stderr.decode() == (
        f"hyoka-parse: error: {cut} line 1 is not hyoka-parse output; run 'hyoka-parse "
        f"validate {cut}' to see what is wrong\n"
    )


def test_urls_own_json_and_several_files(saved: Path) -> None:
    proc = run("https://www.example.go.jp/report.pdf")
    assert proc.returncode == 2 and b"download it first" in proc.stderr
    proc = run(str(saved))
    assert proc.returncode == 2 and b"is hyoka-parse output already" in proc.stderr
    proc = run(str(REPORT), str(PAGES / "policy_header.txt"))
    assert proc.returncode == 2 and b"use 'hyoka-parse batch" in proc.stderr
    from hyoka_parse import InputError, parse

    with pytest.raises(InputError, match="is hyoka-parse output"):
        parse(saved)  # a Path works, and the saved JSON is refused


def test_show_and_validate_agree_on_tidy_rows(saved: Path, tmp_path: Path) -> None:
    rows = tmp_path / "rows.jsonl"
    assert run(str(saved), "-o", str(rows)).returncode == 0
    for command in ("show", "validate"):
        proc = run(command, str(rows))
        assert proc.returncode == 2 and b"holds tidy table rows" in proc.stderr, command


def test_warnings_summary_listing_and_strict() -> None:
    proc = run(str(REPORT), "--format", "csv", "-t", "warnings")
    assert proc.stderr == b"hyoka-parse: 7 warnings; --warnings to list\n"
    listed = run(str(REPORT), "--warnings", "-o", "-").stderr.decode().splitlines()
    assert len(listed) == 7
    assert listed[0].startswith(f"{REPORT}:2625: renamed_measure: 次期目標等 names 測定指標2-1")
    strict = run(str(REPORT), "--strict")
    assert strict.returncode == 1
    assert strict.stderr.decode().splitlines()[:7] == listed
    assert run(str(REPORT), "-q").stderr == b""


def test_pdf_pages_and_printed_page_numbers(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    proc = run(str(PDFS / "report_field_1.pdf"), "--pages", "1-3,5", "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["source"]["pages"] == 4
    assert doc["budget_sheets"][0]["location"] == {"page": 1, "line": 1, "printed_page": 1}
    assert doc["policies"][0]["location"]["page"] == 2
    assert {f["location"]["page"] for f in doc["furniture"]} <= {1, 2, 3, 5}
    text = json.loads(run(str(PAGES / "policy_header.txt")).stdout)
    assert "printed_page" not in text["policies"][0]["location"]  # no page: no key


def test_batch_tables_name_their_sources_and_failures(tmp_path: Path) -> None:
    import openpyxl

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(REPORT.read_bytes())
    (folder / "b.txt").write_bytes((PAGES / "policy_header.txt").read_bytes())
    (folder / "c.txt").write_text("買い物リスト\n", encoding="utf-8")
    out = tmp_path / "all.xlsx"
    proc = run("batch", str(folder), "-o", str(out), "--jobs", "1")
    assert proc.returncode == 1, proc.stderr  # an input failed
    assert f"failed: {folder / 'c.txt'} (bad_input)".encode() in proc.stderr
    sheet = openpyxl.load_workbook(out)["policies"]
    header = [c.value for c in sheet[1]]
    paths = [r[header.index("source_path")].value for r in sheet.iter_rows(min_row=2)]
    assert paths == [str(folder / "a.txt"), str(folder / "b.txt")]
    years = {r[header.index("report_year")].value for r in sheet.iter_rows(min_row=2)}
    assert years == {2021}
    warnings = openpyxl.load_workbook(out)["warnings"]
    header = [c.value for c in warnings[1]]
    failed = [
        (r[header.index("code")].value, r[header.index("message")].value)
        for r in warnings.iter_rows(min_row=2)
        if r[header.index("source_path")].value == str(folder / "c.txt")
    ]
    assert len(failed) == 1 and failed[0][0] == "bad_input"  # the workbook says it is missing
    assert "does not look like a 政策評価書" in failed[0][1]
    proc = run("batch", str(folder), "-o", str(tmp_path / "all.csv"), "--resume")
    assert proc.returncode == 2 and b"--resume carries on" in proc.stderr


def test_api_tables_and_frames() -> None:
    from hyoka_parse import parse

    report = parse(REPORT)  # a Path
    tables = report.tables()
    assert list(tables) == TABLES
    frames = report.to_pandas()
    years = frames["measure_years"]
    assert str(years["actual_value"].dtype) == "Float64"
    assert str(years["measure_id"].dtype) == "string"
    polars = report.to_polars()
    budget = polars["budget"]
    assert budget.filter((budget["table_number"] == 2) & (budget["fiscal_year"] == 2020))[
        "value"
    ].to_list() == [85077, 20221, 0, 105298, 105015]


def test_schema_is_described_with_enums() -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:hyoka-parse:schema:output:1"
    undescribed = [
        (name, key)
        for name, model in [("Report", schema), *schema["$defs"].items()]
        for key, prop in model.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undescribed == []
    rating = schema["$defs"]["Measure"]["properties"]["rating"]["anyOf"][0]["enum"]
    assert rating == ["s", "a", "b", "c", "d", "e"]
    codes = schema["$defs"]["ParseWarning"]["properties"]["code"]["enum"]
    assert "renamed_measure" in codes and "sum_mismatch" in codes


def test_debug_draws_legend_characters_and_warnings(tmp_path: Path) -> None:
    from PIL import Image

    png = tmp_path / "p.png"
    proc = run("debug", str(PDFS / "report_field_1.pdf"), "-p", "3", "-o", str(png))
    assert proc.returncode == 0, proc.stderr
    # The fixture's font (reportlab's HeiseiMin) is not embedded: the characters are drawn.
    assert b"extracted_chars" in proc.stderr and b"10 warning" in proc.stderr
    with Image.open(png) as im:
        legend = im.convert("RGB").crop((im.size[0] - 160, 0, im.size[0], 120))
        colours = {legend.getpixel((x, y)) for x in range(160) for y in range(120)}
        assert any(r > 200 and g < 60 and b > 200 for r, g, b in colours)  # magenta: warning


def test_debug_legend_stands_beside_the_page_not_on_it(tmp_path: Path) -> None:
    """The page's pixels are the same with the legend as without it: it covers nothing."""
    from PIL import Image

    from hyoka_parse.debug import LEGEND_WIDTH

    args = ["debug", str(PDFS / "report_field_1.pdf"), "-p", "3", "-o"]
    with_legend, without = tmp_path / "with.png", tmp_path / "without.png"
    assert run(*args, str(with_legend)).returncode == 0
    no_legend = (  # the same command with the legend left out (a separate process)
        "import sys, hyoka_parse.debug as d; d._draw_legend = lambda image: None; "
        "from hyoka_parse.cli import main; main(sys.argv[1:])"
    )
    command = [sys.executable, "-c", no_legend, *args, str(without)]
    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    with Image.open(with_legend) as im, Image.open(without) as page:
        assert im.size == (page.size[0] + LEGEND_WIDTH, page.size[1]) == (987, 1170)
        beside = im.convert("RGB").crop((0, 0, *page.size))
        assert beside.tobytes() == page.convert("RGB").tobytes()


def test_docs_list_every_column() -> None:
    """docs/tables.md names each table's own columns in order, with their types."""
    from hyoka_parse.tables import COLUMN_TYPES, SOURCE_COLUMNS

    text = (Path(__file__).parent.parent / "docs" / "tables.md").read_text(encoding="utf-8")
    for name, types in COLUMN_TYPES.items():
        section = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
        own = [(c, t) for c, t in types.items() if c not in dict(SOURCE_COLUMNS)]
        assert ", ".join(f"`{c}` ({t})" for c, t in own) in section, name


def test_progress_on_a_terminal_counts_pages_and_files(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: ``pages N/29`` for a PDF, ``files N/2 · name`` in batch."""
    import pty

    def stderr_on_a_tty(*args: str) -> str:
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [sys.executable, "-m", "hyoka_parse", *args],
            stdout=subprocess.DEVNULL,
            stderr=slave,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=300) == 0
        os.close(master)
        return b"".join(chunks).decode("utf-8", errors="replace")

    pdf = str(PDFS / "report_fields_7_8.pdf")
    shown = stderr_on_a_tty(pdf, "-o", str(tmp_path / "o.json"), "-j", "1")
    assert "report_fields_7_8.pdf pages 29/29" in shown
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((PAGES / "policy_header.txt").read_bytes())
    (folder / "b.txt").write_bytes((PAGES / "policy_header.txt").read_bytes())
    shown = stderr_on_a_tty("batch", str(folder), "-o", str(tmp_path / "o.jsonl"), "-j", "1")
    assert "files 0/2 · a.txt" in shown and "files 2/2 · done" in shown


def test_printed_page_only_from_a_page_foot() -> None:
    """In text, a number is a printed page number only on its page's last line: the
    budget cell 220 (default pdftotext mode) is no page number. The page numbers 1 and 2
    that pages 2 and 3 print are (the text readers take them from the page structure)."""
    from hyoka_parse import parse

    folder = FIXTURES / "printed_pages"
    raw = parse(folder / "lo-header-pages-1-3.pdftotext-raw.txt")
    assert raw.policies[0].location.model_dump() == {"page": 2, "line": 51, "printed_page": 1}
    assert raw.budget_sheets[0].location.printed_page is None  # the 別紙 page prints none
    default = parse(folder / "lo-header-pages-1-3.pdftotext.txt")
    assert default.policies[0].location.model_dump() == {"page": 2, "line": 166, "printed_page": 1}
    assert {(loc.page, loc.printed_page) for loc in _locations(default)} <= {
        (1, None),
        (2, 1),
        (3, 2),
    }


def _locations(node: object) -> list:
    from pydantic import BaseModel

    from hyoka_parse.models import Location

    if isinstance(node, Location):
        return [node]
    if isinstance(node, BaseModel):
        return [x for name in type(node).model_fields for x in _locations(getattr(node, name))]
    if isinstance(node, list):
        return [x for item in node for x in _locations(item)]
    return []


def test_show_reads_a_batch_and_names_its_failures(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes((PAGES / "policy_header.txt").read_bytes())
    (folder / "b.txt").write_text("買い物リスト\n", encoding="utf-8")
    out = tmp_path / "all.jsonl"
    assert run("batch", str(folder), "-o", str(out), "-j", "1", "-q").returncode == 1  # b.txt fails
    assert run("validate", str(out)).stdout.endswith(b"2 document(s) valid\n")
    shown = subprocess.run(
        [sys.executable, "-m", "hyoka_parse", "show", str(out)],
        capture_output=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.decode()
    assert "施策II-1 国際の平和と安定に対する取組" in text
    assert f"failed: {folder / 'b.txt'} (bad_input)" in text


def test_frames_without_the_library_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from hyoka_parse import parse

    report = parse(PAGES / "policy_header.txt")
    for module, method in (("pandas", report.to_pandas), ("polars", report.to_polars)):
        monkeypatch.setitem(sys.modules, module, None)  # as if not installed
        with pytest.raises(ImportError, match=rf"pip install 'hyoka-parse\[{module}\]'"):
            method()


def test_a_text_too_long_for_excel_names_its_place_and_keeps_the_batch(tmp_path: Path) -> None:
    # A 41,553-character 施策の進捗状況・実績 (a real report can run that long): an Excel
    # cell holds 32,767. The error says where; the batch's parsing is kept, not lost.
    text = REPORT.read_text(encoding="utf-8")
    at = text.index("\n", text.index("施策の進捗状況・実績") + 15)
    folder = tmp_path / "in"
    folder.mkdir()
    long = folder / "long.txt"
    long.write_text(text[:at] + "長い実績の記述です。" * 4100 + text[at:], encoding="utf-8")
    out = tmp_path / "all.xlsx"
    proc = run("batch", str(folder), "-o", str(out), "-q", "--jobs", "1")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and not out.exists()
    assert err.count("\n") == 1, err
    assert f"progress ({long}, 測定指標1-1, 2018) has 41,553 characters" in err
    kept = tmp_path / "all.xlsx.reports.jsonl"
    assert f"the parsed reports are kept in {kept}" in err
    proc = run(str(kept), "-o", str(tmp_path / "years.csv"), "-q")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "years.csv").read_text("utf-8"))))
    first = next(r for r in rows if r["measure_id"] == "1-1" and r["fiscal_year"] == "2018")
    assert len(first["progress"]) == 41_553


def test_warnings_about_a_listed_measure_name_it_in_their_row() -> None:
    from hyoka_parse import parse

    # Fields 7–8 of the report: its list of measures names 1-1 … 11-4, most outside.
    rows = parse(FIXTURES / "pdf" / "report_fields_7_8.pdf").tables()["warnings"]
    listed = [r for r in rows if r["code"] == "unknown_measure"]
    assert [r["measure_id"] for r in listed][:3] == ["1-1", "1-2", "2-1"]
    assert listed[0]["message"] == "the list of measures names 測定指標1-1, which has no section"

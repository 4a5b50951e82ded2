"""The PDF source: layout read as a person reads it, the same JSON as from text, clear errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES, REPORT, contract

from hyoka_parse import InputError, parse, parse_text
from hyoka_parse.models import Report
from hyoka_parse.options import ENGINES

sys.path.insert(0, str(FIXTURES))

PDFS = FIXTURES / "pdf"


def test_full_rendition_parses_like_the_text(full_pdf: Path, report: Report) -> None:
    # pdfplumber, the reference: pdfium sets the characters the fixture font cannot draw
    # with a width, which pushes one character past its cell (test_engines).
    from_pdf = parse(str(full_pdf), engine="pdfplumber")
    assert from_pdf.source.format == "pdf" and from_pdf.source.pages > 100
    assert contract(from_pdf) == contract(report)


def test_pages_of_items_are_where_their_headings_stand() -> None:
    path = PDFS / "report_field_1.pdf"
    report = parse(str(path), jobs=1)
    with pdfplumber.open(path) as pdf:
        # pdfplumber's own text, with the font's − read as the author's －
        texts = [page.extract_text().replace(" ", "").replace("−", "－") for page in pdf.pages]

    def page_of(needle: str) -> int:
        return next(i for i, t in enumerate(texts, start=1) if needle in t)

    (field,) = report.policies[0].fields
    m11, m12 = field.measures
    assert m11.location.page == page_of("測定指標１－１補助金事業")
    assert m12.location.page == page_of("測定指標１－２中長期的")
    assert m12.years[2].location.page == page_of("令和２年度目標\n１国会での外務大臣")
    assert report.policies[0].location.page == 2  # after the 別紙 sheet
    assert report.budget_sheets[0].location.page == 1


def test_sheet_header_and_budget_grids() -> None:
    report = parse(str(PDFS / "report_field_1.pdf"))
    sheet = report.budget_sheets[0]
    assert [i.values[0].value for i in sheet.items] == [29452910, 4753731, 54027805, 219251]
    assert sheet.items[0].jikou == "経済協力に係る国際の平和と安定に対する取組に必要な経費"
    assert sheet.total[1].raw == "92,146,030"
    policy = report.policies[0]
    first, second = policy.budget
    assert [v.raw for v in first.rows[2].values] == ["0", "0", "△217", ""]  # an empty cell
    assert second.rows[1].values[2].value == 20221 and second.unit == "百万円"
    assert (policy.result.label, policy.result.grade) == ("相当程度進展あり", "B")
    assert len(policy.measure_summary) == 39 and len(policy.advisory_comments) == 20
    kinds = {(f.kind, f.text) for f in report.furniture}
    assert ("vertical_label", "評価結果(注１)") in kinds
    assert sum(f.kind == "page_number" for f in report.furniture) == report.source.pages


def test_quantitative_grids_come_out_of_their_cells() -> None:
    report = parse(str(PDFS / "report_fields_7_8.pdf"))
    measures = {m.id: m for f in report.policies[0].fields for m in f.measures}
    m73 = measures["7-3"]
    assert m73.kind == "quantitative" and m73.rating == "b"
    assert m73.mid_term_target.text == "多くの国の賛成を得て採択されることを確保する。"
    assert m73.years[0].target_value.raw == (
        "平成 29 年度同様、無投票採択を目指しつつ、本決議が投票に付される場合は、26 年度"
        "（注：27,28 年度は無投票採択）より多くの賛成票を確保する。"
    )
    assert m73.years[2].actual_value.raw == "全会一致採択（ハンセン病差別撤決議）"
    rank = measures["8-2"].years[2]
    assert (rank.actual_value.raw, rank.target_value.qualifier) == ("13 位", "以内")


def test_reference_series_and_grids_of_fields_3_4() -> None:
    report = parse(str(PDFS / "report_fields_3_4.pdf"))
    fields = {f.number: f for f in report.policies[0].fields}
    m34 = fields[3].measures[3]
    assert [y.actual_value.value for y in m34.years] == [80.2, 78.3, 82]
    assert m34.source == "内閣府実施「外交に関する世論調査」"
    (ref,) = fields[4].reference_indicators
    assert [p.value.raw for p in ref.series[1].values] == ["４か国", "12名", "10名", "０名"]


def test_one_job_and_two_jobs_give_the_same_bytes() -> None:
    path = str(PDFS / "report_fields_7_8.pdf")
    assert parse(path, jobs=1).to_json() == parse(path, jobs=2).to_json()


def _canvas_pdf(path: Path, text: str | None, **kwargs: object) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), **kwargs)
    if text is None:
        c.rect(100, 100, 300, 300, fill=1)  # a scanned page: a picture, no text layer
    else:
        c.setFont("Helvetica", 12)
        c.drawString(100, 700, text)
    c.showPage()
    c.save()
    return path


def test_encrypted_with_empty_password_is_read(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    src = (PDFS / "report_field_1.pdf").read_bytes()
    assert src  # the committed PDF; below, an encrypted copy of a one-line PDF
    path = _canvas_pdf(
        tmp_path / "open.pdf", "hello", encrypt=StandardEncryption("", ownerPassword="owner")
    )
    with pytest.raises(InputError, match="does not look like a 政策評価書"):
        parse(str(path))  # decrypted and read: it is just not a report


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: _canvas_pdf(
                p,
                "x",
                encrypt=__import__("reportlab.lib.pdfencrypt").lib.pdfencrypt.StandardEncryption(
                    "user", ownerPassword="owner"
                ),
            ),
            "needs a password",
        ),
        (lambda p: _canvas_pdf(p, None), "no text layer"),
        (
            lambda p: p.write_bytes((PDFS / "report_field_1.pdf").read_bytes()[:20000]) and p,
            "damaged or truncated",
        ),
        (
            lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40) and p,
            "damaged or truncated",
        ),
    ],
    ids=["password", "scanned", "truncated", "garbage"],
)
def test_bad_pdfs_end_with_one_clear_line(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path / "bad.pdf")
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [sys.executable, "-m", "hyoka_parse", str(path), "-o", str(out)],
        capture_output=True,
        timeout=120,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists()


def test_pdf_cli_to_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "hyoka_parse",
            str(PDFS / "report_fields_3_4.pdf"),
            "-o",
            str(out),
            "--jobs",
            "1",
        ],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"format": "pdf"' in out.read_text(encoding="utf-8")


def test_text_report_is_still_the_reference() -> None:
    assert REPORT.exists()


def first_page(path: Path, engine: str) -> Any:
    """Page 1 of ``path`` as ``engine`` reads it (PageObjects)."""
    from hyoka_parse.pdf import open_document

    doc = open_document(path.read_bytes(), str(path), engine)
    try:
        return doc.read(0)
    finally:
        doc.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_overprinted_characters_count_once(tmp_path: Path, engine: str) -> None:
    from reportlab.pdfgen import canvas

    from hyoka_parse.layout.pdf_page import extract_page

    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 12)
    for dx in (0, 0.2):  # fake bold: the same text printed twice, a hair apart
        c.drawString(72 + dx, 700, "ARF 2020")
    c.save()
    (line,) = extract_page(first_page(path, engine)).lines
    assert line.text == "ARF 2020"


def test_running_headers_are_furniture() -> None:
    from hyoka_parse.pdf import PageResult, _running_lines

    pages = [
        PageResult(free=[(0, "外務省 政策評価書 ", 40), (1, f"本文 {i}", 80)]) for i in range(6)
    ]
    assert _running_lines(pages) == {("外務省 政策評価書", 40)}


@pytest.mark.parametrize("engine", ENGINES)
def test_sideways_text_is_furniture_not_lost(tmp_path: Path, engine: str) -> None:
    from reportlab.pdfgen import canvas

    from hyoka_parse.layout.pdf_page import extract_page

    path = tmp_path / "rotated.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "upright")
    c.saveState()
    c.translate(300, 300)
    c.rotate(90)
    c.drawString(0, 0, "LABEL")
    c.restoreState()
    c.save()
    result = extract_page(first_page(path, engine))
    assert [line.text for line in result.lines] == ["upright"]
    assert [(kind, text) for kind, text, _ in result.furniture] == [("rotated_text", "LABEL")]


def test_text_from_pdfplumber_extract_text_parses_too(report: Report) -> None:
    """Another extractor's text: label cells share lines with the cells beside them."""
    with pdfplumber.open(PDFS / "report_field_1.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    other = parse_text(text)
    sheet, real = other.budget_sheets[0], report.budget_sheets[0]
    assert [(i.jikou, i.values) for i in sheet.items] == [(i.jikou, i.values) for i in real.items]
    assert sheet.columns == real.columns and sheet.total == real.total
    policy, real_policy = other.policies[0], report.policies[0]
    assert [b.title for b in policy.budget] == [b.title for b in real_policy.budget]
    assert [[v.value for v in r.values] for r in policy.budget[1].rows] == [
        [v.value for v in r.values] for r in real_policy.budget[1].rows
    ]
    assert [o.text for o in policy.objectives] == [o.text for o in real_policy.objectives]

    # pdfplumber's own text keeps the font's − for －, and drops a space at a line end
    def chars(texts: list[str]) -> list[str]:
        return [t.replace("−", "－").replace(" ", "") for t in texts]

    assert chars(policy.advisory_comments) == chars(real_policy.advisory_comments)
    assert (policy.department, policy.evaluation_date) == ("総合外交政策局", "2021-08")
    (field,) = policy.fields
    for got, want in zip(field.measures, real_policy.fields[0].measures, strict=True):
        assert (got.id, got.rating, got.is_main) == (want.id, want.rating, want.is_main)
        assert [y.fiscal_year for y in got.years] == [y.fiscal_year for y in want.years]


@pytest.mark.parametrize("shift", [(0.0, 50.0), (300.0, 300.0)])
def test_a_page_box_that_does_not_start_at_zero_reads_the_same(
    tmp_path: Path, shift: tuple[float, float]
) -> None:
    """The page and its content moved together (``FPDFPage_TransFormWithClip`` and the
    MediaBox by the same offset): the printed page is the same, and so is the output. Both
    engines measure tops from y = 0, so the box's top stood at -50 (before: page numbers
    above the bottom tenth, read into the text, and 204 values of a whole rendition wrong)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    src = FIXTURES / "pdf" / "report_field_1.pdf"
    doc = pdfium.PdfDocument(str(src))
    dx, dy = shift
    for page in doc:
        left, bottom, right, top = page.get_mediabox()
        raw.FPDFPage_TransFormWithClip(page, ctypes.byref(raw.FS_MATRIX(1, 0, 0, 1, dx, dy)), None)
        page.set_mediabox(left + dx, bottom + dy, right + dx, top + dy)
    moved = tmp_path / "moved.pdf"
    doc.save(str(moved))
    doc.close()
    for engine in ("pdfium", "pdfplumber"):
        want = parse(str(src), engine=engine).model_dump(exclude={"source"})
        assert parse(str(moved), engine=engine).model_dump(exclude={"source"}) == want

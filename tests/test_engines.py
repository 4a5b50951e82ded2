"""Both PDF engines give byte-identical JSON (issue 12): pdfium (the default) and
pdfplumber (the reference), on every fixture PDF and on the full rendition.

Three differences are pdfium reading more than pdfminer, and are left out here (each has a
test of its own): a CID font without a ToUnicode entry is read through its CID ordering
(``unmapped_*.pdf``, test_defects), a character the fixture font cannot draw
(make_pdfs.UNRENDERABLE: ㉑…, which pdfminer reads as nothing) is masked in both, and
Chromium's ActualText (a glyph its ToUnicode maps to · stands for ･ of 総合･実績･事業 in
the 別紙 sheet: pdfium reads the span's ActualText, pdfminer the ToUnicode) is folded in
pdfplumber's output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from hyoka_parse import InputError, parse
from hyoka_parse.layout.page_objects import ENGINES, Char
from hyoka_parse.pdf import open_document

sys.path.insert(0, str(FIXTURES))
import make_pdfs

ROOT = FIXTURES.parent.parent
READ_MORE = {"unmapped_some.pdf", "unmapped_all.pdf"}  # pdfium reads their text
PDFS = sorted(
    p
    for p in [*FIXTURES.glob("pdf/**/*.pdf"), *FIXTURES.glob("defects/*.pdf")]
    if p.name not in READ_MORE
)
# LibreOffice renditions benchmarks/parity.py keeps (git-ignored), where they are present
# (the reportlab one: test_both_engines_give_the_same_values_on_the_full_rendition).
RENDITIONS = sorted((ROOT / "benchmarks" / "out" / "parity").glob("lo-*.pdf"))


def output(path: Path, engine: str, jobs: int = 1) -> str:
    """The JSON of ``path`` read with ``engine`` (or the error's line), masked."""
    try:
        text = parse(str(path), jobs=jobs, engine=engine).to_json()
    except InputError as exc:
        text = f"error: {exc.one_line()}"
    text = "".join(c for c in text if c not in make_pdfs.UNRENDERABLE)
    return text.replace("·", "･") if engine == "pdfplumber" and "chromium" in path.name else text


def test_pdfium_reads_chromiums_actual_text() -> None:
    # /Span<</ActualText <feffff65>>> around glyph 0128, which the ToUnicode maps to U+00B7:
    # pdfium reads the ActualText, pdfminer the ToUnicode map, whose U+00B7 the vocabulary
    # folds to ･ (CP932 has no U+00B7), so that the engines agree.
    path = FIXTURES / "pdf" / "chromium" / "chromium-r4-objectives.pdf"
    assert parse(str(path), jobs=1).budget_sheets[0].evaluation_method == "総合･実績･事業"
    got = parse(str(path), jobs=1, engine="pdfplumber").budget_sheets[0].evaluation_method
    assert got == "総合･実績･事業"


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_engines_give_the_same_bytes(path: Path) -> None:
    reference = output(path, "pdfplumber")
    assert reference.startswith("{")
    assert output(path, "pdfium") == reference


def test_both_engines_fill_one_char_record() -> None:
    """One layout model that both engines fill: each character is a ``Char`` (a record
    with slots, issue 12: a 12-key dict per character cost time and memory), with the same
    fields set alike."""
    path = FIXTURES / "defects" / "clean.pdf"
    pages = []
    for engine in ENGINES:
        doc = open_document(path.read_bytes(), str(path), engine)
        try:
            pages.append(doc.read(0).chars)
        finally:
            doc.close()
    for chars in pages:
        assert chars and all(type(c) is Char for c in chars)
    pdfium, reference = pages
    assert [c.text for c in pdfium] == [c.text for c in reference]
    assert [c.upright for c in pdfium] == [c.upright for c in reference]


@pytest.mark.parametrize("path", RENDITIONS, ids=lambda p: p.name)
def test_both_engines_give_the_same_bytes_on_a_rendition(path: Path) -> None:
    assert output(path, "pdfium", jobs=2) == output(path, "pdfplumber", jobs=2)


def test_both_engines_give_the_same_values_on_the_full_rendition(full_pdf: Path) -> None:
    """The reportlab rendition sets characters its font cannot draw (㉑…, make_pdfs) with
    codes its CMap does not map: pdfminer reads nothing there; pdfium, like a viewer, the
    character with a full width, so the rest of that line is set further right. On page 123
    that pushes the 軍 of 国連軍縮部 past its cell, into the text below it: the two texts
    pinned here. Every other value is the same."""
    pdfium = _leaves(parse(str(full_pdf), jobs=2, engine="pdfium"))
    reference = _leaves(parse(str(full_pdf), jobs=2, engine="pdfplumber"))
    assert pdfium.keys() == reference.keys()
    differ = [k for k in reference if _masked(pdfium[k]) != _masked(reference[k])]
    measures = ".policies[0].fields[8].measures"
    assert differ == [f"{measures}[0].next_direction", f"{measures}[3].analysis"]
    assert "国連縮部拠出金(SARCOM)" in str(pdfium[f"{measures}[3].analysis"])
    # Where the stray 軍 lands is the paragraph rules' business; that it lands as a line
    # of its own, not inside a word or a number, is what matters.
    assert "\n軍\n" in str(pdfium[f"{measures}[0].next_direction"])


def _masked(value: object) -> object:
    if not isinstance(value, str):
        return value
    return "".join(c for c in value if c not in make_pdfs.UNRENDERABLE)


def _leaves(report: object) -> dict[str, object]:
    """The report's values by path, without source, furniture and locations."""
    data = report.model_dump(mode="json", exclude={"source", "furniture"})  # type: ignore[attr-defined]
    out: dict[str, object] = {}

    def walk(value: object, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k != "location":
                    walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            out[f"{path}#"] = len(value)
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")
        else:
            out[path] = value

    walk(data, "")
    return out


@pytest.mark.parametrize("name", ["truncated.pdf", "password.pdf", "image_only.pdf"])
def test_both_engines_refuse_a_bad_pdf_in_the_same_words(name: str) -> None:
    path = FIXTURES / "bad" / name
    pdfium, reference = output(path, "pdfium"), output(path, "pdfplumber")
    assert pdfium.startswith("error: ")
    # The same words; what a damaged file is, each engine says in its own: "(PDFNoValidXRef)".
    assert pdfium.split(" (")[0] == reference.split(" (")[0]
    assert pdfium.split("; ")[-1] == reference.split("; ")[-1]


def test_the_copied_table_finder_is_pdfplumbers() -> None:
    """layout.table_finder is pdfplumber's code, copied: the same cells from the same rules."""
    import pdfplumber.table as theirs

    from hyoka_parse.layout import table_finder as ours
    from hyoka_parse.pdf import open_document

    path = FIXTURES / "pdf" / "report_fields_3_4.pdf"
    doc = open_document(path.read_bytes(), str(path), "pdfium")
    rules = doc.read(0).rules
    doc.close()
    found = []
    for module in (ours, theirs):
        edges = module.merge_edges([dict(r) for r in rules], 3, 3, 3, 3)
        cells = module.intersections_to_cells(module.edges_to_intersections(edges, 3, 3))
        found.append((cells, module.cells_to_tables(cells)))
    assert len(found[0][0]) > 20
    assert found[0] == found[1]

"""Both PDF engines give byte-identical JSON (issue 12): pdfium (the default) and
pdfplumber (the reference), on every fixture PDF and on the full rendition.

Two differences are pdfium reading more than pdfminer, and are left out here (each has a
test of its own): a CID font without a ToUnicode entry is read through its CID ordering
(``unmapped_*.pdf``, test_defects), and a character the fixture font cannot draw
(make_pdfs.UNRENDERABLE: ㉑…, which pdfminer reads as nothing) is masked in both."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from hyoka_parse import InputError, parse

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
    return "".join(c for c in text if c not in make_pdfs.UNRENDERABLE)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_engines_give_the_same_bytes(path: Path) -> None:
    reference = output(path, "pdfplumber")
    assert reference.startswith("{")
    assert output(path, "pdfium") == reference


@pytest.mark.parametrize("path", RENDITIONS, ids=lambda p: p.name)
def test_both_engines_give_the_same_bytes_on_a_rendition(path: Path) -> None:
    assert output(path, "pdfium", jobs=2) == output(path, "pdfplumber", jobs=2)


def test_both_engines_give_the_same_values_on_the_full_rendition(full_pdf: Path) -> None:
    """The reportlab rendition sets characters its font cannot draw (㉑…, make_pdfs): pdfium
    reads them, with their width, where pdfminer reads nothing, so a cell's line may wrap
    elsewhere and the line numbers of locations differ; the values are the same."""
    pdfium = parse(str(full_pdf), jobs=2, engine="pdfium")
    reference = parse(str(full_pdf), jobs=2, engine="pdfplumber")
    assert _values(pdfium) == _values(reference)


def _values(report: object) -> object:
    """Every value of the report but locations and furniture, the unrenderable masked."""
    data = report.model_dump(mode="json", exclude={"furniture"})  # type: ignore[attr-defined]

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "location"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return "".join(c for c in value if c not in make_pdfs.UNRENDERABLE)
        return value

    return strip(data)


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

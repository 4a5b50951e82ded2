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
# Renditions benchmarks/parity.py keeps (git-ignored): compared where they are present.
RENDITIONS = sorted((ROOT / "benchmarks" / "out" / "parity").glob("*.pdf"))


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


def test_both_engines_give_the_same_bytes_on_the_full_rendition(full_pdf: Path) -> None:
    assert output(full_pdf, "pdfium", jobs=2) == output(full_pdf, "pdfplumber", jobs=2)


@pytest.mark.parametrize("name", ["truncated.pdf", "password.pdf", "image_only.pdf"])
def test_both_engines_refuse_a_bad_pdf_in_the_same_words(name: str) -> None:
    path = FIXTURES / "bad" / name
    assert output(path, "pdfium") == output(path, "pdfplumber").replace(
        "(PSEOF)", "(pdfium: data format error)"
    )

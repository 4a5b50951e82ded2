"""benchmarks/losses.py: each lost value of a parity cell goes to one kind, and the doc it
writes depends on the values only (issue 9's closing note)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import losses

P = "policies[id=II-1]."
CELLS: dict[str, list[dict] | str] = {
    "lo-IPAMincho-wide/pdftotext-raw": [
        {
            "path": P + "fields[number=7].measures[id=7-3].years[fiscal_year=2018]"
            ".actual_value.raw",
            "want": "無投票採択",
            "got": "",
        },
        {"path": P + "fields[number=4].overview[0]", "want": "イラク…", "got": "イラク"},
    ],
    "chromium/pdftotext": [
        {"path": P + "budget[1].rows[3].values[2].raw", "want": "105,298", "got": None},
    ],
    "reportlab/pdf": [],
}


def test_each_value_has_one_kind_by_cell_and_path() -> None:
    raw, default = "lo-IPAMincho-wide/pdftotext-raw", "chromium/pdftotext"
    assert losses.classify(raw, CELLS[raw][0]["path"]).key == "73-by-line"
    # the same 7-3 path in pdfplumber text is lost another way
    assert losses.classify("chromium/pdfplumber", CELLS[raw][0]["path"]).key == "73-plumber"
    assert losses.classify(default, CELLS[default][0]["path"]).key == "default-budget-rows"
    other = losses.classify(raw, CELLS[raw][1]["path"])
    assert (other.key, other.verdict) == ("open: pdftotext-raw: field 4 overview", losses.OPEN)


def test_the_doc_counts_each_cell_by_kind() -> None:
    """Kinds are numbered in KINDS' order (7-3 by line, then the budget rows), the open
    ones after them; cells keep the matrix's order."""
    text = losses.render(CELLS, 2401)
    rows = [ln for ln in text.splitlines() if ln.startswith("| ") and "/" in ln]
    assert rows == [
        "| lo-IPAMincho-wide/pdftotext-raw | 2 | K1 1, K3 1 |",
        "| chromium/pdftotext | 1 | K2 1 |",
        "| reportlab/pdf | 0 | – |",
    ]
    assert "| lost by the extractor | 2 |\n| open | 1 |" in text
    heads = [ln for ln in text.splitlines() if ln.startswith("### ")]
    assert [h.split(".")[0] for h in heads] == ["### K1", "### K2", "### K3"]
    assert heads[2] == "### K3. field 4 overview in pdftotext-raw text"
    assert "**lost by the extractor** — 1 values in 1 cells: chromium/pdftotext 1." in text


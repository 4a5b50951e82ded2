"""A CropBox through a table (breaker F4: the left 60 % of every page of the Chromium
rendition kept; 参考指標 values came out under the year before and under another series).
The shown part cannot tell which columns are lost: the table's values are left null, with
a ``cut_table`` warning on its page and the values listed as ``cut_by_cropbox`` furniture.
The damage is made here from a committed fixture PDF."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from hyoka_parse import parse
from hyoka_parse.models import Report

REFERENCES = Path(__file__).parent / "fixtures" / "pdf" / "lo" / "lo-reference-1.pdf"


def _cropped(tmp_path: Path, keep: float) -> Path:
    """The fixture with each page's CropBox set to the left ``keep`` of its width."""
    pdf = pdfium.PdfDocument(str(REFERENCES))
    try:
        for page in pdf:
            x0, y0, x1, y1 = page.get_mediabox()
            page.set_cropbox(x0, y0, x0 + keep * (x1 - x0), y1)
        out = tmp_path / "cropped.pdf"
        pdf.save(str(out))
    finally:
        pdf.close()
    return out


def _values(report: Report) -> list[tuple[int | None, list[list[str | None]]]]:
    return [
        (r.number, [[v.value.raw if v.value else None for v in s.values] for s in r.series])
        for f in report.policies[0].fields
        for r in f.reference_indicators
    ]


def test_a_table_the_cropbox_cuts_gives_no_values(tmp_path: Path) -> None:
    intact = parse(str(REFERENCES))
    assert _values(intact)[0] == (1, [["61 件", "38 件", "38 件", "27 件"]])
    assert not [w for w in intact.warnings if w.code == "cut_table"]
    report = parse(str(_cropped(tmp_path, 0.6)))
    assert [n for n, _ in _values(report)] == [1, 2, 3, 4, 5]
    shown = [raw for _, series in _values(report) for s in series for raw in s]
    assert all(not raw for raw in shown)  # no value: null, or a cell left empty
    cut = [w for w in report.warnings if w.code == "cut_table"]
    assert [(w.location.page, w.location.printed_page) for w in cut] == [(1, 8), (2, 9)]
    assert cut[0].message.startswith("page 1: a table runs past the page's CropBox")
    hidden = [(x.text, x.location.page) for x in report.furniture if x.kind == "cut_by_cropbox"]
    assert hidden[:5] == [("61 件", 1), ("38 件", 1), ("４回", 1), ("３回", 1), ("3.7 倍", 1)]
    assert ("7,400 部", 2) in hidden


def test_a_cropbox_that_cuts_no_table_changes_nothing(tmp_path: Path) -> None:
    """Cropped to the text's width (the tables end before the page's right margin)."""
    intact = parse(str(REFERENCES))
    report = parse(str(_cropped(tmp_path, 0.97)))
    assert not [w for w in report.warnings if w.code == "cut_table"]
    assert _values(report) == _values(intact)

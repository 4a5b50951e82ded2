"""Held-out set 19 (fonts, widths and type sizes the readers were not written on), each
input cut to the pages that failed.

- ``-layout`` (LibreOffice, Sawarabi Mincho): the font's line spacing is near twice its
  size, and pdftotext puts an empty line after every line, inside grids too. 2-5, 3-4, 5-3,
  7-3 and 8-2 were read as qualitative, with no values and no rating (91.7 % of the report's
  values; 99.8 % once the text is set back at one line a line, layout/text_pitch.py
  ``single_spaced``).

Fixtures: tests/fixtures/extractors (pages of the extracted texts).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from hyoka_parse import parse
from hyoka_parse.layout.text_pitch import single_spaced
from hyoka_parse.source import split_lines

EXTRACTED = FIXTURES / "extractors"
DOUBLE_SPACED = EXTRACTED / "lo-sawarabimincho-narrow-page-38-measure-2-5.pdftotext-layout.txt"


def test_a_double_spaced_layout_text_reads_its_grid() -> None:
    report = parse(str(DOUBLE_SPACED))
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == "2-5"]
    assert (m.kind, m.rating) == ("quantitative", "b")
    assert m.mid_term_target is not None and m.mid_term_target.value is not None
    assert m.mid_term_target.value.raw == "－"
    got = [(y.fiscal_year, y.target_value, y.actual_value) for y in m.years]
    assert [(year, t and t.raw, a and a.raw) for year, t, a in got] == [
        (2018, "100％", "100％"),
        (2019, "100％", "100％"),
        (2020, "100％", "100%"),
    ]
    # Lines keep the input's numbers (the title is line 17 of the excerpt, empty lines
    # counted), and the page its printed number.
    assert (m.location.page, m.location.line, m.location.printed_page) == (1, 17, 36)


def test_single_spacing_keeps_every_line_and_its_number() -> None:
    lines = split_lines(DOUBLE_SPACED.read_text(encoding="utf-8"))
    kept = single_spaced(lines)
    assert [ln.text for ln in kept if ln.text.strip()] == [
        ln.text for ln in lines if ln.text.strip()
    ]
    assert len(kept) < len(lines) and all(ln in lines for ln in kept)
    # An empty line left where there were two or more: a paragraph or a table still ends.
    runs = [ln.no for ln in kept if not ln.text.strip()]
    assert runs and all(ln.text.strip() == "" for ln in lines if ln.no in runs)


@pytest.mark.parametrize(
    "path",
    sorted(EXTRACTED.glob("*layout*.txt")),
    ids=lambda p: p.name,
)
def test_single_spaced_leaves_every_other_layout_text_as_it_is(path: Path) -> None:
    if path == DOUBLE_SPACED:
        pytest.skip("the double-spaced text itself")
    lines = split_lines(path.read_text(encoding="utf-8"))
    assert single_spaced(lines) is lines

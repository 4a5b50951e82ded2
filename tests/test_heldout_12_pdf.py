"""PDFs of held-out set 12 (page sizes, type sizes and column widths the PDF reader was not
written on), each grid read back as the report prints it. Before, each grid was lost
(qualitative, no rating) with a warning:

- LibreOffice, TakaoMincho, US Letter: 7-3's 2018 target is cut by the page break right
  after a closing bracket (``…（注：27,28年度は無投票採択）`` / ``より多くの賛成票を確保す
  る。``); the bracket was taken for the text's end, so the row was not joined with its
  rest overleaf (layout/page_breaks.py);
- LibreOffice, IPAGothic, extra-wide label columns, small type: 7-3's value columns are one
  character wide, so its text cells (``無/投/票/採/択``) stand one character a line, and
  were dropped as vertical labels (furniture, no warning): only the report's labels are
  (layout/pdf_page.py, ``is_vertical``);
- and 5-4's header row cut by the page break has its column rules 1.7 pt off those
  overleaf: the table finder snapped them toward 5-3's rules on the same page;
- LibreOffice, Noto Sans CJK JP, extra-narrow (the 令和４年度 edition): the rating header
  is cut after ``３年度目標``, which was read as a value (3 of a unit ``年度目標``), so the
  header did not go on overleaf (values.py: a grid's header words are no unit).

Fixtures: two pages of each rendition cut with qpdf (tests/fixtures/pdf/heldout12).
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, squeeze

from hyoka_parse import parse
from hyoka_parse.models import Measure

PDFS = FIXTURES / "pdf" / "heldout12"
CELLS_7_3 = [
    (
        2018,
        "平成29年度同様、無投票採択を目指しつつ、本決議が投票に付される場合は、26年度"
        "（注：27,28年度は無投票採択）より多くの賛成票を確保する。",
        "無投票採択",
    ),
    (
        2019,
        "人権理事会に我が国が提出・提案する決議に関し、同決議が幅広い支持を得て採択される"
        "ことを確保する。",
        "全会一致採択（カンボジア人権状況決議）",
    ),
    (
        2020,
        "人権理事会に我が国が提出・提案する決議に関し、同決議が幅広い支持を得て採択される"
        "ことを確保する。",
        "全会一致採択（ハンセン病差別撤決議）",
    ),
]


def _measure(name: str, measure_id: str) -> Measure:
    report = parse(str(PDFS / name), jobs=1)
    (m,) = [m for p in report.policies for f in p.fields for m in f.measures if m.id == measure_id]
    return m


@pytest.mark.parametrize(
    "name",
    [
        "lo-takaomincho-letter-pages-71-72-measure-7-3.pdf",
        "lo-ipagothic-xwide-small-pages-55-56-measure-7-3.pdf",
    ],
)
def test_text_cells_of_7_3(name: str) -> None:
    m = _measure(name, "7-3")
    assert (m.kind, m.rating) == ("quantitative", "b")
    assert m.mid_term_target.text == "多くの国の賛成を得て採択されることを確保する。"
    assert [
        (y.fiscal_year, squeeze(y.target_value.raw), squeeze(y.actual_value.raw)) for y in m.years
    ] == CELLS_7_3


def test_a_header_row_cut_by_the_page_break_with_rules_snapped_apart() -> None:
    m = _measure("lo-ipagothic-xwide-small-pages-37-38-measure-5-4.pdf", "5-4")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert [(y.fiscal_year, y.target_value.value, y.actual_value.value) for y in m.years] == [
        (2018, 10, 10),
        (2019, 10, 4),
        (2020, 7, 3),
    ]
    assert {y.target_value.unit for y in m.years} == {"回"}


def test_a_rating_header_cut_after_a_year_and_a_header_word() -> None:
    m = _measure("r4-lo-notosansjp-xnarrow-pages-40-41-measure-3-4.pdf", "3-4")
    assert (m.kind, m.rating) == ("quantitative", "a")
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        (2019, "82％", "80.2％"),
        (2020, "83％", "78.3％"),
        (2021, "83％", "82%"),
    ]

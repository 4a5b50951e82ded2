"""Text in its extractor's box order (pdfminer's ``extract_text``, ``pdf2txt.py``): a page's
text boxes come in the order of pdfminer's distance clustering (``LAParams.boxes_flow``),
not as printed, so which column a block of values is in, or whose a rating alone on its line
is, the text does not say. Found with held-out sets 15 and 16 (pdfminer's text of
renditions the readers were not written on), read as pdftotext's default mode, exit 0:

- Chromium, Noto Serif CJK TC, very narrow, big type (令和４年度): budget table 1's blocks
  come 令和元年度, 令和３年度, 令和２年度: 2,970 and 3,052 swapped, and every row after.
- Chromium, IPAexMincho, US Letter (令和４年度): 参考指標５'s first two columns come with
  their year headers, the rest after the series labels and after two ``４`` of another grid:
  ①'s values ``４ ４ 4,500部 4,100部``. The list of measures' ratings come as boxes among
  the titles: 6-2's title followed by ``ｂ`` (6-2 is rated ａ, 6-3 ｂ).

Such a text is now known by the space glyphs it keeps (poppler drops them) and the empty
line that ends each box (PyMuPDF writes about one a page): its tables keep their rows and
years with empty cells, and ratings alone on a line are left out, each said
(layout/text_readers.py ``box_order``, layout/year_grid.py, layout/text_grids.py).

Fixtures: pages 1–7 of the two renditions' pdfminer text (tests/fixtures/extractors).
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES

from hyoka_parse import parse
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_readers import box_order

PAGES = FIXTURES / "extractors"
BUDGET = PAGES / "r4-chromium-notoseriftc-vnarrow-big-pages-1-7.pdfminer.txt"
SUMMARY = PAGES / "r4-chromium-ipaexmincho-mid-letter-pages-1-7.pdfminer.txt"


def _codes(report: object) -> list[str]:
    return [w.code for w in report.warnings]  # type: ignore[attr-defined]


def test_budget_blocks_in_box_order_are_left_empty() -> None:
    report = parse(str(BUDGET))
    table = report.policies[0].budget[0]
    assert table.fiscal_years == [2019, 2020, 2021, 2022]
    assert [r.label for r in table.rows] == [
        "当初予算(a)",
        "補正予算(b)",
        "繰越し等(c)",
        "合計(a＋b＋c)",
        "執行額",
    ]
    # The text prints 令和３年度's block (3,052 …) before 令和２年度's (2,970 …).
    assert all(v.raw == "" and v.value is None for r in table.rows for v in r.values)
    said = [w.message for w in report.warnings if w.code == "unparsed_table"]
    assert any("box order" in m and "2,879" in m and "3,052" in m for m in said)
    assert _codes(report)[0] == "box_order"


def test_ratings_alone_in_box_order_go_to_no_measure() -> None:
    report = parse(str(SUMMARY))
    ratings = {e.id: e.rating for e in report.policies[0].measure_summary}
    # The edition rates 6-2 ａ and 6-3 ｂ; the text prints ｂ right after 6-2's title.
    assert ratings["6-2"] is None
    assert len(ratings) == 39
    lone = [w for w in report.warnings if "rating alone" in w.message]
    assert [w.message[-1] for w in lone].count("ｂ") >= 1
    assert all(w.location.page is not None for w in lone)


def test_reference_grid_in_box_order_is_left_empty() -> None:
    report = parse(str(SUMMARY))
    grid = report.policies[0].fields[0].reference_indicators[4]
    assert grid.number == 5
    assert [s.label[0] for s in grid.series] == ["①", "②", "③"]
    values = [v.value for s in grid.series for v in s.values]
    assert values and all(v is None or v.raw == "" for v in values)


def test_other_texts_are_not_box_order() -> None:
    """pdftotext: no space at a line's end; PyMuPDF: spaces kept, one empty line a page;
    the corpus text (spaces kept, an empty line after each line) reads rows on lines and
    never comes here (layout.text_readers reads it as flowing text)."""
    pdftotext = [Line(k, 1, t) for k, t in enumerate(["区分", "", "令和元年度", "", "2,879"] * 4)]
    assert not box_order(pdftotext)
    pymupdf = [Line(k, k // 5 + 1, t) for k, t in enumerate(["施策 ", "a ", "b", "c", ""] * 4)]
    assert not box_order(pymupdf)
    pdfminer = [Line(k, 1, t) for k, t in enumerate(["施策 ", "", "a", "", " "] * 2)]
    assert box_order(pdfminer)


def test_pages_with_no_grid_by_columns_are_box_order_too(tmp_path: Path) -> None:
    """Pages 1–3 alone print no grid column by column, so they were read as flowing text
    (rows on lines): 6-2 got the ｂ printed after its title, exit 0. pdfminer's form feeds
    tell its boxes from the corpus text's (an empty line after each line, no form feed)."""
    pages = SUMMARY.read_text(encoding="utf-8").split("\f")
    path = tmp_path / "pages-1-3.pdfminer.txt"
    path.write_text("\f".join(pages[:3]) + "\f", encoding="utf-8")
    report = parse(str(path))
    ratings = {e.id: e.rating for e in report.policies[0].measure_summary}
    assert ratings["6-2"] is None and ratings["6-3"] is None
    assert len(ratings) == 39
    assert _codes(report)[0] == "box_order"

"""Renditions of held-out set 15 (fonts, widths and type sizes the readers were not written
on), each kind read back as the report prints it:

- pdftotext's default mode (LibreOffice, Noto Sans Mono CJK HK, extra-wide label column,
  the 令和４年度 edition) prints table 1's 合計(a＋b＋c) label after table 2's 区分 row, so
  table 2's labels start ``合計(a＋b＋c)`` / ``当初予算(a)`` before 当初予算's amounts. The
  amounts that label pair could not take were left over, and 執行額, whose label comes four
  rows later with no amounts before it, claimed them: ``－ － 85,077`` (当初予算's) under
  執行額, exit 0. Left-over amounts are now the next row's only (layout/year_grid.py).
  Table 1, its 合計 label gone, had four rows, so 執行額 stood in 合計's place: a row of the
  form the text lost keeps its place, empty, said (extract/budget.py). A page range of
  those pages was not even taken for default-mode text: its only table's year cells are
  cut before 度 (``令和元年`` / … / ``度``), which now count as lone years
  (layout/text_columns.py).
- pdftotext's default mode (Chromium, Noto Serif CJK TC, very narrow, big type, 令和４年度)
  sets 参考指標５'s ③ row as ``③アクセス数 125 万件＊`` then ``157 万件＊`` / ``179 万件＊``:
  the first value went into the label and the others moved a year earlier (157 under
  2018), exit 0. A row label line that ends with values now gives them to the row; a label
  that ends with an era's name (``②平成 29年``, field 4's 参考指標) keeps its date. A row
  read from the left that leaves a year empty before a year its column filled lost a
  cell: its values are left out, said (layout/year_grid.py).
- pdfplumber (Chromium, Noto Sans CJK HK): a Hong Kong or Taiwan CJK font draws ・ with the
  glyph of ·, which Chromium's ToUnicode map names U+00B7; it was folded to the half-width
  ･ everywhere (81.6 % of the report's values right). A text with no ・ at all gets ・ for
  its · (vocab.middle_dots); in a PDF, a full-width · is ・ (layout/pdf_page.py).
- PDF (LibreOffice, Noto Sans Mono CJK HK, extra-wide label column, 令和４年度): budget
  table 1's 当初予算(a) row ends page 1, the unit cell beside it split by the break
  (``予算の`` / ``状況(百万円)`` overleaf, spanning the other rows). Joined, the cell's text
  is a label's, in a row of one grid row only: the row was read as label and loose lines,
  and its amounts were lost. A label cell that spans rows overleaf spans this one too
  (layout/page_breaks.py).

- pdftotext's default mode (LibreOffice, IPAPMincho, wide, small type) moved a page's
  number among 2-5's grid cells (``14`` between two columns) on a stretch of pages
  numbered at another offset than most: it was read as an eighth value of seven cells.
  A page's number is found anywhere on it where the pages on both sides print theirs at
  the same offset (layout/text_furniture.py).
- ``pdftotext -layout`` (LibreOffice, Noto Sans Mono CJK HK, 令和４年度) prints 5-4's three
  targets as ``10`` over ``回``; ``４回`` + ``回`` was a second reading of the pieces, so
  the grid was left null. A unit piece never doubles the unit its value ends with
  (layout/wrapped_values.py).
- A series' label is never a value: a -layout text whose runs of spaces became tabs (a
  breaker's trial) put ``② 英語版`` under 2018, exit 0; such a row is left out, said
  (extract/reference.py).

Fixtures: pages of those renditions' texts (tests/fixtures/extractors), cut at form feeds,
and the LibreOffice PDF's pages 2–3 cut with make_docx.cut (tests/fixtures/pdf/heldout15).
The Chromium renditions' fonts (CFF) are not cut down by make_docx.cut, so no page of their
PDFs is committed: the middle-dot rule is tested on the characters the engines give.
"""

from __future__ import annotations

from pathlib import Path

import regex
from conftest import FIXTURES
from test_extracted_text_kinds import BUDGETS
from test_text_grids import FIRST

from hyoka_parse import parse
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.page_objects import Char
from hyoka_parse.layout.pdf_page import lines_of
from hyoka_parse.layout.text_furniture import page_furniture
from hyoka_parse.layout.wrapped_values import joins, wrapped_cells
from hyoka_parse.pipeline import parse_text

PAGES = FIXTURES / "extractors"
FORM_ROWS = ["当初予算(a)", "補正予算(b)", "繰越し等(c)", "合計(a＋b＋c)", "執行額"]


def _rows(path: str) -> list[list[tuple[str, list[str]]]]:
    report = parse(path)
    return [
        [(row.label, [v.raw for v in row.values]) for row in table.rows]
        for table in report.policies[0].budget
    ]


BUDGET_PAGES = PAGES / "r4-lo-notosansmonohk-xwide-pages-2-3-budget.pdftotext.txt"


def test_amounts_left_over_go_to_no_row_printed_later(tmp_path: Path) -> None:
    # Table 1's 合計 amounts run on after 繰越し等(c)'s, its label printed among table 2's
    # cells; table 2's 当初予算 amounts come before any label. The totals prove where each
    # goes (held-out set 19: year_grid.read_proven). Where they cannot (a 合計 that does
    # not add up), no amount goes to a row printed later: table 1 is read as before, its
    # 合計 empty, and table 2, whose totals do add up, by its own.
    first, second = _rows(str(BUDGET_PAGES))
    assert [first, second] == BUDGETS
    first, second = _rows(str(_unproven(tmp_path)))
    assert [label for label, _ in first] == FORM_ROWS
    assert dict(first)["補正予算(b)"] == ["0", "0", "220", ""]
    assert dict(first)["合計(a＋b＋c)"] == ["", "", "", ""]
    assert dict(first)["執行額"] == ["2,709", "2,632", "2,259", ""]
    assert second == BUDGETS[1]


def _unproven(tmp_path: Path) -> Path:
    """The budget pages with table 1's 令和２年度 合計 one more than its parts added."""
    lines = BUDGET_PAGES.read_text(encoding="utf-8").split("\n")
    assert lines.count("3,055") == 1
    path = tmp_path / BUDGET_PAGES.name
    path.write_text("\n".join("3,056" if ln == "3,055" else ln for ln in lines), "utf-8")
    return path


def test_a_row_the_text_lost_keeps_its_place_said(tmp_path: Path) -> None:
    report = parse(str(_unproven(tmp_path)))
    said = [w for w in report.warnings if "not found; its place kept" in w.message]
    assert [(w.code, w.message) for w in said] == [
        (
            "unparsed_table",
            "budget row 合計(a＋b＋c) not found; its place kept, its values left empty",
        )
    ]
    assert said[0].location.page == 1


def _series(report_path: str | None = None, text: str | None = None) -> list[tuple[str, list]]:
    report = parse(report_path) if report_path else parse_text(text or "")
    return [
        (s.label, [(p.fiscal_year, p.value.raw) for p in s.values])
        for f in report.policies[0].fields
        for r in f.reference_indicators
        for s in r.series
    ]


REFERENCE_5 = PAGES / "r4-chromium-notoseriftc-vnarrow-big-page-7-reference-5.pdftotext.txt"


def test_a_row_label_line_that_ends_with_the_rows_first_value() -> None:
    def row(*raws: str) -> list[tuple[int, str]]:
        return list(zip([2018, 2019, 2020, 2021], raws, strict=True))

    assert _series(str(REFERENCE_5)) == [
        ("①日本語版", row("7,400 部", "7,100 部", "7,000 部", "7,000 部")),
        ("②英語版", row("4,500 部", "4,100 部", "4,000 部", "4,000 部")),
        ("③アクセス数", row("125 万件＊", "157 万件＊", "179 万件＊", "266 万件＊")),
    ]


def test_a_row_label_that_ends_with_a_date_keeps_it() -> None:
    path = PAGES / "r4-chromium-notoseriftc-vnarrow-big-pages-27-28-reference.pdftotext.txt"
    (first, second) = _series(str(path))
    assert first[1] == [(2018, "３か国"), (2019, "６か国"), (2020, "０か国"), (2021, "０か国")]
    assert second[0].startswith("②平成 29年")
    assert second[1] == [(2018, "４か国"), (2019, "12名"), (2020, "10名"), (2021, "０名")]


def test_a_row_that_lost_a_cell_among_its_values_gives_none() -> None:
    # the same page as an extractor that lost the first cell of ③ would give it: the row's
    # three values read from the left cannot be told their years, 令和３年度's column can
    text = REFERENCE_5.read_text(encoding="utf-8")
    assert text.count("③アクセス数 125 万件＊") == 1
    report = parse_text(text.replace("③アクセス数 125 万件＊", "③アクセス数"))
    series = _series(text=text.replace("③アクセス数 125 万件＊", "③アクセス数"))
    assert [label for label, _ in series] == ["①日本語版", "②英語版"]
    said = [w for w in report.warnings if "a cell of the row ③アクセス数 lost" in w.message]
    assert len(said) == 1 and said[0].code == "unparsed_table"
    assert said[0].location.line == 21


def test_a_hong_kong_fonts_full_width_dot_named_as_a_middle_dot_in_text() -> None:
    report = parse(str(PAGES / "chromium-notosanshk-narrow-pages-1-2.pdfplumber.txt"))
    policy = report.policies[0]
    assert policy.objectives[1].text == (
        "インド太平洋地域の平和と安定を確保するとともに、同地域における法の支配に基づく自由で"
        "開かれた海洋秩序を維持・強化することにより、海上の安全を確保する（①、②）。二国間及び"
        "多国間での国際協力強化を通じ、北極をめぐる課題への対応における国際社会でのプレゼンスを"
        "確保する（②）。また、自由、公正かつ安全なサイバー空間を確保するためのサイバー外交を推進"
        "する。（①、②）"
    )
    # the report's own half-width dot is named U+FF65 by that font: it stays
    assert report.budget_sheets[0].evaluation_method == "総合･実績･事業"


def _char(text: str, x0: float, width: float) -> Char:
    return Char(text=text, x0=x0, x1=x0 + width, top=100.0, bottom=110.0, size=10.0)


def test_a_full_width_middle_dot_in_a_pdf_is_the_full_width_dot() -> None:
    # pdfminer reads the Hong Kong font's ・ as · with the glyph's full width; a Japanese
    # font's half-width ･ (総合･実績) is read as · too, half as wide
    chars = [_char("維", 0, 10), _char("持", 10, 10), _char("·", 20, 10), _char("強", 30, 10)]
    chars += [_char("総", 50, 10), _char("合", 60, 10), _char("·", 70, 5), _char("実", 75, 10)]
    (line,) = lines_of(chars)
    assert line.text == "維持・強総合･実"


def test_a_budget_row_above_a_page_break_beside_the_unit_cell() -> None:
    # PDF (LibreOffice, Noto Sans Mono CJK HK): 当初予算(a) is the last row on page 1, the
    # unit cell beside it printed 予算の there and 状況(百万円) overleaf beside the other
    # rows; joined, the cell read as a label among the row's data and the row was lost
    pdf = FIXTURES / "pdf" / "heldout15" / "lo-r4-notosansmonohk-xwide-pages-2-3.pdf"
    for engine in ("pdfium", "pdfplumber"):
        report = parse(str(pdf), engine=engine)
        first = report.policies[0].budget[0]
        assert first.fiscal_years == [2019, 2020, 2021, 2022]
        assert [(r.label, [v.raw for v in r.values]) for r in first.rows] == FIRST


def test_a_series_label_is_never_a_value() -> None:
    # a -layout text whose runs of spaces were turned into one tab each (a breaker's
    # trial): its columns stand nowhere, and ② 英語版 was read as 2018's value, exit 0
    name = "lo-r4-exnarrow-pages-9-10-reference-5.pdftotext-layout.txt"
    text = regex.sub(r"  +", "\t", (PAGES / name).read_text(encoding="utf-8"))
    report = parse_text(text)
    (indicator,) = [
        r for f in report.policies[0].fields for r in f.reference_indicators if r.number == 5
    ]
    raws = [p.value.raw for s in indicator.series for p in s.values]
    assert not any(raw.startswith(("①", "②", "③")) for raw in raws)
    said = [w for w in report.warnings if w.message.startswith("参考指標5: the row's cells")]
    assert len(said) == 3 and {w.code for w in said} == {"unparsed_table"}


def _page(no: int, texts: list[str]) -> list[Line]:
    return [Line(no=no * 100 + k, page=no, text=t) for k, t in enumerate(texts)]


def test_a_page_number_moved_among_a_grids_cells() -> None:
    # pdftotext's default mode moved page 3's number (14) between a grid's columns: the
    # pages beside it print 13 and 15 at their feet, a run apart from the main one
    def body(page: int) -> list[str]:
        kana = "あいうえおかきくけこさ"[page - 1]
        return [f"{kana}の本文です。", f"続きの{kana}{kana}。"]

    lines: list[Line] = []
    for page, number in [(1, 12), (2, 13), (4, 15), (5, 16)]:
        lines += _page(page, [*body(page), str(number)])
    lines += _page(3, ["中期目標値", "100％", "14", "100％", *body(3)])
    for page in range(6, 12):
        lines += _page(page, [*body(page), str(page + 14)])
    lines.sort(key=lambda ln: ln.no)
    kept, furniture = page_furniture(lines)
    numbers = {(ln.page, text) for kind, ln, text in furniture if kind == "page_number"}
    assert (3, "14") in numbers
    assert [ln.text for ln in kept if ln.page == 3] == ["中期目標値", "100％", "100％", *body(3)]
    assert len(numbers) == 11


def test_a_unit_piece_never_doubles_a_unit() -> None:
    # -layout and pdfplumber (LibreOffice, Noto Sans Mono CJK HK, 令和４年度): 5-4's three
    # targets print 10 over 回; ４回 + 回 made a second reading, so the grid was left null
    rows = [["－", "10", "10", "10", "４回", "７回", "３回", "ａ"], ["回", "回", "回"]]
    assert wrapped_cells(rows, 8) == ["－", "10回", "10回", "10回", "４回", "７回", "３回", "ａ"]
    assert joins("４回", "回") is None
    assert joins("125 万", "件＊") == "125 万件＊"


def test_values_on_the_labels_line_stay_when_a_column_was_not_read() -> None:
    # held-out set 12 (Chromium, Noto Serif CJK SC, 令和４年度): ``…関連条 ３か国`` prints
    # 2018's value on the row label's line; 2019's and 2020's column was not read, so the
    # row's gap is explained, and its first value stays. Pages 19 and 25 of its text
    # (page 19's grid makes the text read as the default mode's).
    path = PAGES / "r4-chromium-notoserifsc-wide-pages-19-25-reference.pdftotext.txt"
    report = parse(str(path))
    (indicator,) = [
        r for f in report.policies[0].fields for r in f.reference_indicators if r.number is None
    ]
    got = [[(p.fiscal_year, p.value.raw) for p in s.values] for s in indicator.series]
    assert got == [
        [(2018, "３か国"), (2019, ""), (2020, ""), (2021, "０か国")],
        [(2018, "４か国"), (2019, ""), (2020, ""), (2021, "０名")],
    ]

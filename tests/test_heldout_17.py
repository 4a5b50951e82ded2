"""Held-out set 17 (fonts, widths and type sizes the readers were not written on), each
input cut to the pages that failed. Before, each lost values, or put them in one cell:

- the PDF (LibreOffice, HanaMinA, extra-wide label columns): budget rows (b) and (c) stand
  either side of a page break, beside the label over the rows, which does go on; the whole
  row was joined with its "continuation", and (b)'s amounts read ``0 0`` and ``220△217``,
  exit 0 (layout/page_breaks.py: a value on both sides of one column rule is two rows);
- pdfium's text (Chromium, Komatuna P, big type) prints a label after the sentence before
  it: ``…貢献を行う。令和元年度目標`` with no space, ``…行う。 関連する内閣の重要政策（…）
  ・国家安全保障戦略…`` with the list's first item after it, and the comments' source with
  the first comment (``…メンバーの所見） ・外交安全保障…``): the year's target was read
  into the mid-term target, the related policies into the overview, the first comment into
  the source;
- ``-layout`` (LibreOffice, MotoyaLCedar, big type): 年度目標値 wraps over three lines
  (``年度 実績`` / ``目標  値`` / ``値``), and 2-5 was read as qualitative;
- ``-layout`` (Chromium, Komatuna P): two budget titles a blank line apart in a narrow label
  column were read as one title;
- the default mode (LibreOffice, HanaMinA): the budget's years wrap in narrow cells and are
  printed first pieces first (``平成 30`` / ``令和元年`` / … / ``年度`` / ``度`` / …), the
  title's rest comes after ``区分``, 当初予算's 令和３年度 amount right after the years'
  last piece, and 執行額's label after its amounts: both tables were left empty.

Fixtures: tests/fixtures/pdf/heldout17 (two pages, qpdf, fonts subset) and
tests/fixtures/extractors (pages of the extracted texts).
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from test_extracted_text_kinds import BUDGETS

from hyoka_parse import parse
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_columns import has_lone_years, unglue_headings
from hyoka_parse.models import Measure, Report

EXTRACTED = FIXTURES / "extractors"
TABLE_1, TABLE_2 = BUDGETS  # the report's two budget tables, as printed
TITLES = [
    "施策の予算額・執行額等（分担金・拠出金除く）",
    "施策の予算額・執行額等（分担金・拠出金）",
]


def _rows(report: Report, n: int) -> list[tuple[str, list[str]]]:
    return [(r.label, [v.raw for v in r.values]) for r in report.policies[0].budget[n].rows]


def _measure(report: Report, measure_id: str) -> Measure:
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == measure_id]
    return m


@pytest.mark.parametrize("engine", ["pdfplumber", "pdfium"])
def test_budget_rows_either_side_of_a_page_break_stay_two_rows(engine: str) -> None:
    pdf = FIXTURES / "pdf" / "heldout17" / "lo-hanamina-xwide-pages-2-3.pdf"
    report = parse(str(pdf), engine=engine)
    assert report.policies[0].budget[0].fiscal_years == [2018, 2019, 2020, 2021]
    assert _rows(report, 0) == TABLE_1


def test_a_years_target_label_glued_after_a_sentence_with_no_space() -> None:
    report = parse(
        str(EXTRACTED / "r4-chromium-komatunap-narrow-big-page-19-measure-3-2.pdfium.txt")
    )
    m = _measure(report, "3-2")
    assert m.mid_term_target is not None
    assert m.mid_term_target.text == (
        "国際社会の平和と安定に向けて、国連による平和維持活動等への取組・議論に積極的な貢献を行う。"
    )
    assert [y.fiscal_year for y in m.years] == [2019, 2020]
    assert m.years[0].target.startswith("１ 国連 PKO 等に対する今後の協力の在り方について、")


def test_related_policies_label_between_a_sentence_and_its_first_item() -> None:
    name = "r4-chromium-komatunap-narrow-big-pages-3-4-advisory-field-1.pdfium.txt"
    report = parse(str(EXTRACTED / name))
    field = report.policies[0].fields[0]
    assert field.overview[-1] == (
        "２ 外務大臣の政策スピーチや外交青書を通じて中長期的・戦略的外交政策の対外発信を行う。"
    )
    assert field.related_policies[:2] == [
        "・国家安全保障戦略(平成 25年 12 月 17 日 閣議決定)",
        "Ⅳ ６ （２）情報発信の強化",
    ]


def test_the_comments_source_and_the_first_comment_on_one_line() -> None:
    name = "r4-chromium-komatunap-narrow-big-pages-3-4-advisory-field-1.pdfium.txt"
    policy = parse(str(EXTRACTED / name)).policies[0]
    assert policy.advisory_source == "外務省政策評価アドバイザリー・グループ・メンバーの所見"
    assert policy.advisory_comments[0].startswith(
        "外交安全保障調査研究事業費補助金制度は、適切な審査・評価体制の下、"
    )
    assert len(policy.advisory_comments) == 20


def test_a_years_sub_headers_wrapped_over_three_lines_in_layout_text() -> None:
    name = "r4-lo-motoyalcedar-wide-big-page-22-measure-2-5.pdftotext-layout.txt"
    m = _measure(parse(str(EXTRACTED / name)), "2-5")
    assert (m.kind, m.rating) == ("quantitative", "a")
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        (2019, "100％", "100％"),
        (2020, "100％", "100％"),
        (2021, "100％", "100%"),
    ]


def test_two_budget_titles_a_blank_line_apart_in_a_narrow_label_column() -> None:
    name = "r4-chromium-komatunap-narrow-big-pages-1-2-budget.pdftotext-layout.txt"
    report = parse(str(EXTRACTED / name))
    assert [b.title for b in report.policies[0].budget] == TITLES
    assert _rows(report, 1) == TABLE_2


def test_budget_years_wrapped_and_printed_first_pieces_first() -> None:
    report = parse(str(EXTRACTED / "lo-hanamina-xwide-pages-1-3-budget.pdftotext.txt"))
    budget = report.policies[0].budget
    assert [b.title for b in budget] == TITLES
    assert [b.fiscal_years for b in budget] == [[2018, 2019, 2020, 2021]] * 2
    assert _rows(report, 0) == TABLE_1
    assert _rows(report, 1) == TABLE_2


def test_two_budget_tables_printed_by_turns_of_their_year_columns() -> None:
    # 令和元年度's column of table 1, then of table 2; table 1's labels, 区分, table 2's;
    # … 令和４年度's two; 執行額 of table 2 last, with its amounts
    name = "r4-lo-motoyalcedar-wide-big-pages-1-3-budget.pdftotext.txt"
    report = parse(str(EXTRACTED / name))
    budget = report.policies[0].budget
    assert [b.title for b in budget] == TITLES
    assert [b.fiscal_years for b in budget] == [[2019, 2020, 2021, 2022]] * 2
    assert _rows(report, 0) == TABLE_1
    assert _rows(report, 1) == TABLE_2


def test_budget_pages_alone_read_as_column_by_column_text() -> None:
    # no two years stand alone together on these pages: a year's column, its values a line
    # each, tells the default mode (the excerpt's budget tables were read empty before)
    report = parse(str(EXTRACTED / "chromium-notosans-wide-pages-1-2-header.pdftotext.txt"))
    assert [b.title for b in report.policies[0].budget] == TITLES
    assert _rows(report, 0) == TABLE_1
    assert _rows(report, 1) == TABLE_2


# --- a breaker's trial of the rules above: inputs made to trip them ---


def _unglued(*texts: str) -> list[str]:
    lines = [Line(n, 1, t) for n, t in enumerate(texts, 1)]
    return [ln.text for ln in unglue_headings(lines)]


def test_a_sentence_that_names_a_label_stays_one_line() -> None:
    named = "…事業を推進した。関連する内閣の重要政策（国家安全保障戦略） に沿った取組である。"
    assert _unglued(named) == [named]
    label = "関連する内閣の重要政策（施策方針演説等のうち主なもの）"
    assert _unglued(f"…対外発信を行う。 {label} ・国家安全保障戦略") == [
        "…対外発信を行う。",
        label,
        "・国家安全保障戦略",
    ]


def test_a_years_target_glued_with_no_space_only_before_its_first_item() -> None:
    prose = ["…事業を推進した。令和２年度目標", "についても、２有識者研究会の報告書については"]
    assert _unglued(*prose) == prose
    target = ["…貢献を行う。令和元年度目標", "１ 国連 PKO 等に対する今後の協力の在り方について"]
    assert _unglued(*target) == ["…貢献を行う。", "令和元年度目標", target[1]]


def test_two_rows_run_together_whose_orders_differ_only_in_the_second_row() -> None:
    # table 2 made 当初 100/100/100, 補正 0, 繰越 0; after 合計 ``100 100 100 95 100 98``:
    # 合計 reads 100s either way, 執行額 [95, 100, 98] row by row, [100, 95, 98] year by year
    report = parse(str(EXTRACTED / "breaker17-two-rows-year-by-year.pdftotext.txt"))
    assert _rows(report, 1)[3:] == [
        ("合計(a＋b＋c)", ["", "", "", ""]),
        ("執行額", ["", "", "", ""]),
    ]


def test_a_lone_year_and_values_outside_a_budget_table_do_not_switch_the_reader() -> None:
    inserted = [
        "…推進する。",
        "令和元年度",
        "12",
        "15",
        "18",
        "作成にあたって使用した資料その他の情報",
    ]
    assert not has_lone_years([Line(n, 1, t) for n, t in enumerate(inserted, 1)])
    column = ["区分", "令和元年", "度", "2,879", "0", "0"]
    assert has_lone_years([Line(n, 1, t) for n, t in enumerate(column, 1)])


@pytest.mark.parametrize("extractor", ["pdfplumber", "pdftotext-layout"])
def test_note_marks_wrapped_onto_a_row_of_their_own_join_their_values(extractor: str) -> None:
    # ``③アクセス数 125 万件 157 万件 179 万件 266 万件`` / ``＊ ＊ ＊ ＊`` (LibreOffice, Ume
    # Gothic, extra wide, big type; the breaker's rendition): the marks were lost
    name = f"lo-umegothic-xwide-big-page-11-reference-5.{extractor}.txt"
    report = parse(str(EXTRACTED / name))
    (five,) = [
        r for f in report.policies[0].fields for r in f.reference_indicators if r.number == 5
    ]
    access = five.series[2]
    assert [p.value.raw for p in access.values] == [
        "125 万件＊",
        "157 万件＊",
        "179 万件＊",
        "266 万件＊",
    ]
    assert [p.value.value for p in access.values] == [125, 157, 179, 266]
    assert access.values[0].value.unit == "万件"

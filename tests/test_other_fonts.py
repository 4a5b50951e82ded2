"""Renditions in font families the readers were not written on (issue 9, held-out set 9),
each kind read back as the report prints it:

- pdftotext's default mode of Chromium's Type 3 fonts (Noto Sans CJK JP, wide columns) reads
  the header's whole table, budget amounts and all, between the 施策 line and the report
  title 令和３年度政策評価書: the title is found anywhere on the 施策 line's page;
- pdfium glues a note cell's last piece and the next 参考指標 heading on one line
  (``めると 29）。 参考指標５：…``): the heading is set on a line of its own, else 参考指標５'s
  rows were read as 参考指標４'s series;
- pdfminer reads the full-width ・ of those Type 3 fonts as U+2027, so 施策の進捗状況・実績
  was no heading and every progress text was lost;
- ``-raw`` (Chromium, IPAGothic, a very wide label column): a budget row label wrapped in
  its cell (``合計(a＋b＋`` / ``c)``) and its amounts on the next line;
- pdftotext's default mode (LibreOffice, Noto Serif CJK JP): the 同 budget table's header
  lost its first year, so its amounts stood a year late: amounts under years other than the
  first table's are left out, said.

- ``-raw`` and pdfium of the matrix's renditions: a note cell beside a grid cut by a page
  break goes on with its pieces from the next page's top, before the header's other cells.
- pdftotext's default mode of Chromium's Type 3 fonts prints both budget tables' row labels
  first (``予算の 当初予算(a)``: a piece of the unit cell on the label's line), then each
  table's 平成30年度 column, then each table's later years with their rows in one block:
  the n-th header run of a year is the n-th table's, and one block's cells are read row
  by row, a reading whose 合計(a＋b＋c) does not add up being none;
- pdftotext's default mode (LibreOffice, Noto Serif CJK JP) prints the 別紙 sheet's label
  cell 政策評価の対象となっているもの in pieces among the first item's 事項 pieces, and that
  事項's last piece after every amount: the label's pieces are the form's, and a 事項 cut
  before its 経費 goes on in the first 事項 block printed apart;
- pdftotext's default mode of Chromium's Type 3 fonts prints a series' values that share a
  baseline on one line (``125 万件＊ 157 万件＊ 179 万件＊``): they are that row's cells,
  left to right (they were read as the label's wrapped text);
- a 中期目標値 grid whose first header cell's pieces stand apart: ``中期目標`` / the years /
  … / ``値`` (LibreOffice, Noto Serif), or ``（注）外務省及び防 中期目標`` with a note piece
  on its line, header pieces after other note pieces (``（ISG）、高級事務レ --年度 年度目 …``)
  and the row's values on one line (Chromium, Type 3 fonts), is the measure's grid when
  its values fit the shape in one order; the rating header's pieces printed among the
  grid's own (``平成 30・`` / ``値`` / ``令和元・``) are only the rating header's;
- pdftotext's default mode (LibreOffice, Noto Serif: tall lines) prints a blank line after
  every line, so an entry of the list of measures whose title goes on after its rating is
  ``title / (blank) / ｂ / (blank) / rest``: the blank lines between the title and its
  rating are those between its pieces;
- pdftotext's default mode of Chromium's Type 3 fonts reads the 別紙 sheet's page (which
  also holds the report's first page) label column first: the sheet's 会計 and 組織 columns
  as runs, and its 項, 事項 and amounts after the report's 施策 line, mixed with the report's
  first label cells, and its number ⑦ and 達成度合い below the budget tables. A sheet whose
  rows do not read from its lines before the 施策 line is read again with the short lines
  after it (its number and 達成度合い anywhere on its page); those it takes leave the report;
- the same text glues pieces of the list of measures' vertical label before an entry, a
  個別分野 heading or an entry's next line (``和２年度目 ＊１－２ …``, ``令和元・令 シンクタン
  クとの連携強化``): each piece is set apart, the entry starts its line and its title goes
  on without the piece;
- and prints a one-row 参考指標 grid's later columns (``令和元年度 / ０回 / 令和２年度 / ３回``)
  after the grid before it, which has those years already, and before the grid's own
  heading, whose own pairs end the year before: they go after its pairs;
- pdftotext's default mode (LibreOffice, Noto Serif) prints the first budget table's
  ``平成 30 年 / (blank) / 令和３年度 / 3,006``: the value on the line right after the
  report's year's header cell is that column's one cell, its 当初予算;
- and prints a note column beside a grid with its first piece before the grid's first header
  cell (``（注）外務省及び防`` / ``中期目標`` / …), its others among and after the grid's: the
  first piece goes before the others, after the grid.
- ``-layout`` (LibreOffice, Noto Serif CJK JP, a wide label column: held-out set 11) wraps
  each 100％ of measure 2-5's narrow value cells: ``10`` on the row's line, ``0％`` under it.
  The pieces under the row's numbers are their ends (10 was read as the value).

Fixtures: pages of those renditions' texts (tests/fixtures/extractors), made by
make_chromium.render / make_docx.render in the named font with Widths(label, first) of
(0.25, 0.15) Noto Sans, (0.27, 0.17) IPAGothic 令和４年度 edition, (0.20, 0.12) Noto Serif,
and extracted as tests/extractor_matrix.py does. The fonts are not installed in CI: the
texts are the fixtures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, squeeze
from test_side_notes import assert_measure_2_5

from hyoka_parse import parse
from hyoka_parse.layout.text_budget import BUDGET
from hyoka_parse.layout.year_grid import rebuild
from hyoka_parse.models import BudgetSheet, BudgetTable, Measure, Report
from hyoka_parse.source import split_lines
from hyoka_parse.vocab import fold_text

PAGES = FIXTURES / "extractors"
TITLES = ["施策の予算額・執行額等（分担金・拠出金除く）", "施策の予算額・執行額等（分担金・拠出金）"]
# The report's two budget tables (施策の予算額・執行額等), amounts in 百万円 by year; the
# 令和４年度 edition prints the same amounts a year later.
TABLE_1 = {
    "当初予算(a)": [2879, 2970, 3052, 3006],
    "補正予算(b)": [0, 0, 220, None],
    "繰越し等(c)": [0, 0, -217, None],
    "合計(a＋b＋c)": [2879, 2970, 3055, None],
    "執行額": [2709, 2632, 2259, None],
}
TABLE_2 = {
    "当初予算(a)": [None, None, 85077, 85448],
    "補正予算(b)": [None, None, 20221, None],
    "繰越し等(c)": [None, None, 0, None],
    "合計(a＋b＋c)": [None, None, 105298, None],
    "執行額": [None, None, 105015, None],
}


def assert_sheet_items(sheet: BudgetSheet) -> None:
    """The 別紙 sheet's items as the report prints them: 会計, 組織, 項, 事項, and the two
    years' amounts (千円), then the 小計."""
    assert [(i.account, i.organization, i.kou, i.jikou) for i in sheet.items] == [
        ("一般", "外務本省", "分野別外交費", "経済協力に係る国際の平和と安定に対する取組に必要な経費"),
        ("一般", "外務本省", "分野別外交費", "エネルギー対策に係る国際の平和と安定に対する取組に必要な経費"),
        ("一般", "外務本省", "分野別外交費", "国際の平和と安定に対する取組に必要な経費"),
        ("一般", "在外公館", "分野別外交費", "国際の平和と安定に対する取組に必要な経費"),
    ]
    assert [[v.value for v in i.values] for i in sheet.items] == [
        [29452910, 32323711],
        [4753731, 5126489],
        [54027805, 54349436],
        [219251, 346394],
    ]
    assert [v.value for v in sheet.total] == [88453697, 92146030]


def _report(name: str) -> Report:
    return parse(str(PAGES / name), jobs=1)


def _amounts(table: BudgetTable) -> dict[str, list[int | float | None]]:
    return {row.label: [v.value for v in row.values] for row in table.rows}


def test_the_report_title_anywhere_on_the_policy_lines_page() -> None:
    # 43 lines of label cells and budget amounts stand between 施策Ⅱ-１ … and 令和３年度政策評価書.
    policy = _report("chromium-notosans-wide-pages-1-2-header.pdftotext.txt").policies[0]
    assert (policy.id, policy.report_title, policy.evaluation_code) == (
        "II-1",
        "令和３年度政策評価書",
        "外務省２－Ⅱ－１",
    )
    assert policy.name == "国際の平和と安定に対する取組"


def test_a_reference_heading_glued_after_a_note_starts_its_own_grid() -> None:
    field = _report("chromium-notosans-wide-pages-6-7-reference-4-5.pdfium.txt").policies[0]
    refs = {r.number: r for r in field.fields[0].reference_indicators}
    assert [[p.value.value for p in s.values] for s in refs[4].series] == [[4, 4, 4, 4]]
    five = refs[5]
    assert squeeze(five.title) == "外交青書の発行部数及びインターネットによるアクセス数"
    assert [(squeeze(s.label), squeeze([p.value.raw for p in s.values])) for s in five.series] == [
        ("①日本語版", ["7,400部", "7,100部", "7,000部", "7,000部"]),
        ("②英語版", ["4,500部", "4,100部", "4,000部", "4,000部"]),
        ("③アクセス数", ["125万件＊", "157万件＊", "179万件＊", "266万件＊"]),
    ]
    assert [p.fiscal_year for p in five.series[0].values] == [2017, 2018, 2019, 2020]


def test_hyphenation_point_is_the_full_width_middle_dot() -> None:
    assert fold_text("施策の進捗状況‧実績") == "施策の進捗状況・実績"


def test_progress_under_a_heading_read_with_a_hyphenation_point() -> None:
    field = _report("chromium-notosans-wide-pages-4-5-field-1.pdfplumber.txt").policies[0]
    measure = field.fields[0].measures[0]
    progress = {y.fiscal_year: squeeze(y.progress or "") for y in measure.years}
    assert progress[2018].startswith("１外交・安全保障調査研究事業費補助金制度の下、平成29年度に採択")
    assert squeeze(measure.title).startswith("補助金事業、研究会の実施等を通じた外部有識者")


def test_a_budget_row_label_wrapped_in_its_cell() -> None:
    policy = _report("chromium-r4-ipagothic-vwide-page-1.pdftotext-raw.txt").policies[0]
    first, second = policy.budget
    assert first.fiscal_years == [2019, 2020, 2021, 2022]
    assert _amounts(first) == TABLE_1
    assert second.printed_title == "同（分担金・拠出金）"


def test_a_budget_table_that_lost_a_years_header_cell_places_no_amount() -> None:
    report = _report("lo-notoserif-mid-pages-2-3-budget.pdftotext.txt")
    first, *others = report.policies[0].budget
    assert first.fiscal_years == [2018, 2019, 2020, 2021]
    assert _amounts(first)["補正予算(b)"] == [0, 0, 220, None]
    for table in others:  # 85,077 stood under 令和３年度, a year late
        assert table.fiscal_years != first.fiscal_years
        assert all(v.value is None for row in table.rows for v in row.values)
    said = [w for w in report.warnings if "are not the other tables'" in w.message]
    assert len(said) == len([t for t in others if t.rows])
    assert all(w.location.line for w in said)


# --- -layout: a note column filled to its edge, one space left of the grid ---


@pytest.mark.parametrize(
    "name",
    [
        # ``（注）外務省及び防 中期目標`` / ``（ISG）、高級事務レ --年度 年度目 実績値 …``
        "chromium-notosans-wide-page-13-measure-2-5.pdftotext-layout.txt",
        # Noto Serif CJK JP, Widths(0.17, 0.09) (held-out set 10): ``（注）外務省及 中期目``,
        # its header wrapped (中期目 / 標値)
        "chromium-notoserif-narrow-pages-13-14-measure-2-5.pdftotext-layout.txt",
    ],
)
def test_a_note_filled_to_its_edge_one_space_from_the_grid_is_the_measures(name: str) -> None:
    assert_measure_2_5(_report(name).policies[0].fields[0].measures[0])


def test_measure_5_4_beside_its_note_filled_to_the_edge() -> None:
    report = _report("chromium-notosans-wide-page-31-measure-5-4.pdftotext-layout.txt")
    m = next(m for m in report.policies[0].fields[0].measures if m.id == "5-4")
    assert (m.id, m.kind, m.rating) == ("5-4", "quantitative", "b")
    # Not yet: the note ends 除く。度目標の, the rating column's header piece on its last line.
    assert squeeze(m.notes)[0].startswith("令和元年度の実績値から国際会議の場における非公式意見交換")
    assert [(y.fiscal_year, y.target_value.value, y.actual_value.value) for y in m.years] == [
        (2018, 10, 10),
        (2019, 10, 4),
        (2020, 7, 3),
    ]


def test_a_series_row_beside_a_note_piece_one_space_apart() -> None:
    # ``（注）暦年で ①日本語版        7,400 部 …``: ① was read into the note, its row left out
    report = _report("chromium-notosans-wide-page-7-reference-5.pdftotext-layout.txt")
    five = report.policies[0].fields[0].reference_indicators[0]
    assert five.number == 5
    assert [(squeeze(s.label), squeeze([p.value.raw for p in s.values])) for s in five.series] == [
        ("①日本語版", ["7,400部", "7,100部", "7,000部", "7,000部"]),
        ("②英語版", ["4,500部", "4,100部", "4,000部", "4,000部"]),
        ("③アクセス数", ["125万件＊", "157万件＊", "179万件＊", "266万件＊"]),
    ]
    assert squeeze(five.notes) == ["暦年でカウント"]


# --- -layout, LibreOffice, Noto Serif CJK: the 同 budget table's header cut by a page break ---

def test_both_budget_tables_when_the_second_ones_year_wraps_overleaf() -> None:
    # ``同（分担金・拠出  区分  平成 30 年  令和元年度 …`` / page break / ``金）  度``: the lone
    # 平成 30 年 had been taken with table 1's 2,879 column as a note beside the grid.
    report = _report("lo-notoserif-mid-pages-2-3-budget.pdftotext-layout.txt")
    first, second = report.policies[0].budget
    assert first.fiscal_years == second.fiscal_years == [2018, 2019, 2020, 2021]
    assert _amounts(first) == TABLE_1
    assert _amounts(second) == TABLE_2
    assert [v.raw for v in second.rows[0].values[:2]] == ["－", "－"]


def test_a_row_twice_in_one_table_is_another_tables_and_left_out(tmp_path: Path) -> None:
    # The same pages with the 同 table's header line lost: its rows must not be table 1's.
    text = (PAGES / "lo-notoserif-mid-pages-2-3-budget.pdftotext-layout.txt").read_text()
    lost = "\n".join(ln for ln in text.split("\n") if not ln.startswith("同（分担金・拠出"))
    path = tmp_path / "lost-header.txt"
    path.write_text(lost, encoding="utf-8")
    report = parse(str(path), jobs=1)
    amounts = [v.value for t in report.policies[0].budget for r in t.rows for v in r.values]
    assert not {85077, 85448, 20221, 105298, 105015} & set(amounts)
    twice = [w for w in report.warnings if "stands twice in one table" in w.message]
    assert len(twice) == 5 and all(w.location.line for w in twice)


# --- the PDF: a grid row cut by a page break after a line that kinsoku left short ---


# 7-3's text cells as the report prints them (spaces squeezed): each year's 実績値, and
# 平成30年度's 年度目標値.
M73_ACTUALS = [
    (2018, "無投票採択"),
    (2019, "全会一致採択（カンボジア人権状況決議）"),
    (2020, "全会一致採択（ハンセン病差別撤決議）"),
]
M73_TARGET_2018 = (
    "平成29年度同様、無投票採択を目指しつつ、本決議が投票に付される場合は、26年度"
    "（注：27,28年度は無投票採択）より多くの賛成票を確保する。"
)

def test_a_cell_cut_where_kinsoku_moved_a_character_overleaf_goes_on() -> None:
    # 7-3's 平成30年度 target cell, two characters wide, ends its page on ``採`` alone: ``択）``
    # went overleaf together (a closing bracket cannot start a line), so the short line is no
    # sign of the cell's end. LibreOffice, Noto Sans CJK JP, Widths(0.26, 0.16), pages 92-93
    # of the whole report cut by qpdf (held-out set 10: the grid was left null, 98.2 %).
    path = FIXTURES / "pdf" / "other_fonts" / "lo-notosans-wide-pages-92-93-measure-7-3.pdf"
    m = next(m for f in parse(str(path), jobs=1).policies[0].fields for m in f.measures)
    assert (m.id, m.kind, m.rating) == ("7-3", "quantitative", "b")
    assert [(y.fiscal_year, squeeze(y.actual_value.raw)) for y in m.years] == M73_ACTUALS
    assert squeeze(m.years[0].target_value.raw) == M73_TARGET_2018


# --- -raw and pdfium: a note cell beside a grid cut by a page break (docs/extractor-losses K7) ---


@pytest.mark.parametrize(
    "name",
    [
        # ``（注）平成 30 年`` / ``度の測定指標`` / the header's cells to the page's end / page
        # break / ``「人権理事会に`` … ``績値`` / the header's other cells (LibreOffice, narrow)
        "lo-narrow-pages-65-66-measure-7-3.pdftotext-raw.txt",
        "chromium-pages-45-46-measure-7-3.pdfium.txt",
        # the same pages joined by a bare LF, pdfium's lines ending in CRLF (pdfium-noff):
        # the LF marks the page break (text_pages.joined_page_ends; was docs K6)
        "chromium-pages-45-46-measure-7-3.pdfium-noff.txt",
    ],
)
def test_a_note_beside_a_grid_goes_on_after_the_page_break(name: str) -> None:
    m = next(m for f in _report(name).policies[0].fields for m in f.measures if m.id == "7-3")
    assert (m.kind, m.rating) == ("quantitative", "b")
    assert squeeze(m.notes) == [
        "平成30年度の測定指標「人権理事会に我が国が提出する北朝鮮人権状況決議の採択状況」"
        "における年度目標値及び実績値"
    ]


# --- pdfplumber: two lines of a note beside a grid set on the line of the grid's row ---


def test_two_note_pieces_before_the_row_of_values() -> None:
    # ``会合（年 10回程 － 100％ … 100% ａ``: the note's lines above and below the row stand
    # on its line; the row is the one split that leaves the grid's 7 cells and the rating.
    # Chromium, TakaoMincho, Widths(0.23, 0.14), the 令和４年度 edition (held-out set 10).
    report = _report("chromium-r4-takaomincho-mid-pages-13-14-measure-2-5.pdfplumber.txt")
    m = next(m for f in report.policies[0].fields for m in f.measures if m.id == "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "a", "－")
    assert [(y.fiscal_year, y.target_value.value, y.actual_value.value) for y in m.years] == [
        (2019, 100, 100),
        (2020, 100, 100),
        (2021, 100, 100),
    ]
    assert squeeze(m.notes) == [
        "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務"
        "レベル会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる"
        "会合（年10回程度）の出席率。"
    ]


def test_budget_tables_whose_row_labels_all_come_first() -> None:
    # page 6's 参考指標 grid prints its years one a line: the text is read as default mode
    policy = _report("chromium-notosans-wide-pages-1-2-and-6-budget.pdftotext.txt").policies[0]
    first, second = policy.budget
    assert [t.fiscal_years for t in policy.budget] == [[2018, 2019, 2020, 2021]] * 2
    assert _amounts(first) == TABLE_1
    assert _amounts(second) == TABLE_2
    assert [v.raw for v in second.rows[0].values] == ["－", "－", "85,077", "85,448"]


def test_a_sheet_read_across_the_reports_first_label_cells() -> None:
    report = _report("chromium-notosans-wide-pages-1-2-and-6-budget.pdftotext.txt")
    (sheet,) = report.budget_sheets
    assert (sheet.policy_name, sheet.policy_number, sheet.evaluation_method) == (
        "国際の平和と安定に対する取組",
        "⑦",
        "総合･実績･事業",
    )
    assert sheet.achievement == "相当程度進展あり"
    assert sheet.columns == ["３年度当初予算額", "４年度概算要求額"]
    assert_sheet_items(sheet)
    policy = report.policies[0]  # the report's cells among the sheet's stay the report's
    assert [b.title for b in policy.budget] == TITLES
    assert (policy.name, policy.evaluation_code) == ("国際の平和と安定に対する取組", "外務省２－Ⅱ－１")
    # the sheet's form cells (項, 一般会計, ＜ ＞ の内数 …) among them are the sheet's too
    assert squeeze(policy.objectives_preamble) == squeeze(
        "我が国の平和、安全及び繁栄を確保する（①）とともに、国際社会の平和と安定のための国際的な"
        "努力に積極的に寄与（②）するため、以下を達成する。"
    )


def test_a_block_of_rows_that_does_not_add_up_is_left_empty() -> None:
    # the block of test_budget_tables_whose_row_labels_all_come_first with 0 and 220
    # swapped: the same count, but 令和元年度 and 令和２年度 no longer add up
    text = (
        "区分\n予算の 当初予算(a)\n状況(百 補正予算(b)\n万円) 繰越し等(c)\n合計(a＋b＋c)\n"
        "執行額(百万円)\n区分\n予算の 当初予算(a)\n状況(百 補正予算(b)\n万円) 繰越し等(c)\n"
        "合計(a＋b＋c)\n執行額(百万円)\n\n平成30年\n度\n2,879\n0\n0\n2,879\n2,709\n"
        "平成30年\n度\n－\n－\n－\n－\n－\n\n令和元年 令和２年 令和３年\n度\n度\n度\n"
        "2,970\n3,052\n3,006\n220\n0\n0\n△217\n2,970\n3,055\n2,632\n2,259\n"
    )
    lines, problems = rebuild(split_lines(text), BUDGET)
    assert any("do not add up" in why for why, _ in problems)
    assert not any("2,970" in ln.text and "当初予算" in ln.text for ln in lines)
    assert any(ln.text == "当初予算(a) 2,879" for ln in lines)


def test_a_sheet_item_whose_jikou_goes_on_after_the_amounts() -> None:
    (sheet,) = _report("lo-notoserif-mid-pages-1-2-sheet.pdftotext.txt").budget_sheets
    assert_sheet_items(sheet)


def test_a_line_of_a_series_values_is_its_cells_left_to_right() -> None:
    field = _report("chromium-notosans-wide-pages-6-7-reference-4-5.pdftotext.txt").policies[0]
    five = {r.number: r for r in field.fields[0].reference_indicators}[5]
    assert [(squeeze(s.label), squeeze([p.value.raw for p in s.values])) for s in five.series] == [
        ("①日本語版", ["7,400部", "7,100部", "7,000部", "7,000部"]),
        ("②英語版", ["4,500部", "4,100部", "4,000部", "4,000部"]),
        ("③アクセス数", ["125万件＊", "157万件＊", "179万件＊", "266万件＊"]),
    ]
    assert [p.fiscal_year for p in five.series[2].values] == [2017, 2018, 2019, 2020]


def _quant(name: str, measure_id: str) -> Measure:
    report = _report(name)
    (m,) = [m for p in report.policies for f in p.fields for m in f.measures if m.id == measure_id]
    return m


def _cells(m: Measure) -> list[tuple[int, str | None, str | None]]:
    return [
        (y.fiscal_year, y.target_value and y.target_value.raw, y.actual_value and y.actual_value.raw)
        for y in m.years
    ]


def test_a_grid_whose_first_header_piece_ends_a_note_line() -> None:
    m = _quant("chromium-notosans-wide-page-13-measure-2-5.pdftotext.txt", "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == [(2018, "100％", "100％"), (2019, "100％", "100％"), (2020, "100％", "100%")]
    assert [squeeze(n) for n in m.notes] == [
        "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務レベル"
        "会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる会合（年10"
        "回程度）の出席率。"
    ]


def test_a_grid_whose_first_header_cell_stands_in_pieces_apart() -> None:
    name = "lo-notoserif-mid-page-63-measures-5-3-5-4.pdftotext.txt"
    m = _quant(name, "5-3")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == [(2018, "９回", "９回"), (2019, "９回", "９回"), (2020, "９回", "２回")]
    # 5-4's row (10 回 10 回 10 回 ４回 ７回 ３回) reads two ways: no value is placed (its
    # note's first piece, before the grid, now goes after the grid's cells left empty, so
    # the grid and its rating are read)
    m = _quant(name, "5-4")
    assert (m.kind, m.rating) == ("quantitative", "b")
    values = [v for y in m.years for v in (y.target_value, y.actual_value)]
    assert len(values) == 6 and all(v is None or (v.value, v.raw) == (None, "") for v in values)


def test_a_list_title_that_goes_on_after_its_rating_a_blank_line_apart() -> None:
    policy = _report("lo-notoserif-mid-pages-2-3-budget.pdftotext.txt").policies[0]
    entries = {e.id: e for e in policy.measure_summary}
    assert (entries["2-4"].title, entries["2-4"].rating) == (
        "自由、公正かつ安全なサイバー空間を創出するためのサイバー外交の推進",
        "b",
    )
    assert squeeze(entries["3-5"].title) == (
        "セミナー等の開催回数及び国際平和協力調査員を含む職員のPKO及びグローバル人材育成に"
        "関する国際会議やセミナー等出席回数"
    )
    assert squeeze(entries["3-2"].title) == "国際社会における平和維持活動への取組・議論への積極的な貢献"


def test_list_label_pieces_glued_before_the_lists_entries() -> None:
    policy = _report("chromium-notosans-wide-pages-1-2-and-6-budget.pdftotext.txt").policies[0]
    entries = {e.id: (e.title, e.rating, e.is_main) for e in policy.measure_summary}
    assert entries["1-1"] == (
        "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化",
        "b",
        True,
    )
    assert entries["1-2"] == ("中長期的・戦略的外交政策の対外発信の強化", "b", True)
    assert entries["2-1"] == ("ARF や各国との安保対話を通じた地域安全保障の促進", "b", True)


def test_a_one_row_grids_later_columns_printed_before_its_heading() -> None:
    field = _report("chromium-notosans-wide-pages-6-7-reference-4-5.pdftotext.txt").policies[0]
    refs = {r.number: r for r in field.fields[0].reference_indicators}
    one, two = refs[1], refs[2]
    assert [(p.fiscal_year, p.value.raw) for p in one.series[0].values] == [
        (2017, "61 件"),
        (2018, "38 件"),
        (2019, "38 件"),
        (2020, "27 件"),
    ]
    assert [(p.fiscal_year, p.value.raw) for p in two.series[0].values] == [
        (2017, "４回"),
        (2018, "３回"),
        (2019, "０回"),
        (2020, "３回"),
    ]
    assert (one.notes, two.notes) == ([], [])


def test_the_report_years_amount_right_under_its_header_cell() -> None:
    first = _report("lo-notoserif-mid-pages-2-3-budget.pdftotext.txt").policies[0].budget[0]
    assert first.fiscal_years == [2018, 2019, 2020, 2021]
    assert _amounts(first)["当初予算(a)"] == [2879, 2970, 3052, 3006]


def test_a_note_whose_first_piece_stands_before_its_grid() -> None:
    m = _quant("lo-notoserif-mid-page-27-measure-2-5.pdftotext.txt", "2-5")
    assert (m.rating, m.mid_term_target.value.raw) == ("b", "－")
    assert _cells(m) == [(2018, "100％", "100％"), (2019, "100％", "100％"), (2020, "100％", "100%")]
    assert [squeeze(n) for n in m.notes] == [
        "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務レベル"
        "会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる会合（年10"
        "回程度）の出席率。"
    ]


def test_budget_rows_in_the_forms_order() -> None:
    # Default mode, Chromium, Noto Serif CJK JP, Widths(0.17, 0.09) (held-out set 10): 執行額's
    # label and amounts are read before 合計's; the rows keep the form's order. Eight pages:
    # the default mode is told from the text as a whole.
    report = _report("chromium-notoserif-narrow-pages-1-8-budget.pdftotext.txt")
    for table in report.policies[0].budget:
        assert [r.label for r in table.rows] == [*TABLE_1]
    first, second = (_amounts(t) for t in report.policies[0].budget)
    assert first["執行額"] == TABLE_1["執行額"] and second["執行額"] == TABLE_2["執行額"]
    assert first["当初予算(a)"] == TABLE_1["当初予算(a)"]


def test_a_wrapped_mid_term_header_beside_a_note_in_default_mode() -> None:
    # Chromium, Noto Serif CJK JP, Widths(0.17, 0.09) (held-out set 10): ``（注）外務省及 中期目``
    # then ``び防衛省主管の 標値``: 中期目標値's second piece ends a note piece's line too.
    name = "chromium-notoserif-narrow-pages-13-14-measure-2-5.pdftotext.txt"
    assert_measure_2_5(_report(name).policies[0].fields[0].measures[0])


def test_a_value_wrapped_in_its_narrow_cell_is_read_whole() -> None:
    # ``－ 10 10 10 10 10 100 ｂ`` / ``0％ 0％ 0％ 0％ 0％ %``
    m = _quant("lo-notoserif-wide-page-27-measure-2-5.pdftotext-layout.txt", "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == [(2018, "100％", "100％"), (2019, "100％", "100％"), (2020, "100％", "100%")]
    assert [(y.target_value.value, y.target_value.unit) for y in m.years] == [(100, "%")] * 3

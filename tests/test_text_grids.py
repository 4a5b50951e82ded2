"""Grids of pdftotext's default mode rebuilt by the report's known shapes (issue 9,
``layout.text_grids``): the texts are pages of the parity renditions (``chromium-exnarrow``:
of ``make_chromium.py --font IPAexMincho``, narrow), extracted with ``pdftotext -f N -l M``
(no option); the values are the report's (tests/fixtures/mofa_r3_II-1.txt).
Where the text does not tell which value is whose, the cells are null with a warning.
"""

from __future__ import annotations

from conftest import FIXTURES
from test_other_fonts import assert_sheet_items

from hyoka_parse.models import Measure, Report
from hyoka_parse.pipeline import parse, parse_text

CASES = FIXTURES / "extractors"


def _parse(name: str) -> Report:
    return parse(str(CASES / f"{name}.pdftotext.txt"))


def _rows(report: Report, table: int) -> list[tuple[str, list[str]]]:
    rows = report.policies[0].budget[table].rows
    return [(r.label, [v.raw for v in r.values]) for r in rows]


def _said(report: Report) -> list[str]:
    return [w.message for w in report.warnings if w.code == "unparsed_table"]


FIRST = [
    ("当初予算(a)", ["2,879", "2,970", "3,052", "3,006"]),
    ("補正予算(b)", ["0", "0", "220", ""]),
    ("繰越し等(c)", ["0", "0", "△217", ""]),
    ("合計(a＋b＋c)", ["2,879", "2,970", "3,055", ""]),
    ("執行額", ["2,709", "2,632", "2,259", ""]),
]


def test_budget_columns_after_their_labels_and_rows_cell_by_cell() -> None:
    """LibreOffice, narrow columns: the first table's labels, then one block per year
    (令和３年度: its 当初予算 alone); the second table row by row, a piece of its unit cell
    before a label (``状況(百 補正予算(b)``)."""
    got = _parse("lo-narrow-page-2-budget")
    assert [t.fiscal_years for t in got.policies[0].budget] == [[2018, 2019, 2020, 2021]] * 2
    assert _rows(got, 0) == FIRST
    assert _rows(got, 1) == [
        ("当初予算(a)", ["－", "－", "85,077", "85,448"]),
        ("補正予算(b)", ["－", "－", "20,221", ""]),
        ("繰越し等(c)", ["－", "－", "0", ""]),
        ("合計(a＋b＋c)", ["－", "－", "105,298", ""]),
        ("執行額", ["－", "－", "105,015", ""]),
    ]
    assert [t.title for t in got.policies[0].budget] == [
        "施策の予算額・執行額等（分担金・拠出金除く）",
        "施策の予算額・執行額等（分担金・拠出金）",
    ]


def test_budget_labels_printed_together_take_a_value_each_per_year() -> None:
    """Chromium: 繰越し等(c) / 合計(a＋b＋c) then ``0 / 2,879`` per year; 執行額's values
    before its label. In the second table 合計's and 執行額's six values run together before
    執行額's label: row by row, 合計 is 当初予算 + 補正予算 + 繰越し等 in every year (a dash
    as none); year by year (－ － / 105,298 － / － 105,015) it would be 105,298 where the
    parts are dashes. So each row takes three, in print order."""
    got = _parse("chromium-page-1")
    assert _rows(got, 0) == FIRST
    assert got.policies[0].budget[0].title == "施策の予算額・執行額等（分担金・拠出金除く）"
    assert _rows(got, 1) == [
        ("当初予算(a)", ["－", "－", "85,077", "85,448"]),
        ("補正予算(b)", ["－", "－", "20,221", ""]),
        ("繰越し等(c)", ["－", "－", "0", ""]),
        ("合計(a＋b＋c)", ["－", "－", "105,298", ""]),
        ("執行額", ["－", "－", "105,015", ""]),
    ]


def test_two_rows_values_run_together_stay_empty_when_both_orders_add_up() -> None:
    # 合計's 105,298 made 0 and table 2's 令和２年度 parts dashes: row by row (合計 － － 0)
    # and year by year (合計 － 0 －) both add up, and they differ: neither row is read
    text = (CASES / "chromium-page-1.pdftotext.txt").read_text(encoding="utf-8")
    for amount, now in (("105,298", "0"), ("85,077", "－"), ("20,221", "－")):
        text = text.replace(amount, now)
    report = parse_text(text)
    assert _rows(report, 1)[3:] == [
        ("合計(a＋b＋c)", ["", "", "", ""]),
        ("執行額", ["", "", "", ""]),
    ]
    said = "a budget table printed column by column: 6 values in the row 合計(a＋b＋c); left empty"
    assert said in _said(report)


def test_budget_sheet_items_zipped_back_when_the_totals_tell_the_order() -> None:
    """The 別紙 sheet a cell a line: 会計/組織 pairs, then 項 with 事項's pieces, then the
    amounts; row by row, because those columns sum to the printed 小計 (88,453,697)."""
    sheet = _parse("lo-header-pages-1-3").budget_sheets[0]
    assert (sheet.policy_name, sheet.policy_number) == ("国際の平和と安定に対する取組", "⑦")
    assert (sheet.evaluation_method, sheet.achievement) == ("総合･実績･事業", "相当程度進展あり")
    assert sheet.columns == ["３年度当初予算額", "４年度概算要求額"]
    assert_sheet_items(sheet)


def test_budget_sheet_jikou_printed_before_every_kou_go_to_the_items_without_one() -> None:
    """Chromium: the first two items' 事項 come before every 会計 (``経済協力に係る国際の平和と
    安定 / に対する取組に必要な経費 / エネルギー対策に… / …に必要な経費``), their 項 later
    with none beside it; the 事項 column read top to bottom gives them back in order."""
    sheet = _parse("chromium-page-1").budget_sheets[0]
    items = [(i.organization, i.jikou) for i in sheet.items]
    assert items == [
        ("外務本省", "経済協力に係る国際の平和と安定に対する取組に必要な経費"),
        ("外務本省", "エネルギー対策に係る国際の平和と安定に対する取組に必要な経費"),
        ("外務本省", "国際の平和と安定に対する取組に必要な経費"),
        ("在外公館", "国際の平和と安定に対する取組に必要な経費"),
    ]
    assert [[v.raw for v in i.values] for i in sheet.items] == [
        ["29,452,910", "32,323,711"],
        ["4,753,731", "5,126,489"],
        ["54,027,805", "54,349,436"],
        ["219,251", "346,394"],
    ]
    assert [v.value for v in sheet.total] == [88453697, 92146030]


def _measure(report: Report, mid: str) -> Measure:
    return next(m for f in report.policies[0].fields for m in f.measures if m.id == mid)


def test_quantitative_grid_values_in_cell_order() -> None:
    """LibreOffice narrow, 3-4: header cells, values and the source interleaved; the values
    before 令和２年度's header can only be cells left of it, so there is one reading. 3-5's
    values all come after the header (－ 20 21 21 14 16 10): cell by cell or sub-column by
    sub-column give other cells, so they stay empty, with a warning that names them."""
    got = _parse("lo-narrow-pages-28-30-measures-3-4-3-5")
    m = _measure(got, "3-4")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert [(y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        ("82％", "80.2％"),
        ("83％", "78.3％"),
        ("83％", "82%"),
    ]
    assert m.source == "内閣府実施「外交に関する世論調査」"
    other = _measure(got, "3-5")
    assert (other.kind, other.rating) == ("quantitative", "b")
    assert [y.fiscal_year for y in other.years] == [2018, 2019, 2020]
    assert all(y.target_value.value is None and y.actual_value.value is None for y in other.years)
    assert (
        "a 中期目標値 grid printed column by column: its values can be read in more than one "
        "order of pdftotext's (－ 20 21 21 14 16 10); left empty"
    ) in _said(got)


def test_quantitative_grid_left_null_where_pdftotext_may_have_read_sub_columns() -> None:
    """LibreOffice wide, page 45: 5-3's values read the same cell by cell or sub-column by
    sub-column (９回 ×5, ２回); 5-4's do not (10 回 10 回 ７回 10 回 ４回 ３回 is, on the
    page, 10 10 10 4 7 3 read every 年度目標値 first), so 5-4 gets no value, and a warning."""
    got = _parse("lo-wide-pages-44-46-measures-5-3-5-4")
    m = _measure(got, "5-3")
    assert [(y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        ("９回", "９回"),
        ("９回", "９回"),
        ("９回", "２回"),
    ]
    assert m.mid_term_target.value.raw == "－"
    assert all(y.actual_value.value is None for y in _measure(got, "5-4").years)
    assert any(
        "order of pdftotext's (－ 10 回 10 回 ７回 10 回 ４回 ３回)" in s for s in _said(got)
    )


def test_reference_grid_columns_and_rows() -> None:
    """参考指標５, Chromium: ①'s values each under its year's header, then ② and ③ row by
    row."""
    got = _parse("chromium-page-7-reference-5")
    series = got.policies[0].fields[0].reference_indicators[0].series
    assert [[v.value.raw for v in s.values] for s in series] == [
        ["7,400 部", "7,100 部", "7,000 部", "7,000 部"],
        ["4,500 部", "4,100 部", "4,000 部", "4,000 部"],
        ["125 万件＊", "157 万件＊", "179 万件＊", "266 万件＊"],
    ]


def test_reference_grid_two_years_in_one_block_read_row_by_row() -> None:
    """参考指標５, LibreOffice wide: 平成29年度's and 令和２年度's columns come one block
    each; 平成30年度 and 令和元年度 share one block: both headers, then six values. pdftotext
    prints a block's lines by baseline, left to right (the two headers, on one baseline,
    come first), so the six are row by row: ① 2018, ① 2019, ② 2018, …"""
    got = _parse("lo-wide-pages-8-10-reference-5")
    ref = next(r for r in got.policies[0].fields[0].reference_indicators if r.number == 5)
    assert [[v.value.raw for v in s.values] for s in ref.series] == [
        ["7,400 部", "7,100 部", "7,000 部", "7,000 部"],
        ["4,500 部", "4,100 部", "4,000 部", "4,000 部"],
        ["125 万件＊", "157 万件＊", "179 万件＊", "266 万件＊"],
    ]
    assert not any("参考指標" in said for said in _said(got))


def test_reference_grid_header_blocks_then_the_second_row_alone() -> None:
    """4-参考指標, LibreOffice IPAex wide (pages 37-39): ``平成29年度 / ３か国``, then
    ``４か国`` alone (② of 平成29年度: its column's next cell), ``平成30年度 / 令和元年度 /
    ６か国 / ０か国``, ``12 名``, ``10 名``, ``令和２年度 / ０か国``, ``０名``. Each value
    alone has one open cell among the columns whose header came before it, row by row or
    column by column alike."""
    got = _parse("lo-exwide-pages-37-39-reference-field-4")
    field = next(f for f in got.policies[0].fields if f.number == 4)
    (ref,) = field.reference_indicators
    assert [v.fiscal_year for v in ref.series[0].values] == [2017, 2018, 2019, 2020]
    assert [[v.value.raw for v in s.values] for s in ref.series] == [
        ["３か国", "６か国", "０か国", "０か国"],
        ["４か国", "12 名", "10 名", "０名"],
    ]
    assert not any("参考指標" in said for said in _said(got))


def test_reference_values_alone_that_two_orders_place_apart_stay_empty() -> None:
    """参考指標５'s cells where every year's header stands alone and the nine values come
    after them, a block each: row by row they are ① 2018, ① 2019, ① 2020, ② 2018, …,
    column by column ① 2018, ② 2018, ③ 2018, ① 2019, …; which one pdftotext took is
    unknown, so no cell is filled."""
    from hyoka_parse.layout import text_reference, year_grid
    from hyoka_parse.layout.model import Line

    texts = ["① 日本語版", "② 英語版", "③ アクセス数", ""]
    texts += ["平成30年度", "", "令和元年度", "", "令和２年度", ""]
    texts += [
        t
        for v in (
            "7,100 部",
            "7,000 部",
            "7,000 部",
            "4,100 部",
            "4,000 部",
            "4,000 部",
            "157 万件＊",
            "179 万件＊",
            "266 万件＊",
        )
        for t in (v, "")
    ]
    lines = [Line(no, 1, text) for no, text in enumerate(texts, start=1)]
    rebuilt, problems = year_grid.rebuild(lines, text_reference.REFERENCE)
    assert problems
    assert not any(
        ln.cells and any(c.text.endswith(("部", "＊")) for c in ln.cells) for ln in rebuilt
    )


def test_budget_year_column_printed_apart_on_its_page_goes_to_the_table_lacking_it() -> None:
    """LibreOffice IPAex wide, page 2 (page 19 after it so that the text is told as the
    default mode's): the first table's 令和元年度 column comes after 評価結果's first cells
    (``区分 / 令和元年 / 度 / 2,970 / 0 / 0 / 2,970 / 2,632``); the second table has that
    year, the first lacks it, so the column is the first table's, top to bottom."""
    got = _parse("lo-exwide-pages-2-and-19-budget-apart")
    assert _rows(got, 0) == FIRST
    assert _rows(got, 1)[0] == ("当初予算(a)", ["－", "－", "85,077", "85,448"])
    assert not any("budget" in said for said in _said(got))


def test_a_list_mark_alone_on_its_line_goes_back_before_its_item() -> None:
    """Chromium, IPAex Mincho narrow, page 8 (page 20 after it so that the text is told
    as the default mode's): ``・`` ends a line of its own before ``「我が国の北極政策」…``
    (the page justifies the mark apart from its item); the item is one line, and the
    lines after it keep their places."""
    got = _parse("chromium-exnarrow-pages-8-and-20-related-policies")
    field = next(f for f in got.policies[0].fields if f.number == 2)
    assert field.related_policies[-6:] == [
        "・「我が国の北極政策」（平成 27年 10 月 16 日 総合海洋政策本部決定）",
        "３ 北極問題に対する取組の必要性",
        "・「サイバーセキュリティ戦略」（平成 30 年７月 27 日 閣議決定）",
        "１．策定の趣旨・背景",
        "２．サイバー空間に係る認識",
        "４．目的達成のための施策",
    ]


def test_summary_rating_printed_between_a_title_s_lines() -> None:
    """Chromium, IPAex Mincho narrow, pages 1-3 (page 20 after them so that the text is
    told as the default mode's): the list of measures prints a rating beside its title's
    first line, so it comes between the title's lines (``２－４ 自由、公正かつ安全なサイバ
    ー空間を創出するためのサイバー / ｂ / 外交の推進``); each title reads whole, each
    rating stays its entry's."""
    got = _parse("chromium-exnarrow-pages-1-3-and-20-summary")
    summary = {e.id: (e.rating, e.title) for e in got.policies[0].measure_summary}
    assert len(summary) == 39
    assert summary["1-1"] == (
        "b",
        "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化",
    )
    assert summary["2-4"] == (
        "b",
        "自由、公正かつ安全なサイバー空間を創出するためのサイバー外交の推進",
    )
    assert summary["3-5"] == (
        "b",
        "セミナー等の開催回数及び国際平和協力調査員を含む職員のPKO及びグローバル人材育成に関する"
        "国際会議やセミナー等出席回数",
    )
    assert summary["6-3"] == ("a", "国際機関における日本人職員増強に向けた取組の推進")
    assert summary["11-4"] == ("a", "科学的知見の外交への活用促進")


def test_budget_sheet_jikou_piece_ending_in_na_keihi_is_no_kou() -> None:
    """Chromium with a proportional Mincho wraps the first 事項 as ``経済協力に係る国際の平和
    と安定に / 対する取組に必要な経費``: the last piece is as short as a 項 and ends in 費,
    but a 項 is a name (分野別外交費), never an expense phrase (…に必要な経費). The page's
    cells in the order the default mode gives them (every 会計/組織, the 事項 printed
    apart, the amounts, then the 項 with the last two 事項)."""
    from hyoka_parse.layout import text_sheet
    from hyoka_parse.layout.model import Line

    texts = ["【政策ごとの予算額】", "（千円）", "会計", "組織／勘定", "項", "事項"]
    texts += ["一般", "外務本省", "分野別外交費", "一般", "外務本省", "分野別外交費"]
    texts += ["一般", "外務本省", "一般", "在外公館", "３年度当初予算額", "４年度概算要求額"]
    texts += ["経済協力に係る国際の平和と安定に", "対する取組に必要な経費"]
    texts += ["エネルギー対策に係る国際の平和と", "安定に対する取組に必要な経費"]
    texts += ["29,452,910", "32,323,711", "4,753,731", "5,126,489"]
    texts += ["分野別外交費", "国際の平和と安定に対する取組に必", "要な経費"]
    texts += ["54,027,805", "54,349,436"]
    texts += ["分野別外交費", "国際の平和と安定に対する取組に必", "要な経費"]
    texts += ["219,251", "346,394", "一般会計", "88,453,697", "92,146,030"]
    lines = [Line(no, 1, text) for no, text in enumerate(texts, start=1)]
    sheet = text_sheet.read_sheet(lines, lines[0])
    assert [(kou, "".join(pieces)) for kou, pieces in sheet.items] == [
        ("分野別外交費", "経済協力に係る国際の平和と安定に対する取組に必要な経費"),
        ("分野別外交費", "エネルギー対策に係る国際の平和と安定に対する取組に必要な経費"),
        ("分野別外交費", "国際の平和と安定に対する取組に必要な経費"),
        ("分野別外交費", "国際の平和と安定に対する取組に必要な経費"),
    ]
    assert text_sheet.amounts_by_item(sheet) == (
        [
            ["29,452,910", "32,323,711"],
            ["4,753,731", "5,126,489"],
            ["54,027,805", "54,349,436"],
            ["219,251", "346,394"],
        ],
        ["88,453,697", "92,146,030"],
    )


def test_one_row_reference_with_its_label_cell_among_the_pairs() -> None:
    """11-参考指標 (ISTC 事務局の職員数), LibreOffice IPAex wide, pages 107-109: ``平成 29 年度
    / 32 / 実績値 / 平成 30 年度 / 31 / 令和元年度 / 30 / 令和２年度 / 32``: the row label's
    block falls between two columns; the four (year, value) pairs are still one row."""
    got = _parse("lo-exwide-pages-107-109-reference-field-11")
    field = next(f for f in got.policies[0].fields if f.number == 11)
    (ref,) = field.reference_indicators
    assert ref.title == "ISTC 事務局の職員数"
    (series,) = ref.series
    assert [(v.fiscal_year, v.value.raw) for v in series.values] == [
        (2017, "32"),
        (2018, "31"),
        (2019, "30"),
        (2020, "32"),
    ]

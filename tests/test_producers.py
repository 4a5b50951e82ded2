"""Another producer's PDF of the corpus report (a .docx set by an office suite: embedded
IPAMincho subsets, nested grids, rows split by page breaks): page ranges of it parse into
the report's own values. The reference is the text path's output on the corpus text.

The PDFs are the real failing pages of ``shared/cases/producers`` (see its README).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from parity_values import _by_position, flatten, fragment_errors

from hyoka_parse import parse
from hyoka_parse.models import Measure, Report

PRODUCERS = FIXTURES / "pdf" / "producers"


def _parse(name: str) -> Report:
    return parse(str(PRODUCERS / f"{name}.pdf"), jobs=1)


def _codes(report: Report) -> list[str]:
    return [w.code for w in report.warnings]


def _flat(report: Report) -> dict:
    return flatten(report.model_dump(mode="json"))


def compare(fragment: Report, reference: Report) -> tuple[int, list[str]]:
    return fragment_errors(_flat(reference), _flat(fragment))


# Every page range of the other producer: the real failing pages, and those cut from the
# project's own docx→LibreOffice renditions (tests/fixtures/make_docx.py); how many values
# each holds.
HELD = {
    "producers/lo-header-pages-1-3": 263,
    "producers/lo-page-6-department": 3,
    "producers/lo-page-81-measure-7-3": 17,
    "producers/lo-pages-10-11-reference": 125,
    "producers/lo-pages-36-37-measure-3-4": 59,
    "lo/lo-department": 7,
    "lo/lo-field-2-overview": 46,
    "lo/lo-header": 365,
    "lo/lo-measure-3-4": 56,
    "lo/lo-measure-2-5-break": 33,
    "lo/lo-measure-3-5-break": 57,
    "lo/lo-measure-5-3-break": 66,
    "lo/lo-measure-7-3": 22,
    "lo/lo-reference-1": 125,
    "lo/lo-reference-istc": 16,
    "lo/lo-pmincho-header": 286,
}


@pytest.mark.parametrize("name", sorted(HELD))
def test_every_value_a_page_range_holds_is_the_reports(name: str, report: Report) -> None:
    got = parse(str(FIXTURES / "pdf" / f"{name}.pdf"), jobs=1)
    reference, flat = _by_position(_flat(report)), _by_position(_flat(got))
    right, wrong = compare(got, report)
    assert right + len(wrong) == HELD[name]
    # The one value that may differ is a text the input's last page cuts mid-sentence: it
    # is the report's text up to there, and a warning says so.
    assert len(wrong) <= 1
    for path in wrong:
        assert reference[path].startswith(flat[path]) and "cut_text" in _codes(got)


def test_header_pages_sheet_budgets_and_summary(report: Report) -> None:
    got = _parse("lo-header-pages-1-3")
    sheet = got.budget_sheets[0]
    assert (sheet.policy_name, sheet.policy_number) == ("国際の平和と安定に対する取組", "⑦")
    assert (sheet.evaluation_method, sheet.achievement) == ("総合･実績･事業", "相当程度進展あり")
    assert sheet.columns == ["３年度当初予算額", "４年度概算要求額"]
    assert [i.values[0].value for i in sheet.items] == [29452910, 4753731, 54027805, 219251]
    assert [v.value for v in sheet.total] == [88453697, 92146030]  # 小計 rows are no items
    first, second = got.policies[0].budget
    assert second.title == "施策の予算額・執行額等（分担金・拠出金）"
    assert [r.label for r in second.rows] == [
        "当初予算(a)",
        "補正予算(b)",
        "繰越し等(c)",
        "合計(a＋b＋c)",
        "執行額",
    ]
    assert second.rows[1].values[2].value == 20221 and second.unit == "百万円"
    assert [v.raw for v in first.rows[1].values] == ["0", "0", "220", ""]  # an empty cell
    summary = got.policies[0].measure_summary
    assert len(summary) == 22  # fields 1 to 7; the list goes on on page 4
    assert all(e.rating == "b" for e in summary if e.id != "6-3")
    assert (
        summary[0].title
        == "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化"
    )
    entry = got.policies[0].measure_summary[7].model_dump(exclude={"location"})
    assert entry == report.policies[0].measure_summary[7].model_dump(exclude={"location"})


def test_department_and_date_share_one_row() -> None:
    policy = _parse("lo-page-6-department").policies[0]
    assert (policy.department, policy.evaluation_date) == ("総合外交政策局", "2021-08")


def test_reference_values_stand_under_their_years() -> None:
    policy = _parse("lo-pages-10-11-reference").policies[0]
    refs = {r.number: r for f in policy.fields for r in f.reference_indicators}
    one = refs[1].series[0]
    assert one.label is None
    assert [(p.fiscal_year, p.value.raw) for p in one.values] == [
        (2017, "61 件"),
        (2018, "38 件"),
        (2019, "38 件"),
        (2020, "27 件"),
    ]
    third = refs[5].series[2]
    assert (third.label, third.values[3].value.raw) == ("③アクセス数", "266万件＊")
    assert refs[3].series[0].values[1].value.value is None  # －（注）


def test_a_grid_cut_by_the_inputs_end_leaves_unfinished_cells_null(report: Report) -> None:
    got = _parse("lo-page-81-measure-7-3")
    (m73,) = [m for f in got.policies[0].fields for m in f.measures]
    assert (m73.id, m73.kind, m73.rating) == ("7-3", "quantitative", "b")
    assert [y.actual_value.raw for y in m73.years] == [
        "無投票採択",
        "全会一致採択（カンボジア人権状況決議）",
        "全会一致採択（ハンセン病差別撤決議）",
    ]
    # The targets go on on page 82, which the input does not have: null, never truncated.
    assert [y.target_value.raw for y in m73.years] == ["", "", ""]
    assert m73.mid_term_target.text is None
    assert "cut_row" in _codes(got)
    _right, wrong = compare(got, report)
    assert wrong == []  # the cut cells are null: not held, so not wrong


def test_a_fragment_says_it_is_one_and_names_its_fields() -> None:
    got = _parse("lo-pages-36-37-measure-3-4")
    assert got.policies[0].id is None
    assert "missing_part" in _codes(got)
    assert [f.number for f in got.policies[0].fields] == [3]
    assert "numbering_gap" not in _codes(got)  # 3-4 and 3-5: the fragment starts at 3-4


def test_one_job_and_two_jobs_agree(tmp_path: Path) -> None:
    path = str(PRODUCERS / "lo-header-pages-1-3.pdf")
    assert parse(path, jobs=1).to_json() == parse(path, jobs=2).to_json()


def _lo(name: str) -> Report:
    return parse(str(FIXTURES / "pdf" / "lo" / f"{name}.pdf"), jobs=1)


def _measure(report: Report, measure_id: str) -> Measure:
    return next(m for f in report.policies[0].fields for m in f.measures if m.id == measure_id)


def test_a_header_row_split_inside_by_a_page_break_keeps_every_value_under_its_year() -> None:
    # 2-5: the page ends inside the header row (中期目 | 標値, 平成30・ | 令和元・…), under a
    # note cell one line long; the year headers are on one page, 年度目標値/実績値 on the next.
    m25 = _measure(_lo("lo-measure-2-5-break"), "2-5")
    assert (m25.kind, m25.rating, m25.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m25.years] == [
        (2018, "100％", "100％"),
        (2019, "100％", "100％"),
        (2020, "100％", "100%"),
    ]
    assert m25.notes == [
        "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務"
        "レベル会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる"
        "会合（年 10回程度）の出席率。"
    ]


def test_header_rows_on_two_pages_stand_over_each_other() -> None:
    m53 = _measure(_lo("lo-measure-5-3-break"), "5-3")
    assert (m53.kind, m53.rating) == ("quantitative", "b")
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m53.years] == [
        (2018, "９回", "９回"),
        (2019, "９回", "９回"),
        (2020, "９回", "２回"),
    ]


def test_under_kinsoku_a_middle_dot_line_starts_an_item_and_unbreakable_starts_run_on(
    report: Report,
) -> None:
    # LibreOffice keeps 行頭禁則: it never wraps before ・ (reportlab does), and it moves
    # （ARF）、 down whole, leaving the line before it short.
    field = _lo("lo-field-2-overview").policies[0].fields[0]
    want = next(f for f in report.policies[0].fields if f.number == 2)
    assert field.number == 2
    assert field.overview[0].startswith("１ インド太平洋地域及び国際社会の平和と安定を確保")
    assert _squeezed(field.overview) == _squeezed(want.overview)
    assert field.related_policies[4:6] == [
        "日米同盟、北朝鮮をめぐる諸懸案への対応、近隣諸国との外交、緊迫化している中東情勢への取組",
        "・国家安全保障戦略（平成 25年 12 月 17 日 閣議決定）",
    ]


def test_a_character_pushed_down_with_the_comma_after_it_runs_on() -> None:
    # 「…企画・調整を通じ|た、女性の…」: た would have fitted; 、 may not start a line.
    field = next(f for f in _lo("lo-field-8-overview").policies[0].fields if f.number == 8)
    assert field.overview == [
        "女性・ジェンダーに関する外交課題の情報や知見の集約、及び女性関連施策の企画・調整を"
        "通じた、女性の権利の保護・促進に向けた取組を行う。"
    ]


def test_label_cells_printed_across_or_over_a_page_break_are_labels(report: Report) -> None:
    # A proportional Mincho (make_docx.PROPORTIONAL): 評価結果（注１） fits across its label
    # cell after the header's note; the summary's label 測定指標の平成30・…達成状況（注２）
    # runs on overleaf in the cell beside 1-1's row.
    got = _lo("lo-pmincho-header")
    policy, want = got.policies[0], report.policies[0]
    assert policy.notes[0] == want.notes[0]  # (注１), (注２) follow the list, overleaf
    summary = [(e.id, e.rating, e.is_main, e.title) for e in policy.measure_summary]
    assert summary[:2] == [
        ("1-1", "b", True, "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化"),
        ("1-2", "b", True, "中長期的・戦略的外交政策の対外発信の強化"),
    ]
    labels = [f.text for f in got.furniture if f.kind == "label"]
    assert "評価結果（注１）" in labels and "標の達成状況（注２）" in labels


def test_a_full_line_that_closes_a_dated_bracket_ends_a_list_item(report: Report) -> None:
    # Field 8's 資料: （令和２年12月25日閣議決定） ends a full line; the address is the next item.
    # The range starts inside field 8: its heading is on an absent page, its number one
    # less than the next heading's (個別分野９).
    fields = _lo("lo-pmincho-materials-8").policies[0].fields
    assert [(f.number, f.implicit) for f in fields] == [(8, True), (9, False)]
    field = fields[0]
    want = next(f for f in report.policies[0].fields if f.number == 8).materials
    assert _squeezed(field.materials[-2:]) == _squeezed(want[-2:])
    assert field.materials[-1] == "（https://www.gender.go.jp/about_danjo/basic_plans/5th/index.html）"


def _squeezed(texts: list[str]) -> list[str]:
    return ["".join(t.split()) for t in texts]


def test_a_title_cut_inside_a_grid_nested_at_the_foot_of_the_page_runs_on() -> None:
    # The 令和４年度 edition by LibreOffice (IPAMincho, narrow): the measure summary, a grid
    # nested in its 評価結果 cell, breaks inside 1-1's title row; overleaf the grid goes on
    # as a table of its own. Pages 2-3 of make_edition.render(out, "lo", "IPAMincho",
    # "narrow"), cut by make_docx.cut.
    summary = _lo("lo-r4-summary-break").policies[0].measure_summary
    assert [(e.id, e.rating, e.title) for e in summary[:2]] == [
        ("1-1", "a", "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化"),
        ("1-2", "a", "中長期的・戦略的外交政策の対外発信の強化"),
    ]
    assert len(summary) == 35

"""Renditions of held-out set 12 (fonts, column widths, type sizes and page sizes the readers
were not written on), each kind read back as the report prints it:

- pdftotext's default mode (Chromium, Noto Sans CJK KR as Type 3 fonts, big type) prints a
  budget row label with the row's first values on its line, after a piece of the unit cell
  (``予算の 当初予算(a) 2,879``, ``万円) 繰越し等(c) 0``, ``繰越し等(c) －``): such a line
  is the unit piece, the label and its values (the labels were lost, and the values left
  under the years were read as the two labels printed after them: 合計 and 執行額 took
  補正予算's and 繰越し等's amounts, exit 0);
- and, whatever the tokens, a block of rows under years printed together is read only when
  every row label of the table came before it: which rows it holds is otherwise unknown;
- pdftotext's default mode (LibreOffice, TakaoMincho, US Letter, 25 mm margins) prints the
  first budget table's 平成30年度 column with its 区分, then the row labels, then 区分 again
  over the later columns (``区分 / 令和元年 / 度 / 2,970 …``): that 区分 heads the table's
  next columns, not a new table (the table had read one year, and the 同 table's header
  lost its 平成30年度 to it);
- -raw, pdfium and pdfplumber (LibreOffice, IPAGothic, very wide label columns, small type)
  cut 参考指標５'s first two year header cells before their 度 (``平成 29 年`` / ``度`` /
  ``平成 30 年`` / ``度`` / ``令和元年度 令和２年度``; pdfplumber ``… 平成29年 平成30年 令和元年度
  令和２年度`` / ``度 度``): each stem takes its 度 back and the row of years goes on (two
  years were read for four values a row, the values left out);
- ``-layout`` (Chromium, Noto Sans CJK KR, big type) sets the budget header's cut years
  (``平成30年 令和元年 令和２年 令和３年``) and the 度 row under them at different pitches: the
  second 度 stands under 令和２年. A row of lone 度 as many as the cut years goes to them in
  turn (令和元年 was left cut and the years read out of order: 2019, 2018, …);
- ``-raw`` (Chromium, Noto Serif CJK SC, the 令和４年度 edition) prints no space after a list
  item's number (``１有識者との…`` / … / ``２インド太平洋…``): a chain of lines numbered 1, 2,
  3 … in order gets its spaces back (施策目標's 11 objectives were read as its lead, and
  施策の概要's two items as one);
- ``-layout`` (the same rendition): 参考指標 of field 11's note column ends without a stop
  (``の合計人数``) right above ``評価結果(個別分野11)``, no blank line between: a field's
  whole 評価結果 heading ends the column (it was read into the note, and field 11's
  analysis took its measures' texts);
- (Chromium, Noto Serif CJK SC, the 令和４年度 edition) 参考指標１'s last two columns stand
  after 参考指標２'s heading, in one run with its own years, and 参考指標２'s own columns of
  those years follow (``令和２年度 / 38 件 / 令和３年度 / 27 件 / 令和２年度 / ０回 / …``): the
  years printed twice under one heading are left out (38 件 and 27 件 were read as
  参考指標２'s, exit 0);
- ``-raw`` (the same rendition) drops the spaces between Latin words
  (``FifteenthMeetingoftheInternationalCommittee…(ICG-15)``): a line that starts with such a
  run after a short list item starts an item of its own; the run is words, not one word too
  wide for the line before (the title was joined to ``・国連宇宙部ホームページ``, and every
  material after it moved up one);
- ``-layout`` (the same rendition) sets the header's narrow label columns one space apart
  (``評価 目標達成度合 （各行政機関共通区分）`` / ``結果 いの測定結果 相当程度進展あり（Ｂ）``):
  the vertical label's 評価 / 結果 goes as a label of a few characters a line, and a label
  column's piece starting at the label column one space before the content is cut from it
  (the result's label and grade were lost, and （注 / １） read as a note of its own);
- ``-layout``: a prose line that starts with one character and the space before a number or
  a Latin word (``成 31 年２月）…`` / ``に FATF においては…`` / ``た。``) is no vertical
  label's piece (three in a row lost their first characters);
- ``-layout``: values set one space apart, each a number and its unit apart too (``157 万件＊
  179 万件＊``), are one value each (参考指標５'s ③アクセス数 was read into ②'s label);
- ``-layout``: a note column beside a 参考指標 whose lines the text sets one space before the
  row labels (``拡大の影響によ ①国際テロ・組織犯罪関連条``) is cut at its width (the note
  and the first label were read as one);
- pdftotext's default mode (LibreOffice, Noto Sans CJK JP, grid type 8.5 pt, the 令和４年度
  edition) prints the 別紙 sheet's amount column headers after the first 事項's first piece,
  then the later items' 会計 / 組織 / 項 row after row and their 事項s one after the other:
  the headers end that 事項 and are the columns', and the 事項s go to their items in order
  (the sheet lost every item);
- (the same rendition) 2-5's year headers printed out of order (令和元年度 / 令和３年度 / … /
  令和２年度): the years are consecutive once sorted, and the values are placed when every
  order of their blocks, the years' and the text's, reads them the same (the grid was not
  read: no years, no rating); but not when a year's header is printed twice besides
  (LibreOffice, IPAPGothic, narrow; set 11's 5-4: 平成 30 年度 / 令和２年度 / 令和元年度 /
  令和２年度, its rating header and rating printed twice): the grid stays text, its rating
  read from it.

Fixtures: pages of those renditions' texts (tests/fixtures/extractors), cut at form feeds
from /work/heldout12's texts with its cut.py. The fonts are not installed in CI: the texts
are the fixtures.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, squeeze

from hyoka_parse import parse
from hyoka_parse.layout.text_budget import BUDGET
from hyoka_parse.layout.text_grids import rebuild_grids
from hyoka_parse.layout.year_grid import rebuild
from hyoka_parse.models import BudgetTable
from hyoka_parse.source import split_lines

PAGES = FIXTURES / "extractors"


# The first budget table as the report prints it (令和３年度 edition).
TABLE_1_RAWS = {
    "当初予算(a)": ["2,879", "2,970", "3,052", "3,006"],
    "補正予算(b)": ["0", "0", "220", ""],
    "繰越し等(c)": ["0", "0", "△217", ""],
    "合計(a＋b＋c)": ["2,879", "2,970", "3,055", ""],
    "執行額": ["2,709", "2,632", "2,259", ""],
}

def _raws(table: BudgetTable) -> dict[str, list[str | None]]:
    return {row.label: [v.raw if v else None for v in row.values] for row in table.rows}


def test_budget_row_labels_with_their_first_values_on_their_line() -> None:
    name = "chromium-notosanskr-big-pages-1-2-and-6-budget.pdftotext.txt"
    first, second = parse(str(PAGES / name), jobs=1).policies[0].budget
    assert [t.fiscal_years for t in (first, second)] == [[2018, 2019, 2020, 2021]] * 2
    rows = _raws(first)
    assert rows["当初予算(a)"] == ["2,879", "2,970", "3,052", "3,006"]
    assert rows["補正予算(b)"][:3] == ["0", "0", "220"]
    assert rows["繰越し等(c)"][:3] == ["0", "0", "△217"]
    # 合計 and 執行額's amounts stand in one run with the 別紙 sheet's (extractor loss):
    # none of them is read, and none of the other rows' amounts goes to them
    assert not any(v for v in rows["合計(a＋b＋c)"] + rows["執行額"])
    rows = _raws(second)
    assert rows["繰越し等(c)"][:3] == ["－", "－", "0"]
    assert rows["合計(a＋b＋c)"][:3] == ["－", "－", "105,298"]
    assert rows["執行額"][:3] == ["－", "－", "105,015"]


def test_a_block_of_rows_before_its_row_labels_is_left_empty() -> None:
    # the amounts of 当初予算 (but its first), 補正予算 and 繰越し等 in one block, and only
    # 合計 and 執行額 printed as labels, after it: the count fits those two rows, wrongly
    text = (
        "区分\n平成30年 令和元年 令和２年 令和３年\n度\n度\n度\n度\n"
        "2,970\n3,052\n3,006\n0\n220\n0\n△217\n合計(a＋b＋c)\n執行額(百万円)\n"
    )
    lines, problems = rebuild(split_lines(text), BUDGET)
    assert any("before their rows' labels" in why for why, _ in problems)
    assert not any(v in ln.text for ln in lines if "執行額" in ln.text for v in ("220", "△217"))


def test_years_printed_twice_under_one_heading_are_left_out() -> None:
    # 参考指標１'s 令和２・３年度 (38 件, 27 件) stand after 参考指標２'s heading, in the run of
    # its own years, and its own 令和２・３年度 (０回, ３回) follow: whose is not in the text
    name = "r4-chromium-notoserifsc-wide-page-6-reference-1-2.pdftotext.txt"
    report = parse(str(PAGES / name), jobs=1)
    refs = {r.number: r for r in report.policies[0].fields[0].reference_indicators}
    (one,) = refs[1].series
    assert [(p.fiscal_year, p.value.raw) for p in one.values] == [(2018, "61 件"), (2019, "38 件")]
    (two,) = refs[2].series
    assert [(p.fiscal_year, p.value.raw) for p in two.values] == [
        (2018, "４回"),
        (2019, "３回"),
        (2020, ""),
        (2021, ""),
    ]
    assert any("printed twice" in w.message for w in report.warnings)
    (three,) = refs[3].series  # the next grid, its years once: read whole
    assert [p.value.raw for p in three.values] == ["3.7 倍", "－（注）", "8.0 倍", "4.0 倍"]


def test_years_printed_again_in_another_grids_unit_keep_the_header_rows_values() -> None:
    # the matrix's Chromium rendition: 参考指標２'s 令和元・２年度 columns (０回 ３回) printed
    # under 参考指標１'s grid, whose row is all 件: they are told apart as another grid's
    report = parse(str(PAGES / "chromium-page-6-reference-1-2.pdftotext.txt"), jobs=1)
    refs = {r.number: r for r in report.policies[0].fields[0].reference_indicators}
    (one,) = refs[1].series
    assert [p.value.raw for p in one.values] == ["61 件", "38 件", "38 件", "27 件"]
    assert not any("printed twice" in w.message for w in report.warnings)


def test_a_budget_tables_corner_printed_again_over_its_later_columns() -> None:
    name = "lo-takaomincho-letter-pages-2-and-9-budget.pdftotext.txt"
    first, second = parse(str(PAGES / name), jobs=1).policies[0].budget
    assert [t.fiscal_years for t in (first, second)] == [[2018, 2019, 2020, 2021]] * 2
    assert _raws(first) == TABLE_1_RAWS
    assert _raws(second)["当初予算(a)"] == ["－", "－", "85,077", "85,448"]
    assert _raws(second)["執行額"] == ["－", "－", "105,015", ""]


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pdfplumber"])
def test_year_header_cells_cut_before_their_do(extractor: str) -> None:
    name = f"lo-ipagothic-xwide-page-8-reference-5.{extractor}.txt"
    fields = parse(str(PAGES / name), jobs=1).policies[0].fields
    five = {r.number: r for r in fields[0].reference_indicators}[5]
    assert [(squeeze(s.label), [p.fiscal_year for p in s.values]) for s in five.series] == [
        (label, [2017, 2018, 2019, 2020]) for label in ("①日本語版", "②英語版", "③アクセス数")
    ]
    assert [squeeze([p.value.raw for p in s.values]) for s in five.series] == [
        squeeze(["7,400 部", "7,100 部", "7,000 部", "7,000 部"]),
        squeeze(["4,500 部", "4,100 部", "4,000 部", "4,000 部"]),
        squeeze(["125 万件＊", "157 万件＊", "179 万件＊", "266 万件＊"]),
    ]
    assert five.notes == ["暦年でカウント"]


def test_cut_years_over_their_do_at_another_pitch_in_layout_text() -> None:
    name = "chromium-notosanskr-big-pages-1-2-budget.pdftotext-layout.txt"
    first, second = parse(str(PAGES / name), jobs=1).policies[0].budget
    assert [t.fiscal_years for t in (first, second)] == [[2018, 2019, 2020, 2021]] * 2
    assert _raws(first) == TABLE_1_RAWS
    assert _raws(second)["当初予算(a)"] == ["－", "－", "85,077", "85,448"]


def test_list_items_numbered_with_no_space_after_the_number() -> None:
    name = "r4-chromium-notoserifsc-wide-pages-1-4-header.pdftotext-raw.txt"
    policy = parse(str(PAGES / name), jobs=1).policies[0]
    assert squeeze(policy.objectives_preamble) == squeeze(
        "我が国の平和、安全及び繁栄を確保する（①）とともに、国際社会の平和と安定のための国際的な"
        "努力に積極的に寄与（②）するため、以下を達成する。"
    )
    assert [o.number for o in policy.objectives] == list(range(1, 12))
    assert squeeze(policy.objectives[6].text) == "国際社会における人権・民主主義を保護し、促進する。（②）"
    assert [squeeze(o) for o in policy.fields[0].overview] == [
        "１補助金事業、研究会の実施等を通じて外部有識者及びシンクタンクと連携を強化する。",
        "２外務大臣の政策スピーチや外交青書を通じて中長期的・戦略的外交政策の対外発信を行う。",
    ]


def test_a_note_column_that_ends_without_a_stop_above_the_fields_result() -> None:
    name = "r4-chromium-notoserifsc-wide-page-71-field-11.pdftotext-layout.txt"
    report = parse(str(PAGES / name), jobs=1)
    (field,) = [f for p in report.policies for f in p.fields]
    assert field.number == 11
    (ref,) = field.reference_indicators
    assert [squeeze(n) for n in ref.notes] == ["ISTC事務局の職員数（ヌルスルタン本部＋４支部事務所）の合計人数"]
    assert [p.value.raw for p in ref.series[0].values] == ["32", "31", "30", "32"]
    assert field.analysis is None  # its measures' texts are no field analysis


def test_latin_words_with_no_spaces_between_them_start_a_list_item() -> None:
    name = "r4-chromium-notoserifsc-wide-page-30-materials-5.pdftotext-raw.txt"
    (field, _) = [f for p in parse(str(PAGES / name), jobs=1).policies for f in p.fields]
    assert field.number == 5
    assert field.materials[:3] == [
        "・国連宇宙部ホームページ",
        "FifteenthMeetingoftheInternationalCommitteeonGlobalNavigationSatelliteSystems(ICG-15)",
        "（https://www.unoosa.org/oosa/en/ourwork/icg/meetings/icg-15/icg15.html）",
    ]
    assert len(field.materials) == 8


def test_label_columns_one_space_apart_in_layout_text() -> None:
    name = "r4-chromium-notoserifsc-wide-pages-1-2-result.pdftotext-layout.txt"
    policy = parse(str(PAGES / name), jobs=1).policies[0]
    assert (policy.result.label, policy.result.grade) == ("相当程度進展あり", "B")
    assert [squeeze(n)[:6] for n in policy.notes] == ["（※）本施策", "（注１）評価", "（注２）｢測"]


def test_values_with_their_units_one_space_apart_in_layout_text() -> None:
    name = "r4-chromium-notoserifsc-wide-page-6-reference-5.pdftotext-layout.txt"
    (field,) = [f for p in parse(str(PAGES / name), jobs=1).policies for f in p.fields]
    ref = field.reference_indicators[4]
    assert ref.number == 5
    assert [s.label for s in ref.series] == ["①日本語版", "②英語版", "③アクセス数"]
    assert [v.value.raw for v in ref.series[2].values] == [
        "125 万件＊", "157 万件＊", "179 万件＊", "266 万件＊"
    ]


def test_prose_lines_and_a_note_column_one_space_apart_in_layout_text() -> None:
    name = "r4-chromium-notoserifsc-wide-pages-22-26-field-4.pdftotext-layout.txt"
    (field, _) = [f for p in parse(str(PAGES / name), jobs=1).policies for f in p.fields]
    assert field.number == 4
    measures = {m.id: m for m in field.measures}
    progress = squeeze(measures["4-2"].years[0].progress)
    assert "会合（６月、10月及び平成31年２月）及びアジア太平洋" in progress
    assert "特にFATFにおいては" in progress
    assert "同分野では平成29年12月に安保理決議" in squeeze(measures["4-3"].analysis)
    (ref,) = field.reference_indicators
    assert squeeze(ref.notes[0]) == "新型コロナウイルス感染拡大の影響により、実施を見送った。"
    assert squeeze(ref.series[0].label) == (
        "①国際テロ・組織犯罪関連条約に関するワークショップ（平成29年度：東南アジア地域、"
        "平成30年度：アジア地域）（単位：参加国数）"
    )
    assert [v.value.raw for v in ref.series[0].values] == ["３か国", "６か国", "０か国", "０か国"]


def test_budget_sheet_with_its_jikou_after_a_run_of_kou_in_default_mode() -> None:
    name = "r4-lo-notosansjp-xnarrow-pages-1-2-budget-sheet.pdftotext.txt"
    (sheet,) = parse(str(PAGES / name), jobs=1).budget_sheets
    assert sheet.columns == ["４年度当初予算額", "５年度概算要求額"]
    assert [(i.account, i.organization, i.kou) for i in sheet.items] == [
        ("一般", "外務本省", "分野別外交費"),
        ("一般", "外務本省", "分野別外交費"),
        ("一般", "外務本省", "分野別外交費"),
        ("一般", "在外公館", "分野別外交費"),
    ]
    assert [i.jikou for i in sheet.items] == [
        "経済協力に係る国際の平和と安定に対する取組に必要な経費",
        "エネルギー対策に係る国際の平和と安定に対する取組に必要な経費",
        "国際の平和と安定に対する取組に必要な経費",
        "国際の平和と安定に対する取組に必要な経費",
    ]
    assert [[v.raw for v in i.values] for i in sheet.items] == [
        ["29,452,910", "32,323,711"],
        ["4,753,731", "5,126,489"],
        ["54,027,805", "54,349,436"],
        ["219,251", "346,394"],
    ]
    assert [v.raw for v in sheet.total] == ["88,453,697", "92,146,030"]


def test_year_headers_printed_out_of_order_in_default_mode() -> None:
    # pages cut from a default-mode text: the grid is rebuilt as the whole text's reader does
    name = "r4-lo-notosansjp-xnarrow-pages-26-27-measure-2-5.pdftotext.txt"
    lines, warnings = rebuild_grids(split_lines((PAGES / name).read_text(encoding="utf-8")))
    rows = [[c.text for c in ln.cells] for ln in lines if ln.cells]
    assert rows[0][1:4] == ["令和元年度", "令和２年度", "令和３年度"]
    assert rows[2] == ["－", "100％", "100％", "100％", "100％", "100％", "100%", "ａ"]
    assert warnings == []


def test_year_headers_out_of_order_and_one_printed_twice_stay_text() -> None:
    name = "lo-ipapgothic-narrow-page-42-measure-5-4.pdftotext.txt"
    _, warnings = rebuild_grids(split_lines((PAGES / name).read_text(encoding="utf-8")))
    assert any("out of order, one twice ([2018, 2020, 2019])" in msg for _, msg, _ in warnings)

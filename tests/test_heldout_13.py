"""Renditions of held-out set 13 (fonts, type sizes and margins the readers were not written
on), each kind read back as the report prints it:

- pdfium (Chromium, IPAPGothic, mid columns, 11.5/10.5 pt type) sets each label cell of a
  measure's form at the end of the last line of the cell before it, after a space
  (``…企画立案を強化する。 平成30年度目標``, ``…検討することとなった。 平成30・令和元・
  令和２年度目標の達成状況：ｂ``), and so the field's headings (``…日）。 関連する内閣の重要
  政策（…）``): no measure had a yearly target, every progress text was unplaced, 64 % of the
  report's values were read. A whole label from a sentence's end to the line's end now
  stands on a line of its own.
- pdfplumber (Chromium, Noto Sans Mono CJK KR, wide columns, the 令和４年度 edition) prints
  参考指標４'s last note line and 参考指標５'s heading at one height, their characters
  interleaved (``含参め考る指と標 ５29）：。外交青書の…``): 参考指標５'s three series were
  read as 参考指標４'s, 24 values under the wrong indicator with exit 0. The second row of
  all the years under values on one page is another grid: its rows are left out, warned.
- pdftotext's default mode (Chromium, TakaoPMincho, narrow, the 令和４年度 edition) prints
  both budget tables' 令和４年度 columns side by side after the second table: the first,
  table 1's 3,006, was read as table 2's. Neither is read now, said.
- pdfplumber (the same rendition) prints the list of measures' vertical label's last pieces
  after an entry (``成状`` / ``況`` / ``＊３－１ …`` / ``（注`` / ``２） ＊３－２ …``): the
  label was closed whole at ``況``, so ``２）`` went into 3-1's title and 3-2 was lost.
- pdftotext's default mode (the same rendition) prints the 別紙 sheet's 事項 before each 項:
  every item took the next item's 事項 (a breaker's trial); the items are left out now.

Fixtures: pages of those renditions' texts (tests/fixtures/extractors), cut at form feeds
with held-out set 11's cut.py. The fonts are not installed in CI: the texts are the fixtures.
"""

from __future__ import annotations

from conftest import FIXTURES, squeeze

from hyoka_parse import parse
from hyoka_parse.models import Measure

PAGES = FIXTURES / "extractors"


def test_labels_at_the_end_of_the_line_before_them(measures: dict[str, Measure]) -> None:
    corpus = measures["1-1"]
    report = parse(str(PAGES / "chromium-ipapgothic-big-pages-4-5-measure-1-1.pdfium.txt"))
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == "1-1"]
    assert m.rating == "b"
    assert m.mid_term_target.text == "中長期的・戦略的外交政策の企画立案を強化する。"
    assert [y.label for y in m.years] == ["平成30年度", "令和元年度", "令和２年度"]
    # The whole texts are the corpus report's, year by year.
    assert [squeeze(y.target) for y in m.years] == [squeeze(y.target) for y in corpus.years]
    assert [squeeze(y.progress) for y in m.years] == [squeeze(y.progress) for y in corpus.years]
    assert squeeze(m.years[0].target).startswith("１国内シンクタンクの育成強化を引き続き図る")
    assert squeeze(m.years[0].target).endswith("平成30年度内に報告書を取りまとめる。")
    assert squeeze(m.years[2].progress).startswith("１外交・安全保障調査研究事業費補助金制度の下、12事業")


def test_a_second_grid_whose_heading_is_interleaved_is_no_series_of_the_first() -> None:
    name = "r4-chromium-notosansmonokr-wide-pages-6-7-reference-4-5.pdfplumber.txt"
    report = parse(str(PAGES / name))
    (field,) = report.policies[0].fields
    assert [r.number for r in field.reference_indicators] == [1, 2, 3, 4]
    r4 = field.reference_indicators[3]
    assert [(s.label, [(p.fiscal_year, p.value.raw) for p in s.values]) for s in r4.series] == [
        (None, [(2018, "４"), (2019, "４"), (2020, "４"), (2021, "４")])
    ]
    (warning,) = [w for w in report.warnings if w.code == "unparsed_table"]
    assert warning.message.startswith("参考指標4: its fiscal years printed again under its values")
    assert (warning.location.page, warning.location.line) == (2, 86)


def test_two_tables_columns_of_one_year_side_by_side_are_neither_tables() -> None:
    """pdftotext's default mode (Chromium, TakaoPMincho, narrow, the 令和４年度 edition)
    prints both budget tables' 令和４年度 columns after the second table, one after the
    other (``令和４年度 / 3,006 / 令和４年度 / 85,448``): 3,006, table 1's, was read as
    同（分担金・拠出金）'s 令和４年度 当初予算. The order does not say which is which."""
    report = parse(str(PAGES / "r4-chromium-takaopmincho-narrow-page-1-budget.pdftotext.txt"))
    table_2 = report.policies[0].budget[1]
    assert table_2.title.startswith("施策の予算額・執行額等（分担金・拠出金）")
    assert table_2.fiscal_years == [2019, 2020, 2021, 2022]
    assert [[v.raw for v in r.values] for r in table_2.rows] == [
        ["", "", "", ""],  # 当初予算: 3 cells for 4 years, none kept, its dashes too
        ["－", "－", "20,221", ""],
        ["－", "－", "0", ""],
        ["－", "－", "105,298", ""],
        ["－", "－", "105,015", ""],
    ]
    said = [w for w in report.warnings if "printed side by side" in w.message]
    assert [(w.code, w.location.line) for w in said] == [("unparsed_table", 254)]


def test_the_list_labels_note_mark_after_an_entry_line() -> None:
    report = parse(str(PAGES / "r4-chromium-takaopmincho-narrow-pages-1-2-summary.pdfplumber.txt"))
    field_3 = [(m.id, m.title, m.is_main, m.rating) for m in report.policies[0].measure_summary
               if m.field == 3]
    assert field_3 == [
        ("3-1", "国際平和協力法に基づく要員派遣・物資協力の推進", True, "a"),
        ("3-2", "国際社会における平和維持活動への取組・議論への積極的な貢献", True, "a"),
        ("3-3", "平和構築分野における人材育成", False, "a"),
        ("3-4", "世論調査における国連平和維持活動(PKO)等への参加に肯定的な回答の割合", False, "a"),
        (
            "3-5",
            "セミナー等の開催回数及び国際平和協力調査員を含む職員の PKO及びグローバル人材育成に"
            "関する国際会議やセミナー等出席回数",
            False,
            "a",
        ),
    ]


def test_sheet_items_whose_jikou_come_before_their_kou_are_not_paired_one_off() -> None:
    """The same page prints the 別紙 sheet's 事項 column before each 項 (``経済協力…経費 /
    分野別外交費 / エネルギー…経費 / 分野別外交費 …``): each item took the next one's 事項 and
    the last the first's, so 29,452,910 stood beside エネルギー対策… (a breaker's trial).
    Which way the pairs go the text does not say: the items are left out, said."""
    report = parse(str(PAGES / "r4-chromium-takaopmincho-narrow-page-1-budget.pdftotext.txt"))
    (sheet,) = report.budget_sheets
    assert sheet.items == []
    said = [w.message for w in report.warnings if w.message.startswith("budget sheet: 0 amount")]
    assert said == ["budget sheet: 0 amount rows but 4 項/事項 cells; 項/事項 left out"]


def test_a_rating_header_cut_inside_its_word() -> None:
    """pdftotext's default mode (Chromium, IPAPGothic, big type) wraps 3-5's rating header
    as ``目標の達`` / ``成状況``: no piece holds 達成状況, and the rating ｂ was left as text."""
    report = parse(str(PAGES / "chromium-ipapgothic-big-page-22-measure-3-5.pdftotext.txt"))
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == "3-5"]
    assert m.rating == "b"
    # Its values read in either of pdftotext's orders: whose each is stays unknown.
    assert [(y.target_value.raw, y.actual_value.raw) for y in m.years] == [("", "")] * 3
    assert not [w for w in report.warnings if w.message.startswith("測定指標3-5: could not place")]


def test_budget_cells_not_rebuilt_are_no_objective() -> None:
    """pdftotext's default mode (Chromium, IPAPGothic, big type) prints the budget tables,
    split by a page break, as cells the reader cannot rebuild; their 区分, unit and row
    labels were read into objective 11's text. They are said instead."""
    report = parse(str(PAGES / "chromium-ipapgothic-big-pages-1-2.pdftotext.txt"))
    last = report.policies[0].objectives[-1]
    assert last.number == 11
    assert last.text == (
        "我が国の国際社会での科学技術の取組を強化し、また、我が国の優れた科学技術を"
        "二国間及び多国間関係の増進に活用する。（①、②）"
    )
    (said,) = [w for w in report.warnings if w.message.startswith("施策目標: could not place")]
    assert "区分" in said.message and said.code == "unplaced_text"


def test_the_date_label_wrapped_around_its_content() -> None:
    """pdftotext's default mode (Chromium, TakaoPMincho, narrow, the 令和４年度 edition)
    prints ``政策評価実 令和４年８月`` / ``施時期``: the date was lost."""
    report = parse(str(PAGES / "r4-chromium-takaopmincho-narrow-pages-1-3.pdftotext.txt"))
    policy = report.policies[0]
    assert (policy.department, policy.evaluation_date) == ("総合外交政策局", "2022-08")


def test_a_rating_column_printed_after_the_next_headings() -> None:
    """pdftotext's default mode (the same rendition) prints 7-3's rating column after the
    field's 評価結果 and 施策の分析 headings (its rightmost column last): the rating was read
    as the field's analysis and 7-3 had none. It goes to the last measure read, which has
    none, when the pieces make the rating column's label exactly."""
    name = "r4-chromium-takaopmincho-narrow-page-42-measure-7-3.pdftotext.txt"
    (field,) = parse(str(PAGES / name)).policies[0].fields
    assert [(m.id, m.rating) for m in field.measures] == [("7-3", "a")]
    assert field.analysis is None

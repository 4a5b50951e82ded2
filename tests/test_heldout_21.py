"""Held-out set 21 (B5 and letter paper, monospaced and serif fonts the readers were not
written on), each input cut to the pages that failed, and set 20's last pdfium losses.

- ``pdftotext -layout`` (LibreOffice, Noto Serif CJK JP, narrow columns, the 令和４年度
  edition): 5-4's header wraps its third 年度目標値 as ``年度目`` / ``標値`` a column apart,
  so the header was not a grid's and 5-4's seven values were lost (layout/text_layout.py
  ``_completed``); 参考指標 of field 11: its source cell ``（出典：ISTC 理事会文`` / ``書）``
  cut by a page break, the piece overleaf read as the note's (extract/common.py ``_texts``).
- pdfplumber (Chromium, TakaoGothic, big type, very wide label columns, the same edition): a
  direction heading's last characters or ＊ on a line of their own (extract/field.py
  ``_title_wraps``; one rendition in four, whatever the extractor); the rating header's
  piece ``令和３`` beside the note column's (layout/text_columns.py ``_RATING_HEAD``); a
  note's piece before a row of years cut before their 度, which the 参考指標 reader dropped
  unsaid (``_CUT_YEARS``; extract/reference.py ``_text_before_years``).
- the default mode (LibreOffice, kiloji D, small type): page 21's number ``20`` printed among
  3-4's cells and 3-5's value ``20`` on page 22 above that page's ``21``: page 22 was split
  in two as if a form feed were lost, ``20`` taken as its number, 3-4 and 3-5 qualitative
  (86.8 → 91.2 %: layout/text_pages.py ``_pages_lost``).
- LibreOffice, IPAexMincho, B5 paper: the budget sheet's amount headers wrapped before 額
  beside the 個別票の番号 column's (extract/budget_sheet.py ``_columns_completed``); in
  ``-layout`` a 参考指標 note cut by a page break after a row of cells.
- pdfium (Chromium, MigMix 2P, 9 pt): two budget rows on one line (``補正予算(b) 0 0 220
  繰越し等(c) 0 0 △217``; layout/text_budget.py ``budget_rows_apart``), the 別紙 sheet's
  total with its 特別会計 row (extract/budget_sheet.py ``_TOTAL``): 98.3 → 99.7 %.
- pdfium (Chromium, UmePlus P Gothic, 9.5 pt; set 20): two related-policy items on one line,
  the achievement label glued to a sentence with no space (test_heldout_20).

Fixtures: tests/fixtures/extractors (pages of the extracted texts).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from hyoka_parse import parse
from hyoka_parse.diagnostics import Diagnostics
from hyoka_parse.extract.field import direction_measure, references
from hyoka_parse.extract.reference import reference
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_budget import budget_rows_apart
from hyoka_parse.models import Measure, Report
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import DIRECTION_MEASURE, REFERENCE, Block

EXTRACTED = FIXTURES / "extractors"
SERIF = "r4-lo-notoserifcjkjp-narrow-pages-{}.pdftotext-layout.txt"
GOTHIC = "r4-chromium-takaogothic-xwide-big-{}.pdfplumber.txt"
KILOJI = "lo-kilojid-narrow-small-pages-19-23-measures-3-4-3-5.pdftotext.txt"


def _measures(report: Report) -> dict[str, Measure]:
    return {m.id: m for f in report.policies[0].fields for m in f.measures}


def _line(no: int, text: str) -> Line:
    return Line(no, 1, text, make_key(text))


def test_a_header_piece_a_column_off_its_cell_still_completes_it() -> None:
    """``年度目`` at column 54, ``標値`` at 58 under ``令和３年度`` (59): the third year's
    年度目標値 wrapped a column apart; the grid, split by a page break, is read whole."""
    space = _measures(parse(str(EXTRACTED / SERIF.format("63-64-measure-5-4"))))["5-4"]
    assert space.mid_term_target is not None and space.mid_term_target.value.raw == "－"
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in space.years] == [
        (2019, "10 回", "10 回"),
        (2020, "10 回", "４回"),
        (2021, "７回", "３回"),
    ]
    assert space.rating == "a"
    assert space.notes == ["令和元年度の実績値から国際会議の場における非公式意見交換等を除く。"]


def test_a_source_cell_cut_by_a_page_break_closes_overleaf() -> None:
    """``（出典：ISTC 理事会文`` beside the grid, ``書）`` / ``（注`` / ``）ISTC`` … overleaf."""
    report = parse(str(EXTRACTED / SERIF.format("154-155-reference-11")))
    istc = report.policies[0].fields[0].reference_indicators[0]
    assert istc.source == "ISTC 理事会文書"
    assert istc.notes == ["ISTC事務局の職員数（ヌルスルタン本部＋４支部事務所）の合計人数"]
    assert [p.value.raw for p in istc.series[0].values] == ["32", "31", "30", "32"]


def _direction(lines: list[str]) -> tuple[str, str | None]:
    head, *body = [_line(k + 1, t) for k, t in enumerate(lines)]
    block = Block("direction_measure", head, body, DIRECTION_MEASURE.match(head.key))
    text = direction_measure(block)
    return text.title, text.text


@pytest.mark.parametrize(
    ("head", "piece", "first", "title"),
    [
        (
            "６－２ 我が国の国連を活用した外交及び国連の活動に対する国民の理解と支持の更なる増",
            "進",
            "新型コロナウイルス感染症拡大を受け増加したオンライン広報の利点をいかしつつ、国連",
            "我が国の国連を活用した外交及び国連の活動に対する国民の理解と支持の更なる増進",
        ),
        (
            "１－１ 補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化",
            "＊",
            "１ 外交・安全保障調査研究事業費補助金制度においては、引き続き、日本人研究者（特に",
            "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化",
        ),
        (
            "２－１ 二国間や多国間の対話・会合を通じた地域安全保障の促進及び日米豪印の取組",
            "推進 ＊",
            "インド太平洋地域の平和と安全のため信頼醸成を促進し，安全保障環境を向上させてい",
            "二国間や多国間の対話・会合を通じた地域安全保障の促進及び日米豪印の取組推進",
        ),
    ],
)
def test_a_direction_heading_s_last_characters_on_a_line_of_their_own(
    head: str, piece: str, first: str, title: str
) -> None:
    read, text = _direction([head, piece, first, "くことは引き続き重要であることから、継続する。"])
    assert read == title
    assert text is not None and text.startswith(first)


def test_a_short_first_line_of_a_direction_s_text_stays_its_own() -> None:
    """An item's first line (``（１）人権``), a sub-heading with a mark or a number, or a
    heading too short to have wrapped keeps its line."""
    _, text = _direction(
        [
            "７－１ 国際社会における人権問題の解決に向けた取組の推進と国際的な人権保障の促進",
            "（１）人権",
            "国際社会における人権問題の解決に貢献するため、社会的弱者やアジアにおける人権状況",
            "に関する決議の採択や議論を通じて、国際社会の意思や規範の形成に積極的に参画する。",
        ]
    )
    assert text is not None and text.startswith("（１）人権")
    for mark in ("１）BWC", "ア BWC", "■人権", "１", "一", "Ⅰ 人権", "＜BWC＞"):
        _, text = _direction(
            [
                "９－３ 生物兵器禁止条約（BWC）及び化学兵器禁止条約（CWC）の実施強化のための取組",
                mark,
                "BWC 実施強化については、我が国のプレゼンスを示した効果的な貢献ができていると考え",
                "るが、新型コロナウイルス感染症により運用検討会議等が延期されたことを踏まえ、同会",
            ]
        )
        assert text is not None and text.startswith(mark), mark  # a breaker's trial
    title, text = _direction(
        ["２－１ 地域安全保障", "進める", "地域の安全保障環境を向上させていく。"]
    )
    assert title == "地域安全保障"
    assert text is not None and text.startswith("進める")


def test_the_rating_header_s_year_alone_beside_a_note_piece() -> None:
    """``援グループ会合 令和３``: the note's piece, then the rating header's ``令和３``
    (令和元・ / 和２・ / 令和３ / 年度目 …), no short note line of its own."""
    arf = _measures(parse(str(EXTRACTED / GOTHIC.format("page-16-measure-2-5"))))["2-5"]
    assert arf.notes[0] == (
        "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務"
        "レベル会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる"
        "会合（年 10回程度）の出席率。"
    )
    assert arf.rating == "a"


def test_a_note_piece_before_years_cut_before_their_do() -> None:
    """``の影響により、実 平成30年 令和元年 令和２年 令和３年`` / ``施を見送った。 度 度 度
    度``, overleaf of the note's first pieces."""
    report = parse(str(EXTRACTED / GOTHIC.format("pages-31-32-reference-4")))
    terror = report.policies[0].fields[0].reference_indicators[0]
    assert terror.notes == ["新型コロナウイルス感染拡大の影響により、実施を見送った。"]
    assert [p.value.raw for p in terror.series[0].values] == [
        "３か国",
        "６か国",
        "０か国",
        "０か国",
    ]


def test_text_before_the_years_on_their_line_is_never_dropped() -> None:
    """Whatever stage misses a note piece before a row of years, the 参考指標 reader keeps
    it as the note's."""
    head = _line(1, "参考指標：国際テロ・組織犯罪対策に関するワークショップ及び招へい実績")
    body = [
        _line(2, "（注）新型コロナ 実 績 値"),
        _line(3, "ウイルス感染拡大"),
        _line(4, "の影響により、実 平成30年度 令和元年度 令和２年度 令和３年度"),
        _line(5, "施を見送った。"),
        _line(6, "①国際テロ・組織犯罪関連条約に関するワークショップ ３か国 ６か国 ０か国 ０か国"),
    ]
    block = Block("reference", head, body, REFERENCE.match(head.key))
    indicator = reference(block, Diagnostics())
    assert indicator.notes == ["新型コロナウイルス感染拡大の影響により、実施を見送った。"]


def test_a_value_that_reads_as_a_page_number_splits_no_page() -> None:
    """Pages 19–23 of the default mode's text: each page's number is its last line but page
    21's, printed among 3-4's cells; page 22 holds 3-5's value ``20`` and its own ``21``."""
    report = parse(
        str(EXTRACTED / "lo-kilojid-narrow-small-pages-19-23-measures-3-4-3-5.pdftotext.txt")
    )
    measures = _measures(report)
    cells = {
        m: [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in measures[m].years]
        for m in ("3-4", "3-5")
    }
    assert cells == {
        "3-4": [(2018, "82％", "80.2％"), (2019, "83％", "78.3％"), (2020, "83％", "82%")],
        "3-5": [(2018, "20", "21"), (2019, "21", "14"), (2020, "16", "10")],
    }
    assert [measures[m].location.page for m in ("3-4", "3-5")] == [3, 4]


def test_a_page_twice_as_long_is_split_whatever_the_numbers_say(tmp_path: Path) -> None:
    """A breaker's trial: the same pages, the form feed between printed pages 18 and 19
    taken out and a page 17 before them. The run takes 3-5's ``20`` for page 20's, so the
    numbers no longer outnumber the pages; the page is split for its length (its ``18`` no
    text of 3-2's target, page 20's ``20`` furniture, 3-5's value kept)."""
    pages = (EXTRACTED / KILOJI).read_text(encoding="utf-8").split("\f")
    text = "施策の進捗状況・実績\n\n１ 国連 PKO 等への人的貢献を強化した。\n\n17\n"
    text += "\f" + pages[0] + "\f".join(pages[1:])
    (merged := tmp_path / "merged.pdftotext.txt").write_text(text, encoding="utf-8")
    report = parse(str(merged))
    measures = _measures(report)
    assert not any("18" in (y.target or "") for y in measures["3-2"].years)
    first = measures["3-5"].years[0]
    assert (first.fiscal_year, first.target_value.raw) == (2018, "20")
    assert [f.text for f in report.furniture if f.kind == "page_number"] == [
        str(n) for n in range(17, 23)
    ]


def test_amount_headers_wrapped_beside_the_next_column_s_piece() -> None:
    """``定 項 事項 ３年度当初予算 ４年度概算要求 る個別票の番`` / ``額 額 号``."""
    sheet = parse(str(EXTRACTED / "lo-ipaexmincho-mid-b5-page-1-budget-sheet.pdfplumber.txt"))
    assert sheet.budget_sheets[0].columns == ["３年度当初予算額", "４年度概算要求額"]


def test_a_note_goes_on_overleaf_of_a_row_of_cells() -> None:
    report = parse(
        str(EXTRACTED / "lo-ipaexmincho-mid-b5-pages-10-11-reference-3.pdftotext-layout.txt")
    )
    third = next(r for r in report.policies[0].fields[0].reference_indicators if r.number == 3)
    assert third.notes == ["平成 30 年度は事業としては新規公募の実施なし。"]
    assert [p.value.raw for p in third.series[0].values] == [
        "3.7 倍",
        "－（注）",
        "8.0 倍",
        "4.0 倍",
    ]


def test_budget_rows_on_one_line_each_go_on_their_own() -> None:
    report = parse(str(EXTRACTED / "chromium-migmix2p-wide-small-page-1-budgets.pdfium.txt"))
    assert [v.raw for v in report.budget_sheets[0].total] == ["88,453,697", "92,146,030"]
    own, shares = report.policies[0].budget
    assert own.title == "施策の予算額・執行額等（分担金・拠出金除く）"
    assert [(row.label, [v.raw for v in row.values]) for row in own.rows] == [
        ("当初予算(a)", ["2,879", "2,970", "3,052", "3,006"]),
        ("補正予算(b)", ["0", "0", "220", ""]),
        ("繰越し等(c)", ["0", "0", "△217", ""]),
        ("合計(a＋b＋c)", ["2,879", "2,970", "3,055", ""]),
        ("執行額", ["2,709", "2,632", "2,259", ""]),
    ]
    assert [v.raw for v in shares.rows[1].values] == ["－", "－", "20,221", ""]
    assert [v.raw for v in shares.rows[2].values] == ["－", "－", "0", ""]


def test_a_row_label_in_prose_or_alone_cuts_nothing() -> None:
    texts = [
        "合計(a＋b＋c) 2,879 2,970 3,055",
        "当初予算(a)の額は 2,879 合計(a＋b＋c)とは異なる。",
        "執行額(百万円) 2,709 2,632 2,259",
    ]
    lines = [Line(k + 1, 1, t) for k, t in enumerate(texts)]
    assert [ln.text for ln in budget_rows_apart(lines)] == texts


def test_a_related_item_goes_on_after_its_date_before_a_comma() -> None:
    """``…閣議決定） 、シナイ半島…`` (-layout's lines joined with a space, Chromium,
    IPAexMincho, wide: the parity matrix) is one item; the next item after a date is one."""
    head = _line(1, "関連する内閣の重要政策（施策方針演説等のうち主なもの）")
    body = [
        _line(
            2,
            "・シナイ半島国際平和協力業務の実施について（平成 31 年４月２日 閣議決定） 、シナイ半島",
        ),
        _line(3, "国際平和協力業務実施計画の変更について（令和元年 11月 12 日 閣議決定）"),
        _line(4, "・第 193 回国会施政方針演説（平成 29年１月 20日） 二 世界の真ん中で輝く国創り"),
    ]
    assert references(Block("related", head, body)) == [
        "・シナイ半島国際平和協力業務の実施について（平成 31 年４月２日 閣議決定） 、シナイ半島"
        "国際平和協力業務実施計画の変更について（令和元年 11月 12 日 閣議決定）",
        "・第 193 回国会施政方針演説（平成 29年１月 20日）",
        "二 世界の真ん中で輝く国創り",
    ]

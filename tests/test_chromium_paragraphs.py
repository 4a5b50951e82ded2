"""Paragraphs of Chromium-printed PDFs in settings outside the parity matrix: page ranges cut
from renditions by tests/fixtures/make_chromium.py (``SMALL_PDFS``: IPAPGothic with a label
column between narrow and wide; the 令和４年度 edition in IPAMincho), read from the PDF.

Chromium keeps 行頭禁則 as CSS's default ``line-break: normal`` has it: never 、。）・ at a
line's start, but small kana and ー may start one (CSS Text 3, 5.2). Those starts are no
evidence that the producer ignores the rule.
"""

from __future__ import annotations

from conftest import FIXTURES

from hyoka_parse import parse
from hyoka_parse.models import FieldModel, Report

CHROMIUM = FIXTURES / "pdf" / "chromium"


def _parse(name: str) -> Report:
    return parse(str(CHROMIUM / f"{name}.pdf"), jobs=1)


def _field(report: Report, number: int) -> FieldModel:
    return next(f for f in report.policies[0].fields if f.number == number)


def _squeezed(texts: list[str]) -> list[str]:
    return ["".join(t.split()) for t in texts]


def test_a_numbered_objective_after_a_full_line_that_ends_a_sentence_starts_an_item() -> None:
    # 施策目標６'s last line, …実現に貢献する。（①、②）, fills the cell; ７ starts the next.
    got = _parse("chromium-r4-objectives").policies[0].objectives
    assert [o.number for o in got] == list(range(1, 12))
    assert got[5].text == (
        "国連を始めとする国際機関において我が国の地位を向上させるとともに、我が国の国益と"
        "国際社会共通の利益に資する望ましい国連の実現に貢献する。（①、②）"
    )
    assert got[6].text == "国際社会における人権・民主主義を保護し、促進する。（②）"


def test_a_middle_dot_item_after_a_full_line_starts_an_item_in_chromium() -> None:
    # 中東情勢への取組 fills its line; ・国家安全保障戦略 is the next item. Chromium starts
    # lines with ー and small kana (ホ|ームページ, サイバ|ー): no evidence against 行頭禁則.
    related = _field(_parse("chromium-r4-field-2-related"), 2).related_policies
    i = related.index(
        "日米同盟、北朝鮮をめぐる諸懸案への対応、近隣諸国との外交、緊迫化している中東情勢への取組"
    )
    assert related[i + 1 : i + 3] == [
        "・国家安全保障戦略（平成 25年 12 月 17 日 閣議決定）",
        "Ⅱ ２ 我が国の国益と国家安全保障の目標",
    ]


def test_a_line_ended_before_what_cannot_be_broken_runs_on(report: Report) -> None:
    # 包括的核実験禁止条約|（CTBT）の: the bracketed word could not be broken, so the line
    # before it stops short and the paragraph runs on.
    got = _field(_parse("chromium-pgothic-field-9-overview"), 9).overview
    assert _squeezed(got) == _squeezed(_field(report, 9).overview)
    assert got[1].startswith("１ 核軍縮については、NPT を基礎とする")
    assert "包括的核実験禁止条約（CTBT）の早期発効" in got[1]


def test_a_grid_row_cut_in_a_wide_line_pitch_goes_on_overleaf() -> None:
    # 7-3's value row breaks over the page (Chromium, IPAPGothic, wide): …本決議が投票に付さ |
    # れる場合は…; the cut cells' last lines stand 1.6 font sizes above the row's foot.
    m = _field(_parse("chromium-pgothic-wide-measure-7-3"), 7).measures[0]
    assert (m.id, m.kind, m.rating) == ("7-3", "quantitative", "b")
    assert m.mid_term_target is not None
    assert m.mid_term_target.text == "多くの国の賛成を得て採択されることを確保する。"
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        (
            2018,
            "平成 29年度同様、無投票採択を目指しつつ、本決議が投票に付される場合は、26 年度"
            "（注：27,28年度は無投票採択）より多くの賛成票を確保する。",
            "無投票採択",
        ),
        (
            2019,
            "人権理事会に我が国が提出・提案する決議に関し、同決議が幅広い支持を得て採択されることを確保する。",
            "全会一致採択（カンボジア人権状況決議）",
        ),
        (
            2020,
            "人権理事会に我が国が提出・提案する決議に関し、同決議が幅広い支持を得て採択されることを確保する。",
            "全会一致採択（ハンセン病差別撤決議）",
        ),
    ]

"""Label-beside-content text (issue 9): pdfplumber ``extract_text()``, pypdfium2
``get_text_range()`` and ``pdftotext -raw`` print a row of the report's form as one line, so
the pieces of a narrow label cell stand at the start of the content lines beside it, or on
lines of their own between them. Real extracted pages (``tests/fixtures/extractors``, cut at
form feeds from the parity renditions: benchmarks/parity.py) against the values the report
prints.

- Chromium (make_chromium.py): the label column of the header wraps two characters a line
  (評価 / 結果 / （注 / １）, 測定 / 指標 / の平 / 成 …), beside the content (pdfplumber) or on
  lines of their own (pdfium), and a form row is glued after the sentence that ends the cell
  above (``記入した。評価 目標 …``, ``記入した。評価``);
- the 令和４年度 edition (LibreOffice, IPAMincho, narrow) in pdfium and -raw text: the label
  測定指標の令和元・令和２・令和３年度目標の達成状況（注２） goes on between the list's lines,
  its （注２） on a line of its own;
- a comment that wraps before 施策目標に… is no 施策目標 label; 政策評価実施時期 stands
  beside the department in one row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hyoka_parse import parse
from hyoka_parse.models import Policy
from hyoka_parse.vocab import fold_text

PAGES = Path(__file__).parent / "fixtures" / "extractors"

HEADERS = {
    # fixture → (evaluation date, fiscal years of the budget, rating of 1-1 … 2-5)
    "chromium-pages-1-4-header.pdfplumber": ("2021-08", [2018, 2019, 2020, 2021], "bbbbbbb"),
    "chromium-pages-1-4-header.pdfium": ("2021-08", [2018, 2019, 2020, 2021], "bbbbbbb"),
    "lo-r4-narrow-pages-2-5-header.pdfium": ("2022-08", [2019, 2020, 2021, 2022], "aaaaaaa"),
    "lo-r4-narrow-pages-2-5-header.pdftotext-raw": (
        "2022-08",
        [2019, 2020, 2021, 2022],
        "aaaaaaa",
    ),
}

COMMENT_15 = (
    "人権・民主主義をめぐる状況が停滞・後退している現況において、外務省でも施策目標に人権・"
    "民主主義をめぐる状況変化にいかに対応したか、また施策がそれら改善にどの程度寄与したか、"
    "といった具体的な指標を定めるべきではないだろうか。"
)


def _squeeze(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", text)


def _header(name: str) -> Policy:
    return parse(str(PAGES / f"{name}.txt")).policies[0]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_labels_split_off(name: str) -> None:
    """The header's wrapped labels rebuilt from their pieces: the result, the list of
    measures (1-1 and 1-2 beside the label's first pieces), the budget, the notes."""
    date, years, ratings = HEADERS[name]
    policy = _header(name)
    assert policy.name == "国際の平和と安定に対する取組"
    assert (policy.department, policy.evaluation_date) == ("総合外交政策局", date)
    assert policy.result is not None
    assert (policy.result.label, policy.result.grade) == ("相当程度進展あり", "B")
    assert _squeeze(policy.result.rationale) == (
        "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。"
    )
    summary = [(e.id, e.is_main, e.rating) for e in policy.measure_summary[:7]]
    ids = ["1-1", "1-2", "2-1", "2-2", "2-3", "2-4", "2-5"]
    mains = [True, True, True, False, False, False, False]
    assert summary == list(zip(ids, mains, ratings, strict=True))
    assert len(policy.measure_summary) == 39
    assert _squeeze(policy.measure_summary[0].title) == (
        "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化"
    )
    assert [b.title for b in policy.budget] == [
        "施策の予算額・執行額等（分担金・拠出金除く）",
        "施策の予算額・執行額等（分担金・拠出金）",
    ]
    assert [(b.unit, b.fiscal_years) for b in policy.budget] == [("百万円", years)] * 2
    rows = [[r.label, [v.raw for v in r.values]] for r in policy.budget[0].rows]
    assert rows[0] == ["当初予算(a)", ["2,879", "2,970", "3,052", "3,006"]]
    assert rows[-1] == ["執行額", ["2,709", "2,632", "2,259", ""]]
    assert [n[:5] for n in policy.notes] == ["（※）本施", "（注１）評", "（注２）｢"]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_a_sentence_that_begins_with_a_label_word(name: str) -> None:
    """``施策目標に人権・民主主義をめぐる…`` (a comment wrapped there) stays in its comment:
    objective 11 ends where the report ends it, and all 20 comments are read."""
    policy = _header(name)
    assert [o.number for o in policy.objectives] == list(range(1, 12))
    assert _squeeze(policy.objectives[10].text) == (
        "我が国の国際社会での科学技術の取組を強化し、また、我が国の優れた科学技術を二国間及び"
        "多国間関係の増進に活用する。（①、②）"
    )
    assert len(policy.advisory_comments) == 20
    assert _squeeze(policy.advisory_comments[15]) == COMMENT_15


def test_note_column_pieces_beside_the_year_row_and_the_values() -> None:
    """Chromium, pdfplumber: 参考指標４'s note column prints ``際問題研`` before the year row
    and ``数は「総`` before the row of values; the pieces finish the notes, the values are
    the (unlabelled) series."""
    fields = parse(str(PAGES / "chromium-pages-4-7-field-1.pdfplumber.txt")).policies[0].fields
    ref = {r.number: r for r in fields[0].reference_indicators}[4]
    assert [(p.fiscal_year, p.value.value) for p in ref.series[0].values] == [
        (2017, 4),
        (2018, 4),
        (2019, 4),
        (2020, 4),
    ]
    assert [_squeeze(n) for n in ref.notes] == [
        "(公財)日本国際問題研究所は本件調査において「2020ThinkTankoftheYear」を受賞",
        "右数は「総合ランキング」にランクインしている数（地域別、分野別ランキングも含めると29）。",
    ]
    assert _squeeze(ref.source) == "米国ペンシルバニア大学「世界のシンクタンク調査2017～2020」"


def test_a_space_the_line_wrapped_at() -> None:
    """pdfium keeps the space a line wrapped at (``スピーチ(平成 `` / ``29 年９月 20 日)``);
    in its text (under 2 % of the lines end so) that is no paragraph's end."""
    fields = parse(str(PAGES / "lo-exnarrow-pages-69-71-field-8.pdfium.txt")).policies[0].fields
    assert [_squeeze(p) for p in fields[0].related_policies] == [
        "・第201回国会施政方針演説（令和２年１月20日）",
        "五（一億総活躍社会）",
        "・「HeForSheIMPACT10×10×10男女平等報告書発表式」における安倍総理大臣スピーチ"
        "(平成29年９月20日)",
        "・第５回国際女性会議WAW！／Ｗ20における安倍総理大臣開会挨拶（平成31年３月23日）",
    ]


def test_pdfium_hyphen_at_a_line_end() -> None:
    """pdfium gives the hyphen printed at a line's end (JT- / 60SA) as U+FFFE and joins the
    lines (line 6086 of the 令和４年度 rendition's pdfium text)."""
    line = "また、４月には、日 EU 間の取組の一つである JT\ufffe60SA の建設が完了するなど"
    assert (
        fold_text(line) == "また、４月には、日 EU 間の取組の一つである JT-60SA の建設が完了するなど"
    )


def test_an_address_whose_bracket_stands_alone() -> None:
    """Chromium, pdfplumber: the Ｇ20 statement's address is printed as ``（`` alone, then
    the address: the bracket starts the address's item, the statement's title ends before."""
    from test_extracted_text_kinds import FIELD_4_MATERIALS

    path = PAGES / "chromium-pages-27-28-materials-field-4.pdfplumber.txt"
    field_4 = parse(str(path)).policies[0].fields[0]
    assert field_4.number == 4
    assert [_squeeze(m) for m in field_4.materials] == [_squeeze(m) for m in FIELD_4_MATERIALS]


def test_pieces_of_the_list_s_label_between_a_title_s_lines() -> None:
    """pdfplumber, 令和４年度 edition, Chromium, IPAGothic (pages 1-3 of a held-out
    rendition, /work/heldout4/r4-chromium-gothic.pdf): the list's label column prints
    ``（注`` / ``２）`` between the list's lines, ``２）`` between 2-4's title lines
    (``…サイバ ａ`` / ``２）`` / ``ー外交の推進``), and 7-3's title ends with ``況`` alone, the
    label's characters but after the label is whole. Both titles are whole (2-4 lost its
    last line, 7-3 its last character before this test)."""
    report = parse(str(PAGES / "chromium-r4-gothic-pages-1-3-header.pdfplumber.txt"))
    listed = {e.id: (e.title, e.rating) for e in report.policies[0].measure_summary}
    assert len(listed) == 39
    assert listed["2-4"] == ("自由、公正かつ安全なサイバー空間を創出するためのサイバー外交の推進", "a")
    assert listed["2-5"] == ("ARF 関連会合への我が国の出席率", "a")
    assert listed["7-3"] == ("人権理事会に我が国が提出・提案する人権状況決議の採択状況", "a")
    assert not [w for w in report.warnings if "list of measures" in w.message]


def test_a_field_heading_glued_after_a_rating() -> None:
    """pdfium, Chromium, IPAPGothic, wide columns (pages 1-3 of a held-out rendition,
    /work/heldout4/chromium-pgothic-wide.pdf): ``６－３ … 取組の推進 ａ 個別分野７ 国際社会に
    おける…`` on one line. 6-3 keeps its title and rating, and 7-1 … 7-3 are field 7's
    (6-3's rating was lost and the three went to field 6 before this test)."""
    report = parse(str(PAGES / "chromium-pgothic-wide-pages-1-3-header.pdfium.txt"))
    listed = {e.id: (e.field, e.title, e.rating) for e in report.policies[0].measure_summary}
    assert listed["6-3"] == (6, "国際機関における日本人職員増強に向けた取組の推進", "a")
    assert [listed[f"7-{n}"][0::2] for n in (1, 2, 3)] == [(7, "b"), (7, "b"), (7, "b")]
    assert not [w for w in report.warnings if "list of measures" in w.message]

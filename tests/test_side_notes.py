"""A note column beside a grid, printed by a reader by line (pdfplumber ``extract_text()``)
a piece at the start of each grid line (layout.text_columns.side_notes), and the grid's
rating cell printed last on its first line (extract.quantitative).

Fixtures: the committed LibreOffice page range of measure 7-3 (extracted in the test), and
pdfplumber text cut at form feeds from two Chromium renditions the parity matrix does not
hold (``make_chromium.py OUT --font IPAMincho --widths wide`` and ``--font IPAexMincho
--widths narrow``; ``make_chromium.render(OUT, "IPAPMincho", "wide")`` for the ISTC pages
read by ``-raw`` and pdfium), where

- a piece holds a space of its own (``（注）平成 30 実 績 値``, ``成 30 年``);
- a row of values, or of the header's pieces (``--年度 年度目標 実績値 …``, ``値 値 値``),
  stands on a line with no piece beside it;
- a cell ends with its last, short line (``数``), its own bracket (（出典：…）) or a sentence,
  but not with the ``(公財)`` inside a note.

Strings are compared without white space, as the parity matrix compares them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from extractor_matrix import FIXTURES, extract

from hyoka_parse import parse
from hyoka_parse.models import Field, Measure, ReferenceIndicator

PAGES = FIXTURES / "extractors"


def _squeeze(texts: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", t) for t in texts]


def assert_istc(ref: ReferenceIndicator) -> None:
    """参考指標 of field 11 as the report prints it: one note, one unlabelled series."""
    assert _squeeze(ref.notes) == ["ISTC事務局の職員数（ヌルスルタン本部＋４支部事務所）の合計人数"]
    assert [(p.fiscal_year, p.value.value) for p in ref.series[0].values] == [
        (2017, 32),
        (2018, 31),
        (2019, 30),
        (2020, 32),
    ]


def assert_measure_2_5(m: Measure) -> None:
    """Measure 2-5 as the report prints it: its note whole, 100 % every year, rated ｂ."""
    assert (m.id, m.kind, m.rating) == ("2-5", "quantitative", "b")
    assert _squeeze(m.notes) == [
        "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務"
        "レベル会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる"
        "会合（年10回程度）の出席率。"
    ]
    assert [(y.fiscal_year, y.target_value.value, y.actual_value.value) for y in m.years] == [
        (2018, 100, 100),
        (2019, 100, 100),
        (2020, 100, 100),
    ]


def _field(name: str) -> Field:
    return parse(str(PAGES / f"{name}.pdfplumber.txt")).policies[0].fields[0]


def test_measure_7_3_note_beside_its_grid_and_the_rating_on_the_first_line(
    tmp_path: Path,
) -> None:
    """LibreOffice, IPAMincho, narrow: ``（注）平成 30年度の測 中期目標値 平成30年度 …`` then
    the note's pieces before each grid line, ``実績値 多くの国の賛 平成 無投 … ｂ``. The note
    is the measure's, the grid is quantitative with its rating; its narrow text cells cannot
    be told apart in lines of pieces, so they are null with a warning."""
    text = extract(FIXTURES / "pdf/lo/lo-measure-7-3.pdf", "pdfplumber", tmp_path / "7-3.txt")
    report = parse(str(text))
    m = report.policies[0].fields[0].measures[0]
    assert (m.id, m.kind, m.rating) == ("7-3", "quantitative", "b")
    assert _squeeze(m.notes) == [
        "平成30年度の測定指標「人権理事会に我が国が提出する北朝鮮人権状況決議の採択状況」"
        "における年度目標値及び実績値"
    ]
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        (2018, "", ""),
        (2019, "", ""),
        (2020, "", ""),
    ]
    warned = [w for w in report.warnings if w.code == "unparsed_table"]
    assert [w.message for w in warned] == [
        "測定指標7-3: could not split the grid into 7 cells; its values are left null"
    ]
    assert warned[0].location is not None and warned[0].location.line == 31


def test_note_pieces_that_hold_a_space_and_a_value_row_alone() -> None:
    """Chromium, IPAMincho, wide: 参考指標３ prints ``（注）平成 30 実 績 値``, then
    ``年度は事業とし`` alone, the year row alone, ``実施なし。 3.7 倍 －（注） 8.0 倍 4.0 倍``."""
    refs = {r.number: r for r in _field("chromium-ipa-wide-pages-4-7-field-1").reference_indicators}
    assert _squeeze(refs[3].notes) == ["平成30年度は事業としては新規公募の実施なし。"]
    assert [(p.fiscal_year, p.value.value, p.value.unit) for p in refs[3].series[0].values] == [
        (2017, 3.7, "倍"),
        (2018, None, None),
        (2019, 8.0, "倍"),
        (2020, 4.0, "倍"),
    ]
    assert refs[3].series[0].values[1].value.raw == "－（注）"
    assert _squeeze(refs[4].notes) == [
        "(公財)日本国際問題研究所は本件調査において「2020ThinkTankoftheYear」を受賞",
        "右数は「総合ランキング」にランクインしている数（地域別、分野別ランキングも含めると29）。",
    ]
    assert [p.value.value for p in refs[4].series[0].values] == [4, 4, 4, 4]
    assert [s.label for s in refs[5].series] == ["①日本語版", "②英語版", "③アクセス数"]


def test_a_row_of_values_between_the_pieces_of_a_note() -> None:
    """Chromium, IPAMincho, wide: the ISTC note's pieces run past the grid's value row, which
    stands alone between them (``本部＋４支部事`` / ``32 31 30 32`` / ``務所）の合計人`` / ``数``)."""
    ref = _field("chromium-ipa-wide-page-76-reference-istc").reference_indicators[0]
    assert ref.source == "ISTC理事会文書"
    assert_istc(ref)


def test_a_piece_with_a_space_before_the_row_of_values(tmp_path: Path) -> None:
    """LibreOffice, IPAexMincho, wide: ``（注）ISTC 事 32 31 30 32``: the note's first piece
    holds a space; the values after it are the grid's row."""
    text = extract(FIXTURES / "pdf/lo/lo-reference-istc.pdf", "pdfplumber", tmp_path / "i.txt")
    ref = parse(str(text)).policies[0].fields[0].reference_indicators[0]
    assert_istc(ref)


def test_header_pieces_alone_between_the_pieces_of_a_note() -> None:
    """Chromium, IPAexMincho, narrow: measure 2-5's header rows stand on lines of their own
    (``--年度 年度目標 実績値 …``, ``値 値 値``) between the note's pieces; they are the
    grid's, not the note's."""
    assert_measure_2_5(_field("chromium-ex-narrow-pages-13-14-measure-2-5").measures[0])


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pdfium"])
def test_note_pieces_among_the_rows_of_a_grid_read_by_line(extractor: str) -> None:
    """Chromium, IPAPMincho (make_chromium.py, wide): ``-raw`` prints the ISTC note's pieces
    ``４支部事務所）の`` / ``合計人数`` between the years and the values; pdfium glues the first
    to the years (``… 令和２年度４支部事務所）の``). They finish the note; the values after
    them stay the series'."""
    name = f"chromium-pmincho-wide-pages-70-71-reference-istc.{extractor}.txt"
    fields = parse(str(PAGES / name)).policies[0].fields
    assert_istc(next(f for f in fields if f.number == 11).reference_indicators[0])


# 令和４年度 edition printed by Chromium in IPAGothic (a held-out rendition of the session's
# lead, /work/heldout4/r4-chromium-gothic.pdf: pdfplumber text joined by form feeds and
# ``pdftotext -layout``), the pages cut at form feeds.
R4_GOTHIC = "chromium-r4-gothic"


@pytest.mark.parametrize("extractor", ["pdfplumber", "pdftotext-layout"])
def test_note_pieces_at_the_start_of_series_rows_overleaf(extractor: str) -> None:
    """Pages 6-7: a page break carries 参考指標５'s rows ② and ③ overleaf with the note
    column beside them, which a reader by line prints first: ``（注）暦年 ②英語版 4,500 部 …``
    and ``でカウント ③アクセス数 125 万件＊ …``. The pieces are the note; the rows are
    series (they went into the note on main before this test)."""
    name = f"{R4_GOTHIC}-pages-6-7-reference-5.{extractor}.txt"
    fields = parse(str(PAGES / name)).policies[0].fields
    (ref,) = [r for f in fields for r in f.reference_indicators if r.number == 5]
    assert (ref.source, ref.notes) == ("外務省", ["暦年でカウント"])
    assert [(s.label, [v.value.raw for v in s.values]) for s in ref.series] == [
        ("①日本語版", ["7,400 部", "7,100 部", "7,000 部", "7,000 部"]),
        ("②英語版", ["4,500 部", "4,100 部", "4,000 部", "4,000 部"]),
        ("③アクセス数", ["125 万件＊", "157 万件＊", "179 万件＊", "266 万件＊"]),
    ]
    assert [v.fiscal_year for v in ref.series[2].values] == [2018, 2019, 2020, 2021]


def test_a_label_s_unit_line_and_a_label_piece_that_holds_a_colon() -> None:
    """Page 27, pdfplumber (the note column already split off): field 4's 参考指標 prints
    ``…平成30年 / 度：アジア地域）`` then ``（単位：参加国数）``, the label's own last line, and
    ``②平成 29年度：穏 ４か国 12名 10名 ０名``, where ``29年度：穏`` is a piece of the label
    (no value holds a full-width colon), not a value under 平成30年度."""
    (ref,) = _field(f"{R4_GOTHIC}-page-27-reference-field-4").reference_indicators
    assert _squeeze(ref.notes) == ["新型コロナウイルス感染拡大の影響により、実施を見送った。"]
    assert _squeeze([s.label for s in ref.series]) == [
        "①国際テロ・組織犯罪関連条約に関するワークショップ（平成29年度：東南アジア地域、"
        "平成30年度：アジア地域）（単位：参加国数）",
        "②平成29年度：穏健主義育成のための教育関係者ワークショップ（単位：参加国数）平成30、"
        "令和元年度：「穏健主義育成のための文明間対話」事業（単位：参加人数）",
    ]
    assert [[(v.fiscal_year, v.value.raw) for v in s.values] for s in ref.series] == [
        [(2018, "３か国"), (2019, "６か国"), (2020, "０か国"), (2021, "０か国")],
        [(2018, "４か国"), (2019, "12名"), (2020, "10名"), (2021, "０名")],
    ]


@pytest.mark.parametrize("extractor", ["pdfplumber", "pdftotext-layout"])
def test_a_grid_whose_rating_label_a_page_break_cut(extractor: str) -> None:
    """Pages 50-51: measure 8-2's header rows end page 50 with the rating column's label
    cut (``令和元・令`` / ``和２・令和``); overleaf its rest is printed down the column, over
    the rating: pdfplumber gives ``… 13 位 ３年度ａ目標``, -layout ``… 13 位 ３年度目標``
    then ``ａ`` on a line of its own, both ``（出典：…ホームページ） の達成状況``. The grid
    is quantitative with its rating, and the label's last piece is not the source's."""
    report = parse(str(PAGES / f"{R4_GOTHIC}-pages-50-51-measure-8-2.{extractor}.txt"))
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == "8-2"]
    assert (m.kind, m.rating, m.source) == (
        "quantitative",
        "a",
        "国連女性機関（UN Women）ホームページ",
    )
    assert (m.mid_term_target.text, m.mid_term_target.value.raw) == (None, "－")
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        (2019, "８位以内", "９位"),
        (2020, "８位以内", "14 位"),
        (2021, "８位以内", "13 位"),
    ]
    assert not [w for w in report.warnings if w.code == "unparsed_table"]


def test_a_note_head_wider_than_twelve_characters_in_a_proportional_font() -> None:
    """LibreOffice, IPAPMincho, label 0.26 / first column 0.17 (page 42): the note's first
    piece ``（注）令和元年度の実績値か`` holds 13 characters, a proportional font setting kana
    narrow; a side piece is bounded by a share of the text's full line (49 here), not by a
    count fitted to one font (before: 5-4 read as qualitative, its values and rating lost)."""
    report = parse(str(PAGES / "lo-pmincho-vwide-page-42-measure-5-4.pdfplumber.txt"))
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == "5-4"]
    assert (m.kind, m.rating) == ("quantitative", "b")
    assert _squeeze(m.notes) == [
        "令和元年度の実績値から国際会議の場における非公式意見交換等を除く。"
    ]
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        (2018, "10 回", "10 回"),
        (2019, "10 回", "４回"),
        (2020, "７回", "３回"),
    ]


def test_a_note_piece_alone_that_starts_with_a_number() -> None:
    """Chromium, IPAPGothic, 令和４年度 edition, label 0.19 / first column 0.105 (page 6):
    ``30 年度は`` alone between ``（注）平成 実 績 値`` and the years' row is the note's
    piece whole (before: 30 the note's, 年度は moved to the note's end)."""
    report = parse(str(PAGES / "chromium-r4-pgothic-narrow-page-6-reference-3.pdfplumber.txt"))
    refs = {r.number: r for r in report.policies[0].fields[0].reference_indicators}
    assert _squeeze(refs[3].notes) == ["平成30年度は事業としては新規公募の実施なし。"]
    assert [(p.fiscal_year, p.value.raw) for p in refs[3].series[0].values] == [
        (2018, "3.7 倍"),
        (2019, "－（注）"),
        (2020, "8.0 倍"),
        (2021, "4.0 倍"),
    ]

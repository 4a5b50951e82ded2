"""Cells and lines an extractor or a producer splits where the page shows them whole (issue 9,
the kinds docs/extractor-losses.md had left open), each read back whole:

- the PDF: a cell's last line printed across the table's bottom rule (Chromium, a grid split
  over a page break: the continued row too low for its note);
- ``-layout``: a note column's piece of half-width digits (``成 30 年``), longer in characters
  than its column but not on paper; the note mark of the vertical label 評価結果（注１） set
  one character a line overleaf, beside the rationale; a grid row's text cells cut by the
  page's end, finished by the columns at the next page's top in order;
- pdfplumber: a side cell's piece that holds a space of its own (``ISTC 理事``) above the
  grid's years, where the grid prints only its header;
- ``-raw`` (Chromium): a printed line broken in two between marks set close (``…閣議決定）`` /
  ``、シナイ半島国際平``, ``…イスラム国」`` / ``（ISIL）…``).

Fixtures: the page range of Chromium's narrow rendition cut by make_chromium.py
(``SMALL_PDFS``), and texts of the parity matrix's renditions cut at form feeds
(tests/fixtures/extractors). Strings are compared without white space, as the parity matrix
compares them.
"""

from __future__ import annotations

import re

from conftest import FIXTURES, squeeze
from test_side_notes import assert_istc, assert_measure_2_5

from hyoka_parse import parse
from hyoka_parse.layout.model import Cell, Table
from hyoka_parse.layout.page_objects import Char
from hyoka_parse.layout.pdf_page import _overflow, cell_key
from hyoka_parse.models import FieldModel, Measure
from hyoka_parse.source import Line
from hyoka_parse.text import paragraphs

PAGES = FIXTURES / "extractors"


def _squeeze(texts: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", t) for t in texts]


def _field(name: str, number: int | None) -> FieldModel:
    """Field ``number`` of a fixture (None: the first, on a page with no field heading)."""
    path = PAGES / name if "." in name else FIXTURES / "pdf" / "chromium" / f"{name}.pdf"
    fields = parse(str(path), jobs=1).policies[0].fields
    return next(f for f in fields if f.number == number or number is None)


def test_a_cell_line_printed_across_the_bottom_rule_is_the_cells() -> None:
    # Chromium, IPAMincho, narrow: 2-5's grid goes on overleaf; its note's last line 席率。
    # stands across the bottom rule (glyph box from 1.4 pt above it), not below the table.
    assert_measure_2_5(_field("chromium-measure-2-5-overflow", 2).measures[0])


def test_a_note_piece_of_half_width_digits_stays_in_its_column() -> None:
    # -layout, Chromium narrow: （注）平 / 成 30 年 / 度は事業 / … / の実施な / し。 beside
    # 参考指標３'s grid; 成 30 年 takes six characters, as wide on paper as four.
    ref = next(
        r
        for r in _field(
            "chromium-page-6-reference-3.pdftotext-layout.txt", None
        ).reference_indicators
        if r.number == 3
    )
    assert _squeeze(ref.notes) == ["平成30年度は事業としては新規公募の実施なし。"]
    assert [s.label for s in ref.series] == [None]
    assert [(v.fiscal_year, v.value.raw) for v in ref.series[0].values] == [
        (2017, "3.7 倍"),
        (2018, "－（注）"),
        (2019, "8.0 倍"),
        (2020, "4.0 倍"),
    ]


def test_a_side_piece_with_a_space_of_its_own_above_the_years() -> None:
    # pdfplumber, Chromium narrow: （出典： 実 績 値 / ISTC 理事 / 会文書）: 理事 is no word of
    # the grid, which prints only 実績値 above its years.
    ref = _field("chromium-page-76-reference-istc.pdfplumber.txt", 11).reference_indicators[0]
    assert re.sub(r"\s+", "", ref.source or "") == "ISTC理事会文書"
    assert_istc(ref)


def test_the_vertical_note_mark_overleaf_is_no_part_of_the_rationale() -> None:
    # -layout, LibreOffice IPAMincho wide: 評価結果 ends page 2; （ / 注 / １ / ） stand
    # beside the rationale overleaf, left of the list's label column.
    policy = parse(str(PAGES / "lo-ipa-wide-pages-1-5-header.pdftotext-layout.txt")).policies[0]
    assert policy.result is not None
    assert (policy.result.label, policy.result.grade) == ("相当程度進展あり", "B")
    assert policy.result.rationale == (
        "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。"
    )
    # the list's label whole before the list, so 状況 alone is 7-3's title's last line
    titles = {m.id: m.title for m in policy.measure_summary}
    assert titles["7-3"] == "人権理事会に我が国が提出・提案する人権状況決議の採択状況"


def test_a_printed_line_broken_after_a_mark_is_measured_whole() -> None:
    # -raw, Chromium IPAexMincho wide: …閣議決定） / 、シナイ半島国際平 / 和協力業務… is one
    # item; the short second piece ends no item.
    related = _field("chromium-exwide-page-17-related-field-3.pdftotext-raw.txt", 3)
    assert _squeeze(related.related_policies[-3:]) == [
        "・シナイ半島国際平和協力業務の実施について（平成31年４月２日閣議決定）、シナイ半島"
        "国際平和協力業務実施計画の変更について（令和元年11月12日閣議決定）",
        "・南スーダン共和国における政府間開発機構（IGAD）の活動に係る物資協力の実施について"
        "（令和元年12月20日閣議決定）",
        "・第201回国会外交演説（令和２年１月20日）",
    ]
    field_9 = _field("chromium-exwide-pages-52-53-overview-field-9.pdftotext-raw.txt", 9)
    assert len(field_9.overview) == 5
    assert _squeeze(field_9.overview[1:2]) == [
        "１核軍縮については、NPTを基礎とする国際的な核軍縮・不拡散体制の維持・強化、軍縮・"
        "不拡散イニシアティブ（NPDI）の取組主導、国連総会への核兵器廃絶決議案の提出・採択、"
        "包括的核実験禁止条約（CTBT）の早期発効、核兵器用核分裂性物質生産禁止条約（FMCT）の"
        "早期交渉開始に向けた取組、その他国際的枠組みにおける取組、「非核特使」及び「ユース"
        "非核特使」制度を活用した軍縮・不拡散教育等の取組を積極的に行う。"
    ]


def test_a_printed_line_broken_between_brackets_set_close() -> None:
    # -raw, Chromium IPAexMincho wide: …イスラム国」 / （ISIL）の支配領域は縮小し、イラクに:
    # together one full line, and the paragraph goes on.
    overview = _field("chromium-exwide-page-22-overview-field-4.pdftotext-raw.txt", 4).overview
    assert len(overview) == 1
    assert _squeeze(overview)[0].startswith(
        "イラク・シリアにおける「イラクとレバントのイスラム国」（ISIL）の支配領域は縮小し、"
        "イラクについてはイラク全土のISILからの解放宣言がなされた（平成29年12月）が、"
    )


FULL = "あ" * 30  # a full line of the block


def _lines(*texts: str) -> list[Line]:
    return [Line(no=n, page=1, text=t) for n, t in enumerate(texts, start=1)]


def test_brackets_set_close_join_only_when_they_make_a_full_line() -> None:
    # 12 + 18 characters: one printed line; 12 + 8: a short paragraph ends after the bracket
    head, whole, short = "い" * 11 + "」", "（う）" + "う" * 15, "（う）" + "う" * 5
    assert paragraphs(_lines(FULL, head, whole, FULL)) == [FULL + head + whole + FULL]
    assert paragraphs(_lines(FULL, head, short, FULL)) == [FULL + head, short, FULL]


def test_a_cut_cell_that_ends_a_sentence_is_whole_when_another_goes_on(measures: dict) -> None:
    # -layout, Chromium IPAexMincho wide: 7-3's three targets reach the page's foot, 2019's
    # and 2020's with …確保す / る。; one column goes on overleaf (採択） / より多 / …), the
    # 2018 target's, the one cell that stopped without a sentence end. The values: the
    # report's (its text's output), white space aside.
    report = parse(str(PAGES / "chromium-exwide-pages-45-46-measure-7-3.pdftotext-layout.txt"))
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == "7-3"]
    def cells(measure: Measure) -> list[tuple[int, str, str]]:
        return [
            (y.fiscal_year, squeeze(y.target_value.raw), squeeze(y.actual_value.raw))
            for y in measure.years
        ]

    assert cells(m) == cells(measures["7-3"])
    assert squeeze(m.years[0].target_value.raw).endswith("より多くの賛成票を確保する。")


def _char(top: float, x0: float = 10.0, size: float = 7.0) -> Char:
    return Char("字", x0, x0 + size, top, top + size, size)


def test_only_a_line_across_the_bottom_rule_goes_back_to_its_cell() -> None:
    # A one-cell table from 0 to 45 pt, its text's last line at 32: the line at 42 (centre
    # below the rule at 45, box from above it) is the cell's; one set below the rule at 46,
    # or across the rule but far below the cell's last line, is free text.
    cell = Cell(text="", box=(0.0, 0.0, 100.0, 45.0), table=0)
    table = Table(id=0, page=1, box=(0.0, 0.0, 100.0, 45.0), cells=[cell], n_rows=1, n_cols=1)
    own, across, below = _char(32.0), _char(42.0), _char(46.0)
    by_cell = {cell_key(cell): [own]}
    assert _overflow([across, below], [table], by_cell) == [below]
    assert by_cell[cell_key(cell)] == [own, across]
    far = {cell_key(cell): [_char(5.0)]}
    assert _overflow([across], [table], far) == [across]


def test_the_label_columns_own_note_mark_stays_the_labels() -> None:
    # -layout, Chromium IPAPGothic (held-out set 3): the list's label column ends with its
    # own （注 / ２）, two characters a line: the label's, so the label is whole before the
    # list and 7-3's title keeps its last line 況 (not taken for a piece of the label).
    policy = parse(str(PAGES / "chromium-pgothic-pages-1-2-header.pdftotext-layout.txt")).policies[0]
    titles = {m.id: m.title for m in policy.measure_summary}
    assert titles["7-3"] == "人権理事会に我が国が提出・提案する人権状況決議の採択状況"

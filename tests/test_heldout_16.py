"""Renditions of held-out set 16 (fonts, widths and type sizes the readers were not written
on), and one page of set 14 that set 16 explained, read back as the report prints them. The
same sets' texts by pdfminer are in test_box_order.py.

Fixtures: a page of each rendition's text (tests/fixtures/extractors), cut at form feeds.
"""

from __future__ import annotations

from conftest import FIXTURES

from hyoka_parse import parse
from hyoka_parse.layout import text_reference, year_grid
from hyoka_parse.layout.model import Line

PAGES = FIXTURES / "extractors"


def test_a_label_of_several_pieces_then_a_value_gives_the_value_to_its_row() -> None:
    """Chromium, Noto Sans Mono CJK JP, extra wide, big type, 令和４年度: pdftotext sets
    field 4's 参考指標 row ② as ``②平成 29年度：穏健主義育 ４か国``, then ``12名`` /
    ``10名`` / ``０名``: ４か国 went into the label, and 12名 … a year earlier, exit 0
    (layout/year_grid.py ``_label_then_values``)."""
    name = "r4-chromium-notosansmonojp-xwide-big-page-29-reference-field-4.pdftotext.txt"
    text = (PAGES / name).read_text(encoding="utf-8")
    lines = [Line(k, 29, t) for k, t in enumerate(text.split("\n"), start=1)]
    start = next(k for k, ln in enumerate(lines) if ln.text.startswith("参考指標："))
    region = text_reference.find_reference(lines, start)
    assert region is not None
    got, problems = year_grid.rebuild(lines[region[0] : region[1]], text_reference.REFERENCE)
    rows = [[c.text for c in ln.cells] for ln in got if ln.cells]
    assert rows[0][1:] == ["平成30年度", "令和元年度", "令和２年度", "令和３年度"]
    assert rows[1][1:] == ["３か国", "６か国", "０か国", "０か国"]
    assert rows[2][0].startswith("②平成 29年度：穏健主義育")
    assert rows[2][1:] == ["４か国", "12名", "10名", "０名"]
    assert problems == []


def test_a_grid_ends_where_the_next_grid_begins() -> None:
    """Chromium, Noto Sans CJK SC, small type, 令和４年度: pdftotext prints 5-4's grid right
    after 5-3's (``（注）令和元年度の実 中期目標値`` starts it) and 5-4's heading after its
    grid. 5-3's grid read on into 5-4's: 14 values for 7 cells, all left as text
    (layout/text_quant.py, ``read_quant``). 5-4's grid, rebuilt with its cells empty (its
    values read in two orders), and its heading after it are said unplaced in 5-3's block
    (extract/quantitative.py ``_next_grid``; held-out set 20)."""
    name = "r4-chromium-notosanssc-mid-small-page-26-measures-5-3-5-4.pdftotext.txt"
    report = parse(str(PAGES / name))
    (field,) = report.policies[0].fields
    measure = next(m for m in field.measures if m.id == "5-3")
    assert measure.kind == "quantitative"
    assert measure.mid_term_target is not None
    assert measure.mid_term_target.value is not None
    assert measure.mid_term_target.value.raw == "－"
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.raw) for y in measure.years] == [
        (2019, "９回", "９回"),
        (2020, "９回", "９回"),
        (2021, "９回", "２回"),
    ]
    assert measure.rating == "a"
    said = [w.message for w in report.warnings if w.code == "unplaced_text"]
    assert any(m.startswith("測定指標5-3: a grid after its own") for m in said)


def test_a_chapter_of_the_security_strategy_starts_its_own_item() -> None:
    """pdfplumber, Chromium, Noto Sans Mono CJK JP, extra wide, big type (令和４年度): field 5's
    関連する内閣の重要政策 prints ``Ⅳ １(９)宇宙空間の…活用の推進``, a full line, then
    ``Ⅳ ４(２)法の支配の強化``: read as one item, every later item a place early. A chapter
    number of the 国家安全保障戦略 opens an item (text.py ``_ITEM_OPEN``)."""
    name = "r4-chromium-notosansmonojp-xwide-big-page-31-related-field-5.pdfplumber.txt"
    (field,) = parse(str(PAGES / name)).policies[0].fields
    assert field.related_policies[12:16] == [
        "Ⅲ １(４)国際公共財(グローバル・コモンズ)に関するリスク",
        "Ⅳ １(９)宇宙空間の安定的利用の確保及び安全保障分野での活用の推進",
        "Ⅳ ４(２)法の支配の強化",
        "・ 米国提案による国際宇宙探査への日本の参画方針（令和元年 10 月 18 日 宇宙開発戦略本部決定）",
    ]


def test_a_chapter_of_the_space_plan_starts_its_own_item() -> None:
    """-raw, LibreOffice, IPAMincho, extra wide, big type (held-out set 14): the 宇宙基本計画's
    ``４.(２)④ 宇宙外交の推進及び…海外展開戦略の強化`` fills its line, and ``ⅰ)宇宙空間に
    おける法の支配の実現・強化`` was joined to it; so were the strategy's Ⅳ １(９) and
    Ⅳ ４(２) (text.py ``_ITEM_OPEN``)."""
    name = "lo-ipamincho-xwide-big-page-44-related-field-5.pdftotext-raw.txt"
    field = next(f for f in parse(str(PAGES / name)).policies[0].fields if f.number == 5)
    items = field.related_policies
    assert items[7:10] == [
        "４.(２)④ 宇宙外交の推進及び宇宙分野に関連する海外展開戦略の強化",
        "ⅰ)宇宙空間における法の支配の実現・強化",
        "ⅱ)国際宇宙協力の強化",
    ]
    assert items[13:15] == [
        "Ⅳ １(９)宇宙空間の安定的利用の確保及び安全保障分野での活用の推進",
        "Ⅳ ４(２)法の支配の強化",
    ]


def test_a_row_whose_values_stand_outside_its_years_is_left_out() -> None:
    """PyMuPDF's ``get_text(sort=True)`` (a breaker's trial on set 16's Chromium, Noto Sans
    CJK SC rendition) pads a line's cells with runs of spaces that keep no positions, and the
    text is read as -layout text: 参考指標５'s ① put 7,400 部 under 2019 and 7,100 部 under
    2021, its last two values past the grid, exit 0. A row that leaves a year empty while a
    value stands outside the years' columns is left out, said (extract/reference.py
    ``_shifted``)."""
    name = "r4-chromium-notosanssc-mid-small-page-6-reference-5.pymupdf-sort.txt"
    report = parse(str(PAGES / name))
    grid = next(r for r in report.policies[0].fields[0].reference_indicators if r.number == 5)
    assert grid.series == []
    said = [w for w in report.warnings if "do not stand under its fiscal years" in w.message]
    assert len(said) == 3

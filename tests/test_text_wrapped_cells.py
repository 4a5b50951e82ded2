"""Grids whose narrow cells wrap their text, read from extracted text (issue 9).

LibreOffice's rendition in IPAGothic with a very wide note column and small type (held-out
set 12, ``lo-ipagothic-xwide-small``) prints measures 2-5 and 5-4 with year columns so
narrow that:

- the sub-headers 年度目標値 / 実績値 stand one character a line (``年 / 度 / 目 / 標 / 値``),
  and the years are cut before their 度 (``平成 30 年``, the 度 on a later line, overleaf in
  -layout: the page break falls inside the header);
- the values wrap inside their cells: 100％ as ``10`` over ``0％``, 100% as ``100`` over
  ``%``, 10 回 as ``10`` over ``回``;
- the note column beside the grid is wider than a third of a line (18 characters).

Each extractor's text gave the three grids as qualitative, no values, no rating, the header's
characters in the note. The grid's shape (one 中期目標値, a 年度目標値 and a 実績値 a year)
says how many cells the pieces make; they are joined only where that leaves one reading,
else the values stay null with a warning (``10`` read for 100％ is a wrong number).

The same kind, values only, in held-out set 11's LibreOffice Noto Serif wide rendition (2-5).

Fixtures: pages 16-17 and 37-38 of set 12's rendition's texts and page 27 of set 11's, cut
at form feeds with /work/heldout11/cut.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, squeeze

from hyoka_parse import parse
from hyoka_parse.models import Measure

PAGES = FIXTURES / "extractors"
NAME = "lo-ipagothic-xwide-pages-{pages}.{extractor}.txt"
ALL = ["pdftotext", "pdftotext-raw", "pdftotext-layout", "pdfplumber", "pdfium"]

NOTE_2_5 = (
    "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務"
    "レベル会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる"
    "会合（年10回程度）の出席率。"
)
CELLS_2_5 = [(2018, "100％", "100％"), (2019, "100％", "100％"), (2020, "100％", "100%")]
# 5-4 as the report prints it: 10 回 10 回 / 10 回 ４回 / ７回 ３回 (spaces as the text has them)
CELLS_5_4 = [(2018, "10回", "10回"), (2019, "10回", "４回"), (2020, "７回", "３回")]
NOTE_5_4 = "令和元年度の実績値から国際会議の場における非公式意見交換等を除く。"


def _measure(path: str, measure_id: str) -> tuple[Measure, list[str]]:
    report = parse(path, jobs=1)
    (m,) = [m for p in report.policies for f in p.fields for m in f.measures if m.id == measure_id]
    return m, [w.message for w in report.warnings]


def _cells(m: Measure) -> list[tuple[int | None, str | None, str | None]]:
    return [
        (
            y.fiscal_year,
            y.target_value and squeeze(y.target_value.raw),
            y.actual_value and squeeze(y.actual_value.raw),
        )
        for y in m.years
    ]


@pytest.mark.parametrize("extractor", ALL)
def test_a_grid_whose_header_words_and_values_wrap_in_narrow_cells(extractor: str) -> None:
    path = PAGES / NAME.format(pages="16-17-measure-2-5", extractor=extractor)
    m, _ = _measure(str(path), "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == CELLS_2_5
    assert [y.target_value.value for y in m.years] == [100, 100, 100]
    assert squeeze(m.notes) == [NOTE_2_5]


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pdftotext-layout", "pdfplumber", "pdfium"])
def test_a_grid_whose_units_wrap_under_their_numbers(extractor: str) -> None:
    # -raw and pdfium print 5-4's header words and values one piece a line (年 / 度 / … /
    # 10 / 回 / ４ / 回 …): the values are a grid's, no vertical label's to drop. (The
    # default mode prints 5-3's last column inside 5-4's grid: another kind, not read here.)
    path = PAGES / NAME.format(pages="37-38-measure-5-4", extractor=extractor)
    m, _ = _measure(str(path), "5-4")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == CELLS_5_4
    assert [(y.target_value.value, y.actual_value.value) for y in m.years] == [
        (10, 10),
        (10, 4),
        (7, 3),
    ]
    assert squeeze(m.notes) == [NOTE_5_4]


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pdfplumber", "pdfium"])
def test_values_wrapped_under_whole_header_words(extractor: str) -> None:
    # The same kind in held-out set 11 (LibreOffice, Noto Serif, wide): header words whole,
    # only the values wrapped (10 / 0％, 100 / %), 7 pieces over two lines (pdfplumber) or
    # 13 a line each (-raw, pdfium) for 7 cells
    path = PAGES / f"lo-notoserif-wide-page-27-measure-2-5.{extractor}.txt"
    m, _ = _measure(str(path), "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == CELLS_2_5


def test_a_wrapped_value_whose_block_does_not_say_whose_it_is(tmp_path: Path) -> None:
    # The default mode prints 2-5's 中期目標値 (－) in a block of its own after 平成30年度's
    # 年度目標値 and its value: which cell it is, the blocks tell (one value in each
    # sub-header's block, one left). With the blank line before it gone, 年度目標値's block
    # holds two values: no value is placed, the grid is said left empty.
    path = PAGES / NAME.format(pages="16-17-measure-2-5", extractor="pdftotext")
    text = path.read_text(encoding="utf-8").replace("0％\n\n－\n", "0％\n－\n", 1)
    edited = tmp_path / "edited.pdftotext.txt"
    edited.write_text(text, encoding="utf-8")
    m, warnings = _measure(str(edited), "2-5")
    assert (m.kind, m.rating) == ("quantitative", "b")
    values = [v for y in m.years for v in (y.target_value, y.actual_value)]
    assert all(v is None or v.value is None for v in values)
    assert any("wrapped values" in w and "left empty" in w for w in warnings)


def test_wrapped_pieces_are_joined_only_one_way() -> None:
    from hyoka_parse.layout.wrapped_values import joins, wrapped_cells  # new with this kind

    # cell by cell (-raw, pdfium) and row by row (pdfplumber)
    assert wrapped_cells([["－", "10"], ["0％"], ["100"], ["%"]], 3) == ["－", "100％", "100%"]
    assert wrapped_cells([["－", "10", "100"], ["0％", "%"]], 3) == ["－", "100％", "100%"]
    # one end under a row of two numbers: whose it is, nothing tells
    assert wrapped_cells([["－", "10", "10"], ["0％"]], 3) is None
    # a number never goes on a number (15 10 is no 1510), a dash takes no piece
    assert joins("15", "10") is None
    assert joins("－", "0％") is None
    assert joins("82％", "5") is None
    assert wrapped_cells([["－", "15"], ["10"]], 2) is None

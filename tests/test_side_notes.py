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
from hyoka_parse.models import Field, ReferenceIndicator

PAGES = FIXTURES / "extractors"


def _squeeze(texts: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", t) for t in texts]


def _assert_istc(ref: ReferenceIndicator) -> None:
    """参考指標 of field 11 as the report prints it: one note, one unlabelled series."""
    assert _squeeze(ref.notes) == ["ISTC事務局の職員数（ヌルスルタン本部＋４支部事務所）の合計人数"]
    assert [(p.fiscal_year, p.value.value) for p in ref.series[0].values] == [
        (2017, 32),
        (2018, 31),
        (2019, 30),
        (2020, 32),
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
    _assert_istc(ref)


def test_a_piece_with_a_space_before_the_row_of_values(tmp_path: Path) -> None:
    """LibreOffice, IPAexMincho, wide: ``（注）ISTC 事 32 31 30 32``: the note's first piece
    holds a space; the values after it are the grid's row."""
    text = extract(FIXTURES / "pdf/lo/lo-reference-istc.pdf", "pdfplumber", tmp_path / "i.txt")
    ref = parse(str(text)).policies[0].fields[0].reference_indicators[0]
    _assert_istc(ref)


def test_header_pieces_alone_between_the_pieces_of_a_note() -> None:
    """Chromium, IPAexMincho, narrow: measure 2-5's header rows stand on lines of their own
    (``--年度 年度目標 実績値 …``, ``値 値 値``) between the note's pieces; they are the
    grid's, not the note's."""
    m = _field("chromium-ex-narrow-pages-13-14-measure-2-5").measures[0]
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


@pytest.mark.parametrize("extractor", ["pdftotext-raw", "pdfium"])
def test_note_pieces_among_the_rows_of_a_grid_read_by_line(extractor: str) -> None:
    """Chromium, IPAPMincho (make_chromium.py, wide): ``-raw`` prints the ISTC note's pieces
    ``４支部事務所）の`` / ``合計人数`` between the years and the values; pdfium glues the first
    to the years (``… 令和２年度４支部事務所）の``). They finish the note; the values after
    them stay the series'."""
    name = f"chromium-pmincho-wide-pages-70-71-reference-istc.{extractor}.txt"
    fields = parse(str(PAGES / name)).policies[0].fields
    _assert_istc(next(f for f in fields if f.number == 11).reference_indicators[0])

"""Renditions of held-out set 11 (fonts and column widths the readers were not written on),
each kind read back as the report prints it:

- pdfplumber (Chromium, IPAMincho, narrow columns, the 令和４年度 edition): 2-5's note
  column beside its grid stands one piece a line, but its piece ``合（ISG）、高級`` stands
  alone beside a blank row of the grid's header; the lines after it still hold a piece and
  the header's words (``事務レベル会合 --年度 年度目 実績値 …``, ``（SOM）、閣僚会 標値 標値
  標値``), which were read whole into the note, and the grid lost its header row.

Fixtures: pages of those renditions' texts (tests/fixtures/extractors), cut at form feeds
from /work/heldout11's texts with its cut.py. The fonts are not installed in CI: the texts
are the fixtures.
"""

from __future__ import annotations

from conftest import FIXTURES, squeeze

from hyoka_parse import parse
from hyoka_parse.models import Measure

PAGES = FIXTURES / "extractors"

NOTE_2_5 = (
    "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務"
    "レベル会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる"
    "会合（年10回程度）の出席率。"
)


def _measure(name: str, measure_id: str) -> Measure:
    report = parse(str(PAGES / name), jobs=1)
    (m,) = [m for p in report.policies for f in p.fields for m in f.measures if m.id == measure_id]
    return m


def _cells(m: Measure) -> list[tuple[int | None, str | None, str | None]]:
    return [
        (y.fiscal_year, y.target_value and y.target_value.raw, y.actual_value and y.actual_value.raw)
        for y in m.years
    ]


def test_a_note_piece_beside_the_headers_words_after_a_piece_alone() -> None:
    m = _measure("chromium-r4-ipamincho-narrow-pages-13-14-measure-2-5.pdfplumber.txt", "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "a", "－")
    assert _cells(m) == [(2019, "100％", "100％"), (2020, "100％", "100％"), (2021, "100％", "100%")]
    assert squeeze(m.notes) == [NOTE_2_5]


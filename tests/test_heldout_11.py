"""Renditions of held-out set 11 (fonts and column widths the readers were not written on),
each kind read back as the report prints it:

- pdfplumber (Chromium, IPAMincho, narrow columns, the 令和４年度 edition): 2-5's note
  column beside its grid stands one piece a line, but its piece ``合（ISG）、高級`` stands
  alone beside a blank row of the grid's header; the lines after it still hold a piece and
  the header's words (``事務レベル会合 --年度 年度目 実績値 …``, ``（SOM）、閣僚会 標値 標値
  標値``), which were read whole into the note, and the grid lost its header row;
- ``-layout`` (the same rendition): 5-4's note column (``（注）令和元年 / 度の実績値から …``)
  stands right under its heading, and 5-3's grid right above that heading has its
  中期目標 column at the same characters: the column was followed up past the heading into
  5-3's grid, and the note was not taken out of 5-4's (its values lost);
- and 参考指標４'s years end page 6 with its two notes running 17 lines below them, its
  values (``４ ４ ４ ４``) at page 7's top: the years were looked for in the page's last 16
  lines only, so the header was not carried over to its values;
- pdfplumber (Chromium, IPAPMincho, very wide label columns): the 同 budget table's 区分
  row wraps its first two years as ``平成30 令和元 令和２年度 令和３年度`` / ``年度 年度``:
  the pieces finish the cut years in order (the table had read two years, its amounts none);
- and 2-5's note pieces stand one space before the rating header's pieces (``管の会期間会合
  （ISM） 令和元・``, ``や、会期支援グループ会 令和２年``): they were read as pieces of the
  note holding a space of their own, the header's years in the note;
- and 参考指標３'s note column is cut after its year (``（注）平成 30 年度 実 績 値``): that
  line was read as the grid's one-year header row, and the note was lost;
- ``-layout`` (Chromium, Noto Sans Mono CJK, mid columns): pdftotext sets 2-5's sub-headers
  three lines below the note's pieces (``（SOM）、閣僚会合 --年度 年度目`` / ``標値`` /
  ``実績値 年度目 …`` / ``標値 標値`` / ``など、我が国にと``): lines of header words only
  do not end the note column beside them (its rest was read into the grid's row).

Fixtures: pages of those renditions' texts (tests/fixtures/extractors), cut at form feeds
from /work/heldout11's texts with its cut.py. The fonts are not installed in CI: the texts
are the fixtures.
"""

from __future__ import annotations

from conftest import FIXTURES, squeeze

from hyoka_parse import parse
from hyoka_parse.models import Measure

# The 同（分担金・拠出金） table's amounts (百万円) by year, 平成30年度 to 令和３年度.
TABLE_2 = {
    "当初予算(a)": [None, None, 85077, 85448],
    "補正予算(b)": [None, None, 20221, None],
    "繰越し等(c)": [None, None, 0, None],
    "合計(a＋b＋c)": [None, None, 105298, None],
    "執行額": [None, None, 105015, None],
}

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
        (
            y.fiscal_year,
            y.target_value and y.target_value.raw,
            y.actual_value and y.actual_value.raw,
        )
        for y in m.years
    ]


def test_a_note_piece_beside_the_headers_words_after_a_piece_alone() -> None:
    m = _measure("chromium-r4-ipamincho-narrow-pages-13-14-measure-2-5.pdfplumber.txt", "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "a", "－")
    assert _cells(m) == [
        (2019, "100％", "100％"),
        (2020, "100％", "100％"),
        (2021, "100％", "100%"),
    ]
    assert squeeze(m.notes) == [NOTE_2_5]


def test_a_note_column_right_under_a_heading_with_a_grid_above_it() -> None:
    m = _measure("chromium-r4-ipamincho-narrow-page-31-measure-5-4.pdftotext-layout.txt", "5-4")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "a", "－")
    assert _cells(m) == [(2019, "10 回", "10 回"), (2020, "10 回", "４回"), (2021, "７回", "３回")]
    assert squeeze(m.notes) == [
        "令和元年度の実績値から国際会議の場における非公式意見交換等を除く。"
    ]


def test_a_reference_grid_whose_notes_run_long_below_its_years_before_a_page_break() -> None:
    name = "chromium-r4-ipamincho-narrow-pages-6-7-reference-4.pdftotext-layout.txt"
    report = parse(str(PAGES / name), jobs=1)
    (ref,) = [r for f in report.policies[0].fields for r in f.reference_indicators if r.number == 4]
    assert [(p.fiscal_year, p.value.raw) for s in ref.series for p in s.values] == [
        (2018, "４"),
        (2019, "４"),
        (2020, "４"),
        (2021, "４"),
    ]
    assert squeeze(ref.notes) == [
        "(公財)日本国際問題研究所は本件調査において「2020ThinkTankoftheYear」を受賞",
        "右数は「総合ランキング」にランクインしている数（地域別、分野別ランキングも含めると29）。",
    ]


def test_a_budget_header_whose_first_years_wrap_as_pieces_of_their_own() -> None:
    report = parse(str(PAGES / "chromium-ipapmincho-vwide-page-1-budget.pdfplumber.txt"), jobs=1)
    first, second = report.policies[0].budget
    assert first.fiscal_years == second.fiscal_years == [2018, 2019, 2020, 2021]
    assert second.title == "施策の予算額・執行額等（分担金・拠出金）"
    assert {row.label: [v.value for v in row.values] for row in second.rows} == TABLE_2


def test_note_pieces_one_space_before_the_rating_headers_years() -> None:
    m = _measure("chromium-ipapmincho-vwide-page-13-measure-2-5.pdfplumber.txt", "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == [
        (2018, "100％", "100％"),
        (2019, "100％", "100％"),
        (2020, "100％", "100%"),
    ]
    assert squeeze(m.notes) == [NOTE_2_5]


def test_a_note_line_that_ends_with_a_year_is_no_row_of_years() -> None:
    report = parse(
        str(PAGES / "chromium-ipapmincho-vwide-page-6-reference-3.pdfplumber.txt"), jobs=1
    )
    (ref,) = [r for f in report.policies[0].fields for r in f.reference_indicators if r.number == 3]
    assert [(p.fiscal_year, p.value.raw) for s in ref.series for p in s.values] == [
        (2017, "3.7 倍"),
        (2018, "－（注）"),
        (2019, "8.0 倍"),
        (2020, "4.0 倍"),
    ]
    assert squeeze(ref.notes) == ["平成30年度は事業としては新規公募の実施なし。"]


def test_a_note_column_beside_sub_headers_set_lines_below_it() -> None:
    m = _measure("chromium-notosansmono-mid-page-13-measure-2-5.pdftotext-layout.txt", "2-5")
    assert (m.kind, m.rating, m.mid_term_target.value.raw) == ("quantitative", "b", "－")
    assert _cells(m) == [
        (2018, "100％", "100％"),
        (2019, "100％", "100％"),
        (2020, "100％", "100%"),
    ]
    assert squeeze(m.notes) == [NOTE_2_5]


"""Pages left out, or a measure's heading lost: nothing runs on across the gap.

A breaker's trial dropped single pages from extracted texts of the report, and read PDFs
with ``--pages`` ranges that skip pages: the text after the gap went on under the measure
read last (4-3's 年度目標 and 施策の進捗状況・実績 under 4-2, its rating too), exit 0. Now a
page that does not follow the page before it (``--pages``, or a printed page number that
runs ahead) starts a ``page_gap`` block: its text up to the next heading is unplaced, said,
and no measure is open until the next 測定指標 heading (pages.py, handlers.on_page_gap). In
a text without page numbers the gap is not seen, but a measure whose years come again, or
that gets a second rating, has swallowed a later measure whose heading was lost: those
parts are unplaced, said (``lost_heading``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from extractor_matrix import extract

from hyoka_parse import parse
from hyoka_parse.models import Measure, Report
from hyoka_parse.pages import gap_pages
from hyoka_parse.pipeline import parse_text

FIELDS_3_4 = FIXTURES / "pdf" / "report_fields_3_4.pdf"


def _measure(report: Report, measure_id: str) -> Measure:
    (m,) = [m for f in report.policies[0].fields for m in f.measures if m.id == measure_id]
    return m


def _gaps(report: Report) -> list[tuple[int | None, int | None]]:
    """Each ``page_gap`` warning's page and printed page."""
    return [
        (w.location.page, w.location.printed_page)
        for w in report.warnings
        if w.code == "page_gap"
    ]


def _lost_headings(report: Report) -> list[tuple[int | None, str]]:
    """Each ``lost_heading`` warning's line and what its message says before the ``;``."""
    return [
        (w.location.line, w.message.partition(";")[0])
        for w in report.warnings
        if w.code == "lost_heading"
    ]


@pytest.mark.parametrize("kind", ["pdf", "pdftotext-layout"])
def test_a_page_range_that_skips_pages(kind: str, tmp_path: Path) -> None:
    # pages 21–23 hold 4-2's later years and 4-3's heading; overleaf, 4-3's years. In
    # text, --pages picks form-feed pages (a breaker's trial: no gap was seen there)
    path = FIELDS_3_4 if kind == "pdf" else extract(FIELDS_3_4, kind, tmp_path / "f.txt")
    report = parse(str(path), pages=[*range(1, 21), *range(24, 30)])
    m = _measure(report, "4-2")
    assert [y.fiscal_year for y in m.years] == [2018]
    assert m.rating is None
    assert _gaps(report) == [(24, 24)]
    unplaced = [w for w in report.warnings if w.message.startswith("year_target outside")]
    assert [w.location.page for w in unplaced] == [24, 25]


def test_a_text_with_a_page_dropped(tmp_path: Path) -> None:
    pages = extract(FIELDS_3_4, "pdftotext-layout", tmp_path / "f.txt").read_text("utf-8")
    kept = pages.split("\f")
    assert kept[22].strip().endswith("23")  # the printed page number of page 23
    del kept[22]
    report = parse_text("\f".join(kept))
    m = _measure(report, "4-2")
    # 4-2's own three years; 4-3's 2019 and 2020 overleaf are under no measure
    assert [y.fiscal_year for y in m.years] == [2018, 2019, 2020]
    assert all(y.target and y.target.startswith("１ 国連の犯罪防止") for y in m.years[1:])
    assert m.rating is None
    assert _gaps(report) == [(23, 24)]


def test_a_second_mid_term_target_is_a_later_measures() -> None:
    # 1-2's heading lost: its 中期目標 replaced 1-1's (a breaker's trial), exit 0
    text = (FIXTURES / "mofa_r3_II-1.txt").read_text(encoding="utf-8")
    heading = "測定指標１－２ 中長期的・戦略的外交政策の対外発信の強化 ＊ \n"
    assert text.count(heading) == 1
    report = parse_text(text.replace(heading, ""))
    target = _measure(report, "1-1").mid_term_target
    assert target is not None and target.text == "中長期的・戦略的外交政策の企画立案を強化する。"
    assert _lost_headings(report) == [(771, "測定指標1-1: a second 中期目標 comes")]


def test_a_measure_whose_years_come_again_lost_the_next_heading() -> None:
    text = (FIXTURES / "mofa_r3_II-1.txt").read_text(encoding="utf-8")
    start = text.index("測定指標３－２ 国際社会")
    end = text.index("平成 30 年度目標", start)
    # 3-2's heading and 中期目標 lost: its years follow 3-1's
    report = parse_text(text[:start] + text[end:])
    m = _measure(report, "3-1")
    assert [y.fiscal_year for y in m.years] == [2018, 2019, 2020]
    assert all(y.target and "国連南スーダン共和国ミッション" in y.target for y in m.years)
    assert _lost_headings(report) == [(2956, "測定指標3-1: its 平成 30 年度目標 comes again")]


def test_a_second_rating_is_no_measures_own() -> None:
    text = (FIXTURES / "mofa_r3_II-1.txt").read_text(encoding="utf-8")
    start = text.index("測定指標３－２ 国際社会")
    end = text.rindex("\n", start, text.index("年度目標の達成状況：", start)) + 1
    # 3-2 lost from its heading to its rating, which comes second after 3-1's (set to ａ
    # here, 3-1's being ｂ as 3-2's is, to see which one 3-1 keeps)
    rating = "平成 30･令和元・２年度目標の達成状況：ｂ"
    assert text[end:].startswith(rating)
    report = parse_text(text[:start] + text[end:].replace(rating, rating[:-1] + "ａ", 1))
    assert _measure(report, "3-1").rating == "b"
    said = [w for w in report.warnings if "second rating" in w.message]
    assert [(w.code, w.location.line) for w in said] == [("lost_heading", 2956)]


def test_gap_pages() -> None:
    # --pages: the pages after each left-out run
    assert gap_pages({}, [1, 2, 3, 7, 8, 20]) == [7, 20]
    # printed numbers that run ahead by a page or more, their neighbours going on
    assert gap_pages({1: 1, 2: 2, 3: 4, 4: 5}, None) == [3]
    # a misread number (a cell taken for the page number) is no gap, nor a number going back
    assert gap_pages({1: 1, 2: 2, 3: 220, 4: 4}, None) == []
    assert gap_pages({21: 20, 22: 21, 23: 20, 24: 21}, None) == []
    # pages without a number decide nothing
    assert gap_pages({1: 1, 5: 9}, None) == []

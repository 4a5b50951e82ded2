"""End to end on the whole real report, and on variants of it that other reports will be."""

from __future__ import annotations

import re

import pytest
from conftest import PAGES, REPORT

from hyoka_parse import parse, parse_text
from hyoka_parse.models import MeasureYear, Report, Value


def test_counts(report: Report) -> None:
    assert len(report.budget_sheets) == 1
    assert len(report.policies) == 1
    policy = report.policies[0]
    assert [f.number for f in policy.fields] == list(range(1, 12))
    measures = [m for f in policy.fields for m in f.measures]
    assert len(measures) == 39
    quantitative = [m.id for m in measures if m.kind == "quantitative"]
    assert quantitative == ["2-5", "3-4", "3-5", "5-3", "5-4", "7-3", "8-2"]
    assert all(len(m.years) == 3 for m in measures)
    refs = {f.number: len(f.reference_indicators) for f in policy.fields if f.reference_indicators}
    assert refs == {1: 5, 4: 1, 6: 2, 11: 1}


def test_specific_values(report: Report, measures: dict) -> None:
    policy = report.policies[0]
    assert measures["3-4"].years[1].actual_value.model_dump() == {
        "raw": "78.3％",
        "value": 78.3,
        "unit": "%",
        "qualifier": None,
    }
    assert (measures["8-2"].years[2].fiscal_year, measures["8-2"].years[2].actual_value.raw) == (
        2020,
        "13 位",
    )
    assert measures["8-2"].years[2].actual_value.value == 13
    assert sorted(i for i, m in measures.items() if m.rating == "a") == ["10-3", "11-4", "6-3"]
    assert {m.rating for m in measures.values()} == {"a", "b"}
    assert measures["5-4"].is_main is False and measures["5-1"].is_main is True
    assert measures["6-3"].mid_term_target.fiscal_year == 2025  # 中期目標（令和７年度）
    second = policy.budget[1]
    correction = next(r for r in second.rows if r.label.startswith("補正予算"))
    assert second.fiscal_years.index(2020) == 2 and correction.values[2].value == 20221
    assert policy.result.grade == "B"
    assert policy.fields[4].title == "宇宙に関する取組の強化"


def test_field_3_heading_inside_measure_3_1(report: Report, measures: dict) -> None:
    fields = report.policies[0].fields
    assert [m.id for m in fields[1].measures] == ["2-1", "2-2", "2-3", "2-4", "2-5"]
    assert [m.id for m in fields[2].measures] == ["3-1", "3-2", "3-3", "3-4", "3-5"]
    assert (
        fields[2]
        .overview[0]
        .startswith("１ 国際社会の平和と安定に向け、内閣府、防衛省等と連携しつつ")
    )
    assert fields[1].related_policies[-1] == "４．目的達成のための施策"
    assert fields[2].related_policies[1] == "Ⅳ４（４）国際平和協力の推進"
    progress = measures["3-1"].years[1].progress
    assert progress.startswith(
        "１ UNMISS への司令部要員の派遣は、５月に実施計画の変更を閣議決定し、令和２年５月末"
    )
    assert (
        "関連する内閣の重要政策" not in progress
        and "施策の概要" not in measures["3-1"].years[1].target
    )


def test_evaluation_heading_that_names_the_wrong_field(report: Report, measures: dict) -> None:
    mismatches = [w for w in report.warnings if w.code == "label_mismatch"]
    assert len(mismatches) == 1 and mismatches[0].location.line == 10692
    assert "個別分野1" in mismatches[0].message and "個別分野9" in mismatches[0].message
    assert measures["9-1"].analysis.startswith("１ NPT 運用検討会議の意義ある成果に向けては")
    assert measures["1-1"].analysis.startswith("１ 平成 30 年度から令和２年度の期間において")


def test_next_direction_of_renamed_measures(measures: dict, report: Report) -> None:
    assert measures["2-5"].next_direction_title == "我が国の経済安全保障の確保"
    assert measures["2-5"].next_direction.startswith(
        "わが国を取り巻く安全保障環境が急速に変化しており"
    )
    assert measures["3-5"].next_direction_title == measures["3-5"].title  # a heading that wrapped
    renamed = sorted(
        w.message.split("測定指標")[1].split(" ")[0]
        for w in report.warnings
        if w.code == "renamed_measure"
    )
    assert renamed == ["2-1", "2-5", "6-2", "6-3", "8-1", "8-2"]
    assert [
        w.code for w in report.warnings if w.code not in ("renamed_measure", "label_mismatch")
    ] == []


def test_every_measure_has_its_texts(measures: dict) -> None:
    for m in measures.values():
        assert m.rating and m.analysis and m.next_direction, m.id
        for y in m.years:
            if m.kind == "qualitative":
                assert y.target and y.progress and y.target_value is None, (m.id, y.label)
            else:
                assert y.target is None and y.actual_value is not None, (m.id, y.label)


_SOURCE = REPORT.read_text(encoding="utf-8").split("\n")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_YEAR_HEAD = re.compile(r"^\s*(平成|令和)\s*(元|\d+|[０-９]+)\s*年度目標\s*$")
_PROGRESS_HEAD = re.compile(r"^\s*施策の進捗状況・実績\s*$")
_END = re.compile(
    r"^\s*(?:(平成|令和)\s*(元|\d+|[０-９]+)\s*年度目標\s*$|.*年度目標の達成状況|個別分野\s*\S+\s)"
)


def _chars(text: str) -> str:
    return re.sub(r"\s", "", text)


def _slice(start: int) -> str:
    """Characters of the source from the line after ``start`` up to the next heading."""
    out = []
    for line in _SOURCE[start:]:
        if _END.match(line) or _PROGRESS_HEAD.match(line):
            break
        if not _PAGE_NUMBER.match(line):
            out.append(line)
    return _chars("".join(out))


def test_texts_equal_their_source_slices(measures: dict) -> None:
    """Each year's target and progress has exactly the characters of its source slice."""
    checked = 0
    for m in measures.values():
        if m.kind != "qualitative":
            continue
        for y in m.years:
            head = y.location.line
            assert _YEAR_HEAD.match(_SOURCE[head - 1])
            assert _chars(y.target) == _slice(head), (m.id, y.label, "target")
            progress_head = next(
                i for i in range(head, len(_SOURCE)) if _PROGRESS_HEAD.match(_SOURCE[i])
            )
            assert _chars(y.progress) == _slice(progress_head + 1), (m.id, y.label, "progress")
            checked += 2
    assert checked == 32 * 3 * 2


def test_deterministic_bytes() -> None:
    assert parse(str(REPORT)).to_json() == parse(str(REPORT)).to_json()


def test_concatenated_reports() -> None:
    data = REPORT.read_bytes()
    doubled = parse("two.txt", data + data)
    assert len(doubled.policies) == 2 and len(doubled.budget_sheets) == 2
    one = parse("one.txt", data)
    first = one.policies[0].model_dump(mode="json")
    second = doubled.policies[1].model_dump(mode="json")
    assert _no_lines(first) == _no_lines(second)
    # the same 施策 twice is said once, at the second header (line 99 of the second copy)
    (twice,) = [w for w in doubled.warnings if w.code == "duplicate_id"]
    lines = data.count(b"\n")
    assert one.policies[0].location.line == 99
    assert (twice.location.line, twice.location.page) == (lines + 99, None)
    assert twice.message == (
        "施策II-1 appears twice (first on line 99): two reports, or one report twice, in one input"
    )
    assert len(doubled.warnings) == 2 * len(one.warnings) + 1


def _no_lines(data: object) -> object:
    if isinstance(data, dict):
        return {k: _no_lines(v) for k, v in data.items() if k != "location"}
    if isinstance(data, list):
        return [_no_lines(v) for v in data]
    return data


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp932"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_and_line_ends_parse_the_same(encoding: str, newline: str) -> None:
    text = (PAGES / "policy_header.txt").read_text(encoding="utf-8")
    expected = parse_text(text).model_dump(exclude={"source"})
    data = text.replace("\n", newline).encode(encoding)
    assert parse("x.txt", data).model_dump(exclude={"source"}) == expected


def test_a_later_report_with_other_years() -> None:
    """A 令和４年度 report covers 令和元・２・３年度: years come from the text."""
    text = (PAGES / "measures_1-1_1-2_qualitative.txt").read_text(encoding="utf-8")
    for old, new in (
        ("令和２年度目標", "令和３年度目標"),
        ("令和元年度目標", "令和２年度目標"),
        ("平成 30 年度目標", "令和元年度目標"),
    ):
        text = text.replace(old, new)
    text = text.replace(
        "平成 30･令和元・２年度目標の達成状況：ｂ", "令和元・２・３年度目標の達成状況：ｓ"
    )
    report = parse_text(_minimal_header("令和４年度政策評価書") + text)
    (field,) = report.policies[0].fields
    assert field.implicit and field.number == 0
    m = field.measures[0]
    assert [(y.fiscal_year, y.label) for y in m.years] == [
        (2019, "令和元年度"),
        (2020, "令和２年度"),
        (2021, "令和３年度"),
    ]
    assert m.rating == "s"
    assert report.policies[0].report_fiscal_year == 2022


def _minimal_header(title: str) -> str:
    return f"施策Ⅴ-２ 架空の施策 \n{title} \n(外務省４－Ⅴ－２) \n施策目標 \n１ 目標を達成する。 \n"


def test_policy_without_fields_keeps_its_overview() -> None:
    body = (PAGES / "measure_8-2_quantitative.txt").read_text(encoding="utf-8")
    text = _minimal_header("令和３年度政策評価書") + "施策の概要 \n１ 概要の文。 \n" + body
    policy = parse_text(text).policies[0]
    (field,) = policy.fields
    assert field.implicit and field.overview == ["１ 概要の文。"]
    assert field.measures[0].id == "8-2" and field.measures[0].years[2].actual_value.value == 13


def test_unrelated_text_is_an_input_error() -> None:
    from hyoka_parse import InputError

    with pytest.raises(InputError, match="does not look like a 政策評価書"):
        parse_text("これは政策評価書ではない文章です。\n二行目。\n")


def _signature(report: Report) -> dict:
    """Every measure's structure and values, with text compared by its characters."""

    def chars(text: str | None) -> str:
        return re.sub(r"\s", "", text or "")

    return {
        m.id: (
            f.number,
            m.title.replace(" ", ""),
            m.rating,
            m.is_main,
            m.kind,
            [
                (y.fiscal_year, y.target_value, y.actual_value, chars(y.target), chars(y.progress))
                for y in m.years
            ],
            chars(m.analysis),
            chars(m.next_direction),
        )
        for f in report.policies[0].fields
        for m in f.measures
    }


@pytest.mark.parametrize(
    "variant",
    [
        lambda lines: [ln.rstrip() for ln in lines],  # an extractor that trims line ends
        lambda lines: [ln for ln in lines if ln.strip()],  # one that writes no blank lines
        lambda lines: [ln.strip() for ln in lines if ln.strip()],  # both, and no indents
    ],
    ids=["no-trailing-spaces", "no-blank-lines", "trimmed-and-dense"],
)
def test_other_extractors_output_gives_the_same_measures(variant, report: Report) -> None:
    """Without the trailing spaces that mark its paragraphs, the text is an extractor's with no
    page marks and no page numbers (layout.text_pages): read as one page whose breaks are
    unknown, so 7-3's text grid, whose cells a page break may have cut, is left out with a
    warning instead of regrouped; everything else is the same."""
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    other = parse_text("\n".join(variant(lines)))
    got, want = _signature(other), _signature(report)
    if got["7-3"] != want["7-3"]:  # the variants that trim line ends
        years = [(y.fiscal_year, _raw(y.target_value), _raw(y.actual_value)) for y in _m73(other)]
        assert years == [(2018, "", ""), (2019, "", ""), (2020, "", "")]
        del got["7-3"], want["7-3"]
        extra = ["no_page_breaks", "unparsed_table"]
    else:
        extra = []
    assert got == want
    assert sorted(w.code for w in other.warnings) == sorted(
        [*(w.code for w in report.warnings), *extra]
    )


def _raw(value: Value | None) -> str | None:
    return None if value is None else value.raw


def _m73(report: Report) -> list[MeasureYear]:
    return next(m for f in report.policies[0].fields for m in f.measures if m.id == "7-3").years

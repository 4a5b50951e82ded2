"""A 個別分野 heading the input lost (a breaker's trials: a heading line dropped, pages
deleted): everything of that field goes with its measures into an untitled field of its own
number, with a ``lost_heading`` warning; nothing of it is filed under the field before.

Each damage is made here from the real report (tests/fixtures/mofa_r3_II-1.txt)."""

from __future__ import annotations

from pathlib import Path

from conftest import REPORT

from hyoka_parse import parse
from hyoka_parse.models import FieldModel, Report

_MOVED = {"title", "implicit", "location"}  # what a field without its heading cannot know


def _damaged(tmp_path: Path, *cuts: tuple[int, int, str]) -> tuple[Report, list[str]]:
    """The report with lines ``first``…``last`` (1-based) cut; ``first`` must start with
    the given text (the cuts are checked, so a changed fixture fails here, not silently)."""
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    for first, last, starts in sorted(cuts, reverse=True):
        assert lines[first - 1].strip().startswith(starts)
        del lines[first - 1 : last]
    path = tmp_path / "damaged.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return parse(str(path)), lines


def _same(got: FieldModel, want: FieldModel, moved: set[str] = _MOVED) -> None:
    """The same field as the intact report's but for ``moved``; locations aside (the lines
    after a cut are renumbered), measures by id and rating."""
    drop = moved | {"measures"}
    assert _placeless(got.model_dump(exclude=drop)) == _placeless(want.model_dump(exclude=drop))
    assert [(m.id, m.rating) for m in got.measures] == [(m.id, m.rating) for m in want.measures]


def _placeless(data: object) -> object:
    if isinstance(data, dict):
        return {k: _placeless(v) for k, v in data.items() if k != "location"}
    if isinstance(data, list):
        return [_placeless(v) for v in data]
    return data


def _lost(report: Report) -> list[tuple[int | None, str]]:
    return [
        (w.location.line, w.message) for w in report.warnings if w.code == "lost_heading"
    ]


def _line_of(lines: list[str], text: str, after: int = 0) -> int:
    return next(i for i, ln in enumerate(lines, 1) if i > after and ln.strip() == text)


def test_parts_of_a_field_whose_heading_line_is_lost(tmp_path: Path, report: Report) -> None:
    """G3: 個別分野６'s heading line dropped. Its 参考指標, 施策の分析, 【施策】 text and
    materials stood under 個別分野5 (5's policy_direction overwritten), only its measures
    in an untitled 6; now 6 has all of them, 5 is untouched."""
    damaged, lines = _damaged(tmp_path, (5579, 5579, "個別分野６ 国連を始めとする"))
    want = report.policies[0].fields
    fields = damaged.policies[0].fields
    assert [(f.number, f.implicit, f.title) for f in fields][4:7] == [
        (5, False, "宇宙に関する取組の強化"),
        (6, True, ""),
        (7, False, "国際社会における人権・民主主義の保護・促進のための国際協力の推進"),
    ]
    _same(fields[4], want[4], set())
    _same(fields[5], want[5])
    assert [m.id for m in fields[5].measures] == ["6-1", "6-2", "6-3"]
    assert fields[4].reference_indicators == []
    jpo, staff = fields[5].reference_indicators
    assert [(v.fiscal_year, v.value.raw, v.value.value) for v in jpo.series[0].values] == [
        (2017, "82.9％", 82.9), (2018, "75.0％", 75.0), (2019, "78.0％", 78.0), (2020, "85.2%", 85.2)
    ]
    assert [v.value.value for v in staff.series[0].values] == [850, 882, 912, 918]
    assert fields[5].policy_direction.startswith("１ 国連改革の進展に向けた働き掛けの強化")
    assert fields[4].policy_direction.startswith("近年、宇宙利用の多様化及び活動国の増加")
    assert _lost(damaged) == [
        (
            _line_of(lines, "施策の概要", 5570),
            "個別分野6 has no heading in the input: its parts from here on come after the "
            "last parts of 個別分野5 in the format's order; read into a 個別分野6 without title",
        )
    ]
    assert not [w for w in damaged.warnings if w.code in ("field_mismatch", "label_mismatch")
                and "個別分野6" in w.message]


def test_two_lost_headings_in_a_row(tmp_path: Path, report: Report) -> None:
    """個別分野３ and ４ both without heading: each field's parts stay its own (4's
    参考指標 stood under 2). The real report prints 測定指標3-1 before 個別分野３'s parts:
    3 starts there."""
    damaged, lines = _damaged(
        tmp_path,
        (2837, 2837, "個別分野３ 国際平和協力の拡充"),
        (3750, 3750, "個別分野４ 国際テロ対策協力"),
    )
    want = report.policies[0].fields
    fields = damaged.policies[0].fields
    assert [(f.number, f.implicit) for f in fields][1:5] == [
        (2, False), (3, True), (4, True), (5, False)
    ]
    for got, wanted in zip(fields[1:5], want[1:5], strict=True):
        _same(got, wanted, _MOVED if got.implicit else set())
    (ref,) = fields[3].reference_indicators
    assert [v.value.raw for v in ref.series[0].values] == ["３か国", "６か国", "０か国", "０か国"]
    assert [line for line, _ in _lost(damaged)] == [
        _line_of(lines, "測定指標３－１ 国際平和協力法に基づく要員派遣・物資協力の推進 ＊", 2780),
        _line_of(lines, "施策の概要", 3740),
    ]


def test_first_field_heading_lost(tmp_path: Path, report: Report) -> None:
    """Parts before the first heading (個別分野２) are 個別分野1's, not an implicit field 0."""
    damaged, lines = _damaged(tmp_path, (573, 573, "個別分野１ 中長期的かつ総合的"))
    want = report.policies[0].fields
    fields = damaged.policies[0].fields
    assert [(f.number, f.implicit) for f in fields][:2] == [(1, True), (2, False)]
    _same(fields[0], want[0])
    assert [m.id for m in fields[0].measures] == ["1-1", "1-2"]
    assert len(fields[0].reference_indicators) == 5
    ((line, message),) = _lost(damaged)
    assert line == _line_of(lines, "施策の概要", 570)
    assert message.endswith("come before the first 個別分野 heading; read into a 個別分野1 "
                            "without title")
    assert not [w for w in damaged.warnings if w.code == "label_mismatch" and w.location.line
                and w.location.line < 2000]


def test_pages_lost_between_two_fields(tmp_path: Path, report: Report) -> None:
    """Pages lost from 評価結果(個別分野７) to 8's 関連する内閣の重要政策: 8-1 follows 7-3
    with nothing out of order but its id, which names a field with no heading yet. 8's
    評価結果 and what follows are 8's, 7 keeps only what the input has of it."""
    damaged, lines = _damaged(tmp_path, (7894, 8206, "評価結果(個別分野７)"))
    want = report.policies[0].fields
    fields = damaged.policies[0].fields
    assert [(f.number, f.implicit) for f in fields][6:9] == [(7, False), (8, True), (9, False)]
    seven, eight = fields[6], fields[7]
    assert [m.id for m in seven.measures] == ["7-1", "7-2", "7-3"]
    assert (seven.policy_direction, seven.materials, seven.analysis) == (None, [], None)
    assert [m.id for m in eight.measures] == ["8-1", "8-2"]
    _same(eight, want[7], _MOVED | {"overview", "related_policies"})
    assert (eight.overview, eight.related_policies) == ([], [])
    assert eight.policy_direction == want[7].policy_direction is not None
    assert [line for line, _ in _lost(damaged)] == [
        _line_of(lines, "測定指標８－１ 女性の権利の保護・促進 ＊", 7800)
    ]
    assert not [w for w in damaged.warnings if w.code == "field_mismatch"]

"""The parity measure itself (tests/parity_values.py): paths, identities, what counts as right."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from parity_values import compare, flatten, within

from hyoka_parse.models import Report

ROOT = Path(__file__).resolve().parent.parent

MEASURE = {
    "id": "3-4",
    "title": "世論調査における 国連平和維持活動",
    "years": [
        {"fiscal_year": 2018, "actual_value": {"raw": "80.2％", "value": 80.2}},
        {"fiscal_year": 2019, "actual_value": {"raw": "78.3％", "value": 78.3}},
    ],
    "notes": [],
    "location": {"page": 3, "line": 40},
}
REPORT = {
    "schema_version": "1",
    "source": {"path": "a.pdf"},
    "warnings": [{"code": "x"}],
    "policies": [{"id": "II-1", "fields": [{"number": 3, "measures": [MEASURE]}]}],
}
YEARS = "policies[id=II-1].fields[number=3].measures[id=3-4].years"


def test_paths_name_items_by_identity_and_leave_out_the_input() -> None:
    assert flatten(REPORT) == {
        "schema_version": "1",
        "policies[id=II-1].id": "II-1",
        "policies[id=II-1].fields[number=3].number": 3,
        "policies[id=II-1].fields[number=3].measures[id=3-4].id": "3-4",
        "policies[id=II-1].fields[number=3].measures[id=3-4].title": "世論調査における国連平和維持活動",
        f"{YEARS}[fiscal_year=2018].fiscal_year": 2018,
        f"{YEARS}[fiscal_year=2018].actual_value.raw": "80.2％",
        f"{YEARS}[fiscal_year=2018].actual_value.value": 80.2,
        f"{YEARS}[fiscal_year=2019].fiscal_year": 2019,
        f"{YEARS}[fiscal_year=2019].actual_value.raw": "78.3％",
        f"{YEARS}[fiscal_year=2019].actual_value.value": 78.3,
        "policies[id=II-1].fields[number=3].measures[id=3-4].notes": "[]",
    }


def _changed() -> tuple[dict, list[dict]]:
    """A copy of REPORT and its measure's years, to change."""
    data = copy.deepcopy(REPORT)
    return data, data["policies"][0]["fields"][0]["measures"][0]["years"]


def _actual(year: int) -> list[str]:
    return [f"{YEARS}[fiscal_year={year}].actual_value.{leaf}" for leaf in ("raw", "value")]


def test_a_value_under_the_wrong_year_is_wrong_and_a_lost_year_missing() -> None:
    shifted, years = _changed()
    # 2019's value read as 2018's, 2019 lost: the failure issue 8 reports for 参考指標
    years[:] = [{"fiscal_year": 2018, "actual_value": years[1]["actual_value"]}]
    score = compare(flatten(REPORT), flatten(shifted))
    assert score.wrong == _actual(2018)
    assert score.missing == [f"{YEARS}[fiscal_year=2019].fiscal_year", *_actual(2019)]
    assert (score.right, score.total, score.extra) == (7, 12, [])
    assert score.percent == 100 * 7 / 12
    assert score.misplaced == score.wrong  # a number present under another year


def test_a_value_left_null_is_missing_not_misplaced() -> None:
    nulled, years = _changed()
    years[0]["actual_value"] = {"raw": "", "value": None}  # null with a warning: not wrong
    years[1]["fiscal_year"] = 2020  # a year the reference lacks, with a value: misplaced
    score = compare(flatten(REPORT), flatten(nulled))
    assert score.wrong == _actual(2018)
    assert score.misplaced == _actual(2020)


def test_white_space_and_ignored_characters_do_not_count() -> None:
    spaced = copy.deepcopy(REPORT)
    spaced["policies"][0]["fields"][0]["measures"][0]["title"] = (
        "世論調査に\nおける国連平和維持活動㉑"
    )
    score = compare(flatten(REPORT, "㉑"), flatten(spaced, "㉑"))
    assert (score.right, score.wrong, score.missing) == (12, [], [])


def test_an_input_that_gave_nothing_scores_zero() -> None:
    score = compare(flatten(REPORT), None, "exit 2: not a report")
    assert (score.percent, len(score.missing), score.error) == (0.0, 12, "exit 2: not a report")


def test_extra_values_and_a_fragment_of_the_reference() -> None:
    more = copy.deepcopy(REPORT)
    more["policies"][0]["fields"].append({"number": 4, "measures": []})
    ref = flatten(REPORT)
    score = compare(ref, flatten(more))
    assert score.extra == [
        "policies[id=II-1].fields[number=4].measures",
        "policies[id=II-1].fields[number=4].number",
    ]
    part = within(ref, [f"{YEARS}[fiscal_year=2019]"])
    assert sorted(part) == [
        f"{YEARS}[fiscal_year=2019].actual_value.raw",
        f"{YEARS}[fiscal_year=2019].actual_value.value",
        f"{YEARS}[fiscal_year=2019].fiscal_year",
    ]


def test_the_corpus_report_flattens_to_distinct_paths(report: Report) -> None:
    data = report.model_dump(mode="json")
    flat = flatten(data)
    assert compare(flat, flatten(data)).percent == 100.0
    # every measure-year of the report has its own path: none collapsed by a shared name
    years = [p for p in flat if p.endswith("].fiscal_year") and ".years[" in p]
    measures = [m for f in report.policies[0].fields for m in f.measures]
    assert len(years) == sum(len(m.years) for m in measures) == 39 * 3


def test_ci_floors_catch_a_drop_a_misplaced_value_and_a_cell_without_floor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """benchmarks/parity.py --floors, as .ci/run runs it."""
    spec = importlib.util.spec_from_file_location("parity", ROOT / "benchmarks" / "parity.py")
    parity = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "parity", parity)  # its dataclasses look it up there
    spec.loader.exec_module(parity)  # type: ignore[union-attr]
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"cells": {"r/pdf": {"percent": 100.0, "misplaced": 0}}}))
    shifted, years = _changed()
    years[:] = [{"fiscal_year": 2018, "actual_value": years[1]["actual_value"]}]
    right = parity.Cell("r", "pdf", compare(flatten(REPORT), flatten(REPORT)))
    assert parity.check_floors([right], floors) == []
    wrong = parity.Cell("r", "pdf", compare(flatten(REPORT), flatten(shifted)))
    assert parity.check_floors([wrong], floors) == [
        f"r/pdf: {wrong.score.percent:.2f} % < floor 100.0 %",
        f"r/pdf: 2 value(s) under a wrong year or measure (allowed 0): {', '.join(_actual(2018))}",
    ]
    other = parity.Cell("s", "pdf", right.score)
    assert parity.check_floors([other], floors) == [
        "s/pdf: no floor in floors.json (add it: --raise-floors)"
    ]

"""Property-based tests on the real report: damage never crashes the parser, and
removing one measure leaves every other measure as it was."""

from __future__ import annotations

import contextlib
import re

import pytest
from conftest import REPORT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyoka_parse import InputError, parse_text
from hyoka_parse.models import Report

# A fixed profile: the same examples on every run, bounded in number and time.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci")

LINES = REPORT.read_text(encoding="utf-8").split("\n")
# The header and 個別分野１-３ (the 3-1 trap included): a third of the report, fast to parse.
PART = LINES[:3465]
FULL = {"ａ": "a", "１": "1", "２": "2", "３": "3", "－": "-", "（": "(", "）": ")", "　": " "}
HALF = {v: k for k, v in FULL.items()}


def _mutate(lines: list[str], ops: list[tuple[str, int]]) -> list[str]:
    out = list(lines)
    for op, at in ops:
        i = at % max(1, len(out))
        if not out:
            break
        if op == "delete":
            del out[i]
        elif op == "duplicate":
            out.insert(i, out[i])
        elif op == "spaces":
            out[i] = re.sub(r"(\S)(\S)", r"\1 \2", out[i], count=3) + "  "
        elif op == "squeeze":
            out[i] = out[i].replace(" ", "").replace("\u3000", "")
        elif op == "to_half":
            out[i] = out[i].translate(str.maketrans(FULL))
        elif op == "to_full":
            out[i] = out[i].translate(str.maketrans(HALF))
        elif op == "blank":
            out.insert(i, "")
        elif op == "swap" and i + 1 < len(out):
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


OPS = st.lists(
    st.tuples(
        st.sampled_from(
            ["delete", "duplicate", "spaces", "squeeze", "to_half", "to_full", "blank", "swap"]
        ),
        st.integers(min_value=0, max_value=len(PART) - 1),
    ),
    min_size=1,
    max_size=25,
)


@given(OPS)
def test_damaged_text_never_crashes(ops: list[tuple[str, int]]) -> None:
    text = "\n".join(_mutate(PART, ops))
    try:
        report = parse_text(text)
    except InputError:
        return  # a clear refusal is an answer too (e.g. the title line was deleted)
    assert Report.model_validate_json(report.to_json()) == report


@given(st.integers(min_value=0, max_value=len(PART) - 200), st.integers(min_value=1, max_value=200))
def test_any_cut_never_crashes(start: int, length: int) -> None:
    text = "\n".join(PART[:start] + PART[start + length :])
    with contextlib.suppress(InputError):  # a clear refusal is an answer too
        parse_text(text)


def _measures(report: Report) -> dict[str, dict]:
    return {
        m.id: m.model_dump(exclude={"location": True, "years": {"__all__": {"location"}}})
        for f in report.policies[0].fields
        for m in f.measures
    }


_BLOCK_START = re.compile(r"^\s*(?:測定指標\s*\S+\s|参考指標|評価結果\(個別分野)")


@pytest.fixture(scope="module")
def whole() -> tuple[Report, dict[str, dict]]:
    report = parse_text("\n".join(LINES))
    return report, _measures(report)


def _span(report: Report, measure_id: str) -> tuple[int, int]:
    """0-based line range of a measure's section: its heading up to the next block."""
    m = next(m for f in report.policies[0].fields for m in f.measures if m.id == measure_id)
    start = m.location.line - 1
    end = next(i for i in range(start + 1, len(LINES)) if _BLOCK_START.match(LINES[i]))
    return start, end


@pytest.mark.parametrize(
    "measure_id",
    [
        f"{f}-{n}"
        for f, k in [
            (1, 2),
            (2, 5),
            (3, 5),
            (4, 3),
            (5, 4),
            (6, 3),
            (7, 3),
            (8, 2),
            (9, 4),
            (10, 4),
            (11, 4),
        ]
        for n in range(1, k + 1)
    ],
)
def test_removing_one_measure_leaves_the_others(measure_id: str, whole) -> None:
    report, before = whole
    start, end = _span(report, measure_id)
    after = _measures(parse_text("\n".join(LINES[:start] + LINES[end:])))
    assert measure_id not in after
    assert after == {k: v for k, v in before.items() if k != measure_id}

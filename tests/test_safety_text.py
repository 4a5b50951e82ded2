"""Bad text never ends in an internal error: stray bytes, huge numbers, NaN (issue 11)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

from hyoka_parse.emit import to_json
from hyoka_parse.models import Value
from hyoka_parse.pipeline import parse

sys.path.insert(0, str(FIXTURES / "hostile"))
import make_hostile


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "hyoka_parse", *args], capture_output=True, timeout=120
    )


def _warnings(report: object, code: str) -> list[tuple[str, int | None]]:
    return [(w.message, w.location.line) for w in report.warnings if w.code == code]


def test_a_bom_then_a_bad_byte_is_read_with_a_warning() -> None:
    report = parse("bom.txt", make_hostile.bom_invalid())
    assert report.policies[0].id == "II-1" and len(report.policies[0].fields) == 11
    assert _warnings(report, "undecodable_bytes") == [
        ("line 1: 1 byte(s) not UTF-8, replaced with U+FFFD", 1)
    ]


def test_one_stray_byte_in_a_big_text_is_replaced_and_located() -> None:
    report = parse("stray.txt", make_hostile.stray_byte())
    assert [f.title for f in report.policies[0].fields[:2]] == [
        "中長期的かつ総合的な外交政策の企画立案と対外発信",
        "日本の安全保障に係る基本的な外交政策",
    ]
    assert _warnings(report, "undecodable_bytes") == [
        ("line 266: 1 byte(s) not UTF-8, replaced with U+FFFD", 266)
    ]


def test_cp932_is_still_told_from_utf8_with_a_stray_byte() -> None:
    one_kanji = "施策".encode("cp932") + b" abc\n"  # two CP932 characters, no UTF-8
    from hyoka_parse.source import decode

    assert decode(one_kanji) == ("施策 abc\n", [])


def test_a_5000_digit_number_is_null_with_raw_kept(tmp_path: Path) -> None:
    path = tmp_path / "digits.txt"
    path.write_bytes(make_hostile.huge_digits())
    proc = run(str(path), "-o", str(tmp_path / "out.json"))
    assert proc.returncode == 0 and proc.stderr.endswith(b"warnings; --warnings to list\n")
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    cell = doc["policies"][0]["budget"][0]["rows"][0]["values"][0]
    assert cell == {"raw": "9" * 5000, "value": None, "unit": None, "qualifier": None}
    codes = [w["code"] for w in doc["warnings"]]
    assert codes.count("number_too_large") == 1


def test_a_400_digit_decimal_is_null_not_infinity() -> None:
    report = parse("decimal.txt", make_hostile.long_decimal())
    cell = report.policies[0].budget[0].rows[0].values[0]
    assert (cell.raw, cell.value) == ("1" * 400 + ".5", None)
    (message, _), = _warnings(report, "number_too_large")
    assert message.startswith("111111111111111111111…: more than 15 digits")


def test_sixteen_digits_do_not_fit_fifteen_do() -> None:
    from hyoka_parse.values import parse_value

    assert parse_value("999,999,999,999,999").value == 999_999_999_999_999
    assert parse_value("9,999,999,999,999,999").value is None


def test_the_emitter_refuses_nan_and_infinity() -> None:
    report = parse(str(FIXTURES / "pages" / "policy_header.txt"))
    report.policies[0].budget[0].rows[0].values[0] = Value(raw="x", value=float("inf"))
    with pytest.raises(ValueError, match="not JSON compliant"):
        to_json(report)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_validate_rejects_nan_and_infinity(constant: str, tmp_path: Path) -> None:
    good = parse(str(FIXTURES / "pages" / "policy_header.txt")).to_json()
    bad = good.replace('"value": 2879', f'"value": {constant}', 1)
    assert bad != good
    path = tmp_path / "out.json"
    path.write_text(bad, encoding="utf-8")
    proc = run("validate", str(path))
    assert proc.returncode == 2
    assert f"{constant} is not JSON" in proc.stderr.decode()

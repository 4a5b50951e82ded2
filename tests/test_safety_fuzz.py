"""A handful of the fuzz run (benchmarks/fuzz.py), so that its checks stay in the suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz  # noqa: E402

FAMILIES = ["text_flip", "text_digits", "text_bom", "pdf_truncate", "pdf_bad_checksum"]


@pytest.mark.parametrize(
    ("family", "name", "data"), list(fuzz.cases(len(FAMILIES), 11, FAMILIES, crafted=False))
)
def test_fuzz_case(family: str, name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = fuzz.run_case(path, family)
    assert result.problem == "", result
    assert result.code in (0, 2)


def test_the_checks_catch_what_they_should() -> None:
    assert fuzz.check(0, b'{"a": 1}', b"") == ""
    assert fuzz.check(0, b'{"a": NaN}', b"").startswith("exit 0 without strict JSON")
    assert fuzz.check(0, b"{}", b"Could not get FontBBox\n").startswith("exit 0 with stderr")
    assert fuzz.check(2, b"", b"hyoka-parse: error: x; y\n") == ""
    assert fuzz.check(2, b"", b"warning\nhyoka-parse: error: x\n").startswith("exit 2 without")
    assert fuzz.check(3, b"", b"hyoka-parse: internal error\n").startswith("exit 3")

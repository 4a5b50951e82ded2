"""A text hard-wrapped at a fixed width (breaker's trial: pdfplumber's text through a
72-column wrap; the 別紙 amount 54,349,436 was cut to ``5`` / ``4,349,436`` and read as 5).
The damage is made here from a committed fixture PDF's text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from extractor_matrix import extract
from parity_values import compare, flatten

from hyoka_parse import parse
from hyoka_parse.layout.text_wrap import hard_wrap
from hyoka_parse.source import split_lines

HEADER = Path(__file__).parent / "fixtures" / "pdf" / "lo" / "lo-header.pdf"


def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _wrap(text: str, width: int, measure: Callable[[str], int]) -> str:
    """Cut every line where the next character would pass ``width`` (fold's rule, counted
    in display columns or characters), page by page."""

    def cut(line: str) -> list[str]:
        out, current, used = [], "", 0
        for char in line:
            if used + measure(char) > width:
                out.append(current)
                current, used = "", 0
            current += char
            used += measure(char)
        return [*out, current]

    return "\f".join(
        "\n".join(piece for line in page.split("\n") for piece in cut(line))
        for page in text.split("\f")
    )


@pytest.fixture(scope="module")
def plumber_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("wrap") / "lo-header.pdfplumber.txt"
    return extract(HEADER, "pdfplumber", out).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("width", "measure", "unit"),
    [(72, _columns, "display columns"), (60, _columns, "display columns"), (40, len, "characters")],
)
def test_numbers_a_hard_wrap_cut_are_joined(
    plumber_text: str, tmp_path: Path, width: int, measure: Callable[[str], int], unit: str
) -> None:
    intact = tmp_path / "intact.txt"
    intact.write_text(plumber_text, encoding="utf-8")
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text(_wrap(plumber_text, width, measure), encoding="utf-8")
    want, got = parse(str(intact)), parse(str(wrapped))
    if width == 72:  # the trial's cuts: 5 / 4,349,436, 346, / 394, 4,753,731 / ␣5,126,489
        (sheet,) = got.budget_sheets
        assert [[v.raw for v in item.values] for item in sheet.items] == [
            ["29,452,910", "32,323,711"],
            ["4,753,731", "5,126,489"],
            ["54,027,805", "54,349,436"],
            ["219,251", "346,394"],
        ]
    (said,) = [w for w in got.warnings if w.code == "hard_wrapped"]
    assert said.location.line == 1
    assert said.message.startswith(f"the text is hard-wrapped at {width} {unit}:")
    # Rows the wrap cut elsewhere may lose values (missing), never give another number.
    score = compare(flatten(want.model_dump(mode="json")), flatten(got.model_dump(mode="json")))
    assert score.misplaced == []
    assert [p for p in score.wrong if p.endswith((".value", ".raw"))] == []


def test_an_unwrapped_text_is_no_hard_wrap(plumber_text: str) -> None:
    """The extractor's own lines: the widest are a few, not a share of all."""
    assert hard_wrap(split_lines(plumber_text)) is None
    assert hard_wrap(split_lines(_wrap(plumber_text, 72, _columns))) is not None

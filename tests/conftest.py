from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from hyoka_parse.build import run_blocks
from hyoka_parse.diagnostics import Diagnostics
from hyoka_parse.handlers import State
from hyoka_parse.layout.model import Cell
from hyoka_parse.models import Report
from hyoka_parse.normalize import normalize
from hyoka_parse.pipeline import parse
from hyoka_parse.rules import Block
from hyoka_parse.segment import segment_blocks
from hyoka_parse.source import Line, text_source

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"
REPORT = FIXTURES / "mofa_r3_II-1.txt"


def squeeze(value: Any) -> Any:
    """``value`` with white space removed from its texts (a cell: its text, where it stands
    aside)."""
    if isinstance(value, Cell):
        return squeeze(value.text)
    if isinstance(value, str):
        return re.sub(r"\s", "", value)  # \s takes U+3000 and NBSP too
    if isinstance(value, list):
        return [squeeze(v) for v in value]
    if isinstance(value, dict):
        return {k: squeeze(v) for k, v in value.items()}
    return value


def values(report: Report) -> dict:
    """The contract's values, white space aside (warnings and furniture are not values)."""
    return squeeze(report.model_dump(mode="json", exclude={"source", "warnings", "furniture"}))


def excerpt_lines(name: str) -> list[Line]:
    doc = text_source((PAGES / f"{name}.txt").read_bytes(), name)
    lines, _ = normalize(doc.lines)
    return lines


def excerpt_state(name: str, zone: str = "body") -> State:
    """Segment and extract a fixture excerpt as if it stood inside a report's body."""
    blocks = segment_blocks(excerpt_lines(name), Block("start", Line(0, None, "")), zone=zone)
    return run_blocks(blocks, Diagnostics())


def check_snapshot(name: str, data: object) -> None:
    """Compare with ``<name>.expected.json`` (reviewed by eye); UPDATE_SNAPSHOTS=1 rewrites it."""
    path = PAGES / f"{name}.expected.json"
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 and review it"
    assert json.loads(text) == json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def report() -> Report:
    return parse(str(REPORT))


@pytest.fixture(scope="session")
def measures(report: Report) -> dict:
    return {m.id: m for f in report.policies[0].fields for m in f.measures}


@pytest.fixture(scope="session")
def full_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole report rendered as a PDF (about 150 pages), made on demand."""
    import sys

    sys.path.insert(0, str(FIXTURES))
    import make_pdfs

    return make_pdfs.render(tmp_path_factory.mktemp("pdf") / "full.pdf")


def contract(report: Report) -> object:
    """Every contract value except ``source``, ``furniture`` and ``location``; characters the
    fixture font cannot draw are masked (see make_pdfs.UNRENDERABLE)."""
    import sys

    sys.path.insert(0, str(FIXTURES))
    import make_pdfs

    def strip(data: object) -> object:
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k != "location"}
        if isinstance(data, list):
            return [strip(v) for v in data]
        if isinstance(data, str):
            return "".join(c for c in data if c not in make_pdfs.UNRENDERABLE)
        return data

    return strip(report.model_dump(mode="json", exclude={"source", "furniture"}))

"""Check output files against the models (the same models that make the JSON Schema)."""

from __future__ import annotations

import json

from pydantic import BaseModel, ValidationError

from hyoka_parse.models import Model, Report
from hyoka_parse.saved import TIDY_ROWS, is_tidy_row
from hyoka_parse.source import read_bytes


class ErrorDetail(Model):
    code: str
    message: str


class ErrorRecord(BaseModel):
    """A batch line for an input that could not be parsed."""

    path: str
    sha256: str | None
    error: ErrorDetail


def _path(loc: tuple) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


class _NotJson(ValueError):
    pass


def _refuse_constant(name: str) -> None:
    raise _NotJson(f"{name} is not JSON (RFC 8259 has no NaN or Infinity)")


def _check(text: str, where: str, one_line: bool = False) -> list[str]:
    """Problems of one document; ``one_line``: a JSON-lines line, whose number ``where``
    holds already, so a syntax error names only its column."""
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if one_line else f"line {exc.lineno}, column {exc.colno}"
        return [f"{where}: not JSON ({exc.msg}: {at})"]
    except _NotJson as exc:
        return [f"{where}: {exc}"]
    if is_tidy_row(doc):
        return [f"{where}: {TIDY_ROWS}"]
    model = ErrorRecord if isinstance(doc, dict) and "error" in doc else Report
    try:
        model.model_validate(doc)
    except ValidationError as exc:
        return [f"{where}: {_path(e['loc'])}: {e['msg']}" for e in exc.errors()]
    return []


def validate_file(path: str, data: bytes | None = None) -> tuple[list[str], int]:
    """Problems found (each with the file, line and JSON path) and the number of documents,
    of ``path``'s bytes, or of ``data`` read from it (``path`` names it then)."""
    raw = read_bytes(path) if data is None else data
    text = raw.decode("utf-8-sig", errors="replace")
    stripped = text.strip()
    if not stripped:
        return [f"{path}: empty"], 0
    if not stripped.startswith(("{", "[")):  # a report, a workbook: one line says it
        return [
            f"{path}: not JSON; validate reads hyoka-parse's output (a .json file or a "
            "batch's .jsonl), not the report or a table"
        ], 0
    if path.endswith(".jsonl") or _json_lines(stripped):
        problems: list[str] = []
        documents = 0
        for no, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                documents += 1
                problems += _check(line, f"{path}:{no}", one_line=True)
                if problems and TIDY_ROWS in problems[-1]:
                    return problems, documents  # one line says it; every row would repeat it
        return problems, documents
    return _check(text, path), 1


def _json_lines(text: str) -> bool:
    """Whether a file not named .jsonl is JSON lines: more than one line, the first a
    whole document. An indented document (cut off or not) starts with a line that is no
    JSON alone, whatever its line ends or indent."""
    first, newline, rest = text.partition("\n")
    if not newline or not rest.strip():
        return False
    try:
        json.loads(first)
    except ValueError:
        return False
    return True

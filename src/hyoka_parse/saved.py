"""Reading hyoka-parse's own output back: a saved JSON document or a batch's JSON lines.

Used to convert an output to tables without parsing the report again
(``hyoka-parse out.json --format xlsx``) and by ``show``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from hyoka_parse.errors import InputError
from hyoka_parse.models import Report
from hyoka_parse.tables import TABLES, Row, build, failure_row


@dataclass(frozen=True)
class Failure:
    """A batch error record: an input that could not be parsed."""

    path: str
    code: str
    message: str
    sha256: str | None = None


TIDY_ROWS = (
    "holds tidy table rows (from --format jsonl), not reports; show and validate read the "
    "JSON output or a batch's JSON lines, and pandas, polars or DuckDB read the rows"
)


def is_tidy_row(doc: object) -> bool:
    """A row of a tidy table (``--format jsonl``), which is not a report."""
    return isinstance(doc, dict) and "source_sha256" in doc and "schema_version" not in doc


def looks_like_output(data: bytes) -> bool:
    """Whether ``data`` is JSON in hyoka-parse's shape (a report, or a batch line)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    keys = (b'"schema_version"', b'"error"', b'"source_sha256"')
    return head.startswith(b"{") and any(key in head for key in keys)


def load(data: bytes, path: str) -> tuple[list[Report], list[Failure]]:
    """The reports (and batch error records) in a saved ``.json`` or batch ``.jsonl``.

    Raises ``InputError`` naming the line when a document is not hyoka-parse output, or
    saying the file is output cut off (it ends inside a document).
    """
    text = data.decode("utf-8-sig", errors="replace")
    try:
        return [Report.model_validate_json(text)], []
    except ValidationError:
        pass
    lines = text.splitlines()
    last = len(text.rstrip().splitlines())  # where a cut-off batch line would be
    if text.lstrip().startswith("{\n"):  # indented JSON: one document over many lines
        _refuse_if_cut(text, path, 0)
        last = 0
    reports: list[Report] = []
    failures: list[Failure] = []
    for no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
            if is_tidy_row(doc):
                raise InputError(f"{path} {TIDY_ROWS}", "pass the JSON output instead")
            if isinstance(doc, dict) and "error" in doc:
                err = doc["error"]
                failures.append(
                    Failure(doc.get("path", ""), err["code"], err["message"], doc.get("sha256"))
                )
            else:
                reports.append(Report.model_validate(doc))
        except (ValueError, KeyError, TypeError) as exc:
            if no == last:
                _refuse_if_cut(line, path, no - 1)
            raise InputError(
                f"{path} line {no} is not hyoka-parse output",
                f"run 'hyoka-parse validate {path}' to see what is wrong",
            ) from exc
    return reports, failures


def _refuse_if_cut(text: str, path: str, first_line: int) -> None:
    """Raise InputError when ``text`` (starting at line ``first_line + 1`` of ``path``) is
    JSON that stops short: the decoder fails on its last line (an unterminated string, a
    missing value or bracket), as in a copy or download cut off midway. JSON never holds a
    raw line break inside a string, so an error on the last line is the end's."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        if "\n" in text[exc.pos :].rstrip():
            return  # broken before its end: not hyoka-parse output, said by the caller
        last = first_line + text.rstrip().count("\n") + 1
        raise InputError(
            f"{path} is hyoka-parse output cut off at line {last} (the file ends inside a "
            "document)",
            "copy or save it again in full, or parse the report again",
        ) from None


def combined_tables(
    reports: list[Report], failures: Sequence[Failure] = ()
) -> dict[str, list[Row]]:
    """The tables of several reports, stacked in input order; each input that failed is a
    row of the ``warnings`` table (its error code and message), so a workbook or CSV of a
    batch run still says which inputs are missing from it."""
    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    for report in reports:
        for name, rows in build(report).items():
            out[name] += rows
    for f in failures:
        out["warnings"].append(failure_row(f.path, f.sha256, f.code, f.message))
    return out

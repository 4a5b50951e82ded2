"""Output formats and what the command line says on stderr, apart from the commands.

Which format a run writes (``--format``, else ``-o``'s extension), which options apply to it
(an option that does not apply is a ``UsageError``, exit 2), the bytes of the tidy tables in
that format, ``--pages`` ranges, and the warnings summary or listing.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from hyoka_parse.errors import HyokaError
from hyoka_parse.tables import DEFAULT_TABLE

if TYPE_CHECKING:
    from hyoka_parse.models import ParseWarning, Report


class UsageError(HyokaError):
    """Options that contradict each other or do not apply (exit 2)."""


def _usage(message: str) -> None:
    raise UsageError(message)


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


#: -o's extension decides the format when --format is not given.
EXTENSION_FORMATS = {
    ".json": Format.json,
    ".jsonl": Format.jsonl,
    ".ndjson": Format.jsonl,
    ".csv": Format.csv,
    ".xlsx": Format.xlsx,
}


def resolve_format(fmt: Format | None, output: str) -> Format:
    """--format when given, else -o's extension (.json .jsonl .csv .xlsx), else JSON."""
    if fmt is not None:
        return fmt
    suffix = os.path.splitext(output)[1].lower() if output != "-" else ""
    _known_suffix(output, suffix, EXTENSION_FORMATS)
    return EXTENSION_FORMATS.get(suffix, Format.json)


# Extensions that name another format: writing JSON under them would mislead.
_FOREIGN_SUFFIXES = frozenset(
    {".tsv", ".xls", ".ods", ".docx", ".doc", ".pdf", ".parquet", ".html", ".md"}
)


def _known_suffix(output: str, suffix: str, known: dict[str, Any]) -> None:
    """-o's extension names a format this command writes, or none (JSON, JSON lines)."""
    if suffix in _FOREIGN_SUFFIXES:
        names = " ".join(sorted(known))
        _usage(
            f"-o {output}: {suffix} is not a format hyoka-parse writes ({names}); "
            "rename it or pass --format"
        )


def check_options(
    fmt: Format, table: str | None, compact: bool, indent: int | None, excel: bool
) -> None:
    """Options that do not apply to the format are an error, not silently ignored."""
    if indent is not None and compact:
        _usage("--indent and --compact contradict each other; pick one")
    if excel and fmt is not Format.csv:
        _usage(f"--excel adds a BOM to CSV; it does not apply to {fmt.value}")
    if (compact or indent is not None) and fmt is not Format.json:
        option = "--compact" if compact else "--indent"
        _usage(f"{option} shapes JSON; it does not apply to {fmt.value}")
    if table and fmt is Format.json:
        _usage("--table picks a table for csv, jsonl or xlsx; JSON holds the whole report")


def render_tables(
    tables: dict[str, list[dict]], fmt: Format, table: str | None, excel: bool
) -> bytes:
    """csv/jsonl: one table (--table, default measure_years); xlsx: every table, or one."""
    from hyoka_parse import export

    if fmt is Format.xlsx:
        return export.to_xlsx(tables if table is None else {table: tables[table]})
    name = table or DEFAULT_TABLE
    if fmt is Format.csv:
        return export.to_csv(tables[name], name, bom=excel)
    return export.to_jsonl(tables[name])


def check_binary_stdout(fmt: Format, output: str) -> None:
    if fmt is Format.xlsx and output == "-" and sys.stdout.isatty():
        _usage("an xlsx workbook is binary; write it to a file with -o FILE.xlsx")


def parse_pages(spec: str) -> list[int]:
    """``"1-20,35"`` → ``[1, …, 20, 35]`` (1-based, sorted, no repeats); bad text is a usage
    error."""
    found: set[int] = set()
    for part in spec.replace(" ", "").split(","):
        first, _, last = part.partition("-")
        if not (first.isdigit() and (not last or last.isdigit())) or int(first) < 1:
            _usage(f"--pages {spec!r}: write pages from 1 like 1-20,35")
        stop = int(last) if last else int(first)
        if stop < int(first):
            _usage(f"--pages {spec!r}: {part} runs backwards")
        found.update(range(int(first), stop + 1))
    return sorted(found)


def tell_warnings(reports: list[Report], listing: bool, quiet: bool) -> None:
    """One summary line on stderr, or the list with page and line under --warnings."""
    if listing:
        for report in reports:
            for w in report.warnings:
                sys.stderr.write(format_warning(report.source.path, w) + "\n")
        return
    n = sum(len(r.warnings) for r in reports)
    if n and not quiet:
        sys.stderr.write(f"hyoka-parse: {n} warning{'s' if n != 1 else ''}; --warnings to list\n")


def format_warning(path: str, w: ParseWarning) -> str:
    """``path:line: page 12 (printed 10): code: message``, like a compiler's messages."""
    loc = w.location
    where = f"{path}:{loc.line}:" if loc.line is not None else f"{path}:"
    if loc.page is not None:
        printed = f" (printed {loc.printed_page})" if loc.printed_page is not None else ""
        where += f" page {loc.page}{printed}:"
    return f"{where} {w.code}: {w.message}"


def say_what_was_read(report: Report, seconds: float) -> None:
    measures = sum(len(f.measures) for p in report.policies for f in p.fields)
    pages = f", {report.source.pages} pages" if report.source.pages else ""
    sys.stderr.write(
        f"hyoka-parse: {report.source.path}: {report.source.format}{pages}, "
        f"{len(report.policies)} report(s), {measures} measures, "
        f"{len(report.budget_sheets)} budget sheet(s), {len(report.warnings)} warning(s) "
        f"in {seconds:.2f} s\n"
    )


class BatchFormat(StrEnum):
    reports = "reports"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"


def batch_format(fmt: BatchFormat | None, output: str) -> BatchFormat:
    if fmt is not None:
        return fmt
    suffix = os.path.splitext(output)[1].lower()
    known = {".csv": BatchFormat.csv, ".xlsx": BatchFormat.xlsx, ".jsonl": BatchFormat.reports}
    _known_suffix(output, suffix, known)
    return known.get(suffix, BatchFormat.reports)


def check_batch_options(kind: BatchFormat, table: str | None, excel: bool, resume: bool) -> None:
    if excel and kind is not BatchFormat.csv:
        _usage(f"--excel adds a BOM to CSV; it does not apply to {kind.value}")
    if table and kind is BatchFormat.reports:
        _usage("--table picks a table for csv, jsonl or xlsx; reports holds whole documents")
    if resume and kind is not BatchFormat.reports:
        _usage("--resume carries on a JSON-lines file (--format reports); convert it after")

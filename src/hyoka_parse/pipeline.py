"""The whole pipeline: source → normalise → segment → build (extract) → validate → Report."""

from __future__ import annotations

from collections.abc import Callable

from hyoka_parse.build import build_policy
from hyoka_parse.diagnostics import NO_POLICY, NUMBER_TOO_LARGE, Diagnostics
from hyoka_parse.errors import InputError
from hyoka_parse.extract.budget_sheet import budget_sheet
from hyoka_parse.models import Location, Report, Source
from hyoka_parse.normalize import normalize
from hyoka_parse.segment import split_regions
from hyoka_parse.source import SourceDoc, open_source, text_source
from hyoka_parse.validate import validate_policy
from hyoka_parse.values import MAX_DIGITS, too_large, values_in


def parse_source(doc: SourceDoc) -> Report:
    diag = Diagnostics()
    lines, dropped = normalize(doc.lines)
    for kind, line, text in [*doc.furniture, *dropped]:
        diag.drop(kind, line, text)
    report = Report(
        source=Source(path=doc.path, format=doc.format, sha256=doc.sha256, pages=doc.pages)
    )
    for region in split_regions(lines):
        if region.kind == "budget_sheet":
            report.budget_sheets.append(budget_sheet(region.lines, diag))
        elif region.kind == "policy":
            policy = build_policy(region.blocks, diag)
            validate_policy(policy, diag)
            report.policies.append(policy)
        else:
            diag.unplaced(region.lines, "outside any report")
    if not report.policies and not report.budget_sheets:
        raise InputError(
            f"{doc.path} does not look like a 政策評価書 "
            "(no 施策 heading with a 年度政策評価書 title)",
            "check that this is a policy-evaluation report",
        )
    _source_notes(doc, diag)
    _too_large_values(report, diag)
    if not report.policies:
        diag.warn(NO_POLICY, "the input holds budget sheets but no 政策評価書", None)
    report.warnings = sorted(
        diag.warnings, key=lambda w: (w.location.page or 0, w.location.line or 0, w.code, w.message)
    )
    report.furniture = diag.furniture
    return report


def _source_notes(doc: SourceDoc, diag: Diagnostics) -> None:
    for code, line_no, message in doc.notes:
        diag.warn(code, message, Location(line=line_no))


def _too_large_values(report: Report, diag: Diagnostics) -> None:
    for value in values_in(report):
        if too_large(value):
            preview = value.raw if len(value.raw) <= 24 else value.raw[:21] + "…"
            diag.warn(
                NUMBER_TOO_LARGE,
                f"{preview}: more than {MAX_DIGITS} digits, more than a JSON number keeps; "
                "value null, raw kept",
                None,
            )


def parse(
    path: str,
    data: bytes | None = None,
    jobs: int | None = None,
    max_pages: int | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Report:
    """Parse a PDF or extracted-text file (``-`` for standard input) into a Report.

    ``jobs``: processes reading PDF pages (default: the CPU count); the output does not
    depend on it. ``max_pages``: refuse longer PDFs. ``on_page(done, total)``: called as
    PDF pages are read.
    """
    return parse_source(open_source(path, data, jobs=jobs, max_pages=max_pages, on_page=on_page))


def parse_text(text: str, path: str = "<text>") -> Report:
    """Parse already-extracted text."""
    return parse_source(text_source(text.encode("utf-8"), path))

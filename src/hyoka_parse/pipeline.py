"""The whole pipeline: source → normalise → segment → build (extract) → validate → Report."""

from __future__ import annotations

import os
from collections.abc import Callable

from hyoka_parse.build import build_policy
from hyoka_parse.diagnostics import (
    MISSING_PART,
    NO_POLICY,
    NUMBER_TOO_LARGE,
    UNMAPPED_GLYPHS,
    Diagnostics,
)
from hyoka_parse.errors import InputError
from hyoka_parse.extract.budget_sheet import budget_sheet
from hyoka_parse.models import Report, Source
from hyoka_parse.normalize import check_glyphs, normalize
from hyoka_parse.options import DEFAULT_ENGINE, DEFAULT_MAX_PAGES, ReadOptions
from hyoka_parse.pages import (
    add_printed_pages,
    forget_pages,
    gap_pages,
    mark_gaps,
    printed_numbers,
)
from hyoka_parse.segment import split_regions
from hyoka_parse.source import SourceDoc, open_source, text_source
from hyoka_parse.validate import check_policy_ids, refuse_lost_separators, validate_policy
from hyoka_parse.values import MAX_DIGITS, too_large, values_in


def parse_source(doc: SourceDoc) -> Report:
    diag = Diagnostics()
    check_glyphs(doc, diag)
    lines, dropped = normalize(doc.lines, doc.unknown_pages)
    for kind, line, text in [*doc.furniture, *dropped]:
        diag.drop(kind, line, text)
    for code, message, line in doc.warnings:
        diag.warn(code, message, line)
    if not doc.unknown_pages:
        source_lines = [*doc.lines, *(line for _, line, _ in doc.furniture)]
        printed = printed_numbers(diag.furniture, doc.format, source_lines)
        mark_gaps(lines, gap_pages(printed, doc.read_pages))
    report = Report(
        source=Source(path=doc.path, format=doc.format, sha256=doc.sha256, pages=doc.pages)
    )
    for region in split_regions(lines):
        if region.kind == "budget_sheet":
            report.budget_sheets.append(budget_sheet(region.lines, diag))
        elif region.kind in ("policy", "fragment"):
            policy = build_policy(region.blocks, diag, fragment=region.kind == "fragment")
            refuse_lost_separators(policy, doc.path)
            if region.kind == "fragment":
                diag.warn(
                    MISSING_PART,
                    "the 施策 header (施策名 and report title) is absent: "
                    "the input is a fragment of a report",
                    region.lines[0],
                )
            validate_policy(policy, diag, fragment=region.kind == "fragment")
            report.policies.append(policy)
        else:
            diag.unplaced(region.lines, "outside any report")
    if not report.policies and not any(s.items or s.total for s in report.budget_sheets):
        # a 別紙 heading alone (or a report run into one line) is no content to give
        unmapped = [w.message for w in diag.warnings if w.code == UNMAPPED_GLYPHS]
        raise InputError(
            f"{doc.path} does not look like a 政策評価書 "
            "(no 施策 heading with a 年度政策評価書 title)",
            f"{unmapped[0]}: run OCR on it (for example ocrmypdf --force-ocr -l jpn)"
            if unmapped
            else "check that this is a policy-evaluation report",
        )
    check_policy_ids(report.policies, diag)
    _too_large_values(report, diag)
    if not report.policies:
        diag.warn(NO_POLICY, "the input holds budget sheets but no 政策評価書", None)
    report.warnings = sorted(
        diag.warnings, key=lambda w: (w.location.page or 0, w.location.line or 0, w.code, w.message)
    )
    report.furniture = diag.furniture
    # the lines as extracted: the text readers took the page numbers out of doc.lines
    if doc.unknown_pages:
        forget_pages(report)
    else:
        add_printed_pages(report, [*doc.lines, *(line for _, line, _ in doc.furniture)])
    return report


def _too_large_values(report: Report, diag: Diagnostics) -> None:
    for value, where in values_in(report):
        if too_large(value):
            preview = value.raw if len(value.raw) <= 24 else value.raw[:21] + "…"
            diag.warn(
                NUMBER_TOO_LARGE,
                f"{preview}: more than {MAX_DIGITS} digits, more than a JSON number keeps; "
                "value null, raw kept",
                where,
            )


def parse(
    path: str | os.PathLike[str],
    data: bytes | None = None,
    jobs: int | None = None,
    max_pages: int | None = None,
    on_page: Callable[[int, int], None] | None = None,
    pages: list[int] | None = None,
    engine: str = DEFAULT_ENGINE,
) -> Report:
    """Parse a PDF or extracted-text file (``-`` for standard input) into a Report.

    ``path``: a ``str`` or ``os.PathLike`` (``pathlib.Path``). Raises ``InputError`` (a
    ``HyokaError``, with ``message`` and ``hint``) for a file that is missing, empty,
    undecodable, not a report, an Office file, an image, or hyoka-parse's own JSON (read
    that with ``Report.model_validate_json``).

    ``jobs``: processes reading PDF pages (default: the CPU count); the output does not
    depend on it. ``max_pages``: refuse longer PDFs. ``on_page(done, total)``: called as
    PDF pages are read. ``pages``: read only these 1-based pages (sorted, as from
    ``--pages 1-20,35``); locations keep the document's own page numbers. ``engine``:
    what reads a PDF's characters and rules, ``"pdfium"`` (fast) or ``"pdfplumber"``
    (the reference); the output is the same.
    """
    options = ReadOptions(jobs, max_pages or DEFAULT_MAX_PAGES, on_page, pages, engine)
    return parse_with(path, data, options)


def parse_with(path: str | os.PathLike[str], data: bytes | None, options: ReadOptions) -> Report:
    """``parse`` with its reading options in one ``ReadOptions``."""
    return parse_source(open_source(os.fspath(path), data, options))


def parse_text(text: str, path: str = "<text>") -> Report:
    """Parse already-extracted text."""
    return parse_source(text_source(text.encode("utf-8"), path))

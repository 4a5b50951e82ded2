"""The ``hyoka-parse`` command line.

``hyoka-parse FILE`` is short for ``hyoka-parse parse FILE``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from hyoka_parse import __version__
from hyoka_parse.emit import refuse_output_over_input, to_json, write_output
from hyoka_parse.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_WARNINGS, HyokaError
from hyoka_parse.models import json_schema
from hyoka_parse.sandbox import BASE_CPU_SECONDS, MEMORY_BYTES

if TYPE_CHECKING:
    from rich.console import Console

    from hyoka_parse.batch import Outcome, Summary
    from hyoka_parse.models import Report
    from hyoka_parse.sandbox import Limits

EXIT_CODES_HELP = """Exit codes: 0 ok; 1 warnings under --strict (batch: an input failed);
2 bad usage or bad input; 3 internal error (please report it); 130 interrupted."""

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn 政策評価書 (PDF or extracted text) into typed JSON.\n\n" + EXIT_CODES_HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    sys.stderr.write(f"hyoka-parse: error: {message}\n")
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hyoka-parse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


def _render(report: Report, fmt: Format, indent: int | None, excel: bool) -> bytes:
    from hyoka_parse import tidy

    if fmt is Format.json:
        text = to_json(report, indent=indent)
    elif fmt is Format.jsonl:
        text = tidy.to_jsonl(report)
    else:
        text = tidy.to_csv(report)
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if excel and fmt is Format.csv else data


TimeLimit = Annotated[
    float,
    typer.Option(
        "--time-limit",
        min=1,
        help="CPU seconds a process reading a PDF may use, plus 0.25 s per page.",
    ),
]
MemoryLimit = Annotated[
    int, typer.Option("--memory-limit", min=256, help="MB of memory per process reading a PDF.")
]


@app.command("parse")
def parse_cmd(
    file: Annotated[str, typer.Argument(help="A PDF or extracted-text file, or - for stdin.")],
    output: Annotated[
        str, typer.Option("-o", "--output", help="Output file; - or absent for stdout.")
    ] = "-",
    fmt: Annotated[
        Format,
        typer.Option(
            "--format", "-f", help="json: the full document; jsonl/csv: one row per measure-year."
        ),
    ] = Format.json,
    compact: Annotated[bool, typer.Option("--compact", help="JSON on one line.")] = False,
    indent: Annotated[int, typer.Option("--indent", min=0, max=8, help="JSON indent.")] = 2,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV with a UTF-8 BOM, for Excel on Japanese Windows.")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when there are warnings.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Processes reading PDF pages [default: CPU count]."
        ),
    ] = None,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Refuse PDFs with more pages.")
    ] = 2000,
    time_limit: TimeLimit = BASE_CPU_SECONDS,
    memory_limit: MemoryLimit = MEMORY_BYTES // 2**20,
) -> None:
    """Parse one report.

    Exit codes: 0 ok, 1 warnings under --strict, 2 bad input, 3 internal error.
    """
    refuse_output_over_input(output, [file])
    limits = _limits(time_limit, memory_limit, max_pages)
    with _page_progress(file) as on_page:
        report = _parse_one(file, limits, jobs, on_page)
    write_output(output, _render(report, fmt, None if compact else indent, excel))
    if strict and report.warnings:
        sys.stderr.write(f"hyoka-parse: {len(report.warnings)} warning(s) (--strict)\n")
        raise typer.Exit(EXIT_WARNINGS)


def _limits(
    time_limit: float, memory_limit: int, max_pages: int, wall: float | None = None
) -> Limits:
    from hyoka_parse.sandbox import Limits

    return Limits(
        cpu_seconds=time_limit,
        memory_bytes=memory_limit * 2**20,
        max_pages=max_pages,
        wall_seconds=wall,
    )


def _parse_one(
    file: str,
    limits: Limits,
    jobs: int | None,
    on_page: Callable[[int, int], None] | None,
    data: bytes | None = None,
) -> Report:
    """Parse a text here, and a PDF in a sandboxed process (see ``hyoka_parse.sandbox``)."""
    from hyoka_parse.pipeline import parse
    from hyoka_parse.sandbox import parse_document
    from hyoka_parse.source import is_pdf, read_bytes

    data = read_bytes(file) if data is None else data
    if not is_pdf(data) or not hasattr(os, "fork"):  # no fork (Windows): no sandbox
        return parse(file, data, jobs=jobs, max_pages=limits.max_pages)
    return parse_document(file, data, limits, jobs=jobs, on_page=on_page)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the output."""
    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command("validate")
def validate_cmd(
    file: Annotated[str, typer.Argument(help="An output .json, or .jsonl from batch.")],
) -> None:
    """Check an output file against the schema. Exit 0 valid, 2 invalid."""
    from hyoka_parse.validate_output import validate_file

    problems, documents = validate_file(file)
    for problem in problems[:50]:
        sys.stderr.write(f"{problem}\n")
    if problems:
        more = " (first 50 shown)" if len(problems) > 50 else ""
        _fail(f"{file}: {len(problems)} problem(s){more}; see the lines above")
    typer.echo(f"{file}: {documents} document(s) valid")


@app.command("show")
def show_cmd(
    file: Annotated[str, typer.Argument(help="A PDF, an extracted text, or an output .json.")],
) -> None:
    """Show a report in the terminal: header, grade, measures and ratings, warnings."""
    from rich.console import Console

    from hyoka_parse.show import render

    render(_load_report(file), Console())


@app.command("debug")
def debug_cmd(
    file: Annotated[str, typer.Argument(help="A PDF.")],
    page: Annotated[int, typer.Option("--page", "-p", min=1, help="Page number, from 1.")] = 1,
    output: Annotated[str, typer.Option("-o", "--output", help="PNG to write.")] = "page.png",
    resolution: Annotated[int, typer.Option("--resolution", min=20, max=400)] = 100,
) -> None:
    """Draw a PDF page with what the parser saw: cells, labels, headings, furniture."""
    from hyoka_parse.debug import draw_page

    counts = draw_page(file, page, output, resolution)
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    sys.stderr.write(f"hyoka-parse: wrote {output} ({summary})\n")


class ExecutorName(StrEnum):
    local = "local"
    dask = "dask"


@app.command("batch")
def batch_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (*.pdf, *.txt) or globs.")],
    output: Annotated[
        str, typer.Option("-o", "--output", help="JSON lines to write; - for stdout.")
    ],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Inputs parsed at once.")] = (
        os.cpu_count() or 1
    ),
    executor: Annotated[
        ExecutorName, typer.Option("--executor", help="local processes, or dask.")
    ] = ExecutorName.local,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Keep the output; parse only inputs not yet in it."),
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an existing output file.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0, help="Seconds per document; 0 for no limit.")
    ] = 600,
    time_limit: TimeLimit = BASE_CPU_SECONDS,
    memory_limit: MemoryLimit = MEMORY_BYTES // 2**20,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Refuse PDFs with more pages.")
    ] = 2000,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 also when an input had warnings.")
    ] = False,
) -> None:
    """Parse many reports into one JSON line each; a bad file becomes an error record.

    Exit codes: 0 all parsed, 1 an input failed (or had warnings, under --strict),
    2 bad usage, 130 interrupted (finished documents are kept)."""
    from hyoka_parse import batch

    inputs, skipped = batch.discover(paths)
    for path, kind in skipped:
        sys.stderr.write(f"hyoka-parse: skipped {path}: {kind}, not a regular file\n")
    if not inputs:
        _fail("no input files found; pass files, folders or globs")
    _check_batch_output(output, inputs, resume, overwrite)
    runner = batch.make_executor(executor.value, jobs)
    job = batch.Job(_limits(time_limit, memory_limit, max_pages, timeout or None))
    try:
        with _batch_progress(len(inputs)) as on_result:
            summary = batch.run(inputs, output, runner, job, resume, on_result)
    except KeyboardInterrupt:
        where = "" if output == "-" else f"; finished documents are kept in {output}"
        sys.stderr.write(f"hyoka-parse: interrupted{where} (--resume carries on)\n")
        raise typer.Exit(130) from None
    _print_summary(summary, output)
    if summary.failed or (strict and summary.warnings):
        raise typer.Exit(EXIT_WARNINGS)


def _check_batch_output(output: str, inputs: list[str], resume: bool, overwrite: bool) -> None:
    """Refuse to destroy an input or an earlier run's output."""
    if output == "-":
        if resume:
            _fail("--resume needs an output file; pass -o FILE")
        return
    refuse_output_over_input(output, inputs)
    if resume and overwrite:
        _fail("--resume and --overwrite contradict each other; pass one")
    exists = os.path.exists(output) and os.path.getsize(output) > 0
    if exists and not (resume or overwrite):
        _fail(f"{output} exists; pass --resume to carry on, or --overwrite to replace it")


def _print_summary(summary: Summary, output: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"hyoka-parse batch → {output}")
    table.add_column("inputs", justify="right")
    table.add_column("parsed", justify="right")
    table.add_column("skipped", justify="right")
    table.add_column("errors", justify="right")
    table.add_column("warnings", justify="right")
    table.add_column("seconds", justify="right")
    errors = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items()) if s != "ok") or "0"
    table.add_row(
        str(summary.inputs),
        str(summary.statuses.get("ok", 0)),
        str(summary.skipped),
        errors,
        str(summary.warnings),
        f"{summary.seconds:.1f}",
    )
    Console(stderr=True).print(table)


def _load_report(file: str) -> Report:
    """A Report from an output JSON, or parsed from a PDF or text."""
    from hyoka_parse.models import Report
    from hyoka_parse.source import read_bytes

    data = read_bytes(file)
    if data.lstrip()[:1] == b"{":
        try:
            return Report.model_validate_json(data)
        except ValueError as exc:
            raise HyokaError(
                f"{file} is JSON but not hyoka-parse output", "run 'hyoka-parse validate' on it"
            ) from exc
    limits = _limits(BASE_CPU_SECONDS, MEMORY_BYTES // 2**20, 2000)
    return _parse_one(file, limits, None, None, data)


@contextmanager
def _page_progress(file: str) -> Iterator[Callable[[int, int], None] | None]:
    """A page progress bar for PDFs, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as progress:
        task = progress.add_task(f"reading {os.path.basename(file)}", total=None)

        def on_page(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield on_page


@contextmanager
def _batch_progress(total: int) -> Iterator[Callable[[Outcome], None] | None]:
    """A progress bar over inputs, on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(console=_stderr_console()) as progress:
        task = progress.add_task("parsing", total=total)
        yield lambda outcome: progress.advance(task)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)


_COMMANDS = {"parse", "schema", "validate", "show", "debug", "batch"}


def _terminate_cleanly() -> None:
    """SIGTERM unwinds like Ctrl-C, so a half-written temporary file is removed."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, stop)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, ending every failure with one line and its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    _terminate_cleanly()
    if args and args[0] not in _COMMANDS and args[0] not in ("--help", "-h", "--version"):
        args.insert(0, "parse")
    try:
        app(args=args, prog_name="hyoka-parse", standalone_mode=True)
    except HyokaError as exc:
        sys.stderr.write(f"hyoka-parse: error: {exc.one_line()}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("hyoka-parse: interrupted\n")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("HYOKA_DEBUG"):
            raise
        sys.stderr.write(
            f"hyoka-parse: internal error: {type(exc).__name__}: {exc}; please report it "
            "with the input file (set HYOKA_DEBUG=1 for the traceback)\n"
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()

"""The ``hyoka-parse`` command line.

``hyoka-parse FILE`` is short for ``hyoka-parse parse FILE``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from hyoka_parse import __version__
from hyoka_parse.emit import check_output, refuse_output_over_input, to_json, write_output
from hyoka_parse.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_WARNINGS, HyokaError
from hyoka_parse.formats import (
    BatchFormat,
    Format,
    batch_format,
    check_batch_options,
    check_binary_stdout,
    check_options,
    parse_pages,
    render_tables,
    resolve_format,
    say_what_was_read,
    tell_warnings,
)
from hyoka_parse.options import ReadOptions
from hyoka_parse.progress import batch_progress, page_progress
from hyoka_parse.sandbox import BASE_CPU_SECONDS, MEMORY_BYTES
from hyoka_parse.tables import DEFAULT_TABLE, TABLES

if TYPE_CHECKING:
    from hyoka_parse.batch import Outcome, Summary
    from hyoka_parse.models import Report
    from hyoka_parse.sandbox import Limits

EXIT_CODES_HELP = """Exit codes: 0 ok; 1 warnings under --strict (batch: an input failed);
2 bad usage or bad input; 3 internal error (please report it); 130 interrupted;
141 the reader of 'show' went away (e.g. '| head')."""

ROOT_HELP = """Turn 政策評価書 (PDF or extracted text) into typed JSON and tidy tables.

'hyoka-parse FILE' parses one report (short for 'hyoka-parse parse FILE'); see
'hyoka-parse parse -h' for its options.

"""


def _plain_argument_help() -> None:
    """Arguments show their metavar (FILE), not a Python type (``<list[str]>``), in help:
    newer Typer prints the type beside every argument."""
    from typer.core import TyperArgument

    if hasattr(TyperArgument, "display_type_rich"):
        plain = TyperArgument.display_type_rich

        def display(self: TyperArgument, ctx: object) -> str | None:
            return None if self.metavar else plain(self, ctx)

        TyperArgument.display_type_rich = display  # type: ignore[method-assign]


_plain_argument_help()

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help=ROOT_HELP + EXIT_CODES_HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


TableName = StrEnum("TableName", {name: name for name in TABLES})  # type: ignore[misc]


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


# Options that parse and batch share.
TableOption = Annotated[
    TableName | None,
    typer.Option(
        "--table",
        "-t",
        metavar="NAME",
        help=f"The table for csv/jsonl/xlsx [default: {DEFAULT_TABLE}].",
        show_default=False,
    ),
]
ExcelOption = Annotated[
    bool, typer.Option("--excel", help="CSV with a UTF-8 BOM, for Excel on Japanese Windows.")
]


def _usage(message: str) -> None:
    _fail(message, EXIT_BAD_INPUT)


def _emit(output: str, data: bytes) -> None:
    """Write the bytes to ``output`` (``emit.write_output``: stdout, a device, or a file
    replaced atomically)."""
    write_output(output, data)


class Engine(StrEnum):
    """What reads a PDF's characters and rules (``layout/engine_*.py``)."""

    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="What reads a PDF's characters and rules: pdfium (fast) or pdfplumber "
        "(the reference); the output is the same.",
    ),
]

# Limits of the sandboxed process that reads a PDF (see ``hyoka_parse.sandbox``).
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


def _parse_one(file: str, data: bytes, limits: Limits, options: ReadOptions) -> Report:
    """Parse a text here, and a PDF in a sandboxed process (see ``hyoka_parse.sandbox``),
    as ``options`` say (``max_pages`` is ``limits.max_pages``)."""
    from dataclasses import replace

    from hyoka_parse.pipeline import parse_with
    from hyoka_parse.sandbox import parse_document
    from hyoka_parse.source import is_pdf

    if not is_pdf(data) or not hasattr(os, "fork"):  # no fork (Windows): no sandbox
        return parse_with(file, data, replace(options, max_pages=limits.max_pages))
    return parse_document(file, data, limits, options)


PARSE_HELP = f"""Parse one report (PDF or extracted text) into JSON, or into tidy tables.

The format follows -o's extension (.json .jsonl .csv .xlsx) unless --format is given.
csv and jsonl write one table (--table, default {DEFAULT_TABLE}); xlsx writes every table,
one sheet each. A saved hyoka-parse JSON (or batch JSONL) given as FILE is converted
without parsing again:

\b
  hyoka-parse out.json -o tables.xlsx

Tables: {", ".join(TABLES)}.
"""


@app.command(
    "parse",
    help=PARSE_HELP,
    epilog=EXIT_CODES_HELP,
    short_help="Parse one report (the default command).",
    context_settings={"allow_extra_args": True},  # so that several files get a clear word
)
def parse_cmd(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            help="A PDF, an extracted text, a saved output (.json/.jsonl), or - for stdin.",
            metavar="FILE",
            show_default=False,
        ),
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", metavar="PATH", help="Output file; - for stdout.")
    ] = "-",
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="json: the whole document; csv/jsonl: one tidy table; xlsx: a workbook of "
            "all tables. Default: from -o's extension, else json.",
            show_default=False,
        ),
    ] = None,
    table: TableOption = None,
    compact: Annotated[bool, typer.Option("--compact", help="JSON on one line.")] = False,
    indent: Annotated[
        int | None,
        typer.Option("--indent", min=0, max=8, metavar="N", help="JSON indent [default: 2]."),
    ] = None,
    excel: ExcelOption = False,
    pages: Annotated[
        str | None,
        typer.Option(
            "--pages", "-p", metavar="RANGES", help="Pages to read, e.g. 1-20,35 (from 1)."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when there are warnings, listing them.")
    ] = False,
    list_warnings: Annotated[
        bool, typer.Option("--warnings", help="List the warnings on stderr with page and line.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no warnings summary.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Say what was read and how long it took.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, metavar="N", help="Processes reading PDF pages [default: CPUs]."
        ),
    ] = None,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, metavar="N", help="Refuse PDFs with more pages.")
    ] = 2000,
    time_limit: TimeLimit = BASE_CPU_SECONDS,
    memory_limit: MemoryLimit = MEMORY_BYTES // 2**20,
    engine: EngineOption = Engine.pdfium,
) -> None:
    from hyoka_parse.saved import looks_like_output

    _one_file(file, ctx.args)
    check_output(output)
    refuse_output_over_input(output, [file])
    fmt = resolve_format(fmt, output)
    table_name = table.value if table else None
    check_options(fmt, table_name, compact, indent, excel)
    check_binary_stdout(fmt, output)
    page_list = parse_pages(pages) if pages else None
    started = time.perf_counter()
    file, data = _read_input(file)
    if looks_like_output(data):
        if page_list:
            _usage(f"--pages selects pages of a report; {file} is hyoka-parse output already")
        reports = _convert(file, data, fmt, table_name, excel, output, quiet)
    else:
        limits = _limits(time_limit, memory_limit, max_pages)
        with page_progress(file, quiet) as on_page:
            options = ReadOptions(jobs, max_pages, on_page, page_list, engine.value)
            report = _parse_one(file, data, limits, options)
        if fmt is Format.json:
            out = to_json(report, indent=None if compact else (2 if indent is None else indent))
            _emit(output, out.encode("utf-8"))
        else:
            _emit(output, render_tables(report.tables(), fmt, table_name, excel))
        if verbose:
            say_what_was_read(report, time.perf_counter() - started)
        reports = [report]
    tell_warnings(reports, list_warnings or strict, quiet)
    count = sum(len(r.warnings) for r in reports)
    if strict and count:
        sys.stderr.write(f"hyoka-parse: {count} warning(s) (--strict)\n")
        raise typer.Exit(EXIT_WARNINGS)


def _convert(
    file: str, data: bytes, fmt: Format, table: str | None, excel: bool, output: str, quiet: bool
) -> list[Report]:
    """Tables from a saved output, without parsing again; JSON of JSON is refused."""
    from hyoka_parse.saved import combined_tables, load

    if fmt is Format.json:
        _usage(
            f"{file} is hyoka-parse output already; convert it with --format "
            "csv|jsonl|xlsx (or -o FILE.xlsx), or check it with 'hyoka-parse validate'"
        )
    reports, failures = load(data, file)
    _emit(output, render_tables(combined_tables(reports, failures), fmt, table, excel))
    if failures and not quiet:
        names = ", ".join(f.path for f in failures[:5]) + (" …" if len(failures) > 5 else "")
        sys.stderr.write(
            f"hyoka-parse: {len(failures)} error record(s) have no rows (inputs that failed: "
            f"{names})\n"
        )
    return reports


def _one_file(file: str, extra: list[str]) -> None:
    if extra:
        _usage(
            f"{len(extra) + 1} files given; parse reads one: use 'hyoka-parse batch FILE... "
            "-o out.jsonl' (or -o out.xlsx) for several"
        )


@app.command("schema", epilog=EXIT_CODES_HELP)
def schema_cmd() -> None:
    """Print the JSON Schema (draft 2020-12) of the JSON output."""
    from hyoka_parse.models import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command("validate", epilog=EXIT_CODES_HELP.replace("under --strict", "(not used)"))
def validate_cmd(
    file: Annotated[
        str,
        typer.Argument(help="An output .json, or .jsonl from batch.", metavar="FILE"),
    ],
) -> None:
    """Check an output file against the schema; 2 when it is invalid."""
    from hyoka_parse.validate_output import validate_file

    file, data = _read_input(file)
    problems, documents = validate_file(file, data)
    for problem in problems[:50]:
        sys.stderr.write(f"{problem}\n")
    if problems:
        more = " (first 50 shown)" if len(problems) > 50 else ""
        _fail(f"{file}: {len(problems)} problem(s){more}; see the lines above")
    typer.echo(f"{file}: {documents} document(s) valid")


@app.command("show", epilog=EXIT_CODES_HELP, short_help="Show reports in the terminal.")
def show_cmd(
    file: Annotated[
        str,
        typer.Argument(
            help="A PDF, an extracted text, an output .json or a batch .jsonl.", metavar="FILE"
        ),
    ],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
) -> None:
    """Show reports in the terminal: header, grade, measures and ratings, warnings."""

    from rich.console import Console

    from hyoka_parse.show import render, render_failure

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich exits 1; the shell's code is 141
            raise BrokenPipeError

    reports, failures = _load_reports(file, quiet)
    console = _Console()
    for report in reports:
        render(report, console)
    for failure in failures:
        render_failure(failure, console)


@app.command("debug", epilog=EXIT_CODES_HELP, short_help="Draw a PDF page as the parser saw it.")
def debug_cmd(
    file: Annotated[str, typer.Argument(help="A PDF.", metavar="FILE")],
    page: Annotated[
        int, typer.Option("--page", "-p", min=1, metavar="N", help="Page number, from 1.")
    ] = 1,
    output: Annotated[
        str, typer.Option("-o", "--output", metavar="PATH", help="PNG to write; - for stdout.")
    ] = "page.png",
    resolution: Annotated[
        int, typer.Option("--resolution", min=20, max=400, metavar="DPI", help="Pixels per inch.")
    ] = 100,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
) -> None:
    """Draw a PDF page with what the parser saw: cells, labels, headings, furniture, warnings.

    A legend names the colours. Where the PDF's fonts are not embedded (so the page would
    draw no Japanese), the extracted characters are drawn instead.
    """
    from hyoka_parse.debug import draw_page

    if output == "-" and sys.stdout.isatty():
        _usage("a PNG is binary; write it to a file with -o FILE.png, or pipe it")
    if output != "-" and not output.lower().endswith(".png"):
        _usage(f"debug draws a PNG; name the output FILE.png, not {output}")
    check_output(output)
    refuse_output_over_input(output, [file])
    file, data = _read_input(file)
    import tempfile

    # drawn aside, then written as any output is (atomically; a missing folder is one line)
    with page_progress(file, quiet) as on_page, tempfile.TemporaryDirectory() as tmp:
        target = os.path.join(tmp, "page.png")
        counts = draw_page(file, page, target, resolution, on_page=on_page, data=data)
        with open(target, "rb") as fh:
            _emit(output, fh.read())
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    where = "the PNG to standard output" if output == "-" else output
    sys.stderr.write(f"hyoka-parse: wrote {where} ({summary})\n")


class ExecutorName(StrEnum):
    local = "local"
    dask = "dask"


BATCH_HELP = """Parse many reports; a bad file becomes an error record and the run goes on.

--format reports (the default for -o *.jsonl) writes one JSON document per line and can
--resume; csv, jsonl and xlsx write the tidy tables of all reports, with source columns
(source_path, source_sha256, ministry, report_year, policy_id). The format follows -o's
extension (.jsonl → reports, .csv, .xlsx) unless --format is given.
"""


@app.command(
    "batch",
    help=BATCH_HELP,
    epilog=EXIT_CODES_HELP.replace(
        "warnings under --strict", "a failed input or warnings under --strict"
    ),
    short_help="Parse many reports into JSON lines or tables.",
)
def batch_cmd(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, folders (*.pdf, *.txt) or globs.", metavar="PATH"),
    ],
    output: Annotated[
        str, typer.Option("-o", "--output", metavar="PATH", help="The file to write.")
    ],
    fmt: Annotated[
        BatchFormat | None,
        typer.Option("--format", "-f", help="reports, jsonl, csv or xlsx.", show_default=False),
    ] = None,
    table: TableOption = None,
    excel: ExcelOption = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Inputs parsed at once.")
    ] = (os.cpu_count() or 1),
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
        float,
        typer.Option("--timeout", min=0, metavar="SECONDS", help="Per document; 0 for no limit."),
    ] = 600,
    time_limit: TimeLimit = BASE_CPU_SECONDS,
    memory_limit: MemoryLimit = MEMORY_BYTES // 2**20,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Refuse PDFs with more pages.")
    ] = 2000,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 also when an input had warnings.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")] = False,
    engine: EngineOption = Engine.pdfium,
) -> None:
    from hyoka_parse import batch

    kind = batch_format(fmt, output)
    table_name = table.value if table else None
    check_batch_options(kind, table_name, excel, resume)
    if "-" in paths:
        _usage(
            "batch reads files, folders and globs, not standard input (-); save it to a file, "
            "or parse it alone: hyoka-parse - -o out.json"
        )
    inputs, skipped = batch.discover(paths)
    for path, what in skipped:
        sys.stderr.write(f"hyoka-parse: skipped {path}: {what}, not a regular file\n")
    if not inputs:
        _fail(f"no input files found ({_why_none(paths)}); pass files, folders or globs")
    _check_batch_output(output, inputs, resume, overwrite)
    if not any(os.path.exists(p) for p in inputs):  # a typo, not a batch with a gap
        _fail(f"{inputs[0]}: no such file or folder; check the path")
    runner = batch.make_executor(executor.value, jobs)
    job = batch.Job(_limits(time_limit, memory_limit, max_pages, timeout or None), engine.value)
    failures: list[Outcome] = []
    try:
        with batch_progress(inputs, quiet) as on_result, _jsonl_target(kind, output) as target:

            def on_outcome(outcome: Outcome) -> None:
                if outcome.status != "ok":
                    failures.append(outcome)
                if on_result:
                    on_result(outcome)

            summary = batch.run(inputs, target, runner, job, resume, on_outcome)
            summary.inputs += len(skipped)
            summary.skipped = len(skipped)
            if kind is not BatchFormat.reports:
                _emit_batch_tables(output, target, kind, table_name, excel)
    except OSError as exc:  # the output cannot be written (a full disk, a device)
        _fail(f"cannot write {output}: {exc.strerror or exc}; pass another -o")
    except KeyboardInterrupt:
        sys.stderr.write(f"hyoka-parse: interrupted{_what_is_kept(kind, output)}\n")
        raise typer.Exit(130) from None
    if not quiet:
        _print_summary(summary, output, failures)
    if failures or (strict and summary.warnings):
        raise typer.Exit(EXIT_WARNINGS)


def _why_none(paths: list[str]) -> str:
    """Why paths that give no input gave none (named files are always inputs)."""
    return ", ".join(
        f"{p} holds no regular .pdf or .txt file" if os.path.isdir(p) else f"{p} matches no file"
        for p in paths
    )


def _what_is_kept(kind: BatchFormat, output: str) -> str:
    """What an interrupted batch leaves and what carries it on: --resume works only on a
    JSON-lines file of reports (``--format reports``), never on stdout or a table format."""
    if kind is not BatchFormat.reports:
        stem = "all" if output == "-" else os.path.splitext(output)[0]
        target = f"FILE.{kind.value}" if output == "-" else output
        where = "standard output" if output == "-" else output
        return (
            f"; nothing written to {where} ({kind.value} cannot be resumed): run it again, or "
            f"parse into reports first, -o {stem}.reports.jsonl (--resume carries that on), "
            f"then convert: hyoka-parse {stem}.reports.jsonl -o {target}"
        )
    if output == "-":
        return "; --resume needs an output file: write -o FILE.jsonl to carry on after a stop"
    return f"; finished documents are kept in {output} (--resume carries on)"


@contextmanager
def _jsonl_target(kind: BatchFormat, output: str) -> Iterator[str]:
    """Where batch.run writes its JSON lines: the output itself, or a scratch file that the
    tables are made from."""
    if kind is BatchFormat.reports:
        yield output
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="hyoka-parse-") as tmp:
        yield os.path.join(tmp, "reports.jsonl")


def _emit_batch_tables(
    output: str, jsonl: str, kind: BatchFormat, table: str | None, excel: bool
) -> None:
    """Write the tables of a batch's reports; when they cannot be written (a text longer
    than an Excel cell), keep the parsed reports beside ``output`` and say so, so the
    parsing is not lost."""
    try:
        _emit(output, _batch_tables(jsonl, kind, table, excel))
    except HyokaError as exc:
        kept = f"{output}.reports.jsonl"
        if output == "-" or os.path.exists(kept):
            raise
        import shutil

        shutil.copyfile(jsonl, kept)
        raise HyokaError(
            exc.message,
            f"{exc.hint}; the parsed reports are kept in {kept}: convert them with "
            f"'hyoka-parse {kept} -o FILE.csv'",
        ) from exc


def _batch_tables(jsonl: str, kind: BatchFormat, table: str | None, excel: bool) -> bytes:
    from hyoka_parse.saved import combined_tables, load

    with open(jsonl, "rb") as fh:
        reports, failures = load(fh.read(), jsonl)
    return render_tables(combined_tables(reports, failures), Format(kind.value), table, excel)


def _check_batch_output(output: str, inputs: list[str], resume: bool, overwrite: bool) -> None:
    """Refuse to destroy an input or an earlier run's output."""
    if output == "-":
        if resume:
            _fail("--resume needs an output file; pass -o FILE")
        return
    refuse_output_over_input(output, inputs)
    if resume and overwrite:
        _fail("--resume and --overwrite contradict each other; pass one")
    check_output(output)
    exists = os.path.isfile(output) and os.path.getsize(output) > 0
    if exists and not (resume or overwrite):
        _fail(f"{output} exists; pass --resume to carry on, or --overwrite to replace it")


def _print_summary(summary: Summary, output: str, failures: list[Outcome]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"hyoka-parse batch → {output}")
    for column in ("inputs", "parsed", "unchanged", "skipped", "errors", "warnings", "seconds"):
        table.add_column(column, justify="right")
    errors = ", ".join(f"{n} {s}" for s, n in sorted(summary.statuses.items()) if s != "ok") or "0"
    table.add_row(
        str(summary.inputs),
        str(summary.statuses.get("ok", 0)),
        str(summary.unchanged),
        str(summary.skipped),
        errors,
        str(summary.warnings),
        f"{summary.seconds:.1f}",
    )
    Console(stderr=True).print(table)
    for outcome in failures:  # one plain line each, so that grep and cut work on them
        message = json.loads(outcome.line).get("error", {}).get("message", "")
        sys.stderr.write(f"hyoka-parse: failed: {outcome.path} ({outcome.status}): {message}\n")


def _load_reports(file: str, quiet: bool) -> tuple[list[Report], list]:
    """Reports from a saved output (JSON or batch JSONL), or one parsed from a PDF or text."""
    from hyoka_parse.saved import load, looks_like_output

    file, data = _read_input(file)
    if looks_like_output(data):
        return load(data, file)
    limits = _limits(BASE_CPU_SECONDS, MEMORY_BYTES // 2**20, 2000)
    with page_progress(file, quiet) as on_page:
        return [_parse_one(file, data, limits, ReadOptions(on_page=on_page))], []


def _read_input(file: str) -> tuple[str, bytes]:
    """The input's name in output and messages (``<stdin>`` for ``-``) and its bytes.

    ``-`` on a terminal is refused rather than read: nothing is typed there, and a silent
    wait looks like a hang (https://clig.dev/#interactivity). Raises InputError for a URL
    or a file that cannot be read."""
    from hyoka_parse.sniff import refuse_url
    from hyoka_parse.source import input_name, read_bytes

    refuse_url(file)
    if file == "-" and sys.stdin is not None and sys.stdin.isatty():  # would wait silently
        _usage(
            "- reads standard input, which is a terminal here; pipe a report into it "
            "(cat report.txt | hyoka-parse -) or pass the file"
        )
    return input_name(file), read_bytes(file)


_COMMANDS = {"parse", "schema", "validate", "show", "debug", "batch"}


def _terminate_cleanly() -> None:
    """SIGTERM unwinds like Ctrl-C, so a half-written temporary file is removed."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, stop)


# Click's UsageError, the parent of typer.BadParameter: Typer 0.12 re-exports click's, newer
# Typer vendors click and exports only the subclass.
_UsageError: type[Exception] = typer.BadParameter.__mro__[1]


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, ending every failure with one line and its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    _terminate_cleanly()
    if args and args[0] not in _COMMANDS and args[0] not in ("--help", "-h", "--version"):
        args.insert(0, "parse")
    try:
        code = app(args=args, prog_name="hyoka-parse", standalone_mode=False)
    except HyokaError as exc:
        _die(exc.one_line(), exc.exit_code)
    except _UsageError as exc:
        if not args:  # bare 'hyoka-parse': the help, as before any usage error
            sys.stderr.write(exc.format_message() + "\n")  # type: ignore[attr-defined]
            sys.exit(EXIT_BAD_INPUT)
        _die(_usage_line(exc), EXIT_BAD_INPUT)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("hyoka-parse: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        _reader_gone()
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("HYOKA_DEBUG"):
            raise
        _die(
            f"internal error: {type(exc).__name__}: {exc}; please report it with the input "
            "file (set HYOKA_DEBUG=1 for the traceback)",
            EXIT_INTERNAL,
            prefix="",
        )
    sys.exit(code if isinstance(code, int) else 0)


def _die(message: str, code: int, prefix: str = "error: ") -> None:
    sys.stderr.write(f"hyoka-parse: {prefix}{message}\n")
    sys.exit(code)


def _usage_line(exc: Exception) -> str:
    """Click's usage error as one line, without its usage block; Typer's enum check words
    its message as pydantic does ("Value error, …")."""
    message = exc.format_message().replace("Value error, ", "").replace("\n", " ")  # type: ignore[attr-defined]
    message = message.rstrip(".")
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx else "hyoka-parse"
    return f"{message}; see '{command} -h'"


def _reader_gone() -> None:
    """The pipe's reader closed it (``| head``): stop quietly with the shell's code for a
    writer killed by SIGPIPE, and keep Python from complaining while it flushes stdout."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(141)


if __name__ == "__main__":  # pragma: no cover
    main()

"""The ``hyoka-parse`` command line.

``hyoka-parse FILE`` is short for ``hyoka-parse parse FILE``.
"""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from hyoka_parse import __version__
from hyoka_parse.emit import to_json, write_atomic
from hyoka_parse.errors import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_WARNINGS, HyokaError
from hyoka_parse.models import json_schema

EXIT_CODES_HELP = """Exit codes: 0 ok; 1 warnings under --strict; 2 bad usage or bad input;
3 internal error (please report it)."""

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


def _render(report, fmt: Format, indent: int | None, excel: bool) -> bytes:
    from hyoka_parse import tidy

    if fmt is Format.json:
        text = to_json(report, indent=indent)
    elif fmt is Format.jsonl:
        text = tidy.to_jsonl(report)
    else:
        text = tidy.to_csv(report)
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if excel and fmt is Format.csv else data


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
) -> None:
    """Parse one report.

    Exit codes: 0 ok, 1 warnings under --strict, 2 bad input, 3 internal error.
    """
    from hyoka_parse.pipeline import parse

    report = parse(file, jobs=jobs, max_pages=max_pages)
    data = _render(report, fmt, None if compact else indent, excel)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            write_atomic(output, data)
        except OSError as exc:
            _fail(
                f"cannot write {output} ({exc.strerror}); check the folder exists and is writable"
            )
    if strict and report.warnings:
        sys.stderr.write(f"hyoka-parse: {len(report.warnings)} warning(s) (--strict)\n")
        raise typer.Exit(EXIT_WARNINGS)


@app.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the output."""
    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


_COMMANDS = {"parse", "schema"}


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, ending every failure with one line and its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
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

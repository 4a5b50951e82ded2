"""Errors that end a run with one clear line and a documented exit code."""

from __future__ import annotations

# Exit codes, documented in the README and in ``hyoka-parse --help``.
EXIT_OK = 0
EXIT_WARNINGS = 1  # only with --strict
EXIT_BAD_INPUT = 2  # bad usage or bad input
EXIT_INTERNAL = 3  # a bug: please report it


class HyokaError(Exception):
    """An error the user can act on: ``message`` says what is wrong, ``hint`` what to do."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class InputError(HyokaError):
    """The input file cannot be read as a 政策評価書 (missing, empty, undecodable, unrelated)."""

"""Progress on a terminal: ``name pages 52/138`` while a PDF is read, ``files 3/25 · name``
in a batch. Nothing is drawn when stderr is not a terminal, or under ``-q``."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from hyoka_parse.batch import Outcome


@contextmanager
def page_progress(file: str, quiet: bool = False) -> Iterator[Callable[[int, int], None] | None]:
    """``pages 52/138`` while a PDF is read, on a terminal only."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn

    name = os.path.basename(file)
    columns = (TextColumn("{task.description}"), BarColumn())
    with Progress(*columns, transient=True, console=stderr_console()) as progress:
        task = progress.add_task(f"{name} opening", total=None)

        def on_page(done: int, total: int) -> None:
            progress.update(
                task, completed=done, total=total, description=f"{name} pages {done}/{total}"
            )

        yield on_page


@contextmanager
def batch_progress(
    inputs: list[str], quiet: bool = False
) -> Iterator[Callable[[Outcome], None] | None]:
    """``files 3/25 · name`` over inputs, on a terminal only; no ETA (documents vary).

    Results come back in input order, so the next input is the one being waited for."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn

    def line(done: int) -> str:
        waiting = os.path.basename(inputs[done]) if done < len(inputs) else "done"
        return f"files {done}/{len(inputs)} · {waiting}"

    columns = (BarColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=stderr_console()) as progress:
        task = progress.add_task(line(0), total=len(inputs))
        done = 0

        def on_result(outcome: Outcome) -> None:
            nonlocal done
            done += 1
            progress.update(task, completed=done, description=line(done))

        yield on_result


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True)

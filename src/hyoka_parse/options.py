"""How to read one document: the options that travel together from the command line
through the sandbox to the page workers (issue 8: "Options that travel together (jobs,
max_pages, on_page) in one dataclass")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hyoka_parse.layout.page_objects import DEFAULT_ENGINE, ENGINES

DEFAULT_MAX_PAGES = 2000

__all__ = ["DEFAULT_ENGINE", "DEFAULT_MAX_PAGES", "ENGINES", "ReadOptions"]


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """``jobs``: processes reading PDF pages (None: the CPU count); ``max_pages``: refuse
    longer PDFs; ``on_page(done, total)``: called as PDF pages are read; ``pages``: only
    these 1-based pages, sorted (``--pages``); ``engine``: what reads a PDF's characters
    and rules (``pdfium`` or ``pdfplumber``, the same output)."""

    jobs: int | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    on_page: Callable[[int, int], None] | None = None
    pages: list[int] | None = None
    engine: str = DEFAULT_ENGINE

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine {self.engine!r}: one of {', '.join(ENGINES)}")

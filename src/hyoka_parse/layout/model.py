"""The layout model: what a reader knows of a document before anything is interpreted.

Every reader (the PDF reader; the text readers) turns its input into a ``SourceDoc``: numbered
``Line`` objects in reading order, plus the furniture it dropped. Where the reader knows the
page's tables, a line that is a row of a grid carries its ``Cell`` objects, each with its
column, spans and box, so that extractors read grids *by column* (a value belongs to the
header cell that stands above it) instead of by counting cells.

Coordinates are PDF points from the top-left corner of the page (pdfplumber's convention):
``Box = (x0, top, x1, bottom)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]


def union(boxes: list[Box]) -> Box | None:
    """The smallest box around ``boxes``; None for none."""
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def x_overlap(a: Box, b: Box) -> float:
    """How much of the narrower of ``a`` and ``b`` the other covers horizontally (0..1)."""
    inter = min(a[2], b[2]) - max(a[0], b[0])
    narrower = min(a[2] - a[0], b[2] - b[0])
    return max(0.0, inter) / narrower if narrower > 0 else 0.0


@dataclass(slots=True)
class Cell:
    """One cell of a table: its text and where it stands.

    ``row``/``col`` are 0-based in the table's own grid (every ruling line makes a grid
    line); ``row_span``/``col_span`` count the grid rows and columns it covers. ``box`` is
    None when the reader knows no geometry (plain text)."""

    text: str
    box: Box | None = None
    row: int = 0
    col: int = 0
    row_span: int = 1
    col_span: int = 1
    table: int = -1  # which table of its page (``Table.id``); -1: unknown
    lines: list[str] = field(default_factory=list)  # the cell's visual lines, as printed
    filled: bool = False  # its text runs down to the bottom of its box (it may go on overleaf)
    # The page cuts the cell and the input has no next page: its text may be incomplete.
    cut: bool = False

    def __str__(self) -> str:
        return self.text


@dataclass(slots=True)
class Table:
    """A ruled table of one page. ``continues`` when its last row is cut by the page end
    (the row goes on overleaf); ``nested_in`` names the cell of another table it sits in."""

    id: int
    page: int
    box: Box
    cells: list[Cell] = field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0
    continues: bool = False
    nested_in: tuple[int, int, int] | None = None  # (table id, row, col) of the holding cell


@dataclass(slots=True)
class Line:
    """A line of the document in reading order, as the segmenter sees it."""

    no: int  # 1-based line number in the extracted text
    page: int | None  # 1-based PDF page, None when unknown
    text: str  # as extracted, trailing spaces kept: in extracted text they mark paragraph ends
    key: str = ""  # normalised for heading detection (set by the normaliser)
    # Known from the layout (PDF): whether a paragraph ends here; None when only text is known.
    para_end: bool | None = None
    # Known from the layout: the cells when the line is a row of a table grid, left to right.
    cells: list[Cell] | None = None
    # Known from the layout (PDF): where the line stands on its page (x0, top, x1, bottom).
    bbox: Box | None = None
    # The input's last line (set by the text readers): a grid whose text runs to it may be cut
    # by the page end of an excerpt, so its cells cannot be told apart.
    ends_input: bool = False
    # The first line of a page that does not follow the page before it (pages left out by
    # --pages, or printed page numbers that jump): nothing runs on across it (pages.py).
    after_gap: bool = False

    def with_text(self, text: str) -> Line:
        """A line of other text at this one's place (its number and page), as a text reader
        makes when it cuts, joins or mends extracted lines; nothing else carried over."""
        return Line(self.no, self.page, text)


@dataclass(slots=True)
class SourceDoc:
    """What a reader made of one input: lines in reading order and the furniture dropped."""

    path: str
    format: str  # "text" | "pdf"
    sha256: str
    pages: int | None
    lines: list[Line] = field(default_factory=list)
    furniture: list[tuple[str, Line, str]] = field(default_factory=list)  # dropped by the reader
    warnings: list[tuple[str, str, Line]] = field(default_factory=list)  # (code, message, where)
    # A text read as one page whose breaks are unknown (layout.text_pages): no page in output.
    unknown_pages: bool = False
    # The 1-based pages read, where some were left out (--pages 1-20,35); None: all.
    read_pages: list[int] | None = None

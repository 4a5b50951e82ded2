"""Pipeline stage 1 for PDFs: characters → lines and table cells, in reading order.

A 政策評価書 is a Word document exported to PDF: nearly everything sits in bordered
table cells. Each page's characters are assigned to the cells pdfplumber finds from
the ruling lines, then each cell is read on its own:

- a *vertical label* (one character per line: 評/価/結/果) is furniture;
- a *narrow label cell* (施策の予算額・執行額等（…）) becomes one line;
- a *wide text cell* keeps its lines, each marked with whether a paragraph ends
  there (last line, a short line, or a gap before the next line);
- a row of a *grid* (three or more cells: budget, 参考指標, 年度目標値 / 実績値)
  becomes one line that also carries its cell texts, so that narrow wrapped cells
  come out whole.

The lines feed the same segmenter and extractors as extracted text.
"""

from __future__ import annotations

import hashlib
import io
import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

import regex

from hyoka_parse import pdf_guard
from hyoka_parse.errors import InputError
from hyoka_parse.pdf_guard import StreamTooLarge
from hyoka_parse.source import Line, SourceDoc
from hyoka_parse.text import SENTENCE_END, join_cell

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
GRID_CELLS = 3  # a row with this many cells is a row of a data grid
NARROW = 0.3  # a cell narrower than this share of its table is a label cell
_PAGE_NUMBER = regex.compile(r"^[-－‐―\s]*[0-9０-９]{1,4}[-－‐―\s]*$")
DEFAULT_MAX_PAGES = 2000


def _guard_decompression() -> None:
    pdf_guard.install()


# Adobe-Japan1 maps some JIS characters to other code points than Windows (CP932) does,
# on which Japanese Word documents are written: 〜 for ～, − for －, and so on. Fonts
# without a ToUnicode map come out so; fold them back to what the author typed.
_CP932 = str.maketrans({"〜": "～", "−": "－", "‖": "∥", "¢": "￠", "£": "￡", "¬": "￢", "—": "―"})


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points from the top


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(slots=True)
class PLine:
    """A visual line inside one cell (or outside any table)."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    first: float  # width of what starts the line: a Latin word, or one character
    bottom: float = 0.0

    @property
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(slots=True)
class Out:
    """A line as the page gives it to the segmenter."""

    text: str
    para_end: bool | None = None
    cells: list[str] | None = None
    bbox: Box | None = None
    first: float = 0.0  # width of what starts the line (see PLine.first)
    # The last line of a cell the page cuts: (room left on it, font size). Whether the
    # paragraph runs on is decided with the next page's first line in view.
    overleaf: tuple[float, float] | None = None


@dataclass(slots=True)
class PageResult:
    lines: list[Out] = field(default_factory=list)
    furniture: list[tuple[str, str, Box | None]] = field(default_factory=list)  # kind, text, box
    free: list[tuple[int, str, int]] = field(default_factory=list)  # (index, text, top)
    regions: list[tuple[str, Box]] = field(default_factory=list)  # cells by how they were read
    chars: int = 0


def _dedupe(chars: list[dict]) -> list[dict]:
    """Drop characters overprinted within a point of each other (fake bold prints twice)."""
    seen: dict[tuple[str, int], list[tuple[float, float]]] = {}
    out = []
    for c in chars:
        key = (c["text"], round(c["top"]))
        spots = seen.setdefault(key, [])
        if any(abs(x - c["x0"]) < 1 and abs(t - c["top"]) < 1 for x, t in spots):
            continue
        spots.append((c["x0"], c["top"]))
        out.append(c)
    return out


def _first_width(chars: list[dict]) -> float:
    """Width of the line's first Latin word, or of its first character."""
    end = 0
    while end < len(chars) and chars[end]["text"].isascii() and chars[end]["text"].strip():
        end += 1
    last = chars[max(end, 1) - 1]
    return last["x1"] - chars[0]["x0"]


def _lines(chars: list[dict]) -> list[PLine]:
    """Cluster characters into visual lines, top to bottom, left to right."""
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    groups: list[list[dict]] = []
    for c in chars:
        if groups and c["top"] - groups[-1][0]["top"] <= c["size"] * 0.5:
            groups[-1].append(c)
        else:
            groups.append([c])
    lines = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        prev = None
        for c in g:
            t = c["text"].replace("\u00a0", " ").translate(_CP932)
            # Words set apart without a space glyph: keep a space next to Latin text.
            apart = prev is not None and c["x0"] - prev["x1"] > 0.3 * c["size"]
            latin = apart and (t[:1].isascii() or prev["text"][-1:].isascii())
            if latin and parts[-1:] != [" "] and t != " ":
                parts.append(" ")
            parts.append(t)
            prev = c
        text = "".join(parts)
        sizes = [c["size"] for c in g]
        bottom = max(c["bottom"] for c in g)
        top, first = g[0]["top"], _first_width(g)
        lines.append(PLine(text, g[0]["x0"], g[-1]["x1"], top, median(sizes), first, bottom))
    return lines


def _paragraph_ends(lines: list[PLine], right: float, leading: float) -> list[bool]:
    """Whether a paragraph ends after each line: the last line, a gap after it (wider than
    the page's usual line spacing), or a line that stops clearly short of the cell's edge
    (by more than kinsoku can leave, or at a sentence end)."""
    ends = []
    for i, ln in enumerate(lines):
        if i == len(lines) - 1:
            ends.append(True)
            continue
        # Short: what starts the next line would have fitted here, with a character to
        # spare for kinsoku (which may carry one character over).
        slack = right - ln.x1 - lines[i + 1].first
        short = slack > ln.size or (
            slack > 0.5 * ln.size and ln.text.rstrip().endswith(SENTENCE_END)
        )
        gap = lines[i + 1].top - ln.top > (1.2 * leading) * ln.size + 0.5
        ends.append(short or gap)
    return ends


def _leading(groups: list[list[PLine]]) -> float:
    """The usual distance between the lines of a paragraph on the page, in font sizes.

    Gaps wider than 1.6 font sizes are taken to be between paragraphs unless the page
    has no narrower ones (a document set with wide line spacing)."""
    ratios = [(b.top - a.top) / a.size for g in groups for a, b in pairwise(g) if b.top > a.top]
    if not ratios:
        return 1.5
    within = [r for r in ratios if r < 1.6]
    return median(within or ratios)


def _is_vertical(lines: list[PLine]) -> bool:
    return len(lines) >= 3 and all(len(ln.text.strip()) == 1 for ln in lines)


@dataclass(slots=True)
class _Table:
    bbox: tuple[float, float, float, float]
    n_cols: int
    rows: list[list[tuple[int, tuple[float, float, float, float]]]]  # (column, cell bbox)
    tops: list[float]


def _tables(page: Any) -> list[_Table]:
    """The page's tables, one-cell boxes included (pdfplumber leaves those out).

    A table broken by a page break may have no ruling line where the page cuts it, so
    the ends of the vertical rules close it."""
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    settings = dict(TABLE_SETTINGS)
    if verticals:
        settings["explicit_horizontal_lines"] = [
            min(e["top"] for e in verticals),
            max(e["bottom"] for e in verticals),
        ]
    finder = page.debug_tablefinder(settings)
    out = []
    in_tables = set()
    for t in finder.tables:
        rows = []
        for row in t.rows:
            rows.append([(col, cell) for col, cell in enumerate(row.cells) if cell is not None])
        n_cols = max((len(r.cells) for r in t.rows), default=0)
        tops = sorted({cell[1] for r in rows for _, cell in r})
        out.append(_Table(t.bbox, n_cols, rows, tops))
        in_tables.update(t.cells)
    for cell in finder.cells:
        if cell not in in_tables:
            out.append(_Table(cell, 1, [[(0, cell)]], [cell[1]]))
    return sorted(out, key=lambda t: (t.bbox[1], t.bbox[0]))


def _assign(chars: list[dict], tables: list[_Table]) -> tuple[dict, list[dict]]:
    """Map each character to the cell that holds its centre; the rest are free text."""
    by_cell: dict[tuple[int, tuple], list[dict]] = {}
    cells_by_band = []
    for t in tables:
        cells = [cell for row in t.rows for _, cell in row]
        bands = []
        for top in t.tops:
            bands.append([c for c in cells if c[1] <= top + 0.1 and c[3] > top + 0.1])
        cells_by_band.append(bands)
    free = []
    for ch in chars:
        x = (ch["x0"] + ch["x1"]) / 2
        y = (ch["top"] + ch["bottom"]) / 2
        for ti, t in enumerate(tables):
            x0, top, x1, bottom = t.bbox
            if not (x0 <= x <= x1 and top <= y <= bottom):
                continue
            band = bisect_right(t.tops, y) - 1
            if band < 0:
                continue
            for cell in cells_by_band[ti][band]:
                if cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]:
                    by_cell.setdefault((ti, cell), []).append(ch)
                    break
            break
        else:
            free.append(ch)
    return by_cell, free


def _wide(lines: list[PLine], right: float, leading: float, cut: bool = False) -> list[Out]:
    ends = _paragraph_ends(lines, right, leading)
    out = [
        Out(ln.text, end, bbox=ln.bbox, first=ln.first) for ln, end in zip(lines, ends, strict=True)
    ]
    if cut and lines:
        out[-1].overleaf = (right - lines[-1].x1, lines[-1].size)
    return out


def _runs_on(prev: Out, nxt: Out) -> bool:
    """Whether a paragraph cut by the page end goes on in ``nxt``: the start of ``nxt``
    would not have fitted at the end of ``prev``."""
    room, size = prev.overleaf or (0.0, 0.0)
    slack = room - nxt.first
    sentence_end = prev.text.rstrip().endswith(SENTENCE_END)
    return not (slack > size or (sentence_end and slack > 0.5 * size))


def _cell_text(lines: list[PLine]) -> str:
    return join_cell([ln.text for ln in lines])


def _emit_table(
    ti: int, t: _Table, cell_lines: dict, leading: float, page_bottom: float, res: PageResult
) -> None:
    width = t.bbox[2] - t.bbox[0]
    for row in t.rows:
        cells = []  # (cell, lines, is a row label spanning rows)
        for col, cell in row:
            lines = cell_lines.get((ti, cell), [])
            if _is_vertical(lines):
                text = "".join(ln.text.strip() for ln in lines)
                res.furniture.append(("vertical_label", text, cell))
                res.regions.append(("vertical_label", cell))
                continue
            spans = any(cell[1] + 0.1 < top < cell[3] - 0.1 for top in t.tops)
            cells.append((cell, lines, col == 0 and spans))
        grid_cells = [c for c in cells if not c[2]]
        # A row of three or more cells is a row of a data grid: one line with its cells.
        grid = len(grid_cells) >= GRID_CELLS
        for cell, lines, label in cells:
            if grid and not label:
                res.regions.append(("grid_cell", cell))
                continue
            if (cell[2] - cell[0]) < NARROW * width:
                res.regions.append(("label_cell", cell))
                if lines:
                    box = _union([ln.bbox for ln in lines])
                    res.lines.append(Out(_cell_text(lines), True, bbox=box))
            else:
                res.regions.append(("text_cell", cell))
                # The lowest cell on the page may go on overleaf (Word splits rows).
                cut = cell[3] >= page_bottom - 1
                res.lines.extend(_wide(lines, cell[2] - 2, leading, cut))
        if grid:
            texts = [_cell_text(lines) for _, lines, _ in grid_cells]
            box = _union([c for c, _, _ in grid_cells])
            res.lines.append(Out(" ".join(t for t in texts if t), True, texts, box))


def extract_page(page: Any) -> PageResult:
    """Read one pdfplumber page into lines in reading order."""
    res = PageResult()
    upright = [c for c in page.chars if c.get("upright", True)]
    rotated = [c for c in page.chars if not c.get("upright", True)]
    if rotated:  # labels set sideways: furniture, but said so
        # Read along the text's own direction, (a, b) of its matrix.
        rotated.sort(
            key=lambda c: c["matrix"][4] * c["matrix"][0] + c["matrix"][5] * c["matrix"][1]
        )
        box = _union([(c["x0"], c["top"], c["x1"], c["bottom"]) for c in rotated])
        res.furniture.append(("rotated_text", "".join(c["text"] for c in rotated), box))
    chars = _dedupe(upright)
    res.chars = sum(1 for c in chars if c["text"].strip())
    tables = _tables(page)
    by_cell, free = _assign(chars, tables)
    cell_lines = {key: _lines(cs) for key, cs in by_cell.items()}
    free_lines = _lines(free)
    leading = _leading([*cell_lines.values(), free_lines])
    right = max((ln.x1 for ln in free_lines), default=page.width)
    items: list[tuple[float, int, Any]] = [(t.bbox[1], i, t) for i, t in enumerate(tables)]
    page_bottom = max((t.bbox[3] for t in tables), default=page.height)
    free_ends = _paragraph_ends(free_lines, right, leading)
    for ln, end in zip(free_lines, free_ends, strict=True):
        items.append((ln.top, len(items), (ln, end)))
    for _, _, item in sorted(items, key=lambda it: (it[0], it[1])):
        if isinstance(item, _Table):
            _emit_table(tables.index(item), item, cell_lines, leading, page_bottom, res)
            continue
        ln, end = item
        if ln.top > page.height * 0.9 and _PAGE_NUMBER.match(ln.text):
            res.furniture.append(("page_number", ln.text.strip(), ln.bbox))
            continue
        res.free.append((len(res.lines), ln.text, round(ln.top)))
        res.lines.append(Out(ln.text, end, bbox=ln.bbox, first=ln.first))
    return res


# --- whole documents, in one process or several ---

_DATA: bytes | None = None


def _init_worker(data: bytes) -> None:
    global _DATA
    _DATA = data
    reset_signals()


def reset_signals() -> None:
    """In a worker: let the pool stop it with SIGTERM, and leave Ctrl-C to the parent."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps (pdfplumber wraps pdfminer's errors)."""
    out: list[BaseException] = []
    todo = [exc]
    while todo:
        e = todo.pop()
        if e is None or any(e is o for o in out):
            continue
        out.append(e)
        todo += [e.__cause__, e.__context__, *(a for a in e.args if isinstance(a, BaseException))]
    return out


def _open(data: bytes, path: str, max_pages: int | None = None) -> Any:
    """Open a PDF, turning every way it can fail into one clear InputError.

    Objects and pages are counted from the xref and the page tree before any page is
    built (``pdf_guard.census``); ``max_pages`` refuses longer documents."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    _guard_decompression()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        try:
            pdf_guard.census(pdf.doc, path, max_pages)
            _ = pdf.pages
        except BaseException:
            pdf.stream.close()  # not pdf.close(): that builds every page first
            raise
        return pdf
    except InputError:
        raise
    except Exception as exc:
        causes = _causes(exc)
        if any(isinstance(e, StreamTooLarge) for e in causes):
            raise pdf_guard.too_large(path) from exc
        if any(isinstance(e, PDFPasswordIncorrect | PDFEncryptionError) for e in causes) or any(
            "password" in str(e).lower() for e in causes
        ):
            raise InputError(
                f"{path} is encrypted and needs a password",
                "open it with the password and save an unprotected copy",
            ) from exc
        raise InputError(
            f"{path} is a damaged or truncated PDF ({type(causes[-1]).__name__})",
            "get a complete copy of the file",
        ) from exc


def _too_large(path: str) -> InputError:
    return pdf_guard.too_large(path)


def _read_page(page: Any, path: str) -> PageResult:
    try:
        return extract_page(page)
    except Exception as exc:
        if any(isinstance(e, StreamTooLarge) for e in _causes(exc)):
            raise _too_large(path) from exc
        raise InputError(
            f"{path}: page {page.page_number} cannot be read ({type(exc).__name__})",
            "the PDF may be damaged; get a complete copy",
        ) from exc
    finally:
        page.close()  # release the page's caches: memory stays flat


def _extract_range(args: tuple[int, int, str]) -> list[PageResult]:
    start, stop, path = args
    assert _DATA is not None
    pdf = _open(_DATA, path)
    try:
        return [_read_page(pdf.pages[i], path) for i in range(start, stop)]
    finally:
        pdf.close()


def _chunks(n: int, jobs: int) -> list[tuple[int, int]]:
    size = max(1, -(-n // (jobs * 4)))
    return [(i, min(n, i + size)) for i in range(0, n, size)]


def extract_pages(
    data: bytes,
    path: str,
    jobs: int | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    on_page: Callable[[int, int], None] | None = None,
) -> list[PageResult]:
    """Read every page, in this process or in ``jobs`` processes; the same either way.

    Raises InputError; also when a page worker dies (the OOM killer): never a hang."""
    from hyoka_parse import sandbox

    pdf = _open(data, path, max_pages)
    try:
        n = len(pdf.pages)
        if n == 0:
            raise InputError(f"{path} has no pages", "check the file")
        if n > max_pages:
            raise InputError(
                f"{path} has {n} pages, more than --max-pages {max_pages}", "raise --max-pages"
            )
        sandbox.grant_pages(n)
        jobs = jobs or os.cpu_count() or 1
        if jobs <= 1 or n < 4:
            results = []
            for page in pdf.pages:
                results.append(_read_page(page, path))
                if on_page:
                    on_page(len(results), n)
            return results
    finally:
        pdf.close()
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    results = []
    chunks = [(a, b, path) for a, b in _chunks(n, jobs)]
    budget = pdf_guard.share_budget(ctx)  # one ceiling for the document, not per worker
    steps = ((pdf_guard.adopt_budget, (budget,)), (_init_worker, (data,)))
    try:
        with ProcessPoolExecutor(jobs, ctx, sandbox.worker_init, steps) as pool:
            for part in pool.map(_extract_range, chunks):
                results += part
                if on_page:
                    on_page(len(results), n)
    except BrokenProcessPool as exc:
        raise sandbox.LimitError(
            f"{path}: a process reading its pages was killed (out of memory?)",
            "check the file, or try --jobs 1",
        ) from exc
    return results


def _running_lines(results: list[PageResult]) -> set[tuple[str, int]]:
    """Free lines repeated at the same height on many pages: running headers and footers."""
    counts: Counter[tuple[str, int]] = Counter()
    for r in results:
        counts.update({(text.strip(), top) for _, text, top in r.free})
    limit = max(3, len(results) // 3)
    return {key for key, n in counts.items() if n >= limit}


def pdf_source(
    data: bytes,
    path: str,
    jobs: int | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    on_page: Callable[[int, int], None] | None = None,
) -> SourceDoc:
    results = extract_pages(data, path, jobs=jobs, max_pages=max_pages, on_page=on_page)
    if sum(r.chars for r in results) == 0:
        raise InputError(
            f"{path} has no text layer (a scanned or image-only PDF)",
            "run OCR on it first (for example ocrmypdf -l jpn) and parse the result",
        )
    running = _running_lines(results)
    doc = SourceDoc(
        path=path, format="pdf", sha256=hashlib.sha256(data).hexdigest(), pages=len(results)
    )
    pages = [r.lines for r in results]
    for here, there in pairwise(pages):
        if here and there and here[-1].overleaf and _runs_on(here[-1], there[0]):
            here[-1].para_end = False
    no = 0
    for page_no, r in enumerate(results, start=1):
        free_at = {i: (t.strip(), y) for i, t, y in r.free}
        for kind, text, box in r.furniture:
            doc.furniture.append((kind, Line(no=no + 1, page=page_no, text=text, bbox=box), text))
        for i, out in enumerate(r.lines):
            line = Line(
                no=no + 1,
                page=page_no,
                text=out.text,
                para_end=out.para_end,
                cells=out.cells,
                bbox=out.bbox,
            )
            if free_at.get(i) in running:
                doc.furniture.append(("running_header", line, out.text))
                continue
            no += 1
            doc.lines.append(line)
    return doc

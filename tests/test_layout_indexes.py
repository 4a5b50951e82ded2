"""The indexed passes of the PDF layout give what their plain definitions give.

merge_overprints, visible_chars and _assign look things up by position (buckets of cells,
bands of the page) instead of comparing every pair; each is checked here against the
definition written out as a scan of every pair, on seeded random pages that include what
hostile PDFs hold (boxes not finite, inverted, off the page; colours as lists)."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import replace

from hyoka_parse.layout.model import Cell, Table
from hyoka_parse.layout.page_objects import Char
from hyoka_parse.layout.pdf_page import _assign, cell_key
from hyoka_parse.pdf_clean import OVERPRINT, merge_overprints, rgb, visible_chars

ODD = [math.inf, -math.inf, -5.0, 1e6]


def _overlap(a: Char, b: Char) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    if w < 0 or h < 0:
        return 0.0
    area_a = max(a.x1 - a.x0, 1.0) * max(a.bottom - a.top, 1.0)
    area_b = max(b.x1 - b.x0, 1.0) * max(b.bottom - b.top, 1.0)
    return max(w, 1.0) * max(h, 1.0) / min(area_a, area_b)


def _merge_by_pairs(chars: list[Char]) -> list[Char]:
    """The definition: a glyph goes when a kept one of the same text, its top-left corner
    in the same or a neighbouring 4-pt cell, overlaps it by OVERPRINT."""
    kept: list[Char] = []
    for c in chars:
        gx, gy = c.x0 // 4, c.top // 4
        if not any(
            k.text == c.text
            and abs(k.x0 // 4 - gx) <= 1
            and abs(k.top // 4 - gy) <= 1
            and _overlap(c, k) >= OVERPRINT
            for k in kept
        ):
            kept.append(c)
    return kept


def _char(rng: random.Random, text: str, x: float, top: float, size: float) -> Char:
    return Char(text, x, x + size, top, top + size, size)


def _page_of_glyphs(rng: random.Random) -> list[Char]:
    chars = []
    for _ in range(rng.randint(0, 60)):
        x, top, size = rng.uniform(-10, 200), rng.uniform(-10, 200), rng.choice([0.0, 3, 10.5])
        c = _char(rng, rng.choice("のの、 a・"), x, top, size)
        chars.append(c)
        for _ in range(rng.choice([0, 0, 1, 3])):  # fake bold: copies a fraction of a pt off
            chars.append(replace(c, x0=c.x0 + rng.uniform(-2, 2), top=top + rng.uniform(-2, 2)))
    rng.shuffle(chars)
    return chars


def test_merge_overprints_is_its_definition() -> None:
    rng = random.Random(12)
    for _ in range(400):
        chars = _page_of_glyphs(rng)
        assert merge_overprints(chars) == _merge_by_pairs(chars)


def _background_by_scan(x: float, y: float, fills: list[dict]) -> tuple[float, float, float]:
    under = [r for r in fills if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]]
    if not under:
        return (1.0, 1.0, 1.0)
    smallest = min(under, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]))
    return rgb(smallest.get("non_stroking_color")) or (1.0, 1.0, 1.0)


def _visible_by_scan(chars: list[Char], rects: list[dict], crop: tuple) -> list[Char]:
    fills = [
        r for r in rects if r.get("fill") and min(r["x1"] - r["x0"], r["bottom"] - r["top"]) > 2
    ]
    kept = []
    for c in chars:
        x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        if not (crop[0] - 0.5 <= x <= crop[2] + 0.5 and crop[1] - 0.5 <= y <= crop[3] + 0.5):
            continue
        colour, under = rgb(c.non_stroking_color), _background_by_scan(x, y, fills)
        same = colour is not None and all(
            abs(a - b) <= 0.02 for a, b in zip(colour, under, strict=True)
        )
        if not (c.text.strip() and same):
            kept.append(c)
    return kept


def _fill(rng: random.Random) -> dict:
    x0, top = rng.uniform(-20, 200), rng.uniform(-20, 200)
    x1, bottom = x0 + rng.uniform(-5, 150), top + rng.uniform(-5, 150)
    if rng.random() < 0.1:
        top, bottom = rng.choice(ODD), rng.choice(ODD)
    colour = rng.choice([(1,), (0.5,), [0.5], (1.0, 1.0, 1.0), (0, 0, 0, 0), "pattern"])
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "fill": True,
            "non_stroking_color": colour}  # fmt: skip


def test_visible_chars_is_its_definition() -> None:
    rng = random.Random(12)
    for _ in range(300):
        rects = [_fill(rng) for _ in range(rng.randint(0, 12))]
        chars = []
        for _ in range(rng.randint(0, 40)):
            c = _char(rng, rng.choice("字 a"), rng.uniform(-20, 220), rng.uniform(-20, 220), 10)
            c.non_stroking_color = rng.choice([(0,), (1,), [1], (0.5,), (1, 1, 1), None])
            chars.append(c)
        kept, _ = visible_chars(chars, rects, (0, 0, 200, 200))
        assert kept == _visible_by_scan(chars, rects, (0, 0, 200, 200))


def _assign_by_scan(chars: list[Char], tables: list[Table]) -> tuple[dict, list]:
    """The definition: each char to the innermost table (by area) one of whose cells holds
    its centre — the first cell across x in the row band at its height must hold it."""
    order = sorted(tables, key=lambda t: (t.box[2] - t.box[0]) * (t.box[3] - t.box[1]))
    by_cell: dict = defaultdict(list)
    free = []
    for ch in chars:
        x, y = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        key = None
        for t in order:
            if not (t.box[0] <= x <= t.box[2] and t.box[1] <= y <= t.box[3]):
                continue
            tops = sorted({c.box[1] for c in t.cells if c.box[1] <= y})
            if not tops:
                continue
            band = [c for c in t.cells if c.box[1] <= tops[-1] < c.box[3]]
            cell = next((c for c in band if c.box[0] <= x <= c.box[2]), None)
            if cell is not None and cell.box[1] <= y <= cell.box[3]:
                key = cell_key(cell)
                break
        (by_cell[key].append(ch) if key is not None else free.append(ch))
    return dict(by_cell), free


def _grid(rng: random.Random, tid: int) -> Table:
    x0, top = rng.uniform(0, 150), rng.uniform(0, 150)
    widths = [rng.uniform(5, 40) for _ in range(rng.randint(1, 4))]
    heights = [rng.uniform(5, 30) for _ in range(rng.randint(1, 4))]
    cells = []
    y = top
    for r, h in enumerate(heights):
        x = x0
        for c, w in enumerate(widths):
            cells.append(Cell(text="", box=(x, y, x + w, y + h), row=r, col=c, table=tid))
            x += w
        y += h
    box = (x0, top, x0 + sum(widths), top + sum(heights))
    if rng.random() < 0.1:
        box = (box[0], rng.choice(ODD), box[2], rng.choice(ODD))
    return Table(tid, 1, box, cells, n_rows=len(heights), n_cols=len(widths))


def test_assign_is_its_definition() -> None:
    rng = random.Random(12)
    for _ in range(300):
        tables = [_grid(rng, i) for i in range(rng.randint(0, 4))]
        chars = [
            _char(rng, "字", rng.uniform(-10, 300), rng.uniform(-10, 300), rng.choice([3, 10]))
            for _ in range(rng.randint(0, 50))
        ]
        assert _assign(chars, tables) == _assign_by_scan(chars, tables)

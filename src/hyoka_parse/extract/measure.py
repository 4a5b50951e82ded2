"""Extractors for a 測定指標: its heading, 中期目標, each year's 目標 and 実績, and its rating."""

from __future__ import annotations

import regex

from hyoka_parse.diagnostics import Diagnostics, location
from hyoka_parse.extract.common import after_key_prefix, classify_cells, split_notes
from hyoka_parse.models import Measure, MeasureYear, MidTermTarget
from hyoka_parse.rules import Block
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell, join_paragraphs
from hyoka_parse.values import era_year, parse_rating

_TITLE_MARKS = regex.compile(r"(?:[\s\u3000]*(?:[＊*]|[（(]注[0-9０-９]*[）)]))+[\s\u3000]*$")


def measure_id(m: regex.Match) -> str:
    return f"{int(m['field'])}-{int(m['num'])}" if m["num"] else str(int(m["field"]))


def measure_prefix(m: regex.Match, word: str) -> str:
    return f"{word}{m['field']}-{m['num']}" if m["num"] else f"{word}{m['field']}"


def clean_title(parts: list[str]) -> tuple[str, bool]:
    """Title without ＊ and （注） marks, and whether it carried ＊."""
    text = join_cell(parts)
    marks = _TITLE_MARKS.search(text)
    is_main = bool(marks) and ("＊" in marks[0] or "*" in marks[0])
    return _TITLE_MARKS.sub("", text).strip(" \u3000"), is_main


def measure(block: Block, diag: Diagnostics) -> Measure:
    """The heading: ``測定指標１－１ title ＊`` (title and ＊ may wrap), then note cells."""
    m = block.match
    head = after_key_prefix(block.head.text, measure_prefix(m, "測定指標"))
    lead, cells = split_notes(block.body)
    parts = [head + (" " if block.head.text != block.head.text.rstrip() else "")]
    parts += [ln.text for ln in lead]
    title, is_main = clean_title(parts)
    source, notes = classify_cells(cells)
    return Measure(
        id=measure_id(m),
        title=title,
        is_main=is_main,
        kind="qualitative",
        mid_term_target=MidTermTarget(),
        years=[],
        rating=None,
        notes=notes,
        source=source,
        location=location(block.head),
    )


def mid_term(block: Block, measure: Measure) -> None:
    """中期目標（--年度）: the target text; ``--年度`` is an unspecified year."""
    measure.mid_term_target = MidTermTarget(
        text=join_paragraphs(block.body) or None,
        fiscal_year=era_year(block.match["year"]),
    )


def year_target(block: Block, measure: Measure) -> MeasureYear:
    label = regex.sub(r"[\s\u3000]", "", block.head.text).removesuffix("目標")
    year = MeasureYear(
        fiscal_year=era_year(label),
        label=label,
        target=join_paragraphs(block.body) or None,
        location=location(block.head),
    )
    measure.years.append(year)
    return year


def progress(block: Block, year: MeasureYear) -> None:
    year.progress = join_paragraphs(block.body) or None


def achievement(block: Block, measure: Measure, diag: Diagnostics) -> None:
    measure.rating = parse_rating(block.match["rating"])
    diag.unplaced(block.body, f"測定指標{measure.id} after its rating")


def body_text(lines: list[Line]) -> str | None:
    return join_paragraphs(lines) or None

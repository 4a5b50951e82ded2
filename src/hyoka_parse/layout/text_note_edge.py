"""``-layout`` text: a note column filled to its edge, set apart from the grid beside it.

A note cell left of a grid (（注）外務省及び防 / 衛省主管の会期間会 / …, beside 2-5's 中期目標値
and years) is as wide as its column; where its lines fill the column, pdftotext sets the
grid's first word one space after them (``（注）外務省及び防 中期目標``, ``（ISG）、高級事務レ
--年度 年度目 実績値 …``: Chromium, Noto Sans CJK JP, wide columns; held-out set 9), and a
single space joins a run, so the note's piece and the grid's cells read as one cell and the
grid is lost (2-5, 5-4, 7-3: every value).

The column's edge is told by the note's first line: its mark (（注）) at the line's start,
then the piece, one space, and a grid word (中期目標, or 中期目 where it wraps; 実績値, a
year, a circled series label).
On that line and the lines after it, up to the next heading, a run that starts the line and
is wider than the edge is cut at the single space where the note's piece fills the column
(its printed width within ``_SLACK`` of the edge): the cut gets a second space.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.normalize import make_key
from hyoka_parse.values import is_null_mark, parse_value
from hyoka_parse.vocab import display_width

__all__ = ["GRID_END", "widen_note_edges"]

# A heading after a grid: the note column beside it has ended.
GRID_END = regex.compile(r"^(?:評価結果|施策の分析|測定指標|参考指標|次期目標|作成にあたって|【)")
_NOTE_MARK = regex.compile(r"^[（(]注[0-9０-９]*[）)]\S")
_GRID_WORD = regex.compile(r"(?<=\S) (?=中期目|実績値|(?:平成|令和)\s*(?:元|\d)|[①-⑳])")
_RUN_END = regex.compile(r"  ")
# A note piece may end this many display columns short of the edge (a wrap before a word
# that does not fit); never past it by more than one (a half-width character's rounding).
_SLACK = 4
_NOTE_ROWS = 40  # lines of a note cell beside a grid, at most (text_layout._SIDE_ROWS)


def widen_note_edges(page: list[Line]) -> list[Line]:
    """The page's lines, each run that holds a note column's piece and a grid's first
    cell one space apart cut in two (see the module docstring); other lines as given."""
    out = list(page)
    for r, line in enumerate(page):
        edge = _note_edge(line.text)
        if edge is None:
            continue
        for k in range(r, min(len(out), r + _NOTE_ROWS)):
            if k > r and GRID_END.match(make_key(out[k].text)):
                break
            out[k] = _widened(out[k], edge)
    return out


def _first_run(text: str) -> str:
    m = _RUN_END.search(text)
    return text if m is None else text[: m.start()]


def _note_edge(text: str) -> int | None:
    """The note column's edge in display columns, from its first line; None when the line
    is no note piece followed by a grid word one space apart, with more of the grid's
    columns after them."""
    run = _first_run(text)
    if not _NOTE_MARK.match(text) or not text[len(run) :].strip():
        return None  # a grid's line has more columns after the run: a note in prose has none
    m = _GRID_WORD.search(run)
    return None if m is None else display_width(run[: m.start()])


def _widened(line: Line, edge: int) -> Line:
    """``line`` with its first run cut where a note piece fills the column (see the module
    docstring); as given when the run fits the column, no space stands at its edge, or
    what follows the space is a number or a dash: a note's own words (``年間 100``) may
    stand there, and a value read off the note would be put in the grid (a breaker's trial;
    the cells beside a note that fills its column were header words in every rendition).
    Reads no further than the edge: a line of any length costs as much as the column."""
    text = line.text
    if not text or text[0] == " ":
        return line
    cut, width = None, 0
    for i, char in enumerate(text):
        if width > edge + 1:
            break
        if char == " " and i and text[i - 1] != " " and text[i + 1 : i + 2].strip():
            if text[i + 1] == " ":
                return line  # the run ends inside the column: it fits
            if width >= edge - _SLACK:
                cut = i
        width += display_width(char)
    else:
        return line  # the whole line fits the column
    if cut is None or _starts_value(text[cut + 1 :]):
        return line
    return replace(line, text=text[:cut] + " " + text[cut:])


def _starts_value(text: str) -> bool:
    word = text.split(" ", 1)[0]
    return parse_value(word).value is not None or is_null_mark(word)

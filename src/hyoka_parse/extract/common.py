"""Helpers the extractors share: heading text, note cells, and rows of table values."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hyoka_parse.normalize import fold, make_key
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell
from hyoka_parse.values import parse_value
from hyoka_parse.vocab import ERA_NAMES, NULL_MARKS

# A note cell starts with one of these (（注：…） inside a cell does not: it is part of it).
# A narrow note cell is letter-spaced by some extractors: ``（ 注 ） 平 成 30 年``.
NOTE_START = regex.compile(
    r"^[\s\u3000]*(?:[（(][\s\u3000]?注[0-9０-９]*[\s\u3000]?[）)]|[（(]出典|注[:：]|※|＊[\s\u3000]+\S)"
)
_NOTE_MARKER = regex.compile(
    r"^(?:[（(][\s\u3000]?注[0-9０-９]*[\s\u3000]?[）)]|注[:：]|※|＊)[\s\u3000]*"
)
_SOURCE = regex.compile(r"^[（(]出典[:：]?(?P<src>.*?)[）)]?$")
_CIRCLED = regex.compile(r"^(?P<label>[①-⑳㉑-㉟])(?P<rest>.*)$")
_TRAILING_MARKS = regex.compile(r"[＊*※]+$")


def after_key_prefix(raw: str, prefix_key: str) -> str:
    """The raw text after the characters that make up ``prefix_key`` (spaces ignored).

    Keys drop spaces and fold widths; this walks the raw text until its folded,
    space-free form has consumed ``prefix_key``, so the rest keeps its own characters.
    """
    for i in range(len(raw) + 1):
        if len(make_key(raw[:i])) >= len(prefix_key):
            return raw[i:].strip(" \u3000\t")
    return ""


def strip_label(lines: list[Line], label: str) -> list[Line]:
    """The lines without the pieces of a label cell that start them.

    A label cell (学識経験を有する者の知見の活用) wraps; an extractor prints its pieces
    on lines of their own, or at the start of the lines of the cell beside it. Pieces are
    taken off in the label's order until the whole label is used up."""
    label_key = make_key(label)
    used = 0
    out: list[Line] = []
    for ln in lines:
        key = ln.key or make_key(ln.text)
        n = 0
        while used + n < len(label_key) and n < len(key) and key[n] == label_key[used + n]:
            n += 1
        if n < min(2, len(label_key) - used) or used >= len(label_key):
            out.append(ln)
            continue
        used += n
        rest = after_key_prefix(ln.text, key[:n])
        if rest:
            end = " " if ln.text != ln.text.rstrip() else ""
            out.append(Line(ln.no, ln.page, rest + end, make_key(rest), ln.para_end, None, ln.bbox))
    return out


@dataclass
class Cell:
    """A note or source cell of a table, as fragments of lines."""

    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_cell([ln.text for ln in self.lines])


def split_notes(lines: list[Line]) -> tuple[list[Line], list[Cell]]:
    """Split lines into the ones before the first note cell and the note cells."""
    lead: list[Line] = []
    cells: list[Cell] = []
    for ln in lines:
        if NOTE_START.match(ln.text):
            cells.append(Cell([ln]))
        elif cells:
            cells[-1].lines.append(ln)
        else:
            lead.append(ln)
    return lead, cells


# The rest of a source cell left open (``（出典：ISTC 理事会文``) at the start of the next
# cell, before that cell's own marker (``書）（注）ISTC 事務局の…``): a note column that a page
# break cuts, its piece overleaf read after the grid's values (pdftotext -layout, LibreOffice,
# Noto Serif CJK JP, narrow columns; 参考指標 of field 11, held-out set 21).
_SOURCE_REST = regex.compile(r"^(?P<rest>[^（(）)]+[）)])[\s\u3000]*(?=[（(]注|※|注[:：]|$)")


def _texts(cells: list[Cell]) -> list[str]:
    """The cells' texts, an open source cell closed by the rest the next one starts with."""
    texts = [cell.text for cell in cells]
    for n in range(len(texts) - 1):
        head = texts[n]
        opened = head.count("（") + head.count("(") - head.count("）") - head.count(")")
        if not _SOURCE.match(head) or opened <= 0:
            continue
        if (rest := _SOURCE_REST.match(texts[n + 1])) is not None:
            texts[n] += rest["rest"]
            texts[n + 1] = texts[n + 1][rest.end() :]
    return [t for t in texts if t.strip()]


def classify_cells(cells: list[Cell]) -> tuple[str | None, list[str]]:
    """Sources (（出典：…）) and notes (marker removed) of a list of note cells."""
    source = None
    notes: list[str] = []
    for text in _texts(cells):
        m = _SOURCE.match(text)
        if m:
            src = m["src"].strip()
            source = f"{source}\n{src}" if source else src
        else:
            notes.append(bare_note(text))
    return source, notes


def bare_note(text: str) -> str:
    """A note cell's text without its marker (（注）, 注：, ※)."""
    return _NOTE_MARKER.sub("", text, count=1).strip()


def is_value_token(token: str) -> bool:
    """A token that reads as a table value (a number with its unit, or a dash for none)."""
    v = parse_value(token)
    if v.value is not None:
        return True
    bare = _TRAILING_MARKS.sub("", regex.sub(r"[（(]注[0-9０-９]*[）)]", "", fold(token)))
    return bool(bare) and set(bare) <= set(NULL_MARKS)


def circled(token: str) -> tuple[str, str] | None:
    """``①３か国`` → (``①``, ``３か国``)."""
    m = _CIRCLED.match(token)
    return (m["label"], m["rest"]) if m else None


# A year header cell cut before its 度 (a narrow year column: ``平成 30 年`` / ``度``): on a
# key, and in the text. Read by the 参考指標 and the quantitative grids' headers alike.
_YEAR_STEM = regex.compile(rf"(?:{ERA_NAMES})(?:元|[0-9]+)年(?!度)")
_YEAR_STEM_TEXT = regex.compile(rf"((?:{ERA_NAMES})\s*(?:元|[0-9０-９]+)\s*年)(?!\s*度)")


def year_stems(key: str) -> int:
    """How many year header cells cut before their 度 a line's key holds."""
    return len(_YEAR_STEM.findall(key))


def stems_completed(text: str) -> tuple[str, int]:
    """``text`` with each year cut before its 度 given it back, and how many were."""
    return _YEAR_STEM_TEXT.subn(r"\1度", text)

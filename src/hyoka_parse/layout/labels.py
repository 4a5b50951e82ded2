"""The report's label vocabulary: the texts its forms print in label cells.

A 政策評価書 is a form: a label column (施策名, 施策目標, 評価結果 …) beside content cells.
A reader knows a label cell by its text, whatever its width or position: a label can be
as wide as its content (担当部局名 | 総合外交政策局 | 政策評価実施時期 | 令和３年８月 in one
row, lo-page-6), and a narrow cell need not be a label (7-3's narrow text cells).
Keys are compared as ``normalize.make_key`` makes them (NFKC, no spaces).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import POLICY_TITLE
from hyoka_parse.text import join_cell

# Label cells of the report's forms, as key prefixes (総務省 template, the 外務省 report).
_LABEL = regex.compile(
    r"^(?:施策名|施策目標|施策の予算額|同\((?:分担金|.{1,12}\)$)|評価結果$|評価結果\(注|"
    r"目標達成度合いの測定結果$|学識経験を有する者の知見の活用$|担当部局名?$|"
    r"政策評価実施時期$|政策評価$|実施時期$|施策の概要$|関連する内閣の重要政策|"
    r"測定指標の.*達成状況|予算の状況|達成手段)"
)


def is_label(text: str) -> bool:
    """Whether ``text`` (a whole cell) is one of the form's label cells."""
    key = make_key(text)
    return bool(key) and len(key) <= 40 and bool(_LABEL.match(key))


# --- label columns of the header, in text an extractor printed row by row ---------------
#
# pdfplumber, pdfium and ``pdftotext -raw`` print a row of the header's form as one line: the
# pieces of a narrow label cell (測定指標の / 令和元・令 / 和２・令和 …) stand at the start
# of the content lines beside them, or on lines of their own between them; a vertical label
# (評価結果（注１）) adds a column of single characters on the left. Each label below is
# rebuilt from its pieces, matched over the window of lines it spans (``regex`` partial
# matching: a piece is taken while the pieces so far begin the label), and the content lines
# are given back without them.


@dataclass(frozen=True, slots=True)
class _ColumnLabel:
    pattern: regex.Pattern[str]  # the whole label's key
    keep: bool  # a line the segmenter looks for (else the label is dropped as furniture)
    shortest: int = 2  # the shortest first piece that starts the label


_COLUMN_LABELS = (
    _ColumnLabel(regex.compile(r"施策名(?:\(※\))?"), keep=True),
    _ColumnLabel(regex.compile(r"評価結果\(注\d{1,2}\)"), keep=False, shortest=1),
    _ColumnLabel(regex.compile(r"目標達成度合いの測定結果"), keep=True),
    _ColumnLabel(
        regex.compile(r"測定指標の[平成令和元\d・･、,]+年度目標の達成状況(?:\(注\d{1,2}\))?"),
        keep=True,
    ),
    _ColumnLabel(regex.compile(r"施策の予算額・執行額等(?:\(分担金・拠出金除く\))?"), keep=True),
    _ColumnLabel(regex.compile(r"同\((?:分担金|拠出金)[^()]{0,10}\)"), keep=True),
    _ColumnLabel(regex.compile(r"予算の状況\((?:百万円|千円|億円|円)\)"), keep=True),
    _ColumnLabel(regex.compile(r"学識経験を有する者の知見の活用"), keep=True),
    # ``政策評価実 令和４年８月`` / ``施時期`` (pdftotext's default mode, Chromium,
    # TakaoPMincho, narrow; held-out set 13)
    _ColumnLabel(regex.compile(r"政策評価実施時期"), keep=True, shortest=4),
)


# The budget tables' title cells (施策の予算額・執行額等…, 同（分担金・拠出金）).
_BUDGET_TITLES = tuple(
    c for c in _COLUMN_LABELS if c.pattern.pattern.startswith(("施策の予", "同"))
)


def budget_title_fits(key: str) -> tuple[bool, bool]:
    """Whether ``key`` (a ``make_key`` text) begins a budget table's title label, and
    whether it is a whole one: a title cell's pieces are taken while they go on with it."""
    fits = [_fits(label, key) for label in _BUDGET_TITLES]
    return any(f for f, _ in fits), any(w for _, w in fits)


def begins_label(text: str) -> bool:
    """Whether ``text`` (a label column's pieces joined) begins, or is, one of the label
    cells a narrow column wraps (``_COLUMN_LABELS``)."""
    return _starts(make_key(text)) is not None


def is_whole_label(text: str) -> bool:
    """Whether ``text`` (a label column's pieces joined) is the whole of one of the label
    cells a narrow column wraps (``_COLUMN_LABELS``), so that no more piece goes on with it."""
    key = make_key(text)
    return any(_fits(c, key)[1] for c in _COLUMN_LABELS)


def is_vertical_label(text: str) -> bool:
    """Whether ``text`` (a label's pieces joined) is a label set vertically beside the label
    column (評価結果（注１）): furniture, not a line the segmenter looks for."""
    key = make_key(text)
    return any(not c.keep and c.pattern.fullmatch(key) for c in _COLUMN_LABELS)


# Lines a label's pieces may be apart (content lines between them) before it is given up.
_LABEL_GAP = 10
# The header ends where the first field's 施策の概要 begins.
_HEADER_END = "施策の概要"
_PIECE = regex.compile(r"\S+")
# Chromium prints a form row straight after the sentence that ends the cell above it
# (``記入した。評価 目標 （各行政機関共通区分）``, ``い。担当部局名 総合外交政策局 …``).
_GLUED_ROW = regex.compile(r"(?<=。)(?=\S)")
# pdfium also sets a space there (``…期待したい。 担当部局名 総合外交政策局 政策評価実施``,
# ``…判定した。 測定指``: Chromium, IPAPMincho, big type; held-out set 14).
_GLUED_ROW_SPACED = regex.compile(r"(?<=。)[ \u3000]+(?=\S)")
_SPACED_LABEL = 8  # a label word after such a space is no longer (政策評価実施時期)


@dataclass(slots=True)
class _Open:
    label: _ColumnLabel
    key: str = ""
    pieces: list[tuple[int, int, int]] = field(default_factory=list)  # (line, start, end)
    complete: bool = False

    @property
    def last(self) -> int:
        return self.pieces[-1][0]

    def take(self, key: str, line: int, span: tuple[int, int]) -> bool:
        """Take a piece when the label goes on with it."""
        fits, whole = _fits(self.label, self.key + key)
        if fits:
            self.key += key
            self.pieces.append((line, *span))
            self.complete = whole
        return fits


def _fits(label: _ColumnLabel, key: str) -> tuple[bool, bool]:
    """Whether ``key`` begins the label, and whether it is the whole label."""
    m = label.pattern.fullmatch(key, partial=True)
    return m is not None, m is not None and not m.partial


def _starts(key: str) -> _ColumnLabel | None:
    for label in _COLUMN_LABELS:
        if len(key) >= label.shortest and _fits(label, key)[0]:
            return label
    return None


def _glued_rows(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    for ln in lines:
        parts = _GLUED_ROW.split(ln.text, maxsplit=1)
        if len(parts) != 2:
            parts = _GLUED_ROW_SPACED.split(ln.text, maxsplit=1)
            spaced = len(parts) == 2
        else:
            spaced = False
        words = parts[1].split() if len(parts) == 2 else []
        tail = make_key(words[0]) if words else ""
        # A row (label, then content), or a label's first piece alone (``記入した。評価``).
        # After a space, only a label's first piece or a short whole label word, not a
        # sentence that starts with one (``。 施策目標に人権・民主主義…``).
        label = _starts(tail) or (
            _LABEL.match(tail) and (not spaced or len(tail) <= _SPACED_LABEL)
        )
        if tail and label and (len(words) > 1 or _starts(tail)):
            out.append(Line(ln.no, ln.page, parts[0], "", None, None, ln.bbox))
            out.append(Line(ln.no, ln.page, parts[1], "", ln.para_end, None, ln.bbox))
        else:
            out.append(ln)
    return out


def _pieces_of_line(text: str, i: int, opened: list[_Open]) -> set[int]:
    """Take the pieces at the start of line ``i``, left to right: each goes on a label of a
    column right of the last piece's, or starts a label. Returns the labels (by id) it fed."""
    fed: set[int] = set()
    column = 0
    for m in _PIECE.finditer(text):
        key = make_key(m.group())
        hit = next(
            (j for j in range(column, len(opened)) if opened[j].take(key, i, m.span())), None
        )
        if hit is None and (label := _starts(key)) is not None:
            opened.insert(column, _Open(label))
            opened[column].take(key, i, m.span())
            hit = column
        if hit is None:
            break
        fed.add(id(opened[hit]))
        column = hit + 1
    return fed


def label_columns(lines: list[Line]) -> tuple[list[Line], list[tuple[str, Line, str]]]:
    """The lines with each wrapped label cell of a report's header rebuilt as one line where
    its first piece stood (or dropped as furniture, ``(kind, line, text)``), its pieces taken
    off the content lines (a label whose pieces stand on lines of their own, as in the corpus
    text, becomes the one line the segmenter would have matched over them). A label that
    never completes is left in pieces. A header runs from the input's start or a 施策 title
    to the first 施策の概要; other lines are unchanged."""
    out: list[Line] = []
    furniture: list[tuple[str, Line, str]] = []
    start, in_header = 0, True
    for i, ln in enumerate([*lines, None]):
        key = make_key(ln.text) if ln is not None else _HEADER_END
        if in_header and key == _HEADER_END:
            head, dropped = _header_labels(lines[start:i])
            out += head
            furniture += dropped
            start, in_header = i, False
        elif not in_header and POLICY_TITLE.match(key):
            out += lines[start:i]
            start, in_header = i, True
    return out + lines[start:], furniture


def _header_labels(lines: list[Line]) -> tuple[list[Line], list[tuple[str, Line, str]]]:
    head = _glued_rows(lines)
    opened: list[_Open] = []
    rebuilt: list[_Open] = []
    for i, ln in enumerate(head):
        if not ln.text.strip():
            continue
        fed = _pieces_of_line(ln.text, i, opened)
        for o in list(opened):
            if id(o) in fed:
                continue
            if (o.complete and not _mark_may_follow(o, i)) or i - o.last > _LABEL_GAP:
                opened.remove(o)
                rebuilt += [o] if o.complete else []
    rebuilt += [o for o in opened if o.complete]
    return _assemble(head, rebuilt)


# Lines a whole label whose note mark may still follow (…達成状況 then （注２）) is kept open.
_MARK_GAP = 2


def _mark_may_follow(o: _Open, i: int) -> bool:
    """Whether a label whole without its note mark may still take one (pdfplumber, Chromium,
    TakaoPMincho narrow, the 令和４年度 edition, held-out set 13: ``…成状`` / ``況`` /
    ``＊３－１ …`` / ``（注`` / ``２） ＊３－２ …``: the mark's pieces come after an entry
    line, and ``２）`` was read into 3-1's title, 3-2 lost)."""
    return i - o.last <= _MARK_GAP and _fits(o.label, o.key + "(注")[0]


def _assemble(
    head: list[Line], rebuilt: list[_Open]
) -> tuple[list[Line], list[tuple[str, Line, str]]]:
    cut: dict[int, list[tuple[int, int]]] = {}
    starts: dict[int, list[_Open]] = {}
    for o in rebuilt:
        for line, a, b in o.pieces:
            cut.setdefault(line, []).append((a, b))
        starts.setdefault(o.pieces[0][0], []).append(o)
    out: list[Line] = []
    furniture: list[tuple[str, Line, str]] = []
    for i, ln in enumerate(head):
        for o in sorted(starts.get(i, []), key=lambda o: o.pieces[0][1]):
            text = join_cell([head[p[0]].text[p[1] : p[2]] for p in o.pieces])
            if o.label.keep:
                out.append(Line(ln.no, ln.page, text, "", None, None, ln.bbox))
            else:
                furniture.append(("vertical_label", ln, text))
        if i not in cut:
            out.append(ln)
            continue
        rest_text = _without(ln.text, cut[i])
        if rest_text.strip():
            out.append(Line(ln.no, ln.page, rest_text, "", ln.para_end, None, ln.bbox))
    return out, furniture


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    kept, at = [], 0
    for a, b in sorted(spans):
        kept.append(text[at:a])
        at = b
    kept.append(text[at:])
    return " ".join(part.strip(" \u3000") for part in kept if part.strip(" \u3000"))

"""Reader for text that keeps the page's columns as runs of spaces (``pdftotext -layout``).

Positions are character columns: pdftotext lays a page out on a grid of one column per
character whatever its width (in the producers' pages a header at column 62 stands over its
values at column 62 on every row, while display widths, full-width counting two, put them 2 to 8
apart), so a text's columns line up by character index. The reader rebuilds what the PDF
reader knows from ruling lines, as far as the text shows it:

- **segments**: the runs of a line separated by two spaces or more, each with its columns;
- **the label column** of the report's forms (施策名, 施策目標, 施策の予算額…): segments left of
  the page's content column. Its pieces are joined into one label; a label printed one
  character a line (評価結果 set vertically) is furniture. A label is vertically centred in
  its cell, so its cell starts as far above the label's middle as it ends below it: the label
  line goes before the cell's first line, as the PDF reader puts it;
- **centred cells**: a cell of one or two lines beside a taller one is printed between that
  one's lines (a rating ``ｂ`` between a title's two lines; 政策評価 / 実施時期 around a row):
  it joins the row it belongs to;
- **grids** (a row of fiscal-year headers, or the 中期目標値 header of a quantitative measure):
  header cells are rebuilt from the pieces stacked in one column, values become cells whose
  boxes are ``(x0, top, x1, bottom)`` in display columns and line numbers of the page, so the
  extractors read them by column (``extract.grids.place``), as they read a PDF's.

- **a row of text cells** wrapped in narrow columns (7-3): its columns are the positions blank
  on every one of its lines, each under its header leaf; cells that reach the page's end may
  go on overleaf and are read as cut, unless the columns at the next page's top finish them
  one for one, in order (``_cut_cells_go_on``).

What the text does not show (a cell boundary inside a run with one space, cells one space apart
on every line) stays as text; the extractors then leave values null with a warning. A grid that
a page break splits is set back on one page first (``text_split_grids``).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

import regex

from hyoka_parse.layout.labels import begins_label, is_label, is_vertical_label, is_whole_label
from hyoka_parse.layout.model import Cell, Line
from hyoka_parse.layout.text_note_edge import GRID_END as _HEADING
from hyoka_parse.layout.text_note_edge import widen_note_edges
from hyoka_parse.layout.text_sheet import find_sheet
from hyoka_parse.normalize import make_key
from hyoka_parse.text import join_cell
from hyoka_parse.values import is_null_mark, parse_rating, parse_value
from hyoka_parse.vocab import SENTENCE_END, display_width

__all__ = ["read_layout", "segments"]

_RUN = regex.compile(r"\S+(?: \S+)*")
_ERA_START = regex.compile(r" (?=(?:昭和|平成|令和))")
# The sub-headers under a grid's fiscal year, whole or the piece a narrow cell starts with
# (``年度 実績`` / ``目標 値`` / ``値``: 年度目標値 over three lines; LibreOffice, MotoyaLCedar,
# big type; held-out set 17).
_SUB_HEAD = regex.compile(r"^(?:年度(?:目標?値?)?|目標値?|実績値?)$")
_YEAR = regex.compile(r"^(?:昭和|平成|令和)(?:元|\d+)年度$")
# A fiscal year's first line when its narrow header cell wraps it (平成30年 / 度).
_YEAR_HEAD = regex.compile(r"^(?:昭和|平成|令和)(?:元|\d+)(?:年|年度?)?$")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
# A prose line of the content column is at least this wide (display columns).
_PROSE = 24
# A label-column piece is at most this wide.
_LABEL_WIDTH = 14


@dataclass(slots=True)
class Seg:
    """A run of a line: its row (line index on the page), display columns and text."""

    row: int
    x0: int
    x1: int
    text: str
    rows: list[int] = field(default_factory=list)  # rows of the pieces merged into it
    pieces: list[str] = field(default_factory=list)
    cut: bool = False  # a text cell the page's end may cut (it may go on overleaf)

    @property
    def bottom(self) -> int:
        return max(self.rows or [self.row])


def segments(row: int, text: str) -> list[Seg]:
    """The runs of ``text`` separated by two spaces or more, with their columns; a run of
    fiscal years one space apart (narrow year columns) is one run per year."""
    out: list[Seg] = []
    for m in _RUN.finditer(text):
        parts = _ERA_START.split(m.group())
        words = m.group().split(" ")
        if len(words) >= 2 and all(_is_number(w) for w in words):
            parts = words  # values of narrow columns one space apart: one run per value
        elif len(words) >= 2 and all(_SUB_HEAD.match(make_key(w)) for w in words):
            parts = words  # a year's sub-headers in narrow columns (年度目 実績値)
        pairs = _unit_pairs(words)
        if pairs:
            parts = [f"{n} {u}" for n, u in zip(words[::2], words[1::2], strict=True)]
        keys = [make_key(p) for p in parts]
        if len(parts) >= 2 and (
            parts is words
            or pairs
            or sum(1 for k in keys if _YEAR.match(k)) >= 2
            or all(_YEAR_HEAD.match(k) for k in keys)  # wrapped years (平成 30 年 令和元年)
        ):
            x = m.start()
            for part in parts:
                out.append(Seg(row, x, x + len(part), part, [row], [part]))
                x += len(part) + 1
        else:
            out.append(Seg(row, m.start(), m.end(), m.group(), [row], [m.group()]))
    return out


def _unit_pairs(words: list[str]) -> bool:
    """Values one space apart, each a number and its unit set apart by a space too (``157
    万件＊ 179 万件＊``: 参考指標５, Chromium, Noto Serif CJK SC; held-out set 12): two or
    more, all in one unit. A value's own run is one pair (``125 万件＊``, read as it is)."""
    if len(words) < 4 or len(words) % 2:
        return False
    numbers, units = words[::2], words[1::2]
    return (
        all(_is_number(n) and not _is_number(u) for n, u in zip(numbers, units, strict=True))
        and len(set(units)) == 1
        and parse_value(numbers[0] + units[0]).unit is not None
    )


def _is_number(word: str) -> bool:
    """A value by itself: a number (with its unit glued on) or a dash."""
    return bool(regex.match(r"^[△▲\-－]?[0-9０-９]", word) or is_null_mark(word)) and (
        parse_value(word).value is not None or is_null_mark(word)
    )


def _overlaps(a: Seg, b: Seg) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0)


def _content_x(rows: list[list[Seg]]) -> int:
    """Where the page's prose starts: the commonest left edge of its wide runs."""
    edges = Counter(s.x0 for r in rows for s in r if s.x1 - s.x0 >= _PROSE)
    if not edges:
        return 0
    x, n = edges.most_common(1)[0]
    return x if n >= 3 else 0


# --- the label column ---


@dataclass(slots=True)
class _Run:
    segs: list[Seg]

    @property
    def first(self) -> int:
        return self.segs[0].row

    @property
    def last(self) -> int:
        return self.segs[-1].row

    @property
    def text(self) -> str:
        return join_cell([s.text for s in self.segs])


# An entry of the list of measures (２－３ …, ＊１－１ …) at the content column's start.
_LIST_ENTRY = regex.compile(r"^[＊*]?[0-9０-９]+[－-][0-9０-９]+(?: |$)")


def _entries_apart(rows: list[list[Seg]], content_x: int) -> None:
    """Cut a label column's piece from the list entry one space after it (``（注２） ２－３``:
    the vertical label's last piece, then 2-3 a character left of the content column, where
    pdftotext sets them one space apart; Chromium, Noto Sans Mono CJK; held-out set 11,
    where the entry was read as a note and 2-3 to 2-5 left the list)."""
    for row in rows:
        if not row or not row[0].x0 < content_x - 1 < row[0].x1:
            continue
        seg = row[0]
        head, sep, tail = seg.text.partition(" ")
        cut = seg.x0 + len(head) + 1  # where the entry starts
        if not sep or not _LIST_ENTRY.match(tail) or cut < content_x - 2 or cut > content_x:
            continue
        piece = Seg(seg.row, seg.x0, seg.x0 + len(head), head, [seg.row], [head])
        if _short(piece):
            row[:1] = [piece, _content_cell(seg, cut, tail, content_x)]


def _content_cell(seg: Seg, cut: int, tail: str, content_x: int) -> Seg:
    """The content of ``seg`` from column ``cut`` on, a label's piece cut off before it: its
    cell starts at the content column, where pdftotext set it a character or two left (so
    a short content, ``度目標 進``'s ``進``, is no label piece of its own)."""
    shift = max(content_x - cut, 0)
    return Seg(seg.row, cut + shift, seg.x1 + shift, tail, [seg.row], [tail])


def _labels_apart(rows: list[list[Seg]], content_x: int) -> None:
    """Cut a label column's pieces from the content one space after them, where each piece
    starts at the label column (the left edge of a piece alone in it on another row), the
    content a character or two left of the content column, and the pieces of lines in a
    row make one of the form's labels (``目標達成度合 （各行政機関共通区分）`` / ``いの測定結果
    相当程度進展あり（Ｂ）``: Chromium, Noto Serif CJK SC, wide margins; held-out set 12, where
    the result's label and grade were read as one line). A heading one space before its
    title (``測定指標１－１ 補助金事業…``) makes no label: it stays whole."""
    columns = {
        row[0].x0 for row in rows if len(row) >= 2 and _short(row[0]) and row[0].x1 < content_x
    }
    found: list[tuple[int, Seg, Seg | None]] = []  # (row, label piece, content)
    for i, row in enumerate(rows):
        if row and _piece_alone(row[0], columns, content_x):
            found.append((i, row[0], None))  # ``いの測``: a row with no content beside it
            continue
        if not row or not row[0].x0 < content_x - 1:
            continue
        seg = row[0]
        head, sep, tail = seg.text.partition(" ")
        cut = seg.x0 + len(head) + 1  # where the content starts
        piece = Seg(seg.row, seg.x0, seg.x0 + len(head), head, [seg.row], [head])
        if (
            sep
            and content_x - 2 <= cut <= content_x
            and any(abs(seg.x0 - x) <= 1 for x in columns)
            and _short(piece)
        ):
            # the content's cell starts at the content column, where pdftotext set it a
            # character or two left (``度目標 進``: no label piece of its own, ``進``)
            found.append((i, piece, _content_cell(seg, cut, tail, content_x)))
    groups: list[list[tuple[int, Seg, Seg | None]]] = []
    for item in found:
        if groups and _goes_on(groups[-1], item, rows, content_x):
            groups[-1].append(item)
        else:
            groups.append([item])
    for group in groups:
        if is_label(join_cell([piece.text for _, piece, _ in group])):
            for i, piece, rest in group:
                rows[i][:1] = [piece] if rest is None else [piece, rest]


def _goes_on(
    group: list[tuple[int, Seg, Seg | None]],
    item: tuple[int, Seg, Seg | None],
    rows: list[list[Seg]],
    content_x: int,
) -> bool:
    """Whether the label piece ``item`` goes on with ``group``'s: on the next row, or past
    rows with nothing in the label column (``元・令 ＊１－２`` / ``個別分野２`` / … / ``和２年
    ＊２－１ …``: Chromium prints a list entry's lines between the label's pieces; held-out
    set 14), while the pieces so far begin one of the form's labels."""
    last = group[-1][0]
    if item[0] - last == 1:
        return True
    between = rows[last + 1 : item[0]]
    if any(row and row[0].x0 < content_x - 2 for row in between):
        return False
    return begins_label(join_cell([piece.text for _, piece, _ in [*group, item]]))


def _piece_alone(seg: Seg, columns: set[int], content_x: int) -> bool:
    """A label column's piece on a row of its own, at the column's edge (``目標達 （各…`` /
    ``成度合 相当程度進展あり（Ｂ）`` / ``いの測`` / ``定結果 （判断根拠）``: Chromium, Noto Serif
    CJK KR, wide margins; held-out set 14): it belongs to the label the rows around make."""
    return (
        " " not in seg.text
        and _short(seg)
        and seg.x1 <= content_x
        and any(abs(seg.x0 - x) <= 1 for x in columns)
    )


def _short(seg: Seg) -> bool:
    return seg.x1 - seg.x0 <= _LABEL_WIDTH


def _is_char(seg: Seg) -> bool:
    return len(seg.text) <= 2 and len(_CJK.findall(seg.text)) <= 1


_LATIN_OR_NUMBER = regex.compile(r"^[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]")


def _head_char(row: list[Seg], wide: bool = False) -> Seg | None:
    """The row's first character when it stands alone: a run of one character, or one set
    apart by a single space from what follows (``評 目標達成度合い``). ``wide``: also a run
    of up to ``_NARROW_PIECE`` characters, a narrow cell's line (評価 / 結果 / （注 / １）)."""
    if not row:
        return None
    run = row[0]
    if _is_char(run) or (wide and len(run.text) <= _NARROW_PIECE and " " not in run.text):
        return run
    word, _, rest = run.text.partition(" ")
    after = rest.split(" ", 1)[0]
    # Not a letter-spaced narrow cell (``同 （ 分 担``): what follows is a word of its own.
    # Nor a prose line that starts with a character and the space pdftotext sets before a
    # number or a Latin word (``成 31 年２月）…`` / ``に FATF においては…`` / ``た。``: three
    # such lines in a row were dropped as a vertical label; Chromium, Noto Serif CJK SC,
    # held-out set 12).
    if _LATIN_OR_NUMBER.match(after):
        return None
    if len(word) == 1 and len(after) >= 2:
        return Seg(run.row, run.x0, run.x0 + 1, word, [run.row], [word])
    # A narrow cell's line one space before the next column's (``評価 目標達成度合``,
    # ``結果 いの測定結果``: Chromium, Noto Serif CJK SC, wide margins; held-out set 12).
    if wide and 2 <= len(word) <= _NARROW_PIECE and len(after) >= 2:
        return Seg(run.row, run.x0, run.x0 + len(word), word, [run.row], [word])
    return None


# A vertical label's cell is narrow: a font or a padding that fits two or three characters
# on its line (Chromium's 評価 / 結果 / （注 / １）) still sets the label in a column.
_NARROW_PIECE = 3


def _vertical_labels(
    rows: list[list[Seg]], content_x: int, src: list[Line]
) -> list[tuple[str, Line, str]]:
    """Drop labels set vertically at a row's start, a line or two apart: one character a line
    (評 / 価 / 結 / 果, three letters at least), or a few characters a line when together they
    are the form's vertical label (``labels.is_vertical_label``: 評価 / 結果 / （注 / １）,
    never the label column's 目標 / 達成 / 度合 …): furniture, as a PDF's vertical label."""
    found: list[tuple[str, Line, str]] = []
    i = 0
    while i < len(rows):
        stack = _head_stack(rows, i, content_x)
        text = "".join(s.text for s in stack)
        if not all(_is_char(s) for s in stack):
            # the longest run of pieces from the first that is the vertical label
            n = next((n for n in range(len(stack), 1, -1) if _vertical(stack[:n])), 0)
            stack, text = stack[:n], "".join(s.text for s in stack[:n])
        single = all(len(s.text) == 1 for s in stack)  # the label column's （注 / ２） is not
        mark = single and _VERTICAL_NOTE_MARK.fullmatch(make_key(text))
        if stack and (len(_CJK.findall(text)) >= 3 or mark):
            for s in stack:
                _drop_head(rows[s.row], len(s.text))
            found.append(("vertical_label", src[stack[0].row], text))
            i = stack[-1].row + 1
        else:
            i += 1
    return found


# The note mark of the vertical label 評価結果（注１）, set one character a line on its own
# where a page break parts it from 評価結果 (LibreOffice's wide renditions: （ / 注 / １ / ）
# beside the rationale overleaf). The label column's own （注２）, two characters a line at
# its foot (Chromium, IPAPGothic), is the label's.
_VERTICAL_NOTE_MARK = regex.compile(r"\(注[0-9]{1,2}\)")


def _vertical(stack: list[Seg]) -> bool:
    return is_vertical_label("".join(s.text for s in stack))


def _head_stack(rows: list[list[Seg]], i: int, content_x: int) -> list[Seg]:
    """The runs stacked at row ``i``'s start and below it in one column, a line or two apart."""
    first = _head_char(rows[i], wide=True)
    if first is None or first.x0 >= max(content_x, 4):
        return []
    stack = [first]
    wide = not _is_char(first)
    j = i + 1
    while j < len(rows) and j - stack[-1].row <= 2:
        head = _head_char(rows[j], wide)
        if head is not None and abs(head.x0 - first.x0) <= 1:
            stack.append(head)
        elif rows[j] and rows[j][0].x0 <= first.x0 + 1:
            break
        j += 1
    return stack


def _drop_head(row: list[Seg], n: int = 1) -> None:
    """Take the first ``n`` characters (and the space after them) off the row's first run."""
    run = row[0]
    rest = run.text[n:].lstrip(" ")
    if not rest:
        row.pop(0)
        return
    shift = len(run.text) - len(rest)
    row[0] = Seg(run.row, run.x0 + shift, run.x1, rest, [run.row], [rest])


def _label_runs(labels: list[Seg], rows: list[list[Seg]]) -> list[_Run]:
    """Group label-column pieces into labels: pieces stacked in one column, a line or two
    apart, with no text between them that reaches into the column (a line across the page:
    ``中期目標（--年度）`` / its content / ``平成 30 年度目標`` are no label's pieces)."""
    runs: list[_Run] = []
    for seg in sorted(labels, key=lambda s: (s.row, s.x0)):
        for run in reversed(runs):
            tail = run.segs[-1]
            # The next label, not a piece of this one: this one is whole and would not be;
            # or it is a label and this one no label (a title above the form, （外務省２－Ⅱ
            # －１） over 施策名) that it would not complete.
            text = join_cell([run.text, seg.text])
            joined = is_label(text)
            fresh = (is_label(run.text) and (is_label(seg.text) or not joined)) or (
                is_label(seg.text) and not is_label(run.text) and not joined
            )
            # A wrapped label that is whole takes no piece that would not go on with it
            # (``…（分担 / 金・拠出 / 金除く）`` / ``同（分担``: two budget titles a blank
            # line apart; Chromium, Komatuna P, big type; held-out set 17).
            fresh = fresh or (is_whole_label(run.text) and not begins_label(text))
            across = any(
                rows[r] and rows[r][0].x0 < max(seg.x1, tail.x1)
                for r in range(tail.row + 1, seg.row)
            )
            if (
                _near(run, seg)
                and _overlaps(seg, tail)
                and seg.row != tail.row
                and not fresh
                and not across
            ):
                run.segs.append(seg)
                break
        else:
            runs.append(_Run([seg]))
    return sorted(runs, key=lambda r: r.first)


# Rows a label's next piece may stand below the last when the two go on with one of the
# form's labels (Chromium prints a list entry's lines between the label's pieces).
_FAR_PIECE = 8


def _near(run: _Run, seg: Seg) -> bool:
    """Whether ``seg`` stands near enough below ``run`` to be its next piece: a line or
    two, or further while the pieces begin one of the form's wrapped labels."""
    apart = seg.row - run.segs[-1].row
    return apart <= 2 or (
        apart <= _FAR_PIECE and begins_label(join_cell([run.text, seg.text]))
    )


def _centred(runs: list[_Run], rows: list[list[Seg]]) -> bool:
    """Whether the page's labels stand in the middle of their cells (Word's forms) rather than
    at their top (reportlab's): a label whose first line has nothing beside it while a later
    one has (施 策 名 above its one-line content) is centred."""
    return any(
        run.first != run.last
        and not rows[run.first]
        and any(rows[r] for r in range(run.first + 1, run.last + 1))
        for run in runs
    )


def _cell_starts(runs: list[_Run], rows: list[list[Seg]], content_x: int) -> list[int]:
    """The row each label's cell starts at: its first line when labels stand at the top of
    their cells; when they stand in the middle, as far above the label's middle as the cell
    ends below it."""
    if not _centred(runs, rows):
        return [run.first for run in runs]
    starts: list[int] = []
    end = -1
    for n, run in enumerate(runs):
        if n == 0 or end < 0:
            start = run.first
            while start > 0 and _inside_form(rows[start - 1], content_x):
                start -= 1
            # no higher than the cell reaches below the label (担当部局名 on one line, under
            # the advisory comments that go on from the page before: not their label)
            below, firsts = run.last, {r.first for r in runs}
            while below + 1 < len(rows) and below + 1 not in firsts and _starts_content(
                rows[below + 1], run, content_x
            ):
                below += 1
            start = max(start, run.first + run.last - below)
        else:
            start = min(end + 1, run.first)
            # a line across the page (個別分野１ …, left of the content column) is no cell's
            across = [
                r for r in range(start, run.first) if rows[r] and rows[r][0].x0 < content_x - 2
            ]
            start = across[-1] + 1 if across else start
        if not is_label(run.text):  # no label cell (a code line above the form): its own row
            start = run.first
        starts.append(start)
        middle2 = run.first + run.last  # twice the middle row
        end = max(middle2 - start, run.last)
    return starts


def _starts_content(row: list[Seg], run: _Run, content_x: int) -> bool:
    """A line of the cell beside the label ``run``: it starts right of the label, at the
    content column at the furthest (a piece far right is a centred cell of another row:
    ``時期`` of 政策評価実施時期)."""
    return bool(row) and max(s.x1 for s in run.segs) <= row[0].x0 <= content_x + 2


def _inside_form(row: list[Seg], content_x: int) -> bool:
    """A row of the form's content column (not a title above the form)."""
    return bool(row) and abs(row[0].x0 - content_x) <= 2


# --- centred cells ---


def _is_rating(seg: Seg) -> bool:
    return parse_rating(seg.text) is not None and len(seg.text) <= 2


def _centred_ratings(rows: list[list[Seg]]) -> None:
    """A rating alone on its line, between the two lines of a wrapped title: it ends the title's
    second line (the rating cell is centred beside the title cell)."""
    for i, row in enumerate(rows):
        if len(row) != 1 or not _is_rating(row[0]):
            continue
        above = next((r for r in reversed(rows[:i]) if r), [])
        below_i = next((j for j in range(i + 1, len(rows)) if rows[j]), None)
        if not above or below_i is None or any(_is_rating(s) for s in above):
            continue
        below = rows[below_i]
        if len(below) == 1 and below[0].x1 <= row[0].x0:
            rows[below_i] = [*below, Seg(below_i, row[0].x0, row[0].x1, row[0].text, [below_i])]
            rows[i] = []


def _wrapped_labels(rows: list[list[Seg]]) -> None:
    """A label cell inside a row whose last characters wrapped onto the next line
    (政策評価実施時 / 期): the piece joins it when together they make a known label."""
    for i in range(len(rows) - 1):
        for n, seg in enumerate(rows[i]):
            below = [p for p in rows[i + 1] if _overlaps(p, seg)]
            if n == 0 or len(below) != 1 or len(below[0].text) > 4 or is_label(seg.text):
                continue
            whole = join_cell([seg.text, below[0].text])
            if is_label(whole):
                rows[i][n] = Seg(
                    seg.row, seg.x0, seg.x1, whole, [i, i + 1], [seg.text, below[0].text]
                )
                rows[i + 1].remove(below[0])


def _wrapped_years(rows: list[list[Seg]]) -> None:
    """Fiscal years wrapped in their narrow header cells (``平成30年`` over ``度``): each
    piece under a year's start joins it when together they make the year, on a row of two
    years at least, so the row is a grid's header row as an unwrapped one is."""
    for i in range(len(rows) - 1):
        heads = [s for s in rows[i] if _YEAR_HEAD.match(make_key(s.text))]
        joins = _in_turn(heads, rows[i + 1])
        for seg in heads if joins is None else []:
            if _YEAR.match(make_key(seg.text)):
                continue
            below = [p for p in rows[i + 1] if _overlaps(p, seg)]
            if len(below) == 1 and _YEAR.match(make_key(seg.text + below[0].text)):
                joins = (joins or []) + [(seg, below[0])]
        if not joins or len(heads) < 2:
            continue
        for seg, piece in joins:
            seg.pieces = [seg.text, piece.text]
            seg.rows = [i, i + 1]
            seg.text = join_cell(seg.pieces)
            seg.x0, seg.x1 = min(seg.x0, piece.x0), max(seg.x1, piece.x1)
            rows[i + 1].remove(piece)


def _in_turn(heads: list[Seg], below: list[Seg]) -> list[tuple[Seg, Seg]] | None:
    """The cut years of a header row and the lone 度 of the row under it paired in turn, when
    they are as many (two or more) and the 度 row holds nothing else: -layout sets a row's
    characters at its own pitch, so a 度 under a row of wide type may stand under the next
    year's start (Chromium, Noto Sans CJK KR, big type: ``平成30年 令和元年 令和２年 令和３年``
    over ``度       度     度     度``, the second 度 under 令和２年). None otherwise."""
    cut = [s for s in heads if not _YEAR.match(make_key(s.text))]
    dos = [p for p in below if make_key(p.text) == "度"]
    if len(cut) < 2 or len(dos) != len(cut) or len(below) != len(dos):
        return None
    return list(zip(sorted(cut, key=lambda s: s.x0), sorted(dos, key=lambda p: p.x0), strict=True))


def _stray_closers(rows: list[list[Seg]]) -> set[int]:
    """A line that holds nothing but a closing mark (、。）」) where the line above ends:
    the glyph set a little lower than its line (Chromium: ``（ARF）`` / ``、`` under its
    end). It ends the line above, which the paragraph goes on from. Returns the rows it
    emptied: no blank line of the text (a narrow cell's ``択`` / ``）`` / ``よ``: 7-3's
    2018 target, LibreOffice, IPAGothic, very wide; held-out set 12, where the row of text
    cells ended there and the cell was read cut short)."""
    emptied: set[int] = set()
    for i in range(1, len(rows)):
        row, above = rows[i], rows[i - 1]
        if len(row) != 1 or not above or not _CLOSERS.match(row[0].text):
            continue
        last = above[-1]
        if abs(row[0].x0 - last.x1) <= 2:
            above[-1] = Seg(last.row, last.x0, row[0].x1, last.text + row[0].text, [last.row])
            rows[i] = []
            emptied.add(i)
    return emptied


_NARROWER = 2  # display columns a proportional column's full line may fall short by
_SERIES_MARK = regex.compile(r"^[①-⑳㉑-㉟]")  # a 参考指標 series label's start


def _note_column_apart(rows: list[list[Seg]]) -> None:
    """A note column beside a grid (a short run that starts with （注）, （出典 or ※, with
    more of its row right of it), whose lines below the text set one space before the row
    labels beside it (``拡大の影響によ ①国際テロ・組織犯罪関連条`` under ``（注）新型コロ``:
    参考指標 of field 4, Chromium, Noto Serif CJK SC; held-out set 12): each such line is cut
    where the column's width ends, a line as wide as its first (a narrow column's lines are
    full), so that the note and the labels are read apart."""
    for i, row in enumerate(rows):
        if len(row) < 2 or not _short(row[0]) or not _NOTE_COLUMN.match(row[0].text):
            continue
        x0, width = row[0].x0, len(row[0].text)
        for below in rows[i + 1 : i + 1 + _SIDE_ROWS]:
            if not below or below[0].x0 != x0:
                break
            seg = below[0]
            head, sep, tail = seg.text.partition(" ")
            # as wide as printed too: ``ISTC 理`` under ``（出典：`` is one line of the note
            # (LibreOffice, IPAPGothic, narrow; held-out set 11)
            # A proportional font sets its brackets narrow: the full lines of a column
            # whose first holds （注） may hold a character less, where a series label
            # follows (``（注）新型コ`` / ``ス感染拡大 ①国際テロ・組織``: Chromium, IPAPMincho;
            # held-out set 14); a number after a shorter line is the note's (年間 100).
            same = abs(display_width(head) - display_width(row[0].text)) <= _NARROWER
            full = len(head) == width or (len(head) == width - 1 and _SERIES_MARK.match(tail))
            if sep and full and same and tail:
                cut = x0 + len(head) + 1
                below[:1] = [
                    Seg(seg.row, x0, x0 + len(head), head, [seg.row], [head]),
                    Seg(seg.row, cut, seg.x1, tail, [seg.row], [tail]),
                ]


def _stacked(seg: Seg, piece: Seg) -> bool:
    """Whether ``seg`` stands over ``piece`` as narrow as it (a column of pieces going on),
    not a line of prose that happens to overlap it."""
    return _overlaps(seg, piece) and seg.x1 - seg.x0 <= piece.x1 - piece.x0 + 2


def _in_gap(seg: Seg, row: list[Seg]) -> bool:
    return not any(_overlaps(seg, s) for s in row) and seg.x0 > row[0].x0


def _stacked_run(rows: list[list[Seg]], start: int, piece: Seg, step: int) -> list[str]:
    """The texts of the pieces stacked on ``piece`` row by row from ``start`` (``step`` -1:
    upwards, 1: downwards), in reading order; a few rows at most (a header cell's wrap)."""
    texts: list[str] = []
    r = start
    while 0 <= r < len(rows) and len(texts) < 4:
        seg = next((s for s in rows[r] if _stacked(s, piece)), None)
        if seg is None:
            break
        texts.append(seg.text)
        piece, r = seg, r + step
    return texts[::-1] if step < 0 else texts


def _centred_stacks(rows: list[list[Seg]]) -> None:
    """Pieces stacked just above and below a row, in a gap between its cells, are a cell of
    that row printed across its lines (政策評価 / 実施時期 beside 担当部局名's row)."""
    for i, row in enumerate(rows):
        if len(row) < 2 or i == 0 or i + 1 >= len(rows):
            continue
        up, down = rows[i - 1], rows[i + 1]
        if len(up) != 1 or len(down) != 1 or not _overlaps(up[0], down[0]):
            continue
        if not (_in_gap(up[0], row) and _in_gap(down[0], row)):
            continue
        # A grid's header cell wrapped around a sub-header line (年度目標の / 達成状況; with
        # the pieces stacked over and under them, 令和元・令 / 和２・令和３ / 年度目標 / の達成状
        # / 況): no two-line cell.
        over = _stacked_run(rows, i - 2, up[0], -1)
        under = _stacked_run(rows, i + 2, down[0], 1)
        if _GRID_COLUMN.search(join_cell([*over, up[0].text, down[0].text, *under])):
            continue
        merged = Seg(i, min(up[0].x0, down[0].x0), max(up[0].x1, down[0].x1), "", [i - 1, i + 1])
        merged.pieces = [up[0].text, down[0].text]
        merged.text = join_cell(merged.pieces)
        rows[i] = sorted([*row, merged], key=lambda s: s.x0)
        rows[i - 1], rows[i + 1] = [], []


# --- grids ---


_NOTE_MARK = regex.compile(r"[（(]注[0-9０-９]*[）)]|[＊*※]+$")


def _is_value(seg: Seg) -> bool:
    """A value cell: a number with its unit, a rating, or a dash for none (a note mark aside)."""
    bare = _NOTE_MARK.sub("", seg.text).strip()
    return (
        parse_value(seg.text).value is not None
        or parse_value(bare).value is not None
        or _is_rating(seg)
        or is_null_mark(bare)
    )


def _year_row(row: list[Seg]) -> bool:
    return sum(1 for s in row if _YEAR.match(make_key(s.text))) >= 2


def _value_row(row: list[Seg], cols: list[tuple[int, int]]) -> bool:
    inside = [s for s in row if s.x1 > cols[0][0] and s.x0 < cols[-1][1]]
    return bool(inside) and all(_is_value(s) for s in inside)


@dataclass(slots=True)
class _Grid:
    top: int  # first header row
    header: list[Seg]  # header cells (pieces stacked in one column merged)
    leaves: list[Seg]  # header cells with nothing under them, left to right
    body: list[int]  # rows of values
    head_end: int  # the first row after the header
    columns: dict[int, tuple[int, int]]  # id of a value run → the columns of its header
    # A row of text cells wrapped over many lines (7-3): its cells, in their columns, and
    # the last line it takes.
    text_row: list[Seg] = field(default_factory=list)
    last: int = -1

    @property
    def end(self) -> int:
        """The last row the grid takes."""
        return max(self.last, self.body[-1])


_WHOLE = regex.compile(
    r"^(?:(?:昭和|平成|令和)(?:元|\d+)年度|--年度|年度目標値|実績値|中期目標値)$"
)


def _whole(text: str) -> bool:
    """A grid header cell's whole text (a fiscal year, 年度目標値, 実績値 …)."""
    return bool(_WHOLE.match(make_key(text)))


def _stack(segs: list[Seg], texted: frozenset[int] = frozenset()) -> list[Seg]:
    """Merge pieces stacked in one column on following rows into one cell: a piece joins the
    cell above when it overlaps only that cell and that cell only it."""
    cells: list[Seg] = []
    for seg in sorted(segs, key=lambda s: (s.row, s.x0)):
        touching = [c for c in cells if _overlaps(c, seg) and c.bottom < seg.row]
        # the nearest row's cells only: a cell further up (令和２年度 over 年度目 / 標値)
        # heads the piece's cell, it does not hold the piece
        touching = [c for c in touching if c.bottom == max(t.bottom for t in touching)]
        same_row = [s for s in segs if s.row == seg.row and s is not seg]
        if (done := _completed(cells, seg)) is not None:
            touching = [done]  # over a cell of the row above (令和３年度 over 標値) too
        if len(touching) == 1:
            cell = max(touching, key=lambda c: c.bottom)
            between = [
                s
                for s in segs
                if cell.bottom < s.row < seg.row and _overlaps(s, cell) and s is not seg
            ]
            others = [s for s in same_row if _overlaps(s, cell)]
            # A blank line between them is the gap between two rows of cells; so is a cell
            # that is whole (平成30年度) above anything: the piece below starts a cell of the
            # next header row (年度目 / 標値 under 令和２年度, a column off in narrow text).
            # (``texted``: lines that held text before a note column beside them was taken
            # out, which are no gap)
            gap = any(
                not any(s.row == r for s in segs) and r not in texted
                for r in range(cell.bottom + 1, seg.row)
            ) or _whole(cell.text)
            # lines between that hold only a note column's text (taken out) are no distance
            apart = 1 + sum(
                1 for r in range(cell.bottom + 1, seg.row) if any(s.row == r for s in segs)
            )
            if not between and not others and not gap and apart <= 2:
                cell.pieces.append(seg.text)
                cell.rows.append(seg.row)
                cell.text = join_cell(cell.pieces)
                cell.x0, cell.x1 = min(cell.x0, seg.x0), max(cell.x1, seg.x1)
                continue
        cells.append(Seg(seg.row, seg.x0, seg.x1, seg.text, [seg.row], [seg.text]))
    return cells


# Columns between a header cell's piece and the rest of its word on the next line, at most,
# where pdftotext sets the two a column or two apart (``年度目`` at 54–57 / ``標値`` at 58:
# LibreOffice, Noto Serif CJK JP, narrow columns; 5-4, held-out set 21).
_WRAP_SHIFT = 2


def _completed(cells: list[Seg], seg: Seg) -> Seg | None:
    """The cell on the line just above ``seg``, overlapping nothing, that ``seg`` completes
    into a whole header (年度目 + 標値 → 年度目標値) a column or two beside it, or None."""
    near = [
        c
        for c in cells
        if c.bottom == seg.row - 1
        and max(seg.x0 - c.x1, c.x0 - seg.x1) < _WRAP_SHIFT
        and not _whole(c.text)
        and _whole(c.text + seg.text)
    ]
    return near[0] if len(near) == 1 else None


def _above(cell: Seg, cells: list[Seg]) -> list[Seg]:
    """The header cells stacked over ``cell`` (中期目標値 over --年度)."""
    return [c for c in cells if c.bottom < cell.row and _overlaps(c, cell)]


def _leaves(cells: list[Seg]) -> list[Seg]:
    return sorted(
        (c for c in cells if not any(o.row > c.bottom and _overlaps(o, c) for o in cells)),
        key=lambda c: c.x0,
    )


def _tile(leaves: list[Seg], cells: list[Seg], groups: dict[int, Seg]) -> None:
    """Widen the leaf columns to meet halfway, and each upper header cell over the leaves
    it heads (``groups``: id of a leaf → its fiscal year, from :func:`_year_groups`) or,
    for the others, the leaves nearest to it: text is centred in its cell, the cell is
    wider than its text."""
    for a, b in itertools.pairwise(leaves):
        mid = (a.x1 + b.x0) // 2
        a.x1, b.x0 = mid, mid
    if len(leaves) >= 2:
        leaves[0].x0 = max(0, leaves[0].x0 - (leaves[1].x0 - leaves[0].x1) // 2 - 1)
        leaves[-1].x1 += 4
    for leaf in leaves:
        if id(leaf) in groups:
            year = groups[id(leaf)]
            year.x0, year.x1 = leaf.x0, leaf.x1  # set from its first leaf, widened below
    for leaf in leaves:
        if id(leaf) in groups:
            year = groups[id(leaf)]
            year.x0, year.x1 = min(year.x0, leaf.x0), max(year.x1, leaf.x1)
    heads = {id(y) for y in groups.values()}
    uppers = [c for c in cells if c not in leaves and id(c) not in heads]
    for leaf in leaves:
        if id(leaf) in groups:
            continue
        below = [u for u in uppers if u.bottom < leaf.row]
        if not below:
            continue
        centre = (leaf.x0 + leaf.x1) / 2
        owner = min(below, key=lambda u: abs((u.x0 + u.x1) / 2 - centre))
        owner.x0, owner.x1 = min(owner.x0, leaf.x0), max(owner.x1, leaf.x1)


def _year_groups(cells: list[Seg], y: int) -> dict[int, Seg] | None:
    """Which fiscal year of header row ``y`` heads each header cell below it (id of the
    cell → the year's cell); None when the text does not tell.

    A year's cell spans its own columns (平成30年度 over 年度目標値 / 実績値), but in text
    laid out by character index a year printed in full-width characters drifts off them:
    in LibreOffice's narrow 5-3, 令和元年度 stands in the gap between its 年度目標値 and its
    実績値, overlapping neither. What stays is the order: the columns under the years, left
    to right, are one run of sub-headers per year, the same run for every year. The cells
    below the years' row, except those under a cell of the years' row that is no year
    (中期目標値 over --年度; the rating column), are cut into that many equal runs in order.
    A cut that does not give every year the same sub-headers is no grid the reader can
    place values in (None): two columns under one year, or one year's under another's,
    would put a value under the wrong year."""
    years = sorted((c for c in cells if c.row == y and _YEAR.match(make_key(c.text))), key=_x0)
    others = [c for c in cells if c.row <= y and c not in years]
    subs = sorted(
        (
            c
            for c in cells
            if c.row > y
            and not any(_overlaps(c, o) for o in others)
            and not any(o.row > c.bottom and _overlaps(o, c) for o in cells)  # a leaf
        ),
        key=_x0,
    )
    if not subs or not years:
        return {}
    per, rest = divmod(len(subs), len(years))
    keys = [make_key(c.text) for c in subs]
    if rest or any(k != keys[n % per] for n, k in enumerate(keys)):
        return None
    return {id(c): years[n // per] for n, c in enumerate(subs)}


def _x0(seg: Seg) -> int:
    return seg.x0


def _first_year_x(cells: list[Seg], y: int) -> int | None:
    """Where the first whole year among row ``y``'s stacked header cells starts; None when
    no cell holds a whole year (a year spaced apart, ``平成  30  年``: no grid is read)."""
    xs = [c.x0 for c in cells if c.row == y and _YEAR.match(make_key(c.text))]
    return min(xs, default=None)


def _find_grid(rows: list[list[Seg]], y: int, texted: frozenset[int] = frozenset()) -> _Grid | None:
    """The grid whose fiscal-year header is row ``y`` (``texted``: the lines that held text
    before the side cells were taken out)."""
    top = y
    years = [(s.x0, s.x1) for s in rows[y] if _YEAR.match(make_key(s.text))]
    # A header printed across lines above the years (中期 / 目標 / 値 …): short pieces, the
    # first left of the years (a title over the years, 実 績 値, is no column's header).
    below = _values_below(rows, y)
    while (
        top > 0
        and rows[top - 1]
        and rows[top - 1][0].x1 < years[0][0]
        and any(_overlaps(rows[top - 1][0], v) for v in below)
        and all(s.x1 - s.x0 <= 12 for s in rows[top - 1])
    ):
        top -= 1
    cols = [(years[0][0] - 1, years[-1][1] + 6)]
    end = y + 1
    while end < len(rows) and not _value_row(rows[end], cols) and not _rating_row(rows[end]):
        # lines left blank by a note column beside the header (taken out) do not count
        if any(s.x1 - s.x0 > 16 for s in rows[end]) or sum(map(bool, rows[y:end])) > 7:
            break
        end += 1
    header_segs = [s for r in rows[top:end] for s in r]
    cells = _stack(header_segs, texted)
    # A year wrapped in its cell (平成30年 / 度) is whole only once its pieces are stacked.
    first_year_x = _first_year_x(cells, y)
    if first_year_x is None:
        return None
    # Cells left of the years on their rows (区分, a note beside the grid) head no column.
    left = [
        c
        for c in cells
        if c.x1 <= first_year_x - 1
        and c.row >= y
        and not any(_overlaps(x, v) for v in below for x in [c, *_above(c, cells)])
        and not any(_GRID_COLUMN.search(x.text) for x in [c, *_above(c, cells)])
    ]
    columns = [c for c in cells if c not in left]
    groups = _year_groups(columns, y)
    if groups is None:
        return None
    heads = {id(c) for c in groups.values()}
    leaves = [c for c in _leaves(columns) if id(c) not in heads]
    if len(leaves) < 2:
        return None
    _tile(leaves, columns, groups)
    unread = _wrapped_values(rows, end, leaves)
    body = _body_rows(rows, end, [(leaves[0].x0, leaves[-1].x1)], unread)
    if not body:
        text = (
            _text_row(rows, end, leaves, texted)
            if end < len(rows) and _rating_row(rows[end])
            else None
        )
        if text is None:
            return None
        row, last = text
        return _Grid(top, cells, leaves, [end], end, {}, row, last)
    _widen_first(leaves[0], [s for b in body for s in rows[b]])
    values = [s for b in body for s in rows[b] if s.x1 > leaves[0].x0]
    return _Grid(top, cells, leaves, body, end, _snap(leaves, values))


_MARK_ONLY = regex.compile(r"^(?:[＊*※]+[0-9０-９]*|[（(]注[0-9０-９]*[）)])$")
_WRAP_LINES = 3  # a value cell wraps over a few lines at most


def _wrapped_values(rows: list[list[Seg]], r: int, leaves: list[Seg]) -> int | None:
    """Join back the values a narrow cell wraps (``10`` / ``0％``: 100％ over two lines in
    its column; LibreOffice, Noto Serif CJK, wide label column), in a measure's row of
    values (row ``r``, a rating last: the grid's one row). A line right below it of short
    pieces in the grid's columns (``_fragment``) holds cells' ends: each is joined to the
    one cell it stands under (``_end_of``). When one cannot be, the row's numbers without
    a unit are no values (marked cut: read as none, warned): ``10`` read alone for 100％
    is a wrong number (a breaker's trial: shifted pieces, a second line of numbers). That
    line is then no row of the grid: its index is returned (else None)."""
    if r >= len(rows) or not _rating_row(rows[r]):
        return None
    first_x = leaves[0].x0
    above = [s for s in rows[r] if s.x1 > first_x]
    for k, below_row in enumerate(rows[r + 1 : r + 1 + _WRAP_LINES], start=r + 1):
        below = [s for s in below_row if s.x1 > first_x]
        if not below or not all(s.x0 >= first_x and _fragment(s) for s in below):
            return None  # no cell's end: a source line, a paragraph, the next heading
        ends = [(s, _end_of(s, above, leaves)) for s in below]
        if any(u is None for _, u in ends):
            for u in above:
                v = parse_value(u.text)
                u.cut = u.cut or (v.value is not None and v.unit is None)
            return k
        for s, u in ends:
            if u is not None and not _is_rating(u):  # a mark under the rating stays
                u.pieces = [*(u.pieces or [u.text]), s.text]
                u.rows = [*(u.rows or [u.row]), s.row]
                u.text += s.text
                u.x1 = max(u.x1, s.x1)
                below_row.remove(s)
        if below_row:
            return None
    return None


def _fragment(seg: Seg) -> bool:
    """A piece short enough to be a value cell's wrapped end (0％, 件, 以上, （注）, %※1),
    and no header cell's text (実績値, 平成30年度)."""
    key = make_key(seg.text)
    digits = any(c.isdigit() for c in key)
    return bool(key) and not _whole(seg.text) and (len(key) <= 3 or (digits and len(key) <= 6))


def _end_of(piece: Seg, above: list[Seg], leaves: list[Seg]) -> Seg | None:
    """The one cell of the row above whose wrapped end ``piece`` is, or None. A note mark
    is the end of any cell; else the two make a value (or a dash for none), and where the
    piece goes on the number (it holds a digit) they are wider than the widest line of
    the column's header, so that the value could not stand on one line (a second line of
    numbers under 20 21 … is no wrap: 205 would have fit)."""
    under = [u for u in above if _overlaps(piece, u)]
    if len(under) != 1:
        return None
    u = under[0]
    if _MARK_ONLY.match(make_key(piece.text)):
        return u
    joined = u.text + piece.text
    if _is_rating(u) or not (parse_value(joined).value is not None or is_null_mark(joined)):
        return None
    if not any(c.isdigit() for c in make_key(piece.text)):
        return u
    over = [leaf for leaf in leaves if _overlaps(leaf, u)]
    widest = max((display_width(p) for leaf in over for p in leaf.pieces or [leaf.text]), default=0)
    return u if parse_value(u.text).unit is None and display_width(joined) > widest else None


def _body_rows(
    rows: list[list[Seg]], end: int, span: list[tuple[int, int]], until: int | None = None
) -> list[int]:
    """The rows of values from row ``end`` on, under the grid's ``span``: up to the first
    row that is neither blank, nor values, nor a label alone (or to row ``until``)."""
    body = []
    r = end
    while r < (len(rows) if until is None else until) and (
        not rows[r] or _value_row(rows[r], span) or _label_only(rows, r, span)
    ):
        if rows[r] and _value_row(rows[r], span):
            body.append(r)
        r += 1
    return body


def _widen_first(leaf: Seg, segs: list[Seg]) -> None:
    """Start the first column where its values start: a producer that sets values flush
    left prints a short one (``0`` or ``－`` under ``平成30年度``) wholly left of its header,
    where it would be taken for a row label and every label below it move up a row
    (Chromium, proportional Mincho). A value counts when it stands right of every row
    label's text (``segs``: the value rows' runs)."""
    labels = [s.x1 for s in segs if s.x1 <= leaf.x0 and not _is_value(s)]
    edge = max(labels, default=-1)
    starts = [s.x0 for s in segs if s.x0 > edge and s.x0 < leaf.x1 and _is_value(s)]
    leaf.x0 = min([leaf.x0, *starts])


def _rating_row(row: list[Seg]) -> bool:
    """A row with a rating cell after other cells: the first line of a measure's row of
    values (the rating is set at its cell's top, as the other cells' text is)."""
    return len(row) >= 2 and _is_rating(row[-1]) and not any(_is_rating(s) for s in row[:-1])


def _text_row(
    rows: list[list[Seg]], start: int, leaves: list[Seg], texted: frozenset[int]
) -> tuple[list[Seg], int] | None:
    """A grid's one row of text cells, each wrapped over many lines in its narrow column
    (7-3: 多くの国の / 賛成を得て / …), from row ``start`` to the next blank line: (one cell
    per column that holds text, boxed as its header leaf; the last line), or None. A line
    blank only because a note column beside the grid was taken out of it (``texted``: the
    lines that held text before) is no blank line: the note's pieces stand between the
    row's lines (Chromium, narrow IPAexMincho: ``度目標値及び実`` alone between two).

    The cells' columns are read from the lines themselves: a character position blank on
    every line (two at least side by side) is a gap between columns, whatever single space
    a line holds inside a cell (平成 29 年度). The columns must be as many as the header's
    leaves, or each stand under one leaf alone; else nothing is placed. A row that runs to
    the page's end has the text cells that reach it marked cut (read as no value): the text
    lays the rest of their lines out overleaf on columns of that page's own."""
    last = start
    while last + 1 < len(rows) and (
        (rows[last + 1] and not _HEADING.match(make_key(rows[last + 1][0].text)))
        or (not rows[last + 1] and last + 1 in texted and any(rows[last + 2 : last + 3]))
    ):
        last += 1
    segs = [s for r in rows[start : last + 1] for s in r]
    # Something wholly left of the grid's first column: not a row of its cells. The first
    # column's text may start left of its leaf, the cell wider than its header's text
    # (``多くの国の賛成`` left of ``--年度``: Chromium, IPAPMincho, very wide; held-out set 11).
    if not segs or any(s.x1 <= leaves[0].x0 for s in segs):
        return None
    spans = _column_spans(segs)
    owners = _column_owners(spans, leaves)
    if owners is None:
        return None
    # A row that runs to the page's end may go on overleaf, where the text lays its lines
    # out on other columns: a text cell whose lines reach the page's last line may be cut,
    # and so may one that ended a line above it unfinished; a rating is whole.
    cut = not any(rows[last + 1 :])
    cells = []
    for (x0, x1), leaf in zip(spans, owners, strict=True):
        mine = [s for s in segs if x0 <= s.x0 < x1]
        cell = Seg(mine[0].row, leaf.x0, leaf.x1, "", [s.row for s in mine])
        cell.pieces = [s.text for s in mine]
        cell.text = join_cell(cell.pieces)
        # A cell that stops one line short of the last unfinished may go on too: the browser
        # sets at least two of a cell's lines overleaf (CSS widows: 2), moving one more line
        # there (Chromium, proportional Mincho: 7-3's …採択されること / overleaf を確保する。).
        # One that stops higher had room for another line: it is whole (無投票採択).
        short = cell.bottom == last - 1 and not cell.text.endswith(SENTENCE_END)
        reach = cell.bottom == last or short
        cell.cut = cut and reach and not _is_rating(cell)
        cells.append(cell)
    return cells, last


def _column_spans(segs: list[Seg]) -> list[tuple[int, int]]:
    """The columns of lines of narrow cells: runs of the positions some line prints on,
    split where two positions side by side are blank on every line."""
    spans: list[list[int]] = []
    for x in sorted({x for s in segs for x in range(s.x0, s.x1)}):
        if spans and x - spans[-1][1] <= 2:  # one blank position: inside a cell
            spans[-1][1] = x + 1
        else:
            spans.append([x, x + 1])
    return [(x0, x1) for x0, x1 in spans]


def _column_owners(spans: list[tuple[int, int]], leaves: list[Seg]) -> list[Seg] | None:
    """The header leaf over each column span: in order when they are as many, else the one
    leaf each overlaps (None when a span overlaps none or two, or two spans share one)."""
    if len(spans) == len(leaves):
        return leaves
    owners = []
    for x0, x1 in spans:
        over = [leaf for leaf in leaves if min(x1, leaf.x1) > max(x0, leaf.x0)]
        if len(over) != 1 or any(o is over[0] for o in owners):
            return None
        owners.append(over[0])
    return owners


def _snap(leaves: list[Seg], values: list[Seg]) -> dict[int, tuple[int, int]]:
    """Put each value in its header's column. Text lays a row out from its own characters, so
    a header and its values drift a few columns apart (a header of full-width characters over
    right-aligned numbers); the values of one column overlap each other, though. Value columns
    are matched to header columns in order; when they cannot be (more value columns than
    headers, two under one header) the values keep their own columns and the extractor's
    by-column reading leaves what does not fit null, with a warning."""
    clusters: list[list[Seg]] = []
    for v in sorted(values, key=lambda s: s.x0):
        if (
            clusters
            and v.x0 <= max(c.x1 for c in clusters[-1]) + 1
            and all(c.row != v.row for c in clusters[-1])  # a row's values: other columns
        ):
            clusters[-1].append(v)
        else:
            clusters.append([v])
    if not clusters or len(clusters) > len(leaves):
        return {}
    if len(clusters) == len(leaves):
        owners = leaves
    else:
        centre = [(min(c.x0 for c in cl) + max(c.x1 for c in cl)) / 2 for cl in clusters]
        owners = [min(leaves, key=lambda h, x=x: abs((h.x0 + h.x1) / 2 - x)) for x in centre]
        if len({id(o) for o in owners}) < len(owners):
            return {}
    return {
        id(v): (leaf.x0, leaf.x1)
        for cluster, leaf in zip(clusters, owners, strict=True)
        for v in cluster
    }


def _values_below(rows: list[list[Seg]], y: int) -> list[Seg]:
    """The value runs of the rows just below row ``y`` that hold two values or more, up to
    the next heading or years' row (the next grid's values are not this one's: 参考指標２'s
    850 under 参考指標１'s note column, Chromium's wide IPAexMincho rendition)."""
    out: list[Seg] = []
    for r in rows[y + 1 : y + 9]:
        if r and (_year_row(r) or _HEADING.match(make_key(r[0].text))):
            break
        if sum(1 for s in r if _is_value(s)) >= 2:
            out += [s for s in r if _is_value(s)]
    return out


def _side_cells(rows: list[list[Seg]]) -> dict[int, list[Seg]]:
    """Take out the cells beside a grid (a note or source left of the years, a note right of
    them) that no value stands under: they run over the header and value rows, so their
    pieces would read as row labels. Returns, by year row, those cells (text joined)."""
    sides: dict[int, list[Seg]] = {}
    for y, row in enumerate(rows):
        if not row or not _year_row(row):
            continue
        years = [s for s in row if _YEAR.match(make_key(s.text))]
        lo, hi = years[0].x0, years[-1].x1
        values = _values_below(rows, y)

        def beside(seg: Seg, lo: int = lo, hi: int = hi) -> bool:
            return seg.x1 < lo or seg.x0 > hi

        value_rows = {v.row for v in values}
        seeds = [s for s in row if beside(s)]
        if not any(s.x1 < lo for s in seeds):
            seeds += _left_seed(rows, y, lo)
        for seed in seeds:
            stack = _with_closers(_side_stack(rows, seed, beside), rows, beside)
            cell = Seg(stack[0].row, min(s.x0 for s in stack), max(s.x1 for s in stack), "")
            if any(_overlaps(cell, v) for v in values) or _GRID_COLUMN.search(
                join_cell([p.text for p in stack])
            ):
                continue  # a column of the grid (中期目標値, the rating), values or text
            if 2 * sum(map(_is_value, stack)) > len(stack) >= 2:
                # a grid's column of values above a piece of the next grid's header (the 同
                # budget table's 平成 30 年, its 度 overleaf, under table 1's 2,879 …:
                # LibreOffice, Noto Serif CJK; held-out set 9), no note beside a grid
                continue
            if (
                seed.x1 < lo
                and any(p.row in value_rows for p in stack)
                and not _note_column(stack, rows, lo, value_rows)
            ):
                continue  # the row labels' column (区分 over 当初予算(a) …)
            if seed.x1 < lo and _heads_row_labels(cell, stack, rows, value_rows):
                continue
            for piece in stack:
                rows[piece.row].remove(piece)
            sides.setdefault(y, []).extend(_side_parts(stack))
    return sides


def _heads_row_labels(
    cell: Seg, stack: list[Seg], rows: list[list[Seg]], value_rows: set[int]
) -> bool:
    """Whether a side cell left of the years, ending above the grid's values, is the head
    of its row labels' column: no note marker, and a row label of the first value row
    stands under it (``区分`` over ``当初予算(a)`` two blank lines below, the years' ``度``
    joined up; LibreOffice, Noto Sans Mono CJK, wide: 区分 ran into objective 11)."""
    if not value_rows or _NOTE_COLUMN.match(join_cell([p.text for p in stack])):
        return False
    first = min(value_rows)
    if any(p.row >= first for p in stack):
        return False
    return any(_overlaps(cell, s) and not _is_value(s) for s in rows[first])


def _side_stack(rows: list[list[Seg]], seed: Seg, beside: object) -> list[Seg]:
    """The pieces of the column beside a grid that holds ``seed``, top to bottom: those
    below it up to a heading, then those above it within the column they make, from the
    last heading above (the grid before it: 5-3's 中期目標 / 値 / --年度 / －, above 5-4's
    heading and （注）令和元年, Chromium, IPAMincho, narrow; held-out set 11). A heading below
    is no piece: it would widen the column the pieces above are looked for in."""
    down = _follow(rows, seed.row, seed, 1, beside)
    cut = next((n for n in range(1, len(down) + 1) if _heading_after([seed, *down], n)), None)
    down = down[: cut - 1] if cut else down
    column = (min(p.x0 for p in [seed, *down]), max(p.x1 for p in [seed, *down]))
    up = [*_follow(rows, seed.row, seed, -1, beside, column), seed]
    top = max((n + 1 for n in range(1, len(up)) if _heading_after(up, n)), default=0)
    return [*up[top:], *down]


def _heading_after(stack: list[Seg], n: int) -> bool:
    """Whether ``stack[n]`` is a heading below the grid (評価結果(個別分野２) stands at the
    column's left edge too: the column ends before it), not a line of the note that starts
    like one (``（注）平成 30 年度の`` / ``測定指標「人権理事`` …, 7-3 in a proportional
    font): a heading comes after a blank line or after a finished line."""
    piece, prev = stack[n], stack[n - 1]
    if not _HEADING.match(make_key(piece.text)):
        return False
    if _FIELD_RESULT.fullmatch(make_key(piece.text)):
        # a field's 評価結果 heading whole on its line is never a note's line, however the
        # note's last line ends (``の合計人数`` / ``評価結果(個別分野11)``: 参考指標 of field 11,
        # Chromium, Noto Serif CJK SC, the 令和４年度 edition; held-out set 12)
        return True
    return piece.row - prev.row >= 2 or prev.text.endswith(("。", "）", ")"))


_FIELD_RESULT = regex.compile(r"評価結果\(個別分野[0-9]+\)")  # on a key
_CLOSERS = regex.compile(r"^[）)」』】〕。、]+$")


def _with_closers(stack: list[Seg], rows: list[list[Seg]], beside: object) -> list[Seg]:
    """The side column's pieces, each with the closing brackets and stops that the text set
    apart after it on its line (``2017～2020」   ）``, ``含めると 29）    。``: a glyph placed
    at the cell's right edge): they end the piece, they are no cell of their own."""
    out: list[Seg] = []
    for piece in stack:
        row = rows[piece.row]
        at = next(n for n, s in enumerate(row) if s is piece)
        nxt = row[at + 1] if at + 1 < len(row) else None
        if nxt is not None and _CLOSERS.match(nxt.text) and beside(nxt):  # type: ignore[operator]
            row.remove(nxt)
            piece = Seg(piece.row, piece.x0, nxt.x1, piece.text + nxt.text, [piece.row])
            row[at] = piece
        out.append(piece)
    return out


def _left_seed(rows: list[list[Seg]], y: int, lo: int) -> list[Seg]:
    """A piece of a column left of the grid on the line next to its years' row, when the
    years' row has none (a note column whose lines fall between the text's lines: 参考指標３
    of Chromium's wide rendition, ``年度は事業とし`` / years / ``ては新規公募の``)."""
    for r in (y + 1, y - 1):
        if 0 <= r < len(rows) and rows[r] and rows[r][0].x1 < lo:
            return [rows[r][0]]
    return []


def _note_column(stack: list[Seg], rows: list[list[Seg]], lo: int, value_rows: set[int]) -> bool:
    """A column of note cells left of a grid: it starts with a note or source marker, and
    either starts above the grid's values (beside its header: no row label does; 参考指標３
    of the narrow rendition, （注） / 平成 30 / 年度は … with no row labels) or, on the value
    rows it runs past, a row label stands between it and the grid."""
    # The marker may wrap (（出 / 典：外 / 務省）): read it from the pieces joined.
    if not _NOTE_COLUMN.match(join_cell([p.text for p in stack])):
        return False
    if stack[0].row < min(value_rows, default=0) - 1:
        return True
    return not any(_nearest_left(p, rows[p.row], lo) for p in stack if p.row in value_rows)


# The header of a measure's 中期目標値 or rating column (平成 30・令和元・… 達成状況), which
# may stand over text cells, or be cut by a page break.
_GRID_COLUMN = regex.compile(r"^中期目標|達成状況|^(?:平成|令和)(?:元|\s*\d+)[・･]")
_NOTE_COLUMN = regex.compile(r"^(?:[（(]注|[（(]出典|※)")


def _nearest_left(piece: Seg, row: list[Seg], lo: int) -> bool:
    """Whether ``piece`` is its row's last run left of the grid (column ``lo``): a row label
    (① 日本語版), not a note column further left (（注）暦年で beside ① 日本語版)."""
    return not any(s.x0 >= piece.x1 and s.x1 < lo for s in row if s is not piece)


_SIDE_MARK = regex.compile(r"^(?:[（(]注[0-9０-９]*[）)]|※)")


def _side_parts(stack: list[Seg]) -> list[Seg]:
    """The cells of a side column: a piece that starts with a note marker starts a cell of
    its own (（出典：外務 / 省） over （注）暦年で / カウント)."""
    parts: list[list[Seg]] = []
    for piece in stack:
        if not parts or _SIDE_MARK.match(piece.text):
            parts.append([])
        parts[-1].append(piece)
    cells = []
    for part in parts:
        cell = Seg(part[0].row, min(s.x0 for s in part), max(s.x1 for s in part), "")
        cell.pieces = [p.text for p in part]
        cell.rows = [p.row for p in part]
        cell.text = join_cell(cell.pieces)
        cells.append(cell)
    return cells


def _year_of(sides: dict[int, list[Seg]], cell: Seg) -> int:
    return next(y for y, cells in sides.items() if any(c is cell for c in cells))


# The most lines a side cell runs over from its grid's years: a long note in a narrow
# column (2-5's （注）, 18 lines in Chromium's narrow IPAexMincho rendition). What ends it
# is a line that runs into the grid, two lines without a piece, or a heading.
_SIDE_ROWS = 40


def _follow(
    rows: list[list[Seg]],
    y: int,
    seed: Seg,
    step: int,
    beside: object,
    column: tuple[int, int] | None = None,
) -> list[Seg]:
    """The pieces stacked above (``step`` -1) or below (1) ``seed``, beside the grid; a line
    without one may come between (a value row the cell runs past). Above, a line with
    nothing else on it is taken only within ``column`` (the cell's columns, default the
    seed's) and only when a line of the grid's title band comes above it."""
    lo, hi = column or (seed.x0, seed.x1)
    out: list[Seg] = []
    sure = 0  # pieces taken for certain; a lone piece above waits for a titled row above it
    r, missed = y + step, 0
    while 0 <= r < len(rows) and abs(r - y) <= _SIDE_ROWS:
        hit = [s for s in rows[r] if _overlaps(s, seed) and beside(s)]  # type: ignore[operator]
        blocked = [s for s in rows[r] if _overlaps(s, seed) and not beside(s)]  # type: ignore[operator]
        # Above the years, only rows of the grid's title band (実 績 値 over the years), and
        # a note's lines that fall between them (年度は事業とし below （注）平成 30 / 実績値).
        titled = step > 0 or any(not beside(s) for s in rows[r])  # type: ignore[operator]
        # a lone piece stands within the note's column (not a heading over the grid)
        lone = hit and not titled and not (hit[0].x0 >= lo - 1 and _right(hit[0]) <= hi + 1)
        if blocked or (not hit and missed) or lone:
            break
        if hit:
            out.append(hit[0])
            missed = 0
            sure = len(out) if titled else sure
        elif not (step > 0 and _header_pieces(rows[r], beside)):
            missed = 1
        r += step
    out = out[:sure]
    return out[::-1] if step < 0 else out


def _header_pieces(row: list[Seg], beside: object) -> bool:
    """A line of the grid's header words only, none beside it: the cell beside the grid
    goes on below it (pdftotext set 2-5's sub-headers three lines lower than the note's
    pieces, ``--年度 年度目`` / ``標値`` / ``実績値 年度目 …``: Chromium, Noto Sans Mono CJK;
    held-out set 11)."""
    return bool(row) and not any(beside(s) or _is_value(s) for s in row)  # type: ignore[operator]


def _right(seg: Seg) -> float:
    """Where ``seg`` ends as printed: the text gives each character a column, but a digit or
    a space is half as wide as a kanji (``成 30 年`` takes the room of four kanji, not six:
    参考指標３'s note in Chromium's narrow IPAexMincho rendition)."""
    return min(seg.x1, seg.x0 + display_width(seg.text) / 2)


def _grid_at(rows: list[list[Seg]], r: int, texted: frozenset[int]) -> _Grid | None:
    """The grid whose header starts at row ``r``, if one does."""
    if not rows[r]:
        return None
    for y in range(r, min(r + 7, len(rows))):
        if rows[y] and _year_row(rows[y]):
            grid = _find_grid(rows, y, texted)
            return grid if grid is not None and grid.top == r else None
    return None


def _label_only(rows: list[list[Seg]], r: int, span: list[tuple[int, int]]) -> bool:
    """A row of row-label pieces only, between value rows (a label that wraps, over as many
    as ``_LABEL_ROWS`` lines: a series label of a 参考指標 in a narrow cell)."""
    for j in range(r, min(r + _LABEL_ROWS, len(rows))):
        if not rows[j]:
            continue
        if any(s.x1 > span[0][0] for s in rows[j]):
            return j > r and _value_row(rows[j], span)
    return False


_LABEL_ROWS = 10


# --- emitting lines ---


def _cell(seg: Seg, table: int) -> Cell:
    return Cell(
        text=seg.text,
        box=(float(seg.x0), float(seg.row), float(seg.x1), float(seg.bottom + 1)),
        col=seg.x0,
        row=seg.row,
        table=table,
        lines=list(seg.pieces or [seg.text]),
        cut=seg.cut,
    )


def _grid_lines(grid: _Grid, rows: list[list[Seg]], src: list[Line], table: int) -> list[Line]:
    """The grid as lines of cells: header rows (cells grouped by their first row), the row
    labels that span rows, then one line per value row."""
    out: list[Line] = []
    # Header rows as the PDF has them: the cells nothing stands over (中期目標値, the years,
    # the rating's), then the cells under them (--年度, 年度目標値 / 実績値).
    top = [c for c in grid.header if not _above(c, grid.header)]
    groups = [g for g in (top, [c for c in grid.header if c not in top]) if g]
    for g in groups:
        g.sort(key=lambda c: c.x0)
        out.append(_line(src[g[0].row], [_cell(c, table) for c in g]))
    first_x = grid.leaves[0].x0
    lefts = [
        _split_row_label(s)
        for r in range(grid.head_end, _labels_end(rows, grid, first_x))
        if 0 <= r < len(rows) and not _year_row(rows[r])  # not the next grid's header
        for s in rows[r]
        if s.x1 <= first_x
    ]
    lefts = [p for pair in lefts for p in pair]
    labels = _row_labels(lefts, grid.body)
    used = {id(s) for v in labels.values() for s in v}
    spanning = _stack([s for s in lefts if id(s) not in used])
    pending = sorted(spanning, key=lambda c: c.row)
    for r in grid.body:
        while pending and pending[0].row <= r:  # a label over rows, before its first row
            c = pending.pop(0)
            out.append(Line(src[c.row].no, src[c.row].page, c.text))
        cells = []
        if labels.get(r):
            pieces = labels[r]
            label = Seg(r, min(p.x0 for p in pieces), max(p.x1 for p in pieces), "")
            label.pieces = [p.text for p in pieces]
            label.text = join_cell(label.pieces)
            label.rows = [p.row for p in pieces]
            cells.append(_cell(label, table))
        if grid.text_row:
            cells += [_cell(c, table) for c in grid.text_row]
        for v in [] if grid.text_row else rows[r]:
            if v.x1 > first_x:
                x0, x1 = grid.columns.get(id(v), (v.x0, v.x1))
                cells.append(_cell(Seg(v.row, x0, x1, v.text, cut=v.cut), table))
        out.append(_line(src[r], cells))
    out += [Line(src[c.row].no, src[c.row].page, c.text) for c in pending]
    for s in lefts:  # what the grid took is not read again
        if s in rows[s.row]:
            rows[s.row].remove(s)
    return out


# Row labels of the report's grids: a run that ends in one was two cells one space apart
# (``状況(百 補正予算(b)``: a piece of the label over the rows, then the row's own label).
_ROW_LABEL = regex.compile(r"^(?:当初予算|補正予算|繰越し等|合計[(（]|執行額|[①-⑳])")


def _split_row_label(seg: Seg) -> list[Seg]:
    head, sep, tail = seg.text.rpartition(" ")
    if not sep or not head or not _ROW_LABEL.match(tail) or _ROW_LABEL.match(head):
        return [seg]
    cut = seg.x0 + len(head) + 1
    rows = [seg.row]
    return [
        Seg(seg.row, seg.x0, cut - 1, head, rows, [head]),
        Seg(seg.row, cut, seg.x1, tail, rows, [tail]),
    ]


_SERIES = regex.compile(r"^[①-⑳㉑-㉟]")


def _row_labels(lefts: list[Seg], body: list[int]) -> dict[int, list[Seg]]:
    """Each value row's label pieces: its piece nearest the values, the lines of a label
    wrapped above and below it (centred on it), and the lines of a series label that goes on
    below its row (set from the cell's top)."""
    labels: dict[int, list[Seg]] = {}
    for r in body:
        mine = [s for s in lefts if s.row == r]
        labels[r] = [max(mine, key=lambda s: s.x0)] if mine else []
    for s in lefts:
        if s.row in body:
            continue
        near = _series_row(s, body, labels)  # an open series label above goes on first
        if not near:
            near = [r for r in (s.row - 1, s.row + 1) if r in body]
            near = [r for r in near if not labels[r] or _overlaps(s, labels[r][0])]
        if len(near) == 2:  # between two rows: the one without a label of its own
            near = [r for r in near if not any(p.row == r for p in labels[r])] or near[:1]
        if near:
            labels[near[0]] = sorted([*labels[near[0]], s], key=lambda p: p.row)
    return labels


def _labels_end(rows: list[list[Seg]], grid: _Grid, first_x: int) -> int:
    """The row after the grid's last label piece: the line after its last value row, and
    the lines a series label runs on below it (left of the values, nothing else on them).
    A heading ends them, on the line right after the last value row too (``③アクセス数`` /
    ``評価結果(個別分野１)``, no blank line between: Chromium, Noto Sans Mono CJK; held-out
    set 11, where the heading was read into the label)."""
    end = grid.body[-1] + 1
    if end < len(rows) and rows[end] and _HEADING.match(make_key(rows[end][0].text)):
        return end
    end += 1
    while (
        end < min(len(rows), grid.body[-1] + _LABEL_ROWS)
        and rows[end]
        and all(s.x1 <= first_x for s in rows[end])
        and not _HEADING.match(make_key(rows[end][0].text))
    ):
        end += 1
    return end


def _series_row(piece: Seg, body: list[int], labels: dict[int, list[Seg]]) -> list[int]:
    """The value row above ``piece`` whose label is a series' (① …) in its column, with no
    value row between: a label cell taller than its row goes on below it (LibreOffice sets
    a cell's text from its top)."""
    above = [b for b in body if b < piece.row]
    if not above or not labels.get(above[-1]):
        return []
    label = labels[above[-1]]
    # A closing bracket ends the label unless the next row's series label starts below the
    # piece: a label goes on to the next one's number (``ア地域）`` / ``（単位：参加国`` /
    # ``数）`` / ``②平成 29 年度…``; Chromium's wide IPAexMincho rendition, 参考指標 of field 4).
    below = [b for b in body if b > piece.row]
    nxt = labels.get(below[0]) if below else None
    follows = bool(nxt) and bool(_SERIES.match(nxt[0].text)) and nxt[0].row > piece.row
    is_open = follows or not label[-1].text.endswith(("）", ")", "。"))
    # ③ アクセス starts the next series' label (centred on its row below), not this one's
    fits = _SERIES.match(label[0].text) and not _SERIES.match(piece.text)
    fits = fits and _overlaps(piece, label[0])
    return [above[-1]] if is_open and fits else []


def _nearest(cell: Seg, body: list[int]) -> int:
    centre = (cell.row + cell.bottom) / 2
    return min(body, key=lambda b: (abs(b - centre), b))


def _line(src: Line, cells: list[Cell]) -> Line:
    return Line(src.no, src.page, " ".join(c.text for c in cells), cells=cells)


def _split_at_labels(row: list[Seg], src: Line) -> list[Line]:
    """A row's runs as lines: one line, except that a known label cell inside the row starts
    a line of its own (担当部局名 … | 政策評価実施時期 | 令和３年８月)."""
    out: list[Line] = []
    part: list[Seg] = []
    for n, seg in enumerate(row):
        if n > 0 and is_label(seg.text):
            if part:
                out.append(Line(src.no, src.page, " ".join(s.text for s in part)))
            out.append(Line(src.no, src.page, seg.text))
            part = []
        else:
            part.append(seg)
    if part:
        out.append(Line(src.no, src.page, " ".join(s.text for s in part)))
    return out


def _runs_on(rows: list[list[Seg]], r: int) -> bool:
    """Whether row ``r``'s paragraph goes on in the next row although that one starts with a
    label's words (・…外務省でも / 施策目標に人権・民主主義…, an advisory comment): a full
    line of prose, not ended, and the next line in the same column. Said only there, so the
    segmenter does not take the words for the 施策目標 label."""
    if r + 1 >= len(rows) or len(rows[r]) != 1 or len(rows[r + 1]) != 1:
        return False
    line, nxt = rows[r][0], rows[r + 1][0]
    key = make_key(nxt.text)
    return (
        line.x0 == nxt.x0
        and line.x1 - line.x0 >= _PROSE
        and not line.text.endswith(SENTENCE_END)
        and any(is_label(key[:n]) for n in range(3, 9))
    )


def _label_pieces(rows: list[list[Seg]], content_x: int) -> list[Seg]:
    """The label column's piece of each row, taken off the row: its short pieces left of
    the content column (``content_x``), one piece a line (``施 策    名`` is spaced out).
    Below page-wide prose that starts left of the content column (a 個別分野's section
    after the summary table's end on one page), a row of such pieces only is no label:
    ``＊`` / ``中期目標（--年度）`` under a measure's title, ``Ⅳ ６ （２）…`` / ``（４）…``
    of a list (LibreOffice, Noto Sans Mono CJK, wide; held-out set 11)."""
    if content_x <= 2:
        return []
    _entries_apart(rows, content_x)
    _labels_apart(rows, content_x)
    labels: list[Seg] = []
    prose_x: int | None = None  # where the nearest wide run above starts
    for r in rows:
        bare = all(s.x1 <= content_x for s in r)
        pieces = []
        while (
            r
            and not (bare and prose_x is not None and prose_x < content_x - 1)
            and r[0].x0 < content_x - 1
            and r[0].x1 <= content_x
            and _short(r[0])
            and not r[0].text.endswith("。")  # a page-wide paragraph's last line
        ):
            pieces.append(r.pop(0))
        if pieces:
            text = join_cell([p.text for p in pieces])
            labels.append(Seg(pieces[0].row, pieces[0].x0, pieces[-1].x1, text))
        prose_x = next((s.x0 for s in r if s.x1 - s.x0 >= _PROSE), prose_x)
    return labels


def _read_page(src: list[Line], table0: int) -> tuple[list[Line], list[tuple[str, Line, str]], int]:
    rows = [segments(i, ln.text) for i, ln in enumerate(src)]
    emptied = _stray_closers(rows)
    _note_column_apart(rows)
    content_x = _content_x(rows)
    furniture = _vertical_labels(rows, content_x, src)
    labels = _label_pieces(rows, content_x)
    runs = _label_runs(labels, rows)
    starts = _cell_starts(runs, rows, content_x)
    _centred_ratings(rows)
    _wrapped_labels(rows)
    _wrapped_years(rows)
    _centred_stacks(rows)
    texted = frozenset(i for i, row in enumerate(rows) if row) | emptied
    sides = _side_cells(rows)
    out: list[Line] = []
    pending = sorted(zip(starts, range(len(runs)), strict=True))
    table = table0
    r = 0
    while r < len(rows):
        for cell in [c for y in sorted(sides) for c in sides[y] if c.row <= r]:
            out.append(Line(src[cell.row].no, src[cell.row].page, cell.text))
            sides[_year_of(sides, cell)].remove(cell)
        while pending and pending[0][0] <= r and (rows[r] or pending[0][0] < r):
            run = runs[pending.pop(0)[1]]
            out.append(Line(src[run.first].no, src[run.first].page, run.text))
        grid = _grid_at(rows, r, texted)
        if grid is not None:
            out.extend(_grid_lines(grid, rows, src, table))
            table += 1
            r = grid.end + 1
            continue
        if rows[r]:
            got = _split_at_labels(rows[r], src[r])
            if _runs_on(rows, r):
                got[-1].para_end = False
            out.extend(got)
        r += 1
    for _, n in pending:
        out.append(Line(src[runs[n].first].no, src[runs[n].first].page, runs[n].text))
    return out, furniture, table


def read_layout(
    lines: list[Line],
) -> tuple[list[Line], list[tuple[str, Line, str]], list[tuple[str, str, Line]]]:
    """Read ``-layout`` text page by page into lines (grid rows with cells)."""
    pages: list[list[Line]] = []
    for ln in lines:
        if not pages or ln.page != pages[-1][0].page:
            pages.append([])
        pages[-1].append(ln)
    out: list[Line] = []
    furniture: list[tuple[str, Line, str]] = []
    table = 0
    for page in pages:
        page = _cut_cells_go_on(out, page)
        for part in _page_parts(widen_note_edges(page)):
            got, dropped, table = _read_page(part, table)
            out += got
            furniture += dropped
    return out, furniture, []


def _cut_cells_go_on(out: list[Line], page: list[Line]) -> list[Line]:
    """Finish the text cells of a grid row that the last page's end cut (``_row_cells``)
    with the pieces that go on at this page's top; returns the page without them.

    pdftotext lays each page out on columns of its own, so a piece overleaf is matched to its
    cell by the order of the columns, not by position (as ``text_split_grids`` matches a
    header): a cut cell that stops without a sentence end goes on (…年度 / は無投票採択）…,
    …確保す / る。), one that stops with one is whole. Only when the pieces' columns, above
    the first blank line and no wider than the cells' lines, are exactly as many as the
    cells that go on are they joined; else all stays as it was (the cut cells null)."""
    row = next((ln for ln in reversed(out) if ln.text.strip()), None)
    if row is None or not row.cells or not any(c.cut for c in row.cells):
        return page
    going = [c for c in row.cells if c.cut and not c.text.endswith(SENTENCE_END)]
    end = next((i for i, ln in enumerate(page) if not ln.text.strip()), len(page))
    segs = [s for i, ln in enumerate(page[:end]) for s in segments(i, ln.text)]
    widest = max((len(t) for c in going for t in c.lines), default=0)
    if (
        not going
        or not segs
        or end == len(page)
        or any(len(s.text) > widest + 1 or _HEADING.match(make_key(s.text)) for s in segs)
    ):
        return page
    spans = _column_spans(segs)
    if len(spans) != len(going):
        return page
    for (x0, x1), cell in zip(spans, going, strict=True):
        cell.lines += [s.text for s in segs if x0 <= s.x0 < x1]
        cell.text = join_cell(cell.lines)
    for cell in row.cells:
        cell.cut = False
    return page[end:]


def _page_parts(page: list[Line]) -> list[list[Line]]:
    """The page, or its two forms when the 別紙 budget sheet shares it with the report's first
    page (Chromium sets them on one page): each form has its own label column and content
    column, so each is read on its own. The sheet ends where the report's 施策 heading starts
    (``text_sheet.find_sheet``)."""
    for i in range(len(page)):
        found = find_sheet(page, i)
        if found is not None:
            _, end = found
            return [part for part in (page[:end], page[end:]) if part]
    return [page]

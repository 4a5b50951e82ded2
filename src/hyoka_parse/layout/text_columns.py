"""Regrouping column-by-column text (pdftotext's default mode) by the grids' known shape.

pdftotext's default mode reads a table column by column, or cell by cell, so a grid's header
comes as one fiscal year a line and its rows as one value a line::

    平成29年度 / 平成30年度 / 令和元年度 / 令和２年度 / 61 件 / 38 件 / 38 件 / 27 件

The report's grids have a known shape: a row of consecutive fiscal years (区分 before them in
a budget table), then rows of a label and at most one value per year. A run of lone
consecutive years becomes one header line; after it, a row label followed by one to N lone
values (N the number of years) becomes one row line. Anything else ends the grid and stays as
it is: a run with more values than years cannot be split without guessing which cell is empty,
so it is left for the extractors to leave null with a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import regex

from hyoka_parse.layout.grid_cells import is_value, year_label
from hyoka_parse.layout.labels import budget_title_fits
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_budget import is_row_label
from hyoka_parse.layout.text_quant import is_year_stem
from hyoka_parse.normalize import make_key
from hyoka_parse.text import display_width
from hyoka_parse.values import is_null_mark, parse_rating, parse_value
from hyoka_parse.vocab import ERA_NAMES

__all__ = ["has_lone_years", "regroup", "side_notes"]

_CORNER = ("区分",)  # the header cell left of a grid's years
_LABEL_WIDTH = 24  # a row label is short
_LABEL_LINES = 3  # and wraps over a few lines at most


def _year(line: Line) -> int | None:
    return year_label(make_key(line.text))


def _stem_year(line: Line) -> int | None:
    """A fiscal year cut before its 度 (``令和元年``, its ``度`` lines below), alone."""
    key = make_key(line.text)
    return year_label(key + "度") if is_year_stem(key) else None


def _years_run(lines: list[Line], i: int, year: Callable[[Line], int | None] = _year) -> int:
    """How many lines from ``i`` are lone consecutive fiscal years (0 when fewer than 2)."""
    j = i
    while j < len(lines) and (y := year(lines[j])) is not None:
        if j > i and y != year(lines[j - 1]) + 1:  # type: ignore[operator]
            break
        j += 1
    return j - i if j - i >= 2 else 0


def _joined(lines: list[Line]) -> Line:
    first = lines[0]
    return Line(first.no, first.page, " ".join(ln.text.strip() for ln in lines))


def _rows(lines: list[Line], i: int, n: int, out: list[Line]) -> int:
    """Rows after a header of ``n`` years: an optional short label, then 1..n lone values."""
    while i < len(lines):
        start = i
        while (  # a label, which may wrap (③ アクセス / 数)
            i < len(lines)
            and i - start < _LABEL_LINES
            and not is_value(lines[i])
            and _year(lines[i]) is None
            and len(make_key(lines[i].text)) <= _LABEL_WIDTH
        ):
            i += 1
        j = i
        while j < len(lines) and is_value(lines[j]):
            j += 1
        values = j - i
        if values == 0:
            return start
        # More values than years: still one run of the grid (the extractor leaves it null
        # with a warning), not text for what follows.
        out.append(_joined(lines[start:j]))
        i = j
    return i


def has_lone_years(lines: list[Line]) -> bool:
    """Whether the text prints a grid's fiscal years one a line (column-by-column text)."""
    content = [ln for ln in lines if ln.text.strip()]
    # Years cut before their 度 count too: a budget table's narrow year cells (令和元年 /
    # 令和２年 / … then 度 / 度 / …), which may be a page range's only table (LibreOffice,
    # Noto Sans Mono CJK HK, extra-wide label column; held-out set 15).
    return any(
        _years_run(content, i)
        or _years_run(content, i, _stem_year)
        or _pairs_run(content, i)
        or _year_column(content, i)
        for i in range(len(content))
    )


_COLUMN_VALUES = 3  # a column of a budget table: its year, then its rows' values a line each


def _year_column(lines: list[Line], i: int) -> bool:
    """A budget table's year column printed alone: after a header cell of the table (区分
    or a row label) alone on its line, the year (or cut before its 度, the 度 on the next),
    then lone values, three or more (``区分`` / ``令和元年`` / ``度`` / ``2,879`` / ``0`` / …:
    LibreOffice, MotoyaLCedar, wide, big type; held-out set 17, whose budget pages show no
    two lone years together). Texts that keep rows print a row's values on its label's
    line, and 区分 with the years."""
    before = make_key(lines[i - 1].text) if i else ""
    if before not in _CORNER and not is_row_label(before):
        return False
    j = i + 1
    if _year(lines[i]) is None:
        if _stem_year(lines[i]) is None or j >= len(lines) or make_key(lines[j].text) != "度":
            return False
        j += 1
    run = lines[j : j + _COLUMN_VALUES]
    return len(run) == _COLUMN_VALUES and all(is_value(ln) for ln in run)


# A budget table's title cell; its first piece may be 施策の予 (a narrow cell, Chromium).
_TITLE_START = regex.compile(r"^(?:施策の予|同[(（])")
_GRID_HEAD = regex.compile(r"^区分(?:(?:昭和|平成|令和)(?:元|\d+)年度){2,}$")


def _titles_to_grids(content: list[Line]) -> list[Line]:
    """Budget table titles printed with the label column, away from their tables (the default
    mode reads the form's label column first): each goes back before its 区分 row, in order.
    A title is its label cell's pieces: short lines from 施策の予算 (or 同（) on. A title
    right above its 区分 row stays where it is, and so does one no 区分 row is left for;
    either way it takes its table's turn (table 2's title printed after its 区分 row goes
    before that one, not before table 1's: LibreOffice, HanaMinA; held-out set 17)."""
    titles: list[tuple[int, list[Line], bool]] = []  # (where in kept, its lines, in place)
    kept: list[Line] = []
    i = 0
    while i < len(content):
        key = make_key(content[i].text)
        ahead = [make_key(ln.text) for ln in content[i + 1 : i + 8]]
        if _TITLE_START.match(key):
            j = _title_end(content, i)
            titles.append((len(kept), content[i:j], any(k.startswith("区分") for k in ahead)))
            if titles[-1][2]:
                kept += content[i:j]
            i = j
            continue
        kept.append(content[i])
        i += 1
    heads = [k for k, ln in enumerate(kept) if _GRID_HEAD.match(make_key(ln.text))]
    moved = {k: t for (_, t, here), k in zip(titles, heads, strict=False) if not here}
    stay = {k: t for n, (k, t, here) in enumerate(titles) if n >= len(heads) and not here}
    out: list[Line] = []
    for k, ln in enumerate(kept):
        out += stay.get(k, []) + moved.get(k, [])
        out.append(ln)
    out += stay.get(len(kept), [])
    return out


# A title's rest may stand past the header row's first cells: 区分, the years' first pieces,
# the report year's 当初予算 (15 lines on: Sawarabi Mincho's blank lines between).
_TITLE_REST_WINDOW = 20
_HEADER_PIECE = regex.compile(r"^(?:区分|(?:平成|令和)(?:元|\d+)(?:年度?)?|年?度)$")


def title_rests_joined(lines: list[Line]) -> list[Line]:
    """Each budget title's rest that the header row's first cells parted from it
    (``_title_rest``) set back after its first pieces, before the grids are rebuilt."""
    out = list(lines)
    for i in range(len(out)):
        if _TITLE_START.match(make_key(out[i].text)):
            j = _title_end(out, i)
            if rest := _title_rest(out, j, out[i:j]):
                while j > i + 1 and not out[j - 1].text.strip():
                    j -= 1  # before the blank lines after the title's pieces
                pieces = [out[k] for k in rest]
                for k in sorted(rest, reverse=True):
                    del out[k]
                out[j:j] = pieces
                _corner_after_title(out, i, j + len(pieces))
    return out


def _corner_after_title(out: list[Line], i: int, end: int) -> None:
    """The table's 区分 cell printed right before its title's first piece (blank lines
    between; LibreOffice, Sawarabi Mincho; held-out set 19) set after the title's pieces
    ``[i, end)``: a title stands over its table, and the grid is rebuilt where its 区分 is."""
    k = i - 1
    while k >= 0 and not out[k].text.strip():
        k -= 1
    if k >= 0 and make_key(out[k].text) == "区分":
        out.insert(end - 1, out.pop(k))


def _title_rest(content: list[Line], j: int, title: list[Line]) -> list[int]:
    """Where the rest of an unfinished title stands when the header row's first cells came
    between its pieces (``施策の予算額・執行額等`` / ``区分`` / ``（分担金・拠出金除く）`` /
    ``平成 30`` …: LibreOffice, HanaMinA, extra-wide label columns; held-out set 17), in the
    order its pieces go on with the title: the lines past header pieces, amounts and blank
    lines that go on with it, taken while one does, until it is whole (a longer whole:
    ``施策の予算額・執行額等`` is whole by itself too). Its last piece may come first
    (``施策の予算額・`` / ``平成 30 年`` / ``く）`` / ``令和２年度`` … ``執行額等（分担`` /
    ``金・拠出金除``: LibreOffice, Sawarabi Mincho; held-out set 19). Where they stand in
    that order; none unless every other piece on the way is the header's or an amount."""
    key = "".join(make_key(ln.text) for ln in title)
    if not budget_title_fits(key)[0]:
        return []
    pieces = {
        k: piece
        for k in range(j, min(len(content), j + _TITLE_REST_WINDOW))
        if (piece := make_key(content[k].text))
        and not _HEADER_PIECE.match(piece)
        and not is_value(content[k])
    }
    taken: list[int] = []
    while nxt := next((k for k, p in pieces.items() if budget_title_fits(key + p)[0]), 0):
        taken.append(nxt)
        key += pieces.pop(nxt)
    stray = [k for k in pieces if k < max(taken, default=0)]
    return taken if taken and budget_title_fits(key)[1] and not stray else []


def _title_end(content: list[Line], i: int) -> int:
    """Where the title cell that starts at ``i`` ends. Its pieces are taken while they go on
    with one of the form's budget titles (labels.py: a piece may be as wide as the column
    lets it, 額等（分担金・拠出); a whole title takes no more pieces); a title the vocabulary
    does not know is its short lines."""
    key = make_key(content[i].text)
    known = budget_title_fits(key)[0]
    j = i + 1
    while j < len(content) and not _TITLE_START.match(make_key(content[j].text)):
        more = key + make_key(content[j].text)
        if not (budget_title_fits(more)[0] if known else _piece(content[j])):
            break
        key = more
        j += 1
    return j


def _piece(line: Line) -> bool:
    """A short line: a piece of a narrow label cell."""
    return len(make_key(line.text)) <= 8 and not is_value(line)


def regroup(lines: list[Line], unknown: bool = False) -> list[Line]:
    """The lines with column-by-column grids set back as rows (blank lines dropped inside).
    ``unknown``: the text's page breaks are unknown (``text_pages.UNKNOWN``)."""
    lines, pieces = _list_label_apart(notes_across_pages(lines, unknown))
    lines = _ratings_after_titles(lines, pieces)
    content = [ln for ln in lines if ln.text.strip()]
    content = _sheet_columns_joined(_bullets_joined(_punctuation_joined(content)))
    return _titles_to_grids(_rows_regrouped(_date_before_heading(content)))


# --- the header's last row (政策評価実施時期 | 令和３年８月) around the first field's heading ---

_DATE_LABEL = "政策評価実施時期"
_LONE_DATE = regex.compile(r"^(?:昭和|平成|令和)(?:元|[0-9]+)年[0-9]{1,2}月$")  # on a key
_LABEL_PIECES = 3  # the label cell wraps over a few lines at most


def _date_before_heading(content: list[Line]) -> list[Line]:
    """The date cell of 政策評価実施時期 printed after the first field's heading (Chromium:
    ``政策評価実 / 施時期 / 個別分野１ … / 令和３年８月``: the default mode reads the label
    column, then the heading, then the date's column) goes back before the heading, after
    its label. Only a line that is a 年月 date alone, right after a heading that follows the
    label's whole text: a field's title is never a bare date."""
    out = list(content)
    for i in range(1, len(out) - 1):
        if not _FIELD.match(make_key(out[i].text)) or not _LONE_DATE.match(
            make_key(out[i + 1].text)
        ):
            continue
        keys = [make_key(ln.text) for ln in out[max(0, i - _LABEL_PIECES) : i]]
        if any("".join(keys[k:]) == _DATE_LABEL for k in range(len(keys))):
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


# --- the list of measures (目標達成度合いの測定結果): a rating printed inside its title ---

_ENTRY = regex.compile(r"^[*＊]?[0-9]+-[0-9]+")  # on a key: ＊２－４ 自由、公正かつ…
_FIELD = regex.compile(r"^個別分野[0-9]+")
_NOTE = regex.compile(r"^[(（]注")
_MAX_WRAP = 3  # a title's lines after its first: a title cell is a few lines at most
_WIDER = 1.25  # a title's next line is no wider than its first (one cell), with a margin


def _ratings_after_titles(lines: list[Line], label: set[int] = frozenset()) -> list[Line]:
    """An entry of the list whose title goes on after its rating (the rating cell beside
    the title's first line: ``２－４ 自由、公正かつ安全なサイバー空間を創出する / ｂ /
    バー外交の推進``, or ``… 採択状 ａ / 況``) becomes one line, its title whole and the
    rating last, as a text that keeps rows prints it. A title's next lines are up to the
    next entry, 個別分野, rating, note or blank line, each no wider than its first; a row
    that crosses a page break goes on at the next page's top. Where the text prints a
    blank line after every line (LibreOffice, Noto Serif: tall lines, ``… / (blank) / ｂ /
    (blank) / 外交の推進``), the blank lines between the title's first line and its lone
    rating are those between its pieces too. The list label's pieces among a title's
    lines (``label``, ids: ``_list_label_apart``) stay before it."""
    out = list(lines)
    i = 0
    while i + 1 < len(out):
        first = out[i]
        head, rating = _rated(first.text)
        gap = 0 if rating else _blanks_after(out, i)  # blank lines between a row's lines
        lone = rating is None and i + 1 + gap < len(out) and _lone_rating(out[i + 1 + gap])
        if not _ENTRY.match(make_key(first.text)) or not (rating or lone) or gap > 1:
            i += 1
            continue
        rating = out[i + 1 + gap].text.strip() if lone else rating
        width = _WIDER * display_width(first.text.strip())
        start = i + 1 + (1 + gap if lone else 0)
        start = start + gap if gap and _blanks_after(out, start - 1) == gap else start
        at, passed = _overleaf(out, start, first.page)
        here = {*label, *(id(out[k]) for k in passed)}  # label pieces the row's lines pass
        pieces = _title_pieces(out, at, gap, width, here)
        if pieces:
            text = _joined_title([head, *(out[k].text for k in pieces)])
            kept = [ln for ln in out[i : pieces[-1] + 1] if id(ln) in here]
            out[i : pieces[-1] + 1] = [*kept, Line(first.no, first.page, f"{text} {rating}")]
            i += len(kept)
        i += 1
    return out


def _blanks_after(lines: list[Line], i: int) -> int:
    """How many blank lines follow line ``i``."""
    j = i + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    return j - i - 1


def _title_pieces(
    lines: list[Line], start: int, gap: int, width: float, label: set[int]
) -> list[int]:
    """The indexes of a title's next lines from ``start``: each followed by ``gap`` blank
    lines before the next (0: one after the other), a few at most; the list label's pieces
    (``label``) before them are passed over; one after them ends them."""
    out: list[int] = []
    j = start
    while j < len(lines) and id(lines[j]) in label:
        j += 1
    while (
        j < len(lines)
        and len(out) < _MAX_WRAP
        and id(lines[j]) not in label  # a label piece after a title's line: its end
        and _title_goes_on(lines[j], width)
    ):
        out.append(j)
        if gap and _blanks_after(lines, j) != gap:
            break
        j += 1 + gap
    return out


_LABEL_PIECE_MIN = 4  # a piece of the list's vertical label cell: a few characters


def _list_label_apart(lines: list[Line]) -> tuple[list[Line], set[int]]:
    """A piece of the list's vertical label (測定指標の平成30・令和元・令和２年度目標の達成状況
    （注２）) that the text glued before an entry, a 個別分野 heading or an entry's next line
    (Chromium, Type 3 fonts: ``和２年度目 ＊１－２ 中長期的・…``, ``令和元・令 シンクタンク
    との連携強化``) is set on a line of its own, before it: the entry starts its line and
    its title goes on without the piece. Also the ids of the pieces set apart."""
    out: list[Line] = []
    pieces: set[int] = set()
    for ln in lines:
        piece, sep, rest = ln.text.strip().partition(" ")
        key = make_key(piece)
        prev = next((p for p in reversed(out) if p.text.strip()), None)
        starts = bool(_ENTRY.match(make_key(rest)) or _FIELD.match(make_key(rest)))
        after_entry = prev is not None and _ENTRY.match(make_key(prev.text)) is not None
        if (
            sep
            and len(key) >= _LABEL_PIECE_MIN
            and set(key) <= _LIST_LABEL_CHARS
            and not year_label(key) is not None
            and not key.startswith(("測定指標", "・"))  # 測定指標 10－１: a heading
            and (starts or after_entry)
        ):
            out += [ln.with_text(piece), ln.with_text(rest)]
            pieces.add(id(out[-2]))
        else:
            out.append(ln)
    return out, pieces


def _overleaf(lines: list[Line], i: int, page: int | None) -> tuple[int, list[int]]:
    """Where a title goes on from line ``i``: past the blank lines that end the page, when
    the row crosses a page break (the title's cell goes on at the next page's top); and the
    indexes of the list label's pieces passed over there. The list's label cell goes on at
    the next page's top too, before the title's rest (令和４年度 edition, LibreOffice,
    IPAMincho narrow: ``…シンクタ`` / ``ａ`` / (page break) / ``３年度目標`` / ``の達成状況`` /
    ``（注２）`` / ``ンクとの連携強化``): its pieces are no part of the title, which goes on
    after them; they stay before it."""
    j = i
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    crosses = j < len(lines) and None not in (page, lines[j].page) and lines[j].page != page
    if not (j > i and crosses):
        return i, []
    top, passed = lines[j].page, []
    while j < len(lines) and lines[j].page == top and _label_piece(lines[j]):
        passed.append(j)
        j += 1 + _blanks_after(lines, j)
    return j, passed


def _label_piece(line: Line) -> bool:
    """A piece of the list's label cell (３年度目標, の達成状況, （注２）)."""
    key = make_key(line.text)
    return bool(key) and set(key) <= _LIST_LABEL_CHARS


_LIST_LABEL_CHARS = frozenset(make_key("測定指標の平成令和元年度目標の達成状況（注）・0123456789"))


def _rated(text: str) -> tuple[str, str | None]:
    """``title ｂ`` → (``title``, ``ｂ``): an entry line with its rating at the end."""
    head, sep, tail = text.rstrip().rpartition(" ")
    if sep and head and len(tail) == 1 and parse_rating(tail) is not None:
        return head, tail
    return text, None


def _joined_title(pieces: list[str]) -> str:
    """A title's lines joined: nothing between Japanese pieces, a space between Latin words
    (``PKO`` / ``and``)."""
    text = pieces[0].rstrip()
    for piece in pieces[1:]:
        piece = piece.strip()
        latin = text[-1:].isascii() and text[-1:].isalnum() and piece[:1].isascii()
        text += (" " if latin and piece[:1].isalnum() else "") + piece
    return text


def _lone_rating(line: Line) -> bool:
    text = line.text.strip()
    return len(text) <= 2 and parse_rating(text) is not None


def _title_goes_on(line: Line, width: float) -> bool:
    key = make_key(line.text)
    if not key or _ENTRY.match(key) or _FIELD.match(key) or _NOTE.match(key):
        return False
    return not _lone_rating(line) and display_width(line.text.strip()) <= width


_NEVER_STARTS = ("、", "。")  # kinsoku keeps these from a line's start (any strictness)
_BODY_LINE = 20  # a line at least this wide (display width) is running text's


def _punctuation_joined(content: list[Line]) -> list[Line]:
    """A line that starts with 、 or 。 goes on the line before it, where the producer keeps
    kinsoku: the default mode ends a line at a gap wider than a space, and Chromium
    justifies a line with one after a bracket (``…閣議決定） / 、シナイ半島国際平``,
    ``「施策の概要」 / 、``), so the two are one printed line, which the paragraph reader must
    see whole (the piece alone reads as a short line, a paragraph's end). A producer that
    breaks lines before 、 (reportlab: a full line, then ``、…``) is left as it is."""
    if _breaks_before_punctuation(content):
        return content
    out: list[Line] = []
    for ln in content:
        if out and ln.text.lstrip(" \u3000").startswith(_NEVER_STARTS):
            prev = out.pop()
            ln = replace(prev, text=prev.text.rstrip() + ln.text.lstrip(), para_end=ln.para_end)
        out.append(ln)
    return out


def _breaks_before_punctuation(content: list[Line]) -> bool:
    """Whether the lines that start with 、 or 。 mostly follow a full line (the text's
    commonest width of running text): the producer sets no kinsoku. (A justified line the
    default mode split follows a piece; one line wider than the rest may too.)"""
    widths = [display_width(ln.text.strip()) for ln in content]
    body = Counter(w for w in widths if w >= _BODY_LINE).most_common(1)
    starts = [
        i
        for i, ln in enumerate(content)
        if i and ln.text.lstrip(" \u3000").startswith(_NEVER_STARTS)
    ]
    if not body or not starts:
        return False
    after_full = sum(1 for i in starts if widths[i - 1] >= body[0][0])
    return after_full > len(starts) / 2


# An amount column's header cell of the 別紙 sheet (３年度当初予算額, ４年度概算要求額), as a key.
_SHEET_COLUMN = regex.compile(r"^(?:昭和|平成|令和)?(?:元|[0-9]+)年度\S*(?:予算|要求)額$")
_CELL_TAIL = 2  # characters a header cell's last line may hold


def _sheet_columns_joined(content: list[Line]) -> list[Line]:
    """A sheet column's header cell wrapped before its last character (``４年度概算要求 /
    額``) is one line: the default mode prints the 合計 row's label below it one character a
    line (``合 / 計``), and ``額 / 合 / 計`` would read as a label printed vertically."""
    out: list[Line] = []
    for ln in content:
        key = make_key(ln.text)
        if out and len(key) <= _CELL_TAIL and _SHEET_COLUMN.match(make_key(out[-1].text) + key):
            prev = out.pop()
            ln = replace(prev, text=prev.text.rstrip() + ln.text.strip(), para_end=ln.para_end)
        out.append(ln)
    return out


_BULLET = "・"  # a list item's mark (関連する内閣の重要政策, 作成にあたって使用した資料)


def _bullets_joined(content: list[Line]) -> list[Line]:
    """A list item's mark alone on its line goes back before the item's text on the next
    (Chromium justifies ``・「我が国の北極政策」…`` with a gap after the mark, where the
    default mode ends the line): a mark holds nothing of its own."""
    out: list[Line] = []
    for ln in content:
        if out and out[-1].text.strip() == _BULLET and make_key(ln.text) != _BULLET:
            mark = out.pop()
            ln = Line(mark.no, mark.page, _BULLET + ln.text.lstrip(), para_end=ln.para_end)
        out.append(ln)
    return out


def _pairs_run(lines: list[Line], i: int) -> int:
    """How many (year, value) line pairs from ``i`` with consecutive years: a one-row grid
    read column by column, each year's header cell followed by its value (0 when fewer
    than 2)."""
    j, n = i, 0
    while j + 1 < len(lines) and (y := _year(lines[j])) is not None and is_value(lines[j + 1]):
        if n and y != _year(lines[j - 2]) + 1:  # type: ignore[operator]
            break
        j, n = j + 2, n + 1
    return n if n >= 2 else 0


_ROW_LABEL = "実績値"  # a 参考指標's row label cell


def _labels_before_pairs(content: list[Line]) -> list[Line]:
    """A one-row grid's label cell printed among its (year, value) pairs (``平成30年度 /
    32 / 実績値 / 令和元年度 / 31 / …``: the label's block falls between two columns) goes
    before the pairs, where the grid's row begins, so the pairs read as one run."""
    out = list(content)
    for k in range(2, len(out) - 2):
        year = _year(out[k - 2])
        if make_key(out[k].text) != _ROW_LABEL or year is None or not is_value(out[k - 1]):
            continue
        if _year(out[k + 1]) != year + 1 or not is_value(out[k + 2]):
            continue
        start, first = k - 2, year
        while start >= 2 and _year(out[start - 2]) == first - 1 and is_value(out[start - 1]):
            start, first = start - 2, first - 1
        out.insert(start, out.pop(k))
    return out


_HEADING_NEAR = 4  # lines from a 参考指標 heading to its grid's first header cell


def _pairs_before_heading(content: list[Line]) -> list[Line]:
    """(year, value) pairs printed after a one-row grid that already has those years and
    before the next 参考指標's heading, whose own pairs end the year before them (Chromium,
    Type 3 fonts: 参考指標１'s 平成29年度 … 令和２年度, then ``令和元年度 / ０回 / 令和２年度 /
    ３回``, then 参考指標２： with 平成29年度 and 平成30年度 only): they are that grid's later
    columns, printed before its heading, and go after its pairs."""
    out = list(content)
    i = 0
    while i < len(out):
        n = _pairs_run(out, i)
        if not n:
            i += 1
            continue
        j = i + 2 * n
        m = _pairs_run(out, j)
        seen = {_year(out[k]) for k in range(i, j, 2)}
        later = [_year(out[k]) for k in range(j, j + 2 * m, 2)]
        h = j + 2 * m
        if (
            not m
            or not set(later) <= seen
            or h >= len(out)
            or not _REF_HEADING.match(make_key(out[h].text))
        ):
            i = j
            continue
        at = _own_pairs_end(out, h, later[0])
        if at is not None:
            out[j:at] = out[h:at] + out[j:h]  # the heading and its pairs, then the columns
        i = j
    return out


_REF_HEADING = regex.compile(r"^参考指標[0-9]*[:：]")


def _own_pairs_end(lines: list[Line], h: int, first: int | None) -> int | None:
    """Where the pairs of the grid under the heading at line ``h`` end (past its 実績値 cell
    right after them), when they start within a few lines of it and their last year is
    the one before ``first``."""
    for k in range(h + 1, min(h + 1 + _HEADING_NEAR, len(lines))):
        j, last = k, None
        while j + 1 < len(lines) and (y := _year(lines[j])) is not None and is_value(lines[j + 1]):
            if last is not None and y != last + 1:
                break
            j, last = j + 2, y
        if last is not None and first is not None and last + 1 == first:
            # the row's label cell printed between two columns stays between them
            return j + 1 if j < len(lines) and make_key(lines[j].text) == _ROW_LABEL else j
        if last is not None:
            return None
    return None


def _rows_regrouped(content: list[Line]) -> list[Line]:
    content = _labels_before_pairs(_pairs_before_heading(content))
    out: list[Line] = []
    i = 0
    while i < len(content):
        pairs = _pairs_run(content, i)
        if pairs:
            cells = content[i : i + 2 * pairs]
            out += [_joined(cells[0::2]), _joined(cells[1::2])]
            i += 2 * pairs
            continue
        n = _years_run(content, i)
        if not n:
            out.append(content[i])
            i += 1
            continue
        head = content[i : i + n]
        if out and make_key(out[-1].text) in _CORNER:
            head = [out.pop(), *head]
        out.append(_joined(head))
        i = _rows(content, i + n, n, out)
    return out


# --- a narrow note column beside a grid, printed a piece a line (pdfplumber, pdfium) ---

# A side cell's first piece: a note or source marker (（注）, （出 of （出典：…）, ※).
_SIDE_MARK = regex.compile(r"^(?:[（(]注[0-9０-９]*[）)]?|[（(]出|※)")
# What the grid beside it starts with: 中期目標値 (a quantitative measure; its first piece
# 中期 before the year cells where the column is very narrow: LibreOffice, Noto Sans CJK JP;
# held-out set 20), 実績値 (参考指標), a row of fiscal years.
_GRID_START = regex.compile(
    r"^(?:中期目|中期(?=(?:平成|令和)(?:元|\d+)年度)|実績値|(?:(?:平成|令和)(?:元|\d+)年度){2})"
)
# A grid line with no piece of the side cell beside it: the header's 中期目標値 or --年度 (the
# mid-term target's year, unset) first, 実績値 alone, a row of fiscal years.
_GRID_ALONE = regex.compile(r"^(?:中期目標値|実績値$|-+年度|(?:(?:平成|令和)(?:元|\d+)年度){2})")
# The characters of a grid header's words but its years (中期目標値, --年度, 年度目標値,
# 実績値, 年度目標の達成状況): a line of two pieces or more made of these only is the
# header's, printed in pieces too (``標値 標値 標値``, ``年度目 実績値 年度目 実績値``).
_HEADER_CHARS = frozenset(make_key("中期目標値－年度実績達成状況の"))
_SERIES_LABEL = regex.compile(r"^[①-⑳㉑-㉟]")  # a grid row's own label, no side piece
# A narrow side cell's line holds at most this share of a full line's characters (the
# grid's first column is a tenth to a sixth of the text width; a proportional font sets
# kana narrow, so a line of it holds more of them: ``（注）令和元年度の実績値か``, 13 of
# 49, LibreOffice IPAPMincho), and never fewer than ``_SIDE_PIECE_MIN``.
_SIDE_SHARE = 0.35
_SIDE_PIECE_MIN = 12
_SIDE_PIECE_MAX = 24  # a note column is never wider than this, whatever the lines are
# A heading ends the side cell (測定指標「… inside a note is no heading: a number follows one).
_SECTION = regex.compile(
    r"^(?:評価結果|施策の分析|測定指標\d|参考指標[\d:]|次期目標|【|作成にあたって)"
)


# A 参考指標 heading printed on the line of a note cell's last piece: the piece ends its
# sentence or bracket, or a space sets the heading apart (pdfium groups the note column's
# last line and the next grid's heading by their height: ``めると 29）。 参考指標５：外交青書
# の…``, Chromium with Noto Sans CJK, held-out set 9; a breaker's trial: no space, no 。, a
# space inside the heading, ``」``).
# And 施策の進捗状況・実績, a heading of a line's own, printed at the end of the line before it
# after a sentence's end and a space (``…信頼醸成を図る｡ 施策の進捗状況・実績``: pdfium, Chromium,
# Noto Sans Mono CJK, 9-3's three years; held-out set 11): the heading to the line's end.
_GLUED_HEADING = regex.compile(
    r"参考指標[ \u3000]*[0-9０-９]+[ \u3000]*[：:]|施策の進捗状況[・･]実績[ \u3000]*$"
)
_PIECE_END = ("。", "）", ")", "」", "』", " ", "\u3000")
# The other label cells of a field's form printed at the end of the line before them, after
# the cell before's last sentence and a space (pdfium, Chromium, IPAPGothic at 11.5 pt,
# held-out set 13: ``…企画立案を強化する。 平成30年度目標``, ``…検討することとなった。
# 平成30・令和元・令和２年度目標の達成状況：ｂ``, ``…日）。 関連する内閣の重要政策（…）``):
# only a whole label to the line's end, and only after a sentence's or bracket's end.
_GLUED_LABEL = regex.compile(
    rf"[。）」』)][ \u3000]+(?P<label>(?:{ERA_NAMES})[ \u3000]*(?:元|[0-9０-９]+)[ \u3000]*年度目標"
    rf"|(?:{ERA_NAMES})[0-9０-９元・･、 \u3000{ERA_NAMES}]*年度目標の達成状況[ \u3000]*[：:]"
    r"[ \u3000]*[a-eａ-ｅA-EＡ-Ｅ－-]?"
    r"|関連する内閣の重要政策[（(][^）)]*[）)]|作成にあたって使用した資料その他の情報"
    r"|施策の概要|施策の分析|次期目標等への反映の方向性)[ \u3000]*$"
)
# The form's longest labels glued to a sentence's end with no space (``…強化に取り組んでまいる。
# 作成にあたって使用した資料その他の情報``: pdfium, Chromium, UmePlus P Gothic, 9.5 pt;
# held-out set 20): no sentence ends in these words. So too the achievement label and its
# rating after a sentence's end (``…紹介した。令和元・令和２・令和３年度目標の達成状況：ａ``,
# the same text: the sentence's last characters were lost with the label's line).
_GLUED_LONG_LABEL = regex.compile(
    r"[。）」』)](?P<label>作成にあたって使用した資料その他の情報|次期目標等への反映の方向性"
    rf"|(?:{ERA_NAMES})[0-9０-９元・･、 \u3000{ERA_NAMES}]*年度目標の達成状況[ \u3000]*[：:]"
    r"[ \u3000]*[a-eａ-ｅA-EＡ-Ｅ－-]?)[ \u3000]*$"
)
# A year's target label glued to a sentence's end with no space (``…貢献を行う。令和元年度
# 目標``: pdfium, Chromium, Komatuna P, big type; held-out set 17): only where the next line
# starts the target's first item, for a sentence may begin with those words and wrap after
# them (``…推進した。令和２年度目標`` / ``についても、…``: a breaker's trial).
_GLUED_TARGET = regex.compile(
    rf"。(?P<label>(?:{ERA_NAMES})[ \u3000]*(?:元|[0-9０-９]+)[ \u3000]*年度目標)[ \u3000]*$"
)
_ITEM_FIRST = regex.compile(r"^[ \u3000]*(?:[0-9０-９]+[ \u3000]|[・･])")
# The form's label of a list cell printed before its content's first item (a bullet) on one
# line, at the line's start or after the sentence before it (``…対外発信を行う。 関連する内閣
# の重要政策（施策方針演説等のうち主なもの） ・国家安全保障戦略(…)``: pdfium, Chromium,
# Komatuna P, big type; held-out set 17; ``作成にあたって使用した資料その他の情報 ・外務省
# ホームページ``: pdfium, Chromium, VL Gothic, extra wide, big type; held-out set 18): the
# label on a line of its own, its content on the next. Only the form's whole label: a
# sentence may name it (``。関連する内閣の重要政策（国家安全保障戦略） に沿った…``).
_GLUED_LABEL_BESIDE = regex.compile(
    r"(?:^|[。）」』)])[ \u3000]*"
    r"(?P<label>関連する内閣の重要政策[（(]施策方針演説等のうち主なもの[）)]"
    r"|作成にあたって使用した資料その他の情報)[ \u3000]*[・･]"
)

# A measure's heading after the achievement label and its rating, to the line's end.
_GLUED_MEASURE = regex.compile(
    r"達成状況[ \u3000]*[：:][ \u3000]*[a-eａ-ｅA-EＡ-Ｅ][ \u3000]+"
    r"(?P<heading>測定指標[0-9０-９]+[－\-][0-9０-９]+[ \u3000].*)$"
)


# A measure's heading glued to the end of the line before it, after a sentence's or bracket's
# end, and its 中期目標 label glued to its own end (pdfium keeps rows on one line when they
# stand close: ``・第 201 回国会外交演説（令和２年１月 20日）測定指標４－１ 国際的なテロ対策
# 協力の強化 ＊ 中期目標（--年度）``, ``測定指標１－１ …との連携強化 ＊ 中期目標（--年度）``:
# Chromium, UmePlus P Gothic, 9.5 pt, 15 mm margins; held-out set 20): heading and label each
# on a line of their own. The heading is cut off the line before only where its 中期目標
# label (``中期目標（…）``, or the grid's ``中期目標値``) or ＊ mark follows: a sentence may
# name a measure after a bracket or a sentence's end (``（注）測定指標２－１ についても``;
# ``…必要がある。測定指標２－５ ARF 関連会合への我が国の出席率の設定は`` / ``中期目標の見直し
# に伴い…``: a breaker's trial).
_GLUED_MEASURE_HEAD = regex.compile(
    r"(?:^|[。）」』)]|達成状況[ \u3000]*[：:][ \u3000]*[a-eａ-ｅA-EＡ-Ｅ])[ \u3000]*"
    r"(?P<heading>測定指標[0-9０-９]+[－\-][0-9０-９]+[ \u3000].*?)"
    r"(?:[ \u3000]+(?P<label>中期目標[ \u3000]*[（(][^）)]*[）)]))?[ \u3000]*$"
)
_MEASURE_FOLLOWS = regex.compile(r"^[ \u3000]*(?:[*＊]|中期目標[ \u3000]*(?:[（(]|値))")
# The 中期目標 label with its content's first line beside it (``中期目標（--年度） 二国間及び
# 多国間での…``: the same pdfium text): a label cell, then a space, then the content.
_MID_TERM_BESIDE = regex.compile(
    r"^[ \u3000]*(?P<label>中期目標[ \u3000]*[（(][^）)]*[）)])[ \u3000]+(?P<content>\S.*)$"
)


def unglue_headings(lines: list[Line]) -> list[Line]:
    """Each 参考指標 heading glued after a note's last piece, and each 施策の進捗状況・実績 or
    other label of a field's form glued after a sentence, on a line of its own."""
    nexts = [ln.text for ln in lines[1:]] + [""]
    return [piece for ln, nxt in zip(lines, nexts, strict=True) for piece in _unglued(ln, nxt)]


def _unglued(ln: Line, nxt: str = "") -> list[Line]:
    """The line cut before each glued heading or label, the last first (a measure's
    heading glued after the achievement label glued after a sentence: ``…締結した。
    令和元・令和２・令和３年度目標の達成状況：ａ 測定指標５－２ 諸外国との…``; pdfium,
    Chromium, IPAPMincho, big type; held-out set 14)."""
    beside = _GLUED_LABEL_BESIDE.search(ln.text)
    if beside is not None:
        head, label, content = _cut(ln.text, beside.start("label"), beside.end("label"))
        return [*_unglued(ln.with_text(head)), ln.with_text(label), ln.with_text(content)]
    if (beside := _MID_TERM_BESIDE.match(ln.text)) is not None:
        return [ln.with_text(beside["label"]), *_unglued(ln.with_text(beside["content"]), nxt)]
    measure = _GLUED_MEASURE_HEAD.search(ln.text) if "測定指標" in ln.text else None
    if measure is not None and (measure["label"] or _MEASURE_FOLLOWS.match(nxt)):
        head = ln.text[: measure.start("heading")].rstrip(" \u3000")
        pieces = [*_unglued(ln.with_text(head))] if head.strip(" \u3000") else []
        pieces.append(ln.with_text(measure["heading"].rstrip(" \u3000")))
        return pieces + ([ln.with_text(measure["label"])] if measure["label"] else [])
    at = _glued_start(ln.text)
    if at is None and _ITEM_FIRST.match(nxt) and (tight := _GLUED_TARGET.search(ln.text)):
        at = tight.start("label")
    if at is None:
        return [ln]
    head, heading = ln.text[:at].rstrip(" \u3000"), ln.text[at:]
    return [*_unglued(ln.with_text(head)), ln.with_text(heading)]


def _glued_start(text: str) -> int | None:
    """Where a heading or label glued to the end of a piece of text starts, if one is."""
    m = next((m for m in _GLUED_HEADING.finditer(text) if _glued_at(text, m.start())), None)
    if m is not None:
        return m.start()
    if (measure := _GLUED_MEASURE.search(text)) is not None:
        return measure.start("heading")
    label = _GLUED_LABEL.search(text) or _GLUED_LONG_LABEL.search(text)
    return label.start("label") if label is not None else None


def _glued_at(text: str, at: int) -> bool:
    """Whether a heading at ``at`` follows a piece of text that ends there."""
    before = text[:at]
    return bool(before.strip(" \u3000")) and before.endswith(_PIECE_END)


def side_notes(lines: list[Line]) -> list[Line]:
    """Set a note column printed beside a grid back before the grid, as the report has it.

    A note or source cell left of a grid (（注）外務省及び… beside 中期目標値 …; （出 / 典：外
    / 務省） beside 実績値 …) is narrower than a line, and an extractor that reads by line
    prints one piece of it at the start of each grid line::

        （注）令和元年度の実績 中期目標値 平成30年度 令和元年度 …
        値から国際会議の場にお --年度 年度 実績 …

    From a line that starts with a marker piece and goes on with the grid's first words, the
    pieces (the first word of each line while the cell is open, or a short line alone) are
    the note's lines and the rest of each line is the grid's."""
    out: list[Line] = []
    limit = _side_piece(lines)
    i = 0
    while i < len(lines):
        split = _side_column(lines, i, limit)
        if split is None:
            out.append(lines[i])
            i += 1
            continue
        notes, grid, i = split
        out += notes + grid
    return out


def _side_piece(lines: list[Line]) -> int:
    """The most characters a side cell's line may hold in this text: ``_SIDE_SHARE`` of a
    full line's (the 90th percentile of the lines' lengths: most lines of a report are
    full lines of running text)."""
    lengths = sorted(len(make_key(ln.text)) for ln in lines if ln.text.strip())
    if not lengths:
        return _SIDE_PIECE_MIN
    full = lengths[(len(lengths) * 9) // 10]
    return min(_SIDE_PIECE_MAX, max(_SIDE_PIECE_MIN, int(_SIDE_SHARE * full)))


_YEAR_IN_TEXT = regex.compile(r"(?:平成|令和)[\s\u3000]*(?:元|[0-9０-９]+)[\s\u3000]*年度")
# A row of years each cut before its 度 (narrow year columns: ``の影響により、実 平成30年
# 令和元年 令和２年 令和３年`` / ``施を見送った。 度 度 度 度``: pdfplumber, Chromium,
# TakaoGothic, big type; held-out set 21): two at least, and nothing else, to the line's end.
_CUT_YEARS = regex.compile(
    r"(?:(?:平成|令和)[\s\u3000]*(?:元|[0-9０-９]+)[\s\u3000]*年(?!度)[\s\u3000]*){2,}$"
)


def _value_cells(text: str) -> list[str]:
    """The cells of a row of values only (``3.7 倍 －（注） 8.0 倍``: a unit printed apart
    rejoins its number), or [] when the text is not such a row of two cells or more."""
    cells: list[str] = []
    for tok in text.split():
        joined = f"{cells[-1]}{tok}" if cells else tok
        dash = is_null_mark(tok)  # a cell of its own, never a unit
        unit = not dash and parse_value(tok).value is None
        if cells and unit and parse_value(joined).value is not None:
            cells[-1] += f" {tok}"  # 3.7 / 倍
        elif dash or parse_value(tok).value is not None:
            cells.append(tok)
        else:
            return []
    return cells if len(cells) >= 2 else []


def _grid_alone(text: str) -> bool:
    """A line of the grid with no piece of the side cell: a row of values, a row labelled
    ① …, the header's words or their pieces."""
    return bool(
        _value_cells(text)
        or _SERIES_LABEL.match(text)
        or _GRID_ALONE.match(make_key(text))
        or _header_pieces(text)
    )


def _header_pieces(text: str) -> bool:
    pieces = text.split()
    return len(pieces) >= 2 and all(set(make_key(p)) <= _HEADER_CHARS for p in pieces)


def _header_words(text: str) -> bool:
    """Whether ``text`` is the grid header's words only, or pieces of them (``--年度 年度目
    実績値 …``, ``標値 標値 標値``): what a line holds right of a note's piece while the
    header goes on (pdfplumber, Chromium, IPAMincho, narrow: held-out set 11's 2-5, whose
    note piece ``合（ISG）、高級`` stood alone beside the header's blank row)."""
    key = make_key(text)
    return bool(key) and (bool(_GRID_ALONE.match(key)) or _header_pieces(text))


def _piece_before_row(text: str, limit: int, years: int = 0) -> tuple[str, str] | None:
    """``piece 平成29年度 …`` or ``piece ４ ４ ４ ４`` (``（注）ISTC 事 32 31 30 32``, ``piece
    3.7 倍 …``): a short piece (no value itself; it may hold a space) before a year row or a
    row of values only. A piece that reads as a value is one where the row after it holds a
    value for each of the grid's ``years`` and the piece one more (``30 年 3.7 倍 －（注）
    8.0 倍 4.0 倍`` under four years: the note's ``平成`` / ``30 年`` / ``度は事…``;
    pdfplumber, LibreOffice, IPAMincho, very narrow columns; held-out set 20)."""
    for m in regex.finditer(r" +", text):
        piece, rest = text[: m.start()], text[m.end() :]
        if len(make_key(piece)) > limit or any(map(_SERIES_LABEL.match, piece.split())):
            break  # ① … starts the grid's row
        cells = _value_cells(rest)
        if cells and (parse_value(piece).value is None or _one_too_many(text, cells, years)):
            return piece, rest
    m = _YEAR_IN_TEXT.search(text) or _CUT_YEARS.search(text)
    piece = text[: m.start()] if m else ""
    if m and piece.endswith((" ", "\u3000")) and len(make_key(piece)) <= limit:
        return piece.strip(), text[m.start() :]  # the first year is no piece's
    return None


def _one_too_many(text: str, cells: list[str], years: int) -> bool:
    """Whether ``cells`` are a value for each of ``years`` and ``text`` holds one more."""
    return years >= 2 and len(cells) == years and len(_value_cells(text)) == years + 1


def _years_of(grid: list[Line]) -> int:
    """How many fiscal years the grid's year row names (0 before it is read)."""
    return max((len(_YEAR_IN_TEXT.findall(ln.text)) for ln in grid), default=0)


def _row_cells(header: str) -> int | None:
    """How many value cells a row of a measure's grid holds, from its header line's years
    (``中期目標 令和元年度 令和２年度 令和３年度 …``): 中期目標値, then a target and an actual
    per year; None when the line names fewer than two years."""
    years = len(_YEAR_IN_TEXT.findall(header))
    return 1 + 2 * years if years >= 2 else None


def _pieces_before_row(text: str, cells: int | None) -> tuple[str, str] | None:
    """The side cell's pieces and the grid's row in a line that holds both, where the row
    is the grid's whole row of ``cells`` values (and its rating): pdfplumber sets the note's
    lines above and below the row on its line, so two pieces stand before it (``に立場を発信
    できる会合（年 10回程 － 100％ … 100% ａ``, 2-5 of Chromium renditions in TakaoMincho
    and IPAMincho; held-out sets 7 and 10), the second ending in what reads as a value. The
    one split that leaves exactly the row, or None."""
    toks = text.split()
    found = []
    for k in range(1, len(toks) - 1):
        rest = toks[k:]
        values = rest[:-1] if parse_rating(rest[-1]) is not None else rest
        if cells is not None and len(_value_cells(" ".join(values))) == cells:
            found.append((" ".join(toks[:k]), " ".join(rest)))
    return found[0] if len(found) == 1 and parse_value(found[0][0]).value is None else None


# A quantitative grid's first header row: 中期目標値 and two fiscal years at least, whole or cut
# before their 度 (平成 30 年 令和元年 …: narrow year columns).
_MID_HEADER = regex.compile(r"^中期目標値(?:(?:平成|令和)(?:元|\d+)年度?){2}")


def _side_head(text: str, limit: int) -> tuple[str, str] | None:
    """A line that starts a side cell: its first piece (a marker first; it may hold a space
    itself, ``（注）平成 30``) and the grid's first words after it. Before a quantitative
    grid's whole first header row (中期目標値 and its years) the piece may be as wide as any
    note column (``_SIDE_PIECE_MAX``), wider than this text's share: the row tells where the
    cell ends (LibreOffice, IPAGothic, a very wide note column: ``（注）外務省及び防衛省主管の
    会期間会 中期目標値 平成 30 年 …``, 18 characters where the share allows 17; held-out
    set 12)."""
    for m in regex.finditer(r"[ \u3000]+", text):
        head, rest = text[: m.start()], text[m.end() :]
        wide = bool(_MID_HEADER.match(make_key(rest)))
        if len(make_key(head)) > (max(limit, _SIDE_PIECE_MAX) if wide else limit):
            return None
        if _SIDE_MARK.match(head) and _GRID_START.match(make_key(rest)):
            return head, rest
    return None


# A number set apart in Japanese text (``成 30 年``, the report's spacing of half-width
# digits) belongs to the words on both sides: one piece when it fits the cell's width.
_SPACED_NUMBER = regex.compile(r"^(\S*[^\x00-\x7f]) ([0-9]+) ([^\x00-\x7f]\S*)(?: |$)")
_PIECE_SLACK = 1.25  # a piece's characters vary in width (proportional fonts, digits)
# A piece of the rating column's header (平成30・令和元・令和２年度目標の達成状況) that
# names a year: ``令和元・``, ``令和２年``, or the year alone (``援グループ会合 令和３`` /
# ``（ISG）、高級事務レ 年度目``: pdfplumber, Chromium, TakaoGothic, very wide label columns,
# big type, the 令和４年度 edition; held-out set 21).
_RATING_HEAD = regex.compile(r"^(?:平成|令和)(?:元|[0-9]+)(?:[・･]|年?$)")


def _first_piece(text: str, width: int) -> tuple[str, str]:
    """The side cell's piece that starts ``text`` (its first word, or ``成 30 年`` as one
    where that fits the cell) and the rest of the line."""
    m = _SPACED_NUMBER.match(text)
    if m and display_width(m[0].strip()) <= _PIECE_SLACK * width:
        return m[0].strip(), text[m.end() :]
    first, _, more = text.partition(" ")
    return first, more


def _whole_piece(text: str, more: str, width: int) -> bool:
    """Whether a line is the side cell's piece alone, though it holds a space: it fits the
    cell's width and what follows its first word is no grid's (``30 年度は`` between
    ``（注）平成 実 績 値`` and the years' row: pdfplumber, Chromium's narrow IPAPGothic),
    nor a piece of the grid's header (``換等を除く。 況``: 況 ends 達成状況; ``管の会期間会合
    （ISM） 令和元・``: the rating header's years, 平成30・ / 令和元・ / 令和２年 / 度目標の,
    pdfplumber, Chromium, IPAPMincho, very wide label columns; held-out set 11)."""
    key = make_key(more)
    grid = _grid_alone(more) or set(key) <= _HEADER_CHARS or bool(_RATING_HEAD.match(key))
    return display_width(text) <= _PIECE_SLACK * width and not grid


def _side_column(
    lines: list[Line], i: int, limit: int
) -> tuple[list[Line], list[Line], int] | None:
    split = _side_head(lines[i].text.strip(), limit)
    if split is None:
        return None
    head, rest = split
    # the cell is as wide as its first piece; its other lines a little wider where they hold
    # narrower characters (``（ISG）、高級事務レベル会合（SOM）、`` under an 18-character head)
    limit = max(limit, int(_PIECE_SLACK * len(make_key(head))))
    notes = [lines[i].with_text(head)]
    grid = [lines[i].with_text(rest)]
    cell = _SideCell(head)
    beside = True  # pieces still stand beside grid lines (none has stood alone yet)
    header = True  # the grid's header still goes on (no row of values read yet)
    j = i + 1
    while j < len(lines):
        text = lines[j].text.strip()
        first, more = _first_piece(text, cell.widest)
        if _SECTION.match(make_key(text)) or not cell.goes_on(text):
            break
        years = _years_of(grid)
        if _grid_alone(text) and not _one_too_many(text, _value_cells(text)[1:], years):
            grid.append(lines[j])  # a row of the grid alone: the cell has no piece here
            piece = ""
        elif split := _pieces_before_row(text, _row_cells(grid[0].text)):
            notes.append(lines[j].with_text(split[0]))
            grid.append(lines[j].with_text(split[1]))
            piece = split[0]
        elif split := _piece_before_row(text, limit, years):
            # A piece beside the year row or a value row (``際問題研 平成29年度 …``, ``数は「総
            # ４ ４ ４ ４``); the piece may hold a space (``30 年度は 平成29年度 …``).
            notes.append(lines[j].with_text(split[0]))
            grid.append(lines[j].with_text(split[1]))
            piece = split[0]
        elif beside and more and _whole_piece(text, more, cell.widest):
            notes.append(lines[j].with_text(text))  # ``30 年度は``: no grid beside it
            piece = text
        elif (beside or (header and _header_words(more))) and more and len(first) <= limit:
            # A piece beside the grid's cells; or, once a piece stood alone (a blank row of
            # the header beside it), beside the header's words, before any row of values.
            notes.append(lines[j].with_text(first))
            grid.append(lines[j].with_text(more))
            piece = first
        elif len(make_key(text)) <= limit:
            notes.append(lines[j].with_text(text))  # a piece below the grid's lines
            beside, piece = False, text
        else:
            grid.append(lines[j])  # a grid line the cell's pieces run past
            piece = ""
        if piece:
            cell.add(piece)
        header = header and not _value_cells(grid[-1].text)
        j += 1
    return (notes, grid, j) if len(notes) >= 2 else None


# A piece this much narrower than the cell's widest is the cell's last line: a wrapped
# cell fills every line but its last (a new note in the same cell starts with its marker).
_LAST_PIECE = 0.5
_OPENING = "（("
_CLOSING = "）)"


class _SideCell:
    """Whether a side cell goes on, from the pieces read so far: it ends with a sentence
    (。), with the bracket that opens it (（出典：…）, not the (公財) of ``（注）(公財)``), or
    with a piece much narrower than the others."""

    def __init__(self, head: str) -> None:
        self.text = self.last = ""
        self.widest = 0
        self.closed = self.short = False
        self.add(head)

    def add(self, piece: str) -> None:
        self.last = piece
        self._measure(piece)
        self.text = piece if _SIDE_MARK.match(piece) else self.text + piece
        self._close()

    def glue(self, piece: str) -> None:
        """``piece`` (、高級事務レ) is the rest of the last piece (（ISG）): Chromium justifies
        a line with a gap after a bracket, and the default mode splits the line there
        (IPAexMincho wide, 2-5's note), so the two are one line of the cell."""
        self.last += piece
        self._measure(self.last)
        self.text += piece
        self._close()

    def _measure(self, line: str) -> None:
        width = display_width(line)
        self.short = width < _LAST_PIECE * self.widest and not _SIDE_MARK.fullmatch(line)
        self.widest = max(self.widest, width)

    def _close(self) -> None:
        ends = self.text.endswith("。") or _bracketed(self.text)
        self.closed = ends and not _SIDE_MARK.fullmatch(self.text)

    def goes_on(self, line: str) -> bool:
        """Whether ``line`` may hold the cell's next piece: the cell is open, or a new note
        starts. A short piece ends the cell unless a Latin word or a number too long for
        that line (``Think`` / ``Tank of``, ``～`` / ``2020」）``) ends it or starts the next,
        or a bracket too long for it starts the next (``会合`` / ``（ISG）、高``: a cell five
        characters wide; LibreOffice, Noto Sans CJK JP; held-out set 20)."""
        if self.closed:
            return bool(_SIDE_MARK.match(line))
        latin = _latin(self.text[-1:]) or _latin(line[:1])
        bracket = line[:1] in _OPENING and not _SIDE_MARK.match(line)
        return not self.short or latin or bracket or bool(_SIDE_MARK.match(line))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _bracketed(text: str) -> bool:
    """Whether ``text`` is one bracket from its first character to its last (（出典：…）)."""
    if not text or text[0] not in _OPENING or text[-1] not in _CLOSING:
        return False
    depth = 0
    for i, char in enumerate(text):
        depth += (char in _OPENING) - (char in _CLOSING)
        if depth == 0:
            return i == len(text) - 1
    return False


def _cut(text: str, start: int, end: int) -> tuple[str, str, str]:
    """``text`` before ``start``, from there to ``end``, and after, without the spaces
    between them."""
    blank = " \u3000"
    return text[:start].rstrip(blank), text[start:end], text[end:].lstrip(blank)


# --- a note cell beside a grid, cut by a page break (pdftotext's default mode) ---

_NOTE_START = regex.compile(r"^[（(]注[0-9０-９]*[）)]")
_GRID_HEAD_CHARS = _HEADER_CHARS | frozenset(make_key("平成令和元・0123456789"))
_OVERLEAF_LINES = 20  # a narrow note's lines on the next page, at most


def notes_across_pages(lines: list[Line], unknown: bool = False) -> list[Line]:
    """A note cell left of a grid (（注）外務省及 / び防衛省主管の …) whose row crosses a page
    break: the default mode prints the note's first pieces, the grid's header cells to the
    page's end, then the note's other pieces at the next page's top. Those go back after
    the first ones (blank lines kept, for the grid readers). Only where the note stops open
    at the page's end (no 。, no short last piece) with nothing but the grid's header words
    (or the rows the grid reader rebuilt from them) after it on that page, and where the
    next page starts with pieces as narrow that end the cell (。 or a short last piece).
    ``unknown``: the page breaks are unknown (no form feeds, no page numbers printed with
    the pages); the pieces are then taken only inside a rebuilt grid (``_inside_grid``)."""
    out = list(lines)
    start = 0
    while True:
        nb = [j for j, ln in enumerate(out) if ln.text.strip()]
        content = [out[j] for j in nb]
        found = next(
            (f for c in range(start, len(content)) if (f := _note_overleaf(content, c, unknown))),
            None,
        )
        if found is None:
            return out
        # the blank lines after the note's first pieces stay between its pieces and the grid
        cut, head, k = nb[found[0] - 1] + 1, nb[found[1]], nb[found[2] - 1] + 1
        out = [*out[:cut], *out[head:k], *out[cut:head], *out[k:]]
        start = found[0]


def _grid_head(line: Line) -> bool:
    key = make_key(line.text)
    return bool(key) and set(key) <= _GRID_HEAD_CHARS


def _between(line: Line, first: Line) -> bool:
    """Whether ``line`` stands between a note's first pieces and its pieces overleaf: one of
    the grid's header cells on the note's page, or a row the grid reader rebuilt from the
    grid's cells (``text_grids``: it carries cells; its value row may come from overleaf,
    as the grid's values follow the note's pieces there). Chromium (IPAexMincho wide and
    IPAMincho) and LibreOffice's 令和４年度 edition (IPAMincho narrow) print 2-5's grid
    whole between the note's two parts, so the grid reader has rebuilt it first."""
    return bool(line.cells) or (line.page == first.page and _grid_head(line))


def _narrow(text: str, cell: _SideCell) -> bool:
    return display_width(text) <= _PIECE_SLACK * cell.widest


def _took(cell: _SideCell, piece: str) -> bool:
    """Whether the note cell takes ``piece`` as its next line (added to it), or as the rest
    of its last line where ``piece`` starts with 、 or 。 (no line of a producer that keeps
    kinsoku does: ``（ISG）`` / ``、高級事務レ``, ``ベル会合（SOM）`` / ``、``) and the two
    fit the cell's width as one (a producer that breaks lines before 、 ends a full one)."""
    if piece.startswith(_NEVER_STARTS) and _narrow(cell.last + piece, cell):
        cell.glue(piece)
        return True
    if not (_narrow(piece, cell) and cell.goes_on(piece)):
        return False
    cell.add(piece)
    return True


def _note_overleaf(lines: list[Line], i: int, unknown: bool) -> tuple[int, int, int] | None:
    """(where the note's first pieces end, where its pieces overleaf start, where they
    end), by index into ``lines``, or None. Where the text's page breaks are unknown
    (``unknown``), the pieces after the grid's cells are taken only when the grid reader
    rebuilt a row of the grid printed after them (``_inside_grid``)."""
    first = lines[i]
    text = first.text.strip()
    if not _NOTE_START.match(text) or len(make_key(text)) > _SIDE_PIECE_MIN or first.page is None:
        return None
    cell = _SideCell(text)
    j = i + 1
    while j < len(lines) and lines[j].page == first.page and not _between(lines[j], first):
        if cell.closed or not _took(cell, lines[j].text.strip()):
            return None
        j += 1
    cut, head = j, j
    while head < len(lines) and _between(lines[head], first):
        head += 1
    if cell.closed or cell.short or head == cut or head == len(lines):
        return None
    if lines[head].page == first.page and not unknown:
        return None
    # Where the pages are inferred from the printed numbers (no form feeds), the number may
    # stand among the header cells: the rest of them then opens the next page.
    while head < len(lines) and _grid_head(lines[head]):
        head += 1
    k = head
    while k < len(lines) and k - head < _OVERLEAF_LINES and lines[k].page == lines[head].page:
        if is_value(lines[k]) or not _took(cell, lines[k].text.strip()):
            return None  # a value (32) is the grid's: the cell ended unseen, left as it is
        k += 1
        if cell.closed or cell.short:
            inside = _inside_grid(lines[cut:head], lines[k - 1])
            return (cut, head, k) if inside or not unknown else None
    return None


def _inside_grid(between: list[Line], last: Line) -> bool:
    """Whether a row the grid reader rebuilt (``between``: the lines between the note's two
    parts) was printed after the note's last piece ``last``: the pieces then stand inside
    the grid's printed lines, between its header cells and its values, where the default
    mode prints the rest of a note column beside the grid (a page break between them, or
    the column printed in two blocks), never another text. Chromium, ``pdftotext
    -nopgbrk`` (no page marks, page numbers not printed with the page): 2-5's note's rest
    stands between the grid's header and its value row (``－ 100％ … ｂ``)."""
    return any(ln.cells and ln.no > last.no for ln in between)

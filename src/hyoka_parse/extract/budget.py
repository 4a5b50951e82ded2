"""Extractor for 施策の予算額・執行額等: one or more budget tables by fiscal year."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from hyoka_parse.diagnostics import LABEL_MISMATCH, UNPARSED_TABLE, Diagnostics, location
from hyoka_parse.extract.grids import has_boxes, place, value_text
from hyoka_parse.layout.model import Cell
from hyoka_parse.layout.text_budget import budget_row
from hyoka_parse.models import BudgetRow, BudgetTable, Policy, Value
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import Block
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell
from hyoka_parse.values import era_years, parse_value
from hyoka_parse.vocab import AMOUNT_CELL, BUDGET_ROWS

_ROW_LABEL = regex.compile(r"(?:当初予算|補正予算|繰越し?等|合計|執行額)\S*")
_UNIT = regex.compile(r"[（(](?P<unit>百万円|千円|億円|円)[）)]")
_HEADER = regex.compile(r"区分")
_SIGN_ONLY = regex.compile(r"^[△▲]$")


@dataclass
class _Draft:
    """A table being read: its title may come before its 区分 row or beside its rows."""

    header: Line
    title: list[str]
    table: BudgetTable
    beside: bool  # the title cell's lines share text lines with the rows
    rows_label: str = ""  # the pieces of 予算の状況(百万円) read before the rows
    off: int = 0  # rows but 当初予算 that stood under other years than they print
    fit: int = 0  # rows but 当初予算 whose amounts stood where they print them


# The label cell over the rows, which carries the unit (as a key).
_ROWS_LABEL = make_key("予算の状況(百万円)")


def _side_piece(draft: _Draft, piece: str) -> None:
    """Text before a row's label: a piece of the label over the rows (予算の / 状況(百 /
    万円): its unit, once whole) or of the title cell beside the rows."""
    key = make_key(piece)
    if not key:
        return
    if len(key) >= 2 and (draft.rows_label + key in _ROWS_LABEL or key in _ROWS_LABEL):
        draft.rows_label += key
        if draft.table.unit is None and (u := _UNIT.search(draft.rows_label)):
            draft.table.unit = u["unit"]
        return
    draft.title.append(piece)


def _header(text: str) -> tuple[str, str] | None:
    """``[title fragment] 区分 平成30年度 …`` → (fragment, the 区分 part)."""
    m = _HEADER.search(text)
    if m and era_years(text[m.end() :]):
        return text[: m.start()].strip(" \u3000"), text[m.start() :]
    return None


# A year whose 度 wrapped overleaf counts (平成 30 年 …: LibreOffice, Noto Serif CJK).
_YEARS_ONLY = regex.compile(r"^(?:(?:平成|令和)(?:元|\d+)年度?){2,}$")


def _years_header(text: str, draft: _Draft | None, pending: list[Line]) -> tuple[str, str] | None:
    """A 区分 row whose 区分 cell the reader set apart (-layout, Chromium: 区分 read into the
    label column's pieces): a line of two fiscal years or more, and nothing else, after a
    title and before any row of a new table. Without it, the table's rows were no table's
    and the next table took its title (held-out set 8: table 2's amounts under table 1)."""
    if not pending or (draft is not None and not draft.table.rows):
        return None
    if not _YEARS_ONLY.match(regex.sub(r"[\s\u3000]", "", text)):
        return None
    return "", "区分 " + text


def _all_amounts(words: list[str]) -> bool:
    """Words that are all a row's cells: amounts, dashes, or a sign printed apart (△ 217)."""
    return bool(words) and all(AMOUNT_CELL.match(w) or _SIGN_ONLY.match(w) for w in words)


def _row_start(text: str) -> int | None:
    """Where a row ``当初予算(a) 2,879 …`` starts in ``text`` (after a title fragment)."""
    for m in _ROW_LABEL.finditer(text):
        values = text[m.end() :].split()
        if _all_amounts(values):
            return m.start()
    return None


def budget(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """Tables split at each 区分 row. A title stands before its 区分 row (one text line per
    cell line), or, where the extractor set the title cell beside the rows, in pieces at
    the start of the rows' lines."""
    pending: list[Line] = []  # lines before a 区分 row: the next table's title
    drafts: list[_Draft] = []
    for ln in _labels_unwrapped(_headers_unwrapped(block.lines)):
        text = ln.text.strip(" \u3000")
        draft = drafts[-1] if drafts else None
        header = _header(text) or _years_header(text, draft, pending)
        start = _row_start(text) if draft else None
        if header:
            fragment, rest = header
            pending = _from_same_title(_without_rows(pending, diag), diag)
            # 区分 alone on a line is the 区分 cell a reader set apart, no piece of the title
            title = [p.text for p in pending if p.text.strip(" \u3000") != "区分"]
            title += [fragment] if fragment else []
            table = BudgetTable(
                title="",
                unit=None,
                fiscal_years=era_years(rest),
                rows=[],
                printed_title="",
                location=location(pending[0] if pending else ln),
            )
            drafts.append(_Draft(ln, title, table, beside=bool(fragment)))
            policy.budget.append(table)
            pending = []
        elif draft and ln.cells and _ROW_LABEL.match(ln.cells[0].text.strip()):
            _add_row(draft, _row_cells(ln.cells, ln, draft, diag), ln, diag)
        elif draft and start is not None:
            _side_piece(draft, text[:start])
            _add_row(draft, _row(text[start:], ln, draft, diag), ln, diag)
            if draft.table.unit is None and (u := _UNIT.search(text[start:])):
                draft.table.unit = u["unit"]
        elif draft and (label := _ROW_LABEL.match(text)) and len(text.split()) > 1:
            # a row whose cells are no amounts keeps its place, empty, said (a gap would
            # renumber the rows after it)
            diag.warn(UNPARSED_TABLE, f"budget row {text[:40]}: cells that are no amounts", ln)
            _add_row(draft, _values(label[0], [], ln, draft.table, diag), ln, diag)
        elif draft and draft.beside and not pending:
            _side_piece(draft, text)
        elif draft and not draft.table.rows and not _row_like(text):
            # 予算の / 状況 / (百万円): the label cell of the rows, which carries the unit.
            if u := _UNIT.search(text):
                draft.table.unit = u["unit"]
        elif draft and _row_like(text):
            diag.warn(UNPARSED_TABLE, f"budget table: could not read the line {text[:40]}", ln)
            if _WHOLE_ROW_LABEL.fullmatch(text.strip(" \u3000")):
                # a row label alone, its amounts unread: the row keeps its place, values
                # null (a gap would move every row after it up one)
                row = _values(_UNIT.sub("", text.strip()), [], ln, draft.table, diag)
                _add_row(draft, row, ln, diag)
        else:
            pending.append(ln)
    _finish(drafts, policy, diag)
    if pending:
        diag.unplaced(pending, "施策の予算額・執行額等")


def _finish(drafts: list[_Draft], policy: Policy, diag: Diagnostics) -> None:
    """The tables read, checked against each other and the form, and titled."""
    _lost_first(drafts, policy, diag)
    _years_agree(drafts, diag)
    _year_lost(drafts, diag)
    for draft in drafts:
        _form_order(draft.table)
        _form_rows_kept(draft, diag)
    for draft in drafts:
        _set_title(draft, policy, diag)


def _add_row(draft: _Draft, row: BudgetRow, line: Line, diag: Diagnostics) -> None:
    """Add ``row`` to the table, unless the table has a row of that label already: each row
    stands once in a table, so a second 当初予算 belongs to a table whose 区分 row was not
    read (the 同 table's, its header cut by a page break: LibreOffice, Noto Serif CJK, -layout;
    held-out set 9), and its amounts would be read under the wrong table. Left out, said."""
    label = make_key(row.label)
    if any(make_key(r.label) == label for r in draft.table.rows):
        diag.warn(
            UNPARSED_TABLE,
            f"budget row {row.label} stands twice in one table: a table's 区分 row was not "
            "read; values left out",
            line,
        )
        return
    draft.table.rows.append(row)


# A row's whole label, its letter or unit in brackets: 補正予算(b), 執行額(百万円); not
# a piece of a title wrapped in a narrow cell (執行額等（分担).
_WHOLE_ROW_LABEL = regex.compile(
    r"^(?:(?:当初予算|補正予算|繰越し?等|合計)[(（][a-zａ-ｚ+＋]+[)）]|執行額(?:[(（][^)）]*[)）]|$))"
)


def _row_like(text: str) -> bool:
    """A line of row labels or of amounts: what is left of rows whose cells came apart."""
    return _all_amounts(text.split()) or bool(_WHOLE_ROW_LABEL.match(text.strip(" \u3000")))


_SAME_TITLE = regex.compile(r"^同[（(]")


def _from_same_title(pending: list[Line], diag: Diagnostics) -> list[Line]:
    """The title lines of a table from its 同（…） line on: lines before it are what is left
    of a table whose 区分 row was not read (its title, pieces of its header), no piece of
    this title; said as unplaced. Kept in the title, they named the 同 table's amounts
    施策の予算額・執行額等（分担金・拠出金除く）…, table 1's title (a breaker's trial)."""
    at = max((k for k, ln in enumerate(pending) if _SAME_TITLE.match(ln.key or ln.text)), default=0)
    if at:
        diag.unplaced(pending[:at], "施策の予算額・執行額等")
    return pending[at:]


def _without_rows(pending: list[Line], diag: Diagnostics) -> list[Line]:
    """The lines before a 区分 row that can be its title: rows left over from the table
    above are no title; they are said, so the rows they held are not lost in silence."""
    for ln in pending:
        if _row_like(ln.text):
            diag.warn(UNPARSED_TABLE, f"budget table: could not read the line {ln.text[:40]}", ln)
    return [ln for ln in pending if not _row_like(ln.text)]


# The rest of a 区分 row that wrapped: year labels or pieces of one (度, 令和元年度 令和２年度).
_YEAR_PIECES = regex.compile(r"^(?:(?:平成|令和)(?:元|\d+)(?:年度?)?|年度|年|度)+$")


def _headers_unwrapped(lines: list[Line]) -> list[Line]:
    """A 区分 row whose year cells wrapped over lines (``区分 平成 30 年`` / ``度`` /
    ``令和元年度 令和２年度 令和３年度``), as one line: matched over a window of lines."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ln.cells is None
            and prev.cells is None
            and _HEADER.search(prev.text)
            and _YEAR_PIECES.match(ln.key or regex.sub(r"\s", "", ln.text))
        ):
            text = _years_completed(prev.text, ln.text)
            if text is None:
                glue = "" if regex.search(r"年$", prev.text.rstrip()) else " "
                text = prev.text.rstrip() + glue + ln.text.strip()
            out[-1] = Line(prev.no, prev.page, text, "")
            continue
        out.append(ln)
    return out


# A year cell cut where its column wrapped: the era and number, with or without its 年.
_CUT_YEAR = regex.compile(r"^(?:平成|令和)(?:元|\d+)年?$")


def _years_completed(header: str, wrapped: str) -> str | None:
    """The 区分 row with each year cell that its column cut (``平成30`` / ``令和元``, or
    ``平成30年``) finished by the wrapped line's pieces in order (``年度 年度``, ``度 度 度``:
    pdfplumber, Chromium, a proportional Mincho, very wide label columns; held-out set 11,
    where ``平成30 令和元 令和２年度 令和３年度`` read as two years only); None unless every
    piece finishes one cut cell and every cut cell gets one."""
    words, pieces = header.split(), wrapped.split()
    cut = [n for n, w in enumerate(words) if _CUT_YEAR.match(w)]
    if not pieces or len(cut) != len(pieces):
        return None
    for n, piece in zip(cut, pieces, strict=True):
        if piece != ("度" if words[n].endswith("年") else "年度"):
            return None
        words[n] += piece
    return " ".join(words)


# The most lines a row label wraps over in its narrow cell (合計(a＋b＋ / c)).
_LABEL_PIECES = 3


def _labels_unwrapped(lines: list[Line]) -> list[Line]:
    """A row whose label wrapped in its cell (``合計(a＋b＋`` / ``c)`` / ``2,879 2,970
    3,055``: Chromium, IPAGothic, a wide label column, ``-raw``; held-out set 9), as one
    line ``合計(a＋b＋c) 2,879 2,970 3,055``. Left out of it, the label's first piece was
    read into the next table's title and the row was lost."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        joined = _wrapped_label(lines, i)
        if joined is None:
            out.append(lines[i])
            i += 1
            continue
        line, i = joined
        out.append(line)
    return out


def _wrapped_label(lines: list[Line], i: int) -> tuple[Line, int] | None:
    """The row that starts at ``lines[i]`` with a piece of a row label (its amounts on the
    same line, on the line of the label's last piece, or on the line after it; blank lines
    between them skipped), and the index after it; None when the pieces make no whole row
    label."""
    ln = lines[i]
    label, _, rest = ln.text.strip(" \u3000").partition(" ")
    if ln.cells is not None or not _ROW_LABEL.match(label) or _WHOLE_ROW_LABEL.fullmatch(label):
        return None
    if rest and not _all_amounts(rest.split()):
        return None
    j: int | None = i + 1
    while not _WHOLE_ROW_LABEL.fullmatch(label):
        j = _next_text(lines, j, i + 2 * _LABEL_PIECES)
        if j is None:
            return None
        piece, _, more = lines[j].text.strip(" \u3000").partition(" ")
        if _all_amounts([piece]) or (more and (rest or not _all_amounts(more.split()))):
            return None
        label, rest, j = label + piece, rest or more, j + 1
    after = _next_text(lines, j, j + 2)
    if not rest and after is not None and _all_amounts(lines[after].text.split()):
        rest, j = lines[after].text.strip(" \u3000"), after + 1
    return Line(ln.no, ln.page, f"{label} {rest}".rstrip(), ""), j


def _next_text(lines: list[Line], j: int | None, last: int) -> int | None:
    """The index of the first line from ``j`` up to ``last`` that holds text and no cells
    (blank lines skipped), or None."""
    while j is not None and j < len(lines) and j <= last and not lines[j].text.strip():
        j += 1
    if j is None or j >= len(lines) or j > last or lines[j].cells is not None:
        return None
    return j


def _lost_first(drafts: list[_Draft], policy: Policy, diag: Diagnostics) -> None:
    """Keep the tables' places when the first table the text gives is a 同（…） table and
    no table titled in full follows it: 同 repeats a table before it, which the extractor
    lost (``pdftotext -fixed 10`` of a Chromium print runs its amounts together). An empty
    table, said as unparsed, stands in the lost one's place, so that the 同 table is not
    read as the first (the report's 施策の予算額・執行額等（分担金・拠出金除く）). Tables in
    the other order (a table titled in full after the 同 table) are kept as they come."""
    if not drafts or policy.budget[0] is not drafts[0].table:
        return
    titles = [join_cell(d.title) for d in drafts]
    if not titles[0].startswith("同") or not all(t.startswith("同") for t in titles):
        return
    at = drafts[0].table.location
    policy.budget.insert(
        0, BudgetTable(title="", unit=None, fiscal_years=[], rows=[], printed_title="", location=at)
    )
    diag.warn(
        UNPARSED_TABLE,
        f"budget table 1 is lost: the first table given is 「{titles[0]}」, whose 同 repeats a "
        "table before it; an empty table 1 keeps the tables' places",
        drafts[0].header,
    )


def _form_order(table: BudgetTable) -> None:
    """The table's rows in the form's order, where every row is one of the form's: a text
    read column by column may give a row's label and amounts after a later row's (Chromium,
    Noto Serif CJK, default mode: 執行額 before 合計; held-out set 10), and a row's place is
    how a reader of the tables finds it. Rows of other labels keep the order read."""
    rank = [_form_rank(r.label) for r in table.rows]
    if -1 not in rank and len(set(rank)) == len(rank):
        table.rows = [row for _, row in sorted(zip(rank, table.rows, strict=True))]


def _form_rank(label: str) -> int:
    row = budget_row(label)
    return -1 if row is None else row


def _form_rows_kept(draft: _Draft, diag: Diagnostics) -> None:
    """A row of the form the text lost (its label printed among another table's cells)
    keeps its place, empty, said: a reader of the tables finds a row by its place in the
    form, and 執行額 must not stand where 合計 does (pdftotext default mode, LibreOffice,
    Noto Sans Mono CJK HK, extra-wide label column; held-out set 15). Only where the rows
    read are three or more of the form's, each once, in its order."""
    table = draft.table
    rank = [_form_rank(r.label) for r in table.rows]
    if len(rank) < 3 or -1 in rank or rank != sorted(set(rank)):
        return
    n = len(table.fiscal_years)
    for k, label in enumerate(BUDGET_ROWS):
        if k in rank:
            continue
        row = BudgetRow(label=label, values=[Value(raw="", value=None) for _ in range(n)])
        table.rows.insert(k, row)
        diag.warn(
            UNPARSED_TABLE,
            f"budget row {label} not found; its place kept, its values left empty",
            draft.header,
        )


def _years_agree(drafts: list[_Draft], diag: Diagnostics) -> None:
    """Every budget table of a report has the same fiscal years (同（分担金・拠出金）
    repeats its columns). A table whose header gives other years lost a year's cell to the
    extractor (pdftotext's default mode, Noto Serif CJK: 平成30年度 read elsewhere, so
    ``－ － 85,077`` stood under 令和元・２・３年度, one year late; held-out set 9): which
    year each amount belongs to is unknown, so none is kept, said at its header. A header
    loses cells, it never gains one: the tables with the most years are right where they
    agree (a breaker's trial lost table 1's first year: table 1 is the one left out);
    where tables with as many years disagree, none is."""
    years = [tuple(d.table.fiscal_years) for d in drafts if d.table.fiscal_years]
    most = max(map(len, years), default=0)
    full = {y for y in years if len(y) == most}
    right = next(iter(full)) if len(full) == 1 else None
    for draft in drafts:
        table = draft.table
        if not table.fiscal_years or tuple(table.fiscal_years) == right or not table.rows:
            continue
        diag.warn(
            UNPARSED_TABLE,
            f"budget table 「{join_cell(draft.title)[:30]}」: fiscal years {table.fiscal_years} "
            f"are not the other tables' ({', '.join(map(str, sorted(full)))}); a year's header "
            "cell was lost, amounts left out",
            draft.header,
        )
        for row in table.rows:
            row.values = [Value(raw="", value=None) for _ in row.values]


def _year_lost(drafts: list[_Draft], diag: Diagnostics) -> None:
    """A table whose rows but 当初予算 all stood under other years than they print lost a
    year's header cell, and so 当初予算 may stand a year off too, whose every year is
    printed (pdftotext's default mode, LibreOffice, Noto Serif CJK TC: 同（分担金・拠出金）'s
    ``－ － 85,077`` under 令和元・２・３年度, 85,077 a year late, its other rows out of
    shape; held-out set 13, a breaker's trial). Every amount of it is left out, said. One
    row off among rows that fit is that row's own fault (``pdftotext -fixed 3``: 補正予算
    a column right), left out alone."""
    for draft in drafts:
        amounts = any(v.raw for r in draft.table.rows for v in r.values)
        if not draft.off or draft.fit or not amounts:
            continue
        diag.warn(
            UNPARSED_TABLE,
            f"budget table 「{join_cell(draft.title)[:30]}」: rows stand under other years "
            "than they print, so a year's header cell was lost; every amount left out",
            draft.header,
        )
        for row in draft.table.rows:
            row.values = [Value(raw="", value=None) for _ in row.values]


def _set_title(draft: _Draft, policy: Policy, diag: Diagnostics) -> None:
    table = draft.table
    printed = join_cell(draft.title)
    table.printed_title = table.title = printed
    first = policy.budget[0]
    if not first.printed_title:  # a lost table's place (_lost_first): 同 names no title
        return
    if printed.startswith("同") and table is not first:
        # 同（分担金・拠出金）: 同 repeats the first table's title without its bracket.
        base = regex.split(r"[（(]", first.title, maxsplit=1)[0]
        table.title = base + printed[1:]
    elif printed.startswith("同"):
        diag.warn(
            LABEL_MISMATCH,
            f"budget table 「{printed}」 comes first, so its 同 repeats nothing; "
            "title kept as printed",
            draft.header,
        )


def _row_cells(cells: list[Cell], line: Line, draft: _Draft, diag: Diagnostics) -> BudgetRow:
    """A grid row the reader gave: a label cell, then the amounts. With boxes, each amount
    goes to the year whose header cell stands above it; without, one cell per year. A row
    with fewer cells than it always prints keeps no amount (see :func:`_too_few`)."""
    row = _boxed_row(cells, line, draft, diag)
    return _in_shape(row, [c.text for c in cells[1:]], draft, line, diag)


def _in_shape(
    row: BudgetRow, cells: list[str], draft: _Draft, line: Line, diag: Diagnostics
) -> BudgetRow:
    """The row, its amounts left out (said) where it holds fewer than it always prints
    (:func:`_too_few`) or stands under other years than it prints (:func:`_out_of_shape`).
    Counts the table's rows but 当初予算 that stand off and that fit (``_year_lost``)."""
    later = not row.label.startswith("当初予算")
    if _too_few(row.label, cells, len(draft.table.fiscal_years), line, diag):
        # every cell out, dashes too: a cell lost before a dash moves it a year early
        # (``1,000 － 220`` losing its 1,000: ``－ 220``, the dash under 2018; a breaker's
        # trial on held-out set 14)
        row.values = [Value(raw="", value=None) for _ in row.values]
    elif _out_of_shape(row):
        draft.off += later
        diag.warn(
            UNPARSED_TABLE,
            f"budget row {row.label}: its cells stand under other years than the row prints "
            "(an empty year before the last, or an amount under the year evaluated: a year's "
            "header cell lost); values left out",
            line,
        )
        row.values = [Value(raw="", value=None) for _ in row.values]
    elif any(v.raw for v in row.values):
        draft.fit += later
    return row


def _out_of_shape(row: BudgetRow) -> bool:
    """Whether a row placed by column breaks the form (:func:`_least_cells`): every year
    but the last printed (当初予算: every year), the last empty. A row set under the wrong
    columns breaks it (``pdftotext -fixed 3``: 補正予算's 0 0 220 under 令和元〜３年度)."""
    printed = [bool(v.raw.strip()) for v in row.values]
    least = _least_cells(row.label, len(printed))
    return any(printed) and not (all(printed[:least]) and not any(printed[least:]))


def _boxed_row(cells: list[Cell], line: Line, draft: _Draft, diag: Diagnostics) -> BudgetRow:
    table = draft.table
    label = _UNIT.sub("", cells[0].text.strip())
    if table.unit is None and (u := _UNIT.search(cells[0].text)):
        table.unit = u["unit"]
    years = [c for c in draft.header.cells or [] if era_years(c.text)]
    if not (has_boxes(cells) and has_boxes(years) and len(years) == len(table.fiscal_years)):
        return _values(label, [c.text.strip() for c in cells[1:]], line, table, diag)
    placed = place(years, cells)
    if placed is None or placed.right:
        diag.warn(
            UNPARSED_TABLE,
            f"budget row {label}: its cells do not stand under the fiscal years; values left out",
            line,
        )
        return BudgetRow(label=label, values=[Value(raw="", value=None) for _ in years])
    label = _UNIT.sub("", placed.label or label)
    values = [parse_value(value_text(c).strip()) for c in placed.under]
    return BudgetRow(label=label, values=values)


def _row(text: str, line: Line, draft: _Draft, diag: Diagnostics) -> BudgetRow:
    # cells apart by spaces, ideographic ones too (str.split: a text padded with U+3000)
    printed, rest = [*text.split(maxsplit=1), ""][:2]
    cells: list[str] = []
    for tok in rest.split():
        if cells and _SIGN_ONLY.match(cells[-1]):
            cells[-1] += tok
        else:
            cells.append(tok)
    # A row read as text is held to the form's shape as a row read by column is: with one
    # year's header cell lost (``平成 3O 年度``, ``令和元`` without 年度: a breaker's trial),
    # 補正予算's 0 0 220 fit the three years left and stood a year late.
    row = _values(_UNIT.sub("", printed), cells, line, draft.table, diag)
    return _in_shape(row, cells, draft, line, diag)


def _too_few(label: str, cells: list[str], years: int, line: Line, diag: Diagnostics) -> bool:
    """Whether a row holds fewer amounts than it always prints (said at its line): a dash
    or an amount was lost, and which year each of the rest belongs to is unknown."""
    filled = sum(1 for c in cells if c.strip())
    if not filled or filled >= _least_cells(label, years):
        return False
    diag.warn(
        UNPARSED_TABLE,
        f"budget row {label} has {filled} values for {years} fiscal years, fewer than the row "
        "always prints (a dash or an amount was lost); values left out",
        line,
    )
    return True


def _least_cells(label: str, years: int) -> int:
    """How many cells a row prints at least: 当初予算 one for every year, the others every
    year but the last (補正予算, 執行額 … of the year being evaluated are not known yet);
    an earlier year without a budget prints a dash (－), never an empty cell (the report's
    別紙 and 施策の予算額 tables)."""
    return years if label.startswith("当初予算") else years - 1


def _values(
    label: str, cells: list[str], line: Line, table: BudgetTable, diag: Diagnostics
) -> BudgetRow:
    n = len(table.fiscal_years)
    if len(cells) > n:
        diag.warn(
            UNPARSED_TABLE,
            f"budget row {label} has {len(cells)} values for {n} fiscal years; values left out",
            line,
        )
        cells = []  # which cell belongs to which year is unknown: none is placed
    values = [parse_value(c) for c in cells]
    # Text loses empty cells; the report leaves only the later years empty.
    values += [Value(raw="", value=None) for _ in range(n - len(values))]
    return BudgetRow(label=label, values=values)

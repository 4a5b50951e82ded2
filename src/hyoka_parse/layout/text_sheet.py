"""The 別紙 budget sheet (政策評価調書（個別票）【政策ごとの予算額】) in column-by-column text,
rebuilt by its known shape.

The sheet is a form: 政策名 / 番号 / 評価方式 / 政策目標の達成度合い, then one row per budget
item (会計, 組織／勘定, 項, 事項, one amount per year column) and the totals (小計, 合計).
pdftotext's default mode prints it a cell a line, its columns in runs (every 会計 and 組織,
then every 項 with its 事項's pieces, then every amount) or row after row::

    一般 / 外務本省 / 一般 / 外務本省 / … / 分野別外交費 / 経済協力に係る… / …経費 / … /
    29,452,910 / 32,323,711 / 4,753,731 / … / 88,453,697 / ＜ ＞ の内数 / … / 92,146,030

The items are zipped back by order when there are as many 会計/組織 pairs as 項 cells and
two amounts per item (事項 printed away from their 項, as Chromium's PDF has them, go to
the items printed without one, in order). Which amount is whose is read from the totals:
the amounts are taken row by row or column by column, and only the reading whose column
sums are printed as the sheet's totals is used (where both or neither are, nothing is
placed). The result is the sheet as an extractor that keeps rows prints it (``政策名 …
番号 ⑦``, ``一般 外務本省 分野別外交費 事項… 29,452,910 32,323,711``, ``合計 88,453,697
92,146,030``), which ``extract.budget_sheet`` reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.normalize import make_key
from hyoka_parse.text import join_cell
from hyoka_parse.values import parse_value
from hyoka_parse.vocab import ACHIEVEMENTS

__all__ = [
    "Sheet",
    "amounts_by_item",
    "find_sheet",
    "form_cells",
    "read_sheet",
    "sheet_lines",
    "sheet_tail",
]

_TITLE = "【政策ごとの予算額】"
# An item's 会計 cell; 一般会計 / 特別会計 alone are the totals' side labels.
_ACCOUNT = regex.compile(r"^(?:一般|特別|(?!一般会計$|特別会計$)\S+会計)$")
# A 項 (分野別外交費); a 事項's last piece (対する取組に必要な経費: ~な経費) is none.
_KOU = regex.compile(r"^(?!\S*な経費$)\S{2,10}費$")
_AMOUNT = regex.compile(r"^[△▲]?[0-9][0-9,]*$")
_NUMBER = regex.compile(r"^[①-⑳㉑-㉟]$")
_COLUMN = regex.compile(r"^\S*[0-9元]年度\S*(?:予算額|要求額)$")
_UNIT = regex.compile(r"^[（(](?:千円|百万円|円)[）)]$")


@dataclass
class Sheet:
    """What the page shows of the sheet, cell by cell, in the text's order."""

    title: Line
    name: str | None = None
    number: str | None = None
    method: str | None = None
    achievement: str | None = None
    unit: str | None = None
    columns: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (会計, 組織／勘定)
    items: list[tuple[str, list[str]]] = field(default_factory=list)  # (項, 事項's pieces)
    amounts: list[str] = field(default_factory=list)
    lines_of: dict[str, set[int]] = field(default_factory=dict)  # part → ids of its lines

    def take(self, part: str, *lines: Line) -> None:
        self.lines_of.setdefault(part, set()).update(id(ln) for ln in lines)


def find_sheet(lines: list[Line], i: int) -> tuple[int, int] | None:
    """The lines ``[start, end)`` of the page whose line ``i`` is the sheet's title."""
    if make_key(lines[i].text) != _TITLE or lines[i].page is None:
        return None
    page = lines[i].page
    start, end = i, i
    while start > 0 and lines[start - 1].page == page:
        start -= 1
    while end < len(lines) and lines[end].page == page:
        if end > i and make_key(lines[end].text).startswith("施策"):
            break  # the report's first page, where a producer sets it on the sheet's page
        end += 1
    return start, end


def _next(lines: list[Line], i: int) -> int | None:
    return next((k for k in range(i + 1, len(lines)) if lines[k].text.strip()), None)


def read_sheet(lines: list[Line], title: Line, elsewhere: Sequence[Line] = ()) -> Sheet:
    """The sheet's cells from the lines of its page (``find_sheet``); the sheet's number
    (⑦) and 達成度合い may also stand alone among the lines ``elsewhere`` on its page."""
    sheet = Sheet(title)
    numbers = [ln for ln in [*lines, *elsewhere] if _NUMBER.match(ln.text.strip())]
    if len(numbers) == 1:
        sheet.number = numbers[0].text.strip()
        sheet.take("name", numbers[0])
    _form_pieces(lines, sheet)
    i = 0
    while i < len(lines):
        i = _read_cell(lines, i, sheet)
    _column_runs(lines, sheet)
    _jikou_after_kou_run(sheet)
    _apart_jikou(lines, sheet)
    found = [ln for ln in elsewhere if make_key(ln.text) in ACHIEVEMENTS]
    if sheet.achievement is None and len(found) == 1:
        sheet.achievement = found[0].text.strip()
        sheet.take("method", found[0])
    return sheet


_TAIL_WIDTH = 24  # a cell of the sheet is short; the report's running text is wider


def sheet_tail(lines: list[Line], end: int) -> list[Line]:
    """The lines from ``end`` (the report's 施策 line, ``find_sheet``) on the sheet's page up
    to the first line of running text or a budget table: where the default mode reads the
    page's label columns first (Chromium, Type 3 fonts), the sheet's 項, 事項 and amounts
    come after the report's first label cells, mixed with them."""
    page = lines[end - 1].page if 0 < end <= len(lines) else None
    out: list[Line] = []
    for ln in lines[end:]:
        key = make_key(ln.text)
        if ln.page != page or len(key) > _TAIL_WIDTH or key.startswith("区分"):
            break
        out.append(ln)
    return out


# The sheet's own form cells (labels, the totals' side labels, empty 内数 cells): in a
# sheet's tail (``sheet_tail``) they are the sheet's, not the report's.
_SHEET_FORM = regex.compile(
    r"^(?:項|予算科目|番号|政策目標の達成|度合い|事項|一般会計|特別会計|予算額|他に記載のある"
    r"|個別票の番号|<>の内数)$"
)


def form_cells(lines: list[Line]) -> list[Line]:
    """The lines of ``lines`` that are the sheet's own form cells (``_SHEET_FORM``)."""
    return [ln for ln in lines if _SHEET_FORM.match(make_key(ln.text))]


def _column_runs(lines: list[Line], sheet: Sheet) -> None:
    """The 会計 and 組織／勘定 columns printed each as a run (Chromium, Type 3 fonts: ``一般``
    four times, ``小 計``, ``外務本省`` three times, ``在外公館``): when no pair was read, a
    run of 会計 cells then, past the form's cells, as many 組織 cells are zipped."""
    if sheet.accounts:
        return
    content = [ln for ln in lines if ln.text.strip()]
    k = 0
    while k < len(content):
        n = 0
        while k + n < len(content) and _ACCOUNT.match(make_key(content[k + n].text)):
            n += 1
        j = k + n
        while n and j < len(content) and _FORM_END.match(make_key(content[j].text)):
            j += 1
        orgs = content[j : j + n]
        if n >= 2 and len(orgs) == n and all(_is_org(o) for o in orgs):
            accounts = content[k : k + n]
            pairs = zip(accounts, orgs, strict=True)
            sheet.accounts = [(a.text.strip(), o.text.strip()) for a, o in pairs]
            sheet.take("items", *accounts, *orgs)
            return
        k += max(n, 1)


# The form's row-group label cells, which wrap into pieces printed among the items' cells.
_FORM_CELLS = (
    "政策評価の対象となっているもの",
    "政策評価の対象となっていないが、ある政策に属すると整理できるもの",
)
_FORM_NEAR = 12  # lines (not blank) after a form cell's piece within which its next piece stands


def _form_pieces(lines: list[Line], sheet: Sheet) -> None:
    """The pieces of the form's label cells (``_FORM_CELLS``), taken as the form's so no
    事項 reads them: a line that starts such a cell, then each next line near it that
    goes on with the cell's text, until it is whole (LibreOffice, Noto Serif: 政策評価の対象
    / 一般 / 外務本省 / 事項 / 分野別外交費 / 経済協力に係る… / となっているも / の)."""
    for i, ln in enumerate(lines):
        key = make_key(ln.text)
        rest = next((c[len(key) :] for c in _FORM_CELLS if len(key) > 3 and c.startswith(key)), "")
        pieces = [ln]
        near = [n for n in lines[i + 1 :] if n.text.strip()][:_FORM_NEAR]
        for n in near:
            piece = make_key(n.text)
            if rest and rest.startswith(piece):
                pieces.append(n)
                rest = rest[len(piece) :]
        if len(pieces) > 1:
            sheet.take("form", *pieces)


def _apart_jikou(lines: list[Line], sheet: Sheet) -> None:
    """事項 cells printed away from their 項 (Chromium: the first items' 事項 before every
    会計, ``経済協力に係る… / …に必要な経費 / エネルギー対策に… / …に必要な経費``) go to the
    items printed without one, in order: the 事項 column is read top to bottom like every
    other. An item whose 事項 stops before its 経費 goes on in such a block likewise
    (LibreOffice, Noto Serif: ``…平和と安定に`` before the amounts, ``対する取組に必要な経費``
    after them). Only when every such block is whole 事項s and there are as many as items
    without a whole one; otherwise those items keep theirs and the sheet's rows are not
    read (``amounts_by_item`` wants every 事項 whole)."""
    bare = [k for k, (_, pieces) in enumerate(sheet.items) if not "".join(pieces).endswith("費")]
    if not bare:
        return
    taken = set().union(*sheet.lines_of.values()) if sheet.lines_of else set()
    found: list[list[Line]] = []
    block: list[Line] = []
    for ln in [*lines, Line(0, None, "")]:
        key = make_key(ln.text)
        form = _FORM_LABEL.match(key) or _FORM_END.match(key)
        if key and id(ln) not in taken and not form:
            block.append(ln)
            continue
        found += _whole_jikou(block)
        block = []
    if len(found) != len(bare) or _before_items(lines, sheet, bare, found):
        return
    for k, pieces in zip(bare, found, strict=True):
        sheet.items[k] = (sheet.items[k][0], sheet.items[k][1] + [p.text for p in pieces])
        sheet.take("items", *pieces)


def _before_items(
    lines: list[Line], sheet: Sheet, bare: list[int], found: list[list[Line]]
) -> bool:
    """Whether a 事項 block printed before the first item's 項 would go to a later item: the
    column is read top to bottom, so such a block is the first items' (Chromium: their
    事項 before every 会計); given to a later one, the text printed each 事項 before its 項
    (``経済協力…経費 / 分野別外交費 / エネルギー…経費 / 分野別外交費 …``: Chromium,
    TakaoPMincho narrow, 令和４年度 edition, default mode; held-out set 13, a breaker's
    trial), the items took the next item's 事項, and every 事項 stood one item off."""
    items = sheet.lines_of.get("items", set())
    first = next(
        (n for n, ln in enumerate(lines) if id(ln) in items and _KOU.match(make_key(ln.text))),
        None,
    )
    at = {id(ln): n for n, ln in enumerate(lines)}
    return first is not None and any(
        k != n and at.get(id(block[0]), first) < first
        for n, (k, block) in enumerate(zip(bare, found, strict=True))
    )


def _jikou_after_kou_run(sheet: Sheet) -> None:
    """Items printed 会計 / 組織 / 項 row after row, then their 事項s one after the other
    (``一般 / 外務本省 / 分野別外交費 / 一般 / 外務本省 / 分野別外交費 / エネルギー対策に… /
    …に必要な経費 / 国際の平和と… / 経費``: LibreOffice, Noto Sans CJK JP, grid type 8.5 pt;
    held-out set 12): an item read with several whole 事項s (each ending in 経費) right after
    as many items less one read with none gives them back in order, the 事項 column read top
    to bottom. Anything else (a piece left over, an item between with one) stays as read."""
    for k, (_, pieces) in enumerate(sheet.items):
        groups: list[list[str]] = []
        start = 0
        for end in range(len(pieces)):
            if make_key("".join(pieces[start : end + 1])).endswith("経費"):
                groups.append(pieces[start : end + 1])
                start = end + 1
        first = k - len(groups) + 1
        if len(groups) < 2 or start != len(pieces) or first < 0:
            continue
        if any(sheet.items[j][1] for j in range(first, k)):
            continue
        for j, group in zip(range(first, k + 1), groups, strict=True):
            sheet.items[j] = (sheet.items[j][0], group)


def _whole_jikou(block: list[Line]) -> list[list[Line]]:
    """A block of lines cut into 事項s, each ending in 経費; none when a piece is left over
    (the block is some other cell: 政策評価の対象 / となっているも / の)."""
    out: list[list[Line]] = []
    start = 0
    for k in range(len(block)):
        if "".join(make_key(p.text) for p in block[start : k + 1]).endswith("経費"):
            out.append(block[start : k + 1])
            start = k + 1
    return out if start == len(block) else []


def _read_cell(lines: list[Line], i: int, sheet: Sheet) -> int:
    """File line ``i`` into ``sheet``; returns the next line's index."""
    ln, key, nxt = lines[i], make_key(lines[i].text), _next(lines, i)
    text = ln.text.strip()
    if key in ("政策名", "評価方式") and nxt is not None:
        value = lines[nxt].text.strip()
        if key == "政策名":
            sheet.name = value
        else:
            sheet.method = value
        sheet.take("name" if key == "政策名" else "method", ln, lines[nxt])
        return nxt + 1
    if key in ACHIEVEMENTS:
        sheet.achievement = text
        sheet.take("method", ln)
    elif _UNIT.match(key):
        sheet.unit = text
        sheet.take("unit", ln)
    elif _COLUMN.match(key):
        sheet.columns.append(text)
        sheet.take("columns", ln)
    elif columns := _columns_on_line(text):
        sheet.columns += columns  # ３年度当初予算額 ４年度概算要求額 個別票の番号 (Chromium)
        sheet.take("columns", ln)
    elif _is_amount(ln):
        sheet.amounts.append(text)
        sheet.take("items", ln)
    elif _ACCOUNT.match(key) and nxt is not None and _is_org(lines[nxt]):
        sheet.accounts.append((text, lines[nxt].text.strip()))
        sheet.take("items", ln, lines[nxt])
        return nxt + 1
    elif _KOU.match(key):
        return _read_item(lines, i, sheet)
    return i + 1


def _columns_on_line(text: str) -> list[str]:
    """The year columns' header cells of a line that holds them side by side, with at most
    one other piece (個別票の番号)."""
    pieces = text.split()
    columns = [p for p in pieces if _COLUMN.match(make_key(p))]
    return columns if len(columns) >= 2 and len(pieces) - len(columns) <= 1 else []


def _is_amount(line: Line) -> bool:
    """An amount alone (not ⑦, which folds to a digit)."""
    return bool(_AMOUNT.match(make_key(line.text))) and not _NUMBER.match(line.text.strip())


def _is_org(line: Line) -> bool:
    """組織／勘定: a short name, no number, no 会計."""
    key = make_key(line.text)
    text = line.text.strip()
    return (
        0 < len(key) <= 10
        and not _is_amount(line)
        and not _ACCOUNT.match(key)
        and not _NUMBER.match(text)
        and not _FORM_END.match(key)
    )


def _read_item(lines: list[Line], i: int, sheet: Sheet) -> int:
    """A 項 and its 事項's pieces (the form's labels printed among them are skipped). A
    事項 is an expense (…に必要な経費): a piece ending in 費 before it ends is its piece."""
    pieces: list[Line] = []
    form = sheet.lines_of.get("form", set())  # a form label's pieces (_form_pieces)
    j = i + 1
    while j < len(lines):
        key = make_key(lines[j].text)
        done = "".join(make_key(p.text) for p in pieces).endswith("費")
        if key and (
            (_KOU.match(key) and (done or not pieces))  # 項 after 項: a column of them
            or _ACCOUNT.match(key)
            or _is_amount(lines[j])
            or _FORM_END.match(key)
            or key in ACHIEVEMENTS
            # an amount column's header after the first 事項's first piece (LibreOffice,
            # Noto Sans CJK JP, grid type 8.5 pt; held-out set 12): the column's, read by
            # _read_cell
            or _COLUMN.match(key)
        ):
            break
        if key and not _FORM_LABEL.match(key) and id(lines[j]) not in form:
            pieces.append(lines[j])
        j += 1
    sheet.items.append((lines[i].text.strip(), [p.text for p in pieces]))
    sheet.take("items", lines[i], *pieces)
    return j


# Form cells printed among a 事項's pieces (skipped), and cells that end them (小 / 計: 小計
# printed a character a line, LibreOffice, Noto Serif).
# 他に記載のある個別票の番号, the last column's header, may be cut anywhere (他に記載のある個 /
# 別票の番号).
_FORM_LABEL = regex.compile(
    r"^(?:別紙.*|事項|項|予算科目|番号|度合い|他に記載のある\S*|個?別票の番号)$"
)
_FORM_END = regex.compile(r"^(?:一般会計|特別会計|小計?|合計?|予算額|[①-⑳㉑-㉟]|政策.*|評価方式)$")


def _value(text: str) -> int | float | None:
    return parse_value(text).value


def amounts_by_item(sheet: Sheet) -> tuple[list[list[str]], list[str]] | None:
    """Each item's amounts and the totals, read in the one order (row by row, or column by
    column) whose column sums the sheet prints after the items; None when the counts do
    not fit or not exactly one order's sums are printed."""
    n, cols = len(sheet.items), max(len(sheet.columns), 2)
    if n == 0 or len(sheet.accounts) != n or len(sheet.amounts) < n * cols + cols:
        return None
    if not all("".join(pieces).endswith("費") for _, pieces in sheet.items):
        return None  # a 事項 printed apart that _apart_jikou could not give back
    items, rest = sheet.amounts[: n * cols], sheet.amounts[n * cols :]
    printed = {_value(t): t for t in reversed(rest)}
    readings = []
    for by_row in (True, False):
        rows = [
            [items[r * cols + c] if by_row else items[c * n + r] for c in range(cols)]
            for r in range(n)
        ]
        sums = [sum(_value(row[c]) or 0 for row in rows) for c in range(cols)]
        if all(s in printed for s in sums):
            readings.append((rows, [printed[s] for s in sums]))
    if len({tuple(map(tuple, rows)) for rows, _ in readings}) != 1:
        return None
    return readings[0]


def sheet_lines(sheet: Sheet) -> tuple[list[Line], set[int]]:
    """The sheet as an extractor that keeps rows prints it (what ``extract.budget_sheet``
    reads), numbered as its title line, and the ids of the lines it prints again: only the
    parts read whole; the others stay as printed."""
    texts: list[tuple[str, str]] = []
    if sheet.name and sheet.number:
        texts.append(("name", f"政策名 {sheet.name} 番号 {sheet.number}"))
    if sheet.method and sheet.achievement:
        texts.append(("method", f"{sheet.method} 政策目標の達成度合い {sheet.achievement}"))
    if sheet.unit:
        texts.append(("unit", sheet.unit))
    if sheet.columns:
        texts.append(("columns", "項 事項 " + " ".join(sheet.columns)))
    read = amounts_by_item(sheet)
    if read is not None:
        rows, total = read
        for (account, org), (kou, pieces), amounts in zip(
            sheet.accounts, sheet.items, rows, strict=True
        ):
            texts.append(("items", " ".join([account, org, kou, join_cell(pieces), *amounts])))
        texts.append(("items", " ".join(["合計", *total])))
    used = {i for part, _ in texts for i in sheet.lines_of.get(part, set())}
    return [Line(sheet.title.no, sheet.title.page, t) for _, t in texts], used

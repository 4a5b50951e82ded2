"""Extractor for the 別紙 budget sheet 政策評価調書（個別票）【政策ごとの予算額】.

The sheet is made in Excel, and its text comes out by column rather than by row:
first the rows of (会計, 組織, amounts), then the totals, then the 項/事項 cells in
the same row order, then the labels. The rows are zipped back together by order.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from hyoka_parse.diagnostics import SUM_MISMATCH, UNPARSED_TABLE, Diagnostics, location
from hyoka_parse.extract.grids import has_boxes, place, value_text
from hyoka_parse.layout.model import Cell
from hyoka_parse.models import BudgetSheet, BudgetSheetItem, Value
from hyoka_parse.normalize import fold, make_key
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell
from hyoka_parse.values import parse_value
from hyoka_parse.vocab import ACHIEVEMENTS, ERA_NAMES

_AMOUNT = r"[△▲\-－]?[0-9０-９][0-9０-９,，]*"
_NOT_AMOUNT = rf"(?!{_AMOUNT}(?:[\s\u3000]|$))"  # an organisation or 事項 is no number
_ITEM = regex.compile(
    rf"^(?P<account>一般|特別|\S+会計)[\s\u3000]+(?P<org>{_NOT_AMOUNT}\S+)"
    rf"(?P<amounts>(?:[\s\u3000]+{_AMOUNT})+)$"
)
# A row printed whole (an extractor that keeps rows): 会計 組織 項 事項… amounts.
_ITEM_ROW = regex.compile(
    rf"^(?P<account>一般|特別|\S+会計)[\s\u3000]+(?P<org>{_NOT_AMOUNT}\S+)[\s\u3000]+(?P<kou>\S+)"
    rf"[\s\u3000]+(?P<jikou>{_NOT_AMOUNT}\S.*?)(?P<amounts>(?:[\s\u3000]+{_AMOUNT})+)$"
)
# A row whose amounts an extractor printed after its wrapped 事項 (pdftotext -raw, pdfium):
# 会計 組織 項 事項… here, the 事項's last piece on the next lines, then the amounts alone.
_ITEM_HEAD = regex.compile(
    rf"^(?P<account>一般|特別|\S+会計)[\s\u3000]+(?P<org>{_NOT_AMOUNT}\S+)[\s\u3000]+"
    rf"(?P<kou>\S+費)[\s\u3000]+(?P<jikou>{_NOT_AMOUNT}\S.*?)$"
)
_AMOUNTS = regex.compile(rf"^{_AMOUNT}(?:[\s\u3000]+{_AMOUNT})+$")
# The total row; the 特別会計 row after it on its line (``合 計 一般会計 88,453,697 92,146,030
# 特別会計 ＜ ＞ の内数 ＜ ＞ の内数``: pdfium, Chromium, MigMix 2P, 9 pt; held-out set 21).
_TOTAL = regex.compile(
    rf"^(?:合[\s\u3000]*計[\s\u3000]+(?:一般会計[\s\u3000]+)?)?{_AMOUNT}(?:[\s\u3000]+{_AMOUNT})+"
    r"(?:[\s\u3000]+特別会計(?:[\s\u3000]+＜[^＞]*＞[\s\u3000]*の内数)+)?$"
)
# Form rows an extractor printed whole (label, value, label, value on one line).
_NAME_ROW = regex.compile(r"^政策名[\s\u3000]+(?P<name>.+?)[\s\u3000]+番号[\s\u3000]+(?P<num>\S+)$")
_METHOD_START = regex.compile(r"^評価方式[\s\u3000]+\S")
_ACHIEVEMENT_LABEL = "政策目標の達成度合い"
# The amount columns' header row printed whole: 項 事項 ３年度当初予算額 ４年度概算要求額 …
# A wrapped header cell's last piece may come first (``定 項 事項 …``: 組織／勘 / 定; Chromium,
# IPAPMincho, big type, read by -layout; held-out set 14).
_COLUMNS_ROW = regex.compile(r"^(?:\S{1,3}[\s\u3000]+)?項[\s\u3000]+事項[\s\u3000]+(?P<cols>.+)$")
_COLUMN_WHOLE = regex.compile(rf"^(?:{ERA_NAMES})?[0-9０-９元]+年度\S*(?:予算|要求)額$")
_COLUMN_PIECE = regex.compile(rf"^(?:{ERA_NAMES})?[0-9０-９元]+年度\S+$")
_COLUMNS = regex.compile(
    r"^会計[\s\u3000]+組織\S*[\s\u3000]+項[\s\u3000]+事項[\s\u3000]+(?P<cols>.+)$"
)
_NUMBER = regex.compile(r"番号[\s\u3000]*(?P<num>\S+)")
_UNIT = regex.compile(r"^[（(](?P<unit>千円|百万円|円)[）)]$")
_COLUMN_YEAR = regex.compile(rf"^(?:{ERA_NAMES})?[0-9０-９元]+年度$")
_METHOD = regex.compile(r"^(?P<method>\S+)[\s\u3000]+政策目標の達成度合い[\s\u3000]+(?P<ach>\S+)$")
_KOU = regex.compile(r"^\S{2,10}費$")
# Label cells of the printed form: known, so dropped without a warning.
_LABELS = regex.compile(
    r"^(?:別紙.*|【政策ごとの予算額】|政策名.*|評価方式|会計組織/勘定|一般会計|特別会計|合計|小計"
    r"|.*の内数.*|政策評価の対象と|なっていないが、|ある政策に属する|と整理できるもの|なっているもの"
    r"|予算科目|他に記載のある|個別票の番号|予算額|項事項|当初予算額|概算要求額|政策評価調書\(個別票\))$"
)


def budget_sheet(lines: list[Line], diag: Diagnostics) -> BudgetSheet:
    sheet = BudgetSheet(
        policy_name=None,
        policy_number=None,
        evaluation_method=None,
        achievement=None,
        unit=None,
        columns=[],
        items=[],
        total=[],
        location=location(lines[0]),
    )
    if any(has_boxes(ln.cells) for ln in lines):
        _from_cells(lines, sheet, diag)
    else:
        _from_text(lines, sheet, diag)
    return sheet


def _from_text(lines: list[Line], sheet: BudgetSheet, diag: Diagnostics) -> None:
    """Read the sheet from lines of text (rows whole, or cell by cell; see the module)."""
    rows: list[tuple[str, str, list[Value]]] = []
    groups: list[list[str]] = []  # [項, 事項 fragments…]
    unplaced: list[Line] = []
    after_title = False
    i = 0
    while i < len(lines):
        ln = lines[i]
        text = _strip_side_label(ln.text.strip(" \u3000"))
        key = ln.key
        if ln.cells is not None:  # the PDF gave the grid's cells
            _grid_row([c.text for c in ln.cells], sheet, rows, groups)
        elif after_title and sheet.policy_name is None and not _form_label(key):
            sheet.policy_name = text
        elif _item_text(text, rows, groups):
            pass
        elif _TOTAL.match(text):
            sheet.total = [parse_value(a) for a in regex.findall(_AMOUNT, text)]
        elif m := _COLUMNS.match(text):
            sheet.columns = m["cols"].split()
            tail = lines[i + 1].text.split() if i + 1 < len(lines) else []
            if tail and len(tail) == len(sheet.columns) and all(len(t) <= 3 for t in tail):
                sheet.columns = [c + t for c, t in zip(sheet.columns, tail, strict=True)]
                i += 1  # 当初予算 / 額: the header cells wrapped
        elif m := _NAME_ROW.match(text):
            sheet.policy_name, sheet.policy_number = m["name"], m["num"]
        elif _METHOD_START.match(text) and sheet.evaluation_method is None:
            i += _method_window(lines, i, sheet, diag)
        elif m := _COLUMNS_ROW.match(text):
            sheet.columns = [c for c in m["cols"].split() if _amount_header(c)]
            i += _columns_completed(sheet, lines, i)
        elif _COLUMN_WHOLE.match(key):
            sheet.columns.append(text)  # a header cell on a line of its own
        elif _COLUMN_PIECE.match(key) and i + 1 < len(lines) and len(lines[i + 1].key) <= 3:
            sheet.columns.append(text + lines[i + 1].text.strip(" \u3000"))  # ４年度概算要求 / 額
            i += 1
        elif sheet.policy_number is None and (m := _NUMBER.search(text)):
            sheet.policy_number = m["num"]
        elif m := _UNIT.match(text):
            sheet.unit = m["unit"]
        elif m := _METHOD.match(text):
            sheet.evaluation_method, sheet.achievement = m["method"], m["ach"]
        elif _COLUMN_YEAR.match(key) and i + 1 < len(lines):
            sheet.columns.append(text + lines[i + 1].text.strip(" \u3000"))
            i += 1
        elif groups and not "".join(groups[-1][1:]).endswith("費"):
            groups[-1].append(text)
        elif _KOU.match(key):
            groups.append([text])
        elif not _LABELS.match(fold(key)):
            unplaced.append(ln)
        after_title = key.startswith("政策評価調書")
        i += 1
    diag.unplaced(unplaced, "budget sheet")
    _zip_rows(sheet, rows, groups, lines[0], diag)


def _item_text(text: str, rows: list, groups: list[list[str]]) -> bool:
    """An item row's text (whole, or its head before a wrapped 事項, or the amounts after
    it): whether ``text`` was one; adds to ``rows`` (会計, 組織, amounts) and ``groups``."""
    if m := _ITEM.match(text):
        rows.append((m["account"], m["org"], [parse_value(a) for a in m["amounts"].split()]))
    elif m := _ITEM_ROW.match(text):
        rows.append((m["account"], m["org"], [parse_value(a) for a in m["amounts"].split()]))
        groups.append([m["kou"], m["jikou"]])  # its 事項 may wrap onto the next lines
    elif m := _ITEM_HEAD.match(text):
        rows.append((m["account"], m["org"], []))  # the amounts follow the 事項
        groups.append([m["kou"], m["jikou"]])
    elif rows and not rows[-1][2] and _AMOUNTS.match(text):
        rows[-1] = (*rows[-1][:2], [parse_value(a) for a in text.split()])
    else:
        return False
    return True


# The side labels of the sheet's row groups, which pdfplumber prints a piece at a time before
# the rows beside them (``政策評価の対象 一般 外務本省 …``, ``の 一般 外務本省 …``).
_SIDE_LABELS = (
    "政策評価の対象となっているもの",
    "政策評価の対象となっていないが、ある政策に属すると整理できるもの",
)


def _strip_side_label(text: str) -> str:
    """``text`` without a side label's piece before a row's cells."""
    head, sep, rest = text.partition(" ")
    if sep and rest and any(head in label for label in _SIDE_LABELS):
        return rest.strip(" \u3000")
    return text


def _columns_completed(sheet: BudgetSheet, lines: list[Line], i: int) -> int:
    """Complete the amount headers cut before their 額 with the next line's pieces, one
    each (``３年度当初 ４年度概算`` / ``予算額 要求額``: a breaker's trial on held-out set
    14, -layout), the pieces of the columns after them left (``３年度当初予算 ４年度概算要求
    る個別票の番`` / ``額 額 号``: pdfplumber and -layout, LibreOffice, IPAexMincho, B5
    paper; held-out set 21); returns the lines taken (0 or 1)."""
    cut = [k for k, c in enumerate(sheet.columns) if not c.endswith("額")]
    tail = lines[i + 1].text.split() if i + 1 < len(lines) else []
    ours, others = tail[: len(cut)], tail[len(cut) :]
    if (
        not cut
        or len(ours) != len(cut)
        or not all(len(t) <= 3 and t.endswith("額") for t in ours)
        or not all(len(t) <= 3 and "額" not in t for t in others)
    ):
        return 0
    for k, piece in zip(cut, ours, strict=True):
        sheet.columns[k] += piece
    return 1


def _amount_header(text: str) -> bool:
    """An amount column's header (３年度当初予算額), not 他に記載のある個別票の番号."""
    return bool(regex.search(r"予算額|要求額|年度", text))


def _method_window(lines: list[Line], i: int, sheet: BudgetSheet, diag: Diagnostics) -> int:
    """評価方式 X 政策目標の達成 / 度合い / Y, however its cells wrap: the method and the
    achievement are the two words left when the labels are taken out of the line and the two
    after it, a cut one completed by the next line's piece (``総合･実績･`` / ``事業``,
    ``相当程度進展あ`` / ``り``: a breaker's trial on held-out set 14). An achievement that is
    none of the standard classes (vocab.ACHIEVEMENTS) is left out, said. Returns how many
    lines after ``i`` it took."""
    words: list[str] = []
    taken = 0
    for n, ln in enumerate(lines[i : i + 3]):
        pieces = [w for w in ln.text.split() if not _method_label(w)]
        if n and (len(pieces) > 2 or _LABELS.match(fold(ln.key))):
            break  # the form's next row
        if len(words) >= 2 and pieces and not _cut_words_completed(words, pieces):
            break  # a label's last piece alone (``成度合い``) is still the row's
        words += pieces if len(words) < 2 else []
        taken = n
    if len(words) == 2:
        sheet.evaluation_method = words[0]
        if make_key(words[1]) in ACHIEVEMENTS:
            sheet.achievement = words[1]
        else:
            diag.warn(
                UNPARSED_TABLE,
                f"budget sheet: 政策目標の達成度合い 「{words[1]}」 is none of the standard "
                "classes (a cell cut?); left out",
                lines[i],
            )
    return taken


def _cut_words_completed(words: list[str], pieces: list[str]) -> bool:
    """Give the next line's pieces, in order, to the words cut before them: a method that
    ends with its separator (総合･実績･), an achievement that is no standard class."""
    cut = [0] if words[0].endswith(("･", "・")) else []
    cut += [1] if make_key(words[1]) not in ACHIEVEMENTS else []
    if len(cut) != len(pieces):
        return False
    for k, piece in zip(cut, pieces, strict=True):
        words[k] += piece
    return True


def _method_label(word: str) -> bool:
    """A word of the row's labels: 評価方式, or 政策目標の達成度合い whole or a piece of it
    where its cell wraps (``政策目標の達成`` / ``度合い``; ``政策目標の達`` / ``成度合い``:
    Chromium, Noto Serif CJK KR, read by -layout; held-out set 14)."""
    key = make_key(word)
    label = _ACHIEVEMENT_LABEL
    return key == "評価方式" or (len(key) >= 2 and (label.startswith(key) or label.endswith(key)))


def _grid_row(cells: list[str], sheet: BudgetSheet, rows: list, groups: list[list[str]]) -> None:
    """A row of the sheet's grid: 会計, 組織, 項, 事項, then one amount per column."""
    if len(cells) < 5:
        return
    head = [c.strip() for c in cells[:4]]
    amounts = [parse_value(c) for c in cells[4:]]
    if head[0] == "会計":
        sheet.columns = [c.strip() for c in cells[4:]]
    elif regex.match(r"^合[\s\u3000]*計", head[0]):
        sheet.total = amounts
    elif head[0]:
        rows.append((head[0], head[1], amounts))
        groups.append([head[2], head[3]])


def _zip_rows(
    sheet: BudgetSheet,
    rows: list[tuple[str, str, list[Value]]],
    groups: list[list[str]],
    where: Line,
    diag: Diagnostics,
) -> None:
    if len(groups) != len(rows):
        diag.warn(
            UNPARSED_TABLE,
            f"budget sheet: {len(rows)} amount rows but {len(groups)} 項/事項 cells; "
            "項/事項 left out",
            where,
        )
        groups = []  # which 事項 belongs to which row is unknown: none is paired
    for n, (account, org, values) in enumerate(rows):
        group = groups[n] if n < len(groups) else [None]
        sheet.items.append(
            BudgetSheetItem(
                account=account,
                organization=org,
                kou=group[0],
                jikou=join_cell(group[1:]) or None,
                values=values,
            )
        )
    _check_total(sheet, where, diag)


# --- the sheet as cells (a PDF): rows and columns are known, nothing is zipped ---

# Form cells whose value is the cell to their right.
_FORM = {
    "政策名": "policy_name",
    "番号": "policy_number",
    "評価方式": "evaluation_method",
    "政策目標の達成度合い": "achievement",
}
_SUBTOTAL = regex.compile(r"^(?:小計|合計)$")


def _from_cells(lines: list[Line], sheet: BudgetSheet, diag: Diagnostics) -> None:
    """Read the sheet from a reader that knows its cells: the form cells (政策名 …), the
    two header rows (会計 … 予算額 over 項, 事項 and the amount columns), then item rows,
    whose amounts go to the column whose header stands above them. 小計 and 合計 rows are
    not items; the 合計 row of the 一般会計 is the sheet's total."""
    columns: list[Cell] = []  # the amount columns' header cells
    heads: list[Cell] = []  # the 会計 … header row
    block = ""  # the side label (小計 / 合計) the rows stand beside
    unplaced: list[Line] = []
    after_title = False  # the policy name, printed without its label, follows the title
    for ln in lines:
        was_after = after_title and not ln.key.startswith("政策評価調書")
        after_title = (after_title and not ln.cells) or ln.key.startswith("政策評価調書")
        key = ln.key
        cells = ln.cells or []
        if m := _UNIT.match(ln.text.strip(" \u3000")):
            sheet.unit = m["unit"]
        elif cells and _form_row(cells, sheet):
            continue
        elif cells and fold(cells[0].text).replace(" ", "") == "会計":
            columns = _amount_columns(cells)  # one header row, or 予算額 over a second
            heads = cells
            sheet.columns = [c.text for c in columns]
        elif cells and heads and not columns and fold(cells[0].text) == "項":
            columns = _amount_columns(cells)
            sheet.columns = [c.text for c in columns]
        elif not cells and _SUBTOTAL.match(regex.sub(r"\s", "", fold(key))):
            block = regex.sub(r"\s", "", fold(key))
        elif not cells:
            block = ""  # a heading row (政策評価の対象となっていないが…) ends a 小計 / 合計
            if not _form_text(ln, sheet, was_after):
                unplaced.append(ln)
        elif columns:
            _item_row(ln, cells, columns, block, sheet, diag)
        else:
            unplaced.append(ln)
    diag.unplaced(unplaced, "budget sheet")
    _check_total(sheet, lines[0], diag)


def _form_row(cells: list[Cell], sheet: BudgetSheet) -> bool:
    found = False
    for label, value in pairwise(cells):
        attr = _FORM.get(regex.sub(r"[\s\u3000]", "", label.text))
        if attr and getattr(sheet, attr) is None:
            setattr(sheet, attr, value.text.strip(" \u3000") or None)
            found = True
    return found


def _amount_columns(cells: list[Cell]) -> list[Cell]:
    """The amount columns' header cells (３年度当初予算額 …); 他に記載のある個別票の番号
    numbers other sheets and is no amount."""
    cols = [c for c in cells if regex.search(r"予算額|要求額|年度", c.text)]
    return [] if any(c.text == "予算額" for c in cols) else cols


def _form_label(key: str) -> bool:
    """A label cell of the form (番号, 政策名 …), which is never the policy's name (pdftotext's
    default mode prints the labels of the sheet's first row after its title)."""
    folded = fold(key)
    return bool(_LABELS.match(folded)) or regex.sub(r"\s", "", folded) in _FORM


def _form_text(ln: Line, sheet: BudgetSheet, after_title: bool) -> bool:
    """Form fields a reader gave as text (政策名 beside no cell): whether ``ln`` was one."""
    text = ln.text.strip(" \u3000")
    label = bool(_LABELS.match(fold(ln.key)))
    if after_title and sheet.policy_name is None and not label:
        sheet.policy_name = text
    elif sheet.policy_number is None and (m := _NUMBER.search(text)):
        sheet.policy_number = m["num"]
    elif m := _METHOD.match(text):
        sheet.evaluation_method, sheet.achievement = m["method"], m["ach"]
    else:
        return label or ln.key.startswith("政策評価の対象")
    return True


def _item_row(
    ln: Line,
    cells: list[Cell],
    columns: list[Cell],
    block: str,
    sheet: BudgetSheet,
    diag: Diagnostics,
) -> None:
    placed = place(columns, cells)
    if placed is None:
        diag.warn(UNPARSED_TABLE, "budget sheet: a row's amounts stand under no column", ln)
        return
    amounts = [parse_value(value_text(c)) for c in placed.under]
    left = [c for c in placed.left if c.text]
    if left and _SUBTOTAL.match(regex.sub(r"\s", "", left[0].text)):
        block, left = regex.sub(r"\s", "", left[0].text), left[1:]
    if len(left) <= 1 and (block or (left and left[0].text in ("一般会計", "特別会計"))):
        # 小計 / 合計 rows, and those of the part not under evaluation: no items.
        if block == "合計" and (not left or left[0].text == "一般会計"):
            sheet.total = amounts
        return
    if len(left) < 4 or not regex.match(r"^(?:一般|特別|\S+会計)", left[0].text):
        diag.unplaced([ln], "budget sheet")
        return
    sheet.items.append(
        BudgetSheetItem(
            account=left[0].text,
            organization=left[1].text,
            kou=left[2].text or None,
            jikou=join_cell([c.text for c in left[3:]]) or None,
            values=amounts,
        )
    )


def _check_total(sheet: BudgetSheet, where: Line, diag: Diagnostics) -> None:
    for col, total in enumerate(sheet.total):
        parts = [it.values[col].value for it in sheet.items if col < len(it.values)]
        complete = total.value is not None and all(p is not None for p in parts)
        if complete and sum(parts) != total.value:
            diag.warn(
                SUM_MISMATCH,
                f"budget sheet column {col + 1}: items sum to {sum(parts)}, 合計 is {total.value}",
                where,
            )

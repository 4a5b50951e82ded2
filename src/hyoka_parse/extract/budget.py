"""Extractor for 施策の予算額・執行額等: one or more budget tables by fiscal year."""

from __future__ import annotations

import regex

from hyoka_parse.diagnostics import LABEL_MISMATCH, UNPARSED_TABLE, Diagnostics, location
from hyoka_parse.models import BudgetRow, BudgetTable, Policy, Value
from hyoka_parse.segment import Block
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell
from hyoka_parse.values import era_years, parse_value

_ROW = regex.compile(r"^(?P<label>(?:当初予算|補正予算|繰越し?等|合計|執行額)\S*)(?P<rest>.*)$")
_UNIT = regex.compile(r"[（(](?P<unit>百万円|千円|億円|円)[）)]")
_YEAR_HEADER = regex.compile(r"^区分")
_SIGN_ONLY = regex.compile(r"^[△▲]$")


def budget(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """Split the block at each 区分 header: the lines before it are that table's title."""
    title_lines: list[Line] = []
    table: BudgetTable | None = None
    for ln in block.lines:
        text = ln.text.strip(" \u3000")
        row = _ROW.match(text)
        if _YEAR_HEADER.match(ln.key):
            table = _new_table(ln, title_lines, policy, diag)
            policy.budget.append(table)
            title_lines = []
        elif table is not None and row:
            table.rows.append(_row(row, ln, table, diag))
            if table.unit is None and (u := _UNIT.search(text)):
                table.unit = u["unit"]
        elif table is not None and not table.rows:
            # 予算の / 状況 / (百万円): the label cell of the rows, which carries the unit.
            if u := _UNIT.search(text):
                table.unit = u["unit"]
        else:
            title_lines.append(ln)
    if title_lines:
        diag.unplaced(title_lines, "施策の予算額・執行額等")


def _new_table(
    header: Line, title_lines: list[Line], policy: Policy, diag: Diagnostics
) -> BudgetTable:
    printed = join_cell([ln.text for ln in title_lines])
    title = printed
    if printed.startswith("同") and policy.budget:
        # 同（分担金・拠出金）: 同 repeats the first table's title without its bracket.
        base = regex.split(r"[（(]", policy.budget[0].title, maxsplit=1)[0]
        title = base + printed[1:]
    elif printed.startswith("同"):
        diag.warn(
            LABEL_MISMATCH,
            f"budget table 「{printed}」 comes first, so its 同 repeats nothing; "
            "title kept as printed",
            title_lines[0] if title_lines else header,
        )
    return BudgetTable(
        title=title,
        unit=None,
        fiscal_years=era_years(header.text),
        rows=[],
        printed_title=printed,
        location=location(title_lines[0] if title_lines else header),
    )


def _row(m: regex.Match, line: Line, table: BudgetTable, diag: Diagnostics) -> BudgetRow:
    label = _UNIT.sub("", m["label"])
    cells: list[str] = []
    for tok in m["rest"].split():
        if cells and _SIGN_ONLY.match(cells[-1]):
            cells[-1] += tok
        else:
            cells.append(tok)
    n = len(table.fiscal_years)
    if len(cells) > n:
        diag.warn(
            UNPARSED_TABLE,
            f"budget row {label} has {len(cells)} values for {n} fiscal years",
            line,
        )
    values = [parse_value(c) for c in cells]
    # Text loses empty cells; the report leaves only the later years empty.
    values += [Value(raw="", value=None) for _ in range(n - len(values))]
    return BudgetRow(label=label, values=values)

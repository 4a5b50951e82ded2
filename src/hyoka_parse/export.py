"""The tidy tables as bytes: CSV, JSON lines, or an Excel workbook.

Every function returns the whole output as ``bytes``; writing it (atomically, to stdout)
is the caller's job. Output is deterministic: the same rows give the same bytes.

The workbook is written with XlsxWriter: it writes .xlsx only (no reading, which this
tool does not need), has no dependencies of its own, lets each cell be written with its
type (so ``1-1`` stays a text cell instead of becoming 1 January, and ``78.3`` is a number),
and gives byte-identical files once the creation date is fixed.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

from hyoka_parse.errors import HyokaError
from hyoka_parse.tables import COLUMN_TYPES, Row

UTF8_BOM = b"\xef\xbb\xbf"
EXCEL_MAX_ROWS = 1_048_576  # rows per sheet, the header included
EXCEL_MAX_TEXT = 32_767  # characters per cell
_FIXED_DATE = datetime.datetime(2000, 1, 1)  # workbook metadata: no clock in the bytes


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"  # what DuckDB and pandas read as booleans
    return value


def to_csv(rows: list[Row], table: str, bom: bool = False) -> bytes:
    """RFC 4180 CSV with a header row, ``\\n`` line ends, UTF-8 (with a BOM for Excel when
    ``bom``). Missing values are empty cells; booleans are ``true``/``false``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    columns = list(COLUMN_TYPES[table])
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row[c]) for c in columns])
    data = buf.getvalue().encode("utf-8")
    return UTF8_BOM + data if bom else data


def to_jsonl(rows: list[Row]) -> bytes:
    """One JSON object per line, keys in column order, missing values ``null``."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def to_xlsx(tables: dict[str, list[Row]]) -> bytes:
    """A workbook with one sheet per table (in the order given), a bold frozen header row
    with filters, and each cell typed by its column: text cells for ids and labels,
    numbers for values, booleans for flags, empty cells for missing values.

    Raises ``HyokaError`` when a table has more rows than a sheet can hold (1,048,575)
    or a text is longer than a cell can hold (32,767 characters).
    """
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"created": _FIXED_DATE, "title": "hyoka-parse tables"})
    header = book.add_format({"bold": True})
    for name, rows in tables.items():
        if len(rows) + 1 > EXCEL_MAX_ROWS:
            raise HyokaError(
                f"table {name} has {len(rows):,} rows, more than an Excel sheet holds",
                "write --format csv or jsonl instead",
            )
        _write_sheet(book.add_worksheet(name), name, rows, header)
    book.close()
    return buf.getvalue()


def _write_sheet(sheet: Any, table: str, rows: list[Row], header: Any) -> None:
    types = COLUMN_TYPES[table]
    for col, name in enumerate(types):
        sheet.write_string(0, col, name, header)
        sheet.set_column(col, col, _width(name, types[name]))
    for r, row in enumerate(rows, start=1):
        for col, (name, kind) in enumerate(types.items()):
            if kind == "text" and len(str(row[name] or "")) > EXCEL_MAX_TEXT:
                raise _too_long(table, name, row)
            _write_cell(sheet, r, col, row[name], kind)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(types) - 1)


def _write_cell(sheet: Any, r: int, col: int, value: Any, kind: str) -> None:
    if value is None:
        return
    if kind == "text":
        sheet.write_string(r, col, str(value))
    elif kind == "bool":
        sheet.write_boolean(r, col, bool(value))
    else:
        sheet.write_number(r, col, value)


def _too_long(table: str, column: str, row: Row) -> HyokaError:
    """The error for a text longer than an Excel cell, naming where it is."""
    where = [str(row[k]) for k in ("source_path",) if row.get(k)]
    if row.get("measure_id"):
        where.append(f"測定指標{row['measure_id']}")
    if row.get("fiscal_year"):
        where.append(str(row["fiscal_year"]))
    at = f" ({', '.join(where)})" if where else ""
    return HyokaError(
        f"the {table} table's {column}{at} has {len(str(row[column])):,} characters, more "
        f"than an Excel cell holds ({EXCEL_MAX_TEXT:,})",
        "write --format csv or jsonl instead",
    )


def _width(name: str, kind: str) -> int:
    if kind != "text":
        return max(8, len(name) + 2)
    return 40 if name in {"analysis", "next_direction", "target", "progress", "text"} else 18

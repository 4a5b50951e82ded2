"""Tidy tables: everything a report holds, one row per fact, with the keys to join them.

``build(report)`` returns ``{table name: [row dict, ...]}`` for the tables in ``TABLES``.
Every row starts with the same source columns (``source_path, source_sha256, ministry,
report_year, policy_id``), so the tables of many reports can be stacked and joined on
``source_sha256, policy_id, field_number, measure_id``. ``measure_field`` and
``measure_number`` are the two halves of a measure id as integers (``"10-1"`` → 10, 1), so
``ORDER BY measure_field, measure_number`` sorts 2-1 before 10-1.

Each column has a type (``COLUMN_TYPES``): ``text``, ``int``, ``number`` or ``bool``;
writers (``export.py``) and DataFrames use it, so that ``1-1`` stays text and ``78.3`` a
number. A missing value is ``None``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from hyoka_parse.models import (
        BudgetSheet,
        FieldModel,
        Location,
        Measure,
        ParseWarning,
        Policy,
        Report,
        Value,
    )

ColumnType = Literal["text", "int", "number", "bool"]
Row = dict[str, Any]

SOURCE_COLUMNS: list[tuple[str, ColumnType]] = [
    ("source_path", "text"),
    ("source_sha256", "text"),
    ("ministry", "text"),
    ("report_year", "int"),
    ("policy_id", "text"),
]
_WHERE: list[tuple[str, ColumnType]] = [("page", "int"), ("printed_page", "int"), ("line", "int")]
_MEASURE_KEYS: list[tuple[str, ColumnType]] = [
    ("field_number", "int"),
    ("measure_id", "text"),
    ("measure_field", "int"),
    ("measure_number", "int"),
]

_SCHEMAS: dict[str, list[tuple[str, ColumnType]]] = {
    "policies": [
        ("policy_name", "text"),
        ("report_title", "text"),
        ("evaluation_code", "text"),
        ("result_label", "text"),
        ("result_grade", "text"),
        ("result_rationale", "text"),
        ("department", "text"),
        ("evaluation_date", "text"),
        ("fields", "int"),
        ("measures", "int"),
        ("warnings", "int"),
        *_WHERE,
    ],
    "objectives": [("objective_number", "int"), ("text", "text"), *_WHERE],
    "measures": [
        *_MEASURE_KEYS,
        ("field_title", "text"),
        ("measure_title", "text"),
        ("is_main", "bool"),
        ("kind", "text"),
        ("rating", "text"),
        ("mid_term_target", "text"),
        ("mid_term_target_year", "int"),
        ("mid_term_target_value", "number"),
        ("mid_term_target_unit", "text"),
        ("analysis", "text"),
        ("next_direction", "text"),
        ("next_direction_title", "text"),
        ("data_source", "text"),
        ("notes", "text"),
        ("warnings", "int"),
        *_WHERE,
    ],
    "measure_years": [
        *_MEASURE_KEYS,
        ("field_title", "text"),
        ("measure_title", "text"),
        ("is_main", "bool"),
        ("kind", "text"),
        ("rating", "text"),
        ("fiscal_year", "int"),
        ("year_label", "text"),
        ("target", "text"),
        ("progress", "text"),
        ("target_value", "number"),
        ("target_unit", "text"),
        ("target_qualifier", "text"),
        ("target_raw", "text"),
        ("actual_value", "number"),
        ("actual_unit", "text"),
        ("actual_qualifier", "text"),
        ("actual_raw", "text"),
        ("warnings", "int"),
        *_WHERE,
    ],
    "budget": [
        ("table_number", "int"),
        ("table_title", "text"),
        ("printed_title", "text"),
        ("row_number", "int"),
        ("row_label", "text"),
        ("fiscal_year", "int"),
        ("value", "number"),
        ("unit", "text"),
        ("raw", "text"),
        *_WHERE,
    ],
    "budget_sheet_items": [
        ("sheet_number", "int"),
        ("sheet_policy_name", "text"),
        ("sheet_policy_number", "text"),
        ("item_number", "int"),
        ("is_total", "bool"),
        ("account", "text"),
        ("organization", "text"),
        ("kou", "text"),
        ("jikou", "text"),
        ("column", "text"),
        ("value", "number"),
        ("unit", "text"),
        ("raw", "text"),
        *_WHERE,
    ],
    "reference_points": [
        ("field_number", "int"),
        ("indicator_number", "int"),
        ("indicator_title", "text"),
        ("series_number", "int"),
        ("series_label", "text"),
        ("fiscal_year", "int"),
        ("value", "number"),
        ("unit", "text"),
        ("qualifier", "text"),
        ("raw", "text"),
        ("data_source", "text"),
        *_WHERE,
    ],
    "measure_summary": [
        *_MEASURE_KEYS,
        ("measure_title", "text"),
        ("is_main", "bool"),
        ("rating", "text"),
        *_WHERE,
    ],
    "advisory_comments": [
        ("comment_number", "int"),
        ("text", "text"),
        ("advisory_source", "text"),
    ],
    "warnings": [
        ("measure_id", "text"),
        ("code", "text"),
        ("message", "text"),
        *_WHERE,
    ],
}

#: Table names, in the order of the workbook's sheets.
TABLES: list[str] = list(_SCHEMAS)
#: The table ``--format csv|jsonl`` writes when ``--table`` is not given.
DEFAULT_TABLE = "measure_years"
#: Column → type, per table (source columns included).
COLUMN_TYPES: dict[str, dict[str, ColumnType]] = {
    name: dict(SOURCE_COLUMNS + cols) for name, cols in _SCHEMAS.items()
}
#: Column names, per table, in order.
COLUMNS: dict[str, list[str]] = {name: list(types) for name, types in COLUMN_TYPES.items()}

# 評価書 codes start with the ministry: 外務省２－Ⅱ－１, 総務省Ⅲ－２ …
_MINISTRY = re.compile(r"^(.+?(?:省|庁|府|委員会))")
# Warnings about a measure name it as 測定指標N-M (see diagnostics.py, validate.py).
_MEASURE_IN_MESSAGE = re.compile(r"測定指標(\d+-\d+)(?![\d-])")


def build(report: Report, path: str | None = None) -> dict[str, list[Row]]:
    """All tables of one report: ``{name: rows}`` with the names of ``TABLES``, in order.

    ``path`` replaces ``report.source.path`` in the ``source_path`` column (batch runs
    pass the input path).
    """
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    by_policy = _warnings_by_policy(report)
    for policy in report.policies:
        keys = _source_keys(report, policy, path)
        warnings = by_policy.get(id(policy), [])
        counts = _measure_warning_counts(warnings)
        for name, rows in _policy_tables(policy, keys, counts, len(warnings)).items():
            tables[name] += rows
    for number, sheet in enumerate(report.budget_sheets, start=1):
        policy = _policy_named(report, sheet.policy_name)
        keys = _source_keys(report, policy, path)
        tables["budget_sheet_items"] += _sheet_rows(sheet, number, keys)
    for warning in report.warnings:
        policy = _policy_at(report, warning.location)
        keys = _source_keys(report, policy, path)
        tables["warnings"].append(_warning_row(warning, keys))
    return {name: [_complete(name, row) for row in rows] for name, rows in tables.items()}


def rows(report: Report, table: str = DEFAULT_TABLE, path: str | None = None) -> list[Row]:
    """One table's rows; ``KeyError`` for a name not in ``TABLES``."""
    if table not in COLUMN_TYPES:
        raise KeyError(table)
    return build(report, path)[table]


def measure_parts(measure_id: str | None) -> tuple[int | None, int | None]:
    """``"3-4"`` → ``(3, 4)``; anything else → ``(None, None)``."""
    m = re.fullmatch(r"(\d+)-(\d+)", measure_id or "")
    return (int(m[1]), int(m[2])) if m else (None, None)


def ministry(policy: Policy | None) -> str | None:
    """The ministry as printed at the start of the evaluation code (外務省２－Ⅱ－１ → 外務省)."""
    code = policy.evaluation_code if policy else None
    m = _MINISTRY.match(code or "")
    return m[1] if m else None


def _complete(table: str, row: Row) -> Row:
    """The row with every column of its table, in order (missing ones None)."""
    return {col: row.get(col) for col in COLUMNS[table]}


def _source_keys(report: Report, policy: Policy | None, path: str | None) -> Row:
    return {
        "source_path": path if path is not None else report.source.path,
        "source_sha256": report.source.sha256,
        "ministry": ministry(policy),
        "report_year": policy.report_fiscal_year if policy else None,
        "policy_id": policy.id if policy else None,
    }


def _where(location: Location) -> Row:
    return {
        "page": location.page,
        "printed_page": location.printed_page,
        "line": location.line,
    }


def _value(prefix: str, v: Value | None) -> Row:
    p = f"{prefix}_" if prefix else ""
    if v is None:
        return {f"{p}value": None, f"{p}unit": None, f"{p}qualifier": None, f"{p}raw": None}
    return {
        f"{p}value": v.value,
        f"{p}unit": v.unit,
        f"{p}qualifier": v.qualifier,
        f"{p}raw": v.raw,
    }


def _policy_tables(
    policy: Policy, keys: Row, counts: dict[str, int], warnings: int
) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    measures = [m for f in policy.fields for m in f.measures]
    result = policy.result
    out["policies"].append(
        {
            **keys,
            "policy_name": policy.name,
            "report_title": policy.report_title,
            "evaluation_code": policy.evaluation_code,
            "result_label": result.label if result else None,
            "result_grade": result.grade if result else None,
            "result_rationale": result.rationale if result else None,
            "department": policy.department,
            "evaluation_date": policy.evaluation_date,
            "fields": len(policy.fields),
            "measures": len(measures),
            "warnings": warnings,
            **_where(policy.location),
        }
    )
    out["objectives"] = [
        {**keys, "objective_number": o.number, "text": o.text, **_where(o.location)}
        for o in policy.objectives
    ]
    out["budget"] = list(_budget_rows(policy, keys))
    out["measure_summary"] = [
        {
            **keys,
            "field_number": e.field,
            **_measure_keys(e.id),
            "measure_title": e.title,
            "is_main": e.is_main,
            "rating": e.rating,
            **_where(e.location),
        }
        for e in policy.measure_summary
    ]
    out["advisory_comments"] = [
        {**keys, "comment_number": n, "text": text, "advisory_source": policy.advisory_source}
        for n, text in enumerate(policy.advisory_comments, start=1)
    ]
    for field in policy.fields:
        for m in field.measures:
            base = {**keys, **_measure_base(field, m), "warnings": counts.get(m.id, 0)}
            out["measures"].append({**base, **_measure_row(m)})
            out["measure_years"] += _year_rows(m, base)
        out["reference_points"] += _reference_rows(field, keys)
    return out


def _measure_keys(measure_id: str) -> Row:
    major, minor = measure_parts(measure_id)
    return {"measure_id": measure_id, "measure_field": major, "measure_number": minor}


def _measure_base(field: FieldModel, m: Measure) -> Row:
    return {
        "field_number": field.number,
        **_measure_keys(m.id),
        "field_title": field.title,
        "measure_title": m.title,
        "is_main": m.is_main,
        "kind": m.kind,
        "rating": m.rating,
    }


def _measure_row(m: Measure) -> Row:
    target = m.mid_term_target
    value = target.value
    return {
        "mid_term_target": target.text,
        "mid_term_target_year": target.fiscal_year,
        "mid_term_target_value": value.value if value else None,
        "mid_term_target_unit": value.unit if value else None,
        "analysis": m.analysis,
        "next_direction": m.next_direction,
        "next_direction_title": m.next_direction_title,
        "data_source": m.source,
        "notes": "\n".join(m.notes) or None,
        **_where(m.location),
    }


def _year_rows(m: Measure, base: Row) -> list[Row]:
    return [
        {
            **base,
            "fiscal_year": y.fiscal_year,
            "year_label": y.label,
            "target": y.target,
            "progress": y.progress,
            **_value("target", y.target_value),
            **_value("actual", y.actual_value),
            **_where(y.location),
        }
        for y in m.years
    ]


def _budget_rows(policy: Policy, keys: Row) -> Iterable[Row]:
    for t_no, table in enumerate(policy.budget, start=1):
        for r_no, row in enumerate(table.rows, start=1):
            for year, cell in zip(table.fiscal_years, row.values, strict=False):
                yield {
                    **keys,
                    "table_number": t_no,
                    "table_title": table.title,
                    "printed_title": table.printed_title,
                    "row_number": r_no,
                    "row_label": row.label,
                    "fiscal_year": year,
                    "value": cell.value,
                    "unit": table.unit,  # 百万円 or 千円: printed once above the table
                    "raw": cell.raw,
                    **_where(table.location),
                }


def _sheet_rows(sheet: BudgetSheet, number: int, keys: Row) -> list[Row]:
    items = [(False, item, item.values) for item in sheet.items]
    items.append((True, None, sheet.total))
    out: list[Row] = []
    for i_no, (is_total, item, values) in enumerate(items, start=1):
        for column, cell in zip(sheet.columns, values, strict=False):
            out.append(
                {
                    **keys,
                    "sheet_number": number,
                    "sheet_policy_name": sheet.policy_name,
                    "sheet_policy_number": sheet.policy_number,
                    "item_number": i_no,
                    "is_total": is_total,
                    "account": item.account if item else None,
                    "organization": item.organization if item else None,
                    "kou": item.kou if item else None,
                    "jikou": item.jikou if item else None,
                    "column": column,
                    "value": cell.value,
                    "unit": sheet.unit,
                    "raw": cell.raw,
                    **_where(sheet.location),
                }
            )
    return out


def _reference_rows(field: FieldModel, keys: Row) -> list[Row]:
    out: list[Row] = []
    for ind in field.reference_indicators:
        for s_no, series in enumerate(ind.series, start=1):
            for point in series.values:
                out.append(
                    {
                        **keys,
                        "field_number": field.number,
                        "indicator_number": ind.number,
                        "indicator_title": ind.title,
                        "series_number": s_no,
                        "series_label": series.label,
                        "fiscal_year": point.fiscal_year,
                        **_value("", point.value),
                        "data_source": ind.source,
                        **_where(ind.location),
                    }
                )
    return out


def _warning_row(w: ParseWarning, keys: Row) -> Row:
    m = _MEASURE_IN_MESSAGE.search(w.message)
    return {
        **keys,
        "measure_id": m[1] if m else None,
        "code": w.code,
        "message": w.message,
        **_where(w.location),
    }


def failure_row(path: str, sha256: str | None, code: str, message: str) -> Row:
    """A ``warnings`` row for an input that could not be parsed at all (a batch error
    record): its path, hash, error code (``bad_input``, ``limit``, …) and message."""
    return _complete(
        "warnings", {"source_path": path, "source_sha256": sha256, "code": code, "message": message}
    )


def _policy_at(report: Report, location: Location) -> Policy | None:
    """The policy whose text holds ``location``: the last one starting at or before it."""
    found = None
    key = _position(location)
    if key is None:
        return report.policies[0] if len(report.policies) == 1 else None
    for policy in report.policies:
        start = _position(policy.location)
        if start is not None and start <= key:
            found = policy
    return found


def _position(location: Location) -> tuple[int, int] | None:
    if location.line is None:
        return None
    return (location.page or 0, location.line)


def _warnings_by_policy(report: Report) -> dict[int, list[ParseWarning]]:
    out: dict[int, list[ParseWarning]] = {}
    for w in report.warnings:
        policy = _policy_at(report, w.location)
        if policy is not None:
            out.setdefault(id(policy), []).append(w)
    return out


def _measure_warning_counts(warnings: list[ParseWarning]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in warnings:
        m = _MEASURE_IN_MESSAGE.search(w.message)
        if m:
            counts[m[1]] = counts.get(m[1], 0) + 1
    return counts


def _policy_named(report: Report, name: str | None) -> Policy | None:
    """The policy a 別紙 sheet belongs to: the one with the same name (spaces aside)."""

    def key(text: str | None) -> str:
        return re.sub(r"\s", "", unicodedata.normalize("NFKC", text or ""))

    matches = [p for p in report.policies if name and key(p.name) == key(name)]
    return matches[0] if len(matches) == 1 else None


def to_frames(
    tables: dict[str, list[Row]], make: Callable[[list[Row], dict[str, ColumnType]], Any]
) -> dict[str, Any]:
    """Apply ``make(rows, column types)`` to every table (pandas and polars share this)."""
    return {name: make(rows, COLUMN_TYPES[name]) for name, rows in tables.items()}

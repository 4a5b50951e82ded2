"""The tidy table: one row per measure and fiscal year, for pandas, DuckDB and Excel."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hyoka_parse.models import Report, Value

COLUMNS = [
    "policy_id",
    "field_number",
    "field_title",
    "measure_id",
    "measure_title",
    "is_main",
    "kind",
    "rating",
    "fiscal_year",
    "year_label",
    "target",
    "progress",
    "target_value",
    "target_unit",
    "target_raw",
    "actual_value",
    "actual_unit",
    "actual_raw",
    "page",
    "line",
]


def _value(v: Value | None) -> tuple[Any, Any, Any]:
    return (None, None, None) if v is None else (v.value, v.unit, v.raw)


def measure_years(report: Report) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for policy in report.policies:
        for field in policy.fields:
            for m in field.measures:
                for y in m.years:
                    tv, tu, tr = _value(y.target_value)
                    av, au, ar = _value(y.actual_value)
                    rows.append(
                        dict(
                            zip(
                                COLUMNS,
                                [
                                    policy.id,
                                    field.number,
                                    field.title,
                                    m.id,
                                    m.title,
                                    m.is_main,
                                    m.kind,
                                    m.rating,
                                    y.fiscal_year,
                                    y.label,
                                    y.target,
                                    y.progress,
                                    tv,
                                    tu,
                                    tr,
                                    av,
                                    au,
                                    ar,
                                    y.location.page,
                                    y.location.line,
                                ],
                                strict=True,
                            )
                        )
                    )
    return rows


def to_jsonl(report: Report) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in measure_years(report))


def to_csv(report: Report) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in measure_years(report):
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buf.getvalue()

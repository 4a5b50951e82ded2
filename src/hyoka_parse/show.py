"""A terminal view of a parsed report: header and grade, fields → measures, warnings."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hyoka_parse.models import Measure, Policy, Report, Value
from hyoka_parse.saved import Failure

RATING_STYLE = {
    "s": "bold green",
    "a": "green",
    "b": "yellow",
    "c": "dark_orange",
    "d": "red",
    "e": "bold red",
}


def _value(v: Value | None) -> str:
    return v.raw if v is not None else ""


def _rating(r: str | None) -> Text:
    return Text(r or "-", style=RATING_STYLE.get(r or "", "dim"))


def _values(m: Measure) -> str:
    if m.kind != "quantitative":
        return ""
    return "  ".join(
        f"{y.fiscal_year}: {_value(y.target_value)}→{_value(y.actual_value)}" for y in m.years
    )


def _title(policy: Policy) -> str:
    if policy.id is None and policy.name is None:
        return "施策 ? (a fragment: the header pages are absent)"
    return f"施策{policy.id or '?'} {policy.name or ''}"


def render(report: Report, console: Console) -> None:
    for policy in report.policies:
        result = policy.result
        grade = f"{result.label}（{result.grade}）" if result and result.grade else "-"
        header = Text.assemble(
            (_title(policy) + "\n", "bold"),
            f"{policy.report_title or ''}  {policy.evaluation_code or ''}\n",
            "目標達成度合い: ",
            (grade, "bold"),
            f"\n担当部局: {policy.department or '-'}  実施時期: {policy.evaluation_date or '-'}",
        )
        table = Table(title="測定指標", show_lines=False, expand=True)
        for col in ("分野", "指標", "名称", "＊", "種別", "評価", "年度目標値→実績値"):
            table.add_column(col, overflow="fold")
        for field in policy.fields:
            for m in field.measures:
                table.add_row(
                    str(field.number),
                    m.id,
                    m.title,
                    "＊" if m.is_main else "",
                    "定量" if m.kind == "quantitative" else "定性",
                    _rating(m.rating),
                    _values(m),
                )
        console.print(Panel(Group(header), title="政策評価書"))
        console.print(table)
    if report.budget_sheets:
        console.print(f"別紙 budget sheets: {len(report.budget_sheets)}")
    warnings = Table(title=f"warnings ({len(report.warnings)})", expand=True)
    for col in ("code", "page", "line", "message"):
        warnings.add_column(col, overflow="fold")
    for w in report.warnings:
        page = "" if w.location.page is None else str(w.location.page)
        line = "" if w.location.line is None else str(w.location.line)
        warnings.add_row(w.code, page, line, w.message)
    console.print(warnings)


def render_failure(failure: Failure, console: Console) -> None:
    """A batch error record: which input failed and why."""
    console.print(
        Text.assemble(
            ("failed: ", "bold red"), f"{failure.path} ({failure.code}): ", failure.message
        )
    )

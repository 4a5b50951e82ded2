"""Pipeline stage 5: check what the report says against itself, as warnings.

A warning never changes data: the values stay as printed.
"""

from __future__ import annotations

from hyoka_parse.diagnostics import (
    DUPLICATE_ID,
    FIELD_MISMATCH,
    MAIN_MISMATCH,
    MISSING_PART,
    NUMBERING_GAP,
    RATING_MISMATCH,
    SUM_MISMATCH,
    TITLE_MISMATCH,
    UNKNOWN_MEASURE,
    Diagnostics,
)
from hyoka_parse.errors import InputError
from hyoka_parse.models import BudgetTable, Location, Measure, Policy
from hyoka_parse.normalize import make_key


def validate_policy(policy: Policy, diag: Diagnostics, fragment: bool = False) -> None:
    """Check ``policy`` against itself. In a ``fragment`` (a range of pages), numbering
    starts where the fragment starts."""
    _check_summary(policy, diag)
    if policy.result is not None and policy.result.grade is None:
        # said here, not by the result's reader: the grade's cell may come after the list
        # of measures has begun (extract/header.py, _overall_grade)
        diag.warn(
            MISSING_PART,
            "the overall result has no grade such as 相当程度進展あり（Ｂ）",
            policy.result.location,
        )
    for table in policy.budget:
        _check_budget_sums(table, diag)
    _check_numbering(policy, diag, fragment)
    if not fragment:
        _check_parts(policy, diag)


def _check_parts(policy: Policy, diag: Diagnostics) -> None:
    """A whole report's header holds its budget tables and its overall result: where either
    was not read, say so (a breaker's trial: ``pdftotext -layout -nopgbrk`` of a Chromium
    print lost both into objective 11's text with no warning)."""
    if not policy.budget:
        diag.warn(
            MISSING_PART,
            "no 施策の予算額・執行額 table was read: the budget is absent",
            policy.location,
        )
    if policy.result is None:
        diag.warn(
            MISSING_PART,
            "no 評価結果 (the overall result and its grade) was read",
            policy.location,
        )


def refuse_lost_separators(policy: Policy, path: str) -> None:
    """Raise InputError when the text lost the hyphen of every 測定指標 number.

    Under 個別分野 headings the report numbers each measure field-measure, ``２－１``; a text
    whose every measure there reads ``２１`` (the field's number run into the measure's) was
    written in an encoding that cannot hold ``－`` (U+FF0D: ``pdftotext -enc Shift-JIS``
    drops it), and with it the ``－`` of empty table cells, so amounts move to other years.
    Decided from the content, whatever the encoding: a legacy-encoded text that kept its
    hyphens is read."""
    numbered = [(f.number, m.id) for f in policy.fields for m in f.measures]
    run_together = [
        (str(number), mid)
        for number, mid in numbered
        if "-" not in mid and mid.startswith(str(number)) and len(mid) > len(str(number))
    ]
    if not run_together or len(run_together) < len(numbered):
        return
    field, mid = run_together[0]
    raise InputError(
        f"{path}: the text lost characters its encoding cannot hold (測定指標{mid} for "
        f"{field}-{mid[len(field) :]}: every measure number's hyphen, and the － of empty "
        "table cells, so values would move)",
        "extract the text again as UTF-8 (pdftotext -enc UTF-8), or pass the PDF",
    )


def check_policy_ids(policies: list[Policy], diag: Diagnostics) -> None:
    """A 施策 id printed twice in one input (two reports joined, or one report twice) is a
    ``duplicate_id`` warning at the second one's header: its values stand beside the first's
    under the same id, and a reader keying by id would keep either. Fragments have no id."""
    first: dict[str, Policy] = {}
    for policy in policies:
        if policy.id is None:
            continue
        seen = first.setdefault(policy.id, policy)
        if seen is not policy:
            at = seen.location
            where = ", ".join(
                f"{name} {n}" for name, n in (("page", at.page), ("line", at.line)) if n
            )
            diag.warn(
                DUPLICATE_ID,
                f"施策{policy.id} appears twice (first on {where}): "
                "two reports, or one report twice, in one input",
                policy.location,
            )


def _measures(policy: Policy) -> list[Measure]:
    return [m for f in policy.fields for m in f.measures]


def _check_summary(policy: Policy, diag: Diagnostics) -> None:
    if not policy.measure_summary:
        return
    by_id = {m.id: m for m in _measures(policy)}
    fields = {m.id: f.number for f in policy.fields for m in f.measures}
    if not by_id:
        diag.warn(
            MISSING_PART,
            f"the list names {len(policy.measure_summary)} measures, "
            "but the report has no 測定指標 section",
            policy.location,
        )
        return
    listed = set()
    for entry in policy.measure_summary:
        listed.add(entry.id)
        m = by_id.get(entry.id)
        if m is None:
            diag.warn(
                UNKNOWN_MEASURE,
                f"the list of measures names 測定指標{entry.id}, which has no section",
                entry.location,
            )
            continue
        if entry.field is not None and entry.field != fields[entry.id]:
            diag.warn(
                FIELD_MISMATCH,
                f"測定指標{m.id}: the list puts it under 個別分野{entry.field}, "
                f"its section stands in 個別分野{fields[entry.id]}",
                entry.location,
            )
        if entry.rating != m.rating:
            diag.warn(
                RATING_MISMATCH,
                f"測定指標{m.id}: the list says {entry.rating}, the measure says {m.rating}",
                m.location,
            )
        if entry.is_main != m.is_main:
            diag.warn(
                MAIN_MISMATCH,
                f"測定指標{m.id}: ＊ (main measure) is {entry.is_main} in the list, "
                f"{m.is_main} in the measure",
                m.location,
            )
        if make_key(entry.title) != make_key(m.title):
            diag.warn(
                TITLE_MISMATCH,
                f"測定指標{m.id}: the list calls it 「{entry.title}」, the measure 「{m.title}」",
                m.location,
            )
    for m in _measures(policy):
        if m.id not in listed:
            diag.warn(
                UNKNOWN_MEASURE, f"測定指標{m.id} is missing from the list of measures", m.location
            )


def _row(table: BudgetTable, prefix: str) -> list | None:
    for row in table.rows:
        if row.label.startswith(prefix):
            return row.values
    return None


def _check_budget_sums(table: BudgetTable, diag: Diagnostics) -> None:
    """(a)+(b)+(c) = 合計, year by year, where all four are numbers."""
    parts = [_row(table, p) for p in ("当初予算", "補正予算", "繰越")]
    total = _row(table, "合計")
    if total is None or any(p is None for p in parts):
        return
    for i, year in enumerate(table.fiscal_years):
        cells = [p[i] for p in parts] + [total[i]]
        if any(c.value is None for c in cells):
            continue
        got = sum(c.value for c in cells[:3])
        if abs(got - cells[3].value) > 1e-9:
            diag.warn(
                SUM_MISMATCH,
                f"{table.title} {year}: (a)+(b)+(c) = {got:g}, 合計 is {cells[3].raw}",
                table.location,
            )


def _check_numbering(policy: Policy, diag: Diagnostics, fragment: bool) -> None:
    numbers = [f.number for f in policy.fields if not f.implicit]
    _gaps(numbers, "個別分野", policy.location, diag, fragment)
    seen: set[str] = set()
    for f in policy.fields:
        nums = []
        for m in f.measures:
            if m.id in seen:
                diag.warn(DUPLICATE_ID, f"測定指標{m.id} appears twice", m.location)
            seen.add(m.id)
            if "-" in m.id:
                nums.append(int(m.id.split("-")[1]))
        where = f.measures[0].location if f.measures else f.location
        _gaps(nums, f"個別分野{f.number}'s 測定指標", where, diag, fragment)


def _gaps(
    numbers: list[int], what: str, where: Location, diag: Diagnostics, fragment: bool = False
) -> None:
    if not numbers:
        return
    expected = list(range(min(numbers) if fragment else 1, max(numbers) + 1))
    missing = sorted(set(expected) - set(numbers))
    if missing or numbers != sorted(numbers):
        diag.warn(
            NUMBERING_GAP,
            f"{what} are numbered {numbers}; missing {missing}"
            if missing
            else f"{what} are out of order: {numbers}",
            where,
        )

"""Values of a report keyed by what they are, so a fragment (a range of a report's pages)
can be compared with the whole report: every value the fragment holds must be the report's.

Keys name the part, never a position in a list that a fragment would shift: a measure by
its id, a year by its fiscal year, a 参考指標 by its number and series label, a budget row
by its table title, label and year.
"""

from __future__ import annotations

import regex

from hyoka_parse.models import Report

_SPACE = regex.compile(r"\s+")


def _s(value: object) -> object:
    return _SPACE.sub("", value) if isinstance(value, str) else value


def _value(v: object) -> object:
    return None if v is None else (_s(v.raw), v.value, v.unit)  # type: ignore[attr-defined]


def keyed(report: Report) -> dict[tuple, object]:
    """Every value of the report's policies and sheets under a key that says what it is."""
    out: dict[tuple, object] = {}
    for p in report.policies:
        _policy(p, out)
    for sheet in report.budget_sheets:
        for name in ("policy_name", "policy_number", "evaluation_method", "achievement", "unit"):
            out[("sheet", name)] = _s(getattr(sheet, name))
        out[("sheet", "total")] = [_value(v) for v in sheet.total]
        out[("sheet", "columns")] = [_s(c) for c in sheet.columns]
        for item in sheet.items:
            key = ("sheet", "item", item.account, item.organization, _s(item.kou), _s(item.jikou))
            out[key] = [_value(v) for v in item.values]
    return out


def _policy(p: object, out: dict[tuple, object]) -> None:
    for name in ("id", "name", "report_title", "evaluation_code", "department", "evaluation_date"):
        if getattr(p, name) is not None:
            out[("policy", name)] = _s(getattr(p, name))
    for o in p.objectives:
        out[("objective", o.number)] = _s(o.text)
    if p.result is not None:
        out[("result",)] = (_s(p.result.label), p.result.grade, _s(p.result.rationale))
    for t in p.budget:
        for row in t.rows:
            for y, v in zip(t.fiscal_years, row.values, strict=False):
                out[("budget", _s(t.title), _s(row.label), y)] = _value(v)
        out[("budget", _s(t.title), "unit")] = t.unit
    for e in p.measure_summary:
        out[("summary", e.id)] = (e.field, _s(e.title), e.is_main, e.rating)
    for i, c in enumerate(p.advisory_comments):
        out[("comment", i)] = _s(c)
    for f in p.fields:
        for m in f.measures:
            _measure(m, out)
        for r in f.reference_indicators:
            key = ("reference", r.number, _s(r.title))
            out[(*key, "source")] = _s(r.source)
            for s in r.series:
                for pt in s.values:
                    out[(*key, _s(s.label), pt.fiscal_year)] = _value(pt.value)


def _measure(m: object, out: dict[tuple, object]) -> None:
    key = ("measure", m.id)
    out[(*key, "title")] = (_s(m.title), m.is_main)
    out[(*key, "kind")] = m.kind
    out[(*key, "rating")] = m.rating
    out[(*key, "mid_term")] = (_s(m.mid_term_target.text), m.mid_term_target.fiscal_year)
    for y in m.years:
        out[(*key, y.fiscal_year, "target")] = _s(y.target)
        out[(*key, y.fiscal_year, "progress")] = _s(y.progress)
        out[(*key, y.fiscal_year, "target_value")] = _value(y.target_value)
        out[(*key, y.fiscal_year, "actual_value")] = _value(y.actual_value)


def compare(fragment: Report, reference: Report) -> tuple[int, list[tuple]]:
    """(how many of the fragment's values are the report's, the keys that are not)."""
    ref = keyed(reference)
    got = keyed(fragment)
    wrong = [k for k, v in got.items() if ref.get(k, "<absent>") != v]
    return len(got) - len(wrong), wrong

"""Pipeline stage 4: turn a report's blocks into models, with context.

Each block goes to its kind's handler (``sections.SECTIONS``). Measures are attached to
fields by their number at the end, so that a measure whose heading is printed before its
field's heading (個別分野３ in the real report) still lands in the right field.
"""

from __future__ import annotations

from hyoka_parse.diagnostics import (
    FIELD_MISMATCH,
    MISSING_PART,
    MISSING_RATING,
    RENAMED_MEASURE,
    UNKNOWN_MEASURE,
    Diagnostics,
)
from hyoka_parse.extract import field as field_x
from hyoka_parse.extract.common import after_key_prefix
from hyoka_parse.handlers import State
from hyoka_parse.models import FieldModel, Measure, Policy
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import Block
from hyoka_parse.sections import handler


def run_blocks(blocks: list[Block], diag: Diagnostics, fragment: bool = False) -> State:
    """Hand every block to its handler; measures are not yet attached to fields."""
    st = State(policy=Policy(id=None, name=None), diag=diag, fragment=fragment)
    for block in blocks:
        handler(block.kind)(block, st)
    return st


def build_policy(blocks: list[Block], diag: Diagnostics, fragment: bool = False) -> Policy:
    """The policy of a report's blocks; ``fragment``: the blocks are a range of its pages
    without the header, so fields are known by the numbers measures and headings name."""
    st = run_blocks(blocks, diag, fragment)
    _attach_measures(st)
    _attach_texts(st, st.analyses, "analysis")
    _attach_texts(st, st.directions, "next_direction")
    st.policy.fields = st.fields
    return st.policy


def _attach_measures(st: State) -> None:
    by_number = {f.number: f for f in st.fields}
    for m, container in st.measures:
        prefix = int(m.id.split("-")[0]) if "-" in m.id else None
        target = by_number.get(prefix) if prefix is not None else None
        if target is None and st.fragment and prefix is not None:
            target = by_number[prefix] = st.numbered_field(prefix, None)
        if target is None and prefix is not None and prefix > 0 and _has_headings(st):
            target = by_number[prefix] = _field_without_heading(st, prefix, m)
            st.diag.warn(
                FIELD_MISMATCH,
                f"測定指標{m.id} names 個別分野{prefix}, whose heading the input does not have; "
                f"placed in a 個別分野{prefix} without title",
                m.location,
            )
        if target is None:
            target = container or st.current_field(None)
        target.measures.append(m)
        if m.rating is None:
            st.diag.warn(MISSING_RATING, f"測定指標{m.id} has no 達成状況 rating", m.location)
        if not m.years:
            st.diag.warn(MISSING_PART, f"測定指標{m.id} has no yearly targets", m.location)


def _has_headings(st: State) -> bool:
    return any(not f.implicit for f in st.fields)


def _field_without_heading(st: State, number: int, measure: Measure) -> FieldModel:
    """個別分野 ``number``, whose heading is on a page the input lost (a breaker's trial:
    pages deleted, 7-2 and 7-3 then stood under 個別分野6): made implicit, untitled, and set
    among the fields in number order, so a measure's path says its field as its id does."""
    new = FieldModel(number=number, title="", implicit=True, location=measure.location)
    at = next((i for i, f in enumerate(st.fields) if f.number > number), len(st.fields))
    st.fields.insert(at, new)
    return new


def _complete_wrapped_title(t: field_x.MeasureText, m: Measure) -> None:
    """A 次期目標等 heading can wrap: take the rest of the measure's title off the text."""
    head, full = make_key(t.title), make_key(m.title)
    if not t.text or head == full or not full.startswith(head):
        return
    rest = full[len(head) :]
    if make_key(t.text).startswith(rest):
        t.title = m.title
        t.text = after_key_prefix(t.text, rest) or None


def _attach_texts(st: State, texts: list[field_x.MeasureText], attr: str) -> None:
    measures = {m.id: m for m, _ in st.measures}
    for t in texts:
        m = measures.get(t.id)
        if m is None:
            st.diag.warn(
                UNKNOWN_MEASURE, f"{attr} text for 測定指標{t.id}, which has no heading", t.line
            )
            continue
        if attr == "next_direction":
            _complete_wrapped_title(t, m)
        if getattr(m, attr) is not None:
            setattr(m, attr, f"{getattr(m, attr)}\n{t.text or ''}".strip())
        else:
            setattr(m, attr, t.text)
        if attr == "next_direction":
            m.next_direction_title = t.title
            if make_key(t.title) != make_key(m.title):
                st.diag.warn(
                    RENAMED_MEASURE,
                    f"次期目標等 names 測定指標{t.id} 「{t.title}」, the measure is 「{m.title}」",
                    t.line,
                )

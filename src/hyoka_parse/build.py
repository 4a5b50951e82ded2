"""Pipeline stage 4: turn a report's blocks into models, with context.

Each block goes to its kind's handler (``sections.SECTIONS``). Measures are attached to
fields by their number at the end, so that a measure whose heading is printed before its
field's heading (個別分野３ in the real report) still lands in the right field.
"""

from __future__ import annotations

from hyoka_parse.diagnostics import (
    FIELD_MISMATCH,
    LOST_HEADING,
    MISSING_PART,
    MISSING_RATING,
    RENAMED_MEASURE,
    UNKNOWN_MEASURE,
    Diagnostics,
    location,
)
from hyoka_parse.extract import field as field_x
from hyoka_parse.extract.common import after_key_prefix
from hyoka_parse.handlers import Headless, State, holds_nothing
from hyoka_parse.models import FieldModel, Measure, Policy
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import Block, Kind
from hyoka_parse.sections import REPEATED_PARTS, field_order, handler


def run_blocks(blocks: list[Block], diag: Diagnostics, fragment: bool = False) -> State:
    """Hand every block to its handler; measures are not yet attached to fields."""
    st = State(policy=Policy(id=None, name=None), diag=diag, fragment=fragment)
    for block in blocks:
        follow_field_order(block, st)
        handler(block.kind)(block, st)
    return st


def build_policy(blocks: list[Block], diag: Diagnostics, fragment: bool = False) -> Policy:
    """The policy of a report's blocks; ``fragment``: the blocks are a range of its pages
    without the header, so fields are known by the numbers measures and headings name."""
    st = run_blocks(blocks, diag, fragment)
    _warn_headless(st)
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


def follow_field_order(block: Block, st: State) -> None:
    """Open a 個別分野 whose heading the input lost (a heading line dropped, its page
    deleted: breakers' trials) where a part cannot be the open field's: it comes before a
    part the field has had (``sections.FIELD_PARTS``), it is a second of a part printed
    once, or it is a 測定指標 whose id names a later field that has no heading yet. Its
    number is the one its first 測定指標 or 評価結果 names, else the next after the fields
    so far (個別分野 are numbered 1, 2, … in order); all its parts go there, none into the
    field before."""
    if block.kind in (Kind.FIELD, Kind.EVALUATION):
        _number_leading_parts(block, st)
        if block.kind == Kind.FIELD:
            return
    order = field_order(block.kind)
    if order is None:
        return
    f = st.open_field
    if f is not None and f.number > 0 and _breaks_order(block, order, f, st):
        if _measures_ahead(block, f, st):
            st.stage, st.seen = order, set()
        else:
            _open_headless(block, f, st)
    st.stage = max(st.stage, order)
    st.seen.add(block.kind)
    _learn_number(block, st)


def _measures_ahead(block: Block, f: FieldModel, st: State) -> bool:
    """A field opened by a 測定指標 that holds nothing else, and now 施策の概要 or 関連する
    内閣の重要政策: the measure was printed ahead of its field's parts (the real report's
    3-1 stands before 個別分野３'s heading), so these parts are that field's too."""
    last = st.headless[-1] if st.headless else None
    return (
        last is not None and last.field is f and st.stage == field_order(Kind.MEASURE)
        and block.kind in (Kind.OVERVIEW, Kind.RELATED) and holds_nothing(f)
    )


def _open_headless(block: Block, f: FieldModel, st: State) -> None:
    number = max(x.number for x in st.fields) + 1
    new = FieldModel(number=number, title="", implicit=True, location=location(block.head))
    st.headless.append(Headless(new, block.head, f.number))
    st.fields.append(new)
    st.open_field, st.stage, st.seen = new, 0, set()
    st.measure = st.year = None


def _breaks_order(block: Block, order: int, f: FieldModel, st: State) -> bool:
    if order < st.stage or (block.kind in st.seen and block.kind not in REPEATED_PARTS):
        return True
    if block.kind != Kind.MEASURE or block.match is None:
        return False
    named = int(block.match["field"])
    return named > f.number and all(x.number != named for x in st.fields)


def _learn_number(block: Block, st: State) -> None:
    """A field opened without heading takes the number its first 測定指標 or 評価結果 names,
    when that number can follow the field before and no other field has it."""
    last = st.headless[-1] if st.headless else None
    if last is None or last.numbered or last.field is not st.open_field or block.match is None:
        return
    groups = block.match.groupdict()
    named = groups.get("field") or (groups.get("num") if block.kind == Kind.EVALUATION else None)
    if named is None:
        return
    number = int(named)
    taken = {f.number for f in st.fields if f is not last.field}
    if number > last.after and number not in taken:
        last.field.number = number
        last.numbered = True


def _number_leading_parts(block: Block, st: State) -> None:
    """Parts before a policy's first 個別分野 heading are a field whose heading is lost, not
    the implicit field 0 of a policy without 個別分野: its number is the one a 評価結果
    (個別分野N) among them names, else one less than the first heading's (a policy
    without 個別分野 prints neither)."""
    f = st.open_field
    if st.fragment or block.match is None or (f is not None and not _leading(f, st)):
        return
    if block.kind == Kind.EVALUATION:
        number = int(block.match["num"])
        f = st.current_field(block.head)
    else:
        number = int(block.match["num"]) - 1
        if f is None or holds_nothing(f):
            return
    if number < 1 or any(x.number == number for x in st.fields):
        return
    f.number, f.title = number, ""
    st.headless.append(Headless(f, f.location, None, numbered=True))


def _leading(f: FieldModel, st: State) -> bool:
    return f.implicit and f.number == 0 and all(h.field is not f for h in st.headless)


def _warn_headless(st: State) -> None:
    for h in st.headless:
        n = h.field.number
        after = (
            f"come after the last parts of 個別分野{h.after} in the format's order"
            if h.after is not None
            else "come before the first 個別分野 heading"
        )
        st.diag.warn(
            LOST_HEADING,
            f"個別分野{n} has no heading in the input: its parts from here on {after}; "
            f"read into a 個別分野{n} without title",
            h.where,
        )


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

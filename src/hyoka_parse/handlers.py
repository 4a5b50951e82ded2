"""What each block kind does to the report being built: one handler per kind.

Blocks come in document order; a small ``State`` remembers the current field, measure and
year. A handler calls the extractor for its kind and files the result. The handlers are
registered with their detectors in ``sections.SECTIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from hyoka_parse.diagnostics import (
    LABEL_MISMATCH,
    LOST_HEADING,
    PAGE_GAP,
    Diagnostics,
    location,
)
from hyoka_parse.extract import field as field_x
from hyoka_parse.extract import measure as measure_x
from hyoka_parse.extract.quantitative import quantitative
from hyoka_parse.extract.reference import reference
from hyoka_parse.models import FieldModel, Location, Measure, MeasureYear, MidTermTarget, Policy
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import Block
from hyoka_parse.source import Line
from hyoka_parse.values import era_year


@dataclass
class Headless:
    """A 個別分野 whose heading the input lost, opened where its parts break the order of the
    field before (``build.follow_field_order``)."""

    field: FieldModel
    where: Line | Location  # the heading of its first part
    after: int | None  # the number of the field whose parts it follows; None: the first
    numbered: bool = False  # a 測定指標 or 評価結果 named its number (not the order alone)


@dataclass
class State:
    policy: Policy
    diag: Diagnostics
    fields: list[FieldModel] = field(default_factory=list)
    open_field: FieldModel | None = None
    measures: list[tuple[Measure, FieldModel | None]] = field(default_factory=list)
    measure: Measure | None = None
    year: MeasureYear | None = None
    analyses: list[field_x.MeasureText] = field(default_factory=list)
    directions: list[field_x.MeasureText] = field(default_factory=list)
    fragment: bool = False  # a range of a report's pages: fields are known by their numbers
    stage: int = 0  # the furthest part (sections.field_order) the open field has reached
    seen: set[str] = field(default_factory=set)  # the kinds of part the open field has had
    headless: list[Headless] = field(default_factory=list)
    rated: Measure | None = None  # the measure an achievement (達成状況) line rated last

    def numbered_field(self, number: int, line: Line | None) -> FieldModel:
        """In a fragment, the field a number names (its heading may be on an absent page).
        Parts read before any number was named (an implicit field 0) are that field's."""
        for f in self.fields:
            if f.number == number:
                return f
        for f in self.fields:
            if f.implicit and f.number == 0:
                f.number = number
                return f
        new = FieldModel(number=number, title="", implicit=True, location=location(line))
        self.fields.append(new)
        return new

    def current_field(self, line: Line | None) -> FieldModel:
        """The field a part belongs to; a policy without 個別分野 gets one implicit field."""
        if self.open_field is None:
            self.open_field = FieldModel(
                number=0,
                title=self.policy.name or "",
                implicit=True,
                location=location(line),
            )
            self.fields.append(self.open_field)
        return self.open_field


Handler = Callable[[Block, State], None]


def header(extractor: Callable) -> Handler:
    return lambda block, st: extractor(block, st.policy, st.diag)


def on_field(block: Block, st: State) -> None:
    new = field_x.field(block)
    start = st.open_field
    if st.fragment and start is not None and start.implicit and start.number == 0:
        # The input starts inside the field before this one: 個別分野 are numbered 1, 2, …
        # in order, so its number is known though its heading is on an absent page.
        start.number = new.number - 1 if new.number > 1 else 0
    elif st.fragment and start is not None and _misnumbered(start, new.number, st):
        st.diag.warn(
            LABEL_MISMATCH,
            f"the text before 個別分野{new.number}'s heading was numbered {start.number} by "
            f"its 評価結果 heading; a page range holds the fields in turn, so parsed into "
            f"{new.number - 1}",
            block.head,
        )
        start.number = new.number - 1
    # A measure whose heading came before this field's heading keeps going (3-1 trap).
    if st.measure is not None and not st.measure.id.startswith(f"{new.number}-"):
        st.measure = st.year = None
    st.stage, st.seen = 0, set()
    if _heading_of_headless(new, st):
        return
    st.open_field = new
    st.fields.append(new)


def _misnumbered(start: FieldModel, number: int, st: State) -> bool:
    """Whether a fragment's first field, opened without its heading and numbered by a
    評価結果 heading alone (no 測定指標 of its own), names another number than the one
    before ``number``: the report misprints that heading (個別分野9 ends with 評価結果(個別
    分野１); a breaker's trial cut pages 58-61, its analysis and directions went to a
    field 1), and a page range holds its fields in turn, so it is ``number - 1``."""
    return (
        start.implicit and number > 1 and start.number not in (0, number - 1)
        and not any(c is start for _, c in st.measures)
        and all(f.number != number - 1 for f in st.fields)
    )


def _heading_of_headless(new: FieldModel, st: State) -> bool:
    """A heading right after the parts of a field opened without one: a 測定指標 printed
    before its field's heading (the real report's 3-1) opened a field that holds nothing
    yet, which the heading replaces; parts that came first under the number the heading
    names are that field's (the heading takes them over). True when ``new`` is taken over."""
    last = st.headless[-1] if st.headless else None
    if last is None or last.field is not st.open_field:
        return False
    if last.field.number == new.number:
        st.headless.pop()
        last.field.title, last.field.implicit = new.title, False
        last.field.location = new.location
        return True
    if holds_nothing(last.field):
        st.headless.pop()
        st.fields.remove(last.field)
        st.measures = [(m, new if c is last.field else c) for m, c in st.measures]
    return False


def holds_nothing(f: FieldModel) -> bool:
    return not (
        f.overview or f.related_policies or f.reference_indicators or f.materials
        or f.policy_direction or f.analysis or f.measures_direction
    )


def on_overview(block: Block, st: State) -> None:
    st.current_field(block.head).overview += field_x.items(block)


def on_related(block: Block, st: State) -> None:
    st.current_field(block.head).related_policies += field_x.references(block)


def on_measure(block: Block, st: State) -> None:
    st.measure = measure_x.measure(block, st.diag)
    st.year = None
    st.measures.append((st.measure, st.open_field))


def needs_measure(handler: Callable[[Block, State, Measure], None]) -> Handler:
    def run(block: Block, st: State) -> None:
        if st.measure is None:
            st.diag.unplaced(block.lines, f"{block.kind} outside any 測定指標")
            return
        handler(block, st, st.measure)

    return run


def on_mid_term(block: Block, st: State, m: Measure) -> None:
    if m.mid_term_target != MidTermTarget() or m.years:
        # a measure prints its 中期目標 once, before its years (a breaker's trial: with
        # 1-2's heading lost, its 中期目標 replaced 1-1's)
        _lost_heading(block, st, m, "a second 中期目標 comes")
        return
    measure_x.mid_term(block, m)


def on_quant_table(block: Block, st: State, m: Measure) -> None:
    if m.years:
        # one grid a measure: a second is a later measure's (5-4's, its heading lost,
        # went into 5-3's notes)
        _lost_heading(block, st, m, "a second grid comes")
        return
    quantitative(block, m, st.diag)


def on_year_target(block: Block, st: State, m: Measure) -> None:
    year = era_year(make_key(block.head.text))
    if year is not None and any((y.fiscal_year or 0) >= year for y in m.years):
        # a measure prints its years once, in order: this 年度目標 is a later measure's,
        # whose heading the input lost (a page dropped from a text; a breaker's trial)
        _lost_heading(block, st, m, f"its {block.head.text.strip()} comes again")
        return
    st.year = measure_x.year_target(block, m)


def on_achievement(block: Block, st: State, m: Measure) -> None:
    if st.rated is m:
        _lost_heading(block, st, m, "a second rating (達成状況) comes")
        return
    measure_x.achievement(block, m, st.diag)
    st.rated = m


def _lost_heading(block: Block, st: State, m: Measure, what: str) -> None:
    """Parts after a measure's own that are a later measure's: its heading was lost. They
    are unplaced, said, and no measure is open until the next 測定指標 heading."""
    st.diag.warn(
        LOST_HEADING,
        f"測定指標{m.id}: {what}; a later measure's heading is lost, its parts up to the "
        "next 測定指標 heading are not placed",
        block.head,
    )
    st.diag.unplaced(block.lines, f"after 測定指標{m.id}")
    st.measure = st.year = None


def on_progress(block: Block, st: State, m: Measure) -> None:
    if st.year is None or st.year.progress is not None:
        st.diag.unplaced(block.lines, f"測定指標{m.id}: 施策の進捗状況・実績 without its 年度目標")
        return
    measure_x.progress(block, st.year)


def on_reference(block: Block, st: State) -> None:
    st.current_field(block.head).reference_indicators.append(reference(block, st.diag))
    st.measure = st.year = None


def on_evaluation(block: Block, st: State) -> None:
    named = int(block.match["num"])
    if st.fragment and (st.open_field is None or st.open_field.implicit):
        number = _named_by_measures(st) or named
        st.open_field = st.numbered_field(number, block.head)
    f = st.current_field(block.head)
    if named != f.number:
        st.diag.warn(
            LABEL_MISMATCH,
            f"heading 評価結果(個別分野{named}) stands inside 個別分野{f.number}; "
            f"parsed into {f.number}",
            block.head,
        )
    st.measure = st.year = None
    st.diag.unplaced(block.body, "評価結果")


def _named_by_measures(st: State) -> int | None:
    """The one field number the ids of the open field's 測定指標 name, if they agree.

    In a fragment the 評価結果 heading is the first number a field prints, and the report
    itself misprints it (the corpus's 個別分野9 ends with 評価結果(個別分野１), a breaker's
    trial): the measures read before it say which field the text stands in."""
    numbers = {
        m.id.split("-")[0] for m, container in st.measures
        if container is st.open_field and "-" in m.id
    }
    if len(numbers) != 1:
        return None
    only = numbers.pop()
    return int(only) if only.isdigit() and int(only) > 0 else None


def field_text(attr: str) -> Handler:
    """施策の分析 / 次期目標等 text that stands directly under the heading, if any."""

    def run(block: Block, st: State) -> None:
        body = _rating_left_over(block.body, st) if attr == "analysis" else block.body
        text = measure_x.body_text(body)
        if text:
            f = st.current_field(block.head)
            setattr(f, attr, f"{getattr(f, attr)}\n{text}" if getattr(f, attr) else text)

    return run


def _rating_left_over(lines: list[Line], st: State) -> list[Line]:
    """施策の分析's text without a grid's rating column printed at its head, which goes to
    the last measure read when that one has no rating (``field.rating_left_over``)."""
    last = st.measures[-1][0] if st.measures else None
    if last is None or last.rating is not None:
        return lines
    rating, rest = field_x.rating_left_over(lines)
    if rating is not None:
        last.rating = rating
    return rest


def on_direction_policy(block: Block, st: State) -> None:
    st.current_field(block.head).policy_direction = field_x.bracketed_text(block, "【施策")


def on_materials(block: Block, st: State) -> None:
    st.current_field(block.head).materials += field_x.references(block)
    st.measure = st.year = None


def on_page_gap(block: Block, st: State) -> None:
    """Pages were left out (or come out of order) before this point: the text up to the
    next heading runs on from a page that is not there, and a 年度目標 or a rating after it
    may be another measure's than the one read last (a breaker's trial: one page dropped
    from a text put 3-2's 年度目標 under 3-1). That text is unplaced, said, and no measure
    is open until the next 測定指標 heading."""
    st.diag.warn(
        PAGE_GAP,
        f"pages are missing or out of order before page {block.head.page}: what follows "
        "up to the next heading is not placed, and no 測定指標 goes on across the gap",
        block.head,
    )
    st.diag.unplaced([ln for ln in block.body if ln.text.strip()], "after a gap in the pages")
    st.measure = st.year = None


def on_start(block: Block, st: State) -> None:
    st.diag.unplaced(block.body, "before the first heading")

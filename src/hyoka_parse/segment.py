"""Pipeline stage 3: cut the normalised lines into documents and blocks.

A *block* is a heading line plus the body lines up to the next heading. Which lines are
headings is decided by the detectors of ``sections.SECTIONS``, tried in order over the
shared ``rules.Cursor``; a section's ``enter`` hook updates what the cursor knows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.rules import POLICY_TITLE, REPORT_TITLE, SHEET_START, Block, Cursor, Kind
from hyoka_parse.sections import classify


@dataclass(slots=True)
class Region:
    """A document in the input: a policy report or a 別紙 budget sheet."""

    # "policy" | "fragment" (pages of a report without its title) | "budget_sheet" | "unplaced"
    kind: str
    lines: list[Line]
    blocks: list[Block] = field(default_factory=list)


def segment_blocks(lines: list[Line], first: Block, zone: str = "header") -> list[Block]:
    """Cut ``lines`` into blocks, starting inside ``first`` in ``zone``."""
    blocks = [first]
    c = Cursor(lines=lines, i=0, zone=zone, section=first.kind)
    while c.i < len(lines):
        if c.line.after_gap:
            # what follows a gap in the pages runs on from nothing before it
            gap = Line(no=c.line.no, page=c.line.page, text="")
            blocks.append(Block(Kind.PAGE_GAP, gap))
        hit = classify(c)
        if hit:
            kind, m = hit
            blocks.append(Block(kind, c.line, match=m))
        else:
            blocks[-1].body.append(c.line)
        c.i += 1
    return blocks


def segment_policy(lines: list[Line]) -> list[Block]:
    """Cut one policy report (from its title line) into blocks."""
    title = Block(Kind.POLICY_TITLE, lines[0], match=POLICY_TITLE.match(lines[0].key))
    return segment_blocks(lines[1:], title)


# How far from the 施策 line the report title (令和３年度政策評価書) may stand. Above it: a
# line or two. Below it: the header's label cells (施策名（※）, 施策目標, a wrapped
# 施策の予算額・執行額等 …) may come first where an extractor reads the label column before
# the content (pdftotext default mode, a proportional font: 8 lines on one rendition).
# Where the page is known, anywhere on the 施策 line's page: the default mode may read the
# header's whole table, budget amounts and all, before the title (43 lines, Chromium's
# Type 3 fonts, Noto Sans CJK; held-out set 9).
_TITLE_ABOVE = 3
_TITLE_BELOW = 16


def _title_window(lines: list[Line], i: int) -> range:
    """Indexes of the lines where the report title of the 施策 line ``lines[i]`` may
    stand: a few lines around it, widened to its whole page when its page is known."""
    lo, hi = max(0, i - _TITLE_ABOVE), min(len(lines), i + _TITLE_BELOW + 1)
    page = lines[i].page
    if page is not None:
        while hi < len(lines) and lines[hi].page == page:
            hi += 1
    return range(lo, hi)


def _is_policy_title(lines: list[Line], i: int) -> bool:
    if not POLICY_TITLE.match(lines[i].key):
        return False
    return any(REPORT_TITLE.match(lines[j].key) for j in _title_window(lines, i))


def split_regions(lines: list[Line]) -> list[Region]:
    """Split the input into 別紙 budget sheets and policy reports, in input order."""
    starts = [i for i in range(len(lines)) if _is_policy_title(lines, i)]
    regions: list[Region] = []
    prev = 0
    for n, start in enumerate(starts):
        # The report title may be printed just above the 施策 line: keep it with the policy.
        while start > prev and REPORT_TITLE.match(lines[start - 1].key):
            start -= 1
        regions.extend(_preamble_regions(lines[prev:start]))
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        policy_lines = lines[start:end]
        regions.append(Region("policy", policy_lines))
        prev = end
    if not starts:
        regions.extend(_fragment_regions(lines))
    for region in regions:
        if region.kind == "policy":
            region.blocks = segment_policy(_title_first(region.lines))
    return _move_trailing_sheets(regions)


# Labels only the header part of a report prints (its first pages), and headings only the
# per-field part prints: a fragment (a range of a report's pages) is read in the zone its
# first such line belongs to.
_HEADER_LABEL = regex.compile(
    r"^(?:施策名|施策目標|施策の予算|目標達成度|学識経験|担当部局|政策評価実施)"
)
_BODY_HEADING = regex.compile(
    r"^(?:個別分野\d|測定指標\d|参考指標\d*:|評価結果\(個別分野|施策の進捗状況|"
    r"(?:平成|令和)(?:元|\d+)年度目標$|中期目標\(|施策の分析$|次期目標等)"
)
# A fragment needs blocks of two kinds to be read as one; these say too little on their
# own (a bracketed note, a lone (判断根拠) could stand in any document).
_FRAGMENT_EVIDENCE = 2
_WEAK = {Kind.START, Kind.POLICY_NOTE, Kind.RATIONALE}


def _fragment_regions(lines: list[Line]) -> list[Region]:
    """Regions of an input without a 施策 title: budget sheets, or a fragment of a report
    (a range of its pages), read as a policy whose header is absent."""
    regions = _preamble_regions(lines)
    last = regions[-1] if regions else None
    if last is None or last.kind != "unplaced":
        return regions
    zone = "header"
    for ln in last.lines:
        if _HEADER_LABEL.match(ln.key):
            break
        if _BODY_HEADING.match(ln.key):
            zone = "body"
            break
    blocks = segment_blocks(last.lines, Block(Kind.START, Line(0, None, "")), zone=zone)
    if len({b.kind for b in blocks} - _WEAK) < _FRAGMENT_EVIDENCE:
        return regions
    return [*regions[:-1], Region("fragment", last.lines, blocks)]


_CODE_LINE = regex.compile(r"^[（(][^（()）]+[）)]$")  # （外務省２－Ⅱ－１）


def _title_first(lines: list[Line]) -> list[Line]:
    """Put the 施策 title line first, then the report title (令和３年度政策評価書) and the
    code printed under it where they stand within the title's window, after header labels
    an extractor printed first (see ``_TITLE_BELOW``)."""
    i = next((i for i, ln in enumerate(lines) if POLICY_TITLE.match(ln.key)), None)
    if i is None:
        return lines
    head = [i]
    below = (j for j in _title_window(lines, i) if j > i)
    j = next((j for j in below if REPORT_TITLE.match(lines[j].key)), None)
    if j is not None:
        head.append(j)
        if j + 1 < len(lines) and _CODE_LINE.match(lines[j + 1].key):
            head.append(j + 1)
    rest = [ln for k, ln in enumerate(lines) if k not in head]
    return [lines[k] for k in head] + rest


def _preamble_regions(lines: list[Line]) -> list[Region]:
    """The lines before a report: a 別紙 sheet where one starts, else unplaced lines. A
    sheet ends where a report's header label or body heading starts (a 施策 title that
    could not be told as one must not make the whole report a sheet's rows)."""
    if not lines:
        return []
    for i, ln in enumerate(lines):
        if SHEET_START.match(ln.key):
            out = [Region("unplaced", lines[:i])] if i else []
            end = next(
                (j for j in range(i + 1, len(lines)) if _report_line(lines[j])), len(lines)
            )
            after = [Region("unplaced", lines[end:])] if end < len(lines) else []
            return [*out, Region("budget_sheet", lines[i:end]), *after]
    return [Region("unplaced", lines)]


def _report_line(line: Line) -> bool:
    return bool(_HEADER_LABEL.match(line.key) or _BODY_HEADING.match(line.key))


def _move_trailing_sheets(regions: list[Region]) -> list[Region]:
    """A 別紙 sheet that starts inside the previous policy's tail becomes its own region."""
    out: list[Region] = []
    for region in regions:
        if region.kind == "policy" and region.blocks:
            tail = region.blocks[-1]
            for j, ln in enumerate(tail.body):
                if ln.key.startswith(("別紙", "【政策ごとの予算額】")):
                    out.append(region)
                    out.append(Region("budget_sheet", tail.body[j:]))
                    del tail.body[j:]
                    region.lines = [ln for b in region.blocks for ln in b.lines]
                    break
            else:
                out.append(region)
        else:
            out.append(region)
    return out

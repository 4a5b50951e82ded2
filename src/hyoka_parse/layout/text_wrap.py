"""Text hard-wrapped at a fixed width: the numbers the wrap cut, joined again.

A text passed through ``fold -w 72``, a mail client or an editor's hard wrap has every line
that was wider than the width cut where it reaches it, whatever stands there: in the middle
of a word, of a URL, of a number (別紙 ``54,349,436`` printed as ``5`` at a line's end and
``4,349,436`` on the next; a breaker's trial). A number read from one piece is a shorter,
wrong number, so the pieces of a number are joined before anything reads the lines; the
rest of a cut line stays where the wrap put it (a line that fills the width exactly is no
evidence of a cut: an extractor's line can be that wide, and joining it with the next
would merge two rows).

The wrap is told from the text as a whole: with the width the wrapper counted (display
columns, full width two, or characters) the widest lines are not a few long ones
but a large share of all lines, all at the width or one character short of it, and one
of them at least ends in the middle of a run of letters or digits (a typesetter's line
break does that only inside a long URL). A text taken for wrapped that is not (a page range
of justified prose, whose lines are all as wide) loses nothing: a typesetter does not break
a number, so no line of it ends in one number's digits with the next line going on in them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.values import is_null_mark, parse_rating, parse_value, value_tokens
from hyoka_parse.vocab import display_width

# How a wrapper counts a line's width, and the widest one character can be in that count
# (a line stops short of the width by less than that when the next character does not fit).
_MEASURES: dict[str, tuple[Callable[[str], int], int]] = {
    "display columns": (display_width, 2),
    "characters": (len, 1),
}
# A hard wrap: at least this share of the non-blank lines at the width, and at least this
# many (the extractors' texts of the whole real report: 3 lines of 6000 or fewer; wrapped
# at 60 or 72 columns: 39 % to 42 %; its header pages wrapped at 40 characters: 16 lines,
# 8 %). A page range of justified prose has as many at its width (up to 60 % in the cases
# of tests/fixtures and ../shared/cases), none of them cut inside a word or a number.
_MIN_SHARE = 0.05
_MIN_FULL = 8
_ALNUM = regex.compile(r"[\p{Latin}\p{Nd}]")
# A number cut by the wrap: the line ends in its digits (or in a digit and its comma or
# decimal point) and the next line goes on with its digits.
_NUMBER_HEAD = regex.compile(r"\p{Nd}[,，.．]?$")
_NUMBER_TAIL = regex.compile(r"^[,，.．]?\p{Nd}")
# A row of numbers cut between two of them: the line ends in a number, the next line is
# the space the wrap cut at and the next number (別紙 ``4,753,731`` / `` 5,126,489``).
_NEXT_NUMBER = regex.compile(r"^[ \u3000]+\p{Nd}")


@dataclass(frozen=True, slots=True)
class Wrap:
    unit: str  # "display columns" | "characters"
    width: int


def hard_wrap(lines: list[Line]) -> Wrap | None:
    """The width the text is hard-wrapped at, or None for a text whose lines are as the
    extractor wrote them."""
    texts = [ln.text for ln in lines if ln.text.strip()]
    for unit, (measure, widest) in _MEASURES.items():
        sizes = [measure(t) for t in texts]
        if not sizes:
            return None
        width = max(sizes)
        full = [t for t, size in zip(texts, sizes, strict=True) if size > width - widest]
        if len(full) < max(_MIN_FULL, _MIN_SHARE * len(texts)):
            continue
        wrap = Wrap(unit, width)
        if _word_cut(lines, wrap):
            return wrap
    return None


def _cut(line: Line, following: Line, wrap: Wrap) -> bool:
    """Whether ``line`` stops where the wrap cut it: the next line's first character on the
    same page would not have fitted."""
    if not line.text or not following.text or line.page != following.page:
        return False
    measure = _MEASURES[wrap.unit][0]
    return measure(line.text) + measure(following.text[0]) > wrap.width


def _word_cut(lines: list[Line], wrap: Wrap) -> bool:
    return any(
        _cut(a, b, wrap)
        and (
            (_ALNUM.match(a.text[-1:]) and _ALNUM.match(b.text[:1]))
            or (_NUMBER_HEAD.search(a.text) and _NUMBER_TAIL.match(b.text))
        )
        for a, b in pairwise(lines)
    )


def _numbers_cut(line: Line, following: Line) -> bool:
    if _NUMBER_HEAD.search(line.text) and _NUMBER_TAIL.match(following.text):
        return True
    return bool(line.text[-1:].isdigit() and _NEXT_NUMBER.match(following.text))


def join_cut_numbers(lines: list[Line]) -> tuple[list[Line], list[tuple[str, str, Line]]]:
    """``lines`` with each number a hard wrap cut joined: the line that ends in the number's
    first digits (or in a number, the next line going on with the next) takes the next line
    (the rest of the line the wrap cut) onto it. A
    ``hard_wrapped`` warning (``(code, message, line)``) says the width and how many."""
    wrap = hard_wrap(lines)
    if wrap is None:
        return lines, []
    out: list[Line] = []
    joined = 0
    for line in lines:
        last = out[-1] if out else None
        if last is not None and _numbers_cut(last, line) and _cut(last, line, wrap):
            out[-1] = replace(last, text=last.text + line.text)
            joined += 1
            continue
        out.append(line)
    from hyoka_parse.diagnostics import HARD_WRAPPED  # diagnostics imports the sources

    message = (
        f"the text is hard-wrapped at {wrap.width} {wrap.unit}: lines that reached the width "
        f"were cut wherever they stood; {joined} number(s) cut at a line's end are joined "
        "with their rest on the next line, texts and rows cut elsewhere are read as they stand"
    )
    return out, [(HARD_WRAPPED, message, Line(1, lines[0].page if lines else None, ""))]


# A number its narrow cell cut after its decimal point or a comma (82. / 9％, 1, / 234件).
_CUT_NUMBER = regex.compile(r"^[△▲]?[0-9０-９][0-9０-９,，]*[.,．，]$")
_TOKEN = regex.compile(r"\S+")


def join_cut_cells(lines: list[Line]) -> tuple[list[Line], list[tuple[str, str, Line]]]:
    """``lines`` with each row of numbers its cells cut after a point or comma joined to
    their rests on the next line: ``82. 75. 78. 85.`` / ``9％ 0％ 0％ 2%`` is 82.9％ …
    (a grid of narrow cells; breakers' trials, in -layout, -raw, pdfplumber and default
    text). A number that ends in its point is never whole, so the next line's row holds
    its rest; that row's other cells (a value that fit, a dash, the rating) are whole.
    The row is rebuilt on the next line, where its cells stand, in their order; text
    before the cut numbers (a note column's piece) stays on theirs. Where two cut numbers
    or more stand over a row they go on in more than one way (or none), neither is read:
    both are left out, with an ``unparsed_table`` warning ``(code, message, line)``."""
    from hyoka_parse.diagnostics import UNPARSED_TABLE  # diagnostics imports the sources

    out = list(lines)
    warnings: list[tuple[str, str, Line]] = []
    k = 0
    while k + 1 < len(out):
        cut = _cut_end(out[k])
        joined = _cells_joined(out[k], cut, out[k + 1]) if cut else None
        if cut and joined is None and (untold := _untold(out[k], cut, out[k + 1])) is not None:
            *joined, message = untold
            warnings.append((UNPARSED_TABLE, message, out[k]))
        if joined is None:
            k += 1
            continue
        out[k : k + 2] = [ln for ln in joined if ln.text.strip()]
        k += 1
    return out, warnings


def _cut_end(line: Line) -> list[regex.Match[str]]:
    """The cut numbers ``line`` ends in (``… 82. 75. 78.``), or [] when it does not end in
    them only."""
    tokens = list(_TOKEN.finditer(line.text))
    cut = [m for m in tokens if _CUT_NUMBER.match(m.group())]
    return cut if cut and cut == tokens[len(tokens) - len(cut) :] else []


def _cells(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """A line's cells (``_spans``) and their texts."""
    spans = _spans(text)
    return spans, [text[a:b] for a, b in spans]


def _untold(
    line: Line, cut: list[regex.Match[str]], following: Line
) -> tuple[Line, Line, str] | None:
    """(``line`` without its ``cut`` numbers, ``following`` without its row, what was left
    out) where there are two cut numbers or more and ``following`` ends in a row of two
    numbers or more that ``_cells_joined`` could not pair with them (``82. 80. …`` over
    ``90％ 0％ 2％ …``: 90％ may be whole or 82.'s rest; a breaker's trial), else None."""
    if len(cut) < 2:
        return None
    spans, cells = _cells(following.text)
    start = next((n for n, c in enumerate(cells) if c[:1].isdigit()), len(cells))
    if sum(1 for c in cells[start:] if c[:1].isdigit()) < 2:
        return None
    cuts, row = " ".join(m.group() for m in cut), following.text[spans[start][0] :].strip()
    message = (
        f"numbers cut after their point ({cuts}) over a row ({row}) they go on in more "
        "than one way, or none: neither is read"
    )
    kept = line.text[: cut[0].start()].rstrip()
    rest = following.text[: spans[start][0]].rstrip()
    return replace(line, text=kept), replace(following, text=rest), message


def _spans(text: str) -> list[tuple[int, int]]:
    """Where a line's cells stand: its runs of non-space, a unit printed apart (``400 部``)
    with its number (values.value_tokens)."""
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        if spans and len(value_tokens(text[spans[-1][0] : m.end()])) == 1:
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def _whole(cell: str) -> bool:
    return parse_value(cell).value is not None or is_null_mark(cell) or bool(parse_rating(cell))


def _pairing(cut: list[str], row: list[str]) -> list[int] | None:
    """The one way the ``cut`` numbers go on in ``row``'s cells, in order (the index of
    each one's rest), every other cell whole; None when there is none or more than one."""
    found: list[list[int]] = []

    def walk(i: int, j: int, taken: list[int]) -> None:
        if len(found) > 1:
            return
        if i == len(cut):
            if all(_whole(row[x]) for x in range(j, len(row))):
                found.append(taken)
            return
        for x in range(j, len(row)):
            rest = row[x]
            if rest[:1].isdigit() and parse_value(cut[i] + rest).value is not None:
                walk(i + 1, x + 1, [*taken, x])
            if not _whole(rest):
                return  # a cell that is neither a rest nor whole: no row

    walk(0, 0, [])
    return found[0] if len(found) == 1 else None


def _cells_joined(
    line: Line, cut: list[regex.Match[str]], following: Line
) -> tuple[Line, Line] | None:
    """(``line`` without the ``cut`` numbers it ends in, ``following`` with its row's cells
    whole), or None when ``following`` does not end in a row they go on in one way (text
    before the row stays: a note column's piece)."""
    spans, cells = _cells(following.text)
    start = next((n for n, c in enumerate(cells) if _whole(c) or c[:1].isdigit()), len(cells))
    if any(not (_whole(c) or c[:1].isdigit()) for c in cells[start:]):
        return None  # text among the row's cells: no row
    pairing = _pairing([m.group() for m in cut], cells[start:])
    if pairing is None:
        return None
    text = following.text
    for m, x in reversed(list(zip(cut, pairing, strict=True))):
        a, b = spans[start + x]
        spaces = len(text[b:]) - len(text[b:].lstrip(" "))
        room = min(max(spaces - 1, 0), display_width(m.group()))
        text = text[:a] + m.group() + text[a:b] + text[b + room :]
    kept = line.text[: cut[0].start()].rstrip()
    return replace(line, text=kept), replace(following, text=text)

"""Turning runs of lines into text values.

The PDF wraps every line at the cell edge. A value joins wrapped Japanese lines
with no space and keeps paragraph and list-item boundaries as ``\\n``. Where a
paragraph ends is read from three signals, strongest first: the extractor's
trailing space (Word puts one at every hard line break), a list marker at the
start of the next line after a sentence end, and a sentence end on a line that is
clearly shorter than the block's full lines.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import pairwise

import regex

from hyoka_parse.source import Line
from hyoka_parse.vocab import SENTENCE_END

# Markers that start a list item whatever came before (Word never wraps a line before them).
_STRONG_MARKER = regex.compile(r"^[・･●○〇◎■□◆◇※【]")
# Markers that start an item only after a sentence end: ``23 年と比較すると`` and
# ``①翻訳事業、`` / ``②英文ジャーナル…`` can be wraps inside a sentence.
_NUMBER_MARKER = regex.compile(
    r"^(?:(?:[0-9０-９]{1,2}|[ア-ン])[\s\u3000]|[①-⑳㉑-㉟]|[（(](?:[0-9０-９]+|注)[）)])"
)
_CJK_SPACE = regex.compile(
    r"(?<=[\p{Han}\p{Hiragana}\p{Katakana}、。・（）「」『』ー])[ \u3000]+"
    r"(?=[\p{Han}\p{Hiragana}\p{Katakana}、。・（）「」『』ー])"
)


class _Widths(dict[str, int]):
    """Each character's display width (2: East Asian Wide or Fullwidth), looked up once."""

    def __missing__(self, char: str) -> int:
        width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if len(self) < 65_536:  # bounded, whatever characters an input holds
            self[char] = width
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    return sum(map(_WIDTHS.__getitem__, text))


def _ends_paragraph(prev: str, prev_raw: str, nxt: str, full_width: int, hint: bool | None) -> bool:
    if hint is not None:  # the layout knows (PDF)
        return hint
    if prev_raw != prev_raw.rstrip() and not prev[-1:].isascii():
        return True
    if _STRONG_MARKER.match(nxt):
        return True
    if prev.endswith(SENTENCE_END):
        if _NUMBER_MARKER.match(nxt):
            return True
        return display_width(prev) < full_width - 4
    return False


def _short_in_paged_text(line: Line, text: str, full_width: int) -> bool:
    """In text an extractor wrote page by page (form feeds; no trailing space marks a
    paragraph's end, as in the corpus text), a line clearly shorter than the block's full
    lines ends its paragraph: Japanese text wraps only at the full width."""
    return (
        line.page is not None
        and line.para_end is None
        and line.text == line.text.rstrip()
        and display_width(text) < full_width - 8
    )


def join_paragraphs(lines: Sequence[Line]) -> str:
    """Join wrapped lines into text with ``\\n`` between paragraphs/list items."""
    texts = [(ln, ln.text.strip(" \u3000\t")) for ln in lines]
    texts = [(ln, t) for ln, t in texts if t]
    if not texts:
        return ""
    full = max(display_width(t) for _, t in texts)
    out = [texts[0][1]]
    for (prev_ln, prev), (cur_ln, cur) in pairwise(texts):
        raw = prev_ln.text
        if _ends_paragraph(prev, raw, cur, full, prev_ln.para_end) or _short_in_paged_text(
            prev_ln, prev, full
        ):
            out.append("\n")
        elif prev_ln.para_end is not None:
            if raw != raw.rstrip() or cur_ln.text != cur_ln.text.lstrip():
                out.append(" ")  # a space at the wrap, as the layout has it
        elif raw != raw.rstrip() and prev[-1:].isascii() and prev[-1:].isalnum():
            out.append(" ")  # a space the source had before the wrap stays
        out.append(cur)
    return "".join(out)


def paragraphs(lines: Sequence[Line]) -> list[str]:
    text = join_paragraphs(lines)
    return [p for p in text.split("\n") if p]


def join_cell(texts: Sequence[str]) -> str:
    """Join the fragments of a narrow table cell (or a wrapped title).

    Narrow cells are justified, so the extractor puts spaces between their
    characters (``多 く の 国``); those go. A space before a wrap after Latin text
    (``PKO`` / ``及び``) stays.
    """
    parts: list[str] = []
    last = ""  # the last character joined so far
    pending_space = False
    for raw in texts:
        t = raw.strip(" \u3000\t")
        if not t:
            continue
        after_latin = last.isascii() and last.isalnum()
        if after_latin and (raw != raw.lstrip() or t[:1].isascii() or pending_space):
            parts.append(" ")
        parts.append(t)
        last = t[-1]
        pending_space = raw != raw.rstrip()
    return _CJK_SPACE.sub("", "".join(parts))


def squeeze_cjk_spaces(text: str) -> str:
    return _CJK_SPACE.sub("", text)

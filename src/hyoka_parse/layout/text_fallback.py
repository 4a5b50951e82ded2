"""Glyphs a producer set in a fallback font, put back where ``pdftotext -raw`` left a gap.

A font without Roman numerals (Ricty Diminished, Sawarabi Mincho: no Ⅱ, no ⅰ–ⅳ) makes
LibreOffice set them in another font, in a text run of their own after the line's others;
``-raw`` prints runs in the content stream's order, so the glyph comes after its line, and
a space stands where it was (the 令和４年度 edition, held-out set 19)::

    （外務省２－ －１）          ハノイ行動計画 が採択された。…     ４.(１)① )
    Ⅱ                          Ⅱ                                  ⅰ 宇宙空間の安定的利用の確保

are ``（外務省２－Ⅱ－１）``, ``ハノイ行動計画Ⅱが採択された。…`` and ``４.(１)①ⅰ)宇宙空間の
安定的利用の確保``; a closing bracket alone on its line before ``ⅰ 宇宙空間における…`` is
``ⅰ)宇宙空間における…``. Only these shapes are mended: a lone numeral after a line with
exactly one gap, between two characters that are no Latin letter or digit (pdftotext sets
a space around those: ``ARF プロセス``), or a numeral, a space and no digit at a line's start
after a line that ends in a closing bracket, a gap before it or nothing (a numeral printed
in place starts a chapter's number: ``Ⅲ １(４)国際公共財…``, after a date's ``)`` printed
alone: a breaker's trial).
"""

from __future__ import annotations

import regex

from hyoka_parse.layout.model import Line
from hyoka_parse.vocab import ROMAN_NUMERALS

__all__ = ["fallback_glyphs"]

_LONE = regex.compile(rf"^[{ROMAN_NUMERALS}]$")
# One gap between two characters that are no space, in the whole line: the glyph's place.
_ONE_GAP = regex.compile(
    r"^(?P<before>[^ \u3000]*[^ \u3000a-zA-Z0-9]) (?P<after>[^ \u3000a-zA-Z0-9][^ \u3000]*)$"
)
# A closing bracket at the line's end after a gap, or alone: where a numeral stood before it.
_BRACKET_AFTER_GAP = regex.compile(r"^(?P<before>(?:.*[^ \u3000])?) ?[)）]$")
_NUMERAL_FIRST = regex.compile(rf"^(?P<numeral>[{ROMAN_NUMERALS}]) (?P<rest>[^\s0-9０-９].*)$")


def fallback_glyphs(lines: list[Line]) -> list[Line]:
    """The lines with each fallback glyph ``-raw`` printed after its line put back in its
    gap (see the module's docstring); other lines as they are."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        mended = _mended(prev, ln) if prev is not None else None
        if mended is None:
            out.append(ln)
        else:
            out[-1:] = mended
    return out


def _mended(prev: Line, ln: Line) -> list[Line] | None:
    """``prev`` and ``ln`` with the glyph ``ln`` starts put back in ``prev``'s gap, or
    None where they are no such pair."""
    text = ln.text.strip()
    if not text or text[0] not in ROMAN_NUMERALS:
        return None  # every shape starts its line with the numeral: most lines stop here
    before = prev.text.rstrip()
    if _LONE.match(text) and (gap := _ONE_GAP.match(before)):
        return [prev.with_text(f"{gap['before']}{text}{gap['after']}")]
    numeral = _NUMERAL_FIRST.match(text)
    bracket = _BRACKET_AFTER_GAP.match(before)
    if numeral is None or bracket is None or before == bracket["before"]:
        return None
    if bracket["before"] and not before.endswith((" )", " ）")):
        return None  # a bracket that closes its own text (``…（注）``): no gap before it
    # The numeral before the bracket; a bracket alone on its line makes it its own item's
    # start (``ⅰ)宇宙空間…``).
    return [prev.with_text(f"{bracket['before']}{numeral['numeral']}{before[-1]}{numeral['rest']}")]

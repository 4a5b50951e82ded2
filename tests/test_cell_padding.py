"""Where a full line of a cell ends depends on the producer's cell padding (issue 8): Word
and LibreOffice pad cells by 1.4–5 pt, a browser printing HTML by several points more.
A line that fills the cell up to its padding does not end a paragraph, whatever the padding."""

from __future__ import annotations

from hyoka_parse.layout.pdf_page import PLine, _paragraph_ends, _text_right

SIZE = 7.44  # the chromium rendition's body text (make_chromium.py), points


def _line(text: str, x0: float, top: float) -> PLine:
    return PLine(text, x0, x0 + SIZE * len(text), top, SIZE, SIZE, top + SIZE)


def test_a_line_full_to_a_wide_padding_goes_on() -> None:
    # 施策の概要 of 個別分野8 as Chromium prints it: the cell spans 108–449.5 pt, its text
    # starts 4 pt in, the first line stops 17 pt short of the edge: full, as the next
    # line's first character (7.44 pt) would not have fitted beside a 4 pt padding.
    box = (108.0, 65.0, 449.5, 93.0)
    first = _line(
        "女性・ジェンダーに関する外交課題の情報や知見の集約、及び女性関連施策の企画・調整を通じ",
        112.0,
        75.0,
    )
    last = _line("た、女性の権利の保護・促進に向けた取組を行う。", 112.0, 84.0)
    assert round(first.x1) == 432
    assert _paragraph_ends([first, last], _text_right(box, [first, last]), 1.2) == [False, True]


def test_a_line_short_of_the_padding_ends_its_paragraph() -> None:
    box = (108.0, 65.0, 449.5, 93.0)
    short = _line("（１）我が国にとって重要なシーレーンの一つである", 112.0, 75.0)
    nxt = _line("（２）アジア海域においても", 112.0, 84.0)
    assert _paragraph_ends([short, nxt], _text_right(box, [short, nxt]), 1.2) == [True, True]


def test_the_right_edge_is_never_left_of_the_longest_line() -> None:
    box = (100.0, 0.0, 300.0, 50.0)
    wide = _line("あ" * 27, 101.0, 10.0)  # runs into the padding (kinsoku carried a mark)
    assert _text_right(box, [wide]) == wide.x1
    assert _text_right(box, []) == 298.0

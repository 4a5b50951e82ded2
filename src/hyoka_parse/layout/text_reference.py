"""A 参考指標's grid in column-by-column text, rebuilt by its known shape (``year_grid``).

The grid (every 参考指標, report p. 5 ff.) is::

    実績値     | 平成29年度 | 平成30年度 | 令和元年度 | 令和２年度
    ①日本語版 | 7,400 部   | 7,100 部   | 7,000 部   | 7,000 部
    ②英語版   | …

Its row labels are the series' (``①`` …); its region runs from the line after its
``参考指標N：`` heading to the next heading. A grid without series labels (one row of
values) is left to ``text_columns``.
"""

from __future__ import annotations

import regex

from hyoka_parse.layout.grid_cells import is_value
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.year_grid import Shape
from hyoka_parse.normalize import make_key

__all__ = ["REFERENCE", "find_reference"]

_HEADING = regex.compile(r"^参考指標[0-9]*[:：]")
_END = regex.compile(
    r"^(?:参考指標|評価結果|測定指標|【|施策の分析|次期目標|個別分野|作成にあたって)"
)
_SERIES = regex.compile(r"^[①-⑳㉑-㉟]")
_MAX_LINES = 120  # a grid with its notes: a longer run is not one grid

REFERENCE = Shape(
    corner="実績値",
    is_corner=lambda key: key == "実績値",
    is_label=lambda text: bool(_SERIES.match(text)),
    is_value=is_value,
    labels_wrap=True,  # ① 国際テロ・組 / 織犯罪関連条約 / …
    blocks_lead=True,  # 平成29年度 / ３か国: a header cell with the values right under it
)


def find_reference(lines: list[Line], i: int) -> tuple[int, int] | None:
    """The lines ``[start, end)`` of the grid under the 参考指標 heading at line ``i``."""
    if not _HEADING.match(make_key(lines[i].text)):
        return None
    end = i + 1
    while end < len(lines) and end - i < _MAX_LINES:
        if _END.match(make_key(lines[end].text)):
            break
        end += 1
    return i + 1, end

"""The report's label vocabulary: the texts its forms print in label cells.

A 政策評価書 is a form: a label column (施策名, 施策目標, 評価結果 …) beside content cells.
A reader knows a label cell by its text, whatever its width or position: a label can be
as wide as its content (担当部局名 | 総合外交政策局 | 政策評価実施時期 | 令和３年８月 in one
row, lo-page-6), and a narrow cell need not be a label (7-3's narrow text cells).
Keys are compared as ``normalize.make_key`` makes them (NFKC, no spaces).
"""

from __future__ import annotations

import regex

from hyoka_parse.normalize import make_key

# Label cells of the report's forms, as key prefixes (総務省 template, the 外務省 report).
_LABEL = regex.compile(
    r"^(?:施策名|施策目標|施策の予算額|同\((?:分担金|.{1,12}\)$)|評価結果$|評価結果\(注|"
    r"目標達成度合いの測定結果$|学識経験を有する者の知見の活用$|担当部局名?$|"
    r"政策評価実施時期$|政策評価$|実施時期$|施策の概要$|関連する内閣の重要政策|"
    r"測定指標の.*達成状況|予算の状況|達成手段)"
)


def is_label(text: str) -> bool:
    """Whether ``text`` (a whole cell) is one of the form's label cells."""
    key = make_key(text)
    return bool(key) and len(key) <= 40 and bool(_LABEL.match(key))

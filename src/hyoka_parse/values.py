"""Typed values: Japanese era years, table-cell numbers and ratings."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import regex
from pydantic import BaseModel

from hyoka_parse.models import Location, Value
from hyoka_parse.normalize import fold
from hyoka_parse.vocab import ERA_NAMES, ERA_OFFSET, NULL_MARKS

_ERA_YEAR = regex.compile(rf"({ERA_NAMES})\s*(元|(?<!\d)\d{{1,3}}(?!\d))\s*年")
_ERA_YEARS = regex.compile(rf"({ERA_NAMES})?\s*(元|(?<!\d)\d{{1,3}}(?!\d))\s*年")
_NULL_CELL = regex.compile(f"^[{regex.escape(NULL_MARKS)}]+$")
_QUALIFIER_AFTER = ("以内", "以上", "以下", "未満", "程度", "超", "強", "弱")
_QUALIFIER_BEFORE = ("約", "概ね", "おおむね")
_NUMBER = regex.compile(
    r"^(?P<before>約|概ね|おおむね)?(?P<sign>[△▲\-−])?(?P<num>\d[\d,]*(?:\.\d+)?)"
    r"(?P<rest>.*)$"
)
# Thousands grouped by commas, three digits a group: anything else (2,97, 1,0000) is a
# number an extractor cut or ran into another, whose value is unknown.
_GROUPED = regex.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_MARKS = regex.compile(r"[＊*※]+\d*$|[(（]注\d*[)）]$")
# A note number set as superscript digits after a cell's number, unit or dash (－¹, 100％²):
# a mark, never a digit of the number (NFKC folds ¹ to 1, so －¹ was read as -1; a
# breaker's trial). After a letter (km²) it is the unit's.
_SUPERSCRIPT_MARK = regex.compile(r"(?<=[0-9０-９％%－―ー‐−\-)）])[⁰¹²³⁴⁵⁶⁷⁸⁹]+$")
_CIRCLED = regex.compile(r"^[①-⑳㉑-㉟]")
_BARE_NUMBER = regex.compile(r"^[△▲\-－]?[0-9０-９][0-9０-９,，.．]*$")
_DIGIT = regex.compile(r"[0-9０-９]")
# A unit is a short word: 件, か国, 万件, 百万円, 位, 倍 … (no digits, brackets or punctuation).
_UNIT = regex.compile(r"^[^\d\s。、,.()（）「」]{1,4}$")
# Words of a grid's header, never a value's unit: ``３年度目標`` is the rating header's line
# ``令和元・令和２・`` / ``３年度目標`` (cut by a page break; LibreOffice, Noto Sans CJK JP,
# extra-narrow; held-out set 12), ``２年度`` a year; neither is 3 or 2 of anything.
_HEADER_WORD = regex.compile(r"年度|目標|実績|達成")
RATINGS = frozenset("sabcde")


def era_year(text: str) -> int | None:
    """平成30年度 → 2018, 令和元年 → 2019; None when ``text`` names no era year."""
    m = _ERA_YEAR.search(fold(text))
    if not m:
        return None
    n = 1 if m.group(2) == "元" else int(m.group(2))
    return ERA_OFFSET[m.group(1)] + n


def era_years(text: str) -> list[int]:
    """Every era year in ``text``, in order; an era carries over (平成30・令和元・２年度)."""
    folded = fold(text)
    years: list[int] = []
    era = None
    for m in _ERA_YEARS.finditer(folded):
        era = m.group(1) or era
        if era is None:
            continue
        n = 1 if m.group(2) == "元" else int(m.group(2))
        years.append(ERA_OFFSET[era] + n)
    return years


def ascending(years: list[int]) -> bool:
    """Whether a header's ``years`` stand in the order the report prints them: rising.
    pdfminer's layout analysis (``pdf2txt.py``) may give a grid's year cells out of that
    order while its values keep theirs, so values paired by order would change years."""
    return all(a < b for a, b in pairwise(years))


def parse_value(raw: str) -> Value:
    """A table cell as a Value: ``△217`` → -217, ``80.2％`` → 80.2 %, ``８位以内`` → 8 位 以内."""
    raw = raw.strip(" \u3000")
    if _CIRCLED.match(raw):  # ① folds to 1: a series label, not a number
        return Value(raw=raw, value=None)
    text = fold(_SUPERSCRIPT_MARK.sub("", raw)).replace(" ", "")
    if not text or _NULL_CELL.match(_MARKS.sub("", text) or "-"):
        return Value(raw=raw, value=None)
    m = _NUMBER.match(text)
    if not m:
        return Value(raw=raw, value=None)
    if "," in m.group("num") and not _GROUPED.match(m.group("num")):
        return Value(raw=raw, value=None)  # 2,97: a number cut or run together, not 297
    num = m.group("num").replace(",", "")
    if not _fits(num):
        return Value(raw=raw, value=None)  # see too_large
    value: int | float = float(num) if "." in num else int(num)
    if m.group("sign"):
        value = -value
    rest = _MARKS.sub("", m.group("rest")).strip()
    qualifier = m.group("before")
    for q in _QUALIFIER_AFTER:
        if rest.endswith(q) and rest != q:
            qualifier = q
            rest = rest[: -len(q)]
            break
        if rest == q:
            qualifier, rest = q, ""
            break
    unit = {"%": "%", "パーセント": "%"}.get(rest, rest) or None
    if unit is not None and (not _UNIT.match(unit) or _HEADER_WORD.search(unit)):
        return Value(raw=raw, value=None)  # a number inside text, not a value with a unit
    return Value(raw=raw, value=value, unit=unit, qualifier=qualifier)


# A JSON reader keeps a number in a double: integers beyond 2**53 (16 digits) change.
# Python's int() also refuses strings over 4,300 digits (CVE-2020-10735).
MAX_DIGITS = 15


def is_null_mark(text: str) -> bool:
    """A cell that says "none": only dashes (``－``, ``―``, ``ー`` …: vocab.NULL_MARKS), a
    note mark aside (``－（注１）``, ``－※``)."""
    bare = _MARKS.sub("", fold(_SUPERSCRIPT_MARK.sub("", text.strip())).replace(" ", ""))
    return bool(bare) and bool(_NULL_CELL.match(bare))


def value_tokens(text: str) -> list[str]:
    """A line's pieces at its spaces, with a unit printed apart joined back to its number
    (``10 回``, ``125 万件＊``). A unit is a short piece without digits; a dash (a cell of
    its own: ``10回程 －``, pdfplumber), a circled label, a rating or a sentence's end is
    none."""
    out: list[str] = []
    for tok in text.split():
        if (
            out
            and _BARE_NUMBER.match(out[-1])
            and not _DIGIT.search(tok)
            and len(tok) <= 4
            and not _CIRCLED.match(tok)
            and not tok.endswith("。")
            and not is_null_mark(tok)
            and parse_rating(tok) is None
        ):
            out[-1] = f"{out[-1]} {tok}"
        else:
            out.append(tok)
    return out


def _fits(num: str) -> bool:
    return len(num.split(".")[0].lstrip("0")) <= MAX_DIGITS


def too_large(value: Value) -> bool:
    """Whether ``value`` is null because its number has more than MAX_DIGITS digits."""
    if value.value is not None:
        return False
    m = _NUMBER.match(fold(value.raw).replace(" ", ""))
    return bool(m) and not _fits(m.group("num").replace(",", ""))


def values_in(
    obj: object, where: Location | None = None
) -> Iterator[tuple[Value, Location | None]]:
    """Every Value inside a model (a Report, a Policy …), depth first, with the
    ``location`` of the nearest model around it that has one (a measure, an indicator),
    or None."""
    if isinstance(obj, Value):
        yield obj, where
    elif isinstance(obj, BaseModel):
        where = getattr(obj, "location", None) or where
        for name in type(obj).model_fields:
            yield from values_in(getattr(obj, name), where)
    elif isinstance(obj, list):
        for item in obj:
            yield from values_in(item, where)


def parse_rating(text: str) -> str | None:
    """``ａ`` → ``a``; None unless ``text`` is one rating letter."""
    letter = fold(text).strip().lower()
    return letter if letter in RATINGS else None

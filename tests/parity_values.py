"""Value-by-value comparison of two reports' JSON: the measure of parity (issues 8 and 9).

A report is flattened to ``{json path: leaf value}`` over the contract keys; ``source``,
``location``, ``furniture`` and ``warnings`` are left out, since they describe the input
rather than the report. A list item is addressed by its identity where it has one (a
measure by ``id``, a year by ``fiscal_year``, a field or objective by ``number``), else by
its position, so one lost item does not shift every item after it::

    policies[0].fields[number=3].measures[id=3-4].years[fiscal_year=2018].actual_value.raw

Strings compare with all white space removed (a wrap or a padded cell is no error). An
empty list or object is a leaf of its own (``[]``/``{}``), so a list that comes out empty
where the reference has items counts its items as missing.

Used by ``benchmarks/parity.py`` (the matrix of renditions × extractors) and by tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

EXCLUDED = frozenset({"source", "location", "furniture", "warnings"})
# The leaves a reader can put in the wrong place: a number under a year, a series, a budget
# row or total, a 中期目標値, and a rating or grade. A value there that is not the reference's
# is "misplaced", the worst failure (issue 8); a value left out (null, empty) is missing.
VALUE_LEAF = re.compile(
    r"(?:value|values\[[^\]]*\]|total\[[^\]]*\])\.(?:raw|value)$|\.(?:rating|grade)$"
)
EMPTY = (None, "", "[]", "{}")
# The keys that name a list item, in order of preference; a null one is passed over.
IDENTITY = ("id", "fiscal_year", "number")
SPACE = re.compile(r"\s+")

Flat = dict[str, object]


def flatten(data: object, ignore_chars: Iterable[str] = ()) -> Flat:
    """``{path: leaf}`` of a report's JSON (a dict as ``Report.model_dump(mode="json")`` or
    the CLI gives it). Leaves are str (white space removed, ``ignore_chars`` dropped),
    int/float/bool/None, or the markers ``"[]"``/``"{}"`` for an empty list/object."""
    drop = str.maketrans("", "", "".join(ignore_chars))
    out: Flat = {}
    _walk(data, "", out, drop)
    return out


def _walk(node: object, path: str, out: Flat, drop: dict[int, None]) -> None:
    if isinstance(node, Mapping):
        keys = [k for k in node if k not in EXCLUDED]
        if not keys:
            out[path] = "{}"
        for key in keys:
            _walk(node[key], f"{path}.{key}" if path else key, out, drop)
    elif isinstance(node, list):
        if not node:
            out[path] = "[]"
        for name, item in zip(_item_names(node), node, strict=True):
            _walk(item, f"{path}[{name}]", out, drop)
    elif isinstance(node, str):
        out[path] = SPACE.sub("", node).translate(drop)
    else:
        out[path] = node


def _item_names(items: list) -> list[str]:
    """``id=3-4`` for an item with an identity key, its index otherwise; a repeated name
    gets ``#2``, ``#3`` … so that no two items share a path."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        name = str(index)
        if isinstance(item, Mapping):
            key = next((k for k in IDENTITY if item.get(k) is not None), None)
            if key is not None:
                name = f"{key}={SPACE.sub('', str(item[key]))}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return names


@dataclass
class Score:
    """How a candidate's values stand against the reference's: each reference value is
    right, wrong (path present, value differs) or missing; extra values are candidate
    paths the reference lacks. ``misplaced`` are the wrong or extra paths where the
    candidate holds a number or rating (``VALUE_LEAF``) that is not the reference's there:
    a value under the wrong year or measure, never acceptable (a null one is only missing).
    ``error`` says why there was no candidate at all."""

    total: int
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    misplaced: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def percent(self) -> float:
        """Share of the reference values that are right, 0–100."""
        return 100.0 * self.right / self.total if self.total else 100.0


def compare(reference: Flat, candidate: Flat | None, error: str | None = None) -> Score:
    """Score ``candidate`` against ``reference`` (both from ``flatten``); ``None`` for an
    input that gave no report scores 0 with every value missing."""
    score = Score(total=len(reference), error=error)
    if candidate is None:
        score.missing = sorted(reference)
        return score
    for path, value in reference.items():
        if path not in candidate:
            score.missing.append(path)
        elif _same(candidate[path], value):
            score.right += 1
        else:
            score.wrong.append(path)
    score.extra = sorted(p for p in candidate if p not in reference)
    score.misplaced = sorted(
        p
        for p in [*score.wrong, *score.extra]
        if VALUE_LEAF.search(p) and candidate[p] not in EMPTY
    )
    return score


def _same(a: object, b: object) -> bool:
    # 1 and 1.0 are one value; True is not 1
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def within(flat: Flat, prefixes: Iterable[str]) -> Flat:
    """The part of a flattened report under any of ``prefixes`` (e.g. one field's path),
    for comparing a fragment — a page range — with the reference."""
    starts = tuple(prefixes)
    return {p: v for p, v in flat.items() if p.startswith(starts)}


# Keys a fragment cannot know as the whole report does: a field it names only by number
# is ``implicit`` there.
FRAGMENT_UNKNOWN = ("implicit",)


def held(flat: Flat) -> Flat:
    """The values a fragment (a page range) actually holds: empty leaves (null, ``""``,
    ``[]``, ``{}``: the parts on pages it does not have) and ``FRAGMENT_UNKNOWN`` keys
    left out."""
    return {
        p: v
        for p, v in flat.items()
        if v not in (None, "", "[]", "{}") and not p.endswith(FRAGMENT_UNKNOWN)
    }


def fragment_errors(reference: Flat, fragment: Flat) -> tuple[int, list[str]]:
    """(how many of the values a fragment holds are the reference's, the paths of the
    others): every value a page range holds must be the whole report's."""
    reference, got = _by_position(reference), _by_position(held(fragment))
    wrong = [p for p, v in got.items() if p not in reference or not _same(reference[p], v)]
    return len(got) - len(wrong), wrong


def _by_position(flat: Flat) -> Flat:
    """Policies by position: a fragment's policy has no id to be named by."""
    return {re.sub(r"^policies\[[^\]]*\]", "policies[0]", p): v for p, v in flat.items()}

"""What each cell of the parity matrix loses (issue 9: "the closing note lists those cells
with what is lost and why it cannot be recovered from that text").

For every rendition × extractor of ``benchmarks/parity.py``, the reference values the cell
does not give (missing, or another value at the path; tests/parity_values.py), each put in
one kind of loss (``KINDS``: what the extractor's text lacks, or a reader fault still open),
counted per cell and written as markdown: docs/extractor-losses.md. The output depends on
the cells' values only (sorted, no dates, no timings), so a run on unchanged code rewrites
the same file byte for byte.

    python benchmarks/losses.py --jobs 2            # score every cell, write the doc
    python benchmarks/losses.py --reuse             # … from the parsed cells cached last run
    python benchmarks/losses.py --check             # exit 1 when the doc is not today's
    python benchmarks/losses.py --list KIND         # every path of one kind, with values

A value no kind claims is listed under "unclassified": a new loss a change brought, to be
looked at (and either fixed or given a kind with its reason).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import product
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE)]

import parity  # noqa: E402
from parity_values import compare, flatten  # noqa: E402

DOC = parity.ROOT / "docs" / "extractor-losses.md"
CACHE = parity.OUT / "losses.json"


# --- kinds of loss ----------------------------------------------------------------------
# verdicts: "extractor" the text does not hold the value (why + evidence say what is gone);
# "reader" the text holds it and the reader does not take it (a fault to fix); "open" not
# yet looked at closely enough to say which.
EXTRACTOR, READER, OPEN = "lost by the extractor", "reader fault", "open"


@dataclass(frozen=True)
class Kind:
    """One kind of loss: the cells (extractor and rendition patterns) and reference paths
    (regex over the flattened path) it covers, with what is lost and why."""

    key: str
    title: str
    extractors: tuple[str, ...]
    path: str  # regex searched in the flattened path
    verdict: str
    why: str
    evidence: str = ""  # a short excerpt of the extracted text, "|" for its line breaks
    renditions: str = ""  # regex the rendition name must match ("" any)

    def covers(self, cell: str, path: str) -> bool:
        rendition, _, extractor = cell.partition("/")
        return (
            SAME_TEXT.get(extractor, extractor) in self.extractors
            and re.search(self.renditions, rendition) is not None
            and re.search(self.path, path) is not None
        )


# The columns without form feeds hold their form-feed column's text, page breaks aside
# (parity.py): their values are lost the same ways, and a loss of their own stays open.
SAME_TEXT = {"pdftotext-nopgbrk": "pdftotext", "pdfium-noff": "pdfium"}
READERS_BY_LINE = ("pdftotext-raw", "pdfium")
M73 = r"measures\[id=7-3\]\.(years|mid_term_target)"
YEAR_GRID = r"measures\[id=\d+-\d+\]\.(years|mid_term_target|rating|kind)|series\[\d+\]\.values"
KINDS: tuple[Kind, ...] = (
    Kind(
        "pdf-undrawable-glyphs",
        "field 9 texts around a circled number above ⑳ (reportlab's built-in font)",
        ("pdf",),
        r"fields\[number=9\]",
        EXTRACTOR,
        "reportlab's built-in font cannot draw ㉑ and above (make_pdfs.UNRENDERABLE); pdfium "
        "gives the undrawable glyphs a width, so two lines of field 9 run one character "
        "longer and a character moves to the next line (pdfplumber gives 100 %; see "
        "parity_floors.json's _about). The producer's file, not the reader.",
        renditions=r"^reportlab",
    ),
    Kind(
        "73-by-line",
        "7-3's text grid cells (中期目標値, 年度目標値, 実績値) read cell after cell",
        READERS_BY_LINE,
        M73,
        EXTRACTOR,
        "The grid's seven cells are text, set in columns two or three characters wide; "
        "these extractors give each cell's lines one after the other with nothing between "
        "two cells (no blank line, no position), so where one cell ends and the next starts "
        "is not in the text: 「…採択）より」 (the 2018 target's end) runs straight into "
        "「無投票採択」 (the 2018 actual). Splitting by sentence ends would be a guess; the "
        "reader leaves the seven cells null with an unparsed_table warning.",
        "（注|：|27,28|年度|は無|投票|採|択）|より|無投|票採|択|人権|理事|会に|我が| "
        "(lo-IPAMincho-wide, pdftotext -raw)",
    ),
    Kind(
        "73-plumber",
        "7-3's text grid cells read across the row, one space between columns",
        ("pdfplumber",),
        M73,
        EXTRACTOR,
        "pdfplumber joins a row's pieces with one space and keeps no position; once a "
        "shorter cell has ended, the pieces of the cells right of it move one column left, "
        "so which column a piece belongs to is not in the text (line 2 has 6 pieces, "
        "line 5 has 4: which two columns ended cannot be told).",
        "される 択を目 出・提 人権状 出・提 差別撤|ことを 指しつ 案する 況決 案する 決議）|"
        "確保す つ、本 決議に 議） 決議に|る。 決議が 関し、 関し、 "
        "(lo-IPAMincho-narrow, pdfplumber)",
    ),
    Kind(
        "default-budget-rows",
        "budget rows (繰越し等, 合計, 執行額) whose amounts run into the next row's (default mode)",
        ("pdftotext",),
        r"^policies\[[^\]]*\]\.budget\[\d+\]\.rows",
        EXTRACTOR,
        "The default mode gives two rows' amounts as one run with no row label between "
        "them (合計 and 執行額: 2,879 2,970 3,055 2,709 2,632 2,259, 執行額's label printed "
        "elsewhere or after them; 繰越し等 and 合計 in the second table), and an empty cell "
        "(令和３年度 has no 合計 or 執行額) prints nothing: where one row's amounts end and "
        "the next's begin depends on which cells are empty, which the text does not say. "
        "Recovered only where the run is two later rows' full amounts before a bare 執行額 "
        "label and the totals prove the row-by-row reading while refuting the year-by-year "
        "one ((a)+(b)+(c) = 合計 in every year, a dash as none: year_grid._two_rows); "
        "otherwise the rows are left without amounts, said at their line.",
        "合計(a＋b＋c)||2,879||2,970||3,055||2,709||2,632||2,259||区分 (chromium-IPAexMincho-"
        "wide, pdftotext); 合計(a＋b＋c)||－||－||105,298||－||－||105,015||執行額(百万円) "
        "(chromium)",
    ),
    Kind(
        "default-dehyphenation",
        "a Latin word broken at a hyphen: default mode drops the hyphen",
        ("pdftotext",),
        r"\.materials\[",
        EXTRACTOR,
        "pdftotext's default mode joins a line that ends in '-' to the next and drops the "
        "hyphen (ICG-|15) → ICG15); -raw and -layout keep it. Whether the hyphen was the "
        "text's own or a soft break is not in the output.",
        "Fifteenth Meeting of the … Satellite Systems (ICG15) (lo-IPAexMincho-wide, "
        "pdftotext; -raw: …(ICG-|15))",
    ),
    Kind(
        "overleaf",
        "a part that goes on overleaf (the page break's own kind)",
        ("pdftotext", "pdftotext-layout"),
        r"measure_summary\[id=1-[12]\]|^policies\[[^\]]*\]\.notes\[",
        OPEN,
        "The list of measures goes on overleaf in the 令和４年度 edition: 1-1's title "
        "(…シンクタ / ンクとの連携強化) is split by the page break, and in default mode the "
        "rest of the list is read into the notes after it. Joining across page breaks is "
        "layout/page_breaks.py's (the pagebreaks branch), not looked at here.",
        renditions=r"-r4$",
    ),
    Kind(
        "overleaf-note-cells",
        "a note cell beside a grid that goes on overleaf, in a text with no trace of the "
        "page break (7-3's （注）, 参考指標４'s ※右数は…)",
        ("pdf", "pdftotext", "pdftotext-raw", "pdfium"),
        r"measures\[id=7-3\]\.notes|reference_indicators\[number=4\]\.notes",
        EXTRACTOR,
        "The note's text is all there: its first pieces, the grid's cells, then the note's "
        "other pieces. Where the page break shows (form feeds; page numbers; pdfium's CRLF "
        "pages joined by bare LFs, text_pages.joined_page_ends) the pieces after it are put "
        "back after the first ones (text_columns.notes_across_pages). Chromium prints no "
        "page numbers and -nopgbrk drops the form feeds: nothing in the text tells the "
        "rest from a note of its own after the grid (参考指標５ prints two notes one after "
        "the other), so both parts are kept, as two notes (参考指標４) or the rest left out "
        "with the row it stands in (7-3, whose row K8 loses: an unparsed_table warning).",
        "る数（地||実 績 値||平成29年度|…|４||４||域別、分|野別ラン|キングも|含めると|29）。 "
        "(chromium, pdftotext-nopgbrk)",
    ),
    Kind(
        "proportional-paragraph",
        "field 4's overview split inside a paragraph (a proportional Mincho)",
        ("pdftotext", "pdftotext-raw", "pdftotext-layout", "pdfplumber", "pdfium"),
        r"fields\[number=4\]\.overview",
        OPEN,
        "The paragraph's lines are all there; the text readers end it after a full line "
        "(…暴力的過激主 / 義対策に注力…, mid-word). Not yet traced; the likely cause is that "
        "in a proportional Mincho a full line holds a varying number of characters, so a "
        "line's length in characters (all a text reader sees: the text carries no glyph "
        "widths) says less about whether it is full. The PDF path, which has the widths, "
        "gives 100 %.",
        "…引き続き、アジア地域向けのテロ及び暴力的過激主|義対策に注力するとの方針を維持し、"
        "二国間に加え、Ｇ７、国連、… (lo-IPAPMincho-mid, pdfium)",
        renditions=r"IPAPMincho",
    ),
    Kind(
        "default-note-overleaf-after-grid",
        "2-5's note cut by a page break where the grid reader took the lines between its "
        "parts first (default mode)",
        ("pdftotext",),
        r"measures\[id=2-5\]\.notes",
        READER,
        "The note's text is all there: （注）外務省及 …, the grid's header cells to the page's "
        "end, then the note's other pieces at the next page's top (…出席率。). The default-mode "
        "reader puts a note's pieces overleaf back after its first ones (text_columns."
        "notes_across_pages: 2-5 of lo-IPAMincho-narrow, 7-3's （注） of three renditions), "
        "but it runs after the grid reader (text_grids.rebuild_grids), which here has "
        "already rebuilt the grid's header and values between the note's two parts, so the "
        "note no longer meets the page's end as a cut cell. Joining before the grid reader "
        "joins these notes but split lo-IPAMincho-narrow-r4's grid from its header (its "
        "values null): not done. The same without form feeds (-nopgbrk).",
        "（注）外務省及|び防衛省主管の|会期間会合||中期目|標値||…|令和２年||<page break>（ISM）や、"
        "会|期支援グループ|…|10回程度）の出|席率。 (chromium, pdftotext)",
        renditions=r"^chromium|-r4$",
    ),
    Kind(
        "default-stacked-grids",
        "参考指標１ and ２ of field 1: the default mode flows the two grids' columns together",
        ("pdftotext",),
        r"fields\[number=1\]\.reference_indicators\[number=[12]\]",
        EXTRACTOR,
        "The two grids stand one above the other; the default mode reads their columns as "
        "blocks and puts a block of the lower grid (参考指標２: 令和元年度 ０回, 令和２年度 "
        "３回) before its heading, among the upper grid's (or, in the proportional font, "
        "the upper grid's last columns after the lower one's heading). Each value still "
        "stands with its year, but which indicator's it is, is not in the text: both grids "
        "have the same years, and telling them apart by unit (件, 回) or by which grid "
        "already has the year would be a guess. The values are left out (the block reads "
        "as a note of 参考指標１).",
        "…38 件||27 件||令和元年度|０回||令和２年度|３回||参考指標２：民間研究者との研究会の"
        "開催回数|実 績 値|平成29年度|４回||平成30年度|３回 (chromium, pdftotext); "
        "…平成 30 年度|38 件||参考指標２：…|平成 29 年度|４回||令和元年度|38 件||… "
        "(lo-IPAPMincho-mid)",
    ),
    Kind(
        "default-row-order",
        "a year grid's values in default mode: a row's cells in an order the text does not give",
        ("pdftotext",),
        YEAR_GRID,
        EXTRACTOR,
        "The default mode prints each cell as a block of its own, and orders the blocks of "
        "one row either row-wise (2018 target, 2018 actual, 2019 target, …) or column-block-"
        "wise (the three targets, then the three actuals); both occur in one file, and "
        "nothing in the text says which was used. The reader places a grid's values only "
        "where the counts fit and every possible order agrees (text_grids.py); where they "
        "do not, the values stay null with an unparsed_table warning. Checked on 5-4 and "
        "7-3 of lo-IPAMincho-wide (the excerpt: 5-4's 10 回 10 回 10 回 ４回 ７回 ３回 is "
        "row order, 7-3's targets come first); the other grids of this kind are counted "
        "here by their path, not each checked.",
        "5-4: －||10 回||10 回||10 回||４回||７回||３回 — 7-3: …より||人権|理事|…|る。||人権|"
        "理事|…|る。||無投|票採|… (lo-IPAMincho-wide, pdftotext)",
    ),
)


@dataclass(frozen=True)
class Loss:
    """One reference value a cell does not give: ``got`` is None when the path is missing."""

    cell: str  # rendition/extractor
    path: str
    want: object
    got: object


def run_cell(task: tuple[parity.Rendition, Path, str, dict]) -> tuple[str, list[dict] | str]:
    """One cell: its lost values as dicts, or why the input gave no report at all."""
    r, pdf, extractor, corpus_json = task
    name = f"{r.name}/{extractor}"
    reference = flatten(parity.reference_for(r, corpus_json), r.ignore_chars)
    data, error = parity.run_cli(parity.extract(pdf, extractor))
    if data is None:
        return name, error or "no output"
    got = flatten(data, r.ignore_chars)
    score = compare(reference, got)
    lost = [{"path": p, "want": reference[p], "got": got[p]} for p in score.wrong]
    lost += [{"path": p, "want": reference[p], "got": None} for p in score.missing]
    return name, sorted(lost, key=lambda d: d["path"])


def score_all(jobs: int) -> dict[str, list[dict] | str]:
    """Every cell's losses, by cell name (the renditions are built or taken from the cache)."""
    ref = parity.reference_json()
    key = parity._generator_key()
    chosen = parity.renditions()
    paths = {r: parity.OUT / f"{r.name}.{key}.pdf" for r in chosen}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(parity.build, paths.items()))
        tasks = [(r, paths[r], e, ref) for r, e in product(chosen, parity.EXTRACTORS)]
        return dict(pool.map(run_cell, tasks))


def part_of(path: str) -> str:
    """The part of the report a path lies in, for kinds not yet examined: a measure, a
    参考指標, a field's text, or a top-level key (``budget``, ``measure_summary``…)."""
    path = re.sub(r"^policies\[[^\]]*\]\.", "", path)
    m = re.match(
        r"fields\[number=(\d+)\]\.(measures\[id=[^\]]*\]|reference_indicators\[[^\]]*\]|\w+)", path
    )
    if m:
        return f"field {m[1]} {m[2]}"
    return re.match(r"\w+", path)[0] if re.match(r"\w+", path) else path


def classify(cell: str, path: str) -> Kind:
    """The first kind in KINDS that covers the value, else an open kind for its part."""
    for kind in KINDS:
        if kind.covers(cell, path):
            return kind
    extractor = cell.partition("/")[2]
    part = part_of(path)
    return Kind(
        f"open: {extractor}: {part}",
        f"{part} in {extractor} text",
        (extractor,),
        "",
        OPEN,
        "Not yet examined: whether the text holds these values is still to be found out.",
    )


def tally(cells: dict[str, list[dict] | str]) -> dict[str, Counter[str]]:
    """kind key → Counter of cell names → values lost; errors count as kind "error"."""
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for cell, lost in cells.items():
        if isinstance(lost, str):
            by_kind["error"][cell] += 1
            continue
        for item in lost:
            by_kind[classify(cell, item["path"]).key][cell] += 1
    return by_kind


def kinds_seen(cells: dict[str, list[dict] | str]) -> dict[str, Kind]:
    """Every kind some value falls in, by key, in KINDS' order then the open kinds sorted."""
    seen: dict[str, Kind] = {}
    for cell, lost in sorted(cells.items()):
        for item in lost if isinstance(lost, list) else []:
            kind = classify(cell, item["path"])
            seen.setdefault(kind.key, kind)
    order = {k.key: i for i, k in enumerate(KINDS)}
    return dict(sorted(seen.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def render(cells: dict[str, list[dict] | str], total: int) -> str:
    """The markdown: a table of cells (values lost, by kind), then each kind with its
    verdict, cells, why and evidence."""
    by_kind = tally(cells)
    kinds = kinds_seen(cells)
    short = {key: f"K{i + 1}" for i, key in enumerate(kinds)}
    out = [
        "# What each extractor loses (issue 9)",
        "",
        "Written by `benchmarks/losses.py` (do not edit by hand; rerun it after a reader "
        "change). For every cell of the parity matrix (`benchmarks/parity.py`), the "
        f"reference values ({total} per cell, `tests/parity_values.py`) it does not give, "
        "put into kinds. A kind is *lost by the extractor* when its text does not hold "
        "the value (the kind says what is gone and why, with an excerpt: `|` is a line "
        "break, `||` a blank line); a *reader fault* when the text holds it; *open* when "
        "not yet looked at closely enough to say.",
        "",
        "| verdict | values |",
        "| --- | ---: |",
    ]
    per_verdict: Counter[str] = Counter()
    for key, counts in by_kind.items():
        per_verdict[kinds[key].verdict if key in kinds else "error"] += sum(counts.values())
    out += [f"| {v} | {n} |" for v, n in sorted(per_verdict.items())]
    out += ["", "## Cells", "", "| cell | lost | kinds (values) |", "| --- | ---: | --- |"]
    for cell, lost in cells.items():
        if isinstance(lost, str):
            out.append(f"| {cell} | all | error: {lost} |")
            continue
        counts = Counter(classify(cell, item["path"]).key for item in lost)
        listed = ", ".join(
            f"{short[k]} {n}"
            for k, n in sorted(counts.items(), key=lambda kv: int(short[kv[0]][1:]))
        )
        out.append(f"| {cell} | {len(lost)} | {listed or '–'} |")
    out += ["", "## Kinds", ""]
    for key, kind in kinds.items():
        counts = by_kind[key]
        out += [
            f"### {short[key]}. {kind.title}",
            "",
            f"**{kind.verdict}** — {sum(counts.values())} values in {len(counts)} cells: "
            + ", ".join(f"{c} {n}" for c, n in sorted(counts.items()))
            + ".",
            "",
            kind.why,
            "",
        ]
        if kind.evidence:
            out += ["```", kind.evidence, "```", ""]
    return "\n".join(out)


def list_kind(cells: dict[str, list[dict] | str], key: str) -> None:
    """Print every lost value of the kinds whose key or number contains ``key``."""
    kinds = kinds_seen(cells)
    wanted = {k for i, k in enumerate(kinds) if key in k or key == f"K{i + 1}"}
    for cell, lost in cells.items():
        for item in lost if isinstance(lost, list) else []:
            if classify(cell, item["path"]).key in wanted:
                want, got = (
                    json.dumps(item["want"], ensure_ascii=False),
                    json.dumps(item["got"], ensure_ascii=False),
                )
                print(f"{cell}  {item['path']}\n    want {want[:110]}\n    got  {got[:110]}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--reuse", action="store_true", help="take the cells from the last run")
    ap.add_argument("--check", action="store_true", help="exit 1 when the doc differs")
    ap.add_argument("--list", metavar="KIND", help="every lost value of one kind (key or Kn)")
    ap.add_argument("--out", type=Path, default=DOC, help=f"the markdown (default {DOC.name})")
    args = ap.parse_args()
    if args.reuse or args.list:
        saved = json.loads(CACHE.read_text(encoding="utf-8"))
    else:
        saved = {"total": len(flatten(parity.reference_json())), "cells": score_all(args.jobs)}
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps(saved, ensure_ascii=False, indent=0), encoding="utf-8")
    cells, total = saved["cells"], saved["total"]
    if args.list:
        list_kind(cells, args.list)
        return
    text = render(cells, total) + "\n"
    if args.check:
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        sys.exit(0 if old == text else f"losses: {args.out} is not today's; rerun without --check")
    args.out.write_text(text, encoding="utf-8")
    print(
        f"losses: {sum(len(v) for v in cells.values() if isinstance(v, list))} values in "
        f"{len(cells)} cells, {len(kinds_seen(cells))} kinds -> {args.out}"
    )


if __name__ == "__main__":
    main()

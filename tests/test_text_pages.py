"""Text without form feeds (issue 9, the breaker's trial): pages inferred from the printed page
numbers (layout/text_pages.py), or, where a text prints none, read as one page whose breaks are
unknown, with one ``no_page_breaks`` warning. Inputs are extracted here from committed PDFs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import regex
from extractor_matrix import EXTRACTORS, FIXTURES, NO_FORM_FEED, PDFS, extract, reference, score
from parity_values import compare, flatten
from test_extractor_matrix import MATRIX

from hyoka_parse import parse
from hyoka_parse.layout.model import Line
from hyoka_parse.layout.text_pages import (
    INFERRED,
    NONE,
    UNKNOWN,
    infer_pages,
    joined_page_ends,
    page_number_like,
)
from hyoka_parse.models import Measure, Report, Value

FIELDS_7_8 = FIXTURES / "pdf" / "report_fields_7_8.pdf"
REFERENCE_1 = FIXTURES / "pdf" / "lo" / "lo-reference-1.pdf"
CORPUS = FIXTURES / "mofa_r3_II-1.txt"


NO_FF_CELLS = [(name, ex) for name in PDFS for ex in NO_FORM_FEED]


@pytest.mark.parametrize(
    ("name", "extractor"), NO_FF_CELLS, ids=[f"{n}:{e}" for n, e in NO_FF_CELLS]
)
def test_matrix_without_form_feeds(name: str, extractor: str, tmp_path: Path) -> None:
    """Every fixture PDF's text without page marks gives what it gives with them (the pinned
    cell of tests/test_extractor_matrix.py): the same values right, the same wrong."""
    marked = extractor.removesuffix("-nopgbrk").removesuffix("-noff")
    right, wrong = score(name, extractor, tmp_path)
    assert (right, len(wrong)) == MATRIX[name][EXTRACTORS.index(marked)]


def _raw(value: Value | None) -> str | None:
    return None if value is None else value.raw


def _measure(report: Report, measure_id: str) -> Measure:
    return next(m for f in report.policies[0].fields for m in f.measures if m.id == measure_id)


@pytest.mark.parametrize("extractor", ["pdftotext-nopgbrk", "pdfium-noff", "pdfplumber-noff"])
def test_pages_inferred_as_form_feeds_mark_them(extractor: str, tmp_path: Path) -> None:
    """Without form feeds, the same pages, page numbers and 7-3 as with them: 7-3's grid
    crosses a page, so its cut cells are left out, never read as whole or moved a year."""
    marked = extractor.removesuffix("-nopgbrk").removesuffix("-noff")
    with_ff = parse(str(extract(FIELDS_7_8, marked, tmp_path / "ff.txt")))
    report = parse(str(extract(FIELDS_7_8, extractor, tmp_path / "noff.txt")))
    numbers = [(f.location.page, f.text) for f in report.furniture if f.kind == "page_number"]
    assert numbers[:3] == [(1, "1"), (2, "2"), (3, "3")]
    assert numbers[-1] == (29, "29") and len(numbers) == 29
    m73, m73_ff = _measure(report, "7-3"), _measure(with_ff, "7-3")
    assert [y.fiscal_year for y in m73.years] == [2018, 2019, 2020]
    assert [(_raw(y.target_value), _raw(y.actual_value)) for y in m73.years] == [("", "")] * 3
    assert m73.mid_term_target == m73_ff.mid_term_target
    assert m73.location.page == m73_ff.location.page == 16
    assert not [w for w in report.warnings if w.code == "no_page_breaks"]
    score = compare(reference("r3"), flatten(report.model_dump(mode="json")))
    assert score.misplaced == []


def test_layout_page_numbers_are_no_reference_values(tmp_path: Path) -> None:
    """``pdftotext -layout -nopgbrk``: the centred page numbers 8 and 9 stood under 参考指標５
    as one more series value; they are furniture of pages 1 and 2."""
    text = tmp_path / "ref.txt"
    subprocess.run(
        ["pdftotext", "-layout", "-nopgbrk", "-enc", "UTF-8", str(REFERENCE_1), str(text)],
        check=True,
    )
    report = parse(str(text))
    numbers = [(f.location.page, f.location.line, f.text) for f in report.furniture]
    assert [n for n in numbers if n[2] in ("8", "9")] == [(1, 64, "8"), (2, 125, "9")]
    field = report.policies[0].fields[0]
    five = next(r for r in field.reference_indicators if r.number == 5)
    assert [(s.label, [v.value.raw for v in s.values]) for s in five.series] == [
        ("① 日本語版", ["7,400 部", "7,100 部", "7,000 部", "7,000 部"]),
        ("② 英語版", ["4,500 部", "4,100 部", "4,000 部", "4,000 部"]),
        ("③ アクセス数", ["125 万件＊", "157 万件＊", "179 万件＊", "266 万件＊"]),
    ]
    assert [v.fiscal_year for v in five.series[0].values] == [2017, 2018, 2019, 2020]


def test_text_without_page_numbers_warns_and_guesses_no_break(tmp_path: Path) -> None:
    """The footer cropped off (as a producer that prints no page numbers, Chromium): one
    ``no_page_breaks`` warning at line 1, no page anywhere, and 7-3 left out, not guessed."""
    text = tmp_path / "crop.txt"
    crop = ["-x", "0", "-y", "0", "-W", "600", "-H", "780"]  # A4: 842 pt, the footer below
    cmd = ["pdftotext", "-nopgbrk", *crop, "-enc", "UTF-8", str(FIELDS_7_8), str(text)]
    subprocess.run(cmd, check=True)
    report = parse(str(text))
    breaks = [w for w in report.warnings if w.code == "no_page_breaks"]
    assert [(w.location.page, w.location.line) for w in breaks] == [(None, 1)]
    assert report.source.pages is None
    assert not [f for f in report.furniture if f.kind == "page_number"]
    assert {w.location.page for w in report.warnings} == {None}
    m73 = _measure(report, "7-3")
    assert [(_raw(y.target_value), _raw(y.actual_value)) for y in m73.years] == [("", "")] * 3
    assert compare(reference("r3"), flatten(report.model_dump(mode="json"))).misplaced == []


def test_corpus_text_keeps_its_reading() -> None:
    """The corpus text (paragraphs marked by trailing spaces, seven stray page numbers) has
    no run of page numbers and is no extractor's: no pages, no warning."""
    report = parse(str(CORPUS))
    assert report.source.pages is None
    assert not [w for w in report.warnings if w.code == "no_page_breaks"]


def _lines(texts: list[str]) -> list[Line]:
    return [Line(no, None, t) for no, t in enumerate(texts, start=1)]


def _body(n: int, tag: str) -> list[str]:
    return [f"{tag}の本文、{i}行目。" for i in range(n)]


@pytest.mark.parametrize("form", ["- {} -", "{} / 4", "{}", "                    {}"])
def test_run_of_page_numbers_splits_pages(form: str) -> None:
    pages = [[*_body(30, f"p{p}"), form.format(p)] for p in range(1, 5)]
    lines, found = infer_pages(_lines([t for page in pages for t in page]))
    assert found == INFERRED
    assert [ln.page for ln in lines] == [p for p in range(1, 5) for _ in range(31)]
    assert lines[31].text == "p2の本文、0行目。" and lines[31].page == 2


def test_cell_numbers_are_no_run() -> None:
    """Lone numbers a few lines apart (a grid's cells, a list) are no page numbers."""
    texts = [*_body(40, "a"), "1", "x", "2", "y", "3", *_body(200, "b")]
    lines, found = infer_pages(_lines(texts))
    assert found == UNKNOWN and {ln.page for ln in lines} == {1}


def test_concatenated_reports_number_anew() -> None:
    one = [t for p in range(1, 4) for t in [*_body(30, f"A{p}"), str(p)]]
    two = [t for p in range(1, 5) for t in [*_body(30, f"B{p}"), str(p)]]
    lines, found = infer_pages(_lines([*one, *two]))
    assert found == INFERRED
    assert [ln.page for ln in lines if ln.text.isdigit()] == list(range(1, 8))


def test_two_reports_of_one_length_number_anew() -> None:
    """Two reports of one length, each after an unnumbered sheet: neither run spans half the
    text (a breaker's trial, ``cat`` of two -layout -nopgbrk texts: no pages were found, and
    a page number 8 centred under a 参考指標's years was read as its value)."""
    def report(name: str) -> list[str]:
        pages = [t for p in range(1, 5) for t in [*_body(30, f"{name}{p}"), str(p)]]
        return [*_body(20, f"{name}別紙"), *pages]

    lines, found = infer_pages(_lines([*report("A"), *report("B")]))
    assert found == INFERRED
    assert [(ln.page, ln.text) for ln in lines if ln.text.isdigit()] == [
        (1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "1"), (6, "2"), (7, "3"), (8, "4")
    ]  # fmt: skip


def test_short_text_needs_no_pages() -> None:
    lines, found = infer_pages(_lines(_body(40, "a")))
    assert found == NONE and {ln.page for ln in lines} == {None}


def _without(report: Report) -> dict:
    """A report's JSON without its source (the path and hash of the text)."""
    return report.model_dump(mode="json", exclude={"source"})


@pytest.mark.parametrize("kept", [1, 5, 20])
def test_form_feeds_on_some_pages_only(kept: int, tmp_path: Path) -> None:
    """pdftotext's pages with the form feeds after page ``kept`` taken out (a breaker's
    trial: every value after the last form feed was put on its page, page 6 for 109, no
    warning): the pages its page numbers show, the same JSON as with every form feed."""
    marked = extract(FIELDS_7_8, "pdftotext", tmp_path / "ff.txt")
    pages = marked.read_text(encoding="utf-8").split("\f")
    assert len(pages) == 30  # 29 pages and what follows the last form feed
    partial = tmp_path / "partial.txt"
    partial.write_text("\f".join(pages[:kept]) + "\f" + "".join(pages[kept:]), encoding="utf-8")
    report, with_ff = parse(str(partial)), parse(str(marked))
    numbers = [(f.location.page, f.text) for f in report.furniture if f.kind == "page_number"]
    assert numbers == [(p, str(p)) for p in range(1, 30)]
    assert _measure(report, "7-3").location.page == 16
    assert _without(report) == _without(with_ff)


@pytest.mark.parametrize("extractor", ["pdfium", "pdfplumber"])
def test_pages_joined_without_a_line_end(extractor: str, tmp_path: Path) -> None:
    """pdfium's and pdfplumber's page texts end without a line end: joined with ``""`` each
    page's number runs into the next page's first line (a breaker's trial: ``210－３`` read as
    測定指標210-3, a page number as 3-5's 中期目標値). The numbers are the pages' furniture,
    the measures those of the marked text, on the same pages."""
    marked = extract(FIELDS_7_8, extractor, tmp_path / "ff.txt")
    joined = tmp_path / "joined.txt"
    joined.write_text(marked.read_text(encoding="utf-8").replace("\f", ""), encoding="utf-8")
    report, with_ff = parse(str(joined)), parse(str(marked))
    numbers = [(f.location.page, f.text) for f in report.furniture if f.kind == "page_number"]
    assert numbers == [(p, str(p)) for p in range(1, 30)]
    ids = [(m.id, m.rating, m.location.page) for f in report.policies[0].fields for m in f.measures]
    ids_ff = [
        (m.id, m.rating, m.location.page) for f in with_ff.policies[0].fields for m in f.measures
    ]
    assert ids == ids_ff and ids[0][:2] == ("7-1", "b")
    assert [(s.id, s.rating) for s in report.policies[0].measure_summary] == [
        (s.id, s.rating) for s in with_ff.policies[0].measure_summary
    ]
    score = compare(reference("r3"), flatten(report.model_dump(mode="json")))
    assert score.misplaced == []


def test_full_width_page_numbers_joined_without_a_line_end(tmp_path: Path) -> None:
    """The same, the page numbers printed in full-width digits (``２８``): run onto the
    previous page's last line (``2,259２``) they are split off as the ASCII ones are (a
    breaker's trial: ``２８－`` read as 3-5's 中期目標値 28, and 10-3's rating lost)."""
    marked = extract(FIELDS_7_8, "pdfium", tmp_path / "ff.txt")
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    pages = marked.read_text(encoding="utf-8").split("\f")
    for n, page in enumerate(pages):  # pdfium reads this footer first: the page's first line
        number, sep, rest = page.partition("\n")
        if number.strip().isdigit():
            pages[n] = number.translate(wide) + sep + rest
    joined = tmp_path / "joined.txt"
    joined.write_text("".join(pages), encoding="utf-8")
    report, with_ff = parse(str(joined)), parse(str(marked))
    numbers = [f.text for f in report.furniture if f.kind == "page_number"]
    assert numbers == [str(p).translate(wide) for p in range(1, 30)]
    ids = [(m.id, m.rating, m.location.page) for f in report.policies[0].fields for m in f.measures]
    ids_ff = [
        (m.id, m.rating, m.location.page) for f in with_ff.policies[0].fields for m in f.measures
    ]
    assert ids == ids_ff
    assert compare(reference("r3"), flatten(report.model_dump(mode="json"))).misplaced == []


def test_page_numbers_glued_to_a_marked_page_s_first_line(tmp_path: Path) -> None:
    """Form feeds kept, each page's number run into its first line (``510－４``: page 5 and
    10－４; a breaker's trial read a measure 510-4): split off as in unmarked text."""
    marked = extract(FIELDS_7_8, "pdfium", tmp_path / "ff.txt")
    pages = marked.read_text(encoding="utf-8").split("\f")
    glued = [regex.sub(r"^([0-9]+)\n", r"\1", page) for page in pages]
    assert sum(a != b for a, b in zip(pages, glued, strict=True)) >= 25
    path = tmp_path / "glued.txt"
    path.write_text("\f".join(glued), encoding="utf-8")
    report, with_ff = parse(str(path)), parse(str(marked))
    ids = [(m.id, m.rating, m.location.page) for f in report.policies[0].fields for m in f.measures]
    ids_ff = [
        (m.id, m.rating, m.location.page) for f in with_ff.policies[0].fields for m in f.measures
    ]
    assert ids == ids_ff
    numbers = [f.text for f in report.furniture if f.kind == "page_number"]
    # Pages 1 and 2 stay glued (``1施策Ⅱ-１``): a line starting 1 further down page 1
    # continues the run as well; the header's id is then not read (left null, said).
    assert numbers == [str(p) for p in range(3, 30)]


def test_glued_page_numbers_split_off() -> None:
    """A page number run into the next page's first line (``2１０行目``, ``310 月``) is split
    off by the run it continues, whatever digits follow it."""
    pages = [_body(30, f"p{p}") for p in range(1, 7)]
    pages[2][0] = "10 月の" + pages[2][0]
    texts = [*pages[0]]
    for number, page in enumerate(pages[1:], start=1):
        texts += [f"{number}{page[0]}", *page[1:]]
    lines, found = infer_pages(_lines([*texts, "6"]))
    assert found == INFERRED
    assert [(ln.page, ln.text) for ln in lines if ln.text[:1].isdigit()] == [
        (1, "1"),
        (2, "2"),
        (3, "10 月のp3の本文、0行目。"),
        (3, "3"),
        (4, "4"),
        (5, "5"),
        (6, "6"),
    ]
    body = [ln.page for ln in lines if not page_number_like(ln.text)]
    assert body == [p for p in range(1, 7) for _ in range(30)]
    assert [ln.no for ln in lines if ln.text in ("2", "10 月のp3の本文、0行目。")] == [61, 61]


def _roman(n: int) -> str:
    out = ""
    for value, numeral in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]:
        while n >= value:
            out, n = out + numeral, n - value
    return out


FOOTERS = {
    "p": "p. {}".format,
    "page": "{}ページ".format,
    "paren": "({})".format,
    "dash": "- {} -".format,
    "roman": _roman,
}


@pytest.mark.parametrize("footer", sorted(FOOTERS))
@pytest.mark.parametrize("extractor", ["pdftotext", "pdftotext-layout", "pdftotext-nopgbrk"])
def test_page_numbers_in_other_footer_forms(footer: str, extractor: str, tmp_path: Path) -> None:
    """The page numbers printed ``p. 4``, ``4ページ``, ``(4)``, ``- 4 -`` or ``iv`` (a
    breaker's trial: ``p. 4`` read into a label, 「いの測定結果相当程度進展あり」, and into a
    progress text): furniture of the same pages, the report read as with plain numbers."""
    plain = extract(FIELDS_7_8, extractor, tmp_path / "plain.txt")
    with_plain = parse(str(plain))
    at = {f.location.line: int(f.text) for f in with_plain.furniture if f.kind == "page_number"}
    assert len(at) == 29
    lines = plain.read_text(encoding="utf-8").split("\n")
    for no, number in at.items():
        lines[no - 1] = lines[no - 1].replace(str(number), FOOTERS[footer](number))
    other = tmp_path / "other.txt"
    other.write_text("\n".join(lines), encoding="utf-8")
    report = parse(str(other))
    numbers = [
        (f.location.page, f.text.strip()) for f in report.furniture if f.kind == "page_number"
    ]
    assert numbers[-1] == (29, FOOTERS[footer](29).strip()) and len(numbers) == 29
    got, want = _without(report), _without(with_plain)
    for item in [*got["furniture"], *want["furniture"]]:
        item["text"] = ""
    assert got == want


def test_lost_form_feeds_without_page_numbers_are_said(tmp_path: Path) -> None:
    """No page numbers (the footer cropped, as Chromium prints none) and the form feeds after
    page 5 lost: what follows is one marked page of 24 pages' lines, so its locations would
    name page 6 for pages 6 to 29. One ``missing_page_breaks`` warning at its first line says
    so; the pages before it keep theirs."""
    text = tmp_path / "crop.txt"
    crop = ["-x", "0", "-y", "0", "-W", "600", "-H", "780"]  # A4: 842 pt, the footer below
    subprocess.run(["pdftotext", *crop, "-enc", "UTF-8", str(FIELDS_7_8), str(text)], check=True)
    pages = text.read_text(encoding="utf-8").split("\f")
    text.write_text("\f".join(pages[:5]) + "\f" + "".join(pages[5:]), encoding="utf-8")
    report = parse(str(text))
    said = [w for w in report.warnings if w.code == "missing_page_breaks"]
    first = sum(p.count("\n") for p in pages[:5]) + 1
    assert [(w.location.page, w.location.line) for w in said] == [(6, first)]
    assert said[0].message.startswith("page 6 holds ")
    assert not [w for w in report.warnings if w.code == "no_page_breaks"]


def test_glued_page_numbers_are_never_cut_from_a_number() -> None:
    """``33,055 件`` at a page's start is page 3 and 3,055 件, never page 33 or 33,05; a
    ``2,632`` within a page keeps its 2; ``80.22`` is not cut (80.2 and page 2, or 80.22)."""
    pages = [_body(30, f"p{p}") for p in range(1, 8)]
    pages[3][0] = "3,055 件"
    pages[2][10] = "2,632"
    pages[4][10] = "達成率 80.22"
    texts = [*pages[0]]
    for number, page in enumerate(pages[1:], start=1):
        texts += [f"{number}{page[0]}", *page[1:]]
    lines, found = infer_pages(_lines([*texts, "7"]))
    assert found == INFERRED
    assert [(ln.page, ln.text) for ln in lines if ln.text[:1].isdigit() or "," in ln.text] == [
        (1, "1"),
        (2, "2"),
        (3, "2,632"),
        (3, "3"),
        (4, "3,055 件"),
        (4, "4"),
        (5, "5"),
        (6, "6"),
        (7, "7"),
    ]
    assert [ln.text for ln in lines if ln.text.startswith("達成率")] == ["達成率 80.22"]


def test_bare_line_feeds_end_pages_only_in_pdfium_crlf_text() -> None:
    """pdfium's pages joined by ``\\n`` (its lines end in CRLF): each bare LF ends a page,
    where the pages it makes are a printed page long; not in a text of one line end, with
    form feeds, or a CRLF file with a stray LF a few lines apart."""
    page = "\r\n".join(f"行{i}" for i in range(20))
    assert joined_page_ends("\n".join([page] * 3)) == {19, 39}
    assert joined_page_ends("\n".join([page] * 3).replace("\r\n", "\n")) == set()
    assert joined_page_ends("\f".join([page] * 3) + "\n") == set()
    short = "\r\n".join(f"行{i}" for i in range(4))
    assert joined_page_ends("\n".join([short] * 10)) == set()
    # pages joined with "\n\n": one break each, the blank line the next page's (a breaker's
    # trial: every page counted twice)
    assert joined_page_ends("\n\n".join([page] * 3)) == {19, 40}
    # pages joined with CRLF, one stray LF: no page marks (every location was one page off)
    stray = "\r\n".join([page] * 20)
    stray = stray.replace("行5\r\n", "行5\n", 1)
    assert joined_page_ends(stray) == set()

"""The defects that public bug reports describe: every instance gives the clean input's
values (white space aside), or the documented warning or error.

The instances are made by ``tests/fixtures/defects/make_defects.py`` (PDF edits with pikepdf,
text through ``text_defects.py``); the four real samples beside them come from
shared/cases/defects with their clean twins.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
import regex
from conftest import FIXTURES, REPORT, squeeze, values

from hyoka_parse import InputError, parse, parse_text
from hyoka_parse.layout.page_objects import Char
from hyoka_parse.models import Report
from hyoka_parse.options import ENGINES, ReadOptions
from hyoka_parse.pdf_clean import merge_overprints, painted, rule_edges, visible_chars
from hyoka_parse.pipeline import parse_source
from hyoka_parse.source import open_source
from hyoka_parse.vocab import RADICALS, fold_text

DEFECTS = FIXTURES / "defects"
sys.path.insert(0, str(DEFECTS))
import make_defects  # noqa: E402
from text_defects import CHARACTER_DEFECTS  # noqa: E402


def codes(report: Report) -> set[str]:
    return {w.code for w in report.warnings}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Every PDF defect holds with either engine (issue 12)."""
    return request.param


@pytest.fixture(scope="module")
def clean_pdf(engine: str) -> Report:
    return parse(str(DEFECTS / "clean.pdf"), jobs=1, engine=engine)


@pytest.fixture(scope="module")
def clean_text() -> Report:
    return parse(str(DEFECTS / "text_clean.txt"))


def test_the_clean_pages_read_the_report(clean_pdf: Report) -> None:
    """The reference itself is right: the budget cells the defects aim at, from the report."""
    rows = {r.label: [v.raw for v in r.values] for r in clean_pdf.policies[0].budget[0].rows}
    assert rows["補正予算(b)"] == ["0", "0", "220", ""]
    assert rows["繰越し等(c)"] == ["0", "0", "△217", ""]
    item = clean_pdf.budget_sheets[0].items[0]
    assert item.values[0].value == 29452910
    assert item.jikou == "経済協力に係る国際の平和と安定に対する取組に必要な経費"
    assert codes(clean_pdf) == {"missing_part"}  # three pages of a report: no fields


# Each kind, and what it leaves as furniture (dropped, not lost).
SAME_VALUES = {
    "fake_bold_x2": None,
    "fake_bold_x4": None,
    "white_text": ("invisible_text", "220"),
    "render_mode_3": ("invisible_text", "220△217"),
    "ocr_layer": None,
    "outside_cropbox": ("outside_cropbox", "（注）校正用"),
    "clipped_text": ("clipped_text", "に対する取組に必要な"),
    "form_clip": ("clipped_text", "220"),
    "radicals_map": None,
    "dotted_rules": None,
    "dashed_rules": None,
    "double_rules": None,
    "thin_rect_rules": None,
    "invisible_rules": None,
}


@pytest.mark.parametrize("name", sorted(SAME_VALUES))
def test_pdf_defect_gives_the_clean_values(name: str, clean_pdf: Report, engine: str) -> None:
    report = parse(str(DEFECTS / f"{name}.pdf"), jobs=1, engine=engine)
    assert values(report) == values(clean_pdf)
    assert codes(report) == codes(clean_pdf)
    dropped = [(f.kind, f.text) for f in report.furniture if f.kind not in ("page_number",)]
    expected = SAME_VALUES[name]
    others = [
        d for d in dropped if d[0] not in ("invisible_text", "clipped_text", "outside_cropbox")
    ]
    assert sorted(set(dropped) - set(others)) == ([expected] if expected else [])


def test_a_page_without_rules_is_said(engine: str) -> None:
    report = parse(str(DEFECTS / "no_rules.pdf"), jobs=1, engine=engine)
    warned = [w for w in report.warnings if w.code == "no_table_rules"]
    assert [w.location.page for w in warned] == [1, 2, 3]
    assert warned[0].message == "page 1: no ruling lines on the page: its tables are not read"


def test_a_sideways_sheet_is_read_turned(clean_pdf: Report, engine: str) -> None:
    report = parse(str(DEFECTS / "sideways.pdf"), jobs=1, engine=engine)
    assert [w.code for w in report.warnings] == ["no_policy", "sideways_page"]
    assert report.warnings[1].message == "page 1: its text runs sideways: read turned 90°"
    assert squeeze(report.budget_sheets[0].model_dump(mode="json")) == squeeze(
        clean_pdf.budget_sheets[0].model_dump(mode="json")
    )


def test_pages_turned_upside_down_are_read_turned(
    clean_pdf: Report, engine: str, tmp_path: Path
) -> None:
    """Pages whose /Rotate is 180 more than their text's (pikepdf, as ``qpdf --rotate=+180``
    writes it; a breaker's trial): laid out as displayed, every glyph is upside down and the
    pages were read as empty, unsaid. Each is read turned 180° and said."""
    turned = tmp_path / "upside-down.pdf"
    with pikepdf.open(DEFECTS / "clean.pdf") as pdf:
        for page in pdf.pages:
            page.rotate(180, relative=True)
        pdf.save(turned)
    report = parse(str(turned), jobs=1, engine=engine)
    said = [w for w in report.warnings if w.code == "sideways_page"]
    assert said and said[0].message == "page 1: its text runs sideways: read turned 180°"
    assert values(report) == values(clean_pdf)


def test_unmapped_glyphs_are_counted_and_the_structure_kept() -> None:
    clean_pdf = parse(str(DEFECTS / "clean.pdf"), jobs=1, engine="pdfplumber")
    report = parse(str(DEFECTS / "unmapped_some.pdf"), jobs=1, engine="pdfplumber")
    warned = [w for w in report.warnings if w.code == "unmapped_glyphs"]
    assert len(warned) == 1
    count = int(warned[0].message.split()[0])
    pages = re.search(r"on page\(s\) ([\d, ]+);", warned[0].message)
    assert pages and pages.group(1) == "1, 2, 3"
    with pdfplumber.open(DEFECTS / "unmapped_some.pdf") as pdf:  # what pdfminer could not map
        assert count == sum(c["text"].startswith("(cid:") for p in pdf.pages for c in p.chars)
    assert "\ufffd" in report.to_json()
    # The numbers and the parts survive; only the lost kanji read as U+FFFD.
    policy, clean = report.policies[0], clean_pdf.policies[0]
    assert [b.model_dump(exclude={"title", "printed_title"}) for b in policy.budget] == [
        b.model_dump(exclude={"title", "printed_title"}) for b in clean.budget
    ]
    assert [i.values for i in report.budget_sheets[0].items] == [
        i.values for i in clean_pdf.budget_sheets[0].items
    ]


@pytest.mark.parametrize("name", ["unmapped_some", "unmapped_all"])
def test_pdfium_reads_a_font_without_unicode_map_by_its_cid_ordering(name: str) -> None:
    """pdfium maps a CID of a font without a ToUnicode entry through the font's ordering
    (Adobe-Japan1 here), which pdfminer does not: the text is the clean one."""
    clean = parse(str(DEFECTS / "clean.pdf"), jobs=1, engine="pdfium")
    report = parse(str(DEFECTS / f"{name}.pdf"), jobs=1, engine="pdfium")
    assert values(report) == values(clean)
    assert codes(report) == codes(clean) == {"missing_part"}
    assert "\ufffd" not in report.to_json()


def test_a_text_layer_that_cannot_be_decoded_exits_2_and_says_ocr(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    pdf = str(DEFECTS / "unmapped_all.pdf")
    proc = subprocess.run(
        [sys.executable, "-m", "hyoka_parse", pdf, "-o", str(out), "--engine", "pdfplumber"],
        capture_output=True,
        timeout=120,
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    # every glyph of the page: the vertical label 評価結果（注１）'s 8 too, which, undecoded,
    # reads as no label (pdf_page.is_vertical) and is counted with the rest
    assert "the text cannot be decoded (2266 of 2266 glyphs have no Unicode mapping" in err
    assert "run OCR on it" in err
    assert not out.exists()


# --- the real samples (shared/cases/defects): single middle pages of another producer ---

REAL = [
    ("kangxi-radicals-page-2", "clean-page-2", None),
    ("fake-bold-jitter-page-1", "clean-page-1", None),
    ("white-text-page-2", "clean-page-2", ("invisible_text", "220")),
    ("dotted-rules-page-1", "clean-page-1", None),
]


def _read(name: str, engine: str) -> tuple[list, list]:
    doc = open_source(str(DEFECTS / f"{name}.pdf"), None, ReadOptions(jobs=1, engine=engine))
    lines = [(ln.page, squeeze(ln.text), squeeze(ln.cells)) for ln in doc.lines]
    dropped = [(kind, text) for kind, _, text in doc.furniture if kind != "page_number"]
    return lines, dropped


@pytest.mark.parametrize(("defect", "clean", "dropped"), REAL)
def test_real_sample_reads_as_its_clean_page(
    defect: str, clean: str, dropped: Any, engine: str
) -> None:
    """Lines and table cells, as the PDF reader gives them to the parser, are the same."""
    got, got_dropped = _read(defect, engine)
    want, want_dropped = _read(clean, engine)
    assert got == want
    assert len(want) > 20
    assert [d for d in got_dropped if d not in want_dropped] == ([dropped] if dropped else [])


@pytest.mark.parametrize(("defect", "clean", "dropped"), REAL)
def test_real_sample_parses_as_its_clean_page(
    defect: str, clean: str, dropped: Any, engine: str
) -> None:
    """Page 1 is the 別紙 sheet and page 2 holds the 施策 header: both parse on their own."""
    options = ReadOptions(jobs=1, engine=engine)
    got = parse_source(open_source(str(DEFECTS / f"{defect}.pdf"), None, options))
    want = parse_source(open_source(str(DEFECTS / f"{clean}.pdf"), None, options))
    assert values(got) == values(want)
    assert codes(got) == codes(want)


# --- the text path ---


@pytest.mark.parametrize("name", sorted(CHARACTER_DEFECTS))
def test_text_defect_instance_gives_the_clean_values(name: str, clean_text: Report) -> None:
    report = parse(str(DEFECTS / f"text_{name}.txt"))
    assert values(report) == values(clean_text)
    assert codes(report) == codes(clean_text)


@pytest.mark.parametrize("name", sorted(CHARACTER_DEFECTS))
def test_text_defect_on_the_whole_report_gives_its_values(name: str, report: Report) -> None:
    text = REPORT.read_text(encoding="utf-8")
    damaged = parse_text(CHARACTER_DEFECTS[name](text, random.Random(1)))
    assert values(damaged) == values(report)


def test_letter_spaced_label_stays_out_of_the_value(clean_text: Report) -> None:
    report = parse(str(DEFECTS / "text_letter_spaced.txt"))
    assert "担\u3000当\u3000部\u3000局\u3000名" in (DEFECTS / "text_letter_spaced.txt").read_text()
    assert report.policies[0].department == "総合外交政策局"


def test_cid_tokens_in_text_are_warned_about(clean_text: Report) -> None:
    report = parse(str(DEFECTS / "text_cid_tokens.txt"))
    raw = (DEFECTS / "text_cid_tokens.txt").read_text(encoding="utf-8")
    warned = [w for w in report.warnings if w.code == "unmapped_glyphs"]
    assert len(warned) == 1 and warned[0].location.page is None
    assert warned[0].message.startswith(f"{raw.count('(cid:')} glyph(s) have no Unicode mapping;")
    assert report.policies[0].department == clean_text.policies[0].department
    assert report.policies[0].budget == clean_text.policies[0].budget


def test_lost_headings_say_which_glyphs_were_lost() -> None:
    """Under half the glyphs unmapped, but the ones every heading needs: the refusal says why."""
    lines = (DEFECTS / "text_clean.txt").read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[98:])  # the 施策 header without the 別紙 sheet before it
    damaged = regex.sub(r"[施測評担学目年個参]", "(cid:9)", text)
    with pytest.raises(InputError) as caught:
        parse_text(damaged)
    hint = caught.value.hint
    assert hint.startswith("glyph(s) have no Unicode mapping", hint.index(" ") + 1)
    assert hint.endswith("run OCR on it (for example ocrmypdf --force-ocr -l jpn)")


def test_where_headings_survive_the_parts_are_read() -> None:
    """施策 and 政策評価書 unmapped: the title is lost, the labels that survive are read."""
    lines = (DEFECTS / "text_clean.txt").read_text(encoding="utf-8").split("\n")
    text = "\n".join(lines[98:])
    damaged = text.replace("政策評価書", "(cid:7)(cid:8)評価書").replace("施策", "(cid:9)策")
    report = parse_text(damaged)
    policy = report.policies[0]
    assert (policy.department, policy.evaluation_date) == ("総合外交政策局", "2021-08")
    assert {"unmapped_glyphs", "missing_part"} <= codes(report)


def test_undecodable_text_is_refused() -> None:
    text = REPORT.read_text(encoding="utf-8")
    damaged = "".join("(cid:1)" if not c.isspace() else c for c in text[:5000])
    with pytest.raises(InputError, match="cannot be decoded"):
        parse_text(damaged)


# --- the folds and the overprint merge, one by one ---


def test_radical_table_is_the_unicode_data() -> None:
    kangxi = {cp for cp in RADICALS if 0x2F00 <= cp <= 0x2FD5}
    assert len(kangxi) == 214
    japanese = {0x2F3E: "戸", 0x2FAD: "青", 0x2FC6: "麦", 0x2FC8: "黄", 0x2FCA: "黒"}
    japanese |= {0x2FD1: "斉", 0x2FD2: "歯", 0x2FD4: "亀"}  # the JIS form, not NFKC's 戶 靑 …
    for cp in kangxi:  # the compatibility decompositions, as NFKC has them
        assert RADICALS[cp] == japanese.get(cp, unicodedata.normalize("NFKC", chr(cp)))
    supplement = {cp for cp in RADICALS if 0x2E80 <= cp <= 0x2EF3}
    named = {cp for cp in range(0x2E80, 0x2EF4) if unicodedata.name(chr(cp), "")}
    assert supplement == named - {0x2E80}  # 2E80 REPEAT has no equivalent ideograph
    assert RADICALS[0x2ED1] == "長" and RADICALS[0x2EAC] == "示"
    for cp in (0x2E9F, 0x2EF3):  # the two with a decomposition agree with it
        assert RADICALS[cp] == unicodedata.normalize("NFKC", chr(cp))


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("平成30年度⽬標", "平成30年度目標"),
        ("⻑期", "長期"),
        ("㍻30年度・㋿元年度・㍼・㍽・㍾", "平成30年度・令和元年度・昭和・大正・明治"),
        ("54,027,805\u00a054,349,436", "54,027,805 54,349,436"),
        ("年\u200b度\u2060政\ufeff策\u200c評\u200d価\u00ad", "年度政策評価"),
        ("a\u2028b\u0085c\u000bd", "a b c d"),
        ("3〜5 −217", "3～5 －217"),
        ("担　当　部　局　名", "担　当　部　局　名"),  # ideographic spaces are the report's
        ("(cid:1234)要(cid:5)\ue000", "\ufffd要\ufffd\ufffd"),
        ("１２３ＡＢＣ－～", "１２３ＡＢＣ－～"),  # the report's own characters stay
        # pdfminer's reading of Chromium's Type 3 fonts (Noto Sans CJK; held-out set 9)
        ("専門家∕賢人 施策の進捗状況‧実績", "専門家／賢人 施策の進捗状況・実績"),
        ("Paciﬁc Shield /mofaj/ﬁles/ ﬀ ﬂ ﬃ ﬄ", "Pacific Shield /mofaj/files/ ff fl ffi ffl"),
    ],
)
def test_fold_text(raw: str, folded: str) -> None:
    assert fold_text(raw) == folded
    assert fold_text(folded) == folded


def _char(text: str, x0: float, top: float, size: float = 9.0, colour: Any = None) -> Char:
    return Char(text, x0, x0 + size, top, top + size, non_stroking_color=colour)


@pytest.mark.parametrize(
    "offsets",
    [
        [(0.001, -0.04)],
        [(0.3, 0.3)],
        [(-0.3, 0.26)],
        [(0.2, 0.0), (0.0, 0.2), (0.2, 0.2)],
        [(-0.001, 0.3), (0.3, -0.001), (-0.15, -0.15)],
    ],
)
def test_overprints_merge_whatever_the_rounding(offsets: list[tuple[float, float]]) -> None:
    line = [_char(t, 100 + 9 * i, 642.47) for i, t in enumerate("54,027,805")]
    copies = [_char(c.text, c.x0 + dx, c.top + dy) for dx, dy in offsets for c in line]
    merged = merge_overprints(line + copies)
    assert "".join(c.text for c in merged) == "54,027,805"
    assert merged == line


def test_repeated_glyphs_side_by_side_stay() -> None:
    line = [_char("0", 100 + 5.25 * i, 10, 5.25) for i in range(3)]  # 000, narrow digits
    assert merge_overprints(line) == line


def _pdf_summary(path: Path) -> list:
    """What a PDF instance draws, page by page (independent of how pikepdf writes bytes)."""
    with pikepdf.open(path) as pdf:
        out = []
        for page in pdf.pages:
            font = page.obj.Resources.Font.get("/F2")
            to_unicode = font.get("/ToUnicode") if font is not None else None
            out.append(
                (
                    [
                        (str(operands), str(op))
                        for operands, op in pikepdf.parse_content_stream(page)
                    ],
                    str(page.obj.get("/CropBox")),
                    str(page.obj.MediaBox),
                    str(font.get("/Encoding")) if font is not None else None,
                    to_unicode.read_bytes() if to_unicode is not None else None,
                )
            )
        return out


def test_the_committed_instances_are_what_the_script_makes(tmp_path: Path) -> None:
    make_defects.main(tmp_path)
    made = sorted(tmp_path.iterdir())
    assert len(made) == 28
    for path in made:
        committed = DEFECTS / path.name
        if path.suffix == ".pdf":
            assert _pdf_summary(path) == _pdf_summary(committed), path.name
        else:
            assert path.read_bytes() == committed.read_bytes(), path.name


def _rect(x0: float, top: float, x1: float, bottom: float, **kw: Any) -> dict:
    return {"object_type": "rect", "x0": x0, "top": top, "x1": x1, "bottom": bottom, **kw}


def test_white_text_on_a_dark_cell_is_visible() -> None:
    """Only text the colour of what lies under it is invisible: white on a blue header
    cell is read, white on the white page and black on a black bar are not."""
    blue = _rect(0, 0, 100, 20, fill=True, non_stroking_color=(0.1, 0.2, 0.6))
    bar = _rect(0, 40, 100, 60, fill=True, non_stroking_color=(0,))
    chars = [
        _char("A", 10, 5, colour=(1,)),  # on blue
        _char("B", 10, 25, colour=(1, 1, 1)),  # on the page
        _char("C", 10, 45, colour=(0, 0, 0, 1)),  # CMYK black on black
        _char("D", 10, 65, colour=(0,)),  # black on the page
    ]
    kept, dropped = visible_chars(chars, [blue, bar], (0, 0, 200, 200))
    assert [c.text for c in kept] == ["A", "D"]
    assert [(kind, text) for kind, text, _ in dropped] == [("invisible_text", "BC")]


@pytest.mark.parametrize(
    ("obj", "seen"),
    [
        (_rect(0, 0, 100, 0.5, fill=True, stroke=False, non_stroking_color=(0,)), True),
        (_rect(0, 0, 100, 0, fill=True, stroke=False, non_stroking_color=(0,)), False),
        (_rect(0, 0, 100, 20, fill=True, stroke=False, non_stroking_color=(1, 1, 1)), False),
        (_rect(0, 0, 100, 20, fill=False, stroke=True, stroking_color=(1,)), False),
        (
            _rect(
                0, 0, 100, 20, fill=True, stroke=True, stroking_color=(0,), non_stroking_color=(1,)
            ),
            True,
        ),
        (
            {
                **_rect(0, 0, 100, 0),
                "object_type": "line",
                "stroke": True,
                "stroking_color": (0,),
                "linewidth": 0,
            },
            True,
        ),  # PDF: the thinnest line
    ],
)
def test_rules_that_paint_nothing_are_no_rules(obj: dict, seen: bool) -> None:
    assert painted(obj) is seen


def test_a_row_of_dots_is_one_rule() -> None:
    dots = [
        _rect(
            10 + 1.2 * i,
            99.7,
            10.6 + 1.2 * i,
            100.3,
            fill=True,
            stroke=False,
            non_stroking_color=(0,),
        )
        for i in range(100)
    ]
    rules = rule_edges(dots, (0, 0, 595, 842))
    assert [(r["orientation"], round(r["x0"], 1), round(r["x1"], 1), r["top"]) for r in rules] == [
        ("h", 9.7, 129.7, 100.0)  # half a gap beyond the end dots
    ]


def test_batch_reads_each_pdf_with_the_engine_asked(tmp_path: Path) -> None:
    """``batch --engine``: the same undecodable-without-pdfium file is a bad_input record
    with pdfplumber and a parsed report with pdfium (the default)."""
    pdf = str(DEFECTS / "unmapped_all.pdf")
    records = {}
    for engine in ("pdfplumber", "pdfium"):
        out = tmp_path / f"{engine}.jsonl"
        cmd = [sys.executable, "-m", "hyoka_parse", "batch", pdf, "-o", str(out), "-q"]
        proc = subprocess.run([*cmd, "--engine", engine], capture_output=True, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr.decode()
        (line,) = out.read_text(encoding="utf-8").splitlines()
        records[engine] = json.loads(line)
    assert records["pdfplumber"]["error"]["code"] == "bad_input"
    assert "cannot be decoded" in records["pdfplumber"]["error"]["message"]
    assert "error" not in records["pdfium"]
    clean = parse(str(DEFECTS / "clean.pdf"), jobs=1, engine="pdfium")
    expected = json.loads(clean.to_json())
    for record in (records["pdfium"], expected):
        del record["source"]  # the file's name and hash
    assert records["pdfium"] == expected


def test_a_cropbox_through_a_grid_gives_its_values_null(engine: str, tmp_path: Path) -> None:
    """A CropBox keeping the left 60 % of the page (a breaker's trial) cuts field 11's
    参考指標 grid after 平成30年度: its rules gone, the years come one a line and the row
    as two values. Read by position, 32 was once taken for the series label and 31 set
    under 平成29年度, and on Chromium's rendition of the same cut (breaker F4) values went
    under the year before and another series: what the cut leaves cannot tell which columns
    are lost, so the grid gives no value, with a ``cut_table`` warning (tests/test_page_crop.py)."""
    cropped = tmp_path / "cropped.pdf"
    with pikepdf.open(FIXTURES / "pdf" / "lo" / "lo-reference-istc.pdf") as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            page.obj.CropBox = pikepdf.Array([x0, y0, x0 + 0.6 * (x1 - x0), y1])
        pdf.save(cropped)
    report = parse(str(cropped), jobs=1, engine=engine)
    (indicator,) = report.policies[0].fields[0].reference_indicators
    assert [v.value.raw for s in indicator.series for v in s.values if v.value and v.value.raw] == []
    hidden = [x.text for x in report.furniture if x.kind == "cut_by_cropbox"]
    assert hidden[:2] == ["32", "31"]
    assert [w.code for w in report.warnings].count("cut_table") == 1

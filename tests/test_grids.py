"""Grids read by column: a value belongs to the fiscal year whose header cell stands above
it. A row with a missing cell keeps its other values under their own years; a row whose
cells cannot be matched to the header gives nulls and a warning, never a shifted value."""

from __future__ import annotations

from hyoka_parse.diagnostics import Diagnostics
from hyoka_parse.extract.quantitative import quantitative
from hyoka_parse.extract.reference import reference
from hyoka_parse.layout.model import Cell, Line
from hyoka_parse.models import Measure, MidTermTarget
from hyoka_parse.normalize import make_key
from hyoka_parse.rules import REFERENCE, Block

YEARS = ["平成29年度", "平成30年度", "令和元年度", "令和２年度"]
COLUMNS = [(100, 200), (200, 300), (300, 400), (400, 500)]  # x0, x1 in PDF points


def _row(no: int, cells: list[tuple[str, float, float]], top: float) -> Line:
    made = [Cell(text=t, box=(x0, top, x1, top + 16)) for t, x0, x1 in cells]
    text = " ".join(c.text for c in made if c.text)
    return Line(no, 1, text, make_key(text), True, made, (made[0].box[0], top, 500, top + 16))


def _line(no: int, text: str) -> Line:
    return Line(no, 1, text, make_key(text), True)


def _reference(rows: list[list[tuple[str, float, float]]]) -> tuple[object, Diagnostics]:
    head = _line(1, "参考指標２：民間研究者との研究会の開催回数")
    header = _row(3, [(y, *c) for y, c in zip(YEARS, COLUMNS, strict=True)], 100)
    body = [_line(2, "実 績 値"), header]
    body += [_row(4 + i, r, 116 + 16 * i) for i, r in enumerate(rows)]
    diag = Diagnostics()
    block = Block("reference", head, body, REFERENCE.match(head.key))
    return reference(block, diag), diag


def test_values_go_under_the_year_above_them_whatever_the_count() -> None:
    # No label cell: the first value is 2017's, not a series label.
    ref, diag = _reference(
        [[("４回", 100, 200), ("３回", 200, 300), ("０回", 300, 400), ("３回", 400, 500)]]
    )
    (series,) = ref.series
    assert series.label is None
    assert [(p.fiscal_year, p.value.raw) for p in series.values] == [
        (2017, "４回"),
        (2018, "３回"),
        (2019, "０回"),
        (2020, "３回"),
    ]
    assert diag.warnings == []


def test_a_missing_cell_leaves_its_year_null_and_says_so() -> None:
    ref, diag = _reference(
        [
            [
                ("①日本語版", 20, 100),
                ("7,400部", 100, 200),
                ("7,000部", 300, 400),
                ("7,000部", 400, 500),
            ]
        ]
    )
    (series,) = ref.series
    assert series.label == "①日本語版"
    assert [(p.fiscal_year, p.value.value) for p in series.values] == [
        (2017, 7400),
        (2018, None),
        (2019, 7000),
        (2020, 7000),
    ]
    assert [(w.code, w.location.line) for w in diag.warnings] == [("unparsed_table", 4)]
    assert "2018" in diag.warnings[0].message


def test_an_extra_cell_across_two_years_gives_no_values_and_a_warning() -> None:
    ref, diag = _reference(
        [[("61 件", 100, 200), ("38 件", 200, 300), ("38 件", 250, 350), ("27 件", 400, 500)]]
    )
    assert ref.series == []
    assert [(w.code, w.location.line) for w in diag.warnings] == [("unparsed_table", 4)]


def test_a_note_cell_right_of_the_years_is_a_note() -> None:
    ref, _ = _reference(
        [
            [
                ("４", 100, 200),
                ("４", 200, 300),
                ("４", 300, 400),
                ("４", 400, 500),
                ("※右数は総合ランキング", 500, 560),
            ]
        ]
    )
    assert [p.value.value for p in ref.series[0].values] == [4, 4, 4, 4]
    assert ref.notes == ["右数は総合ランキング"]


def _plain_reference(rows: list[str]) -> tuple[object, Diagnostics]:
    """参考指標５ as plain text: its head, the years, then ``rows``."""
    head = _line(1, "参考指標５：外交青書の発行部数及びインターネットによるアクセス数")
    body = [_line(2, "（出典：外務省） 実 績 値"), _line(3, " ".join(YEARS))]
    body += [_line(4 + i, r) for i, r in enumerate(rows)]
    diag = Diagnostics()
    return reference(Block("reference", head, body, REFERENCE.match(head.key)), diag), diag


def test_a_note_piece_before_a_series_row_only_before_a_whole_row() -> None:
    """A note column's piece printed before a circled label is taken off only when a value
    for every year follows (``（注）暦年 ②英語版 …``); before a short row the line stays a
    note, and no value goes under a year."""
    whole = [
        "①日本語版 7,400 部 7,100 部 7,000 部 7,000 部",
        "（注）暦年 ②英語版 4,500 部 4,100 部 4,000 部 4,000 部",
        "でカウント ③アクセス数 125 万件 157 万件 179 万件 266 万件",
    ]
    ref, _ = _plain_reference(whole)
    assert [s.label for s in ref.series] == ["①日本語版", "②英語版", "③アクセス数"]
    assert [v.value.value for v in ref.series[2].values] == [125, 157, 179, 266]
    assert (ref.source, ref.notes) == ("外務省", ["暦年でカウント"])
    short = [whole[0], "（注）暦年 ②英語版 4,500 部 4,100 部 4,000 部"]
    ref, _ = _plain_reference(short)
    assert [s.label for s in ref.series] == ["①日本語版"]
    assert ref.notes == ["暦年 ②英語版 4,500 部 4,100 部 4,000 部"]


def _quantitative(
    data: list[tuple[str, float, float]],
    years: list[tuple[str, float, float]] | None = None,
    rating_head: str = "平成30･令和元・２年度目標の達成状況",
    below: list[list[tuple[str, float, float]]] | None = None,
    parted: tuple[list[str], str, list[str]] | None = None,
) -> tuple[Measure, Diagnostics]:
    """Measure 3-4's grid: header, sub-header, ``data``, then the rows ``below`` it.
    ``parted``: the measure's notes, lines read between the header rows, and the sub-header's
    cell under the rating label (a page break between the header rows)."""
    top = [("中期目標値", 40, 100)]
    top += years or [(y, 100 + 100 * i, 200 + 100 * i) for i, y in enumerate(YEARS[1:])]
    top += [(rating_head, 400, 460)]
    sub = [("--年度", 40, 100)]
    for i in range(3):
        sub += [
            ("年度目標値", 100 + 100 * i, 150 + 100 * i),
            ("実績値", 150 + 100 * i, 200 + 100 * i),
        ]
    head = _row(1, top, 100)
    notes, between, rest = parted or ([], [], "")
    sub += [(rest, 400, 460)] if rest else []
    lines = [head, *(_line(2, t) for t in between), _row(2, sub, 116), _row(3, data, 132)]
    lines += [_row(4 + i, r, 148 + 16 * i) for i, r in enumerate(below or [])]
    measure = Measure(
        id="3-4",
        title="t",
        is_main=False,
        kind="qualitative",
        mid_term_target=MidTermTarget(text=None, fiscal_year=None),
        years=[],
        rating=None,
        analysis=None,
        next_direction=None,
        notes=list(notes),
    )
    diag = Diagnostics()
    quantitative(Block("quant_table", head, lines[1:]), measure, diag)
    return measure, diag


FULL = [
    ("－", 40, 100),
    ("82％", 100, 150),
    ("80.2％", 150, 200),
    ("83％", 200, 250),
    ("78.3％", 250, 300),
    ("83％", 300, 350),
    ("82%", 350, 400),
    ("ｂ", 400, 460),
]


def test_a_quantitative_grid_is_read_by_column() -> None:
    m, diag = _quantitative(FULL)
    assert (m.kind, m.rating) == ("quantitative", "b")
    assert [(y.fiscal_year, y.target_value.value, y.actual_value.value) for y in m.years] == [
        (2018, 82, 80.2),
        (2019, 83, 78.3),
        (2020, 83, 82),
    ]
    assert diag.warnings == []


def test_a_quantitative_row_with_a_missing_and_an_extra_cell_gives_nulls_and_warnings() -> None:
    missing = [c for c in FULL if c[0] != "78.3％"]
    m, diag = _quantitative(missing)
    assert [y.actual_value.value for y in m.years] == [80.2, None, 82]
    assert [w.code for w in diag.warnings] == ["unparsed_table"]
    assert "令和元年度実績値" in diag.warnings[0].message
    extra = [*missing, ("99％", 220, 280)]  # straddles 年度目標値 and 実績値 of 令和元年度
    m, diag = _quantitative(extra)
    assert m.years == [] and m.kind == "qualitative"
    assert [w.code for w in diag.warnings] == ["unparsed_table"]


def test_two_columns_of_one_kind_under_a_year_give_nulls_not_one_of_them() -> None:
    """A header whose first year spans two years' sub-headers (as -layout text gave 5-3 of
    LibreOffice's narrow rendition): 平成30年度 then heads two 実績値 columns, and neither
    value may be taken as its 実績値 (it took 令和２年度's ２回)."""
    wide = [("平成30年度", 100, 300), ("令和２年度", 300, 400)]
    m, diag = _quantitative(FULL, wide)
    assert m.years == [] and m.kind == "qualitative"
    assert [w.code for w in diag.warnings] == ["unparsed_table"]


# A page break that cuts the rating column's header cell (Chromium, 令和４年度 edition,
# IPAGothic, measure 8-2: ``令和元・令和２・令和`` on one page, ``３年度目標`` / ``の達成状況``
# overleaf, printed down the column over the rating ``ａ``).
CUT_HEAD = "平成30･令和元・"


def test_a_rating_label_cut_by_a_page_break_heads_the_rating_column() -> None:
    """The cut label's rest and the letter in one cell (``２年度ａ目標``, as the PDF reader
    and pdfplumber give it): the letter is the rating, the values stay under their years."""
    m, diag = _quantitative([*FULL[:-1], ("２年度ａ目標", 400, 460)], rating_head=CUT_HEAD)
    assert (m.kind, m.rating) == ("quantitative", "a")
    assert [(y.fiscal_year, y.target_value.value, y.actual_value.value) for y in m.years] == [
        (2018, 82, 80.2),
        (2019, 83, 78.3),
        (2020, 83, 82),
    ]
    assert diag.warnings == []


def test_the_rating_on_a_row_of_its_own_under_the_cut_label() -> None:
    """-layout prints the letter on the line below the value row, in the rating column."""
    rest = [*FULL[:-1], ("２年度目標", 400, 460)]
    m, diag = _quantitative(rest, rating_head=CUT_HEAD, below=[[("ｃ", 400, 460)]])
    assert (m.kind, m.rating) == ("quantitative", "c")
    assert [y.actual_value.value for y in m.years] == [80.2, 78.3, 82]
    assert diag.warnings == []


def test_what_is_not_the_cut_label_and_one_letter_gives_no_rating() -> None:
    """Two letters, or a letter among other words, give no rating; a row below with a
    value under a year's column gives no values at all (which row is whose is unknown)."""
    for text in ("２年度ａ目標ｂ", "多くのａ国"):
        m, _ = _quantitative([*FULL[:-1], (text, 400, 460)], rating_head=CUT_HEAD)
        assert (m.kind, m.rating) == ("quantitative", None)
    rest = [*FULL[:-1], ("２年度目標", 400, 460)]
    m, diag = _quantitative(rest, rating_head=CUT_HEAD, below=[[("ａ", 400, 460), ("9", 350, 400)]])
    assert m.years == [] and m.rating is None and m.kind == "qualitative"
    assert [w.code for w in diag.warnings] == ["unparsed_table"]


def test_note_pieces_between_header_rows_a_page_break_parted() -> None:
    """Chromium (IPAPGothic, wide), measure 7-3: the rating label is cut after ``平成30･令和
    元・`` on one page, its middle ``２年度目`` glued to a piece of the note beside the grid,
    ``標の達成状況`` in the sub-header row overleaf. The sub-header row is header though note
    lines precede it; the pieces finish the note, without the label's middle."""
    parted = (["（注）平成30年度の測定指標「人権"], ["理事会に提出する２年度目", "決議の実績値"], "標の達成状況")
    m, diag = _quantitative(FULL, rating_head=CUT_HEAD, parted=parted)
    assert (m.kind, m.rating) == ("quantitative", "b")
    assert [(y.fiscal_year, y.target_value.value, y.actual_value.value) for y in m.years] == [
        (2018, 82, 80.2),
        (2019, 83, 78.3),
        (2020, 83, 82),
    ]
    assert m.notes == ["（注）平成30年度の測定指標「人権理事会に提出する決議の実績値"]
    assert diag.warnings == []


def test_a_header_that_names_one_year_is_no_rating_label() -> None:
    """Only a label naming several years (``…・…``) begins the rating column's: a column
    headed ``平成30`` alone is of no known kind, and the row is not read."""
    m, diag = _quantitative(FULL, rating_head="平成30")
    assert m.years == [] and m.rating is None
    assert [w.code for w in diag.warnings] == ["unparsed_table"]


# --- rows and headers across a page break ---


def _page(rows: list[list[str]], top: float, filled: bool = True) -> object:
    """A page holding one table: ``rows`` of cells 100 pt wide, 40 pt high from ``top``;
    each cell's text is one line at the foot of its box (``filled``) or at its top."""
    from hyoka_parse.layout.model import Table
    from hyoka_parse.layout.pdf_page import PageResult, PLine

    res = PageResult(height=842)
    table = Table(0, 1, (0, top, 100 * len(rows[0]), top + 40 * len(rows)))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            box = (100.0 * c, top + 40 * r, 100.0 * c + 100, top + 40 * r + 40)
            table.cells.append(Cell("", box, r, c, table=0))
            if text:
                y = box[3] - 12 if filled else box[1] + 2
                res.cell_lines[(0, r, c)] = [
                    PLine(text, box[0] + 2, box[0] + 90, y, 10.5, 10.5, y + 10.5)
                ]
    table.n_rows, table.n_cols = len(rows), len(rows[0])
    res.tables = [table]
    return res


def _texts(res: object) -> list[str]:
    from hyoka_parse.layout.pdf_page import emit

    emit(res)
    return [o.text for o in res.lines]


def test_a_row_split_by_the_page_break_is_joined_cell_by_cell() -> None:
    from hyoka_parse.layout.page_breaks import join_tables

    here = _page(
        [
            ["平成30年度", "令和元年度", "達成状況"],
            ["多くの国の賛成を得て採択されるこ", "無投票採択", "ｂ"],
        ],
        700,
    )
    there = _page([["とを確保する。", "", ""], ["次の行", "x", "y"]], 60)
    assert join_tables([here, there], [1, 2]) == []
    assert here.tables[0].continues  # the table goes on over the page break
    assert _texts(here)[-1] == "多くの国の賛成を得て採択されることを確保する。 無投票採択 ｂ"
    assert _texts(there) == ["次の行 x y"]


def test_a_header_row_printed_again_overleaf_is_dropped() -> None:
    from hyoka_parse.layout.page_breaks import join_tables

    header = ["平成29年度", "平成30年度", "令和元年度"]
    here = _page([header, ["61 件", "38 件", "38 件"]], 700)
    there = _page([header, ["４回", "３回", "０回"]], 60)
    assert join_tables([here, there], [1, 2]) == [
        ("repeated_header", 2, "平成29年度 平成30年度 令和元年度")
    ]
    assert _texts(there) == ["４回 ３回 ０回"]


def test_a_new_row_overleaf_is_not_joined() -> None:
    from hyoka_parse.layout.page_breaks import join_tables

    # The next budget row: same columns, an empty last cell, but nothing was cut.
    here = _page([["区分", "平成30年度", "令和元年度"], ["当初予算(a)", "2,879", "2,970"]], 700)
    there = _page([["補正予算(b)", "0", ""]], 60)
    assert join_tables([here, there], [1, 2]) == []
    assert not here.tables[0].continues
    assert _texts(there) == ["補正予算(b) 0"]
    # A text that ends where its line ends on a value (a summary entry) is whole too.
    here = _page([["＊１－１ 連携強化 ｂ", "x", "y"]], 700)
    there = _page([["", "＊１－２ 発信の強化", "z"]], 60)
    assert join_tables([here, there], [1, 2]) == []

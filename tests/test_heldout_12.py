"""Renditions of held-out set 12 (fonts, column widths, type sizes and page sizes the readers
were not written on), each kind read back as the report prints it:

- pdftotext's default mode (Chromium, Noto Sans CJK KR as Type 3 fonts, big type) prints a
  budget row label with the row's first values on its line, after a piece of the unit cell
  (``予算の 当初予算(a) 2,879``, ``万円) 繰越し等(c) 0``, ``繰越し等(c) －``): such a line
  is the unit piece, the label and its values (the labels were lost, and the values left
  under the years were read as the two labels printed after them: 合計 and 執行額 took
  補正予算's and 繰越し等's amounts, exit 0);
- and, whatever the tokens, a block of rows under years printed together is read only when
  every row label of the table came before it: which rows it holds is otherwise unknown;
- pdftotext's default mode (LibreOffice, TakaoMincho, US Letter, 25 mm margins) prints the
  first budget table's 平成30年度 column with its 区分, then the row labels, then 区分 again
  over the later columns (``区分 / 令和元年 / 度 / 2,970 …``): that 区分 heads the table's
  next columns, not a new table (the table had read one year, and the 同 table's header
  lost its 平成30年度 to it);
- (Chromium, Noto Serif CJK SC, the 令和４年度 edition) 参考指標１'s last two columns stand
  after 参考指標２'s heading, in one run with its own years, and 参考指標２'s own columns of
  those years follow (``令和２年度 / 38 件 / 令和３年度 / 27 件 / 令和２年度 / ０回 / …``): the
  years printed twice under one heading are left out (38 件 and 27 件 were read as
  参考指標２'s, exit 0).

Fixtures: pages of those renditions' texts (tests/fixtures/extractors), cut at form feeds
from /work/heldout12's texts with its cut.py. The fonts are not installed in CI: the texts
are the fixtures.
"""

from __future__ import annotations

from conftest import FIXTURES

from hyoka_parse import parse
from hyoka_parse.layout.text_budget import BUDGET
from hyoka_parse.layout.year_grid import rebuild
from hyoka_parse.models import BudgetTable
from hyoka_parse.source import split_lines

PAGES = FIXTURES / "extractors"


def _raws(table: BudgetTable) -> dict[str, list[str | None]]:
    return {row.label: [v.raw if v else None for v in row.values] for row in table.rows}


def test_budget_row_labels_with_their_first_values_on_their_line() -> None:
    name = "chromium-notosanskr-big-pages-1-2-and-6-budget.pdftotext.txt"
    first, second = parse(str(PAGES / name), jobs=1).policies[0].budget
    assert [t.fiscal_years for t in (first, second)] == [[2018, 2019, 2020, 2021]] * 2
    rows = _raws(first)
    assert rows["当初予算(a)"] == ["2,879", "2,970", "3,052", "3,006"]
    assert rows["補正予算(b)"][:3] == ["0", "0", "220"]
    assert rows["繰越し等(c)"][:3] == ["0", "0", "△217"]
    # 合計 and 執行額's amounts stand in one run with the 別紙 sheet's (extractor loss):
    # none of them is read, and none of the other rows' amounts goes to them
    assert not any(v for v in rows["合計(a＋b＋c)"] + rows["執行額"])
    rows = _raws(second)
    assert rows["繰越し等(c)"][:3] == ["－", "－", "0"]
    assert rows["合計(a＋b＋c)"][:3] == ["－", "－", "105,298"]
    assert rows["執行額"][:3] == ["－", "－", "105,015"]


def test_a_block_of_rows_before_its_row_labels_is_left_empty() -> None:
    # the amounts of 当初予算 (but its first), 補正予算 and 繰越し等 in one block, and only
    # 合計 and 執行額 printed as labels, after it: the count fits those two rows, wrongly
    text = (
        "区分\n平成30年 令和元年 令和２年 令和３年\n度\n度\n度\n度\n"
        "2,970\n3,052\n3,006\n0\n220\n0\n△217\n合計(a＋b＋c)\n執行額(百万円)\n"
    )
    lines, problems = rebuild(split_lines(text), BUDGET)
    assert any("before their rows' labels" in why for why, _ in problems)
    assert not any(v in ln.text for ln in lines if "執行額" in ln.text for v in ("220", "△217"))


def test_years_printed_twice_under_one_heading_are_left_out() -> None:
    # 参考指標１'s 令和２・３年度 (38 件, 27 件) stand after 参考指標２'s heading, in the run of
    # its own years, and its own 令和２・３年度 (０回, ３回) follow: whose is not in the text
    name = "r4-chromium-notoserifsc-wide-page-6-reference-1-2.pdftotext.txt"
    report = parse(str(PAGES / name), jobs=1)
    refs = {r.number: r for r in report.policies[0].fields[0].reference_indicators}
    (one,) = refs[1].series
    assert [(p.fiscal_year, p.value.raw) for p in one.values] == [(2018, "61 件"), (2019, "38 件")]
    (two,) = refs[2].series
    assert [(p.fiscal_year, p.value.raw) for p in two.values] == [
        (2018, "４回"),
        (2019, "３回"),
        (2020, ""),
        (2021, ""),
    ]
    assert any("printed twice" in w.message for w in report.warnings)
    (three,) = refs[3].series  # the next grid, its years once: read whole
    assert [p.value.raw for p in three.values] == ["3.7 倍", "－（注）", "8.0 倍", "4.0 倍"]


def test_a_budget_tables_corner_printed_again_over_its_later_columns() -> None:
    name = "lo-takaomincho-letter-pages-2-and-9-budget.pdftotext.txt"
    first, second = parse(str(PAGES / name), jobs=1).policies[0].budget
    assert [t.fiscal_years for t in (first, second)] == [[2018, 2019, 2020, 2021]] * 2
    assert _raws(first) == {
        "当初予算(a)": ["2,879", "2,970", "3,052", "3,006"],
        "補正予算(b)": ["0", "0", "220", ""],
        "繰越し等(c)": ["0", "0", "△217", ""],
        "合計(a＋b＋c)": ["2,879", "2,970", "3,055", ""],
        "執行額": ["2,709", "2,632", "2,259", ""],
    }
    assert _raws(second)["当初予算(a)"] == ["－", "－", "85,077", "85,448"]
    assert _raws(second)["執行額"] == ["－", "－", "105,015", ""]

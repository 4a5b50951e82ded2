"""Normalisation: era years, Values, ratings, heading keys, furniture, paragraph joining."""

from __future__ import annotations

import pytest

from hyoka_parse.normalize import make_key, normalize
from hyoka_parse.source import Line, decode_text, split_lines
from hyoka_parse.text import join_cell, join_paragraphs
from hyoka_parse.values import era_year, era_years, parse_rating, parse_value


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("平成30年度", 2018),
        ("平成 30 年度", 2018),
        ("令和元年度", 2019),
        ("令和２年度", 2020),
        ("令和 ３ 年度", 2021),
        ("令和７年度", 2025),
        ("昭和64年", 1989),
        ("平成元年", 1989),
        ("--年度", None),
        ("年度目標値", None),
    ],
)
def test_era_year(text: str, year: int | None) -> None:
    assert era_year(text) == year


def test_era_years_carry_the_era_over() -> None:
    assert era_years("平成30年・令和元年・２年") == [2018, 2019, 2020]
    assert era_years("区分 平成 30 年度 令和元年度 令和２年度 令和３年度") == [
        2018,
        2019,
        2020,
        2021,
    ]


@pytest.mark.parametrize(
    ("raw", "value", "unit", "qualifier"),
    [
        ("△217", -217, None, None),
        ("▲1,200", -1200, None, None),
        ("－", None, None, None),
        ("―", None, None, None),
        ("", None, None, None),
        ("80.2％", 80.2, "%", None),
        ("100%", 100, "%", None),
        ("８位以内", 8, "位", "以内"),
        ("14 位", 14, "位", None),
        ("125 万件＊", 125, "万件", None),
        ("7,400 部", 7400, "部", None),
        ("3.7 倍", 3.7, "倍", None),
        ("－（注）", None, None, None),
        ("約50％", 50, "%", "約"),
        ("10 回", 10, "回", None),
        ("３か国", 3, "か国", None),
        ("2,879", 2879, None, None),
        ("無投票採択", None, None, None),
        ("①日本語版", None, None, None),
        # groups of other than three digits: a number cut (2,97 of 2,970 cropped) or run
        # into another, whose value is unknown (a pdftotext crop, the new user's trial)
        ("2,97", None, None, None),
        ("1,0000", None, None, None),
        ("3,052.5", 3052.5, None, None),
    ],
)
def test_parse_value(
    raw: str, value: float | None, unit: str | None, qualifier: str | None
) -> None:
    v = parse_value(raw)
    assert (v.raw, v.value, v.unit, v.qualifier) == (raw, value, unit, qualifier)
    assert type(v.value) is type(value)  # 2879 stays an int, 80.2 a float


@pytest.mark.parametrize(
    ("text", "rating"),
    [("ａ", "a"), ("ｂ ", "b"), ("Ｓ", "s"), ("e", "e"), ("ｆ", None), ("ab", None)],
)
def test_parse_rating(text: str, rating: str | None) -> None:
    assert parse_rating(text) == rating


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("個別分野 10 原子力", "個別分野10原子力"),
        ("個別分野１０", "個別分野10"),
        ("測定指標 10－１ 国際協力", "測定指標10-1国際協力"),
        ("測定指標１ー１", "測定指標1-1"),
        ("平成 30 年度目標 ", "平成30年度目標"),
        ("施策Ⅱ-１ 国際の平和", "施策II-1国際の平和"),
        ("アクセス数ー", "アクセス数ー"),
    ],
)
def test_make_key(text: str, key: str) -> None:
    assert make_key(text) == key


def lines(*texts: str) -> list[Line]:
    return [Line(no=i + 1, page=None, text=t) for i, t in enumerate(texts)]


def test_furniture_page_numbers_and_vertical_labels() -> None:
    kept, dropped = normalize(lines("本文 ", "45", "", "評", "価", "結", "果", "続き", "46", "12"))
    assert [ln.text for ln in kept] == ["本文 ", "続き", "12"]  # 12 < 46: not a page number
    assert [(k, t) for k, _, t in dropped] == [
        ("page_number", "45"),
        ("page_number", "46"),
        ("vertical_label", "評価結果"),
    ]


def test_join_paragraphs_uses_trailing_spaces_and_markers() -> None:
    text = join_paragraphs(
        lines(
            "１ 外交・安全保障調査研究事業費補助金制度の下、平成 29 年度に採択した 11 件の事業を継続案件",
            "として実施した。 ",
            "２ 有識者研究会の報告書については、ピークであった平成",
            "23 年と比較すると①翻訳事業、",
            "②英文ジャーナルの発行など。 ",
            "ARF トラック 1.5 ",
            "及び２関連経費",
        )
    )
    assert text.split("\n") == [
        "１ 外交・安全保障調査研究事業費補助金制度の下、平成 29 年度に採択した 11 件の事業を継続案件として実施した。",
        "２ 有識者研究会の報告書については、ピークであった平成23 年と比較すると①翻訳事業、②英文ジャーナルの発行など。",
        "ARF トラック 1.5 及び２関連経費",
    ]


def test_join_cell_removes_justification_spaces_only() -> None:
    assert join_cell(["多 く の 国", "の 賛 成 を", "する。"]) == "多くの国の賛成をする。"
    assert join_cell(["において「2020 ", "Think Tank of ", "the Year」を受", "賞"]) == (
        "において「2020 Think Tank of the Year」を受賞"
    )


def test_decode_text_encodings_and_line_ends() -> None:
    text = "施策Ⅱ-１ 国際\r\n令和３年度政策評価書\r"
    for data in (
        text.encode("utf-8"),
        b"\xef\xbb\xbf" + text.encode("utf-8"),
        text.encode("utf-16"),
        text.encode("cp932"),
    ):
        decoded = decode_text(data)
        assert [ln.text for ln in split_lines(decoded)] == ["施策Ⅱ-１ 国際", "令和３年度政策評価書"]


def test_form_feeds_mark_pages() -> None:
    assert [(ln.page, ln.text) for ln in split_lines("a\nb\n\fc\n")] == [
        (1, "a"),
        (1, "b"),
        (2, "c"),
    ]


def test_kangxi_radicals_fold_to_the_japanese_form() -> None:
    """⼾ decomposes to 戶 (Unicode), but a Japanese text means 戸 (神戸): pdfplumber read ⼾
    from a Chromium PDF set in IPAexMincho where pdfium read 戸."""
    from hyoka_parse.vocab import fold_text

    assert fold_text("兵庫県神⼾市 ⾭年海外協力隊 ⿈色 ⿊字 ⽇本") == "兵庫県神戸市 青年海外協力隊 黄色 黒字 日本"


def test_middle_dot_folds_to_the_half_width_dot() -> None:
    """A Chromium PDF's ToUnicode map names the half-width dot U+00B7: pdfplumber read
    ``ARF·EEPs`` where pdfium and poppler read ``ARF･EEPs``, as the report prints it."""
    from hyoka_parse.vocab import fold_text

    assert fold_text("ARF·EEPs 総合·実績·事業 平成 30·令和元・２年度") == (
        "ARF･EEPs 総合･実績･事業 平成 30･令和元・２年度"
    )

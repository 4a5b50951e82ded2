"""Heading detection: by structure and context, not by the first regex that matches."""

from __future__ import annotations

from hyoka_parse.normalize import normalize
from hyoka_parse.rules import Block
from hyoka_parse.segment import segment_blocks, split_regions
from hyoka_parse.source import Line


def kinds(texts: list[str], zone: str = "body") -> list[tuple[str, str]]:
    raw = [Line(no=i + 1, page=None, text=t) for i, t in enumerate(texts)]
    lines, _ = normalize(raw)
    blocks = segment_blocks(lines, Block("start", Line(0, None, "")), zone=zone)
    return [(b.kind, b.head.text.strip()) for b in blocks[1:]]


def test_field_heading_with_or_without_spaces_and_full_width_digits() -> None:
    for head in (
        "個別分野 10 原子力の平和的利用",
        "個別分野10 原子力の平和的利用",
        "個別分野１０ 原子力",
    ):
        assert kinds([head, "施策の概要 ", "１ 概要"])[0][0] == "field"


def test_field_line_in_the_list_of_measures_is_not_a_field_heading() -> None:
    got = kinds(
        ["測 定 指 標", "個別分野１ 中長期的かつ総合的な外交政策", "＊１－１ 補助金事業 ｂ "],
        zone="header",
    )
    assert got == [("summary", "測 定 指 標")]


def test_measure_heading_needs_its_table_or_targets_after_it() -> None:
    assert kinds(["測定指標 10－１ 国際協力を通じた原子力安全 ＊ ", "中期目標（--年度） "])[0] == (
        "measure",
        "測定指標 10－１ 国際協力を通じた原子力安全 ＊",
    )
    assert (
        kinds(["測定指標３－４ 世論調査", "（出典：内閣", "府実施）", "中期目", "標値 "])[0][0]
        == "measure"
    )


def test_sentence_starting_with_a_measure_number_is_text() -> None:
    # 次期目標等 text of 個別分野２ in the real report (lines 2512-2518).
    got = kinds(
        [
            "評価結果(個別分野２) ",
            "次期目標等への反映の方向性 ",
            "【施策(施策の必要性に関する分析を含む)】 ",
            "いく必要がある。なお、これまで ARF は独立の測定指標を設定していたが、省内の所掌変更により、",
            "測定指標２－５ARF 関連会合への我が国の出席率の設定は終了し、測定指標２－１についても測定指",
            "標名を変更する。 ",
            "２ ソマリア沖・アデン湾及びアジア海域における海上交通の安全の確保 ",
        ]
    )
    assert [k for k, _ in got] == ["evaluation", "direction", "direction_policy"]


def test_direction_measure_headings_only_inside_their_section() -> None:
    body = [
        "評価結果(個別分野２) ",
        "次期目標等への反映の方向性 ",
        "【測定指標】 ",
        "２－１ 二国間や多国間の対話 ＊ ",
        "インド太平洋地域の平和と安全のため信頼醸成を促進し、 ",
        "２－５ 我が国の経済安全保障の確保  ",
        "わが国を取り巻く安全保障環境が急速に変化しており、 ",
    ]
    got = kinds(["個別分野２ 日本の安全保障", "施策の概要 ", *body])
    assert [k for k, _ in got] == [
        "field",
        "overview",
        "evaluation",
        "direction",
        "direction_measures",
        "direction_measure",
        "direction_measure",
    ]
    # Outside 【測定指標】 the same line is text.
    assert [k for k, _ in kinds(["施策の概要 ", "２－１ 二国間や多国間の対話 "])] == ["overview"]


def test_year_target_and_progress_headings() -> None:
    got = kinds(
        ["平成 30 年度目標 ", "１ 目標", "施策の進捗状況・実績 ", "１ 実績", "令和元年度目標 "]
    )
    assert [k for k, _ in got] == ["year_target", "progress", "year_target"]


def test_concatenated_reports_give_two_policies() -> None:
    one = [
        "施策Ⅱ-１ 国際の平和と安定に対する取組 ",
        " 令和３年度政策評価書 ",
        "施策目標 ",
        "１ 目標 ",
    ]
    raw = [Line(no=i + 1, page=None, text=t) for i, t in enumerate(one + one)]
    lines, _ = normalize(raw)
    assert [r.kind for r in split_regions(lines)] == ["policy", "policy"]

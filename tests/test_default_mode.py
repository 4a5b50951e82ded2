"""pdftotext's default mode (column-by-column text): reader faults of issue 9's
docs/extractor-losses.md, on excerpts of the parity renditions (benchmarks/parity.py)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from hyoka_parse.layout.text_columns import notes_across_pages, regroup
from hyoka_parse.models import Measure, Policy
from hyoka_parse.pipeline import parse, parse_text
from hyoka_parse.source import split_lines

EXTRACTORS = FIXTURES / "extractors"
PREAMBLE = (
    "我が国の平和、安全及び繁栄を確保する（①）とともに、国際社会の平和と安定のための国際的な"
    "努力に積極的に寄与（②）するため、以下を達成する。"
)
TITLES = ["施策の予算額・執行額等（分担金・拠出金除く）", "施策の予算額・執行額等（分担金・拠出金）"]


def _policy(name: str) -> Policy:
    (policy,) = parse(str(EXTRACTORS / name)).policies
    return policy


def test_budget_title_pieces_as_wide_as_the_column_lets_them() -> None:
    """LibreOffice, IPAPMincho: the title cell prints 施策の予算額・執行 / 額等（分担金・拠出 /
    金除く）; all three pieces go back before the table (the label vocabulary says where the
    title ends), so 施策目標's cell starts with the policy's code and name, taken off."""
    policy = _policy("lo-pmincho-pages-1-3.pdftotext.txt")
    assert [b.title for b in policy.budget] == TITLES
    assert [b.printed_title for b in policy.budget] == [TITLES[0], "同（分担金・拠出金）"]
    assert policy.evaluation_code == "外務省２－Ⅱ－１"
    assert policy.objectives_preamble == PREAMBLE


def test_a_whole_budget_title_takes_no_more_short_lines() -> None:
    """Chromium, IPAexMincho wide: 同（分担金・ / 拠出金） is followed by the 別紙 sheet's
    column header 他に記載のある / 個別票の番号, short lines too; the title is whole before
    them, so they are no part of it (they stay unplaced, with a warning)."""
    report = parse(str(EXTRACTORS / "chromium-exwide-pages-1-3-and-17.pdftotext.txt"))
    policy = report.policies[0]
    assert [b.title for b in policy.budget] == TITLES
    assert policy.budget[1].printed_title == "同（分担金・拠出金）"
    assert any("他に記載のある個別票の番号" in w.message for w in report.warnings)


def test_budget_title_out_of_the_vocabulary_keeps_its_short_pieces() -> None:
    text = "施策の予\n算額等\n区分\n令和元年度\n令和２年度\n当初予算(a)\n1\n2\n"
    lines = [ln.text for ln in regroup(split_lines(text))]
    assert lines[:3] == ["施策の予", "算額等", "区分 令和元年度 令和２年度"]


def test_evaluation_date_after_the_first_field_heading() -> None:
    """Chromium: 政策評価実 / 施時期 / 個別分野１ … / 令和３年８月: the date is the label's."""
    policy = _policy("chromium-pages-1-4-header.pdftotext.txt")
    assert policy.evaluation_date == "2021-08"
    assert policy.department == "総合外交政策局"
    assert policy.fields[0].title == "中長期的かつ総合的な外交政策の企画立案と対外発信"


def test_a_lone_date_after_a_heading_without_the_date_label_stays() -> None:
    rest = "個別分野１ 外交政策\n令和３年８月\n施策の概要\n"
    lines = [ln.text for ln in regroup(split_lines("担当部局名\n総合外交政策局\n" + rest))]
    assert lines[2:4] == ["個別分野１ 外交政策", "令和３年８月"]
    moved = [ln.text for ln in regroup(split_lines("政策評価\n実施時期\n" + rest))]
    assert moved[:4] == ["政策評価", "実施時期", "令和３年８月", "個別分野１ 外交政策"]


NOTE = (
    "（※）本施策は、個別分野を設定しており、「施策の概要」、「関連する内閣の重要政策」、"
    "「測定指標」、｢評価結果｣（｢施策の分析｣及び｢次期目標等への反映の方向性｣）及び｢作成にあたって"
    "使用した資料その他の情報｣については、関連個別分野の該当欄に記入した。"
)


def test_label_pieces_beside_other_labels_are_labels_not_note_text() -> None:
    """reportlab: 評 目標達成度合い / 価 の測定結果 (a vertical label beside a wrapped one)
    after the header's note: the label vocabulary rebuilds both (labels.label_columns), so
    the note ends where it ends."""
    (note,) = _policy("reportlab-pages-1-3-header.pdftotext.txt").notes
    assert note == NOTE


def test_a_wrapped_label_tail_is_no_note() -> None:
    """Chromium: 施策名 / （※） is the label 施策名（※）, not a note （※） before the notes."""
    policy = _policy("chromium-pages-1-4-header.pdftotext.txt")
    assert [n[:5] for n in policy.notes] == ["（※）本施", "（注１）評", "（注２）｢"]
    assert policy.name == "国際の平和と安定に対する取組"


def test_the_sheet_column_header_after_the_note_is_no_note_text() -> None:
    """Chromium prints the 別紙 sheet's 他に記載のある / 個別票の番号 after the header's note."""
    report = parse(str(EXTRACTORS / "chromium-pages-1-4-header.pdftotext.txt"))
    assert report.policies[0].notes[0] == NOTE
    dropped = [f.text for f in report.furniture if f.kind == "label"]
    assert dropped[:2] == ["他に記載のある", "個別票の番号"]


def test_a_sheet_column_header_wrapped_before_its_last_character() -> None:
    """reportlab: ４年度概算要求 / 額 / 合 / 計: the 額 is the header cell's, not a piece of
    a label printed vertically (額合計)."""
    (sheet,) = parse(str(EXTRACTORS / "reportlab-pages-1-3-header.pdftotext.txt")).budget_sheets
    assert sheet.columns == ["３年度当初予算額", "４年度概算要求額"]
    assert [v.raw for v in sheet.total] == ["88,453,697", "92,146,030"]


def test_a_list_title_that_goes_on_overleaf() -> None:
    """LibreOffice, IPAMincho wide: ９－４ …軍事関連情報の透明 / ｂ / (page end) / 性向上に関する
    取組: the title goes on at the next page's top."""
    policy = _policy("lo-mwide-pages-1-4-and-9-header.pdftotext.txt")
    (entry,) = [e for e in policy.measure_summary if e.id == "9-4"]
    assert (entry.title, entry.rating) == (
        "通常兵器の軍備管理・軍縮の促進及び軍事関連情報の透明性向上に関する取組",
        "b",
    )


def test_rationale_read_after_the_list_label() -> None:
    """LibreOffice, IPAMincho wide: （判断根拠） / （注１）'s pieces / 測定指標の…達成状況（注２）'s
    pieces / the rationale / 個別分野１: the sentence before the list's first field is the
    rationale, not a line the list cannot place."""
    report = parse(str(EXTRACTORS / "lo-mwide-pages-1-4-and-9-header.pdftotext.txt"))
    result = report.policies[0].result
    assert (result.label, result.grade) == ("相当程度進展あり", "B")
    assert result.rationale == "主要な測定指標がおおむね目標に近い実績を示したことから、左記のとおり判定した。"
    assert not [w for w in report.warnings if "主要な測定指標" in w.message]


def test_a_line_split_before_its_comma_is_one_line() -> None:
    """Chromium, IPAexMincho wide: a justified line split at the gap after a bracket,
    ``…閣議決定） / 、シナイ半島国際平 / 和協力業務…``: one item, not two."""
    policy = _policy("chromium-exwide-pages-1-3-and-17.pdftotext.txt")
    (field,) = [f for f in policy.fields if f.number == 3]
    assert field.related_policies[-3:] == [
        "・シナイ半島国際平和協力業務の実施について（平成 31 年４月２日 閣議決定）、シナイ半島"
        "国際平和協力業務実施計画の変更について（令和元年 11月 12 日 閣議決定）",
        "・南スーダン共和国における政府間開発機構（IGAD）の活動に係る物資協力の実施について"
        "（令和元年12 月 20 日 閣議決定）",
        "・第 201 回国会外交演説（令和２年１月 20日）",
    ]


def test_a_producer_without_kinsoku_keeps_its_comma_lines() -> None:
    """reportlab breaks lines before 、 (full lines, then ``、…``): those are printed lines."""
    full = "あ" * 30
    text = "\n".join([full, "、い" + "う" * 28, full, "、え", full, "。お"]) + "\n"
    assert [ln.text for ln in regroup(split_lines(text))] == text.split("\n")[:-1]
    text = "\n".join([full, full[:20], "、い", full]) + "\n"
    assert [ln.text for ln in regroup(split_lines(text))] == [full, full[:20] + "、い", full]


def _measure(name: str, measure_id: str) -> Measure:
    report = parse(str(EXTRACTORS / name))
    (m,) = [m for p in report.policies for f in p.fields for m in f.measures if m.id == measure_id]
    return m


@pytest.mark.parametrize("form_feeds", [True, False])
def test_a_note_cell_that_goes_on_overleaf(form_feeds: bool) -> None:
    """LibreOffice, IPAMincho narrow: （注）外務省及 / the grid's header cells / (page break)
    / び防衛省主管の … 出席率。: the note's pieces overleaf go back after its first. Without
    form feeds (-nopgbrk) the pages are inferred from the printed numbers, and the page
    number 18 stands among the header cells: the rest of them opens the next page."""
    text = (EXTRACTORS / "lo-mnarrow-pages-19-20-measure-2-5.pdftotext.txt").read_text("utf-8")
    report = parse_text(text if form_feeds else text.replace("\f", ""))
    (m,) = [m for p in report.policies for f in p.fields for m in f.measures if m.id == "2-5"]
    assert m.notes == [
        "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務レベル"
        "会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる会合（年 10 "
        "回程度）の出席率。"
    ]


def test_a_note_cell_overleaf_ends_at_its_short_last_piece() -> None:
    """7-3: the note ends without 。 (…年度目標値及び実 / 績値), and the grid's text cells
    follow it overleaf: the short last piece ends the cell, the cells stay the grid's."""
    m = _measure("lo-mnarrow-pages-65-66-measure-7-3.pdftotext.txt", "7-3")
    assert m.notes == [
        "平成 30 年度の測定指標「人権理事会に我が国が提出する北朝鮮人権状況決議の採択状況」における"
        "年度目標値及び実績値"
    ]
    assert m.rating == "b"


def test_a_list_label_piece_overleaf_is_no_title_text() -> None:
    """令和４年度 edition, LibreOffice narrow: the label 測定指標の令和元・令和２・令和３年度目標の
    達成状況（注２） goes on at the next page's top, before the title's rest: the title is not
    joined across the page (its rest stays apart), never read as …シンクタ３年度目標の達成状況."""
    text = (
        "＊１－１ 補助金事業、研究会の実施等を通じた外部有識者及びシンクタ\nａ\n\n1\n\n"
        "\f３年度目標\nの達成状況\n（注２）\n\nンクとの連携強化\n"
    )
    lines = [ln.text for ln in regroup(split_lines(text))]
    assert lines[:2] == ["＊１－１ 補助金事業、研究会の実施等を通じた外部有識者及びシンクタ", "ａ"]
    assert "ンクとの連携強化" in lines


def test_a_value_overleaf_leaves_the_note_as_it_is() -> None:
    """A note cut by a page break whose pieces overleaf run into the grid's values (``４支部事務
    所）の / 合計人数 / 32``) is left as it stands: the cell's end is not seen, and the grid's
    first value must never become note text (…合計人数32)."""
    text = (
        "（注）ISTC 事務\n局の職員数（ヌ\nルスルタン本部＋\n\n実績値\n平成29年度\n\n平成30年度\n\f"
        "４支部事務所）の\n合計人数\n\n32\n\n31\n"
    )
    lines = [ln.text for ln in regroup(split_lines(text))]
    assert lines[:4] == ["（注）ISTC 事務", "局の職員数（ヌ", "ルスルタン本部＋", "実績値"]


NOTE_2_5 = (
    "外務省及び防衛省主管の会期間会合（ISM）や、会期支援グループ会合（ISG）、高級事務レベル"
    "会合（SOM）、閣僚会合など、我が国にとって有益でかつ効果的に立場を発信できる会合（年{}"
    "回程度）の出席率。"
)


@pytest.mark.parametrize(
    ("name", "form_feeds", "ten", "years", "rating"),
    [
        ("chromium-pages-13-14-measure-2-5", True, "10", [2018, 2019, 2020], "b"),
        ("chromium-exwide-pages-13-14-measure-2-5", True, "10", [2018, 2019, 2020], "b"),
        ("lo-r4-narrow-pages-19-20-measure-2-5", True, " 10 ", [2019, 2020, 2021], "a"),
        ("lo-r4-narrow-pages-19-20-measure-2-5", False, " 10 ", [2019, 2020, 2021], "a"),
        ("chromium-pages-13-14-measure-2-5", False, "10", [2018, 2019, 2020], "b"),
        ("chromium-exwide-pages-13-14-measure-2-5", False, "10", [2018, 2019, 2020], "b"),
    ],
)
def test_a_note_cell_overleaf_after_the_rebuilt_grid(
    name: str, form_feeds: bool, ten: str, years: list[int], rating: str
) -> None:
    """K8: （注）外務省及 / … / the grid's header cells to the page's end / (page break) / the
    note's other pieces / the grid's values. The grid reader rebuilds the grid first (its
    rows stand between the note's two parts, its value row taken from overleaf); the note's
    pieces overleaf still go back after its first ones, and the grid keeps its values.
    Chromium (IPAMincho; IPAexMincho wide, whose justified lines split after a bracket:
    ``（ISG）`` / ``、高級事務レ``) and LibreOffice's 令和４年度 edition (IPAMincho narrow; the
    page number 18 among the header cells, with or without form feeds). Chromium's text
    without form feeds has no page numbers with its pages (pages unknown): the pieces are
    taken as they stand between the grid's header and its value row, printed after them."""
    text = (EXTRACTORS / f"{name}.pdftotext.txt").read_text("utf-8")
    report = parse_text(text if form_feeds else text.replace("\f", ""))
    (m,) = [m for p in report.policies for f in p.fields for m in f.measures if m.id == "2-5"]
    assert m.notes == [NOTE_2_5.format(ten)]
    assert m.rating == rating
    assert m.mid_term_target is not None and m.mid_term_target.value is not None
    assert m.mid_term_target.value.raw == "－"
    assert [y.fiscal_year for y in m.years] == years
    assert [(y.target_value.raw, y.actual_value.raw) for y in m.years] == [
        ("100％", "100％"),
        ("100％", "100％"),
        ("100％", "100%"),
    ]


def test_a_note_cell_outside_a_rebuilt_grid_stays_cut_where_pages_are_unknown() -> None:
    """Without page breaks, a note's pieces after a grid's header cells are joined to its
    first ones only inside a grid the grid reader rebuilt (a row of it printed after them):
    here no grid was rebuilt, so nothing says a page break cut the note, and it stays cut."""
    text = (
        "（注）外務省及\nび防衛省主管の\n会期間会合\n\n中期目\n標値\n\n平成30年度\n\n"
        "令和元年度\n\n（ISM）や、会\n期支援グループ\n会合（ISG）。\n"
    )
    lines = [ln.text for ln in notes_across_pages(split_lines(text), unknown=True)]
    assert lines == text.split("\n")[:-1]
    overleaf = text.replace("（ISM）", "\f（ISM）")
    lines = [ln.text for ln in notes_across_pages(split_lines(overleaf))]
    first, rest = ["（注）外務省及", "び防衛省主管の", "会期間会合"], ["（ISM）や、会", "期支援グループ"]
    assert lines[:6] == [*first, *rest, "会合（ISG）。"]


def test_a_list_title_overleaf_after_the_list_labels_pieces() -> None:
    """K6, 令和４年度 edition, LibreOffice, IPAMincho narrow: ＊１－１ …シンクタ / ａ / (page
    break) / ３年度目標 / の達成状況 / （注２） / ンクとの連携強化: the list's label cell goes on
    overleaf before the title's rest; its pieces are passed over (never title text), and
    the title goes on after them."""
    policy = _policy("lo-r4-narrow-pages-1-3-and-19-20-list.pdftotext.txt")
    entries = {e.id: (e.title, e.rating) for e in policy.measure_summary}
    assert entries["1-1"] == (
        "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化",
        "a",
    )
    assert entries["1-2"] == ("中長期的・戦略的外交政策の対外発信の強化", "a")
    assert not [t for t, _ in entries.values() if "達成状況" in t or "（注２）" in t]

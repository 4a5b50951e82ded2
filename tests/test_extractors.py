"""Each extractor on an excerpt cut from the real report, against a snapshot read by eye
and against values checked by hand in the report text."""

from __future__ import annotations

from conftest import PAGES, REPORT, check_snapshot, excerpt_lines, excerpt_state

from hyoka_parse.build import build_policy
from hyoka_parse.diagnostics import Diagnostics
from hyoka_parse.extract.budget_sheet import budget_sheet
from hyoka_parse.normalize import normalize
from hyoka_parse.pipeline import parse_text
from hyoka_parse.segment import segment_policy
from hyoka_parse.source import text_source


def dump(models: list) -> list:
    return [m.model_dump(mode="json") for m in models]


def test_budget_sheet() -> None:
    diag = Diagnostics()
    sheet = budget_sheet(excerpt_lines("budget_sheet"), diag)
    check_snapshot("budget_sheet", sheet.model_dump(mode="json"))
    assert sheet.policy_number == "⑦"
    assert sheet.columns == ["３年度当初予算額", "４年度概算要求額"]
    assert [(i.organization, i.values[0].value) for i in sheet.items] == [
        ("外務本省", 29452910),
        ("外務本省", 4753731),
        ("外務本省", 54027805),
        ("在外公館", 219251),
    ]
    assert sheet.items[1].jikou == "エネルギー対策に係る国際の平和と安定に対する取組に必要な経費"
    assert sheet.total[1].value == 92146030
    assert diag.warnings == []


def test_policy_header() -> None:
    doc = text_source((PAGES / "policy_header.txt").read_bytes(), "policy_header")
    lines, _ = normalize(doc.lines)
    diag = Diagnostics()
    policy = build_policy(segment_policy(lines), diag)
    data = policy.model_dump(mode="json")
    check_snapshot("policy_header", data)
    assert (policy.id, policy.report_fiscal_year, policy.evaluation_code) == (
        "II-1",
        2021,
        "外務省２－Ⅱ－１",
    )
    assert [o.number for o in policy.objectives] == list(range(1, 12))
    assert policy.objectives[9].text.startswith("IAEA 等の国際機関")
    first, second = policy.budget
    assert first.title == "施策の予算額・執行額等（分担金・拠出金除く）"
    assert second.title == "施策の予算額・執行額等（分担金・拠出金）"
    assert second.printed_title == "同（分担金・拠出金）"
    assert [v.raw for v in first.rows[2].values] == ["0", "0", "△217", ""]
    assert first.rows[2].values[2].value == -217
    assert second.rows[1].label == "補正予算(b)" and second.rows[1].values[2].value == 20221
    assert [r.label for r in first.rows] == [
        "当初予算(a)",
        "補正予算(b)",
        "繰越し等(c)",
        "合計(a＋b＋c)",
        "執行額",
    ]
    assert (policy.result.label, policy.result.grade) == ("相当程度進展あり", "B")
    assert len(policy.measure_summary) == 39
    summary = {e.id: e for e in policy.measure_summary}
    assert (summary["6-3"].rating, summary["5-4"].is_main, summary["11-4"].is_main) == (
        "a",
        False,
        True,
    )
    assert summary["2-2"].title == "ソマリア沖・アデン湾及びアジア海域における海上交通の安全の確保"
    assert len(policy.advisory_comments) == 20
    assert policy.advisory_comments[4] == "測定指標２－１の見直しには賛成である。"
    assert (policy.department, policy.evaluation_date) == ("総合外交政策局", "2021-08")
    assert diag.warnings == []


def test_qualitative_measure_over_a_page_break() -> None:
    st = excerpt_state("measures_1-1_1-2_qualitative")
    m = st.measures[0][0]
    check_snapshot("measures_1-1_1-2_qualitative", dump([m for m, _ in st.measures]))
    assert (m.id, m.is_main, m.rating, m.kind) == ("1-1", True, "b", "qualitative")
    assert m.mid_term_target.text == "中長期的・戦略的外交政策の企画立案を強化する。"
    assert [y.fiscal_year for y in m.years] == [2018, 2019, 2020]
    assert m.years[1].progress.endswith(
        "令和元年度の新たな動きも踏まえたものを、令和２年度に取りまとめることとした。"
    )
    # The stray page number 45 inside 1-2's 2018 target is furniture, not text.
    m2 = st.measures[1][0]
    assert "45" not in m2.years[0].target
    assert st.diag.warnings == []


def test_reference_indicators_with_notes_sources_and_series() -> None:
    st = excerpt_state("field_1_reference_indicators")
    refs = st.fields[0].reference_indicators
    check_snapshot("field_1_reference_indicators", dump(refs))
    assert [r.number for r in refs] == [1, 2, 3, 4, 5]
    assert refs[2].notes == ["平成 30 年度は事業としては新規公募の実施なし。"]
    assert [p.value.raw for p in refs[2].series[0].values] == [
        "3.7 倍",
        "－（注）",
        "8.0 倍",
        "4.0 倍",
    ]
    assert refs[3].source == "米国ペンシルバニア大学「世界のシンクタンク調査 2017～2020」"
    assert [s.label for s in refs[4].series] == ["①日本語版", "②英語版", "③アクセス数"]
    access = refs[4].series[2].values[3]
    assert (access.fiscal_year, access.value.value, access.value.unit) == (2020, 266, "万件")
    assert refs[4].notes == ["暦年でカウント"]
    assert st.diag.warnings == []


def test_reference_indicator_one_value_per_line() -> None:
    st = excerpt_state("field_4_reference_series")
    ref = st.fields[0].reference_indicators[0]
    check_snapshot("field_4_reference_series", ref.model_dump(mode="json"))
    assert ref.number is None
    first, second = ref.series
    assert first.label.startswith("①国際テロ・組織犯罪関連条約に関するワークショップ")
    assert [p.value.raw for p in second.values] == ["４か国", "12名", "10名", "０名"]
    assert [p.fiscal_year for p in second.values] == [2017, 2018, 2019, 2020]
    assert ref.notes == ["新型コロナウイルス感染拡大の影響により、実施を見送った。"]


def test_quantitative_grids() -> None:
    st = excerpt_state("measure_3-4_3-5_quantitative")
    check_snapshot("measure_3-4_3-5_quantitative", dump([m for m, _ in st.measures]))
    m34, m35 = (m for m, _ in st.measures)
    assert m34.source == "内閣府実施「外交に関する世論調査」"
    assert [(y.fiscal_year, y.target_value.raw, y.actual_value.value) for y in m34.years] == [
        (2018, "82％", 80.2),
        (2019, "83％", 78.3),
        (2020, "83％", 82),
    ]
    assert (m34.mid_term_target.text, m34.mid_term_target.fiscal_year, m34.rating) == (
        None,
        None,
        "b",
    )
    assert [y.actual_value.value for y in m35.years] == [21, 14, 10]
    assert m35.title.endswith("グローバル人材育成に関する国際会議やセミナー等出席回数")


def test_quantitative_grid_of_fragmented_text_cells() -> None:
    st = excerpt_state("measure_7-3_fragmented")
    m = st.measures[0][0]
    check_snapshot("measure_7-3_fragmented", m.model_dump(mode="json"))
    assert m.mid_term_target.text == "多くの国の賛成を得て採択されることを確保する。"
    assert m.years[0].target_value.raw == (
        "平成 29 年度同様、無投票採択を目指しつつ、本決議が投票に付される場合は、26 年度"
        "（注：27,28 年度は無投票採択）より多くの賛成票を確保する。"
    )
    assert [y.actual_value.raw for y in m.years] == [
        "無投票採択",
        "全会一致採択（カンボジア人権状況決議）",
        "全会一致採択（ハンセン病差別撤決議）",
    ]
    assert m.rating == "b"
    assert m.notes[0].startswith(
        "平成 30年度の測定指標「人権理事会に我が国が提出する北朝鮮人権状況決議"
    )


def test_quantitative_ranks_and_trailing_source() -> None:
    st = excerpt_state("measure_8-2_quantitative")
    m = st.measures[0][0]
    check_snapshot("measure_8-2_quantitative", m.model_dump(mode="json"))
    t = m.years[0].target_value
    assert (t.value, t.unit, t.qualifier) == (8, "位", "以内")
    assert m.years[2].actual_value.raw == "13 位"
    assert m.source == "国連女性機関（UN Women）ホームページ"


def test_measure_with_its_fields_heading_inside() -> None:
    st = excerpt_state("measure_3-1_field_3_inside")
    m = st.measures[0][0]
    field = st.fields[0]
    check_snapshot(
        "measure_3-1_field_3_inside",
        {"field": field.model_dump(mode="json"), "measure": m.model_dump(mode="json")},
    )
    assert field.number == 3 and len(field.overview) == 3
    assert field.related_policies[-1] == "・第 201 回国会外交演説（令和２年１月 20日）"
    assert m.years[1].progress.startswith(
        "１ UNMISS への司令部要員の派遣は、５月に実施計画の変更を閣議決定し、令和２年５月末まで延長"
    )
    assert "施策の概要" not in m.years[1].target
    assert st.diag.warnings == []


def test_evaluation_texts() -> None:
    st = excerpt_state("field_1_evaluation")
    texts = {"analyses": [vars(t) | {"line": t.line.no} for t in st.analyses]}
    texts["directions"] = [vars(t) | {"line": t.line.no} for t in st.directions]
    f = st.fields[0]
    texts["policy_direction"] = f.policy_direction
    texts["materials"] = f.materials
    check_snapshot("field_1_evaluation", texts)
    assert [t.id for t in st.analyses] == ["1-1", "1-2"]
    assert (
        st.analyses[0].title
        == "補助金事業、研究会の実施等を通じた外部有識者及びシンクタンクとの連携強化"
    )
    assert st.directions[1].text.startswith(
        "外務大臣の外交演説等による中長期的視点に立った戦略的な対外発信"
    )
    assert f.policy_direction.endswith("今後も同目標を維持し、その達成に向けた施策を実施していく。")
    assert f.materials[0] == "・外務省ホームページ"


def _summary_glued(lines: list[str], first: str, second: str) -> None:
    """Put the line starting ``second`` at the end of the line starting ``first``, as pdfium
    orders a row that a Chromium print sets on the previous row's rating baseline."""
    i = next(n for n, ln in enumerate(lines) if ln.startswith(first))
    j = next(n for n, ln in enumerate(lines) if n > i and ln.lstrip().startswith(second))
    lines[i] = lines[i].rstrip() + " " + lines.pop(j).strip()


def test_summary_rows_glued_after_a_rating() -> None:
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    _summary_glued(lines, "＊１－２ 中長期的", "個別分野２ 日本の")
    _summary_glued(lines, "２－３ 北極", "２－４ 自由")
    report = parse_text("\n".join(lines))
    rows = {e.id: (e.field, e.title, e.rating) for e in report.policies[0].measure_summary}
    assert rows["1-2"] == (1, "中長期的・戦略的外交政策の対外発信の強化", "b")
    assert rows["2-1"] == (2, "ARF や各国との安保対話を通じた地域安全保障の促進", "b")
    assert rows["2-3"] == (2, "北極をめぐる国際秩序形成への参画", "b")
    assert rows["2-4"][:2] == (2, "自由、公正かつ安全なサイバー空間を創出するためのサイバー外交の推進")
    assert not [w for w in report.warnings if w.code in ("field_mismatch", "title_mismatch")]


def test_summary_entry_under_another_field_is_warned() -> None:
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    i = next(n for n, ln in enumerate(lines) if ln.startswith("個別分野２ 日本の"))
    j = next(n for n, ln in enumerate(lines) if ln.lstrip().startswith("＊２－１ ARF"))
    lines.insert(i, lines.pop(j))  # 2-1 listed before its field's heading: under 個別分野１
    report = parse_text("\n".join(lines))
    assert report.policies[0].measure_summary[2].field == 1
    [w] = [w for w in report.warnings if w.code == "field_mismatch"]
    assert "測定指標2-1" in w.message and "個別分野1" in w.message
    assert w.location.line == i + 1


def test_note_piece_before_a_series_row_goes_on_the_note() -> None:
    """A note cell left of a 参考指標's grid goes on over a page break, beside the next row
    (pdftotext -layout of a LibreOffice print: ``でカウント   ② 英語版   4,500 部 …``)."""
    text = REPORT.read_text(encoding="utf-8")
    row = "②英語版 4,500 部 4,100 部 4,000 部 4,000 部 \n"
    assert text.count(row) == 1 and text.count("＊ 暦年でカウント \n") == 1
    text = text.replace(row, "（注）暦年 \n\nでカウント     " + row).replace("＊ 暦年でカウント \n", "")
    report = parse_text(text)
    [indicator] = [r for r in report.policies[0].fields[0].reference_indicators if r.number == 5]
    assert [s.label for s in indicator.series] == ["①日本語版", "②英語版", "③アクセス数"]
    assert [p.value.value for p in indicator.series[1].values] == [4500, 4100, 4000, 4000]
    assert indicator.notes == ["暦年でカウント"]  # the note mark is not kept


def test_summary_label_s_note_mark_between_rows_is_no_policy_note() -> None:
    """pdfplumber prints the end of the list's vertical label, （注２）, alone between a title's
    first line (its rating beside it) and the title's rest (Chromium, IPAPMincho): the list
    goes on, the title keeps its rest, no note holds the list's rows. (The form feed gives
    the lines a page: a rating beside a title's first line is trusted only in paged text.)"""
    text = REPORT.read_text(encoding="utf-8")
    rows = "２－４ 自由、公正かつ安全なサイバー空間を創出するためのサイバー外交\n\nの推進 \n\nｂ \n"
    assert text.count(rows) == 1
    glued = "\f２－４ 自由、公正かつ安全なサイバー空間を創出するためのサイバー外交 ｂ\n（注２）\n推進\n"
    # the label's （注２） is the one between the rows: the corpus prints it on 況(注２)
    assert text.count("\n況(注２) \n") == 1
    text = text.replace("\n況(注２) \n", "\n況 \n")
    policy = parse_text(text.replace(rows, glued)).policies[0]
    listed = {e.id: (e.field, e.title, e.rating) for e in policy.measure_summary}
    assert listed["2-4"] == (2, "自由、公正かつ安全なサイバー空間を創出するためのサイバー外交推進", "b")
    assert listed["2-5"] == (2, "ARF 関連会合への我が国の出席率", "b")
    assert not [n for n in policy.notes if "出席率" in n]

"""Line breaks that are no wraps (text.join_paragraphs): Chromium sets two punctuation marks
close (``）、``, ``・「``, ``５．（``), and ``pdftotext -raw`` breaks its line between them,
mid-line on the page, so the text holds lines as short as ``、`` or ``・``. What cannot start
a line (、 ）), a list marker alone, a bracket left open, a section number's point
(``第２部 ７．``) and a bracket that holds a date (``（平成 30 年５月 15 日 閣議決定）``)
go on; the list items stay the report's.

A line that ends short because what the next starts with (``（ARF）``, a Latin word with its
brackets) could not be broken and did not fit ends no paragraph either.

Fixtures: ``pdftotext -raw`` text cut at form feeds from a Chromium rendition the parity
matrix does not hold (``make_chromium.py OUT --font IPAexMincho --widths narrow``), and a page
of the parity matrix's LibreOffice rendition (IPAexMincho, narrow).
"""

from __future__ import annotations

import re
from pathlib import Path

from hyoka_parse import parse
from hyoka_parse.models import Field
from hyoka_parse.source import Line
from hyoka_parse.text import join_paragraphs

PAGES = Path(__file__).parent / "fixtures" / "extractors"


def _squeeze(texts: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", t) for t in texts]


def _field(name: str, number: int) -> Field:
    fields = parse(str(PAGES / f"{name}.pdftotext-raw.txt")).policies[0].fields
    return next(f for f in fields if f.number == number)


def test_related_policies_broken_between_punctuation_marks() -> None:
    """Field 2's list: ``六 外交・安全保障`` / ``（積極的平和主義）`` / ``、`` / ``（安全保障政策）``
    / ``、`` …, ``・第３期「海洋基本計画」`` / ``（平成 30 年５月 15 日 閣議決定）``,
    ``第２部 １．`` / ``（２）我が国の…``, ``・`` / ``「我が国の北極政策」``."""
    related = _squeeze(_field("chromium-ex-narrow-pages-8-9-field-2", 2).related_policies)
    assert related == [
        "・第201回国会施政方針演説（令和２年１月20日）",
        "六外交・安全保障",
        "（積極的平和主義）、（安全保障政策）、（国際社会の課題解決）",
        "・第201回国会外交演説（令和２年１月20日）",
        "日米同盟、北朝鮮をめぐる諸懸案への対応、近隣諸国との外交、緊迫化している中東情勢への取組",
        "・国家安全保障戦略（平成25年12月17日閣議決定）",
        "Ⅱ２我が国の国益と国家安全保障の目標",
        "Ⅲ１グローバルな安全保障環境と課題",
        "２アジア太平洋地域における安全保障環境と課題",
        "Ⅳ１我が国の能力・役割の強化・拡大",
        "３国際社会の平和と安定のためのパートナーとの外交・安全保障協力の強化",
        "・第３期「海洋基本計画」（平成30年５月15日閣議決定）",
        "第１部２．２－２.（４）北極政策の推進",
        "第１部２．２－２（５）国際連携・国際協力",
        "第２部１．（２）我が国の重要なシーレーンの安定的利用の確保",
        "第２部１．（３）国際的な海洋秩序の強化",
        "第２部７．（２）国際協力",
        "・「我が国の北極政策」（平成27年10月16日総合海洋政策本部決定）",
        "３北極問題に対する取組の必要性",
        "・「サイバーセキュリティ戦略」（平成30年７月27日閣議決定）",
        "１．策定の趣旨・背景",
        "２．サイバー空間に係る認識",
        "４．目的達成のための施策",
    ]


def test_a_dated_bracket_that_wraps_goes_on_its_item() -> None:
    """Field 2's materials: ``…第６回専門家会合の開催（結果）`` / ``（令和３`` / ``年１月 26日）``
    is one item, the address after it another."""
    materials = _squeeze(_field("chromium-ex-narrow-pages-16-17-materials-2", 2).materials)
    at = materials.index("・外務省ホームページ", 20)
    assert materials[at + 1 : at + 3] == [
        "サイバーセキュリティに関するARF会期間会合のための第６回専門家会合の開催（結果）"
        "（令和３年１月26日）",
        "（https://www.mofa.go.jp/mofaj/press/release/press3_000409.html）",
    ]


def test_a_line_short_where_a_latin_word_did_not_fit() -> None:
    """LibreOffice, IPAexMincho, narrow (the parity rendition), ``-raw``: field 2's overview
    wraps ``…ASEAN 地域フォーラム`` / ``（ARF）、ミュンヘン…``: the first line is short because
    ``（ARF）`` cannot be broken and did not fit, so it ends no paragraph."""
    overview = _squeeze(_field("lo-exnarrow-page-12-overview-2", 2).overview)
    assert [o[:2] for o in overview] == ["１イ", "２法", "３北", "４自"]
    assert overview[0] == (
        "１インド太平洋地域及び国際社会の平和と安定を確保するため、ASEAN地域フォーラム（ARF）、"
        "ミュンヘン安全保障会議等の国際会議、また、二国間対話の実施や民間レベル（トラック２）の"
        "枠組みへの参加など、安全保障分野における地域内の協力関係の進展・信頼醸成・相互理解の"
        "促進に努める。"
    )


def test_a_proportional_font_s_line_a_little_short_mid_sentence_goes_on() -> None:
    """IPAPMincho (Chromium) sets brackets and kana narrow, so its full lines differ by a few
    characters: 4-(1)'s overview wraps at …暴力的過激主 / 義対策に…, ten columns short of a
    line that holds 「」（）, and goes on (pdfium's text of a held-out print). A line as short
    that ends a sentence still ends its paragraph."""
    wrapped = [
        "イラク・シリアにおける「イラクとレバントのイスラム国」（ISIL）の支配領域は縮小し、イラクについてはイラク全",
        "界中に拡散し、アジア地域においてもその脅威が深刻化している。我が国にとって、政治的及び経済的につな",
        "がりが深い同地域の安定は極めて重要であることから、引き続き、アジア地域向けのテロ及び暴力的過激主",
        "義対策に注力するとの方針を維持し、二国間に加え、Ｇ７、国連、グローバル・テロ対策フォーラム（GCTF）と",
        "いった多国間枠組みも活用し、テロ及び暴力的過激主義対策に取り組む。",
        "また、テロの資金源となる国際組織犯罪の対策においても、引き続き、国際社会との連携を強化する。",
        "次の段落。",
    ]
    lines = [Line(n, 1, t) for n, t in enumerate(wrapped, start=1)]
    got = join_paragraphs(lines).split("\n")
    assert [p[-6:] for p in got] == ["に取り組む。", "を強化する。", "次の段落。"]

"""Extractors for the policy header: title, 施策目標, result, the list of measures, comments."""

from __future__ import annotations

from dataclasses import replace

import regex

from hyoka_parse.diagnostics import Diagnostics, location
from hyoka_parse.extract.common import after_key_prefix, strip_label
from hyoka_parse.layout.labels import is_label, is_vertical_label
from hyoka_parse.models import Objective, Policy, Result, SummaryEntry
from hyoka_parse.normalize import fold, make_key
from hyoka_parse.rules import FIELD, NUM, REPORT_TITLE, SUMMARY_MEASURE, Block, Kind
from hyoka_parse.source import Line
from hyoka_parse.text import join_cell, join_paragraphs, paragraphs, spaced_item_numbers
from hyoka_parse.values import era_year, parse_rating
from hyoka_parse.vocab import ACHIEVEMENTS, DASHES, ERA_NAMES

_CODE = regex.compile(r"^[\s\u3000]*[（(](?P<code>[^（()）]+)[）)][\s\u3000]*$")
_ITEM_NUMBER = regex.compile(r"^(?P<num>[0-9０-９]{1,3})[\s\u3000]+(?P<text>.*)$", regex.S)
_GRADE = regex.compile(r"^(?P<label>.+?)[（(](?P<grade>[ＳＡＢＣＤＥSABCDE])[）)]$")
# Characters of the vertical label of the list of measures (測定指標の平成30・令和元・２年度
# 目標の達成状況(注２)), which Word prints in pieces between the list's lines.
_SUMMARY_LABEL = regex.compile(r"^[測定指標の平成令和元年度目達成状況注・･()0-9、,]+$")
# Two rows of the list on one line: a row's rating, then the next row's 個別分野 or measure id.
# pdfium orders characters by their baseline, and a Chromium print can set the next row's
# first line on the rating's baseline (held-out print, IPAPMincho, wide columns).
_GLUED_ROW = regex.compile(
    r"^(?P<row>.*\S[ \u3000]+[ａ-ｅｓa-es])[ \u3000]*(?P<next>個別分野[ \u3000]*[0-9０-９]"
    rf"|[*＊]?[0-9０-９]{{1,2}}[{DASHES}-][0-9０-９]{{1,2}}[ \u3000])"
)
# The whole label, as a key: nothing after its （注２） is a piece of it.
_SUMMARY_LABEL_WHOLE = regex.compile(r"測定指標の.+年度目標の達成状況\(注[0-9]+\)")
_DATE = regex.compile(rf"(?P<era>{ERA_NAMES})(?P<y>元|" + NUM + r")年(?P<m>" + NUM + r")月")


def policy_title(block: Block, policy: Policy, diag: Diagnostics) -> None:
    m = block.match
    policy.id = f"{m['roman']}-{m['num']}" if m else None
    policy.name = after_key_prefix(block.head.text, f"施策{m['roman']}-{m['num']}") if m else None
    policy.location = location(block.head)
    rest: list[Line] = []
    for ln in block.body:
        title = REPORT_TITLE.match(ln.key)
        code = _CODE.match(ln.text)
        if title and policy.report_title is None:
            policy.report_title = ln.text.strip(" \u3000").replace(" ", "")
            policy.report_fiscal_year = era_year(ln.key)
        elif code and policy.evaluation_code is None:
            policy.evaluation_code = code["code"].strip()
        else:
            rest.append(ln)
    diag.unplaced(rest, "policy header")


def policy_name(block: Block, policy: Policy, diag: Diagnostics) -> None:
    name = after_key_prefix(block.head.text, "施策名")
    name = regex.sub(r"^[（(]※[）)][\s\u3000]*", "", name)
    body = list(block.body)
    if not name and body:  # the name stands in its own cell
        name = body.pop(0).text.strip(" \u3000")
    if name and not policy.name:
        policy.name = name
    diag.unplaced(body, "施策名")


def objectives(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """施策目標: a lead sentence, then numbered items."""
    preamble: list[str] = []
    lines = spaced_item_numbers(_name_cell_off(strip_label(block.lines, "施策目標"), policy))
    lines = _budget_cells_off(lines, diag)
    for para in paragraphs(lines):
        m = _ITEM_NUMBER.match(para)
        if m:
            num = int(fold(m["num"]))
            policy.objectives.append(Objective(number=num, text=m["text"].strip()))
        elif policy.objectives:
            policy.objectives[-1].text += "\n" + para
        else:
            preamble.append(para)
    policy.objectives_preamble = "\n".join(preamble) or None
    _locate_objectives(block, policy)


def _budget_cells_off(lines: list[Line], diag: Diagnostics) -> list[Line]:
    """The objectives without the budget table's cells the text prints after them, from a
    ``区分`` alone on: pdftotext's default mode prints a table it could not rebuild as lines
    (Chromium, IPAPGothic, big type, the table split by a page break; held-out set 13: its
    区分, unit and row labels were read into objective 11). Those lines are said."""
    at = next((k for k, ln in enumerate(lines) if make_key(ln.text) == "区分"), None)
    if at is None:
        return lines
    diag.unplaced(lines[at:], "施策目標")
    return lines[:at]


def _name_cell_off(lines: list[Line], policy: Policy) -> list[Line]:
    """The 施策名 cell's content at the head of 施策目標: pdftotext's default mode reads the
    header's label cells as a column (施策名（※） / 施策目標 / 施策の予算額・…), then their
    contents, so ``（外務省２－Ⅱ－１）`` / ``国際の平和と安定に対する取組`` come before the
    objectives' lead. Taken off only when they are whole lines that make exactly the
    policy's name (read from its heading), after a bracketed line, the evaluation code,
    or none (a producer that sets the code apart, above the name)."""
    body = [ln for ln in lines if ln.text.strip(" \u3000")]
    if not body or not policy.name:
        return lines
    code = _CODE.match(body[0].text)
    start = 1 if code else 0
    name, joined = make_key(policy.name), ""
    for end, ln in enumerate(body[start:], start=start + 1):
        joined += ln.key
        if joined == name and end < len(body):
            if code and policy.evaluation_code is None:
                policy.evaluation_code = code["code"].strip()
            taken = {id(ln) for ln in body[:end]}  # the name itself is the policy's already
            return [ln for ln in lines if id(ln) not in taken]
        if not name.startswith(joined):
            break
    return lines


def _locate_objectives(block: Block, policy: Policy) -> None:
    numbered = [ln for ln in block.body if _ITEM_NUMBER.match(ln.text.strip(" \u3000"))]
    by_number = {
        int(fold(_ITEM_NUMBER.match(ln.text.strip(" \u3000"))["num"])): ln for ln in numbered
    }
    for obj in policy.objectives:
        if obj.number in by_number:
            obj.location = location(by_number[obj.number])


def policy_note(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """A note of the header (（※）本施策は…). A label cell printed after it on a line of its
    own (評価結果（注１）, where the label column is wide enough to print it across:
    LibreOffice, a proportional font) is dropped as a label, not read as the note's end. A
    line that is the overall grade alone (相当程度進展あり（Ｂ）: pdftotext's default mode,
    Chromium, reads the result's cells after the label column that follows the note) is
    the result's, never note prose. The 別紙 sheet's 他に記載のある / 個別票の番号 after it is
    dropped as a label too (Chromium's default mode prints it there)."""
    kept = [block.lines[0]] + [ln for ln in block.lines[1:] if not _overall_grade(policy, ln)]
    while len(kept) > 1 and is_label(kept[-1].text):  # only after the note: a wrapped
        ln = kept.pop()  # line of the note may start like a label (「測定指標の…達成状況」)
        diag.drop("label", ln, ln.text.strip(" \u3000"))
    if len(kept) > 2 and make_key(kept[-2].text + kept[-1].text) == _SHEET_COLUMN_LABEL:
        for ln in kept[-2:]:  # the 別紙 sheet's header cell, printed far from its sheet
            diag.drop("label", ln, ln.text.strip(" \u3000"))
        del kept[-2:]
    policy.notes.append(join_paragraphs(kept))


# The 別紙 sheet's last column header, which Chromium's default-mode text prints after the
# header's note (他に記載のある / 個別票の番号): the sheet's, never the note's.
_SHEET_COLUMN_LABEL = "他に記載のある個別票の番号"


def result(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """目標達成度合いの測定結果: ``相当程度進展あり（Ｂ）``."""
    res = policy.result or Result(label=None, grade=None, rationale=None)
    res.location = location(block.head)
    rest: list[Line] = []
    for ln in block.body:
        text = ln.text.strip(" \u3000")
        m = _GRADE.match(text)
        if m and res.grade is None and "区分" not in text:
            res.label = m["label"].strip()
            res.grade = fold(m["grade"]).upper()
        elif not _is_result_label(ln.key):
            rest.append(ln)
    policy.result = res
    diag.unplaced(rest, "目標達成度合いの測定結果")
    # a result without a grade is said in validate.py: the grade may still come later


def _is_result_label(key: str) -> bool:
    return key in "目標達成度合いの測定結果" or key == "(各行政機関共通区分)"


def rationale(block: Block, policy: Policy, diag: Diagnostics) -> None:
    res = policy.result or Result(label=None, grade=None, rationale=None)
    res.rationale = join_paragraphs(_vertical_label_off(block.body, diag)) or None
    policy.result = res


def _vertical_label_off(lines: list[Line], diag: Diagnostics) -> list[Line]:
    """The lines without the vertical label the reader gave after them, a short piece a
    line (評価 / 結果 / （注 / １）: a PDF by Chromium, Noto Serif CJK KR, 26 mm margins,
    sets the label column's cell two characters a line, outside any table the finder
    saw; held-out set 14), dropped as the label it is."""
    start = len(lines)
    while start > 0 and len(make_key(lines[start - 1].text)) <= _LABEL_PIECE:
        start -= 1
    for s in range(start, len(lines) - 1):
        text = "".join(ln.text.strip(" \u3000") for ln in lines[s:])
        if is_vertical_label(text):
            diag.drop("vertical_label", lines[s], text)
            return lines[:s]
    return lines


_LABEL_PIECE = 3  # characters a line of a narrow label cell holds at most


def summary(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """The list of every measure with ＊ and its rating, grouped by 個別分野."""
    field: int | None = None
    entry: SummaryEntry | None = None  # an entry whose rating has not been seen yet
    title_lines: list[str] = []
    lines = block.lines if FIELD.match(block.head.key) else block.body
    lines, dropped = _column_ratings(_unglued_rows(_rationale_before_list(lines, policy)))
    diag.unplaced(dropped, "list of measures")
    rated: SummaryEntry | None = None  # an entry whose rating stood on its title's first line
    label = _LabelPieces(block.head)
    for ln in (_label_cell_off(row, diag) for row in lines):
        text = ln.text.strip(" \u3000")
        fm = FIELD.match(ln.key)
        mm = SUMMARY_MEASURE.match(ln.key)
        wrap, rated = rated, None
        if fm:
            field, entry = int(fm["num"]), None
        elif wrap is not None and not mm and not label.is_piece(ln.key):
            # the title's next line, the rating printed beside its first (top-aligned); a
            # title may wrap over three lines or more (3-5 in wide columns), so the entry
            # stays open until a measure or a field, and over a piece of the label printed
            # between its lines (``…サイバ ａ`` / ``２）`` / ``ー外交の推進``)
            rest, second = ("", parse_rating(text)) if _lone_rating(ln) else _split_rating(text)
            if second is not None and ln.cells is None:
                _rating_a_line_down(policy.measure_summary, wrap, second, ln, diag)
                text = rest.strip()
            wrap.title = join_cell([wrap.title, text]) if text else wrap.title
            rated = wrap
        elif mm:
            entry = _summary_entry(ln, mm, field)
            policy.measure_summary.append(entry)
            title_lines = [entry.title + (" " if ln.text != ln.text.rstrip() else "")]
            if entry.rating is not None:
                rated = entry if ln.page is not None and ln.cells is None else None
                entry = None
        elif entry is not None and parse_rating(text):
            entry.rating = parse_rating(text)
            entry = None
        elif entry is not None:
            rest, rating = _split_rating(ln.text)
            title_lines.append(rest)
            entry.title = join_cell(title_lines)
            if rating:
                entry.rating, entry = rating, None
        elif label.is_piece(ln.key):
            label.add(ln.key)
            diag.drop("label", ln, text)
            rated = wrap  # a piece of the label between a title's lines does not end it
        elif field is None and not policy.measure_summary and _overall_grade(policy, ln):
            continue
        elif field is not None and policy.measure_summary[-1:] == []:
            continue  # the first field's title wrapped
        elif field is not None and policy.measure_summary[-1].field != field:
            continue  # a field's title wrapped before its first measure
        else:
            diag.unplaced([ln], "list of measures")


class _LabelPieces:
    """The list's label as read so far (its heading, then each piece dropped), to tell a
    piece of it from a title's last line made of the same characters: once the label is
    whole (…達成状況（注２）), ``況`` after ``…決議の採択状 ａ`` is the title's (Chromium,
    令和４年度 edition, IPAGothic: the label's pieces printed between the list's lines)."""

    def __init__(self, head: Line) -> None:
        self.seen = head.key if _SUMMARY_LABEL.match(head.key) else ""

    def is_piece(self, key: str) -> bool:
        """Whether ``key`` is a piece of the label: its characters, and the label not yet
        whole (or begun again: a page's own label)."""
        whole = _SUMMARY_LABEL_WHOLE.fullmatch(self.seen) is not None
        return bool(_SUMMARY_LABEL.match(key)) and (not whole or key.startswith("測定指標"))

    def add(self, key: str) -> None:
        self.seen = key if key.startswith("測定指標") else self.seen + key


def _rationale_before_list(lines: list[Line], policy: Policy) -> list[Line]:
    """The lines without the result's rationale read after the list's label, before its
    first field (pdftotext's default mode reads the label column, 測定指標の…達成状況 in
    pieces, before the （判断根拠） cell's text beside it): sentences that end in 。 before the
    list's first 個別分野 or measure are the rationale where the result has none, for the
    list holds only headings and entries. Anything else is left for the list's reader."""
    res = policy.result
    if res is None or res.rationale is not None:
        return lines
    end = next(
        (i for i, ln in enumerate(lines) if FIELD.match(ln.key) or SUMMARY_MEASURE.match(ln.key)),
        len(lines),
    )
    prose = [
        ln
        for ln in lines[:end]
        if not _SUMMARY_LABEL.match(ln.key) and not _GRADE.match(ln.text.strip(" \u3000"))
    ]
    text = join_paragraphs(prose)
    if not prose or not text.endswith("。") or text.startswith(("（", "(", "＊", "*")):
        return lines
    res.rationale = text
    taken = {id(ln) for ln in prose}
    return [ln for ln in lines if id(ln) not in taken]


def _overall_grade(policy: Policy, ln: Line) -> bool:
    """The overall grade (相当程度進展あり（Ｂ）) read after the list's label, before the
    list's first field: pdftotext's default mode reads the label column (目標達成度 / 合い
    の測定 / 結果 / 測定指標の…) before the cells beside it, so the grade's cell comes after
    the list has begun. Taken only where the result has no grade yet and the label is one
    of the standard achievement classes (vocab.ACHIEVEMENTS); True when taken."""
    m = _GRADE.match(ln.text.strip(" \u3000"))
    if m is None or make_key(m["label"]) not in ACHIEVEMENTS:
        return False
    res = policy.result or Result(label=None, grade=None, rationale=None, location=location(ln))
    if res.grade is not None:
        return False
    res.label, res.grade = m["label"].strip(), fold(m["grade"]).upper()
    policy.result = res
    return True


def _unglued_rows(lines: list[Line]) -> list[Line]:
    """Each row of the list on a line of its own: ``＊１－２ title ａ 個別分野２ title`` is two
    rows, split after the rating (both keep the line's number and page)."""
    out: list[Line] = []
    for ln in lines:
        rows: list[Line] = []
        while ln.cells is None and (m := _GLUED_ROW.match(ln.text)):
            rest = ln.text[m.start("next") :]
            rows.append(replace(ln, text=rest, key=make_key(rest), bbox=None))
            ln = replace(ln, text=m["row"], key=make_key(m["row"]), bbox=None)
        out += [ln, *reversed(rows)]
    return out


def _label_cell_off(ln: Line, diag: Diagnostics) -> Line:
    """A grid row whose first cell is a piece of the list's label: the label cell goes on
    over a page break beside the first rows (標の達成状況（注２） | ＊１－１ … | ｂ, LibreOffice
    with a proportional font). The piece is dropped as a label; the row is what is left."""
    cells = ln.cells or []
    rest = [c for c in cells[1:] if c.text.strip(" \u3000")]
    if not rest or not _SUMMARY_LABEL.match(make_key(cells[0].text)):
        return ln
    diag.drop("label", ln, cells[0].text)
    text = " ".join(c.text for c in rest)
    return replace(ln, text=text, key=make_key(text), cells=rest)


def _column_ratings(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Ratings printed as a column after their titles' (pdftotext's default mode reads the
    rating column after the title column: 11-1 … 11-4, then ａ / ａ / ａ / ｂ): each goes
    beside its title, in order, when the run has as many as the titles before it that have
    none. A run that does not match is returned apart (never given to the wrong measure)."""
    out = list(lines)
    dropped: list[Line] = []
    titles: list[int] = []  # indexes in ``out`` of the titles without a rating
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].cells is None and _lone_rating(out[j]):
            j += 1
        if j - i >= 2:
            if len(titles) == j - i:
                for t, r in zip(titles, out[i:j], strict=True):
                    ln = out[t]
                    out[t] = Line(ln.no, ln.page, f"{ln.text.rstrip()} {r.text.strip()}", ln.key)
            else:
                dropped += out[i:j]
            del out[i:j]
            titles = []
            continue
        ln = out[i]
        if _lone_rating(ln):  # a field heading does not reset: the column runs across fields
            titles = []
        elif SUMMARY_MEASURE.match(ln.key) and _split_rating(ln.text)[1] is None:
            titles.append(i)
        i += 1
    return out, dropped


def _rating_a_line_down(
    entries: list[SummaryEntry], rated: SummaryEntry, rating: str, ln: Line, diag: Diagnostics
) -> None:
    """A second ``rating`` (on line ``ln``) for an entry rated on its first line: -layout set
    an entry's rating a line low (Chromium, Noto Sans Mono: 2-3's ｂ at the end of 2-4's
    line, 2-4's on the line below), so the ratings are the two entries' in order when the
    one before ``rated`` has none; else it is no entry's (it had been read into the title,
    and a breaker's rating for 2-3 given to 2-4)."""
    at = next(i for i, e in enumerate(entries) if e is rated)
    before = entries[at - 1] if at else None
    if before is None or before.rating is not None or before.field != rated.field:
        diag.unplaced([replace(ln, text=rating, key=rating)], "list of measures")
        return
    before.rating, rated.rating = rated.rating, rating


def _lone_rating(line: Line) -> bool:
    text = line.text.strip(" \u3000")
    return len(text) <= 2 and parse_rating(text) is not None


def _split_rating(text: str) -> tuple[str, str | None]:
    """``title ｂ`` → (``title``, ``b``); a line without a final rating is all title."""
    parts = text.rstrip().rsplit(None, 1)
    rating = parse_rating(parts[-1]) if len(parts) == 2 else None
    if rating:
        return parts[0], rating
    # An extractor may drop the space before a rating cell that ends a full line: 取組ｂ.
    # A title never ends in a full-width rating letter after a Japanese character.
    glued = regex.match(r"^(?P<title>.*[^\x00-\x7f])(?P<rating>[ａ-ｅｓ])$", text.rstrip())
    if glued and parse_rating(glued["rating"]):
        return glued["title"], parse_rating(glued["rating"])
    return text, None


def _summary_entry(ln: Line, m: regex.Match, field: int | None) -> SummaryEntry:
    """``＊１－２ title ｂ``: the rating may also come on a later line."""
    title, rating = _split_rating(after_key_prefix(ln.text, m.group(0)))
    return SummaryEntry(
        field=int(m["field"]) if field is None else field,
        id=f"{int(m['field'])}-{int(m['num'])}",
        title=title.strip(" \u3000"),
        is_main=bool(m["main"]),
        rating=rating,
        location=location(ln),
    )


# A comment's bullet after the sentence that ends the comment before it, on one line:
# pdfium sets two lines on one (``…留意して欲しい。 ・「自由で開かれた…``: Chromium, VL
# Gothic, extra wide, big type; held-out set 18).
_NEXT_COMMENT = regex.compile(r"(?<=。)[ \u3000]*(?=[・･])")


def comments(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """学識経験を有する者の知見の活用: one comment per ・ item."""
    paras = paragraphs(strip_label(block.lines, "学識経験を有する者の知見の活用"))
    for para in (piece for p in paras for piece in _NEXT_COMMENT.split(p)):
        if para.startswith(("・", "･")):
            policy.advisory_comments.append(para[1:].strip())
        elif policy.advisory_comments:
            policy.advisory_comments[-1] += "\n" + para
        elif para.startswith(("(", "（")):
            source, rest = _bracketed(para)
            policy.advisory_source = source.strip("()（） ")
            if rest.startswith(("・", "･")):
                policy.advisory_comments.append(rest[1:].strip())
            elif rest:
                diag.unplaced([block.head], f"学識経験者の知見: {rest[:30]}")
        else:
            diag.unplaced([block.head], f"学識経験者の知見: {para[:30]}")


def _bracketed(text: str) -> tuple[str, str]:
    """``text`` cut after the bracket that closes its first one, and the rest: the source
    of the comments and the first comment printed on its line (``（外務省政策評価アドバイザ
    リー・グループ・メンバーの所見） ・外交安全保障…``: pdfium, Chromium, Komatuna P, big
    type; held-out set 17)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch in "(（") - (ch in ")）")
        if depth == 0:
            return text[: i + 1], text[i + 1 :].strip(" \u3000")
    return text, ""


def department(block: Block, policy: Policy, diag: Diagnostics) -> None:
    # The label may be letter-spaced (担　当　部　局　名): take it off by its key.
    label = "担当部局名" if block.head.key.startswith("担当部局名") else "担当部局"
    name = after_key_prefix(block.head.text, label)
    body = list(block.body)
    if not name and body:
        name = body.pop(0).text.strip(" \u3000")
    name, date = _split_date_label(name)
    if date is not None and body:
        name, body = _row_wrapped(name, date, body)
    policy.department = name or None
    if date is not None:
        # The row goes on with the 政策評価実施時期 cell (its label wrapped: 政策評価実 / 施時期).
        head = Line(block.head.no, block.head.page, date, make_key(date))
        evaluation_date(Block(Kind.EVALUATION_DATE, head, body), policy, diag)
        return
    if body and _starts_date_label(body[0].key):
        # The 政策評価実施時期 cell read after the department's (pdftotext's default mode:
        # 政策評価実 / 令和３年８月 / 施時期, the date between its label's two pieces).
        evaluation_date(Block(Kind.EVALUATION_DATE, body[0], body[1:]), policy, diag)
        return
    diag.unplaced(body, "担当部局名")


_DATE_LABEL = "政策評価実施時期"


def _split_date_label(name: str) -> tuple[str, str | None]:
    """``総合外交政策局 政策評価実 令和３年８月`` → the department and the rest from the first
    word that begins the 政策評価実施時期 label (at least 政策評価); the label cell stands
    beside the department's in one row, and an extractor that prints a row as one line
    puts its pieces after the name."""
    words = name.split()
    for i, word in enumerate(words[1:], 1):
        if _starts_date_label(make_key(word)):
            return " ".join(words[:i]), " ".join(words[i:])
    return name, None


def _row_wrapped(name: str, date: str, body: list[Line]) -> tuple[str, list[Line]]:
    """The department with its cell's next line, where the row's cells wrap together and an
    extractor prints each cell's rest on the next line, in column order (``担当部局名 総合外交政
    政策評価実施 令和３年８月`` / ``策局 時期``: a breaker's trial on held-out set 14,
    pdfplumber and pdfium): the words before the date label's rest are the department's."""
    label = make_key(date.split()[0])
    rest = _DATE_LABEL[len(label) :] if _DATE_LABEL.startswith(label) else ""
    words = body[0].text.split()
    if not rest or len(words) < 2 or make_key(words[-1]) != rest:
        return name, body
    return name + "".join(words[:-1]), body[1:]


def _starts_date_label(key: str) -> bool:
    """``key`` begins with the 政策評価実施時期 label (at least 政策評価), whole or wrapped."""
    return key.startswith(_DATE_LABEL[:4]) and _DATE_LABEL.startswith(key[: len(_DATE_LABEL)])


def evaluation_date(block: Block, policy: Policy, diag: Diagnostics) -> None:
    """政策評価実施時期 ``令和３年８月`` → ``2021-08``."""
    text = fold("".join(ln.text for ln in block.lines)).replace(" ", "")
    m = _DATE.search(text)
    if not m:
        diag.warn("missing_part", "政策評価実施時期 has no 年月 date", block.head)
        return
    year = era_year(f"{m['era']}{m['y']}年")
    policy.evaluation_date = f"{year:04d}-{int(m['m']):02d}"
    extra = [ln for ln in block.body if not _DATE.search(fold(ln.text).replace(" ", ""))]
    extra = [ln for ln in extra if ln.key not in "政策評価実施時期"]
    diag.unplaced(extra, "政策評価実施時期")

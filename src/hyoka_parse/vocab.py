"""The report's characters in one place: dashes, spaces, sentence ends, eras, and the folds
that undo the character-level defects of extracted text.

``fold_text`` runs once on every line as a source makes it (the text source and the PDF
reader alike), so every value, not only the heading keys, sees the folded text. It changes
only characters that are a defect of extraction, never the report's own spelling: full-width
digits, ``－`` and ``～`` stay as the author typed them (keys fold those, see normalize.py).

What is folded, and the public report that describes it:

- Kangxi Radicals (U+2F00–U+2FD5) and CJK Radicals Supplement (U+2E80–U+2EF3) to the
  unified ideograph (⽇ → 日, ⻑ → 長). Word exports with MS Mincho often put these code points
  in the font's ToUnicode map (yfedoseev/pdf_oxide issue #123: Japanese text with ⽴ for 立,
  ⺬ for 示; the same fonts give pdfminer.six and pdfplumber the same text). NFKC folds the
  Kangxi block but not the Supplement, so the table comes from the Unicode Character
  Database: Kangxi from ``unicodedata`` (each has a compatibility decomposition), the
  Supplement from ``EquivalentUnifiedIdeograph.txt`` (UCD 15.1, by Ken Lunde), copied below
  because no maintained PyPI package ships that file offline (``unihan-etl`` downloads it at
  run time; ``unicodedata``/``unicodedata2`` do not carry the property).
- Era ligatures ㍾㍽㍼㍻㋿ (one character each) to 明治/大正/昭和/平成/令和, and the Latin
  ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ to their letters.
- NBSP and the other fixed-width spaces (U+2000–U+200A, U+202F, U+205F) to a space; the
  ideographic space U+3000 stays (the report letter-spaces labels with it).
- Zero-width characters (U+200B–U+200D, U+2060, U+FEFF, soft hyphen U+00AD) are removed.
- Line separators that are not ``\n`` (U+2028, U+2029, NEL U+0085, VT U+000B): the text
  source splits lines at them (see ``LINE_BREAK``); anywhere else they fold to a space.
- Adobe-Japan1 code points for JIS characters that Windows (CP932) maps elsewhere (〜 for ～,
  − for －, …): fonts without a ToUnicode map come out so in the PDF, and text exported on
  a Mac has them too; both paths fold them back to what the author typed.
- pdfium's mark for a hyphen that ends a line, U+FFFE (a noncharacter), to ``-``.
- U+00B7 MIDDLE DOT to the half-width ･ the report prints (Chromium's ToUnicode map; CP932
  has no U+00B7; but see ``middle_dots``: a CJK font of Taiwan or Hong Kong names its
  full-width ・ so), U+2027 HYPHENATION POINT to the full-width ・ and U+2215 DIVISION SLASH
  to ／ (pdfminer's reading of Chromium's Type 3 fonts; CP932 has neither).
- Unmapped glyphs: pdfminer's ``(cid:NNN)`` tokens (pdfminer.six issues #130, #368: a
  Japanese font without a usable ToUnicode map), U+FFFD and private-use code points become
  U+FFFD, so that they can be counted (``count_unmapped``) and warned about.
"""

from __future__ import annotations

import unicodedata

import regex

# --- punctuation and spaces, as the report uses them ---

DASHES = "‐‑‒–—―−－"  # folded to "-" in heading keys
DASH_TO_HYPHEN = str.maketrans(dict.fromkeys(DASHES, "-"))
SPACE_RUN = regex.compile(r"[\s\u3000]+")  # any run of spaces, the ideographic one included
FULL_STOPS = tuple("。．.")  # a sentence's own end
SENTENCE_END = (*FULL_STOPS, *"）)」』")  # characters that end a sentence (or a bracketed one)
# Characters that never end a line (行末禁則, JIS X 4051): an opening bracket goes to the
# next line with the character after it.
OPENING_BRACKETS = "「『（(【〔［｛〈《｢"
# Characters that never start a line (行頭禁則, JIS X 4051): closing brackets, stops, small
# kana, the prolonged sound mark, 々 and the middle dot ・.
CANNOT_START = "、。，．）)」』】〕］｝〉》｣ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々・"
# Of those, the small kana and the prolonged sound mark (UAX #14 class CJ) only strict kinsoku
# keeps from a line's start: CSS's default ``line-break: normal`` (Chromium) breaks before them
# and keeps every other rule (CSS Text 3, 5.2 "Line Breaking Strictness").
STRICT_ONLY = "ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
NULL_MARKS = DASHES + "-ー"  # a table cell of only these (－ ― ー …) holds no value
# A budget cell, on raw or NFKC-folded text: an amount (△ for a negative one), perhaps with a
# mark printed beside it (85,077※, (85,077), 約85,077: still one cell, so the cells after it
# keep their years), or a dash for no value.
AMOUNT_CELL = regex.compile(r"^(?:[約(（]?[△▲]?[0-9０-９][0-9０-９,，.]*[)）※＊*]*|[－―\-‐ー−–—])$")
IDEOGRAPHIC_SPACE = "\u3000"
# Roman numerals (U+2160–U+217F: Ⅰ Ⅱ … ⅰ ⅱ …): the report numbers 施策 and plan items with
# them, and many Japanese fonts lack them, so a producer sets them in a fallback font.
ROMAN_NUMERALS = "".join(map(chr, range(0x2160, 0x2180)))
# The rows of the budget form (施策の予算額・執行額等, report p. 2), in the order it prints
# them, as it prints their labels (執行額's unit goes to the table).
BUDGET_ROWS = ("当初予算(a)", "補正予算(b)", "繰越し等(c)", "合計(a＋b＋c)", "執行額")
# The start that names each of them in a printed label (繰越等 too; 執行額(百万円)).
BUDGET_ROW_STARTS = ("当初予算", "補正予算", "繰越", "合計", "執行額")
# The achievement classes (評語) common to every ministry (総務省, 政策評価の標準的な評語):
# the overall result (相当程度進展あり（Ｂ）) and the 別紙 sheet's 目標達成度合い column.
ACHIEVEMENTS = (
    "目標超過達成",
    "目標達成",
    "相当程度進展あり",
    "進展が大きくない",
    "目標に向かっていない",
)

# --- eras (年号) ---

# First western year of each era minus one: 平成1 = 1989.
ERA_OFFSET = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
ERA_NAMES = "|".join(ERA_OFFSET)  # for regexes: 明治|大正|昭和|平成|令和
# The rating column's label of a measure's grid (平成30・令和元・令和２年度目標の達成状況), on a
# key (NFKC, no spaces); with ``partial=True``, its pieces from the start as a column wraps it.
RATING_LABEL = regex.compile(
    rf"(?:(?:{ERA_NAMES})?(?:元|\d+)[・,、])+(?:{ERA_NAMES})?(?:元|\d+)年度目標の達成状況"
)
# One-character era names (U+337B–U+337E, U+32FF), as some fonts and IMEs give them.
ERA_LIGATURES = {"㍾": "明治", "㍽": "大正", "㍼": "昭和", "㍻": "平成", "㋿": "令和"}
# Latin ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ (U+FB00–U+FB06), as their letters (their compatibility
# decomposition): pdfminer gives Noto's fi glyph as one ﬁ where pdfium gives f, i
# (``Paciﬁc Shield``, ``/mofaj/ﬁles/``: Chromium's Type 3 fonts, held-out set 9).
LATIN_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}

# --- the folds of extraction defects ---

# Adobe-Japan1 maps some JIS characters to other code points than Windows (CP932) does,
# on which Japanese Word documents are written.
CP932 = {"〜": "～", "−": "－", "‖": "∥", "¢": "￠", "£": "￡", "¬": "￢", "—": "―"}
OTHER_SPACES = "\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
LINE_SEPARATORS = "\u2028\u2029\u0085\u000b"
# Where the text source starts a new line: \r\n, \r, \n and the separators above.
LINE_BREAK = regex.compile(r"\r\n|[\r\n\u2028\u2029\u0085\u000b]")
UNMAPPED = "\ufffd"  # what a glyph without a Unicode mapping becomes
_CID = regex.compile(r"\(cid:\d+\)")
_PRIVATE_USE = regex.compile(r"[\p{Co}]")

# EquivalentUnifiedIdeograph.txt (Unicode 15.1), the CJK Radicals Supplement lines
# (U+2E80 has no equivalent). Radical:ideograph, hexadecimal.
_SUPPLEMENT = """
    2E81:5382 2E82:4E5B 2E83:4E5A 2E84:4E59 2E85:4EBB 2E86:5182 2E87:20628 2E88:5200
    2E89:5202 2E8A:535C 2E8B:353E 2E8C:5C0F 2E8D:5C0F 2E8E:5140 2E8F:5C23 2E90:5C22
    2E91:21BC2 2E92:5DF3 2E93:5E7A 2E94:5F51 2E95:2B739 2E96:5FC4 2E97:5FC3 2E98:624C
    2E99:6535 2E9B:65E1 2E9C:65E5 2E9D:6708 2E9E:6B7A 2E9F:6BCD 2EA0:6C11 2EA1:6C35
    2EA2:6C3A 2EA3:706C 2EA4:722B 2EA5:722B 2EA6:4E2C 2EA7:725B 2EA8:72AD 2EA9:738B
    2EAA:24D14 2EAB:76EE 2EAC:793A 2EAD:793B 2EAE:25AD7 2EAF:7CF9 2EB0:7E9F 2EB1:7F53
    2EB2:7F52 2EB3:34C1 2EB4:5197 2EB5:2626B 2EB6:7F8A 2EB7:2634C 2EB8:2634B 2EB9:8002
    2EBA:8080 2EBB:807F 2EBC:8089 2EBD:26951 2EBE:8279 2EBF:8279 2EC0:8279 2EC1:864E
    2EC2:8864 2EC3:8980 2EC4:897F 2EC5:89C1 2EC6:89D2 2EC7:278B2 2EC8:8BA0 2EC9:8D1D
    2ECA:27FB7 2ECB:8F66 2ECC:8FB6 2ECD:8FB6 2ECE:8FB6 2ECF:9091 2ED0:9485 2ED1:9577
    2ED2:9578 2ED3:957F 2ED4:95E8 2ED5:28E0F 2ED6:961D 2ED7:96E8 2ED8:9752 2ED9:97E6
    2EDA:9875 2EDB:98CE 2EDC:98DE 2EDD:98DF 2EDE:2967F 2EDF:98E0 2EE0:9963 2EE1:29810
    2EE2:9A6C 2EE3:9AA8 2EE4:9B3C 2EE5:9C7C 2EE6:9E1F 2EE7:5364 2EE8:9EA6 2EE9:9EC4
    2EEA:9EFE 2EEB:6589 2EEC:9F50 2EED:6B6F 2EEE:9F7F 2EEF:7ADC 2EF0:9F99 2EF1:9F9C
    2EF2:4E80 2EF3:9F9F
"""


def _radicals() -> dict[int, str]:
    """Kangxi radicals from their compatibility decomposition, the Supplement from UCD data."""
    table: dict[int, str] = {}
    for cp in range(0x2F00, 0x2FD6):
        decomposition = unicodedata.decomposition(chr(cp))  # "<compat> 65E5"
        if decomposition.startswith("<compat>"):
            table[cp] = chr(int(decomposition.split()[1], 16))
    for pair in _SUPPLEMENT.split():
        radical, ideograph = pair.split(":")
        table[int(radical, 16)] = chr(int(ideograph, 16))
    return table | _JAPANESE_FORMS


# Kangxi radicals whose compatibility decomposition is the traditional form, where a Japanese
# text means the JIS form the glyph draws: ⼾ is 戸 in 神戸 (IPAexMincho through Chromium:
# pdfplumber read ⼾, pdfium 戸), not 戶. The Supplement's data already gives these forms.
_JAPANESE_FORMS = {
    0x2F3E: "戸",  # 戶
    0x2FAD: "青",  # 靑
    0x2FC6: "麦",  # 麥
    0x2FC8: "黄",  # 黃
    0x2FCA: "黒",  # 黑
    0x2FD1: "斉",  # 齊
    0x2FD2: "歯",  # 齒
    0x2FD4: "亀",  # 龜
}


RADICALS = _radicals()
_FOLD = str.maketrans(
    {
        **RADICALS,
        **ERA_LIGATURES,
        **LATIN_LIGATURES,
        **CP932,
        **dict.fromkeys(OTHER_SPACES, " "),
        **dict.fromkeys(LINE_SEPARATORS, " "),
        **dict.fromkeys(ZERO_WIDTH),
        # pdftotext reads the underscore of Adobe-Japan1 fonts (HeiseiMin: ``page3_002995``
        # in an address) as U+0332 COMBINING LOW LINE, which the report never prints.
        0x0332: "_",
        # pdfium's text (pypdfium2 ``get_text_range``) gives a hyphen the PDF draws at a
        # line's end as the noncharacter U+FFFE and joins the two lines (``JT\ufffe60SA``:
        # pdfium's FPDFText_IsHyphen tells such a character); what is printed is ``-``.
        0xFFFE: "-",
        # The half-width middle dot ･ (``ARF･EEPs``, ``総合･実績･事業``): Chromium's
        # ToUnicode map names the glyph U+00B7, which the font's cmap shares with U+FF65;
        # pdfminer/pdfplumber read ·, poppler and pdfium ･. CP932, in which the reports
        # are written, has no U+00B7, so in them it is always the half-width dot.
        0x00B7: "･",
        # The full-width middle dot ・ (``施策の進捗状況・実績``) in Chromium's Type 3 fonts
        # (Noto Sans CJK, an OpenType CFF font): pdfminer/pdfplumber read U+2027, poppler
        # and pdfium ・ (held-out set 9: every 施策の進捗状況 heading was lost).
        0x2027: "・",
        # The full-width solidus ／ (``専門家／賢人``) in the same fonts: pdfminer reads U+2215
        # DIVISION SLASH, which CP932 lacks.
        0x2215: "／",
    }
)


def fold_text(text: str) -> str:
    """Undo the character-level defects of extraction in ``text`` (a line or a glyph).

    Returns the text with radicals, era ligatures, CP932 variants, odd spaces and zero-width
    characters folded as the module docstring lists, and each unmapped glyph (``(cid:12)``,
    private use) as one U+FFFD. Never raises; the result is never longer in characters than
    the input except where a ligature (era or Latin) becomes two or three characters.
    """
    if "(cid:" in text:
        text = _CID.sub(UNMAPPED, text)
    text = text.translate(_FOLD)
    if _PRIVATE_USE.search(text):
        text = _PRIVATE_USE.sub(UNMAPPED, text)
    return text


MIDDLE_DOT = "\u00b7"  # ·: the glyph of ･ or of ・, as the font's ToUnicode map names it
FULL_DOT = "\u30fb"  # ・ (中黒)
HALF_DOT = "\uff65"  # ･


def middle_dots(text: str) -> str:
    """``text`` (a whole extracted text) with U+00B7 as the full-width ・ where the text
    holds no ・ at all: a traditional-Chinese or Hong Kong CJK font draws ・ (U+30FB) and
    · with one glyph, which Chromium's ToUnicode map names U+00B7, while its ･ is named
    U+FF65 (held-out set 15: Noto Sans CJK HK, pdfplumber text: every ・ of the report
    came out ·). Any 政策評価書 prints ・ hundreds of times, so a text without one prints it
    as ·. Otherwise · stays for ``fold_text`` to make ･ (a Japanese font's half-width dot)."""
    if MIDDLE_DOT in text and FULL_DOT not in text:
        return text.replace(MIDDLE_DOT, FULL_DOT)
    return text


def count_unmapped(text: str) -> int:
    """How many glyphs of folded ``text`` have no Unicode mapping (U+FFFD)."""
    return text.count(UNMAPPED)


class _Widths(dict[str, int]):
    """Each character's display width (2: East Asian Wide or Fullwidth), looked up once."""

    def __missing__(self, char: str) -> int:
        width = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if len(self) < 65_536:  # bounded, whatever characters an input holds
            self[char] = width
        return width


_WIDTHS = _Widths()


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal or ``pdftotext -layout`` (full width: two)."""
    return sum(map(_WIDTHS.__getitem__, text))


TAB_STOP = 8  # columns between tab stops, as expand(1), editors and terminals set them


def expand_tabs(line: str) -> str:
    """``line`` with each tab as the spaces up to the next stop, counted in display columns.

    A -layout text passed through ``unexpand`` (or an editor) holds tabs for runs of spaces;
    its columns are positions, so a tab counted as one character moves every cell right of
    it under another column (a breaker's trial: budget amounts a year early)."""
    if "\t" not in line:
        return line
    out: list[str] = []
    column = 0
    for char in line:
        if char == "\t":
            pad = TAB_STOP - column % TAB_STOP
            out.append(" " * pad)
            column += pad
        else:
            out.append(char)
            column += _WIDTHS[char]
    return "".join(out)

"""The output data model: the single source of the JSON output and of its JSON Schema.

Field order here is the key order of the emitted JSON. Names and types of the keys in
``shared/contract/output-v1.md`` are a promise to users; keys marked "added" are
extensions that the contract allows.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"
SCHEMA_ID = "urn:hyoka-parse:schema:output:1"

#: 目標の達成状況, folded to lower case (ａ → a); the letters seen across ministries.
Rating = Literal["s", "a", "b", "c", "d", "e"]
#: The overall 目標達成度合い grade, upper case (（Ｂ） → B).
Grade = Literal["S", "A", "B", "C", "D", "E"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class Location(Model):
    """Where an item starts: the PDF page, the page number printed on it, the text line."""

    page: int | None = None
    """1-based page index in the PDF (or a text's page: by form feeds, or by its printed page
    numbers); null when unknown."""
    line: int | None = None
    """1-based line of the extracted text where the item starts."""
    printed_page: int | None = Field(default=None, exclude_if=lambda v: v is None)
    """Added: the page number printed on that page (its footer); the key is present only
    where the page prints one."""


class Value(Model):
    """A number taken from a table cell, with the cell text as printed."""

    raw: str
    """The cell text as printed ("80.2％", "△217", "" for an empty cell)."""
    value: int | float | None = None
    """The number (△/▲ negative, thousands separators removed); null for －, ―, - or text."""
    unit: str | None = None
    """The unit, normalised (％ → %; 件, か国, 万件 … as printed); null when none is printed."""
    qualifier: str | None = None
    """Words around the number such as 以内, 以上, 程度, 約; null when none."""


class ParseWarning(Model):
    model_config = ConfigDict(extra="forbid", title="Warning", use_attribute_docstrings=True)

    code: str
    """Stable warning code (see the enum and the README's table)."""
    message: str
    """What was guessed, skipped or could not be reconciled, in words."""
    location: Location
    """Where the warning points."""


class Furniture(Model):
    """Added: page furniture the parser dropped on purpose (page numbers, vertical labels)."""

    kind: str
    """page_number, vertical_label, running_header, rotated_text …"""
    text: str
    """The dropped text as printed."""
    location: Location
    """Where it stood."""


class Source(Model):
    path: str
    """The input path as given ("<stdin>" for standard input)."""
    format: Literal["pdf", "text"]
    """pdf, or text for already-extracted text."""
    sha256: str
    """SHA-256 of the input bytes, hex: a key to join outputs and tables."""
    pages: int | None = None
    """Pages read (PDF, or a text's pages: by form feeds or printed page numbers); null for
    text without pages."""


class Objective(Model):
    """施策目標 item."""

    number: int
    """The item's number (①, ② … → 1, 2 …)."""
    text: str
    """The 施策目標 item text."""
    location: Location = Field(default_factory=Location)
    """Added: where the item starts."""


class BudgetRow(Model):
    label: str
    """Row label as printed: 当初予算(a), 補正予算(b), 繰越し等(c), 合計(a＋b＋c), 執行額."""
    values: list[Value]
    """One Value per fiscal year of the table, in the table's unit."""


class BudgetTable(Model):
    """施策の予算額・執行額等."""

    title: str
    """The table's title, 同 resolved (施策の予算額・執行額等（分担金・拠出金除く）)."""
    unit: str | None
    """The unit printed for the table's amounts: 百万円 or 千円; null when none."""
    fiscal_years: list[int | None]
    """The columns' fiscal years (western), in printed order."""
    rows: list[BudgetRow]
    """The rows in printed order."""
    printed_title: str
    """Added: the title as printed, e.g. 同（分担金・拠出金）."""
    location: Location = Field(default_factory=Location)
    """Added: where the table starts."""


class Result(Model):
    """目標達成度合いの測定結果."""

    label: str | None
    """The result as printed, e.g. 相当程度進展あり."""
    grade: Grade | None
    """The grade letter, upper case: S, A, B, C, D or E."""
    rationale: str | None
    """The （判断根拠） text."""
    location: Location = Field(default_factory=Location)
    """Added: where the result starts."""


class SummaryEntry(Model):
    """One line of the 評価結果 list of measures and their ratings."""

    field: int | None
    """The 個別分野 the entry is listed under; null when the list has no fields."""
    id: str
    """Measure id, ASCII digits and hyphen ("1-1")."""
    title: str
    """The measure's title as the list prints it."""
    is_main: bool
    """＊: a 主要な測定指標."""
    rating: Rating | None
    """The rating the list gives, lower case."""
    location: Location = Field(default_factory=Location)
    """Added: where the entry stands."""


class MidTermTarget(Model):
    """中期目標 (qualitative) or 中期目標値 (quantitative)."""

    text: str | None = None
    """The 中期目標 text, or the 中期目標値 cell (－ → null)."""
    fiscal_year: int | None = None
    """The target's fiscal year where printed (中期目標（○年度）)."""
    value: Value | None = None
    """Added: the 中期目標値 cell as a Value (quantitative measures)."""


class MeasureYear(Model):
    fiscal_year: int | None
    """Western fiscal year (令和２年度 → 2020); null for --年度."""
    label: str
    """The year as printed, spaces removed (平成30年度)."""
    target: str | None = None
    """Qualitative: the 年度目標 text."""
    progress: str | None = None
    """Qualitative: the 施策の進捗状況・実績 text."""
    target_value: Value | None = None
    """Quantitative: the 年度目標値 cell."""
    actual_value: Value | None = None
    """Quantitative: the 実績値 cell."""
    location: Location = Field(default_factory=Location)
    """Added: where the year starts."""


class Measure(Model):
    """測定指標."""

    id: str
    """Measure id, ASCII digits and hyphen (測定指標３－４ → "3-4")."""
    title: str
    """The title, without ＊ and （注） marks."""
    is_main: bool
    """＊: a 主要な測定指標."""
    kind: Literal["qualitative", "quantitative"]
    """qualitative (年度目標 texts) or quantitative (年度目標値 / 実績値 grid)."""
    mid_term_target: MidTermTarget
    """中期目標 or 中期目標値."""
    years: list[MeasureYear]
    """Each fiscal year's targets and results, in document order."""
    rating: Rating | None
    """目標の達成状況, lower case; null when the report gives none (with a warning)."""
    analysis: str | None = None
    """The 施策の分析 text for this measure (評価結果 → 【測定指標 N-M …】)."""
    next_direction: str | None = None
    """The 次期目標等への反映の方向性 text for this measure."""
    notes: list[str] = Field(default_factory=list)
    """（注） texts attached to the measure."""
    location: Location = Field(default_factory=Location)
    """Where the measure's heading stands."""
    source: str | None = None
    """Added: the （出典：…） of a quantitative measure."""
    next_direction_title: str | None = None
    """Added: the title printed in 次期目標等 (may name the next period's measure)."""


class SeriesPoint(Model):
    fiscal_year: int | None
    """Western fiscal year; null where the column has none."""
    value: Value
    """The cell."""


class Series(Model):
    label: str | None
    """The row label (①日本語版 …), or null for a single-row indicator."""
    values: list[SeriesPoint]
    """One point per fiscal year column."""


class ReferenceIndicator(Model):
    """参考指標."""

    number: int | None
    """参考指標１ → 1; null for a bare 参考指標."""
    title: str
    """The indicator's title."""
    source: str | None = None
    """（出典：…） without the brackets."""
    notes: list[str] = Field(default_factory=list)
    """（注） texts of the indicator."""
    series: list[Series] = Field(default_factory=list)
    """The rows of values."""
    location: Location = Field(default_factory=Location)
    """Added: where the indicator starts."""


class FieldModel(Model):
    """個別分野. Number 0 with ``implicit`` true holds the measures of a policy without fields."""

    model_config = ConfigDict(extra="forbid", title="Field", use_attribute_docstrings=True)

    number: int
    """個別分野 number; 0 for the implicit field of a policy without fields."""
    title: str
    """The field's title."""
    overview: list[str] = Field(default_factory=list)
    """施策の概要 items."""
    related_policies: list[str] = Field(default_factory=list)
    """関連する内閣の重要政策 lines."""
    measures: list[Measure] = Field(default_factory=list)
    """測定指標 of the field."""
    reference_indicators: list[ReferenceIndicator] = Field(default_factory=list)
    """参考指標 of the field."""
    policy_direction: str | None = None
    """次期目標等への反映の方向性 【施策】 text."""
    materials: list[str] = Field(default_factory=list)
    """作成にあたって使用した資料その他の情報."""
    location: Location = Field(default_factory=Location)
    """Where the field starts."""
    implicit: bool = False
    """Added: true for the field 0 made for a policy without 個別分野."""
    analysis: str | None = None
    """Added: 施策の分析 text not under a 【測定指標】 heading."""
    measures_direction: str | None = None
    """Added: 【測定指標】 text not under a measure heading."""


class Policy(Model):
    """施策: one 政策評価書."""

    id: str | None
    """施策 id with Roman numerals as ASCII (施策Ⅱ-１ → "II-1")."""
    name: str | None
    """施策名."""
    report_title: str | None = None
    """The report title, e.g. 令和３年度政策評価書."""
    report_fiscal_year: int | None = None
    """The report's fiscal year, western (令和３年度 → 2021)."""
    evaluation_code: str | None = None
    """The evaluation code as printed, without brackets (外務省２－Ⅱ－１)."""
    objectives: list[Objective] = Field(default_factory=list)
    """施策目標 items."""
    budget: list[BudgetTable] = Field(default_factory=list)
    """施策の予算額・執行額等 tables."""
    result: Result | None = None
    """目標達成度合いの測定結果; null when absent."""
    measure_summary: list[SummaryEntry] = Field(default_factory=list)
    """The list of measures and ratings in 評価結果."""
    advisory_comments: list[str] = Field(default_factory=list)
    """学識経験を有する者の知見の活用, one per ・ item."""
    department: str | None = None
    """担当部局名."""
    evaluation_date: str | None = None
    """政策評価実施時期, YYYY-MM."""
    fields: list[FieldModel] = Field(default_factory=list)
    """個別分野."""
    location: Location = Field(default_factory=Location)
    """Where the report starts."""
    objectives_preamble: str | None = None
    """Added: the 施策目標 sentence before the items."""
    notes: list[str] = Field(default_factory=list)
    """Added: （※）/（注） notes of the header."""
    advisory_source: str | None = None
    """Added: whose comments (…アドバイザリー・グループ…の所見)."""


class BudgetSheetItem(Model):
    account: str
    """会計 (一般 …)."""
    organization: str
    """組織 (外務本省 …)."""
    kou: str | None
    """項."""
    jikou: str | None
    """事項."""
    values: list[Value]
    """One Value per column of the sheet, in the sheet's unit."""


class BudgetSheet(Model):
    """政策評価調書（個別票）: the 別紙 budget sheet."""

    policy_name: str | None
    """施策名 as the sheet prints it."""
    policy_number: str | None
    """The sheet's policy number as printed (⑦)."""
    evaluation_method: str | None
    """評価方式 as printed (総合･実績･事業)."""
    achievement: str | None
    """The achievement as printed (相当程度進展あり)."""
    unit: str | None
    """The unit of the amounts (千円)."""
    columns: list[str]
    """Column headings (３年度当初予算額, ４年度概算要求額)."""
    items: list[BudgetSheetItem]
    """One item per 項/事項 row."""
    total: list[Value]
    """The 合計 row, one Value per column."""
    location: Location = Field(default_factory=Location)
    """Added: where the sheet starts."""


class Report(Model):
    """The whole output document.

    Read a saved output back with ``Report.model_validate_json(path.read_bytes())`` (one
    line of a batch's JSON lines each); it raises ``pydantic.ValidationError`` for JSON
    that is not this shape.
    """

    schema_version: Literal["1"] = SCHEMA_VERSION
    """Version of this contract: "1"."""
    source: Source
    """The input."""
    budget_sheets: list[BudgetSheet] = Field(default_factory=list)
    """政策評価調書（個別票） / 別紙 budget sheets."""
    policies: list[Policy] = Field(default_factory=list)
    """One per 施策 evaluation report in the input."""
    warnings: list[ParseWarning] = Field(default_factory=list)
    """What the parser had to guess, skip or could not reconcile; never replaces data."""
    furniture: list[Furniture] = Field(default_factory=list)
    """Added: page furniture dropped on purpose (page numbers, vertical labels)."""

    def to_json(self, indent: int | None = 2) -> str:
        from hyoka_parse.emit import to_json

        return to_json(self, indent=indent)

    def measure_years(self) -> list[dict]:
        """The tidy rows of one measure and fiscal year each (``tables()["measure_years"]``)."""
        from hyoka_parse.tables import rows

        return rows(self, "measure_years")

    def tables(self) -> dict[str, list[dict]]:
        """Every tidy table: ``{name: [row dict, ...]}``, names and columns as in
        ``hyoka_parse.tables.COLUMNS`` (policies, measures, measure_years, budget, …)."""
        from hyoka_parse.tables import build

        return build(self)

    def to_pandas(self) -> dict:
        """The tidy tables as pandas DataFrames, typed by column (nullable Int64, Float64,
        boolean, string). Raises ``ImportError`` without pandas (``pip install
        "hyoka-parse[pandas]"``)."""
        from hyoka_parse.frames import to_pandas

        return to_pandas(self.tables())

    def to_polars(self) -> dict:
        """The tidy tables as polars DataFrames, typed by column. Raises ``ImportError``
        without polars (``pip install "hyoka-parse[polars]"``)."""
        from hyoka_parse.frames import to_polars

        return to_polars(self.tables())


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of the output, made from these models: every property
    described, ratings and grades as enums, and warning codes as an enum of the stable codes
    in ``diagnostics.py``."""
    from hyoka_parse.diagnostics import WARNING_CODES

    schema = Report.model_json_schema()
    schema["$defs"]["ParseWarning"]["properties"]["code"]["enum"] = sorted(WARNING_CODES)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }

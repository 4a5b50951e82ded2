"""The output data model: the single source of the JSON output and of its JSON Schema.

Field order here is the key order of the emitted JSON. Names and types of the keys in
``shared/contract/output-v1.md`` are a promise to users; keys marked "added" are
extensions that the contract allows.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Location(Model):
    """Where an item starts: the PDF page, the page number printed on it, the text line."""

    page: int | None = None
    """1-based page index in the PDF (or form-feed page of a text); null when unknown."""
    line: int | None = None
    """1-based line of the extracted text where the item starts."""
    printed_page: int | None = Field(default=None, exclude_if=lambda v: v is None)
    """Added: the page number printed on that page (its footer); the key is present only
    where the page prints one."""


class Value(Model):
    """A number taken from a table cell, with the cell text as printed."""

    raw: str
    value: int | float | None = None
    unit: str | None = None
    qualifier: str | None = None


class ParseWarning(Model):
    model_config = ConfigDict(extra="forbid", title="Warning")

    code: str
    message: str
    location: Location


class Furniture(Model):
    """Added: page furniture the parser dropped on purpose (page numbers, vertical labels)."""

    kind: str
    text: str
    location: Location


class Source(Model):
    path: str
    format: Literal["pdf", "text"]
    sha256: str
    pages: int | None = None


class Objective(Model):
    """施策目標 item."""

    number: int
    text: str
    location: Location = Field(default_factory=Location)  # added


class BudgetRow(Model):
    label: str
    values: list[Value]


class BudgetTable(Model):
    """施策の予算額・執行額等."""

    title: str
    unit: str | None
    fiscal_years: list[int | None]
    rows: list[BudgetRow]
    printed_title: str  # added: the label as printed, e.g. 同（分担金・拠出金）
    location: Location = Field(default_factory=Location)  # added


class Result(Model):
    """目標達成度合いの測定結果."""

    label: str | None
    grade: str | None
    rationale: str | None
    location: Location = Field(default_factory=Location)  # added


class SummaryEntry(Model):
    """One line of the 評価結果 list of measures and their ratings."""

    field: int | None
    id: str
    title: str
    is_main: bool
    rating: str | None
    location: Location = Field(default_factory=Location)  # added


class MidTermTarget(Model):
    """中期目標 (qualitative) or 中期目標値 (quantitative)."""

    text: str | None = None
    fiscal_year: int | None = None
    value: Value | None = None  # added: the 中期目標値 cell as a Value


class MeasureYear(Model):
    fiscal_year: int | None
    label: str
    target: str | None = None
    progress: str | None = None
    target_value: Value | None = None
    actual_value: Value | None = None
    location: Location = Field(default_factory=Location)  # added


class Measure(Model):
    """測定指標."""

    id: str
    title: str
    is_main: bool
    kind: Literal["qualitative", "quantitative"]
    mid_term_target: MidTermTarget
    years: list[MeasureYear]
    rating: str | None
    analysis: str | None = None
    next_direction: str | None = None
    notes: list[str] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    source: str | None = None  # added: （出典：…） of a quantitative measure
    next_direction_title: str | None = None  # added: title printed in 次期目標等 (may be renamed)


class SeriesPoint(Model):
    fiscal_year: int | None
    value: Value


class Series(Model):
    label: str | None
    values: list[SeriesPoint]


class ReferenceIndicator(Model):
    """参考指標."""

    number: int | None
    title: str
    source: str | None = None
    notes: list[str] = Field(default_factory=list)
    series: list[Series] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)  # added


class FieldModel(Model):
    """個別分野. Number 0 with ``implicit`` true holds the measures of a policy without fields."""

    model_config = ConfigDict(extra="forbid", title="Field")

    number: int
    title: str
    overview: list[str] = Field(default_factory=list)
    related_policies: list[str] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    reference_indicators: list[ReferenceIndicator] = Field(default_factory=list)
    policy_direction: str | None = None
    materials: list[str] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    implicit: bool = False  # added
    analysis: str | None = None  # added: 施策の分析 text not under a 【測定指標】 heading
    measures_direction: str | None = None  # added: 【測定指標】 text not under a measure heading


class Policy(Model):
    """施策: one 政策評価書."""

    id: str | None
    name: str | None
    report_title: str | None = None
    report_fiscal_year: int | None = None
    evaluation_code: str | None = None
    objectives: list[Objective] = Field(default_factory=list)
    budget: list[BudgetTable] = Field(default_factory=list)
    result: Result | None = None
    measure_summary: list[SummaryEntry] = Field(default_factory=list)
    advisory_comments: list[str] = Field(default_factory=list)
    department: str | None = None
    evaluation_date: str | None = None
    fields: list[FieldModel] = Field(default_factory=list)
    location: Location = Field(default_factory=Location)
    objectives_preamble: str | None = None  # added: the 施策目標 sentence before the items
    notes: list[str] = Field(default_factory=list)  # added: （※）/（注） notes of the header
    advisory_source: str | None = None  # added: whose comments (…アドバイザリー・グループ…の所見)


class BudgetSheetItem(Model):
    account: str
    organization: str
    kou: str | None  # 項
    jikou: str | None  # 事項
    values: list[Value]


class BudgetSheet(Model):
    """政策評価調書（個別票）: the 別紙 budget sheet."""

    policy_name: str | None
    policy_number: str | None
    evaluation_method: str | None
    achievement: str | None
    unit: str | None
    columns: list[str]
    items: list[BudgetSheetItem]
    total: list[Value]
    location: Location = Field(default_factory=Location)  # added


class Report(Model):
    """The whole output document."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    budget_sheets: list[BudgetSheet] = Field(default_factory=list)
    policies: list[Policy] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    furniture: list[Furniture] = Field(default_factory=list)  # added

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
    return Report.model_json_schema()

"""The tidy tables as pandas or polars DataFrames, each column typed from ``tables.COLUMN_TYPES``.

Both libraries are optional (``pip install "hyoka-parse[pandas]"`` or ``[polars]``); without
them these functions raise ``ImportError`` with the command to run.
"""

from __future__ import annotations

from typing import Any

from hyoka_parse.tables import COLUMN_TYPES, Row

_PANDAS = {"text": "string", "int": "Int64", "number": "Float64", "bool": "boolean"}


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module} is not installed; pip install 'hyoka-parse[{module}]'"
        ) from exc


def to_pandas(tables: dict[str, list[Row]]) -> dict[str, Any]:
    """``{table name: pandas.DataFrame}`` with nullable dtypes, so that missing values stay
    missing and ids stay text."""
    pd = _require("pandas")
    out = {}
    for name, rows in tables.items():
        types = COLUMN_TYPES[name]
        frame = pd.DataFrame.from_records(rows, columns=list(types))
        out[name] = frame.astype({col: _PANDAS[t] for col, t in types.items()})
    return out


def to_polars(tables: dict[str, list[Row]]) -> dict[str, Any]:
    """``{table name: polars.DataFrame}`` with a fixed schema per table."""
    pl = _require("polars")
    dtypes = {"text": pl.Utf8, "int": pl.Int64, "number": pl.Float64, "bool": pl.Boolean}
    out = {}
    for name, rows in tables.items():
        schema = {col: dtypes[t] for col, t in COLUMN_TYPES[name].items()}
        out[name] = pl.DataFrame(rows, schema=schema)
    return out

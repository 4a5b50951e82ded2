"""hyoka-parse: Japanese policy-evaluation reports (政策評価書) to typed JSON.

>>> from hyoka_parse import parse
>>> report = parse("report.pdf")          # or extracted text, or "-" for stdin
>>> report.policies[0].fields[0].measures[0].rating
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hyoka_parse.errors import HyokaError, InputError

if TYPE_CHECKING:
    from hyoka_parse.models import Report, json_schema
    from hyoka_parse.pipeline import parse, parse_text

__version__ = "0.1.0"

__all__ = [
    "HyokaError",
    "InputError",
    "Report",
    "__version__",
    "json_schema",
    "parse",
    "parse_text",
]

# The pipeline and the pydantic models load on first use (PEP 562), so that
# ``hyoka-parse --version`` and the command line's help start without them.
_LAZY = {
    "Report": "hyoka_parse.models",
    "json_schema": "hyoka_parse.models",
    "parse": "hyoka_parse.pipeline",
    "parse_text": "hyoka_parse.pipeline",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hyoka_parse' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

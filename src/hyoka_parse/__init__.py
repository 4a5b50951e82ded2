"""hyoka-parse: Japanese policy-evaluation reports (政策評価書) to typed JSON.

>>> from hyoka_parse import parse
>>> report = parse("report.pdf")          # or extracted text, or "-" for stdin
>>> report.policies[0].fields[0].measures[0].rating
"""

from hyoka_parse.errors import HyokaError, InputError
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

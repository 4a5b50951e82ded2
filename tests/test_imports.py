"""Start-up stays light: the version and a text parse load no PDF library, and the version
not the pydantic models either (issue 12: `python -X importtime`). Each check runs in a
fresh interpreter, so that what other tests imported does not count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "mofa_r3_II-1.txt"
PDF_LIBRARIES = ["pdfplumber", "pdfminer", "pypdfium2", "pikepdf"]


def _modules_after(code: str) -> set[str]:
    """The top-level packages loaded once ``code`` has run in a new interpreter."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


def test_version_loads_neither_pdf_libraries_nor_the_models() -> None:
    code = (
        "import sys\n"
        "from hyoka_parse.cli import main\n"
        "sys.argv = ['hyoka-parse', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(code)
    assert "hyoka_parse" in loaded  # the command ran
    assert loaded.isdisjoint([*PDF_LIBRARIES, "pydantic"])


def test_text_parse_loads_no_pdf_library() -> None:
    code = (
        f"from hyoka_parse import parse\nreport = parse({str(FIXTURE)!r})\nassert report.policies"
    )
    loaded = _modules_after(code)
    assert "pydantic" in loaded  # the report was built
    assert loaded.isdisjoint(PDF_LIBRARIES)

"""The README's two commands are what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_ci_runs_the_readme_test_command() -> None:
    install_and_run, install_and_test = readme_commands()
    assert "hyoka-parse tests/fixtures/" in install_and_run
    assert "pytest" in install_and_test
    assert install_and_test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def readme_section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def test_sample_examples_print_what_the_readme_shows(tmp_path: Path) -> None:
    """Each ``$ command`` of "Try it on the sample", run in a copy of the fixtures."""
    import os
    import shutil
    import subprocess
    import sys

    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    block = re.search(r"```console\n(.+?)\n```", readme_section("Try it on the sample"), re.S)
    assert block
    shutil.copytree(ROOT / "tests" / "fixtures" / "pdf", tmp_path / "tests" / "fixtures" / "pdf")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    steps = re.split(r"^\$ ", block[1], flags=re.M)[1:]
    assert len(steps) == 4
    for step in steps:
        command, _, shown = step.partition("\n")
        proc = subprocess.run(
            command, shell=True, cwd=tmp_path, env=env, capture_output=True, timeout=300
        )
        assert proc.returncode == 0, (command, proc.stderr)
        printed = (proc.stderr + proc.stdout).decode()
        assert printed.strip() == shown.strip(), command


def test_python_example_runs_as_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    block = re.search(r"```python\n(>>>.+?)\n```", readme_section("Python API"), re.S)
    assert block
    monkeypatch.chdir(ROOT)
    test = doctest.DocTestParser().get_doctest(block[1], {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.failures == 0 and runner.tries == 9

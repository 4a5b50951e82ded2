"""The code's shape that the team keeps: no import cycles between the package's modules,
and no function longer than a screen (the brief's ~60 lines)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "hyoka_parse"


def _module(path: Path) -> str:
    return ".".join(("hyoka_parse", *path.relative_to(SRC).with_suffix("").parts)).removesuffix(
        ".__init__"
    )


def _imports() -> dict[str, set[str]]:
    """Each module's imports of the package at module level (imports inside functions are
    deliberate: they keep start-up light and are no cycle at import time)."""
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        deps: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hyoka_parse"):
                if node.module == "hyoka_parse":
                    deps |= {f"hyoka_parse.{a.name}" for a in node.names}
                else:
                    deps.add(node.module or "")
        graph[_module(path)] = deps
    return graph


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    todo, seen = [(start, [start])], set()
    while todo:
        node, path = todo.pop()
        for dep in sorted(graph.get(node, ())):
            if dep == start:
                return [*path, dep]
            if dep not in seen:
                seen.add(dep)
                todo.append((dep, [*path, dep]))
    return None


def test_no_import_cycles() -> None:
    graph = _imports()
    assert "hyoka_parse.sections" in graph  # the walk saw the package
    cycles = [c for m in sorted(graph) if (c := _cycle_from(m, graph))]
    assert cycles == []


def test_no_function_is_longer_than_a_screen() -> None:
    long = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # The body: a command's declared options (typer) are its signature, not its logic.
            if isinstance(node, ast.FunctionDef) and node.end_lineno - node.body[0].lineno >= 62:
                long.append(f"{path.name}:{node.name}")
    assert long == []

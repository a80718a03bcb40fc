"""The quiz component's modules import each other in layers, never in a circle (issue 20).

Read from the source with `ast`, imports inside functions included (a deferred import is still a
dependency): a cycle makes every module of it load, test and change together.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hooks" / "sorting_quiz"


def imports_of(path: Path) -> set[str]:
    """The package's modules (and outside packages, by top-level name) that a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:  # from . import x / from .x import y
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.replace("sorting_quiz.", "", 1) if node.module.startswith("sorting_quiz.")
                      else node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {path.stem: path for path in PACKAGE.glob("*.py")} | \
        {path.parent.name: path for path in PACKAGE.glob("*/__init__.py")}
    return {name: imports_of(path) & (set(modules) - {"__init__"}) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each module that is in one (depth-first search)."""
    found, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            found.append(path[path.index(module):] + [module])
            return
        if module in done:
            return
        for imported in sorted(graph.get(module, ())):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    assert {"loader", "model", "render", "markdown_extension"} <= set(graph), "the package's modules were found"
    assert cycles(graph) == [], "modules of hooks/sorting_quiz import each other in a circle"


def test_model_and_problems_import_nothing_of_the_package() -> None:
    graph = import_graph()
    assert graph["model"] == set() and graph["problems"] == set()


def test_only_the_hook_imports_mkdocs() -> None:
    users = [path.name for path in PACKAGE.rglob("*.py") if "mkdocs" in imports_of(path)]
    assert users == [], f"{users} import MkDocs; only hooks/quiz_hook.py adapts MkDocs to the component"

"""The test suite's own layout: tests in folders by kind, helpers in tests/support/, and no test
module that imports another test module or conftest (what they share belongs in support)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
KINDS = ("unit", "build", "browser")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
    return found


def python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "node_modules" not in path.parts)


def test_no_test_module_imports_a_test_module_or_conftest() -> None:
    problems = [f"{path.relative_to(TESTS)}:{line}: imports {module}: move what it shares into tests/support/"
                for path in python_files() for line, module in imported_modules(path)
                if module.split(".")[-1].startswith("test_") or module.split(".")[0] == "conftest"]
    assert problems == []


def test_helpers_are_imported_from_the_support_package() -> None:
    helpers = {path.stem for path in (TESTS / "support").glob("*.py")} - {"__init__"}
    problems = [f"{path.relative_to(TESTS)}:{line}: imports {module}: write support.{module}"
                for path in python_files() for line, module in imported_modules(path)
                if module.split(".")[0] in helpers]
    assert problems == []


def test_test_modules_are_in_a_folder_of_their_kind_and_helpers_in_support() -> None:
    problems = []
    for path in python_files():
        folder = path.relative_to(TESTS).parts[0] if path.parent != TESTS else ""
        if path.name.startswith("test_") and folder not in KINDS:
            problems.append(f"{path.relative_to(TESTS)}: a test module outside tests/unit, tests/build, tests/browser")
        elif not path.name.startswith("test_") and folder in KINDS:
            problems.append(f"{path.relative_to(TESTS)}: a helper among the tests: move it to tests/support/")
        elif folder == "" and path.name != "conftest.py":
            problems.append(f"{path.relative_to(TESTS)}: a helper at the top of tests/: move it to tests/support/")
    assert problems == []


def test_the_check_finds_an_import_of_a_test_module(tmp_path: Path) -> None:
    module = tmp_path / "test_example.py"
    module.write_text("from test_other import helper\nimport conftest\nfrom support.projects import ROOT\n")
    assert [name for _, name in imported_modules(module)] == ["test_other", "conftest", "support.projects"]

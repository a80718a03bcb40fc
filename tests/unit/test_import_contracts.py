"""The quiz package's import contracts (.importlinter), checked by import-linter's own `lint-imports`.

Commands and page checks on top, then the Markdown extension, the build state, rendering (the
components) beside loading, and the model at the bottom; no import cycle in any package; MkDocs
imported only by the hook outside the package. A broken contract fails here with lint-imports'
report, which names each import that breaks it and the chain it comes through.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = next(folder for folder in Path(__file__).resolve().parents if (folder / ".importlinter").is_file())
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(hooks: Path = ROOT / "hooks") -> subprocess.CompletedProcess[str]:
    """lint-imports on the package in `hooks` (the repository's own, or a copy), without a cache."""
    environment = {**os.environ, "PYTHONPATH": str(hooks), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", str(ROOT / ".importlinter")],
                          cwd=hooks, env=environment, capture_output=True, text=True, timeout=120)


def test_the_package_keeps_its_import_contracts() -> None:
    result = lint_imports()
    assert result.returncode == 0, f"lint-imports found broken contracts:\n{result.stdout}{result.stderr}"
    assert "3 kept, 0 broken" in result.stdout, result.stdout


def test_a_component_that_imports_the_loader_breaks_the_layers(tmp_path: Path) -> None:
    """The check can fail: a copy of the package where the post checker imports the loader
    (rendering would depend on loading) and the model imports MkDocs."""
    hooks = tmp_path / "hooks"
    package = hooks / "sorting_quiz"
    shutil.copytree(ROOT / "hooks" / "sorting_quiz", package, ignore=shutil.ignore_patterns("__pycache__"))
    checker = package / "components" / "post_checker" / "post_checker.py"
    checker.write_text(checker.read_text(encoding="utf-8") + "\nfrom ...loader import load_project  # noqa\n",
                       encoding="utf-8")
    model = package / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nimport mkdocs  # noqa\n", encoding="utf-8")
    result = lint_imports(hooks)
    assert result.returncode != 0
    report = " ".join(result.stdout.split())  # rich wraps long lines
    assert "sorting_quiz.components.post_checker.post_checker -> sorting_quiz.loader" in report, report
    assert "sorting_quiz.model -> mkdocs" in report, report
    assert "1 kept, 2 broken" in report, report

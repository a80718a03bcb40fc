"""The quiz component installed as a package (`pip install .`, not editable) builds the same site,
its scripts and style sheets minified: the minifier knows them by what the component declares,
not by their folder (hooks/minify_hook.py).

The install is simulated exactly as it lands: the package's files (with its package data,
its components' scripts and styles, icons/, pyproject.toml) in a site-packages folder of its own, first on the path, and
no hooks/sorting_quiz in the project, so the build can only have used the installed copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.projects import ROOT, build_or_fail, copy_project

PACKAGE = ROOT / "hooks" / "sorting_quiz"
BUILT = ("assets/quiz/quiz.js", "assets/quiz/quiz.css", "assets/quiz/post-checker.js",
         "assets/quiz/post-spotter.js", "assets/quiz/post-checker.css", "assets/quiz/hard-cases.css")


def test_an_installed_component_ships_minified_assets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "hooks" / "sorting_quiz")
    site_packages = tmp_path / "site-packages"
    # What the wheel holds (pyproject.toml: the package, and each component's scripts and styles, and icons/*, as package data).
    shutil.copytree(PACKAGE, site_packages / "sorting_quiz", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("PYTHONPATH", str(site_packages))

    found = subprocess.run([sys.executable, "-c", "import sorting_quiz; print(sorting_quiz.__file__)"],
                           cwd=project, capture_output=True, text=True, check=True, env=os.environ.copy())
    assert Path(found.stdout.strip()).is_relative_to(site_packages), found.stdout

    site = build_or_fail(project, tmp_path / "site")
    for built in BUILT:
        served = (site / built).read_text(encoding="utf-8")
        source = next((site_packages / "sorting_quiz" / "components").rglob(Path(built).name)).read_text(encoding="utf-8")
        assert "/*" in source or "// " in source, f"{built}: its source has comments to remove"
        assert "/*" not in served and "\n  " not in served, f"{built} is not minified when installed"
        assert len(served) < len(source) * 0.9, built

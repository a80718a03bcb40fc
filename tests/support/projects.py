"""Scratch MkDocs projects for the tests, and the one way they are built.

    copy_project(destination)   a copy of what a build reads (mkdocs.yml, docs, hooks, quizzes,
                                includes, overrides), to break or to build elsewhere
    build(project)              `mkdocs build --strict` of a project into project/site (or `site`)
    build_or_fail(project, site)  the same, failing the test with mkdocs' output if it fails
    fixture_project(destination)  a small site of fixture quizzes (tests/fixtures/) for the
                                browser tests, built with the repository's own hooks, templates
                                and styles, but none of its pages or quiz files

Used by tests/conftest.py, tests/build/test_quiz_build.py and the tests that build their own site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]
PROJECT_PARTS = ("mkdocs.yml", "mkdocs-staff.yml", "pyproject.toml", "docs", "hooks", "quizzes", "includes",
                 "overrides")
STAFF_CONFIG = "mkdocs-staff.yml"  # the staff site: mkdocs.yml plus the staff pages and email snippets
# Material's notice about MkDocs 2.0, silenced as the Makefile does (both spellings it reads).
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def _copy(source: Path, destination: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))
    elif source.exists():
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)


def copy_project(destination: Path, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """A scratch copy of what a build reads, to break or to build elsewhere."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in parts:
        _copy(ROOT / part, destination / part)
    return destination


def build(project: Path, site: Path | None = None, *, clean: bool = False, config: str = "mkdocs.yml",
          timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project`, into `site` (default project/site), from `config`."""
    command = [*MKDOCS, "build", "--strict", "--config-file", config, "-d", str(site or project / "site")]
    if clean:
        command.append("--clean")
    return subprocess.run(command, cwd=project, capture_output=True, text=True, check=False,
                          env={**os.environ, **BUILD_ENV}, timeout=timeout)


def build_or_fail(project: Path, site: Path, config: str = "mkdocs.yml") -> Path:
    """Builds `project` into `site` and returns it; a failed build fails the test, with its output."""
    result = build(project, site, clean=True, config=config)
    if result.returncode != 0:
        pytest.fail(f"`mkdocs build --strict` of {project} failed (exit {result.returncode}):\n"
                    f"{result.stdout}{result.stderr}", pytrace=False)
    return site


# --- the fixture quiz site -------------------------------------------------------------------

# Page (from docs/) -> its Markdown. Quiz ids are file names in tests/fixtures/.
FIXTURE_PAGES = {
    "index.md": """\
---
description: Fixture quizzes for the browser tests.
---

# Fixture quizzes

Quizzes made for the tests, shown on the pages listed in the navigation.
""",
    "quizzes/sorting-basics.md": """\
---
description: Ten posts to sort, for the browser tests.
---

# Sorting basics

Ten posts from small firms.

/// quiz | sorting-basics
    title: false
///
""",
    "quizzes/every-kind.md": """\
---
description: One post of every kind, for the browser tests.
---

# Every kind of post

/// quiz | every-kind
    title: false
///
""",
    "two-quizzes.md": """\
---
description: Two quizzes on one page, each with a page of its own too.
---

# Two quizzes

/// quiz | sorting-basics
///

Some text between the quizzes.

/// quiz | every-kind
///
""",
    "self-check.md": """\
---
description: A self-check of three posts chosen from a whole quiz.
---

# Check yourself

/// quiz | sorting-basics
    title: false
    posts: [fb-salon-offer, fb-plumber-reply, fb-vet-ad]
///
""",
}
FIXTURE_NAV = [
    {"Home": "index.md"},
    {"Quizzes": [
        {"Sorting basics": "quizzes/sorting-basics.md"},
        {"Every kind of post": "quizzes/every-kind.md"},
        {"Two quizzes": "two-quizzes.md"},
        {"Check yourself": "self-check.md"},
    ]},
]
FIXTURE_QUIZZES = ("sorting-basics", "every-kind")


def fixture_project(destination: Path) -> Path:
    """The site's own hooks, templates, includes and assets with the fixture quizzes and pages:
    what the browser tests drive, so they never depend on the editorial quizzes."""
    copy_project(destination, ("hooks", "includes", "overrides"))
    _copy(ROOT / "docs" / "assets", destination / "docs" / "assets")
    for name, text in FIXTURE_PAGES.items():
        page = destination / "docs" / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    quizzes = destination / "quizzes"
    quizzes.mkdir()
    for quiz_id in FIXTURE_QUIZZES:
        shutil.copy2(FIXTURES / f"{quiz_id}.yml", quizzes / f"{quiz_id}.yml")
    (quizzes / "published-posts.txt").write_text("# None: the fixture quizzes are never sent.\n", encoding="utf-8")
    # The site's settings with the fixture navigation (as text: the rest stays exactly as written).
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_dump({"nav": FIXTURE_NAV}, sort_keys=False)
    config, found = re.subn(r"(?m)^nav:\n(?:(?:[ \t]+.*)?\n)*", nav, config)
    assert found == 1, "mkdocs.yml has no top-level `nav:` to replace"
    (destination / "mkdocs.yml").write_text(config, encoding="utf-8")
    return destination


# Breaking a scratch copy on purpose, and finding where a message should point.
def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")

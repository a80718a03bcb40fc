"""The pages the quality gates check, by URL path, in the public and the staff site; and how their
failures are worded. Used by tests/build/test_quality_gates.py (valid HTML, links) and
tests/browser/test_quality_gates_browser.py (axe-core, errors, contrast).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sorting_quiz.page_blocks import find_quiz_references  # hooks/ is on the path (pytest.ini)
from support.site_pages import PAGES as SITE_PAGES
from support.site_pages import STAFF_PAGES, SitePage, generated_pages

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _markdown(page: SitePage) -> str:
    """The page's Markdown: its file in docs/, or what the build generates for it."""
    source = DOCS / f"{page.name}.md"
    return source.read_text(encoding="utf-8") if source.is_file() else GENERATED[f"{page.name}.md"]


GENERATED = dict(generated_pages(ROOT))
PAGES = [page.url for page in SITE_PAGES] + ["404.html"]  # the public site's
QUIZ_PAGES = [page.url for page in SITE_PAGES if find_quiz_references(_markdown(page))]
# The staff site (mkdocs-staff.yml) is the public site plus the staff pages: its gates run on
# what only it has, and on the home and 404 pages, which show its banner.
STAFF_ONLY_PAGES = [page.url for page in STAFF_PAGES]
STAFF_CHECKED = [*STAFF_ONLY_PAGES, "", "404.html"]
CHECKED = [("public", path) for path in PAGES] + [("staff", path) for path in STAFF_CHECKED]


def label(path: str) -> str:
    """How a page is named in failure messages: its URL path, e.g. /quizzes/basics/."""
    return f"/{path}"


def fail_on(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)

"""The site's pages, found from docs/ without building, so tests can be parametrised per page;
and the site_url they are built for.

Used by tests/build/test_pages.py and tests/browser/test_browser_pages.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCS = REPO_ROOT / "docs"


@dataclass(frozen=True)
class SitePage:
    name: str  # source path without .md: "index", "marketing", "quizzes/index"
    url: str  # relative to the site's root: "", "marketing/", "quizzes/"
    html: str  # built file, relative to the site's root: "marketing/index.html"

    @property
    def slug(self) -> str:
        """For file names: "quizzes-basics"."""
        return self.name.replace("/", "-")

    @property
    def readability_key(self) -> str:
        """The name tests/support/readability.py's measure_site gives the page."""
        return str(Path(self.html).parent)


def site_pages(docs: Path = DOCS) -> list[SitePage]:
    """The Markdown files in docs/, and the pages the build writes (a quiz page for each trade)."""
    names = [source.relative_to(docs).with_suffix("").as_posix() for source in docs.rglob("*.md")]
    names += [Path(src_uri).with_suffix("").as_posix() for src_uri, _ in generated_pages(docs.parent)]
    pages = []
    for name in sorted(names):
        if name == "index" or name.endswith("/index"):
            url = name[: -len("index")]
        else:
            url = f"{name}/"
        pages.append(SitePage(name=name, url=url, html=f"{url}index.html"))
    return pages


def generated_pages(root: Path) -> list[tuple[str, str]]:
    """(path from the docs folder, Markdown) of each page the build writes: the build's own list."""
    from sorting_quiz.build_state import BuildState, QuizSettings  # installed by make (pyproject.toml)

    return BuildState.load(QuizSettings(root=root)).generated_pages()


ALL_PAGES = site_pages()
# The staff pages (docs/staff/) are built only into the staff site (mkdocs-staff.yml).
STAFF_FOLDER = "staff/"
PAGES = [page for page in ALL_PAGES if not page.name.startswith(STAFF_FOLDER)]  # the public site's
STAFF_PAGES = [page for page in ALL_PAGES if page.name.startswith(STAFF_FOLDER)]


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it gains !!python/name or !ENV tags."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@cache
def configured_site_url() -> str:
    """site_url from mkdocs.yml, ending in "/"."""
    config = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)
    site_url = str(config.get("site_url") or "")
    assert site_url, "mkdocs.yml needs a site_url: link previews need absolute addresses"
    return site_url if site_url.endswith("/") else site_url + "/"


def built_pages(site: Path) -> list[Path]:
    """Every HTML file a build of this site wrote, Material's 404 page among them."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20 and site / "404.html" in pages, "the site was not built whole"
    return pages

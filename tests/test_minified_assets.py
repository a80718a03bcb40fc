"""The site's own style sheets and scripts reach readers minified (hooks/minify_hook.py), while
the files in the repository keep their comments; Material's files are served as they come."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import material
import pytest

from projects import ROOT

STATIC = ROOT / "hooks" / "sorting_quiz" / "static"
OURS = {  # built file: its source
    "assets/stylesheets/site.css": ROOT / "docs" / "assets" / "stylesheets" / "site.css",
    "assets/stylesheets/cheat-sheet.css": ROOT / "docs" / "assets" / "stylesheets" / "cheat-sheet.css",
    "assets/quiz/quiz.css": STATIC / "quiz.css",
    "assets/quiz/quiz.js": STATIC / "quiz.js",
    "assets/quiz/post-checker.js": STATIC / "post-checker.js",
    "assets/quiz/post-spotter.js": STATIC / "post-spotter.js",
}


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def test_our_files_are_served_without_comments_and_lighter(built_site: Path) -> None:
    for built, source in OURS.items():
        served = (built_site / built).read_text(encoding="utf-8")
        assert "/*" not in served and "\n  " not in served, f"{built} is not minified"
        if built.endswith(".js"):
            assert "// " not in served.replace("https://", ""), f"{built} keeps a line comment"
        assert gzipped(served.encode()) < gzipped(source.read_bytes()), built
        assert "/*" in source.read_text(encoding="utf-8") or "// " in source.read_text(encoding="utf-8"), \
            f"{source} has lost its comments"


def test_the_quiz_script_and_style_sheet_weigh_at_most_6_75_kb_gzipped(built_site: Path) -> None:
    sizes = {name: gzipped((built_site / "assets" / "quiz" / name).read_bytes()) for name in ("quiz.js", "quiz.css")}
    # 6.75 KB since issues 16 and 21 (the progress bar, the result where the last answer was,
    # retrying the missed posts, the agency's next step, no layout shift, short answer links): 6.6 KB then.
    assert sum(sizes.values()) <= 6.75 * 1024, sizes


def test_materials_own_files_are_left_as_they_come(built_site: Path) -> None:
    theme = Path(material.__file__).parent / "templates" / "assets"
    bundles = sorted((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert bundles, "no Material bundle in the built site"
    for built in bundles + sorted((built_site / "assets" / "stylesheets").glob("main.*.min.css")):
        original = theme / built.relative_to(built_site / "assets")
        assert built.read_bytes() == original.read_bytes(), built


# --- the quiz page's weight ---------------------------------------------------------------------
# What a first visit to a quiz page downloads, gzipped (gzip -9, as benchmarks/run.py counts it): the
# page and each file it loads (style sheets, scripts, images), once. `make bench` measures the same
# in Chromium, which also fetches the favicon again for the tab (0.2 KB more). Material's search
# worker is counted (a script); the search index it fetches is not the page's (the bench's "other").
QUIZ_PAGE = "quizzes/basics/index.html"
QUIZ_PAGE_TARGET_KB = 86.2  # issue 16: no heavier than before it (benchmarks/RESULTS.md of 2026-11-30)
QUIZ_PAGE_NOW_KB = 87.5  # after issue 16's features and the rounded icons: not to grow further


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Gzipped bytes of the page and of each local file it loads, by file."""
    import lxml.html
    from urllib.parse import urljoin, urlsplit

    html = (site / page).read_bytes()
    root = lxml.html.fromstring(html)
    loaded = {*root.xpath("//link[@rel='stylesheet']/@href"), *root.xpath("//script/@src"),
              *root.xpath("//link[@rel='icon']/@href"), *root.xpath("//img/@src")}
    config = json.loads(root.xpath("//script[@id='__config']/text()")[0])
    loaded.add(config["search"])  # Material's search worker, a script the page starts
    sizes = {page: gzipped(html)}
    for href in sorted(loaded):
        path = urlsplit(urljoin("/" + page, href)).path.lstrip("/")
        assert (site / path).is_file(), f"{page} loads {href}, which is not in the built site"
        sizes[path] = gzipped((site / path).read_bytes())
    return sizes


def test_the_quiz_page_grows_no_further(built_site: Path) -> None:
    sizes = page_weight(built_site, QUIZ_PAGE)
    assert "assets/quiz/quiz.js" in sizes and any(path.startswith("assets/javascripts/bundle.") for path in sizes)
    assert sum(sizes.values()) <= QUIZ_PAGE_NOW_KB * 1024, sizes


@pytest.mark.xfail(strict=True, reason="open (issue 16): the quiz page is 87.3 KB gzipped by this count; "
                   "issue 16's features added 1.6 KB (quiz.js 1.0, quiz.css 0.3, the page 0.3) and the rounded "
                   "icons took back 0.26 KB. When it passes, drop this mark and QUIZ_PAGE_NOW_KB.")
def test_the_quiz_page_weighs_no_more_than_before_issue_16(built_site: Path) -> None:
    sizes = page_weight(built_site, QUIZ_PAGE)
    assert sum(sizes.values()) <= QUIZ_PAGE_TARGET_KB * 1024, {path: f"{size / 1024:.2f} KB" for path, size in sizes.items()}

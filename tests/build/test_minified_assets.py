"""The site's own style sheets and scripts reach readers minified (hooks/minify_hook.py), while
the files in the repository keep their comments; Material's files are served as they come."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import material
import pytest

from support.projects import ROOT

COMPONENTS = ROOT / "hooks" / "sorting_quiz" / "components"
OURS = {  # built file: its source
    "assets/stylesheets/site.css": ROOT / "docs" / "assets" / "stylesheets" / "site.css",
    "assets/stylesheets/cheat-sheet.css": ROOT / "docs" / "assets" / "stylesheets" / "cheat-sheet.css",
    "assets/quiz/quiz.css": COMPONENTS / "quiz" / "quiz.css",
    "assets/quiz/quiz.js": COMPONENTS / "quiz" / "quiz.js",
    "assets/quiz/post-checker.js": COMPONENTS / "post_checker" / "post-checker.js",
    "assets/quiz/post-spotter.js": COMPONENTS / "post_checker" / "post-spotter.js",
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


def test_the_quiz_page_weighs_no_more_than_before_issue_16(built_site: Path) -> None:
    """Issue 16's features (the progress bar, the result where the last answer was, the retry, the next
    step, no layout shift) added 1.6 KB; the rounded icons and Material's palette cut to the site's
    colours (hooks/palette_hook.py) took it back."""
    sizes = page_weight(built_site, QUIZ_PAGE)
    assert "assets/quiz/quiz.js" in sizes and any(path.startswith("assets/javascripts/bundle.") for path in sizes)
    assert sum(sizes.values()) <= QUIZ_PAGE_TARGET_KB * 1024, {path: f"{size / 1024:.2f} KB" for path, size in sizes.items()}


# --- Material's colours: only those the site uses (hooks/palette_hook.py) ------------------------


def test_the_palette_keeps_the_schemes_and_the_colours_in_use_only() -> None:
    from palette_hook import colours_in_use, keep_colours

    css = ("@media screen{[data-md-color-scheme=slate]{--a:1}[data-md-color-primary=pink]{--b:2}"
           "[data-md-color-primary=indigo],[data-md-color-primary=red]{--c:3}}"
           "[data-md-color-accent=red] a,[data-md-color-accent=deep-purple] a{--d:4}"
           "[data-md-color-scheme=slate][data-md-color-accent=indigo] img[src$=\"#only-light\"]{display:none}")
    assert keep_colours(css, {"indigo", "deep-purple"}) == (
        "@media screen{[data-md-color-scheme=slate]{--a:1}[data-md-color-primary=indigo]{--c:3}}"
        "[data-md-color-accent=deep-purple] a{--d:4}"
        "[data-md-color-scheme=slate][data-md-color-accent=indigo] img[src$=\"#only-light\"]{display:none}")
    assert colours_in_use([{"scheme": "default", "primary": "Deep Purple", "accent": "indigo"}, {"media": "x"}]) == {
        "deep-purple", "indigo"}
    assert colours_in_use({"primary": "teal"}) == {"teal"} and colours_in_use(None) == set()


def test_the_built_palette_has_every_rule_for_the_sites_colours(built_site: Path) -> None:
    import re

    built = next((built_site / "assets" / "stylesheets").glob("palette.*.min.css"))
    original = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / built.name
    served, whole = built.read_text(encoding="utf-8"), original.read_text(encoding="utf-8")
    assert set(re.findall(r"data-md-color-(?:primary|accent)=([\w-]+)", served)) == {"indigo"}
    for rule in re.findall(r"[^{}]*\[data-md-color-scheme=slate\][^{}]*\{[^{}]*\}", whole):
        if "data-md-color-primary" not in rule and "data-md-color-accent" not in rule:
            assert rule in served, rule  # the dark scheme, whole
    assert gzipped(served.encode()) < gzipped(whole.encode()) / 2

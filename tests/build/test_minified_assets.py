"""The site's own style sheets and scripts reach readers minified (hooks/minify_hook.py), while
the files in the repository keep their comments; Material's files are served as they come."""

from __future__ import annotations

import gzip
from pathlib import Path

import material

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

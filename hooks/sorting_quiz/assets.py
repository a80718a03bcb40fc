"""The quiz's script and style sheet: files for the build, and tags for quiz pages only.

Each component's files are in its own folder (components/NAME/); the built site has them all in
assets/quiz/.

The staff page's email tools (email-tools.js and .css) are loaded the same way, on the page
with the `/// email-snippets` block only.

The analytics forwarder (quiz-analytics.js, ANALYTICS_ASSETS) joins the quiz's files only when the
site switches analytics on (settings.py, `quiz_analytics`): with none configured, no page loads it.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import facts

COMPONENTS = Path(__file__).parent / "components"  # one folder per component: its script and styles
SITE_FOLDER = "assets/quiz"


@dataclass(frozen=True)
class Asset:
    source: Path
    site_path: str  # where it goes in the built site

    @property
    def version(self) -> str:
        return _digest(self.source.read_bytes())


ASSETS = (
    Asset(COMPONENTS / "quiz" / "quiz.css", f"{SITE_FOLDER}/quiz.css"),
    Asset(COMPONENTS / "quiz" / "quiz.js", f"{SITE_FOLDER}/quiz.js"),
)
# Before quiz.js, so it listens before a quiz announces anything (an answer link on load).
ANALYTICS_ASSETS = (Asset(COMPONENTS / "quiz" / "quiz-analytics.js", f"{SITE_FOLDER}/quiz-analytics.js"),)
HARD_CASES_ASSETS = (Asset(COMPONENTS / "hard_cases" / "hard-cases.css", f"{SITE_FOLDER}/hard-cases.css"),)
# The spotter before the checker that uses it (both deferred, so they run in this order).
POST_CHECKER_ASSETS = (
    Asset(COMPONENTS / "post_checker" / "post-checker.css", f"{SITE_FOLDER}/post-checker.css"),
    Asset(COMPONENTS / "post_checker" / "post-spotter.js", f"{SITE_FOLDER}/post-spotter.js"),
    Asset(COMPONENTS / "post_checker" / "post-checker.js", f"{SITE_FOLDER}/post-checker.js"),
)
EMAIL_ASSETS = (
    Asset(COMPONENTS / "email_tools" / "email-tools.css", f"{SITE_FOLDER}/email-tools.css"),
    Asset(COMPONENTS / "email_tools" / "email-tools.js", f"{SITE_FOLDER}/email-tools.js"),
)

# Every file of the component, wherever the package is installed (hooks/ here, site-packages after
# `pip install .`): the site's minifier (hooks/minify_hook.py) knows them by these sources.
COMPONENT_ASSETS = (*ASSETS, *ANALYTICS_ASSETS, *HARD_CASES_ASSETS, *POST_CHECKER_ASSETS, *EMAIL_ASSETS)


def is_component_asset(path: str | Path) -> bool:
    """Whether `path` is the source of one of the component's files."""
    return Path(path).resolve() in _component_sources()


@cache
def _component_sources() -> frozenset[Path]:
    return frozenset(asset.source.resolve() for asset in COMPONENT_ASSETS)


@cache
def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def relative_url(site_path: str, page_url: str) -> str:
    """`site_path` as seen from a page whose URL is `page_url` (MkDocs' directory URLs)."""
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    return posixpath.relpath(site_path, base or ".")


def page_has_quiz(html: str) -> bool:
    return f'class="{facts.QUIZ_CLASS}"' in html


def page_has_email_snippets(html: str) -> bool:
    return f'class="{facts.EMAIL_SNIPPETS_CLASS}"' in html


def page_has_hard_cases(html: str) -> bool:
    return f'class="{facts.HARD_CASES_CLASS}"' in html


def page_has_post_checker(html: str) -> bool:
    return f'class="{facts.POST_CHECKER_CLASS}"' in html


def asset_tags(page_url: str, assets: tuple[Asset, ...] = ASSETS) -> str:
    """The tags that load the quiz (or the email tools, or the hard cases' styles): inside the page
    content, so instant navigation loads them too; the version query makes browsers fetch a
    changed file after a deploy."""
    tags = []
    for asset in assets:
        href = f"{relative_url(asset.site_path, page_url)}?v={asset.version}"
        if asset.site_path.endswith(".css"):
            tags.append(f'<link rel="stylesheet" href="{href}">\n')
        else:
            tags.append(f'<script src="{href}" defer></script>\n')
    return "".join(tags)


def with_assets(html: str, page_url: str, assets: tuple[Asset, ...]) -> str:
    """The page content with its style sheets before it and its scripts after it. A style sheet in
    the body holds back the drawing of what follows it, so the content is never drawn unstyled
    and then moved (a layout shift); the scripts are deferred, so where they stand costs nothing."""
    styles = tuple(asset for asset in assets if asset.site_path.endswith(".css"))
    scripts = tuple(asset for asset in assets if not asset.site_path.endswith(".css"))
    return asset_tags(page_url, styles) + html + asset_tags(page_url, scripts)

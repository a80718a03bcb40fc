"""The reading times as the built site states them (hooks/reading_time.py): the Learn pages, the
sentence under each title, and the home page's reading path. Used by tests/build/test_reading_time.py
and tests/browser/test_reading_time_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import yaml

from reading_time import path_links  # hooks/ is on the path (pytest.ini)

ROOT = Path(__file__).resolve().parents[2]
STATED = re.compile(r"^(Reference page: )?(\d+) minutes? to read( in full)?(?:, then (\d+) posts? to sort)?\.$")


def learn_pages() -> list[str]:
    """The URLs of the Learn menu's pages, read from mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    section = next(item["Learn"] for item in config["nav"] if isinstance(item, dict) and "Learn" in item)
    sources = [next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in section]
    return [source[: -len(".md")] + "/" for source in sources]


LEARN = learn_pages()


def stated_times(html: str) -> list[lxml.html.HtmlElement]:
    """The reading-time sentences in a built page's article."""
    return lxml.html.fromstring(html).xpath("//article//p[contains(concat(' ', @class, ' '), ' reading-time ')]")


def home_path_of(built_site: Path) -> list[str]:
    """The URLs of the home page's one reading path ("Where to start")."""
    article = lxml.html.fromstring((built_site / "index.html").read_bytes()).xpath("//article")[0]
    paths = path_links(lxml.html.tostring(article, encoding="unicode"), "")
    assert len(paths) == 1, f"the home page has {len(paths)} reading paths, not 1"
    return [link.url for link in paths[0]]

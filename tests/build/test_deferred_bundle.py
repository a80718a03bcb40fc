"""No script holds up the first paint (hooks/deferred_bundle_hook.py): Material's bundle, like every
other script file on a page, is loaded with `defer`, and still runs before the scripts after it."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from support.site_pages import built_pages

BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def script_files(page: Path) -> list[lxml.html.HtmlElement]:
    return lxml.html.fromstring(page.read_bytes()).xpath("//script[@src]")


def test_every_script_file_on_every_page_is_deferred(built_site: Path) -> None:
    for page in built_pages(built_site):
        scripts = script_files(page)
        bundles = [script for script in scripts if BUNDLE.search(script.get("src"))]
        assert len(bundles) == 1, (page, [script.get("src") for script in scripts])
        assert all(script.get("defer") is not None for script in scripts), (
            page, [script.get("src") for script in scripts if script.get("defer") is None])
        # search-tab.js needs Material's search: it stays after the bundle, so it still runs after it.
        sources = [script.get("src") for script in scripts]
        assert sources.index(bundles[0].get("src")) < next(
            at for at, src in enumerate(sources) if src.endswith("search-tab.js")), (page, sources)


def test_only_materials_bundle_tag_is_changed() -> None:
    from deferred_bundle_hook import defer_bundle

    page = ('<script src="../assets/javascripts/bundle.5f9d.min.js"></script>\n'
            '<script src="../assets/javascripts/other.js"></script>')
    assert defer_bundle(page) == ('<script src="../assets/javascripts/bundle.5f9d.min.js" defer></script>\n'
                                  '<script src="../assets/javascripts/other.js"></script>')
    assert defer_bundle(defer_bundle(page)) == defer_bundle(page)
    no_bundle = '<script src="../assets/javascripts/other.js"></script>'
    assert defer_bundle(no_bundle) == no_bundle

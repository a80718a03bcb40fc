"""Every page in a real Chromium, at phone size in dark and desktop size in light; and the
site-wide behaviour readers rely on: the colour-scheme toggle, instant navigation, and
pages that still read with JavaScript off."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
try:
    from playwright.sync_api import Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Page = expect = None

from support.browser import Axe, OpenPage
from support.site_pages import PAGES, SitePage

pytestmark = pytest.mark.browser

# Each page once per size, the phone in dark and the desktop in light: what test_page_loads_cleanly
# checks (it loads, its heading shows, the scheme applies, no script error, nothing from another
# host) does not depend on the scheme, and this still leaves a screenshot of every page in each.
# Contrast does depend on it: here every page's dark load also runs axe's contrast rule (the light
# scheme's is in test_page_is_accessible), and the axe tests of the quiz, the post checker, the about
# page and the staff page run every rule in both schemes.
SIZE_AND_SCHEME = (("phone", "dark"), ("desktop", "light"))

PALETTE_TOGGLE = "form[data-md-component=palette] label:visible"
AUTO, LIGHT, DARK = "(prefers-color-scheme)", "(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"


def h1_of(built_site: Path, page: SitePage) -> str:
    """The page's heading as built, without its "¶" permalink."""
    h1 = lxml.html.fromstring((built_site / page.html).read_bytes()).xpath("//h1")[0]
    for permalink in h1.find_class("headerlink"):
        permalink.drop_tree()
    return " ".join(h1.text_content().split())


@pytest.mark.parametrize(("viewport", "scheme"), SIZE_AND_SCHEME, ids=lambda value: value)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_loads_cleanly(
    open_page: OpenPage, axe: Axe, screenshot_dir: Path, page: SitePage, viewport: str, scheme: str
) -> None:
    visit = open_page(page.url, viewport=viewport, color_scheme=scheme)
    # Let late requests (the search index, anything lazy) happen before counting them.
    visit.page.wait_for_load_state("networkidle")
    expect(visit.page.locator("h1")).to_be_visible()
    expected_scheme = "slate" if scheme == "dark" else "default"
    expect(visit.page.locator("body")).to_have_attribute("data-md-color-scheme", expected_scheme)
    suffix = "" if scheme == "light" else f"-{scheme}"
    visit.page.screenshot(path=screenshot_dir / f"{page.slug}-{viewport}{suffix}.png", full_page=True)
    assert visit.console_errors == [], f"{page.name} at {viewport} size, {scheme}"
    assert visit.external_requests == [], f"{page.name} at {viewport} size, {scheme}"
    if scheme == "dark":
        assert axe(visit.page, f"{page.name} ({viewport}, dark)", rules=["color-contrast"]) == []


def _palette_state(page: Page) -> tuple[str | None, str | None]:
    body = page.locator("body")
    return body.get_attribute("data-md-color-media"), body.get_attribute("data-md-color-scheme")


def _toggle(page: Page, expected: tuple[str, str]) -> None:
    page.locator(PALETTE_TOGGLE).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-media", expected[0])
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected[1])


def test_palette_toggle_goes_auto_light_dark_and_is_remembered(open_page: OpenPage) -> None:
    # The device prefers dark, so every step of auto -> light -> dark -> auto shows.
    visit = open_page("", color_scheme="dark")
    page = visit.page
    assert _palette_state(page) == (AUTO, "slate"), "auto should follow the device (dark)"

    _toggle(page, (LIGHT, "default"))
    page.reload()
    assert _palette_state(page) == (LIGHT, "default"), "light mode was not remembered"

    _toggle(page, (DARK, "slate"))
    page.reload()
    assert _palette_state(page) == (DARK, "slate"), "dark mode was not remembered"

    _toggle(page, (AUTO, "slate"))
    page.reload()
    assert _palette_state(page) == (AUTO, "slate"), "the device setting was not remembered"
    # Back on auto, the page follows the device when it changes.
    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert visit.console_errors == []


def test_palette_toggle_works_when_storage_is_blocked(open_page: OpenPage) -> None:
    visit = open_page("", color_scheme="dark", block_storage=True)
    assert _palette_state(visit.page) == (AUTO, "slate")
    _toggle(visit.page, (LIGHT, "default"))
    _toggle(visit.page, (DARK, "slate"))
    assert visit.console_errors == []


@pytest.mark.parametrize("device", ["dark", "light"])
def test_a_first_visit_is_drawn_in_the_devices_scheme_before_materials_script_runs(
    open_page: OpenPage, device: str
) -> None:
    """Nothing saved yet: the scheme comes from the script in the page's header, not from Material's
    script, which runs last (deferred), so a phone set to dark never shows the light page first.
    Material's script is blocked here to see the page as it is before that script runs."""
    visit = open_page("glossary/", viewport="phone", color_scheme=device)
    page = visit.page
    page.evaluate("localStorage.clear()")  # Material saved the scheme it chose: a first visit again
    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page.reload()
    assert page.evaluate("typeof document$") == "undefined", "Material's script ran"
    assert _palette_state(page)[1] == ("slate" if device == "dark" else "default")


def test_instant_navigation_swaps_the_page_without_a_reload(open_page: OpenPage, built_site: Path) -> None:
    start = next(page for page in PAGES if page.name == "index")
    target = next(page for page in PAGES if page.name == "difference")
    visit = open_page(start.url, viewport="desktop")
    page = visit.page
    page.wait_for_load_state("networkidle")  # instant loading starts once it has read the sitemap
    page.evaluate("window.__instantMarker = 'still here'")

    page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{target.url}']").first.click()

    page.wait_for_url(f"**/{target.url}")
    expect(page.locator("h1")).to_contain_text(h1_of(built_site, target))
    assert page.evaluate("window.__instantMarker") == "still here", "the click reloaded the whole page"
    assert visit.console_errors == []
    assert visit.external_requests == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_reads_without_javascript(open_page: OpenPage, built_site: Path, page: SitePage) -> None:
    visit = open_page(page.url, viewport="phone", javascript=False)
    article = visit.page.locator("article.md-content__inner")
    expect(article.locator("h1")).to_contain_text(h1_of(built_site, page))
    expect(article.locator("p").first).to_be_visible()
    words = len(article.inner_text().split())
    assert words > 20, f"{page.name} shows only {words} words without JavaScript"

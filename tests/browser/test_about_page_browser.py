"""The about page and the header in Chromium: nothing above the header on the public site, the staff
site's banner above it, the about page at phone and desktop sizes in both schemes (axe, screenshots),
and the footer's about link after instant navigation. Without a browser: tests/build/test_about_page.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.browser import OpenPage

try:
    from playwright.sync_api import expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    expect = None


# Everything before the header in the page, in the flow (fixed things such as Material's skip link
# and menu overlay sit over the page, not above the header), that takes up height.
IN_FLOW_ABOVE_HEADER = """() => {
  const header = document.querySelector('header.md-header');
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element === header) break;
    if (element.contains(header)) continue;
    const position = getComputedStyle(element).position;
    const height = element.getBoundingClientRect().height;
    if (position !== 'fixed' && position !== 'absolute' && height > 0)
      found.push(`<${element.tagName.toLowerCase()} class="${element.className}"> ${height}px`);
  }
  return {headerTop: header.getBoundingClientRect().top, found};
}"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", ["", "about/", "quizzes/basics/"])
def test_nothing_sits_above_the_header_on_the_public_site(open_page: OpenPage, path: str, viewport: str) -> None:
    visit = open_page(path, viewport=viewport)
    above = visit.page.evaluate(IN_FLOW_ABOVE_HEADER)
    assert above == {"headerTop": 0, "found": []}, f"/{path} at {viewport} size"


def test_the_staff_site_keeps_its_banner_above_the_header(open_page: OpenPage, staff_site_url: str) -> None:
    visit = open_page("about/", viewport="phone", base_url=staff_site_url)
    banner = visit.page.locator(".md-banner")
    assert banner.is_visible() and banner.inner_text().startswith("Staff preview.")
    box = banner.bounding_box()
    header = visit.page.locator("header.md-header").bounding_box()
    assert box["y"] == 0 and box["height"] > 20 and header["y"] == box["y"] + box["height"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_about_page_in_the_browser(open_page: OpenPage, axe, screenshot_dir: Path, viewport: str,
                                   scheme: str) -> None:
    """No axe violation, nothing wider than the screen, and the call to action and the footer's
    links each the top thing at their own centre (nothing covers them)."""
    visit = open_page("about/", viewport=viewport, color_scheme=scheme)
    page = visit.page
    assert axe(page, f"about ({viewport}, {scheme})") == []
    page.screenshot(path=screenshot_dir / f"about-{viewport}-{scheme}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    links = [page.locator("a.about-call-to-action"), *page.locator("footer .site-footer-line a").all()]
    assert len(links) == 4
    for link in links:
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], link.inner_text()
        on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.textContent.trim()",
                               [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
        assert on_top == link.inner_text().strip(), f"{link.inner_text()} is covered by something"
    assert visit.console_errors == [] and visit.external_requests == []


def test_the_footer_about_link_works_after_instant_navigation(open_page: OpenPage, site_url: str) -> None:
    """Material swaps pages in without reloading; the footer's links must follow the new page."""
    visit = open_page("", viewport="desktop")
    page = visit.page
    page.wait_for_load_state("networkidle")  # instant navigation starts once Material has loaded
    page.evaluate("window.loadedOnce = true")  # gone if any click below reloads the page
    page.locator(".md-nav--primary a[href$='quizzes/basics/']").first.click()
    page.wait_for_url(site_url + "quizzes/basics/")
    page.locator("footer .site-footer-line a", has_text="About this site").click()
    page.wait_for_url(site_url + "about/")
    expect(page.locator("article h1")).to_have_text("About this site")  # the new page, swapped in
    assert page.evaluate("window.loadedOnce === true"), "the pages were loaded, not swapped in"
    assert visit.console_errors == []

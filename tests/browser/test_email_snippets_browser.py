"""The staff's email snippets in Chromium: the sales-emails page previews and copies each snippet, is
accessible with its buttons shown, copies after instant navigation and by hand without JavaScript;
and each snippet fits and reads at phone and email widths, light, dark and forced dark (screenshots in
test-results/screenshots/email-snippets/). Without a browser: tests/build/test_email_snippets.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest

from support.browser import CHROMIUM_ARGS, Axe, OpenPage, chromium_path

try:
    from playwright.sync_api import Browser, Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Browser = Page = expect = None


SNIPPETS = "email-snippets"
STAFF_PAGE = "staff/sales-emails/"


# The snippets and the page that shows them are built into the staff site only (mkdocs-staff.yml):
# in this module, `built_site` and `site_url` (and so `open_page`) are the staff site's.
@pytest.fixture(scope="module")
def built_site(built_staff_site: Path) -> Path:
    return built_staff_site


@pytest.fixture(scope="module")
def site_url(staff_site_url: str) -> str:
    return staff_site_url


def built_snippets(site: Path) -> list[tuple[str, str]]:
    return sorted((path.parent.name, path.name.removesuffix(".fragment.html"))
                  for path in (site / SNIPPETS).glob("*/*.fragment.html"))


def _copied(page: Page) -> dict[str, str]:
    return page.evaluate("""async () => {
        const out = {};
        for (const item of await navigator.clipboard.read())
            for (const type of item.types) out[type] = await (await item.getType(type)).text();
        return out;
    }""")


def test_the_staff_page_previews_and_copies_each_snippet(open_page: OpenPage, site_url: str,
                                                         built_site: Path) -> None:
    visit = open_page(STAFF_PAGE)
    visit.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = visit.page
    sections = page.locator("section.email-snippet")
    expect(sections).to_have_count(len(built_snippets(built_site)))

    for index in range(sections.count()):
        section = sections.nth(index)
        section.locator("details.email-snippet__look summary").click()  # folded away, to keep the page short
        frame = section.locator("iframe.email-snippet__preview")
        frame.scroll_into_view_if_needed()
        inner = frame.content_frame
        expect(inner.locator("a", has_text="Marketing")).to_be_visible()
        expect(inner.locator("a", has_text="Management")).to_be_visible()
        # The preview is as tall as its snippet: nothing cut off, no scroll bar, no empty space.
        page.wait_for_function(
            """f => { const doc = f.contentDocument, body = doc.body.getBoundingClientRect().height;
                     return Math.abs(f.clientHeight - body) <= 2
                         && doc.documentElement.scrollHeight <= f.clientHeight; }""",
            arg=frame.element_handle(), timeout=5000)

    first = sections.first
    fragment = first.locator("textarea.email-snippet__html").input_value()
    text = first.locator("textarea.email-snippet__text").input_value()
    status = first.locator(".email-snippet__status")
    expect(status).to_have_attribute("role", "status")

    first.get_by_role("button", name="Copy for email").click()
    expect(status).to_contain_text("Copied")
    copied = _copied(page)
    assert copied.get("text/plain") == text
    rich = lxml.html.fragment_fromstring(copied.get("text/html", ""), create_parent="div")
    expected = lxml.html.fragment_fromstring(fragment)
    assert [a.get("href") for a in rich.iter("a")] == [a.get("href") for a in expected.iter("a")], (
        "pasting into an email gives the formatted snippet, with its links")
    assert "background-color:#303f9f" in copied["text/html"].replace(" ", "")

    first.get_by_role("button", name="Copy HTML code").click()
    expect(status).to_contain_text("Copied the HTML code")
    assert _copied(page) == {"text/plain": fragment}

    first.get_by_role("button", name="Copy plain text").click()
    expect(status).to_contain_text("Copied the plain text")
    assert _copied(page) == {"text/plain": text}

    assert visit.console_errors == []
    assert visit.external_requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_staff_page_is_accessible_with_its_buttons_shown(open_page: OpenPage, axe: Axe, viewport: str,
                                                             scheme: str) -> None:
    """axe-core (WCAG 2.2 AA) once the script has shown the copy buttons, light and dark."""
    visit = open_page(STAFF_PAGE, viewport=viewport, color_scheme=scheme)
    page = visit.page
    expect(page.locator(".email-snippet__buttons").first).to_be_visible()
    page.locator("details.email-snippet__code summary").first.click()
    violations = axe(page, f"staff page, {viewport}, {scheme}")
    assert violations == [], "\n".join(violations)
    assert visit.console_errors == []


def test_the_copy_buttons_work_after_instant_navigation(open_page: OpenPage, site_url: str) -> None:
    visit = open_page("")
    visit.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page = visit.page

    # Material takes over links once it has read sitemap.xml (tests/conftest.py serves one
    # for the test server's own address).
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__instantMarker = 'still here'")
    page.locator(f"nav.md-nav--primary a.md-nav__link[href$='{STAFF_PAGE}']").first.click()
    page.wait_for_url(f"**/{STAFF_PAGE}")
    assert page.evaluate("window.__instantMarker") == "still here", "the click reloaded the whole page"
    first = page.locator("section.email-snippet").first
    first.get_by_role("button", name="Copy plain text").click()
    expect(first.locator(".email-snippet__status")).to_contain_text("Copied")
    assert _copied(page) == {"text/plain": first.locator("textarea.email-snippet__text").input_value()}
    assert visit.console_errors == []


def test_without_javascript_the_code_can_still_be_copied_by_hand(open_page: OpenPage) -> None:
    page = open_page(STAFF_PAGE, javascript=False).page
    first = page.locator("section.email-snippet").first
    expect(first.locator(".email-snippet__buttons")).to_be_hidden()
    first.locator("details.email-snippet__code summary").click()
    first.locator("details.email-snippet__look summary").click()
    box = first.locator("textarea.email-snippet__html")
    expect(box).to_be_visible()
    assert box.input_value().startswith('<table role="presentation"')
    expect(first.get_by_label("HTML code to paste")).to_be_visible()
    expect(first.locator("iframe.email-snippet__preview").content_frame.locator("a", has_text="Marketing")
           ).to_be_visible()


@pytest.fixture(scope="module")
def forced_dark_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium with its automatic dark mode forced on, as some email apps darken light emails."""
    args = [*CHROMIUM_ARGS, "--blink-settings=forceDarkModeEnabled=true"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    forced = browser.browser_type.launch(executable_path=chromium_path(), args=args)
    yield forced
    forced.close()


MODES = ("light", "dark", "forced-dark")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", [600, 360])
def test_each_snippet_fits_and_reads_at_phone_and_email_widths(
    browser: Browser, forced_dark_browser: Browser, site_url: str, built_site: Path, screenshot_dir: Path,
    width: int, mode: str,
) -> None:
    """Screenshots in test-results/screenshots/email-snippets/: LOOK at them after a change."""
    folder = screenshot_dir / "email-snippets"
    folder.mkdir(exist_ok=True)
    chromium = forced_dark_browser if mode == "forced-dark" else browser
    context = chromium.new_context(viewport={"width": width, "height": 700}, device_scale_factor=1,
                                   color_scheme="light" if mode == "light" else "dark", java_script_enabled=False)
    problems = []
    try:
        page = context.new_page()
        for quiz_id, post_id in built_snippets(built_site):
            where = f"{quiz_id}/{post_id} at {width}px, {mode}"
            page.goto(f"{site_url}{SNIPPETS}/{quiz_id}/{post_id}.html")
            page.screenshot(path=folder / f"{quiz_id}--{post_id}--{width}-{mode}.png", full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            if overflow > width:
                problems.append(f"{where}: {overflow}px wide, wider than the screen")
            boxes = [page.locator("a", has_text=name).bounding_box() for name in ("Marketing", "Management")]
            for name, box in zip(("Marketing", "Management"), boxes):
                if not box or box["height"] < 44 or box["width"] < 44:
                    problems.append(f"{where}: the {name} button is {box} (needs 44px or more each way)")
            if boxes[0] and boxes[1] and abs(boxes[0]["y"] - boxes[1]["y"]) > 1:
                problems.append(f"{where}: the two buttons are not side by side")
    finally:
        context.close()
    assert not problems, "\n".join(problems)

"""The Content-Security-Policy in Chromium, sent as a real header (tests/support/site_server.py):
every page loads with no violation, and search, the palette toggle, instant navigation, the quiz and
the email previews work under it. Without a browser: tests/build/test_csp.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.site_pages import PAGES

try:
    from playwright.sync_api import Frame, Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Frame = Page = expect = None


PAGE_URLS = [page.url for page in PAGES] + ["404.html"]


# Records every CSP violation in every frame, from before the page's first script runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}`
    + ` (${event.sourceFile || document.URL}:${event.lineNumber})`);
});
"""


def violations(page: Page) -> list[str]:
    """Violations recorded in every frame of the page, and console messages about the policy."""
    found = []
    for frame in page.frames:
        try:
            found += [f"{frame.url}: {v}" for v in frame.evaluate("window.__cspViolations || []")]
        except Exception as error:  # a frame that went away
            found.append(f"{frame.url}: could not read its violations ({error})")
    return found


def open_with_policy(open_page, site_url_with_headers: str, path: str, **options):
    visit = open_page(path, base_url=site_url_with_headers, init_script=RECORD_VIOLATIONS, **options)
    return visit


def policy_problems(visit) -> list[str]:
    problems = violations(visit.page)
    problems += [error for error in visit.console_errors if "Content Security Policy" in error]
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_URLS)
def test_page_loads_with_no_policy_violation(open_page, site_url_with_headers: str, path: str) -> None:
    visit = open_with_policy(open_page, site_url_with_headers, path, viewport="phone")
    visit.page.wait_for_load_state("networkidle")
    problems = policy_problems(visit) + visit.console_errors
    assert not problems, f"/{path}:\n" + "\n".join(dict.fromkeys(problems))


@pytest.mark.browser
def test_search_finds_pages_under_the_policy(open_page, site_url_with_headers: str) -> None:
    visit = open_with_policy(open_page, site_url_with_headers, "")
    page = visit.page
    page.wait_for_load_state("networkidle")
    search = page.locator("input.md-search__input")  # in the header at desktop size
    search.click()
    search.press_sequentially("management", delay=30)  # typed, as a reader would
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10000)
    assert results.count() >= 3
    assert not policy_problems(visit), policy_problems(visit)


@pytest.mark.browser
def test_palette_toggle_changes_the_scheme_under_the_policy(open_page, site_url_with_headers: str) -> None:
    visit = open_with_policy(open_page, site_url_with_headers, "", color_scheme="dark")
    page = visit.page
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")  # auto, on a dark device
    page.locator("form[data-md-component=palette] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("form[data-md-component=palette] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert not policy_problems(visit), policy_problems(visit)


@pytest.mark.browser
def test_instant_navigation_works_under_the_policy(open_page, site_url_with_headers: str) -> None:
    """Material swaps in the next page and reruns its inline scripts: under the first page's policy."""
    visit = open_with_policy(open_page, site_url_with_headers, "")
    page = visit.page
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__instantMarker = 'still here'")
    page.locator("nav.md-nav--primary a.md-nav__link[href$='glossary/']").first.click()
    page.wait_for_url("**/glossary/")
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("window.__instantMarker") == "still here", "the click reloaded the whole page"
    assert not policy_problems(visit), policy_problems(visit)


@pytest.mark.browser
def test_quiz_marks_an_answer_under_the_policy(open_page, site_url_with_headers: str) -> None:
    visit = open_with_policy(open_page, site_url_with_headers, "quizzes/basics/")
    page = visit.page
    post = page.locator("section.quiz .quiz-post").first
    post.locator(".quiz-post__choice--marketing").click()
    expect(post.locator(".quiz-post__feedback")).to_be_visible()
    assert not policy_problems(visit), policy_problems(visit)


# Contrast between a text element's colour and the first opaque background behind it, in its frame.
CONTRAST = """element => {
  const rgb = value => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
    .map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  let background = null;
  for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length === 3 || (colour.length === 4 && colour[3] === 1)) { background = colour; break; }
  }
  const text = rgb(getComputedStyle(element).color);
  if (!background) return {ratio: 0, text: text.join(','), background: 'none'};
  const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
  return {ratio: (light + 0.05) / (dark + 0.05), text: text.join(','), background: background.join(',')};
}"""


def _preview_frames(page: Page) -> list[Frame]:
    frames = []
    for index, iframe in enumerate(page.locator("iframe.email-snippet__preview").all()):
        folded = iframe.locator("xpath=ancestor::details[1]/summary")
        if folded.count():
            folded.click()  # the page folds each preview away until asked for
        iframe.scroll_into_view_if_needed()  # they load lazily
        frame = iframe.element_handle().content_frame()
        assert frame is not None, f"preview {index + 1} has no document"
        frame.wait_for_load_state("load")
        frames.append(frame)
    return frames


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_email_previews_stay_readable_under_the_policy(open_page, staff_site_url_with_headers: str,
                                                       screenshot_dir: Path, scheme: str) -> None:
    visit = open_with_policy(open_page, staff_site_url_with_headers, "staff/sales-emails/", color_scheme=scheme)
    page = visit.page
    frames = _preview_frames(page)
    assert frames, "the staff page shows no email previews"
    problems = []
    for frame in frames:
        for selector in ("h2", "td b", "a"):
            element = frame.locator(selector).first
            if element.count() == 0:
                continue
            result = element.evaluate(CONTRAST)
            if result["ratio"] < 4.5:
                problems.append(f"{frame.url}: {selector}: text {result['text']} on {result['background']}, "
                                f"contrast {result['ratio']:.2f}:1 (under 4.5:1: are its inline styles blocked?)")
    page.locator("iframe.email-snippet__preview").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / f"csp-sales-emails-{scheme}.png"))
    problems += policy_problems(visit)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_screenshot_of_a_quiz_page_under_the_policy_at_phone_size(open_page, staff_site_url_with_headers: str,
                                                                   screenshot_dir: Path) -> None:
    visit = open_with_policy(open_page, staff_site_url_with_headers, "staff/writing-quizzes/", viewport="phone")
    page = visit.page
    page.wait_for_load_state("networkidle")
    code = page.locator(".md-typeset pre > code").first
    code.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "csp-writing-quizzes-phone.png"))
    overflowing = page.locator(".md-typeset pre > code").evaluate_all(
        "codes => codes.filter(code => code.scrollWidth > code.clientWidth + 1).length")
    assert overflowing == 0, f"{overflowing} code blocks scroll sideways at phone width"
    assert not policy_problems(visit), policy_problems(visit)

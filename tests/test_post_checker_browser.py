""""Check your own post" in Chromium: every hard case row end to end, by mouse on a desktop and by
touch on a phone; by keyboard alone; without JavaScript; axe; nothing sent or stored; screenshots.

The routes come from the built page's own data (tests/test_post_checker.py's `walk`), so every
choice a reader can make is one these tests can make.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import quiz_page
from test_post_checker import RULINGS, Route, routes_in, routes_to_every_case

pytestmark = pytest.mark.browser

PATH = "check-your-post/"
TITLES = {"marketing": "Marketing", "management": "Management", "unsure": "A close call"}

FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
  return {
    tag: el.tagName, type: el.type || null, classes: String(el.className), text: el.textContent.trim().slice(0, 120),
    label: el.labels?.[0]?.textContent.trim() || null, checked: !!el.checked,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    top: box.top, bottom: box.bottom,
  };
}"""


def expect_():
    from playwright.sync_api import expect  # imported where a browser runs (see conftest)
    return expect


def ready(page) -> None:
    expect_()(page.locator(".post-checker__form")).to_have_count(1)
    expect_()(page.locator(".post-checker__steps")).to_be_hidden()


def panel(page):
    return page.locator(".post-checker__panel:not([hidden])")


def title_for(route: Route) -> str:
    verdict = route.verdict
    words = TITLES[verdict.answer]
    return f"{words}, a close call" if verdict.close_call and verdict.answer != "unsure" else words


def check_verdict(page, route: Route, post: str) -> None:
    expect = expect_()
    result = page.locator(".post-checker__result")
    expect(result).to_be_visible()
    expect(result.locator(".post-checker__title")).to_have_text(title_for(route))
    expect(result.locator(".post-checker__title")).to_be_focused()
    assert result.get_attribute("data-answer") == route.verdict.answer
    if post:
        expect(result.locator(".post-checker__post")).to_have_text(post)
    else:
        expect(result.locator(".post-checker__yours")).to_be_hidden()
    link = result.locator(".post-checker__case a")
    if route.verdict.case:
        # Material makes links absolute once instant navigation starts.
        expect(link).to_have_attribute("href", re.compile(rf"(^\.\./|/)difference/#case-{route.verdict.case}$"))
    else:
        expect(link).to_have_count(0)
    details = result.locator(".post-checker__details")
    if route.verdict.close_call:
        expect(details).to_contain_text("close call")
    expect(page.locator(".post-checker__status")).to_have_text(re.compile(
        r"^The answer: " + re.escape(title_for(route)) + r"\."))


def all_routes(built_site: Path) -> list[Route]:
    """One route to each answer of each hard case row, and the plain question's three answers."""
    routes = routes_in(built_site)
    plain = [route for route in routes if route.choices[-1][0] == "plain"]
    paid = [route for route in routes if route.verdict.id == "paid"]
    chosen = routes_to_every_case(routes) + plain + paid
    assert {route.verdict.case for route in chosen} >= set(RULINGS)
    return chosen


def no_errors(visit) -> None:
    assert visit.console_errors == []
    assert visit.external_requests == []


# --- every hard case row, end to end ---------------------------------------------------------


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_hard_case_row_end_to_end(open_page, built_site: Path, viewport: str) -> None:
    """Desktop by mouse, phone by touch (tap): each route from typing the post to the verdict."""
    visit = open_page(PATH, viewport=viewport)
    page = visit.page
    ready(page)
    press = (lambda locator: locator.tap()) if viewport == "phone" else (lambda locator: locator.click())
    for number, route in enumerate(all_routes(built_site)):
        post = f"Post {number}: {route.verdict.case or route.verdict.id} & <b>co</b>" if number % 5 else ""
        page.locator(".post-checker__textarea").fill(post)
        press(panel(page).get_by_role("button", name="Start"))
        for step, label in route.choices:
            fieldset = panel(page)
            assert fieldset.get_attribute("data-panel") == step
            press(fieldset.locator("label", has_text=re.compile(f"^{re.escape(label)}$")))
            expect_()(fieldset.get_by_role("radio", name=label, exact=True)).to_be_checked()
            press(fieldset.get_by_role("button", name="Next"))
        check_verdict(page, route, post)
        press(panel(page).get_by_role("button", name="Start again"))
        expect_()(page.locator(".post-checker__textarea")).to_have_value("")
    no_errors(visit)


def test_back_keeps_each_answer_and_start_again_clears_them(open_page) -> None:
    expect = expect_()
    visit = open_page(PATH)
    page = visit.page
    ready(page)
    page.locator(".post-checker__textarea").fill("Closed Monday, back Tuesday.")
    page.get_by_role("button", name="Start").click()
    panel(page).get_by_text("No, I did not pay", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    panel(page).get_by_text("Opening hours, a closure or a holiday notice", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    expect(panel(page).locator(".post-checker__count")).to_have_text("Question 3")
    panel(page).get_by_text("No, it does not", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    expect(page.locator(".post-checker__title")).to_have_text("Management")
    for step in ("then-opening-hours", "cases", "paid"):
        panel(page).get_by_role("button", name="Back").click()
        assert panel(page).get_attribute("data-panel") == step
        expect(panel(page).locator("input:checked")).to_have_count(1)
    panel(page).get_by_role("button", name="Back").click()
    expect(page.locator(".post-checker__textarea")).to_have_value("Closed Monday, back Tuesday.")
    expect(page.locator(".post-checker__textarea")).to_be_focused()
    # A different answer on the way back leads somewhere else.
    page.get_by_role("button", name="Start").click()
    panel(page).get_by_text("Yes. It was an ad, a boost or a sponsored post", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    expect(page.locator(".post-checker__title")).to_have_text("Marketing")
    page.get_by_role("button", name="Start again").click()
    expect(page.locator(".post-checker__textarea")).to_have_value("")
    page.get_by_role("button", name="Start").click()
    expect(panel(page).locator("input:checked")).to_have_count(0)
    no_errors(visit)


def test_next_without_an_answer_says_pick_one(open_page) -> None:
    expect = expect_()
    visit = open_page(PATH, viewport="phone")
    page = visit.page
    ready(page)
    page.get_by_role("button", name="Start").tap()
    fieldset = panel(page)
    fieldset.get_by_role("button", name="Next").tap()
    error = fieldset.locator(".post-checker__error")
    expect(error).to_be_visible()
    expect(error).to_have_text("Pick one answer, then press Next.")
    assert error.get_attribute("id") in (fieldset.get_attribute("aria-describedby") or "").split()
    expect(fieldset.get_by_role("radio").first).to_be_focused()
    expect(page.locator(".post-checker__status")).to_have_text("Pick one answer, then press Next.")
    fieldset.get_by_text("No, I did not pay", exact=True).tap()
    fieldset.get_by_role("button", name="Next").tap()
    expect(error).to_be_hidden()
    assert panel(page).get_attribute("data-panel") == "cases"
    no_errors(visit)


# --- keyboard alone ---------------------------------------------------------------------------


def tab_to(page, want, limit: int = 80) -> dict:
    return quiz_page.tab_to(page, FOCUSED, want, limit)


def choose_by_keyboard(page, route_step: str, label: str) -> None:
    """From the question: Tab into the radios, Space picks the first, arrows move; Tab to Next, Enter."""
    labels = [text.strip() for text in panel(page).locator("label").all_text_contents()]
    index = labels.index(label)
    focused = tab_to(page, lambda f: f["type"] == "radio", limit=3)
    assert focused["outline"], f"no visible focus on {focused}"
    page.keyboard.press("Space")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    focused = page.evaluate(FOCUSED)
    assert focused["label"] == label and focused["checked"], focused
    focused = tab_to(page, lambda f: f["tag"] == "BUTTON", limit=2)
    assert focused["text"] == "Next" and focused["outline"], focused
    page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_keyboard_alone_reaches_a_verdict_with_focus_managed(open_page, built_site: Path, viewport: str) -> None:
    expect = expect_()
    visit = open_page(PATH, viewport=viewport, touch=False)
    page = visit.page
    ready(page)
    height = page.viewport_size["height"]
    routes = routes_in(built_site)
    picks = [
        next(r for r in routes if r.verdict.case == "repost" and r.verdict.answer == "marketing"),
        next(r for r in routes if r.verdict.id == "plain--unsure"),
    ]
    for route in picks:
        focused = tab_to(page, lambda f: f["tag"] == "TEXTAREA")
        assert focused["outline"], focused
        page.keyboard.type("Lovely photo, Aoife! Book yours for £40.")
        focused = tab_to(page, lambda f: f["tag"] == "BUTTON", limit=2)
        assert focused["text"] == "Start" and focused["outline"]
        page.keyboard.press("Enter")
        for step, label in route.choices:
            focused = page.evaluate(FOCUSED)
            # Focus moves to the new question, visibly, and on screen below the header.
            assert "post-checker__question" in focused["classes"] and focused["outline"], focused
            assert focused["top"] >= 48 and focused["bottom"] <= height, focused
            choose_by_keyboard(page, step, label)
        check_verdict(page, route, "Lovely photo, Aoife! Book yours for £40.")
        # The case link and the buttons are next in Tab order; Start again goes back to the post.
        focused = tab_to(page, lambda f: f["text"] == "Start again", limit=12)
        assert focused["outline"]
        page.keyboard.press("Enter")
        expect(page.locator(".post-checker__textarea")).to_be_focused()
        expect(page.locator(".post-checker__status")).to_have_text("Started again. Type or paste your post.")
        page.keyboard.press("Shift+Tab")  # so the next round's Tab lands on the textarea again
    no_errors(visit)


# --- without JavaScript -----------------------------------------------------------------------


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_without_javascript_every_step_is_shown(open_page, built_site: Path, viewport: str,
                                                 screenshot_dir: Path) -> None:
    expect = expect_()
    visit = open_page(PATH, viewport=viewport, javascript=False)
    page = visit.page
    expect(page.locator(".post-checker__form")).to_have_count(0)
    steps = page.locator(".post-checker__steps")
    expect(steps).to_be_visible()
    expect(steps.locator(":scope > li > .post-checker__question")).to_have_text([
        "Did you pay to show it?", "Which of these is your post?",
        "Do your post's own words, pictures or link put something you sell in front of people?"])
    for route in routes_in(built_site):
        for _, label in route.choices:
            expect(steps.locator(".post-checker__label", has_text=re.compile(f"^{re.escape(label)}$")).first) \
                .to_be_visible()
    expect(page.locator(".post-checker__verdicts")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.screenshot(path=str(screenshot_dir / f"post-checker-no-js-{viewport}.png"), full_page=True)
    assert visit.external_requests == []


def test_printed_with_javascript_it_is_the_list_of_steps(open_page) -> None:
    expect = expect_()
    visit = open_page(PATH)
    page = visit.page
    ready(page)
    page.emulate_media(media="print")
    expect(page.locator(".post-checker__steps")).to_be_visible()
    expect(page.locator(".post-checker__form")).to_be_hidden()


# --- privacy and safety -----------------------------------------------------------------------


def test_nothing_typed_is_sent_or_stored(open_page, built_site: Path) -> None:
    visit = open_page(PATH, viewport="phone")
    page = visit.page
    ready(page)
    page.wait_for_load_state("networkidle")
    requests: list[str] = []
    visit.context.on("request", lambda request: requests.append(request.url))
    marker = "Secret-post-7f3a: half price today!"
    page.locator(".post-checker__textarea").fill(marker)
    route = next(r for r in routes_in(built_site) if r.verdict.case == "price-change")
    page.get_by_role("button", name="Start").tap()
    for _, label in route.choices:
        panel(page).get_by_text(label, exact=True).tap()
        panel(page).get_by_role("button", name="Next").tap()
    check_verdict(page, route, marker)
    page.wait_for_timeout(500)
    assert requests == [], f"requests after typing: {requests}"
    assert marker.split(":")[0] not in page.url
    stored = page.evaluate("""() => [localStorage, sessionStorage]
        .flatMap(s => Object.keys(s).map(k => k + '=' + s.getItem(k))).join('\\n') + document.cookie""")
    assert "Secret-post-7f3a" not in stored
    no_errors(visit)


def test_a_post_that_looks_like_html_is_shown_as_text(open_page) -> None:
    expect = expect_()
    visit = open_page(PATH)
    page = visit.page
    ready(page)
    post = '<img src=x onerror="document.title=\'ran\'"> <script>document.title="ran"</script> Tom & Jo'
    page.locator(".post-checker__textarea").fill(post)
    page.get_by_role("button", name="Start").click()
    panel(page).get_by_text("Yes. It was an ad, a boost or a sponsored post", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    shown = page.locator(".post-checker__post")
    expect(shown).to_have_text(post)
    expect(shown.locator("*")).to_have_count(0)
    assert page.title() != "ran"
    no_errors(visit)


# --- instant navigation -------------------------------------------------------------------------


def test_instant_navigation_into_the_checker_and_away_and_back(open_page) -> None:
    expect = expect_()
    visit = open_page("difference/")
    page = visit.page
    page.wait_for_load_state("networkidle")
    page.evaluate("document.body.dataset.noReload = 'yes'")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Check your own post").click()
    expect(page).to_have_url(re.compile(PATH + "$"))
    ready(page)
    assert page.evaluate("document.body.dataset.noReload") == "yes", "the page reloaded"
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="A worked week").click()
    expect(page).to_have_url(re.compile("worked-week/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(PATH + "$"))
    ready(page)
    expect(page.locator(".post-checker__status")).to_have_count(1)
    page.get_by_role("button", name="Start").click()
    panel(page).get_by_text("No, I did not pay", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    expect(panel(page).locator(".post-checker__count")).to_have_text("Question 2")
    assert page.evaluate("document.body.dataset.noReload") == "yes"
    no_errors(visit)


# --- accessibility and looks --------------------------------------------------------------------


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_at_each_stage(open_page, axe, built_site: Path, viewport: str, scheme: str) -> None:
    visit = open_page(PATH, viewport=viewport, color_scheme=scheme)
    page = visit.page
    ready(page)
    problems = axe(page, f"{viewport} {scheme} start")
    route = next(r for r in routes_in(built_site) if r.verdict.case == "hiring")
    page.locator(".post-checker__textarea").fill("We're hiring a trainee mechanic.")
    page.get_by_role("button", name="Start").click()
    panel(page).get_by_role("button", name="Next").click()  # the "pick one" message too
    problems += axe(page, f"{viewport} {scheme} question with its error")
    for _, label in route.choices:
        panel(page).get_by_text(label, exact=True).click()
        panel(page).get_by_role("button", name="Next").click()
    problems += axe(page, f"{viewport} {scheme} verdict")
    assert problems == []
    no_errors(visit)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_screenshots_mid_way_and_at_the_verdict(open_page, screenshot_dir: Path, viewport: str) -> None:
    visit = open_page(PATH, viewport=viewport)
    page = visit.page
    ready(page)
    width = page.viewport_size["width"]
    page.locator(".post-checker__textarea").fill(
        "Thanks so much for the lovely review, Sam! Pop in this week and your next coffee is half price.")
    page.get_by_role("button", name="Start").click()
    panel(page).get_by_text("No, I did not pay", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    panel(page).get_by_text("A reply, comment or message to someone", exact=True).click()
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshot_dir / f"post-checker-{viewport}-cases.png"))
    panel(page).get_by_role("button", name="Next").click()
    panel(page).get_by_text("Yes, it does", exact=True).click()
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshot_dir / f"post-checker-{viewport}-mid-way.png"))
    # Nothing wider than the screen, and the radios and buttons big enough to tap.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for box in panel(page).locator(".post-checker__option, button").all():
        size = box.bounding_box()
        assert size["height"] >= 44 and size["x"] >= 0 and size["x"] + size["width"] <= width, size
    panel(page).get_by_role("button", name="Next").click()
    page.mouse.move(0, 0)
    page.wait_for_timeout(200)
    page.screenshot(path=str(screenshot_dir / f"post-checker-{viewport}-verdict.png"), full_page=True)
    no_errors(visit)

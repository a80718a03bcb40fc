""""Check your own post" in Chromium: every hard case row end to end, by mouse on a desktop and by
touch on a phone; by keyboard alone; without JavaScript; axe; nothing sent or stored; screenshots.
And the post read: the words found shown, marked and quoted, the likely answers picked for the
owner to confirm or change, "I am not sure" never a close call for a post with a price, and the
verdict's heading clear of Material's "Back to top" button.

The routes come from the built page's own data (tests/support/post_checker_routes.py's `walk`), so every
choice a reader can make is one these tests can make.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import quiz_page
from support.post_checker_routes import ROWS, Route, routes_in, routes_to_every_case

pytestmark = pytest.mark.browser

PATH = "check-your-post/"
NEWS = "News or a notice: opening hours, stock, a job, your team or a good cause"
OFFER = "A price, an offer or a deal"
DOUGHNUTS = "Fresh doughnuts today, 2 for £3!"
CLOSED = "Closed on Monday for a family wedding. Back as normal on Tuesday."
TITLES = {"marketing": "Marketing", "management": "Management"}

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
    return f"{words}, a close call" if verdict.close_call else words


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
    assert {route.verdict.case for route in chosen} >= set(ROWS)
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
    panel(page).get_by_text(NEWS, exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    panel(page).get_by_text("Opening hours, a closure or a holiday notice", exact=True).click()
    panel(page).get_by_role("button", name="Next").click()
    expect(panel(page).locator(".post-checker__count")).to_have_text("Question 4")
    panel(page).locator("label", has_text=re.compile("^No")).click()
    panel(page).get_by_role("button", name="Next").click()
    expect(page.locator(".post-checker__title")).to_have_text("Management")
    for step in ("then-opening-hours", "kind-news", "kind", "paid"):
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
    assert panel(page).get_attribute("data-panel") == "kind"
    no_errors(visit)


# --- keyboard alone ---------------------------------------------------------------------------


def tab_to(page, want, limit: int = 80) -> dict:
    return quiz_page.tab_to(page, FOCUSED, want, limit)


def choose_by_keyboard(page, route_step: str, label: str) -> None:
    """From the question: Tab into the radios (onto the one picked for the owner, if any), Space
    picks it, arrows move to the answer; Tab to Next, Enter."""
    labels = [text.strip() for text in panel(page).locator("label").all_text_contents()]
    index = labels.index(label)
    focused = tab_to(page, lambda f: f["type"] == "radio", limit=3)
    assert focused["outline"], f"no visible focus on {focused}"
    page.keyboard.press("Space")
    at = labels.index(page.evaluate(FOCUSED)["label"])
    for _ in range(abs(index - at)):
        page.keyboard.press("ArrowDown" if index > at else "ArrowUp")
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
        # Question 2 asked plainly, "I am not sure", and asked again: the found price picks "Yes".
        next(r for r in routes if r.choices[-1][0] == "again" and r.verdict.answer == "marketing"),
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
        "Did you pay to show it?", "What is your post?",
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
    # Words that sell, so the marks, the "Suggested" tag and the management verdict's check show too.
    page.locator(".post-checker__textarea").fill("We're hiring a trainee mechanic. Staff get 20% off! Book a chat.")
    page.get_by_role("button", name="Start").click()
    panel(page).get_by_role("button", name="Next").click()  # the "pick one" message too
    problems += axe(page, f"{viewport} {scheme} question with its error")
    for number, (_, label) in enumerate(route.choices):
        panel(page).get_by_text(label, exact=True).click()
        panel(page).get_by_role("button", name="Next").click()
        if number == 0:
            expect_()(panel(page).locator(".post-checker__tag:visible")).to_have_count(1)
            problems += axe(page, f"{viewport} {scheme} question with words found and an answer suggested")
    expect_()(page.locator(".post-checker__post mark")).to_have_count(2)
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


# --- the post read: evidence, suggestions, quotes ------------------------------------------------


def start(page, post: str) -> None:
    page.locator(".post-checker__textarea").fill(post)
    panel(page).get_by_role("button", name="Start").click()


def pick(page, label: str) -> None:
    panel(page).locator("label", has_text=re.compile(f"^{re.escape(label)}$")).click()


def next_step(page) -> None:
    panel(page).get_by_role("button", name="Next").click()


def checked_label(page) -> str | None:
    checked = panel(page).locator("input:checked")
    if not checked.count():
        return None
    return panel(page).locator(f"label[for='{checked.get_attribute('id')}']").inner_text().strip()


def suggested_label(page) -> str | None:
    tag = panel(page).locator(".post-checker__option:has(.post-checker__tag:visible) label")
    return tag.inner_text().strip() if tag.count() else None


def nothing_covers_the_title(page) -> None:
    """The verdict's heading is on screen, below the header, and neither the header nor Material's
    "Back to top" button (which shows as the page scrolls up to the verdict) is over any of it."""
    title = page.locator(".post-checker__title").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert title["y"] >= header["y"] + header["height"], (title, header)
    assert title["y"] + title["height"] <= page.viewport_size["height"], title
    top = page.locator(".md-top")
    if top.count() and top.is_visible():
        button = top.bounding_box()
        overlaps = (button["x"] < title["x"] + title["width"] and title["x"] < button["x"] + button["width"]
                    and button["y"] < title["y"] + title["height"] and title["y"] < button["y"] + button["height"])
        assert not overlaps, (title, button)
    # What the middle of the heading's text shows is the heading itself.
    middle = page.evaluate("""() => {
        const box = document.querySelector('.post-checker__title').getBoundingClientRect();
        const el = document.elementFromPoint(box.left + 20, box.top + box.height / 2);
        return el && el.closest('.post-checker__title') ? 'title' : (el ? el.className : null);
    }""")
    assert middle == "title", middle


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_doughnut_post_is_read_and_its_verdict_quotes_the_offer(open_page, viewport: str,
                                                                    screenshot_dir: Path) -> None:
    """Issue 16's own post: no paid label found, so question 1 is the owner's; "A price, an offer or a
    deal" and then "An offer or a deal" are picked for them, with the words shown; the verdict is
    marketing, quotes "2 for £3" and marks it in the post, and is no price-change ruling or close call."""
    expect = expect_()
    visit = open_page(PATH, viewport=viewport)
    page = visit.page
    ready(page)
    start(page, DOUGHNUTS)
    expect(panel(page).locator(".post-checker__found")).to_contain_text("We found no paid label")
    assert checked_label(page) is None and suggested_label(page) is None
    pick(page, "No, I did not pay")
    next_step(page)
    # What kind of post: seven plain choices, the offer picked and tagged, the words shown marked.
    expect(panel(page).locator(".post-checker__option")).to_have_count(7)
    assert checked_label(page) == OFFER == suggested_label(page)
    found = panel(page).locator(".post-checker__found")
    expect(found).to_contain_text("In your post we found an offer or deal: “2 for £3”.")
    expect(found.locator("mark")).to_have_text(["2 for £3"])
    expect(found).to_contain_text("Change it if it is wrong.")
    page.screenshot(path=str(screenshot_dir / f"post-checker-doughnuts-{viewport}-question.png"))
    next_step(page)
    assert checked_label(page).startswith("An offer or a deal") and suggested_label(page) == checked_label(page)
    panel(page).get_by_role("button", name="Next").scroll_into_view_if_needed()
    next_step(page)
    result = page.locator(".post-checker__result")
    expect(result.locator(".post-checker__title")).to_have_text("Marketing")
    expect(result.locator(".post-checker__decided")).to_have_text(
        "The words that decided it: “2 for £3” (an offer or deal).")
    expect(result.locator(".post-checker__post")).to_have_text(DOUGHNUTS)
    expect(result.locator(".post-checker__post mark")).to_have_text(["2 for £3"])
    details = result.locator(".post-checker__details")
    expect(details).to_contain_text("by question 2")
    expect(details).not_to_contain_text("bad news")
    expect(result).not_to_contain_text("close call")
    expect(page.locator(".post-checker__status")).to_have_text("The answer: Marketing.")
    page.wait_for_timeout(300)  # Material's "Back to top" button shows with a transition
    nothing_covers_the_title(page)
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshot_dir / f"post-checker-doughnuts-{viewport}-verdict.png"))
    no_errors(visit)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_management_post_gets_no_suggestion_and_a_plain_verdict(open_page, viewport: str,
                                                                  screenshot_dir: Path) -> None:
    expect = expect_()
    visit = open_page(PATH, viewport=viewport)
    page = visit.page
    ready(page)
    start(page, CLOSED)
    pick(page, "No, I did not pay")
    next_step(page)
    expect(panel(page).locator(".post-checker__found")).to_have_text(
        "We found no price, offer or call to buy in your post. That does not settle it: naming something you "
        "sell is enough.")
    assert checked_label(page) is None and suggested_label(page) is None
    pick(page, NEWS)
    next_step(page)
    pick(page, "Opening hours, a closure or a holiday notice")
    next_step(page)
    panel(page).locator("label", has_text=re.compile("^No")).click()
    next_step(page)
    result = page.locator(".post-checker__result")
    expect(result.locator(".post-checker__title")).to_have_text("Management")
    expect(result.locator(".post-checker__decided")).to_contain_text("We found no price, offer or call to buy")
    expect(result.locator(".post-checker__post mark")).to_have_count(0)
    expect(result.locator(".post-checker__case a")).to_have_text("Opening hours, closures and holiday notices")
    page.wait_for_timeout(300)
    nothing_covers_the_title(page)
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshot_dir / f"post-checker-management-{viewport}-verdict.png"))
    no_errors(visit)


def test_a_paid_label_picks_yes_and_the_owners_own_answer_stays(open_page) -> None:
    expect = expect_()
    visit = open_page(PATH, viewport="phone")
    page = visit.page
    ready(page)
    start(page, "Loving this cream from @glenskin #ad")
    assert checked_label(page) == "Yes. It was an ad, a boost or a sponsored post" == suggested_label(page)
    expect(panel(page).locator(".post-checker__found mark")).to_have_text(["#ad"])
    # The owner knows better: it was not paid. Their answer stays, through Back and a new Start.
    pick(page, "No, I did not pay")
    next_step(page)
    panel(page).get_by_role("button", name="Back").click()
    assert checked_label(page) == "No, I did not pay"
    panel(page).get_by_role("button", name="Back").click()
    panel(page).get_by_role("button", name="Start").click()
    assert checked_label(page) == "No, I did not pay"
    assert suggested_label(page) == "Yes. It was an ad, a boost or a sponsored post"  # still shown as the hint
    # A new post is read again: the old pick of the spotter goes, a new one comes.
    panel(page).get_by_role("button", name="Back").click()
    start(page, "Pancakes £4 all week")
    assert checked_label(page) == "No, I did not pay"  # the owner's, kept
    next_step(page)
    assert checked_label(page) == OFFER
    no_errors(visit)


def test_not_sure_about_a_post_with_a_price_asks_question_2_again_and_never_says_close_call(open_page) -> None:
    expect = expect_()
    visit = open_page(PATH)
    page = visit.page
    ready(page)
    start(page, "Haircuts £15 all week, just message us")
    pick(page, "No, I did not pay")
    next_step(page)
    pick(page, "Something else, or I am not sure")
    next_step(page)
    if panel(page).get_attribute("data-panel") != "plain":  # "Something else" lists cases first
        pick(page, "None of these")
        next_step(page)
    assert panel(page).get_attribute("data-panel") == "plain"
    assert checked_label(page) == "Yes" == suggested_label(page)
    pick(page, "I am not sure")
    next_step(page)
    expect(panel(page).locator(".post-checker__question")).to_contain_text("Ask question 2 again")
    expect(panel(page).locator(".post-checker__hint")).to_contain_text("Naming is enough.")
    expect(panel(page).locator(".post-checker__found mark")).to_have_text(["£15", "message us"])
    assert checked_label(page) == "Yes, they name or show something I sell"
    next_step(page)
    result = page.locator(".post-checker__result")
    expect(result.locator(".post-checker__title")).to_have_text("Marketing")
    expect(result).not_to_contain_text("close call")
    expect(result).not_to_contain_text("help someone choose")
    expect(result.locator(".post-checker__decided")).to_contain_text("“£15” (a price)")
    no_errors(visit)


def test_a_management_verdict_points_out_words_that_would_sell(open_page) -> None:
    """The complaint ruling says management; the words that could sell are still shown, with the
    rule that beats every kind of post: its own words name something you sell, it is marketing."""
    expect = expect_()
    visit = open_page(PATH)
    page = visit.page
    ready(page)
    start(page, "So sorry, Tom! Pop in any time this month and your next slice of cake is on us.")
    pick(page, "No, I did not pay")
    next_step(page)
    assert checked_label(page) == "Something you sell, or a call to buy, book, order or come in"
    pick(page, "A reply, comment or message to someone")
    next_step(page)
    pick(page, "It puts a complaint right for that one customer")
    next_step(page)
    result = page.locator(".post-checker__result")
    expect(result.locator(".post-checker__title")).to_have_text("Management, a close call")
    decided = result.locator(".post-checker__decided")
    expect(decided).to_contain_text("Look again at these words in your post: “Pop in”")
    expect(decided).to_contain_text("it is marketing, whatever kind of post it is")
    expect(result.locator(".post-checker__post mark")).to_have_text(["Pop in"])
    no_errors(visit)


def test_marked_words_in_a_post_that_looks_like_html_are_still_only_text(open_page) -> None:
    expect = expect_()
    visit = open_page(PATH)
    page = visit.page
    ready(page)
    post = '<img src=x onerror="document.title=\'ran\'"> <b>£5</b> deal & <script>document.title="ran"</script>'
    start(page, post)
    pick(page, "No, I did not pay")
    next_step(page)
    expect(panel(page).locator(".post-checker__found mark")).to_have_text(["deal", "£5"])
    next_step(page)  # "A price, an offer or a deal", picked
    next_step(page)  # "An offer or a deal", picked
    shown = page.locator(".post-checker__post")
    expect(shown).to_have_text(post)
    expect(shown.locator("*")).to_have_count(2)
    assert shown.evaluate("el => [...el.querySelectorAll('*')].map(e => e.tagName + ':' + e.textContent)") == [
        "MARK:£5", "MARK:deal"]
    assert page.title() != "ran"
    no_errors(visit)

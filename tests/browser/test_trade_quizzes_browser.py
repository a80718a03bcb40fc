"""Trade quizzes in Chromium: one played by button, drag and keyboard to the end, an answer link,
without JavaScript and as a worksheet, and the trade list at phone and desktop sizes. Without a
browser: tests/unit/test_trade_quizzes.py and tests/build/test_trade_quizzes_build.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sorting_quiz.build_state import BuildState
from support.quiz_page import (answer_without_javascript, button, drag_with_mouse, no_errors, post, posts_of, ready,
                               settle, tab_to)
from support.site_state import site_state

try:
    from playwright.sync_api import Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Page = expect = None


OTHER = {"marketing": "management", "management": "marketing"}
TRADE = "health-and-fitness"  # the smallest trade quiz (8 posts): the one the browser tests drive
TRADE_PAGE = f"quizzes/trades/{TRADE}/"
TRADE_LIST = "quizzes/trades/"


@pytest.fixture(scope="module")
def state() -> BuildState:
    return site_state()


def marked(page: Page, post_id: str, answer: str, right: str) -> None:
    feedback = post(page, post_id).locator(".quiz-post__feedback")
    expect(feedback).to_be_visible()
    verdict = f"✓ ?Right: it’s {right}." if answer == right else f"✗ ?Not quite: it’s {right}."
    expect(feedback.locator(".quiz-post__verdict-line")).to_have_text(re.compile(f"^{verdict}$"))
    expect(button(page, post_id, answer)).to_have_attribute("aria-pressed", "true")


def tab_to_a_choice(page: Page) -> dict:
    return tab_to(page, """() => {
          const el = document.activeElement;
          return {choice: el.classList.contains('quiz-post__choice') && el.getAttribute('aria-disabled') !== 'true',
                  post: el.closest('.quiz-post')?.dataset.post || null, value: el.value || null};
        }""", lambda focused: focused["choice"])


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_trade_quiz_by_button_drag_and_keyboard_to_the_end(open_page, axe, screenshot_dir: Path,
                                                              viewport: str) -> None:
    visit = open_page(TRADE_PAGE, viewport=viewport, touch=False)
    page = visit.page
    ready(page)
    posts = posts_of(page)
    assert len(posts) >= 8 and page.locator("section.quiz").get_attribute("data-quiz") == f"trade-{TRADE}"
    assert axe(page, f"{viewport} trade quiz untouched") == []
    right = dict(posts)

    # By dragging with the mouse: the first post into its own bucket.
    first, first_answer = posts[0]
    post(page, first).scroll_into_view_if_needed()
    drag_with_mouse(page, post(page, first).locator(".quiz-post__text"),
                    page.locator(f'.quiz__bucket[data-bucket="{first_answer}"]'))
    marked(page, first, first_answer, first_answer)

    # By keyboard: Tab to the next choice button and press Enter.
    focused = tab_to_a_choice(page)
    page.keyboard.press("Enter")
    marked(page, focused["post"], focused["value"], right[focused["post"]])
    expect(page.locator(".quiz__progress")).to_have_text(f"2 of {len(posts)} sorted")

    # By button, the rest: one wrong on purpose.
    remaining = [(p, a) for p, a in posts if p not in (first, focused["post"])]
    for number, (post_id, answer) in enumerate(remaining):
        choice = OTHER[answer] if number == 0 else answer
        button(page, post_id, choice).click()
        marked(page, post_id, choice, answer)
    score = len(posts) - 1 - (focused["value"] != right[focused["post"]])
    result = page.locator(".quiz__result")
    expect(result).to_be_visible()
    expect(result.locator(".quiz__score")).to_have_text(f"You got {score} of {len(posts)} right")
    assert axe(page, f"{viewport} trade quiz finished") == []
    page.mouse.move(1, 1)
    settle(page)
    width = 1280 if viewport == "desktop" else 390
    page.screenshot(path=str(screenshot_dir / f"trade-quiz-{width}-finished.png"), animations="disabled")

    # Saved progress: a reload shows the same result; the post's own quiz keeps its progress apart.
    page.reload()
    ready(page)
    expect(page.locator(".quiz__score")).to_have_text(f"You got {score} of {len(posts)} right")
    no_errors(visit)


@pytest.mark.browser
def test_an_answer_link_marks_a_post_of_a_trade_quiz(open_page, state: BuildState) -> None:
    trade_quiz = state.trade_quizzes[f"trade-{TRADE}"]
    target = trade_quiz.quiz.post(trade_quiz.quiz.email_posts[0])
    visit = open_page(f"{TRADE_PAGE}?post={target.id}&answer=marketing#post-{target.id}")
    page = visit.page
    ready(page)
    marked(page, target.id, "marketing", target.answer)
    expect(post(page, target.id).locator(".quiz-post__feedback")).to_be_in_viewport()
    expect(page.locator(".quiz__progress")).to_have_text(f"1 of {len(trade_quiz.quiz.posts)} sorted")
    assert page.evaluate("location.search") == "" and page.evaluate("location.hash") == f"#post-{target.id}"
    page.reload()
    ready(page)
    marked(page, target.id, "marketing", target.answer)  # saved like any other answer

    # The same post in its own quiz: that quiz's progress is its own.
    own = next(quiz for quiz_id, quiz in state.catalogue.quizzes.items()
               if quiz_id not in state.trade_quizzes and quiz.post(target.id))
    page.goto(page.url.split("quizzes/")[0] + f"quizzes/{own.id}/")
    ready(page)
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(own.posts)} sorted")
    expect(post(page, target.id)).to_have_count(1)
    no_errors(visit)


@pytest.mark.browser
def test_a_trade_quiz_without_javascript_and_as_a_worksheet(open_page) -> None:
    visit = open_page(TRADE_PAGE, javascript=False)
    page = visit.page
    quiz = page.locator("section.quiz")
    expect(quiz.locator(".quiz__how--static")).to_be_visible()
    expect(quiz.locator(".quiz-post__buttons:visible")).to_have_count(0)
    post_id, answer = posts_of(page)[2]
    answer_without_javascript(page, post_id, answer)
    no_errors(visit)

    visit = open_page(TRADE_PAGE)
    page = visit.page
    ready(page)
    posts = posts_of(page)
    page.emulate_media(media="print")
    quiz = page.locator("section.quiz")
    expect(quiz.locator(".quiz__key")).to_be_visible()
    expect(quiz.locator(".quiz__key li")).to_have_count(len(posts))
    expect(quiz.locator(".quiz-post__choices:visible")).to_have_count(len(posts))
    expect(quiz.locator(".quiz-post__buttons:visible")).to_have_count(0)
    no_errors(visit)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_trade_list_at_phone_and_desktop(open_page, axe, screenshot_dir: Path, state: BuildState,
                                             viewport: str) -> None:
    visit = open_page(TRADE_LIST, viewport=viewport)
    page = visit.page
    expect(page.locator("h1")).to_have_text(re.compile("^Quizzes for your trade"))
    links = page.locator("article .quiz-list__title a:not(.headerlink)")
    expect(links).to_have_count(len(state.trade_quizzes))
    assert axe(page, f"{viewport} trade list") == []
    width = 1280 if viewport == "desktop" else 390
    page.screenshot(path=str(screenshot_dir / f"trade-list-{width}.png"), full_page=True, animations="disabled")
    # Following a link opens that trade's quiz.
    first = next(iter(state.trade_quizzes.values()))
    links.first.click()
    expect(page).to_have_url(re.compile(f"/quizzes/trades/{first.trade}/$"))
    ready(page)
    expect(page.locator("h1")).to_have_text(re.compile(f"^{first.quiz.title}"))
    no_errors(visit)

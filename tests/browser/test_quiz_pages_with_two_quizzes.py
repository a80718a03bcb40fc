"""Two quizzes on one page, and the same quiz on two pages: each works on its own, and a quiz
that breaks never stops the other.

On the fixture quiz site (quiz_site in tests/conftest.py): two-quizzes/ shows sorting-basics and
every-kind, each of which also has a page of its own.
"""

from __future__ import annotations

import re

import pytest

try:
    from playwright.sync_api import Page, Route, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Page = Route = expect = None

TWO_QUIZZES = "two-quizzes/"
QUIZ_IDS = ("sorting-basics", "every-kind")


@pytest.fixture(scope="session")
def site_url(quiz_site_url: str) -> str:
    """Every page these tests open (open_page, in tests/conftest.py) is on the fixture quiz site."""
    return quiz_site_url


def quiz(page: Page, quiz_id: str):
    return page.locator(f'section.quiz[data-quiz="{quiz_id}"]')


def answer_right(item) -> None:
    item.locator(f'.quiz-post__choice[value="{item.get_attribute("data-answer")}"]').click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_two_quizzes_on_one_page_are_marked_apart(open_page, viewport: str) -> None:
    visit = open_page(TWO_QUIZZES, viewport=viewport)
    page = visit.page
    basics, every = quiz(page, "sorting-basics"), quiz(page, "every-kind")
    for section in (basics, every):
        expect(section).to_have_class(re.compile(r"\bquiz--ready\b"))
    # The page asks for the script once per quiz; it must still run once.
    assert page.evaluate("document.querySelectorAll('script[src*=\"quiz.js\"]').length") == 1
    expect(page.locator(".quiz-post__grip")).to_have_count(page.locator(".quiz-post").count())

    first = basics.locator(".quiz-post").first
    answer_right(first)
    expect(first.locator(".quiz-post__feedback")).to_contain_text("Right")
    expect(basics.locator(".quiz__progress")).to_have_text(re.compile(r"^1 of \d+ sorted$"))
    expect(every.locator(".quiz__progress")).to_have_text(re.compile(r"^0 of \d+ sorted$"))
    expect(basics.locator(".quiz__status")).to_contain_text("1 of")
    expect(every.locator(".quiz__status")).to_have_text("")

    # Finishing the second quiz shows its own result only.
    for item in every.locator(".quiz-post").all():
        answer_right(item)
    expect(every.locator(".quiz__score")).to_have_text(re.compile(r"^You got (\d+) of \1 right$"))
    expect(basics.locator(".quiz__result")).to_be_hidden()
    # With a title of its own, a quiz's score is a heading under it.
    expect(every.locator("h3.quiz__score")).to_have_count(1)

    # The same quiz on its own page remembers what was answered here.
    page.goto(visit.page.url.replace(TWO_QUIZZES, "quizzes/sorting-basics/"))
    expect(page.locator(".quiz__progress")).to_have_text(re.compile(r"^1 of \d+ sorted$"))
    assert visit.console_errors == [], "\n".join(visit.console_errors)


def without_posts_list(route: Route, quiz_id: str) -> None:
    """Serves the page with the posts list of one quiz cut out: markup the script cannot use."""
    html = route.fetch().text()
    section = html.index(f'data-quiz="{quiz_id}"')
    start = html.index('<ol class="quiz__posts">', section)
    end = html.index("</ol>", start) + len("</ol>")
    route.fulfill(body=html[:start] + html[end:], content_type="text/html; charset=utf-8")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("broken", QUIZ_IDS)
def test_a_broken_quiz_does_not_stop_the_other_on_its_page(open_page, site_url: str, broken: str,
                                                         viewport: str) -> None:
    visit = open_page("", viewport=viewport)
    page = visit.page
    page.route(site_url + TWO_QUIZZES, lambda route: without_posts_list(route, broken))
    page.goto(site_url + TWO_QUIZZES)
    working = next(quiz_id for quiz_id in QUIZ_IDS if quiz_id != broken)
    expect(quiz(page, working)).to_have_class(re.compile(r"\bquiz--ready\b"))

    # The broken one is reported, once, and left as it was: its no-JavaScript words still show.
    expect(quiz(page, broken)).to_have_attribute("data-ready", "1")
    expect(quiz(page, broken)).not_to_have_class(re.compile(r"\bquiz--ready\b"))
    expect(quiz(page, broken).locator(".quiz__how--static")).to_be_visible()
    for absent in (".quiz__buckets", ".quiz__progress", ".quiz__how--live", ".quiz-post__buttons"):
        expect(quiz(page, broken).locator(absent)).to_have_count(0)  # built all at once, or not at all
    page.wait_for_timeout(100)  # the error is reported from a timer, after the other quizzes start
    assert len(visit.console_errors) == 1 and "pageerror: " in visit.console_errors[0], visit.console_errors

    # The other works in full: marked, finished, tried again.
    items = quiz(page, working).locator(".quiz-post")
    total = items.count()
    answer_right(items.first)
    expect(quiz(page, working).locator(".quiz__progress")).to_have_text(f"1 of {total} sorted")
    for item in items.all()[1:]:
        answer_right(item)
    expect(quiz(page, working).locator(".quiz__score")).to_have_text(f"You got {total} of {total} right")
    quiz(page, working).get_by_role("button", name="Try again").click()
    expect(quiz(page, working).locator(".quiz__progress")).to_have_text(f"0 of {total} sorted")
    assert len(visit.console_errors) == 1, visit.console_errors

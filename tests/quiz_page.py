"""What the browser tests of a quiz page do again and again, written once.

Used by tests/test_quiz_browser.py (the fixture quizzes), tests/test_trade_quizzes.py (a
generated trade quiz) and tests/test_post_checker_browser.py (keyboard focus).
"""

from __future__ import annotations

import re

try:
    from playwright.sync_api import Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Page = expect = None

CHOICE = ".quiz-post__choice"


def posts_of(page: Page) -> list[tuple[str, str]]:
    """(post id, right answer) for each post of the page's first quiz, in the order shown."""
    return page.locator("section.quiz").first.locator(".quiz-post").evaluate_all(
        "items => items.map(item => [item.dataset.post, item.dataset.answer])")


def post(page: Page, post_id: str):
    return page.locator(f'section.quiz .quiz-post[data-post="{post_id}"]').first


def button(page: Page, post_id: str, answer: str):
    return post(page, post_id).locator(f'{CHOICE}[value="{answer}"]')


def ready(page: Page, quiz: str | None = None) -> None:
    """Waits until the script has enhanced the quiz (the one with id `quiz`, if given)."""
    section = page.locator(f'section.quiz[data-quiz="{quiz}"]' if quiz else "section.quiz").first
    expect(section).to_have_class(re.compile(r"\bquiz--ready\b"))


def no_errors(visit) -> None:
    assert visit.console_errors == [], "\n".join(visit.console_errors)
    assert visit.external_requests == [], visit.external_requests


def answer_without_javascript(page: Page, post_id: str, answer: str) -> None:
    """Ticks the post's radio button and opens "Show the answer": the verdict is `answer`."""
    item = post(page, post_id)
    radio = item.get_by_role("radio", name=answer.capitalize())
    radio.check()
    expect(radio).to_be_checked()
    explanation = item.locator(".quiz-post__explanation")
    expect(explanation).to_be_hidden()
    item.locator("summary", has_text="Show the answer").click()
    expect(explanation).to_be_visible()
    expect(explanation.locator(".quiz-post__verdict")).to_have_text(f"{answer.capitalize()}.")


def tab_to(page: Page, focused: str, want, limit: int = 300) -> dict:
    """Presses Tab until `want(found)`, where `found` is what the script `focused` returns
    about the focused element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(focused)
        if want(found):
            return found
    raise AssertionError("Tab never reached the element")


def settle(page: Page) -> None:
    """Wait for the feedback's fade-in and any transitions, so screenshots and colours are final."""
    page.evaluate("""() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))""")


def drag_with_mouse(page: Page, source, target, steps: int = 12) -> None:
    """Press on the middle of `source`, move to the middle of `target` in `steps`, let go."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=steps)
    page.mouse.up()

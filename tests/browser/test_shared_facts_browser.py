"""The scripts read the facts they share with Python from the markup (`data-answers`,
`data-answer-link`, `data-selling-answer`): these tests change the markup as served and watch the
quiz and the checker follow it. The scan that no other code spells the facts is
tests/unit/test_shared_facts.py.
"""

from __future__ import annotations

import json
import re

import pytest

from sorting_quiz import facts

pytestmark = pytest.mark.browser

# --- the scripts follow the markup ------------------------------------------------------------------

RENAMED_ANSWERS = [[facts.MARKETING, "Selling"], [facts.MANAGEMENT, "Looking after"]]


def _rewrite(page, path: str, change) -> None:
    """Serves `path` with its HTML changed by `change(html)`, as if the build had written that."""
    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=change(response.text()))
    page.route(f"**/{path}**", handle)


def _attribute(name: str, value: object) -> str:
    from html import escape
    return f'{name}="{escape(json.dumps(value, separators=(",", ":")))}"'


def test_the_quiz_script_takes_answers_labels_and_link_parameters_from_the_page(open_page, site_url: str) -> None:
    from playwright.sync_api import expect

    from support.quiz_page import posts_of, ready

    path = "quizzes/basics/"
    visit = open_page(path)
    page = visit.page
    ready(page)
    post_id, answer = posts_of(page)[0]
    older = {"post": "which", "answer": "says"}

    def change(html: str) -> str:
        html = html.replace(_attribute("data-answers", json.loads(facts.answers_json())),
                            _attribute("data-answers", RENAMED_ANSWERS))
        link = json.loads(facts.answer_link_json())
        return html.replace(_attribute("data-answer-link", link), _attribute("data-answer-link", {**link, "older": older}))

    _rewrite(page, path, change)
    page.goto(f"{site_url}{path}?which={post_id}&says={answer}&utm_source=x#post-{post_id}")
    ready(page)
    quiz = page.locator("section.quiz").first
    expect(quiz.locator(".quiz__bucket-name")).to_have_text(["Selling", "Looking after"])
    buttons = page.locator(f'.quiz-post[data-post="{post_id}"] .quiz-post__choice')
    expect(buttons).to_have_text(["Selling", "Looking after"])
    # The link in the page's own parameter names marked the post, and the script forgot them.
    expect(page.locator(f'.quiz-post[data-post="{post_id}"]')).to_have_class(re.compile(r"\bquiz-post--right\b"))
    assert "which=" not in page.url and "says=" not in page.url and "utm_source=x" in page.url
    # The question is the page's sentence, as rendered.
    questions = page.locator(".quiz-post__buttons .quiz-post__question")
    expect(questions.first).to_have_text(re.compile(r"^Post 1: marketing or management\?$"))
    assert visit.console_errors == [], visit.console_errors


def test_the_checker_script_takes_the_answers_words_from_the_page(open_page) -> None:
    from playwright.sync_api import expect

    path = "check-your-post/"
    visit = open_page(path)
    page = visit.page
    _rewrite(page, path, lambda html: html.replace(
        _attribute("data-answers", json.loads(facts.answers_json())), _attribute("data-answers", RENAMED_ANSWERS)))
    page.goto(page.url)
    expect(page.locator(".post-checker--ready")).to_have_count(1)
    panel = page.locator(".post-checker__panel:not([hidden])")
    page.get_by_role("button", name="Start").click()
    panel.get_by_text("Yes. It was an ad, a boost or a sponsored post", exact=True).click()
    panel.get_by_role("button", name="Next").click()
    expect(page.locator(".post-checker__title")).to_have_text("Selling")
    assert visit.console_errors == [], visit.console_errors

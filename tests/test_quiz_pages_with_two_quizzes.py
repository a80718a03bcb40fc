"""Two quizzes on one page, and the same quiz on two pages: each works on its own."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from site_server import serve_site
from test_quiz_build import build, copy_project

PAGE = """\
---
description: A page for testing two quizzes on one page, and a quiz that has its own page too.
---

# Two quizzes

/// quiz | basics
///

Some text between the quizzes.

/// quiz | worked-week
///
"""


@pytest.fixture(scope="module")
def two_quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("two-quizzes"))
    (project / "docs" / "two-quizzes.md").write_text(PAGE, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_site(project / "site") as base_url:
        yield base_url


def test_two_quizzes_on_one_page_are_marked_apart(browser: Browser, two_quiz_site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.goto(two_quiz_site + "two-quizzes/")
        basics, week = page.locator('section.quiz[data-quiz="basics"]'), page.locator('section.quiz[data-quiz="worked-week"]')
        for quiz in (basics, week):
            expect(quiz).to_have_class(re.compile(r"\bquiz--ready\b"))
        # The page asks for the script once per quiz; it must still run once.
        assert page.evaluate("document.querySelectorAll('script[src*=\"quiz.js\"]').length") == 1

        first = basics.locator(".quiz-post").first
        answer = first.get_attribute("data-answer")
        first.locator(f'.quiz-post__choice[value="{answer}"]').click()
        expect(first.locator(".quiz-post__feedback")).to_contain_text("Right")
        expect(basics.locator(".quiz__progress")).to_have_text(re.compile(r"^1 of \d+ sorted$"))
        expect(week.locator(".quiz__progress")).to_have_text(re.compile(r"^0 of \d+ sorted$"))
        expect(basics.locator(".quiz__status")).to_contain_text("1 of")
        expect(week.locator(".quiz__status")).to_have_text("")

        # Finishing the second quiz shows its own result only.
        for item in week.locator(".quiz-post").all():
            item.locator(f'.quiz-post__choice[value="{item.get_attribute("data-answer")}"]').click()
        expect(week.locator(".quiz__score")).to_have_text(re.compile(r"^You got (\d+) of \1 right$"))
        expect(basics.locator(".quiz__result")).to_be_hidden()

        # The same quiz on its own page remembers what was answered here.
        page.goto(two_quiz_site + "quizzes/basics/")
        expect(page.locator(".quiz__progress")).to_have_text(re.compile(r"^1 of \d+ sorted$"))
        assert errors == []
    finally:
        context.close()

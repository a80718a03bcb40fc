"""Quality gates in Chromium, for every page of both sites: axe-core finds no WCAG 2.2 AA violation at
phone and desktop sizes with both font sets, each page stays on this site without errors, quiz pages
stay accessible while marking, and links keep their contrast on hover and focus. Without a browser
(valid HTML, no broken links): tests/build/test_quality_gates.py.
"""

from __future__ import annotations

import pytest

from support.browser import SETTLE, Axe
from support.checked_pages import CHECKED, QUIZ_PAGES, fail_on, label

try:
    from playwright.sync_api import expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    expect = None


# axe-core runs through the `axe` fixture (tests/conftest.py), the one place tests run it.
OTHER_ANSWER = {"marketing": "management", "management": "marketing"}


def _becomes_visible(locator, timeout: float = 5000) -> bool:
    try:
        expect(locator).to_be_visible(timeout=timeout)
    except AssertionError:
        return False
    return True


def _base_url(request: pytest.FixtureRequest, build: str) -> str:
    return request.getfixturevalue("site_url" if build == "public" else "staff_site_url")


@pytest.mark.parametrize("fonts", ["liberation", "dejavu"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize(("build", "path"), CHECKED)
def test_page_is_accessible(open_page, axe: Axe, request: pytest.FixtureRequest, build: str, path: str,
                            viewport: str, fonts: str) -> None:
    """At phone size too: e.g. a code block that scrolls sideways there must not trap keyboard users.

    With both font sets readers really have (tests/support/fonts.py): Arial's metrics (Liberation Sans) and
    DejaVu Sans wrap menu titles differently, which once made a menu link too small to tap.
    """
    visit = open_page(path, viewport=viewport, base_url=_base_url(request, build), fonts=fonts)
    fail_on(axe(visit.page, f"{build} {label(path)} ({viewport}, {fonts})"))


def _other_hosts(visit, site_url: str) -> list[str]:
    """Requests to other hosts: those open_page saw, and any the page's resource timing lists."""
    origin = site_url.rstrip("/")
    loaded = visit.page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
    others = [url for url in loaded if url.startswith(("http:", "https:")) and not url.startswith(origin + "/")]
    return sorted(set(visit.external_requests) | set(others))


@pytest.mark.parametrize(("build", "path"), CHECKED)
def test_page_stays_on_this_site_without_errors(open_page, request: pytest.FixtureRequest, build: str,
                                                path: str) -> None:
    site_url = _base_url(request, build)
    visit = open_page(path, viewport="phone", base_url=site_url)
    visit.page.wait_for_load_state("networkidle")
    problems = [f"{label(path)}: request to another host: {url}" for url in _other_hosts(visit, site_url)]
    problems += [f"{label(path)}: {error}" for error in visit.console_errors]
    fail_on(problems)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_quiz_page_is_accessible_while_marking(open_page, axe: Axe, site_url: str, path: str, viewport: str) -> None:
    """axe before any answer, after one right and one wrong answer, and once the quiz is finished."""
    visit = open_page(path, viewport=viewport)
    page = visit.page
    where = f"{label(path)} ({viewport}"
    problems = axe(page, f"{where}, before marking)")

    quiz = page.locator("section.quiz").first
    posts = quiz.locator(".quiz-post").evaluate_all(
        "items => items.map(item => [item.dataset.post, item.dataset.answer])")
    assert len(posts) >= 2, f"{label(path)}: the quiz has fewer than two posts"

    def choose(post_id: str, answer: str) -> None:
        button = quiz.locator(f'.quiz-post[data-post="{post_id}"] .quiz-post__choice--{answer}')
        if not _becomes_visible(button):
            pytest.fail(f"{where}): the {answer.capitalize()} button of post {post_id} is not shown "
                        f"(has quiz.js loaded and enhanced the quiz?)", pytrace=False)
        if viewport == "phone":
            button.tap()  # a finger: no pointer left hovering
        else:
            button.click()

    (first, first_answer), (second, second_answer) = posts[:2]
    choose(first, first_answer)
    choose(second, OTHER_ANSWER[second_answer])
    problems += axe(page, f"{where}, after one right and one wrong answer)")

    for post_id, answer in posts[2:]:
        choose(post_id, answer)
    if not _becomes_visible(quiz.locator(".quiz__result")):
        problems.append(f"{where}): the result (.quiz__result) is not shown after every post was marked")
    problems += axe(page, f"{where}, after finishing the quiz)")

    problems += [f"{label(path)}: request to another host: {url}" for url in _other_hosts(visit, site_url)]
    problems += [f"{where}): {error}" for error in visit.console_errors]
    fail_on(problems)


@pytest.mark.parametrize("state", ["hover", "focus"])
def test_links_keep_their_contrast_on_hover_and_focus(open_page, axe: Axe, state: str) -> None:
    """A link in the text, pointed at or focused, still has WCAG AA contrast (axe color-contrast)."""
    path = "difference/"
    page = open_page(path).page
    link = page.locator(".md-content .md-typeset :is(p, li) > a[href]:not(.headerlink)").first
    getattr(link, state)()
    page.evaluate(SETTLE)
    violations = axe.element(link, ["color-contrast"])
    fail_on([f"{label(path)} (link on {state}): {' '.join(summary.split())}: "
             f"{link.evaluate('element => element.outerHTML')[:120]}" for summary in violations])

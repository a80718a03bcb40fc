"""Reading times in Chromium: each learn page's stated time is true to the words a reader sees, the
home page's path takes 10 minutes or less, and the stated times sit clear of the title and text and
keep their contrast in the dark scheme. Without a browser: tests/build/test_reading_time.py.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from support.browser import OpenPage
from support.reading_times import LEARN, STATED, home_path_of, stated_times as _stated


PATH_MINUTES_MAX = 10
PATH_STATED = re.compile(r"^It takes (?:(\d+) minutes? of reading)?(?:, then )?(?:(\d+) posts? to sort)?\.$")


# The words a reader sees in the page's content, counted as hooks/reading_time.py promises,
# but from what Chromium shows: quizzes and the post checker aside, every <details> open.
READER_WORDS = """() => {
  const article = document.querySelector('article.md-content__inner');
  const posts = article.querySelectorAll('section.quiz li.quiz-post').length;
  for (const details of article.querySelectorAll('details')) details.open = true;
  for (const unread of article.querySelectorAll('section.quiz, .post-checker, .headerlink, .reading-time'))
    unread.remove();
  const words = article.innerText.split(/\\s+/).filter(word => /[\\p{L}\\p{N}_]/u.test(word)).length;
  return {words, posts};
}"""


def _reader_count(open_page: OpenPage, url: str) -> tuple[int, int]:
    page = open_page(url, javascript=False).page
    counted = page.evaluate(READER_WORDS)
    page.context.close()
    return counted["words"], counted["posts"]


@pytest.fixture(scope="module")
def home_path(built_site: Path) -> list[str]:
    return home_path_of(built_site)


@pytest.mark.parametrize("url", LEARN)
def test_a_learn_page_states_its_true_reading_time(open_page: OpenPage, built_site: Path, home_path: list[str],
                                                    url: str) -> None:
    stated = " ".join(_stated((built_site / url / "index.html").read_text(encoding="utf-8"))[0].text_content().split())
    reference, minutes, _, posts = STATED.match(stated).groups()
    words, quiz_posts = _reader_count(open_page, url)
    print(f"\n{url}: {words} words, {quiz_posts} quiz posts: “{stated}”")
    assert int(minutes) == math.ceil(words / 200), f"{url} says “{stated}”, but a reader sees {words} words"
    assert int(posts or 0) == quiz_posts, f"{url} says “{stated}”, but its quizzes have {quiz_posts} posts"
    assert bool(reference) == (url not in home_path), (
        f"{url}: only the pages the home page's path leaves out are called reference pages")


def test_the_home_page_path_states_its_true_time_of_10_minutes_or_less(
        open_page: OpenPage, home_path: list[str]) -> None:
    visit = open_page("", javascript=False).page
    stated = " ".join(visit.locator(".reading-path .reading-path__time").inner_text().split())
    minutes, posts = PATH_STATED.match(stated).groups()
    reading_words = quiz_posts = 0
    for url in home_path:
        words, page_posts = _reader_count(open_page, url)
        if url in LEARN:
            reading_words += words
        else:
            assert url.startswith("quizzes/") and page_posts, f"the path links to {url}, neither reading nor a quiz"
        quiz_posts += page_posts
    print(f"\nThe path {home_path}: {reading_words} words, {quiz_posts} quiz posts: “{stated}”")
    assert reading_words, "the path proposes nothing to read"
    assert int(minutes) == math.ceil(reading_words / 200), f"the path says “{stated}”; its pages have {reading_words} words"
    assert int(posts or 0) == quiz_posts, f"the path says “{stated}”; its quizzes have {quiz_posts} posts"
    assert int(minutes) <= PATH_MINUTES_MAX, f"the path takes {minutes} minutes to read, over {PATH_MINUTES_MAX}"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("url", ["", "marketing/"])
def test_reading_times_sit_clear_of_the_title_and_text(open_page: OpenPage, screenshot_dir: Path, axe,
                                                       viewport: str, url: str) -> None:
    visit = open_page(url, viewport=viewport)
    page = visit.page
    name = url.strip("/") or "home"
    page.screenshot(path=str(screenshot_dir / f"reading-time-{name}-{viewport}.png"), full_page=False)
    shown = page.locator(".reading-time" if url else ".reading-path__time")
    assert shown.count() == 1 and shown.is_visible()
    box = shown.bounding_box()
    above = page.locator("article h1" if url else ".reading-path").bounding_box()
    if url:  # under the title, not on it
        assert box["y"] >= above["y"] + above["height"] - 1, (box, above)
    width = page.viewport_size["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, "the time runs off the screen"
    violations = axe(page, f"{name} ({viewport})", within=".reading-time" if url else ".reading-path")
    assert not violations, "\n".join(violations)
    assert not visit.console_errors and not visit.external_requests


@pytest.mark.parametrize("url", ["", "marketing/"])
def test_reading_times_keep_their_contrast_in_the_dark_scheme(open_page: OpenPage, axe, url: str) -> None:
    page = open_page(url, color_scheme="dark").page
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    violations = axe(page, f"{url or 'home'} (dark)", within=".reading-time" if url else ".reading-path")
    assert not violations, "\n".join(violations)

"""MkDocs hook: each Learn page states its reading time, and a reading path (the home page's
"Where to start") states the time of the pages it proposes, all worked out by the build from the
words readers see (hooks/reading_time.py), never typed.

- on_nav: keep the navigation, to tell Learn pages (with a self-check) from quiz pages.
- on_env: keep the template environment, to render the two partials; and, every page measured,
  fill in the size of the quiz a link goes to where its words say {posts} or {minutes}
  (the home page's "Try the {minutes}-minute quiz").
- on_page_content also fills in {posts} and {minutes} in a quiz page's `card_title`, from its quiz.
- on_page_content: measure every page. MkDocs reads and converts every page before it writes
  any, so by on_page_context every page is measured.
- on_page_context: put the reading time under a Learn page's title
  (overrides/partials/reading-time.html), and state each reading path's time at its top
  (overrides/partials/reading-path.html). A Learn page that no path on the home page links to
  says it is a reference page. Hooks run after the search plugin has read the page, so the
  times stay out of the search index.

Learn pages are the pages of the nav section called "Learn" (mkdocs.yml); tests/build/test_reading_time.py
checks that each of them states its time.
"""

from __future__ import annotations

import logging

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from reading_time import (CLAIM, PathLink, ReadingTime, fill_claims, fill_link_claims, fill_paths, insert_after_heading,
                          measure, path_links)

LEARN_SECTION = "Learn"
TIME_PARTIAL = "partials/reading-time.html"
PATH_PARTIAL = "partials/reading-path.html"

log = logging.getLogger("mkdocs.hooks.reading_time")

measured: dict[str, ReadingTime] = {}  # by page URL, for this build
templates: list[Environment] = []
navs: list[Navigation] = []


def on_pre_build(config: MkDocsConfig) -> None:
    measured.clear()  # `mkdocs serve` keeps this module between builds


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    navs[:] = [nav]
    return nav


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    templates[:] = [env]
    # Every page is measured by now, and none is written yet (nor read by the search plugin): fill
    # in the quiz sizes that links state ("Try the {minutes}-minute quiz").
    learn = learn_pages(navs[0]) if navs else {}  # their self-checks are not the page's quiz
    posts_at = {url: time.quiz_posts for url, time in measured.items() if time.has_quiz and url not in learn}
    problems = []
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.content:
            continue
        page.content, wrong = fill_link_claims(page.content, page.url, posts_at)
        problems += [f"docs/{file.src_uri}: the link to “{href}” says {{posts}} or {{minutes}} in its words, "
                     "which the build fills in from the quiz page a link goes to, but it goes to no quiz page. "
                     "Link to a quiz page, or take {posts} and {minutes} out of the link's words." for href in wrong]
    if problems:
        raise PluginError("\n".join(problems))
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    measured[page.url] = time = measure(html)
    # A quiz page's link-preview card states its quiz's size, filled in here, before
    # social_cards_hook.py draws the card (on_page_context).
    card_title = page.meta.get("card_title")
    if isinstance(card_title, str) and CLAIM.search(card_title):
        if not time.has_quiz:
            raise PluginError(f"docs/{page.file.src_uri}, line {_line_of_text(page, 'card_title:')}: card_title says "
                              "{posts} or {minutes}, which the build fills in from the page's quiz, but the page "
                              "shows no quiz. Take them out of card_title, or add the quiz to the page.")
        if time.quiz_posts:  # none: `mkdocs serve`'s box for a broken quiz, which says what to fix
            page.meta["card_title"] = fill_claims(card_title, time.quiz_posts)
    return html


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    learn = learn_pages(nav)
    if page.url in learn and page.url in measured:
        on_a_path = {link.url for path in home_paths(nav) for link in path}
        page.content = insert_after_heading(page.content, _render(
            TIME_PARTIAL, time=measured[page.url], reference=page.url not in on_a_path))
    paths = path_links(page.content or "", page.url)
    if paths:
        times, problems = zip(*(path_time(page, path, learn) for path in paths))
        if any(problems):
            raise PluginError("\n".join(problem for found in problems for problem in found))
        page.content = fill_paths(page.content, [_render(PATH_PARTIAL, **time) for time in times])
    return context


def learn_pages(nav: Navigation) -> dict[str, Page]:
    """The pages of the Learn section; none in a site without one (the tests' fixture site)."""
    sections = [item for item in nav.items if isinstance(item, Section) and item.title == LEARN_SECTION]
    return {page.url: page for section in sections for page in _pages_in(section)}


def _pages_in(section: Section) -> list[Page]:
    pages = []
    for child in section.children:
        if isinstance(child, Section):
            pages += _pages_in(child)
        elif isinstance(child, Page):
            pages.append(child)
    return pages


def home_paths(nav: Navigation) -> list[list[PathLink]]:
    home = nav.homepage
    return path_links(home.content or "", home.url) if home else []


def path_time(page: Page, path: list[PathLink], learn: dict[str, Page]) -> tuple[dict[str, int], list[str]]:
    """The time of a reading path (its Learn pages' words, quizzes aside, and its quiz posts),
    and what is wrong with its links."""
    problems = []
    total = ReadingTime(0, 0)
    for link in path:
        time = measured.get(link.url)
        if time is None or (link.url not in learn and not time.has_quiz):
            problems.append(f"docs/{page.file.src_uri}, line {_line_of(page, link.text)}: the reading path links to "
                            f"“{link.href}”, which is neither a Learn page nor a quiz page of this site. "
                            "Link only to the pages of the Learn menu and to quiz pages.")
        elif link.url in learn:
            total += time
        else:
            total += ReadingTime(0, time.quiz_posts, True)  # a quiz page: all of it is the quiz
    return {"minutes": total.minutes, "posts": total.quiz_posts}, problems


def _line_of(page: Page, link_text: str) -> int | str:
    """The line of the page's source file (front matter and all) with the link, for the message."""
    return _line_of_text(page, f"[{link_text}]")


def _line_of_text(page: Page, text: str) -> int | str:
    for number, line in enumerate(page.file.content_string.splitlines(), start=1):
        if text in line:
            return number
    return "?"


def _render(template: str, **values: object) -> str:
    return templates[0].get_template(template).render(**values).strip()

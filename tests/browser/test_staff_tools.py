"""The staff's ten minutes (issue 21): from a quiz idea to an answer link in a sales email.

- the quick start in the staff guide, followed from a clean clone: `make new-quiz`, `make serve-staff`,
  the answer link found, copied and opened in Chromium, `make publish-ids`;
- the build's messages on the way: an unknown trade once per file with the lines to add, the trades
  too short for a trade quiz, a YAML mistake that no longer hides the rest of the file;
- the sales-emails page as a tool: its finder with and without JavaScript, a copy button for each
  link, unpublished posts marked, its height, screenshots at 390 and 1280;
- short answer links (`?a=ID.mkt`) and the older `?post=ID&answer=…` both opening the post, answered.
The build's messages, the short answer form and the page without a browser:
tests/unit/test_staff_tools_without_a_browser.py.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from support.quiz_page import no_errors, post, posts_of, ready
from support.site_server import fetch_until
from sorting_quiz import published
from sorting_quiz.components.email_tools.email_snippets import ANSWER_CODES, compact_answer
from sorting_quiz.loader import load_project

try:
    from playwright.sync_api import expect
except ImportError:  # `-m "not browser"` runs without Playwright
    expect = None


ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "staff" / "writing-quizzes.md"
STAFF_PAGE = "staff/sales-emails/"
ISSUE_PAGE_HEIGHT = 37_922  # the page's height on a desktop when issue 21 was filed, in pixels


# --- the quick start, from a clean clone ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quick_start_commands() -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index("\n## Quick start\n")
    quick = text[start:text.index("\n## ", start + 1)]
    return [line.strip() for block in re.findall(r"```sh\n(.*?)```", quick, flags=re.DOTALL)
            for line in block.splitlines() if line.strip()]




@pytest.mark.browser
def test_the_quick_start_from_a_clean_clone(tmp_path: Path, browser) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    # The same pinned packages as this checkout: its .venv, left as installed (older files, no reinstall).
    (clone / ".venv").symlink_to(ROOT / ".venv")
    for name in ("requirements.txt", "pyproject.toml"):
        os.utime(clone / name, (0, 0))
    commands = quick_start_commands()
    assert commands == ["make new-quiz ID=garages TRADE=motoring", "make serve-staff"], commands
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    made = subprocess.run(commands[0].split(), cwd=clone, capture_output=True, text=True, env=env, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "Wrote quizzes/garages.yml, with two example posts." in made.stdout
    assert "Added the trade `motoring` to includes/trades.yml" in made.stdout
    assert "Next:" in made.stdout and "make serve-staff" in made.stdout
    again = subprocess.run(commands[0].split(), cwd=clone, capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode != 0 and "quizzes/garages.yml already exists" in again.stderr, "it never overwrites"

    port = free_port()
    server = subprocess.Popen([*commands[1].split(), f"STAFF_PORT={port}"], cwd=clone, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        fetch_until(base + "quizzes/garages/", 'data-quiz="garages"', seconds=180)
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, locale="en-GB")
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = context.new_page()
        page.goto(base + STAFF_PAGE)
        expect(page.locator(".email-snippets__site")).to_contain_text(f"{base}, this preview")
        page.get_by_label("Find a post by quiz, trade, account or words").fill("garages")
        expect(page.locator(".email-finder__count")).to_have_text("2 of " + str(
            page.locator(".email-finder__list li").count()) + " posts match:")
        entry = page.locator('section.email-snippet[data-snippet="garages-example-offer"]')
        expect(entry).to_be_visible()
        expect(entry.locator(".email-snippet__unpublished")).to_contain_text("Not published yet")
        expect(page.locator('section.email-snippet[data-snippet="b-bakery-lemon-loaf"]')).to_be_hidden()
        entry.get_by_role("button", name="Copy link: Marketing answer").click()
        expect(entry.locator(".email-snippet__status")).to_have_text("Copied the link: Marketing answer.")
        link = page.evaluate("navigator.clipboard.readText()")
        assert link.startswith(base + "quizzes/garages/?a=garages-example-offer.mkt&"), link
        page.goto(link)
        ready(page)
        feedback = post(page, "garages-example-offer").locator(".quiz-post__feedback")
        expect(feedback).to_be_visible()
        expect(feedback.locator(".quiz-post__verdict-line")).to_have_text(re.compile("Right: it’s marketing"))
        context.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "The trade `motoring` has 2 posts, too few for a trade quiz: add 6 more" in output, output
    assert "not included in the" not in output, "the staff pages are in the menu"
    assert "Traceback" not in output

    # --no-print-directory: under `make test`, make's "Entering directory" lines would join the output.
    sent = subprocess.run(["make", "--no-print-directory", "publish-ids"], cwd=clone, capture_output=True,
                          text=True, env=env, timeout=120)
    assert sent.returncode == 0, sent.stdout + sent.stderr
    assert sent.stdout.strip() == ("Added or filled in 2 lines of quizzes/published-posts.txt: "
                                   "garages-example-offer garages quizzes/garages/, "
                                   "garages-example-thanks garages quizzes/garages/")
    # Now the link is protected: renaming the post stops the build.
    quiz = clone / "quizzes" / "garages.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("garages-example-offer", "garages-offer"))
    stopped = published.check(clone, load_project(clone))
    assert len(stopped) == 1 and "`garages-example-offer` is in no quiz any more" in stopped[0], stopped


# --- in Chromium: the sales-emails page and the answer links ----------------------------------------


@pytest.fixture
def staff_page(open_page, staff_site_url: str):
    def _open(path: str = STAFF_PAGE, **options):
        return open_page(path, base_url=staff_site_url, **options)
    return _open


@pytest.mark.parametrize("form", ["short", "old"])
def test_short_and_old_answer_links_open_the_post_with_the_answer_shown(staff_page, form: str) -> None:
    first = staff_page("quizzes/basics/")
    posts = posts_of(first.page)
    first.context.close()
    for post_id, right in posts[:2]:
        for answer in ANSWER_CODES:
            query = (f"a={compact_answer(post_id, answer)}" if form == "short" else f"post={post_id}&answer={answer}")
            visit = staff_page(f"quizzes/basics/?{query}&utm_source=sales-email&utm_campaign=x#post-{post_id}",
                               viewport="phone")
            page = visit.page
            ready(page)
            feedback = post(page, post_id).locator(".quiz-post__feedback")
            expect(feedback).to_be_in_viewport()
            verdict = "Right" if answer == right else "Not quite"
            expect(feedback.locator(".quiz-post__verdict-line")).to_contain_text(f"{verdict}: it’s {right}.")
            left = parse_qs(urlsplit(page.url).query)
            assert set(left) == {"utm_source", "utm_campaign"}, page.url  # the link forgotten, the tags kept
            no_errors(visit)
            visit.context.close()


def test_a_short_link_without_javascript_still_lands_on_its_post(staff_page) -> None:
    visit = staff_page("quizzes/basics/?a=b-bakery-lemon-loaf.mkt#post-b-bakery-lemon-loaf", javascript=False)
    expect(post(visit.page, "b-bakery-lemon-loaf")).to_be_in_viewport()


def test_without_javascript_the_finder_is_a_list_of_every_post_linked_to_its_snippet(staff_page) -> None:
    visit = staff_page(javascript=False)
    page = visit.page
    expect(page.locator(".email-finder__search")).to_be_hidden()
    items = page.locator(".email-finder__list li")
    sections = page.locator("section.email-snippet")
    assert items.count() == sections.count() > 0
    targets = items.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ids = sections.evaluate_all("items => items.map(s => '#' + s.id)")
    assert targets == ids
    items.nth(3).locator("a").click()
    expect(sections.nth(3).locator("h3")).to_be_in_viewport()
    texts = items.all_inner_texts()
    assert all(re.search(r"Quiz: .+ · id \S+", text) for text in texts), texts[:3]
    assert len(set(texts)) == len(texts), "every entry reads differently"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_finder_filters_by_quiz_trade_account_or_words(staff_page, screenshot_dir: Path, viewport: str) -> None:
    visit = staff_page(viewport=viewport)
    page = visit.page
    width = {"phone": 390, "desktop": 1280}[viewport]
    box = page.get_by_label("Find a post by quiz, trade, account or words")
    total = page.locator(".email-finder__list li").count()
    expect(page.locator(".email-finder__count")).to_have_text(f"{total} posts:")
    height = page.evaluate("document.documentElement.scrollHeight")
    if viewport == "desktop":
        assert height < ISSUE_PAGE_HEIGHT / 2, f"the page is {height}px tall"
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / f"sales-emails-finder-{width}.png"))

    sections = page.locator("section.email-snippet")
    first = sections.first
    account = first.get_attribute("data-find")
    for words in ("oak lane lemon", "Basics bakery", "food and drink", "b-bakery-lemon-loaf"):
        box.fill(words)
        shown = page.locator("section.email-snippet:visible")
        assert shown.count() >= 1, words
        expect(page.locator(".email-finder__count")).to_have_text(
            f"{page.locator('.email-finder__list li:visible').count()} of {total} posts match:")
        for index in range(shown.count()):
            found = shown.nth(index).get_attribute("data-find")
            assert all(word in found for word in words.lower().split()), (words, found)
    box.fill("oak lane lemon")
    expect(page.locator("section.email-snippet:visible")).to_have_count(
        sum("oak lane" in s and "lemon" in s for s in sections.evaluate_all("s => s.map(x => x.dataset.find)")))
    page.screenshot(path=str(screenshot_dir / f"sales-emails-found-{width}.png"))
    box.fill("no such post anywhere")
    expect(page.locator(".email-finder__count")).to_have_text(f"0 of {total} posts match:")
    expect(page.locator(".email-snippets__group:visible")).to_have_count(0)
    box.fill("")
    expect(sections.filter(visible=True)).to_have_count(total)
    assert account
    no_errors(visit)


def test_each_link_has_its_own_copy_button(staff_page, staff_site_url: str) -> None:
    visit = staff_page()
    visit.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=staff_site_url.rstrip("/"))
    page = visit.page
    entry = page.locator("section.email-snippet").nth(1)
    for label in ("Marketing answer", "Management answer", "Whole quiz"):
        button = entry.get_by_role("button", name=f"Copy link: {label}")
        box = button.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, box
        button.click()
        expect(entry.locator(".email-snippet__status")).to_have_text(f"Copied the link: {label}.")
        href = entry.get_by_role("link", name=label).get_attribute("href")
        assert page.evaluate("navigator.clipboard.readText()") == href
    no_errors(visit)

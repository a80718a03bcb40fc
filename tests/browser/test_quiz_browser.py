"""The quiz in a real browser (Chromium, through Playwright): what a reader notices.

Sorting by mouse, by dragging, by touch and by keyboard; the result; saved progress; answer
links from emails; instant navigation; no JavaScript; print; dark mode; reduced motion.
Every test also checks that the page logged no console errors.

The quizzes are the fixtures in tests/fixtures/, built into a site of their own (quiz_site in
tests/conftest.py, pages in tests/support/projects.py), so these tests never depend on the editorial
quizzes in quizzes/.
The script's source (no inline handlers, no innerHTML): tests/unit/test_quiz_script_source.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

try:
    from playwright.sync_api import Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Page = expect = None

from support.projects import FIXTURES, build_or_fail, fixture_project
from support.site_server import serve_site
from support.quiz_page import (CHOICE, answer_without_javascript, assert_focus_ring_visible, button, covered_controls,
                       drag_with_mouse, inert_lookalikes, no_errors, post, posts_of, ready, settle, tab_to,
                       unobstructed)
from sorting_quiz.components.email_tools.email_snippets import read_compact_answer

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "hooks" / "sorting_quiz" / "components" / "quiz"

QUIZ = "quizzes/sorting-basics/"  # tests/fixtures/sorting-basics.yml, on its own page
EVERY_KIND = "quizzes/every-kind/"  # tests/fixtures/every-kind.yml
SELF_CHECK = "self-check/"  # three posts of sorting-basics
OTHER = {"marketing": "management", "management": "marketing"}


@pytest.fixture(scope="session")
def site_url(quiz_site_url: str) -> str:
    """Every page these tests open (open_page, in tests/conftest.py) is on the fixture quiz site."""
    return quiz_site_url


# --- helpers ----------------------------------------------------------------------------------


def open_quiz(open_page, path: str, **options):
    """Opens a quiz page, waits for the script, and returns (visit, page, [(post id, answer)])."""
    visit = open_page(path, **options)
    ready(visit.page)
    return visit, visit.page, posts_of(visit.page)


def storage_key(page: Page) -> str:
    quiz = page.locator("section.quiz").first
    return f"sorting-quiz:{quiz.get_attribute('data-quiz')}:{quiz.get_attribute('data-quiz-version')}"


def count(page: Page, bucket: str):
    return page.locator(f'.quiz__bucket[data-bucket="{bucket}"] .quiz__bucket-count').first


def in_viewport(page: Page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] < size["height"] and box["y"] + box["height"] > 0


def answered_right(page: Page, post_id: str, answer: str) -> None:
    """Checks the feedback a reader sees after choosing `answer` for a post."""
    right = dict(posts_of(page))[post_id]
    feedback = post(page, post_id).locator(".quiz-post__feedback")
    expect(feedback).to_be_visible()
    verdict = f"✓ ?Right: it’s {right}." if answer == right else f"✗ ?Not quite: it’s {right}."
    expect(feedback.locator(".quiz-post__verdict-line")).to_have_text(re.compile(f"^{verdict}$"))
    expect(button(page, post_id, answer)).to_have_attribute("aria-pressed", "true")
    expect(button(page, post_id, OTHER[answer])).to_have_attribute("aria-pressed", "false")
    for answer_ in OTHER:
        expect(button(page, post_id, answer_)).to_have_attribute("aria-disabled", "true")


def fixture_quiz(name: str) -> dict:
    return yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))


# --- enhancement ------------------------------------------------------------------------------


def test_the_script_turns_the_radios_into_buttons_buckets_and_progress(open_page) -> None:
    visit = open_page(QUIZ)
    page = visit.page
    ready(page)
    quiz = page.locator("section.quiz").first
    total = len(posts_of(page))
    for shown in (".quiz__buckets", ".quiz__progress", ".quiz__how--enhanced"):
        expect(quiz.locator(shown)).to_be_visible()
    for hidden in (".quiz__how--static", ".quiz__result", ".quiz__key"):
        expect(quiz.locator(hidden)).to_be_hidden()
    expect(quiz.locator(".quiz__progress")).to_have_text(f"0 of {total} sorted")
    expect(quiz.locator(".quiz-post__buttons:visible")).to_have_count(total)
    expect(quiz.locator(".quiz-post__choices:visible")).to_have_count(0)
    expect(quiz.locator(".quiz-post__answer:visible")).to_have_count(0)
    expect(quiz.locator(".quiz-post__feedback:visible")).to_have_count(0)
    expect(quiz.locator(".quiz-post__grip[aria-hidden=true]")).to_have_count(total)
    expect(count(page, "marketing")).to_have_text("0")
    # Buttons are real buttons, at least 44px tall, and not yet pressed or locked.
    for handle in quiz.locator(CHOICE).element_handles():
        box = handle.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
        assert handle.get_attribute("aria-disabled") is None and handle.get_attribute("aria-pressed") is None
    no_errors(visit)


# --- finishing a quiz -------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", [QUIZ, EVERY_KIND])
def test_finish_by_clicking_scores_each_bucket_and_lists_the_missed_posts(open_page, path: str,
                                                                           viewport: str) -> None:
    visit, page, posts = open_quiz(open_page, path, viewport=viewport)
    total = len(posts)
    # Get one marketing post and one management post wrong on purpose.
    wrong = {next(p for p, a in posts if a == "marketing"), next(p for p, a in posts if a == "management")}
    chosen = {p: OTHER[a] if p in wrong else a for p, a in posts}

    for number, (post_id, _) in enumerate(posts, start=1):
        button(page, post_id, chosen[post_id]).click()
        answered_right(page, post_id, chosen[post_id])
        if number < total:
            # Locked: the other button does nothing now.
            button(page, post_id, OTHER[chosen[post_id]]).click(force=True)
            answered_right(page, post_id, chosen[post_id])
            expect(page.locator(".quiz__progress")).to_have_text(f"{number} of {total} sorted")
            expect(page.locator(".quiz__status")).to_contain_text(f"Post {number}: ")
            expect(page.locator(".quiz__status")).to_contain_text(f"{number} of {total} sorted.")
            expect(page.locator(".quiz__result")).to_be_hidden()
    for bucket in OTHER:
        expect(count(page, bucket)).to_have_text(str(sum(a == bucket for a in chosen.values())))

    result = page.locator(".quiz__result")
    expect(result).to_be_visible()
    expect(result).to_be_focused()
    expect(result.locator(".quiz__score")).to_have_text(f"You got {total - 2} of {total} right")
    for bucket in OTHER:
        of = [p for p, a in posts if a == bucket]
        expect(result).to_contain_text(f"{bucket.capitalize()} posts: {len(of) - 1} of {len(of)} right")
    expect(page.locator(".quiz__status")).to_contain_text(f"You got {total - 2} of {total} right.")
    missed = result.locator(".quiz__missed a")
    expect(missed).to_have_count(2)
    assert {link.get_attribute("href") for link in missed.element_handles()} == {f"#post-{p}" for p in wrong}

    # Following a missed post's link shows that post, with its feedback.
    first_missed = missed.first
    target = first_missed.get_attribute("href")[1:]
    first_missed.click()
    expect(page).to_have_url(re.compile(f"#{target}$"))
    expect(page.locator(f"#{target} .quiz-post__feedback")).to_be_in_viewport()
    expect(page.locator(f"#{target} .quiz-post__choice").first).to_be_focused()  # keyboard users land there too
    no_errors(visit)


def test_try_again_clears_the_answers_and_shuffles_the_posts(open_page) -> None:
    visit = open_page(QUIZ)
    page = visit.page
    ready(page)
    before = posts_of(page)
    for post_id, answer in before:
        button(page, post_id, answer).click()
    expect(page.locator(".quiz__score")).to_have_text(f"You got {len(before)} of {len(before)} right")
    expect(page.locator(".quiz__missed")).to_have_count(0)
    expect(page.locator(".quiz__result")).to_contain_text("Well done")

    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".quiz__result")).to_be_hidden()
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(before)} sorted")
    expect(page.locator(".quiz-post__feedback:visible")).to_have_count(0)
    expect(page.locator(f"{CHOICE}[aria-disabled]")).to_have_count(0)
    expect(page.locator(f"{CHOICE}[aria-pressed]")).to_have_count(0)
    expect(count(page, "marketing")).to_have_text("0")
    expect(page.locator(".quiz__status")).to_have_text("Answers cleared. The posts are in a new order.")
    assert page.evaluate("key => localStorage.getItem(key)", storage_key(page)) is None

    after = posts_of(page)
    assert sorted(after) == sorted(before) and after != before, "the posts were not shuffled"
    # Numbers follow the new order, and the printed key follows the posts.
    questions = page.locator(".quiz-post__buttons .quiz-post__question").all_inner_texts()
    assert questions == [f"Post {n}: marketing or management?" for n in range(1, len(after) + 1)]
    legends = page.locator(".quiz-post__choices legend").all_text_contents()
    assert legends == questions
    key = page.locator(".quiz__key li > strong:first-child").all_text_contents()
    assert key == [f"{a.capitalize()}." for _, a in after]
    assert page.locator(".quiz__key li").evaluate_all("items => items.map(item => item.dataset.post)") == [
        post_id for post_id, _ in after]
    # Focus goes to the first post's first button, ready to start again.
    expect(page.locator(f"#post-{after[0][0]} {CHOICE}").first).to_be_focused()
    no_errors(visit)


def test_share_copies_the_clean_quiz_address(open_page, site_url: str) -> None:
    visit = open_page(QUIZ + "?utm_source=sales-email&post=nope#post-nope")
    page = visit.page
    visit.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    ready(page)
    page.evaluate("delete Navigator.prototype.share")  # a desktop browser with no share sheet
    for post_id, answer in posts_of(page):
        button(page, post_id, answer).click()
    page.get_by_role("button", name="Share this quiz").click()
    expect(page.locator(".quiz__status")).to_have_text("Link copied")
    expect(page.locator(".quiz__status")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == site_url + QUIZ
    no_errors(visit)


def test_share_uses_the_phone_share_sheet(open_page, site_url: str) -> None:
    visit = open_page(QUIZ + "?utm_campaign=x", viewport="phone")
    page = visit.page
    page.evaluate("""() => {
      window.shared = [];
      navigator.share = data => { window.shared.push(data); return Promise.resolve(); };
    }""")
    ready(page)
    for post_id, answer in posts_of(page):
        button(page, post_id, answer).tap()
    page.get_by_role("button", name="Share this quiz").tap()
    shared = page.evaluate("window.shared")
    assert len(shared) == 1 and shared[0]["url"] == site_url + QUIZ, shared
    assert shared[0]["title"], shared
    no_errors(visit)


# --- the feedback, posts with no words, self-checks --------------------------------------------


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_feedback_starts_with_the_worked_test_then_says_right_or_not_then_why(open_page, viewport: str) -> None:
    visit, page, posts = open_quiz(open_page, QUIZ, viewport=viewport)
    source = {entry["id"]: entry for entry in fixture_quiz("sorting-basics")["posts"]}
    for (post_id, answer), chosen in zip(posts[:2], (posts[0][1], OTHER[posts[1][1]])):
        button(page, post_id, chosen).click()
        feedback = post(page, post_id).locator(".quiz-post__feedback")
        expect(feedback).to_be_visible()
        parts = feedback.evaluate("el => [...el.children].map(child => child.className)")
        assert parts == ["quiz-post__test", "quiz-post__verdict-line", "quiz-post__explanation"], parts
        expect(feedback.locator(":scope > .quiz-post__test")).to_have_text(
            re.compile(r"^Paid to show it\? (Yes|No)\b.* Puts what it sells in front of people\? (Yes|No)\b"))
        verdict = "Right:" if chosen == answer else "Not quite:"
        expect(feedback.locator(".quiz-post__verdict-line")).to_contain_text(verdict)
        # Said once each: the worked test is not repeated in the explanation, nor the verdict.
        why = feedback.locator(":scope > .quiz-post__explanation")
        expect(why.locator(".quiz-post__test, .quiz-post__verdict")).to_have_count(0)
        expect(why).to_contain_text(" ".join(source[post_id]["explanation"].split()))
    no_errors(visit)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_like_with_no_words_is_listed_to_look_again_by_what_the_business_did(open_page, viewport: str) -> None:
    visit, page, posts = open_quiz(open_page, EVERY_KIND, viewport=viewport)
    like = next(entry for entry in fixture_quiz("every-kind")["posts"] if entry.get("kind") == "like")
    assert "text" not in like
    expect(post(page, like["id"]).locator(".quiz-post__text")).to_have_count(0)
    action = post(page, like["id"]).locator(".quiz-post__action").text_content().strip()
    assert action.startswith("Liked a ") and like["original"]["account"] in action, action
    for post_id, answer in posts:
        button(page, post_id, OTHER[answer] if post_id == like["id"] else answer).click()
    number = [post_id for post_id, _ in posts].index(like["id"]) + 1
    missed = page.locator(".quiz__missed a")
    expect(missed).to_have_count(1)
    expect(missed).to_have_text(f"Post {number}: {action}")
    expect(missed).to_have_attribute("href", f"#post-{like['id']}")
    no_errors(visit)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_self_check_keeps_its_progress_apart_from_the_whole_quiz(open_page, viewport: str) -> None:
    visit, page, checks = open_quiz(open_page, SELF_CHECK, viewport=viewport)
    section = page.locator("section.quiz").first
    check_id = section.get_attribute("data-quiz")
    assert re.fullmatch(r"sorting-basics--check-[0-9a-f]+", check_id), check_id
    assert [post_id for post_id, _ in checks] == ["fb-salon-offer", "fb-plumber-reply", "fb-vet-ad"]
    button(page, checks[0][0], checks[0][1]).click()
    expect(page.locator(".quiz__progress")).to_have_text("1 of 3 sorted")
    saved = {key: json.loads(value) for key, value in page.evaluate(
        "Object.entries(localStorage).filter(([key]) => key.startsWith('sorting-quiz:'))")}
    assert saved == {storage_key(page): {checks[0][0]: checks[0][1]}}, saved
    assert storage_key(page).startswith(f"sorting-quiz:{check_id}:")

    # The whole quiz, in the same browser: nothing answered yet; answering there leaves the check be.
    page.goto(page.url.replace(SELF_CHECK, QUIZ))
    ready(page, "sorting-basics")
    posts = posts_of(page)
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(posts)} sorted")
    expect(post(page, checks[0][0]).locator(".quiz-post__feedback")).to_be_hidden()
    for post_id, answer in posts[:2]:
        button(page, post_id, answer).click()
    page.goto(page.url.replace(QUIZ, SELF_CHECK))
    ready(page, check_id)
    expect(page.locator(".quiz__progress")).to_have_text("1 of 3 sorted")
    answered_right(page, checks[0][0], checks[0][1])
    # Finishing the check scores three posts, and clearing it clears only the check.
    for post_id, answer in checks[1:]:
        button(page, post_id, answer).click()
    expect(page.locator(".quiz__score")).to_have_text("You got 3 of 3 right")
    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".quiz__progress")).to_have_text("0 of 3 sorted")
    page.goto(page.url.replace(SELF_CHECK, QUIZ))
    ready(page, "sorting-basics")
    expect(page.locator(".quiz__progress")).to_have_text(f"2 of {len(posts)} sorted")
    no_errors(visit)


# --- dragging ---------------------------------------------------------------------------------


def test_drag_a_post_into_a_bucket_with_the_mouse(open_page) -> None:
    visit, page, posts = open_quiz(open_page, QUIZ)
    buckets = {b: page.locator(f'.quiz__bucket[data-bucket="{b}"]') for b in OTHER}

    # Right: the first post dragged by its text into its own bucket.
    first, first_answer = posts[0]
    post(page, first).scroll_into_view_if_needed()
    drag_with_mouse(page, post(page, first).locator(".quiz-post__text"), buckets[first_answer])
    answered_right(page, first, first_answer)
    expect(count(page, first_answer)).to_have_text("1")
    # The card goes back in its place.
    assert post(page, first).locator(".quiz-post__card").evaluate("el => el.style.transform") == ""

    # Wrong: a post further down, dragged by its header into the other bucket.
    third, third_answer = posts[2]
    post(page, third).scroll_into_view_if_needed()
    drag_with_mouse(page, post(page, third).locator(".quiz-post__account"), buckets[OTHER[third_answer]])
    answered_right(page, third, OTHER[third_answer])
    expect(page.locator(".quiz__progress")).to_have_text(f"2 of {len(posts)} sorted")

    # Dropped anywhere else: nothing happens. Dragging an answered post: nothing happens.
    second = posts[1][0]
    drag_with_mouse(page, post(page, second).locator(".quiz-post__text"), page.locator(".quiz__how--enhanced"))
    expect(post(page, second).locator(".quiz-post__feedback")).to_be_hidden()
    drag_with_mouse(page, post(page, third).locator(".quiz-post__text"), buckets[third_answer])
    answered_right(page, third, OTHER[third_answer])
    expect(page.locator(".quiz__progress")).to_have_text(f"2 of {len(posts)} sorted")
    expect(page.locator(".quiz__bucket--over")).to_have_count(0)
    expect(page.locator(".quiz-post--dragging")).to_have_count(0)

    # A click on a bucket is not lost: it sorts the open post in view.
    fourth, fourth_answer = posts[3]
    page.evaluate("id => document.getElementById(id).scrollIntoView()", f"post-{fourth}")
    expect(post(page, fourth).locator(".quiz-post__card")).to_be_in_viewport()
    buckets[fourth_answer].click()
    answered_right(page, fourth, fourth_answer)
    expect(post(page, second).locator(".quiz-post__feedback")).to_be_hidden()
    unobstructed(page, "after a click on a bucket")
    no_errors(visit)


# --- a phone: taps, a touch drag from the grip, the buckets in reach -------------------------


def test_a_phone_sorts_by_tapping_with_the_progress_line_in_view_at_the_top(open_page) -> None:
    visit, page, posts = open_quiz(open_page, QUIZ, viewport="phone")
    size = page.viewport_size

    # Nothing spills sideways at 390px, nor at 320px.
    for width in (390, 320):
        page.set_viewport_size({"width": width, "height": size["height"]})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size(size)

    # A touch screen answers with the buttons: no buckets or grips that look like something to tap
    # and do nothing, and the words say nothing about dragging.
    quiz = page.locator("section.quiz").first
    for gone in (".quiz__bucket", ".quiz-post__grip", ".quiz__how-drag"):
        expect(quiz.locator(f"{gone}:visible")).to_have_count(0)
    assert re.match(r"10 posts, about \d+ minutes?\. Choose Marketing or Management under each post\. Each answer",
                    quiz.locator(".quiz__how--enhanced").inner_text())

    for number, (post_id, answer) in enumerate(posts[:3], start=1):
        button(page, post_id, answer).tap()
        answered_right(page, post_id, answer)
        expect(page.locator(".quiz__progress")).to_have_text(f"{number} of {len(posts)} sorted")
    expect(page.locator(".quiz__jump")).to_have_text(f"3 of {len(posts)} sorted · 3 right")

    # Deep in the quiz, the progress line stays just under the header, and links to the next open post.
    page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})", f"post-{posts[7][0]}")
    header = page.locator(".md-header").bounding_box()
    line = page.locator(".quiz__jump").bounding_box()
    assert header["y"] + header["height"] <= line["y"] <= header["y"] + header["height"] + 20, (header, line)
    page.locator(".quiz__jump").tap()
    expect(page.locator(f"#post-{posts[3][0]} {CHOICE}").first).to_be_focused()
    expect(page.locator(f"#post-{posts[3][0]} .quiz-post__buttons")).to_be_in_viewport()

    for number, (post_id, answer) in enumerate(posts[3:], start=4):
        button(page, post_id, OTHER[answer]).tap()
        expect(page.locator(".quiz__progress")).to_have_text(f"{number} of {len(posts)} sorted")
    expect(page.locator(".quiz__result")).to_be_visible()
    expect(page.locator(".quiz__score")).to_have_text(f"You got 3 of {len(posts)} right")
    no_errors(visit)


# What sticks out past the right (or left) edge of the screen, inside the quiz or its bar.
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('section.quiz, section.quiz *')]
  .filter(el => el.getClientRects().length)
  .map(el => ({el: el.className || el.tagName, box: el.getBoundingClientRect()}))
  .filter(({box}) => box.left < -0.5 || box.right > innerWidth + 0.5)
  .map(({el, box}) => `${el}: ${Math.round(box.left)}-${Math.round(box.right)}`)"""


@pytest.mark.parametrize("touch", [True, False], ids=["touch", "mouse"])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_nothing_in_the_quiz_is_wider_than_the_screen(open_page, screenshot_dir: Path, width: int,
                                                     touch: bool) -> None:
    """A phone-sized window with a mouse (a narrow desktop window, a phone with a mouse) once had the
    buckets and the progress line side by side, wider than the screen: the progress was cut off and
    the page zoomed out, its layout viewport taller than the screen."""
    visit = open_page(QUIZ, viewport="desktop" if width > 1000 else "phone", touch=touch)
    page = visit.page
    height = page.viewport_size["height"]
    page.set_viewport_size({"width": width, "height": height})
    page.reload()
    ready(page)
    bar = page.locator(".quiz__bar").first
    kept = bar.bounding_box()["height"]

    def fits(when: str) -> None:
        screen = page.evaluate("() => [innerWidth, innerHeight, document.documentElement.scrollWidth]")
        assert screen == [width, height, width], f"{when}: the page grew to {screen}, the screen is {width}x{height}"
        assert page.evaluate(WIDER_THAN_THE_SCREEN) == [], when
        assert bar.bounding_box()["height"] == kept, f"{when}: the bar changed height"

    fits("untouched")
    posts = posts_of(page)
    for post_id, answer in posts:  # the longest progress line: "10 of 10 sorted · 10 right"
        button(page, post_id, answer).click()
    expect(page.locator(".quiz__jump")).to_have_text(f"{len(posts)} of {len(posts)} sorted · {len(posts)} right")
    expect(page.locator(".quiz__result")).to_be_visible()
    fits("finished")
    # Buckets show only where they fit and a mouse can drag to them; shown, a click on one acts.
    buckets = page.locator(".quiz__bucket:visible")
    expect(buckets).to_have_count(2 if width == 1280 and not touch else 0)
    page.evaluate("() => scrollTo(0, 0)")
    page.screenshot(path=screenshot_dir / f"quiz-fits-{width}-{'touch' if touch else 'mouse'}.png")
    no_errors(visit)


# --- keyboard alone ---------------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
  return {
    classes: el.className, tag: el.tagName, disabled: el.getAttribute('aria-disabled'),
    post: el.closest('.quiz-post')?.dataset.post || null, value: el.value || null,
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    top: box.top, bottom: box.bottom,
  };
}"""


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_keyboard_alone_finishes_the_quiz_with_focus_always_visible(open_page, viewport: str) -> None:
    visit = open_page(QUIZ, viewport=viewport, touch=False)
    page = visit.page
    ready(page)
    posts = dict(posts_of(page))
    height = page.viewport_size["height"]
    keys = ["Enter", "Space"]
    score = 0
    for number in range(len(posts)):
        focused = tab_to(page, FOCUSED, lambda f: "quiz-post__choice" in f["classes"] and f["disabled"] is None)
        assert focused["outline"], f"no visible focus on {focused}"
        # Not hidden behind the header or the sticky bar, once the browser has scrolled to it
        # (it may still be scrolling when Tab returns).
        try:
            page.wait_for_function("() => { const b = document.activeElement.getBoundingClientRect();"
                                   " return b.top >= 0 && b.bottom <= innerHeight + 1; }", timeout=3000)
        except Exception:
            pass  # the assertion below says where it stayed
        focused = page.evaluate(FOCUSED)
        bar = page.locator(".quiz__bar").bounding_box()
        assert focused["top"] >= 0 and focused["bottom"] <= height + 1, (
            focused, page.evaluate("() => ({scrollY, innerHeight, innerWidth})"))
        assert focused["bottom"] <= bar["y"] or focused["top"] >= bar["y"] + bar["height"], (focused, bar)
        page.keyboard.press(keys[number % 2])
        answered_right(page, focused["post"], focused["value"])
        score += posts[focused["post"]] == focused["value"]
        if number < len(posts) - 1:
            after = page.evaluate(FOCUSED)
            assert after["post"] == focused["post"] and after["outline"], "focus moved away from the button"
    result = page.locator(".quiz__result")
    expect(result).to_be_focused()
    expect(result.locator(".quiz__score")).to_have_text(f"You got {score} of {len(posts)} right")
    # On to "Try again", and Enter starts again with focus on the first post.
    focused = tab_to(page, FOCUSED, lambda f: "quiz__again" in f["classes"], limit=10)
    assert focused["outline"]
    page.keyboard.press("Enter")
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(posts)} sorted")
    focused = page.evaluate(FOCUSED)
    assert "quiz-post__choice" in focused["classes"] and focused["post"] == posts_of(page)[0][0]
    no_errors(visit)


# --- without JavaScript -----------------------------------------------------------------------


def test_without_javascript_the_radios_and_show_the_answer_work(open_page) -> None:
    visit = open_page(QUIZ, javascript=False)
    page = visit.page
    quiz = page.locator("section.quiz").first
    expect(quiz).not_to_have_class(re.compile("quiz--ready"))
    for hidden in (".quiz__buckets", ".quiz__progress", ".quiz__how--enhanced", ".quiz__result", ".quiz__key"):
        expect(quiz.locator(hidden)).to_be_hidden()
    expect(quiz.locator(".quiz-post__buttons:visible")).to_have_count(0)
    expect(quiz.locator(".quiz__how--static")).to_be_visible()

    post_id, answer = posts_of(page)[1]
    expect(post(page, post_id).locator(".quiz-post__choices")).to_be_visible()
    answer_without_javascript(page, post_id, answer)
    no_errors(visit)


# --- saved progress ---------------------------------------------------------------------------


def test_progress_survives_a_reload_without_stealing_focus(open_page) -> None:
    visit, page, posts = open_quiz(open_page, QUIZ)
    choices = {posts[0][0]: posts[0][1], posts[1][0]: OTHER[posts[1][1]], posts[2][0]: posts[2][1]}
    for post_id, answer in choices.items():
        button(page, post_id, answer).click()
    assert json.loads(page.evaluate("key => localStorage.getItem(key)", storage_key(page))) == choices

    page.reload()
    ready(page)
    for post_id, answer in choices.items():
        answered_right(page, post_id, answer)
    expect(page.locator(".quiz__progress")).to_have_text(f"3 of {len(posts)} sorted")
    for bucket in OTHER:
        expect(count(page, bucket)).to_have_text(str(sum(a == bucket for a in choices.values())))
    assert page.evaluate("document.activeElement === document.body")
    # The rest of the quiz still works, and finishing restores the result after a reload too.
    for post_id, answer in posts[3:]:
        button(page, post_id, answer).click()
    expect(page.locator(".quiz__score")).to_have_text(f"You got {len(posts) - 1} of {len(posts)} right")
    page.reload()
    ready(page)
    expect(page.locator(".quiz__score")).to_have_text(f"You got {len(posts) - 1} of {len(posts)} right")
    assert page.evaluate("document.activeElement === document.body")
    no_errors(visit)


@pytest.mark.parametrize("saved", [
    "not json {",
    "null",
    "42",
    '"marketing"',
    "[]",
    '{"no-such-post": "marketing", "FIRST": "maybe", "SECOND": 1, "__proto__": "management"}',
])
def test_garbage_in_storage_is_ignored(open_page, saved: str) -> None:
    visit, page, posts = open_quiz(open_page, QUIZ)
    saved = saved.replace("FIRST", posts[0][0]).replace("SECOND", posts[1][0])
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [storage_key(page), saved])
    page.reload()
    ready(page)
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(posts)} sorted")
    button(page, posts[0][0], posts[0][1]).click()
    answered_right(page, posts[0][0], posts[0][1])
    no_errors(visit)


def test_answers_saved_for_an_older_version_of_the_quiz_are_dropped(open_page) -> None:
    visit, page, posts = open_quiz(open_page, QUIZ)
    quiz_id = page.locator("section.quiz").first.get_attribute("data-quiz")
    old_key = f"sorting-quiz:{quiz_id}:0123456789ab"
    other_quiz = "sorting-quiz:some-other-quiz:0123456789ab"
    page.evaluate("([keys, value]) => keys.forEach(key => localStorage.setItem(key, value))",
                  [[old_key, other_quiz], json.dumps(dict(posts))])
    page.reload()
    ready(page)
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(posts)} sorted")
    expect(page.locator(".quiz-post__feedback:visible")).to_have_count(0)
    assert page.evaluate("key => localStorage.getItem(key)", old_key) is None
    assert page.evaluate("key => localStorage.getItem(key)", other_quiz) is not None, "another quiz's answers went"
    no_errors(visit)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_quiz_works_when_storage_is_blocked(open_page, viewport: str) -> None:
    linked = fixture_quiz("sorting-basics")["posts"][0]
    visit, page, posts = open_quiz(open_page, f"{QUIZ}?post={linked['id']}&answer={linked['answer']}",
                                   block_storage=True, viewport=viewport)
    answered_right(page, linked["id"], linked["answer"])
    for post_id, answer in posts:
        if post_id != linked["id"]:
            button(page, post_id, answer).click()
    expect(page.locator(".quiz__score")).to_have_text(f"You got {len(posts)} of {len(posts)} right")
    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(posts)} sorted")
    no_errors(visit)


# --- the owner's five minutes: from an email answer link to the result and a next step -------

AGENCY = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["agency"]


def open_posts(page: Page) -> list[str]:
    return page.locator("section.quiz .quiz-post:not(.quiz-post--done)").evaluate_all(
        "items => items.map(item => item.dataset.post)")


def the_next_step_is_offered(page: Page) -> None:
    result = page.locator(".quiz__result")
    link = result.get_by_role("link", name=AGENCY["call_to_action"]["text"])
    expect(link).to_have_attribute("href", AGENCY["call_to_action"]["url"])
    expect(result.locator(".quiz__next")).to_contain_text(f"Want help with your own posts? {AGENCY['name']} can help.")
    link.scroll_into_view_if_needed()
    expect(link).to_be_in_viewport()


def test_from_an_email_link_to_the_result_and_a_retry_by_touch_with_nothing_covered(open_page) -> None:
    visit = open_page(QUIZ)
    posts = posts_of(visit.page)
    visit.context.close()
    right = dict(posts)
    ids = [post_id for post_id, _ in posts]
    middle = len(posts) // 2
    linked = ids[middle]
    # The email's wrong answer, and one more wrong on the way: two to try again.
    visit = open_page(f"{QUIZ}?utm_source=sales-email&post={linked}&answer={OTHER[right[linked]]}#post-{linked}",
                      viewport="phone")
    page = visit.page
    ready(page)
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
    expect(post(page, linked).locator(".quiz-post__feedback")).to_be_in_viewport()
    unobstructed(page, "arrived from the email")
    jump = page.locator(".quiz__jump")
    expect(jump).to_have_text(f"1 of {len(posts)} sorted · 0 right")

    def answer(post_id: str, choice: str, where: str) -> None:
        # As a reader scrolls: the post's buttons come up from the bottom of the screen.
        page.evaluate("id => document.querySelector(`#post-${id} .quiz-post__buttons`).scrollIntoView({block: 'end'})",
                      post_id)
        unobstructed(page, f"{where}: before tapping")
        button(page, post_id, choice).tap()
        expect(post(page, post_id).locator(".quiz-post__feedback")).to_be_visible()
        unobstructed(page, f"{where}: after tapping")
        expect(jump).to_be_in_viewport()  # the progress line is always in view

    wrong_on_the_way = ids[middle + 1]
    for post_id in ids[middle + 1:]:
        answer(post_id, OTHER[right[post_id]] if post_id == wrong_on_the_way else right[post_id], post_id)

    # The last post is done but the first ones are not: said right there, with a way to them.
    still_open = page.locator(".quiz__open")
    expect(still_open).to_have_text(f"{middle} posts still open: go to them")
    expect(still_open).to_be_in_viewport()
    expect(page.locator(f"#post-{ids[-1]} .quiz__open")).to_have_count(1)
    expect(page.locator(".quiz__result")).to_be_hidden()
    done = len(posts) - middle
    expect(jump).to_have_text(f"{done} of {len(posts)} sorted · {done - 2} right")
    expect(jump).to_be_in_viewport()
    expect(jump).to_have_attribute("href", f"#post-{ids[0]}")
    still_open.get_by_role("link", name="go to them").tap()
    expect(page.locator(f"#post-{ids[0]} {CHOICE}").first).to_be_focused()
    expect(page.locator(f"#post-{ids[0]} .quiz-post__buttons")).to_be_in_viewport()
    expect(still_open).to_have_count(1)
    unobstructed(page, "went to the open posts")

    for post_id in ids[:middle]:
        answer(post_id, right[post_id], post_id)
    # The result appears where the reader is: under the post answered last, not below post 10.
    result = page.locator(".quiz__result")
    expect(result).to_be_visible()
    expect(result).to_be_focused()
    expect(page.locator(f"#post-{ids[middle - 1]} .quiz__result")).to_have_count(1)
    expect(result.locator(".quiz__score")).to_be_in_viewport()
    expect(result.locator(".quiz__score")).to_have_text(f"You got {len(posts) - 2} of {len(posts)} right")
    expect(page.locator(".quiz__open")).to_have_count(0)
    unobstructed(page, "the result")
    the_next_step_is_offered(page)
    unobstructed(page, "the next step")

    # "Try again with the ones I missed" beside "Start again": only the two missed open again.
    actions = result.locator(".quiz__actions button")
    expect(actions).to_have_text(["Try again with the ones I missed", "Start again", "Share this quiz"])
    retry = result.get_by_role("button", name="Try again with the ones I missed")
    retry.scroll_into_view_if_needed()
    unobstructed(page, "the result's buttons")
    retry.tap()
    expect(page.locator(".quiz__result")).to_be_hidden()
    missed = [post_id for post_id in ids if post_id in (linked, wrong_on_the_way)]
    assert open_posts(page) == missed
    expect(page.locator(".quiz__status")).to_have_text("2 posts to try again.")
    expect(jump).to_have_text(f"{len(posts) - 2} of {len(posts)} sorted · {len(posts) - 2} right")
    expect(page.locator(f"#post-{missed[0]} {CHOICE}").first).to_be_focused()
    expect(page.locator(f"#post-{missed[0]} .quiz-post__buttons")).to_be_in_viewport()
    for post_id in ids:
        if post_id not in missed:
            answered_right(page, post_id, right[post_id])  # kept, as answered
    unobstructed(page, "trying again")
    for post_id in missed:
        answer(post_id, right[post_id], f"{post_id} again")
    expect(result).to_be_visible()
    expect(result.locator(".quiz__score")).to_have_text(f"You got {len(posts)} of {len(posts)} right")
    expect(page.locator(f"#post-{missed[-1]} .quiz__result")).to_have_count(1)
    expect(result.locator(".quiz__actions button")).to_have_text(["Try again", "Share this quiz"])
    unobstructed(page, "the second result")
    the_next_step_is_offered(page)
    no_errors(visit)


def test_by_keyboard_from_an_email_link_with_a_visible_ring_after_every_answer(open_page) -> None:
    visit = open_page(QUIZ)
    posts = posts_of(visit.page)
    visit.context.close()
    right = dict(posts)
    ids = [post_id for post_id, _ in posts]
    linked, wrong = ids[3], ids[5]  # one wrong on purpose, to try again
    visit = open_page(f"{QUIZ}?post={linked}&answer={right[linked]}#post-{linked}", touch=False)
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": 900})
    ready(page)
    unobstructed(page, "arrived")
    focused_choice = """() => {
      const el = document.activeElement;
      return {post: el.closest('.quiz-post')?.dataset.post || null, value: el.value || null,
              choice: el.matches('.quiz-post__choice:not([aria-disabled])')};
    }"""
    for number in range(len(ids) - 1):
        found = tab_to(page, focused_choice, lambda f: f["choice"])
        want = OTHER[right[found["post"]]] if found["post"] == wrong else right[found["post"]]
        if found["value"] != want:  # on to the other button
            page.keyboard.press("Tab")
            found = page.evaluate(focused_choice)
            assert found["value"] == want
        unobstructed(page, f"tabbed to {found}")
        assert_focus_ring_visible(page, f"tabbed to {found}")
        page.keyboard.press("Enter")
        expect(post(page, found["post"]).locator(".quiz-post__feedback")).to_be_visible()
        unobstructed(page, f"answered {found}")
        if page.locator(".quiz__result").is_visible():
            break
        # Focus stays on the pressed button, ringed where the ring is drawn: on the page.
        assert page.evaluate(focused_choice)["post"] == found["post"]
        assert_focus_ring_visible(page, f"answered {found}")
        if found["post"] == ids[-1]:
            # The end of the list with the first posts still open: Tab reaches "go to them".
            expect(page.locator(".quiz__open")).to_have_text("3 posts still open: go to them")
            tab_to(page, "() => document.activeElement.textContent", lambda text: text == "go to them", limit=4)
            assert_focus_ring_visible(page, "go to them")
            page.keyboard.press("Enter")
            expect(page.locator(f"#post-{ids[0]} {CHOICE}").first).to_be_focused()
            page.keyboard.press("Shift+Tab")
    result = page.locator(".quiz__result")
    expect(result).to_be_focused()
    assert_focus_ring_visible(page, "the result")
    expect(result.locator(".quiz__score")).to_have_text(f"You got {len(ids) - 1} of {len(ids)} right")
    unobstructed(page, "the result")
    retry = tab_to(page, "() => document.activeElement.textContent", lambda text: text.startswith("Try again"), limit=5)
    assert retry == "Try again with the ones I missed"
    assert_focus_ring_visible(page, "retry")
    page.keyboard.press("Enter")
    assert len(open_posts(page)) == 1
    found = page.evaluate(focused_choice)
    assert found["choice"] and found["post"] == open_posts(page)[0]
    page.keyboard.press("Enter" if found["value"] == right[found["post"]] else "Tab")
    if found["value"] != right[found["post"]]:
        page.keyboard.press("Enter")
    expect(result).to_be_focused()
    expect(result.locator(".quiz__score")).to_have_text(f"You got {len(ids)} of {len(ids)} right")
    # The next step, by keyboard.
    tab_to(page, "() => document.activeElement.matches('.quiz__result .quiz__next-link')", bool, limit=6)
    assert_focus_ring_visible(page, "the next step")
    unobstructed(page, "the next step focused")
    no_errors(visit)


def test_without_javascript_the_next_step_follows_the_quiz(open_page) -> None:
    visit = open_page(QUIZ, javascript=False, viewport="phone")
    page = visit.page
    next_step = page.locator(".quiz-holder > .quiz__next")
    expect(next_step).to_be_visible()
    link = next_step.get_by_role("link", name=AGENCY["call_to_action"]["text"])
    expect(link).to_have_attribute("href", AGENCY["call_to_action"]["url"])
    last = page.locator(".quiz-post").last.bounding_box()
    assert next_step.bounding_box()["y"] >= last["y"] + last["height"]
    # And no empty room kept for what only the script shows.
    for absent in (".quiz__bar", ".quiz__how--enhanced"):
        expect(page.locator(absent)).to_be_hidden()
    expect(page.locator(".quiz__how--static")).to_be_visible()
    expect(page.locator(".quiz-post__answer").first).to_be_visible()
    no_errors(visit)


@pytest.fixture(scope="module")
def site_without_agency(tmp_path_factory: pytest.TempPathFactory):
    """The fixture quiz site with no `extra.agency` in its mkdocs.yml."""
    project = fixture_project(tmp_path_factory.mktemp("no-agency") / "project")
    config = project / "mkdocs.yml"
    text, found = re.subn(r"(?m)^  agency:\n(?:    .*\n)+", "", config.read_text(encoding="utf-8"))
    assert found == 1 and "agency" not in yaml.safe_load(text)["extra"]
    config.write_text(text, encoding="utf-8")
    with serve_site(build_or_fail(project, project / "site")) as url:
        yield url


@pytest.mark.parametrize("javascript", [True, False])
def test_with_no_agency_set_no_next_step_shows_and_the_quiz_still_ends(open_page, site_without_agency: str,
                                                                      javascript: bool) -> None:
    visit = open_page(QUIZ, base_url=site_without_agency, javascript=javascript, viewport="phone")
    page = visit.page
    expect(page.locator(".quiz__next")).to_have_count(0)
    assert AGENCY["call_to_action"]["url"] not in page.content()
    if javascript:
        ready(page)
        for post_id, answer in posts_of(page):
            button(page, post_id, answer).tap()
        expect(page.locator(".quiz__score")).to_have_text(re.compile(r"^You got (\d+) of \1 right$"))
        expect(page.locator(".quiz__next")).to_have_count(0)
        unobstructed(page, "the result, no agency")
    no_errors(visit)


# --- no layout shift --------------------------------------------------------------------------

# Records every layout shift from the start of the page, and when quiz.js arrived.
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput)
    window.__shifts.push({value: entry.value, at: Math.round(entry.startTime), sources: entry.sources.map(s => {
      const node = s.node?.nodeType == 1 ? s.node : s.node?.parentElement;
      return {node: node?.className || node?.nodeName, inContent: !!node?.closest('.md-content'),
              was: s.previousRect.y, now: s.currentRect.y};
    })});
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", [QUIZ, SELF_CHECK])
def test_nothing_moves_when_the_script_starts(open_page, site_url: str, viewport: str, path: str) -> None:
    """quiz.js held back until the page has been drawn, as on a slow phone: what it builds takes
    room kept for it from the first paint, so no layout shift at all."""
    import time

    visit = open_page("", viewport=viewport, init_script=LAYOUT_SHIFTS)
    page = visit.page

    def slow(route) -> None:
        response = route.fetch()
        time.sleep(0.8)
        route.fulfill(response=response)

    page.route(re.compile(r"/assets/quiz/quiz\.js"), slow)
    page.goto(site_url + path)
    ready(page)
    page.wait_for_timeout(300)
    painted, arrived = page.evaluate("""() => [
      performance.getEntriesByName('first-contentful-paint')[0].startTime,
      performance.getEntriesByType('resource').find(r => r.name.includes('/assets/quiz/quiz.js')).responseEnd]""")
    assert painted < arrived, "the page was not drawn before the script ran: the test proves nothing"
    # Only the page's content: Material's header nudges its title sideways on wide screens on every
    # page, quiz or not (a shift of 0.001, no quiz part in it).
    shifts = [shift for shift in page.evaluate("window.__shifts") if any(s["inContent"] for s in shift["sources"])]
    assert shifts == []
    no_errors(visit)


# --- instant navigation, back and forward -----------------------------------------------------


def wait_for_instant_navigation(page: Page) -> None:
    """Material takes over links once it has read sitemap.xml (the test server serves one
    for its own address: see tests/conftest.py)."""
    page.wait_for_load_state("networkidle")


def test_instant_navigation_into_a_quiz_and_back_and_forward(open_page) -> None:
    visit = open_page("")
    page = visit.page
    wait_for_instant_navigation(page)
    page.evaluate("window.noReload = true")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Sorting basics").click()
    expect(page).to_have_url(re.compile(QUIZ + "$"))
    ready(page, "sorting-basics")
    assert page.evaluate("window.noReload"), "the page reloaded: instant navigation did not happen"
    posts = posts_of(page)
    first, answer = posts[0]
    button(page, first, answer).click()
    expect(page.locator(".quiz__progress")).to_have_text(f"1 of {len(posts)} sorted")

    # On to another quiz page and back: each quiz initialises once, with its own progress.
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Every kind of post").click()
    expect(page).to_have_url(re.compile(EVERY_KIND + "$"))
    ready(page, "every-kind")
    expect(page.locator(".quiz__progress")).to_have_text(re.compile(r"^0 of \d+ sorted$"))
    page.go_back()
    expect(page).to_have_url(re.compile(QUIZ + "$"))
    ready(page, "sorting-basics")
    answered_right(page, first, answer)
    expect(page.locator(".quiz__progress")).to_have_text(f"1 of {len(posts)} sorted")
    # One click marks one post: the script did not attach its handlers twice.
    second, second_answer = posts[1]
    button(page, second, second_answer).click()
    expect(page.locator(".quiz__progress")).to_have_text(f"2 of {len(posts)} sorted")
    expect(page.locator(".quiz-post__grip")).to_have_count(len(posts))

    page.go_forward()
    expect(page).to_have_url(re.compile(EVERY_KIND + "$"))
    page.go_back()
    ready(page, "sorting-basics")
    expect(page.locator(".quiz__progress")).to_have_text(f"2 of {len(posts)} sorted")
    assert page.evaluate("window.noReload")
    no_errors(visit)


# --- answer links from emails -----------------------------------------------------------------


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_an_answer_link_marks_that_post_and_shows_it(open_page, viewport: str) -> None:
    visit = open_page(QUIZ)
    posts = posts_of(visit.page)
    visit.context.close()
    target, right = posts[6]
    for answer in (right, OTHER[right]):
        query = f"?utm_source=sales-email&utm_medium=email&post={target}&answer={answer}&utm_campaign=x"
        visit = open_page(f"{QUIZ}{query}#post-{target}", viewport=viewport)
        page = visit.page
        ready(page)
        answered_right(page, target, answer)
        expect(page.locator(".quiz__progress")).to_have_text(f"1 of {len(posts)} sorted")
        expect(post(page, target).locator(".quiz-post__card")).to_be_in_viewport()
        expect(post(page, target).locator(".quiz-post__feedback")).to_be_in_viewport()
        # The rest of the quiz waits; the link is forgotten, the rest of the address kept.
        expect(page.locator(".quiz__result")).to_be_hidden()
        assert page.evaluate("location.search") == "?utm_source=sales-email&utm_medium=email&utm_campaign=x"
        assert page.evaluate("location.hash") == f"#post-{target}"
        page.reload()
        ready(page)
        expect(page.locator(".quiz__progress")).to_have_text(f"1 of {len(posts)} sorted")
        answered_right(page, target, answer)  # saved, like any other answer
        no_errors(visit)


def test_the_answer_links_in_the_email_snippets_work(open_page, built_staff_site: Path, staff_site_url: str) -> None:
    """The links the staff build writes for sales emails (the snippets are in the staff site only),
    followed to a local copy of the site."""
    configured = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)[1]
    links = sorted({html.unescape(href) for snippet in sorted(built_staff_site.glob("email-snippets/*/*.html"))
                    for href in re.findall(r'href="([^"]*\?a=[^"]*)"', snippet.read_text(encoding="utf-8"))})
    assert links, "the staff build wrote no email snippets with answer links"
    for link in links[:4]:
        post_id, answer = read_compact_answer(parse_qs(urlsplit(link).query)["a"][0])
        visit = open_page(link.removeprefix(configured), viewport="phone", base_url=staff_site_url)
        page = visit.page
        ready(page)
        answered_right(page, post_id, answer)
        expect(post(page, post_id).locator(".quiz-post__feedback")).to_be_in_viewport()
        left = parse_qs(urlsplit(page.url).query)
        assert "a" not in left and "utm_campaign" in left, page.url  # the link forgotten, the tags kept
        no_errors(visit)
        visit.context.close()


@pytest.mark.parametrize("query", [
    "?post=no-such-post&answer=marketing",
    "?post=FIRST&answer=maybe",
    "?post=FIRST&answer=Marketing",
    "?post=FIRST",
    "?answer=marketing",
    "?post=&answer=",
    "?post=%3Cscript%3Ealert(1)%3C%2Fscript%3E&answer=%22%3E%3Cimg%20src%3Dx%3E",
    "?post=FIRST%00&answer=marketing%20",
    "?%%%=&&post[]=FIRST&answer=management&utm_source=x",
])
def test_a_broken_answer_link_is_ignored_quietly(open_page, query: str) -> None:
    visit = open_page(QUIZ)
    first = posts_of(visit.page)[0][0]
    visit.context.close()
    visit = open_page(QUIZ + query.replace("FIRST", first))
    page = visit.page
    ready(page)
    expect(page.locator(".quiz__progress")).to_have_text(re.compile(r"^0 of \d+ sorted$"))
    assert not re.search(r"[?&](post|answer)=", page.url), page.url
    assert page.evaluate("typeof window.alert === 'function' && !document.querySelector('.quiz img')")
    button(page, first, "marketing").click()
    expect(page.locator(".quiz__progress")).to_have_text(re.compile(r"^1 of \d+ sorted$"))
    no_errors(visit)


def test_repeated_answer_link_parameters_use_the_first_valid_pair(open_page) -> None:
    visit = open_page(QUIZ)
    posts = posts_of(visit.page)
    visit.context.close()
    (first, first_answer), (second, _) = posts[0], posts[1]
    visit = open_page(f"{QUIZ}?post=no-such-post&post={first}&post={second}"
                      f"&answer=maybe&answer={OTHER[first_answer]}&answer={first_answer}")
    page = visit.page
    ready(page)
    answered_right(page, first, OTHER[first_answer])
    expect(page.locator(".quiz__progress")).to_have_text(f"1 of {len(posts)} sorted")
    assert page.evaluate("location.search") == ""
    no_errors(visit)


def test_an_answer_link_keeps_an_answer_already_saved(open_page) -> None:
    visit = open_page(QUIZ)
    page = visit.page
    ready(page)
    target, right = posts_of(page)[2]
    button(page, target, right).click()
    page.goto(page.url + f"?post={target}&answer={OTHER[right]}#post-{target}")
    ready(page)
    answered_right(page, target, right)
    expect(post(page, target).locator(".quiz-post__card")).to_be_in_viewport()
    no_errors(visit)


# --- post text stays text ---------------------------------------------------------------------


def test_post_text_with_ampersands_and_quotes_appears_as_written(open_page) -> None:
    source = fixture_quiz("sorting-basics")
    visit = open_page(QUIZ)
    page = visit.page
    ready(page)
    for entry in source["posts"]:
        item = post(page, entry["id"])
        assert item.locator(".quiz-post__text").text_content() == entry["text"].strip()
        assert item.locator(".quiz-post__account").text_content() == entry["account"]
    assert any("&" in e["account"] or "&" in e["text"] for e in source["posts"])
    assert any('"' in e["text"] or "'" in e["text"] for e in source["posts"])
    no_errors(visit)


HOSTILE = '<script>window.pwned = 1</script> Fish & chips "£5" <img src=x onerror="window.pwned = 2">'


def test_post_text_that_looks_like_html_never_runs(open_page, site_url: str) -> None:
    """As if a quiz file held HTML: the built page has it escaped (render.py's job); the script
    must keep it text when it copies the explanation and quotes the post in the result."""
    visit = open_page(QUIZ)
    first = posts_of(visit.page)[0][0]
    visit.context.close()
    visit = open_page("")
    page = visit.page
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

    def rewrite(route) -> None:
        html = route.fetch().text()
        start = html.index(f'id="post-{first}"')
        text_at = html.index('class="quiz-post__text">', start) + len('class="quiz-post__text">')
        html = html[:text_at] + escaped + html[html.index("</p>", text_at):]
        verdict_at = html.index('class="quiz-post__verdict">', start)
        verdict_end = html.index("</strong>", verdict_at) + len("</strong>")
        html = html[:verdict_end] + " " + escaped + html[verdict_end:]
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(site_url + QUIZ, rewrite)
    page.goto(site_url + QUIZ)
    ready(page)
    answer = dict(posts_of(page))[first]
    button(page, first, OTHER[answer]).click()
    feedback = post(page, first).locator(".quiz-post__feedback")
    expect(feedback).to_contain_text(HOSTILE)
    for post_id, right in posts_of(page)[1:]:
        button(page, post_id, right).click()
    missed = page.locator(".quiz__missed a")
    expect(missed).to_have_count(1)
    expect(missed).to_contain_text("<script>window.pwned = 1</script> Fish & chips")
    assert page.evaluate("window.pwned") is None
    assert page.locator("section.quiz script, section.quiz img").count() == 0
    no_errors(visit)


# --- motion, print, dark mode -----------------------------------------------------------------


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_turns_off_the_animations(open_page, motion: str) -> None:
    visit = open_page(QUIZ, reduced_motion=motion)
    page = visit.page
    ready(page)
    post_id, answer = posts_of(page)[0]
    button(page, post_id, answer).click()
    feedback = post(page, post_id).locator(".quiz-post__feedback")
    animation = feedback.evaluate("el => getComputedStyle(el).animationName")
    transition = post(page, post_id).locator(".quiz-post__card").evaluate(
        "el => getComputedStyle(el).transitionDuration")
    if motion == "reduce":
        assert animation == "none" and transition == "0s", (animation, transition)
    else:
        assert animation != "none" and transition != "0s", (animation, transition)
    no_errors(visit)


def test_print_is_a_worksheet_with_the_answer_key(open_page, screenshot_dir: Path) -> None:
    visit, page, posts = open_quiz(open_page, QUIZ)
    for post_id, answer in posts[:3]:
        button(page, post_id, answer).click()
    page.emulate_media(media="print")
    quiz = page.locator("section.quiz").first
    expect(quiz.locator(".quiz__key")).to_be_visible()
    expect(quiz.locator(".quiz__key li")).to_have_count(len(posts))
    expect(quiz.locator(".quiz-post__choices:visible")).to_have_count(len(posts))
    expect(quiz.locator("input[type=radio]:checked")).to_have_count(0)
    for gone in (".quiz-post__buttons", ".quiz__buckets", ".quiz__progress", ".quiz-post__feedback",
                 ".quiz-post__answer", ".quiz__result", ".quiz-post__grip", ".quiz__how"):
        expect(quiz.locator(f"{gone}:visible")).to_have_count(0)
    for gone in (".md-header", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(gone)).to_be_hidden()
    page.screenshot(path=str(screenshot_dir / "quiz-print.png"), full_page=True)
    page.emulate_media(media="screen")
    expect(quiz.locator(".quiz__key")).to_be_hidden()
    no_errors(visit)


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_quiz_meets_wcag_aa_before_and_after_marking(open_page, axe, viewport: str, scheme: str) -> None:
    visit = open_page(EVERY_KIND, viewport=viewport, color_scheme=scheme)
    page = visit.page
    ready(page)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert axe(page, f"{viewport} {scheme} untouched", within="section.quiz") == []
    posts = posts_of(page)
    for number, (post_id, answer) in enumerate(posts):
        button(page, post_id, OTHER[answer] if number % 4 == 0 else answer).click()
    expect(page.locator(".quiz__result")).to_be_visible()
    assert axe(page, f"{viewport} {scheme} marked", within="section.quiz") == []
    no_errors(visit)


# --- screenshots ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_screenshots_untouched_half_done_and_finished(open_page, screenshot_dir: Path,
                                                      viewport: str, scheme: str) -> None:
    visit = open_page(QUIZ, viewport=viewport, color_scheme=scheme)
    page = visit.page
    ready(page)
    name = f"quiz-{viewport}-{scheme}"
    page.locator(".quiz__how--enhanced").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / f"{name}-1-untouched.png"), animations="disabled")

    posts = posts_of(page)
    half = len(posts) // 2
    for number, (post_id, answer) in enumerate(posts[:half]):
        button(page, post_id, OTHER[answer] if number == 1 else answer).click()
    page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'center'})", f"post-{posts[1][0]}")
    page.mouse.move(1, 1)
    settle(page)
    page.screenshot(path=str(screenshot_dir / f"{name}-2-half-done.png"), animations="disabled")

    for number, (post_id, answer) in enumerate(posts[half:]):
        button(page, post_id, OTHER[answer] if number == 0 else answer).click()
    expect(page.locator(".quiz__result")).to_be_focused()
    page.mouse.move(1, 1)
    settle(page)
    page.screenshot(path=str(screenshot_dir / f"{name}-3-finished.png"), animations="disabled")
    no_errors(visit)

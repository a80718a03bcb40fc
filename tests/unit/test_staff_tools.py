"""The staff's ten minutes (issue 21): from a quiz idea to an answer link in a sales email.

- the quick start in the staff guide, followed from a clean clone: `make new-quiz`, `make serve-staff`,
  the answer link found, copied and opened in Chromium, `make publish-ids`;
- the build's messages on the way: an unknown trade once per file with the lines to add, the trades
  too short for a trade quiz, a YAML mistake that no longer hides the rest of the file;
- the sales-emails page as a tool: its finder with and without JavaScript, a copy button for each
  link, unpublished posts marked, its height, screenshots at 390 and 1280;
- short answer links (`?a=ID.mkt`) and the older `?post=ID&answer=…` both opening the post, answered.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import textwrap
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # `-m "not browser"` runs without Playwright
    expect = None

from support.quiz_page import no_errors, post, posts_of, ready
from sorting_quiz import published
from sorting_quiz.email_snippets import (ANSWER_CODES, Campaign, answer_link, answer_link_format, build_snippets,
                                         compact_answer, read_compact_answer)
from sorting_quiz.loader import load_catalogue, load_project, load_rulebook
from sorting_quiz.model import Post, Quiz
from sorting_quiz.render_emails import render_email_snippets
from sorting_quiz.trades import MIN_POSTS, short_trade_notes

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "staff" / "writing-quizzes.md"
STAFF_PAGE = "staff/sales-emails/"
ISSUE_PAGE_HEIGHT = 37_922  # the page's height on a desktop when issue 21 was filed, in pixels


def rulebook():
    return load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "quizzes"
    folder.mkdir(exist_ok=True)
    (folder / "garages.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return [str(problem) for problem in load_catalogue(folder, tmp_path, rulebook()).problems]


def garage_post(post_id: str, **changes: str) -> str:
    fields = {"platform": "facebook", "account": "Kiln Lane Motors, Stoke-on-Trent", "trade": "motoring",
              "text": "MOTs for £35 this month.", "paid": "false", "sells": "MOTs for £35", "answer": "marketing",
              "explanation": "It gives a price for an MOT."}
    fields.update(changes)
    lines = [f"  - id: {post_id}"] + [f"    {key}: {value}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n"


def garages(*posts: str) -> str:
    return "title: Garages\nsummary: Posts from a garage.\nposts:\n" + "\n".join(posts)


# --- the build's messages ----------------------------------------------------------------------------


def test_a_new_trade_is_reported_once_per_file_with_the_lines_to_add(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, garages(*(garage_post(f"g-post-{n}") for n in range(5))))
    assert problems == [
        "quizzes/garages.yml:7: post 1 (g-post-0), trade: `motoring` is not a trade (also on lines 17, 27, 37 and "
        "47); if it is a new trade, add it at the end of includes/trades.yml as two lines, `- id: motoring` then "
        "`  name: Motoring`; or use one of: " + ", ".join(rulebook().trades)]


def test_a_misspelt_trade_is_not_offered_as_a_new_one(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, garages(garage_post("g-one", trade="pet")))
    assert len(problems) == 1 and "`pet` is not a trade; did you mean pets?" in problems[0], problems
    assert "add it at the end" not in problems[0]


def test_five_mistakes_with_a_yaml_one_among_them_are_all_listed(tmp_path: Path) -> None:
    """One post's indentation no longer hides the file's other problems (issue 21, item 5)."""
    text = garages(
        garage_post("g-mot-price", trade="food-and-drink"),
        garage_post("g-winter-check", trade="food-and-drink").replace("    account:", "     account:"),
        garage_post("g-boost", trade="food-and-drink", paid="true", answer="management").replace("account:", "acount:"),
        garage_post("g-team-news", trade="food-and-drink", sells=None, answer="marketting"),
        garage_post("g-tyres", trade="motoring"),
    )
    assert problems_of(tmp_path, text) == [
        "quizzes/garages.yml:16: YAML: `account:` is indented differently from the lines around it; line it up "
        "with the other fields at its level",
        "quizzes/garages.yml:24: post 3 (g-boost): `account` is missing; add `account:` to it",
        "quizzes/garages.yml:26: post 3 (g-boost): unknown field `acount`; did you mean `account`? allowed: id, "
        "platform, account, kind, original, text, paid, sells, answer, explanation, close_call, case, trade, "
        "context, image_description, older_reading",
        "quizzes/garages.yml:31: post 3 (g-boost), answer: the two questions make this marketing (paid: true: a "
        "paid post is marketing whatever it says); change the answer to marketing, or set paid: false if nobody "
        "paid to show it",
        "quizzes/garages.yml:40: post 4 (g-team-news), answer: `marketting` is not allowed; did you mean marketing? "
        "use one of: marketing, management",
        "quizzes/garages.yml:46: post 5 (g-tyres), trade: `motoring` is not a trade; if it is a new trade, add it "
        "at the end of includes/trades.yml as two lines, `- id: motoring` then `  name: Motoring`; or use one of: "
        + ", ".join(rulebook().trades),
    ]


def test_a_paid_post_with_the_wrong_answer_is_not_told_to_remove_sells(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, garages(garage_post("g-boost", trade="shops", paid="true", answer="management")))
    assert len(problems) == 1 and "a paid post is marketing whatever it says" in problems[0], problems
    assert "sells" not in problems[0].split(";", 1)[1], "removing `sells` would only give another error"


def test_a_yaml_mistake_above_the_posts_still_stops_the_reading_there(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "title: Garages\n summary: Posts.\nposts:\n" + garage_post("g-x", trade="x"))
    assert len(problems) == 1 and problems[0].startswith("quizzes/garages.yml:2: YAML:"), problems


def test_the_trades_too_short_for_a_trade_quiz_are_named_with_how_many_more(tmp_path: Path) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "garages.yml").write_text(garages(*(garage_post(f"g-{n}", trade="pets") for n in range(3))))
    catalogue = load_catalogue(folder, tmp_path, rulebook())
    assert catalogue.problems == []
    assert short_trade_notes(catalogue) == [
        f"The trade `pets` has 3 posts, too few for a trade quiz: add {MIN_POSTS - 3} more with `trade: pets` "
        "(in any quiz file) and the build makes one"]


# --- short answer links ------------------------------------------------------------------------------


def test_the_short_answer_form_is_defined_once_and_handed_to_the_quiz_script() -> None:
    for answer in ANSWER_CODES:
        assert read_compact_answer(compact_answer("g-mot-price", answer)) == ("g-mot-price", answer)
    for bad in ("g-mot-price", "g-mot-price.", ".mkt", "g-mot-price.marketing", ""):
        assert read_compact_answer(bad) is None, bad
    fmt = json.loads(answer_link_format())
    assert {fmt["codes"][code]: code for code in fmt["codes"]} == ANSWER_CODES
    script = (ROOT / "hooks" / "sorting_quiz" / "static" / "quiz.js").read_text(encoding="utf-8")
    assert "dataset.answerLink" in script
    assert not re.search(r"['\"](mkt|mgt)['\"]", script), "quiz.js reads the codes from the page, never its own"
    link = answer_link("https://example.co.uk/", "quizzes/basics/", "b-bakery-lemon-loaf", "marketing",
                       Campaign("sales-email", "email", "spring"))
    old_form = ("https://example.co.uk/quizzes/basics/?post=b-bakery-lemon-loaf&answer=marketing&utm_source=sales-email"
                "&utm_medium=email&utm_campaign=spring&utm_content=b-bakery-lemon-loaf-marketing#post-b-bakery-lemon-loaf")
    assert len(link) <= len(old_form) - 50, link


# --- the sales-emails page, without a browser -------------------------------------------------------


def snippets_for(quiz: Quiz):
    return build_snippets([quiz], {quiz.id: "quizzes/garages/"}, "https://example.co.uk/",
                          Campaign("sales-email", "email", "spring"))


GARAGE_QUIZ = Quiz(id="garages", title="Garages", summary="S.", source="quizzes/garages.yml", posts=(
    Post(id="g-mot-price", platform="facebook", account="Kiln Lane Motors, Stoke-on-Trent", trade="motoring",
         text="MOTs for £35 this month, book now.", paid=False, sells=("MOTs for £35",), answer="marketing",
         explanation="A price."),
    Post(id="g-winter-check", platform="facebook", account="Kiln Lane Motors, Stoke-on-Trent", trade="motoring",
         text="Frosty out there! Leave extra time this morning.", paid=False, answer="management",
         explanation="Small talk."),
))


def test_two_posts_of_one_account_can_be_told_apart_and_unpublished_ones_are_marked() -> None:
    import xml.etree.ElementTree as etree
    holder = render_email_snippets(etree.Element("div"), snippets_for(GARAGE_QUIZ), "staff/sales-emails/",
                                   {"motoring": "Motoring"}, published={"g-mot-price"})
    html = etree.tostring(holder, encoding="unicode")
    root = lxml.html.fromstring(html)
    headings = [h.text_content() for h in root.xpath("//section[@class='email-snippet']/h3")]
    assert headings == ["Kiln Lane Motors, Stoke-on-Trent: “MOTs for £35 this month, book now.”",
                        "Kiln Lane Motors, Stoke-on-Trent: “Frosty out there! Leave extra time this morning.”"]
    metas = [" ".join(p.text_content().split()) for p in root.xpath("//p[@class='email-snippet__meta']")]
    assert metas == ["On Facebook. Quiz: Garages · Trade: Motoring · id g-mot-price",
                     "On Facebook. Quiz: Garages · Trade: Motoring · id g-winter-check"]
    marks = {section.get("data-snippet"): section.xpath(".//p[@class='email-snippet__unpublished']")
             for section in root.xpath("//section[@class='email-snippet']")}
    assert marks["g-mot-price"] == []
    assert [p.text_content() for p in marks["g-winter-check"]] == [
        "Not published yet: run make publish-ids when this email goes out."]
    finder = root.xpath("//ul[@class='email-finder__list']/li")
    assert [li.xpath("a/@href")[0] for li in finder] == ["#email-garages--g-mot-price", "#email-garages--g-winter-check"]
    assert "not published yet" in finder[1].text_content() and "not published yet" not in finder[0].text_content()


def test_publish_ids_says_what_it_added(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for part in ("includes",):
        subprocess.run(["cp", "-r", str(ROOT / part), str(tmp_path / part)], check=True)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "garages.yml").write_text(garages(garage_post("g-1", trade="shops"),
                                                              garage_post("g-2", trade="shops")))
    (tmp_path / "docs" / "quizzes").mkdir(parents=True)  # sent links go to the page that shows the quiz
    (tmp_path / "docs" / "quizzes" / "garages.md").write_text("# Garages\n\n/// quiz | garages\n///\n")
    (tmp_path / "quizzes" / "published-posts.txt").write_text("g-1 garages quizzes/garages/\n")
    assert published.main(["--update", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == \
        "Added or filled in 1 line of quizzes/published-posts.txt: g-2 garages quizzes/garages/"
    assert published.main(["--update", "--root", str(tmp_path)]) == 0
    assert "every post was listed already" in capsys.readouterr().out


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


def wait_for(url: str, wanted: str, seconds: float = 180) -> str:
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read().decode("utf-8")
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} never showed {wanted!r}; last:\n{body[:500]}")


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
        wait_for(base + "quizzes/garages/", 'data-quiz="garages"')
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

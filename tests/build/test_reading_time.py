"""Every claim of time is computed and true (issue 16): each Learn page states its reading time
under its title, the home page's reading path ("Where to start") states the time of the pages it
proposes, and that path reads in 10 minutes or less, quizzes aside.

The times come from hooks/reading_time.py. The browser tests check them against the words a
reader sees in Chromium, counted here independently: the page's text as shown (innerText, with
every <details> opened), less the quizzes and the post checker, at 200 words a minute rounded up.

Saves, for a person to look at:
    test-results/screenshots/reading-time-home-{phone,desktop}.png
    test-results/screenshots/reading-time-marketing-{phone,desktop}.png
In Chromium (true times, placement, contrast): tests/browser/test_reading_time_browser.py.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import lxml.html
import pytest
import yaml

from support.projects import BUILD_ENV, MKDOCS, copy_project
from reading_time import (ReadingTime, count_words, fill_claims, measure, minutes_for, path_links, resolve,
                          sorting_minutes)
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.model import SECONDS_PER_POST
from support.site_pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
STATED = re.compile(r"^(Reference page: )?(\d+) minutes? to read( in full)?(?:, then (\d+) posts? to sort)?\.$")


def learn_pages() -> list[str]:
    """The URLs of the Learn menu's pages, read from mkdocs.yml."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    section = next(item["Learn"] for item in config["nav"] if isinstance(item, dict) and "Learn" in item)
    sources = [next(iter(entry.values())) if isinstance(entry, dict) else entry for entry in section]
    return [source[: -len(".md")] + "/" for source in sources]


LEARN = learn_pages()


# --- the counting -----------------------------------------------------------------------------


def test_minutes_are_words_at_200_a_minute_rounded_up() -> None:
    assert [minutes_for(words) for words in (0, 1, 200, 201, 400, 401, 2000)] == [0, 1, 1, 2, 2, 3, 10]


def test_a_page_is_measured_by_its_prose_quizzes_aside() -> None:
    html = """<h1 id="t">Title words<a class="headerlink" href="#t">¶</a></h1>
<p>One <strong>two</strong> three, £14 — ☕</p><p>four</p><table><tr><td>five</td><td>six</td></tr></table>
<section class="quiz"><p class="quiz__how">Not counted at all</p><ol class="quiz__posts">
<li class="quiz-post"><p>Post one text</p></li><li class="quiz-post"><p>Post two</p></li></ol></section>
<div class="post-checker"><p>A tool, used one question at a time</p></div>
<p hidden>Hidden words</p><script>var x = 1;</script>
<p class="reading-time">3 minutes to read.</p>"""
    assert measure(html) == ReadingTime(words=9, quiz_posts=2, has_quiz=True)  # Title words One two three £14 four five six


def test_the_box_mkdocs_serve_shows_for_a_broken_quiz_counts_as_a_quiz() -> None:
    broken = measure('<h1>Quiz</h1><div class="admonition failure quiz-problems"><p>Fix these</p></div>')
    assert broken == ReadingTime(words=1, quiz_posts=0, has_quiz=True)
    assert not measure("<h1>Quizzes</h1><p>A list of them</p>").has_quiz


def test_words_in_blocks_side_by_side_stay_apart() -> None:
    assert measure("<p>one</p><p>two</p><ul><li>three</li><li>four</li></ul>").words == 4
    assert measure("<p>wo<em>rd</em></p>").words == 1


def test_links_in_a_path_resolve_from_the_page() -> None:
    assert resolve("", "cheat-sheet/") == "cheat-sheet/"
    assert resolve("", "quizzes/basics/#quiz") == "quizzes/basics/"
    assert resolve("marketing/", "../difference/") == "difference/"
    assert resolve("quizzes/basics/", "../../") == ""
    html = '<div class="reading-path"><ol><li><a href="cheat-sheet/">the cheat sheet</a></li></ol></div>'
    assert [(link.url, link.text) for link in path_links(html, "")[0]] == [("cheat-sheet/", "the cheat sheet")]


def test_a_path_that_links_to_another_kind_of_page_stops_the_build_with_the_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    source = home.read_text(encoding="utf-8")
    assert "1. **Read [the cheat sheet](cheat-sheet.md).**" in source
    home.write_text(source.replace("1. **Read [the cheat sheet](cheat-sheet.md).**",
                                   "1. **Read [the quiz list](quizzes/index.md).**"), encoding="utf-8")
    line = next(number for number, text in enumerate(home.read_text(encoding="utf-8").splitlines(), start=1)
                if "[the quiz list]" in text)
    result = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(tmp_path / "site")], cwd=project,
                            capture_output=True, text=True, env={**os.environ, **BUILD_ENV}, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"docs/index.md, line {line}: the reading path links to “quizzes/”, which is neither a Learn page "
            "nor a quiz page of this site.") in output, output
    assert "Traceback" not in output


# --- the quizzes' sizes ----------------------------------------------------------------------
# A quiz says its size ("10 posts, about 3 minutes"); its page's link-preview card and the links to it
# that state its time ("Try the 3-minute quiz") have the build fill them in from the quiz
# ({posts}, {minutes}): nothing typed can go stale.

CATALOGUE = BuildState.load(QuizSettings(root=ROOT)).catalogue
SECONDS_TO_CHOOSE = 3  # tap a button and see the mark
TYPED_TIME = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)[- ]minutes?\b",
                        re.IGNORECASE)
STATED_SIZE = re.compile(r"Sort (\d+) posts? in (\d+) minutes?")
STATED_LINK = re.compile(r"(\d+)-minute quiz")


def test_a_quiz_page_states_the_time_its_quiz_states() -> None:
    for quiz in CATALOGUE.quizzes.values():
        assert sorting_minutes(len(quiz.posts)) == quiz.minutes, quiz.id
    assert fill_claims("Sort {posts} posts in {minutes} minutes", 10) == f"Sort 10 posts in {-(-10 * SECONDS_PER_POST // 60)} minutes"
    assert sorting_minutes(0) == 0 and sorting_minutes(1) == 1


def test_the_rate_per_post_is_true_of_every_quiz(built_site: Path) -> None:
    """SECONDS_PER_POST is enough to read each post of every quiz (its card, as shown, at 200 words a
    minute) and choose: the time a quiz claims is not less than that, quiz by quiz."""
    checked = 0
    for html in sorted(built_site.glob("quizzes/*/index.html")):
        for section in lxml.html.parse(str(html)).getroot().xpath("//section[contains(@class, 'quiz')][@data-quiz]"):
            quiz = CATALOGUE.quizzes[section.get("data-quiz")]
            cards = section.xpath(".//article[contains(@class, 'quiz-post__card')]")
            assert len(cards) == len(quiz.posts), html
            seconds = sum(count_words(card) for card in cards) * 60 / 200 + SECONDS_TO_CHOOSE * len(cards)
            assert seconds <= len(cards) * SECONDS_PER_POST, (
                f"{quiz.id}: its posts take {seconds:.0f} s to read and choose, more than the "
                f"{len(cards) * SECONDS_PER_POST} s SECONDS_PER_POST gives it: raise it (sorting_quiz/model.py)")
            checked += 1
    assert checked >= 6


def test_no_page_types_a_time_claim() -> None:
    """Times in pages are the build's ({minutes}, reading times): a typed "2-minute quiz" goes stale."""
    typed = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "docs").rglob("*.md"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if TYPED_TIME.search(line)]
    assert typed == [], "\n".join(typed)


def _quiz_of(page: lxml.html.HtmlElement):
    sections = page.xpath("//section[contains(@class, 'quiz')][@data-quiz]")
    assert len(sections) == 1, "a page that states a quiz's size shows one quiz"
    return CATALOGUE.quizzes[sections[0].get("data-quiz")]


def test_every_stated_quiz_size_is_its_quizs(built_site: Path) -> None:
    """Card titles ("Sort 10 posts in 3 minutes") and links ("Try the 3-minute quiz") in the built site
    agree with the quiz they are about; and each quiz page's card title states them."""
    cards = links = 0
    for html in sorted(built_site.rglob("*.html")):
        page = lxml.html.parse(str(html)).getroot()
        url = html.relative_to(built_site).as_posix().removesuffix("index.html")
        assert "{minutes}" not in lxml.html.tostring(page, encoding="unicode"), f"{url}: left unfilled"
        for alt in page.xpath("//meta[@property='og:image:alt']/@content"):
            for posts, minutes in STATED_SIZE.findall(alt):
                quiz = _quiz_of(page)
                assert (int(posts), int(minutes)) == (len(quiz.posts), quiz.minutes), (url, alt)
                cards += 1
        for anchor in page.xpath("//article//a[@href]"):
            for minutes in STATED_LINK.findall(anchor.text_content()):
                target = built_site / resolve(url, anchor.get("href")) / "index.html"
                quiz = _quiz_of(lxml.html.parse(str(target)).getroot())
                assert int(minutes) == quiz.minutes, (url, anchor.text_content())
                links += 1
    assert cards >= 6 and links >= 1, (cards, links)
    home = lxml.html.parse(str(built_site / "index.html")).getroot()
    assert home.xpath("//a[starts-with(normalize-space(), 'Try the ') and contains(., '-minute quiz')]")


@pytest.mark.parametrize("where, edit, message", [
    ("docs/glossary.md", lambda text: text.replace("---\n", '---\ncard_title: "Sort {posts} posts"\n', 1),
     "docs/glossary.md, line 2: card_title says {posts} or {minutes}, which the build fills in from the page's "
     "quiz, but the page shows no quiz."),
    ("docs/index.md", lambda text: text.replace("[See the difference](difference.md)",
                                                "[See it in {minutes} minutes](difference.md)"),
     "docs/index.md: the link to “difference/” says {posts} or {minutes} in its words, which the build fills in "
     "from the quiz page a link goes to, but it goes to no quiz page."),
], ids=["card title", "link"])
def test_a_stated_size_with_no_quiz_to_count_stops_the_build(tmp_path: Path, where: str, edit, message: str) -> None:
    project = copy_project(tmp_path / "project")
    source = project / where
    text = source.read_text(encoding="utf-8")
    assert edit(text) != text
    source.write_text(edit(text), encoding="utf-8")
    result = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(tmp_path / "site")], cwd=project,
                            capture_output=True, text=True, env={**os.environ, **BUILD_ENV}, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert message in output, output
    assert "Traceback" not in output


# --- the built pages --------------------------------------------------------------------------


def _stated(html: str) -> list[lxml.html.HtmlElement]:
    return lxml.html.fromstring(html).xpath("//article//p[contains(concat(' ', @class, ' '), ' reading-time ')]")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_learn_pages_and_only_they_state_a_reading_time_under_the_title(built_site: Path, page) -> None:
    stated = _stated((built_site / page.html).read_text(encoding="utf-8"))
    if page.url not in LEARN:
        assert not stated, f"{page.name} is not a Learn page, but states a reading time"
        return
    assert len(stated) == 1, f"{page.name} states {len(stated)} reading times"
    before = stated[0].getprevious()
    assert before is not None and before.tag == "h1", f"{page.name}: the reading time is not right under the title"
    assert STATED.match(" ".join(stated[0].text_content().split())), stated[0].text_content()


# --- true, as a reader sees the page ------------------------------------------------------------


@pytest.fixture(scope="module")
def home_path(built_site: Path) -> list[str]:
    article = lxml.html.fromstring((built_site / "index.html").read_bytes()).xpath("//article")[0]
    paths = path_links(lxml.html.tostring(article, encoding="unicode"), "")
    assert len(paths) == 1, f"the home page has {len(paths)} reading paths, not 1"
    return [link.url for link in paths[0]]


def test_the_home_page_lists_the_other_learn_pages_as_reference(built_site: Path, home_path: list[str]) -> None:
    root = lxml.html.fromstring((built_site / "index.html").read_bytes())
    article = root.xpath("//article")[0]
    heading = article.xpath(".//h2[following-sibling::*[1][contains(., 'reference')]]")
    assert heading, "no section of the home page says its pages are reference"
    section = []
    for sibling in heading[0].itersiblings():
        if sibling.tag == "h2":
            break
        section.append(sibling)
    listed = {resolve("", href) for element in section for href in element.xpath(".//a/@href")}
    missing = [url for url in LEARN if url not in home_path and url not in listed]
    assert not missing, f"Learn pages the home page neither proposes nor lists as reference: {missing}"

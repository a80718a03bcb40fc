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
from reading_time import ReadingTime, measure, minutes_for, path_links, resolve
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

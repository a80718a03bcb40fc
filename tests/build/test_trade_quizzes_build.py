"""Trade quizzes in the built sites: each trade's page with its title, description, card and quiz; the
trade list; the main quiz list pointing to it; the snippet files in the staff site; and a build that
stops on a file or page where a trade quiz goes.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from sorting_quiz.build_state import BuildState
from sorting_quiz.components.email_tools.email_snippets import compact_answer
from support.site_state import SITE_URL, site_state


@pytest.fixture(scope="module")
def state() -> BuildState:
    return site_state()


def html_of(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / path / "index.html").read_bytes())


def meta(root: lxml.html.HtmlElement, attribute: str, key: str) -> str:
    found = root.xpath(f"//meta[@{attribute}=$key]/@content", key=key)
    return str(found[0]) if found else ""


def test_each_trade_quiz_has_its_page_with_title_description_card_and_quiz(built_site: Path,
                                                                          state: BuildState) -> None:
    for trade_quiz in state.trade_quizzes.values():
        path = f"quizzes/trades/{trade_quiz.trade}"
        root = html_of(built_site, path)
        quiz = trade_quiz.quiz
        assert [h.text_content().strip("¶ ") for h in root.iter("h1")] == [quiz.title]
        assert root.findtext(".//title").startswith(quiz.title)
        description = meta(root, "name", "description")
        assert description.startswith(f"Sort {len(quiz.posts)} posts from {trade_quiz.businesses}"), description
        assert meta(root, "property", "og:image") == f"{SITE_URL}assets/social/{path}.png"
        assert meta(root, "property", "og:image:alt").startswith(f"Marketing or management? A quiz for "
                                                                 f"{trade_quiz.businesses}")
        with Image.open(built_site / "assets" / "social" / f"{path}.png") as card:
            assert (card.format, card.size) == ("PNG", (1200, 630))
        (section,) = root.xpath("//section[contains(@class, 'quiz')]")
        assert section.get("data-quiz") == quiz.id
        assert section.xpath(".//li[@class='quiz-post']/@data-post") == [post.id for post in quiz.posts]
        assert root.xpath("//script[contains(@src, 'assets/quiz/quiz.js')]"), "the quiz's script is loaded"


def test_the_trade_list_links_to_each_trade_quiz_with_its_size(built_site: Path, state: BuildState) -> None:
    root = html_of(built_site, "quizzes/trades")
    items = root.xpath("//ul[@class='quiz-list']/li")
    listed = [(item.xpath("string(.//a/@href)"), item.xpath("string(.//a)"),
               item.xpath("string(.//p[@class='quiz-list__size'])")) for item in items]
    assert listed == [(f"{trade_quiz.trade}/", trade_quiz.quiz.title, f"{trade_quiz.quiz.size}.")
                      for trade_quiz in state.trade_quizzes.values()]
    for href, _, _ in listed:
        assert (built_site / "quizzes" / "trades" / href / "index.html").is_file()
    # In the menu under Quizzes.
    nav = html_of(built_site, "")
    assert nav.xpath("//nav[contains(@class, 'md-nav--primary')]//a[normalize-space()='Quizzes for your trade']")


def test_the_main_quiz_list_leaves_trade_quizzes_out_but_points_to_them(built_site: Path) -> None:
    root = html_of(built_site, "quizzes")
    titles = root.xpath("//ul[@class='quiz-list']//a/text()")
    assert titles and not [title for title in titles if title.startswith("Quiz for")]
    assert root.xpath("//article//a[@href='trades/'][contains(., 'quizzes for your trade')]")


def test_trade_quiz_snippet_files_in_the_staff_site(request: pytest.FixtureRequest, state: BuildState) -> None:
    try:
        staff = request.getfixturevalue("built_staff_site")
    except pytest.FixtureLookupError:
        pytest.skip("no staff build in this suite")
    for trade_quiz in state.trade_quizzes.values():
        folder = staff / "email-snippets" / trade_quiz.quiz.id
        for post_id in trade_quiz.quiz.email_posts:
            for suffix in (".html", ".fragment.html", ".txt"):
                assert (folder / f"{post_id}{suffix}").is_file(), folder / f"{post_id}{suffix}"
            text = (folder / f"{post_id}.txt").read_text(encoding="utf-8")
            assert f"{SITE_URL}quizzes/trades/{trade_quiz.trade}/?a={compact_answer(post_id, 'marketing')}" in text


def test_a_build_stops_on_a_quiz_file_or_page_where_the_build_puts_a_trade_quiz(tmp_path: Path) -> None:
    from support.projects import build, copy_project

    project = copy_project(tmp_path / "project")
    clash = project / "quizzes" / "trade-pets.yml"
    clash.write_text((project / "quizzes" / "show-and-tell.yml").read_text("utf-8").replace("- id: s-", "- id: tp-"),
                     "utf-8")
    (project / "docs" / "quizzes" / "trades" / "shops.md").write_text("# Shops\n\nWritten by hand.\n", "utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("the last good site", "utf-8")
    result = build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert ("quizzes/trade-pets.yml:1: file name: the quiz id `trade-pets` is kept for the quiz the build makes "
            "for pet businesses") in output
    assert "docs/quizzes/trades/shops.md:1: page: the build writes this page for the trade `shops`" in output
    assert (site / "keep.txt").is_file(), "stopped before MkDocs emptied the site folder"

"""A quiz for each trade, made by the build (hooks/sorting_quiz/trades.py).

Without a browser: the rules on small fixture catalogues (the threshold, the order of posts, the
email posts, a quiz file that takes a trade quiz's id), the real project's trade quizzes, their
pages and the page that lists them, in the built site, and their email snippets.
In Chromium (marked browser): one trade quiz answered by button, by dragging with the mouse, by
keyboard and through an answer link, with saved progress, the print worksheet, no JavaScript,
axe at phone and desktop width, and screenshots of the trade list and of a finished trade quiz.
In the built sites: tests/build/test_trade_quizzes_build.py; in Chromium: tests/browser/test_trade_quizzes_browser.py.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import markdown
import pytest
import yaml

from sorting_quiz import published
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.components.email_tools.email_snippets import Campaign, build_snippets, compact_answer, read_compact_answer
from sorting_quiz.loader import Catalogue, Rulebook
from sorting_quiz.markdown_extension import QuizExtension
from sorting_quiz.model import Post, Quiz
from sorting_quiz.page_blocks import check_pages
from sorting_quiz.trades import (MIN_POSTS, add_trade_quizzes, choose_email_posts, make_trade_quizzes, page_clashes,
                                 page_markdown, trade_pages)
from support.site_state import SITE_URL, site_state


ROOT = Path(__file__).resolve().parents[2]
TRADE = "health-and-fitness"  # the smallest trade quiz (8 posts): the one the browser tests drive
TRADE_PAGE = f"quizzes/trades/{TRADE}/"


# --- fixture catalogues -----------------------------------------------------------------------


def make_post(post_id: str, trade: str | None, answer: str = "management", case: str | None = None) -> Post:
    return Post(id=post_id, platform="facebook", account="Test Shop", text=f"Words of {post_id}.", paid=False,
                answer=answer, explanation="Because.", case=case, trade=trade,
                sells=("Words",) if answer == "marketing" else ())


def make_quiz(quiz_id: str, posts: list[Post]) -> Quiz:
    return Quiz(id=quiz_id, title=quiz_id.title(), summary="A quiz.", posts=tuple(posts),
                source=f"quizzes/{quiz_id}.yml")


def catalogue_of(*quizzes: Quiz, trades: dict[str, str] | None = None,
                 businesses: dict[str, str] | None = None) -> Catalogue:
    rulebook = Rulebook(trades=trades or {"pets": "Pets", "shops": "Shops", "food-and-drink": "Food and drink"},
                        trade_businesses=businesses if businesses is not None else {"pets": "pet businesses"})
    return Catalogue(quizzes={quiz.id: quiz for quiz in quizzes},
                     sources={quiz.id: quiz.source for quiz in quizzes}, rulebook=rulebook)


def posts_for(prefix: str, trade: str, count: int) -> list[Post]:
    return [make_post(f"{prefix}-{number}", trade, "marketing" if number % 2 else "management")
            for number in range(1, count + 1)]


# --- the rules --------------------------------------------------------------------------------


def test_a_trade_needs_8_posts_for_a_quiz() -> None:
    catalogue = catalogue_of(make_quiz("one", posts_for("pet", "pets", 5) + posts_for("shop", "shops", 7)),
                             make_quiz("two", posts_for("pet2", "pets", 3) + posts_for("cafe", "food-and-drink", 1)))
    made, problems = make_trade_quizzes(catalogue)
    assert MIN_POSTS == 8
    assert problems == []
    assert [trade_quiz.quiz.id for trade_quiz in made] == ["trade-pets"], "shops has 7 posts, food 1: no quiz"
    assert len(made[0].quiz.posts) == 8
    # Another threshold, for a site that wants one.
    assert [t.quiz.id for t in make_trade_quizzes(catalogue, min_posts=7)[0]] == ["trade-pets", "trade-shops"]


def test_posts_come_quiz_file_by_file_then_in_their_place() -> None:
    # Catalogue order is not file order here: the trade quiz still follows the files' names.
    later = make_quiz("zebra", [make_post("z-1", "pets"), make_post("z-other", "shops"), make_post("z-2", "pets")])
    earlier = make_quiz("aardvark", [make_post("a-1", "pets"), make_post("a-2", "pets"), make_post("a-3", "pets")])
    middle = make_quiz("middle", [make_post(f"m-{n}", "pets") for n in (1, 2, 3)] + [make_post("m-none", None)])
    catalogue = catalogue_of(later, middle, earlier)
    (made,), _ = make_trade_quizzes(catalogue)
    assert [post.id for post in made.quiz.posts] == ["a-1", "a-2", "a-3", "m-1", "m-2", "m-3", "z-1", "z-2"]
    assert made.quiz.posts[0] is earlier.posts[0], "the same post, not a copy"
    # The same every time: answers saved in a browser are keyed on the quiz's content.
    again, _ = make_trade_quizzes(catalogue_of(earlier, later, middle))
    assert again[0].quiz.content_hash == made.quiz.content_hash


def test_title_summary_and_page_come_from_the_trades_words() -> None:
    catalogue = catalogue_of(make_quiz("one", posts_for("pet", "pets", 8) + posts_for("cafe", "food-and-drink", 9)))
    pets, food = make_trade_quizzes(catalogue)[0]
    assert (pets.quiz.id, pets.quiz.title, pets.name) == ("trade-pets", "Quiz for pet businesses", "Pets")
    assert food.quiz.title == "Quiz for food and drink businesses", "without businesses: the name plus businesses"
    assert pets.quiz.summary.startswith("Posts from pet businesses like yours")
    assert len(re.findall(r"[.!?](\s|$)", pets.quiz.summary)) in (1, 2), "one or two sentences"
    assert pets.page == "quizzes/trades/pets.md"
    text = page_markdown(pets)
    front, body = re.match(r"\A---\n(.*?)\n---\n(.*)\Z", text, re.S).groups()
    meta = yaml.safe_load(front)
    assert meta["description"].startswith("Sort 8 posts from pet businesses into marketing or management.")
    assert meta["card_title"] == "Marketing or management? A quiz for pet businesses"
    assert "# Quiz for pet businesses\n" in body
    assert "/// quiz | trade-pets\n    title: false\n///\n" in body
    assert trade_pages([pets, food]) == [("quizzes/trades/pets.md", text), ("quizzes/trades/food-and-drink.md",
                                                                            page_markdown(food))]


def test_front_matter_stays_yaml_whatever_the_words() -> None:
    catalogue = catalogue_of(make_quiz("one", posts_for("pet", "pets", 8)),
                             businesses={"pets": 'pets: "cats" & dogs # not a comment'})
    (pets,), _ = make_trade_quizzes(catalogue)
    meta = yaml.safe_load(re.match(r"\A---\n(.*?)\n---\n", page_markdown(pets), re.S).group(1))
    assert meta["card_title"] == 'Marketing or management? A quiz for pets: "cats" & dogs # not a comment'


def test_email_posts_are_one_marketing_and_one_management_preferring_a_hard_case() -> None:
    posts = [make_post("p1", "pets", "management"), make_post("p2", "pets", "marketing"),
             make_post("p3", "pets", "management", case="reply"), make_post("p4", "pets", "marketing"),
             make_post("p5", "pets", "marketing", case="giveaway")]
    assert choose_email_posts(posts) == ("p5", "p3")
    # No hard cases: the first of each answer.
    plain = [dataclasses.replace(post, case=None) for post in posts]
    assert choose_email_posts(plain) == ("p2", "p1")
    # One answer only: two posts of it, a hard case first.
    management = [posts[0], posts[2]]
    assert choose_email_posts(management) == ("p3", "p1")
    assert choose_email_posts(posts[:1]) == ("p1",)
    # And the quiz carries them.
    (made,), _ = make_trade_quizzes(catalogue_of(make_quiz("one", posts + posts_for("more", "pets", 3))))
    assert made.quiz.email_posts == ("p5", "p3")


def test_a_quiz_file_named_like_a_trade_quiz_is_a_problem() -> None:
    clash = make_quiz("trade-pets", [make_post("tp-1", "shops")])
    catalogue = catalogue_of(make_quiz("one", posts_for("pet", "pets", 9)), clash)
    added = add_trade_quizzes(catalogue)
    assert "trade-pets" not in added, "the trade gets no quiz; the file keeps its own"
    assert catalogue.quizzes["trade-pets"] is clash
    (problem,) = catalogue.problems
    assert str(problem) == ("quizzes/trade-pets.yml:1: file name: the quiz id `trade-pets` is kept for the quiz the "
                            "build makes for pet businesses (the trade `pets` in includes/trades.yml); rename the file")
    # A trade under the threshold still keeps its id: the clash would come with the eighth post.
    small = catalogue_of(make_quiz("one", posts_for("shop", "shops", 2)), make_quiz("trade-shops", []))
    assert [p.path for p in make_trade_quizzes(small)[1]] == ["quizzes/trade-shops.yml"]


def test_trade_quizzes_join_the_catalogue_without_post_id_checks() -> None:
    """A post is in its own quiz and in its trade's: that is no repeated id, and nothing is reported."""
    own = make_quiz("one", posts_for("pet", "pets", 8))
    catalogue = catalogue_of(own)
    added = add_trade_quizzes(catalogue)
    assert list(catalogue.quizzes) == ["one", "trade-pets"] and list(added) == ["trade-pets"]
    assert catalogue.problems == []
    assert "pet-1" in {post.id for post in catalogue.quizzes["one"].posts}
    assert "pet-1" in {post.id for post in catalogue.quizzes["trade-pets"].posts}
    assert catalogue.sources == {"one": "quizzes/one.yml"}, "no file for a trade quiz"


def test_a_hand_written_page_where_a_trade_page_goes_is_a_problem() -> None:
    (pets,), _ = make_trade_quizzes(catalogue_of(make_quiz("one", posts_for("pet", "pets", 8))))
    assert page_clashes([pets], {"index.md", "quizzes/trades/index.md"}) == []
    (problem,) = page_clashes([pets], {"quizzes/trades/pets.md"})
    assert str(problem).startswith("docs/quizzes/trades/pets.md:1: page: the build writes this page for the trade "
                                   "`pets`")


def test_quiz_list_keeps_trade_quizzes_apart() -> None:
    own = make_quiz("one", posts_for("pet", "pets", 8))
    catalogue = catalogue_of(own)
    state = BuildState(settings=QuizSettings(), catalogue=catalogue, trade_quizzes=add_trade_quizzes(catalogue))
    state.references = {"quizzes/one.md": [(1, "one")], "quizzes/trades/pets.md": [(1, "trade-pets")]}
    state.learn_pages([("quizzes/one.md", "quizzes/one/"), ("quizzes/trades/pets.md", "quizzes/trades/pets/")])

    def convert(text: str) -> lxml.html.HtmlElement:
        md = markdown.Markdown(extensions=[QuizExtension(state=state)])
        return lxml.html.fromstring(f"<div>{md.convert(text)}</div>")

    main = convert("/// quiz-list\n///\n")
    assert [a.get("href") for a in main.xpath("//a")] == ["/quizzes/one.md"]
    trades = convert("/// quiz-list\n    trades: true\n///\n")
    assert [(a.get("href"), a.text) for a in trades.xpath("//a")] == [("/quizzes/trades/pets.md",
                                                                       "Quiz for pet businesses")]
    assert trades.xpath("string(//p[@class='quiz-list__size'])") == "8 posts, about 3 minutes."


# --- the real project -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def state() -> BuildState:
    return site_state()


def test_at_least_six_trades_get_a_quiz_of_8_or_more_posts(state: BuildState) -> None:
    assert state.catalogue.problems == []
    sizes = {trade_quiz.trade: len(trade_quiz.quiz.posts) for trade_quiz in state.trade_quizzes.values()}
    assert len(sizes) >= 6, sizes
    assert all(size >= 8 for size in sizes.values()), sizes
    for trade_quiz in state.trade_quizzes.values():
        assert {post.trade for post in trade_quiz.quiz.posts} == {trade_quiz.trade}
        answers = {post.answer for post in trade_quiz.quiz.posts}
        assert answers == {"marketing", "management"}, f"{trade_quiz.trade}: only {answers}"
        chosen = [trade_quiz.quiz.post(post_id) for post_id in trade_quiz.quiz.email_posts]
        assert [post.answer for post in chosen] == ["marketing", "management"]
    # Every trade with 8 posts has one, and no other.
    counts: dict[str, int] = {}
    for quiz in state.catalogue.quizzes.values():
        if quiz.id not in state.trade_quizzes:
            for quiz_post in quiz.posts:
                counts[quiz_post.trade] = counts.get(quiz_post.trade, 0) + 1
    assert set(sizes) == {trade for trade, count in counts.items() if count >= 8}
    assert sizes == {trade: counts[trade] for trade in sizes}


def test_a_post_is_in_its_own_quiz_and_its_trades(state: BuildState) -> None:
    quizzes = state.catalogue.quizzes
    basics = quizzes["basics"].post("b-bakery-lemon-loaf")
    assert basics is not None and basics.trade == "food-and-drink"
    assert quizzes["trade-food-and-drink"].post("b-bakery-lemon-loaf") == basics


def test_the_generated_pages_pass_the_page_check(state: BuildState) -> None:
    pages = state.generated_pages()
    assert [path for path, _ in pages] == [trade_quiz.page for trade_quiz in state.trade_quizzes.values()]
    checks = check_pages([(f"docs/{path}", text) for path, text in pages], state.catalogue)
    for path, text in pages:
        check = checks[f"docs/{path}"]
        assert check.problems == [], path
        quiz_id = "trade-" + Path(path).stem
        assert check.quiz_references == [(text.splitlines().index(f"/// quiz | {quiz_id}") + 1, quiz_id)]


def test_a_published_post_taken_out_of_its_quiz_still_stops_the_build(tmp_path: Path) -> None:
    """The trade quiz repeats posts, so it can never keep a removed post alive for the published check."""
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "trades.yml").write_text((ROOT / "includes" / "trades.yml").read_text("utf-8"), "utf-8")
    posts = "".join(f"""\
  - id: pet-{number}
    platform: facebook
    account: Paws and Claws
    text: A photo of dog number {number} after a bath.
    paid: false
    answer: management
    explanation: It shows a dog but sells nothing.
    trade: pets
""" for number in range(1, 10))
    (tmp_path / "quizzes" / "pets.yml").write_text(f"title: Pets\nsummary: Pets.\nposts:\n{posts}", "utf-8")
    (tmp_path / "quizzes" / "published-posts.txt").write_text("pet-1\npet-9\n", "utf-8")
    state = BuildState.load(QuizSettings(root=tmp_path))
    assert "trade-pets" in state.catalogue.quizzes and state.catalogue.problems == []
    assert published.check(tmp_path, state.catalogue) == []
    (tmp_path / "quizzes" / "pets.yml").write_text(
        f"title: Pets\nsummary: Pets.\nposts:\n{posts.split('  - id: pet-9')[0]}", "utf-8")
    state = BuildState.load(QuizSettings(root=tmp_path))
    assert len(state.catalogue.quizzes["trade-pets"].posts) == 8
    (message,) = published.check(tmp_path, state.catalogue)
    assert "`pet-9` is in no quiz any more" in message


def test_trade_quiz_email_snippets_link_to_the_trade_page(state: BuildState) -> None:
    campaign = Campaign.from_config({"email_campaign": dict(state.settings.email_campaign)})
    trade_quiz = state.trade_quizzes[f"trade-{TRADE}"]
    (snippet_a, snippet_b) = build_snippets([trade_quiz.quiz], {trade_quiz.quiz.id: TRADE_PAGE}, SITE_URL, campaign)
    for snippet in (snippet_a, snippet_b):
        post_id = snippet.post.id
        assert snippet.preview_path == f"email-snippets/trade-{TRADE}/{post_id}.html"
        for answer in ("marketing", "management"):
            link = urlsplit(snippet.links.answer(answer))
            assert f"{link.scheme}://{link.netloc}{link.path}" == SITE_URL + TRADE_PAGE
            assert read_compact_answer(parse_qs(link.query)["a"][0]) == (post_id, answer)
            assert link.fragment == f"post-{post_id}"
        assert "Quiz for health and fitness businesses" in snippet.text


# --- the built site ---------------------------------------------------------------------------


def meta(root: lxml.html.HtmlElement, attribute: str, key: str) -> str:
    found = root.xpath(f"//meta[@{attribute}=$key]/@content", key=key)
    return str(found[0]) if found else ""

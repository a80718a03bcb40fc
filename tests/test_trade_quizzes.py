"""A quiz for each trade, made by the build (hooks/sorting_quiz/trades.py).

Without a browser: the rules on small fixture catalogues (the threshold, the order of posts, the
email posts, a quiz file that takes a trade quiz's id), the real project's trade quizzes, their
pages and the page that lists them, in the built site, and their email snippets.
In Chromium (marked browser): one trade quiz answered by button, by dragging with the mouse, by
keyboard and through an answer link, with saved progress, the print worksheet, no JavaScript,
axe at phone and desktop width, and screenshots of the trade list and of a finished trade quiz.
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
from PIL import Image

from sorting_quiz import published
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.email_snippets import Campaign, build_snippets, compact_answer, read_compact_answer
from sorting_quiz.loader import Catalogue, Rulebook
from sorting_quiz.markdown_extension import QuizExtension
from sorting_quiz.model import Post, Quiz
from sorting_quiz.page_blocks import check_pages
from sorting_quiz.trades import (MIN_POSTS, add_trade_quizzes, choose_email_posts, make_trade_quizzes, page_clashes,
                                 page_markdown, trade_pages)

try:
    from playwright.sync_api import Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Page = expect = None

from quiz_page import (answer_without_javascript, button, drag_with_mouse, no_errors, post, posts_of, ready, settle,
                       tab_to)

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://marketing-or-management.example.co.uk/"
OTHER = {"marketing": "management", "management": "marketing"}
TRADE = "health-and-fitness"  # the smallest trade quiz (8 posts): the one the browser tests drive
TRADE_PAGE = f"quizzes/trades/{TRADE}/"
TRADE_LIST = "quizzes/trades/"


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
    return BuildState.load(QuizSettings(root=ROOT, site_url=SITE_URL, email_campaign={
        "utm_source": "sales-email", "utm_medium": "email", "utm_campaign": "test"}))


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


# --- in a browser -----------------------------------------------------------------------------


def marked(page: Page, post_id: str, answer: str, right: str) -> None:
    feedback = post(page, post_id).locator(".quiz-post__feedback")
    expect(feedback).to_be_visible()
    verdict = f"✓ ?Right: it’s {right}." if answer == right else f"✗ ?Not quite: it’s {right}."
    expect(feedback.locator(".quiz-post__verdict-line")).to_have_text(re.compile(f"^{verdict}$"))
    expect(button(page, post_id, answer)).to_have_attribute("aria-pressed", "true")


def tab_to_a_choice(page: Page) -> dict:
    return tab_to(page, """() => {
          const el = document.activeElement;
          return {choice: el.classList.contains('quiz-post__choice') && el.getAttribute('aria-disabled') !== 'true',
                  post: el.closest('.quiz-post')?.dataset.post || null, value: el.value || null};
        }""", lambda focused: focused["choice"])


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_trade_quiz_by_button_drag_and_keyboard_to_the_end(open_page, axe, screenshot_dir: Path,
                                                              viewport: str) -> None:
    visit = open_page(TRADE_PAGE, viewport=viewport, touch=False)
    page = visit.page
    ready(page)
    posts = posts_of(page)
    assert len(posts) >= 8 and page.locator("section.quiz").get_attribute("data-quiz") == f"trade-{TRADE}"
    assert axe(page, f"{viewport} trade quiz untouched") == []
    right = dict(posts)

    # By dragging with the mouse: the first post into its own bucket.
    first, first_answer = posts[0]
    post(page, first).scroll_into_view_if_needed()
    drag_with_mouse(page, post(page, first).locator(".quiz-post__text"),
                    page.locator(f'.quiz__bucket[data-bucket="{first_answer}"]'))
    marked(page, first, first_answer, first_answer)

    # By keyboard: Tab to the next choice button and press Enter.
    focused = tab_to_a_choice(page)
    page.keyboard.press("Enter")
    marked(page, focused["post"], focused["value"], right[focused["post"]])
    expect(page.locator(".quiz__progress")).to_have_text(f"2 of {len(posts)} sorted")

    # By button, the rest: one wrong on purpose.
    remaining = [(p, a) for p, a in posts if p not in (first, focused["post"])]
    for number, (post_id, answer) in enumerate(remaining):
        choice = OTHER[answer] if number == 0 else answer
        button(page, post_id, choice).click()
        marked(page, post_id, choice, answer)
    score = len(posts) - 1 - (focused["value"] != right[focused["post"]])
    result = page.locator(".quiz__result")
    expect(result).to_be_visible()
    expect(result.locator(".quiz__score")).to_have_text(f"You got {score} of {len(posts)} right")
    assert axe(page, f"{viewport} trade quiz finished") == []
    page.mouse.move(1, 1)
    settle(page)
    width = 1280 if viewport == "desktop" else 390
    page.screenshot(path=str(screenshot_dir / f"trade-quiz-{width}-finished.png"), animations="disabled")

    # Saved progress: a reload shows the same result; the post's own quiz keeps its progress apart.
    page.reload()
    ready(page)
    expect(page.locator(".quiz__score")).to_have_text(f"You got {score} of {len(posts)} right")
    no_errors(visit)


@pytest.mark.browser
def test_an_answer_link_marks_a_post_of_a_trade_quiz(open_page, state: BuildState) -> None:
    trade_quiz = state.trade_quizzes[f"trade-{TRADE}"]
    target = trade_quiz.quiz.post(trade_quiz.quiz.email_posts[0])
    visit = open_page(f"{TRADE_PAGE}?post={target.id}&answer=marketing#post-{target.id}")
    page = visit.page
    ready(page)
    marked(page, target.id, "marketing", target.answer)
    expect(post(page, target.id).locator(".quiz-post__feedback")).to_be_in_viewport()
    expect(page.locator(".quiz__progress")).to_have_text(f"1 of {len(trade_quiz.quiz.posts)} sorted")
    assert page.evaluate("location.search") == "" and page.evaluate("location.hash") == f"#post-{target.id}"
    page.reload()
    ready(page)
    marked(page, target.id, "marketing", target.answer)  # saved like any other answer

    # The same post in its own quiz: that quiz's progress is its own.
    own = next(quiz for quiz_id, quiz in state.catalogue.quizzes.items()
               if quiz_id not in state.trade_quizzes and quiz.post(target.id))
    page.goto(page.url.split("quizzes/")[0] + f"quizzes/{own.id}/")
    ready(page)
    expect(page.locator(".quiz__progress")).to_have_text(f"0 of {len(own.posts)} sorted")
    expect(post(page, target.id)).to_have_count(1)
    no_errors(visit)


@pytest.mark.browser
def test_a_trade_quiz_without_javascript_and_as_a_worksheet(open_page) -> None:
    visit = open_page(TRADE_PAGE, javascript=False)
    page = visit.page
    quiz = page.locator("section.quiz")
    expect(quiz.locator(".quiz__how--static")).to_be_visible()
    expect(quiz.locator(".quiz-post__buttons:visible")).to_have_count(0)
    post_id, answer = posts_of(page)[2]
    answer_without_javascript(page, post_id, answer)
    no_errors(visit)

    visit = open_page(TRADE_PAGE)
    page = visit.page
    ready(page)
    posts = posts_of(page)
    page.emulate_media(media="print")
    quiz = page.locator("section.quiz")
    expect(quiz.locator(".quiz__key")).to_be_visible()
    expect(quiz.locator(".quiz__key li")).to_have_count(len(posts))
    expect(quiz.locator(".quiz-post__choices:visible")).to_have_count(len(posts))
    expect(quiz.locator(".quiz-post__buttons:visible")).to_have_count(0)
    no_errors(visit)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_trade_list_at_phone_and_desktop(open_page, axe, screenshot_dir: Path, state: BuildState,
                                             viewport: str) -> None:
    visit = open_page(TRADE_LIST, viewport=viewport)
    page = visit.page
    expect(page.locator("h1")).to_have_text(re.compile("^Quizzes for your trade"))
    links = page.locator("article .quiz-list__title a:not(.headerlink)")
    expect(links).to_have_count(len(state.trade_quizzes))
    assert axe(page, f"{viewport} trade list") == []
    width = 1280 if viewport == "desktop" else 390
    page.screenshot(path=str(screenshot_dir / f"trade-list-{width}.png"), full_page=True, animations="disabled")
    # Following a link opens that trade's quiz.
    first = next(iter(state.trade_quizzes.values()))
    links.first.click()
    expect(page).to_have_url(re.compile(f"/quizzes/trades/{first.trade}/$"))
    ready(page)
    expect(page.locator("h1")).to_have_text(re.compile(f"^{first.quiz.title}"))
    no_errors(visit)


# --- a build that stops -----------------------------------------------------------------------


def test_a_build_stops_on_a_quiz_file_or_page_where_the_build_puts_a_trade_quiz(tmp_path: Path) -> None:
    from projects import build, copy_project

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

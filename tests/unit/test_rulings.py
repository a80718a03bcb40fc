"""The site teaches one rule: the shipped quizzes and pages must teach every part of it.

The hard cases (includes/hard-cases.yml) are the rulings' table; each must be taught by at
least one quiz post, and every platform and trade must be shown. The answers themselves are
checked by the build (answer = marketing if paid or sells, else management).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sorting_quiz.loader import Catalogue, load_catalogue, load_rulebook
from sorting_quiz.model import KINDS, PLATFORMS

ROOT = Path(__file__).resolve().parents[2]
RULEBOOK = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
# The rows of the rulings' table, in its order (../shared/reference/rulings.md).
RULINGS_ROWS = ("reply", "repost", "testimonial", "price-change", "opening-hours", "hiring", "complaint", "giveaway",
                "own-event", "charity", "how-to", "product-shown", "team-news", "memes-polls",
                # added 2026-12-05
                "stock", "order-deadline", "reply-stock", "team-news-sells", "customer-photo", "own-link",
                "other-business", "making-clip",
                "product-poll", "scheduling-tool", "like", "paid-creator")
CLOSE_CALLS = {"hiring", "complaint", "product-shown", "team-news", "reply-stock", "making-clip", "product-poll"}
TWO_QUESTIONS = (ROOT / "includes" / "two-questions.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    loaded = load_catalogue(ROOT / "quizzes", ROOT, RULEBOOK)
    assert not loaded.problems, "\n".join(map(str, loaded.problems))
    return loaded


def posts(catalogue: Catalogue) -> list:
    return [post for quiz in catalogue.quizzes.values() for post in quiz.posts]


def test_the_hard_cases_are_the_rulings_rows_and_flag_the_same_close_calls() -> None:
    assert not RULEBOOK.problems, RULEBOOK.problems
    assert tuple(RULEBOOK.hard_cases) == RULINGS_ROWS
    assert {case.id for case in RULEBOOK.hard_cases.values() if case.close_call} == CLOSE_CALLS


def test_every_rulings_row_is_taught_by_a_post(catalogue: Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    taught: dict[str, list[str]] = {row: [] for row in RULINGS_ROWS}
    for post in posts(catalogue):
        if post.case:
            taught[post.case].append(post.id)
    with capsys.disabled():
        print("\nRulings rows and the posts that teach them:")
        for row, ids in taught.items():
            print(f"  {row:16} {', '.join(ids) or 'NONE'}")
    missing = [row for row, ids in taught.items() if not ids]
    assert not missing, f"no quiz post teaches these rulings rows: {', '.join(missing)}"


def test_rows_with_two_sides_are_taught_on_both(catalogue: Catalogue) -> None:
    """A row that says "management, unless …" is only learnt by seeing both sides of it."""
    answers: dict[str, set[str]] = {}
    for post in posts(catalogue):
        if post.case:
            answers.setdefault(post.case, set()).add(post.answer)
    two_sided = ("reply", "repost", "opening-hours", "charity", "how-to", "customer-photo", "own-link")
    one_sided = [row for row in two_sided if answers.get(row) != {"marketing", "management"}]
    assert not one_sided, f"these rows are taught on one side only: {one_sided}"


def test_close_calls_say_why_people_split(catalogue: Catalogue) -> None:
    for post in posts(catalogue):
        if post.case in CLOSE_CALLS:
            assert post.close_call, f"{post.id} teaches the close call {post.case} but has no close_call note"


# The reason each ruling of 2026-12-05 gives (rulings.md, "why"), in words a post teaching it must use.
NEW_RULINGS_REASONS = {
    "stock": "news about stock puts what you sell in front of people",
    "order-deadline": "a last day to order is a call to order",
    "reply-stock": "judge a reply by its own words alone, not the question it answers",
    "team-news-sells": "question 2 decides every post, and naming a service is enough",
    "customer-photo": "someone else's post never counts",
    "own-link": "a link counts by what it shows, not by whose site it is on",
    "other-business": "question 2 asks only about what this business sells",
    "making-clip": "showing what you sell puts it in front of people",
}


def test_each_new_ruling_is_taught_with_its_reason(catalogue: Catalogue) -> None:
    for row, reason in NEW_RULINGS_REASONS.items():
        explanations = [" ".join(post.explanation.split()).casefold() for post in posts(catalogue) if post.case == row]
        assert any(reason in explanation for explanation in explanations), (
            f"no post teaching {row} gives its reason: “{reason}”")


def test_a_close_call_gives_the_sites_answer_before_the_other_reading(catalogue: Catalogue) -> None:
    """A close call has one answer, the ruling: say it first, and only then how some people read it."""
    for post in posts(catalogue):
        if not post.close_call:
            continue
        words = post.close_call.casefold()
        other = "management" if post.answer == "marketing" else "marketing"
        assert post.answer in words, f"{post.id}: the close call note never says it is {post.answer}"
        assert other not in words or words.index(post.answer) < words.index(other), (
            f"{post.id}: the close call note gives the other reading ({other}) before this site's answer")


def test_every_management_ruling_says_what_would_make_it_marketing() -> None:
    """The questions decide every post: a "management" ruling never beats question 2, so each one says
    when the post's own words would make it marketing (or that it can name nothing)."""
    for case in RULEBOOK.hard_cases.values():
        if case.answer != "management":
            continue
        assert re.search(r"\bunless\b|is \**marketing|name nothing|names nothing", case.ruling), (
            f"{case.id}: the ruling could be read as beating question 2: {case.ruling}")


@pytest.mark.parametrize("page", ["difference", "cheat-sheet"])
def test_the_pages_that_teach_the_hard_cases_say_the_questions_decide(page: str) -> None:
    source = " ".join((ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8").split())
    assert "The two questions decide every post." in source
    assert "never an exception" in source
    assert "Naming it is enough." in source


def test_the_quizzes_are_big_and_varied_enough(catalogue: Catalogue) -> None:
    every = posts(catalogue)
    assert len(every) >= 60
    platforms = Counter(post.platform for post in every)
    assert all(platforms[platform] >= 2 for platform in PLATFORMS), platforms
    kinds = Counter(post.kind for post in every)
    assert set(kinds) == set(KINDS), kinds
    answers = Counter(post.answer for post in every)
    assert abs(answers["marketing"] - answers["management"]) <= len(every) // 4, answers
    assert all(post.trade for post in every), [post.id for post in every if not post.trade]
    trades = Counter(post.trade for post in every)
    assert set(trades) == set(RULEBOOK.trades), trades
    assert sum(1 for count in trades.values() if count >= 8) >= 6, trades
    texts = [" ".join((post.text or "").split()).casefold() for post in every if post.text]
    assert len(texts) == len(set(texts)), "two posts have the same words"


def test_posts_avoid_facts_that_go_stale(catalogue: Catalogue) -> None:
    weekday_date = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{1,2}(st|nd|rd|th)? "
                              r"(January|February|March|April|May|June|July|August|September|October|November|"
                              r"December)\b")
    for post in posts(catalogue):
        words = " ".join(filter(None, (post.text, post.context, post.explanation, post.close_call)))
        assert not weekday_date.search(words), f"{post.id}: a weekday next to a date goes stale"
        assert not re.search(r"£\d+(\.\d\d)? ?(an|per) hour", words), f"{post.id}: a wage rate goes stale"


def test_question_two_says_no_price_is_needed() -> None:
    assert "No price is needed." in TWO_QUESTIONS
    assert "Did the business pay to show it?" in TWO_QUESTIONS


# The pages that state the test in full include the one wording; every other page links to it (issue 16:
# say a thing once). tests/build/test_repeated_passages.py checks that no page retypes it.
PAGES_WITH_THE_TWO_QUESTIONS = ("index", "difference", "cheat-sheet")
TWO_QUESTIONS_INCLUDE = '--8<-- "two-questions.md"'


@pytest.mark.parametrize("page", PAGES_WITH_THE_TWO_QUESTIONS)
def test_pages_that_state_the_test_include_the_one_wording(page: str) -> None:
    source = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    assert TWO_QUESTIONS_INCLUDE in source, f"docs/{page}.md must include the two questions, not retype them"


def test_other_pages_link_to_the_two_questions_instead() -> None:
    """Owners' pages only: the staff guide to writing quizzes (docs/staff/) gives staff the rule in full."""
    for source in sorted((ROOT / "docs").rglob("*.md")):
        page = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        if page in PAGES_WITH_THE_TWO_QUESTIONS or page.startswith("staff/"):
            continue
        text = source.read_text(encoding="utf-8")
        assert TWO_QUESTIONS_INCLUDE not in text, (
            f"docs/{page}.md includes the two questions: only {', '.join(PAGES_WITH_THE_TWO_QUESTIONS)} do; "
            "link to difference.md#the-two-questions instead")
        if "two questions" in text.casefold():
            assert "difference.md#the-two-questions" in text, (
                f"docs/{page}.md mentions the two questions but does not link to them")


# Wordings of question 2 that drifted from the one in includes/two-questions.md (issue 8).
DRIFTED = ("a product, a service, a price or an offer", "products, prices or offers", "products, services or offers",
           "can be free, if it is about your offer", "reposting is management.", "management: never paid",
           "purpose: to sell", "that is all there is to it")


def test_no_page_keeps_a_drifted_wording_or_shortcut() -> None:
    for source in sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "includes" / "abbreviations.md"]:
        text = " ".join(source.read_text(encoding="utf-8").split()).casefold()
        for wording in DRIFTED:
            assert wording not in text, f"{source.relative_to(ROOT)} still says “{wording}”"


@pytest.mark.parametrize("page", ["marketing", "management", "difference", "worked-week", "which-do-you-need"])
def test_each_learn_page_ends_with_a_three_post_self_check(page: str) -> None:
    source = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    tail = source[source.rindex("## Check yourself"):]
    match = re.search(r"/// quiz \| ([a-z0-9-]+)\n(?:    .*\n)*?    posts: \[([^\]]+)\]", tail)
    assert match, f"docs/{page}.md: no self-check under its last heading"
    assert len([part for part in match.group(2).split(",") if part.strip()]) == 3
    assert "quizzes/index.md" in tail, "a self-check links on to the full quizzes"

""""Check your own post" (`/// post-checker`), without a browser.

The guide's questions, choices and verdicts are data in the built page (data-step, data-goes,
data-verdict), and post-checker.js only follows them. `walk` follows them the same way, so
these tests check what a reader can reach: every row of includes/hard-cases.yml as it is when the
tests run (and a row the guide has never heard of), with the rulings' answer and close-call flag.
Also: question 2's seven plain kinds of post, "I am not sure", the checker fields checked with
file and line, the page without JavaScript, and scripts that store and send nothing. What the
spotter finds in a post is tested in test_post_spotter.py.
"""

from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as etree
from pathlib import Path

import lxml.html
import pytest

from sorting_quiz.components.post_checker.post_checker import (KINDS_OF_POST, STILL_SELLS_NO, STILL_SELLS_YES,
                                                               render_post_checker)
from sorting_quiz.components.post_checker.post_spotter import spotter_words
from sorting_quiz.loader import load_rulebook
from sorting_quiz.model import HardCase
from sorting_quiz.components.post_checker.post_checker import KINDS_OF_POST, STILL_SELLS_NO, STILL_SELLS_YES, render_post_checker
from sorting_quiz.components.post_checker.post_spotter import spotter_words
from support.post_checker_routes import HARD_CASES, PAGE, ROWS, Route, hard_cases, has_class, routes_in, walk
from support.post_checker_routes import only_one as _only, text_of as _text

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "hooks" / "sorting_quiz" / "components" / "post_checker"
SCRIPTS = (STATIC / "post-checker.js", STATIC / "post-spotter.js")


# Written from /work/shared/reference/rulings.md by hand, not from the data under test: each row,
# the answers a post of that kind can get, and whether that answer is flagged as a close call.
# Two answers where the ruling turns on the post's own words ("unless", "by the reply's own words",
# "judge the post"). Checked for the rows the file has; every row, listed here or not, is checked
# against its own data by test_every_row_in_the_file_is_reachable.
RULINGS: dict[str, dict[str, bool]] = {
    "reply": {"marketing": False, "management": False},
    "repost": {"marketing": False, "management": False},
    "testimonial": {"marketing": False},
    "price-change": {"marketing": False},
    "opening-hours": {"marketing": False, "management": False},
    "hiring": {"management": True},
    "complaint": {"management": True},
    "giveaway": {"marketing": False},
    "own-event": {"marketing": False},
    "charity": {"marketing": False, "management": False},
    "how-to": {"marketing": False, "management": False},
    "product-shown": {"marketing": True},
    "team-news": {"management": True},
    "memes-polls": {"management": False},
    "product-poll": {"marketing": True},
    "scheduling-tool": {"marketing": False, "management": False},
    "like": {"management": False},
    "paid-creator": {"marketing": False},
    # Rows of 2026-12-05, under the ids includes/hard-cases.yml gives them.
    "stock": {"marketing": False},
    "order-deadline": {"marketing": False},
    "reply-stock": {"management": True},
    "team-news-sells": {"marketing": False},
    "customer-photo": {"marketing": False, "management": False},
    "own-link": {"marketing": False, "management": False},
    "other-business": {"marketing": False, "management": False},
    "making-clip": {"marketing": True},
}
# Rows decided by question 1 (paid to show it), not among question 2's cases.
PAID_ROWS = {"paid-creator"}


@pytest.fixture(scope="module")
def routes(built_site: Path) -> tuple[Route, ...]:
    return routes_in(built_site)


# --- the rulings, row by row ------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS)
def test_every_row_in_the_file_is_reachable(routes: tuple[Route, ...], row: str) -> None:
    """Each row, from the file as it is: its follow-up's every answer, or its own answer, reached
    from the first question, with a link to its row of the table."""
    case = hard_cases()[row]
    expected = {(case.answer, case.close_call)} if case.then is None else {
        (choice.gives, False) for choice in case.then.choices if choice.gives in ("marketing", "management")}
    reached = {(route.verdict.answer, route.verdict.close_call) for route in routes if route.verdict.case == row}
    assert expected and expected <= reached, f"{row}: reached {sorted(reached)}, the file gives {sorted(expected)}"
    for route in routes:
        if route.verdict.case == row:
            assert route.verdict.case_href == f"../difference/#case-{row}", route
            assert route.choices[0][0] == "paid"
            assert route.labels[0].startswith("Yes") == case.paid, route.labels


def test_a_management_case_asks_question_2_before_its_ruling(routes: tuple[Route, ...]) -> None:
    """Hiring, team news, likes, memes: the owner is asked whether the post names something they
    sell before the case's own (management) ruling is given."""
    for row in ("hiring", "team-news", "like", "memes-polls"):
        to_row = [route for route in routes if route.verdict.case == row]
        sells = [route for route in to_row if route.verdict.answer == "marketing"]
        plain = [route for route in to_row if route.verdict.answer == "management"]
        assert sells and plain, row
        assert all(route.labels[-1] == STILL_SELLS_YES for route in sells), row
        assert all(route.labels[-1] == STILL_SELLS_NO for route in plain), row


@pytest.mark.parametrize("row", [row for row in RULINGS if row in ROWS])
def test_every_hard_case_row_gives_the_rulings_answer(routes: tuple[Route, ...], row: str) -> None:
    reached = {(route.verdict.answer, route.verdict.close_call) for route in routes if route.verdict.case == row}
    expected = set(RULINGS[row].items())
    case = hard_cases()[row]
    followed = {choice.gives for other in hard_cases().values() if other.then for choice in other.then.choices}
    if case.answer == "management" and case.then is None and not case.paid and row not in followed:
        # A hard case never beats question 2: a post of this kind whose own words name something
        # the business sells is marketing (rulings.md, How the questions decide). A case reached
        # from another's follow-up (a reply's) was asked about the post's words there.
        expected.add(("marketing", False))
    assert reached == expected, (
        f"{row}: the checker can give {sorted(reached)}, the rulings say {sorted(expected)}")
    for route in routes:
        if route.verdict.case == row:
            assert route.verdict.case_href == f"../difference/#case-{row}", route
            first_step = route.choices[0][0]
            assert first_step == "paid"
            assert route.labels[0].startswith("Yes") == (row in PAID_ROWS), route.labels


def test_two_sided_rows_turn_on_the_posts_own_words(routes: tuple[Route, ...]) -> None:
    """Where a row has two answers, the follow-up's "Yes" (its own words sell) is marketing."""
    for row, answers in RULINGS.items():
        if len(answers) < 2:
            continue
        for route in routes:
            if route.verdict.case == row and route.choices[-1][0] == f"then-{row}":
                expected = "marketing" if route.labels[-1].startswith("Yes") else "management"
                assert route.verdict.answer == expected, route


def test_each_rows_own_example_gets_its_answer(routes: tuple[Route, ...]) -> None:
    """The table's example for a row is one of the answers the checker gives for that row."""
    rulebook = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
    for case in rulebook.hard_cases.values():
        answers = {route.verdict.answer for route in routes if route.verdict.case == case.id}
        assert case.example_answer in answers, case.id


def test_a_complaint_put_right_in_a_reply_is_the_complaint_case(routes: tuple[Route, ...]) -> None:
    route = next(route for route in routes if route.choices[-1][0] == "then-reply"
                 and "complaint" in route.labels[-1])
    assert (route.verdict.case, route.verdict.answer, route.verdict.close_call) == ("complaint", "management", True)


def test_paying_to_show_it_is_marketing_before_anything_else(routes: tuple[Route, ...]) -> None:
    paid = [route for route in routes if route.labels[0].startswith("Yes")]
    assert paid and all(route.verdict.answer == "marketing" and len(route.choices) == 1 for route in paid)
    unpaid = [route for route in routes if not route.labels[0].startswith("Yes")]
    assert all(route.labels[0] == "No, I did not pay" for route in unpaid)


def test_a_post_that_fits_no_case_gets_question_2_plainly_and_unsure_asks_it_again(routes: tuple[Route, ...]) -> None:
    """ "None of these" asks question 2 itself; "I am not sure" asks it once more, with "naming is
    enough". Neither ever ends in "a close call" or in a third test."""
    plain = [route for route in routes if route.choices[-1][0] in ("plain", "again")]
    assert {tuple(route.labels[:3]) for route in plain} == {
        ("No, I did not pay", "Something else, or I am not sure", "None of these")}
    ends = {(route.choices[-1][0], route.labels[-1]): (route.verdict.answer, route.verdict.close_call, route.verdict.case)
            for route in plain}
    assert ends == {
        ("plain", "Yes"): ("marketing", False, ""), ("plain", "No"): ("management", False, ""),
        ("again", "Yes, they name or show something I sell"): ("marketing", False, ""),
        ("again", "No, they name nothing I sell"): ("management", False, ""),
    }
    assert all(route.labels[-2] == "I am not sure" for route in plain if route.choices[-1][0] == "again")


def test_no_verdict_is_unsure_or_offers_a_third_test(routes: tuple[Route, ...]) -> None:
    for route in routes:
        assert route.verdict.answer in ("marketing", "management"), route
        assert "help someone choose" not in route.verdict.text, route
        if route.verdict.close_call:  # only a row of the rulings flagged as one
            assert route.verdict.case and hard_cases()[route.verdict.case].close_call, route


def test_question_2_offers_at_most_seven_plain_choices_an_offer_or_deal_among_them(built_site: Path,
                                                                                   routes: tuple[Route, ...]) -> None:
    page = (built_site / PAGE).read_text(encoding="utf-8")
    kind_step = lxml.html.fromstring(page).xpath("//*[@data-step='kind']")[0]
    labels = [_text(label) for label in kind_step.xpath(
        f"./ul/li/p[{has_class('post-checker__label')}]")]
    assert 2 <= len(labels) <= 7, labels
    assert all(len(label) <= 80 for label in labels), labels
    offer = next(label for label in labels if "an offer or a deal" in label)
    # An offer is ruled by question 2 itself, not by the price-change row ("bad news about a price").
    to_offer = [route for route in routes if len(route.labels) > 1 and route.labels[1] == offer]
    assert {route.verdict.case for route in to_offer} >= {"", "price-change"}
    plain_offer = next(route for route in to_offer if route.verdict.case == "")
    assert plain_offer.verdict.answer == "marketing" and "offer" in plain_offer.labels[-1]
    assert "bad news" not in plain_offer.verdict.text and "price change" not in plain_offer.verdict.text.lower()


def _render(cases: list[HardCase]) -> str:
    holder = etree.Element("div")
    render_post_checker(holder, cases)
    return etree.tostring(holder[0], encoding="unicode")


def test_a_row_the_guide_has_never_heard_of_is_offered(tmp_path: Path) -> None:
    """A new row in the data, whatever its id, is one an owner can reach: under "Something else",
    unless another row's follow-up already leads to it."""
    text = HARD_CASES.read_text(encoding="utf-8") + textwrap.dedent("""
        - id: brand-new-row
          case: A kind of post nobody has placed
          ruling: "**Marketing.** Say why."
          answer: marketing
          close_call: false
          why: Why it is.
          example:
            text: An example.
            answer: marketing
          spot: A kind of post nobody has placed yet
        - id: brand-new-two-sided
          case: Another new one
          ruling: "**Management**, unless its own words sell."
          answer: management
          close_call: false
          why: Why.
          example:
            text: An example.
            answer: management
          spot: Another kind of post nobody has placed
          then:
            question: Do its own words sell?
            choices:
              - choice: Yes, they do
                gives: marketing
                because: They sell.
              - choice: No, they do not
                gives: management
                because: They sell nothing.
        """)
    (tmp_path / "hard-cases.yml").write_text(text, encoding="utf-8")
    rulebook = load_rulebook(tmp_path / "hard-cases.yml", tmp_path / "trades.yml", tmp_path)
    assert rulebook.problems == []
    routes = walk(_render(list(rulebook.hard_cases.values())))
    for row in rulebook.hard_cases:
        assert any(route.verdict.case == row for route in routes), row
    new = [route for route in routes if route.verdict.case.startswith("brand-new")]
    assert {route.labels[1] for route in new} == {"Something else, or I am not sure"}
    assert {(route.verdict.case, route.verdict.answer) for route in new} == {
        ("brand-new-row", "marketing"), ("brand-new-two-sided", "marketing"), ("brand-new-two-sided", "management")}
    # Still at most seven kinds of post.
    kinds = lxml.html.fromstring(_render(list(rulebook.hard_cases.values()))).xpath(
        "//*[@data-step='kind']/ul/li")
    assert len(kinds) <= 7


def test_a_kind_of_post_with_one_row_goes_straight_to_it() -> None:
    """The reply kind holds one row: its follow-up is the next question, with no "which of these"."""
    routes = walk(_render(list(hard_cases().values())))
    reply = [route for route in routes if route.verdict.case == "reply"]
    assert reply and all([step for step, _ in route.choices] == ["paid", "kind", "then-reply"] for route in reply)
    assert len(KINDS_OF_POST) <= 7


def test_the_likely_answers_are_marked_for_the_words_found(built_site: Path) -> None:
    """Which choices the spotter's words point to: a paid label to "Yes" of question 1, an offer or a
    price to "A price, an offer or a deal", a call to buy to "Something you sell", and any of them
    to "Yes" of question 2 asked plainly. Never a choice that gives management."""
    root = lxml.html.fromstring((built_site / PAGE).read_bytes())
    suggest = {}
    for choice in root.xpath("//*[@data-suggest]"):
        label = _text(choice.xpath(f"./p[{has_class('post-checker__label')}]")[0])
        suggest.setdefault(choice.getparent().getparent().get("data-step"), {})[label] = choice.get("data-suggest")
    assert suggest["paid"] == {"Yes. It was an ad, a boost or a sponsored post": "paid"}
    assert suggest["kind"]["A price, an offer or a deal"] == "offer price"
    assert suggest["kind"]["Something you sell, or a call to buy, book, order or come in"] == "act"
    assert suggest["plain"] == {"Yes": "price offer stock act"} or suggest["plain"] == {"Yes": "offer price stock act"}
    verdicts = {v.get("data-verdict"): v.get("data-answer") for v in root.xpath("//*[@data-verdict]")}
    for choice in root.xpath("//*[@data-suggest]"):
        goes = choice.get("data-goes")
        if goes.startswith("verdict:"):
            assert verdicts[goes.split(":")[1]] == "marketing", goes
    kinds = {kind["kind"] for kind in spotter_words()["kinds"]}
    assert {word for value in root.xpath("//@data-suggest") for word in value.split()} <= kinds


def test_every_verdict_says_why(routes: tuple[Route, ...]) -> None:
    for route in routes:
        assert len(route.verdict.text.split()) >= 6, route


def test_case_links_point_at_rows_of_the_table(built_site: Path, routes: tuple[Route, ...]) -> None:
    difference = lxml.html.fromstring((built_site / "difference/index.html").read_bytes())
    rows = set(difference.xpath("//table[contains(@class, 'hard-cases__table')]//tr/@id"))
    page = lxml.html.fromstring((built_site / PAGE).read_bytes())
    hrefs = {href for href in page.xpath("//div[contains(@class, 'post-checker')]//a/@href") if "#case-" in href}
    assert {href.split("#")[1] for href in hrefs} <= rows
    assert {f"case-{row}" for row in ROWS} <= {href.split("#")[1] for href in hrefs}


# --- the page without JavaScript -------------------------------------------------------------


def test_without_javascript_the_steps_are_a_readable_list(built_site: Path) -> None:
    root = lxml.html.fromstring((built_site / PAGE).read_bytes())
    checker = _only(root, f"//div[{has_class('post-checker')}]")
    steps = _only(checker, f"./ol[{has_class('post-checker__steps')}]")
    assert steps.get("hidden") is None
    questions = [_text(question) for question in steps.xpath(f"./li/p[{has_class('post-checker__question')}]")]
    assert questions == ["Did you pay to show it?", "What is your post?",
                         "Do your post's own words, pictures or link put something you sell in front of people?"]
    # Every choice says what it means, in words on the page.
    for choice in checker.xpath(f".//li[{has_class('post-checker__choice')}]"):
        assert choice.xpath(f"./*[{has_class('post-checker__outcome')} or {has_class('post-checker__step')}]"), \
            _text(choice)
    # No form, and nothing that could send: the script adds the form.
    assert not root.xpath("//article//form | //article//textarea | //article//input")
    assert not root.xpath("//article//script[not(@src)]")


def test_the_page_teaches_the_precedence_once_and_loads_its_scripts_in_order(built_site: Path) -> None:
    page = lxml.html.fromstring((built_site / PAGE).read_bytes())
    article = page.xpath("//article")[0]
    for checker in article.xpath(f".//div[{has_class('post-checker')}]"):  # the guide's own steps use them
        checker.drop_tree()
    text = _text(article)
    # Linked to, not included: the two questions are on the difference page (issue 16).
    assert page.xpath("//article//a[@href='../difference/#the-two-questions']")
    for said_once in ("The two questions decide every post.", "Naming is enough.",
                      "A close call still has one answer.", "Ask question 2 again"):
        assert text.count(said_once) == 1, said_once
    html = (built_site / PAGE).read_text(encoding="utf-8")
    spotter = re.search(r'<script src="[^"]*assets/quiz/post-spotter\.js\?v=\w+" defer>', html)
    checker = re.search(r'<script src="[^"]*assets/quiz/post-checker\.js\?v=\w+" defer>', html)
    assert spotter and checker and spotter.start() < checker.start()  # deferred scripts run in order
    assert "post-checker.css?v=" in html
    # Loaded only where the block is.
    difference = (built_site / "difference/index.html").read_text(encoding="utf-8")
    assert "post-checker.js" not in difference and "post-spotter.js" not in difference


def test_the_privacy_note_is_said_once(built_site: Path) -> None:
    """Once, where the post is typed (the script's hint by the text box); the page itself, which
    has no box without JavaScript, does not repeat it."""
    page = _text(lxml.html.fromstring((built_site / PAGE).read_bytes()).xpath("//article")[0])
    script = (STATIC / "post-checker.js").read_text(encoding="utf-8")
    assert "not sent anywhere" not in page and "not saved" not in page
    assert script.count("not sent anywhere") == 1


def test_the_page_carries_the_spotters_word_lists(built_site: Path) -> None:
    root = lxml.html.fromstring((built_site / PAGE).read_bytes())
    checker = _only(root, f"//div[{has_class('post-checker')}]")
    assert json.loads(checker.get("data-spotter-words")) == json.loads(json.dumps(spotter_words()))


def test_the_scripts_store_and_send_nothing_and_show_the_post_as_text() -> None:
    for path in SCRIPTS:
        script = path.read_text(encoding="utf-8")
        for forbidden in ("localStorage", "sessionStorage", "indexedDB", "cookie", "fetch(", "XMLHttpRequest",
                          "sendBeacon", "WebSocket", "innerHTML", "outerHTML", "insertAdjacentHTML", "eval(",
                          "new Function", "window.", "document.write"):
            assert forbidden not in script, (path.name, forbidden)
    script = SCRIPTS[0].read_text(encoding="utf-8")
    # The post is shown back as text nodes and <mark> elements made by the script, never as markup.
    assert "yours.replaceChildren(...marked(" in script
    # The textarea has no name, so even a form sent by mistake could not carry the post.
    assert re.search(r"make\('textarea', \{(?![^}]*name)", script)


# --- the data file: new fields checked with file and line --------------------------------------

CASE = """\
- id: {id}
  case: A case
  ruling: A ruling.
  answer: management
  close_call: false
  why: Why.
  example:
    text: An example.
    answer: management
"""


def _rulebook(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "hard-cases.yml").write_text(text, encoding="utf-8")
    rulebook = load_rulebook(tmp_path / "hard-cases.yml", tmp_path / "trades.yml", tmp_path)
    return [str(problem) for problem in rulebook.problems]


def test_the_checker_fields_load(tmp_path: Path) -> None:
    text = CASE.format(id="reply") + textwrap.indent(textwrap.dedent("""\
        spot: A reply
        then:
          question: Does it sell?
          choices:
            - choice: Yes, it does
              gives: marketing
              because: It sells.
            - choice: It puts a complaint right
              gives: complaint
        """), "  ") + CASE.format(id="complaint") + "  spot: A complaint put right\n" + \
        CASE.format(id="creator") + "  spot: Yes. A creator\n  paid: true\n"
    (tmp_path / "hard-cases.yml").write_text(text, encoding="utf-8")
    rulebook = load_rulebook(tmp_path / "hard-cases.yml", tmp_path / "trades.yml", tmp_path)
    assert rulebook.problems == []
    reply = rulebook.hard_cases["reply"]
    assert reply.spot == "A reply" and not reply.paid and reply.then is not None
    assert [(c.choice, c.gives, c.because) for c in reply.then.choices] == [
        ("Yes, it does", "marketing", "It sells."), ("It puts a complaint right", "complaint", None)]
    assert rulebook.hard_cases["creator"].paid is True


def test_checker_mistakes_are_named_with_file_and_line(tmp_path: Path) -> None:
    text = CASE.format(id="reply") + textwrap.indent(textwrap.dedent("""\
        spot: A reply
        then:
          question: Does it sell?
          choices:
            - choice: Yes, it does
              gives: marketting
            - choice: No
              gives: management
            - choice: Loops
              gives: reply
            - choice: Complaint
              gives: complaint
              because: Not needed.
            - choice: Missing reason
              gives: marketing
        """), "  ") + CASE.format(id="complaint") + "  then:\n    question: One?\n    choices:\n" \
        "      - choice: Only one\n        gives: marketing\n        because: X.\n" + \
        CASE.format(id="silent") + "  spot: Paid\n  paid: yes\n"
    problems = _rulebook(tmp_path, text)
    path = "hard-cases.yml"
    expected = [
        ":15: hard case reply, then, choices: `gives: marketting` is not allowed; did you mean marketing?",
        ":17: hard case reply, then, choices: `because` is missing; say why it is management",
        ":19: hard case reply, then, choices: `gives: reply` must be another case without `then` or `paid`",
        ":21: hard case reply, then, choices: `because` is not used when a choice gives another case",
        ":24: hard case reply, then, choices: `because` is missing; say why it is marketing",
        ":37: hard case 2 (complaint), then, choices: must be a list of two or more choices",
        ":50: hard case 3 (silent), paid: `yes` is not allowed; write true or false",
        ":25: hard case complaint: `spot` is missing; add `spot:`",
    ]
    for line in expected:
        assert any(problem.startswith(path) and line in problem for problem in problems), (line, problems)


def test_a_file_without_any_spot_is_fine_for_a_site_without_the_checker(tmp_path: Path) -> None:
    assert _rulebook(tmp_path, CASE.format(id="reply") + CASE.format(id="like")) == []

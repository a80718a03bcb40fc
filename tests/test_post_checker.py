""""Check your own post" (`/// post-checker`), without a browser.

The guide's questions, choices and verdicts are data in the built page (data-step, data-goes,
data-verdict), and post-checker.js only follows them. `walk` follows them the same way, so
these tests check what a reader can reach: every hard case row of the rulings, with the rulings'
answer and close-call flag. Also: the new fields in includes/hard-cases.yml are checked with
file and line, the page works without JavaScript, and the script stores and sends nothing.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lxml.html
import pytest

from sorting_quiz.loader import load_rulebook

ROOT = Path(__file__).resolve().parent.parent
PAGE = "check-your-post/index.html"
SCRIPT = ROOT / "hooks" / "sorting_quiz" / "static" / "post-checker.js"

# Written from /work/shared/reference/rulings.md by hand, not from the data under test: each row,
# the answers a post of that kind can get, and whether that answer is flagged as a close call.
# Two answers where the ruling turns on the post's own words ("unless", "by the reply's own words",
# "judge the post").
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
}
# Rows decided by question 1 (paid to show it), not among question 2's cases.
PAID_ROWS = {"paid-creator"}


@dataclass(frozen=True)
class Verdict:
    id: str
    answer: str  # marketing, management or unsure
    case: str  # a hard case id, or ""
    close_call: bool
    case_href: str | None
    text: str


@dataclass(frozen=True)
class Route:
    """One way through the guide: the choices made, step by step, and where they lead."""

    choices: tuple[tuple[str, str], ...]  # (step id, choice label)
    verdict: Verdict

    @property
    def labels(self) -> list[str]:
        return [label for _, label in self.choices]


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _only(element: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    found = element.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} found in {lxml.html.tostring(element)[:200]!r}"
    return found[0]


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def walk(html: str) -> list[Route]:
    """Every route through the checker, read from its markup as post-checker.js reads it: start at
    the first [data-step]; each choice's data-goes is `step:ID` or `verdict:ID`."""
    root = lxml.html.fromstring(html)
    checker = _only(root, f"//div[{has_class('post-checker')}]")
    steps = {step.get("data-step"): step for step in checker.xpath(".//*[@data-step]")}
    verdicts = {}
    for element in checker.xpath(f".//*[{has_class('post-checker__verdicts')}]/*[@data-verdict]"):
        links = element.xpath(f"./*[{has_class('post-checker__case')}]/a/@href")
        verdicts[element.get("data-verdict")] = Verdict(
            id=element.get("data-verdict"), answer=element.get("data-answer"), case=element.get("data-case"),
            close_call={"true": True, "false": False}[element.get("data-close-call")],
            case_href=links[0] if links else None, text=_text(element))
    first = checker.xpath(".//*[@data-step]")[0].get("data-step")
    routes: list[Route] = []

    def follow(step_id: str, taken: tuple[tuple[str, str], ...]) -> None:
        assert step_id not in [step for step, _ in taken], f"the guide loops back to step {step_id}"
        step = steps[step_id]
        choices = step.xpath(f"./*[{has_class('post-checker__choices')}]/*[{has_class('post-checker__choice')}]")
        assert len(choices) >= 2, f"step {step_id} has {len(choices)} choices"
        for choice in choices:
            label = _text(_only(choice, f"./*[{has_class('post-checker__label')}]"))
            kind, _, target = choice.get("data-goes").partition(":")
            here = (*taken, (step_id, label))
            if kind == "step":
                follow(target, here)
            else:
                assert kind == "verdict" and target in verdicts, f"{choice.get('data-goes')} leads nowhere"
                routes.append(Route(here, verdicts[target]))

    follow(first, ())
    return routes


@cache
def routes_in(built_site: Path) -> tuple[Route, ...]:
    return tuple(walk((built_site / PAGE).read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def routes(built_site: Path) -> tuple[Route, ...]:
    return routes_in(built_site)


def routes_to_every_case(routes: tuple[Route, ...]) -> list[Route]:
    """The shortest route to each (hard case, answer): one per answer a row can give."""
    chosen: dict[tuple[str, str], Route] = {}
    for route in sorted(routes, key=lambda route: len(route.choices)):
        if route.verdict.case:
            chosen.setdefault((route.verdict.case, route.verdict.answer), route)
    return list(chosen.values())


# --- the rulings, row by row ------------------------------------------------------------------


@pytest.mark.parametrize("row", RULINGS)
def test_every_hard_case_row_gives_the_rulings_answer(routes: tuple[Route, ...], row: str) -> None:
    reached = {(route.verdict.answer, route.verdict.close_call) for route in routes if route.verdict.case == row}
    assert reached == set(RULINGS[row].items()), (
        f"{row}: the checker can give {sorted(reached)}, the rulings say {sorted(RULINGS[row].items())}")
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


def test_a_post_that_fits_no_case_gets_the_two_questions_plainly(routes: tuple[Route, ...]) -> None:
    plain = {route.labels[-1]: route.verdict for route in routes if route.choices[-1][0] == "plain"}
    assert [route.labels[:2] for route in routes if route.choices[-1][0] == "plain"][0] == [
        "No, I did not pay", "None of these"]
    assert {label: (verdict.answer, verdict.close_call, verdict.case) for label, verdict in plain.items()} == {
        "Yes": ("marketing", False, ""), "No": ("management", False, ""), "I am not sure": ("unsure", True, "")}
    assert "close call" in plain["I am not sure"].text
    assert "close call" in plain["Yes"].text and "close call" in plain["No"].text  # "if you were not quite sure"


def test_every_verdict_says_why(routes: tuple[Route, ...]) -> None:
    for route in routes:
        assert len(route.verdict.text.split()) >= 6, route


def test_case_links_point_at_rows_of_the_table(built_site: Path, routes: tuple[Route, ...]) -> None:
    difference = lxml.html.fromstring((built_site / "difference/index.html").read_bytes())
    rows = set(difference.xpath("//table[contains(@class, 'hard-cases__table')]//tr/@id"))
    page = lxml.html.fromstring((built_site / PAGE).read_bytes())
    hrefs = {href for href in page.xpath("//div[contains(@class, 'post-checker')]//a/@href") if "#case-" in href}
    assert {href.split("#")[1] for href in hrefs} <= rows
    assert {f"case-{row}" for row in RULINGS} <= {href.split("#")[1] for href in hrefs}


# --- the page without JavaScript -------------------------------------------------------------


def test_without_javascript_the_steps_are_a_readable_list(built_site: Path) -> None:
    root = lxml.html.fromstring((built_site / PAGE).read_bytes())
    checker = _only(root, f"//div[{has_class('post-checker')}]")
    steps = _only(checker, f"./ol[{has_class('post-checker__steps')}]")
    assert steps.get("hidden") is None
    questions = [_text(question) for question in steps.xpath(f"./li/p[{has_class('post-checker__question')}]")]
    assert questions == ["Did you pay to show it?", "Which of these is your post?",
                         "Do your post's own words, pictures or link put something you sell in front of people?"]
    # Every choice says what it means, in words on the page.
    for choice in checker.xpath(f".//li[{has_class('post-checker__choice')}]"):
        assert choice.xpath(f"./*[{has_class('post-checker__outcome')} or {has_class('post-checker__step')}]"), \
            _text(choice)
    # No form, and nothing that could send: the script adds the form.
    assert not root.xpath("//article//form | //article//textarea | //article//input")
    assert not root.xpath("//article//script[not(@src)]")


def test_the_page_says_what_happens_to_the_post_and_gives_the_two_questions(built_site: Path) -> None:
    root = lxml.html.fromstring((built_site / PAGE).read_bytes())
    assert "It is not sent anywhere, and it is not saved." in _text(root)
    # Linked to, not included: the two questions are on the difference page (issue 16).
    assert root.xpath("//article//a[@href='../difference/#the-two-questions']")
    html = (built_site / PAGE).read_text(encoding="utf-8")
    assert re.search(r'<script src="[^"]*assets/quiz/post-checker\.js\?v=\w+" defer>', html)
    assert "post-checker.css?v=" in html
    # Loaded only where the block is.
    assert "post-checker.js" not in (built_site / "difference/index.html").read_text(encoding="utf-8")


def test_the_script_stores_and_sends_nothing_and_shows_the_post_as_text() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    for forbidden in ("localStorage", "sessionStorage", "indexedDB", "cookie", "fetch(", "XMLHttpRequest",
                      "sendBeacon", "WebSocket", "innerHTML", "outerHTML", "insertAdjacentHTML", "eval(",
                      "window."):
        assert forbidden not in script, forbidden
    assert "yours.textContent = post.value" in script
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

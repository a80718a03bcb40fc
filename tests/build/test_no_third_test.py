"""There is no third test: the two questions sort every post (rulings.md, "How the questions decide").

The UK rules ask whether a post is likely to change whether someone buys. That is how far those rules
reach, not a way to sort posts, and readers who met it on the site used it when unsure, and sorted
awards, reposted praise and tips as marketing. So no page, quiz answer, explanation, post checker
step or email snippet may offer it, or any other test, in place of the two questions.

Read as a reader meets it: every sentence of the built public and staff sites (the staff site holds
the email snippets), hidden post checker verdicts included, and every text in the quiz files and the
hard cases, whether or not a page shows it yet.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from support.projects import ROOT as REPO_ROOT

# Wordings that offer a buying-influence test, or any other test, to sort a post by.
THIRD_TESTS = re.compile(
    r"choose to buy"
    r"|decide to buy"
    r"|decision to buy"
    r"|whether (?:someone|people|they|a customer|customers|anyone) (?:buys?|will buy|would buy)"
    r"|(?:likely|help|helps|helping) (?:to )?(?:change|affect|sway|nudge|influence|persuade)"
    r"|(?:change|affect|sway|nudge|influence|persuade)s? (?:whether|if) (?:someone|people|they|a customer)"
    r"|would it help"
    r"|rule of thumb"
    r"|\b(?:a good|a better|another|a third|a simple|a quick|an easy|one more) test\b",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if part]


def offers_a_third_test(text: str) -> list[str]:
    return [sentence for sentence in sentences(text) if THIRD_TESTS.search(sentence)]


def page_text(path: Path) -> str:
    root = lxml.html.fromstring(path.read_bytes())
    for element in root.xpath("//script | //style"):
        element.drop_tree()
    body = root.xpath("//body")
    return body[0].text_content() if body else ""


def strings_in(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


@pytest.mark.parametrize("wording", [
    "A good test is this: is the post likely to change whether someone buys?",  # the UK rules box, before
    "It is a close call. Ask: would it help someone choose to buy from you?",  # the post checker, before
    "If it could sway a customer's decision to buy, call it marketing.",
    "A simple rule of thumb: does it make you look good?",
])
def test_a_third_test_is_found(wording: str) -> None:
    assert offers_a_third_test(wording)


@pytest.mark.parametrize("wording", [
    "Do the post's own words, pictures or link put something the business sells in front of people?",
    "Something it sells means a product, a service, a price, a deal or offer, or a call to buy, book, order "
    "or come in and buy.",
    "Not sure? Ask question 2 again: do its own words, pictures or link name or show something it sells?",
    "It gives you one clear test for any post.",
    "They apply when a post is directly linked to selling, even with no price in it.",
])
def test_the_two_questions_are_not_a_third_test(wording: str) -> None:
    assert offers_a_third_test(wording) == []


def test_no_page_offers_a_third_test(built_site: Path, built_staff_site: Path) -> None:
    found = []
    for site in (built_site, built_staff_site):
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 20, f"too few pages in {site} to be the built site"
        for page in pages:
            found += [f"{site.name}/{page.relative_to(site)}: {sentence}" for sentence in offers_a_third_test(
                page_text(page))]
    assert not found, "pages offer a test other than the two questions:\n" + "\n".join(found)


def test_no_quiz_or_hard_case_text_offers_a_third_test() -> None:
    files = sorted((REPO_ROOT / "quizzes").glob("*.yml")) + [REPO_ROOT / "includes" / "hard-cases.yml"]
    found = []
    for path in files:
        for text in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found += [f"{path.relative_to(REPO_ROOT)}: {sentence}" for sentence in offers_a_third_test(text)]
    assert not found, "quiz or hard case text offers a test other than the two questions:\n" + "\n".join(found)


def test_the_uk_rules_box_keeps_its_fact_but_sorts_nothing(built_site: Path) -> None:
    root = lxml.html.fromstring((built_site / "difference" / "index.html").read_bytes())
    boxes = [box for box in root.xpath("//div[contains(concat(' ', @class, ' '), ' admonition ')]")
             if "UK rules" in box.text_content()]
    assert len(boxes) == 1, "the difference page should have one UK rules box"
    text = " ".join(boxes[0].text_content().split())
    assert "CAP Code" in text and "2011" in text and "no price" in text, "the box lost the rules' reach"
    assert "not how this site sorts posts" in text and "two questions" in text, (
        "the box should say the rules' reach is not a way to sort posts")

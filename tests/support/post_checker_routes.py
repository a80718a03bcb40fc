"""Every route through "Check your own post", read from the built page as post-checker.js reads it.

Used by tests/build/test_post_checker.py (the routes, without a browser) and
tests/browser/test_post_checker_browser.py (the same routes, played in Chromium).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lxml.html

from sorting_quiz.loader import load_rulebook
from sorting_quiz.model import HardCase

ROOT = Path(__file__).resolve().parents[2]
PAGE = "check-your-post/index.html"
HARD_CASES = ROOT / "includes" / "hard-cases.yml"


def hard_cases() -> dict[str, HardCase]:
    """The rows of includes/hard-cases.yml as they are now."""
    rulebook = load_rulebook(HARD_CASES, ROOT / "includes" / "trades.yml", ROOT)
    assert rulebook.problems == [], rulebook.problems
    return rulebook.hard_cases


ROWS = list(hard_cases())


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


def text_of(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def only_one(element: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    found = element.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {len(found)} found in {lxml.html.tostring(element)[:200]!r}"
    return found[0]


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def walk(html: str) -> list[Route]:
    """Every route through the checker, read from its markup as post-checker.js reads it: start at
    the first [data-step]; each choice's data-goes is `step:ID` or `verdict:ID`."""
    root = lxml.html.fromstring(html)
    checker = only_one(root, f"//div[{has_class('post-checker')}]")
    steps = {step.get("data-step"): step for step in checker.xpath(".//*[@data-step]")}
    verdicts = {}
    for element in checker.xpath(f".//*[{has_class('post-checker__verdicts')}]/*[@data-verdict]"):
        links = element.xpath(f"./*[{has_class('post-checker__case')}]/a/@href")
        verdicts[element.get("data-verdict")] = Verdict(
            id=element.get("data-verdict"), answer=element.get("data-answer"), case=element.get("data-case"),
            close_call={"true": True, "false": False}[element.get("data-close-call")],
            case_href=links[0] if links else None, text=text_of(element))
    first = checker.xpath(".//*[@data-step]")[0].get("data-step")
    routes: list[Route] = []

    def follow(step_id: str, taken: tuple[tuple[str, str], ...]) -> None:
        assert step_id not in [step for step, _ in taken], f"the guide loops back to step {step_id}"
        step = steps[step_id]
        choices = step.xpath(f"./*[{has_class('post-checker__choices')}]/*[{has_class('post-checker__choice')}]")
        assert len(choices) >= 2, f"step {step_id} has {len(choices)} choices"
        for choice in choices:
            label = text_of(only_one(choice, f"./*[{has_class('post-checker__label')}]"))
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


def routes_to_every_case(routes: tuple[Route, ...]) -> list[Route]:
    """The shortest route to each (hard case, answer): one per answer a row can give."""
    chosen: dict[tuple[str, str], Route] = {}
    for route in sorted(routes, key=lambda route: len(route.choices)):
        if route.verdict.case:
            chosen.setdefault((route.verdict.case, route.verdict.answer), route)
    return list(chosen.values())

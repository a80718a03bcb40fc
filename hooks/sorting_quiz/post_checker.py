"""The "Check your own post" guide (`/// post-checker`), asked from the hard cases themselves
(includes/hard-cases.yml: each case's `spot`, `paid` and `then`), so it can never disagree with
the hard cases table.

Without JavaScript it is an ordered list of steps: each question, and what each answer means.
post-checker.js turns the same markup into one question at a time; it reads every question,
choice and verdict from it, and so does tests/test_post_checker.py. The markup is the contract:

- `.post-checker__step[data-step=ID]`: a question (`.post-checker__question`, maybe a
  `.post-checker__hint`) and its choices (`.post-checker__choices > .post-checker__choice`).
  The first step is where the guide starts.
- `.post-checker__choice[data-goes="step:ID" | "verdict:ID"]`: its words (`.post-checker__label`)
  and what it means (`.post-checker__outcome`); a hard case's follow-up step sits inside it.
- `.post-checker__verdict[data-verdict=ID]`, in a hidden `.post-checker__verdicts`, with
  `data-answer` (marketing, management or unsure), `data-case` (a hard case id, or empty) and
  `data-close-call` (true or false): the reason, the hard case and the note shown at the end.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from .model import HardCase
from .render import _markdown, literal, text_element

DIFFERENCE_PAGE = "difference.md"  # where the hard cases table is, each row at #case-ID
QUESTIONS_LINK = f"{DIFFERENCE_PAGE}#the-two-questions"

# The guide's own words, where no hard case speaks: question 1, the list of cases, and question 2
# asked plainly for a post that fits no case.
PAID_QUESTION = "Did you pay to show it?"
PAID_HINT = "That means a boost, an ad, a sponsored post, or paying someone to post about you, in money or free goods."
PAID_YES = "Yes. It was an ad, a boost or a sponsored post"
PAID_NO = "No, I did not pay"
CASES_QUESTION = "Which of these is your post?"
CASES_HINT = "Pick the one that fits it best. Look only at your own words, pictures and link."
NONE_OF_THESE = "None of these"
PLAIN_QUESTION = "Do your post's own words, pictures or link put something you sell in front of people?"
PLAIN_HINT = ("Something you sell means a product, a service, a price, a deal, your own event, or asking people "
              "to buy, book, order or come in. No price is needed.")


@dataclass(frozen=True)
class Verdict:
    id: str
    answer: str  # marketing, management, or unsure
    reason: str  # Markdown
    case: HardCase | None = None
    close_call: bool = False
    note: str | None = None  # Markdown: what else to know, or what to do when unsure


PAID = Verdict("paid", "marketing", "You paid to show it. That makes it marketing, whatever it says.",
               note=f"This is [question 1]({QUESTIONS_LINK}). Planning and replying around a paid post is "
                    "still management work.")
PLAIN = {
    "yes": (
        "Yes",
        Verdict("plain--yes", "marketing", "Its own words, pictures or link put something you sell in front of "
                "people. That makes it marketing, by question 2.",
                note="Your post is not one of the hard cases. If you were not quite sure, call it a close call.")),
    "no": (
        "No",
        Verdict("plain--no", "management", "You did not pay to show it, and its own words sell nothing. "
                "No to both means management.",
                note="Your post is not one of the hard cases. If you were not quite sure, call it a close call.")),
    "unsure": (
        "I am not sure",
        Verdict("plain--unsure", "unsure", "If its own words, pictures or link name or show something you sell, "
                "it is marketing. If not, it is management.", close_call=True,
                note="It is a close call. Ask: would it help someone choose to buy from you? If so, call it "
                     "marketing. Or find a post like it in the hard cases.")),
}


CLOSE_CALL_NOTE = "This is a close call: people sort it both ways. This site calls it {answer}, by the two questions."


def case_verdict(case: HardCase, cases: dict[str, HardCase]) -> Verdict:
    """Picking a case with no follow-up: its own ruling, and the note if it is a close call."""
    note = CLOSE_CALL_NOTE.format(answer=case.answer) if case.close_call else None
    return Verdict(f"case-{case.id}", case.answer, case.ruling, case, case.close_call, note)


def choice_verdicts(case: HardCase, cases: dict[str, HardCase]) -> list[Verdict]:
    """One verdict per choice of a case's follow-up, in order."""
    assert case.then is not None
    verdicts = []
    for number, choice in enumerate(case.then.choices, start=1):
        if choice.gives in cases:
            verdicts.append(case_verdict(cases[choice.gives], cases))
        else:
            verdicts.append(Verdict(f"case-{case.id}--{number}", choice.gives, choice.because or "", case))
    return verdicts


def render_post_checker(parent: etree.Element, cases: list[HardCase]) -> etree.Element:
    """The steps as an ordered list, and the verdicts (hidden) that the script shows at the end."""
    by_id = {case.id: case for case in cases}
    verdicts: dict[str, Verdict] = {}
    holder = etree.SubElement(parent, "div", {"class": "post-checker"})
    steps = etree.SubElement(holder, "ol", {"class": "post-checker__steps"})

    def step(into: etree.Element, tag: str, step_id: str, question: str, hint: str | None) -> etree.Element:
        element = etree.SubElement(into, tag, {"class": "post-checker__step", "data-step": step_id})
        text_element(text_element(element, "p", None, class_="post-checker__question"), "strong", literal(question))
        if hint:
            text_element(element, "p", literal(hint), class_="post-checker__hint")
        return etree.SubElement(element, "ul", {"class": "post-checker__choices"})

    def choice(into: etree.Element, label: str, goes: str) -> etree.Element:
        item = etree.SubElement(into, "li", {"class": "post-checker__choice", "data-goes": goes})
        text_element(item, "p", literal(label), class_="post-checker__label")
        return item

    def to_verdict(into: etree.Element, label: str, verdict: Verdict) -> None:
        verdicts[verdict.id] = verdict
        item = choice(into, label, f"verdict:{verdict.id}")
        outcome = text_element(item, "p", None, class_="post-checker__outcome")
        _answer_words(outcome, verdict)
        if verdict.note and not verdict.case:
            outcome.append(_inline(verdict.note))
        if verdict.case:
            see = text_element(outcome, "span", "See ", class_="post-checker__see")
            link = text_element(see, "a", literal(verdict.case.case), href=f"{DIFFERENCE_PAGE}#case-{verdict.case.id}")
            link.tail = "."

    def to_step(into: etree.Element, label: str, step_number: int) -> None:
        item = choice(into, label, "step:" + ("cases" if step_number == 2 else "plain"))
        text_element(item, "p", f"Go to step {step_number}.", class_="post-checker__outcome")

    # Step 1: paid to show it?
    choices = step(steps, "li", "paid", PAID_QUESTION, PAID_HINT)
    to_verdict(choices, PAID_YES, PAID)
    for case in cases:
        if case.paid and case.spot:
            to_verdict(choices, case.spot, case_verdict(case, by_id))
    to_step(choices, PAID_NO, 2)

    # Step 2: which hard case, and its follow-up.
    choices = step(steps, "li", "cases", CASES_QUESTION, CASES_HINT)
    for case in cases:
        if case.paid or not case.spot:
            continue
        if case.then is None:
            to_verdict(choices, case.spot, case_verdict(case, by_id))
            continue
        item = choice(choices, case.spot, f"step:then-{case.id}")
        follow_up = step(item, "div", f"then-{case.id}", case.then.question, None)
        for option, verdict in zip(case.then.choices, choice_verdicts(case, by_id)):
            to_verdict(follow_up, option.choice, verdict)
    to_step(choices, NONE_OF_THESE, 3)

    # Step 3: question 2, asked plainly.
    choices = step(steps, "li", "plain", PLAIN_QUESTION, PLAIN_HINT)
    for label, verdict in PLAIN.values():
        to_verdict(choices, label, verdict)

    hidden = etree.SubElement(holder, "div", {"class": "post-checker__verdicts", "hidden": "hidden"})
    for verdict in verdicts.values():
        _render_verdict(hidden, verdict)
    return holder


def _answer_words(parent: etree.Element, verdict: Verdict) -> None:
    """`**Marketing.** It states the price…`, or `**A close call.** **Management.** …` (the ruling)."""
    if verdict.case and verdict.reason == verdict.case.ruling:  # the ruling names the answer itself
        if verdict.close_call:
            text_element(parent, "strong", "A close call.").tail = " "
        parent.append(_inline(verdict.reason + " "))
        return
    words = {"marketing": "Marketing.", "management": "Management.", "unsure": "A close call."}[verdict.answer]
    text_element(parent, "strong", words).tail = " " + _markdown(verdict.reason) + " "


def _inline(markdown: str) -> etree.Element:
    span = etree.Element("span")
    span.text = _markdown(markdown)
    return span


def _render_verdict(parent: etree.Element, verdict: Verdict) -> etree.Element:
    section = etree.SubElement(parent, "div", {
        "class": "post-checker__verdict", "data-verdict": verdict.id, "data-answer": verdict.answer,
        "data-case": verdict.case.id if verdict.case else "", "data-close-call": str(verdict.close_call).lower(),
    })
    text_element(section, "p", _markdown(verdict.reason), class_="post-checker__reason")
    if verdict.case:
        case = text_element(section, "p", "The hard case: ", class_="post-checker__case")
        text_element(case, "a", literal(verdict.case.case), href=f"{DIFFERENCE_PAGE}#case-{verdict.case.id}").tail = "."
        if verdict.reason != verdict.case.ruling:
            text_element(section, "p", _markdown(verdict.case.ruling), class_="post-checker__ruling")
        text_element(section, "p", _markdown(verdict.case.why), class_="post-checker__why")
    if verdict.note:
        text_element(section, "p", _markdown(verdict.note), class_="post-checker__note")
    if verdict.case and verdict.case.older_reading and verdict.answer == verdict.case.answer:
        older = text_element(section, "p", None, class_="post-checker__older")
        text_element(older, "em", "The older reading:").tail = " " + _markdown(verdict.case.older_reading)
    return section

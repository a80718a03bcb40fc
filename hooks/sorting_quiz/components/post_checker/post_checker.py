"""The "Check your own post" guide (`/// post-checker`), asked from the hard cases themselves
(includes/hard-cases.yml: each case's `spot`, `paid` and `then`), so it can never disagree with
the hard cases table, and every row of it is one an owner can reach.

The guide asks the two questions in order. Question 1: did you pay to show it? Then, what kind of
post it is, in at most seven plain kinds (KINDS_OF_POST): a price, offer or deal; something you
sell named or shown; a reply; someone else's post; news or a notice; a tip, joke, poll or link;
something else. Each kind lists its hard cases (a kind with one goes straight to it), and each
case asks its own follow-up. A case this file does not place, and no follow-up reaches, joins
"Something else", so a new row in the data is always offered. "None of these" and "I am not
sure" lead to question 2 itself, asked plainly and then once more: never to "a close call".

Without JavaScript it is an ordered list of steps: each question, and what each answer means.
post-checker.js turns the same markup into one question at a time; it reads every question,
choice and verdict from it, and so does tests/build/test_post_checker.py. The markup is the contract:

- `.post-checker[data-spotter-words]`: what post-spotter.js looks for in the post typed in (the
  lists in post_spotter.py, as JSON); `[data-answers]`, the answers and their words, and
  `[data-selling-answer]`, the answer words that sell give (facts.py): the script spells neither.
- `.post-checker__step[data-step=ID]`: a question (`.post-checker__question`, maybe a
  `.post-checker__hint`) and its choices (`.post-checker__choices > .post-checker__choice`).
  The first step is where the guide starts.
- `.post-checker__choice[data-goes="step:ID" | "verdict:ID"]`: its words (`.post-checker__label`)
  and what it means (`.post-checker__outcome`); a follow-up step sits inside it. `data-suggest`
  names the kinds of words found (paid, price, offer, stock, act) that make it the likely answer.
- `.post-checker__verdict[data-verdict=ID]`, in a hidden `.post-checker__verdicts`, with
  `data-answer` (marketing or management), `data-question` (1 or 2: which question's words
  decided it), `data-case` (a hard case id, or empty) and `data-close-call` (true or false): the
  reason, the hard case and the note shown at the end.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from ... import facts
from ...elements import _markdown, literal, text_element
from ...facts import MANAGEMENT, MARKETING, answer_label, case_anchor, id_part
from ...model import HardCase
from .post_spotter import spotter_json

DIFFERENCE_PAGE = "difference.md"  # where the hard cases table is, each row at #case-ID
QUESTIONS_LINK = f"{DIFFERENCE_PAGE}#the-two-questions"

# The guide's own words, where no hard case speaks.
PAID_QUESTION = "Did you pay to show it?"
PAID_HINT = "That means a boost, an ad, a sponsored post, or paying someone to post about you, in money or free goods."
PAID_YES = "Yes. It was an ad, a boost or a sponsored post"
PAID_NO = "No, I did not pay"
KIND_QUESTION = "What is your post?"
KIND_HINT = "Pick the one that fits it best. Look only at your own words, pictures and link."
WHICH_QUESTION = "Which of these fits it best?"
NONE_OF_THESE = "None of these"
PLAIN_QUESTION = "Do your post's own words, pictures or link put something you sell in front of people?"
PLAIN_HINT = ("Something you sell means a product, a service, a price, a deal, your own event, or asking people "
              "to buy, book, order or come in. No price is needed.")
AGAIN_QUESTION = "Ask question 2 again: do your own words, pictures or link name or show something you sell?"
AGAIN_HINT = ("Naming is enough. Look only at what you wrote, showed or linked to, not at a post you shared "
              "or the question you answered.")


@dataclass(frozen=True)
class Verdict:
    id: str
    answer: str  # marketing or management
    reason: str  # Markdown
    case: HardCase | None = None
    close_call: bool = False
    note: str | None = None  # Markdown: what else to know
    question: int = 2  # the question whose words decided it: 1 (paid to show it) or 2


PAID = Verdict("paid", MARKETING, "You paid to show it. That makes it marketing, whatever it says.",
               note=f"This is [question 1]({QUESTIONS_LINK}). Planning and replying around a paid post is "
                    "still management work.", question=1)
NOT_A_CASE = "Your post is not one of the hard cases: the two questions decide it."
SELLS = Verdict("plain--yes", MARKETING, "Its own words, pictures or link put something you sell in front of "
                "people. That makes it marketing, by question 2.", note=NOT_A_CASE)
SELLS_NOTHING = Verdict("plain--no", MANAGEMENT, "You did not pay to show it, and its own words, pictures and "
                        "link name nothing you sell. No to both means management.", note=NOT_A_CASE)
OFFER = Verdict("offer", MARKETING, "It gives a price, an offer or a deal. That puts something you sell in "
                "front of people, so it is marketing, by question 2.")
NAMES = Verdict("names", MARKETING, "Its own words name or show something you sell, or ask people to buy, book, "
                "order or come in. Naming is enough: it is marketing, by question 2.")


@dataclass(frozen=True)
class KindOfPost:
    """One plain answer to "What is your post?", and the hard cases it leads to."""

    id: str
    label: str
    cases: tuple[str, ...]  # hard case ids, in the order offered; ids not in the data are left out
    suggest: tuple[str, ...] = ()  # the kinds of words found that make it the likely answer
    plain: tuple[str, Verdict, tuple[str, ...]] | None = None  # a first choice ruled by question 2 itself


# At most seven, plain, in the order an owner would look. Where a case sits here is a matter of
# how owners see their post; what it rules is the data's.
KINDS_OF_POST = (
    KindOfPost("offer", "A price, an offer or a deal", ("price-change", "giveaway"), ("offer", "price"),
               plain=("An offer or a deal, such as “2 for £3”, “20% off” or “free delivery”", OFFER, ("offer",))),
    KindOfPost("names", "Something you sell, or a call to buy, book, order or come in",
               ("product-shown", "making-clip", "testimonial", "own-event", "order-deadline"), ("act",),
               plain=("It names something you sell, or asks people to buy, book, order or come in", NAMES,
                      ("act",))),
    KindOfPost("reply", "A reply, comment or message to someone", ("reply",)),
    KindOfPost("others", "Someone else's post or goods: shared, reposted, liked or praised",
               ("repost", "customer-photo", "like", "other-business")),
    KindOfPost("news", "News or a notice: opening hours, stock, a job, your team or a good cause",
               ("opening-hours", "stock", "hiring", "team-news", "team-news-sells", "charity"), ("stock",)),
    KindOfPost("chat", "A tip, a joke, a poll or a link", ("how-to", "memes-polls", "product-poll", "own-link")),
    KindOfPost("else", "Something else, or I am not sure", ("scheduling-tool",)),
)
SOMETHING_ELSE = "else"  # where a case placed nowhere else goes, before "None of these"
# A case's own choice is the likely one when these words are found.
CASE_SUGGESTS = {"price-change": ("price",), "stock": ("stock",), "order-deadline": ("act",)}
# Found words that suggest "Yes" to question 2 asked plainly.
SELLING_WORDS = ("price", "offer", "stock", "act")


CLOSE_CALL_NOTE = "This site calls it {answer}, by the two questions. It is a close call: some people sort it the other way."
# A hard case never beats question 2 (rulings.md, How the questions decide): a case ruled
# management still asks it before its ruling is given.
STILL_SELLS_QUESTION = ("Do your post's own words, pictures or link name or show something you sell, "
                        "or ask people to buy, book, order or come in?")
STILL_SELLS_YES = "Yes, it names or shows something I sell"
STILL_SELLS_NO = "No, it names nothing I sell"


def case_verdict(case: HardCase, cases: dict[str, HardCase]) -> Verdict:
    """Picking a case with no follow-up: its own ruling, and the note if it is a close call."""
    note = CLOSE_CALL_NOTE.format(answer=case.answer) if case.close_call else None
    return Verdict(case_anchor(case.id), case.answer, case.ruling, case, case.close_call, note,
                   question=1 if case.paid else 2)


def choice_verdicts(case: HardCase, cases: dict[str, HardCase]) -> list[Verdict]:
    """One verdict per choice of a case's follow-up, in order."""
    assert case.then is not None
    verdicts = []
    for number, choice in enumerate(case.then.choices, start=1):
        if choice.gives in cases:
            verdicts.append(case_verdict(cases[choice.gives], cases))
        else:
            verdicts.append(Verdict(id_part(case_anchor(case.id), str(number)), choice.gives, choice.because or "", case))
    return verdicts


def kinds_of_post(cases: list[HardCase]) -> list[tuple[KindOfPost, list[HardCase]]]:
    """Each kind of post with the cases it offers: those the data has, and in "Something else"
    every case placed nowhere and reached by no follow-up. Kinds with nothing to offer are left out."""
    by_id = {case.id: case for case in cases if case.spot and not case.paid}
    placed = {case_id for kind in KINDS_OF_POST for case_id in kind.cases}
    followed = {choice.gives for case in by_id.values() if case.then for choice in case.then.choices}
    unplaced = [case for case in by_id.values() if case.id not in placed and case.id not in followed]
    found = []
    for kind in KINDS_OF_POST:
        offered = [by_id[case_id] for case_id in kind.cases if case_id in by_id]
        if kind.id == SOMETHING_ELSE:
            offered += unplaced
        if offered or kind.plain or kind.id == SOMETHING_ELSE:
            found.append((kind, offered))
    return found


def render_post_checker(parent: etree.Element, cases: list[HardCase]) -> etree.Element:
    """The steps as an ordered list, and the verdicts (hidden) that the script shows at the end."""
    by_id = {case.id: case for case in cases}
    verdicts: dict[str, Verdict] = {}
    holder = etree.SubElement(parent, "div", {
        "class": facts.POST_CHECKER_CLASS, "data-spotter-words": spotter_json(),
        # The answers' words, and the answer that words selling something give: post-checker.js reads both.
        "data-answers": facts.answers_json(), "data-selling-answer": MARKETING,
    })
    steps = etree.SubElement(holder, "ol", {"class": "post-checker__steps"})

    def step(into: etree.Element, tag: str, step_id: str, question: str, hint: str | None) -> etree.Element:
        element = etree.SubElement(into, tag, {"class": "post-checker__step", "data-step": step_id})
        text_element(text_element(element, "p", None, class_="post-checker__question"), "strong", literal(question))
        if hint:
            text_element(element, "p", literal(hint), class_="post-checker__hint")
        return etree.SubElement(element, "ul", {"class": "post-checker__choices"})

    def choice(into: etree.Element, label: str, goes: str, suggest: tuple[str, ...] = ()) -> etree.Element:
        item = etree.SubElement(into, "li", {"class": "post-checker__choice", "data-goes": goes})
        if suggest:
            item.set("data-suggest", " ".join(suggest))
        text_element(item, "p", literal(label), class_="post-checker__label")
        return item

    def to_verdict(into: etree.Element, label: str, verdict: Verdict, suggest: tuple[str, ...] = ()) -> None:
        verdicts[verdict.id] = verdict
        item = choice(into, label, f"verdict:{verdict.id}", suggest)
        outcome = text_element(item, "p", None, class_="post-checker__outcome")
        _answer_words(outcome, verdict)
        if verdict.case:
            see = text_element(outcome, "span", "See ", class_="post-checker__see")
            link = text_element(see, "a", literal(verdict.case.case), href=f"{DIFFERENCE_PAGE}#{case_anchor(verdict.case.id)}")
            link.tail = "."

    def to_step(into: etree.Element, label: str, step_id: str, step_number: int | None,
                suggest: tuple[str, ...] = ()) -> etree.Element:
        item = choice(into, label, f"step:{step_id}", suggest)
        if step_number:
            text_element(item, "p", f"Go to step {step_number}.", class_="post-checker__outcome")
        return item

    def to_case(into: etree.Element, case: HardCase, label: str | None = None, suggest: tuple[str, ...] = ()) -> None:
        """A case as a choice: its verdict, or its follow-up question, inside the choice."""
        label, suggest = label or case.spot or case.case, suggest or CASE_SUGGESTS.get(case.id, ())
        if case.then is None and case.answer == MANAGEMENT and not case.paid:
            item = to_step(into, label, f"sells-{case.id}", None, suggest)
            still = step(item, "div", f"sells-{case.id}", STILL_SELLS_QUESTION, None)
            to_verdict(still, STILL_SELLS_YES, Verdict(
                id_part(case_anchor(case.id), "sells"), MARKETING,
                f"{NAMES.reason} A hard case never beats question 2.", case), SELLING_WORDS)
            to_verdict(still, STILL_SELLS_NO, case_verdict(case, by_id))
            return
        if case.then is None:
            to_verdict(into, label, case_verdict(case, by_id), suggest)
            return
        item = to_step(into, label, f"then-{case.id}", None, suggest)
        follow_up = step(item, "div", f"then-{case.id}", case.then.question, None)
        for option, verdict in zip(case.then.choices, choice_verdicts(case, by_id)):
            to_verdict(follow_up, option.choice, verdict)

    # Step 1: paid to show it?
    choices = step(steps, "li", "paid", PAID_QUESTION, PAID_HINT)
    to_verdict(choices, PAID_YES, PAID, ("paid",))
    for case in cases:
        if case.paid and case.spot:
            to_verdict(choices, case.spot, case_verdict(case, by_id))
    to_step(choices, PAID_NO, "kind", 2)

    # Step 2: what kind of post, then which case of that kind.
    choices = step(steps, "li", "kind", KIND_QUESTION, KIND_HINT)
    for kind, offered in kinds_of_post(cases):
        ends_plainly = kind.id == SOMETHING_ELSE
        if len(offered) == 1 and not kind.plain and not ends_plainly:  # straight to its one case
            to_case(choices, offered[0], kind.label, kind.suggest)
            continue
        if not offered and ends_plainly:
            to_step(choices, kind.label, "plain", 3, kind.suggest)
            continue
        item = to_step(choices, kind.label, f"kind-{kind.id}", None, kind.suggest)
        which = step(item, "div", f"kind-{kind.id}", WHICH_QUESTION, None)
        if kind.plain:
            label, verdict, suggest = kind.plain
            to_verdict(which, label, verdict, suggest)
        for case in offered:
            to_case(which, case)
        if ends_plainly:
            to_step(which, NONE_OF_THESE, "plain", 3)

    # Step 3: question 2, asked plainly; and once more for an owner who is not sure.
    choices = step(steps, "li", "plain", PLAIN_QUESTION, PLAIN_HINT)
    to_verdict(choices, "Yes", SELLS, SELLING_WORDS)
    to_verdict(choices, "No", SELLS_NOTHING)
    item = to_step(choices, "I am not sure", "again", None)
    again = step(item, "div", "again", AGAIN_QUESTION, AGAIN_HINT)
    to_verdict(again, "Yes, they name or show something I sell", SELLS, SELLING_WORDS)
    to_verdict(again, "No, they name nothing I sell", SELLS_NOTHING)

    hidden = etree.SubElement(holder, "div", {"class": "post-checker__verdicts", "hidden": "hidden"})
    for verdict in verdicts.values():
        _render_verdict(hidden, verdict)
    return holder


def _answer_words(parent: etree.Element, verdict: Verdict) -> None:
    """`**Marketing.** It gives a price…`, or a ruling, which names its answer first; then, for a close
    call, that it is one: the ruling is still its answer."""
    if verdict.case and verdict.reason == verdict.case.ruling:  # the ruling names the answer itself
        parent.append(_inline(verdict.reason + " "))
        if verdict.close_call:
            text_element(parent, "em", "A close call, and this is its answer.").tail = " "
        return
    text_element(parent, "strong", f"{answer_label(verdict.answer)}.").tail = " " + _markdown(verdict.reason) + " "


def _inline(markdown: str) -> etree.Element:
    span = etree.Element("span")
    span.text = _markdown(markdown)
    return span


def _render_verdict(parent: etree.Element, verdict: Verdict) -> etree.Element:
    section = etree.SubElement(parent, "div", {
        "class": "post-checker__verdict", "data-verdict": verdict.id, "data-answer": verdict.answer,
        "data-question": str(verdict.question), "data-case": verdict.case.id if verdict.case else "",
        "data-close-call": str(verdict.close_call).lower(),
    })
    text_element(section, "p", _markdown(verdict.reason), class_="post-checker__reason")
    if verdict.case:
        case = text_element(section, "p", "The hard case: ", class_="post-checker__case")
        text_element(case, "a", literal(verdict.case.case), href=f"{DIFFERENCE_PAGE}#{case_anchor(verdict.case.id)}").tail = "."
        if verdict.reason != verdict.case.ruling:
            text_element(section, "p", _markdown(verdict.case.ruling), class_="post-checker__ruling")
        text_element(section, "p", _markdown(verdict.case.why), class_="post-checker__why")
    if verdict.note:
        text_element(section, "p", _markdown(verdict.note), class_="post-checker__note")
    if verdict.case and verdict.case.older_reading and verdict.answer == verdict.case.answer:
        older = text_element(section, "p", None, class_="post-checker__older")
        text_element(older, "em", "The older reading:").tail = " " + _markdown(verdict.case.older_reading)
    return section

"""Turns a quiz into HTML elements: a self-check that works with no JavaScript at all.

Without JavaScript each post has native radio buttons and a `<details>` that reveals the
answer. quiz.js builds what only works with it (the choice buttons that mark a post at once, the
buckets to drag posts into, the progress line and the score) and hides the no-JavaScript parts.
Two parts are here for it already, shown only when the page says script runs (`js-enabled` on
<html>, set by overrides/main.html before the page is drawn): how the enhanced quiz works, and the
empty bar its progress goes in; so nothing moves when the script starts. Class names follow
BEM (`quiz__…` for the quiz, `quiz-post__…` for a post) so the script and style sheet
have one contract with this file. The quiz's `data-answers` and `data-answer-link` hand the script
the answers, their words and the answer link's parameters (facts.py), which it never spells.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import cache
from pathlib import Path

from ... import facts
from ...agency import Agency
from ...elements import _markdown, literal, text_element
from ...facts import ANSWERS, answer_label, id_part, post_anchor, quiz_anchor, radio_group
from ...model import Original, Post, Quiz

ICONS = Path(__file__).parents[2] / "icons"  # sorting_quiz/icons


@cache
def _icon_shape(platform: str) -> tuple[str, tuple[str, ...]]:
    svg = (ICONS / f"{platform}.svg").read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    paths = re.findall(r'<path d="([^"]+)"', svg)
    assert view_box and paths, f"icons/{platform}.svg has no viewBox or path"
    return view_box.group(1), tuple(paths)


def platform_icon(parent: etree.Element, platform: str) -> etree.Element:
    view_box, paths = _icon_shape(platform)
    svg = etree.SubElement(parent, "svg", {
        "class": "quiz-post__icon", "viewBox": view_box, "width": "20", "height": "20",
        "aria-hidden": "true", "focusable": "false",
    })
    for d in paths:
        etree.SubElement(svg, "path", {"d": d, "fill": "currentColor"})
    return svg


def render_original(parent: etree.Element, original: Original) -> etree.Element:
    """Someone else's post or comment, inside the business's reply, share or like."""
    quote = etree.SubElement(parent, "blockquote", {"class": "quiz-post__original"})
    account = text_element(quote, "p", literal(original.account), class_="quiz-post__original-account")
    account.set("translate", "no")
    if original.text:
        text_element(quote, "p", literal(original.text), class_="quiz-post__original-text")
    if original.image_description:
        picture = text_element(quote, "p", "Picture: ", class_="quiz-post__image")
        text_element(picture, "span", literal(original.image_description))
    return quote


def render_card(parent: etree.Element, post: Post, element_id: str) -> etree.Element:
    """The post as a reader would see it on the platform: who, where, paid or not, and what it says."""
    card = etree.SubElement(parent, "article", {
        "class": f"quiz-post__card quiz-post__card--{post.platform}", "aria-labelledby": id_part(element_id, "account"),
    })
    if post.context:
        text_element(card, "p", literal(post.context), class_="quiz-post__context")
    header = etree.SubElement(card, "header", {"class": "quiz-post__header"})
    platform = etree.SubElement(header, "span", {"class": "quiz-post__platform"})
    platform_icon(platform, post.platform)
    text_element(platform, "span", post.platform_name, class_="quiz-post__platform-name")
    account = text_element(header, "span", literal(post.account), class_="quiz-post__account",
                           id=id_part(element_id, "account"))
    account.set("translate", "no")
    if post.paid:
        text_element(header, "span", post.paid_label, class_="quiz-post__sponsored")
    if post.action:
        text_element(card, "p", literal(post.action), class_="quiz-post__action")
    if post.original and post.original_first:
        render_original(card, post.original)
    if post.text:
        text_element(card, "p", literal(post.text), class_="quiz-post__text")
    if post.image_description:
        picture = text_element(card, "p", "Picture: ", class_="quiz-post__image")
        text_element(picture, "span", literal(post.image_description))
    if post.original and not post.original_first:
        render_original(card, post.original)
    return card


def worked_test(post: Post) -> tuple[tuple[str, str, str], ...]:
    """The two questions answered for this post, as (question, yes or no, detail)."""
    paid = ("Yes:", f"it is marked “{post.paid_label}”.") if post.paid else ("No.", "")
    sells = ("Yes:", ", ".join(f"“{words}”" for words in post.sells) + ".") if post.sells else ("No.", "")
    return ("Paid to show it?", *paid), ("Puts what it sells in front of people?", *sells)


def render_worked_test(parent: etree.Element, post: Post, tag: str = "p") -> etree.Element:
    """`Paid to show it? **No.** Puts what it sells in front of people? **Yes:** “£4.50 a loaf”.`"""
    line = etree.SubElement(parent, tag, {"class": "quiz-post__test"})
    (paid_question, paid, paid_detail), (sells_question, sells, sells_detail) = worked_test(post)
    line.text = literal(f"{paid_question} ")
    first = text_element(line, "strong", paid)
    first.tail = literal(f"{' ' + paid_detail if paid_detail else ''} {sells_question} ")
    second = text_element(line, "strong", sells)
    if sells_detail:
        second.tail = literal(" " + sells_detail)  # the post's own words: never Markdown
    return line


def render_post_question(parent: etree.Element, tag: str, number: int) -> etree.Element:
    """`Post 3: marketing or management?`, its number in a span of its own: quiz.js copies the
    question as it is and renumbers only that span when it shuffles the posts."""
    question = etree.SubElement(parent, tag, {"class": "quiz-post__question"})
    question.text = "Post "
    text_element(question, "span", str(number), class_=facts.POST_NUMBER_CLASS).tail = \
        f": {facts.MARKETING} or {facts.MANAGEMENT}?"
    return question


def render_post(parent: etree.Element, quiz: Quiz, post: Post, number: int, id_suffix: str = "") -> etree.Element:
    # A second copy of the quiz on a page adds `--2` (facts.id_part): ids never collide.
    post_id = post_anchor(post.id) + id_suffix
    item = etree.SubElement(parent, "li", {
        "class": facts.POST_CLASS, "id": post_id, "data-post": post.id, "data-answer": post.answer,
    })
    render_card(item, post, post_id)

    # Native radio buttons, and the answer in a <details>: all a reader without JavaScript needs.
    # quiz.js adds what marks a post at once (the choice buttons, the feedback), from this.
    choices = etree.SubElement(item, "fieldset", {"class": "quiz-post__choices"})
    render_post_question(choices, "legend", number)
    for answer in ANSWERS:
        label = etree.SubElement(choices, "label", {"class": "quiz-post__radio"})
        etree.SubElement(label, "input", {
            "type": "radio", "name": radio_group(quiz_anchor(quiz.id) + id_suffix, post.id), "value": answer,
        })
        text_element(label, "span", answer_label(answer))

    details = etree.SubElement(item, "details", {"class": "quiz-post__answer"})
    text_element(details, "summary", "Show the answer")
    explanation = etree.SubElement(details, "div", {"class": "quiz-post__explanation"})
    render_worked_test(explanation, post)
    paragraph = etree.SubElement(explanation, "p")
    verdict = text_element(paragraph, "strong", f"{post.answer_label}.", class_="quiz-post__verdict")
    verdict.tail = " " + _markdown(post.explanation)
    if post.close_call:
        note = etree.SubElement(explanation, "p", {"class": "quiz-post__close-call"})
        text_element(note, "strong", "A close call:").tail = " " + _markdown(post.close_call)
    if post.older_reading:
        older = etree.SubElement(explanation, "p", {"class": "quiz-post__older"})
        text_element(older, "strong", "The older reading:").tail = " " + _markdown(post.older_reading)
    return item


def _either() -> str:
    """`Marketing or Management`: the buttons' words."""
    return " or ".join(answer_label(answer) for answer in ANSWERS)


def render_quiz(parent: etree.Element, quiz: Quiz, *, show_title: bool = True, id_suffix: str = "",
                agency: Agency | None = None) -> etree.Element:
    """Appends the quiz to `parent` and returns its <section>; with an agency, its next step at the end."""
    quiz_id = quiz_anchor(quiz.id) + id_suffix  # id_suffix starts with `--`: see render_post
    section = etree.SubElement(parent, "section", {
        "class": facts.QUIZ_CLASS, "id": quiz_id, "data-quiz": quiz.id, "data-quiz-version": quiz.content_hash,
        "data-size": quiz.size,  # for the words quiz.js shows
        "data-answers": facts.answers_json(),  # the answers and their labels, in order (quiz.js)
        "data-answer-link": facts.answer_link_json(),  # the answer link's parameters (quiz.js)
        # Keeps answers out of the search index (Material's search reads this attribute).
        "data-search-exclude": "",
    })
    if show_title:
        text_element(section, "h2", literal(quiz.title), class_="quiz__title", id=id_part(quiz_id, "title"))
        section.set("aria-labelledby", id_part(quiz_id, "title"))
        text_element(section, "p", _markdown(quiz.summary), class_="quiz__summary")
    else:
        # The page's own heading and words introduce the quiz; its summary would repeat them.
        section.set("aria-label", quiz.title)
    for paragraph in re.split(r"\n\s*\n", quiz.intro or ""):
        if paragraph.strip():
            text_element(section, "p", _markdown(paragraph.strip()), class_="quiz__intro")

    text_element(section, "p",
                  f"{quiz.size}. For each post, choose {_either()}, then open “Show the answer” to check.",
                  class_="quiz__how quiz__how--static")
    # What the script makes of it. On a touch screen posts are sorted by their buttons, so the
    # words about dragging show only where there is a mouse (quiz.css).
    how = text_element(section, "p", f"{quiz.size}. Choose {_either()} under each post",
                       class_="quiz__how quiz__how--enhanced")
    text_element(how, "span", ", or drag a post into a box", class_="quiz__how-drag").tail = \
        ". Each answer is marked straight away."
    # The progress line and the buckets go in here; its height is kept from the first paint.
    etree.SubElement(section, "div", {"class": "quiz__bar"}).text = ""
    posts = etree.SubElement(section, "ol", {"class": "quiz__posts"})
    for number, post in enumerate(quiz.posts, start=1):
        render_post(posts, quiz, post, number, id_suffix)

    # The answer key: hidden on screen, printed at the end of a worksheet.
    key = etree.SubElement(section, "div", {"class": "quiz__key", "hidden": "hidden"})
    # Not a heading: it is hidden on screen, so it must not show in the table of contents.
    text_element(key, "p", "Answer key", class_="quiz__key-title")
    key_list = etree.SubElement(key, "ol")
    for post in quiz.posts:
        # The answer and the two questions worked through; the explanations stay with each post.
        entry = etree.SubElement(key_list, "li", {"data-post": post.id})
        text_element(entry, "strong", f"{post.answer_label}.").tail = " "
        render_worked_test(entry, post, tag="span")
    if agency:
        # Beside the section, not in it: the quiz's sanitiser keeps only web links, and the agency's
        # address, checked by agency.py, may be a mailto: or tel: one.
        render_next_step(parent, agency)
    return section


def render_next_step(parent: etree.Element, agency: Agency) -> etree.Element:
    """The agency's offer, right after the quiz: the script moves it into the result when the
    reader finishes; without script it follows the posts. Every value is text or an attribute,
    escaped by the serializer."""
    block = etree.SubElement(parent, "div", {"class": "quiz__next"})
    text_element(block, "p", literal(f"Want help with your own posts? {agency.name} can help."),
                 class_="quiz__next-text")
    text_element(block, "a", literal(agency.call_to_action_text), class_="quiz__next-link",
                 href=agency.call_to_action_url)
    return block


def render_quiz_list(parent: etree.Element, quizzes: list[tuple[Quiz, str | None]]) -> etree.Element:
    """A list of quizzes: title (linked to its page when it has one), summary and size."""
    listing = etree.SubElement(parent, "ul", {"class": "quiz-list"})
    for quiz, link in quizzes:
        item = etree.SubElement(listing, "li", {"class": "quiz-list__item"})
        heading = etree.SubElement(item, "h2", {"class": "quiz-list__title"})
        if link:
            text_element(heading, "a", literal(quiz.title), href=link)
        else:
            heading.text = literal(quiz.title)
        text_element(item, "p", _markdown(quiz.summary), class_="quiz-list__summary")
        text_element(item, "p", f"{quiz.size}.", class_="quiz-list__size")
    return listing


def render_problems(parent: etree.Element, quiz_id: str, problems: list[str]) -> etree.Element:
    """What `mkdocs serve` shows in place of a quiz whose file has problems."""
    box = etree.SubElement(parent, "div", {"class": "admonition failure quiz-problems", "role": "alert"})
    text_element(box, "p", literal(f"The quiz “{quiz_id}” cannot be shown yet"), class_="admonition-title")
    text_element(box, "p", "Fix these problems in the quiz file and save it. This page will reload by itself.")
    items = etree.SubElement(box, "ul")
    for problem in problems:
        code = etree.SubElement(etree.SubElement(items, "li"), "code")
        code.text = literal(problem)
    return box

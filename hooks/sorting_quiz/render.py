"""Turns a quiz into HTML elements: a self-check that works with no JavaScript at all.

Without JavaScript each post has native radio buttons and a `<details>` that reveals the
answer. quiz.js enhances the same markup: it shows the hidden choice buttons, the buckets
to drag posts into, the score, and hides the no-JavaScript parts. Class names follow
BEM (`quiz__…` for the quiz, `quiz-post__…` for a post) so the script and style sheet
have one contract with this file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import cache
from pathlib import Path

from markdown.util import AtomicString

from .model import ANSWERS, Post, Quiz

ICONS = Path(__file__).parent / "icons"


def literal(text: str) -> AtomicString:
    """Text shown exactly as written: no Markdown, and no HTML, ever.

    AtomicString keeps inline Markdown off it; `&` is escaped here because Markdown's
    serializer leaves anything that looks like an entity (`&amp;`) alone.
    """
    return AtomicString(text.replace("&", "&amp;"))


def _markdown(text: str) -> str:
    """Inline Markdown (bold, links, emphasis), but raw HTML is shown as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


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


def text_element(parent: etree.Element, tag: str, text: str | None, **attributes: str) -> etree.Element:
    """`class_="x", data_post="y"` become `class="x" data-post="y"`."""
    element = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()})
    element.text = text
    return element


def render_post(parent: etree.Element, quiz: Quiz, post: Post, number: int, id_suffix: str = "") -> etree.Element:
    post_id = f"post-{post.id}{id_suffix}"
    item = etree.SubElement(parent, "li", {
        "class": "quiz-post", "id": post_id, "data-post": post.id, "data-answer": post.answer,
    })

    card = etree.SubElement(item, "article", {
        "class": f"quiz-post__card quiz-post__card--{post.platform}", "aria-labelledby": f"{post_id}-account",
    })
    if post.context:
        text_element(card, "p", literal(post.context), class_="quiz-post__context")
    header = etree.SubElement(card, "header", {"class": "quiz-post__header"})
    platform = etree.SubElement(header, "span", {"class": "quiz-post__platform"})
    platform_icon(platform, post.platform)
    text_element(platform, "span", post.platform_name, class_="quiz-post__platform-name")
    account = text_element(header, "span", literal(post.account), class_="quiz-post__account",
                            id=f"{post_id}-account")
    account.set("translate", "no")
    if post.paid:
        text_element(header, "span", "Sponsored", class_="quiz-post__sponsored")
    text_element(card, "p", literal(post.text), class_="quiz-post__text")
    if post.image_description:
        picture = text_element(card, "p", "Picture: ", class_="quiz-post__image")
        text_element(picture, "span", literal(post.image_description))

    question = f"Post {number}: marketing or management?"
    # Without JavaScript: native radio buttons, and the answer in a <details>.
    choices = etree.SubElement(item, "fieldset", {"class": "quiz-post__choices"})
    text_element(choices, "legend", question, class_="quiz-post__question")
    for answer in ANSWERS:
        label = etree.SubElement(choices, "label", {"class": "quiz-post__radio"})
        etree.SubElement(label, "input", {
            "type": "radio", "name": f"quiz-{quiz.id}{id_suffix}-{post.id}", "value": answer,
        })
        text_element(label, "span", answer.capitalize())

    # With JavaScript: two buttons that mark the post straight away.
    buttons = etree.SubElement(item, "div", {
        "class": "quiz-post__buttons", "role": "group", "aria-labelledby": f"{post_id}-question", "hidden": "hidden",
    })
    text_element(buttons, "p", question, class_="quiz-post__question", id=f"{post_id}-question")
    for answer in ANSWERS:
        text_element(buttons, "button", answer.capitalize(), type="button",
                      class_=f"quiz-post__choice quiz-post__choice--{answer}", value=answer)
    feedback = etree.SubElement(item, "div", {"class": "quiz-post__feedback", "hidden": "hidden"})
    feedback.text = ""

    details = etree.SubElement(item, "details", {"class": "quiz-post__answer"})
    text_element(details, "summary", "Show the answer")
    explanation = etree.SubElement(details, "div", {"class": "quiz-post__explanation"})
    paragraph = etree.SubElement(explanation, "p")
    verdict = text_element(paragraph, "strong", f"{post.answer_label}.", class_="quiz-post__verdict")
    verdict.tail = " " + _markdown(post.explanation)
    if post.older_reading:
        older = etree.SubElement(explanation, "p", {"class": "quiz-post__older"})
        text_element(older, "strong", "The older reading:").tail = " " + _markdown(post.older_reading)
    return item


def render_quiz(parent: etree.Element, quiz: Quiz, *, show_title: bool = True, id_suffix: str = "") -> etree.Element:
    """Appends the quiz to `parent` and returns its <section>."""
    quiz_id = f"quiz-{quiz.id}{id_suffix}"
    section = etree.SubElement(parent, "section", {
        "class": "quiz", "id": quiz_id, "data-quiz": quiz.id, "data-quiz-version": quiz.content_hash,
        # Keeps answers out of the search index (Material's search reads this attribute).
        "data-search-exclude": "",
    })
    if show_title:
        text_element(section, "h2", literal(quiz.title), class_="quiz__title", id=f"{quiz_id}-title")
        section.set("aria-labelledby", f"{quiz_id}-title")
        text_element(section, "p", _markdown(quiz.summary), class_="quiz__summary")
    else:
        # The page's own heading and words introduce the quiz; its summary would repeat them.
        section.set("aria-label", quiz.title)
    for paragraph in re.split(r"\n\s*\n", quiz.intro or ""):
        if paragraph.strip():
            text_element(section, "p", _markdown(paragraph.strip()), class_="quiz__intro")

    size = quiz.size
    text_element(section, "p",
                  f"{size}. For each post, choose Marketing or Management, then open “Show the answer” to check.",
                  class_="quiz__how quiz__how--static")
    text_element(section, "p",
                  f"{size}. Choose Marketing or Management under each post, or drag a post into a box. "
                  "Each answer is marked straight away.",
                  class_="quiz__how quiz__how--live", hidden="hidden")

    buckets = etree.SubElement(section, "div", {"class": "quiz__buckets", "hidden": "hidden"})
    for answer in ANSWERS:
        bucket = etree.SubElement(buckets, "div", {"class": f"quiz__bucket quiz__bucket--{answer}",
                                                   "data-bucket": answer})
        text_element(bucket, "span", answer.capitalize(), class_="quiz__bucket-name")
        text_element(bucket, "span", "0", class_="quiz__bucket-count")
    text_element(section, "p", f"0 of {len(quiz.posts)} sorted", class_="quiz__progress", hidden="hidden")

    posts = etree.SubElement(section, "ol", {"class": "quiz__posts"})
    for number, post in enumerate(quiz.posts, start=1):
        render_post(posts, quiz, post, number, id_suffix)

    result = etree.SubElement(section, "div", {"class": "quiz__result", "hidden": "hidden", "tabindex": "-1"})
    result.text = ""
    status = etree.SubElement(section, "p", {"class": "quiz__status", "role": "status"})
    status.text = ""

    # The answer key: hidden on screen, printed at the end of a worksheet.
    key = etree.SubElement(section, "div", {"class": "quiz__key", "hidden": "hidden"})
    # Not a heading: it is hidden on screen, so it must not show in the table of contents.
    text_element(key, "p", "Answer key", class_="quiz__key-title")
    key_list = etree.SubElement(key, "ol")
    for post in quiz.posts:
        # Answers only: the explanations are with each post already.
        entry = etree.SubElement(key_list, "li", {"data-post": post.id})
        text_element(entry, "strong", post.answer_label)
    return section


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

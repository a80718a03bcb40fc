"""The staff page's `/// email-snippets` block: every snippet, previewed, with its code.

For each quiz, a heading; for each snippet: a heading, a preview (an <iframe> of the snippet's
own small page), copy buttons, the HTML code and the plain text in read-only boxes (so they
can be selected and copied without JavaScript), and the plain links. email-tools.js shows
the buttons, does the copying and fits each preview to its snippet. Class names (BEM,
`email-snippet__…`) are the contract with email-tools.js and email-tools.css.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from math import ceil

from .assets import relative_url
from .email_snippets import Snippet
from .model import Quiz
from .render import literal, text_element

# Copy buttons: what each copies (data-copy), and its label.
COPY_BUTTONS = (
    ("email", "Copy for email"),
    ("html", "Copy HTML code"),
    ("text", "Copy plain text"),
)


def _element(parent: etree.Element, tag: str, text: str | None = None, **attributes: str) -> etree.Element:
    """An element whose text is shown exactly as written."""
    return text_element(parent, tag, None if text is None else literal(text), **attributes)


def preview_height(snippet: Snippet) -> int:
    """A first guess at the preview's height, in pixels, on a phone: the script then fits it."""
    post = snippet.post
    words = "\n".join(text for text in (post.text, post.original and post.original.text) if text)
    lines = sum(max(1, ceil(len(line) / 34)) for line in words.splitlines() or [""])
    extra = (2 if post.context else 0) + (2 if post.image_description else 0) + (2 if post.original else 0)
    return 330 + 24 * lines + 20 * extra


def render_snippet(parent: etree.Element, snippet: Snippet, page_url: str) -> etree.Element:
    # A post can be offered by its own quiz and by its trade's quiz: the quiz is part of the id
    # (after `--`, which ids cannot contain, so no two can meet).
    post, anchor = snippet.post, f"email-{snippet.quiz.id}--{snippet.post.id}"
    section = _element(parent, "section", class_="email-snippet", id=anchor, aria_labelledby=f"{anchor}--title",
                       data_snippet=post.id)
    _element(section, "h3", f"{post.account}, on {post.platform_name}", id=f"{anchor}--title")
    # Sandboxed: no script may run in it; its links open in a new tab (the preview page says so).
    _element(section, "iframe", None, class_="email-snippet__preview",
             src=relative_url(snippet.preview_path, page_url), title=f"Preview of the email snippet: {post.account}",
             height=str(preview_height(snippet)), loading="lazy",
             sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox").text = ""

    buttons = _element(section, "div", class_="email-snippet__buttons", hidden="hidden")
    for kind, label in COPY_BUTTONS:
        classes = "md-button md-button--primary" if kind == "email" else "md-button"
        _element(buttons, "button", label, type="button", class_=f"{classes} email-snippet__copy", data_copy=kind)
    _element(section, "p", "", class_="email-snippet__status", role="status")

    code = _element(section, "details", class_="email-snippet__code")
    _element(code, "summary", "See the HTML code and the plain text")
    for kind, label, value, rows in (("html", "HTML code to paste", snippet.html, "6"),
                                     ("text", "Plain text", snippet.text, "12")):
        box_id = f"{anchor}--{kind}"
        _element(code, "label", label, for_=box_id, class_="email-snippet__label")
        _element(code, "textarea", value, id=box_id, class_=f"email-snippet__{kind}", readonly="readonly",
                 rows=rows, spellcheck="false", autocomplete="off")

    _element(section, "p", "The links, to paste anywhere:", class_="email-snippet__links-title")
    links = _element(section, "ul", class_="email-snippet__links")
    for label, url in (("Marketing", snippet.links.marketing), ("Management", snippet.links.management),
                       ("The whole quiz", snippet.links.quiz)):
        item = _element(links, "li", f"{label}: ")
        _element(item, "code", url)
    return section


def render_email_snippets(parent: etree.Element, snippets: list[Snippet], page_url: str) -> etree.Element:
    """Every snippet, grouped by quiz in the order given. `page_url` is this page's URL."""
    holder = _element(parent, "div", class_="email-snippets")
    if not snippets:
        _element(holder, "p", "There are no snippets yet: no quiz is shown on a page.")
        return holder
    quizzes: dict[str, tuple[Quiz, list[Snippet]]] = {}
    for snippet in snippets:
        quizzes.setdefault(snippet.quiz.id, (snippet.quiz, []))[1].append(snippet)
    for quiz, own in quizzes.values():
        _element(holder, "h2", quiz.title, id=f"email-quiz-{quiz.id}")
        count = f"{len(own)} snippet{'s' if len(own) != 1 else ''}"
        lead = f"{count}, chosen with " if quiz.email_posts else f"{count}: the first posts, as "
        about = _element(holder, "p", lead, class_="email-snippets__quiz")
        if quiz.email_posts:
            _element(about, "code", "email_posts").tail = literal(" in ")
            _element(about, "code", quiz.source).tail = literal(f". The quiz has {quiz.size}.")
        else:
            _element(about, "code", quiz.source).tail = literal(" has no ")
            _element(about, "code", "email_posts").tail = literal(f". The quiz has {quiz.size}.")
        for snippet in own:
            render_snippet(holder, snippet, page_url)
    return holder

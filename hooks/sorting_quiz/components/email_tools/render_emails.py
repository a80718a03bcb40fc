"""The staff page's `/// email-snippets` block: a finder, then every snippet with its links and code.

First a finder: a search box (email-tools.js filters as you type) over a list of every snippet,
each naming its post's account, first words, quiz, trade and id, linked to the snippet (without
JavaScript, the list alone). Then, for each quiz, a heading; for each snippet: a heading that tells
it from the others, a note if its post is not in quizzes/published-posts.txt yet, copy buttons, the
links each with its own copy button, and, folded away, the preview (an <iframe> of the snippet's
own small page) and the HTML code and plain text in read-only boxes (select-and-copy without
JavaScript). Class names (BEM, `email-snippet__…`) are the contract with email-tools.js and .css.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Collection, Mapping
from math import ceil
from urllib.parse import urlsplit

from ...assets import relative_url
from ...elements import literal, text_element
from ...facts import ANSWERS, EMAIL_SNIPPETS_CLASS, answer_label, email_quiz_anchor, email_snippet_anchor, id_part
from ...model import Post, Quiz
from .email_snippets import Snippet

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


FIRST_WORDS = 8  # of the post, to tell two posts of one account apart
UNPUBLISHED = ("Not published yet: run ", "make publish-ids", " when this email goes out.")  # text, command, text


def first_words(post: Post) -> str:
    """The start of what the post says (or shows), to tell it from the account's other posts."""
    words = (post.text or post.image_description or (post.original and post.original.text) or "").split()
    return " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")


def _anchor(snippet: Snippet) -> str:
    return email_snippet_anchor(snippet.quiz.id, snippet.post.id)


def _finder_words(snippet: Snippet, trade_name: str) -> str:
    """What the finder matches: quiz, trade, account, platform, id and the post's words, in lower case."""
    post = snippet.post
    parts = (snippet.quiz.title, snippet.quiz.id, post.trade or "", trade_name, post.account, post.platform_name,
             post.id, post.text or "", post.context or "", post.image_description or "",
             post.original.text or "" if post.original else "")
    return " ".join(" ".join(parts).casefold().split())


def _about(parent: etree.Element, snippet: Snippet, trade_name: str) -> etree.Element:
    """`Quiz: Basics · Trade: Pets · id bakery-lemon-loaf`."""
    about = _element(parent, "span", "Quiz: " + snippet.quiz.title + (f" · Trade: {trade_name}" if trade_name else "")
                     + " · id ", class_="email-snippet__about")
    _element(about, "code", snippet.post.id)
    return about


def render_snippet(parent: etree.Element, snippet: Snippet, page_url: str, trade_name: str = "",
                   published: bool = True) -> etree.Element:
    post, anchor = snippet.post, _anchor(snippet)
    section = _element(parent, "section", class_="email-snippet", id=anchor, aria_labelledby=id_part(anchor, "title"),
                       data_snippet=post.id, data_find=_finder_words(snippet, trade_name))
    _element(section, "h3", f"{post.account}: “{first_words(post)}”", id=id_part(anchor, "title"))
    about = _element(section, "p", f"On {post.platform_name}. ", class_="email-snippet__meta")
    _about(about, snippet, trade_name)
    if not published:
        note = _element(section, "p", UNPUBLISHED[0], class_="email-snippet__unpublished")
        _element(note, "code", UNPUBLISHED[1]).tail = literal(UNPUBLISHED[2])

    buttons = _element(section, "div", class_="email-snippet__buttons", hidden="hidden")
    for kind, label in COPY_BUTTONS:
        classes = "md-button md-button--primary" if kind == "email" else "md-button"
        _element(buttons, "button", label, type="button", class_=f"{classes} email-snippet__copy", data_copy=kind)
    _element(section, "p", "", class_="email-snippet__status", role="status")

    # Each link opens it (to try it: under `make serve-staff` they go to the preview) and has its own
    # copy button; the addresses themselves are in the plain text below, folded away.
    links = _element(section, "ul", class_="email-snippet__links", aria_label="Links, to paste anywhere")
    for label, url in (*((f"{answer_label(answer)} answer", snippet.links.answer(answer)) for answer in ANSWERS),
                       ("Whole quiz", snippet.links.quiz)):
        item = _element(links, "li", None)
        _element(item, "a", label, href=url, class_="email-snippet__link", target="_blank")
        _element(item, "button", "Copy link", type="button", class_="md-button email-snippet__copy-link",
                 aria_label=f"Copy link: {label}", hidden="hidden")

    look = _element(section, "details", class_="email-snippet__look")
    _element(look, "summary", "See how it looks in an email")
    # Sandboxed: no script may run in it; its links open in a new tab (the preview page says so).
    _element(look, "iframe", None, class_="email-snippet__preview",
             src=relative_url(snippet.preview_path, page_url), title=f"Preview of the email snippet: {post.account}",
             height=str(preview_height(snippet)), loading="lazy",
             sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox").text = ""

    code = _element(section, "details", class_="email-snippet__code")
    _element(code, "summary", "See the HTML code and the plain text, with every link")
    for kind, label, value, rows in (("html", "HTML code to paste", snippet.html, "6"),
                                     ("text", "Plain text", snippet.text, "12")):
        box_id = id_part(anchor, kind)
        _element(code, "label", label, for_=box_id, class_="email-snippet__label")
        _element(code, "textarea", value, id=box_id, class_=f"email-snippet__{kind}", readonly="readonly",
                 rows=rows, spellcheck="false", autocomplete="off")
    return section


def render_finder(parent: etree.Element, snippets: list[Snippet], trade_names: Mapping[str, str],
                  published: Collection[str] | None) -> etree.Element:
    """A search box (shown by email-tools.js) over a list of every snippet, each linked to it."""
    finder = _element(parent, "div", class_="email-finder", role="search", aria_label="Find a post")
    search = _element(finder, "p", None, class_="email-finder__search", hidden="hidden")
    _element(search, "label", "Find a post by quiz, trade, account or words", for_="email-finder-words")
    _element(search, "input", None, type="search", id="email-finder-words", class_="email-finder__words",
             autocomplete="off", spellcheck="false", aria_controls="email-finder-list")
    _element(finder, "p", f"{len(snippets)} posts:", class_="email-finder__count", role="status", aria_live="polite")
    listing = _element(finder, "ul", class_="email-finder__list", id="email-finder-list")
    for snippet in snippets:
        trade_name = trade_names.get(snippet.post.trade or "", "")
        item = _element(listing, "li", None, data_find=_finder_words(snippet, trade_name),
                        data_target=_anchor(snippet))
        _element(item, "a", f"{snippet.post.account}: “{first_words(snippet.post)}”", href=f"#{_anchor(snippet)}")
        _element(item, "br", None)
        _about(item, snippet, trade_name)
        if published is not None and snippet.post.id not in published:
            _element(item, "span", " · not published yet", class_="email-finder__unpublished")
    return finder


def render_email_snippets(parent: etree.Element, snippets: list[Snippet], page_url: str,
                          trade_names: Mapping[str, str] | None = None,
                          published: Collection[str] | None = None) -> etree.Element:
    """The finder, then every snippet, grouped by quiz in the order given. `page_url` is this page's
    URL; `trade_names` trade id -> name; `published` the post ids in published-posts.txt (None: not known)."""
    trade_names = trade_names or {}
    holder = _element(parent, "div", class_=EMAIL_SNIPPETS_CLASS)
    if not snippets:
        _element(holder, "p", "There are no snippets yet: no quiz is shown on a page.")
        return holder
    where = urlsplit(snippets[0].links.quiz)
    address = f"{where.scheme}://{where.netloc}/"
    note = _element(holder, "p", "The links on this page go to ", class_="email-snippets__site")
    if where.hostname in ("127.0.0.1", "localhost"):  # `mkdocs serve` sets site_url to its own address
        _element(note, "code", address).tail = literal(", this preview: click one to try it. In the built staff "
                                                       "site they go to the live site.")
    else:
        _element(note, "code", address).tail = literal(", the live site. To try them before it is live, run ")
        _element(note, "code", "make serve-staff").tail = literal(": there they go to the preview.")
    render_finder(holder, snippets, trade_names, published)
    quizzes: dict[str, tuple[Quiz, list[Snippet]]] = {}
    for snippet in snippets:
        quizzes.setdefault(snippet.quiz.id, (snippet.quiz, []))[1].append(snippet)
    for quiz, own in quizzes.values():
        group = _element(holder, "div", class_="email-snippets__group")
        _element(group, "h2", quiz.title, id=email_quiz_anchor(quiz.id))
        count = f"{len(own)} snippet{'s' if len(own) != 1 else ''}"
        lead = f"{count}, chosen with " if quiz.email_posts else f"{count}: the first posts, as "
        about = _element(group, "p", lead, class_="email-snippets__quiz")
        if quiz.email_posts:
            _element(about, "code", "email_posts").tail = literal(" in ")
            _element(about, "code", quiz.source).tail = literal(f". The quiz has {quiz.size}.")
        else:
            _element(about, "code", quiz.source).tail = literal(" has no ")
            _element(about, "code", "email_posts").tail = literal(f". The quiz has {quiz.size}.")
        for snippet in own:
            render_snippet(group, snippet, page_url, trade_names.get(snippet.post.trade or "", ""),
                           published is None or snippet.post.id in published)
    return holder

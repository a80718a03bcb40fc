"""Reading time: how long a page takes to read, worked out from the words a reader sees.

Owners give the site minutes, so every claim of time must be true: each Learn page states its
reading time, and the home page's reading path states the sum of its pages. Nothing here is typed
by hand: the build counts the words of each page's content, at 200 words a minute, rounded up.

What counts as reading: the page's content as a reader sees it (headings, prose, tables, lists,
boxes, the chart). What does not:
- quizzes (the self-checks at the end of Learn pages, the quiz pages): sorting posts is not
  reading at 200 words a minute, and a quiz says its own size; so a page's time is "quizzes
  aside", and its quiz posts are counted separately, to say "then 3 posts to sort";
- the post checker on "Check your own post": a tool that shows one question at a time, not
  prose to read through;
- permalink signs, scripts, styles and anything hidden.

This module knows nothing of MkDocs: hooks/reading_time_hook.py feeds it each page's HTML.
"""

from __future__ import annotations

import math
import posixpath
import re
from dataclasses import dataclass

import lxml.html

from sorting_quiz.model import SECONDS_PER_POST

WORDS_PER_MINUTE = 200

# Class names of what is not read as prose (see the module's docstring).
QUIZ_CLASS = "quiz"
QUIZ_POST_CLASS = "quiz-post"
QUIZ_PROBLEMS_CLASS = "quiz-problems"  # what `mkdocs serve` shows in place of a broken quiz
TOOL_CLASSES = ("post-checker",)
NOT_READ_CLASSES = ("headerlink", "reading-time")  # the permalink sign; the reading time itself

# The block a page marks as a reading path: <div class="reading-path" markdown> around a list of links.
PATH_CLASS = "reading-path"
PATH_OPENING = re.compile(r'<div class="reading-path">')

# Elements that end a word even when no space is written next to them in the HTML.
BLOCKS = {"p", "div", "li", "ol", "ul", "dl", "dt", "dd", "td", "th", "tr", "table", "thead", "tbody",
          "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "blockquote", "details", "summary",
          "br", "hr", "section", "article", "aside", "pre"}
WORD = re.compile(r"\w")  # a word has a letter or a digit: "£14" does, "—" and "☕" do not


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@dataclass(frozen=True)
class ReadingTime:
    words: int  # words read as prose
    quiz_posts: int  # posts to sort in the page's quizzes, which are not in `words`
    has_quiz: bool = False  # a quiz, or (in `mkdocs serve`) the box that stands in for a broken one

    @property
    def minutes(self) -> int:
        return minutes_for(self.words)

    def __add__(self, other: ReadingTime) -> ReadingTime:
        return ReadingTime(self.words + other.words, self.quiz_posts + other.quiz_posts,
                           self.has_quiz or other.has_quiz)


def minutes_for(words: int) -> int:
    """Whole minutes at 200 words a minute, rounded up; a page with any words takes a minute."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


# What a page may write where it states a quiz's size, for the build to fill in: in a quiz page's
# `card_title` (its link-preview card), the posts and minutes of the page's quiz; in a link's words,
# those of the quiz page it links to. "Sort {posts} posts in {minutes} minutes", "Try the
# {minutes}-minute quiz". Never typed: a typed number goes stale when the quiz changes.
CLAIM = re.compile(r"\{(posts|minutes)\}")


def sorting_minutes(posts: int) -> int:
    """Whole minutes to sort `posts` quiz posts, at the quizzes' own rate (SECONDS_PER_POST, where
    sorting_quiz/model.py says why), rounded up: what a quiz says of itself ("10 posts, about 3 minutes")."""
    return max(1, math.ceil(posts * SECONDS_PER_POST / 60)) if posts else 0


def fill_claims(text: str, posts: int) -> str:
    """`text` with {posts} and {minutes} replaced by those of a quiz of `posts` posts."""
    values = {"posts": str(posts), "minutes": str(sorting_minutes(posts))}
    return CLAIM.sub(lambda found: values[found.group(1)], text)


LINK = re.compile(r'(<a\b[^>]*?\bhref="([^"]*)"[^>]*>)(.*?)(</a>)', re.DOTALL)


def fill_link_claims(html: str, page_url: str, posts_at: dict[str, int]) -> tuple[str, list[str]]:
    """`html` with {posts} and {minutes} in each link's words filled in from the quiz page it links to
    (`posts_at`: the posts to sort on each quiz page, by URL), and the links whose target is no quiz page."""
    problems: list[str] = []

    def fill(found: re.Match) -> str:
        opening, href, words, closing = found.groups()
        if not CLAIM.search(words):
            return found.group(0)
        posts = posts_at.get(resolve(page_url, href.replace("&amp;", "&")))
        if posts is None:
            problems.append(href)
        # No posts: the box `mkdocs serve` shows for a broken quiz, which says what to fix; left as written.
        return opening + fill_claims(words, posts) + closing if posts else found.group(0)

    return LINK.sub(fill, html), problems


def measure(html: str) -> ReadingTime:
    """The reading time of a page's content (the HTML MkDocs makes from its Markdown)."""
    if not html.strip():
        return ReadingTime(0, 0)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    quizzes = root.xpath(f".//*[{_has_class(QUIZ_CLASS)}]")
    posts = sum(len(quiz.xpath(f".//li[{_has_class(QUIZ_POST_CLASS)}]")) for quiz in quizzes)
    stand_ins = root.xpath(f".//*[{_has_class(QUIZ_PROBLEMS_CLASS)}]")
    unread = [*quizzes, *stand_ins, *root.xpath(".//script | .//style | .//link | .//template | .//*[@hidden]")]
    for name in (*TOOL_CLASSES, *NOT_READ_CLASSES):
        unread += root.xpath(f".//*[{_has_class(name)}]")
    for element in unread:
        if element.getparent() is not None:  # not inside one dropped already
            element.drop_tree()
    return ReadingTime(count_words(root), posts, bool(quizzes or stand_ins))


def count_words(root: lxml.html.HtmlElement) -> int:
    """Words in the text of `root`, blocks kept apart as a browser shows them."""
    pieces: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        if not isinstance(element.tag, str):  # a comment
            pieces.append(" ")
        else:
            block = element.tag in BLOCKS
            pieces.append(" " if block else "")
            pieces.append(element.text or "")
            for child in element:
                walk(child)
                pieces.append(child.tail or "")
            pieces.append(" " if block else "")

    walk(root)
    return sum(1 for token in "".join(pieces).split() if WORD.search(token))


def insert_after_heading(html: str, snippet: str) -> str:
    """`snippet` right after the page's <h1>, or at the top when the page has none."""
    end = html.find("</h1>")
    if end < 0:
        return snippet + html
    end += len("</h1>")
    return html[:end] + "\n" + snippet + html[end:]


@dataclass(frozen=True)
class PathLink:
    href: str  # as written in the built HTML, relative to the page
    url: str  # the page it points to, from the site's root: "cheat-sheet/", "quizzes/basics/"
    text: str


def path_links(html: str, page_url: str) -> list[list[PathLink]]:
    """The links in each reading path of a page's content, in order, one list per path."""
    if PATH_CLASS not in html:
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    paths = []
    for block in root.xpath(f".//div[{_has_class(PATH_CLASS)}]"):
        links = []
        for anchor in block.xpath(".//a[@href]"):
            if _has_class_name(anchor, "headerlink"):
                continue
            href = anchor.get("href")
            links.append(PathLink(href=href, url=resolve(page_url, href), text=" ".join(anchor.text_content().split())))
        paths.append(links)
    return paths


def _has_class_name(element: lxml.html.HtmlElement, name: str) -> bool:
    return name in (element.get("class") or "").split()


def resolve(page_url: str, href: str) -> str:
    """The site-root URL ("cheat-sheet/") of a link in the page at `page_url` ("" for the home page).

    With MkDocs' directory URLs a page's URL is a folder, so its links are relative to it.
    """
    target = href.split("#", 1)[0].split("?", 1)[0]
    if re.match(r"^[a-z][a-z0-9+.-]*:|^/", target, re.IGNORECASE):
        return target  # another site, or an absolute path: not a page of this build
    if target.endswith("index.html"):
        target = target[: -len("index.html")]
    joined = posixpath.normpath(posixpath.join(page_url, target))
    if joined == ".":
        return ""
    return joined + "/" if target.endswith("/") or not target else joined


def fill_paths(html: str, snippets: list[str]) -> str:
    """Puts each snippet at the top of its reading path, in order."""
    parts = PATH_OPENING.split(html)
    if len(parts) - 1 != len(snippets):
        raise ValueError(f"{len(parts) - 1} reading paths, {len(snippets)} snippets")
    out = [parts[0]]
    for snippet, rest in zip(snippets, parts[1:]):
        out.append('<div class="reading-path">\n' + snippet + rest)
    return "".join(out)

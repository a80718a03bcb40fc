"""A quiz for each trade, made by the build from every quiz file's posts (`trade:` in a post).

A trade with at least MIN_POSTS posts gets a quiz with the id `trade-<trade id>`: its posts in a
stable order (quiz file by file name, then each post's place in its file), a title and summary
from the trade's words in includes/trades.yml, and two email posts chosen by a fixed rule
(see choose_email_posts). It goes into the catalogue beside the quiz files' quizzes, so every block,
the quiz list, answer links and email snippets treat it like any other quiz. Its posts stay in
their own quiz too: a post may be in both, so these quizzes are added after the loader's check
that post ids are unique, and they add no id of their own (published-posts.txt lists the same ids).

A quiz file whose name is `trade-<a trade id>.yml` would take a trade quiz's id: that is reported
as a problem, and that trade gets no generated quiz.

Each trade quiz has a page, written by the build (no file in docs/): `quizzes/trades/<trade id>.md`,
which MkDocs serves at /quizzes/trades/<trade id>/. trade_pages() gives each page's Markdown, with
`description` and `card_title` for its link-preview card. The page `quizzes/trades/index.md` is
written by hand and lists them with `/// quiz-list` and `trades: true`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .facts import ANSWERS
from .loader import MAX_POSTS, Catalogue
from .problems import Problem
from .model import Post, Quiz

MIN_POSTS = 8  # a trade with fewer posts gets no quiz of its own
ID_PREFIX = "trade-"
PAGE_FOLDER = "quizzes/trades"  # in the docs folder; the hand-written list is PAGE_FOLDER/index.md
EMAIL_ANSWERS = ANSWERS  # one email post for each, in this order


@dataclass(frozen=True)
class TradeQuiz:
    """The quiz the build makes for one trade, and what its page says about it."""

    trade: str  # the trade's id in includes/trades.yml
    name: str  # its name there: "Pets"
    businesses: str  # how a sentence names its businesses: "pet businesses"
    quiz: Quiz
    left_out: int = 0  # posts of the trade beyond MAX_POSTS, which the quiz leaves out

    @property
    def page(self) -> str:
        """Its page, from the docs folder: "quizzes/trades/pets.md"."""
        return f"{PAGE_FOLDER}/{self.trade}.md"


def trade_quiz_id(trade: str) -> str:
    return f"{ID_PREFIX}{trade}"


def businesses_of(catalogue: Catalogue, trade: str) -> str:
    """"pet businesses": the trade's `businesses:`, else its name in lower case plus "businesses"."""
    rulebook = catalogue.rulebook
    return rulebook.trade_businesses.get(trade) or f"{rulebook.trades[trade].lower()} businesses"


def choose_email_posts(posts: Iterable[Post]) -> tuple[str, ...]:
    """Two posts for the email snippets: the first marketing post and the first management post,
    each preferring a post that teaches a hard case (`case:`). A trade whose posts all have one
    answer gets its first two posts of that answer, by the same preference."""
    ranked = [post for _, post in sorted(enumerate(posts), key=lambda item: (item[1].case is None, item[0]))]
    chosen = [next(post for post in ranked if post.answer == answer)
              for answer in EMAIL_ANSWERS if any(post.answer == answer for post in ranked)]
    for post in ranked:
        if len(chosen) >= 2:
            break
        if post not in chosen:
            chosen.append(post)
    return tuple(post.id for post in chosen)


def make_trade_quizzes(catalogue: Catalogue, min_posts: int = MIN_POSTS) -> tuple[list[TradeQuiz], list[Problem]]:
    """The trade quizzes for the quizzes in `catalogue` (in the order of includes/trades.yml), and
    the problems: a quiz file that takes a trade quiz's id. Changes nothing."""
    files = sorted((quiz for quiz in catalogue.quizzes.values() if not quiz.id.startswith(ID_PREFIX)
                    or quiz.id in catalogue.sources), key=lambda quiz: (quiz.source or quiz.id, quiz.id))
    made: list[TradeQuiz] = []
    problems: list[Problem] = []
    for trade in catalogue.rulebook.trades:
        quiz_id = trade_quiz_id(trade)
        businesses = businesses_of(catalogue, trade)
        if quiz_id in catalogue.sources:
            problems.append(Problem(catalogue.sources[quiz_id], 1, "file name",
                                    f"the quiz id `{quiz_id}` is kept for the quiz the build makes for "
                                    f"{businesses} (the trade `{trade}` in includes/trades.yml); rename the file"))
            continue
        posts = tuple(post for quiz in files for post in quiz.posts if post.trade == trade)
        if len(posts) < min_posts:
            continue
        # The quiz files' own limit holds for the quiz made from them all (the first posts, in
        # their stable order); the build says how many it leaves out.
        left_out = max(0, len(posts) - MAX_POSTS)
        posts = posts[:MAX_POSTS]
        quiz = Quiz(
            id=quiz_id,
            title=f"Quiz for {businesses}",
            summary=f"Posts from {businesses} like yours, from all our quizzes.",  # the list page says the rest
            posts=posts,
            email_posts=choose_email_posts(posts),
            source=f"{PAGE_FOLDER}/{trade}.md",
        )
        made.append(TradeQuiz(trade=trade, name=catalogue.rulebook.trades[trade], businesses=businesses, quiz=quiz,
                              left_out=left_out))
    return made, problems


def add_trade_quizzes(catalogue: Catalogue, min_posts: int = MIN_POSTS) -> dict[str, TradeQuiz]:
    """Makes the trade quizzes and adds them to `catalogue` (quizzes and problems), after the
    quiz files' own checks. Returns them by quiz id, in the order of includes/trades.yml."""
    made, problems = make_trade_quizzes(catalogue, min_posts)
    for trade_quiz in made:
        catalogue.quizzes[trade_quiz.quiz.id] = trade_quiz.quiz
    if problems:
        catalogue.problems.extend(problems)
        catalogue.problems.sort()
    return {trade_quiz.quiz.id: trade_quiz for trade_quiz in made}


def _yaml_text(text: str) -> str:
    """A one-line YAML string: JSON's double-quoted strings are YAML too."""
    return json.dumps(text, ensure_ascii=False)


# What Python-Markdown reads as markup after a backslash (its ESCAPED_CHARS).
MARKDOWN_ESCAPED = set("\\`*_{}[]()>#+-.!")


def markdown_text(text: str) -> str:
    """Text for a Markdown page, shown exactly as written: no markup, no HTML, no entity.
    (The loader refuses markup in trade names already: this is belt and braces.)"""
    text = html.escape(text, quote=False)
    return "".join(f"\\{char}" if char in MARKDOWN_ESCAPED else char for char in text)


def page_markdown(trade_quiz: TradeQuiz) -> str:
    """The trade quiz's page: front matter for the link preview, a short plain intro, the quiz.
    Every word from includes/trades.yml is escaped (markdown_text), so it is shown, never run."""
    quiz, businesses = trade_quiz.quiz, markdown_text(trade_quiz.businesses)
    count = len(quiz.posts)
    description = (f"Sort {count} posts from {trade_quiz.businesses} into marketing or management. "
                   "See the answer and the reason for each one.")
    return f"""\
---
description: {_yaml_text(description)}
card_title: {_yaml_text(f"Marketing or management? A quiz for {trade_quiz.businesses}")}
---

# {markdown_text(quiz.title)}

Here are {count} posts from {businesses}, like yours.
They come from all our quizzes, so you may have seen some of them before.

/// quiz | {quiz.id}
    title: false
///

Run a different kind of business? See [the quizzes for other trades](index.md).
"""


def trade_pages(trade_quizzes: Iterable[TradeQuiz]) -> list[tuple[str, str]]:
    """Each trade quiz's page as (path from the docs folder, Markdown), for the host to add."""
    return [(trade_quiz.page, page_markdown(trade_quiz)) for trade_quiz in trade_quizzes]


def page_clashes(trade_quizzes: Iterable[TradeQuiz], existing: Collection[str], docs_folder: str = "docs") -> list[Problem]:
    """A page in the docs folder where the build writes a trade quiz's page."""
    return [Problem(f"{docs_folder}/{trade_quiz.page}", 1, "page",
                    f"the build writes this page for the trade `{trade_quiz.trade}` (its quiz, {trade_quiz.quiz.id}); "
                    "remove the file, or change the page's words in hooks/sorting_quiz/trades.py")
            for trade_quiz in trade_quizzes if trade_quiz.page in existing]


def short_trade_notes(catalogue: Catalogue, min_posts: int = MIN_POSTS) -> list[str]:
    """A line for each trade that has posts but too few for a trade quiz: how many more it needs."""
    counts = {trade: 0 for trade in catalogue.rulebook.trades}
    for quiz in catalogue.quizzes.values():
        if not quiz.id.startswith(ID_PREFIX) or quiz.id in catalogue.sources:
            for post in quiz.posts:
                if post.trade in counts:
                    counts[post.trade] += 1
    return [f"The trade `{trade}` has {count} post{'s' if count != 1 else ''}, too few for a trade quiz: add "
            f"{min_posts - count} more with `trade: {trade}` (in any quiz file) and the build makes one"
            for trade, count in counts.items() if 0 < count < min_posts]

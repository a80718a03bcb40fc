"""What the quiz's Python and its scripts must agree on, stated once.

The answers and their labels, the ids the pages carry (anchors that links, email answer links and
published posts rely on), the answer link's URL parameters and the class roots the scripts look
for. The renderers build from these; the scripts (components/*/*.js) never spell them: they read them
from the markup (`data-answers`, `data-answer-link`, and the sentences rendered into the page), so
a change here reaches both. tests/unit/test_shared_facts.py fails if any of them is spelled elsewhere.

Imports nothing of the package: every other module may import it.
"""

from __future__ import annotations

import json

# --- the two answers -------------------------------------------------------------------------

MARKETING = "marketing"
MANAGEMENT = "management"
ANSWERS = (MARKETING, MANAGEMENT)  # in the order every page offers them
ANSWER_LABELS = {MARKETING: "Marketing", MANAGEMENT: "Management"}


def answer_label(answer: str) -> str:
    """`Marketing`: the answer as a button, a heading or a verdict shows it."""
    return ANSWER_LABELS[answer]


def answers_json() -> str:
    """`[["marketing","Marketing"],["management","Management"]]`: the `data-answers` the scripts read."""
    return json.dumps([[answer, answer_label(answer)] for answer in ANSWERS], separators=(",", ":"))


def worked_answer(paid: bool, sells: bool) -> str:
    """The rule itself: paid to show it, or its own words put what it sells in front of people."""
    return MARKETING if paid or sells else MANAGEMENT


# --- ids and anchors ----------------------------------------------------------------------------

# What joins a generated part to an id: `post-ID--account`. Quiz, post and case ids cannot contain
# it, so a generated id never meets one written in a quiz file.
ID_PART = "--"


def id_part(element_id: str, part: str) -> str:
    """`post-ID--account`, `quiz-ID--title`, `quiz-ID--2` (the second copy on a page)."""
    return f"{element_id}{ID_PART}{part}"


def quiz_anchor(quiz_id: str) -> str:
    return f"quiz-{quiz_id}"


def post_anchor(post_id: str) -> str:
    """Where an answer link lands, and what links in quiz files write as `#post-ID`."""
    return f"post-{post_id}"


def case_anchor(case_id: str) -> str:
    """A row of the hard cases table (`difference.md#case-ID`)."""
    return f"case-{case_id}"


def email_snippet_anchor(quiz_id: str, post_id: str) -> str:
    # A post can be offered by its own quiz and by its trade's quiz: the quiz is part of the id.
    return id_part(f"email-{quiz_id}", post_id)


def email_quiz_anchor(quiz_id: str) -> str:
    return f"email-quiz-{quiz_id}"


def radio_group(quiz_anchor_id: str, post_id: str) -> str:
    """The name of a post's radio buttons, unique to the quiz's copy on the page."""
    return id_part(quiz_anchor_id, post_id)


# --- URL parameters -----------------------------------------------------------------------------

# The short answer link's query: ?a=ID.mkt. Post ids never hold a dot, so the last dot splits the two.
ANSWER_LINK_PARAM = "a"
ANSWER_LINK_SEPARATOR = "."
ANSWER_CODES = {MARKETING: "mkt", MANAGEMENT: "mgt"}
# Links sent before the short form: ?post=ID&answer=marketing. They keep working.
OLDER_POST_PARAM = "post"
OLDER_ANSWER_PARAM = "answer"
CAMPAIGN_PARAMS = ("utm_source", "utm_medium", "utm_campaign")  # mkdocs.yml extra.email_campaign's keys
CONTENT_PARAM = "utm_content"


def answer_link_json() -> str:
    """The `data-answer-link` quiz.js reads: the short form and the older one's parameters."""
    return json.dumps({"param": ANSWER_LINK_PARAM, "separator": ANSWER_LINK_SEPARATOR,
                       "codes": {code: answer for answer, code in ANSWER_CODES.items()},
                       "older": {"post": OLDER_POST_PARAM, "answer": OLDER_ANSWER_PARAM}}, separators=(",", ":"))


# --- class roots (BEM blocks) the style sheets and scripts look for ----------------------------------

QUIZ_CLASS = "quiz"  # `quiz__bar`, `quiz__posts`…
POST_CLASS = "quiz-post"  # `quiz-post__card`, `quiz-post__choice`…
POST_NUMBER_CLASS = f"{POST_CLASS}__number"  # the number in "Post 3: …", which quiz.js renumbers on a shuffle
HARD_CASES_CLASS = "hard-cases"
POST_CHECKER_CLASS = "post-checker"
EMAIL_SNIPPETS_CLASS = "email-snippets"

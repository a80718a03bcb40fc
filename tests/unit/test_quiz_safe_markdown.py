"""Quiz files never become code: their Markdown fields take emphasis, code, line breaks and
links to this site or https only (issue 9, item 1), and their links are checked, page and
anchor, against the pages before anything is built (item 4)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import markdown
import pytest

from sorting_quiz.links import anchors_of, check_links
from sorting_quiz.loader import Catalogue, load_catalogue, load_quiz_file
from sorting_quiz.page_blocks import check_pages
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.markdown_extension import QuizExtension
from sorting_quiz.model import Post, Quiz

QUIZ = """\
title: Safe
summary: One post.
posts:
  - id: s-one
    platform: x
    account: A
    text: Hello
    paid: false
    answer: management
    explanation: >-
      It sells nothing.
      EXPLANATION
"""


def problems_for(tmp_path: Path, explanation: str) -> list[str]:
    folder = tmp_path / "quizzes"
    folder.mkdir(exist_ok=True)
    path = folder / "safe.yml"
    path.write_text(QUIZ.replace("EXPLANATION", explanation), encoding="utf-8")
    quiz, problems = load_quiz_file(path, "quizzes/safe.yml")
    return [str(problem) for problem in problems]


@pytest.mark.parametrize(("explanation", "expected"), [
    ('Because ![x](data:,x){: onerror="alert(document.domain)"} it sells.',
     "quizzes/safe.yml:12: post 1 (s-one), explanation: `![x](` is not allowed: pictures are not allowed"),
    ('Because ![x](data:,x){: onerror="alert(document.domain)"} it sells.',
     "quizzes/safe.yml:12: post 1 (s-one), explanation: `{: onerror=\"alert(document.domain)\"}` is not allowed: "
     "`{…}` would set HTML attributes"),
    ("See [r](javascript:alert(1)).",
     "quizzes/safe.yml:12: post 1 (s-one), explanation: `[r](javascript:alert(1))` is not allowed: links go to a "
     "page of this site"),
    ('See [r](#){: onclick="alert(1)"}.',
     "quizzes/safe.yml:12: post 1 (s-one), explanation: `{: onclick=\"alert(1)\"}` is not allowed"),
    ("A pixel ![](https://tracker.example/p.gif).", "explanation: `![](` is not allowed: pictures"),
    ("Read [this](http://example.com/).", "explanation: `[this](http://example.com/)` is not allowed: links go to"),
    ("Mail [us](mailto:a@b.c).", "explanation: `[us](mailto:a@b.c)` is not allowed"),
    ("Bold <b>text</b>.", "explanation: `<b>` is not allowed: HTML is not allowed in quiz text"),
    ("A [ref][1] link.\n\n      [1]: https://example.com", "explanation: `][1]` is not allowed: write links in full"),
    ("An &amp; entity.", "explanation: `&amp;` is not allowed: HTML entities"),
])
def test_unsafe_markdown_in_a_quiz_field_is_refused_with_file_and_line(
        tmp_path: Path, explanation: str, expected: str) -> None:
    problems = problems_for(tmp_path, explanation)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize("explanation", [
    "It is **bold**, *soft*, `code` and a [page](difference.md#hard-cases).",
    "See [the BBC](https://www.bbc.co.uk/news) and [a post](#post-s-one).",
    "Prices like £4.50 & 10% off, braces alone { } and a <3 heart are fine.",
])
def test_the_allowed_markdown_loads(tmp_path: Path, explanation: str) -> None:
    assert problems_for(tmp_path, explanation) == []


def test_the_repro_from_the_issue_stops_the_build_of_the_whole_catalogue(tmp_path: Path) -> None:
    problems_for(tmp_path, 'Because ![x](data:,x){: onerror="alert(document.domain)"} it sells.')
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    assert "safe" not in catalogue.quizzes and catalogue.problems


def test_the_page_never_runs_script_from_a_quiz_even_past_the_loader() -> None:
    """Belt and braces: a quiz made in code, not loaded, still renders with nothing that runs."""
    post = Post(id="p", platform="x", account="A", text="T", paid=False, answer="management",
                explanation='Because ![x](data:,x){: onerror="alert(1)"} it [r](javascript:alert(1)) '
                            '[s](#){: onclick="alert(2)" style="color:red"} sells.')
    quiz = Quiz(id="q", title="T", summary='S ![p](https://tracker.example/p.gif)', posts=(post,))
    catalogue = Catalogue(quizzes={"q": quiz}, sources={"q": "quizzes/q.yml"})
    md = markdown.Markdown(extensions=["attr_list", QuizExtension(state=BuildState(QuizSettings(), catalogue))])
    html = md.convert("/// quiz | q\n///\n")
    for unsafe in ("onerror", "onclick", "javascript:", "<img", "style=", "tracker.example"):
        assert unsafe not in html, f"{unsafe} survived: {html}"
    assert "sells." in html


PAGES = {
    "difference.md": textwrap.dedent("""\
        ---
        description: x
        ---
        # The difference

        ## Hard cases

        ```
        # not a heading
        ```

        ## Two levels: posts, and the work {#levels}

        /// hard-cases
        ///
        """),
    "quizzes/basics.md": "# The basics\n\n/// quiz | safe\n///\n",
}


def test_anchors_are_worked_out_like_the_toc_extension() -> None:
    anchors = anchors_of(PAGES["difference.md"])
    assert anchors == {"the-difference", "hard-cases", "levels"}


@pytest.mark.parametrize(("link", "expected"), [
    ("[a](difference.md#hard-cases)", None),
    ("[a](difference.md#levels)", None),
    ("[a](quizzes/basics.md#post-s-one)", None),
    ("[a](#post-s-one)", None),
    ("[a](https://www.asa.org.uk/)", None),
    ("[a](difernce.md)", "quizzes/safe.yml:12: post 1 (s-one), explanation: the link `difernce.md` goes to "
                         "`difernce.md`, which is not a page in docs/"),
    ("[a](difference.md#hard-case)", "quizzes/safe.yml:12: post 1 (s-one), explanation: `difference.md` has no "
                                     "heading with the anchor `#hard-case`; did you mean `#hard-cases`?"),
    ("[a](#post-nope)", "explanation: the link `#post-nope` points at nothing on the quiz's page"),
])
def test_links_in_quiz_fields_are_checked_against_the_pages(tmp_path: Path, link: str, expected: str | None) -> None:
    problems_for(tmp_path, f"See {link}.")
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    checks = check_pages(PAGES.items(), catalogue, ["pymdownx.superfences"])
    problems = [str(problem) for problem in check_links(catalogue.links, PAGES, catalogue, checks)]
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0], problems

"""The file formats' JSON Schemas (hooks/sorting_quiz/schemas/), as the loader uses them (issue 20):
every schema error comes out in plain words on its line, and each schema is compiled once a build."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from sorting_quiz import validation
from sorting_quiz.loader import MAX_POSTS, load_project, load_quiz_file, load_rulebook

ROOT = Path(__file__).resolve().parents[2]
RULEBOOK = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
GOOD = """\
title: The basics
summary: Sort two posts.
email_posts: [florist-news]
posts:
  - id: florist-news
    platform: x
    account: Petals
    kind: reply
    original:
      account: "@sam"
      text: Any tulips left?
    text: Great read from BBC News.
    paid: false
    case: reply
    trade: shops
    answer: management
    explanation: Sharing an article is management.
"""
# jsonschema's own wording, which an author should never have to read.
JARGON = re.compile(r"is not of type|is a required property|does not match|is not one of|is too (long|short)|"
                    r"should be non-empty|Additional properties|is not valid under|has non-unique|\{'|\['")


@pytest.mark.parametrize(("change", "line"), [
    (("title: The basics", "title: [a, b]"), 1),
    (("title: The basics", "title: " + "T" * 121), 1),
    (("summary: Sort two posts.", "summary: ''"), 2),
    (("summary: Sort two posts.", "summary: <b>Sort</b> two posts."), 2),
    (("email_posts: [florist-news]", "email_posts: florist-news"), 3),
    (("email_posts: [florist-news]", "email_posts: [florist-news, florist-news]"), 3),
    (("email_posts: [florist-news]", "email_posts: [Florist News]"), 3),
    (("posts:\n", "posts: 3\nmore:\n"), 4),
    (("  - id: florist-news\n", "  - id: florist-news\n    sells: []\n"), 6),
    (("  - id: florist-news\n", "  - id: florist-news\n    sells: {a: b}\n"), 6),
    (("    platform: x", "    platform: twitter"), 6),
    (("    kind: reply", "    kind: 2024-01-01"), 8),
    (("    kind: reply", "    kind: !custom reply"), 8),
    (("      account: \"@sam\"", "      acount: \"@sam\""), 10),
    (("      text: Any tulips left?", "      words: Any tulips left?"), 11),
    (("    paid: false", "    paid: 'false'"), 13),
    (("    paid: false", "    paid: [false]"), 13),
    (("    case: reply", "    case: replies"), 14),
    (("    trade: shops", "    trade: garages"), 15),
    (("    answer: management", "    answer: true"), 16),
])
def test_every_schema_error_is_said_in_plain_words_on_its_line(tmp_path: Path, change: tuple[str, str],
                                                                line: int) -> None:
    assert change[0] in GOOD
    path = tmp_path / "quiz.yml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    quiz, problems = load_quiz_file(path, "quizzes/quiz.yml", RULEBOOK)
    assert quiz is None and problems
    messages = [str(problem) for problem in problems]
    assert not any(JARGON.search(message) for message in messages), messages
    assert any(message.startswith(f"quizzes/quiz.yml:{line}: ") for message in messages), messages


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("trades.yml", "- id: pets\n  name: Pets <b>\n",
     "trades.yml:2: trade 1, name: `Pets <b>` has `<` `>`; this text is shown as plain words"),
    ("trades.yml", "id: pets\n", "trades.yml:1: trades: must be a list of trades, each with `- id:` and `name:`"),
    ("trades.yml", "- id: Pets\n  name: Pets\n", "trades.yml:1: trade 1, id: `Pets` is not a valid id"),
    ("hard-cases.yml", "- id: reply\n  case: Replies\n", "hard-cases.yml:1: hard case 1 (reply): `ruling` is missing"),
])
def test_the_rulebook_files_are_checked_by_their_schemas(tmp_path: Path, name: str, text: str, expected: str) -> None:
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    rulebook = load_rulebook(tmp_path / "hard-cases.yml", tmp_path / "trades.yml", tmp_path)
    messages = [str(problem) for problem in rulebook.problems]
    assert any(message.startswith(expected) for message in messages), messages
    assert not any(JARGON.search(message) for message in messages), messages


def test_the_limits_are_the_schemas() -> None:
    schema = validation.source_schema("quiz")
    assert MAX_POSTS == schema["properties"]["posts"]["maxItems"] == 200
    post = {key: value for key, value in schema["$defs"]["post"].items() if key != "x-rules"}  # the editors' copy
    assert '"enum": [' not in json.dumps({**schema, "$defs": {**schema["$defs"], "post": post}}), \
        "allowed ids come from the files that define them (x-ids-from)"


def test_each_schema_is_compiled_once_for_a_build() -> None:
    validation.compiled.cache_clear()
    catalogue = load_project(ROOT)
    assert catalogue.problems == [] and len(catalogue.quizzes) >= 6
    assert validation.compiled.cache_info().misses == 3  # quiz, hard cases, trades; not once a file
    load_project(ROOT)
    assert validation.compiled.cache_info().misses == 3

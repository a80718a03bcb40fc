"""Loading and checking quiz files: every problem, with its file and line, at once."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from sorting_quiz.loader import check_references, load_catalogue, load_quiz_file
from sorting_quiz.model import Quiz

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "quizzes" / "quiz.schema.json").read_text(encoding="utf-8"))

GOOD = """\
title: The basics
summary: Sort two posts.
posts:
  - id: bakery-lemon-loaf
    platform: facebook
    account: Crumb & Co
    text: New lemon loaf, £4.50!
    paid: false
    answer: marketing
    explanation: It is about something the bakery sells.
  - id: florist-news
    platform: x
    account: Petals
    text: Great read from BBC News.
    paid: false
    answer: management
    explanation: Sharing an article is management.
    older_reading: Some would once have called any post marketing.
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    folder = tmp_path / "quizzes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str | bytes, name: str = "quiz.yml") -> list[str]:
    path = write(tmp_path, name, text)
    quiz, problems = load_quiz_file(path, f"quizzes/{name}")
    assert (quiz is None) == bool(problems)
    return [str(problem) for problem in problems]


def test_a_good_file_loads_with_every_field(tmp_path: Path) -> None:
    quiz, problems = load_quiz_file(write(tmp_path, "basics.yml", GOOD), "quizzes/basics.yml")
    assert problems == []
    assert isinstance(quiz, Quiz)
    assert quiz.id == "basics" and quiz.title == "The basics"
    assert [post.id for post in quiz.posts] == ["bakery-lemon-loaf", "florist-news"]
    assert quiz.posts[0].account == "Crumb & Co" and quiz.posts[0].paid is False
    assert quiz.posts[1].older_reading.startswith("Some would")
    assert quiz.posts[1].line == 11
    assert quiz.minutes == 1


def test_the_content_hash_changes_when_a_post_changes(tmp_path: Path) -> None:
    first, _ = load_quiz_file(write(tmp_path / "a", "basics.yml", GOOD), "a")
    again, _ = load_quiz_file(write(tmp_path / "b", "basics.yml", GOOD), "b")
    edited, _ = load_quiz_file(write(tmp_path / "c", "basics.yml", GOOD.replace("£4.50", "£5")), "c")
    assert first.content_hash == again.content_hash
    assert first.content_hash != edited.content_hash


@pytest.mark.parametrize(("text", "expected"), [
    ("title: [unclosed\n", "quizzes/quiz.yml:2: YAML: "),
    ("title: T\n\tsummary: S\n", "quizzes/quiz.yml:2: YAML: "),
    ("title: T\nsummary: S\nposts:\n\t- id: x\n", "quizzes/quiz.yml:4: YAML: "),
    ("", "quizzes/quiz.yml:1: quiz: the file is empty"),
    ("- just\n- a list\n", "quizzes/quiz.yml:1: quiz: must be a set of `key: value` lines"),
    ("title: T\nsummary: S\nposts: []\n", "quizzes/quiz.yml:3: posts: the quiz has no posts"),
    ("title: T\nsummary: S\nposts:\n", "quizzes/quiz.yml:3: posts: the quiz has no posts"),
])
def test_broken_files_name_the_line_and_the_fix(tmp_path: Path, text: str, expected: str) -> None:
    problems = problems_of(tmp_path, text)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_tabs_get_a_plain_hint(tmp_path: Path) -> None:
    for text in ("title: T\n\tsummary: S\n", "title: T\nsummary: S\nposts:\n\t- id: x\n"):
        problems = problems_of(tmp_path, text)
        assert len(problems) == 1 and problems[0].endswith("use spaces to indent, not tabs"), problems


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "title: T\nsummary: caf\xe9\n".encode("latin-1"))
    assert problems == ["quizzes/quiz.yml:2: file: is not UTF-8 (byte 0xe9); save the file with UTF-8 encoding"]


def test_every_problem_in_a_file_is_listed_at_once(tmp_path: Path) -> None:
    broken = GOOD.replace("summary: Sort two posts.", "summary:") \
                 .replace("platform: facebook", "platform: facebok") \
                 .replace("    paid: false\n    answer: management", "    paid: yes please\n    answer: management") \
                 .replace("explanation: It is about", "explantion: It is about") \
                 .replace("title: The basics", "title: The basics\ntitle: Again")
    problems = problems_of(tmp_path, broken)
    assert problems == [
        "quizzes/quiz.yml:2: quiz: `title` is given twice (first on line 1); keep one",
        "quizzes/quiz.yml:3: summary: is empty; write some text after the colon",
        "quizzes/quiz.yml:6: post 1 (bakery-lemon-loaf), platform: `facebok` is not allowed; did you mean "
        "facebook? use one of: facebook, instagram, linkedin, x, tiktok, threads, youtube",
        "quizzes/quiz.yml:11: post 1 (bakery-lemon-loaf): unknown field `explantion`; did you mean "
        "`explanation`? allowed: id, platform, account, text, paid, answer, explanation, context, "
        "image_description, older_reading",
        "quizzes/quiz.yml:5: post 1 (bakery-lemon-loaf): `explanation` is missing; add `explanation:` to it",
        "quizzes/quiz.yml:16: post 2 (florist-news), paid: `yes please` is not allowed; use true or false, "
        "without quotes",
    ]


@pytest.mark.parametrize(("change", "expected"), [
    (("answer: marketing", "answer: marketting"),
     "quizzes/quiz.yml:9: post 1 (bakery-lemon-loaf), answer: `marketting` is not allowed; did you mean "
     "marketing? use one of: marketing, management"),
    (("answer: management", "answer: Management"),
     "quizzes/quiz.yml:16: post 2 (florist-news), answer: `Management` is not allowed; did you mean "
     "management? use one of: marketing, management"),
    (("id: florist-news", "id: bakery-lemon-loaf"),
     "quizzes/quiz.yml:11: post 2 (bakery-lemon-loaf): the id `bakery-lemon-loaf` is already used by the post "
     "on line 4; every post needs its own id"),
    (("id: florist-news", "id: Florist News"),
     "quizzes/quiz.yml:11: post 2 (Florist News), id: `Florist News` is not a valid id"),
    (("    paid: false\n    answer: management", "    paid: true\n    answer: management"),
     "quizzes/quiz.yml:16: post 2 (florist-news), answer: a paid post (boosted or an ad) is always marketing; "
     "change the answer to marketing, or set paid: false"),
    (("    account: Petals\n", ""),
     "quizzes/quiz.yml:11: post 2 (florist-news): `account` is missing; add `account:` to it"),
    (("text: Great read from BBC News.", "text:\n      - a list"),
     "quizzes/quiz.yml:15: post 2 (florist-news), text: must be text, not a list or a set of fields"),
    (("posts:\n", "email_posts: [nope]\nposts:\n"),
     "quizzes/quiz.yml:3: email_posts: there is no post with the id `nope` in this quiz"),
])
def test_each_kind_of_mistake_is_explained(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    problems = problems_of(tmp_path, GOOD.replace(*change))
    assert any(problem.startswith(expected) for problem in problems), problems


def test_text_that_yaml_reads_as_a_number_is_kept_as_written(tmp_path: Path) -> None:
    quiz, problems = load_quiz_file(write(tmp_path, "q.yml", GOOD.replace("account: Petals", "account: 1066")), "q")
    assert problems == [] and quiz.posts[1].account == "1066"


def test_the_catalogue_checks_ids_across_files_and_file_names(tmp_path: Path) -> None:
    write(tmp_path, "basics.yml", GOOD)
    write(tmp_path, "copy.yml", GOOD)
    write(tmp_path, "Bad Name.yml", GOOD.replace("bakery-lemon-loaf", "x1").replace("florist-news", "x2"))
    write(tmp_path, "other.yaml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    assert list(catalogue.quizzes) == ["basics"]
    messages = [str(problem) for problem in catalogue.problems]
    assert "quizzes/Bad Name.yml:1: file name: `Bad Name.yml` is not a valid quiz id; use lower-case letters, " \
           "digits and single hyphens, like bakery-lemon-loaf, then .yml" in messages
    assert "quizzes/other.yaml:1: file name: quiz files end in .yml; rename it" in messages
    assert any(m.startswith("quizzes/copy.yml:4: post (bakery-lemon-loaf): the id `bakery-lemon-loaf` is already "
                            "used in quizzes/basics.yml:4") for m in messages), messages


def test_quiz_block_options_and_stray_text_are_checked(tmp_path: Path) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    page = ("/// quiz | basics\n    title: false\n///\n\n/// quiz | basics\n    titel: false\n///\n\n"
            "/// quiz | basics\n    title: no thanks\n///\n\n/// quiz | basics\ntitle: false\n///\n")
    problems = [str(problem) for problem in check_references("docs/p.md", page, catalogue)]
    assert problems == [
        "docs/p.md:6: quiz block: unknown option `titel`; the only option is `title: false`",
        "docs/p.md:10: quiz block: `title: no thanks` is not allowed; use title: true or title: false",
        "docs/p.md:14: quiz block: text inside a quiz block is not shown (`title: false`); the quiz comes from "
        "its file. Options go right under the first line, indented four spaces, and the block ends with `///`",
    ]


def test_pages_that_ask_for_a_missing_quiz_are_reported_with_their_line(tmp_path: Path) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    page = "# Title\n\n/// quiz | basics\n///\n\n```\n/// quiz | in-a-code-example\n```\n\n/// quiz | nope\n///\n/// quiz\n///\n"
    problems = [str(problem) for problem in check_references("docs/page.md", page, catalogue)]
    assert problems == [
        "docs/page.md:10: quiz block: there is no quiz `nope` (no quizzes/nope.yml); quizzes that exist: basics",
        "docs/page.md:12: quiz block: says which quiz to show: write `/// quiz | ID`, with ID a file name in "
        "quizzes/ without .yml",
    ]


@pytest.mark.parametrize("path", sorted((ROOT / "quizzes").glob("*.yml")), ids=lambda path: path.name)
def test_shipped_quizzes_load_and_match_the_json_schema(path: Path) -> None:
    quiz, problems = load_quiz_file(path, f"quizzes/{path.name}")
    assert problems == [], "\n".join(map(str, problems))
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=./quiz.schema.json")
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)
    assert 10 <= len(quiz.posts) <= 12


@pytest.mark.parametrize("change", [
    ("platform: facebook", "platform: myspace"),
    ("answer: marketing", "answer: maybe"),
    ("    paid: false\n    answer: management", "    paid: true\n    answer: management"),
    ("explanation: It is about", "explantion: It is about"),
    ("    paid: false\n    answer: marketing", "    paid: 'false'\n    answer: marketing"),
])
def test_the_json_schema_rejects_what_the_build_rejects(tmp_path: Path, change: tuple[str, str]) -> None:
    broken = GOOD.replace(*change)
    assert problems_of(tmp_path, broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(broken), SCHEMA)

"""Loading and checking quiz files: every problem, with its file and line, at once."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from sorting_quiz.loader import Catalogue, load_catalogue, load_quiz_file, load_rulebook
from sorting_quiz.model import Quiz
from sorting_quiz.page_blocks import PageBlockChecker

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "quizzes" / "quiz.schema.json").read_text(encoding="utf-8"))
RULEBOOK = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)


def site_markdown() -> tuple[list[str], dict[str, dict]]:
    """The site's Markdown extensions and their settings, as mkdocs.yml gives them to MkDocs."""
    names, configs = [], {}
    for entry in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "pymdownx.snippets":  # its paths are relative to the project folder
            config = {**config, "base_path": [str(ROOT / path) for path in config["base_path"]]}
        names.append(name)
        configs[name] = config or {}
    return names, configs


SITE_EXTENSIONS, SITE_EXTENSION_CONFIGS = site_markdown()


def check_references(page_path: str, markdown: str, catalogue: Catalogue) -> list:
    """A page's quiz block problems, read with the site's own Markdown extensions."""
    return PageBlockChecker(catalogue, SITE_EXTENSIONS, SITE_EXTENSION_CONFIGS).check(page_path, markdown).problems

GOOD = """\
title: The basics
summary: Sort two posts.
posts:
  - id: bakery-lemon-loaf
    platform: facebook
    account: Crumb & Co
    text: New lemon loaf, £4.50!
    paid: false
    sells: £4.50
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
    assert quiz.posts[1].line == 12
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
        "facebook? use one of: facebook, instagram, linkedin, x, tiktok, threads, youtube, google, whatsapp",
        "quizzes/quiz.yml:12: post 1 (bakery-lemon-loaf): unknown field `explantion`; did you mean "
        "`explanation`? allowed: id, platform, account, kind, original, text, paid, sells, answer, explanation, "
        "close_call, case, trade, context, image_description, older_reading",
        "quizzes/quiz.yml:5: post 1 (bakery-lemon-loaf): `explanation` is missing; add `explanation:` to it",
        "quizzes/quiz.yml:17: post 2 (florist-news), paid: `yes please` is not allowed; use true or false, "
        "without quotes",
    ]


@pytest.mark.parametrize(("change", "expected"), [
    (("answer: marketing", "answer: marketting"),
     "quizzes/quiz.yml:10: post 1 (bakery-lemon-loaf), answer: `marketting` is not allowed; did you mean "
     "marketing? use one of: marketing, management"),
    (("answer: management", "answer: Management"),
     "quizzes/quiz.yml:17: post 2 (florist-news), answer: `Management` is not allowed; did you mean "
     "management? use one of: marketing, management"),
    (("id: florist-news", "id: bakery-lemon-loaf"),
     "quizzes/quiz.yml:12: post 2 (bakery-lemon-loaf): the id `bakery-lemon-loaf` is already used by the post "
     "on line 4; every post needs its own id"),
    (("id: florist-news", "id: Florist News"),
     "quizzes/quiz.yml:12: post 2 (Florist News), id: `Florist News` is not a valid id"),
    (("    paid: false\n    answer: management", "    paid: true\n    answer: management"),
     "quizzes/quiz.yml:17: post 2 (florist-news), answer: the two questions make this marketing (paid: true: a "
     "paid post is marketing whatever it says); change the answer to marketing, or set paid: false"),
    (("    account: Petals\n", ""),
     "quizzes/quiz.yml:12: post 2 (florist-news): `account` is missing; add `account:` to it"),
    (("text: Great read from BBC News.", "text:\n      - a list"),
     "quizzes/quiz.yml:16: post 2 (florist-news), text: must be text, not a list or a set of fields"),
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
    assert "quizzes/other.yaml:1: file name: quiz files end in .yml; rename it to other.yml" in messages
    assert any(m.startswith("quizzes/copy.yml:4: post (bakery-lemon-loaf): the id `bakery-lemon-loaf` is already "
                            "used in quizzes/basics.yml:4") for m in messages), messages


def test_quiz_block_options_and_stray_text_are_checked(tmp_path: Path) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    page = ("/// quiz | basics\n    title: false\n///\n\n/// quiz | basics\n    titel: false\n///\n\n"
            "/// quiz | basics\n    title: no thanks\n///\n\n/// quiz | basics\ntitle: false\n///\n")
    problems = [str(problem) for problem in check_references("docs/p.md", page, catalogue)]
    assert problems == [
        "docs/p.md:6: quiz block: unknown option `titel`; did you mean `title`? the options are `title: false`, "
        "`posts: [ID, ID, ID]`, `attrs: {class: NAME}`; as written, the page shows the block as plain text",
        "docs/p.md:10: quiz block: `title: no thanks` is not allowed; use title: true or title: false",
        "docs/p.md:14: quiz block: text inside a `/// quiz` block is not shown (`title: false`); the quiz comes "
        "from its file. Options go right under the first line, indented four spaces, and the block ends with `///`",
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
    quiz, problems = load_quiz_file(path, f"quizzes/{path.name}", RULEBOOK)
    assert problems == [], "\n".join(map(str, problems))
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=./quiz.schema.json")
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)
    assert 8 <= len(quiz.posts) <= 20, "a quiz takes a few minutes, not a few seconds or half an hour"


@pytest.mark.parametrize("change", [
    ("platform: facebook", "platform: myspace"),
    ("answer: marketing", "answer: maybe"),
    ("    paid: false\n    answer: management", "    paid: true\n    answer: management"),
    ("explanation: It is about", "explantion: It is about"),
    ("    paid: false\n    sells", "    paid: 'false'\n    sells"),
])
def test_the_json_schema_rejects_what_the_build_rejects(tmp_path: Path, change: tuple[str, str]) -> None:
    broken = GOOD.replace(*change)
    assert problems_of(tmp_path, broken)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(broken), SCHEMA)


# --- the rule: the answer is worked out from paid and sells -----------------------------------

RULED = """\
title: Ruled
summary: Posts checked against the two questions.
posts:
  - id: r-price
    platform: facebook
    account: Oak Lane Bakery
    trade: food-and-drink
    text: Sourdough today, £4.50 a loaf. Order by Friday!
    paid: false
    sells: [£4.50 a loaf, order by friday]
    answer: marketing
    explanation: It names a loaf and its price.
  - id: r-reply
    platform: instagram
    account: Velvet Hair
    kind: reply
    original:
      account: "@megan"
      text: Can I book a cut for Saturday?
    text: Thanks Megan, we’ll DM you!
    paid: false
    case: reply
    answer: management
    explanation: A thank-you and help; nothing sold.
"""


def test_a_post_ruled_by_the_two_questions_loads(tmp_path: Path) -> None:
    rulebook = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
    quiz, problems = load_quiz_file(write(tmp_path, "ruled.yml", RULED), "quizzes/ruled.yml", rulebook)
    assert problems == []
    price, reply = quiz.posts
    assert price.sells == ("£4.50 a loaf", "order by friday")  # matched ignoring case
    assert price.worked_answer == "marketing" and reply.worked_answer == "management"
    assert reply.kind == "reply" and reply.original.account == "@megan"
    assert price.trade == "food-and-drink" and reply.case == "reply"


@pytest.mark.parametrize(("change", "expected"), [
    (("    sells: [£4.50 a loaf, order by friday]\n", ""),
     "quizzes/quiz.yml:10: post 1 (r-price), answer: the two questions make this management (paid: false, "
     "there is no `sells`); change the answer to management, or add `sells:`"),
    (("    case: reply\n    answer: management", "    case: reply\n    sells: DM you\n    answer: management"),
     "quizzes/quiz.yml:24: post 2 (r-reply), answer: the two questions make this marketing (paid: false, `sells` "
     "gives the words that sell); change the answer to marketing, or, if nothing in the post sells, remove `sells`"),
    (("sells: [£4.50 a loaf, order by friday]", "sells: [£4.50 a loaf, half price]"),
     "quizzes/quiz.yml:10: post 1 (r-price), sells: “half price” is not in the post's text, context or "
     "image_description"),
    (("    case: reply\n    answer: management", "    case: reply\n    sells: book a cut\n    answer: marketing"),
     "quizzes/quiz.yml:23: post 2 (r-reply), sells: “book a cut” is not in the post's text"),
    (("    kind: reply\n    original:\n      account: \"@megan\"\n      text: Can I book a cut for Saturday?\n",
      "    kind: reply\n"),
     "quizzes/quiz.yml:13: post 2 (r-reply): a reply needs `original:` (the comment or post it replies to)"),
    (("    kind: reply\n", "    kind: like\n"),
     "quizzes/quiz.yml:20: post 2 (r-reply), text: a like has no words of its own; remove `text:`"),
    (("    kind: reply\n", "    kind: story\n"),
     "quizzes/quiz.yml:17: post 2 (r-reply), original: a story has no original"),
    (("    kind: reply\n", "    kind: retweet\n"),
     "quizzes/quiz.yml:16: post 2 (r-reply), kind: `retweet` is not allowed; use one of: post, reply, repost, "
     "share, like, story, video, message, status, offer"),
    (("      text: Can I book a cut for Saturday?\n", ""),
     "quizzes/quiz.yml:18: post 2 (r-reply), original: needs `text:` (what they wrote) or `image_description:`"),
    (("    text: Thanks Megan, we’ll DM you!\n", ""),
     "quizzes/quiz.yml:13: post 2 (r-reply): `text` is missing; add `text:` with the business's own words"),
    (("    platform: facebook\n    account: Oak Lane Bakery\n    trade: food-and-drink\n"
      "    text: Sourdough today, £4.50 a loaf. Order by Friday!\n    paid: false",
      "    platform: google\n    account: Oak Lane Bakery\n    trade: food-and-drink\n"
      "    text: Sourdough today, £4.50 a loaf. Order by Friday!\n    paid: true"),
     "quizzes/quiz.yml:9: post 1 (r-price), paid: Google Business Profile posts cannot be paid for; set paid: false"),
    (("case: reply", "case: replies"),
     "quizzes/quiz.yml:22: post 2 (r-reply), case: `replies` is not a hard case; did you mean reply?"),
    (("case: reply", "case: hiring"),
     "quizzes/quiz.yml:22: post 2 (r-reply), close_call: the hard case `hiring` is a close call; add `close_call:`"),
    (("trade: food-and-drink", "trade: food"),
     "quizzes/quiz.yml:7: post 1 (r-price), trade: `food` is not a trade; use one of: food-and-drink,"),
])
def test_each_mistake_against_the_rule_is_explained(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    rulebook = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
    assert change[0] in RULED
    path = write(tmp_path, "quiz.yml", RULED.replace(*change))
    quiz, problems = load_quiz_file(path, "quizzes/quiz.yml", rulebook)
    messages = [str(problem) for problem in problems]
    assert quiz is None and any(message.startswith(expected) for message in messages), messages


@pytest.mark.parametrize("change", [
    ("    sells: [£4.50 a loaf, order by friday]\n", ""),
    ("    case: reply\n    answer: management", "    case: reply\n    sells: DM you\n    answer: management"),
    ("    kind: reply\n    original:\n      account: \"@megan\"\n      text: Can I book a cut for Saturday?\n",
     "    kind: reply\n"),
    ("    kind: reply\n", "    kind: like\n"),
    ("platform: facebook", "platform: google\n    kind: offer\n    paid: true\n    x: 1"),
    ("case: reply", "case: replies"),
    ("trade: food-and-drink", "trade: food"),
])
def test_the_json_schema_rejects_what_the_build_rejects_about_the_rule(tmp_path: Path, change: tuple[str, str]) -> None:
    broken = RULED.replace(*change)
    assert problems_of(tmp_path, broken) or change[1].startswith("case: replies") or "trade: food" in change[1]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(broken), SCHEMA)


def test_the_fixture_with_every_kind_and_platform_loads_and_matches_the_schema() -> None:
    rulebook = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
    path = ROOT / "tests" / "fixtures" / "every-kind.yml"
    quiz, problems = load_quiz_file(path, "tests/fixtures/every-kind.yml", rulebook)
    assert problems == [], problems
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)
    assert {post.kind for post in quiz.posts} >= {"post", "reply", "repost", "share", "like", "story", "video",
                                                  "message", "status", "offer"}


def test_a_broken_hard_cases_file_names_the_line(tmp_path: Path) -> None:
    cases = tmp_path / "hard-cases.yml"
    cases.write_text(textwrap.dedent("""\
        - id: reply
          case: Replies
          ruling: By the reply's own words.
          answer: maybe
          close_call: false
          why: Replying is management.
          example:
            text: Thanks!
            answer: management
        - id: like
          case: Likes
    """), encoding="utf-8")
    rulebook = load_rulebook(cases, tmp_path / "trades.yml", tmp_path)
    messages = [str(problem) for problem in rulebook.problems]
    assert messages[0].startswith("hard-cases.yml:4: hard case 1 (reply), answer: `maybe` is not allowed")
    assert "hard-cases.yml:10: hard case 2 (like): `ruling` is missing; add `ruling:` to it" in messages
    assert not rulebook.trades and not any("trades" in message for message in messages), \
        "a missing trades file is no problem until a post names a trade"
    quiz, problems = load_quiz_file(write(tmp_path, "ruled.yml", RULED), "quizzes/ruled.yml", rulebook)
    assert [str(problem) for problem in problems] == [
        "quizzes/ruled.yml:7: post 1 (r-price), trade: there are no trades to name: includes/trades.yml is missing "
        "or broken; fix it, or remove `trade:`",
        "quizzes/ruled.yml:22: post 2 (r-reply), case: there are no hard cases to point at: includes/hard-cases.yml "
        "is missing or broken; fix it, or remove `case:`"]


def test_a_self_check_names_posts_of_its_own_quiz(tmp_path: Path) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    page = ("/// quiz | basics\n    posts: [florist-news, bakery-lemon-loaf]\n///\n\n"
            "/// quiz | basics\n    posts: [florist-new, florist-news, florist-news]\n///\n\n"
            "/// quiz | basics\n    posts: 3\n///\n")
    problems = [str(problem) for problem in check_references("docs/p.md", page, catalogue)]
    assert problems == [
        "docs/p.md:6: quiz block: `posts` names a post twice; name each once",
        "docs/p.md:6: quiz block: there is no post `florist-new` in quizzes/basics.yml; did you mean "
        "`florist-news`? a self-check takes posts from the quiz it names",
        "docs/p.md:10: quiz block: `posts` must be a list of post ids, like "
        "`posts: [b-bakery-lemon-loaf, b-florist-bbc-article]`",
    ]

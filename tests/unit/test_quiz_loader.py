"""Loading and checking quiz files: every problem, with its file and line, at once."""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.loader import Catalogue, load_catalogue, load_quiz_file, load_rulebook
from sorting_quiz.model import Quiz
from sorting_quiz.page_blocks import PageBlockChecker

ROOT = Path(__file__).resolve().parents[2]
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
        "docs/p.md:13: quiz block: the same quiz on line 1 already shows 2 of this quiz's posts (like bakery-lemon-loaf); on "
        "one page their ids and saved answers would clash: show each post once a page (a self-check's `posts:` can "
        "leave out the ones shown above)",
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
     "quizzes/quiz.yml:7: post 1 (r-price), trade: `food` is not a trade; did you mean food-and-drink? use one of: "
     "food-and-drink,"),
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
        "quizzes/ruled.yml:22: post 2 (r-reply), case: there are no hard cases to name: includes/hard-cases.yml "
        "is missing or broken; fix it, or remove `case:`"]


def test_a_self_check_names_posts_of_its_own_quiz(tmp_path: Path) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    page = ("/// quiz | basics\n    posts: [florist-news, bakery-lemon-loaf]\n///\n\n"
            "/// quiz | basics\n    posts: [florist-new, florist-news, florist-news]\n///\n\n"
            "/// quiz | basics\n    posts: 3\n///\n")
    problems = [str(problem) for problem in check_references("docs/p.md", page, catalogue)]
    assert problems == [
        "docs/p.md:5: quiz block: the same quiz on line 1 already shows 2 of this quiz's posts (like florist-news); on "
        "one page their ids and saved answers would clash: show each post once a page (a self-check's `posts:` can "
        "leave out the ones shown above)",
        "docs/p.md:6: quiz block: `posts` names a post twice; name each once",
        "docs/p.md:6: quiz block: there is no post `florist-new` in quizzes/basics.yml; did you mean "
        "`florist-news`? a self-check takes posts from the quiz it names",
        "docs/p.md:10: quiz block: `posts` must be a list of post ids, like "
        "`posts: [b-bakery-lemon-loaf, b-florist-bbc-article]`",
    ]


# --- quiz blocks in pages: read by pymdownx's own block parser (issue 9, item 2) ---------------

def rendered_quiz_ids(page: str, catalogue: Catalogue) -> list[str]:
    """The quizzes the real renderer puts on the page: what the check must agree with."""
    from markdown import Markdown

    from sorting_quiz.markdown_extension import QuizExtension

    html = Markdown(extensions=[*SITE_EXTENSIONS, QuizExtension(state=BuildState(QuizSettings(), catalogue))],
                    extension_configs=SITE_EXTENSION_CONFIGS).convert(page)
    return re.findall(r'class="quiz-problems"[^>]*>|data-quiz="([^"]+)"', html) if "quiz-holder" in html else []


@pytest.mark.parametrize(("page", "expected"), [
    ("# Title\n\n//// quiz | nope\n////\n", "docs/p.md:3: quiz block: there is no quiz `nope`"),
    ("# Title\n\n/// Quiz | nope\n///\n", "docs/p.md:3: quiz block: there is no quiz `nope`"),
    ("```text\n~~~\n```\n\n/// quiz | nope\n///\n", "docs/p.md:5: quiz block: there is no quiz `nope`"),
    ("- A list item\n\n    /// quiz | nope\n    ///\n", "docs/p.md:3: quiz block: there is no quiz `nope`"),
    ("> /// quiz | nope\n> ///\n", "docs/p.md:1: quiz block: there is no quiz `nope`"),
])
def test_every_block_pymdownx_renders_is_checked(tmp_path: Path, page: str, expected: str) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    problems = [str(problem) for problem in check_references("docs/p.md", page, catalogue)]
    assert len(problems) == 1 and problems[0].startswith(expected), problems
    assert "There is no quiz file quizzes/nope.yml." in Markdown_html(page, catalogue), \
        "pymdownx renders this as a quiz block (the red box), so the build must stop"


def Markdown_html(page: str, catalogue: Catalogue) -> str:  # noqa: N802 - the rendered page
    from markdown import Markdown

    from sorting_quiz.markdown_extension import QuizExtension

    return Markdown(extensions=[*SITE_EXTENSIONS, QuizExtension(state=BuildState(QuizSettings(), catalogue))],
                    extension_configs=SITE_EXTENSION_CONFIGS).convert(page)


@pytest.mark.parametrize(("page", "expected"), [
    ("# T\n\n/// quiz | basics\n    title:false\n///\n",
     "docs/p.md:4: quiz block: `title:false` is not an option: write `key: value`, with a space after the colon "
     "(like `title: false`); as written, the page shows the block as plain text"),
    ("/// quiz | basics\n    title: [unclosed\n///\n",
     "docs/p.md:2: quiz block: the options are not readable YAML"),
    ("/// quiz | basics\n    attrs: nope\n///\n",
     "docs/p.md:2: quiz block: `attrs: nope` is not allowed; give HTML attributes, like `attrs: {class: NAME}`"),
    ("/// quiz-list | basics\n///\n",
     "docs/p.md:1: quiz block: `/// quiz-list` takes nothing after `|`; write `/// quiz-list` alone"),
    ("/// hard-cases\n    examples: some\n///\n",
     "docs/p.md:2: quiz block: `examples: some` is not allowed; use examples: true or examples: false"),
    ("Text.\n\n/// quiz | basics\n    title: false\n\nThe rest of the page.\n",
     "docs/p.md:3: quiz block: the block is never closed: end it with a line of `///`"),
])
def test_a_block_pymdownx_refuses_or_never_closes_is_reported(tmp_path: Path, page: str, expected: str) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    problems = [str(problem) for problem in check_references("docs/p.md", page, catalogue)]
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_refused_block_is_what_the_page_shows_as_text(tmp_path: Path) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    html = Markdown_html("/// quiz | basics\n    title:false\n///\n", catalogue)
    assert "quiz-holder" not in html and "/// quiz | basics" in html


@pytest.mark.parametrize("page", [
    "/// quiz | basics\n    title: false  # the page has its own heading\n///\n",
    "//// quiz | basics\n    title: false\n////\n",
    "//// details | Try it\n/// quiz | basics\n///\n////\n",
    "/// quiz | basics\n    attrs: {class: wide}\n///\n",
    "/// quiz | basics\n    posts: [florist-news, bakery-lemon-loaf]\n///\n",
    "/// QUIZ | basics\n///\n",
    "```text\n~~~\n```\n\n/// quiz | basics\n///\n",
])
def test_valid_blocks_pass_and_render_as_quizzes(tmp_path: Path, page: str) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    checked = PageBlockChecker(catalogue, SITE_EXTENSIONS, SITE_EXTENSION_CONFIGS).check("docs/p.md", page)
    assert checked.problems == []
    assert [quiz_id for _, quiz_id in checked.quiz_references] == ["basics"]
    assert 'data-quiz="basics' in Markdown_html(page, catalogue)


@pytest.mark.parametrize("page", [
    "Write this:\n\n    /// quiz | nope\n        titel: x\n    ///\n",
    "```markdown\n/// quiz | nope\n    title:false\n```\n",
    "~~~~\n```\n/// quiz | nope\n```\n~~~~\n",
])
def test_block_examples_in_code_are_not_blocks(tmp_path: Path, page: str) -> None:
    write(tmp_path, "basics.yml", GOOD)
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    checked = PageBlockChecker(catalogue, SITE_EXTENSIONS, SITE_EXTENSION_CONFIGS).check("docs/p.md", page)
    assert checked.problems == [] and checked.quiz_references == []
    assert "quiz-holder" not in Markdown_html(page, catalogue)


# --- odd entries in quizzes/ (item 3) ---------------------------------------------------------

def test_odd_entries_in_the_quiz_folder_are_skipped_or_named(tmp_path: Path) -> None:
    folder = write(tmp_path, "basics.yml", GOOD).parent
    (folder / ".#basics.yml").symlink_to("someone@laptop.4242:1700000000")  # Emacs's lock: a link to nowhere
    for name in (".basics.yml.swp", "basics.yml~", "#basics.yml#", ".hidden.yml"):
        (folder / name).write_text("not: [a quiz", encoding="utf-8")
    (folder / "old.yml").mkdir()
    (folder / "loop.yml").symlink_to("loop.yml")
    (folder / "gone.yml").symlink_to("moved-away.yml")
    (folder / "zcase.YML").write_text(GOOD, encoding="utf-8")
    (folder / "new\nline.yml").write_text(GOOD, encoding="utf-8")
    (folder / "zero\u200bwidth.yml").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.yml")  # reading it would wait for ever
    catalogue = load_catalogue(folder, tmp_path)
    assert list(catalogue.quizzes) == ["basics"]
    assert [str(problem) for problem in catalogue.problems] == [
        "quizzes/gone.yml:1: file: is a link to moved-away.yml, which does not exist; remove the link or restore "
        "the file",
        "quizzes/loop.yml:1: file: is a link that leads back to itself (→ loop.yml); replace it with the quiz file",
        "quizzes/new\\nline.yml:1: file name: has an invisible or control character in it (shown as \\n or "
        "\\uXXXX here); rename it",
        "quizzes/old.yml:1: file: is a folder, not a quiz file; quiz files sit directly in quizzes/ (rename the "
        "folder without .yml)",
        "quizzes/pipe.yml:1: file: is not an ordinary file (a pipe or device?); a quiz file is a text file",
        "quizzes/zcase.YML:1: file name: quiz files end in lower-case .yml; rename it to zcase.yml",
        "quizzes/zero\\u200bwidth.yml:1: file name: has an invisible or control character in it (shown as \\n or "
        "\\uXXXX here); rename it",
    ]


def test_a_quiz_file_that_cannot_be_read_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.yml", GOOD)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # as for a file without read permission (tests run as root)
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    catalogue = load_catalogue(path.parent, tmp_path)
    assert [str(problem) for problem in catalogue.problems] == [
        "quizzes/locked.yml:1: file: cannot be read (Permission denied); check that it is a file you can open"]


def test_a_published_list_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    from sorting_quiz import published

    write(tmp_path, "basics.yml", GOOD)
    (tmp_path / "quizzes" / "published-posts.txt").write_bytes(b"# list\nbakery-lemon-loaf\ncaf\xe9-post\n")
    catalogue = load_catalogue(tmp_path / "quizzes", tmp_path)
    assert published.check(tmp_path, catalogue) == [
        "quizzes/published-posts.txt:3: is not UTF-8 (byte 0xe9); save the file with UTF-8 encoding"]


def test_the_published_list_is_read_from_the_configured_quiz_folder(tmp_path: Path) -> None:
    from sorting_quiz import published

    write(tmp_path, "basics.yml", GOOD)
    (tmp_path / "quizzes").rename(tmp_path / "my-quizzes")
    catalogue = load_catalogue(tmp_path / "my-quizzes", tmp_path)
    assert published.check(tmp_path, catalogue, quizzes_dir="my-quizzes")[0].startswith(
        "my-quizzes/published-posts.txt is missing")
    (tmp_path / "my-quizzes" / "published-posts.txt").write_text("# list\ngone-post\n", encoding="utf-8")
    assert published.check(tmp_path, catalogue, quizzes_dir="my-quizzes")[0].startswith(
        "my-quizzes/published-posts.txt:2:")


# --- repeated ids, YAML 1.1 booleans, generated ids (item 5) ----------------------------------

def test_a_post_listed_twice_in_email_posts_is_reported(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("posts:\n", "email_posts:\n  - florist-news\n  - florist-news\n"
                                                               "posts:\n", 1))
    assert problems == ["quizzes/quiz.yml:5: email_posts: `florist-news` is listed twice (first on line 4); "
                        "list each post once"]


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "OFF"])
def test_paid_takes_true_or_false_only(tmp_path: Path, word: str) -> None:
    problems = problems_of(tmp_path, GOOD.replace("    paid: false\n    answer: management",
                                                  f"    paid: {word}\n    answer: management"))
    assert problems == [f"quizzes/quiz.yml:16: post 2 (florist-news), paid: `{word}` is not allowed; write true or "
                        "false (tools disagree on what yes, no, on and off mean)"]


@pytest.mark.parametrize("word", ["y", "n"])
def test_paid_y_or_n_is_refused_too(tmp_path: Path, word: str) -> None:
    problems = problems_of(tmp_path, GOOD.replace("    paid: false\n    answer: management",
                                                  f"    paid: {word}\n    answer: management"))
    assert problems == [f"quizzes/quiz.yml:16: post 2 (florist-news), paid: `{word}` is not allowed; use true or "
                        "false, without quotes"]


def test_post_ids_that_extend_each_other_get_their_own_element_ids_and_links(tmp_path: Path) -> None:
    import xml.etree.ElementTree as etree

    from sorting_quiz.components.email_tools.email_snippets import Campaign, answer_link
    from sorting_quiz.components.quiz.render import render_quiz

    text = GOOD.replace("bakery-lemon-loaf", "zc-one").replace("florist-news", "zc-one-account")
    quiz, problems = load_quiz_file(write(tmp_path, "zc.yml", text), "quizzes/zc.yml")
    assert problems == []
    section = render_quiz(etree.Element("div"), quiz)
    ids = [element.get("id") for element in section.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), sorted(ids)
    by_id = {element.get("id"): element for element in section.iter() if element.get("id")}
    campaign = Campaign.from_config({"email_campaign": {"utm_source": "s", "utm_medium": "m", "utm_campaign": "c"}})
    for post_id in ("zc-one", "zc-one-account"):
        # "Look again" links are `#` + the post's element id; email answer links end the same way.
        link = answer_link("https://example.com/", "quizzes/zc/", post_id, "marketing", campaign)
        fragment = link.rsplit("#", 1)[1]
        assert fragment == f"post-{post_id}" and by_id[fragment].get("data-post") == post_id


# --- messages that say what is really wrong (item 6) ------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("title: T\nsummary: Sort \x07two posts.\nposts: []\n",
     ["quizzes/quiz.yml:2: file: column 15: the invisible character U+0007 is not allowed in YAML; delete it (it "
      "can come in with text pasted from another program)"]),
    ('title: T\nsummary: "Sort two posts.\nposts:\n  - id: x\n    platform: x\n',
     ['quizzes/quiz.yml:2: YAML: the quote " opened here is never closed; end the text with "']),
    ("title: T\nsummary: S\nposts:\n  - id: x\n    platform: x\n     account: y\n",
     # What to do, not "mapping values are not allowed in this context" (YAML's workings, issue 21).
     ["quizzes/quiz.yml:6: YAML: `account:` is indented differently from the lines around it; line it up with "
      "the other fields at its level"]),
    ("title: Note: this\n",
     ["quizzes/quiz.yml:1: YAML: mapping values are not allowed in this context; text with a colon in it (like "
      "`Note: ...`) must go in quotes, or after `>-` on its own lines"]),
])
def test_yaml_mistakes_are_named_where_they_are(tmp_path: Path, text: str, expected: list[str]) -> None:
    assert problems_of(tmp_path, text) == expected


def test_a_date_is_told_to_go_in_quotes(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("account: Petals", "account: 2024-01-01"))
    assert problems == ['quizzes/quiz.yml:14: post 2 (florist-news), account: `2024-01-01` reads as a date in YAML; '
                        'put it in quotes, like account: "2024-01-01"']


def test_a_list_used_as_a_field_name_gets_a_plain_message(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("    account: Petals\n", "    account: Petals\n    [a, b]: x\n"))
    assert problems == ["quizzes/quiz.yml:15: post 2 (florist-news): a list or a set of fields cannot be a field "
                        "name; write `name: value` lines (id, platform, account, kind, original, text, paid, sells, "
                        "answer, explanation, close_call, case, trade, context, image_description, older_reading)"]


def test_a_merge_key_gets_one_plain_message(tmp_path: Path) -> None:
    assert problems_of(tmp_path, GOOD.replace("  - id: florist-news\n", "  - <<: {platform: x}\n    id: florist-news\n")) \
        == ["quizzes/quiz.yml:12: YAML: merge keys (`<<`) are not supported; write the fields out"]
    with_alias = GOOD.replace("  - id: bakery-lemon-loaf\n", "  - &first\n    id: bakery-lemon-loaf\n") \
        .replace("  - id: florist-news\n", "  - <<: *first\n    id: florist-news\n")
    assert problems_of(tmp_path, with_alias) == [
        "quizzes/quiz.yml:13: YAML: merge keys (`<<`) are not supported; write the fields out"]


def test_an_invisible_character_in_an_id_is_shown(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("id: florist-news", "id: florist\u200b-news"))
    assert problems[0].startswith("quizzes/quiz.yml:12: post 2 (florist\\u200b-news), id: `florist\\u200b-news` is not "
                                  "a valid id")


# --- limits (item 7) ----------------------------------------------------------------------------

POST = """\
  - id: p-{n}
    platform: facebook
    account: Petals
    text: Great read from BBC News.
    paid: false
    answer: management
    explanation: Sharing an article is management.
"""


def test_a_quiz_takes_at_most_200_posts(tmp_path: Path) -> None:
    text = "title: T\nsummary: S\nposts:\n" + "".join(POST.format(n=n) for n in range(201))
    assert problems_of(tmp_path, text) == [
        "quizzes/quiz.yml:4: posts: the quiz has 201 posts; a quiz takes at most 200 (a reader sorts about three a "
        "minute): split it into several quizzes"]


def test_a_field_has_a_length_limit_it_names(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("Sharing an article is management.", "Word " * 250))
    assert problems == ["quizzes/quiz.yml:18: post 2 (florist-news), explanation: is 1,249 characters long; "
                        "`explanation` takes at most 1,000, so a post reads well on a phone: shorten it"]


def test_at_most_20_problems_are_listed_per_file(tmp_path: Path) -> None:
    text = "title: T\nsummary: S\nposts:\n" + "".join(POST.format(n=n).replace("paid: false", "paid: maybe")
                                                    for n in range(50))
    problems = problems_of(tmp_path, text)
    assert len(problems) == 21
    assert problems[-1].endswith("file: and 30 more problems in this file, not shown; fix these first, then "
                                 "build again")


def test_anchors_and_aliases_are_refused_in_one_message(tmp_path: Path) -> None:
    text = "title: T\nsummary: S\nposts:\n  - &post\n    " + POST.format(n=0)[4:] + "  - *post\n  - *post\n"
    assert problems_of(tmp_path, text) == [
        "quizzes/quiz.yml:4: YAML: anchors (`&name`) and aliases (`*name`) are not supported in quiz files; write "
        "each post out in full (also on lines 12 and 13)"]


@pytest.mark.parametrize(("aliases", "refused_for"), [(100_000, "anchors"), (200_000, "bytes")])
def test_an_alias_bomb_is_refused_at_once_in_one_line(tmp_path: Path, aliases: int, refused_for: str) -> None:
    import time

    text = "title: T\nsummary: S\nposts:\n  - &post\n    " + POST.format(n=0)[4:] \
        + "  - [" + ", ".join(["*post"] * aliases) + "]\n"
    started = time.monotonic()
    problems = problems_of(tmp_path, text)
    assert time.monotonic() - started < 10
    assert len(problems) == 1 and refused_for in problems[0], problems
    assert problems[0] in (
        # Under the size limit: every alias is found, and named in one line.
        "quizzes/quiz.yml:4: YAML: anchors (`&name`) and aliases (`*name`) are not supported in quiz files; write "
        "each post out in full (also on line 12)",
        # Over it: the file is not even read.
        f"quizzes/quiz.yml:1: file: is {len(text.encode()):,} bytes; a quiz file takes at most 1,000,000 (about "
        "200 posts): split it into several quizzes")

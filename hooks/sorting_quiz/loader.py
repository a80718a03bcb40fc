"""Reads quiz files and checks them, collecting every problem with its file and line.

Problems are collected, never raised one at a time, so an author fixing a file sees the
whole list at once: `quizzes/FILE.yml:LINE: where: what is wrong, what is allowed`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import ANSWERS, PLATFORMS, Post, Quiz

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_RULE = "use lower-case letters, digits and single hyphens, like bakery-lemon-loaf"
ID_MAX_LENGTH = 60
# Names people use for a platform that the quiz files spell another way.
ALIASES = {"twitter": "x", "x.com": "x", "fb": "facebook", "ig": "instagram", "insta": "instagram",
           "linked in": "linkedin", "tik tok": "tiktok", "yt": "youtube"}
STR_TAG = "tag:yaml.org,2002:str"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

# libyaml's loader is several times faster and keeps line numbers just the same.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The block that puts a quiz in a page: `/// quiz | ID`.
QUIZ_REFERENCE = re.compile(r"^[ \t]*///[ \t]*quiz\b[ \t]*(?:\|[ \t]*(?P<id>.*?))?[ \t]*$")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.where}: {self.message}"


@dataclass
class Catalogue:
    """Every quiz that loaded cleanly, and every problem found on the way."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # quiz id -> display path

    @property
    def post_ids(self) -> list[str]:
        """Every loaded post's id, quiz by quiz."""
        return [post.id for quiz in self.quizzes.values() for post in quiz.posts]

    def problems_in(self, quiz_id: str) -> list[Problem]:
        source = self.sources.get(quiz_id)
        return [problem for problem in self.problems if problem.path == source]


class _Checker:
    """Walks one file's YAML nodes, keeping the line of everything it reports."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.post_ids: set[str] = set()

    def report(self, node_or_line: Node | int, where: str, message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.start_mark.line + 1
        self.problems.append(Problem(self.path, line, where, message))

    def mapping(
        self, node: Node, where: str, fields: dict[str, tuple[bool, Callable[[Node, str], Any]]]
    ) -> dict[str, Any] | None:
        """Checks a `key: value` block; returns the values that passed their checks."""
        if not isinstance(node, MappingNode):
            self.report(node, where, f"must be a set of `key: value` lines ({', '.join(fields)})")
            return None
        values: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                self.report(key_node, where, f"`{key}` is given twice (first on line {seen[key]}); keep one")
                continue
            seen[key] = key_node.start_mark.line + 1
            if key not in fields:
                close = difflib.get_close_matches(key, fields, n=1)
                hint = f"did you mean `{close[0]}`? " if close else ""
                self.report(key_node, where, f"unknown field `{key}`; {hint}allowed: {', '.join(fields)}")
                continue
            _, check = fields[key]
            value = check(value_node, f"{where}, {key}" if where != "quiz" else key)
            if value is not None:
                values[key] = value
        missing = [key for key, (required, _) in fields.items() if required and key not in seen]
        for key in missing:
            self.report(node, where, f"`{key}` is missing; add `{key}:` to it")
        return values

    def text(self, node: Node, where: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG and node.value in ("", "~", "null"):
            self.report(node, where, "is empty; write some text after the colon")
            return None
        if not isinstance(node, ScalarNode):
            self.report(node, where, "must be text, not a list or a set of fields")
            return None
        if node.tag not in (STR_TAG, BOOL_TAG, *NUMBER_TAGS, NULL_TAG):
            self.report(node, where, "must be plain text; remove the `!` tag")
            return None
        value = str(node.value).strip()
        if not value:
            self.report(node, where, "is empty; write some text after the colon")
            return None
        return value

    def boolean(self, node: Node, where: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return str(node.value).lower() in ("true", "yes", "on")
        if isinstance(node, ScalarNode) and node.style in ("'", '"'):
            self.report(node, where, f"{node.style}{node.value}{node.style} in quotes is text; "
                        "write true or false without quotes")
            return None
        shown = node.value if isinstance(node, ScalarNode) else "a list"
        self.report(node, where, f"`{shown}` is not allowed; use true or false, without quotes")
        return None

    def choice(self, allowed: Iterable[str]) -> Callable[[Node, str], str | None]:
        options = tuple(allowed)

        def check(node: Node, where: str) -> str | None:
            value = self.text(node, where)
            if value is None:
                return None
            if value not in options:
                close = [ALIASES[value.lower()]] if ALIASES.get(value.lower()) in options else \
                    difflib.get_close_matches(value.lower(), options, n=1)
                hint = f"did you mean {close[0]}? " if close else ""
                self.report(node, where, f"`{value}` is not allowed; {hint}use one of: {', '.join(options)}")
                return None
            return value

        return check

    def identifier(self, node: Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        if not ID_PATTERN.match(value) or len(value) > ID_MAX_LENGTH:
            self.report(node, where, f"`{value}` is not a valid id; {ID_RULE} (at most {ID_MAX_LENGTH} characters)")
            return None
        return value

    def identifier_list(self, node: Node, where: str) -> list[tuple[str, int]] | None:
        if not isinstance(node, SequenceNode):
            self.report(node, where, "must be a list of post ids, like [bakery-lemon-loaf, florist-news]")
            return None
        ids = []
        for item in node.value:
            value = self.identifier(item, where)
            if value is not None:
                ids.append((value, item.start_mark.line + 1))
        return ids

    def posts(self, node: Node, where: str) -> list[Post] | None:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            self.report(node, where, "the quiz has no posts; add at least one post under `posts:`")
            return None
        if not isinstance(node, SequenceNode):
            self.report(node, where, "must be a list of posts, each starting with `- id:`")
            return None
        if not node.value:
            self.report(node, where, "the quiz has no posts; add at least one post under `posts:`")
            return None
        fields = {
            "id": (True, self.identifier),
            "platform": (True, self.choice(PLATFORMS)),
            "account": (True, self.text),
            "text": (True, self.text),
            "paid": (True, self.boolean),
            "answer": (True, self.choice(ANSWERS)),
            "explanation": (True, self.text),
            "context": (False, self.text),
            "image_description": (False, self.text),
            "older_reading": (False, self.text),
        }
        posts: list[Post] = []
        first_line: dict[str, int] = {}
        for number, item in enumerate(node.value, start=1):
            label = _post_label(number, item)
            values = self.mapping(item, label, fields)
            if values is None:
                continue
            line = item.start_mark.line + 1
            post_id = values.get("id")
            if post_id is not None:
                self.post_ids.add(post_id)
            if post_id is not None and post_id in first_line:
                self.report(item, label, f"the id `{post_id}` is already used by the post on line "
                            f"{first_line[post_id]}; every post needs its own id")
                continue
            if post_id is not None:
                first_line[post_id] = line  # even if this post has other problems
            if values.get("paid") is True and values.get("answer") == "management":
                answer_line = _value_line(item, "answer") or line
                self.report(answer_line, f"{label}, answer",
                            "a paid post (boosted or an ad) is always marketing; "
                            "change the answer to marketing, or set paid: false")
                continue
            if not all(key in values for key, (required, _) in fields.items() if required):
                continue  # the missing or broken fields are already reported
            posts.append(Post(line=line, **values))
        return posts


def _post_label(number: int, node: Node) -> str:
    """`post 3 (bakery-lemon-loaf)`: the number counts from the top, the id if it has one."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == "id" and isinstance(value_node, ScalarNode) and value_node.value:
                return f"post {number} ({value_node.value})"
    return f"post {number}"


def _value_line(node: MappingNode, key: str) -> int | None:
    for key_node, value_node in node.value:
        if key_node.value == key:
            return value_node.start_mark.line + 1
    return None


def _yaml_hint(error: yaml.MarkedYAMLError, source: str) -> str:
    problem = f"{error.problem or ''} {error.context or ''}"
    mark = error.problem_mark
    if mark is not None:
        lines = source.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "use spaces to indent, not tabs"
    if "\t" in problem or "'\\t'" in problem or "tab character" in problem:
        return "use spaces to indent, not tabs"
    if "mapping values are not allowed" in problem:
        return "text with a colon in it (like `Note: ...`) must go in quotes, or after `>-` on its own lines"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "each line needs `key: value`; check the indentation and quotes of this line and the one above"
    if "found undefined alias" in problem or "found character" in problem:
        return "text starting with * & ! % @ or ` must go in quotes"
    return "check the indentation and that quotes are closed"


def load_quiz_file(path: Path, display_path: str) -> tuple[Quiz | None, list[Problem]]:
    """Reads one quiz file. Returns the quiz (None if anything is wrong) and its problems."""
    checker = _Checker(display_path)
    raw = path.read_bytes()
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        checker.report(line, "file", f"is not UTF-8 (byte 0x{raw[error.start]:02x}); "
                       "save the file with UTF-8 encoding")
        return None, checker.problems
    source = source.removeprefix("\ufeff")
    quiz_id = path.stem
    if not ID_PATTERN.match(quiz_id):
        checker.report(1, "file name", f"`{path.name}` is not a valid quiz id; {ID_RULE}, then .yml")
    try:
        root = yaml.compose(source, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = (error.problem or "the YAML cannot be read").strip()
        checker.report(line, "YAML", f"{what}; {_yaml_hint(error, source)}")
        return None, checker.problems
    except yaml.YAMLError as error:  # pragma: no cover - every parser error carries a mark
        checker.report(1, "YAML", f"{error}")
        return None, checker.problems
    if root is None:
        checker.report(1, "quiz", "the file is empty; a quiz needs title, summary and posts")
        return None, checker.problems
    fields = {
        "title": (True, checker.text),
        "summary": (True, checker.text),
        "intro": (False, checker.text),
        "email_posts": (False, checker.identifier_list),
        "posts": (True, checker.posts),
    }
    values = checker.mapping(root, "quiz", fields)
    if values is None:
        return None, checker.problems
    posts = values.get("posts") or []
    known = checker.post_ids  # broken posts too, so a broken post's id is not reported twice
    email_posts = []
    for post_id, line in values.get("email_posts") or []:
        if post_id not in known:
            checker.report(line, "email_posts", f"there is no post with the id `{post_id}` in this quiz; "
                           f"use one of: {', '.join(sorted(known)) or 'none yet'}")
        else:
            email_posts.append(post_id)
    if checker.problems:
        return None, checker.problems
    quiz = Quiz(
        id=quiz_id,
        title=values["title"],
        summary=values["summary"],
        intro=values.get("intro"),
        posts=tuple(posts),
        email_posts=tuple(email_posts),
        source=display_path,
    )
    return quiz, checker.problems


def load_catalogue(directory: Path, root: Path) -> Catalogue:
    """Loads every quiz file in `directory`, and checks post ids across all of them.

    Post ids are used in links (`#post-ID`), so they must be unique across quizzes.
    """
    catalogue = Catalogue()
    if not directory.is_dir():
        catalogue.problems.append(Problem(_display(directory, root), 1, "quizzes folder",
                                          "does not exist; create it and add quiz files"))
        return catalogue
    owners: dict[str, tuple[str, int]] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix == ".yaml":
            catalogue.problems.append(Problem(_display(path, root), 1, "file name",
                                              "quiz files end in .yml; rename it"))
            continue
        if path.suffix != ".yml":
            continue
        display = _display(path, root)
        catalogue.sources[path.stem] = display
        quiz, problems = load_quiz_file(path, display)
        catalogue.problems.extend(problems)
        if quiz is None:
            continue
        clashes = False
        for post in quiz.posts:
            if post.id in owners:
                other, line = owners[post.id]
                catalogue.problems.append(Problem(display, post.line, f"post ({post.id})",
                                                  f"the id `{post.id}` is already used in {other}:{line}; "
                                                  "post ids must be unique across all quizzes, "
                                                  "because links point at them"))
                clashes = True
            else:
                owners[post.id] = (display, post.line)
        if not clashes:
            catalogue.quizzes[quiz.id] = quiz
    catalogue.problems.sort()
    return catalogue


@dataclass(frozen=True)
class QuizBlockSource:
    """One `/// quiz | ID` block as written in a page."""

    line: int
    quiz_id: str
    options: tuple[tuple[int, str], ...] = ()  # indented `key: value` lines right under the header
    body: tuple[tuple[int, str], ...] = ()  # anything else inside the block (never shown)


BLOCK_OPTIONS = {"title": ("true", "false")}
BLOCK_END = re.compile(r"^[ \t]*///[ \t]*$")


def find_quiz_blocks(markdown: str) -> list[QuizBlockSource]:
    """The `/// quiz | ID` blocks in a page's Markdown, outside code examples."""
    blocks: list[QuizBlockSource] = []
    lines = markdown.splitlines()
    in_fence = False
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else QUIZ_REFERENCE.match(line)
        if not match:
            continue
        header, options, body = number, [], []
        in_options = True
        while number < len(lines) and not BLOCK_END.match(lines[number]):
            text = lines[number]
            number += 1
            if in_options and text.startswith("    ") and ":" in text:
                options.append((number, text.strip()))
                continue
            in_options = False
            if text.strip():
                body.append((number, text.strip()))
        number += 1  # the closing ///
        blocks.append(QuizBlockSource(header, (match.group("id") or "").strip(), tuple(options), tuple(body)))
    return blocks


def find_quiz_references(markdown: str) -> list[tuple[int, str]]:
    """The quizzes a page shows, as (line, id) pairs."""
    return [(block.line, block.quiz_id) for block in find_quiz_blocks(markdown)]


def check_references(page_path: str, markdown: str, catalogue: Catalogue) -> list[Problem]:
    """Problems with the quiz blocks in a page: no id, a quiz that does not exist, options
    the block does not know (which would make it show as plain text), or ignored text."""
    problems = []
    for block in find_quiz_blocks(markdown):
        if not block.quiz_id:
            problems.append(Problem(page_path, block.line, "quiz block",
                                    "says which quiz to show: write `/// quiz | ID`, with ID a file name "
                                    "in quizzes/ without .yml"))
        elif block.quiz_id not in catalogue.quizzes and block.quiz_id not in catalogue.sources:
            known = ", ".join(sorted(catalogue.sources)) or "none yet"
            problems.append(Problem(page_path, block.line, "quiz block",
                                    f"there is no quiz `{block.quiz_id}` (no quizzes/{block.quiz_id}.yml); "
                                    f"quizzes that exist: {known}"))
        for line, option in block.options:
            key, _, value = (part.strip() for part in option.partition(":"))
            if key not in BLOCK_OPTIONS:
                problems.append(Problem(page_path, line, "quiz block",
                                        f"unknown option `{key}`; the only option is `title: false`"))
            elif value.lower() not in BLOCK_OPTIONS[key]:
                problems.append(Problem(page_path, line, "quiz block",
                                        f"`{key}: {value}` is not allowed; use {key}: true or {key}: false"))
        for line, text in block.body[:1]:
            problems.append(Problem(page_path, line, "quiz block",
                                    f"text inside a quiz block is not shown (`{text[:40]}`); the quiz comes from "
                                    "its file. Options go right under the first line, indented four spaces, "
                                    "and the block ends with `///`"))
    return problems


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()

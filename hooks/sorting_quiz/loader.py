"""Reads quiz files and checks them, collecting every problem with its file and line.

Problems are collected, never raised one at a time, so an author fixing a file sees the
whole list at once: `quizzes/FILE.yml:LINE: where: what is wrong, what is allowed`.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import safe_markdown
from .facts import MARKETING
from .model import (ANSWERS, KINDS, KINDS_NEEDING_ORIGINAL, PLATFORMS, CheckChoice, FollowUp, HardCase, Original, Post,
                    Quiz, worked_answer)

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
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
MERGE_TAG = "tag:yaml.org,2002:merge"
# What YAML 1.1 (PyYAML) reads as true or false; the guide, the JSON schema and YAML 1.2 editors
# know only true and false, so the others are refused rather than read differently by each tool.
OTHER_BOOLEANS = ("yes", "no", "on", "off")

# Limits, so one runaway file cannot make a page huge or a build slow: a quiz of 200 posts takes
# 40 minutes; the longest field in the shipped quizzes is about 300 characters.
MAX_POSTS = 200
MAX_CHARACTERS = {"title": 120, "account": 100, "text": 2000}  # per field; any other field:
MAX_CHARACTERS_OTHERWISE = 1000
MAX_FILE_BYTES = 1_000_000
MAX_PROBLEMS_SHOWN = 20  # per file; then "and N more"
# What YAML refuses in a file (its reader's own set): C0 and C1 controls other than tab and
# line breaks, surrogates, U+FFFE and U+FFFF.
NOT_ALLOWED_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Refused in any text from a file, even when YAML reads it (as a `\` escape in quotes, or pasted):
# control characters but tab and line break, bidi controls (which reorder what is shown), line and
# paragraph separators (editors and messages disagree on their line), and the Markdown's own stash
# markers (STX, ETX), which would pull other HTML of the page into the text.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                        "\u2066-\u2069\ufeff\ufff9-\ufffb]")
# Refused anywhere in a file, as typed: what YAML refuses, and what it reads but shows or counts
# differently from an editor (NEL and the line separators start a new line for YAML only).
REFUSED_IN_FILES = re.compile(f"{NOT_ALLOWED_IN_YAML.pattern}|[\x85\u061c\u200e\u200f\u2028\u2029"
                              "\u202a-\u202e\u2066-\u2069]")
# Scripts whose letters can look exactly like Latin ones in a message.
LOOK_ALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "FULLWIDTH LATIN", "MATHEMATICAL")

# Characters refused in plain text (see _Checker.plain_text): markup in Markdown or HTML, and the
# double quote, which would end an HTML attribute the text is put in.
PLAIN_TEXT_REFUSED = '<>"`*_[]{}\\|#'

# libyaml's loader is several times faster and keeps line numbers just the same.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        # Whatever a message quotes, no control or bidi character reaches the terminal raw.
        return _escaped(f"{self.path}:{self.line}: {self.where}: {self.message}")


@dataclass(frozen=True)
class FieldLinkSource:
    """A link in a quiz file's Markdown field, with where it was written, for checking its page."""

    path: str
    line: int
    where: str
    link: safe_markdown.FieldLink


@dataclass
class Rulebook:
    """The hard cases (the rulings' table) and the trades, which posts point at by id."""

    hard_cases: dict[str, HardCase] = field(default_factory=dict)
    trades: dict[str, str] = field(default_factory=dict)  # id -> name
    # id -> how a sentence names businesses of the trade ("pet businesses"), where the file says
    trade_businesses: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    links: list[FieldLinkSource] = field(default_factory=list)


@dataclass
class Catalogue:
    """Every quiz that loaded cleanly, and every problem found on the way."""

    quizzes: dict[str, Quiz] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # quiz id -> display path
    rulebook: Rulebook = field(default_factory=Rulebook)
    links: list[FieldLinkSource] = field(default_factory=list)  # every link in a quiz's Markdown fields

    @property
    def post_ids(self) -> list[str]:
        """Every loaded post's id, quiz by quiz."""
        return [post.id for quiz in self.quizzes.values() for post in quiz.posts]

    def problems_in(self, quiz_id: str) -> list[Problem]:
        source = self.sources.get(quiz_id)
        return [problem for problem in self.problems if problem.path == source]


class _Checker:
    """Walks one file's YAML nodes, keeping the line of everything it reports."""

    def __init__(self, path: str, rulebook: Rulebook | None = None) -> None:
        self.path = path
        self.rulebook = rulebook or Rulebook()
        self.problems: list[Problem] = []
        self.post_ids: set[str] = set()
        self.lines: list[str] = []  # the file's text, to find the line of a problem inside a long field
        self.links: list[FieldLinkSource] = []
        self.skipped_posts: set[int] = set()  # lines of posts YAML could not read (reported already)
        self.unknown_trades: dict[str, list[tuple[int, str]]] = {}  # trade -> lines naming it: one message a file

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
        if any(key_node.tag == MERGE_TAG for key_node, _ in node.value):
            merge = next(key_node for key_node, _ in node.value if key_node.tag == MERGE_TAG)
            # Its fields come from elsewhere, so every other check here would be a guess.
            self.report(merge, where, "merge keys (`<<`) are not supported; write the fields out")
            return None
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.report(key_node, where, "a list or a set of fields cannot be a field name; write "
                            f"`name: value` lines ({', '.join(fields)})")
                continue
            key = str(key_node.value)
            if key in seen:
                self.report(key_node, where, f"`{key}` is given twice (first on line {seen[key]}); keep one")
                continue
            seen[key] = key_node.start_mark.line + 1
            if key not in fields:
                close = difflib.get_close_matches(key, fields, n=1)
                hint = f"did you mean `{close[0]}`? " if close else ""
                self.report(key_node, where, f"unknown field `{_visible(key)}`; {hint}allowed: {', '.join(fields)}")
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
        if node.tag == TIMESTAMP_TAG and not self._written_at(node).startswith(("!", "'", '"')):
            field_name = where.rsplit(", ", 1)[-1]
            self.report(node, where, f"`{node.value}` reads as a date in YAML; put it in quotes, like "
                        f"{field_name}: \"{node.value}\"")
            return None
        if node.tag not in (STR_TAG, BOOL_TAG, *NUMBER_TAGS, NULL_TAG):
            written_tag = self._written_at(node).startswith("!")
            self.report(node, where, "must be plain text; remove the `!` tag" if written_tag else
                        f"`{_visible(str(node.value))}` is not read as text; put it in quotes")
            return None
        value = unicodedata.normalize("NFC", str(node.value).strip())  # as typed in any editor
        if not value:
            self.report(node, where, "is empty; write some text after the colon")
            return None
        hidden = UNSHOWABLE.search(value)
        if hidden:
            char = hidden.group()
            line, column = self._position_of(node, value, hidden.start())
            self.report(line, where, f"{column}the character \\u{ord(char):04x} ({_character_name(char)}) is not "
                        "allowed in text: it is invisible, or changes how the text around it shows; delete it "
                        "(it can come in with pasted text, or from a \\ escape in quotes)")
            return None
        field_name = where.rsplit(", ", 1)[-1]
        limit = MAX_CHARACTERS.get(field_name, MAX_CHARACTERS_OTHERWISE)
        if len(value) > limit:
            self.report(node, where, f"is {len(value):,} characters long; `{field_name}` takes at most {limit:,}, "
                        "so a post reads well on a phone: shorten it")
            return None
        return value

    def plain_text(self, node: Node, where: str) -> str | None:
        """Text that the build puts into headings, sentences and attributes as it is: words only,
        no markup (the trades' names)."""
        value = self.text(node, where)
        if value is None:
            return None
        markup = sorted(set(value) & set(PLAIN_TEXT_REFUSED))
        if markup:
            self.report(node, where, f"`{_visible(value)}` has {' '.join(f'`{char}`' for char in markup)}; "
                        "this text is shown as plain words, so write it without markup or quotes")
            return None
        return value

    def _position_of(self, node: Node, value: str, at: int) -> tuple[int, str]:
        """The line of a character of a value, and "column N: " when the file has it as typed
        (not as a `\\` escape in quotes, which has no column of its own)."""
        char = value[at]
        first, last = node.start_mark.line, node.end_mark.line
        for number in range(first, min(last + 1, len(self.lines))):
            column = self.lines[number].find(char, node.start_mark.column if number == first else 0)
            if column >= 0:
                return number + 1, f"column {column + 1}: "
        return first + 1, f"character {at + 1} of the text: "

    def _written_at(self, node: Node) -> str:
        """The file's text where a node starts (a `!tag`, a quote), when the lines are known."""
        mark = node.start_mark
        return self.lines[mark.line][mark.column:] if mark.line < len(self.lines) else ""

    def markdown(self, node: Node, where: str) -> str | None:
        """Text that may use the little Markdown in safe_markdown; its links are kept for checking."""
        value = self.text(node, where)
        if value is None:
            return None
        problems = safe_markdown.problems_in(value)
        for words, fix in problems:
            self.report(self._line_of(node, words), where, f"`{_visible(words)}` is not allowed: {fix}")
        if problems:
            return None
        for link in safe_markdown.links_in(value):
            self.links.append(FieldLinkSource(self.path, self._line_of(node, link.url), where, link))
        return value

    def _line_of(self, node: Node, words: str) -> int:
        """The line of `words` inside a field that may span several lines (folded with `>-`)."""
        first, last = node.start_mark.line, node.end_mark.line
        for number in range(first, min(last + 1, len(self.lines))):
            if words.split("\n")[0][:40] in self.lines[number]:
                return number + 1
        return first + 1

    def boolean(self, node: Node, where: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            self.report(node, where, f"`{node.value}` is not allowed; write true or false (tools disagree on "
                        "what yes, no, on and off mean)")
            return None
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
                self.report(node, where, f"`{_visible(value)}` is not allowed; {hint}use one of: {', '.join(options)}")
                return None
            return value

        return check

    def identifier(self, node: Node, where: str) -> str | None:
        value = self.text(node, where)
        if value is None:
            return None
        if not ID_PATTERN.match(value) or len(value) > ID_MAX_LENGTH:
            self.report(node, where, f"`{_visible(value)}` is not a valid id; {ID_RULE} "
                        f"(at most {ID_MAX_LENGTH} characters)")
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

    def text_list(self, node: Node, where: str) -> tuple[str, ...] | None:
        """One piece of text, or a list of them."""
        if isinstance(node, SequenceNode):
            if not node.value:
                self.report(node, where, "is an empty list; give the words that sell, or leave `sells` out")
                return None
            values = [self.text(item, where) for item in node.value]
            return tuple(values) if all(value is not None for value in values) else None  # type: ignore[misc]
        value = self.text(node, where)
        return None if value is None else (value,)

    def original(self, node: Node, where: str) -> Original | None:
        fields = {
            "account": (True, self.text),
            "text": (False, self.text),
            "image_description": (False, self.text),
        }
        values = self.mapping(node, where, fields)
        if values is None or "account" not in values:
            return None
        if "text" not in values and "image_description" not in values:
            self.report(node, where, "needs `text:` (what they wrote) or `image_description:` (what their picture shows)")
            return None
        return Original(**values)

    def hard_case(self, node: Node, where: str) -> str | None:
        return self._listed(node, where, self.rulebook.hard_cases, "hard case", HARD_CASES_FILE, "case")

    def trade(self, node: Node, where: str) -> str | None:
        if not isinstance(node, ScalarNode) or node.value in self.rulebook.trades or not self.rulebook.trades:
            return self._listed(node, where, self.rulebook.trades, "trade", TRADES_FILE, "trade")
        value = self.text(node, where)
        if value is not None:
            # Often a new trade, named by every post of a new quiz: one message with the fix, not one a post.
            self.unknown_trades.setdefault(value, []).append((node.start_mark.line + 1, where))
        return None

    def report_unknown_trades(self) -> None:
        for value, places in self.unknown_trades.items():
            known, lines = self.rulebook.trades, [line for line, _ in places]
            close = difflib.get_close_matches(value, known, n=1) or [t for t in known if t.startswith(f"{value}-")][:1]
            if close:  # a typo: adding it as a trade would be the wrong fix
                fix = f"did you mean {close[0]}? use one of: {', '.join(known)}"
            else:
                fix = (f"if it is a new trade, add it at the end of {TRADES_FILE} as two lines, `- id: {value}` then "
                       f"`  name: {value.replace('-', ' ').capitalize()}`; or use one of: {', '.join(known)}")
            self.report(lines[0], places[0][1], f"`{value}` is not a trade{_and_more_lines(lines)}; {fix}")

    def _listed(self, node: Node, where: str, known: Mapping[str, Any], what: str, source: str,
                field_name: str) -> str | None:
        """An id from one of the rulebook's lists (the hard cases, the trades)."""
        value = self.text(node, where)
        if value is None or value in known:
            return value
        if not known:
            if not any(problem.path == source for problem in self.rulebook.problems):  # else that is named
                self.report(node, where, f"there are no {what}s to name: {source} is missing or broken; "
                            f"fix it, or remove `{field_name}:`")
            return None
        close = difflib.get_close_matches(value, known, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        self.report(node, where, f"`{_visible(value)}` is not a {what}; {hint}use one of: {', '.join(known)}")
        return None

    def check_post_rules(self, item: MappingNode, label: str, values: dict[str, Any]) -> bool:
        """The checks between fields: what each kind needs, that `sells` quotes the post, and
        that the answer is the one the two questions give. True when the post passes."""
        line = item.start_mark.line + 1
        ok = True
        kind = values.get("kind", "post")
        what_original, own_text = KINDS[kind]
        if kind in KINDS_NEEDING_ORIGINAL and "original" not in values and _value_line(item, "original") is None:
            self.report(line, label, f"a {kind} needs `original:` ({what_original}), with `account:` and `text:`")
            ok = False
        if what_original is None and _value_line(item, "original") is not None:
            self.report(_value_line(item, "original") or line, f"{label}, original",
                        f"a {kind} has no original; `original:` is for a reply, repost, share, like or message")
            ok = False
        if own_text == "required" and "text" not in values and _value_line(item, "text") is None:
            self.report(line, label, "`text` is missing; add `text:` with the business's own words")
            ok = False
        if own_text == "absent" and _value_line(item, "text") is not None:
            self.report(_value_line(item, "text") or line, f"{label}, text",
                        "a like has no words of its own; remove `text:` and describe the liked post in `original:`")
            ok = False
        platform = values.get("platform")
        if values.get("paid") is True and platform in PLATFORMS and PLATFORMS[platform].paid_label is None:
            self.report(_value_line(item, "paid") or line, f"{label}, paid",
                        f"{PLATFORMS[platform].name} posts cannot be paid for; set paid: false")
            ok = False
        sells = values.get("sells", ())
        own_words = " ".join(values.get(key) or "" for key in ("text", "context", "image_description"))
        for words in sells:
            if _folded(words) not in _folded(own_words):
                self.report(_value_line(item, "sells") or line, f"{label}, sells",
                            f"“{words}” is not in the post's text, context or image_description; copy the exact "
                            "words that sell (someone else's words in `original` never count)")
                ok = False
        answer = values.get("answer")
        if answer in ANSWERS and "paid" in values and ok:
            expected = worked_answer(values["paid"], sells)
            if answer != expected:
                self.report(_value_line(item, "answer") or line, f"{label}, answer", _answer_mismatch(values, expected))
                ok = False
        case = values.get("case")
        hard_case = self.rulebook.hard_cases.get(case) if case else None
        if hard_case and hard_case.close_call and "close_call" not in values:
            self.report(_value_line(item, "case") or line, f"{label}, close_call",
                        f"the hard case `{case}` is a close call; add `close_call:` with a sentence or two on why "
                        "people split and what the other reading says")
            ok = False
        return ok

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
        if len(node.value) > MAX_POSTS:
            self.report(node, where, f"the quiz has {len(node.value):,} posts; a quiz takes at most {MAX_POSTS} "
                        "(a reader sorts about three a minute): split it into several quizzes")
            return None
        fields = {
            "id": (True, self.identifier),
            "platform": (True, self.choice(PLATFORMS)),
            "account": (True, self.text),
            "kind": (False, self.choice(KINDS)),
            "original": (False, self.original),
            "text": (False, self.text),  # required or not by kind: see check_post_rules
            "paid": (True, self.boolean),
            "sells": (False, self.text_list),
            "answer": (True, self.choice(ANSWERS)),
            "explanation": (True, self.markdown),
            "close_call": (False, self.markdown),
            "case": (False, self.hard_case),
            "trade": (False, self.trade),
            "context": (False, self.text),
            "image_description": (False, self.text),
            "older_reading": (False, self.markdown),
        }
        posts: list[Post] = []
        first_line: dict[str, int] = {}
        for number, item in enumerate(node.value, start=1):
            if item.start_mark.line + 1 in self.skipped_posts:
                continue  # its YAML error is reported; the rest of the file is still checked
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
            passes = self.check_post_rules(item, label, values)
            if not passes or not all(key in values for key, (required, _) in fields.items() if required):
                continue  # the missing or broken fields are already reported
            posts.append(Post(line=line, **{"text": None, **values}))
        self.report_unknown_trades()
        return posts


def _post_label(number: int, node: Node) -> str:
    """`post 3 (bakery-lemon-loaf)`: the number counts from the top, the id if it has one."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == "id" and isinstance(value_node, ScalarNode) and value_node.value:
                return f"post {number} ({value_node.value})"
    return f"post {number}"


def _visible(text: str) -> str:
    """Text for a message: invisible, control and look-alike characters shown as \\uXXXX, long text cut."""
    shown = _escaped(text)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _escaped(text: str) -> str:
    """Text as a message shows it: control, invisible and bidi characters, and letters that look
    like Latin ones (Cyrillic а, Greek ο), written as \\uXXXX, so the message reads as the file is."""
    return "".join(f"\\u{ord(char):04x}" if _hidden_or_look_alike(char) else char for char in text)


def _hidden_or_look_alike(char: str) -> bool:
    if char == "\n" or (" " <= char <= "~"):
        return False
    if not char.isprintable() or unicodedata.category(char) in ("Cf", "Zl", "Zp"):
        return True
    return unicodedata.name(char, "").startswith(LOOK_ALIKE_SCRIPTS)


def _character_name(char: str) -> str:
    return unicodedata.name(char, "a control character").lower()


def _folded(text: str) -> str:
    """For finding quoted words: case, curly quotes and runs of white space do not matter."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.casefold().split())


def _answer_mismatch(values: dict[str, Any], expected: str) -> str:
    paid = "paid: true" if values["paid"] else "paid: false"
    sells = "`sells` gives the words that sell" if values.get("sells") else "there is no `sells`"
    if expected == MARKETING and (values["paid"] or not values.get("sells")):
        # Removing `sells` would not help a paid post: paying alone makes it marketing.
        return (f"the two questions make this marketing ({paid}: a paid post is marketing whatever it says); "
                "change the answer to marketing, or set paid: false if nobody paid to show it")
    if expected == MARKETING:
        return (f"the two questions make this marketing ({paid}, {sells}); change the answer to marketing, "
                "or, if nothing in the post sells, remove `sells`")
    return (f"the two questions make this management ({paid}, {sells}); change the answer to management, "
            "or add `sells:` with the post's own words that put what the business sells in front of people")


def _value_line(node: MappingNode, key: str) -> int | None:
    """The line of `key:` in a post (where its value starts, for a value on the same line)."""
    for key_node, _ in node.value:
        if key_node.value == key:
            return key_node.start_mark.line + 1
    return None


MISPLACED_KEY = "is indented differently from the lines around it; line it up with the other fields at its level"


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
    if "mapping values are not allowed" in problem and mark is not None:
        lines = source.splitlines()
        before_colon = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if ": " not in before_colon and not before_colon.lstrip().startswith("- "):
            # A `key:` alone on its line: the key is misplaced, not a colon in some text.
            return f"`{before_colon.strip()}:` {MISPLACED_KEY}"
        return "text with a colon in it (like `Note: ...`) must go in quotes, or after `>-` on its own lines"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "each line needs `key: value`; check the indentation and quotes of this line and the one above"
    if "found undefined alias" in problem or "found character" in problem:
        return "text starting with * & ! % @ or ` must go in quotes"
    return "check the indentation and that quotes are closed"


def _read_yaml(path: Path, checker: _Checker) -> tuple[Node | None, bool]:
    """The file's YAML node tree, and whether it could be read (problems go to the checker)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            checker.report(1, "file", f"is {size:,} bytes; a quiz file takes at most {MAX_FILE_BYTES:,} "
                           f"(about {MAX_POSTS} posts): split it into several quizzes")
            return None, False
        raw = path.read_bytes()
    except OSError as error:
        checker.report(1, "file", f"cannot be read ({error.strerror or error}); check that it is a file you "
                       "can open")
        return None, False
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        checker.report(line, "file", f"is not UTF-8 (byte 0x{raw[error.start]:02x}); "
                       "save the file with UTF-8 encoding")
        return None, False
    source = source.removeprefix("\ufeff")
    checker.lines = re.split(r"\r\n|\r|\n", source)  # an editor's lines (not str.splitlines' longer list)
    if _report_characters_yaml_refuses(source, checker):
        return None, False
    try:
        if ("&" in source or "*" in source or "<<" in source) and _report_anchors_and_merges(source, checker):
            return None, False
    except yaml.MarkedYAMLError:
        pass  # reported below, where the rest of the file is read around it
    # A YAML mistake inside one post: report it, set that post aside and read the rest, so every
    # other problem in the file is listed too (a mistake outside the posts stops the reading).
    lines = source.splitlines()
    for _ in range(MAX_PROBLEMS_SHOWN):
        try:
            return yaml.compose("\n".join(lines) + "\n", Loader=SAFE_LOADER), True
        except yaml.MarkedYAMLError as error:
            chunk = _post_around(lines, _report_yaml_error(error, source, checker) - 1)
            if checker.problems[-1] in checker.problems[:-1]:
                checker.problems.pop()  # the same mistake, met again: setting its post aside did not help
            if chunk is None or chunk[0] + 1 in checker.skipped_posts:
                return None, False
            start, end = chunk
            match = re.match(r"(\s*)-\s+id:\s*([\w-]+)", lines[start])
            if match:
                checker.post_ids.add(match.group(2))  # not "missing" where email_posts names it
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            lines[start:end] = [f"{indent}- ~"] + [""] * (end - start - 1)
            checker.skipped_posts.add(start + 1)
    return None, False


def _report_yaml_error(error: yaml.MarkedYAMLError, source: str, checker: _Checker) -> int:
    """Reports the error with what to do; returns the line reported."""
    if "quoted scalar" in (error.context or "") and error.context_mark is not None \
            and "end of stream" in (error.problem or ""):
        # Where the quote opens, not the end of the file where YAML gave up looking for its end.
        mark = error.context_mark
        quote = checker.lines[mark.line][mark.column] if mark.line < len(checker.lines) else '"'
        checker.report(mark.line + 1, "YAML", f"the quote {quote} opened here is never closed; end the text "
                       f"with {quote}")
        return mark.line + 1
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    what = (error.problem or "the YAML cannot be read").strip()
    hint = _yaml_hint(error, source)
    # A key out of line: what to do says it all ("mapping values are not allowed" only puzzles).
    checker.report(line, "YAML", hint if hint.endswith(MISPLACED_KEY) else f"{what}; {hint}")
    return line


def _post_around(lines: list[str], line: int) -> tuple[int, int] | None:
    """The lines [start, end) of the post in the top-level `posts:` list that holds `line`, if any."""
    top = next((number for number, text in enumerate(lines) if re.match(r"posts\s*:\s*(#.*)?$", text)), None)
    if top is None or line <= top:
        return None
    starts, indent = [], None
    for number in range(top + 1, len(lines)):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if not text[0].isspace() and not text.startswith("-"):
            break  # the next top-level field: the posts end here
        item = re.match(r"(\s*)- ", text)
        if item and (indent is None or len(item.group(1)) == indent):
            indent = len(item.group(1))
            starts.append(number)
        end = number + 1
    else:
        end = len(lines)
    for first, after in zip(starts, [*starts[1:], end]):
        if first <= line < after:
            return first, after
    return None


def _report_characters_yaml_refuses(source: str, checker: _Checker) -> bool:
    """Control characters (often pasted in with text) at their line and column, named; True if any."""
    found = False
    for match in REFUSED_IN_FILES.finditer(source):
        line = source.count("\n", 0, match.start()) + 1
        column = match.start() - (source.rfind("\n", 0, match.start()) + 1) + 1
        char = match.group()
        if NOT_ALLOWED_IN_YAML.match(char):
            checker.report(line, "file", f"column {column}: the invisible character U+{ord(char):04X} is not "
                           "allowed in YAML; delete it (it can come in with text pasted from another program)")
        else:
            checker.report(line, "file", f"column {column}: the character \\u{ord(char):04x} "
                           f"({_character_name(char)}) is not allowed: it is invisible, or changes how the text "
                           "around it shows (and which line this is); delete it")
        found = True
        if len(checker.problems) > MAX_PROBLEMS_SHOWN:
            break
    return found


def _report_anchors_and_merges(source: str, checker: _Checker) -> bool:
    """One message for anchors (`&name`), aliases (`*name`) or merge keys (`<<`); True if any.

    Refused, not followed: a few aliases can stand for millions of posts (an "alias bomb"),
    and every post written out is what an editor and a reviewer expect to read."""
    merges, anchors = [], []
    for event in yaml.parse(source, Loader=SAFE_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
            merges.append(line)
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            anchors.append(line)
    if merges:
        checker.report(merges[0], "YAML", "merge keys (`<<`) are not supported; write the fields out"
                       + _and_more_lines(merges))
    elif anchors:
        checker.report(anchors[0], "YAML", "anchors (`&name`) and aliases (`*name`) are not supported in quiz "
                       "files; write each post out in full" + _and_more_lines(anchors))
    return bool(merges or anchors)


def _and_more_lines(lines: list[int]) -> str:
    others = sorted(set(lines[1:]) - {lines[0]})
    if not others:
        return ""
    named = [f"{line:,}" for line in others[:5]] + ([f"{len(others) - 5:,} more"] if len(others) > 5 else [])
    listing = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f" (also on line{'s' if len(others) > 1 else ''} {listing})"


def _first_problems(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_SHOWN of a file's problems, then one line saying how many more."""
    if len(problems) <= MAX_PROBLEMS_SHOWN:
        return problems
    ordered = sorted(problems)
    hidden = len(ordered) - MAX_PROBLEMS_SHOWN
    return [*ordered[:MAX_PROBLEMS_SHOWN],
            Problem(ordered[0].path, ordered[-1].line, "file",
                    f"and {hidden:,} more problem{'s' if hidden != 1 else ''} in this file, not shown; fix these "
                    "first, then build again")]


def load_quiz_file(path: Path, display_path: str, rulebook: Rulebook | None = None,
                   links: list[FieldLinkSource] | None = None) -> tuple[Quiz | None, list[Problem]]:
    """Reads one quiz file. Returns the quiz (None if anything is wrong) and its problems;
    the links in its Markdown fields are added to `links`, for checking once the pages are known."""
    checker = _Checker(display_path, rulebook)
    if links is not None:
        checker.links = links
    if not ID_PATTERN.match(path.stem):
        checker.report(1, "file name", f"`{_shown_name(path.name)}` is not a valid quiz id; {ID_RULE}, then .yml")
    root, readable = _read_yaml(path, checker)
    if not readable:
        return None, _first_problems(checker.problems)
    quiz_id = path.stem
    if root is None:
        checker.report(1, "quiz", "the file is empty; a quiz needs title, summary and posts")
        return None, _first_problems(checker.problems)
    fields = {
        "title": (True, checker.text),
        "summary": (True, checker.markdown),
        "intro": (False, checker.markdown),
        "email_posts": (False, checker.identifier_list),
        "posts": (True, checker.posts),
    }
    values = checker.mapping(root, "quiz", fields)
    if values is None:
        return None, _first_problems(checker.problems)
    posts = values.get("posts") or []
    known = checker.post_ids  # broken posts too, so a broken post's id is not reported twice
    email_posts = []
    first_listed: dict[str, int] = {}
    for post_id, line in values.get("email_posts") or []:
        if post_id in first_listed:
            checker.report(line, "email_posts", f"`{post_id}` is listed twice (first on line "
                           f"{first_listed[post_id]}); list each post once")
            continue
        first_listed[post_id] = line
        if post_id not in known:
            checker.report(line, "email_posts", f"there is no post with the id `{post_id}` in this quiz; "
                           f"use one of: {', '.join(sorted(known)) or 'none yet'}")
        else:
            email_posts.append(post_id)
    if checker.problems:
        return None, _first_problems(checker.problems)
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


def _follow_up(checker: _Checker, node: Node, where: str, gives_lines: dict[int, int]) -> FollowUp | None:
    """A hard case's `then:`: the question that decides it, and two or more choices."""
    choice_fields = {"choice": (True, checker.text), "gives": (True, checker.text), "because": (False, checker.text)}

    def choices(items: Node, where: str) -> tuple[CheckChoice, ...] | None:
        if not isinstance(items, SequenceNode) or len(items.value) < 2:
            checker.report(items, where, "must be a list of two or more choices, each starting with `- choice:`")
            return None
        found = []
        for number, item in enumerate(items.value, start=1):
            values = checker.mapping(item, f"{where} {number}", choice_fields)
            if values is not None and "choice" in values and "gives" in values:
                found.append(CheckChoice(**values))
                gives_lines[id(found[-1])] = _value_line(item, "gives") or item.start_mark.line + 1
        return tuple(found) if len(found) == len(items.value) else None  # the others are reported

    values = checker.mapping(node, where, {"question": (True, checker.text), "choices": (True, choices)})
    if not values or "question" not in values or "choices" not in values:
        return None
    return FollowUp(**values)


def _check_post_checker(checker: _Checker, cases: dict[str, HardCase], gives_lines: dict[int, int]) -> None:
    """What the post checker needs: every case spotted (once any is), and choices that lead somewhere.

    A choice gives marketing or management, with `because`; or it hands over to another case, which
    rules it with its own answer, so that case has no follow-up of its own (no loops, two steps at most).
    """
    if not any(case.spot for case in cases.values()):
        return  # a project without the post checker
    for case in cases.values():
        where = f"hard case {case.id}"
        if not case.spot:
            checker.report(case.line, where, "`spot` is missing; add `spot:`, how an owner knows their post is "
                           "this case, so the post checker can offer it")
        if case.then and case.paid:
            checker.report(case.line, where, "a case spotted by question 1 (`paid: true`) is marketing already; "
                           "remove `then`")
        for choice in case.then.choices if case.then else ():
            line, at = gives_lines.get(id(choice), case.line), f"{where}, then, choices"
            if choice.gives in ANSWERS:
                if not choice.because:
                    checker.report(line, at, f"`because` is missing; say why it is {choice.gives}")
                continue
            other = cases.get(choice.gives)
            if other is None:
                close = difflib.get_close_matches(choice.gives, [*ANSWERS, *cases], n=1)
                hint = f"did you mean {close[0]}? " if close else ""
                checker.report(line, at, f"`gives: {_visible(choice.gives)}` is not allowed; {hint}give marketing, "
                               "management or the id of another hard case")
            elif other.then or other.paid or other.id == case.id:
                checker.report(line, at, f"`gives: {other.id}` must be another case without `then` or `paid`, "
                               "which rules it with its own answer")
            elif choice.because:
                checker.report(line, at, f"`because` is not used when a choice gives another case; "
                               f"{other.id} gives its own reason")


def load_rulebook(hard_cases: Path, trades: Path, root: Path) -> Rulebook:
    """The hard cases and the trades, each a YAML list, checked like quiz files."""
    rulebook = Rulebook()
    checker = _Checker(_display(hard_cases, root))
    # A missing file is no problem until a post names a case (see _Checker.hard_case); a folder or
    # a broken link in its place is one, named once here rather than on every post.
    _report_odd_file(hard_cases, checker)
    node, readable = _read_yaml(hard_cases, checker) if hard_cases.is_file() else (None, False)
    if readable and not isinstance(node, SequenceNode):
        checker.report(1, "hard cases", "must be a list of hard cases, each starting with `- id:`")
    elif readable:
        example_fields = {"text": (True, checker.text), "answer": (True, checker.choice(ANSWERS))}
        fields = {
            "id": (True, checker.identifier),
            "case": (True, checker.text),
            "ruling": (True, checker.markdown),
            "answer": (True, checker.choice(ANSWERS)),
            "close_call": (True, checker.boolean),
            "why": (True, checker.markdown),
            "example": (True, lambda example, where: checker.mapping(example, where, example_fields)),
            "older_reading": (False, checker.markdown),
            # For the post checker (`/// post-checker`): see _follow_up and _check_post_checker.
            "spot": (False, checker.text),
            "paid": (False, checker.boolean),
            "then": (False, lambda then, where: _follow_up(checker, then, where, gives_lines)),
        }
        gives_lines: dict[int, int] = {}  # id() of each CheckChoice -> the line of its `gives`
        for number, item in enumerate(node.value, start=1):
            values = checker.mapping(item, _post_label(number, item).replace("post", "hard case", 1), fields)
            if not values or not all(key in values for key, (required, _) in fields.items() if required):
                continue
            example = values.pop("example")
            if not all(key in example for key in example_fields):
                continue
            if values["id"] in rulebook.hard_cases:
                checker.report(item, f"hard case {number}", f"the id `{values['id']}` is used twice")
                continue
            rulebook.hard_cases[values["id"]] = HardCase(
                example_text=example["text"], example_answer=example["answer"], line=item.start_mark.line + 1, **values)
        _check_post_checker(checker, rulebook.hard_cases, gives_lines)
    rulebook.problems.extend(_first_problems(checker.problems))
    rulebook.links.extend(checker.links)

    checker = _Checker(_display(trades, root))
    _report_odd_file(trades, checker)
    node, readable = _read_yaml(trades, checker) if trades.is_file() else (None, False)
    if readable and not isinstance(node, SequenceNode):
        checker.report(1, "trades", "must be a list of trades, each with `- id:` and `name:`")
    elif readable:
        fields = {"id": (True, checker.identifier), "name": (True, checker.plain_text),
                  "businesses": (False, checker.plain_text)}
        for number, item in enumerate(node.value, start=1):
            values = checker.mapping(item, f"trade {number}", fields)
            if values and "id" in values and "name" in values:
                rulebook.trades[values["id"]] = values["name"]
                if "businesses" in values:
                    rulebook.trade_businesses[values["id"]] = values["businesses"]
    rulebook.problems.extend(_first_problems(checker.problems))
    return rulebook


# Where a project keeps its quizzes and the data posts point at, from its root folder.
QUIZ_FOLDER = "quizzes"
HARD_CASES_FILE = "includes/hard-cases.yml"
TRADES_FILE = "includes/trades.yml"


def load_project(root: Path, quizzes: str = QUIZ_FOLDER, hard_cases: str = HARD_CASES_FILE,
                 trades: str = TRADES_FILE) -> Catalogue:
    """Every quiz in a project, checked against its hard cases and trades."""
    rulebook = load_rulebook(root / hard_cases, root / trades, root)
    return load_catalogue(root / quizzes, root, rulebook)


def load_catalogue(directory: Path, root: Path, rulebook: Rulebook | None = None) -> Catalogue:
    """Loads every quiz file in `directory`, and checks post ids across all of them.

    Post ids are used in links (`#post-ID`), so they must be unique across quizzes.
    """
    catalogue = Catalogue(rulebook=rulebook or Rulebook())
    catalogue.problems.extend(catalogue.rulebook.problems)
    catalogue.links.extend(catalogue.rulebook.links)
    if not directory.is_dir():
        catalogue.problems.append(Problem(_display(directory, root), 1, "quizzes folder",
                                          "does not exist; create it and add quiz files"))
        return catalogue
    owners: dict[str, tuple[str, int]] = {}
    for path in sorted(directory.iterdir()):
        if _is_hidden_or_editor_file(path.name):
            continue
        display = _display(path, root)
        odd = _odd_entry(path)
        if odd:
            catalogue.problems.append(Problem(display, 1, *odd))
            continue
        if path.suffix != ".yml":
            continue
        catalogue.sources[path.stem] = display
        quiz, problems = load_quiz_file(path, display, catalogue.rulebook, catalogue.links)
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


def find_quiz_references(markdown: str) -> list[tuple[int, str]]:
    """The quizzes a page shows, as (line, id) pairs: see page_blocks, which reads pages as pymdownx does."""
    from .page_blocks import find_quiz_references as read_as_pymdownx  # page_blocks imports this module

    return read_as_pymdownx(markdown)


def _check_chosen_posts(page_path: str, line: int, chosen: list[str], quiz: Quiz | None) -> list[Problem]:
    """`posts: [a, b, c]` in a quiz block (read by the block's own option type): ids of posts in
    that quiz, each once."""
    problems = []
    if len(set(chosen)) != len(chosen):
        problems.append(Problem(page_path, line, "quiz block", "`posts` names a post twice; name each once"))
    if quiz is not None:
        known = {post.id for post in quiz.posts}
        for post_id in chosen:
            if post_id not in known:
                close = difflib.get_close_matches(post_id, known, n=1)
                hint = f"did you mean `{close[0]}`? " if close else ""
                problems.append(Problem(page_path, line, "quiz block",
                                        f"there is no post `{post_id}` in quizzes/{quiz.id}.yml; {hint}"
                                        "a self-check takes posts from the quiz it names"))
    return problems


def _is_hidden_or_editor_file(name: str) -> bool:
    """Hidden files and what editors leave beside a file they edit: Emacs's lock `.#x.yml` (a
    link to nowhere) and auto-save `#x.yml#`, Vim's swap `.x.yml.swp`, backups `x.yml~`."""
    return name.startswith((".", "#")) or name.endswith("~")


def _odd_entry(path: Path) -> tuple[str, str] | None:
    """(where, what is wrong) for a folder entry that looks like a quiz file but cannot be one."""
    name, suffix = path.name, path.suffix
    if any(not char.isprintable() for char in name):
        return "file name", "has an invisible or control character in it (shown as \\n or \\uXXXX here); rename it"
    if suffix.lower() in (".yml", ".yaml") and suffix != ".yml":
        case = "lower-case " if suffix.lower() == ".yml" else ""
        return "file name", f"quiz files end in {case}.yml; rename it to {_shown_name(path.stem)}.yml"
    if suffix != ".yml":
        return None
    return _unreadable(path)


def _unreadable(path: Path) -> tuple[str, str] | None:
    """Why a `.yml` entry cannot be read as a file, without reading it (a pipe would never end)."""
    try:
        mode = path.stat().st_mode  # follows links, so a link to a quiz file is fine
    except OSError as error:
        if path.is_symlink():
            target = _shown_name(str(os.readlink(path)))
            if error.errno == errno.ELOOP:
                return "file", f"is a link that leads back to itself (→ {target}); replace it with the quiz file"
            return "file", f"is a link to {target}, which does not exist; remove the link or restore the file"
        return "file", f"cannot be read ({error.strerror or error})"
    if stat.S_ISDIR(mode):
        return "file", "is a folder, not a quiz file; quiz files sit directly in quizzes/ (rename the folder without .yml)"
    if not stat.S_ISREG(mode):
        return "file", "is not an ordinary file (a pipe or device?); a quiz file is a text file"
    return None


def _report_odd_file(path: Path, checker: _Checker) -> None:
    """A folder, a link to nowhere or a pipe where a data file should be, reported on the file."""
    if path.is_file() or not (path.exists() or path.is_symlink()):
        return
    odd = _unreadable(path)
    if odd:
        checker.report(1, odd[0], odd[1].replace("quiz file", "YAML file").replace(
            "quiz files sit directly in quizzes/ (rename the folder without .yml)", "put the file here instead"))


def _shown_name(text: str) -> str:
    """A file name as a message shows it: control and invisible characters written as escapes."""
    return "".join(char if char.isprintable() and char not in "\u200b\u200c\u200d\u2060\ufeff"
                   else repr(char)[1:-1] if char in "\n\r\t" else f"\\u{ord(char):04x}" for char in text)


def _display(path: Path, root: Path) -> str:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return _shown_name(shown)

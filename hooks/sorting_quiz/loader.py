"""Reads quiz files and checks them, collecting every problem with its file and line.

Each file's fields, types, allowed values and limits are checked against its JSON Schema
(schemas/, by validation.py); this module reads the YAML and checks what a schema does not say:
the rules across fields (the answer the two questions give) and across files (ids unique across
quizzes, the hard cases a choice hands over to). Problems are collected, never raised one at a
time, so an author fixing a file sees the whole list at once:
`quizzes/FILE.yml:LINE: where: what is wrong, what is allowed`.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import safe_markdown, validation
from .facts import MARKETING
from .model import (ANSWERS, KINDS, KINDS_NEEDING_ORIGINAL, PLATFORMS, CheckChoice, FollowUp, HardCase, Original, Post,
                    Quiz, worked_answer)
from .problems import MAX_PROBLEMS_SHOWN, Problem, first_problems, visible  # noqa: F401 - names others import
from .validation import MAX_POSTS, Source  # noqa: F401
from .yaml_reading import read_yaml

_visible, _first_problems = visible, first_problems  # the names other modules import
ID_SCHEMA = validation.source_schema("quiz")["$defs"]["id"]
ID_PATTERN = re.compile(ID_SCHEMA["pattern"])
ID_RULE = ID_SCHEMA["x-rule"]
HARD_CASE_FIELDS = validation.source_schema("hard-cases")["$defs"]["hard-case"]
# Where a project keeps its quizzes and the data posts point at, from its root folder.
QUIZ_FOLDER = "quizzes"
HARD_CASES_FILE = "includes/hard-cases.yml"
TRADES_FILE = "includes/trades.yml"


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


def _checked(path: Path, display: str, schema: str, source: Source,
             rulebook: Rulebook | None = None) -> tuple[Any, list[str]]:
    """The file's data, checked against its schema (None if YAML could not read it), and the ids
    of posts YAML could not read (each reported, set aside, the rest of the file read)."""
    root, readable, skipped_ids = read_yaml(path, source)
    if not readable:
        return None, skipped_ids
    if root is None and schema == "quiz":
        source.report(0, 1, "quiz", "the file is empty; a quiz needs title, summary and posts")
        return None, skipped_ids
    data = source.data(root or yaml.ScalarNode(validation.NULL_TAG, "", yaml.Mark(display, 0, 0, 0, "", 0)))
    for at, node in source.nodes.items():  # a post set aside is `- ~`, on its first line
        if len(at) == 2 and node.start_mark.line + 1 in source.skipped:
            source.reported.add(at)
    hard_cases, trades = (rulebook.hard_cases, rulebook.trades) if rulebook else ((), ())
    source.check(validation.compiled(schema, tuple(hard_cases), tuple(trades)), data, {
        name: (file, rulebook is not None and any(problem.path == file for problem in rulebook.problems))
        for name, file in (("hard cases", HARD_CASES_FILE), ("trades", TRADES_FILE))})
    return data, skipped_ids


def _clean(source: Source, data: Any, at: tuple, lists: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """The fields of the mapping at `at` that passed their schema (`lists`: any list that is one,
    whose items are looked at one by one), or None if it is not a mapping."""
    value = data
    for key in at:
        value = value[key]
    if not isinstance(value, dict) or at in source.reported:
        return None
    return {key: item for key, item in value.items()
            if not source.bad((*at, key))
            or key in lists and isinstance(item, list) and (*at, key) not in source.reported}


def _links(source: Source, links: list[FieldLinkSource]) -> None:
    for at, text in source.markdown.items():
        if not source.bad(at):
            links.extend(FieldLinkSource(source.path, source.line_of(at, link.url), source.where(at), link)
                         for link in safe_markdown.links_in(text))


def load_quiz_file(path: Path, display_path: str, rulebook: Rulebook | None = None,
                   links: list[FieldLinkSource] | None = None) -> tuple[Quiz | None, list[Problem]]:
    """Reads one quiz file. Returns the quiz (None if anything is wrong) and its problems;
    the links in its Markdown fields are added to `links`, for checking once the pages are known."""
    rulebook = rulebook or Rulebook()
    source = Source(display_path, [], "quiz", {"posts": "post {n}{id}"})
    if not ID_PATTERN.match(path.stem):
        source.report(-1, 1, "file name", f"`{_shown_name(path.name)}` is not a valid quiz id; {ID_RULE}, then .yml")
    data, known = _checked(path, display_path, "quiz", source, rulebook)
    values = _clean(source, data, (), lists=("posts", "email_posts")) if data is not None else None
    if values is None:
        return None, first_problems(source.problems)
    posts: list[Post] = []
    first_line: dict[str, int] = {}
    for number, item in enumerate(values.get("posts") or ()):
        at = ("posts", number)
        post = _clean(source, data, at)
        if post is None:
            continue
        line, label = source.line_of(at), source.where(at)
        if "id" in post:
            known.append(post["id"])
            if post["id"] in first_line:
                source.report(source.ends[at], line, label, f"the id `{post['id']}` is already used by the post on line "
                              f"{first_line[post['id']]}; every post needs its own id")
                continue
            first_line[post["id"]] = line  # even if this post has other problems
        if _check_post_rules(source, at, post, rulebook) and not source.bad(at):
            original = Original(**post["original"]) if "original" in post else None
            sells = post.get("sells", ())  # one piece of text, or a list
            sells = (sells,) if isinstance(sells, str) else tuple(sells)
            posts.append(Post(line=line, **{"text": None, **post, "original": original, "sells": sells}))
    email_posts: list[str] = []
    for number, post_id in enumerate(values.get("email_posts") or ()):
        if post_id in email_posts or source.bad(("email_posts", number)):
            continue  # a post listed twice is reported by the schema
        if post_id not in known:
            source.report(float("inf"), source.line_of(("email_posts", number)), "email_posts", "there is no post with "
                          f"the id `{post_id}` in this quiz; use one of: {', '.join(sorted(set(known))) or 'none yet'}")
        else:
            email_posts.append(post_id)
    if links is not None:
        _links(source, links)
    if source.found:
        return None, first_problems(source.problems)
    return Quiz(id=path.stem, title=values["title"], summary=values["summary"], intro=values.get("intro"),
                posts=tuple(posts), email_posts=tuple(email_posts), source=display_path), []


def _check_post_rules(source: Source, at: tuple, values: dict[str, Any], rulebook: Rulebook) -> bool:
    """The checks between fields: what each kind needs, that `sells` quotes the post, and
    that the answer is the one the two questions give. True when the post passes."""
    item_line, label, order = source.line_of(at), source.where(at), source.ends[at] + 0.75
    problems: list[tuple[int, str, str]] = []

    def line(key: str) -> int:
        written = source.keys.get((*at, key))
        return written.start_mark.line + 1 if written else item_line

    def written(key: str) -> bool:
        return (*at, key) in source.keys

    kind = values.get("kind", "post")
    what_original, own_text = KINDS.get(kind, (None, "required"))
    if kind in KINDS_NEEDING_ORIGINAL and not written("original"):
        problems.append((item_line, label, f"a {kind} needs `original:` ({what_original}), with `account:` and `text:`"))
    if what_original is None and written("original"):
        problems.append((line("original"), f"{label}, original",
                         f"a {kind} has no original; `original:` is for a reply, repost, share, like or message"))
    if own_text == "required" and not written("text"):
        problems.append((item_line, label, "`text` is missing; add `text:` with the business's own words"))
    if own_text == "absent" and written("text"):
        problems.append((line("text"), f"{label}, text",
                         "a like has no words of its own; remove `text:` and describe the liked post in `original:`"))
    platform = values.get("platform")
    if values.get("paid") is True and platform in PLATFORMS and PLATFORMS[platform].paid_label is None:
        problems.append((line("paid"), f"{label}, paid",
                         f"{PLATFORMS[platform].name} posts cannot be paid for; set paid: false"))
    sells = values.get("sells", ())
    sells = (sells,) if isinstance(sells, str) else tuple(sells)
    own_words = " ".join(values.get(key) or "" for key in ("text", "context", "image_description"))
    for words in sells:
        if _folded(words) not in _folded(own_words):
            problems.append((line("sells"), f"{label}, sells",
                             f"“{words}” is not in the post's text, context or image_description; copy the exact "
                             "words that sell (someone else's words in `original` never count)"))
    answer = values.get("answer")
    if answer in ANSWERS and "paid" in values and not problems and answer != worked_answer(values["paid"], sells):
        problems.append((line("answer"), f"{label}, answer",
                         _answer_mismatch({**values, "sells": sells}, worked_answer(values["paid"], sells))))
    case = values.get("case")
    hard_case = rulebook.hard_cases.get(case) if case else None
    if hard_case and hard_case.close_call and "close_call" not in values:
        problems.append((line("case"), f"{label}, close_call",
                         f"the hard case `{case}` is a close call; add `close_call:` with a sentence or two on why "
                         "people split and what the other reading says"))
    for problem in problems:
        source.report(order, *problem)
    return not problems
def load_rulebook(hard_cases: Path, trades: Path, root: Path) -> Rulebook:
    """The hard cases and the trades, each a YAML list, checked like quiz files."""
    rulebook = Rulebook()
    display = _display(hard_cases, root)
    source = Source(display, [], "hard cases", {None: "hard case {n}{id}"}, numbered=["choices"])
    # A missing file is no problem until a post names a case (see the quiz schema's `case`); a
    # folder or a broken link in its place is one, named once here rather than on every post.
    _report_odd_file(hard_cases, source)
    data, _ = _checked(hard_cases, display, "hard-cases", source) if hard_cases.is_file() else (None, [])
    gives_lines: dict[int, int] = {}  # id() of each CheckChoice -> the line of its `gives`
    for number, item in enumerate(data if isinstance(data, list) else ()):
        values = _clean(source, data, (number,))  # a case whose optional fields are wrong still counts
        if values is None or not all(key in values for key in HARD_CASE_FIELDS["required"]):
            continue
        if values["id"] in rulebook.hard_cases:
            source.report(source.order[(number,)], source.line_of((number,)), f"hard case {number + 1}",
                          f"the id `{values['id']}` is used twice")
            continue
        example, then = values.pop("example"), values.pop("then", None)
        if then is not None:
            choices = tuple(CheckChoice(**choice) for choice in then["choices"])
            for place, choice in enumerate(choices):
                gives_lines[id(choice)] = source.keys[(number, "then", "choices", place, "gives")].start_mark.line + 1
            then = FollowUp(question=then["question"], choices=choices)
        rulebook.hard_cases[values["id"]] = HardCase(example_text=example["text"], example_answer=example["answer"],
                                                     line=source.line_of((number,)), then=then, **values)
    _check_post_checker(source, rulebook.hard_cases, gives_lines)
    rulebook.problems.extend(first_problems(source.problems))
    _links(source, rulebook.links)

    display = _display(trades, root)
    source = Source(display, [], "trades", {None: "trade {n}"})
    _report_odd_file(trades, source)
    data, _ = _checked(trades, display, "trades", source) if trades.is_file() else (None, [])
    for number, _item in enumerate(data if isinstance(data, list) else ()):
        values = _clean(source, data, (number,))
        if values and "id" in values and "name" in values:
            rulebook.trades[values["id"]] = values["name"]
            if "businesses" in values:
                rulebook.trade_businesses[values["id"]] = values["businesses"]
    rulebook.problems.extend(first_problems(source.problems))
    return rulebook


def _check_post_checker(source: Source, cases: dict[str, HardCase], gives_lines: dict[int, int]) -> None:
    """What the post checker needs: every case spotted (once any is), and choices that lead somewhere.

    A choice gives marketing or management, with `because`; or it hands over to another case, which
    rules it with its own answer, so that case has no follow-up of its own (no loops, two steps at most).
    """
    if not any(case.spot for case in cases.values()):
        return  # a project without the post checker
    for case in cases.values():
        where = f"hard case {case.id}"
        if not case.spot:
            source.report(0, case.line, where, "`spot` is missing; add `spot:`, how an owner knows their post is "
                          "this case, so the post checker can offer it")
        if case.then and case.paid:
            source.report(0, case.line, where, "a case spotted by question 1 (`paid: true`) is marketing already; "
                          "remove `then`")
        for choice in case.then.choices if case.then else ():
            line, at = gives_lines.get(id(choice), case.line), f"{where}, then, choices"
            if choice.gives in ANSWERS:
                if not choice.because:
                    source.report(0, line, at, f"`because` is missing; say why it is {choice.gives}")
                continue
            other = cases.get(choice.gives)
            if other is None:
                close = difflib.get_close_matches(choice.gives, [*ANSWERS, *cases], n=1)
                hint = f"did you mean {close[0]}? " if close else ""
                source.report(0, line, at, f"`gives: {visible(choice.gives)}` is not allowed; {hint}give marketing, "
                               "management or the id of another hard case")
            elif other.then or other.paid or other.id == case.id:
                source.report(0, line, at, f"`gives: {other.id}` must be another case without `then` or `paid`, "
                               "which rules it with its own answer")
            elif choice.because:
                source.report(0, line, at, f"`because` is not used when a choice gives another case; "
                               f"{other.id} gives its own reason")




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


def _report_odd_file(path: Path, source: Source) -> None:
    """A folder, a link to nowhere or a pipe where a data file should be, reported on the file."""
    if path.is_file() or not (path.exists() or path.is_symlink()):
        return
    odd = _unreadable(path)
    if odd:
        source.report(-1, 1, odd[0], odd[1].replace("quiz file", "YAML file").replace(
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

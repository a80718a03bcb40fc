"""Checks the quiz blocks in pages (`/// quiz | ID` and the other generated blocks) with
pymdown-extensions' own block parser, so the check and the renderer cannot disagree.

A page is converted once more by a Markdown instance with the site's own extensions, in which
the block manager is pymdownx's BlocksProcessor with one addition: it records every block
header of ours that it sees, whether pymdownx accepts it (then the block is checked against the
quiz files) or refuses it (then the page would show the header as plain text, so the check
says why: a bad option, options that are not YAML `key: value` lines, a missing `| ID`).
What is or is not a block — fenced and indented code, lists, block quotes, `////` nesting,
upper-case names, YAML options with comments — is decided by pymdownx alone.

Python-Markdown keeps no line numbers, so each candidate header line is marked before
converting: its trailing white space is replaced by N spaces for the Nth candidate. pymdownx's
header pattern (RE_START) ends in `[ ]*(?:\\n|$)`, so trailing spaces never change what is a
block; they only tell the check which line a header came from.
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml
from markdown import Markdown
from markdown.util import Registry
from pymdownx import util as pymdownx_util
from pymdownx.blocks import BlocksMgrExtension, BlocksProcessor, BlocksTreeprocessor
from pymdownx.blocks.block import Block

from .loader import Catalogue
from .markdown_extension import BLOCKS, QuizBlock
from .model import Quiz
from .problems import Problem

# A line that may hold one of our block headers, anywhere in it (after list markers, `>`,
# indentation): pymdownx's own `/{3,}[ ]*[\w-]+`, with tabs, which Markdown expands to spaces.
CANDIDATE = re.compile(r"/{3,}[ \t]*([\w-]+)")
# Blocks whose ids are fixed (case-*, the post checker's): twice on a page would repeat them.
ONCE_A_PAGE = ("hard-cases", "post-checker", "email-snippets")
# pymdownx.snippets' include marker: what it includes may hold blocks of ours, so such a page is
# always checked (after the include, as the page is built).
SNIPPET = re.compile(r"-{1,}8<-{1,}")
# Python-Markdown's own line breaks (NormalizeWhitespace), not str.splitlines' longer list.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# How each option is written, for messages; every Block also takes pymdownx's `attrs`.
OPTION_EXAMPLES = {"title": "title: false", "posts": "posts: [ID, ID, ID]", "examples": "examples: false",
                   "trades": "trades: true",
                   "attrs": "attrs: {class: NAME}"}
SHOWN_AS_TEXT = "as written, the page shows the block as plain text"
# pymdownx ends its blocks (and so tells the check) in this tree processor; no other one is needed.
ENDS_BLOCKS = "blocks_on_inline_end"


@dataclass
class PageCheck:
    """What checking a page found: its problems, and the quizzes it shows as (line, id)."""

    problems: list[Problem] = field(default_factory=list)
    quiz_references: list[tuple[int, str]] = field(default_factory=list)
    blocks: set[str] = field(default_factory=set)  # the names of our blocks the page has, like "hard-cases"
    block_lines: list[tuple[int, str]] = field(default_factory=list)  # (line, name) of each of our blocks
    chosen: dict[int, list[str]] = field(default_factory=dict)  # a quiz block's line -> its `posts:`, if any

    def posts_shown(self, catalogue: Catalogue) -> dict[str, set[str]]:
        """Quiz id -> the ids of its posts this page shows (a block with `posts:` shows those)."""
        shown: dict[str, set[str]] = {}
        for line, quiz_id in self.quiz_references:
            quiz = catalogue.quizzes.get(quiz_id)
            if quiz is None:
                continue
            ids = {post.id for post in quiz.posts}
            chosen = self.chosen.get(line)
            shown.setdefault(quiz_id, set()).update(ids & set(chosen) if chosen else ids)
        return shown


@dataclass
class _OpenBlock:
    block: Block
    line: int


class _PageState:
    """The page being checked: its lines, where each marked header came from, what was found."""

    def __init__(self, page_path: str, lines: list[str], candidate_lines: list[int]) -> None:
        self.page_path = page_path
        self.lines = lines
        self.candidate_lines = candidate_lines
        self.result = PageCheck()
        self.open: dict[int, _OpenBlock] = {}  # id(block) -> the block, until it ends
        self.shown: dict[int, list[str]] = {}  # a quiz block's line -> the posts it chose (`posts:`)

    def report(self, line: int, message: str, where: str = "quiz block") -> None:
        self.result.problems.append(Problem(self.page_path, line, where, message))

    def header_line(self, header: str) -> int:
        """The page line a header came from, from the spaces it was marked with (see above)."""
        header = header.strip("\n")
        spaces = len(header) - len(header.rstrip(" "))
        if 1 <= spaces <= len(self.candidate_lines):
            return self.candidate_lines[spaces - 1]
        # Text a preprocessor added (an included snippet): the line that includes it, if one does.
        return next((number for number, line in enumerate(self.lines, 1) if SNIPPET.search(line)), 1)

    def line_of_text(self, text: str, after: int) -> int:
        """The first page line from `after` on that holds the first line of `text`."""
        first = text.strip().split("\n", 1)[0].strip()
        for number in range(after, len(self.lines) + 1):
            if first and first in self.lines[number - 1]:
                return number
        return after


class _CheckingBlocksProcessor(BlocksProcessor):
    """pymdownx's block manager, unchanged, that also tells the checker about our blocks."""

    def __init__(self, parser: Any, md: Markdown, checker: PageBlockChecker) -> None:
        super().__init__(parser, md)
        self.checker = checker

    def test(self, parent: etree.Element, block: str) -> bool:
        accepted = super().test(parent, block)
        if "///" not in block:
            return accepted  # no block header (RE_START needs three slashes): no need to search
        match = self.start.search(block)
        if match is None or match.group(2).lower() not in self.checker.names:
            return accepted
        if accepted and self.cached_block is not None:
            self.checker.started(self.cached_block[0], match, block[match.end():])
        elif not accepted and not pymdownx_util.nearing_depth_limit(self.parser, parent):
            name = match.group(2).lower()
            block_object = self.blocks[name](len(match.group(1)), {}, self, self.config[name])
            self.checker.refused(block_object, match, block[match.end():], self)
        return accepted


class _CheckingBlocksExtension(BlocksMgrExtension):
    """Registers the checking block manager, and our blocks in their checking form."""

    def __init__(self, checker: PageBlockChecker) -> None:
        super().__init__()
        self.checker = checker

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        # As BlocksMgrExtension.extendMarkdown, with the checking manager in its place.
        if "blocks" in md.parser.blockprocessors:
            raise RuntimeError("the page check's block manager must be registered before any other block")
        md.registerExtension(self)
        pymdownx_util.escape_chars(md, ["/"])
        self.extension = _CheckingBlocksProcessor(md.parser, md, self.checker)
        md.parser.blockprocessors.register(self.extension, "blocks", 89.99)
        md.treeprocessors.register(BlocksTreeprocessor(md, self.extension), "blocks_on_inline_end", 19.99)
        for block_class in BLOCKS:
            self.extension.register(_checking(block_class, self.checker), {"catalogue": self.checker.catalogue})


def _checking(block_class: type[Block], checker: PageBlockChecker) -> type[Block]:
    """The block as pymdownx reads it (name, argument, options), rendering nothing: only its end is watched."""

    class CheckingBlock(block_class):  # type: ignore[misc, valid-type]
        def on_create(self, parent: etree.Element) -> etree.Element:
            return etree.SubElement(parent, "div")

        def on_end(self, block: etree.Element) -> None:
            checker.ended(self, block)

    CheckingBlock.__name__ = f"Checking{block_class.__name__}"
    return CheckingBlock


def _is_our_extension(extension: Any) -> bool:
    from .markdown_extension import QuizExtension  # the real blocks: the checking ones take their names

    name = extension if isinstance(extension, str) else ""
    return isinstance(extension, QuizExtension) or name.split(":")[0] in ("sorting_quiz",
                                                                          "sorting_quiz.markdown_extension")


class PageBlockChecker:
    """Checks pages with one Markdown instance, built with the site's extensions and reused."""

    def __init__(self, catalogue: Catalogue, extensions: Sequence[Any] = (),
                 extension_configs: Mapping[str, Any] | None = None) -> None:
        self.catalogue = catalogue
        self.names = {block_class.NAME for block_class in BLOCKS}
        others = [extension for extension in extensions if not _is_our_extension(extension)]
        self.markdown = Markdown(extensions=[_CheckingBlocksExtension(self), *others],
                                 extension_configs=dict(extension_configs or {}))
        # What is a block is settled by the preprocessors and block parser; inline Markdown and the
        # tree and text processors after it (links, abbreviations, the table of contents) never
        # change it, so the check leaves them out: it reads each page in a fraction of the time.
        ends_blocks = self.markdown.treeprocessors[ENDS_BLOCKS]
        self.markdown.treeprocessors = Registry()
        self.markdown.treeprocessors.register(ends_blocks, ENDS_BLOCKS, 19.99)  # where pymdownx puts it
        self.markdown.postprocessors = Registry()
        self.markdown.serializer, self.markdown.stripTopLevelTags = lambda root: "", False  # the HTML is never read
        self.page: _PageState | None = None

    def check(self, page_path: str, markdown: str) -> PageCheck:
        if "///" not in markdown and not SNIPPET.search(markdown):
            return PageCheck()  # every block header has `///`, and nothing is included: nothing to check
        lines = LINE_BREAK.split(markdown)
        candidates: list[int] = []
        for number, line in enumerate(lines, start=1):
            if any(match.group(1).lower() in self.names for match in CANDIDATE.finditer(line)):
                candidates.append(number)
                lines[number - 1] = line.rstrip(" \t") + " " * len(candidates)
        if not candidates and not SNIPPET.search(markdown):
            return PageCheck()  # no header of ours on any line, and nothing included: nothing to check
        self.page = page = _PageState(page_path, LINE_BREAK.split(markdown), candidates)
        try:
            self.markdown.reset()
            try:
                self.markdown.convert("\n".join(lines))
            except Exception as error:  # noqa: BLE001 - another extension's error, shown as a problem, not a traceback
                page.report(1, f"Markdown could not read the page ({type(error).__name__}: {error})", "page")
            else:
                for unclosed in page.open.values():
                    slashes = "/" * unclosed.block.length
                    page.report(unclosed.line, f"the block is never closed: end it with a line of `{slashes}` "
                                "(as many slashes as its first line); until then it swallows the rest of the page")
        finally:
            self.page = None
        page.result.problems.sort()
        return page.result

    # --- told by the block manager ---------------------------------------------------------

    def started(self, block: Block, match: re.Match[str], rest: str) -> None:
        """pymdownx accepted one of our blocks: check what it names against the quiz files."""
        page = self._page()
        line = page.header_line(match.group(0))
        page.open[id(block)] = _OpenBlock(block, line)
        page.result.blocks.add(block.NAME)
        attributes = block.options.get("attrs") or {}
        if "id" in attributes:
            page.report(line, f"`attrs: {{id: {attributes['id']}}}`: the build makes this block's ids itself, so "
                        "two blocks (or a heading) could share one; use a class instead")
        earlier = next((other for other, name in page.result.block_lines if name == block.NAME), None)
        if earlier is not None and block.NAME in ONCE_A_PAGE:
            page.report(line, f"`/// {block.NAME}` is already on this page (line {earlier}); its ids and answers "
                        "would clash: show it once")
        page.result.block_lines.append((line, block.NAME))
        rulebook = self.catalogue.rulebook
        if block.NAME in ("hard-cases", "post-checker") and not rulebook.hard_cases:
            page.report(line, f"`/// {block.NAME}` shows the hard cases, but there are none: "
                        f"{_why_no_hard_cases(rulebook)}")
        elif block.NAME == "post-checker" and not any(case.spot for case in rulebook.hard_cases.values()):
            page.report(line, "`/// post-checker` asks from the hard cases' `spot:`, but no hard case has one; "
                        "add `spot:` to the hard cases in includes/hard-cases.yml")
        if not isinstance(block, QuizBlock):
            return
        quiz_id = (block.argument or "").strip()
        posts = self._posts_shown(quiz_id, block.options.get("posts") or [])
        for other_line, other_id in page.result.quiz_references:
            shared = [post for post in posts if post in self._posts_shown(other_id, page.shown.get(other_line, []))]
            if shared:
                same = "the same quiz" if other_id == quiz_id else f"the quiz `{other_id}`"
                page.report(line, f"{same} on line {other_line} already shows {len(shared)} of this quiz's posts "
                            f"(like {shared[0]}); on one page their ids and saved answers would clash: show each "
                            "post once a page (a self-check's `posts:` can leave out the ones shown above)")
                break
        page.shown[line] = list(block.options.get("posts") or [])
        if page.shown[line]:
            page.result.chosen[line] = page.shown[line]
        page.result.quiz_references.append((line, quiz_id))
        if quiz_id not in self.catalogue.quizzes and quiz_id not in self.catalogue.sources:
            known = ", ".join(sorted(self.catalogue.sources)) or "none yet"
            page.report(line, f"there is no quiz `{quiz_id}` (no quizzes/{quiz_id}.yml); quizzes that exist: {known}")
        if block.options.get("posts"):
            option_lines = _option_lines(rest, block.length, self._manager())
            page.result.problems.extend(_check_chosen_posts(
                page.page_path, line + option_lines.get("posts", 1), block.options["posts"],
                self.catalogue.quizzes.get(quiz_id)))

    def refused(self, block: Block, match: re.Match[str], rest: str, manager: BlocksProcessor) -> None:
        """pymdownx refused a header of ours, so the page shows it as text: say why."""
        page = self._page()
        line = page.header_line(match.group(0))
        name, argument = block.NAME, match.group(3)
        if block.arg_spec and not argument:
            if isinstance(block, QuizBlock):
                page.report(line, "says which quiz to show: write `/// quiz | ID`, with ID a file name in quizzes/ "
                            "without .yml")
            else:
                page.report(line, f"needs `| ...` after `{name}`; {SHOWN_AS_TEXT}")
            return
        if block.arg_spec is False and argument:
            page.report(line, f"`/// {name}` takes nothing after `|`; write `/// {name}` alone")
            return
        options, _ = manager.split_header(rest, block.length)  # pymdownx's own reading of the options
        if options is None:
            page.report(*self._unreadable_options(rest, block, manager, line))
            return
        option_lines = _option_lines(rest, block.length, manager)
        spec = block.option_spec
        found = False
        for key, value in options.items():  # pymdownx stops at the first; the author wants them all
            key_line = line + option_lines.get(str(key), 1)
            if key not in spec:
                close = difflib.get_close_matches(str(key), spec, n=1)
                hint = f"did you mean `{close[0]}`? " if close else ""
                allowed = ", ".join(f"`{OPTION_EXAMPLES.get(option, option + ': ...')}`" for option in spec)
                page.report(key_line, f"unknown option `{key}`; {hint}the options are {allowed}; {SHOWN_AS_TEXT}")
                found = True
                continue
            try:
                spec[key][1](value)
            except Exception:  # noqa: BLE001 - pymdownx refuses the block on any error from an option's parser
                page.report(key_line, _bad_value(str(key), value))
                found = True
        if not found:
            page.report(line, f"pymdownx does not accept this `/// {name}` block; {SHOWN_AS_TEXT}")

    def ended(self, block: Block, element: etree.Element) -> None:
        """One of our blocks closed: anything written inside it is never shown."""
        page = self._page()
        opened = page.open.pop(id(block), None)
        line = opened.line if opened else 1
        stray = (element.text or "").strip()
        if stray:
            page.report(page.line_of_text(stray, line + 1),
                        f"text inside a `/// {block.NAME}` block is not shown (`{stray.split(chr(10))[0][:40]}`); "
                        "the quiz comes from its file. Options go right under the first line, indented four "
                        "spaces, and the block ends with `///`")

    def _posts_shown(self, quiz_id: str, chosen: list[str]) -> list[str]:
        """The post ids a quiz block shows: the chosen ones, or the whole quiz's."""
        quiz = self.catalogue.quizzes.get(quiz_id)
        if chosen:
            return list(chosen)
        return [post.id for post in quiz.posts] if quiz else []

    def _page(self) -> _PageState:
        assert self.page is not None, "the block manager reports only while a page is checked"
        return self.page

    def _manager(self) -> BlocksProcessor:
        return self.markdown.parser.blockprocessors["blocks"]

    @staticmethod
    def _unreadable_options(rest: str, block: Block, manager: BlocksProcessor, line: int) -> tuple[int, str]:
        text, _ = _options_text(rest, block.length, manager)
        try:
            yaml.safe_load(text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            return (line + 1 + (mark.line if mark else 0),
                    f"the options are not readable YAML ({(error.problem or '').strip()}); write them as "
                    f"`key: value` lines, like `title: false`; {SHOWN_AS_TEXT}")
        first = text.strip().split("\n", 1)[0]
        return (line + 1, f"`{first}` is not an option: write `key: value`, with a space after the colon "
                f"(like `title: false`); {SHOWN_AS_TEXT}")


def _options_text(rest: str, length: int, manager: BlocksProcessor) -> tuple[str, int]:
    """The YAML options right under a header, as BlocksProcessor.split_header finds them
    (up to the block's end, the indented lines that follow), and how many lines they take."""
    for end in manager.end.finditer(rest):
        if len(end.group(1)) == length:
            rest = rest[:end.start(0)]
            break
    match = manager.yaml_line.match(rest)
    text = match.group(0) if match else ""
    return text, text.count("\n")


def _option_lines(rest: str, length: int, manager: BlocksProcessor) -> dict[str, int]:
    """Each option's line, counted from the header (1 is the line right under it)."""
    text, _ = _options_text(rest, length, manager)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in root.value if isinstance(key, yaml.ScalarNode)}


def _why_no_hard_cases(rulebook: Any) -> str:
    problem = next((problem for problem in rulebook.problems if "hard" in problem.path or "hard" in problem.where), None)
    if problem is not None:
        return f"includes/hard-cases.yml has problems ({problem}); fix them"
    return "includes/hard-cases.yml is missing or empty; add it, or remove the block"


def _bad_value(key: str, value: Any) -> str:
    shown = yaml.safe_dump(value, default_flow_style=True, width=1000).strip().removesuffix("...").strip()
    if key in ("title", "examples", "trades"):
        return f"`{key}: {shown}` is not allowed; use {key}: true or {key}: false"
    if key == "posts":
        return "`posts` must be a list of post ids, like `posts: [b-bakery-lemon-loaf, b-florist-bbc-article]`"
    if key == "attrs":
        return f"`attrs: {shown}` is not allowed; give HTML attributes, like `attrs: {{class: NAME}}`"
    return f"`{key}: {shown}` is not allowed; {SHOWN_AS_TEXT}"


def check_pages(pages: Iterable[tuple[str, str]], catalogue: Catalogue, extensions: Sequence[Any] = (),
                extension_configs: Mapping[str, Any] | None = None) -> dict[str, PageCheck]:
    """Each page's check, by page path; pages are (path, Markdown) pairs."""
    checker = PageBlockChecker(catalogue, extensions, extension_configs)
    return {path: checker.check(path, markdown) for path, markdown in pages}


# Fenced code is the one thing every page of this site uses that plain Python-Markdown does not read.
PLAIN_EXTENSIONS = ("pymdownx.superfences",)


def find_quiz_references(markdown: str, extensions: Sequence[Any] = PLAIN_EXTENSIONS,
                         extension_configs: Mapping[str, Any] | None = None) -> list[tuple[int, str]]:
    """The quizzes a page shows, as (line, id) pairs, read as pymdownx reads the page."""
    return PageBlockChecker(Catalogue(), extensions, extension_configs).check("", markdown).quiz_references


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

"""The `/// quiz | ID` block, as a pymdown-extensions Block in its own Markdown extension.

The rendering lives here, not in the MkDocs hook, so any Python-Markdown host that runs
extensions (MkDocs, Zensical, a test) renders quizzes the same way.

    /// quiz | basics
        title: false
        posts: [b-bakery-lemon-loaf, b-florist-bbc-article, b-gym-boosted-offer]
    ///

`posts` makes a short self-check from chosen posts of the quiz, in that order.
Also `/// hard-cases` (the rulings' table of hard cases, from includes/hard-cases.yml; with
`examples: false`, the compact version without examples and reasons), and `/// quiz-list` (every quiz, linked to its page;
`trades: true` for the quizzes the build makes for each trade) and `/// email-snippets` (the staff
page's previews of the email snippets, with their code and copy buttons), and `/// post-checker`
("Check your own post": the hard cases as guided questions, see post_checker.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import xml.etree.ElementTree as etree
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_boolean, type_string_delimiter

from .build_state import BuildState, QuizSettings
from .facts import id_part
from .model import Quiz
from .components.email_tools.render_emails import render_email_snippets
from .components.hard_cases.render import render_hard_cases
from .components.post_checker.post_checker import render_post_checker
from .components.quiz.render import render_problems, render_quiz, render_quiz_list
from .safe_markdown import sanitise

class GeneratedBlock(Block):
    """A block whose HTML comes from the quiz files, not from what is written inside it."""

    ARGUMENT = False

    @property
    def state(self) -> BuildState:
        extension: QuizExtension = self.config["extension"]
        return extension.state

    def on_markdown(self) -> str:
        return "raw"

    def on_end(self, block: etree.Element) -> None:
        # Drop stray text written inside the block (the build reports it for quiz blocks):
        # a raw block keeps it as its own text, or as the tail of its last child.
        block.text = None
        if len(block):
            block[-1].tail = None


class QuizListBlock(GeneratedBlock):
    """`/// quiz-list` with nothing inside: every quiz, its summary, size and time; with
    `trades: true`, the quizzes the build makes for each trade instead (trades.py), and only them."""

    NAME = "quiz-list"
    OPTIONS = {"trades": (False, type_boolean)}

    def on_create(self, parent: etree.Element) -> etree.Element:
        state = self.state
        if self.options["trades"]:  # in the order of includes/trades.yml
            trade_quizzes = [trade_quiz.quiz for trade_quiz in state.trade_quizzes.values()]
            return render_quiz_list(parent, [(quiz, state.link_to(quiz.id)) for quiz in trade_quizzes])
        order = list(state.quiz_pages)  # the order of the site's navigation, where the host told it
        ordered = sorted((quiz for quiz in state.catalogue.quizzes.values() if quiz.id not in state.trade_quizzes),
                         key=lambda quiz: (order.index(quiz.id) if quiz.id in order else len(order), quiz.title))
        return render_quiz_list(parent, [(quiz, state.link_to(quiz.id)) for quiz in ordered])


class EmailSnippetsBlock(GeneratedBlock):
    """`/// email-snippets` with nothing inside: every email snippet, previewed, with its code."""

    NAME = "email-snippets"

    def on_create(self, parent: etree.Element) -> etree.Element:
        state = self.state
        return render_email_snippets(parent, state.email_snippets(), state.page_urls.get(state.current_page, ""),
                                     state.catalogue.rulebook.trades, state.published_ids())


def type_post_ids(value: Any) -> list[str]:
    """`[a, b]` (a YAML list) or `a, b`."""
    if isinstance(value, list):
        return [str(item).strip() for item in value]
    return type_string_delimiter(",")(value)


def chosen_posts(quiz: Quiz, post_ids: list[str]) -> Quiz:
    """A self-check: the chosen posts of `quiz`, under an id of their own, so its saved progress
    never replaces the whole quiz's (the loader has checked the ids; unknown ones are skipped)."""
    posts = tuple(post for post_id in post_ids if (post := quiz.post(post_id)) is not None)
    digest = hashlib.sha256(" ".join(post_ids).encode("utf-8")).hexdigest()[:6]
    return dataclasses.replace(quiz, id=id_part(quiz.id, f"check-{digest}"), posts=posts, email_posts=())


class HardCasesBlock(GeneratedBlock):
    """`/// hard-cases`: the rulings' hard cases as a table (`examples: false` for the compact one)."""

    NAME = "hard-cases"
    OPTIONS = {"examples": (True, type_boolean)}

    def on_create(self, parent: etree.Element) -> etree.Element:
        catalogue = self.state.catalogue
        if not catalogue.rulebook.hard_cases:
            problems = [str(problem) for problem in catalogue.rulebook.problems] or [
                "There are no hard cases: includes/hard-cases.yml is missing."]
            return render_problems(parent, "hard cases", problems)
        return render_hard_cases(parent, list(catalogue.rulebook.hard_cases.values()),
                                 examples=self.options["examples"])


class PostCheckerBlock(GeneratedBlock):
    """`/// post-checker`: "Check your own post", asked from the hard cases (see post_checker.py)."""

    NAME = "post-checker"

    def on_create(self, parent: etree.Element) -> etree.Element:
        rulebook = self.state.catalogue.rulebook
        if not any(case.spot for case in rulebook.hard_cases.values()):
            problems = [str(problem) for problem in rulebook.problems] or [
                "No hard case has `spot:` in includes/hard-cases.yml, so the post checker has nothing to ask."]
            return render_problems(parent, "post checker", problems)
        return render_post_checker(parent, list(rulebook.hard_cases.values()))


class QuizBlock(GeneratedBlock):
    """`/// quiz | ID`: the quiz from quizzes/ID.yml, or its problems while serving."""

    NAME = "quiz"
    ARGUMENT = True
    OPTIONS = {"title": (True, type_boolean), "posts": ([], type_post_ids)}

    def on_init(self) -> None:
        # Counts quizzes per page, so the same quiz twice on one page still has unique ids.
        self.tracker.setdefault("shown", {})

    def on_create(self, parent: etree.Element) -> etree.Element:
        catalogue = self.state.catalogue
        quiz_id = (self.argument or "").strip()
        quiz = catalogue.quizzes.get(quiz_id)
        holder = etree.SubElement(parent, "div", {"class": "quiz-holder"})
        if quiz is None:
            problems = [str(problem) for problem in catalogue.problems_in(quiz_id)] or [
                f"There is no quiz file {self.state.settings.quizzes_dir}/{quiz_id}.yml."
            ]
            render_problems(holder, quiz_id, problems)
            return holder
        if self.options["posts"]:
            quiz = chosen_posts(quiz, self.options["posts"])
        shown = self.tracker["shown"]
        # Keyed on the file, so a self-check beside its whole quiz still gets unique ids.
        shown[quiz_id] = shown.get(quiz_id, 0) + 1
        suffix = "" if shown[quiz_id] == 1 else id_part("", str(shown[quiz_id]))
        render_quiz(holder, quiz, show_title=self.options["title"], id_suffix=suffix, agency=self.state.agency)
        return holder


class QuizTreeprocessor(Treeprocessor):
    """Runs over what the blocks made, once inline Markdown has filled in the quiz fields:
    - strips anything that could run or load from elsewhere (after attr_list, priority 8);
    - turns links written from the docs folder (`difference.md#hard-cases`) into `/difference.md…`,
      which MkDocs (`validation: links: absolute_links: relative_to_docs`) checks and makes
      relative to whichever page shows the quiz, so no block needs to know the page it is on."""

    PRIORITY = 1
    CONTAINERS = {"quiz", "quiz-list", "hard-cases", "post-checker"}

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag not in ("section", "ul", "div") or not \
                    self.CONTAINERS & set((element.get("class") or "").split()):
                continue
            sanitise(element)
            for link in element.iter("a"):
                href = link.get("href", "")
                parts = urlsplit(href)
                if href and not parts.scheme and not parts.netloc and not href.startswith(("/", "#", "?")):
                    link.set("href", "/" + href)


# Every block the extension registers; the page check (page_blocks) reads pages with these same classes.
BLOCKS: tuple[type[GeneratedBlock], ...] = (QuizBlock, QuizListBlock, EmailSnippetsBlock, HardCasesBlock,
                                             PostCheckerBlock)


class QuizExtension(BlocksExtension):
    """The quiz blocks, for any Python-Markdown host: `markdown_extensions: [sorting_quiz]`.

    Its options are plain values, so they can be written in YAML (see build_state.QuizSettings).
    A host that loads the quizzes itself hands over a `state` (the MkDocs hook does, to check
    them before building and to tell the blocks which page shows each quiz); otherwise the
    extension loads them from its options the first time a block needs them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        defaults = QuizSettings()
        self.config = {
            "root": ["", "The folder the paths below are read from; the current folder when empty."],
            "quizzes_dir": [defaults.quizzes_dir, "The folder of quiz files."],
            "hard_cases": [defaults.hard_cases, "The hard cases file (the `/// hard-cases` table, `case:` ids)."],
            "trades": [defaults.trades, "The trades file (`trade:` ids)."],
            "site_url": ["", "Where the site is published; email snippets need it."],
            "email_campaign": [{}, "utm_source, utm_medium and utm_campaign for email snippets' links."],
            # Not None: Python-Markdown would read a None default as a yes/no option.
            "state": ["", "A sorting_quiz.build_state.BuildState from the host, or empty to load from the options."],
        }
        super().__init__(*args, **kwargs)

    @property
    def state(self) -> BuildState:
        state = self.getConfig("state")
        if not isinstance(state, BuildState):
            state = BuildState.load(QuizSettings.from_options(self.getConfigs()))
            self.setConfig("state", state)
        return state

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:  # noqa: N802
        for block in BLOCKS:
            block_mgr.register(block, {"extension": self})
        md.treeprocessors.register(QuizTreeprocessor(md), "quiz_tree", QuizTreeprocessor.PRIORITY)


def makeExtension(*args: Any, **kwargs: Any) -> QuizExtension:  # noqa: N802
    return QuizExtension(*args, **kwargs)

"""What the quiz blocks know about a site, in one object the component owns.

`QuizSettings` are plain values, as a site writes them in YAML: in mkdocs.yml (the hook reads
them from `site_url` and `extra.email_campaign`) or as the Markdown extension's own options in
any Python-Markdown host:

    markdown_extensions:
      - sorting_quiz:
          quizzes_dir: quizzes
          site_url: https://example.co.uk/
          email_campaign: {utm_source: sales-email, utm_medium: email, utm_campaign: spring}

`BuildState.load` reads and checks every quiz from them. A host that knows its pages (the MkDocs
hook) then tells the state which page shows each quiz, so quiz lists and email snippets can link
to it; a host that does not simply gets quizzes without those links.
"""

from __future__ import annotations

import dataclasses

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import published_list
from .agency import Agency
from .components.email_tools.email_snippets import Campaign, Snippet, build_snippets
from .model import Quiz
from .loader import HARD_CASES_FILE, QUIZ_FOLDER, TRADES_FILE, Catalogue, Problem, load_project
from .trades import TradeQuiz, add_trade_quizzes, trade_pages


@dataclass(frozen=True)
class QuizSettings:
    root: Path = Path(".")  # the folder the other paths are read from
    quizzes_dir: str = QUIZ_FOLDER
    hard_cases: str = HARD_CASES_FILE
    trades: str = TRADES_FILE
    site_url: str = ""  # where the site is published: email snippets' links are absolute
    email_campaign: Mapping[str, Any] = field(default_factory=dict)  # utm_source, utm_medium, utm_campaign

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> QuizSettings:
        """From the Markdown extension's options, as YAML gives them (strings, a mapping)."""
        known = {name: options[name] for name in cls.__dataclass_fields__ if options.get(name) not in (None, "")}
        if "root" in known:
            known["root"] = Path(known["root"])
        return cls(**known)


@dataclass
class BuildState:
    settings: QuizSettings
    catalogue: Catalogue
    campaign: Campaign | None = None  # None where no campaign is set: no email snippets then
    quiz_pages: dict[str, str] = field(default_factory=dict)  # quiz id -> its own page, from the docs folder
    page_urls: dict[str, str] = field(default_factory=dict)  # page -> its URL, e.g. "quizzes/basics/"
    # Every email snippet, in quiz order; worked out when first asked for (the staff site only).
    snippets: list[Snippet] | None = None
    references: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # page -> (line, quiz id) shown
    # page -> quiz id -> the ids of its posts the page shows (a block with `posts:` shows only those)
    posts_on_pages: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    # The page being converted. Only the staff page's email previews need it (their frames load
    # files by URL); MkDocs sets it, other hosts may leave it empty.
    current_page: str = ""
    # The quiz the build makes for each trade with enough posts (trades.py): in the catalogue too.
    trade_quizzes: dict[str, TradeQuiz] = field(default_factory=dict)  # quiz id -> it
    # The agency behind the site (mkdocs.yml `extra.agency`, checked by the host): each quiz's
    # result offers its call to action. None: no agency named, no next step shown.
    agency: Agency | None = None

    @classmethod
    def load(cls, settings: QuizSettings, agency: Agency | None = None) -> BuildState:
        """Reads and checks every quiz; the problems are in `catalogue.problems`, never raised."""
        catalogue = load_project(settings.root, settings.quizzes_dir, settings.hard_cases, settings.trades)
        campaign = None
        if settings.email_campaign:
            try:
                campaign = Campaign.from_config({"email_campaign": settings.email_campaign})
            except ValueError as error:
                catalogue.problems.append(Problem("mkdocs.yml", 1, "email_campaign", str(error)))
        # After the quiz files' checks: a trade quiz repeats posts of theirs, which is allowed.
        trade_quizzes = add_trade_quizzes(catalogue)
        return cls(settings=settings, catalogue=catalogue, campaign=campaign, trade_quizzes=trade_quizzes,
                   agency=agency)

    def generated_pages(self) -> list[tuple[str, str]]:
        """The pages the build writes (each trade quiz's), as (path from the docs folder, Markdown)."""
        return trade_pages(self.trade_quizzes.values())

    def link_to(self, quiz_id: str) -> str | None:
        """The quiz's own page, from the docs folder ("quizzes/basics.md"), once the pages are known."""
        return self.quiz_pages.get(quiz_id)

    def learn_pages(self, pages_in_order: list[tuple[str, str]], own_page_folder: str = QUIZ_FOLDER) -> None:
        """Which page shows each quiz, from the pages (docs path, URL) in navigation order and the
        quiz blocks found in them; a quiz's own page (quizzes/ID.md) wins over a self-check elsewhere."""
        shown_on: dict[str, list[str]] = {}
        for page, _ in pages_in_order:
            for _, quiz_id in self.references.get(page, []):
                shown_on.setdefault(quiz_id, []).append(page)
        chosen = {}
        for quiz_id, pages in shown_on.items():
            own = f"{own_page_folder}/{quiz_id}.md"
            chosen[quiz_id] = own if own in pages else pages[0]
        order = [page for page, _ in pages_in_order]
        # In the order of the navigation: the quiz list and the email snippets follow it.
        self.quiz_pages = dict(sorted(chosen.items(), key=lambda item: order.index(item[1])))
        self.page_urls = dict(pages_in_order)
        self.snippets = None  # from these pages, when asked for

    def email_snippets(self) -> list[Snippet]:
        if self.snippets is None:
            self.snippets = self._snippets()
        return self.snippets

    def published_ids(self) -> set[str] | None:
        """The ids in quizzes/published-posts.txt (links to them may be in sent emails); None if unreadable."""
        path = self.settings.root / self.settings.quizzes_dir / published_list.FILE_NAME
        if not path.is_file():
            return set()
        listed, unreadable = published_list.read_published_file(path, path.name)
        return None if unreadable else {item.post_id for item in listed}

    def _snippets(self) -> list[Snippet]:
        if self.campaign is None or not self.settings.site_url:
            return []
        urls = {quiz_id: self.page_urls[page] for quiz_id, page in self.quiz_pages.items() if page in self.page_urls}
        quizzes = [self._on_its_page(self.catalogue.quizzes[quiz_id]) for quiz_id in self.quiz_pages
                   if quiz_id in self.catalogue.quizzes]
        return build_snippets(quizzes, urls, self.settings.site_url, self.campaign)

    def _on_its_page(self, quiz: Quiz) -> Quiz:
        """The quiz with only the email posts its page shows: a snippet's links must land on its post."""
        shown = self.posts_on_pages.get(self.quiz_pages.get(quiz.id, ""), {}).get(quiz.id)
        if shown is None:
            return quiz  # a host that did not say (no page check): every email post
        chosen = tuple(post_id for post_id in quiz.email_posts if post_id in shown) if quiz.email_posts else \
            tuple(post.id for post in quiz.posts if post.id in shown)[:2]  # email_snippets.DEFAULT_POST_COUNT
        return dataclasses.replace(quiz, email_posts=chosen) if chosen else dataclasses.replace(quiz, email_posts=(),
                                                                                                  posts=())

"""MkDocs hook: sorting quizzes from quizzes/*.yml, shown with `/// quiz | ID` in pages.

Thin on purpose: the work is in the sorting_quiz package beside this file.
- on_startup: remember whether this is `mkdocs serve`.
- on_config: load and check every quiz; register the Markdown extension that renders them;
  read the email campaign tags.
- on_pre_build: check published post ids, every page's quiz blocks (read by pymdownx's own block
  parser) and the links in quiz files; stop the build (or, while serving, report and carry on)
  with every problem listed at once. MkDocs empties site/ right after this event, so a build
  stopped here leaves the last site/ as it was.
- on_files: add the quiz script and style sheet (and the staff page's email tools).
- on_nav: learn each quiz's own page, for links, the quiz list and the email snippets.
- on_page_markdown: tell the extension which page it is converting.
- on_page_content: load the script and style sheet on pages with a quiz (or the email tools
  on the page with the email snippets), and nowhere else.
- on_post_build: write the email snippets into the site (email-snippets/<quiz>/<post>.*).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sorting_quiz import published
from sorting_quiz.assets import (ASSETS, EMAIL_ASSETS, HARD_CASES_ASSETS, POST_CHECKER_ASSETS, asset_tags,
                                 page_has_email_snippets, page_has_hard_cases, page_has_post_checker, page_has_quiz)
from sorting_quiz.links import check_links
from sorting_quiz.email_snippets import Campaign, Snippet, build_snippets, write_snippets
from sorting_quiz.loader import QUIZ_FOLDER, Catalogue, load_project
from sorting_quiz.markdown_extension import PageContext, QuizExtension
from sorting_quiz.page_blocks import check_pages

log = logging.getLogger("mkdocs.hooks.quizzes")

# Survives the reload of this module that `mkdocs serve` does on every rebuild.
SERVING = "SORTING_QUIZ_SERVING"

catalogue = Catalogue()
context = PageContext()
campaign: Campaign | None = None
quiz_references: dict[str, list[tuple[int, str]]] = {}  # page (src_uri) -> the quizzes it shows, as (line, id)


def on_startup(command: str, dirty: bool) -> None:
    os.environ[SERVING] = "1" if command == "serve" else ""


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global catalogue, context, campaign
    root = Path(config.config_file_path).resolve().parent
    catalogue = load_project(root)
    context = PageContext()
    config.markdown_extensions.append(QuizExtension(catalogue=catalogue, context=context))
    campaign = _campaign(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    global quiz_references
    root = Path(config.config_file_path).resolve().parent
    pages = {file.src_uri: file for file in get_files(config).documentation_pages()}
    sources = {src_uri: file.content_string for src_uri, file in pages.items()}
    checks = check_pages([(_page_path(config, file), sources[src_uri]) for src_uri, file in pages.items()],
                         catalogue, config.markdown_extensions, config.mdx_configs)
    quiz_references = {src_uri: checks[_page_path(config, file)].quiz_references for src_uri, file in pages.items()}
    problems = {*catalogue.problems, *check_links(catalogue.links, sources, catalogue)}
    for check in checks.values():
        problems.update(check.problems)
    # A listed post that is gone stops the build: removing a post sent emails link to is deliberate.
    _report([str(problem) for problem in sorted(problems)] + published.check(root, catalogue))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for asset in (*ASSETS, *EMAIL_ASSETS, *HARD_CASES_ASSETS, *POST_CHECKER_ASSETS):
        files.append(File.generated(config, asset.site_path, abs_src_path=str(asset.source)))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    pages: dict[str, list[str]] = {}
    for page in nav.pages:
        for _, quiz_id in quiz_references.get(page.file.src_uri, []):
            pages.setdefault(quiz_id, []).append(page.file.src_uri)
    for quiz_id, sources in pages.items():
        own = f"{QUIZ_FOLDER}/{quiz_id}.md"
        context.quiz_pages[quiz_id] = own if own in sources else sources[0]
    context.page_urls = {page.file.src_uri: page.url for page in nav.pages}
    context.snippets = _snippets(config)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    context.current_page = page.file.src_uri
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page_has_quiz(html):
        html += asset_tags(page.url)
    if page_has_email_snippets(html):
        html += asset_tags(page.url, EMAIL_ASSETS)
    if page_has_hard_cases(html):
        html += asset_tags(page.url, HARD_CASES_ASSETS)
    if page_has_post_checker(html):
        html += asset_tags(page.url, POST_CHECKER_ASSETS)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    write_snippets(context.snippets, Path(config.site_dir))


def _campaign(config: MkDocsConfig) -> Campaign:
    """The campaign tags for the email snippets' links, from `extra.email_campaign`."""
    if not config.site_url:
        raise PluginError("mkdocs.yml needs a site_url: the email snippets' links must be absolute")
    try:
        return Campaign.from_config(config.extra)
    except ValueError as error:
        raise PluginError(str(error)) from None


def _snippets(config: MkDocsConfig) -> list[Snippet]:
    """Every quiz's email snippets, linking to the quiz's own page (in navigation order)."""
    assert campaign is not None
    page_urls = {quiz_id: context.page_urls[src] for quiz_id, src in context.quiz_pages.items()
                 if src in context.page_urls}
    quizzes = [catalogue.quizzes[quiz_id] for quiz_id in context.quiz_pages if quiz_id in catalogue.quizzes]
    return build_snippets(quizzes, page_urls, config.site_url, campaign)


def _page_path(config: MkDocsConfig, file: File) -> str:
    root = Path(config.config_file_path).resolve().parent
    return (Path(config.docs_dir) / file.src_uri).relative_to(root).as_posix()


def _report(problems: list[str]) -> None:
    """Every problem at once. A build stops; `mkdocs serve` keeps serving so the author
    can fix the file and see the page recover on save."""
    if not problems:
        return
    heading = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} with quizzes:"
    listing = "\n".join(f"  {problem}" for problem in problems)
    if os.environ.get(SERVING):
        log.error(f"{heading}\n{listing}\nThe pages show what is wrong until the quiz files are fixed.")
        return
    raise PluginError(f"{heading}\n{listing}\nFix these, then build again.")

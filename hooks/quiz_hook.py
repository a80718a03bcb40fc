"""MkDocs hook: adapts MkDocs to the sorting_quiz component beside it (hooks/sorting_quiz/).

The component owns its data, a BuildState made from plain settings, and renders in any
Python-Markdown host. This hook does only what needs MkDocs:
- on_startup: note whether this is `mkdocs serve`, where problems are shown, not fatal.
- on_config: check `extra.agency` (the agency and its call to action, sorting_quiz/agency.py) and
  hand templates its checked values; load the quizzes with mkdocs.yml's `site_url`,
  `extra.email_campaign` and the agency, and register the Markdown extension with that state.
- on_pre_build: check quiz files, every page's blocks (read by pymdownx's own block parser), the
  links in quiz files and the published post ids; stop with every problem listed at once.
  MkDocs empties site/ right after this event, so a build stopped here leaves site/ as it was.
- on_files: add the scripts and style sheets the blocks use, and the pages the build writes (a quiz
  page for each trade with enough posts, quizzes/trades/<trade>.md: see sorting_quiz/trades.py).
- on_nav: tell the state which page shows each quiz, for the quiz list and the email snippets.
- on_page_markdown: tell the state which page is converted (only the email previews need it).
- on_page_content: load each script and style sheet on the pages that use it, and nowhere else;
  the analytics forwarder only where a quiz is and only when mkdocs.yml switches analytics on.
- on_post_build: write the email snippets (email-snippets/<quiz>/<post>.*), in the staff site only.

MkDocs 1.6 loads a hook once per `mkdocs serve`: saving a quiz file or a page rebuilds with fresh
quizzes, but a change to this Python code needs the server restarted.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from settings_lines import setting_line
from sorting_quiz import published
from sorting_quiz.agency import AgencySettingsError, read_agency
from sorting_quiz.assets import (ASSETS, EMAIL_ASSETS, HARD_CASES_ASSETS, POST_CHECKER_ASSETS, asset_tags,
                                 page_has_email_snippets, page_has_hard_cases, page_has_post_checker, page_has_quiz)
from sorting_quiz.assets import analytics_assets
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.email_snippets import Campaign, write_snippets
from sorting_quiz.links import check_links
from sorting_quiz.markdown_extension import QuizExtension
from sorting_quiz.page_blocks import check_pages
from sorting_quiz.trades import page_clashes, short_trade_notes

log = logging.getLogger("mkdocs.hooks.quizzes")

serving = False  # set once per process: the hook module lives as long as `mkdocs serve` does


def on_startup(command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.site_url:
        raise PluginError("mkdocs.yml needs a site_url: the email snippets' links must be absolute")
    try:
        Campaign.from_config(config.extra)  # says exactly what mkdocs.yml lacks
    except ValueError as error:
        raise PluginError(str(error)) from None
    try:
        agency = read_agency(config.extra.get("agency"))
    except AgencySettingsError as error:
        raise PluginError(_settings_problems(config, error.problems)) from None
    settings = QuizSettings(root=_root(config), site_url=config.site_url,
                            email_campaign=config.extra["email_campaign"])
    config.markdown_extensions.append(QuizExtension(state=BuildState.load(settings, agency=agency)))
    # Templates (the footer, the About page) print these checked values, never the raw setting.
    config.extra["agency"] = agency.template_values() if agency else None
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    state = _state(config)
    pages = {file.src_uri: file for file in get_files(config).documentation_pages()}
    sources = {src_uri: file.content_string for src_uri, file in pages.items()}
    generated = state.generated_pages()  # checked as on_files will add them
    clashes = page_clashes(state.trade_quizzes.values(), sources, _page_path(config, "").rstrip("/"))
    sources.update(generated)
    checks = check_pages([(_page_path(config, src_uri), markdown) for src_uri, markdown in sources.items()],
                         state.catalogue, config.markdown_extensions, config.mdx_configs)
    by_page = {src_uri: checks[_page_path(config, src_uri)] for src_uri in sources}
    state.references = {src_uri: check.quiz_references for src_uri, check in by_page.items()}
    problems = {*state.catalogue.problems, *clashes,
                *check_links(state.catalogue.links, sources, state.catalogue, by_page)}
    for check in checks.values():
        problems.update(check.problems)
    for note in short_trade_notes(state.catalogue):
        log.info(note)
    # A listed post that is gone stops the build: removing a post sent emails link to is deliberate.
    _report([str(problem) for problem in sorted(problems)] + published.check(_root(config), state.catalogue))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for asset in (*ASSETS, *analytics_assets(config.extra), *EMAIL_ASSETS, *HARD_CASES_ASSETS, *POST_CHECKER_ASSETS):
        files.append(File.generated(config, asset.site_path, abs_src_path=str(asset.source)))
    for src_uri, markdown in _state(config).generated_pages():
        if files.get_file_from_path(src_uri) is None:  # a hand-written one is reported in on_pre_build
            files.append(File.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    pages = [(page.file.src_uri, page.url) for page in nav.pages]
    # Then the pages not in the navigation: the generated trade quiz pages (their list page links
    # to them) and, in the staff site, the staff pages (staff_site_hook adds them to it later).
    in_nav = dict(pages)
    pages += [(file.src_uri, file.url) for file in files.documentation_pages() if file.src_uri not in in_nav]
    _state(config).learn_pages(pages)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _state(config).current_page = page.file.src_uri
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page_has_quiz(html):
        html += asset_tags(page.url, (*analytics_assets(config.extra), *ASSETS))
    if page_has_email_snippets(html):
        html += asset_tags(page.url, EMAIL_ASSETS)
    if page_has_hard_cases(html):
        html += asset_tags(page.url, HARD_CASES_ASSETS)
    if page_has_post_checker(html):
        html += asset_tags(page.url, POST_CHECKER_ASSETS)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    if config.extra.get("staff_site"):  # the snippets are for staff: never on the public site
        write_snippets(_state(config).email_snippets(), Path(config.site_dir))


def _state(config: MkDocsConfig) -> BuildState:
    """The state on_config handed to the extension: the component keeps it, not this module."""
    extension = next(ext for ext in config.markdown_extensions if isinstance(ext, QuizExtension))
    return extension.state


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _page_path(config: MkDocsConfig, src_uri: str) -> str:
    return (Path(config.docs_dir) / src_uri).relative_to(_root(config)).as_posix()


def _settings_problems(config: MkDocsConfig, problems: list[tuple[str, str]]) -> str:
    """Every mistake in a setting, each with the file and line that sets it."""
    lines = []
    for where, message in problems:
        place = setting_line(config.config_file_path, where)
        lines.append(f"  {place[0]}:{place[1]}: {where}: {message}" if place else f"  {where}: {message}")
    heading = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} with settings:"
    return "\n".join([heading, *lines, "Fix these, then build again."])


def _report(problems: list[str]) -> None:
    """Every problem at once. A build stops; `mkdocs serve` keeps serving so the author
    can fix the file and see the page recover on save."""
    if not problems:
        return
    heading = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} with quizzes:"
    listing = "\n".join(f"  {problem}" for problem in problems)
    if serving:
        log.error(f"{heading}\n{listing}\nThe pages show what is wrong until the quiz files are fixed.")
        return
    raise PluginError(f"{heading}\n{listing}\nFix these, then build again.")

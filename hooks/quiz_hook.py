"""MkDocs hook: adapts MkDocs to the sorting_quiz component beside it (hooks/sorting_quiz/).

The component owns its data, a BuildState made from plain settings, and renders in any
Python-Markdown host. This hook does only what needs MkDocs:
- on_startup: note whether this is `mkdocs serve`, where problems are shown, not fatal.
- on_config: check the `extra:` settings (the component's, typed, in sorting_quiz/settings.py; the
  site's in site_settings.py: every problem at once) and hand templates the agency's checked values;
  load the quizzes with mkdocs.yml's `site_url`, `extra.email_campaign` and the agency, and
  register the Markdown extension with that state.
- on_pre_build: check quiz files, every page's blocks (read by pymdownx's own block parser), the
  links in quiz files and the published posts (each still on the page sent links go to);
  refuse staff-only blocks on the public site; stop with every problem listed at once (at most
  20 a file).
  MkDocs empties site/ right after this event, so a build stopped here leaves site/ as it was.
- on_files: add the scripts and style sheets the blocks use, and the pages the build writes (a quiz
  page for each trade with enough posts, quizzes/trades/<trade>.md: see sorting_quiz/trades.py).
- on_nav: tell the state which page shows each quiz, for the quiz list and the email snippets.
- on_page_markdown: tell the state which page is converted (only the email previews need it).
- on_page_content: load each script and style sheet on the pages that use it, and nowhere else (the
  style sheets before the content, so it is never drawn without them);
  the analytics forwarder only where a quiz is and only when mkdocs.yml switches analytics on.
  A build (not `mkdocs serve`) notes any page that would show the preview's problem box, and
  on_post_build stops it: whatever slipped past the checks, that box never ships.
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

import site_settings
from settings_lines import setting_line
from sorting_quiz import published
from sorting_quiz.assets import (ASSETS, EMAIL_ASSETS, HARD_CASES_ASSETS, POST_CHECKER_ASSETS, asset_tags,
                                 page_has_email_snippets, page_has_hard_cases, page_has_post_checker, page_has_quiz,
                                 with_assets)
from sorting_quiz.assets import ANALYTICS_ASSETS
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.components.email_tools.email_snippets import write_snippets
from sorting_quiz.links import check_links
from sorting_quiz.loader import Problem, _first_problems
from sorting_quiz.markdown_extension import QuizExtension
from sorting_quiz.page_blocks import check_pages
from sorting_quiz.settings import QuizSiteSettings, SettingsError, read_settings
from sorting_quiz.trades import page_clashes, short_trade_notes

log = logging.getLogger("mkdocs.hooks.quizzes")

serving = False  # set once per process: the hook module lives as long as `mkdocs serve` does
settings: QuizSiteSettings | None = None  # the component's settings, typed: read in on_config
shown_problems: list[str] = []  # pages of this build that show the preview's problem box
STAFF_ONLY_BLOCKS = ("email-snippets",)
PROBLEMS_BOX = 'class="admonition failure quiz-problems"'  # render.render_problems


def on_startup(command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global settings
    config_name = Path(config.config_file_path).name
    settings_problems = site_settings.problems(config.extra, config_name)
    try:
        settings = read_settings(config.extra)
    except SettingsError as error:
        settings_problems += _component_problems(config, error.problems)
    if not config.site_url:
        settings_problems.append(f"{config_name}: site_url: is missing; the email snippets' links must be absolute")
    if settings_problems:
        listing = "\n".join(f"  {problem}" for problem in settings_problems)
        raise PluginError(f"{len(settings_problems)} problem{'s' if len(settings_problems) != 1 else ''} with the "
                          f"settings:\n{listing}\nFix these, then build again.")
    assert settings is not None
    quiz_settings = QuizSettings(root=_root(config), site_url=config.site_url,
                                 email_campaign=config.extra["email_campaign"])
    config.markdown_extensions.append(QuizExtension(state=BuildState.load(quiz_settings, agency=settings.agency)))
    # Templates (the footer, the About page) print these checked values, never the raw setting.
    config.extra["agency"] = settings.agency.template_values() if settings.agency else None
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
    state.posts_on_pages = {src_uri: check.posts_shown(state.catalogue) for src_uri, check in by_page.items()}
    problems = {*state.catalogue.problems, *clashes,
                *check_links(state.catalogue.links, sources, state.catalogue, by_page)}
    for check in checks.values():
        problems.update(check.problems)
    if not _settings().staff_site:  # the snippets show staff how owners are sold to
        problems.update(Problem(_page_path(config, src_uri), line, "email snippets block",
                                "`/// email-snippets` is for the staff site only (mkdocs-staff.yml): it would "
                                "publish every sales snippet; move it to a page under docs/staff/")
                        for src_uri, check in by_page.items() for line, name in check.block_lines
                        if name in STAFF_ONLY_BLOCKS)
    shown_problems.clear()
    for note in short_trade_notes(state.catalogue):
        log.info(note)
    for trade_quiz in state.trade_quizzes.values():
        if trade_quiz.left_out:
            log.info(f"The quiz for {trade_quiz.businesses} ({trade_quiz.page}) shows its first "
                     f"{len(trade_quiz.quiz.posts)} posts; {trade_quiz.left_out:,} more have `trade: {trade_quiz.trade}`")
    # At most MAX_PROBLEMS_SHOWN a file, whichever check found them: one runaway file cannot bury the rest.
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(problems):
        by_file.setdefault(problem.path, []).append(problem)
    shown = [str(problem) for path in sorted(by_file) for problem in _first_problems(by_file[path])]
    # A listed post that is gone stops the build: removing a post sent emails link to is deliberate.
    by_address = {published.page_url(src_uri): posts for src_uri, posts in state.posts_on_pages.items()}
    _report(shown + published.check(_root(config), state.catalogue, by_address, state.settings.quizzes_dir))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for asset in (*ASSETS, *_analytics_assets(), *EMAIL_ASSETS, *HARD_CASES_ASSETS, *POST_CHECKER_ASSETS):
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
    if PROBLEMS_BOX in html and not serving:
        # The checks before the build should have stopped it; whatever slipped past them, a
        # build never ships the box that only the preview may show.
        shown_problems.append(page.file.src_uri)
    if page_has_quiz(html):
        html = with_assets(html, page.url, (*_analytics_assets(), *ASSETS))
    if page_has_email_snippets(html):
        html = with_assets(html, page.url, EMAIL_ASSETS)
    if page_has_hard_cases(html):
        html = with_assets(html, page.url, HARD_CASES_ASSETS)
    if page_has_post_checker(html):
        html = with_assets(html, page.url, POST_CHECKER_ASSETS)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    if shown_problems:
        raise PluginError(f"{len(shown_problems)} page{'s' if len(shown_problems) != 1 else ''} would show problems "
                          f"in place of a quiz or block: {', '.join(shown_problems)}; the preview (`make serve`) "
                          "shows what is wrong on the page. Fix it, then build again.")
    if _settings().staff_site:  # the snippets are for staff: never on the public site
        write_snippets(_state(config).email_snippets(), Path(config.site_dir))


def _state(config: MkDocsConfig) -> BuildState:
    """The state on_config handed to the extension: the component keeps it, not this module."""
    extension = next(ext for ext in config.markdown_extensions if isinstance(ext, QuizExtension))
    return extension.state


def _settings() -> QuizSiteSettings:
    assert settings is not None, "on_config reads the settings first"
    return settings


def _analytics_assets() -> tuple:
    """The forwarder of quiz events to the site's analytics, when on; else nothing at all."""
    return ANALYTICS_ASSETS if _settings().quiz_analytics else ()


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _page_path(config: MkDocsConfig, src_uri: str) -> str:
    return (Path(config.docs_dir) / src_uri).relative_to(_root(config)).as_posix()


def _component_problems(config: MkDocsConfig, problems: list[tuple[str, str]]) -> list[str]:
    """Each mistake in the component's settings, with the file that sets it; the agency's (many
    fields, often nested) also with the line."""
    name = Path(config.config_file_path).name
    lines = []
    for where, message in problems:
        place = setting_line(config.config_file_path, where) if where.startswith("extra.agency") else None
        lines.append(f"{place[0]}:{place[1]}: {where}: {message}" if place else f"{name}: {where}: {message}")
    return lines


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

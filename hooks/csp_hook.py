"""MkDocs hook: a Content-Security-Policy on every page, and `_headers` for hosts that read one.

Thin on purpose: the policy and the HTML work are in content_security_policy.py beside this file.
- on_startup: remember whether this is `mkdocs serve`. While serving, nothing is added: MkDocs'
  dev server injects its own inline livereload script into every page after the hooks have run,
  and a policy would block it, so the preview would stop reloading on save.
- on_config: read the inline scripts the theme's templates write (Material's, for the pinned
  version, and ours in overrides/): the only inline scripts a page may have.
- on_post_page / on_post_template: hash the page's inline scripts that are known ones and add the
  meta tag before any script. Any other inline script, event handler attribute, javascript: URL
  or <meta http-equiv=refresh> is text from some file that became code: it is never hashed, and
  the build stops at the end, naming the page and, when the text is found in a file of ours, that
  file and line (while serving, it is logged). Style attributes are warned about (a strict build
  stops). on_post_template covers 404.html, which is not a page.
- on_post_build: write site/_headers from the HTML files as written (pages and the other HTML
  other hooks write, such as the email snippet previews), so it always matches them.

Every event runs after other hooks' (priority -100): the hashes must be taken from the final HTML.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from content_security_policy import (
    DocumentPolicy,
    KnownScript,
    PagePolicy,
    allowed_sources,
    copies_email_html,
    add_meta,
    headers_file,
    known_scripts,
    only_known,
    read_inline_code,
    read_meta_policy,
    refused_code,
    site_rules,
    style_problems,
)

log = logging.getLogger("mkdocs.hooks.csp")

serving = False  # hooks are loaded once per process (MkDocs caches the module), so this lasts
# Each page's policy as on_post_page worked it out, by the page's final text, so on_post_build
# does not parse every page a second time (reading HTML is most of this hook's cost).
policies: dict[str, PagePolicy] = {}
known: tuple[KnownScript, ...] = ()  # the templates' inline scripts (on_config)
refused: list[str] = []  # "page: what", for every page of this build


def on_startup(command: str, dirty: bool) -> None:
    global serving
    serving = command == "serve"
    if serving:
        log.info("Content-Security-Policy: left out while serving, so the live reload script can run")


def _sources(config: MkDocsConfig) -> tuple[tuple[str, str], ...]:
    """Other hosts the site opted in to (analytics): none by default."""
    try:
        return allowed_sources(config.extra)
    except ValueError as error:
        raise PluginError(str(error)) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global known
    _sources(config)  # a bad setting stops the build before anything is built
    root = _root(config)
    folders = []
    for folder in config.theme.dirs:
        path = Path(folder).resolve()
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else \
            f"{path.parent.name}/{path.name}"  # material/templates
        folders.append((str(path), name))
    known = known_scripts(folders)
    return config


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def _with_policy(output: str, where: str, config: MkDocsConfig, source: str | None = None) -> str:
    found = read_inline_code(output)
    for words, problem in refused_code(found, known):
        refused.append(f"{where}: {problem}{_found_in(words, config, source)}")
        if serving:
            log.error(refused[-1])
    for problem in style_problems(found):
        log.warning(f"{where}: {problem}")
    if serving:
        return output
    policy = PagePolicy.of(only_known(found, known), _sources(config), inline_styles=copies_email_html(output))
    document = add_meta(output, policy)
    policies[_digest(document)] = policy
    return document


def _found_in(words: str, config: MkDocsConfig, source: str | None) -> str:
    """" (from includes/trades.yml:4)": where the refused code's words are written, when a file of
    ours has them: the page's own Markdown, the files quizzes and their pages are made from, the settings."""
    if not words.strip():
        return ""
    root = _root(config)
    candidates = [Path(config.docs_dir) / source] if source else []
    for folder in ("includes", "quizzes"):
        candidates += sorted((root / folder).glob("*.yml")) if (root / folder).is_dir() else []
    candidates.append(Path(config.config_file_path))
    for path in candidates:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, 1):
            if words in line or words.casefold() in line.casefold():
                shown = path.resolve()
                shown = shown.relative_to(root).as_posix() if shown.is_relative_to(root) else str(path)
                return f" (from {shown}:{number})"
    return ""


def _digest(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8", errors="replace")).hexdigest()


def on_pre_build(config: MkDocsConfig) -> None:
    policies.clear()
    refused.clear()


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    source = None if page.file.generated_by else page.file.src_uri
    return _with_policy(output, page.file.src_uri, config, source)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content  # sitemap.xml
    return _with_policy(output_content, f"{template_name} (theme template)", config)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if serving:
        return
    if refused:
        listing = "\n".join(f"  {problem}" for problem in refused)
        raise PluginError(f"{len(refused)} page{'s' if len(refused) != 1 else ''} with code that no template of "
                          f"the site writes (the policy allows none of it):\n{listing}\nFix these, then build again.")
    site = Path(config.site_dir)
    pages: dict[str, PagePolicy] = {}
    documents: dict[str, DocumentPolicy] = {}
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        known = policies.get(_digest(text))
        if known is not None:
            pages[name] = known  # written as on_post_page left it
            continue
        found = read_inline_code(text)
        if read_meta_policy(text) is not None:
            found = only_known(found, known)
            pages[name] = PagePolicy.of(found, _sources(config), inline_styles=copies_email_html(text))
        else:
            documents[name] = DocumentPolicy.of(found)
    (site / "_headers").write_text(headers_file(site_rules(pages, documents)), encoding="utf-8")

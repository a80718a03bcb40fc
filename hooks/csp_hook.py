"""MkDocs hook: a Content-Security-Policy on every page, and `_headers` for hosts that read one.

Thin on purpose: the policy and the HTML work are in content_security_policy.py beside this file.
- on_startup: remember whether this is `mkdocs serve`. While serving, nothing is added: MkDocs'
  dev server injects its own inline livereload script into every page after the hooks have run,
  and a policy would block it, so the preview would stop reloading on save.
- on_post_page / on_post_template: hash the inline scripts the finished page really has
  (Material's and ours) and add the meta tag before any script; warn about inline code that no
  hash can allow (event handler attributes, javascript: URLs, style attributes), which stops a
  strict build. on_post_template covers 404.html, which is not a page.
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
    PagePolicy,
    allowed_sources,
    copies_email_html,
    add_meta,
    headers_file,
    page_problems,
    read_inline_code,
    read_meta_policy,
    site_rules,
)

log = logging.getLogger("mkdocs.hooks.csp")

serving = False  # hooks are loaded once per process (MkDocs caches the module), so this lasts
# Each page's policy as on_post_page worked it out, by the page's final text, so on_post_build
# does not parse every page a second time (reading HTML is most of this hook's cost).
policies: dict[str, PagePolicy] = {}


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


def _with_policy(output: str, where: str, config: MkDocsConfig) -> str:
    found = read_inline_code(output)
    for problem in page_problems(found):
        log.warning(f"{where}: {problem}")
    policy = PagePolicy.of(found, _sources(config), inline_styles=copies_email_html(output))
    document = add_meta(output, policy)
    policies[_digest(document)] = policy
    return document


def _digest(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8", errors="replace")).hexdigest()


def on_pre_build(config: MkDocsConfig) -> None:
    policies.clear()


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if serving:
        return output
    return _with_policy(output, page.file.src_uri, config)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if serving or not template_name.endswith(".html"):
        return output_content  # sitemap.xml
    return _with_policy(output_content, f"{template_name} (theme template)", config)


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if serving:
        return
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
            pages[name] = PagePolicy.of(found, _sources(config), inline_styles=copies_email_html(text))
        else:
            documents[name] = DocumentPolicy.of(found)
    (site / "_headers").write_text(headers_file(site_rules(pages, documents)), encoding="utf-8")

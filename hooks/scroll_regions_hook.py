"""MkDocs hook: tables that scroll sideways can be reached and scrolled by keyboard.

A region that scrolls must be reachable by keyboard (WCAG 2.1.1; axe's
scrollable-region-focusable). On a phone, a table of four columns is wider than the screen and
Material lets it scroll sideways, but nothing in it takes focus, so a keyboard user (a tablet
with a keyboard, switch access) cannot scroll it. Every table gets tabindex="0": focused, the
arrow keys scroll the region around it (Material's scroll wrapper, or the table itself when
script is off). Which tables will scroll depends on the reader's screen, so all of them do.
Wrapping is no answer for tables: field names such as `image_description` would break mid-word.

Code blocks are handled in docs/assets/stylesheets/site.css instead: their lines wrap, so they
never scroll.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig


class FocusableTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            table.set("tabindex", "0")


class FocusableTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(FocusableTables(md), "focusable_tables", 0)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(FocusableTablesExtension())
    return config

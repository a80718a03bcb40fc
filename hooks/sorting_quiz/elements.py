"""HTML elements for every component's markup: fixed text and text from files shown exactly as
written, and quiz fields that take inline Markdown marked as such (safe_markdown says which).
Shared by the components (components/*/), so none of them imports another for it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import AtomicString


def literal(text: str) -> AtomicString:
    """Text shown exactly as written: no Markdown, and no HTML, ever.

    AtomicString keeps inline Markdown off it; `&` is escaped here because Markdown's
    serializer leaves anything that looks like an entity (`&amp;`) alone.
    """
    return AtomicString(text.replace("&", "&amp;"))


class MarkdownText(str):
    """Text from a quiz field that takes inline Markdown (safe_markdown says which): the page's
    inline processors read it. Every other text the quiz shows is fixed and read by none of them,
    which also saves the page's build dozens of inline patterns on each of its many small texts."""


def _markdown(text: str) -> MarkdownText:
    """Inline Markdown (bold, links, emphasis), but raw HTML is shown as text."""
    return MarkdownText(text.replace("&", "&amp;").replace("<", "&lt;"))


def text_element(parent: etree.Element, tag: str, text: str | None, **attributes: str) -> etree.Element:
    """`class_="x", data_post="y"` become `class="x" data-post="y"`. Text is shown as written
    (`literal`) unless it is MarkdownText."""
    element = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()})
    element.text = text if text is None or isinstance(text, (AtomicString, MarkdownText)) else literal(text)
    return element

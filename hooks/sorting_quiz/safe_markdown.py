"""The little Markdown that quiz files may use, and nothing more.

Quiz fields such as `explanation` are converted by the page's own Markdown, which has
`attr_list`, images and raw HTML switched on for the site's pages. From a quiz file those could
run script (`{: onerror=…}`), load from other hosts (a tracking pixel) or open `javascript:`
links, so the loader refuses them with the file and line, and `sanitise` strips anything that
got past it from the rendered quiz.

Allowed: **bold**, *emphasis*, `code`, line breaks, and links `[words](page.md#anchor)` to a
page of this site (written from the docs folder) or `[words](https://…)`.

Links are found by Python-Markdown's own inline processors, run on the text as the quiz blocks
hand it to them (nested brackets, titles, escapes and white space read exactly as the page will
read them), so a link that passes here is the link the page gets, and nothing that passes can
leave MkDocs an `<a>` it cannot read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import markdown

# An inline link with an optional title: [words](url "title").
LINK = re.compile(r"(?<!!)\[(?P<words>[^\]\n]*)\]\(\s*<?(?P<url>[^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]")
# attr_list's own pattern: `{: #id .class key=value}` or `{#id}` after an element.
ATTRIBUTES = re.compile(r"\{\:?[ ]*[^\}\n ][^\}\n]*[ ]*\}")
RAW_HTML = re.compile(r"<\s*[A-Za-z/!?]")
ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*\S|\]\[[^\]\n]*\]", re.MULTILINE)
PAGE = re.compile(r"^(?:[\w.-]+/)*[\w.-]+\.md$")
ANCHOR = re.compile(r"^[\w.:-]+$")


@dataclass(frozen=True)
class FieldLink:
    """A link written in a quiz field: to a page of the site (and maybe an anchor), or https."""

    url: str

    @property
    def page(self) -> str | None:
        """The page it points at, from the docs folder ("difference.md"); None for https or `#x`."""
        parts = urlsplit(self.url)
        return None if parts.scheme or not parts.path else parts.path

    @property
    def anchor(self) -> str:
        return urlsplit(self.url).fragment


@cache
def _inline_markdown() -> markdown.Markdown:
    return markdown.Markdown()  # its default inline patterns: the ones every page has


def markdown_links(text: str) -> list[tuple[str, str, int]]:
    """Every link and picture in the text as the page's Markdown reads it: (written as, address,
    where it starts in the text), address "" for a picture. The text is escaped as the quiz blocks
    escape it (render._markdown) and run through Python-Markdown's own inline processor."""
    if "[" not in text:
        return []  # every link and picture pattern starts at a `[` (`<` for an autolink is escaped below)
    md = _inline_markdown()
    md.reset()
    root = etree.Element("div")
    paragraph = etree.SubElement(root, "p")
    paragraph.text = text.replace("&", "&amp;").replace("<", "&lt;")
    md.treeprocessors["inline"].run(root)
    md.treeprocessors["unescape"].run(root)  # backslash escapes, as the page's own build undoes them
    found = []
    for element in root.iter():
        if element.tag not in ("a", "img"):
            continue
        address = element.get("href" if element.tag == "a" else "src") or ""
        words = "".join(element.itertext()) if element.tag == "a" else element.get("alt", "")
        shown = f"[{words}]({address})" if element.tag == "a" else f"![{words}]({address})"
        at = text.find(address) if address else -1
        found.append((shown, address if element.tag == "a" else "", at if at >= 0 else len(text)))
    return found


def problems_in(text: str) -> list[tuple[str, str]]:
    """What the text uses that quiz files may not: (the offending words, what to do), in order."""
    found: list[tuple[int, str, str]] = []
    for match in IMAGE.finditer(text):
        found.append((match.start(), match.group(), "pictures are not allowed in quiz text; describe the picture "
                      "in `image_description` instead"))
    for match in RAW_HTML.finditer(text):
        found.append((match.start(), text[match.start():match.start() + 12].split(">")[0] + ">",
                      "HTML is not allowed in quiz text; use **bold**, *emphasis* or a [link](page.md)"))
    for match in ENTITY.finditer(text):
        found.append((match.start(), match.group(), "HTML entities are not allowed; type the character itself"))
    for match in ATTRIBUTES.finditer(text):
        found.append((match.start(), match.group(), "`{…}` would set HTML attributes; remove the braces and "
                      "what is inside them"))
    for match in REFERENCE.finditer(text):
        found.append((match.start(), match.group().strip(), "write links in full, as [words](page.md)"))
    pictures = bool(IMAGE.search(text))
    for shown, url, at in markdown_links(text):
        if shown.startswith("!"):
            if not pictures:
                found.append((at, shown, "pictures are not allowed in quiz text; describe the picture in "
                              "`image_description` instead"))
            continue
        problem = _link_problem(url)
        if problem:
            found.append((at, shown, problem))
    return [(words, fix) for _, words, fix in sorted(found, key=lambda item: item[0])]


def links_in(text: str) -> list[FieldLink]:
    """The allowed links in the text, for checking that their pages and anchors exist."""
    return [FieldLink(url) for shown, url, _ in markdown_links(text) if url and not _link_problem(url)]


def _link_problem(url: str) -> str | None:
    if re.search(r"[\s\x00-\x1f\x7f-\x9f]", url):
        return "a link's address has no spaces, tabs or line breaks in it; write it on one line, without spaces"
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return None
    if parts.scheme or parts.netloc or url.startswith("/"):
        return ("links go to a page of this site, written from the docs folder like [words](difference.md), "
                "or to an https:// address")
    if not url or (parts.path and not PAGE.match(parts.path)) or (parts.fragment and not ANCHOR.match(parts.fragment)):
        return "a link to a page of this site names its file, like [words](difference.md#hard-cases)"
    return None


# Attributes that can run script or fetch from elsewhere; none of the quiz's own markup uses them.
UNSAFE_ATTRIBUTE = re.compile(r"^(on|style$|src|formaction$|srcset$|background$|poster$|action$|xlink:)", re.I)
DROPPED_TAGS = ("img", "script", "iframe", "object", "embed", "video", "audio", "source", "link", "style")


def sanitise(root: etree.Element) -> None:
    """Belt and braces after the loader's checks: strips from rendered quiz markup anything that
    could run script or load from another host."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in DROPPED_TAGS:
                tail = child.tail
                parent.remove(child)
                if tail:
                    _append_text(parent, tail)
    for element in root.iter():
        for name in [name for name in element.attrib if UNSAFE_ATTRIBUTE.match(name)]:
            del element.attrib[name]
    for parent in list(root.iter()):
        for child in list(parent):
            href = child.get("href")
            if child.tag == "a" and (href is None or _unsafe_href(href)):
                _unwrap(parent, child)  # its words stay; an <a> without an address would stop MkDocs


def _unsafe_href(href: str) -> bool:
    scheme = urlsplit(href.strip()).scheme.lower()
    return scheme not in ("", "https", "http")


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replaces `child` with its text and children, in place."""
    at = list(parent).index(child)
    previous = parent[at - 1] if at else None
    words = child.text or ""
    if previous is None:
        parent.text = (parent.text or "") + words
    else:
        previous.tail = (previous.tail or "") + words
    for offset, grandchild in enumerate(list(child)):
        parent.insert(at + offset, grandchild)
    moved = len(child)
    last = parent[at + moved - 1] if moved else previous
    parent.remove(child)
    if child.tail:
        if last is None:
            parent.text = (parent.text or "") + child.tail
        else:
            last.tail = (last.tail or "") + child.tail


def _append_text(parent: etree.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text

"""The little Markdown that quiz files may use, and nothing more.

Quiz fields such as `explanation` are converted by the page's own Markdown, which has
`attr_list`, images and raw HTML switched on for the site's pages. From a quiz file those could
run script (`{: onerror=…}`), load from other hosts (a tracking pixel) or open `javascript:`
links, so the loader refuses them with the file and line, and `sanitise` strips anything that
got past it from the rendered quiz.

Allowed: **bold**, *emphasis*, `code`, line breaks, and links `[words](page.md#anchor)` to a
page of this site (written from the docs folder) or `[words](https://…)`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from urllib.parse import urlsplit

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
    for match in LINK.finditer(text):
        problem = _link_problem(match.group("url"))
        if problem:
            found.append((match.start(), match.group(), problem))
    return [(words, fix) for _, words, fix in sorted(found, key=lambda item: item[0])]


def links_in(text: str) -> list[FieldLink]:
    """The allowed links in the text, for checking that their pages and anchors exist."""
    return [FieldLink(match.group("url")) for match in LINK.finditer(text) if not _link_problem(match.group("url"))]


def _link_problem(url: str) -> str | None:
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
        href = element.get("href")
        if href is not None and _unsafe_href(href):
            del element.attrib["href"]


def _unsafe_href(href: str) -> bool:
    scheme = urlsplit(href.strip()).scheme.lower()
    return scheme not in ("", "https", "http")


def _append_text(parent: etree.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text

"""Every built page: its head (title, description, link preview), nothing loaded from
other hosts, and the reading level. No browser: these read the built files."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from PIL import Image

from support.readability import GRADE_MAX, READING_EASE_MIN, Readability, measure_site
from support.site_pages import PAGES, STAFF_PAGES, SitePage, configured_site_url

CARD_SIZE = (1200, 630)

# <link rel> values that only name another page, and so load nothing.
NAVIGATION_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "me", "bookmark"}
# <link rel> values that make the browser contact a host before anything asks for it.
CONNECTING_RELS = {"preconnect", "dns-prefetch", "prerender"}
LOADING_ATTRIBUTES = ("src", "href", "srcset", "data", "poster", "action", "formaction", "background")

CSS_URL = re.compile(r"""url\(\s*['"]?\s*([^'")\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?\s*([^'")\s;]+)""", re.IGNORECASE)
FONT_HOSTS = re.compile(r"fonts\.googleapis\.com|fonts\.gstatic\.com", re.IGNORECASE)


def is_other_host(url: str) -> bool:
    """True when `url` points at a host other than this site (relative and data: URLs do not)."""
    url = url.strip()
    parts = urlsplit(url)
    if url.startswith("//") or parts.scheme in ("http", "https", "ws", "wss", "ftp"):
        return parts.hostname != urlsplit(configured_site_url()).hostname
    return False


def page_id(page: SitePage) -> str:
    return page.name


# The public site (mkdocs.yml) and the staff site (mkdocs-staff.yml: the public pages plus the
# staff pages): each page is checked in the first build that has it.
BUILD_FIXTURES = {"public": "built_site", "staff": "built_staff_site"}
BUILD_PAGES = {"public": PAGES, "staff": [*PAGES, *STAFF_PAGES]}
CHECKED = [("public", page) for page in PAGES] + [("staff", page) for page in STAFF_PAGES]


def checked_id(item: object) -> str:
    return item.name if isinstance(item, SitePage) else str(item)


@pytest.fixture(scope="session")
def readability_by_page(request: pytest.FixtureRequest):
    """readability_by_page(build) -> {page: Readability}, measured once per build."""
    measured: dict[str, dict[str, Readability]] = {}

    def of(build: str) -> dict[str, Readability]:
        if build not in measured:
            site = request.getfixturevalue(BUILD_FIXTURES[build])
            measured[build] = {result.page: result for result in measure_site(site)}
        return measured[build]

    return of


# --- which pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("build", BUILD_FIXTURES)
def test_every_built_page_comes_from_docs(request: pytest.FixtureRequest, build: str) -> None:
    built_site = request.getfixturevalue(BUILD_FIXTURES[build])
    built = {
        path.relative_to(built_site).as_posix()
        for path in built_site.rglob("index.html")
        if not path.relative_to(built_site).as_posix().startswith(("assets/", "search/"))
    }
    assert built == {page.html for page in BUILD_PAGES[build]}


# --- each page's head -----------------------------------------------------------------------


@pytest.mark.parametrize(("build", "page"), CHECKED, ids=checked_id)
def test_page_has_one_h1_a_description_and_a_link_preview(request: pytest.FixtureRequest, build: str,
                                                          page: SitePage) -> None:
    built_site = request.getfixturevalue(BUILD_FIXTURES[build])
    root = lxml.html.fromstring((built_site / page.html).read_bytes())
    problems = []

    headings = [h.text_content().strip() for h in root.iter("h1")]
    if len(headings) != 1:
        problems.append(f"{len(headings)} <h1> elements (want exactly 1): {headings}")

    def meta(attribute: str, key: str) -> str:
        found = root.xpath(f"//meta[@{attribute}=$key]/@content", key=key)
        return str(found[0]).strip() if found else ""

    if not meta("name", "description"):
        problems.append("no meta description: add `description:` to the page's front matter")
    for key in ("og:title", "og:description", "og:image", "og:url"):
        if not meta("property", key):
            problems.append(f"no {key}")
    if meta("name", "twitter:card") != "summary_large_image":
        problems.append(f"twitter:card is {meta('name', 'twitter:card')!r}, not 'summary_large_image'")

    canonical = root.xpath("//link[@rel='canonical']/@href")
    if canonical and meta("property", "og:url") != canonical[0]:
        problems.append(f"og:url {meta('property', 'og:url')!r} is not the canonical URL {canonical[0]!r}")

    image = meta("property", "og:image")
    if image:
        if not image.startswith(configured_site_url()):
            problems.append(f"og:image {image!r} is not an absolute URL under {configured_site_url()}")
        else:
            card = built_site / image[len(configured_site_url()) :]
            if not card.is_file():
                problems.append(f"og:image {image!r}: no file {card.relative_to(built_site)} in the build")
            else:
                with Image.open(card) as picture:
                    if (picture.format, picture.size) != ("PNG", CARD_SIZE):
                        problems.append(f"card {card.name} is a {picture.format} of {picture.size}, not a PNG of {CARD_SIZE}")

    assert not problems, f"{page.name}:\n  " + "\n  ".join(problems)


# --- nothing from other hosts ---------------------------------------------------------------


def _loaded_urls(root: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """(what, url) for everything an HTML page makes the browser fetch or contact."""
    found: list[tuple[str, str]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        tag = element.tag
        if tag == "link":
            rels = set((element.get("rel") or "").lower().split())
            if rels & CONNECTING_RELS:
                found.append((f"<link rel={element.get('rel')}>", element.get("href") or "//?"))
                continue
            if rels and rels <= NAVIGATION_RELS:
                continue
        for attribute in LOADING_ATTRIBUTES:
            value = element.get(attribute)
            if value is None or (attribute == "href" and tag in ("a", "area")):
                continue  # a link to another site is navigation, not loading
            urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" else [value]
            found.extend((f"<{tag} {attribute}>", url) for url in urls)
        for name, value in element.attrib.items():
            if name.endswith("}href") or name == "xlink:href":  # SVG <image>/<use>
                found.append((f"<{tag} {name}>", value))
        style = element.get("style") or ""
        if tag == "style":
            style += element.text or ""
        css_urls = dict.fromkeys(CSS_URL.findall(style) + CSS_IMPORT.findall(style))
        found.extend((f"<{tag}> css", url) for url in css_urls)
    return found


@pytest.mark.parametrize("build", BUILD_FIXTURES)
def test_no_page_loads_anything_from_another_host(request: pytest.FixtureRequest, build: str) -> None:
    built_site = request.getfixturevalue(BUILD_FIXTURES[build])
    problems = []
    for path in sorted(built_site.rglob("*.html")):
        root = lxml.html.fromstring(path.read_bytes())
        for what, url in _loaded_urls(root):
            if is_other_host(url) or what.startswith("<link rel"):
                problems.append(f"{path.relative_to(built_site)}: {what} {url}")
    assert not problems, "Pages load from other hosts:\n  " + "\n  ".join(problems)


def test_no_css_or_script_loads_anything_from_another_host(built_site: Path) -> None:
    problems = []
    for path in sorted([*built_site.rglob("*.css"), *built_site.rglob("*.js")]):
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(built_site)
        problems += [f"{name}: url({url})" for url in CSS_URL.findall(text) if is_other_host(url)]
        problems += [f"{name}: @import {url}" for url in CSS_IMPORT.findall(text) if is_other_host(url)]
        problems += [f"{name}: mentions {match}" for match in sorted(set(FONT_HOSTS.findall(text)))]
    assert not problems, "CSS or scripts load from other hosts:\n  " + "\n  ".join(problems)


# --- reading level --------------------------------------------------------------------------


@pytest.mark.parametrize(("build", "page"), CHECKED, ids=checked_id)
def test_page_is_easy_to_read(readability_by_page, build: str, page: SitePage) -> None:
    result = readability_by_page(build).get(page.readability_key)
    assert result is not None, f"{page.name}: tests/support/readability.py measured no such page"
    assert result.ok, (
        f"{page.name} is too hard to read: Flesch Reading Ease {result.reading_ease:.1f} "
        f"(needs >= {READING_EASE_MIN:g}), Flesch-Kincaid grade {result.grade:.1f} "
        f"(needs <= {GRADE_MAX:g}), {result.words} words"
    )

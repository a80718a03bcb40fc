"""Link previews: a social card per page, and the values for the Open Graph tags.

For every page this hook draws a 1200x630 card (see hooks/social_cards.py) into
the built site at assets/social/<page path>.png, and puts everything the
template needs on `page.meta["social"]`, so overrides/main.html only prints it.

Front matter a page may set:
    description: ...    used for og:description (else the site's description)
    card_title: ...     the big text on the card (else the page's title)
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TypedDict
from urllib.parse import urljoin, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from social_cards import HEIGHT, WIDTH, CardText, render_card

CARDS_DIR = "assets/social"
CACHE_DIR = Path(".cache") / "social"  # beside mkdocs.yml; git-ignored
LOCALE = "en_GB"


class SocialMeta(TypedDict):
    """What overrides/main.html prints, as `page.meta.social.<key>`."""

    type: str
    site_name: str
    locale: str
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    image_width: int
    image_height: int


def _plain(text: object) -> str:
    """One line of plain text: no tags, no runs of spaces."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", str(text or ""))).strip()


def card_path(page: Page) -> str:
    """assets/social/<page's source path without .md>.png, e.g. assets/social/quizzes/basics.png."""
    stem = posixpath.splitext(page.file.src_uri)[0]
    return f"{CARDS_DIR}/{stem}.png"


def social_meta(page: Page, config: MkDocsConfig) -> tuple[SocialMeta, CardText]:
    site_name = _plain(config.site_name)
    site_url = config.site_url or "/"
    title = site_name if page.is_homepage else _plain(page.title) or site_name
    description = _plain(page.meta.get("description")) or _plain(config.site_description)
    card = CardText(
        site_name=site_name,
        title=_plain(page.meta.get("card_title")) or title,
        description=description,
        host=urlsplit(site_url).hostname or "",
    )
    meta: SocialMeta = {
        "type": "website",
        "site_name": site_name,
        "locale": LOCALE,
        "title": title,
        "description": description,
        "url": page.canonical_url or urljoin(site_url, page.url),
        "image": urljoin(site_url, card_path(page)),
        "image_alt": card.title if card.title.startswith(site_name) else f"{card.title} \u2013 {site_name}",
        "image_width": WIDTH,
        "image_height": HEIGHT,
    }
    return meta, card


def on_page_context(
    context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    # Here the page's title is final (nav title, else front matter, else its H1).
    meta, card = social_meta(page, config)
    page.meta["social"] = meta
    cache_dir = Path(config.config_file_path).resolve().parent / CACHE_DIR
    render_card(card, Path(config.site_dir) / card_path(page), cache_dir)
    return context

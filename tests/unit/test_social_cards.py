"""The link-preview cards (hooks/social_cards.py) and the values the hook gives the template."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageFont

import social_cards
from social_cards import CardText, draw_card, render_card, wrap
from social_cards_hook import card_path, social_meta

SITE = dict(site_name="Marketing or management?", host="marketing-or-management.example.co.uk")
LONG = CardText(
    **SITE,
    title=" ".join(["A very long page title that goes past what three lines of big text can hold."] * 2),
    description=" ".join(["Plenty of words in a description that will not fit on three lines."] * 4),
)


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        (social_cards.WHITE, social_cards.INDIGO_500),  # site name, title
        (social_cards.INDIGO_50, social_cards.INDIGO_500),  # description
        (social_cards.INDIGO_100, social_cards.INDIGO_800),  # address in the band
    ],
)
def test_card_text_has_aa_contrast(foreground: str, background: str) -> None:
    assert contrast(foreground, background) >= 4.5


def test_a_long_title_and_description_are_cut_with_an_ellipsis_and_fit() -> None:
    title_font, title, description = social_cards._layout(LONG)
    assert len(title) <= social_cards.TITLE_MAX_LINES and title[-1].endswith("\u2026")
    assert len(description) <= social_cards.DESCRIPTION_MAX_LINES and description[-1].endswith("\u2026")
    for line in title:
        assert title_font.getlength(line) <= social_cards.TEXT_WIDTH
    image = draw_card(LONG)
    assert image.size == (1200, 630)


def test_wrap_splits_a_word_wider_than_the_line() -> None:
    font = ImageFont.truetype(str(social_cards.FONT_BOLD), 76)
    lines = wrap("x" * 80, font, 400, max_lines=10)
    assert len(lines) > 1 and all(font.getlength(line) <= 400 for line in lines)


def test_cards_are_cached_by_their_text(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    text = CardText(**SITE, title="The basics", description="Sort ten posts.")
    assert render_card(text, tmp_path / "a.png", cache) is True
    assert render_card(text, tmp_path / "b.png", cache) is False  # drawn once, copied after
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    changed = CardText(**SITE, title="The basics", description="Sort twelve posts.")
    assert render_card(changed, tmp_path / "c.png", cache) is True
    with Image.open(tmp_path / "c.png") as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))


def _page(src_uri: str, url: str, title: str, meta: dict[str, str], is_homepage: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=src_uri),
        url=url,
        title=title,
        meta=meta,
        is_homepage=is_homepage,
        canonical_url=f"https://example.co.uk/{url}",
    )


CONFIG = SimpleNamespace(
    site_name="Marketing or management?",
    site_url="https://example.co.uk/",
    site_description="The plain-English guide.",
)


def test_card_title_changes_the_card_but_not_the_page_title() -> None:
    page = _page(
        "quizzes/basics.md",
        "quizzes/basics/",
        "The basics",
        {"description": "Sort ten posts.", "card_title": "Marketing or management? Sort 10 posts in 2 minutes"},
    )
    meta, card = social_meta(page, CONFIG)  # type: ignore[arg-type]
    assert card.title == "Marketing or management? Sort 10 posts in 2 minutes"
    assert meta["title"] == "The basics"
    assert meta["description"] == "Sort ten posts."
    assert meta["url"] == "https://example.co.uk/quizzes/basics/"
    assert meta["image"] == "https://example.co.uk/assets/social/quizzes/basics.png"
    assert meta["image_alt"] == card.title
    assert (meta["image_width"], meta["image_height"]) == (1200, 630)
    assert card_path(page) == "assets/social/quizzes/basics.png"  # type: ignore[arg-type]


def test_the_home_page_uses_the_site_name_and_falls_back_to_the_site_description() -> None:
    page = _page("index.md", "", "Home", {}, is_homepage=True)
    meta, card = social_meta(page, CONFIG)  # type: ignore[arg-type]
    assert meta["title"] == card.title == "Marketing or management?"
    assert meta["description"] == "The plain-English guide."
    assert meta["image"] == "https://example.co.uk/assets/social/index.png"

"""Link-preview cards ("social cards"), drawn offline with Pillow.

One 1200x630 PNG per page: the site's name at the top, the page's title big,
its description smaller, and the site's address in a darker band at the
bottom. Only fonts committed in hooks/fonts/ are used, so every machine draws
the same card and the build needs no network.

Drawing a card takes a few tens of milliseconds; cards are cached under a key
made from their text and from this file and the fonts, so a rebuild only
redraws the cards whose text (or design) changed.

Used by hooks/social_cards_hook.py; kept free of MkDocs so it can be tested
on its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630

FONTS_DIR = Path(__file__).parent / "fonts"
FONT_REGULAR = FONTS_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONTS_DIR / "DejaVuSans-Bold.ttf"

# Material's indigo palette. White on indigo 500 is 6.9:1 and the lighter
# tints used below stay above 4.5:1, so every line passes WCAG AA.
INDIGO_500 = "#3f51b5"  # card background (the site's primary colour)
INDIGO_800 = "#283593"  # bottom band
INDIGO_50 = "#e8eaf6"  # description text
INDIGO_100 = "#c5cae9"  # site name and address
INDIGO_400 = "#5c6bc0"  # decoration only, carries no text
WHITE = "#ffffff"

MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
BAND_HEIGHT = 84
BAND_TOP = HEIGHT - BAND_HEIGHT
HEADER_TOP = 56
LOGO_SIZE = 56
BODY_TOP = HEADER_TOP + LOGO_SIZE + 48  # where the title starts
BODY_BOTTOM = BAND_TOP - 40  # nothing but the band below this line

TITLE_SIZES = (76, 68, 60, 54, 48)  # tried in turn until the title fits
TITLE_MAX_LINES = 3
DESCRIPTION_SIZE = 32
DESCRIPTION_MAX_LINES = 3
GAP = 28  # between title and description
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class CardText:
    """Everything written on a card; the cache key is made from it."""

    site_name: str
    title: str
    description: str
    host: str


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def _design_fingerprint() -> str:
    """Changes whenever this file or a font changes, so old cards are redrawn."""
    digest = hashlib.sha256()
    for path in (Path(__file__), FONT_REGULAR, FONT_BOLD):
        digest.update(path.read_bytes())
    return digest.hexdigest()


# Taken once, at import: the code that runs is the code that was hashed, even
# if this file is edited while a build is running.
DESIGN_FINGERPRINT = _design_fingerprint()


def cache_key(text: CardText) -> str:
    payload = json.dumps(asdict(text), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{DESIGN_FINGERPRINT}\n{payload}".encode()).hexdigest()


def _fits(text: str, font: ImageFont.FreeTypeFont, width: int) -> bool:
    return font.getlength(text) <= width


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width` pixels; the last line ends in an ellipsis if cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        # A word wider than the whole line (a long URL, say) is split by characters.
        while not _fits(word, font, width):
            cut = len(word) - 1
            while cut > 1 and not _fits(word[:cut], font, width):
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if _fits(candidate, font, width):
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and not _fits(last.rstrip(" ,.;:") + ELLIPSIS, font, width):
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = last.rstrip(" ,.;:") + ELLIPSIS
    return kept


def _line_height(font: ImageFont.FreeTypeFont, factor: float) -> int:
    return round(font.size * factor)


def _layout(text: CardText) -> tuple[ImageFont.FreeTypeFont, list[str], list[str]]:
    """The biggest title size at which title and description fit the body area."""
    description_font = _font(FONT_REGULAR, DESCRIPTION_SIZE)
    room = BODY_BOTTOM - BODY_TOP
    for max_description_lines in (DESCRIPTION_MAX_LINES, 2):
        description = wrap(text.description, description_font, TEXT_WIDTH, max_description_lines)
        description_height = len(description) * _line_height(description_font, 1.35)
        for size in TITLE_SIZES:
            title_font = _font(FONT_BOLD, size)
            title = wrap(text.title, title_font, TEXT_WIDTH, TITLE_MAX_LINES)
            cut = title[-1].endswith(ELLIPSIS) and not text.title.endswith(ELLIPSIS)
            height = len(title) * _line_height(title_font, 1.15)
            if description:
                height += GAP + description_height
            if height <= room and (not cut or size == TITLE_SIZES[-1]):
                return title_font, title, description
    # Still too much text: smallest title, two description lines, whatever is cut.
    title_font = _font(FONT_BOLD, TITLE_SIZES[-1])
    return (
        title_font,
        wrap(text.title, title_font, TEXT_WIDTH, TITLE_MAX_LINES),
        wrap(text.description, description_font, TEXT_WIDTH, 2),
    )


def _draw_logo(draw: ImageDraw.ImageDraw, left: int, top: int, size: int) -> None:
    """The site's favicon (two pages side by side), inverted to white on indigo."""
    unit = size / 32  # the favicon is drawn on a 32x32 grid
    draw.rounded_rectangle((left, top, left + size, top + size), radius=round(6 * unit), fill=WHITE)
    for page_left in (7, 17):
        box = (left + page_left * unit, top + 9 * unit, left + (page_left + 8) * unit, top + 23 * unit)
        draw.rectangle(box, fill=INDIGO_500)
        for line_y in (13, 17):
            y = top + line_y * unit
            draw.line(
                (left + (page_left + 2) * unit, y, left + (page_left + 6) * unit, y),
                fill=WHITE,
                width=max(1, round(2 * unit)),
            )


def draw_card(text: CardText) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), INDIGO_500)
    draw = ImageDraw.Draw(image)

    # Decoration: two rings in the top-right corner, kept clear of the text.
    for radius, ring in ((190, 34), (112, 22)):
        centre_x, centre_y = WIDTH - 40, -10
        draw.ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            outline=INDIGO_400,
            width=ring,
        )

    # Header: logo and site name (just the logo when the title is the site's name).
    _draw_logo(draw, MARGIN, HEADER_TOP, LOGO_SIZE)
    if text.title != text.site_name:
        draw.text(
            (MARGIN + LOGO_SIZE + 22, HEADER_TOP + LOGO_SIZE // 2),
            text.site_name,
            font=_font(FONT_BOLD, 34),
            fill=WHITE,
            anchor="lm",
        )

    # Body: title, then description.
    title_font, title_lines, description_lines = _layout(text)
    y = BODY_TOP
    for line in title_lines:
        draw.text((MARGIN, y), line, font=title_font, fill=WHITE, anchor="la")
        y += _line_height(title_font, 1.15)
    if description_lines:
        y += GAP
        description_font = _font(FONT_REGULAR, DESCRIPTION_SIZE)
        for line in description_lines:
            draw.text((MARGIN, y), line, font=description_font, fill=INDIGO_50, anchor="la")
            y += _line_height(description_font, 1.35)

    # Bottom band: the site's address.
    draw.rectangle((0, BAND_TOP, WIDTH, HEIGHT), fill=INDIGO_800)
    draw.text(
        (MARGIN, BAND_TOP + BAND_HEIGHT // 2),
        text.host,
        font=_font(FONT_REGULAR, 28),
        fill=INDIGO_100,
        anchor="lm",
    )
    return image


def render_card(text: CardText, destination: Path, cache_dir: Path | None = None) -> bool:
    """Writes the card to `destination`; returns True when it had to be drawn."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / f"{cache_key(text)}.png" if cache_dir else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, destination)
        return False
    image = draw_card(text)
    image.save(destination, format="PNG", optimize=True)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a build stopped half-way never leaves a broken card.
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(destination, partial)
        partial.replace(cached)
    return True

"""Every page loads one site-wide style sheet (hooks/stylesheets_hook.py): Material's main sheet, its
colours and site.css joined in the order the pages listed them, so the cascade is unchanged and the
first paint waits for one request instead of three."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html

from support.site_pages import built_pages

SITE_WIDE = re.compile(r"assets/stylesheets/site\.[0-9a-f]{8}\.min\.css$")


def stylesheets(page: Path) -> list[str]:
    return lxml.html.fromstring(page.read_bytes()).xpath("//link[@rel='stylesheet']/@href")


def test_every_page_links_one_site_wide_sheet_and_none_of_its_parts(built_site: Path) -> None:
    for page in built_pages(built_site):
        sheets = stylesheets(page)
        assert SITE_WIDE.search(sheets[0]), (page, sheets)
        assert not any(re.search(r"(main|palette)\.[0-9a-f]+\.min\.css|/site\.css$", href) for href in sheets), (page, sheets)
        assert len([href for href in sheets if SITE_WIDE.search(href)]) == 1, (page, sheets)


def test_the_joined_sheet_is_the_three_in_order(built_site: Path) -> None:
    folder = built_site / "assets" / "stylesheets"
    [joined] = folder.glob("site.*.min.css")
    text = joined.read_text(encoding="utf-8")
    parts = [next(folder.glob("main.*.min.css")), next(folder.glob("palette.*.min.css")), folder / "site.css"]
    at = 0
    for part in parts:
        rules = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", part.read_text(encoding="utf-8"))
        rules = rules.removeprefix('@charset "UTF-8";').strip()
        found = text.find(rules, at)
        assert found > at, f"{part.name} is not whole in {joined.name}, or not after the sheet before it"
        at = found + len(rules)
    assert text.count("@charset") == 1 and text.startswith('@charset "UTF-8";')
    assert "sourceMappingURL" not in text
    # Named by its content: a browser never keeps an old copy.
    import hashlib
    assert joined.name == f"site.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css"


def test_a_page_is_left_alone_unless_it_links_every_part_in_order() -> None:
    from stylesheets_hook import link_one_sheet

    parts = ["assets/stylesheets/main.1.min.css", "assets/stylesheets/site.css"]
    page = ('<head>\n<link rel="stylesheet" href="../assets/stylesheets/main.1.min.css">\n'
            '<link rel="stylesheet" href="../assets/stylesheets/site.css">\n</head>')
    assert link_one_sheet(page, "assets/stylesheets/site.ab.min.css", parts) == (
        '<head>\n<link rel="stylesheet" href="../assets/stylesheets/site.ab.min.css">\n</head>')
    missing = page.replace('<link rel="stylesheet" href="../assets/stylesheets/site.css">\n', "")
    assert link_one_sheet(missing, "assets/stylesheets/site.ab.min.css", parts) == missing
    swapped = page.replace("main.1.min.css", "TMP").replace("site.css", "main.1.min.css").replace("TMP", "site.css")
    assert link_one_sheet(swapped, "assets/stylesheets/site.ab.min.css", parts) == swapped

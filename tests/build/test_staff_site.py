"""The public site and the staff site (issue 10, part 1).

Owners arrive from sales emails: the public site (mkdocs.yml, `make build` into site/) must not
show them the staff pages or the snippets. The staff site (mkdocs-staff.yml, `make staff` into
site-staff/) is every public page plus the staff pages and snippet files, kept out of search
engines and marked as the staff preview on every page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import yaml

from support.site_pages import PAGES, STAFF_PAGES, configured_site_url

ROOT = Path(__file__).resolve().parents[2]
STAFF_WORDS = re.compile(r"For agency staff|sales-emails|writing-quizzes|email-snippets|Staff preview", re.I)


def material_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if b"data-md-component=" in path.read_bytes())


def test_the_public_site_has_no_staff_page_snippet_or_mention(built_site: Path) -> None:
    assert not (built_site / "staff").exists(), "the staff pages are in the public site"
    assert not (built_site / "email-snippets").exists(), "the email snippets are in the public site"
    for page in material_pages(built_site):
        text = page.read_text(encoding="utf-8")
        match = STAFF_WORDS.search(text)
        assert match is None, f"{page.relative_to(built_site)} mentions “{match.group()}”"
        assert 'name="robots"' not in text, f"{page.relative_to(built_site)}: the public pages are for search engines"
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not [location for location in locations if location.startswith("staff/")], "staff pages in search"
    assert "staff/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8"), "staff pages in the sitemap"
    assert not (built_site / "robots.txt").exists() or "Disallow: /\n" not in (built_site / "robots.txt").read_text()


def test_the_staff_site_is_every_public_page_plus_the_staff_pages(built_site: Path, built_staff_site: Path) -> None:
    for page in [*PAGES, *STAFF_PAGES]:
        assert (built_staff_site / page.html).is_file(), f"the staff site has no {page.html}"
    public = {path.relative_to(built_site) for path in material_pages(built_site)}
    staff = {path.relative_to(built_staff_site) for path in material_pages(built_staff_site)}
    assert public < staff and {Path(page.html) for page in STAFF_PAGES} == staff - public


def test_every_staff_site_page_says_it_is_the_staff_preview_and_asks_not_to_be_indexed(
        built_staff_site: Path) -> None:
    for page in material_pages(built_staff_site):
        root = lxml.html.fromstring(page.read_bytes())
        where = page.relative_to(built_staff_site)
        assert root.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"], where
        banner = " ".join(root.xpath('string(//*[contains(@class, "md-banner")])').split())
        assert banner.startswith("Staff preview.") and configured_site_url() in banner, where
    assert (built_staff_site / "robots.txt").read_text(encoding="utf-8").endswith("User-agent: *\nDisallow: /\n")


def test_the_staff_menu_adds_the_staff_pages_after_the_public_menu(built_staff_site: Path) -> None:
    root = lxml.html.fromstring((built_staff_site / "index.html").read_bytes())
    nav = root.xpath('//nav[contains(@class, "md-nav--primary")]')[0]
    labels = [" ".join(label.split()) for label in nav.xpath(".//label[contains(@class, 'md-nav__link')]//text()")]
    assert any("For agency staff" in label for label in labels), labels
    links = nav.xpath(".//a/@href")
    assert any(href.endswith("staff/sales-emails/") for href in links)
    assert any(href.endswith("staff/writing-quizzes/") for href in links)
    # The staff pages link to each other and back to the public pages like any others.
    page = lxml.html.fromstring((built_staff_site / "staff" / "writing-quizzes" / "index.html").read_bytes())
    assert page.xpath('//a[contains(@class, "md-footer__link--prev")]/@href'), "no previous page link"


def test_the_staff_config_only_adds_to_the_public_one() -> None:
    staff = yaml.safe_load((ROOT / "mkdocs-staff.yml").read_text(encoding="utf-8"))
    assert staff["INHERIT"] == "mkdocs.yml"
    assert set(staff) <= {"INHERIT", "site_name", "site_dir", "exclude_docs", "extra"}, \
        "everything else (the navigation, hooks, theme) comes from mkdocs.yml, so the two cannot drift"
    assert sorted(list(entry.values())[0] for entry in staff["extra"]["staff_site"]["nav"]) == \
        sorted(f"{page.name}.md" for page in STAFF_PAGES), "every staff page is in the staff menu"


def test_the_snippets_in_the_staff_site_link_to_the_public_site(built_staff_site: Path) -> None:
    fragments = sorted((built_staff_site / "email-snippets").rglob("*.fragment.html"))
    assert fragments, "the staff site has no email snippets"
    for fragment in fragments:
        hrefs = lxml.html.fromstring(fragment.read_bytes()).xpath("//a/@href")
        assert hrefs and all(href.startswith(configured_site_url()) for href in hrefs), fragment

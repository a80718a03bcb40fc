"""The About page and the footer line: who wrote the site, from what, when it last changed, and
the agency that runs it (only when `extra.agency` is set); and no empty announcement bar.

Build tests read three builds, each made once: the repository's own site (the `built_site`
fixture: with the example agency, in a git checkout), a copy with no agency (outside git, so the
date comes from the files), and a copy whose agency settings are full of characters that HTML
would misread. Browser tests look at the top of every page and at the About page itself.
In Chromium: tests/browser/test_about_page_browser.py.
"""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
import yaml

import about_hook  # hooks/ is on the path (pytest.ini)
from support.projects import ROOT, build, build_or_fail, copy_project

ABOUT = Path("about/index.html")
SOURCE_TITLE = "What Is The Difference Between Social Media Marketing And Social Media Management?"
SOURCE_PUBLISHER = "Shine On Digital"
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
AGENCY = CONFIG["extra"]["agency"]
WRITER = CONFIG["site_author"]

# The no-agency copy's content files all date from 1 January 2020, except one from 5 March 2024.
OLD_FILES = datetime(2020, 1, 1, 12, tzinfo=timezone.utc).timestamp()
NEWEST_FILE = datetime(2024, 3, 5, 12, tzinfo=timezone.utc).timestamp()

# Agency settings that the checker allows and that would break the page if printed raw.
AWKWARD_AGENCY = {
    "name": 'Smith & Sons <b>Social</b> "Ltd"',
    "url": 'https://smith.example/?from="about"&x=<i>',
    "phone": "+44 20 7946 0000",
    "call_to_action": {"text": "Ring <now> & save", "url": "tel:+442079460000"},
}


# --- the three builds -----------------------------------------------------------------------------


def _set_extra(project: Path, key: str, value: object) -> None:
    """Sets (or with None removes) `extra.KEY` in a copy's mkdocs.yml, leaving the rest as written."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index(f"\n  {key}:\n") + 1
    end = re.compile(r"\n  (?! )").search(text, start + 1)  # the next setting at the same level
    assert end, f"mkdocs.yml: extra.{key} is the last setting under extra; this helper needs one after it"
    replacement = "" if value is None else "".join(
        f"  {line}\n" for line in yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True).splitlines())
    config.write_text(text[:start] + replacement + text[end.start() + 1:], encoding="utf-8")


def _drop_setting(project: Path, key: str) -> None:
    config = project / "mkdocs.yml"
    text, found = re.subn(rf"(?m)^{key}:.*\n", "", config.read_text(encoding="utf-8"))
    assert found == 1, f"mkdocs.yml has no top-level {key}"
    config.write_text(text, encoding="utf-8")


def _outside_git(project: Path) -> None:
    result = subprocess.run(["git", "-C", str(project), "rev-parse", "--git-dir"], capture_output=True, check=False)
    assert result.returncode != 0, f"{project} is inside a git repository; the fallback test needs it outside"


@pytest.fixture(scope="module")
def site_without_agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("no-agency") / "project")
    _outside_git(project)
    _set_extra(project, "agency", None)
    for folder in about_hook.CONTENT_FOLDERS:
        for path in (project / folder).rglob("*"):
            os.utime(path, (OLD_FILES, OLD_FILES))
    newest = project / "docs" / "glossary.md"
    os.utime(newest, (NEWEST_FILE, NEWEST_FILE))
    return build_or_fail(project, project / "site")


@pytest.fixture(scope="module")
def site_with_awkward_agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An agency whose name and addresses hold &, <, > and quotes, and no site_author: the agency
    is then the writer."""
    project = copy_project(tmp_path_factory.mktemp("awkward-agency") / "project")
    _set_extra(project, "agency", AWKWARD_AGENCY)
    _drop_setting(project, "site_author")
    return build_or_fail(project, project / "site")


def _page(site: Path, path: Path | str = ABOUT) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / path).read_bytes())


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _article(site: Path) -> lxml.html.HtmlElement:
    return _page(site).xpath("//article")[0]


def _material_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if b"data-md-component=" in path.read_bytes())


def _footer_line(page: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    found = page.xpath('//footer//p[contains(@class, "site-footer-line")]')
    return found[0] if found else None


def _tel(uk_number: str) -> str:
    """"0161 496 0000" -> "tel:+441614960000"."""
    return "tel:+44" + re.sub(r"\D", "", uk_number)[1:]


def _git_date() -> date:
    output = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%cs", "--", "docs", "quizzes", "includes"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert output, "git knows no commit touching docs/, quizzes/ or includes/"
    return date.fromisoformat(output)


# --- the About page -------------------------------------------------------------------------------


def test_about_page_names_the_writer_the_source_and_the_rule(built_site: Path) -> None:
    article = _article(built_site)
    text = _text(article)
    assert [_text(h1) for h1 in article.xpath(".//h1")] == ["About this site"]
    assert f"{WRITER} wrote this site" in text
    assert SOURCE_TITLE in text and f"a blog post by {SOURCE_PUBLISHER}" in text
    rule = article.xpath('.//h2[@id="the-rule-in-one-line"]/following-sibling::p[1]')[0]
    assert "Marketing" in _text(rule) and "Management" in _text(rule)
    assert rule.xpath('.//a/@href') == ["../difference/#the-two-questions"]
    assert _page(built_site, "difference/index.html").xpath('//*[@id="the-two-questions"]'), \
        "the difference page lost the heading the rule links to"


def test_about_page_says_when_the_content_last_changed_in_git(built_site: Path) -> None:
    expected = _git_date()
    time = _article(built_site).xpath('.//time[contains(@class, "about-reviewed")]')[0]
    assert time.get("datetime") == expected.isoformat()
    assert time.text == f"{expected.day} {expected:%B %Y}"  # "5 December 2026"


def test_without_git_the_date_is_the_newest_content_file(site_without_agency: Path) -> None:
    time = _article(site_without_agency).xpath('.//time[contains(@class, "about-reviewed")]')[0]
    assert (time.get("datetime"), time.text) == ("2024-03-05", "5 March 2024")


def test_without_git_installed_the_date_is_the_newest_content_file(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    os.utime(tmp_path / "docs" / "index.md", (NEWEST_FILE, NEWEST_FILE))

    def no_git(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "git")

    monkeypatch.setattr(about_hook.subprocess, "run", no_git)
    assert about_hook.last_content_change(tmp_path) == (date(2024, 3, 5), "files")


def test_dates_are_written_the_british_way() -> None:
    assert about_hook.british_date(date(2026, 12, 5)) == "5 December 2026"
    assert about_hook.british_date(date(2027, 1, 31)) == "31 January 2027"


def test_about_page_with_the_agency_links_its_site_contact_and_next_step(built_site: Path) -> None:
    article = _article(built_site)
    section = article.xpath('.//h2[@id="who-runs-it"]/following-sibling::p')
    assert section, "no agency section on the About page"
    links = {_text(link): link.get("href") for paragraph in section for link in paragraph.xpath(".//a")}
    assert links[AGENCY["name"]] == AGENCY["url"]
    assert links[AGENCY["email"]] == f"mailto:{AGENCY['email']}"
    assert links[AGENCY["phone"]] == _tel(AGENCY["phone"])
    assert links[AGENCY["call_to_action"]["text"]] == AGENCY["call_to_action"]["url"]
    assert f"{AGENCY['name']} runs this site." in _text(section[0])


def test_about_page_without_an_agency_names_the_writer_and_no_agency(site_without_agency: Path) -> None:
    article = _article(site_without_agency)
    assert f"{WRITER} wrote this site" in _text(article), "site_author still names the writer"
    assert not article.xpath('.//*[@id="who-runs-it"]')
    assert not article.xpath('.//a[starts-with(@href, "mailto:") or starts-with(@href, "tel:")]')
    assert not article.xpath('.//a[contains(@class, "md-button")]')


def test_without_site_author_the_agency_is_the_writer_and_everything_is_escaped(
        site_with_awkward_agency: Path) -> None:
    html = (site_with_awkward_agency / ABOUT).read_text(encoding="utf-8")
    assert "<b>Social</b>" not in html and "<now>" not in html and "<i>" not in html
    article = _article(site_with_awkward_agency)
    assert f"{AWKWARD_AGENCY['name']} wrote this site" in _text(article)
    links = {_text(link): link.get("href") for link in article.xpath('.//h2[@id="who-runs-it"]/following-sibling::p//a')}
    assert links == {AWKWARD_AGENCY["name"]: AWKWARD_AGENCY["url"],
                     AWKWARD_AGENCY["phone"]: "tel:+442079460000",
                     AWKWARD_AGENCY["call_to_action"]["text"]: "tel:+442079460000"}
    assert "by phone on" in _text(article) and "email" not in _text(article).split("Who runs it")[1]
    footer = _footer_line(_page(site_with_awkward_agency, "index.html"))
    assert {_text(link): link.get("href") for link in footer.xpath(".//a")} == {
        "About this site": "about/", AWKWARD_AGENCY["name"]: AWKWARD_AGENCY["url"],
        AWKWARD_AGENCY["call_to_action"]["text"]: "tel:+442079460000"}


def test_a_site_that_names_no_writer_stops_with_what_to_set(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    _set_extra(project, "agency", None)
    _drop_setting(project, "site_author")
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "Add `site_author:" in output and "extra.agency" in output


# --- the footer, on every page --------------------------------------------------------------------


def _footer_links(site: Path, path: Path) -> dict[str, str]:
    footer = _footer_line(_page(site, path))
    assert footer is not None, f"{path}: no footer line"
    return {_text(link): link.get("href") for link in footer.xpath(".//a")}


@pytest.mark.parametrize("which", ["built_site", "built_staff_site"])
def test_every_page_footer_links_to_about_and_names_the_agency(request: pytest.FixtureRequest, which: str) -> None:
    site = request.getfixturevalue(which)
    pages = _material_pages(site)
    assert len(pages) > 20
    for path in pages:
        where = path.relative_to(site)
        links = _footer_links(site, where)
        about = links.pop("About this site")
        assert urljoin(f"https://site.example/{where.as_posix()}", about) == "https://site.example/about/", \
            f"{where}: the About link {about} goes elsewhere"
        assert links == {AGENCY["name"]: AGENCY["url"], AGENCY["call_to_action"]["text"]: AGENCY["call_to_action"]["url"]}, where
        assert "Run by" in _text(_footer_line(_page(site, where))), where


def test_without_an_agency_every_footer_has_only_the_about_link(site_without_agency: Path) -> None:
    for path in _material_pages(site_without_agency):
        where = path.relative_to(site_without_agency)
        assert list(_footer_links(site_without_agency, where)) == ["About this site"], where
        assert "Run by" not in _text(_footer_line(_page(site_without_agency, where))), where
        # Nothing of the agency anywhere on the page: its addresses, contact or next step.
        html = path.read_text(encoding="utf-8")
        for value in (AGENCY["url"], AGENCY["email"], _tel(AGENCY["phone"]), AGENCY["call_to_action"]["text"]):
            assert value not in html, f"{where} still shows {value}"


def test_the_public_site_draws_no_announcement_bar(built_site: Path) -> None:
    for path in _material_pages(built_site):
        page = _page(built_site, path.relative_to(built_site))
        announce = page.xpath('//*[@data-md-component="announce"]')
        assert announce and not announce[0].xpath(".//*") and not _text(announce[0]), path.relative_to(built_site)

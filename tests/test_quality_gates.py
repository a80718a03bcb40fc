"""Site-wide quality gates, over every page of the built site.

- Accessibility: axe-core finds no WCAG 2.2 AA violation on any page (desktop size); quiz
  pages are checked at phone and desktop size too, before and after marking one post right
  and one wrong, and after finishing the quiz.
- Valid HTML: the Nu Html Checker (vnu.jar, run once on Java over every page) finds no error
  in what we author: every page, our style sheets and our SVG. The only errors allowed are
  Material's own, listed in ALLOWED_VNU_ERRORS with the reason.
- Links: no broken internal link, image, script, style sheet or #anchor on any page.
- Privacy: a page loaded in Chromium asks no other host for anything, and logs no errors.

Every failure names the page and the problem. The page list comes from docs/, and a test
checks that it matches what the build wrote, so a new page is covered without editing this file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
NODE_MODULES = ROOT / "tests" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `make test`, or install them with: cd tests && npm ci --ignore-scripts"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OTHER_ANSWER = {"marketing": "management", "management": "marketing"}
QUIZ_BLOCK = re.compile(r"^[ \t]*///[ \t]*quiz[ \t]*\|", re.MULTILINE)

# --- the pages ----------------------------------------------------------------------------------


def _site_path(source: str) -> str:
    """docs/ source path -> the page's path in the site (MkDocs' directory URLs): "" is home."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


SOURCES = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))
PAGES = [_site_path(source) for source in SOURCES] + ["404.html"]
QUIZ_PAGES = [_site_path(source) for source in SOURCES
              if QUIZ_BLOCK.search((DOCS / source).read_text(encoding="utf-8"))]


def label(path: str) -> str:
    """How a page is named in failure messages: its URL path, e.g. /quizzes/basics/."""
    return f"/{path}"


def html_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


def _site_url() -> str:
    """The site's public address from mkdocs.yml: links to it are internal links."""
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.MULTILINE)
    url = match.group(1) if match else "http://site.invalid/"
    return url if url.endswith("/") else f"{url}/"


SITE_URL = _site_url()


def test_every_built_page_is_checked(built_site: Path) -> None:
    built = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")}
    expected = {html_file(Path(), page).as_posix() for page in PAGES}
    problems = [f"{page}: built, but not in the page list of this test (is it in docs/?)"
                for page in sorted(built - expected)]
    problems += [f"{page}: expected from docs/, but the build did not write it" for page in sorted(expected - built)]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_quiz_pages_are_the_ones_with_a_quiz(built_site: Path) -> None:
    with_quiz = sorted(page for page in PAGES
                       if '<section class="quiz"' in html_file(built_site, page).read_text(encoding="utf-8"))
    assert with_quiz == sorted(QUIZ_PAGES), "the pages with a `/// quiz` block are not the pages that show one"


# --- valid HTML: the Nu Html Checker -----------------------------------------------------------------

# Errors in Material's own template that we cannot remove with a small, safe change.
ALLOWED_VNU_ERRORS = {
    # base.html: the drawer and search toggles, `<input type="checkbox" autocomplete="off">`.
    # Material sets it on purpose (Firefox would otherwise restore an open drawer or search on
    # Back). The inputs are not in any block or partial, so only copying all of base.html would
    # remove the attribute. Allowed on those two inputs only (see `_allowed`).
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.": 'data-md-toggle="',
}
JAVA_HINT = """Install a Java runtime (17 or newer), then run `make test` again:
  Debian or Ubuntu:  sudo apt-get install default-jre-headless
  Fedora:            sudo dnf install java-21-openjdk-headless
  macOS:             brew install openjdk"""


def _java() -> str:
    """The `java` command; on Debian as root, installs default-jre-headless when there is none."""
    java = shutil.which("java")
    if not java and hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/etc/debian_version").exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "default-jre-headless"],
                       env=env, check=False)
        java = shutil.which("java")
    if not java:
        pytest.fail(f"The HTML check runs the Nu Html Checker (vnu.jar), which needs Java, and there is "
                    f"no `java` command.\n{JAVA_HINT}", pytrace=False)
    version = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    major = re.search(r'version "(?:1\.)?(\d+)', version)
    if major and int(major.group(1)) < 17:
        pytest.fail(f"The Nu Html Checker needs Java 17 or newer; `{java}` is:\n{version}\n{JAVA_HINT}",
                    pytrace=False)
    return java


def _allowed(message: dict) -> bool:
    needle = ALLOWED_VNU_ERRORS.get(message.get("message", ""))
    return needle is not None and needle in message.get("extract", "")


def _authored_files(site: Path) -> list[Path]:
    """What we write ourselves besides the pages: style sheets (not Material's *.min.css) and SVG."""
    return sorted(path for path in site.rglob("*")
                  if (path.suffix == ".css" and not path.name.endswith(".min.css")) or path.suffix == ".svg")


@pytest.fixture(scope="module")
def vnu_errors(built_site: Path) -> dict[str, list[str]]:
    """Runs the checker once over every page and authored file: {file in the site: [errors]}."""
    if not VNU.is_file():
        pytest.fail(f"The Nu Html Checker is not installed ({VNU.relative_to(ROOT)} is missing); {INSTALL_HINT}",
                    pytrace=False)
    files = sorted(built_site.rglob("*.html")) + _authored_files(built_site)
    result = subprocess.run(
        [_java(), "-jar", str(VNU), "--errors-only", "--exit-zero-always", "--format", "json",
         "--also-check-css", "--also-check-svg", *map(str, files)],
        capture_output=True, text=True, check=False, timeout=600,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The Nu Html Checker did not report (exit {result.returncode}):\n{result.stderr[-3000:]}",
                    pytrace=False)
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error") or _allowed(message):
            continue
        url = message.get("url", "")
        name = url.split(built_site.as_posix() + "/", 1)[-1] if built_site.as_posix() in url else url
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())[:160]
        errors.setdefault(name, []).append(f"line {line}: {message.get('message')} [{extract}]")
    return errors


@pytest.mark.parametrize("path", PAGES)
def test_page_is_valid_html(vnu_errors: dict[str, list[str]], path: str) -> None:
    name = html_file(Path(), path).as_posix()
    if vnu_errors.get(name):
        pytest.fail("\n".join(f"{label(path)}: {error}" for error in vnu_errors[name]), pytrace=False)


def test_style_sheets_and_svg_are_valid(built_site: Path, vnu_errors: dict[str, list[str]]) -> None:
    pages = {html_file(Path(), path).as_posix() for path in PAGES}
    problems = [f"{name}: {error}" for name, errors in sorted(vnu_errors.items()) if name not in pages
                for error in errors]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_nav_item_override_is_materials_partial_with_one_fix() -> None:
    """overrides/partials/nav-item.html drops Material's invalid `tabindex=""` on section labels.

    It is a copy of Material's partial: this test fails when an upgrade of Material changes the
    original, so the copy is refreshed (repeat the one change) instead of going stale.
    """
    import material

    original = (Path(material.__file__).parent / "templates" / "partials" / "nav-item.html").read_text(
        encoding="utf-8")
    override = (ROOT / "overrides" / "partials" / "nav-item.html").read_text(encoding="utf-8")
    broken = 'id="{{ path }}_label" tabindex="{{ tabindex }}">'
    fixed = 'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'

    def body(template: str) -> str:
        return re.sub(r"\A\{#-.*?-#\}\n", "", template, count=1, flags=re.DOTALL)

    assert body(override) == body(original).replace(broken, fixed), (
        "overrides/partials/nav-item.html is no longer Material's partials/nav-item.html with the one "
        "tabindex fix: copy Material's file again and repeat the change (or delete the override if "
        "Material fixed it)")


# --- links -------------------------------------------------------------------------------------------

# Attributes that point at another file or place. Links to other hosts, mailto: and tel: are skipped.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
    "iframe": ("src",), "source": ("src",), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "embed": ("src",), "object": ("data",), "form": ("action",), "input": ("src",),
    "use": ("href", "xlink:href"), "image": ("href", "xlink:href"),
}
SRCSET_TAGS = ("img", "source")
META_URLS = ("og:url", "og:image", "twitter:image")
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")


@dataclass
class Document:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str]] = field(default_factory=list)  # (what, url)


def _read_document(path: Path) -> Document:
    tree = lxml.html.fromstring(path.read_bytes())
    document = Document()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if element.get("id"):
            document.ids.add(element.get("id"))
        if tag == "a" and element.get("name"):
            document.ids.add(element.get("name"))
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            value = element.get(attribute)
            if value is not None:
                document.links.append((f'<{tag} {attribute}="{value}">', value.strip()))
        if tag in SRCSET_TAGS and element.get("srcset"):
            for candidate in element.get("srcset").split(","):
                if candidate.strip():
                    document.links.append((f'<{tag} srcset="{candidate.strip()}">', candidate.split()[0]))
        if tag == "meta" and (element.get("property") or element.get("name")) in META_URLS:
            what = element.get("property") or element.get("name")
            document.links.append((f'<meta {what} content="{element.get("content")}">', element.get("content", "")))
        if tag == "script" and element.get("id") == "__config":
            # Material's settings: the site root and its search worker, relative to the page.
            config = json.loads(element.text_content() or "{}")
            for key in ("base", "search"):
                if isinstance(config.get(key), str):
                    document.links.append((f"Material's __config {key}: {config[key]}", config[key]))
    return document


class Site:
    """The built site, each HTML file parsed at most once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._documents: dict[Path, Document] = {}

    def document(self, path: Path) -> Document:
        if path not in self._documents:
            self._documents[path] = _read_document(path)
        return self._documents[path]

    def file_for(self, site_path: str) -> Path | None:
        """The file the server sends for a path in the site, or None."""
        candidate = self.root / site_path
        if site_path == "" or site_path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def check(self, where_url: str, what: str, url: str) -> str | None:
        """A problem with one link, found in the file at `where_url` (a URL under SITE_URL)."""
        if not url:
            return None if what.startswith("<a ") else f"{what}: empty URL"
        target = urljoin(where_url, url)
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https", ""):
            return None  # mailto:, tel:, data:, javascript:
        if not target.startswith(SITE_URL):
            site = urlsplit(SITE_URL)
            if (parts.scheme, parts.netloc) == (site.scheme, site.netloc):
                return f"{what}: points outside the site ({parts.path} is not under {site.path})"
            return None  # another host
        site_path = unquote(parts.path[len(urlsplit(SITE_URL).path):])
        file = self.file_for(site_path)
        if file is None:
            return f"{what}: there is no {site_path or 'index.html'} in the built site"
        fragment = unquote(parts.fragment)
        if fragment and fragment.lower() != "top" and file.suffix == ".html":
            if fragment not in self.document(file).ids:
                return f"{what}: there is no id=\"{fragment}\" in /{file.relative_to(self.root).as_posix()}"
        return None


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    return Site(built_site)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_broken_links(site: Site, path: str) -> None:
    file = html_file(site.root, path)
    page_url = SITE_URL + path
    problems = [problem for what, url in site.document(file).links
                if (problem := site.check(page_url, what, url))]
    if problems:
        pytest.fail("\n".join(f"{label(path)}: {problem}" for problem in problems), pytrace=False)


def test_style_sheets_have_no_broken_urls(site: Site) -> None:
    problems = []
    for css in sorted(site.root.rglob("*.css")):
        name = css.relative_to(site.root).as_posix()
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            if problem := site.check(SITE_URL + name, f"url({match.group(2)})", match.group(2)):
                problems.append(f"/{name}: {problem}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# --- in the browser: accessibility, privacy, console errors ----------------------------------------

AXE_RUN = """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(result => result.violations.map(v => ({
    id: v.id, help: v.help, targets: v.nodes.map(node => node.target.join(' '))})))"""

# Waits for transitions and animations to end (at most 2 s), so colours are checked as they settle.
SETTLE = """() => Promise.race([
  Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, 2000))])"""


def _axe_path() -> str:
    if not AXE.is_file():
        pytest.fail(f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing); {INSTALL_HINT}",
                    pytrace=False)
    return str(AXE)


def axe(page: Page, where: str) -> list[str]:
    """The page's WCAG 2.2 AA violations, one line each: `where: rule: help: targets`."""
    page.wait_for_load_state("networkidle")
    page.evaluate(SETTLE)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=_axe_path())
    return [f"{where}: {violation['id']}: {violation['help']}: {', '.join(violation['targets'])}"
            for violation in page.evaluate(AXE_RUN, WCAG_TAGS)]


def fail_on(problems: list[str]) -> None:
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_accessible(open_page, path: str) -> None:
    visit = open_page(path)
    fail_on(axe(visit.page, f"{label(path)} (desktop)"))


def _other_hosts(visit, site_url: str) -> list[str]:
    """Requests to other hosts: those open_page saw, and any the page's resource timing lists."""
    origin = site_url.rstrip("/")
    loaded = visit.page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
    others = [url for url in loaded if url.startswith(("http:", "https:")) and not url.startswith(origin + "/")]
    return sorted(set(visit.external_requests) | set(others))


@pytest.mark.parametrize("path", PAGES)
def test_page_stays_on_this_site_without_errors(open_page, site_url: str, path: str) -> None:
    visit = open_page(path, viewport="phone")
    visit.page.wait_for_load_state("networkidle")
    problems = [f"{label(path)}: request to another host: {url}" for url in _other_hosts(visit, site_url)]
    problems += [f"{label(path)}: {error}" for error in visit.console_errors]
    fail_on(problems)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", QUIZ_PAGES)
def test_quiz_page_is_accessible_while_marking(open_page, site_url: str, path: str, viewport: str) -> None:
    """axe before any answer, after one right and one wrong answer, and once the quiz is finished."""
    visit = open_page(path, viewport=viewport)
    page = visit.page
    where = f"{label(path)} ({viewport}"
    problems = axe(page, f"{where}, before marking)")

    quiz = page.locator("section.quiz").first
    posts = quiz.locator(".quiz-post").evaluate_all(
        "items => items.map(item => [item.dataset.post, item.dataset.answer])")
    assert len(posts) >= 2, f"{label(path)}: the quiz has fewer than two posts"

    def choose(post_id: str, answer: str) -> None:
        button = quiz.locator(f'.quiz-post[data-post="{post_id}"] .quiz-post__choice--{answer}')
        try:
            expect(button).to_be_visible(timeout=5000)
        except AssertionError:
            pytest.fail(f"{where}): the {answer.capitalize()} button of post {post_id} is not shown "
                        f"(has quiz.js loaded and enhanced the quiz?)", pytrace=False)
        button.click()

    (first, first_answer), (second, second_answer) = posts[:2]
    choose(first, first_answer)
    choose(second, OTHER_ANSWER[second_answer])
    problems += axe(page, f"{where}, after one right and one wrong answer)")

    for post_id, answer in posts[2:]:
        choose(post_id, answer)
    try:
        expect(quiz.locator(".quiz__result")).to_be_visible(timeout=5000)
    except AssertionError:
        problems.append(f"{where}): the result (.quiz__result) is not shown after every post was marked")
    problems += axe(page, f"{where}, after finishing the quiz)")

    problems += [f"{label(path)}: request to another host: {url}" for url in _other_hosts(visit, site_url)]
    problems += [f"{where}): {error}" for error in visit.console_errors]
    fail_on(problems)

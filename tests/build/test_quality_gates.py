"""Site-wide quality gates, over every page of the built site.

- Accessibility: axe-core finds no WCAG 2.2 AA violation on any page, at phone (390x844) and
  desktop (1280x900) size; quiz pages are also checked before and after marking one post right
  and one wrong, and after finishing the quiz.
- Valid HTML: the Nu Html Checker (vnu.jar, run once on Java over every page) finds no error
  in what we author: every page, every other HTML file the build writes (the email snippets;
  a fragment is checked inside a minimal document), our style sheets and our SVG. The only
  errors allowed are Material's own, listed in ALLOWED_VNU_ERRORS with the reason.
- Links: no broken internal link, image, script, style sheet or #anchor in any built HTML file
  (links to the site's own address, like the email snippets', count as internal).
- Privacy: a page loaded in Chromium asks no other host for anything, and logs no errors.

Every failure names the page and the problem. The page list comes from docs/, and a test
checks that it matches the Material pages the build wrote, so a new page is covered without
editing this file.
Accessibility and privacy, in Chromium: tests/browser/test_quality_gates_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
from support.checked_pages import CHECKED, PAGES, QUIZ_PAGES, STAFF_ONLY_PAGES, fail_on, label

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "tests" / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = "run `make test`, or install them with: cd tests && npm ci --ignore-scripts"


BUILD_FIXTURES = {"public": "built_site", "staff": "built_staff_site"}
BUILD_PAGES = {"public": PAGES, "staff": [*PAGES, *STAFF_ONLY_PAGES]}
MATERIAL_PAGE = re.compile(rb"data-md-component=")  # Material's page chrome: a page of the site


def html_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


def _site_url() -> str:
    """The site's public address from mkdocs.yml: links to it are internal links."""
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                      re.MULTILINE)
    url = match.group(1) if match else "http://site.invalid/"
    return url if url.endswith("/") else f"{url}/"


SITE_URL = _site_url()


def other_html(site: Path, build: str = "public") -> list[Path]:
    """HTML the build writes besides the pages (the email snippets): checked without a browser."""
    pages = {html_file(site, page) for page in BUILD_PAGES[build]}
    return sorted(path for path in site.rglob("*.html") if path not in pages)


@pytest.mark.parametrize("build", BUILD_FIXTURES)
def test_every_built_page_is_checked(request: pytest.FixtureRequest, build: str) -> None:
    built_site: Path = request.getfixturevalue(BUILD_FIXTURES[build])
    built = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
             if MATERIAL_PAGE.search(path.read_bytes())}
    expected = {html_file(Path(), page).as_posix() for page in BUILD_PAGES[build]}
    problems = [f"{page}: a Material page in the build, but not in the page list of this test (not from docs/?)"
                for page in sorted(built - expected)]
    problems += [f"{page}: expected from docs/, but the build did not write it" for page in sorted(expected - built)]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_quiz_pages_are_the_ones_with_a_quiz(built_site: Path) -> None:
    shows_quiz = re.compile(r'<section\b[^>]*\bclass="quiz"')
    with_quiz = sorted(page for page in PAGES
                       if shows_quiz.search(html_file(built_site, page).read_text(encoding="utf-8")))
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


FRAGMENT_PAGE = ('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>Fragment</title>\n'
                 '</head>\n<body>\n{}\n</body>\n</html>\n')


def _is_fragment(path: Path) -> bool:
    return not path.read_bytes().lstrip()[:15].lower().startswith(b"<!doctype html")


@pytest.fixture(scope="module")
def vnu_errors(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """vnu_errors(build) -> {file in that build: [errors]}, the checker run once per build."""
    found: dict[str, dict[str, list[str]]] = {}

    def errors(build: str) -> dict[str, list[str]]:
        if build not in found:
            found[build] = _vnu_errors(request.getfixturevalue(BUILD_FIXTURES[build]), tmp_path_factory)
        return found[build]

    return errors


def _vnu_errors(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Runs the checker once over every page and authored file: {file in the site: [errors]}.

    An HTML fragment (no doctype: meant to be pasted into something else) is checked inside a
    minimal document, in a temporary copy of the site's folders, so its messages keep its name.
    """
    if not VNU.is_file():
        pytest.fail(f"The Nu Html Checker is not installed ({VNU.relative_to(ROOT)} is missing); {INSTALL_HINT}",
                    pytrace=False)
    wrapped = tmp_path_factory.mktemp("fragments")
    files = []
    for path in sorted(built_site.rglob("*.html")):
        if _is_fragment(path):
            copy = wrapped / path.relative_to(built_site)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(FRAGMENT_PAGE.format(path.read_text(encoding="utf-8")), encoding="utf-8")
            files.append(copy)
        else:
            files.append(path)
    files += _authored_files(built_site)
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
        url = unquote(message.get("url", ""))
        for folder in (built_site.as_posix(), wrapped.as_posix()):
            if folder + "/" in url:
                url = url.split(folder + "/", 1)[-1]
        name = url
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())[:160]
        errors.setdefault(name, []).append(f"line {line}: {message.get('message')} [{extract}]")
    return errors


@pytest.mark.parametrize(("build", "path"), CHECKED)
def test_page_is_valid_html(vnu_errors, build: str, path: str) -> None:
    name = html_file(Path(), path).as_posix()
    if vnu_errors(build).get(name):
        pytest.fail("\n".join(f"{build} {label(path)}: {error}" for error in vnu_errors(build)[name]), pytrace=False)


@pytest.mark.parametrize("build", BUILD_FIXTURES)
def test_other_html_style_sheets_and_svg_are_valid(vnu_errors, build: str) -> None:
    """The email snippets (documents and fragments: the staff site), our style sheets and SVG."""
    pages = {html_file(Path(), path).as_posix() for path in BUILD_PAGES[build]}
    problems = [f"{build} {name}: {error}" for name, errors in sorted(vnu_errors(build).items()) if name not in pages
                for error in errors]
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# Partials in overrides/: Material's own, each with one small fix. (Material fixed -> delete the file.)
PARTIAL_FIXES = {
    # Section labels in the navigation: no `tabindex` at all instead of the invalid `tabindex=""`.
    "nav-item.html": ('id="{{ path }}_label" tabindex="{{ tabindex }}">',
                      'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    # The instant-navigation progress bar: a name, which every progressbar needs.
    "progress.html": ('role="progressbar">', 'role="progressbar" aria-label="Loading the page">'),
    # The search dialog: a name, which every dialog needs (axe's best-practice rule aria-dialog-name,
    # which Lighthouse counts in its accessibility score).
    "search.html": ('data-md-component="search" role="dialog">',
                    'data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    # The script that applies a saved colour scheme before the first paint: on a first visit (nothing
    # saved) it applies the scheme Material's script will choose, so a phone set to dark is never
    # shown the light page first.
    "javascripts/palette.html": ('var palette=__md_get("__palette");if(palette&&palette.color){',
                                 'var palette=__md_get("__palette");if(!palette||!palette.color){var options=[].slice.call('
                                 'document.querySelectorAll("[data-md-component=palette] input")),first=options.filter('
                                 'function(option){return matchMedia(option.getAttribute("data-md-color-media")).matches})'
                                 '[0]||options[0];first&&(palette={color:{media:first.getAttribute("data-md-color-media"),'
                                 'scheme:first.getAttribute("data-md-color-scheme"),primary:first.getAttribute('
                                 '"data-md-color-primary"),accent:first.getAttribute("data-md-color-accent")}})}'
                                 'if(palette&&palette.color){'),
}


@pytest.mark.parametrize("name", sorted(PARTIAL_FIXES))
def test_overridden_partial_is_materials_with_one_fix(name: str) -> None:
    """A copy goes stale when Material changes the original: this fails, and says what to do."""
    import material

    original = (Path(material.__file__).parent / "templates" / "partials" / name).read_text(encoding="utf-8")
    override = (ROOT / "overrides" / "partials" / name).read_text(encoding="utf-8")
    broken, fixed = PARTIAL_FIXES[name]

    def body(template: str) -> str:
        return re.sub(r"\A\{#-.*?-#\}\n", "", template, count=1, flags=re.DOTALL)

    assert broken in original, f"Material's partials/{name} no longer has {broken!r}: delete overrides/partials/{name}"
    assert body(override) == body(original).replace(broken, fixed), (
        f"overrides/partials/{name} is no longer Material's partials/{name} with the one fix in "
        f"PARTIAL_FIXES: copy Material's file again and make the same change")


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
def sites(request: pytest.FixtureRequest):
    """sites(build) -> the Site of that build, read once."""
    read: dict[str, Site] = {}

    def site(build: str) -> Site:
        if build not in read:
            read[build] = Site(request.getfixturevalue(BUILD_FIXTURES[build]))
        return read[build]

    return site


@pytest.mark.parametrize(("build", "path"), CHECKED)
def test_page_has_no_broken_links(sites, build: str, path: str) -> None:
    site = sites(build)
    file = html_file(site.root, path)
    page_url = SITE_URL + path
    problems = [problem for what, url in site.document(file).links
                if (problem := site.check(page_url, what, url))]
    if problems:
        pytest.fail("\n".join(f"{label(path)}: {problem}" for problem in problems), pytrace=False)


@pytest.mark.parametrize("build", BUILD_FIXTURES)
def test_other_html_has_no_broken_links(sites, build: str) -> None:
    """The HTML the build writes besides the pages, e.g. the email snippets' links into the site."""
    site = sites(build)
    problems = []
    for file in other_html(site.root, build):
        name = file.relative_to(site.root).as_posix()
        problems += [f"/{name}: {problem}" for what, url in site.document(file).links
                     if (problem := site.check(SITE_URL + name, what, url))]
    fail_on(problems)


def test_style_sheets_have_no_broken_urls(sites) -> None:
    site = sites("public")
    problems = []
    for css in sorted(site.root.rglob("*.css")):
        name = css.relative_to(site.root).as_posix()
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8", errors="replace")):
            if problem := site.check(SITE_URL + name, f"url({match.group(2)})", match.group(2)):
                problems.append(f"/{name}: {problem}")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)

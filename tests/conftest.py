"""Shared fixtures for the whole test suite.

Site:
    built_site      (session) Path of a fresh `mkdocs build --strict --clean` in a temporary folder.
    site_url        (session) "http://127.0.0.1:<port>/", serving built_site from a background thread
                    (sitemap.xml rewritten to this address, so Material's instant navigation works).
    site_url_with_headers
                    (session) the same, on another port, also sending each path the headers that
                    built_site/_headers gives it (the Content-Security-Policy), as a host would.
    built_staff_site, staff_site_url, staff_site_url_with_headers
                    (session) the same for the staff site (mkdocs-staff.yml): the public pages plus
                    the staff pages and the email snippet files.
    screenshot_dir  (session) Path test-results/screenshots under the repository root (created).
    quiz_site       (session) Path of the fixture quiz site: the site's hooks, templates and styles
                    with the quizzes in tests/fixtures/ on a few pages of their own (see
                    tests/support/projects.py), so browser tests never depend on the editorial quizzes.
    quiz_site_url   (session) "http://127.0.0.1:<port>/", serving quiz_site like site_url.

Browser (real Chromium through Playwright, imported only when a browser test needs it, so
`-m "not browser"` runs without Playwright installed; tests that use these are marked `browser`):
    browser         (session) playwright Browser: Chromium from $CHROMIUM_PATH or tests/find_browser.sh,
                    with the default font set (tests/support/fonts.py: Liberation Sans, Arial's metrics).
    open_page       (function) factory: open_page(path, *, viewport="desktop"|"phone", javascript=True,
                    touch=None, color_scheme="light", reduced_motion="no-preference",
                    block_storage=False, base_url=None, init_script=None, fonts="liberation"|"dejavu")
                    -> Visit, with the page
                    loaded and errors and requests to other hosts recorded. base_url: another
                    server (e.g. site_url_with_headers); init_script: runs in every frame before
                    the page's own scripts. Every context it opens is closed afterwards.
    axe             (session) Axe: axe(page, where) -> WCAG 2.2 AA violations, one line each; the one
                    place tests run axe-core (tests/node_modules/axe-core; tests/support/browser.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from support.browser import CHROMIUM_ARGS, Axe, OpenPage, Visit, chromium_path, is_external
from support.fonts import DEFAULT_FAMILY, fontconfig_env
from support.projects import STAFF_CONFIG, build_or_fail, fixture_project
from support.site_server import serve_site
from support.viewports import SIZES

if TYPE_CHECKING:  # Playwright is imported where a browser is started: see browser()
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Request

REPO_ROOT = Path(__file__).resolve().parent.parent

# The sizes are tests/support/viewports.py's; device_scale_factor 1 keeps screenshots small and the suite quick.
VIEWPORTS: dict[str, dict[str, object]] = {
    name: {"viewport": {"width": width, "height": height}, "device_scale_factor": 1, "is_mobile": name == "phone"}
    for name, (width, height) in SIZES.items()
}

# Browsers with storage blocked (cookies off, some private modes) throw on any
# touch of window.localStorage or window.sessionStorage; so does this script.
BLOCK_STORAGE_SCRIPT = """
(() => {
  for (const name of ["localStorage", "sessionStorage"]) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() {
        throw new DOMException(
          `Failed to read the '${name}' property from 'Window': Access is denied for this document.`,
          "SecurityError");
      },
    });
  }
})();
"""


# Each test lives in the folder of its kind, and carries it as a marker (`-m unit`, `-m "not browser"`):
#   unit/     no build and no browser: pure functions, the loader and renderer on small inputs
#   build/    runs MkDocs or reads a built site, without a browser
#   browser/  drives a real browser (Playwright's Chromium; Selenium in test_engines.py)
KINDS = ("unit", "build", "browser")
TESTS = Path(__file__).resolve().parent
BROWSER_FIXTURES = {"browser", "browsers", "open_page"}
BUILT_SITE_FIXTURES = {"built_site", "site_url", "site_url_with_headers", "built_staff_site", "staff_site_url",
                       "staff_site_url_with_headers", "quiz_site", "quiz_site_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks each test with its folder's kind; a test in the wrong folder stops the run, saying where it goes.

    So `pytest tests/unit tests/build` and `-m "not browser"` choose the same tests, and no
    browser starts in `make test-fast`.
    """
    misplaced = []
    for item in items:
        folder = item.path.resolve().relative_to(TESTS).parts[0] if item.path.resolve().is_relative_to(TESTS) else ""
        fixtures = set(getattr(item, "fixturenames", ()))
        drives_a_browser = bool(fixtures & BROWSER_FIXTURES) or item.get_closest_marker("browser") is not None
        if folder not in KINDS:
            misplaced.append(f"{item.nodeid}: move it into tests/unit/, tests/build/ or tests/browser/")
        elif drives_a_browser and folder != "browser":
            misplaced.append(f"{item.nodeid}: drives a browser: move it to tests/browser/")
        elif folder == "browser" and not drives_a_browser:
            misplaced.append(f"{item.nodeid}: drives no browser: move it to tests/build/ or tests/unit/")
        elif folder == "unit" and fixtures & BUILT_SITE_FIXTURES:
            misplaced.append(f"{item.nodeid}: reads a built site: move it to tests/build/")
        for kind in {folder, "browser" if drives_a_browser else ""} & set(KINDS):
            item.add_marker(kind)
    if misplaced:
        raise pytest.UsageError("Tests in the wrong folder (see tests/conftest.py, KINDS):\n  " + "\n  ".join(misplaced))


# --- the site -------------------------------------------------------------------------------


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]) -> Path:
    """`build(folder)` run once per test run, even with pytest-xdist's workers, which share the result.

    The workers share the parent of their temporary folders; the first to get the lock builds, the
    others wait and reuse it. A failed build is remembered, so every worker reports the same output.
    """
    import fcntl

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    root = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    folder, done, failed = root / f"shared-{name}", root / f"shared-{name}.done", root / f"shared-{name}.failed"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if done.exists():
            return Path(done.read_text(encoding="utf-8"))
        try:
            result = build(folder)
        except BaseException as error:
            failed.write_text(str(getattr(error, "msg", error)), encoding="utf-8")
            raise
        done.write_text(str(result), encoding="utf-8")
        return result


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "site", lambda folder: build_or_fail(REPO_ROOT, folder / "site"))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_site(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def site_url_with_headers(built_site: Path) -> Iterator[str]:
    with serve_site(built_site, headers_file=True) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def built_staff_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "staff", lambda folder: build_or_fail(
        REPO_ROOT, folder / "site-staff", config=STAFF_CONFIG))


@pytest.fixture(scope="session")
def staff_site_url(built_staff_site: Path) -> Iterator[str]:
    with serve_site(built_staff_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def staff_site_url_with_headers(built_staff_site: Path) -> Iterator[str]:
    with serve_site(built_staff_site, headers_file=True) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def quiz_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(folder: Path) -> Path:
        project = fixture_project(folder / "project")
        return build_or_fail(project, project / "site")

    return built_once(tmp_path_factory, "quiz-site", build)


@pytest.fixture(scope="session")
def quiz_site_url(quiz_site: Path) -> Iterator[str]:
    with serve_site(quiz_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    path = REPO_ROOT / "test-results" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browsers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Browser]]:
    """browsers(fonts) -> a Chromium that sees only that font set (tests/support/fonts.py), started once."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: run `make test`, or skip the browser tests with "
                    '-m "not browser"', pytrace=False)
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    executable = chromium_path()
    started: dict[str, Browser] = {}
    font_folder = tmp_path_factory.mktemp("fontconfig")
    with sync_playwright() as playwright:

        def chromium_with(fonts: str = DEFAULT_FAMILY) -> Browser:
            if fonts not in started:
                env = {**os.environ, **fontconfig_env(fonts, font_folder)}
                started[fonts] = playwright.chromium.launch(executable_path=executable, args=args, env=env)
            return started[fonts]

        try:
            yield chromium_with
        finally:
            for chromium in started.values():
                chromium.close()


@pytest.fixture(scope="session")
def browser(browsers: Callable[[str], Browser]) -> Browser:
    return browsers(DEFAULT_FAMILY)


@pytest.fixture
def open_page(browsers: Callable[[str], Browser], site_url: str) -> Iterator[OpenPage]:
    contexts: list[BrowserContext] = []

    def _open(
        path: str,
        *,
        viewport: str = "desktop",
        javascript: bool = True,
        touch: bool | None = None,
        color_scheme: str = "light",
        reduced_motion: str = "no-preference",
        block_storage: bool = False,
        base_url: str | None = None,
        init_script: str | None = None,
        fonts: str = DEFAULT_FAMILY,
    ) -> Visit:
        if viewport not in VIEWPORTS:
            raise ValueError(f"viewport must be one of {sorted(VIEWPORTS)}, not {viewport!r}")
        context = browsers(fonts).new_context(
            **VIEWPORTS[viewport],
            has_touch=(viewport == "phone") if touch is None else touch,
            java_script_enabled=javascript,
            color_scheme=color_scheme,
            reduced_motion=reduced_motion,
            locale="en-GB",
            timezone_id="Europe/London",
        )
        contexts.append(context)
        if block_storage:
            context.add_init_script(BLOCK_STORAGE_SCRIPT)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        visit = Visit(page=page, context=context)

        def on_request(request: Request) -> None:
            if is_external(request.url):
                visit.external_requests.append(request.url)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                visit.console_errors.append(f"console.error: {message.text} ({_where(message.location)})")

        context.on("request", on_request)
        page.on("console", on_console)
        page.on("pageerror", lambda error: visit.console_errors.append(f"pageerror: {error}"))
        page.goto((base_url or site_url) + path.lstrip("/"), wait_until="load")
        return visit

    yield _open
    for context in contexts:
        context.close()


def _where(location: dict) -> str:
    url = str(location.get("url") or "")
    return f"{url}:{location.get('lineNumber', '?')}" if url else "no location"


# --- accessibility: axe-core -----------------------------------------------------------------

@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()

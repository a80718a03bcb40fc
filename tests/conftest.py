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
                    tests/projects.py), so browser tests never depend on the editorial quizzes.
    quiz_site_url   (session) "http://127.0.0.1:<port>/", serving quiz_site like site_url.

Browser (real Chromium through Playwright, imported only when a browser test needs it, so
`-m "not browser"` runs without Playwright installed; tests that use these are marked `browser`):
    browser         (session) playwright Browser: Chromium from $CHROMIUM_PATH or tests/find_browser.sh,
                    with the default font set (tests/fonts.py: Liberation Sans, Arial's metrics).
    open_page       (function) factory: open_page(path, *, viewport="desktop"|"phone", javascript=True,
                    touch=None, color_scheme="light", reduced_motion="no-preference",
                    block_storage=False, base_url=None, init_script=None, fonts="liberation"|"dejavu")
                    -> Visit, with the page
                    loaded and errors and requests to other hosts recorded. base_url: another
                    server (e.g. site_url_with_headers); init_script: runs in every frame before
                    the page's own scripts. Every context it opens is closed afterwards.
    axe             (session) Axe: axe(page, where) -> WCAG 2.2 AA violations, one line each; the one
                    place tests run axe-core (tests/node_modules/axe-core).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from fonts import DEFAULT_FAMILY, fontconfig_env
from projects import STAFF_CONFIG, build_or_fail, fixture_project
from site_server import serve_site
from viewports import SIZES

if TYPE_CHECKING:  # Playwright is imported where a browser is started: see browser()
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, Request

REPO_ROOT = Path(__file__).resolve().parent.parent

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

# The sizes are tests/viewports.py's; device_scale_factor 1 keeps screenshots small and the suite quick.
VIEWPORTS: dict[str, dict[str, object]] = {
    name: {"viewport": {"width": width, "height": height}, "device_scale_factor": 1, "is_mobile": name == "phone"}
    for name, (width, height) in SIZES.items()
}

CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Any test that drives Chromium is marked `browser`, so `-m "not browser"` skips them all."""
    for item in items:
        if {"browser", "browsers", "open_page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


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


def _chromium_path() -> str:
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "tests" / "find_browser.sh")], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not result.stdout.strip():
        pytest.fail(f"No Chromium for the browser tests.\n{result.stderr}", pytrace=False)
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def browsers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Browser]]:
    """browsers(fonts) -> a Chromium that sees only that font set (tests/fonts.py), started once."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is not installed: run `make test`, or skip the browser tests with "
                    '-m "not browser"', pytrace=False)
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    executable = _chromium_path()
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


def is_external(url: str) -> bool:
    """True for a request that would leave this machine (data:, blob: and local URLs are not)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return False
    return (parts.hostname or "") not in LOCAL_HOSTS


@dataclass
class Visit:
    """One page opened by `open_page`."""

    page: Page
    context: BrowserContext
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


OpenPage = Callable[..., Visit]


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

AXE_SCRIPT = REPO_ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# Waits for transitions and animations to end (at most 2 s), so colours are checked as they settle.
SETTLE = """() => Promise.race([
  Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null))),
  new Promise(resolve => setTimeout(resolve, 2000))])"""

_AXE_RUN = """([context, tags, rules]) => axe.run(
    context === null ? document : context,
    rules ? {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']}
          : {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
  .then(result => result.violations.map(v => ({
    id: v.id, help: v.help, targets: v.nodes.map(node => node.target.join(' '))})))"""


class Axe:
    """Runs axe-core in a page: `axe(page, where)` -> ["where: rule: help: targets", ...]."""

    def load(self, page: Page) -> None:
        """Adds axe-core to the page, once.

        Evaluated, not added as a script tag: the site's Content-Security-Policy blocks an inline
        <script> (which is what page.add_script_tag(path=...) adds), while page.evaluate runs
        through the DevTools protocol, which the policy does not restrict.
        """
        if not AXE_SCRIPT.is_file():
            pytest.fail(f"axe-core is not installed ({AXE_SCRIPT.relative_to(REPO_ROOT)} is missing); run "
                        f"`make test`, or install it with: cd tests && npm ci --ignore-scripts", pytrace=False)
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(f"{AXE_SCRIPT.read_text(encoding='utf-8')}\n;void 0")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            pytest.fail(f"axe-core did not load into {page.url}", pytrace=False)

    def __call__(self, page: Page, where: str, *, within: str | None = None,
                 rules: list[str] | None = None, settle: bool = True) -> list[str]:
        """The violations of the WCAG 2.2 AA rules (or only `rules`), in the page or `within` a selector.

        First the page is left to go quiet and the mouse is moved to its corner, so the result
        never depends on what the pointer happens to rest on (hover colours have their own test).
        """
        if settle:
            page.wait_for_load_state("networkidle")
            page.mouse.move(0, 0)
            page.evaluate(SETTLE)
        self.load(page)
        violations = page.evaluate(_AXE_RUN, [within, list(WCAG_TAGS), rules])
        return [f"{where}: {violation['id']}: {violation['help']}: {', '.join(violation['targets'])}"
                for violation in violations]

    def element(self, locator: Locator, rules: list[str]) -> list[str]:
        """Failure summaries of `rules` for one element, as it is now (hovered, focused...)."""
        self.load(locator.page)
        return locator.evaluate("""(element, rules) => axe.run(element, {runOnly: {type: 'rule', values: rules}})
          .then(result => result.violations.flatMap(v => v.nodes.map(node => v.id + ': ' + node.failureSummary)))""",
                                rules)


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()

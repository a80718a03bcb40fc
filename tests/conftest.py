"""Shared fixtures for the whole test suite.

Site:
    built_site      (session) Path of a fresh `mkdocs build --strict --clean` in a temporary folder.
    site_url        (session) "http://127.0.0.1:<port>/", serving built_site from a background thread
                    (sitemap.xml rewritten to this address, so Material's instant navigation works).
    screenshot_dir  (session) Path test-results/screenshots under the repository root (created).

Browser (real Chromium through Playwright; tests that use these are marked `browser`):
    browser         (session) playwright Browser: Chromium from $CHROMIUM_PATH or tests/find_browser.sh.
    open_page       (function) factory: open_page(path, *, viewport="desktop"|"phone", javascript=True,
                    touch=None, color_scheme="light", reduced_motion="no-preference",
                    block_storage=False) -> Visit, with the page loaded and errors and
                    requests to other hosts recorded. Every context it opens is closed afterwards.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, sync_playwright

from site_server import serve_site

REPO_ROOT = Path(__file__).resolve().parent.parent

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

VIEWPORTS: dict[str, dict[str, object]] = {
    # device_scale_factor 1 keeps screenshots small and the suite quick.
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1, "is_mobile": False},
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
        if {"browser", "open_page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


# --- the site -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("build") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [str(REPO_ROOT / ".venv" / "bin" / "mkdocs"), "build", "--strict", "--clean", "-d", str(site)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"`mkdocs build --strict` failed (exit {result.returncode}):\n{result.stdout}{result.stderr}",
            pytrace=False,
        )
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_site(built_site) as base_url:
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
def browser() -> Iterator[Browser]:
    args = list(CHROMIUM_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    executable = _chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=args)
        try:
            yield chromium
        finally:
            chromium.close()


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
def open_page(browser: Browser, site_url: str) -> Iterator[OpenPage]:
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
    ) -> Visit:
        if viewport not in VIEWPORTS:
            raise ValueError(f"viewport must be one of {sorted(VIEWPORTS)}, not {viewport!r}")
        context = browser.new_context(
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
        page.goto(site_url + path.lstrip("/"), wait_until="load")
        return visit

    yield _open
    for context in contexts:
        context.close()


def _where(location: dict) -> str:
    url = str(location.get("url") or "")
    return f"{url}:{location.get('lineNumber', '?')}" if url else "no location"

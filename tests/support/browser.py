"""What the browser tests share, besides their fixtures (tests/conftest.py): the Chromium to drive,
a page opened by `open_page` (Visit), and axe-core (Axe).

    find_chromium(), chromium_path()  $CHROMIUM_PATH or tests/find_browser.sh's answer
    CHROMIUM_ARGS                     the flags every Chromium of the tests starts with
    Visit, OpenPage                   what `open_page` returns, and its type
    is_external(url)                  a request that would leave this machine
    Axe, SETTLE                       axe-core's WCAG 2.2 AA check, and a wait for animations to end

Playwright is only named for types here, so the tests without a browser run without it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Locator, Page

TESTS = Path(__file__).resolve().parents[1]
REPO_ROOT = TESTS.parent
FIND_BROWSER = TESTS / "find_browser.sh"

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str:
    """The Chromium the browser tests drive: $CHROMIUM_PATH, else tests/find_browser.sh's answer.

    Raises LookupError, with find_browser.sh's advice, when there is none.
    """
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    result = subprocess.run(["bash", str(FIND_BROWSER)], capture_output=True, text=True, check=False)
    if result.returncode != 0 or not result.stdout.strip():
        raise LookupError(f"No Chromium for the browser tests.\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1]


def chromium_path() -> str:
    """find_chromium(), failing the test with its advice when there is none."""
    try:
        return find_chromium()
    except LookupError as error:
        pytest.fail(str(error), pytrace=False)


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


# --- accessibility: axe-core -----------------------------------------------------------------

AXE_SCRIPT = TESTS / "node_modules" / "axe-core" / "axe.min.js"
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

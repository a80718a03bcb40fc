"""The quiz, search and the palette toggle in every engine readers' phones run: Chromium, Firefox
and WebKit (iPhones), at phone (390x844) and desktop (1280x900) size, written once through
Selenium (tests/support/engines.py).

ENGINES=webkit (or a comma list) runs only those engines. An engine this machine lacks is skipped
with what to install; `make test` installs them all as root on Debian.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator

import pytest

from support import engines
from support.fonts import DEFAULT_FAMILY, fontconfig_env

QUIZ = "quizzes/sorting-basics/"  # tests/fixtures/sorting-basics.yml
OTHER = {"marketing": "management", "management": "marketing"}
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
CHOSEN = [name.strip() for name in os.environ.get("ENGINES", ",".join(engines.ENGINES)).split(",") if name.strip()]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def display() -> Iterator[engines.Display]:
    display = engines.Display()
    yield display
    display.stop()


@pytest.fixture(scope="module", params=[(e, s) for e in engines.ENGINES for s in SIZES],
                ids=lambda param: f"{param[0]}-{param[1]}")
def driver(request: pytest.FixtureRequest, display: engines.Display, tmp_path_factory: pytest.TempPathFactory):
    engine, size = request.param
    if engine not in CHOSEN:
        pytest.skip(f"{engine}: not in ENGINES={','.join(CHOSEN)}")
    lacking = engines.missing(engine)
    if lacking:
        pytest.skip(lacking)
    font_env = fontconfig_env(DEFAULT_FAMILY, tmp_path_factory.mktemp("fontconfig"))
    try:
        started = engines.start(engine, *SIZES[size], font_env=font_env, display=display)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    yield started.webdriver
    started.quit()


def wait(browser, script: str, *args, timeout: float = 10):
    """Runs `script` (a function body) until it returns something truthy; returns that."""
    end = time.monotonic() + timeout
    while True:
        value = browser.execute_script(script, *args)
        if value or time.monotonic() > end:
            assert value, f"never true: {script}"
            return value
        time.sleep(0.05)


def open_quiz(browser, base_url: str, path: str = QUIZ) -> list[list[str]]:
    """Opens a quiz with no saved answers; returns [post id, right answer] in the order shown."""
    browser.get(base_url + "404.html")
    browser.execute_script("localStorage.clear(); sessionStorage.clear()")
    browser.get(base_url + path)
    wait(browser, "return document.querySelector('section.quiz.quiz--ready')")
    return browser.execute_script("return [...document.querySelector('section.quiz').querySelectorAll("
                                  "'.quiz-post')].map(p => [p.dataset.post, p.dataset.answer])")


def choice(browser, post_id: str, answer: str):
    from selenium.webdriver.common.by import By

    element = browser.find_element(By.CSS_SELECTOR, f'.quiz-post[data-post="{post_id}"] '
                                                    f'.quiz-post__choice[value="{answer}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    return element


def text(browser, selector: str) -> str:
    return browser.execute_script("const e = document.querySelector(arguments[0]); return e ? e.innerText : ''",
                                  selector).strip()


def verdict(browser, post_id: str) -> str:
    return wait(browser, "const e = document.querySelector(`.quiz-post[data-post='${arguments[0]}'] "
                         ".quiz-post__verdict-line`); return e && e.offsetParent && e.innerText", post_id)


def script_errors(browser) -> list[str]:
    return browser.execute_script("return window.__errors || []")


def test_quiz_played_to_the_end_by_click_kept_over_a_reload_and_try_again(driver, quiz_site_url: str) -> None:
    posts = open_quiz(driver, quiz_site_url)
    total = len(posts)
    (wrong_id, wrong_right), rest = posts[0], posts[1:]
    choice(driver, wrong_id, OTHER[wrong_right]).click()
    assert verdict(driver, wrong_id).startswith(("✗", "Not quite"))
    assert text(driver, ".quiz__progress") == f"1 of {total} sorted"
    # Kept over a reload.
    driver.refresh()
    wait(driver, "return document.querySelector('section.quiz.quiz--ready')")
    assert text(driver, ".quiz__progress") == f"1 of {total} sorted"
    assert verdict(driver, wrong_id)
    for post_id, answer in rest:
        choice(driver, post_id, answer).click()
        assert verdict(driver, post_id).startswith(("✓", "Right"))
    wait(driver, "const r = document.querySelector('.quiz__result'); return r && r.offsetParent")
    assert text(driver, ".quiz__score") == f"You got {total - 1} of {total} right"
    # Try again: answers cleared, nothing saved.
    from selenium.webdriver.common.by import By

    again = driver.find_element(By.CSS_SELECTOR, ".quiz__again")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", again)
    again.click()
    wait(driver, "return document.querySelector('.quiz__progress').innerText.trim().startsWith('0 of')")
    assert driver.execute_script("return document.querySelectorAll('.quiz-post__choice[aria-pressed]').length") == 0
    key = driver.execute_script("const q = document.querySelector('section.quiz'); "
                                "return `sorting-quiz:${q.dataset.quiz}:${q.dataset.quizVersion}`")
    assert driver.execute_script("return localStorage.getItem(arguments[0])", key) is None


def test_quiz_played_to_the_end_by_keyboard_alone(driver, quiz_site_url: str, request: pytest.FixtureRequest) -> None:
    if driver.capabilities.get("browserName") == "MiniBrowser":
        # Known gap, not yet investigated: Tab sent through WebKitWebDriver never focuses a quiz
        # button (Safari's own default also skips buttons unless the reader turns on "Press Tab to
        # highlight each item"). Marked, not hidden: it shows as XFAIL, and XPASS once it works.
        request.applymarker(pytest.mark.xfail(reason="WebKit: Tab never reaches the quiz buttons", strict=False))
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    posts = dict(open_quiz(driver, quiz_site_url))
    focused = ("const e = document.activeElement; const p = e && e.closest('.quiz-post'); return "
               "[e.className, p ? p.dataset.post : null, e.value || null, e.getAttribute('aria-disabled')]")
    score = 0
    for _ in range(len(posts)):
        for _tab in range(300):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            classes, post_id, value, disabled = driver.execute_script(focused)
            if "quiz-post__choice" in classes and disabled is None:
                break
        else:
            pytest.fail("Tab never reached an unanswered post's button")
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        verdict(driver, post_id)
        score += posts[post_id] == value
    wait(driver, "const r = document.querySelector('.quiz__result'); return r && r.offsetParent")
    assert text(driver, ".quiz__score") == f"You got {score} of {len(posts)} right"


def test_an_email_answer_link_marks_that_post(driver, quiz_site_url: str) -> None:
    posts = open_quiz(driver, quiz_site_url)
    target, right = posts[3]
    driver.get(f"{quiz_site_url}{QUIZ}?utm_source=sales-email&post={target}&answer={OTHER[right]}#post-{target}")
    wait(driver, "return document.querySelector('section.quiz.quiz--ready')")
    assert verdict(driver, target).startswith(("✗", "Not quite"))
    assert text(driver, ".quiz__progress") == f"1 of {len(posts)} sorted"
    assert driver.execute_script("return location.search") == "?utm_source=sales-email"
    saved = driver.execute_script("return Object.keys(localStorage).filter(k => k.startsWith('sorting-quiz:'))"
                                  ".map(k => localStorage.getItem(k))")
    assert [json.loads(value) for value in saved] == [{target: OTHER[right]}]


def test_search_finds_pages(driver, site_url: str) -> None:
    """Material's search runs in a web worker: typing a word lists pages (phone: open search first)."""
    from selenium.webdriver.common.by import By

    driver.get(site_url)
    wait(driver, "return typeof document$ !== 'undefined'")
    opener = driver.find_element(By.CSS_SELECTOR, 'label.md-header__button[for="__search"]')
    if opener.is_displayed():  # a phone: the search icon opens the search
        opener.click()
    field = driver.find_element(By.CSS_SELECTOR, ".md-search__input")
    # On a phone the search opens as an overlay, with a transition: type once it is there.
    wait(driver, "const r = arguments[0].getBoundingClientRect(); return r.width > 0 && r.top >= 0 && "
                 "getComputedStyle(arguments[0]).visibility === 'visible' && "
                 "getComputedStyle(document.querySelector('.md-search__inner')).opacity === '1'", field)
    if driver.execute_script("return document.activeElement !== arguments[0]", field):
        field.click()
    field.send_keys("management")
    found = wait(driver, "return document.querySelectorAll('.md-search-result__item').length", timeout=20)
    assert found > 0
    link = wait(driver, "const a = document.querySelector('.md-search-result__link'); return a && a.href")
    assert link.startswith(site_url)


def test_the_palette_toggle_switches_to_dark_and_back(driver, site_url: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(site_url)
    wait(driver, "return typeof document$ !== 'undefined'")
    driver.execute_script("localStorage.clear()")
    driver.refresh()
    wait(driver, "return typeof document$ !== 'undefined'")
    visible_toggle = ("return [...document.querySelectorAll('form[data-md-component=palette] label')]"
                      ".find(l => l.getBoundingClientRect().width > 0 && !l.hidden && "
                      "getComputedStyle(l).display !== 'none')")
    background = "return getComputedStyle(document.body).backgroundColor"
    seen = {}
    for _ in range(3):  # automatic -> light -> dark, or light -> dark
        driver.execute_script(visible_toggle).click()
        scheme = wait(driver, "return document.body.dataset.mdColorScheme")
        seen[scheme] = driver.execute_script(background)
        if scheme == "slate":
            break
    assert "slate" in seen and "default" in seen, seen
    assert seen["slate"] != seen["default"], "the dark scheme did not change the background"
    # The choice is kept over a reload.
    driver.refresh()
    assert wait(driver, "return document.body.dataset.mdColorScheme") == "slate"
    assert driver.find_elements(By.CSS_SELECTOR, "form[data-md-component=palette]")


CSP_PAGES = ["", "difference/", "quizzes/basics/", "quizzes/basics/?post=x&answer=marketing"]


@pytest.fixture(scope="module")
def reporting_site(built_site):
    """The public site with its _headers policy, also sent report-only to this server."""
    from support.site_server import serve_site

    reports: list[str] = []
    with serve_site(built_site, headers_file=True, csp_reports=reports) as base_url:
        yield base_url, reports


def test_pages_under_the_content_security_policy_have_no_violations(driver, reporting_site) -> None:
    """Each engine posts a report for anything the policy blocks; none may arrive. The pages' own
    scripts ran (Material's search and the quiz), which they could not if the policy blocked them."""
    base_url, reports = reporting_site
    reports.clear()
    for path in CSP_PAGES:
        driver.get(base_url + path)
        wait(driver, "return typeof document$ !== 'undefined'")
        if path.startswith("quizzes/basics/"):
            wait(driver, "return document.querySelector('section.quiz.quiz--ready')")
    driver.get(base_url + "404.html")
    time.sleep(1)  # reports are sent in the background
    assert reports == [], "\n".join(reports)

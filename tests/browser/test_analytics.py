"""Optional analytics: the quiz's events reach the analytics a site owner switches on, and nothing
at all happens when none is configured.

quiz.js announces what readers do as bubbling DOM events on the quiz's section:
    quiz:answer  {quiz, post, answer, right}
    quiz:finish  {quiz, score, total}
    quiz:arrive  {quiz, post, answer}     an answer link opened the quiz
    quiz:next-step  {quiz, url}           a click on the agency's call to action at the result
hooks/sorting_quiz/components/quiz/quiz-analytics.js forwards them, as quiz_answer, quiz_finish,
quiz_arrive and quiz_next_step, to Material's Google Analytics (gtag) and to a self-hosted counter's
`plausible(name, {props})` or `umami.track(name, data)`. The build adds it to quiz pages only when
mkdocs.yml sets `extra.analytics` (or `extra.quiz_analytics: true`).

Every site here is the fixture quiz site (tests/support/projects.py) with a few lines added to its
mkdocs.yml, served with the headers its `_headers` gives (the Content-Security-Policy as a real
header, besides the meta tag). Google's script never leaves this machine: Playwright answers the
request for it with a stand-in that records every gtag call.
When analytics are on, without a browser: tests/unit/test_analytics_setting.py.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from support.projects import build_or_fail, fixture_project
from support.site_server import serve_site
from support.viewports import DESKTOP

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
from content_security_policy import read_meta_policy

GTAG = "https://www.googletagmanager.com/gtag/js"
PROPERTY = "G-TEST0000"
QUIZ = "quizzes/sorting-basics/"
SELF_CHECK = "self-check/"  # three posts of sorting-basics
ANSWER_LINK = f"{QUIZ}?post=fb-bakery-loaf&answer=management#post-fb-bakery-loaf"  # the loaf is marketing
GOOGLE = {"analytics": {"provider": "google", "property": PROPERTY}}
CONSENT = {"consent": {"title": "Cookies", "description": "With your consent, we count which quizzes help.",
                       "actions": ["accept", "reject"]}}

# Answers Google's script URL: records every gtag call (Material's and the forwarder's), queued
# before it loaded and after, as gtag.js reads window.dataLayer.
STAND_IN_GTAG = """
(() => {
  const calls = window.__gtagCalls = [];
  const take = args => calls.push(JSON.parse(JSON.stringify(Array.from(args))));
  for (const args of window.dataLayer) take(args);
  const push = window.dataLayer.push.bind(window.dataLayer);
  window.dataLayer.push = args => (take(args), push(args));
})();
"""
# Self-hosted counters' functions, as their own scripts would define them.
STAND_IN_COUNTERS = """
window.__counted = [];
window.plausible = (name, options) => window.__counted.push(['plausible', name, options]);
window.umami = {track: (name, data) => window.__counted.push(['umami', name, data])};
"""


def site_with(tmp_path_factory: pytest.TempPathFactory, name: str, extra: dict[str, Any]) -> Path:
    """The fixture quiz site with `extra` added to mkdocs.yml's `extra:` (as flow-style YAML)."""
    project = fixture_project(tmp_path_factory.mktemp(name) / "project")
    config = project / "mkdocs.yml"
    lines = "".join(f"  {key}: {json.dumps(value)}\n" for key, value in extra.items())
    text, found = re.subn(r"(?m)^extra:\n", lambda match: match.group(0) + lines, config.read_text(encoding="utf-8"))
    assert found == 1, "mkdocs.yml has no top-level `extra:`"
    config.write_text(text, encoding="utf-8")
    return build_or_fail(project, project / "site")


@pytest.fixture(scope="module")
def google_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = site_with(tmp_path_factory, "analytics", GOOGLE)
    with serve_site(site, headers_file=True) as url:
        yield site, url


@pytest.fixture(scope="module")
def consent_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve_site(site_with(tmp_path_factory, "consent", {**GOOGLE, **CONSENT}), headers_file=True) as url:
        yield url


@pytest.fixture(scope="module")
def counter_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = site_with(tmp_path_factory, "counter", {"quiz_analytics": True})
    with serve_site(site, headers_file=True) as url:
        yield site, url


@pytest.fixture(scope="module")
def default_site_url(quiz_site: Path) -> Iterator[str]:
    with serve_site(quiz_site, headers_file=True) as url:
        yield url


# --- a page, with every request and error recorded --------------------------------------------


@dataclass
class Visit:
    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def gtag_events(self) -> list[list[Any]]:
        """The gtag('event', ...) calls the stand-in saw: [name, params]."""
        calls = self.page.evaluate("window.__gtagCalls || []")
        return [call[1:] for call in calls if call and call[0] == "event"]

    def wait_for_gtag_event(self, name: str, count: int = 1) -> None:
        self.page.wait_for_function(
            "([name, count]) => (window.__gtagCalls || []).filter(c => c[0] == 'event' && c[1] == name).length"
            " >= count", arg=[name, count], timeout=10_000)


@pytest.fixture
def visit(browser) -> Iterator[Callable[..., Visit]]:
    contexts = []

    def _open(base_url: str, path: str, *, init_script: str | None = None) -> Visit:
        context = browser.new_context(viewport=dict(zip(("width", "height"), DESKTOP)), locale="en-GB")
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        # Any request leaving this machine fails, but Google's script comes from the stand-in
        # (Playwright tries the route registered last first).
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
        context.route(f"{GTAG}*", lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=STAND_IN_GTAG))
        page = context.new_page()
        found = Visit(page)
        context.on("request", lambda request: found.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and found.errors.append(message.text))
        page.on("pageerror", lambda error: found.errors.append(str(error)))
        page.goto(base_url + path, wait_until="load")
        page.wait_for_selector("section.quiz.quiz--ready")
        return found

    yield _open
    for context in contexts:
        context.close()


def external(visit_: Visit) -> list[str]:
    return [url for url in visit_.requests if not url.startswith("http://127.0.0.1:")]


def choose(page: Any, post_id: str, answer: str) -> None:
    page.locator(f'.quiz-post[data-post="{post_id}"] .quiz-post__choice[value="{answer}"]').first.click()


def press(page: Any, post_id: str, answer: str) -> None:
    page.locator(f'.quiz-post[data-post="{post_id}"] .quiz-post__choice[value="{answer}"]').first.focus()
    page.keyboard.press("Enter")


def right_answers(page: Any) -> dict[str, str]:
    return dict(page.locator("section.quiz .quiz-post").evaluate_all(
        "posts => posts.map(p => [p.dataset.post, p.dataset.answer])"))


OTHER = {"marketing": "management", "management": "marketing"}


# --- nothing configured --------------------------------------------------------------------------


@pytest.mark.browser
def test_default_site_has_no_forwarder_and_makes_no_extra_request(quiz_site: Path, default_site_url: str,
                                                                    visit) -> None:
    assert not (quiz_site / "assets" / "quiz" / "quiz-analytics.js").exists()
    for page in quiz_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "quiz-analytics" not in text and "googletagmanager" not in text, page
        policy = read_meta_policy(text)
        assert policy is None or "https:" not in policy, f"{page}: {policy}"
    assert "https:" not in (quiz_site / "_headers").read_text(encoding="utf-8")
    seen = visit(default_site_url, ANSWER_LINK)
    page = seen.page
    choose(page, "fb-florist-article", "marketing")
    page.wait_for_timeout(300)
    assert external(seen) == []
    assert not [url for url in seen.requests if "analytics" in url]
    assert page.evaluate("typeof window.dataLayer") == "undefined"
    assert seen.errors == []


# --- Material's Google Analytics -------------------------------------------------------------


@pytest.mark.browser
def test_quiz_events_reach_google_analytics(google_site: tuple[Path, str], visit) -> None:
    site, url = google_site
    html = (site / QUIZ / "index.html").read_text(encoding="utf-8")
    assert html.count("quiz-analytics.js") == 1
    assert html.index("quiz-analytics.js") < html.index("quiz.js"), "it listens before a quiz can say anything"
    assert "https://www.googletagmanager.com" in read_meta_policy(html)

    seen = visit(url, ANSWER_LINK)
    seen.wait_for_gtag_event("quiz_answer")
    assert ["quiz_arrive", {"quiz": "sorting-basics", "post": "fb-bakery-loaf", "answer": "management"}] \
        in seen.gtag_events()
    assert ["quiz_answer", {"quiz": "sorting-basics", "post": "fb-bakery-loaf", "answer": "management",
                            "right": False}] in seen.gtag_events()
    names = [name for name, _ in seen.gtag_events()]
    assert names == ["quiz_arrive", "quiz_answer"], names

    seen = visit(url, SELF_CHECK)
    answers = right_answers(seen.page)
    wrong = next(iter(answers))
    # A self-check (chosen posts of a quiz) has an id of its own, so its results are told apart.
    quiz = seen.page.locator("section.quiz").get_attribute("data-quiz")
    assert quiz.startswith("sorting-basics--check-")
    for post_id, answer in answers.items():
        choose(seen.page, post_id, OTHER[answer] if post_id == wrong else answer)
    seen.wait_for_gtag_event("quiz_finish")
    events = seen.gtag_events()
    assert [event for event in events if event[0] == "quiz_answer"] == [
        ["quiz_answer", {"quiz": quiz, "post": post_id, "answer": OTHER[answer] if post_id == wrong
                         else answer, "right": post_id != wrong}] for post_id, answer in answers.items()]
    assert events[-1] == ["quiz_finish", {"quiz": quiz, "score": len(answers) - 1, "total": len(answers)}]
    # The only request leaving the site is for Google's script (answered here by the stand-in).
    assert {u.split("?")[0] for u in external(seen)} == {GTAG}
    assert seen.errors == [], "no error and no Content-Security-Policy violation"


# Keeps the page when the call to action is clicked (after the quiz has seen the click), so the test
# can read what was sent; a reader's browser goes on to the agency's page.
STAY_ON_THE_PAGE = """addEventListener('click', e => e.target.closest('.quiz__next a') && e.preventDefault());"""


@pytest.mark.browser
def test_a_click_on_the_next_step_is_counted(google_site: tuple[Path, str], visit) -> None:
    site, url = google_site
    agency = yaml.safe_load((site.parent / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["agency"]
    seen = visit(url, SELF_CHECK, init_script=STAY_ON_THE_PAGE)
    quiz = seen.page.locator("section.quiz").get_attribute("data-quiz")
    for post_id, answer in right_answers(seen.page).items():
        choose(seen.page, post_id, answer)
    seen.wait_for_gtag_event("quiz_finish")
    seen.page.locator(".quiz__result").get_by_role("link", name=agency["call_to_action"]["text"]).click()
    seen.wait_for_gtag_event("quiz_next_step")
    assert seen.gtag_events()[-1] == ["quiz_next_step", {"quiz": quiz, "url": agency["call_to_action"]["url"]}]
    assert seen.errors == []


@pytest.mark.browser
def test_a_restored_result_is_not_sent_again(google_site: tuple[Path, str], visit) -> None:
    _, url = google_site
    seen = visit(url, SELF_CHECK)
    for post_id, answer in right_answers(seen.page).items():
        choose(seen.page, post_id, answer)
    seen.wait_for_gtag_event("quiz_finish")
    seen.page.reload(wait_until="load")
    seen.page.wait_for_function("window.__gtagCalls && window.__gtagCalls.some(c => c[0] == 'config')")
    seen.page.wait_for_timeout(300)
    assert seen.gtag_events() == [], "saved answers shown again are not new answers"


@pytest.mark.browser
def test_with_consent_nothing_is_loaded_or_sent_until_the_reader_accepts(consent_site_url: str, visit) -> None:
    seen = visit(consent_site_url, ANSWER_LINK)
    page = seen.page
    dialog = page.locator("[data-md-component=consent] .md-consent__inner")
    dialog.wait_for(state="visible")
    # The answer link has already answered a post. Another, by keyboard (the consent overlay takes
    # the pointer until the reader chooses):
    press(page, "fb-florist-article", "marketing")
    assert "quiz-post--done" in page.locator('.quiz-post[data-post="fb-florist-article"]').get_attribute("class")
    page.wait_for_timeout(500)
    assert external(seen) == [], "before consent: no request to Google"
    assert page.evaluate("typeof window.dataLayer") == "undefined", "before consent: nothing queued"
    assert page.evaluate("typeof window.__gtagCalls") == "undefined"

    with page.expect_navigation(wait_until="load"):  # Material reloads the page on a choice
        dialog.get_by_role("button", name="Accept").click()
    page.wait_for_selector("section.quiz.quiz--ready")
    page.wait_for_function("window.__gtagCalls")  # Google's script (the stand-in) loaded, after consent
    assert seen.gtag_events() == [], "what happened before consent is not sent afterwards"
    choose(page, "fb-plumber-reply", "management")
    seen.wait_for_gtag_event("quiz_answer")
    assert seen.gtag_events() == [["quiz_answer", {"quiz": "sorting-basics", "post": "fb-plumber-reply",
                                                   "answer": "management", "right": True}]]
    assert {u.split("?")[0] for u in external(seen)} == {GTAG}
    assert seen.errors == []


@pytest.mark.browser
def test_rejecting_keeps_everything_off(consent_site_url: str, visit) -> None:
    seen = visit(consent_site_url, QUIZ)
    page = seen.page
    dialog = page.locator("[data-md-component=consent] .md-consent__inner")
    dialog.wait_for(state="visible")
    with page.expect_navigation(wait_until="load"):
        dialog.get_by_role("button", name="Reject").click()
    page.wait_for_selector("section.quiz.quiz--ready")
    choose(page, "fb-florist-article", "marketing")
    page.wait_for_timeout(500)
    assert external(seen) == []
    assert page.evaluate("typeof window.dataLayer") == "undefined"
    assert seen.errors == []


# --- a self-hosted, cookie-free counter --------------------------------------------------------


@pytest.mark.browser
def test_quiz_events_reach_a_self_hosted_counter(counter_site: tuple[Path, str], visit) -> None:
    site, url = counter_site
    html = (site / QUIZ / "index.html").read_text(encoding="utf-8")
    assert "quiz-analytics.js" in html
    assert "https:" not in read_meta_policy(html), "no other host is allowed unless listed"
    seen = visit(url, ANSWER_LINK, init_script=STAND_IN_COUNTERS)
    seen.page.wait_for_function("window.__counted.length >= 4")
    arrive = {"quiz": "sorting-basics", "post": "fb-bakery-loaf", "answer": "management"}
    assert seen.page.evaluate("window.__counted") == [
        ["plausible", "quiz_arrive", {"props": arrive}],
        ["umami", "quiz_arrive", arrive],
        ["plausible", "quiz_answer", {"props": {**arrive, "right": False}}],
        ["umami", "quiz_answer", {**arrive, "right": False}],
    ]
    assert external(seen) == []
    assert seen.errors == []

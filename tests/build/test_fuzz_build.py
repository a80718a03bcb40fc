"""Issue 18: a fuzz test of the build that stays in `make test`.

Hypothesis writes a tiny project's quiz file, includes/trades.yml and includes/hard-cases.yml
with hostile strings in every field (markup, entities, nested links, control and bidi
characters, look-alike letters, huge values) and builds it in this process with MkDocs' own
build, exactly as `mkdocs build --strict` does. Each build must either
- succeed, with every plain-text field shown on the page exactly as written, and no inline
  script outside the ones the templates write (hashed by the policy), no event handler, no
  javascript: URL; or
- fail with `file:line:` messages and no traceback, having written nothing.

Bounded so it stays in `make test`: few examples, no per-example deadline, and a total time
budget after which the remaining examples are skipped.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import content_security_policy as csp
from support.projects import ROOT, copy_project

MAX_EXAMPLES = 30
TIME_BUDGET_SECONDS = 75  # after this, the examples left pass without building
MATERIAL_TEMPLATES = Path(__import__("material").__file__).resolve().parent / "templates"

HOSTILE = [
    '<script>document.title="PWNED"</script>', "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
    "[the [latest] rules](mailto:info@example.com)", "[x](javascript:alert(1))", "[x](my page.md)",
    "[x](difference.md\t)", "![p](https://tracker.example/p.gif)", "{: onclick=\"go()\"}", "&lt;b&gt;", "&amp;",
    "\x1b]0;X\x07\x1b[2J", "\x00", "\x02wzxhzdk:0\x03", "\u202egnp.exe", "\u2028", "f\u043e\u043ed", "`code`",
    "**bold**", "*em*", "[ref][1]", "<https://example.com>", "--8<-- \"abbreviations.md\"", "/// quiz | basics",
    "{{ config.site_name }}", "{% include 'x' %}", "\\", "'", '"', "#", "---", "\n\n# Heading\n\n",
    "café", "£4.50 & 10% off", "<3", "a" * 3000,
]
pieces = (st.sampled_from(HOSTILE)
          | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
          | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
                    min_size=1, max_size=12))
hostile_text = st.lists(pieces, min_size=1, max_size=4).map(" ".join)
# What each field holds when it is not the one under attack: ordinary words that build.
BENIGN = {
    "title": "Fuzz quiz", "summary": "Posts to sort.", "account": "Oak Lane Bakery, York",
    "text": "Open as usual on Monday.", "explanation": "It sells nothing.", "image_description": "A shop front.",
    "name": "Fuzzers", "businesses": "fuzz businesses", "case": "A fuzzed case", "ruling": "Judge the words.",
    "why": "Because the words decide.", "example": "A plain post.",
}
FIELDS = tuple(BENIGN)
# Fields shown as plain text, which must appear on the page exactly as written when the build succeeds.
PLAIN_FIELDS = ("title", "account", "text", "image_description", "case", "example")
# One or two fields attacked at a time, so that many examples get past the checks and are built.
attacked = st.dictionaries(st.sampled_from(FIELDS), hostile_text, min_size=1, max_size=2).map(
    lambda chosen: {**BENIGN, **chosen})


def _quote(value: str) -> str:
    """A YAML double-quoted scalar, with every character that is not printable ASCII written as
    YAML's own escape: how a file can hold any character at all (NUL, ESC, bidi controls)."""
    out = []
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7f:
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


def write_project(project: Path, values: dict[str, str]) -> None:
    posts = []
    for number in range(8):  # enough posts of one trade for a trade quiz of its own
        posts.append(f"""\
  - id: fz-post-{number}
    platform: facebook
    account: {_quote(values['account'])}
    trade: fuzz
    text: {_quote(values['text'])}
    paid: false
    answer: management
    explanation: {_quote(values['explanation'])}
    image_description: {_quote(values['image_description'])}
""")
    (project / "quizzes" / "fuzz.yml").write_text(
        f"title: {_quote(values['title'])}\nsummary: {_quote(values['summary'])}\nposts:\n" + "".join(posts),
        encoding="utf-8")
    (project / "includes" / "trades.yml").write_text(
        f"- id: fuzz\n  name: {_quote(values['name'])}\n  businesses: {_quote(values['businesses'])}\n",
        encoding="utf-8")
    (project / "includes" / "hard-cases.yml").write_text(f"""\
- id: fuzz-case
  case: {_quote(values['case'])}
  ruling: {_quote(values['ruling'])}
  answer: management
  close_call: false
  why: {_quote(values['why'])}
  example:
    text: {_quote(values['example'])}
    answer: management
""", encoding="utf-8")


PAGES = {
    "index.md": "---\ndescription: A fuzzed quiz.\n---\n\n# Fuzz\n\n/// quiz | fuzz\n///\n\n/// hard-cases\n///\n",
    "quizzes/trades/index.md": "---\ndescription: Trades.\n---\n\n# Trades\n\n/// quiz-list\n    trades: true\n///\n",
}


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("fuzz") / "project", ("hooks", "includes", "overrides"))
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    for name, text in PAGES.items():
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_text(text, encoding="utf-8")
    (project / "quizzes").mkdir()
    (project / "quizzes" / "published-posts.txt").write_text("# none\n", encoding="utf-8")
    (project / "includes" / "abbreviations.md").write_text("", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_dump({"nav": [{"Fuzz": "index.md"}, {"Trades": "quizzes/trades/index.md"}]}, sort_keys=False)
    config, found = re.subn(r"(?m)^nav:\n(?:(?:[ \t]+.*)?\n)*", nav, config)
    assert found == 1
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_in_process(project: Path, site: Path) -> tuple[bool, str]:
    """`mkdocs build --strict` of `project` into `site`, in this process: (built?, what it said).
    Any exception other than MkDocs' own build errors fails the test: that is a traceback."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        return False, "\n".join([*handler.messages, str(error)])
    finally:
        logger.removeHandler(handler)
    return True, "\n".join(handler.messages)


started: list[float] = []


@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          phases=(Phase.explicit, Phase.generate),  # no shrinking: a failure prints its example as found
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(values=attacked)
def test_hostile_text_is_shown_as_written_or_refused_at_its_line(fuzz_project: Path, values: dict[str, str]) -> None:
    if not started:
        started.append(time.monotonic())
    if time.monotonic() - started[0] > TIME_BUDGET_SECONDS:
        return  # the budget is spent: the examples built so far stand
    write_project(fuzz_project, values)
    site = fuzz_project / "site"
    shutil.rmtree(site, ignore_errors=True)
    built, said = build_in_process(fuzz_project, site)
    assert "Traceback" not in said, said
    if not built:
        assert re.search(r"(quizzes/fuzz\.yml|includes/(trades|hard-cases)\.yml):\d+: ", said), said
        assert not site.exists(), f"a failed build wrote {site}:\n{said}"
        return
    known = csp.known_scripts([(str(ROOT / "overrides"), "overrides"), (str(MATERIAL_TEMPLATES), "material")])
    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}
    for name, page in pages.items():
        found = csp.read_inline_code(page)
        assert not csp.unknown_scripts(found, known), name
        assert not (found.event_handlers or found.javascript_urls or found.refreshes), name
    shown = html.unescape(re.sub(r"<[^>]+>", "", pages["index.html"]))
    for field in PLAIN_FIELDS:
        written = " ".join(values[field].split())  # a page's HTML may wrap lines
        assert written in " ".join(shown.split()), f"{field} {written!r} is not shown as written"
    trade_page = html.unescape(re.sub(r"<[^>]+>", "", pages["quizzes/trades/fuzz/index.html"]))
    assert values["businesses"].strip() in trade_page

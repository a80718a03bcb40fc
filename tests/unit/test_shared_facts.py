"""The facts Python and the scripts share (hooks/sorting_quiz/facts.py) are written there only.

The answers and their labels, the id formats (`post-ID`, `case-ID`, `quiz-ID`, `email-…`, the
`--` that joins a generated part) and the answer link's URL parameters: no other module of the
component, and no script, spells them. The scripts read them from the markup (`data-answers`,
`data-answer-link`, `data-selling-answer`), which tests/browser/test_shared_facts_browser.py proves by changing the
markup and watching the scripts follow it.

The scan reads the code, not the prose: Python by its syntax tree (docstrings and comments are
free to talk about marketing and management), scripts with their comments removed. Its own
tests feed it code that breaks the rule, so a scan that finds nothing because it looks nowhere
fails too.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from sorting_quiz import facts

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "hooks" / "sorting_quiz"
FACTS = PACKAGE / "facts.py"

ANSWER_WORDS = {*facts.ANSWERS, *facts.ANSWER_LABELS.values()}
ID_PREFIXES = tuple(fn("") for fn in (facts.post_anchor, facts.case_anchor, facts.quiz_anchor,
                                      facts.email_quiz_anchor)) + ("email-",)
PARAMS = (facts.ANSWER_LINK_PARAM, facts.OLDER_POST_PARAM, facts.OLDER_ANSWER_PARAM, *facts.CAMPAIGN_PARAMS,
          facts.CONTENT_PARAM)
# Parameter names no other code has a use for. `a`, `post` and `answer` are also a tag, a kind of
# post and a field: those are found where they are used as parameters (in a query, or a script's
# URLSearchParams call).
UNIQUE_PARAMS = (*facts.CAMPAIGN_PARAMS, facts.CONTENT_PARAM)
# A query written by hand: `?a=`, `&post=`, `?answer=`, `&utm_source=`.
QUERY = re.compile(r"[?&](?:%s)=" % "|".join(map(re.escape, PARAMS)))
# An id format in a script: `'#post-' + id`, `` `case-${id}` ``.
SCRIPT_ID = re.compile(r"(?:^|#)(?:%s)(?:\$\{|$)" % "|".join(map(re.escape, ID_PREFIXES)))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (module, class, function)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def python_spellings(source: str, name: str = "<code>") -> list[str]:
    """Each place Python code spells a shared fact itself: `file:line: what`."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    found = []

    def say(node: ast.AST, what: str) -> None:
        found.append(f"{name}:{node.lineno}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            if text in ANSWER_WORDS:
                say(node, f"the answer {text!r}: use facts.ANSWERS, facts.MARKETING/MANAGEMENT or facts.answer_label")
            elif text in UNIQUE_PARAMS:
                say(node, f"the URL parameter {text!r}: use facts' parameter names")
            elif QUERY.search(text) and " " not in text:  # a sentence may quote a link
                say(node, f"a query written by hand ({text!r}): build it from facts' parameter names")
        if isinstance(node, ast.JoinedStr):
            parts = node.values
            for before, after in zip(parts, parts[1:]):
                # `f"post-{id}"`, `f"{id}--title"`: an id format, built here instead of by facts.
                if isinstance(before, ast.Constant) and isinstance(after, ast.FormattedValue):
                    last = (str(before.value).split() or [""])[-1]
                    # `quiz-post__card--{platform}` is a class's modifier (BEM), not an id.
                    if last.endswith(ID_PREFIXES) or last.endswith(facts.ID_PART) and "__" not in last:
                        say(node, f"an id built by hand ({before.value!r}…): use facts' id functions")
                if isinstance(before, ast.FormattedValue) and isinstance(after, ast.Constant):
                    if str(after.value).startswith(facts.ID_PART):
                        say(node, f"an id built by hand (…{after.value!r}): use facts.id_part")
    return found


JS_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
JS_STRING = re.compile(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"|`((?:[^`\\]|\\.)*)`")


def script_spellings(source: str, name: str = "<script>") -> list[str]:
    """Each place a script spells a shared fact itself, in its code (not its comments)."""
    code = JS_COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), source)
    found = []
    for match in JS_STRING.finditer(code):
        text = next(group for group in match.groups() if group is not None)
        line = code.count("\n", 0, match.start()) + 1
        words = set(re.findall(r"[A-Za-z]+", text))
        if words & ANSWER_WORDS and not re.search(r"[.,:!?]\s", text + " "):
            # A single answer, or a list of them; sentences that mention one (`… it is marketing.`) are words shown.
            found.append(f"{name}:{line}: the answer in {match.group()}: read data-answers from the page")
        if text in UNIQUE_PARAMS or QUERY.search(text):
            found.append(f"{name}:{line}: the URL parameter in {match.group()}: read data-answer-link from the page")
        if SCRIPT_ID.search(text):
            found.append(f"{name}:{line}: an id format in {match.group()}: read ids from the page")
    for match in re.finditer(r"\.(?:getAll|get|has|delete|set|append)\(\s*(['\"`])", code):
        # Only URLSearchParams take a quoted first argument in these scripts.
        line = code.count("\n", 0, match.start()) + 1
        found.append(f"{name}:{line}: a URL parameter named in the script: read data-answer-link from the page")
    return found


# --- the scan catches what it should, and only that ------------------------------------------


@pytest.mark.parametrize("bad", [
    'ANSWERS = ("marketing", "management")',
    'label = {"x": "Marketing"}[x]',
    'anchor = f"post-{post.id}"',
    'href = f"difference.md#case-{case.id}"',
    'name = f"{anchor}--title"',
    'link = f"{url}?post={post_id}&answer={answer}"',
    'tags = [("utm_source", source)]',
])
def test_the_python_scan_finds_a_fact_spelled_outside_facts(bad: str) -> None:
    assert python_spellings(bad), bad


@pytest.mark.parametrize("fine", [
    '"""Marketing or management: the docstring may say so."""',
    'def f():\n    """Answers marketing."""\n    return 1',
    'message = "the two questions make this marketing; change the answer"',
    'x = f"Post {n}: {MARKETING} or {MANAGEMENT}?"',
    '# marketing, in a comment\nx = 1',
])
def test_the_python_scan_leaves_prose_alone(fine: str) -> None:
    assert not python_spellings(fine), fine


@pytest.mark.parametrize("bad", [
    "const ANSWERS = ['marketing', 'management'];",
    "const SAY = { name: { marketing: 'Marketing', management: 'Management' } };",
    "params.getAll('post')",
    "url.searchParams.delete('answer');",
    "const tags = ['utm_source', 'utm_medium'];",
    "const id = `case-${caseId}`;",
    "link.href = '#post-' + id;",
    "if (answer == 'marketing') x();",
])
def test_the_script_scan_finds_a_fact_spelled_in_a_script(bad: str) -> None:
    assert script_spellings(bad), bad


@pytest.mark.parametrize("fine", [
    "// The older ?post=ID&answer=marketing link, in a comment",
    "const why = 'If your own words name something you sell, it is marketing, whatever kind of post it is.';",
    "const s = `${name}: ${n} right`;",
    "const el = make('div', 'post-checker__panel', 'quiz-post__choice--' + a);",
])
def test_the_script_scan_leaves_comments_and_sentences_alone(fine: str) -> None:
    assert not script_spellings(fine), fine


# --- the rule itself ------------------------------------------------------------------------------


def test_no_python_module_but_facts_spells_a_shared_fact() -> None:
    modules = sorted({*PACKAGE.rglob("*.py"), *(ROOT / "hooks").glob("*.py")} - {FACTS})
    assert len(modules) > 20, "the scan must read the component's modules and the hooks"
    found = [problem for path in modules
             for problem in python_spellings(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())]
    assert not found, "\n".join(found)


def test_facts_itself_states_each_fact_the_scan_looks_for() -> None:
    """The scan looks for what facts.py states; facts.py, scanned, is where they are all found."""
    found = "\n".join(python_spellings(FACTS.read_text(encoding="utf-8")))
    for answer in facts.ANSWERS:
        assert repr(answer) in found
    for param in UNIQUE_PARAMS:
        assert repr(param) in found
    assert "id built by hand" in found


def test_no_script_spells_a_shared_fact() -> None:
    scripts = sorted(PACKAGE.rglob("*.js"))
    assert {path.name for path in scripts} >= {"quiz.js", "post-checker.js", "email-tools.js"}
    found = [problem for path in scripts
             for problem in script_spellings(path.read_text(encoding="utf-8"), path.name)]
    assert not found, "\n".join(found)


def test_the_markup_carries_the_facts_the_scripts_read() -> None:
    import xml.etree.ElementTree as etree

    from sorting_quiz.model import HardCase, Post, Quiz
    from sorting_quiz.components.post_checker.post_checker import render_post_checker
    from sorting_quiz.components.quiz.render import render_quiz

    post = Post(id="p1", platform="x", account="@a", text="Hi", paid=False, answer=facts.MANAGEMENT,
                explanation="It sells nothing.")
    root = etree.Element("div")
    section = render_quiz(root, Quiz(id="q", title="Q", summary="S", posts=(post,)))
    assert json.loads(section.get("data-answers")) == [[a, facts.answer_label(a)] for a in facts.ANSWERS]
    link = json.loads(section.get("data-answer-link"))
    assert link["param"] == facts.ANSWER_LINK_PARAM and link["separator"] == facts.ANSWER_LINK_SEPARATOR
    assert link["older"] == {"post": facts.OLDER_POST_PARAM, "answer": facts.OLDER_ANSWER_PARAM}
    assert section.get("id") == facts.quiz_anchor("q")
    assert section.find(".//li").get("id") == facts.post_anchor("p1")
    number = section.find(f".//legend/span[@class='{facts.POST_NUMBER_CLASS}']")
    assert number is not None and number.text == "1"

    case = HardCase(id="c", case="A case", ruling="Management: it sells nothing.", answer=facts.MANAGEMENT,
                    close_call=False, why="Why.", example_text="Ex", example_answer=facts.MANAGEMENT,
                    spot="It is a case")
    checker = render_post_checker(etree.Element("div"), [case])
    assert json.loads(checker.get("data-answers")) == json.loads(facts.answers_json())
    assert checker.get("data-selling-answer") == facts.MARKETING

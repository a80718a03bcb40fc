"""Say a thing once: no passage of 25 words or more appears on two pages of the built site.

It reads what readers see, each page's main content in the built HTML, with two kinds of
exception:
- The blocks some pages include on purpose, and only those pages: the two questions
  (includes/two-questions.md) on the home page, the difference page and the cheat sheet, which the
  others link to; and the hard-case table (the `/// hard-cases` block) on the difference page and
  the cheat sheet, its printable summary.
- The tools built from the site's data, which are used rather than read through: quizzes (a
  Learn page's self-check shows posts from a quiz, a trade's quiz gathers posts from all of them)
  and the post checker.
A passage never runs across one of these: the text either side of a quiz is not one passage.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from support.site_pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
LONGEST = 24  # words a passage may share with another page; 25 is too many

TWO_QUESTIONS = (ROOT / "includes" / "two-questions.md").read_text(encoding="utf-8")
# Pages that include a block on purpose, and the block: (class of its element, or None for the
# two questions, which have no element of their own), by page URL.
TWO_QUESTIONS_PAGES = {"", "difference/", "cheat-sheet/"}
HARD_CASES_PAGES = {"difference/", "cheat-sheet/"}
# Class names. `quiz__next` is the agency's offer after each quiz: one block repeated by design, like the footer.
TOOLS = ("quiz", "post-checker", "quiz__next")
UNREAD = ("headerlink",)  # the permalink sign

BREAK = None  # a boundary: no passage runs across it


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def normal(word: str) -> str:
    """A word as compared: lower case, no punctuation ("Buy!" and "buy" are one word)."""
    return re.sub(r"[^\w£%]", "", word.casefold().replace("’", "'").replace("'", ""))


@dataclass(frozen=True)
class Word:
    text: str  # as shown
    key: str  # as compared


def words_of(text: str) -> list[Word]:
    return [Word(token, normal(token)) for token in text.split() if normal(token)]


def include_words(markdown: str) -> list[str]:
    """The words of an included Markdown file as a reader sees them (no list numbers, no **)."""
    text = re.sub(r"^\s*\d+\.\s", " ", markdown, flags=re.MULTILINE)
    return [word.key for word in words_of(text.replace("*", ""))]


def page_words(html: str, *, cut: tuple[str, ...] = ()) -> list[Word | None]:
    """The words of a page's main content, with BREAK where a tool or a cut block was."""
    root = lxml.html.fromstring(html)
    articles = root.xpath("//article[contains(@class, 'md-content__inner')]")
    assert articles, "no <article class=\"md-content__inner\"> in the page"
    article = articles[0]
    for element in article.xpath(" | ".join(f".//*[{_has_class(name)}]" for name in UNREAD)
                                 + " | .//script | .//style | .//*[@hidden]"):
        element.drop_tree()
    words: list[Word | None] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        classes = set((element.get("class") or "").split()) if isinstance(element.tag, str) else set()
        if classes & {*TOOLS, *cut}:
            words.append(BREAK)
            return
        if isinstance(element.tag, str):
            words.extend(words_of(" " + (element.text or "") + " "))
            for child in element:
                walk(child)
                words.extend(words_of(" " + (child.tail or "") + " "))

    walk(article)
    return words


def without_passage(words: list[Word | None], passage: list[str]) -> tuple[list[Word | None], int]:
    """`words` with every run of `passage` replaced by BREAK, and how many runs there were."""
    out: list[Word | None] = []
    found, i, size = 0, 0, len(passage)
    while i < len(words):
        run = words[i:i + size]
        if size and len(run) == size and all(w is not None and w.key == key for w, key in zip(run, passage)):
            out.append(BREAK)
            found += 1
            i += size
        else:
            out.append(words[i])
            i += 1
    return out, found


def segments(words: list[Word | None]) -> list[list[Word]]:
    out: list[list[Word]] = [[]]
    for word in words:
        if word is BREAK:
            out.append([])
        else:
            out[-1].append(word)
    return [segment for segment in out if segment]


@dataclass(frozen=True)
class Repeat:
    pages: tuple[str, ...]
    passage: str
    length: int

    def __str__(self) -> str:
        return f"{' and '.join(self.pages)}, {self.length} words:\n    “{self.passage}”"


def repeats(pages: dict[str, list[list[Word]]], longest: int = LONGEST) -> list[Repeat]:
    """Every passage of more than `longest` words found on more than one page, each run once, whole."""
    size = longest + 1
    where: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, parts in pages.items():
        for part in parts:
            keys = [word.key for word in part]
            for start in range(len(keys) - size + 1):
                where[tuple(keys[start:start + size])].add(name)
    shared = {window: names for window, names in where.items() if len(names) > 1}
    found: list[Repeat] = []
    reported: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for name, parts in pages.items():
        for part in parts:
            keys = [word.key for word in part]
            start = 0
            while start <= len(keys) - size:
                names = shared.get(tuple(keys[start:start + size]))
                if not names:
                    start += 1
                    continue
                end = start + size  # grow the run while its windows are shared by the same pages
                while end < len(keys) and shared.get(tuple(keys[end - size + 1:end + 1])) == names:
                    end += 1
                key = (tuple(sorted(names)), tuple(keys[start:end]))
                if key not in reported:
                    reported.add(key)
                    found.append(Repeat(tuple(sorted(names)), " ".join(w.text for w in part[start:end]), end - start))
                start = end
    return found


# --- the finder itself ----------------------------------------------------------------------


def _page(body: str) -> str:
    return f'<html><body><article class="md-content__inner">{body}</article></body></html>'


SENTENCE = " ".join(f"word{number}" for number in range(40))


def _found(first: str, second: str) -> list[Repeat]:
    return repeats({"a": segments(page_words(_page(first))), "b": segments(page_words(_page(second)))})


def test_the_finder_finds_25_shared_words_and_not_24() -> None:
    words = SENTENCE.split()
    found = _found(f"<p>Intro. {' '.join(words[:25])}</p>", f"<p>{' '.join(words[:25])} Outro.</p>")
    assert [(r.pages, r.length) for r in found] == [(("a", "b"), 25)]
    assert not _found(f"<p>{' '.join(words[:24])}</p>", f"<p>{' '.join(words[:24])}</p>")


def test_the_finder_reads_across_markup_and_punctuation_but_not_across_a_quiz() -> None:
    words = SENTENCE.split()
    marked = f"<p>{' '.join(words[:10])}, <strong>{' '.join(words[10:20])}</strong></p><ul><li>{' '.join(words[20:30])}</li></ul>"
    assert [r.length for r in _found(marked, f"<p>{' '.join(words[:30]).upper()}!</p>")] == [30]
    split = f"<p>{' '.join(words[:15])}</p><section class=\"quiz\"><p>x</p></section><p>{' '.join(words[15:30])}</p>"
    assert not _found(split, f"<p>{' '.join(words[:30])}</p>")


def test_the_two_questions_are_cut_out_only_where_found() -> None:
    page = _page("<p>Two questions sort any post:</p><ol><li><p><strong>Did the business pay?</strong></p></li></ol>")
    words, found = without_passage(page_words(page), include_words("1. **Did the business pay?**"))
    assert found == 1 and [w.key for w in words if w] == ["two", "questions", "sort", "any", "post"]


# --- the site -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_text(built_site: Path) -> dict[str, list[list[Word]]]:
    """Each public page's passages, by its built path, the allowed blocks cut from their pages."""
    two_questions = include_words(TWO_QUESTIONS)
    text: dict[str, list[list[Word]]] = {}
    missing = []
    for page in PAGES:
        cut = ("hard-cases",) if page.url in HARD_CASES_PAGES else ()
        html = (built_site / page.html).read_text(encoding="utf-8")
        words = page_words(html, cut=cut)
        if page.url in TWO_QUESTIONS_PAGES:
            words, found = without_passage(words, two_questions)
            if not found:
                missing.append(f"{page.html}: the two questions (includes/two-questions.md) are not on it")
        if cut and f'class="{cut[0]}' not in html:
            missing.append(f"{page.html}: no hard-case table")
        text[page.html] = segments(words)
    assert not missing, "\n".join(missing)
    return text


def test_no_passage_of_25_words_is_on_two_pages(site_text: dict[str, list[list[Word]]]) -> None:
    found = repeats(site_text)
    assert not found, (f"{len(found)} passages of {LONGEST + 1} words or more are on more than one page. "
                       "Keep each on one page and link to it there:\n" + "\n".join(map(str, found)))


# --- every quiz says how to answer once -------------------------------------------------------

# A sentence that says how to answer: choose between the two, or open the answer.
HOW_TO_ANSWER = re.compile(r"[^.!?]*(\b(choose|pick|sort|tap|select|drag)\b[^.!?]*\bmarketing\b[^.!?]*\bmanagement\b"
                           r"|\bshow the answer\b)[^.!?]*[.!?]?", re.IGNORECASE)


def how_to_answer(text: str) -> list[str]:
    return [" ".join(match.group(0).split()) for match in HOW_TO_ANSWER.finditer(text)]


# A quiz has two how-tos, and each reader sees one: the script's (it shows it, with a class on
# <html>) or, without JavaScript, the plain one.
HOW_TO_SHOWN_WITHOUT = {"javascript": "quiz__how--static", "no javascript": "quiz__how--enhanced"}


def quiz_introductions(html: str, hidden_class: str) -> list[tuple[str, str]]:
    """(quiz id, the words a reader reads before its posts), for each quiz on a page: the page's
    words from the heading above the quiz, then the quiz's own intro and how-to, less the
    element of `hidden_class` that this reader does not see."""
    article = lxml.html.fromstring(html).xpath("//article[contains(@class, 'md-content__inner')]")[0]
    for element in article.xpath(f".//*[@hidden] | .//*[{_has_class('headerlink')}] | .//*[{_has_class(hidden_class)}]"):
        element.drop_tree()
    found = []
    for quiz in article.xpath(f".//section[{_has_class('quiz')}]"):
        before = []
        for sibling in quiz.itersiblings(preceding=True):
            if sibling.tag in ("h1", "h2", "h3"):
                break
            before.insert(0, sibling.text_content())
        posts = quiz.xpath(f"./ol[{_has_class('quiz__posts')}]")
        own = [child.text_content() for child in quiz if not posts or child is not posts[0]]
        found.append((quiz.get("data-quiz"), " ".join([*before, *own])))
    return found


def test_the_how_to_finder_finds_instructions_and_not_descriptions() -> None:
    assert how_to_answer("Read each post, then pick **Marketing** or **Management**. You will see the answer.") == [
        "Read each post, then pick **Marketing** or **Management**."]
    assert how_to_answer("3 posts. For each post, choose Marketing or Management, then open “Show the answer”.")
    assert not how_to_answer("These twelve posts are harder to sort. Every answer comes from the two questions.")


@pytest.mark.parametrize("page", [page for page in PAGES if page.url.startswith("quizzes/")
                                  or page.name in ("marketing", "management", "difference", "worked-week",
                                                   "which-do-you-need")], ids=lambda page: page.name)
def test_every_quiz_says_how_to_answer_once(built_site: Path, page) -> None:
    html = (built_site / page.html).read_text(encoding="utf-8")
    problems = []
    for reader, hidden_class in HOW_TO_SHOWN_WITHOUT.items():
        for quiz, words in quiz_introductions(html, hidden_class):
            said = how_to_answer(words)
            if len(said) != 1:
                problems.append(f"with {reader}, the quiz {quiz} says how to answer {len(said)} times: "
                                + " | ".join(said))
    assert not problems, f"{page.html}:\n  " + "\n  ".join(problems)

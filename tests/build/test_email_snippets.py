"""Email snippets for sales emails, the staff page that offers them, and stable post links.

- Unit: the answer links' shape, escaping, the plain-text version, which posts are offered,
  colour contrast, the list of published post ids, and the quizzes' social-card titles.
- A real build of a scratch copy of the project: a published post that is gone stops it.
- The built site: every snippet is valid HTML (Nu Html Checker), email-safe (no script, no
  style sheet, no class, nothing to load, colours on every cell), small, and every link in it
  is absolute, tagged and lands on a post that exists.
- Chromium: the staff page (previews, copy buttons, instant navigation, no JavaScript), and
  screenshots of every snippet at 600 and 360 px, light, dark and with dark forced on it as
  some email apps do (test-results/screenshots/email-snippets/).
In Chromium (the staff page, and each snippet at email widths): tests/browser/test_email_snippets_browser.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import lxml.html
import markdown
import pytest
import yaml

from sorting_quiz import published
from sorting_quiz.components.email_tools.email_snippets import (
    BUTTON, CARD, INK, MUTED, WHITE, Campaign, build_snippets, email_posts, links_for, snippet_html, snippet_text,
    answer_link, read_compact_answer,
)
from sorting_quiz.loader import Catalogue
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.markdown_extension import QuizExtension
from sorting_quiz.model import Post, Quiz
from support.projects import STAFF_CONFIG
from support.projects import build, copy_project, replace_in

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SNIPPETS = "email-snippets"
STAFF_PAGE = "staff/sales-emails/"


# The snippets and the page that shows them are built into the staff site only (mkdocs-staff.yml):
# in this module, `built_site` and `site_url` (and so `open_page`) are the staff site's.
@pytest.fixture(scope="module")
def built_site(built_staff_site: Path) -> Path:
    return built_staff_site


GMAIL_CLIP_BYTES = 102 * 1024
SIZE_LIMIT = GMAIL_CLIP_BYTES // 10  # far below the clipping limit


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags it gains."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
SITE_URL = CONFIG["site_url"].rstrip("/") + "/"
CAMPAIGN = Campaign.from_config(CONFIG["extra"])
STATE = BuildState.load(QuizSettings(root=ROOT))  # the quiz files, and the quiz the build makes per trade
CATALOGUE = STATE.catalogue
QUIZ_FILES = [quiz_id for quiz_id in CATALOGUE.quizzes if quiz_id not in STATE.trade_quizzes]
QUIZ_PAGES = {quiz_id: f"quizzes/{quiz_id}/" for quiz_id in QUIZ_FILES}  # each quiz file has its page
QUIZ_PAGES |= {quiz_id: trade.page.removesuffix(".md") + "/" for quiz_id, trade in STATE.trade_quizzes.items()}

POST = Post(id="cafe-meme", platform="x", account="Kettle & Crumb", text="Monday. Coffee. Go.",
            paid=False, answer="management", explanation="A meme sells nothing.")
TRICKY = Post(
    id="t-escape", platform="facebook", account='Fish & Chips "Friday" <b>',
    text="<script>alert('x')</script> & &amp; \"quotes\" 'single' 🍋\n\nSecond <i>line</i>\nThird",
    paid=True, answer="marketing", explanation="Paid.", context="A reply to @jo <i>",
    image_description="A cake & a <tag>",
)
QUIZ = Quiz(id="mini", title="Mini & <quiz>", summary="Two posts.", posts=(POST, TRICKY))
TAGS = Campaign(source="sales-email", medium="email", name="spring 2025")


def expected_snippets() -> dict[str, list[str]]:
    """quiz id -> the post ids offered, from the quiz files themselves."""
    return {quiz.id: [post.id for post in email_posts(quiz)] for quiz in CATALOGUE.quizzes.values()}


# --- links ------------------------------------------------------------------------------------------


def test_an_answer_link_has_the_documented_shape() -> None:
    link = answer_link("https://example.co.uk/", "quizzes/basics/", "cafe-meme", "marketing", TAGS)
    # Short (issue 21): `a=ID.mkt` stands for post=ID&answer=marketing, and no utm_content repeats it.
    assert link == ("https://example.co.uk/quizzes/basics/?a=cafe-meme.mkt"
                    "&utm_source=sales-email&utm_medium=email&utm_campaign=spring+2025#post-cafe-meme")
    # A site_url without its last slash, or under a folder, gives the same shape.
    assert answer_link("https://example.co.uk", "quizzes/basics/", "a", "management", TAGS).startswith(
        "https://example.co.uk/quizzes/basics/?a=a.mgt&")
    assert answer_link("https://example.co.uk/guide/", "quizzes/basics/", "a", "management", TAGS).startswith(
        "https://example.co.uk/guide/quizzes/basics/?a=a.mgt&")


def test_links_refuse_a_wrong_answer_or_a_relative_site_url() -> None:
    with pytest.raises(ValueError, match="marketing, management"):
        answer_link("https://example.co.uk/", "quizzes/basics/", "a", "sales", TAGS)
    with pytest.raises(ValueError, match="absolute"):
        answer_link("/", "quizzes/basics/", "a", "marketing", TAGS)


def test_the_campaign_tags_come_from_mkdocs_yml_and_missing_ones_are_named() -> None:
    assert CAMPAIGN == Campaign(source=CONFIG["extra"]["email_campaign"]["utm_source"],
                                medium=CONFIG["extra"]["email_campaign"]["utm_medium"],
                                name=CONFIG["extra"]["email_campaign"]["utm_campaign"])
    with pytest.raises(ValueError, match="has no utm_medium, utm_campaign"):
        Campaign.from_config({"email_campaign": {"utm_source": "x", "utm_medium": " "}})
    with pytest.raises(ValueError, match="needs `extra: email_campaign:`"):
        Campaign.from_config({})


# --- the snippet ------------------------------------------------------------------------------------


def test_the_post_is_shown_as_text_never_as_html() -> None:
    links = links_for("https://example.co.uk/", "quizzes/mini/", TRICKY, TAGS)
    fragment = snippet_html(QUIZ, TRICKY, links)
    assert "<script" not in fragment and "<i>line" not in fragment and "<tag>" not in fragment
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &amp;amp; \"quotes\"" in fragment
    assert "Second &lt;i&gt;line&lt;/i&gt;<br>Third" in fragment, "line breaks become <br>"
    root = lxml.html.fragment_fromstring(fragment)
    assert TRICKY.text.replace("\n", "") in root.text_content()
    assert 'Fish &amp; Chips "Friday" &lt;b&gt;' in fragment
    assert "Sponsored" in root.text_content(), "a paid post says so"
    assert "A reply to @jo <i>" in root.text_content() and "Picture: A cake & a <tag>" in root.text_content()
    assert "Try the whole quiz: Mini &amp; &lt;quiz&gt;" in fragment
    hrefs = [a.get("href") for a in root.iter("a")]
    assert hrefs == [links.marketing, links.management, links.quiz]
    assert [" ".join(a.text_content().split()) for a in root.iter("a")][:2] == ["Marketing", "Management"]


def test_an_unpaid_post_without_context_shows_no_extra_lines() -> None:
    links = links_for("https://example.co.uk/", "quizzes/mini/", POST, TAGS)
    text = lxml.html.fragment_fromstring(snippet_html(QUIZ, POST, links)).text_content()
    assert "Sponsored" not in text and "Picture:" not in text
    assert "Kettle & Crumb" in text and "X" in text


def test_the_plain_text_version_spells_out_the_links() -> None:
    links = links_for("https://example.co.uk/", "quizzes/mini/", TRICKY, TAGS)
    text = snippet_text(QUIZ, TRICKY, links)
    assert text.startswith("Marketing or management?\n")
    assert f"Marketing:\n{links.marketing}\n" in text and f"Management:\n{links.management}\n" in text
    assert text.rstrip().endswith(links.quiz)
    assert TRICKY.text in text, "the post exactly as written, not escaped"
    assert "(Facebook · Sponsored)" in text and "[A reply to @jo <i>]" in text
    assert "&amp;" not in text.replace(TRICKY.text, "")


def test_posts_chosen_in_the_quiz_file_else_the_first_two() -> None:
    assert [post.id for post in email_posts(QUIZ)] == ["cafe-meme", "t-escape"]
    third = Post(id="third", platform="x", account="A", text="B", paid=False, answer="management",
                 explanation="C")
    quiz = Quiz(id="q", title="Q", summary="S", posts=(POST, TRICKY, third))
    assert [post.id for post in email_posts(quiz)] == ["cafe-meme", "t-escape"], "default: the first two"
    chosen = Quiz(id="q", title="Q", summary="S", posts=(POST, TRICKY, third), email_posts=("third", "cafe-meme"))
    assert [post.id for post in email_posts(chosen)] == ["third", "cafe-meme"], "the file's order"
    snippets = build_snippets([chosen, quiz], {"q": "quizzes/q/"}, "https://example.co.uk/", TAGS)
    assert [snippet.post.id for snippet in snippets] == ["third", "cafe-meme", "cafe-meme", "t-escape"]
    assert build_snippets([chosen], {}, "https://example.co.uk/", TAGS) == [], "a quiz on no page has none"


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("text", "background"), [(INK, WHITE), (INK, CARD), (MUTED, WHITE), (MUTED, CARD),
                                                  (WHITE, BUTTON), (BUTTON, WHITE)])
def test_every_colour_pair_has_at_least_4_5_to_1_contrast(text: str, background: str) -> None:
    assert contrast(text, background) >= 4.5, f"{text} on {background}: {contrast(text, background):.2f}:1"


# --- the staff page's block, in Markdown ------------------------------------------------------------


def test_the_email_snippets_block_previews_each_snippet_with_its_code_and_links() -> None:
    snippets = build_snippets([QUIZ], {"mini": "quizzes/mini/"}, "https://example.co.uk/", TAGS)
    state = BuildState(QuizSettings(), Catalogue(), current_page="staff/sales-emails.md",
                       quiz_pages={"mini": "quizzes/mini.md"},
                       page_urls={"staff/sales-emails.md": "staff/sales-emails/"}, snippets=snippets)
    md = markdown.Markdown(extensions=["abbr", QuizExtension(state=state)])
    html = md.convert("*[marketing]: A glossary term\n\n/// email-snippets\n///\n")
    root = lxml.html.fromstring(f"<div>{html}</div>")
    frames = root.xpath("//iframe")
    assert [frame.get("src") for frame in frames] == ["../../email-snippets/mini/cafe-meme.html",
                                                      "../../email-snippets/mini/t-escape.html"]
    assert all(frame.get("title") and frame.get("loading") == "lazy" for frame in frames)
    boxes = root.xpath("//textarea")
    assert [box.text for box in boxes] == [snippets[0].html, snippets[0].text, snippets[1].html, snippets[1].text], (
        "the code boxes hold the snippet exactly, with no glossary <abbr> or Markdown in it")
    assert all(box.get("readonly") is not None for box in boxes)
    labels = {label.get("for") for label in root.xpath("//label")}
    assert labels == {box.get("id") for box in boxes} | {"email-finder-words"}, "every box has its label"
    assert root.xpath("//div[@class='email-snippet__buttons']/@hidden"), "buttons wait for the script"
    codes = root.xpath("//ul[@class='email-snippet__links']//a/@href")
    assert codes == [snippets[0].links.marketing, snippets[0].links.management, snippets[0].links.quiz,
                     snippets[1].links.marketing, snippets[1].links.management, snippets[1].links.quiz]
    assert "<script" not in html


# --- published post ids ----------------------------------------------------------------------------


def test_the_published_list_reads_ids_and_skips_comments(tmp_path: Path) -> None:
    text = "# heading\n\na-one\n  b-two   # a note\n#c-three\n"
    assert published.read_published(text) == [published.Listed("a-one", 3), published.Listed("b-two", 4)]
    listed = published.read_published(text)
    assert published.missing_posts(listed, ["b-two", "new"]) == [published.Listed("a-one", 3)]
    path = tmp_path / "published-posts.txt"
    path.write_text(text, encoding="utf-8")
    assert published.update(path, ["b-two", "new", "a-one", "new"]) == ["new"]
    assert path.read_text(encoding="utf-8") == text + "new\n"
    assert published.update(path, ["new"]) == []
    fresh = tmp_path / "fresh.txt"
    assert published.update(fresh, ["x"]) == ["x"]
    assert fresh.read_text(encoding="utf-8").startswith("# ") and fresh.read_text(encoding="utf-8").endswith("\nx\n")


def test_the_shipped_list_covers_every_current_post_id() -> None:
    listed = {item.post_id for item in published.read_published(
        (ROOT / "quizzes" / published.FILE_NAME).read_text(encoding="utf-8"))}
    current = {post.id for quiz in CATALOGUE.quizzes.values() for post in quiz.posts}
    assert current, "no quizzes loaded"
    assert not current - listed, f"run `make publish-ids`: not listed yet: {sorted(current - listed)}"


def test_a_published_post_that_is_gone_stops_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    quiz = project / "quizzes" / "basics.yml"
    listed = project / "quizzes" / published.FILE_NAME
    gone = next(post.id for post in CATALOGUE.quizzes["basics"].posts
                if post.id not in CATALOGUE.quizzes["basics"].email_posts)
    # Renamed: the old id is gone (a warning); the new one is not listed yet (fine).
    replace_in(quiz, f"id: {gone}\n", "id: renamed-new-post\n")
    line = next(item.line for item in published.read_published(listed.read_text(encoding="utf-8"))
                if item.post_id == gone)

    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "a warning stops a --strict build"
    assert "Traceback" not in output
    assert (f"quizzes/published-posts.txt:{line}: the post `{gone}` is in no quiz any more, but sent emails "
            f"may link to it (#post-{gone}). Put the post back in its quiz file; or, if no email links to it, "
            f"delete line {line} of quizzes/published-posts.txt.") in " ".join(output.split())
    assert "renamed-new-post" not in output, "a post that is not listed yet is no problem"

    # The deliberate way out: take the id off the list (every line of it: it may be sent from two pages).
    lines = listed.read_text(encoding="utf-8").splitlines(keepends=True)
    listed.write_text("".join(text for text in lines if text.split("#", 1)[0].split()[:1] != [gone]),
                      encoding="utf-8")
    result = build(project, config=STAFF_CONFIG)  # the snippets are written in the staff site
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / SNIPPETS / "basics").is_dir()


# --- social cards -----------------------------------------------------------------------------------


# Each quiz page's card title states its quiz's size, filled in by the build: tests/test_reading_time.py.


# --- the built site ---------------------------------------------------------------------------------


def built_snippets(site: Path) -> list[tuple[str, str]]:
    return sorted((path.parent.name, path.name.removesuffix(".fragment.html"))
                  for path in (site / SNIPPETS).glob("*/*.fragment.html"))


def test_the_build_writes_each_chosen_snippet_in_three_forms(built_site: Path) -> None:
    wanted = sorted((quiz_id, post_id) for quiz_id, posts in expected_snippets().items() for post_id in posts)
    assert built_snippets(built_site) == wanted
    for quiz_id, post_id in wanted:
        folder = built_site / SNIPPETS / quiz_id
        fragment = (folder / f"{post_id}.fragment.html").read_text(encoding="utf-8")
        preview = (folder / f"{post_id}.html").read_text(encoding="utf-8")
        assert fragment in preview, f"{quiz_id}/{post_id}.html is not its fragment in a page"
        assert (folder / f"{post_id}.txt").read_text(encoding="utf-8").startswith("Marketing or management?")


@pytest.fixture(scope="module")
def vnu_report(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """One Nu Html Checker run over every fragment (wrapped in a minimal page) and every preview page."""
    java = shutil.which("java")
    if not java:
        pytest.fail("The Nu Html Checker needs Java 17 or newer (sudo apt-get install default-jre-headless).",
                    pytrace=False)
    if not VNU.is_file():
        pytest.fail(f"{VNU.relative_to(ROOT)} is missing: run `make test` (or cd tests && npm ci --ignore-scripts)",
                    pytrace=False)
    wrapped = tmp_path_factory.mktemp("wrapped")
    files = []
    for quiz_id, post_id in built_snippets(built_site):
        fragment = (built_site / SNIPPETS / quiz_id / f"{post_id}.fragment.html").read_text(encoding="utf-8")
        page = wrapped / f"{quiz_id}--{post_id}.html"
        page.write_text('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Snippet</title></head>'
                        f"<body>\n{fragment}</body></html>\n", encoding="utf-8")
        files += [page, built_site / SNIPPETS / quiz_id / f"{post_id}.html"]
    result = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
                            capture_output=True, text=True, check=False, timeout=300)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"The Nu Html Checker did not report:\n{result.stdout[-2000:]}{result.stderr[-2000:]}",
                    pytrace=False)
    report: dict[str, list[dict]] = {str(file): [] for file in files}
    for message in messages:
        report.setdefault(unquote(urlsplit(message.get("url", "?")).path), []).append(message)
    return report


# Warnings allowed, and nothing else (no error, no other warning):
# - email clients still need width, bgcolor, cellpadding, cellspacing and border on tables,
#   which the checker calls obsolete;
# - the snippet's question is an <h2>, as it sits under the sender's own words in an email;
#   only the small page around it for the preview has no <h1>.
ALLOWED_WARNINGS = re.compile(r"^The “(width|bgcolor|cellpadding|cellspacing|border)” attribute on the “(table|td)” "
                              r"element is obsolete\.|^This document has heading elements but none of them has a "
                              r"computed heading level of 1\.$")


def test_every_snippet_is_valid_html(vnu_report: dict[str, list[dict]]) -> None:
    problems = []
    for url, messages in sorted(vnu_report.items()):
        for message in messages:
            if message.get("type") == "info" and ALLOWED_WARNINGS.match(message.get("message", "")):
                continue
            problems.append(f"{url.rsplit('/', 2)[-2:]}: line {message.get('lastLine')}: {message.get('type')}: "
                            f"{message.get('message')}")
    assert not problems, "\n".join(problems)
    assert len(vnu_report) == 2 * sum(map(len, expected_snippets().values())), "every snippet was checked"


def fragments(site: Path) -> Iterator[tuple[str, str, str]]:
    for quiz_id, post_id in built_snippets(site):
        yield quiz_id, post_id, (site / SNIPPETS / quiz_id / f"{post_id}.fragment.html").read_text(encoding="utf-8")


LOADING = ("src", "srcset", "background", "poster", "data", "action", "formaction")


def test_every_snippet_is_email_safe_and_small(built_site: Path) -> None:
    problems = []
    for quiz_id, post_id, fragment in fragments(built_site):
        where = f"{quiz_id}/{post_id}"
        size = len(fragment.encode("utf-8"))
        if size > SIZE_LIMIT:
            problems.append(f"{where}: {size} bytes; keep it far below Gmail's {GMAIL_CLIP_BYTES} byte clipping")
        root = lxml.html.fragment_fromstring(fragment)
        if root.tag != "table" or root.get("role") != "presentation" or "max-width:600px" not in root.get("style", ""):
            problems.append(f"{where}: not one outer <table role=presentation> at most 600px wide")
        for element in root.iter():
            if not isinstance(element.tag, str):
                problems.append(f"{where}: a comment or processing instruction")
                continue
            if element.tag in ("script", "style", "link", "meta", "iframe", "object", "embed", "form", "svg",
                               "img", "video", "audio", "font"):
                problems.append(f"{where}: <{element.tag}>")
            for attribute in element.attrib:
                if attribute == "class" or attribute == "id" or attribute.startswith("on"):
                    problems.append(f"{where}: <{element.tag} {attribute}>: only inline styles, no handlers")
                if attribute in LOADING:
                    problems.append(f"{where}: <{element.tag} {attribute}>: loads something")
            style = element.get("style", "")
            if "url(" in style or "@import" in style or "expression(" in style:
                problems.append(f"{where}: <{element.tag} style> loads something: {style}")
            if element.tag == "td":
                background = element.get("bgcolor")
                if not background or f"background-color:{background}" not in style or "color:#" not in style.replace(
                        f"background-color:{background}", ""):
                    problems.append(f"{where}: a <td> without its own bgcolor, background-color and color")
        if "<!--" in fragment or "javascript:" in fragment.lower():
            problems.append(f"{where}: a comment or a javascript: link")
    assert not problems, "\n".join(problems)


def test_every_snippet_link_is_absolute_tagged_and_lands_on_its_post(built_site: Path) -> None:
    problems = []
    for quiz_id, post_id, fragment in fragments(built_site):
        where = f"{quiz_id}/{post_id}"
        text = (built_site / SNIPPETS / quiz_id / f"{post_id}.txt").read_text(encoding="utf-8")
        hrefs = [a.get("href") for a in lxml.html.fragment_fromstring(fragment).iter("a")]
        if len(hrefs) != 3:
            problems.append(f"{where}: {len(hrefs)} links, expected Marketing, Management and the whole quiz")
        for href in hrefs:
            if href not in text.split():
                problems.append(f"{where}: the plain text lacks {href}")
            if not href.startswith(SITE_URL):
                problems.append(f"{where}: {href} is not an absolute link under {SITE_URL}")
                continue
            parts = urlsplit(href)
            query = dict(parse_qsl(parts.query))
            content = query.get("utm_content", "")
            wanted = {"utm_source": CAMPAIGN.source, "utm_medium": CAMPAIGN.medium, "utm_campaign": CAMPAIGN.name}
            if {key: query.get(key) for key in wanted} != wanted:
                problems.append(f"{where}: {href} lacks the campaign tags {wanted}")
            page = href[len(SITE_URL):].split("?", 1)[0].split("#", 1)[0]
            if page != QUIZ_PAGES[quiz_id]:
                problems.append(f"{where}: {href} goes to /{page}, not the quiz's page /{QUIZ_PAGES[quiz_id]}")
            built = built_site / page / "index.html"
            if not built.is_file():
                problems.append(f"{where}: {href}: there is no /{page} in the build")
                continue
            ids = set(lxml.html.fromstring(built.read_bytes()).xpath("//@id"))
            if "a" in query:
                if (read_compact_answer(query["a"]) or ("",))[0] != post_id or parts.fragment != f"post-{post_id}":
                    problems.append(f"{where}: {href}: a=ID.answer or #post-ID do not match the post")
                if parts.fragment not in ids:
                    problems.append(f"{where}: {href}: /{page} has no id=\"{parts.fragment}\"")
            elif content != f"{post_id}-quiz" or parts.fragment:
                problems.append(f"{where}: {href}: the quiz link should be tagged utm_content={post_id}-quiz")
        answers = sorted((read_compact_answer(dict(parse_qsl(urlsplit(href).query)).get("a", "")) or ("", ""))[1]
                         for href in hrefs)
        if answers != ["", "management", "marketing"]:
            problems.append(f"{where}: answer links {answers}")
    assert not problems, "\n".join(problems)


def test_the_staff_page_offers_every_snippet(built_site: Path) -> None:
    root = lxml.html.fromstring((built_site / STAFF_PAGE / "index.html").read_bytes())
    page_dir = (built_site / STAFF_PAGE).resolve()
    shown = []
    for section in root.xpath("//section[@class='email-snippet']"):
        frame = section.xpath(".//iframe")[0]
        preview = (page_dir / frame.get("src")).resolve()
        assert preview.is_file(), f"the preview {frame.get('src')} is not in the build"
        quiz_id, post_id = preview.parent.name, preview.stem
        shown.append((quiz_id, post_id))
        html_box, text_box = section.xpath(".//textarea")
        assert html_box.text == (preview.parent / f"{post_id}.fragment.html").read_text(encoding="utf-8")
        assert text_box.text == (preview.parent / f"{post_id}.txt").read_text(encoding="utf-8")
    assert sorted(shown) == built_snippets(built_site)
    scripts = root.xpath("//article//script")
    assert [script.get("src", "").split("?")[0].rsplit("/", 1)[-1] for script in scripts] == ["email-tools.js"]
    assert not any(script.text and script.text.strip() for script in scripts), "no inline script"
    for other in ("index.html", "quizzes/basics/index.html"):
        assert "email-tools" not in (built_site / other).read_text(encoding="utf-8"), f"{other} loads the email tools"

"""Issue 18, "Safe by construction": no text from a file becomes code, and the policy allows only
the inline scripts the site's templates write. Each reproduction from the issue is a test here:
it built (or crashed) on the main branch of the time, and must now fail the build with the file,
the line and what to fix, and no traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import content_security_policy as csp
from support.projects import ROOT, build, copy_project, line_of, replace_in

MATERIAL_TEMPLATES = Path(csp.__file__).resolve().parent  # replaced below by Material's own folder
try:
    import material

    MATERIAL_TEMPLATES = Path(material.__file__).resolve().parent / "templates"
except ImportError:  # pragma: no cover - Material is pinned in requirements.txt
    pass


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def failed(project: Path, config: str = "mkdocs.yml") -> str:
    """Builds; asserts it failed with no traceback and wrote no page; returns its output."""
    result = build(project, config=config)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed:\n{output}"
    assert "Traceback" not in output, output
    return output


def site_templates() -> list[tuple[str, str]]:
    return [(str(ROOT / "overrides"), "overrides"), (str(MATERIAL_TEMPLATES), "material/templates")]


# --- 1. the policy allows only the scripts we wrote ---------------------------------------------


def test_known_scripts_are_read_from_material_and_our_overrides() -> None:
    known = csp.known_scripts(site_templates())
    places = {script.where.split(":")[0] for script in known}
    assert "overrides/main.html" in places  # ours, as it is in the file: no hash copied by hand
    assert "material/templates/partials/javascripts/base.html" in places
    # Material's first script, as a page renders it: its template expression stands for a value.
    rendered = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
                '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
                '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}'
                'catch(e){}}')
    assert not csp.unknown_scripts(csp.InlineCode(scripts=[rendered]), known)
    # ... but never for code: a value cannot close the string.
    broken_out = rendered.replace('"../.."', '"../.."+alert(1)+""')
    assert csp.unknown_scripts(csp.InlineCode(scripts=[broken_out]), known) == [broken_out]


def test_a_template_expression_alone_allows_no_script() -> None:
    assert csp.template_scripts("<script>{{ config.extra.code }}</script>", "x.html") == []
    assert csp.template_scripts('<script src="{{ base_url }}/a.js"></script>', "x.html") == []
    assert csp.template_scripts('<script type="application/json">{{ x }}</script>', "x.html") == []
    [script] = csp.template_scripts('{# a comment\n#}\n<script>go("{{ url }}")</script>', "x.html")
    assert script.where == "x.html:3"
    assert script.matches('go("https://example.com/a")') and not script.matches('go("a");alert(1)')


def test_every_inline_script_of_the_built_site_is_a_known_one(built_site: Path) -> None:
    known = csp.known_scripts(site_templates())
    for page in sorted(built_site.rglob("*.html")):
        found = csp.read_inline_code(page.read_text(encoding="utf-8"))
        assert not csp.unknown_scripts(found, known), page


def test_an_injected_script_fails_the_build_rather_than_being_hashed(project: Path) -> None:
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<script>document.title="PWNED"</script>\n',
                    encoding="utf-8")
    output = failed(project)
    assert 'faq.md: <script>document.title="PWNED"</script>: an inline script that no template' in output
    assert f"(from docs/faq.md:{line_of(page, 'PWNED')})" in output


def test_event_handlers_javascript_links_and_refresh_fail_the_build(project: Path) -> None:
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + '\n<meta http-equiv="refresh" content="0; url=https://example.com">\n\n'
                    '<p onclick="go()">Hi</p>\n\n<a href="javascript:go()">x</a>\n', encoding="utf-8")
    output = failed(project)
    assert 'faq.md: <meta http-equiv="refresh" content="0; url=https://example.com">: a page may not' in output
    assert "faq.md: <p onclick>: inline event handler" in output
    assert 'faq.md: <a href="javascript:go()">: javascript: URLs' in output


def test_script_in_trades_yml_is_refused_at_its_line(project: Path) -> None:
    trades = project / "includes" / "trades.yml"
    replace_in(trades, "businesses: pet businesses",
               "businesses: 'pet businesses <script>document.title=\"PWNED\"</script>'")
    output = failed(project)
    assert f"includes/trades.yml:{line_of(trades, 'PWNED')}: trade 6, businesses: " in output
    assert "write it without markup or quotes" in output
    assert not (project / "site" / "index.html").exists()


@pytest.mark.parametrize("words", ["pets [here](https://example.com)", 'pets" onmouseover="x', "<b>pets</b>"])
def test_links_and_quotes_in_trades_yml_are_refused(project: Path, words: str) -> None:
    trades = project / "includes" / "trades.yml"
    replace_in(trades, "name: Pets\n", f"name: '{words}'\n")
    output = failed(project)
    assert f"includes/trades.yml:{line_of(trades, 'name: ' + repr(words)[0])}: trade 6, name:" in output


def test_a_trade_page_shows_its_words_exactly_as_written() -> None:
    from sorting_quiz.trades import markdown_text

    import markdown

    for words in ["pets & vets (and cats)", "*not bold* <b>x</b> &amp; [a](b) # 1. `c` \\"]:
        html = markdown.Markdown().convert(markdown_text(words))
        text = re.sub(r"^<p>|</p>$", "", html)
        import html as html_module

        assert html_module.unescape(text) == words, html


# --- 2. links read the way Markdown reads them --------------------------------------------------

QUIZ = """\
title: Safe
summary: One post.
posts:
  - id: s-one
    platform: x
    account: A
    text: Hello
    paid: false
    answer: management
    explanation: EXPLANATION
"""


def quiz_problems(tmp_path: Path, explanation: str, quiz: str = QUIZ) -> list[str]:
    from sorting_quiz.loader import load_quiz_file

    folder = tmp_path / "quizzes"
    folder.mkdir(exist_ok=True)
    path = folder / "safe.yml"
    path.write_text(quiz.replace("EXPLANATION", explanation), encoding="utf-8")
    _, problems = load_quiz_file(path, "quizzes/safe.yml")
    return [str(problem) for problem in problems]


@pytest.mark.parametrize(("explanation", "shown"), [
    ("'See [the [latest] rules](mailto:info@example.com).'", "[the [latest] rules](mailto:info@example.com)"),
    ('"See [the rules](https://exa\\tmple.com)."', "[the rules](https://exa\tmple.com)"),
    ('"See [the rules](difference.md\\n#hard-cases)."', "[the rules]("),
    ("'See [the rules](java\\script:alert(1)).'", "[the rules](java\\script:alert(1))"),
])
def test_links_markdown_reads_are_checked_as_markdown_reads_them(tmp_path: Path, explanation: str,
                                                                  shown: str) -> None:
    problems = quiz_problems(tmp_path, explanation)
    assert len(problems) == 1, problems
    assert problems[0].startswith("quizzes/safe.yml:10: post 1 (s-one), explanation: `"), problems
    assert "is not allowed" in problems[0] and ("links go to" in problems[0] or "no spaces" in problems[0]
                                                or "names its file" in problems[0]), problems
    shown_escaped = shown.replace("\t", "\\u0009").replace("\n", "\\u000a")
    assert shown_escaped in problems[0] or shown in problems[0], problems


def test_links_with_nested_brackets_and_titles_are_kept_for_the_page_check() -> None:
    from sorting_quiz import safe_markdown

    links = safe_markdown.links_in('See [the [latest] rules](difference.md#hard-cases "The rules") and '
                                   "[x]( faq.md ) and [y](glossary.md\\#z).")
    assert [link.url for link in links] == ["difference.md#hard-cases", "faq.md", "glossary.md#z"]


def test_sanitising_keeps_the_words_of_a_link_it_cannot_keep() -> None:
    import xml.etree.ElementTree as etree

    from sorting_quiz.safe_markdown import sanitise

    root = etree.fromstring('<div><p>See <a href="mailto:a@b.c">the <em>latest</em> rules</a> now '
                            '<a>bare</a> and <a href="https://example.com">this</a>.</p></div>')
    sanitise(root)
    assert etree.tostring(root, encoding="unicode") == (
        '<div><p>See the <em>latest</em> rules now bare and <a href="https://example.com">this</a>.</p></div>')


def test_a_nested_bracket_mailto_link_stops_the_build_at_its_line(project: Path) -> None:
    basics = project / "quizzes" / "basics.yml"
    replace_in(basics, "      The bakery shows a new cake it sells and gives the price.",
               "      See [the [latest] rules](mailto:info@example.com).")
    output = failed(project)
    assert f"quizzes/basics.yml:{line_of(basics, 'mailto:')}: " in output
    assert "`[the [latest] rules](mailto:info@example.com)` is not allowed: links go to" in output
    assert not (project / "site").exists()


# --- 4. a strict build never ships the preview-only box ----------------------------------------


def test_a_broken_quiz_block_from_an_include_stops_the_build(project: Path) -> None:
    (project / "includes" / "quiz-snippet.md").write_text("/// quiz | no-such-quiz\n///\n", encoding="utf-8")
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "quiz-snippet.md"\n', encoding="utf-8")
    output = failed(project)
    assert f"docs/faq.md:{line_of(page, '--8<--')}: quiz block: there is no quiz `no-such-quiz`" in output
    assert not (project / "site").exists()


def test_hard_cases_block_without_hard_cases_stops_the_build(tmp_path: Path) -> None:
    from support.projects import fixture_project

    project = fixture_project(tmp_path / "project")
    every_kind = project / "quizzes" / "every-kind.yml"
    every_kind.write_text(re.sub(r"(?m)^\s+case: .*\n", "", every_kind.read_text(encoding="utf-8")),
                          encoding="utf-8")
    (project / "includes" / "hard-cases.yml").unlink()
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n/// hard-cases\n///\n", encoding="utf-8")
    output = failed(project)
    assert (f"docs/index.md:{line_of(page, '/// hard-cases')}: quiz block: `/// hard-cases` shows the hard cases, "
            "but there are none: includes/hard-cases.yml is missing or empty") in output
    assert "cannot be shown yet" not in "".join(path.read_text(encoding="utf-8", errors="replace")
                                                for path in (project / "site").rglob("*.html"))


def test_email_snippets_are_refused_on_the_public_site(project: Path) -> None:
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n/// email-snippets\n///\n", encoding="utf-8")
    output = failed(project)
    assert (f"docs/faq.md:{line_of(page, '/// email-snippets')}: email snippets block: `/// email-snippets` is for "
            "the staff site only") in output


# --- 5. settings typed and checked ---------------------------------------------------------------


@pytest.mark.parametrize(("setting", "message"), [
    ("content_security_policy: [https://stats.example.co.uk]",
     "extra.content_security_policy: must be a set of directives"),
    ("content_security_policy: https://stats.example.co.uk", "extra.content_security_policy: must be a set"),
    ("content_security_policy: {script-src: 5}", "extra.content_security_policy.script-src: must be a list"),
    ("content_security_policy: {script-src: ['https://*']}",
     "extra.content_security_policy.script-src: 'https://*' is not an https:// host"),
    ("content_security_policy: {script-src: ['https:']}",
     "extra.content_security_policy.script-src: 'https:' is not an https:// host"),
    ("content_security_policy: {img-src: ['https://*.com']}",
     "extra.content_security_policy.img-src: 'https://*.com' is not an https:// host"),
    ("analytics: {provider: evil}", "extra.analytics.provider: `evil` is not a provider this site knows; use google"),
    ("analytics: on", "extra.analytics: is true or false; write `provider: google`"),
    ('quiz_analytics: "true"', "extra.quiz_analytics: `true` is text; write true or false, without quotes"),
    ("staff_site: true", "extra.staff_site: is true or false; the staff site (mkdocs-staff.yml) sets it"),
])
def test_a_wrong_setting_stops_the_build_with_a_clear_message(project: Path, setting: str, message: str) -> None:
    replace_in(project / "mkdocs.yml", "extra:\n  generator: false\n", f"extra:\n  generator: false\n  {setting}\n")
    output = failed(project)
    assert f"mkdocs.yml: {message}" in output, output
    assert not (project / "site").exists()


def test_a_campaign_tag_that_is_not_a_word_is_refused(project: Path) -> None:
    replace_in(project / "mkdocs.yml", "utm_source: sales-email", "utm_source: {a: b}")
    output = failed(project)
    assert "mkdocs.yml: extra.email_campaign.utm_source: `{'a': 'b'}` is not a tag for links" in output


def test_a_staff_menu_entry_without_a_title_is_refused(project: Path) -> None:
    replace_in(project / "mkdocs-staff.yml", "- Writing quizzes: staff/writing-quizzes.md",
               "- staff/writing-quizzes.md")
    output = failed(project, config="mkdocs-staff.yml")
    assert ("mkdocs-staff.yml: extra.staff_site.nav, entry 1: `staff/writing-quizzes.md` must be one "
            "`Title: staff/page.md`") in output


def test_the_hosts_a_site_may_add_are_one_host_each() -> None:
    assert csp.source_problems({"script-src": ["https://stats.example.co.uk", "https://*.example.co.uk:8443/js/"],
                                "connect-src": "https://stats.example.co.uk"}) == []
    for bad in ["https://*", "https://*.com", "http://stats.example.co.uk", "https:", "*", "https://a.b c.d",
                "https://stats.example.co.uk 'unsafe-inline'", "https://stats.example.co.uk;script-src *"]:
        assert csp.source_problems({"script-src": [bad]}), bad


# --- 3. one id, one post, one saved answer on a page ------------------------------------------


@pytest.mark.parametrize(("blocks", "message"), [
    ("/// quiz | basics\n///\n\n/// quiz | trade-shops\n///\n",
     "quiz block: the quiz `basics` on line {first} already shows"),
    ("/// quiz | basics\n///\n\n/// quiz | basics\n    posts: [b-bakery-lemon-loaf]\n///\n",
     "quiz block: the same quiz on line {first} already shows 1 of this quiz's posts (like b-bakery-lemon-loaf)"),
    ("/// quiz | basics\n///\n\n/// quiz | basics\n///\n", "quiz block: the same quiz on line {first} already shows"),
    ("/// hard-cases\n///\n\n/// hard-cases\n    examples: false\n///\n",
     "quiz block: `/// hard-cases` is already on this page (line {first})"),
    ("/// quiz | basics\n    attrs: {id: mine}\n///\n\n/// quiz | show-and-tell\n///\n",
     "quiz block: `attrs: {{id: mine}}`: the build makes this block's ids itself"),
])
def test_blocks_that_would_repeat_ids_or_answers_on_a_page_are_refused(project: Path, blocks: str,
                                                                        message: str) -> None:
    page = project / "docs" / "faq.md"
    before = page.read_text(encoding="utf-8")
    page.write_text(before + "\n" + blocks, encoding="utf-8")
    first = len(before.splitlines()) + 2
    second = first + blocks.split("\n\n")[0].count("\n") + 2
    output = failed(project)
    expected_line = first if "attrs" in blocks else second
    assert f"docs/faq.md:{expected_line}: {message.format(first=first)}" in output, output


def test_two_quizzes_that_share_no_post_are_fine_on_one_page() -> None:
    from sorting_quiz.loader import load_project
    from sorting_quiz.page_blocks import check_pages
    from sorting_quiz.trades import add_trade_quizzes

    catalogue = load_project(ROOT)
    add_trade_quizzes(catalogue)
    checks = check_pages([("docs/p.md", "/// quiz | basics\n///\n\n/// quiz | show-and-tell\n///\n"
                                        "\n/// quiz | trade-pets\n///\n")], catalogue)
    pets = {post.id for post in catalogue.quizzes["trade-pets"].posts}
    others = {post.id for quiz_id in ("basics", "show-and-tell") for post in catalogue.quizzes[quiz_id].posts}
    assert bool(pets & others) == bool(checks["docs/p.md"].problems), checks
    assert not [problem for problem in checks["docs/p.md"].problems if problem.line < 4]


# --- 7. text hygiene ------------------------------------------------------------------------------

GOOD = """\
title: The basics
summary: Sort two posts.
posts:
  - id: bakery-lemon-loaf
    platform: facebook
    account: Crumb & Co
    trade: food-and-drink
    text: New lemon loaf, £4.50!
    paid: false
    sells: £4.50
    answer: marketing
    explanation: It is about something the bakery sells.
  - id: florist-news
    platform: x
    account: Petals
    text: Great read from BBC News.
    paid: false
    answer: management
    explanation: Sharing an article is management.
"""


def loaded(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    from sorting_quiz.loader import load_rulebook, load_quiz_file

    rulebook = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
    folder = tmp_path / "quizzes"
    folder.mkdir(exist_ok=True)
    path = folder / "quiz.yml"
    path.write_text(text, encoding="utf-8")
    quiz, problems = load_quiz_file(path, "quizzes/quiz.yml", rulebook)
    return quiz, [str(problem) for problem in problems]


def no_raw_control(messages: list[str]) -> None:
    for message in messages:
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", message), message


@pytest.mark.parametrize("field", ["trade", "case", "paid", "platform"])
def test_terminal_escapes_in_a_field_never_reach_the_terminal(tmp_path: Path, field: str) -> None:
    text = GOOD.replace("    paid: false\n    sells", f'    {field}: "\\e]0;X\\a\\e[2J"\n    paid: false\n    sells'
                        if field != "paid" else '    paid: "\\e]0;X\\a\\e[2J"\n    sells', 1)
    if field == "trade":
        text = text.replace("    trade: food-and-drink\n", "", 1)
    if field == "platform":
        text = GOOD.replace("platform: facebook", 'platform: "\\e]0;X\\a\\e[2J"', 1)
    _, problems = loaded(tmp_path, text)
    assert problems, field
    no_raw_control(problems)
    assert any("\\u001b" in problem for problem in problems), problems


@pytest.mark.parametrize(("escape", "shown"), [("\\0", "\\u0000"), ("\\e", "\\u001b"), ("\\u202e", "\\u202e"),
                                               ("\\x02wzxhzdk:0\\x03", "\\u0002"), ("\\r", "\\u000d")])
def test_control_and_bidi_characters_written_as_escapes_are_refused(tmp_path: Path, escape: str, shown: str) -> None:
    quiz, problems = loaded(tmp_path, GOOD.replace("text: Great read from BBC News.",
                                                   f'text: "Great read{escape} from BBC News."'))
    assert quiz is None
    assert len(problems) == 1, problems
    assert problems[0].startswith("quizzes/quiz.yml:16: post 2 (florist-news), text: character 11 of the text: "
                                  f"the character {shown} ("), problems
    no_raw_control(problems)


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u2028", "\x85"])
def test_bidi_and_line_separators_typed_in_a_file_are_refused_at_line_and_column(tmp_path: Path, char: str) -> None:
    quiz, problems = loaded(tmp_path, GOOD.replace("Great read from", f"Great read{char} from"))
    assert quiz is None
    assert problems == [f"quizzes/quiz.yml:16: file: column 21: the character \\u{ord(char):04x} "
                        f"({__import__('unicodedata').name(char, 'a control character').lower()}) is not allowed: "
                        "it is invisible, or changes how the text around it shows (and which line this is); delete it"]


def test_a_look_alike_letter_is_named_in_the_message(tmp_path: Path) -> None:
    _, problems = loaded(tmp_path, GOOD.replace("trade: food-and-drink", "trade: f\u043e\u043ed-and-drink"))
    assert problems == ["quizzes/quiz.yml:7: post 1 (bakery-lemon-loaf), trade: `f\\u043e\\u043ed-and-drink` is not "
                        "a trade; did you mean food-and-drink? use one of: " + problems[0].split("use one of: ")[1]]


def test_text_is_compared_in_nfc(tmp_path: Path) -> None:
    import unicodedata

    text = GOOD.replace("text: New lemon loaf, £4.50!", "text: " + unicodedata.normalize("NFD", "Crème brûlée, £4.50!"))
    text = text.replace("sells: £4.50", "sells: " + unicodedata.normalize("NFC", "Crème brûlée"))
    quiz, problems = loaded(tmp_path, text)
    assert problems == []
    assert quiz.posts[0].text == unicodedata.normalize("NFC", "Crème brûlée, £4.50!")


# --- 9. problems named at their file and line -----------------------------------------------------


def test_a_link_to_a_page_with_a_space_is_refused_at_the_quiz_line(tmp_path: Path) -> None:
    quiz, problems = loaded(tmp_path, GOOD.replace("explanation: Sharing an article is management.",
                                                   "explanation: See [x](my page.md)."))
    assert problems == ["quizzes/quiz.yml:19: post 2 (florist-news), explanation: `[x](my page.md)` is not allowed: "
                        "a link's address has no spaces, tabs or line breaks in it; write it on one line, without "
                        "spaces"]


@pytest.mark.parametrize("kind", ["folder", "broken link"])
def test_a_hard_cases_file_that_is_not_a_file_is_named_once(tmp_path: Path, kind: str) -> None:
    from sorting_quiz.loader import load_project

    project = copy_project(tmp_path / "p", ("quizzes", "includes"))
    hard_cases = project / "includes" / "hard-cases.yml"
    hard_cases.unlink()
    if kind == "folder":
        hard_cases.mkdir()
    else:
        hard_cases.symlink_to(project / "includes" / "gone.yml")
    problems = [str(problem) for problem in load_project(project).problems]
    assert len(problems) == 1, problems[:3]
    assert problems[0].startswith("includes/hard-cases.yml:1: file: is a "), problems


# --- 6. limits everywhere ---------------------------------------------------------------------------


def test_thousands_of_unknown_published_ids_print_a_few_lines(tmp_path: Path) -> None:
    from sorting_quiz import published
    from sorting_quiz.loader import load_project

    project = copy_project(tmp_path / "p", ("quizzes", "includes"))
    listing = project / "quizzes" / "published-posts.txt"
    listing.write_text("".join(f"gone-{number}\n" for number in range(20_000)), encoding="utf-8")
    messages = published.check(project, load_project(project))
    assert len(messages) == 21
    assert messages[-1] == ("quizzes/published-posts.txt:21: and 19,980 more listed posts in no quiz, not shown; "
                            "fix these first, then build again")


def test_a_trade_quiz_takes_at_most_the_quiz_file_limit(tmp_path: Path) -> None:
    import dataclasses

    from sorting_quiz.loader import MAX_POSTS, load_project
    from sorting_quiz.model import Quiz
    from sorting_quiz.trades import make_trade_quizzes

    catalogue = load_project(ROOT)
    post = next(post for quiz in catalogue.quizzes.values() for post in quiz.posts if post.trade == "shops")
    for number in range(25):
        posts = tuple(dataclasses.replace(post, id=f"x{number}-{index}") for index in range(MAX_POSTS))
        catalogue.quizzes[f"bulk-{number}"] = Quiz(id=f"bulk-{number}", title="Bulk", summary="S", posts=posts,
                                                   source=f"quizzes/bulk-{number}.yml")
    made, _ = make_trade_quizzes(catalogue)
    shops = next(trade_quiz for trade_quiz in made if trade_quiz.trade == "shops")
    assert len(shops.quiz.posts) == MAX_POSTS
    assert shops.left_out > 24 * MAX_POSTS


# --- 8. sent links keep landing on their post ----------------------------------------------------


def test_the_published_list_records_each_posts_quiz_and_page() -> None:
    from sorting_quiz import published

    listed = published.read_published((ROOT / "quizzes" / published.FILE_NAME).read_text(encoding="utf-8"))
    assert published.Listed("b-bakery-lemon-loaf", listed[0].line, "basics", "quizzes/basics/") in listed
    assert all(item.quiz_id and item.page for item in listed), "run `make publish-ids` to fill in quiz and page"


def test_moving_a_published_post_to_another_quiz_stops_the_build(project: Path) -> None:
    basics, other = project / "quizzes" / "basics.yml", project / "quizzes" / "show-and-tell.yml"
    text = basics.read_text(encoding="utf-8")
    start = text.index("  - id: b-salon-morning-setup")
    end = text.index("\n  - id:", start + 1) if "\n  - id:" in text[start + 1:] else len(text)
    post = text[start:end].rstrip("\n") + "\n"
    basics.write_text(text[:start] + text[end:].lstrip("\n"), encoding="utf-8")
    other.write_text(other.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + post, encoding="utf-8")
    listing = project / "quizzes" / "published-posts.txt"
    output = " ".join(failed(project).split())
    line = line_of(listing, "b-salon-morning-setup basics")
    assert (f"quizzes/published-posts.txt:{line}: the post `b-salon-morning-setup` was sent with links to "
            "/quizzes/basics/ (the quiz `basics`), but that page no longer shows it there; it is on "
            "/quizzes/show-and-tell/ (show-and-tell)") in output, output


def test_a_self_check_page_gives_snippets_only_for_the_posts_it_shows() -> None:
    from sorting_quiz.build_state import BuildState, QuizSettings

    state = BuildState.load(QuizSettings(root=ROOT, site_url="https://example.com/",
                                         email_campaign={"utm_source": "a", "utm_medium": "b", "utm_campaign": "c"}))
    basics = state.catalogue.quizzes["basics"]
    kept = basics.email_posts[1]
    state.references = {"check.md": [(3, "basics")]}
    state.posts_on_pages = {"check.md": {"basics": {kept, basics.posts[-1].id}}}
    state.learn_pages([("check.md", "check/")])
    snippets = [snippet for snippet in state.email_snippets() if snippet.quiz.id == "basics"]
    assert [snippet.post.id for snippet in snippets] == [kept]

"""Rendering: Markdown in, HTML out, in the style of pymdown-extensions' block tests."""

from __future__ import annotations

from html import escape
import textwrap

import markdown
import pytest

from sorting_quiz.agency import Agency, read_agency
from sorting_quiz.components.email_tools.email_snippets import answer_link_format
from sorting_quiz.facts import answers_json
from sorting_quiz.loader import Catalogue
from sorting_quiz.build_state import BuildState, QuizSettings
from sorting_quiz.markdown_extension import QuizExtension
from sorting_quiz.model import Post, Quiz

POST = Post(id="cafe-meme", platform="x", account="Kettle & Crumb", text="Monday. Coffee. Go.",
            paid=False, answer="management", explanation="A meme sells nothing, so it is **management**.")
QUIZ = Quiz(id="mini", title="Mini quiz", summary="One post.", posts=(POST,))

TRICKY = Post(
    id="t-escape", platform="facebook", account='Fish & Chips "Friday" <b>',
    text="<script>alert('x')</script> & &amp; \"quotes\" 'single' 🍋 *not emphasis* <b>bold?</b>",
    paid=True, answer="marketing", explanation="It is **paid**. <img src=x onerror=alert(1)> & done.",
    context="A reply to @jo <i>", image_description="A cake & a <tag>", older_reading="Same & <same>.",
)


def convert(source: str, *quizzes: Quiz, page: str = "quizzes/index.md",
            pages: dict[str, str] | None = None, agency: Agency | None = None) -> str:
    catalogue = Catalogue(quizzes={quiz.id: quiz for quiz in quizzes},
                          sources={quiz.id: f"quizzes/{quiz.id}.yml" for quiz in quizzes})
    state = BuildState(settings=QuizSettings(), catalogue=catalogue, quiz_pages=pages or {}, current_page=page,
                       agency=agency)
    md = markdown.Markdown(extensions=["abbr", QuizExtension(state=state)])
    return md.convert(textwrap.dedent(source))


def test_a_quiz_block_renders_the_whole_no_javascript_quiz() -> None:
    html = convert("""
        /// quiz | mini
            title: false
        ///
        """, QUIZ)
    assert html == textwrap.dedent("""\
        <div class="quiz-holder">
        <section aria-label="Mini quiz" class="quiz" data-answer-link="{answer_link}" data-answers="{answers}" data-quiz="mini" data-quiz-version="{version}" data-search-exclude="" data-size="1 post, about 1 minute" id="quiz-mini">
        <p class="quiz__how quiz__how--static">1 post, about 1 minute. For each post, choose Marketing or Management, then open “Show the answer” to check.</p>
        <p class="quiz__how quiz__how--enhanced">1 post, about 1 minute. Choose Marketing or Management under each post<span class="quiz__how-drag">, or drag a post into a box</span>. Each answer is marked straight away.</p>
        <div class="quiz__bar"></div>
        <ol class="quiz__posts">
        <li class="quiz-post" data-answer="management" data-post="cafe-meme" id="post-cafe-meme">
        <article aria-labelledby="post-cafe-meme--account" class="quiz-post__card quiz-post__card--x">
        <header class="quiz-post__header"><span class="quiz-post__platform"><svg aria-hidden="true" class="quiz-post__icon" focusable="false" height="20" viewBox="0 0 112 128" width="20"><path d="M89 12h18L68 56 114 116H78L50 80 19 116H1l41-47L-1 12h36l25 33zm-6 93h10L30 22h-11z" fill="currentColor"></path></svg><span class="quiz-post__platform-name">X</span></span><span class="quiz-post__account" id="post-cafe-meme--account" translate="no">Kettle &amp; Crumb</span></header>
        <p class="quiz-post__text">Monday. Coffee. Go.</p>
        </article>
        <fieldset class="quiz-post__choices">
        <legend class="quiz-post__question">Post <span class="quiz-post__number">1</span>: marketing or management?</legend>
        <label class="quiz-post__radio"><input name="quiz-mini--cafe-meme" type="radio" value="marketing" /><span>Marketing</span></label><label class="quiz-post__radio"><input name="quiz-mini--cafe-meme" type="radio" value="management" /><span>Management</span></label></fieldset>
        <details class="quiz-post__answer">
        <summary>Show the answer</summary>
        <div class="quiz-post__explanation">
        <p class="quiz-post__test">Paid to show it? <strong>No.</strong> Puts what it sells in front of people? <strong>No.</strong></p>
        <p><strong class="quiz-post__verdict">Management.</strong> A meme sells nothing, so it is <strong>management</strong>.</p>
        </div>
        </details>
        </li>
        </ol>
        <div class="quiz__key" hidden="hidden">
        <p class="quiz__key-title">Answer key</p>
        <ol>
        <li data-post="cafe-meme"><strong>Management.</strong> <span class="quiz-post__test">Paid to show it? <strong>No.</strong> Puts what it sells in front of people? <strong>No.</strong></span></li>
        </ol>
        </div>
        </section>
        </div>""").format(version=QUIZ.content_hash, answer_link=escape(answer_link_format()),
                 answers=escape(answers_json()))


def test_post_text_is_shown_literally_and_never_runs() -> None:
    quiz = Quiz(id="escape", title="Fish & <Chips>", summary="S", posts=(TRICKY,))
    html = convert("/// quiz | escape\n///\n\n*[Fish]: A tooltip that must not touch post text\n", quiz)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert ('<p class="quiz-post__text">&lt;script&gt;alert(\'x\')&lt;/script&gt; &amp; &amp;amp; "quotes" '
            "'single' 🍋 *not emphasis* &lt;b&gt;bold?&lt;/b&gt;</p>") in html
    assert 'translate="no">Fish &amp; Chips "Friday" &lt;b&gt;</span>' in html
    assert '<h2 class="quiz__title" id="quiz-escape--title">Fish &amp; &lt;Chips&gt;</h2>' in html
    assert '<p class="quiz-post__context">A reply to @jo &lt;i&gt;</p>' in html
    assert '<p class="quiz-post__image">Picture: <span>A cake &amp; a &lt;tag&gt;</span></p>' in html
    assert '<span class="quiz-post__sponsored">Sponsored</span>' in html
    # Explanations take inline Markdown, but raw HTML in them is shown as text.
    assert ("<strong>paid</strong>. &lt;img src=x onerror=alert(1)&gt; &amp; done.") in html
    assert '<strong>The older reading:</strong> Same &amp; &lt;same&gt;.' in html
    assert "<abbr" not in html


def test_the_same_quiz_twice_on_a_page_gets_unique_ids() -> None:
    html = convert("/// quiz | mini\n///\n\n/// quiz | mini\n///\n", QUIZ)
    assert 'id="quiz-mini"' in html and 'id="quiz-mini--2"' in html
    assert 'id="post-cafe-meme"' in html and 'id="post-cafe-meme--2"' in html
    assert 'name="quiz-mini--2--cafe-meme"' in html


def test_two_quizzes_on_one_page() -> None:
    other = Quiz(id="other", title="Other", summary="S", posts=(TRICKY,))
    html = convert("/// quiz | mini\n///\n\nBetween.\n\n/// quiz | other\n///\n", QUIZ, other)
    assert html.count('<section ') == 2 and "<p>Between.</p>" in html


def test_a_missing_quiz_renders_its_problems_instead() -> None:
    html = convert("/// quiz | nope\n///\n")
    assert 'class="admonition failure quiz-problems" role="alert"' in html
    assert "<code>There is no quiz file quizzes/nope.yml.</code>" in html


def test_the_quiz_list_links_each_quiz_to_its_own_page_in_nav_order() -> None:
    other = Quiz(id="other", title="Another", summary="Second **one**.", posts=(POST, TRICKY))
    html = convert("/// quiz-list\n///\n", QUIZ, other, page="quizzes/index.md",
                   pages={"other": "quizzes/other.md", "mini": "learn/mini.md"})
    assert html == textwrap.dedent("""\
        <ul class="quiz-list">
        <li class="quiz-list__item">
        <h2 class="quiz-list__title"><a href="/quizzes/other.md">Another</a></h2>
        <p class="quiz-list__summary">Second <strong>one</strong>.</p>
        <p class="quiz-list__size">2 posts, about 1 minute.</p>
        </li>
        <li class="quiz-list__item">
        <h2 class="quiz-list__title"><a href="/learn/mini.md">Mini quiz</a></h2>
        <p class="quiz-list__summary">One post.</p>
        <p class="quiz-list__size">1 post, about 1 minute.</p>
        </li>
        </ul>""")


@pytest.mark.parametrize("posts, minutes", [(1, 1), (3, 1), (4, 2), (10, 3), (12, 4)])
def test_the_time_estimate_rounds_up(posts: int, minutes: int) -> None:
    quiz = Quiz(id="q", title="T", summary="S", posts=(POST,) * posts)
    assert quiz.minutes == minutes


@pytest.mark.parametrize("page", ["quizzes/basics.md", "index.md", "staff/deep/page.md", ""])
def test_links_in_quiz_files_are_written_from_the_docs_folder_whatever_the_page(page: str) -> None:
    """`/difference.md` is read from the docs folder by MkDocs (validation: links: absolute_links:
    relative_to_docs), which makes it relative to the page; so the block needs no current page."""
    expected = "/difference.md#the-test"
    linked = Post(id="linked", platform="x", account="A", text="T", paid=False, answer="management",
                  explanation="See [the test](difference.md#the-test), [BBC](https://www.bbc.co.uk/) "
                              "and [above](#post-linked).")
    quiz = Quiz(id="links", title="T", summary="Read [the difference](difference.md) first.", posts=(linked,))
    html = convert("/// quiz | links\n///\n", quiz, page=page)
    assert f'<a href="{expected}">the test</a>' in html
    assert f'<a href="{expected.split("#")[0]}">the difference</a>' in html
    assert '<a href="https://www.bbc.co.uk/">BBC</a>' in html and '<a href="#post-linked">above</a>' in html


@pytest.mark.parametrize("block", ["quiz | mini", "quiz-list"])
def test_text_written_inside_a_block_is_not_shown(block: str) -> None:
    html = convert(f"/// {block}\n\nStray **text** here.\n///\n\nAfter.\n", QUIZ)
    assert "Stray" not in html and html.endswith("<p>After.</p>")


# --- the rule, worked through; kinds of post; self-checks; the hard cases ------------------------

from sorting_quiz.loader import load_quiz_file, load_rulebook  # noqa: E402
from sorting_quiz.model import HardCase, Original  # noqa: E402

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
RULEBOOK = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
EVERY_KIND, _ = load_quiz_file(ROOT / "tests" / "fixtures" / "every-kind.yml", "every-kind.yml", RULEBOOK)


def post_html(html: str, post_id: str) -> str:
    start = html.index(f'id="post-{post_id}"')
    return html[start:html.index("</li>", start)]


def test_every_answer_shows_the_two_questions_worked_through_before_the_explanation() -> None:
    html = convert("/// quiz | every-kind\n///\n", EVERY_KIND)
    price = post_html(html, "zk-post-price")
    assert ('<p class="quiz-post__test">Paid to show it? <strong>No.</strong> Puts what it sells in front of '
            'people? <strong>Yes:</strong> “£4.50 a loaf”.</p>\n<p><strong class="quiz-post__verdict">Marketing.</strong>'
            ) in price
    ad = post_html(html, "zk-ad")
    assert ("Paid to show it? <strong>Yes:</strong> it is marked “Ad”. Puts what it sells in front of people? "
            "<strong>Yes:</strong> “£45”.") in ad
    assert '<span class="quiz-post__sponsored">Ad</span>' in ad
    assert '<span class="quiz-post__sponsored">Promoted</span>' in post_html(html, "zk-promoted")
    latte = post_html(html, "zk-video-latte")
    assert '<p class="quiz-post__close-call"><strong>A close call:</strong> There are no words of sale' in latte
    assert latte.index("quiz-post__verdict") < latte.index("quiz-post__close-call")
    # The printed answer key carries the same reasoning, one line a post.
    key = html[html.index('class="quiz__key"'):]
    assert ('<li data-post="zk-post-price"><strong>Marketing.</strong> <span class="quiz-post__test">Paid to show it? '
            '<strong>No.</strong> Puts what it sells in front of people? <strong>Yes:</strong> “£4.50 a loaf”.</span>'
            '</li>') in key


def test_each_kind_of_post_is_drawn_as_a_reader_sees_it() -> None:
    html = convert("/// quiz | every-kind\n///\n", EVERY_KIND)
    like = post_html(html, "zk-like")
    assert '<p class="quiz-post__action">Liked a photo by Swansea Business Club</p>' in like
    assert "quiz-post__text" not in like and "Picture: <span>A group photo" in like
    reply = post_html(html, "zk-reply-with-offer")
    assert '<p class="quiz-post__action">Replied to @megan_r</p>' in reply
    assert reply.index("Love my new colour!") < reply.index("Use code SPRING10"), "a reply follows what it answers"
    share = post_html(html, "zk-share-sells")
    assert share.index("Show-ready trims") < share.index("Entries open"), "a share shows the business's words first"
    assert '<p class="quiz-post__action">Shared a post by Newry Dog Show</p>' in share
    assert '<p class="quiz-post__action">Posted a status update</p>' in post_html(html, "zk-status")
    assert 'quiz-post__card--google' in post_html(html, "zk-offer") and "Google Business Profile" in html
    assert "<svg" in post_html(html, "zk-status")  # every platform has an icon


def test_someone_elses_words_are_shown_literally() -> None:
    tricky = Post(id="x1", platform="x", account="A", text=None, paid=False, answer="management",
                  explanation="E", kind="like", original=Original(account="<b>@jo</b>", text="*hi* <script>"))
    html = convert("/// quiz | q\n///\n", Quiz(id="q", title="T", summary="S", posts=(tricky,)))
    assert "&lt;b&gt;@jo&lt;/b&gt;" in html and "*hi* &lt;script&gt;" in html and "<script>" not in html


def test_a_self_check_shows_the_chosen_posts_in_order_and_keeps_its_own_progress() -> None:
    html = convert("/// quiz | every-kind\n    title: false\n    posts: [zk-offer, zk-like, zk-reply-thanks]\n///\n",
                   EVERY_KIND)
    assert html.count('class="quiz-post"') == 3
    assert html.index('id="post-zk-offer"') < html.index('id="post-zk-like"') < html.index('id="post-zk-reply-thanks"')
    assert 'data-quiz="every-kind--check-' in html, "saved progress must not replace the whole quiz's"
    assert "3 posts, about 1 minute." in html
    both = convert("/// quiz | every-kind\n///\n\n/// quiz | every-kind\n    posts: [zk-like]\n///\n", EVERY_KIND)
    assert 'id="post-zk-like"' in both and 'id="post-zk-like--2"' in both


def test_the_hard_cases_table_lists_every_case_with_its_ruling_example_and_reason() -> None:
    catalogue = Catalogue(rulebook=RULEBOOK)
    md = markdown.Markdown(extensions=[QuizExtension(state=BuildState(QuizSettings(), catalogue))])
    html = md.convert("/// hard-cases\n///\n")
    assert html.count("<tr id=\"case-") == len(RULEBOOK.hard_cases) == 26  # the rows of rulings.md
    for case in RULEBOOK.hard_cases.values():
        row = html[html.index(f'id="case-{case.id}"'):]
        row = row[:row.index("</tr>")]
        assert f'<strong>{case.example_answer.capitalize()}.</strong>' in row
        assert ('<strong class="hard-cases__close">A close call.</strong>' in row) == case.close_call
    assert '<th scope="col">An example</th>' in html
    compact = markdown.Markdown(extensions=[QuizExtension(state=BuildState(QuizSettings(), catalogue))]).convert(
        "/// hard-cases\n    examples: false\n///\n")
    assert "An example" not in compact and "hard-cases__example" not in compact
    assert compact.count("<tr id=\"case-") == 26


def test_hard_case_text_takes_inline_markdown_but_never_html() -> None:
    case = HardCase(id="x", case="A <b>case</b>", ruling="**Marketing** <img src=x onerror=alert(1)>",
                    answer="marketing", close_call=False, why="Why & <i>", example_text="<script>",
                    example_answer="marketing")
    from sorting_quiz.loader import Rulebook
    catalogue = Catalogue(rulebook=Rulebook(hard_cases={"x": case}))
    html = markdown.Markdown(extensions=[QuizExtension(state=BuildState(QuizSettings(), catalogue))]).convert(
        "/// hard-cases\n///\n")
    assert "<img" not in html and "<script>" not in html and "<b>" not in html
    assert "<strong>Marketing</strong> &lt;img" in html


AGENCY = {"name": "Northlight Social", "url": "https://www.northlight.example/", "email": "hello@northlight.example",
          "call_to_action": {"text": "Book a free 15-minute review", "url": "https://www.northlight.example/review"}}


def test_with_an_agency_every_quiz_ends_with_its_next_step() -> None:
    html = convert("/// quiz | mini\n///\n\n/// quiz | mini\n    posts: [cafe-meme]\n///\n", QUIZ,
                   agency=read_agency(AGENCY))
    block = ('<div class="quiz__next">\n<p class="quiz__next-text">Want help with your own posts? Northlight Social '
             'can help.</p>\n<a class="quiz__next-link" href="https://www.northlight.example/review">Book a free '
             '15-minute review</a></div>')
    assert html.count("</section>\n" + block + "\n</div>") == 2, html  # right after each quiz, in its holder


def test_the_next_step_may_start_an_email_or_a_call() -> None:
    for address in ("mailto:hello@northlight.example", "tel:+441614960000"):
        agency = read_agency({**AGENCY, "call_to_action": {"text": "Talk to us", "url": address}})
        assert f'<a class="quiz__next-link" href="{address}">Talk to us</a>' in convert("/// quiz | mini\n///\n", QUIZ,
                                                                                       agency=agency)


def test_without_an_agency_no_next_step_is_shown() -> None:
    html = convert("/// quiz | mini\n///\n", QUIZ, agency=None)
    assert "quiz__next" not in html and "review" not in html


def test_the_agencys_words_and_address_are_escaped() -> None:
    hostile = Agency(name='Fish & <b>Chips</b> "Ltd"', url="https://a.example/", email=None, phone="0161 496 0000",
                     call_to_action_text="<script>alert(1)</script> & book",
                     call_to_action_url='https://a.example/?a=1&b="><img src=x>')
    html = convert("/// quiz | mini\n///\n", QUIZ, agency=hostile)
    assert "<b>" not in html and "<script>" not in html and "<img" not in html
    assert "Fish &amp; &lt;b&gt;Chips&lt;/b&gt; \"Ltd\" can help." in html
    assert '>&lt;script&gt;alert(1)&lt;/script&gt; &amp; book</a>' in html
    assert 'href="https://a.example/?a=1&amp;b=&quot;&gt;&lt;img src=x&gt;"' in html

"""Email-ready snippets: one sample post and two answer links, for sales emails.

Each snippet is HTML for email (tables, inline styles only, no script, no style sheet, no
classes, no fonts or images to load, explicit background AND text colour on every cell so
a client that forces dark mode keeps it readable) and a plain-text version. Every link is
absolute, built from `site_url` (under `mkdocs serve`, the preview's address), and carries the
campaign tags from mkdocs.yml. An answer link is short:

    https://example.co.uk/quizzes/basics/?a=ID.mkt&utm_source=..&utm_medium=..&utm_campaign=..#post-ID

The quiz page (quiz.js) marks that post with that answer (and says so to the analytics, with the
post and answer); without JavaScript the link still lands on the post. Links sent before the short
form, `?post=ID&answer=marketing&…`, keep working. Pure functions only: the MkDocs hook writes the files.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from ... import facts
from ...facts import ANSWER_CODES, ANSWER_LINK_PARAM, ANSWER_LINK_SEPARATOR, ANSWERS
from ...model import Post, Quiz
from ...settings import Campaign  # noqa: F401 (read by settings.py, used here for every link)

FOLDER = "email-snippets"  # in the built site: email-snippets/<quiz id>/<post id>.html
DEFAULT_POST_COUNT = 2  # when a quiz file has no `email_posts`: its first two posts
QUESTION = "Marketing or management?"
HOW_IT_WORKS = "Tap your answer. The quiz shows if you were right, and why."

# Colours: each pair is well over 4.5:1 (tested). Every cell sets both, for forced dark mode.
WHITE = "#ffffff"
INK = "#1f2328"  # body text on white: 15.8:1
CARD = "#f4f5fa"  # the post's background
CARD_EDGE = "#c5cae9"
MUTED = "#4a5160"  # small text on the card: 7.4:1
BUTTON = "#303f9f"  # indigo 700; white text on it: 9.0:1
FONT = "Arial, Helvetica, sans-serif"

# The platform's colour, down the left of the post (decoration only).
PLATFORM_COLOURS = {
    "facebook": "#1877f2", "instagram": "#d62976", "linkedin": "#0a66c2", "x": "#0f1419",
    "tiktok": "#e11d48", "threads": "#101010", "youtube": "#e62117",
}

# The short answer link's form is in facts.py: render.py hands it to quiz.js in `data-answer-link`.
answer_link_format = facts.answer_link_json


def compact_answer(post_id: str, answer: str) -> str:
    """`ID.mkt`: the value of the short link's `a`."""
    return f"{post_id}{ANSWER_LINK_SEPARATOR}{ANSWER_CODES[answer]}"


def read_compact_answer(value: str) -> tuple[str, str] | None:
    """(post id, answer) from `ID.mkt`, or None: what quiz.js does, for tests and tools."""
    post_id, separator, code = value.rpartition(ANSWER_LINK_SEPARATOR)
    answers = {code: answer for answer, code in ANSWER_CODES.items()}
    return (post_id, answers[code]) if separator and post_id and code in answers else None


@dataclass(frozen=True)
class SnippetLinks:
    marketing: str
    management: str
    quiz: str  # the whole quiz, from its top

    def answer(self, answer: str) -> str:
        return {facts.MARKETING: self.marketing, facts.MANAGEMENT: self.management}[answer]


@dataclass(frozen=True)
class Snippet:
    """One post of one quiz, ready for an email."""

    quiz: Quiz
    post: Post
    links: SnippetLinks
    html: str  # the fragment staff paste
    text: str  # the plain-text version

    @property
    def folder(self) -> str:
        return f"{FOLDER}/{self.quiz.id}"

    @property
    def preview_path(self) -> str:
        """The fragment in a complete small page: for previews and validation."""
        return f"{self.folder}/{self.post.id}.html"

    @property
    def fragment_path(self) -> str:
        return f"{self.folder}/{self.post.id}.fragment.html"

    @property
    def text_path(self) -> str:
        return f"{self.folder}/{self.post.id}.txt"


def _base(site_url: str, page_url: str) -> str:
    if not site_url.startswith(("https://", "http://")):
        raise ValueError(f"site_url must be an absolute http(s) address, not {site_url!r}")
    return site_url.rstrip("/") + "/" + page_url.lstrip("/")


def answer_link(site_url: str, page_url: str, post_id: str, answer: str, campaign: Campaign) -> str:
    """`{site_url}{page_url}?a=ID.mkt&utm_source=…&utm_medium=…&utm_campaign=…#post-ID`.

    No utm_content: the page reports which post and answer the reader arrived with (quiz_arrive)."""
    if answer not in ANSWERS:
        raise ValueError(f"answer must be one of {', '.join(ANSWERS)}, not {answer!r}")
    query = urlencode([(ANSWER_LINK_PARAM, compact_answer(post_id, answer)), *campaign.tags()], safe=".")
    return f"{_base(site_url, page_url)}?{query}#{facts.post_anchor(post_id)}"


def quiz_link(site_url: str, page_url: str, post_id: str, campaign: Campaign) -> str:
    """The whole quiz, tagged as coming from this post's snippet: utm_content=ID-quiz."""
    return f"{_base(site_url, page_url)}?{urlencode(campaign.tags(f'{post_id}-quiz'))}"


def links_for(site_url: str, page_url: str, post: Post, campaign: Campaign) -> SnippetLinks:
    return SnippetLinks(
        marketing=answer_link(site_url, page_url, post.id, facts.MARKETING, campaign),
        management=answer_link(site_url, page_url, post.id, facts.MANAGEMENT, campaign),
        quiz=quiz_link(site_url, page_url, post.id, campaign),
    )


def email_posts(quiz: Quiz) -> tuple[Post, ...]:
    """The posts offered as snippets: the quiz file's `email_posts`, else its first two."""
    if quiz.email_posts:
        return tuple(post for post_id in quiz.email_posts if (post := quiz.post(post_id)) is not None)
    return quiz.posts[:DEFAULT_POST_COUNT]


# --- HTML for email ---------------------------------------------------------------------------


def _style(**properties: str) -> str:
    """`font_size="16px"` -> `font-size:16px;`, escaped for an attribute."""
    return html.escape("".join(f"{name.replace('_', '-')}:{value};" for name, value in properties.items()))


def _text(value: str) -> str:
    """Text exactly as written: escaped, and its line breaks kept as <br>."""
    lines = [html.escape(line.rstrip(), quote=False) for line in value.strip().splitlines()]
    return "<br>".join(lines)


def _cell(content: str, *, background: str, colour: str, padding: str, size: str = "16px",
          line_height: str = "24px", extra: str = "") -> str:
    style = _style(padding=padding, background_color=background, color=colour, font_family=FONT,
                   font_size=size, line_height=line_height) + extra
    return f'<tr><td bgcolor="{background}" style="{style}">{content}</td></tr>'


def _table(rows: str, *, background: str, style: str = "") -> str:
    base = _style(width="100%", border_collapse="separate", background_color=background)
    return (f'<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
            f'bgcolor="{background}" style="{base}{style}">{rows}</table>')


def _post_card(post: Post) -> str:
    rows = []
    if post.context:
        rows.append(_cell(f"<i>{_text(post.context)}</i>", background=CARD, colour=MUTED,
                          padding="12px 16px 0", size="14px", line_height="20px"))
    rows.append(_cell(
        f'<b style="{_style(color=INK)}">{_text(post.account)}</b><br>'
        f'<span style="{_style(color=MUTED, font_size="14px")}">{html.escape(_details(post))}</span>',
        background=CARD, colour=INK, padding="12px 16px 0"))
    original = _original_cell(post) if post.original else ""
    if original and post.original_first:
        rows.append(original)
    if post.text:
        rows.append(_cell(_text(post.text), background=CARD, colour=INK, padding="8px 16px 12px",
                          extra=_style(overflow_wrap="break-word", word_wrap="break-word")))
    if post.image_description:
        rows.append(_cell(f"<i>Picture: {_text(post.image_description)}</i>", background=CARD, colour=MUTED,
                          padding="0 16px 12px", size="14px", line_height="20px"))
    if original and not post.original_first:
        rows.append(original)
    edge = PLATFORM_COLOURS.get(post.platform, MUTED)
    return _table("".join(rows), background=CARD,
                  style=_style(border=f"1px solid {CARD_EDGE}", border_left=f"4px solid {edge}",
                               border_radius="8px"))


def _details(post: Post) -> str:
    """`Facebook · Sponsored · Replied to @jo`: where, paid or not, and what the business did."""
    return " · ".join(part for part in (post.platform_name, post.paid and post.paid_label, post.action) if part)


def _original_cell(post: Post) -> str:
    """The post or comment the business replied to, shared or liked, set in with a grey rule."""
    assert post.original is not None
    original = post.original
    parts = [f"<b>{_text(original.account)}</b>"]
    if original.text:
        parts.append(_text(original.text))
    if original.image_description:
        parts.append(f"<i>Picture: {_text(original.image_description)}</i>")
    inner = _cell("<br>".join(parts), background=CARD, colour=INK, padding="4px 12px", size="15px",
                  line_height="22px", extra=_style(border_left=f"3px solid {CARD_EDGE}"))
    return _cell(_table(inner, background=CARD), background=CARD, colour=INK, padding="8px 16px 8px")


def _button(label: str, href: str) -> str:
    """A bulletproof button: a coloured cell holding a block link, 50px tall, whole area tappable."""
    link_style = _style(display="block", padding="14px 8px", background_color=BUTTON, color=WHITE,
                        font_family=FONT, font_size="18px", line_height="22px", font_weight="bold",
                        text_align="center", text_decoration="none", border_radius="6px")
    cell_style = _style(background_color=BUTTON, color=WHITE, border_radius="6px", text_align="center")
    return _table(f'<tr><td bgcolor="{BUTTON}" style="{cell_style}">'
                  f'<a href="{html.escape(href)}" style="{link_style}">{label}</a></td></tr>', background=BUTTON,
                  style=_style(border_radius="6px"))


def _buttons(links: SnippetLinks) -> str:
    half = _style(width="50%", background_color=WHITE, color=INK)
    cells = (f'<td width="50%" bgcolor="{WHITE}" style="{half}{_style(padding="0 6px 0 0")}">'
             f'{_button(facts.answer_label(facts.MARKETING), links.marketing)}</td>'
             f'<td width="50%" bgcolor="{WHITE}" style="{half}{_style(padding="0 0 0 6px")}">'
             f'{_button(facts.answer_label(facts.MANAGEMENT), links.management)}</td>')
    return _table(f"<tr>{cells}</tr>", background=WHITE)


def snippet_html(quiz: Quiz, post: Post, links: SnippetLinks) -> str:
    """The email fragment: one table, at most 600px wide, that pastes into any email."""
    heading_style = _style(margin="0", font_family=FONT, font_size="22px", line_height="28px",
                           font_weight="bold", color=INK)
    link_style = _style(color=BUTTON, text_decoration="underline")
    rows = [
        _cell(f'<h2 style="{heading_style}">{QUESTION}</h2>', background=WHITE, colour=INK, padding="16px 16px 12px"),
        _cell(_post_card(post), background=WHITE, colour=INK, padding="0 16px"),
        _cell(_buttons(links), background=WHITE, colour=INK, padding="16px 16px 8px"),
        _cell(HOW_IT_WORKS, background=WHITE, colour=MUTED, padding="4px 16px 4px", size="14px",
              line_height="20px"),
        _cell(f'<a href="{html.escape(links.quiz)}" style="{link_style}">Try the whole quiz: '
              f'{html.escape(quiz.title)}</a> ({quiz.size})',
              background=WHITE, colour=INK, padding="4px 16px 16px", size="14px", line_height="20px"),
    ]
    outer = _style(max_width="600px", margin="0 auto", color=INK, font_family=FONT)
    return _table("".join(rows), background=WHITE, style=outer) + "\n"


def snippet_text(quiz: Quiz, post: Post, links: SnippetLinks) -> str:
    """The plain-text version: the same post, with the links spelled out."""
    lines = [QUESTION, "", f"{post.account} ({_details(post)})"]
    if post.context:
        lines.append(f"[{post.context}]")
    original = []
    if post.original:
        original = [f"> {post.original.account}:"]
        original += [f"> {line}" for line in (post.original.text or "").strip().splitlines()]
        if post.original.image_description:
            original.append(f"> [Picture: {post.original.image_description}]")
    if post.original_first:
        lines += original
    if post.text:
        lines.append(post.text.strip())
    if post.image_description:
        lines.append(f"[Picture: {post.image_description}]")
    if not post.original_first:
        lines += original
    lines += [
        "",
        "Is it marketing or management? Tap your answer:",
        "",
        f"{facts.answer_label(facts.MARKETING)}:",
        links.marketing,
        "",
        f"{facts.answer_label(facts.MANAGEMENT)}:",
        links.management,
        "",
        "The quiz shows if you were right, and why.",
        "",
        f"Try the whole quiz, {quiz.title} ({quiz.size}):",
        links.quiz,
    ]
    return "\n".join(lines) + "\n"


def snippet_document(snippet: Snippet) -> str:
    """The fragment in a complete, minimal HTML page: what the staff page previews.

    Its links open in a new tab, not inside the preview's small frame."""
    title = html.escape(f"Email snippet: {snippet.post.account} ({snippet.quiz.title})", quote=False)
    body = _style(margin="0", padding="16px 0", background_color=WHITE, color=INK)
    return ("<!DOCTYPE html>\n"
            '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<base target="_blank">\n'
            f"<title>{title}</title>\n</head>\n"
            f'<body style="{body}">\n{snippet.html}</body>\n</html>\n')


# --- every snippet of the site ------------------------------------------------------------------


def build_snippets(quizzes: list[Quiz], page_urls: Mapping[str, str], site_url: str,
                   campaign: Campaign) -> list[Snippet]:
    """Every quiz's snippets, for quizzes shown on a page (`page_urls`: quiz id -> "quizzes/basics/")."""
    snippets = []
    for quiz in quizzes:
        page_url = page_urls.get(quiz.id)
        if page_url is None:
            continue  # on no page: nothing to link to
        for post in email_posts(quiz):
            links = links_for(site_url, page_url, post, campaign)
            snippets.append(Snippet(quiz=quiz, post=post, links=links,
                                    html=snippet_html(quiz, post, links), text=snippet_text(quiz, post, links)))
    return snippets


def write_snippets(snippets: list[Snippet], site_dir: Path) -> list[Path]:
    """Writes each snippet's preview page, fragment and text into the built site."""
    written = []
    for snippet in snippets:
        for path, content in ((snippet.preview_path, snippet_document(snippet)),
                              (snippet.fragment_path, snippet.html), (snippet.text_path, snippet.text)):
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
            written.append(target)
    return written

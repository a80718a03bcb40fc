"""Checks the links written in quiz files before any page is built, so a broken one is named
by its quiz file and line (not by whichever page showed the quiz, after the site is written).

Anchors are worked out from the target page's Markdown the way the `toc` extension makes them
(headings, `{#id}`), plus the ids the blocks on that page will generate, as page_blocks found them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from markdown.extensions.toc import slugify, unique

from .facts import case_anchor, post_anchor, quiz_anchor
from .loader import Catalogue, FieldLinkSource, Problem
from .page_blocks import PageCheck

HEADING = re.compile(r"^(#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
EXPLICIT_ID = re.compile(r"\{[^}\n]*#(?P<id>[\w.:-]+)[^}\n]*\}")
HTML_ID = re.compile(r"\bid=[\"'](?P<id>[^\"']+)[\"']")
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
INLINE_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[*_`]")


def anchors_of(markdown: str, catalogue: Catalogue | None = None, blocks: PageCheck | None = None) -> set[str]:
    """The ids a page will have: its headings' (as `toc` makes them) and, from the page's check
    (page_blocks, pymdownx's own reading of its blocks), the ids its quiz blocks make."""
    ids: set[str] = set()
    headings: list[str] = []
    lines = FRONT_MATTER.sub("", markdown, count=1).splitlines()
    fence = ""
    for number, line in enumerate(lines):
        opening = FENCE.match(line)
        if opening and (not fence or opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence)):
            fence = "" if fence else opening.group(1)
            continue
        if fence:
            continue
        ids.update(match.group("id") for match in EXPLICIT_ID.finditer(line))
        ids.update(match.group("id") for match in HTML_ID.finditer(line))
        heading = HEADING.match(line)
        if heading:
            headings.append(heading.group("text"))
        elif SETEXT.match(line) and number and lines[number - 1].strip() and not FENCE.match(lines[number - 1]):
            headings.append(lines[number - 1].strip())
    seen: set[str] = set()
    for text in headings:
        explicit = EXPLICIT_ID.search(text)
        if explicit:
            continue  # its id is already counted
        plain = INLINE_MARKUP.sub(lambda match: match.group(1) or "", text)
        ids.add(unique(slugify(plain, "-"), seen))
    if catalogue is not None and blocks is not None:
        for _, quiz_id in blocks.quiz_references:
            quiz = catalogue.quizzes.get(quiz_id)
            if quiz:
                ids.add(quiz_anchor(quiz.id))
                ids.update(post_anchor(post.id) for post in quiz.posts)
        if "hard-cases" in blocks.blocks:
            ids.update(case_anchor(case_id) for case_id in catalogue.rulebook.hard_cases)
    return ids


def check_links(links: Iterable[FieldLinkSource], pages: dict[str, str], catalogue: Catalogue,
                checks: Mapping[str, PageCheck] | None = None) -> list[Problem]:
    """Problems with links in quiz files: a page that does not exist, or an anchor it lacks.

    `pages` maps each page's path in the docs folder ("difference.md") to its Markdown, and
    `checks` the same paths to what page_blocks found in them (their blocks' ids count too)."""
    problems = []
    anchors: dict[str, set[str]] = {}
    generated = {post_anchor(post_id) for post_id in catalogue.post_ids} | \
                {case_anchor(case_id) for case_id in catalogue.rulebook.hard_cases}
    for source in links:
        page, anchor = source.link.page, source.link.anchor
        if page is None:
            if anchor and anchor not in generated:
                problems.append(Problem(source.path, source.line, source.where,
                                        f"the link `{source.link.url}` points at nothing on the quiz's page; "
                                        "link to a post as #post-ID, or to a page as page.md#anchor"))
            continue
        if page not in pages:
            known = ", ".join(sorted(pages)[:8])
            problems.append(Problem(source.path, source.line, source.where,
                                    f"the link `{source.link.url}` goes to `{page}`, which is not a page in docs/; "
                                    f"write the page's path from the docs folder, like {known}"))
            continue
        if anchor:
            if page not in anchors:
                anchors[page] = anchors_of(pages[page], catalogue, (checks or {}).get(page))
            if anchor not in anchors[page]:
                close = difflib.get_close_matches(anchor, anchors[page], n=1)
                hint = f"did you mean `#{close[0]}`?" if close else \
                    f"its anchors include: {', '.join(sorted(anchors[page])[:10]) or 'none'}"
                problems.append(Problem(source.path, source.line, source.where,
                                        f"`{page}` has no heading with the anchor `#{anchor}`; {hint}"))
    return problems

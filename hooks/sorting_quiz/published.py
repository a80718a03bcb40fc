"""Post ids that sent emails may link to: quizzes/published-posts.txt.

An email's answer link goes to a quiz's page and ends in `#post-ID`
(`https://…/quizzes/basics/?post=ID…#post-ID`). Once sent, it can be opened for years, so each
line records the post, its quiz and the page the links go to: `ID QUIZ PAGE`, like
`b-bakery-lemon-loaf basics quizzes/basics/`. The build stops when that page no longer shows
that post of that quiz (the post dropped, moved to another quiz, or left out by `posts:`), so
removing or moving it is a deliberate act. A line with the id alone (the older form) only
needs the post in some quiz; `make publish-ids` fills in its quiz and page. New posts not yet
listed are fine.

    make publish-ids        adds every current post id that is not listed yet
    python -m sorting_quiz.published [--update] [--root DIR]   (with hooks/ on PYTHONPATH)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from .facts import post_anchor
from .loader import MAX_PROBLEMS_SHOWN, QUIZ_FOLDER, Catalogue, _visible, load_project
from .published_list import FILE_NAME, Listed, read_published, read_published_file  # noqa: F401 - the list's own names

HEADER = """\
# Posts that sent emails may link to (https://…/quizzes/basics/?post=ID…#post-ID).
# One a line: the post id, its quiz and the page the links go to; lines starting with # are comments.
# The build stops if that page no longer shows that post. Then either put the post back,
# or, if no email links to it there, delete its line here.
# `make publish-ids` adds every current post that is not listed yet.
"""


def page_url(src_uri: str) -> str:
    """A page's address from the site's root, as MkDocs makes it with directory URLs:
    "quizzes/basics.md" -> "quizzes/basics/", "index.md" -> "", "quizzes/trades/index.md" -> "quizzes/trades/"."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


# Page address -> quiz id -> the post ids that page shows of that quiz.
PagesShown = Mapping[str, Mapping[str, Collection[str]]]


def missing_posts(listed: Iterable[Listed], current: Iterable[str]) -> list[Listed]:
    """Listed ids that no quiz has any more."""
    known = set(current)
    return [item for item in listed if item.post_id not in known]


def moved_posts(listed: Iterable[Listed], current: Iterable[str], shown: PagesShown) -> list[Listed]:
    """Entries with a quiz and page whose page no longer shows that post of that quiz (the post
    is still in some quiz: missing_posts reports the others)."""
    known = set(current)
    return [item for item in listed if item.quiz_id is not None and item.post_id in known
            and item.post_id not in shown.get(item.page or "", {}).get(item.quiz_id, ())]


def moved_message(item: Listed, display_path: str, shown: PagesShown) -> str:
    post_id, page = _visible(item.post_id), _visible(item.page or "")
    now = sorted(f"/{address} ({quiz_id})" for address, quizzes in shown.items()
                 for quiz_id, posts in quizzes.items() if item.post_id in posts)
    where = f"; it is on {', '.join(now[:3])} now" if now else ""
    return (f"{display_path}:{item.line}: the post `{post_id}` was sent with links to /{page} (the quiz "
            f"`{_visible(item.quiz_id or '')}`), but that page no longer shows it there{where}. Put it back; or, "
            f"if no email links to it there, delete line {item.line} of {display_path} (`make publish-ids` "
            "lists its new page).")


def missing_message(item: Listed, display_path: str) -> str:
    post_id = _visible(item.post_id)  # as typed, with no control character reaching the terminal
    return (f"{display_path}:{item.line}: the post `{post_id}` is in no quiz any more, but sent emails may "
            f"link to it (#{post_anchor(post_id)}). Put the post back in its quiz file; or, if no email links to "
            f"it, delete line {item.line} of {display_path}.")


def missing_messages(missing: list[Listed], display_path: str, shown: PagesShown | None = None,
                     current: Collection[str] = ()) -> list[str]:
    """A message for each of the first MAX_PROBLEMS_SHOWN, then one line for the rest (`current`:
    the post ids in some quiz, which were moved rather than removed)."""
    messages = [_message(item, display_path, shown, current) for item in missing[:MAX_PROBLEMS_SHOWN]]
    if len(missing) > MAX_PROBLEMS_SHOWN:
        hidden = len(missing) - MAX_PROBLEMS_SHOWN
        messages.append(f"{display_path}:{missing[MAX_PROBLEMS_SHOWN].line}: and {hidden:,} more listed "
                        f"post{'s' if hidden != 1 else ''} in no quiz, not shown; fix these first, then build again")
    return messages


def _message(item: Listed, display_path: str, shown: PagesShown | None, current: Collection[str]) -> str:
    if item.malformed:
        return (f"{display_path}:{item.line}: write a post id alone, or `ID QUIZ PAGE` like "
                "`b-bakery-lemon-loaf basics quizzes/basics/`")
    if shown is not None and moved_posts([item], current, shown):
        return moved_message(item, display_path, shown)
    return missing_message(item, display_path)


def check(root: Path, catalogue: Catalogue, shown: PagesShown | None = None,
          quizzes_dir: str = QUIZ_FOLDER) -> list[str]:
    """What stops the build: every listed id that no quiz has any more, every entry whose page no
    longer shows its post (with `shown`, what each page shows), or a missing list.

    Nothing while a quiz file has problems: its posts are not loaded, but not gone either.
    """
    if catalogue.problems:
        return []
    path, display = root / quizzes_dir / FILE_NAME, f"{quizzes_dir}/{FILE_NAME}"
    if not path.is_file():
        return [f"{display} is missing: it lists the post ids that sent emails may link to. "
                "Run `make publish-ids` to create it."]
    listed, unreadable = read_published_file(path, display)
    if unreadable:
        return [unreadable]
    current = set(catalogue.post_ids)
    wrong = [item for item in listed if item.malformed or item.post_id not in current
             or (shown is not None and moved_posts([item], current, shown))]
    return missing_messages(wrong, display, shown, current)


Entry = str | tuple[str, str, str]  # a post id, or (post id, quiz id, page)


def _line(entry: Entry) -> str:
    return entry if isinstance(entry, str) else " ".join(entry)


def new_ids(listed: Iterable[Listed], current: Iterable[Entry]) -> list[Entry]:
    """Current entries that are not listed yet, in quiz order: an id alone, or an id with its quiz
    and page when neither that id alone nor the same (id, quiz, page) is listed."""
    listed = list(listed)
    ids = {item.post_id for item in listed if item.quiz_id is None}
    full = {(item.post_id, item.quiz_id, item.page) for item in listed if item.quiz_id is not None}
    known_ids = ids | {post_id for post_id, _, _ in full}
    return [entry for entry in dict.fromkeys(current)
            if (entry not in known_ids if isinstance(entry, str) else entry not in full and entry[0] not in ids)]


def update(path: Path, current: Iterable[Entry]) -> list[str]:
    """Adds the current entries that are not listed yet, and gives each id-only line whose post is
    in `current` its quiz and page (the first one, in quiz order); returns the lines added or filled in."""
    current = list(current)
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    first_place = {}
    for entry in current:
        if not isinstance(entry, str):
            first_place.setdefault(entry[0], entry)
    lines = text.splitlines(keepends=True)
    filled = []
    for item in read_published(text):
        if item.quiz_id is None and not item.malformed and item.post_id in first_place:
            entry = first_place[item.post_id]
            comment = lines[item.line - 1].split("#", 1)[1] if "#" in lines[item.line - 1] else ""
            lines[item.line - 1] = _line(entry) + (f"  #{comment.rstrip(chr(10))}" if comment else "") + "\n"
            filled.append(_line(entry))
    text = "".join(lines)
    added = [_line(entry) for entry in new_ids(read_published(text), current)]
    if added or filled or not path.exists():
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{line}\n" for line in added), encoding="utf-8")
    return filled + added


# What the pages' quiz blocks may sit in (code examples, admonitions), read without mkdocs.yml.
STANDALONE_EXTENSIONS = ["pymdownx.superfences", "admonition", "md_in_html", "pymdownx.blocks.admonition",
                         "pymdownx.blocks.details"]


def current_entries(root: Path, catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """Every (post, quiz, page) that answer links may be sent for, read from the project without
    MkDocs: each quiz file's posts that its page shows, and each trade quiz's email posts, on the
    page the build links to (a quiz's own page, quizzes/ID.md, else the first page showing it)."""
    from .page_blocks import check_pages
    from .trades import add_trade_quizzes, trade_pages

    trade_quizzes = add_trade_quizzes(catalogue)
    docs = root / "docs"
    sources = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
               for path in sorted(docs.rglob("*.md"))}
    sources.update(trade_pages(trade_quizzes.values()))
    checks = check_pages(list(sources.items()), catalogue, STANDALONE_EXTENSIONS)
    shown = {src_uri: check.posts_shown(catalogue) for src_uri, check in checks.items()}
    entries = []
    for quiz in catalogue.quizzes.values():
        pages = [src_uri for src_uri, quizzes in shown.items() if quiz.id in quizzes]
        if not pages:
            continue
        own = f"quizzes/{quiz.id}.md"
        page = own if own in pages else pages[0]
        wanted = quiz.email_posts if quiz.id in trade_quizzes else [post.id for post in quiz.posts]
        entries += [(post_id, quiz.id, page_url(page)) for post_id in wanted if post_id in shown[page][quiz.id]]
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sorting_quiz.published", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help=f"add current post ids to quizzes/{FILE_NAME}")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (holds quizzes/)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    catalogue = load_project(root)
    if catalogue.problems:
        print("Fix these problems with the quizzes first:", *(f"  {p}" for p in catalogue.problems), sep="\n",
              file=sys.stderr)
        return 1
    current = catalogue.post_ids
    entries = current_entries(root, catalogue)
    path = root / QUIZ_FOLDER / FILE_NAME
    display = f"{QUIZ_FOLDER}/{FILE_NAME}"
    listed, unreadable = read_published_file(path, display) if path.exists() else ([], None)
    if unreadable:
        print(unreadable, file=sys.stderr)
        return 1
    if args.update:
        added = update(path, entries)
        print(f"Added or filled in {len(added)} line{'s' if len(added) != 1 else ''} of {display}"
              + (": " + ", ".join(added[:5]) + (f" and {len(added) - 5:,} more" if len(added) > 5 else "")
                 if added else "; every post was listed already."))
        listed = read_published(path.read_text(encoding="utf-8"))
    missing = missing_posts(listed, current)
    for message in missing_messages(missing, display):
        print(message, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

"""Adds every current post id to quizzes/published-posts.txt (the ids sent emails may link to).

    make publish-ids
    python -m sorting_quiz.publish_ids [--update] [--root DIR]   (with hooks/ on PYTHONPATH)

The command reads the pages as the build does (page_blocks) to find the page each post is shown
on; the file's own rules are in published.py, which the build uses without reading pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import Catalogue, load_project
from .page_blocks import check_pages
from .published import FILE_NAME, missing_messages, missing_posts, page_url, read_published, read_published_file, update
from .trades import add_trade_quizzes, trade_pages


# What the pages' quiz blocks may sit in (code examples, admonitions), read without mkdocs.yml.
STANDALONE_EXTENSIONS = ["pymdownx.superfences", "admonition", "md_in_html", "pymdownx.blocks.admonition",
                         "pymdownx.blocks.details"]


def current_entries(root: Path, catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """Every (post, quiz, page) that answer links may be sent for, read from the project without
    MkDocs: each quiz file's posts that its page shows, and each trade quiz's email posts, on the
    page the build links to (a quiz's own page, quizzes/ID.md, else the first page showing it)."""
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
    parser = argparse.ArgumentParser(prog="python -m sorting_quiz.publish_ids", description=__doc__.split("\n\n")[0])
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
    path = root / "quizzes" / FILE_NAME
    display = f"quizzes/{FILE_NAME}"
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

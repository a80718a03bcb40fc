"""Post ids that sent emails may link to: quizzes/published-posts.txt.

An email's answer link ends in `#post-ID`. Once sent, it can be opened for years, so a post
whose id is in the list must stay in some quiz. The build warns for every listed id that no
quiz has any more (under `mkdocs build --strict` that stops the build): removing such a post
is then a deliberate act. New posts not yet listed are fine.

    make publish-ids        adds every current post id that is not listed yet
    python -m sorting_quiz.published [--update] [--root DIR]   (with hooks/ on PYTHONPATH)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .loader import MAX_PROBLEMS_SHOWN, Catalogue, _visible, load_project

FILE_NAME = "published-posts.txt"
HEADER = """\
# Post ids that sent emails may link to (https://…/quizzes/basics/?post=ID…#post-ID).
# One id a line; lines starting with # are comments.
# The build stops if a quiz no longer has a post listed here. Then either put the post back,
# or, if no email links to it, delete its line here.
# `make publish-ids` adds every current post id that is not listed yet.
"""


@dataclass(frozen=True)
class Listed:
    post_id: str
    line: int


def read_published(text: str) -> list[Listed]:
    """The ids in the file, with their line numbers; blank lines and `#` comments skipped."""
    listed = []
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.split("#", 1)[0].strip()
        if value:
            listed.append(Listed(value, number))
    return listed


def read_published_file(path: Path, display_path: str) -> tuple[list[Listed], str | None]:
    """The ids in the file, or a `file:line` message when it is not UTF-8 (then no ids)."""
    raw = path.read_bytes()
    try:
        return read_published(raw.decode("utf-8-sig")), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return [], (f"{display_path}:{line}: is not UTF-8 (byte 0x{raw[error.start]:02x}); save the file with "
                    "UTF-8 encoding")


def missing_posts(listed: Iterable[Listed], current: Iterable[str]) -> list[Listed]:
    """Listed ids that no quiz has any more."""
    known = set(current)
    return [item for item in listed if item.post_id not in known]


def missing_message(item: Listed, display_path: str) -> str:
    post_id = _visible(item.post_id)  # as typed, with no control character reaching the terminal
    return (f"{display_path}:{item.line}: the post `{post_id}` is in no quiz any more, but sent emails may "
            f"link to it (#post-{post_id}). Put the post back in its quiz file; or, if no email links to "
            f"it, delete line {item.line} of {display_path}.")


def missing_messages(missing: list[Listed], display_path: str) -> list[str]:
    """A message for each of the first MAX_PROBLEMS_SHOWN, then one line for the rest."""
    messages = [missing_message(item, display_path) for item in missing[:MAX_PROBLEMS_SHOWN]]
    if len(missing) > MAX_PROBLEMS_SHOWN:
        hidden = len(missing) - MAX_PROBLEMS_SHOWN
        messages.append(f"{display_path}:{missing[MAX_PROBLEMS_SHOWN].line}: and {hidden:,} more listed "
                        f"post{'s' if hidden != 1 else ''} in no quiz, not shown; fix these first, then build again")
    return messages


def check(root: Path, catalogue: Catalogue) -> list[str]:
    """What the build warns about: every listed id that no quiz has any more, or a missing list.

    Nothing while a quiz file has problems: its posts are not loaded, but not gone either.
    """
    if catalogue.problems:
        return []
    path, display = root / "quizzes" / FILE_NAME, f"quizzes/{FILE_NAME}"
    if not path.is_file():
        return [f"{display} is missing: it lists the post ids that sent emails may link to. "
                "Run `make publish-ids` to create it."]
    listed, unreadable = read_published_file(path, display)
    if unreadable:
        return [unreadable]
    return missing_messages(missing_posts(listed, catalogue.post_ids), display)


def new_ids(listed: Iterable[Listed], current: Iterable[str]) -> list[str]:
    """Current post ids that are not listed yet, in quiz order."""
    known = {item.post_id for item in listed}
    return [post_id for post_id in dict.fromkeys(current) if post_id not in known]


def update(path: Path, current: Iterable[str]) -> list[str]:
    """Appends the current ids that are not listed yet; returns them."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    added = new_ids(read_published(text), current)
    if added or not path.exists():
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{post_id}\n" for post_id in added), encoding="utf-8")
    return added


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
    path = root / "quizzes" / FILE_NAME
    display = f"quizzes/{FILE_NAME}"
    listed, unreadable = read_published_file(path, display) if path.exists() else ([], None)
    if unreadable:
        print(unreadable, file=sys.stderr)
        return 1
    if args.update:
        added = update(path, current)
        print(f"Added {len(added)} post id{'s' if len(added) != 1 else ''} to {display}"
              + (": " + ", ".join(added) if added else "; every post was listed already."))
        listed = read_published(path.read_text(encoding="utf-8"))
    missing = missing_posts(listed, current)
    for message in missing_messages(missing, display):
        print(message, file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

"""The list of published post ids, quizzes/published-posts.txt, as read (see published.py for
what it means and how the build checks it). Here, apart from the checks, so that the Markdown
extension's staff page can mark published posts without importing the page reader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FILE_NAME = "published-posts.txt"


@dataclass(frozen=True)
class Listed:
    post_id: str
    line: int
    quiz_id: str | None = None  # the quiz whose page the sent links go to (None: an id-only line)
    page: str | None = None  # that page, from the site's root: "quizzes/basics/"
    malformed: bool = False  # not one of the two forms (then only its line is reported)


def read_published(text: str) -> list[Listed]:
    """The entries in the file, with their line numbers; blank lines and `#` comments skipped."""
    listed = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if len(fields) == 1:
            listed.append(Listed(fields[0], number))
        elif len(fields) == 3:
            listed.append(Listed(fields[0], number, fields[1], fields[2]))
        elif fields:
            listed.append(Listed(fields[0], number, malformed=True))
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

"""A problem found in a file, as an author reads it: `FILE:LINE: where: what to do`.

Imports nothing of the package, so every part of it can report problems the same way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_PROBLEMS_SHOWN = 20  # per file; then "and N more"
# Scripts whose letters can look exactly like Latin ones in a message.
LOOK_ALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "FULLWIDTH LATIN", "MATHEMATICAL")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        # Whatever a message quotes, no control or bidi character reaches the terminal raw.
        return escaped(f"{self.path}:{self.line}: {self.where}: {self.message}")


def visible(text: str) -> str:
    """Text for a message: invisible, control and look-alike characters shown as \\uXXXX, long text cut."""
    shown = escaped(text)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def escaped(text: str) -> str:
    """Text as a message shows it: control, invisible and bidi characters, and letters that look
    like Latin ones (Cyrillic а, Greek ο), written as \\uXXXX, so the message reads as the file is."""
    return "".join(f"\\u{ord(char):04x}" if _hidden_or_look_alike(char) else char for char in text)


def _hidden_or_look_alike(char: str) -> bool:
    if char == "\n" or (" " <= char <= "~"):
        return False
    if not char.isprintable() or unicodedata.category(char) in ("Cf", "Zl", "Zp"):
        return True
    return unicodedata.name(char, "").startswith(LOOK_ALIKE_SCRIPTS)


def character_name(char: str) -> str:
    return unicodedata.name(char, "a control character").lower()


def and_more_lines(lines: list[int]) -> str:
    """" (also on lines 12 and 13)": the other lines a message is about, when there are any."""
    others = sorted(set(lines[1:]) - {lines[0]})
    if not others:
        return ""
    named = [f"{line:,}" for line in others[:5]] + ([f"{len(others) - 5:,} more"] if len(others) > 5 else [])
    listing = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f" (also on line{'s' if len(others) > 1 else ''} {listing})"


def first_problems(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_SHOWN of a file's problems, then one line saying how many more."""
    if len(problems) <= MAX_PROBLEMS_SHOWN:
        return problems
    ordered = sorted(problems)
    hidden = len(ordered) - MAX_PROBLEMS_SHOWN
    return [*ordered[:MAX_PROBLEMS_SHOWN],
            Problem(ordered[0].path, ordered[-1].line, "file",
                    f"and {hidden:,} more problem{'s' if hidden != 1 else ''} in this file, not shown; fix these "
                    "first, then build again")]

"""Reads a YAML file into its node tree (which keeps every value's line), naming each problem of
the file itself on its line: size, encoding, invisible characters, anchors and aliases, and YAML
syntax, with what to do. A syntax mistake inside one post sets that post aside, so the rest of
the file is still read and checked."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.nodes import Node

from .problems import MAX_PROBLEMS_SHOWN, and_more_lines, character_name
from .validation import MAX_POSTS, Source

MAX_FILE_BYTES = 1_000_000
# What YAML refuses in a file (its reader's own set): C0 and C1 controls other than tab and
# line breaks, surrogates, U+FFFE and U+FFFF.
NOT_ALLOWED_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Refused anywhere in a file, as typed: what YAML refuses, and what it reads but shows or counts
# differently from an editor (NEL and the line separators start a new line for YAML only).
REFUSED_IN_FILES = re.compile(f"{NOT_ALLOWED_IN_YAML.pattern}|[\x85\u061c\u200e\u200f\u2028\u2029"
                              "\u202a-\u202e\u2066-\u2069]")
# Where an anchor or alias might start: `&` or `*` and a letter, digit, `-` or `_` (all a name may
# have), at the start of the text or after white space, `[`, `{`, `,`, `:` or `?` (where YAML starts
# a token; libyaml reads `[?*a]` as a key that is an alias). Text without one has none, and is not
# parsed a second time to look (`**bold**` is not one).
POSSIBLE_ANCHOR = re.compile(r"[&*](?<![^\s\[{,:?][&*])[0-9A-Za-z_-]")
# libyaml's loader is several times faster and keeps line numbers just the same.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MISPLACED_KEY = "is indented differently from the lines around it; line it up with the other fields at its level"


def _yaml_hint(error: yaml.MarkedYAMLError, source: str) -> str:
    problem = f"{error.problem or ''} {error.context or ''}"
    mark = error.problem_mark
    if mark is not None:
        lines = source.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "use spaces to indent, not tabs"
    if "\t" in problem or "'\\t'" in problem or "tab character" in problem:
        return "use spaces to indent, not tabs"
    if "mapping values are not allowed" in problem and mark is not None:
        lines = source.splitlines()
        before_colon = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if ": " not in before_colon and not before_colon.lstrip().startswith("- "):
            # A `key:` alone on its line: the key is misplaced, not a colon in some text.
            return f"`{before_colon.strip()}:` {MISPLACED_KEY}"
        return "text with a colon in it (like `Note: ...`) must go in quotes, or after `>-` on its own lines"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "each line needs `key: value`; check the indentation and quotes of this line and the one above"
    if "found undefined alias" in problem or "found character" in problem:
        return "text starting with * & ! % @ or ` must go in quotes"
    return "check the indentation and that quotes are closed"


def read_yaml(path: Path, source: Source) -> tuple[Node | None, bool, list[str]]:
    """The file's YAML node tree, whether it could be read (problems go to `source`), and the ids
    of the posts set aside (see below)."""
    skipped_ids: list[str] = []
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            source.report(-1, 1, "file", f"is {size:,} bytes; a quiz file takes at most {MAX_FILE_BYTES:,} "
                           f"(about {MAX_POSTS} posts): split it into several quizzes")
            return None, False, skipped_ids
        raw = path.read_bytes()
    except OSError as error:
        source.report(-1, 1, "file", f"cannot be read ({error.strerror or error}); check that it is a file you "
                       "can open")
        return None, False, skipped_ids
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        source.report(-1, line, "file", f"is not UTF-8 (byte 0x{raw[error.start]:02x}); "
                       "save the file with UTF-8 encoding")
        return None, False, skipped_ids
    text = text.removeprefix("\ufeff")
    source.lines = re.split(r"\r\n|\r|\n", text)  # an editor's lines (not str.splitlines' longer list)
    if _report_characters_yaml_refuses(text, source):
        return None, False, skipped_ids
    try:
        if ("<<" in text or POSSIBLE_ANCHOR.search(text)) and _report_anchors_and_merges(text, source):
            return None, False, skipped_ids
    except yaml.MarkedYAMLError:
        pass  # reported below, where the rest of the file is read around it
    # A YAML mistake inside one post: report it, set that post aside and read the rest, so every
    # other problem in the file is listed too (a mistake outside the posts stops the reading).
    lines = text.splitlines()
    for _ in range(MAX_PROBLEMS_SHOWN):
        try:
            return yaml.compose("\n".join(lines) + "\n", Loader=SAFE_LOADER), True, skipped_ids
        except yaml.MarkedYAMLError as error:
            chunk = _post_around(lines, _report_yaml_error(error, text, source) - 1)
            if source.found[-1] in source.found[:-1]:
                source.found.pop()  # the same mistake, met again: setting its post aside did not help
            if chunk is None or chunk[0] + 1 in source.skipped:
                return None, False, skipped_ids
            start, end = chunk
            match = re.match(r"(\s*)-\s+id:\s*([\w-]+)", lines[start])
            if match:
                skipped_ids.append(match.group(2))  # not "missing" where email_posts names it
            indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
            lines[start:end] = [f"{indent}- ~"] + [""] * (end - start - 1)
            source.skipped.add(start + 1)
    return None, False, skipped_ids


def _report_yaml_error(error: yaml.MarkedYAMLError, text: str, into: Source) -> int:
    """Reports the error with what to do; returns the line reported."""
    if "quoted scalar" in (error.context or "") and error.context_mark is not None \
            and "end of stream" in (error.problem or ""):
        # Where the quote opens, not the end of the file where YAML gave up looking for its end.
        mark = error.context_mark
        quote = into.lines[mark.line][mark.column] if mark.line < len(into.lines) else '"'
        into.report(-1, mark.line + 1, "YAML", f"the quote {quote} opened here is never closed; end the text "
                       f"with {quote}")
        return mark.line + 1
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    what = (error.problem or "the YAML cannot be read").strip()
    hint = _yaml_hint(error, text)
    # A key out of line: what to do says it all ("mapping values are not allowed" only puzzles).
    into.report(-1, line, "YAML", hint if hint.endswith(MISPLACED_KEY) else f"{what}; {hint}")
    return line


def _post_around(lines: list[str], line: int) -> tuple[int, int] | None:
    """The lines [start, end) of the post in the top-level `posts:` list that holds `line`, if any."""
    top = next((number for number, text in enumerate(lines) if re.match(r"posts\s*:\s*(#.*)?$", text)), None)
    if top is None or line <= top:
        return None
    starts, indent = [], None
    for number in range(top + 1, len(lines)):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if not text[0].isspace() and not text.startswith("-"):
            break  # the next top-level field: the posts end here
        item = re.match(r"(\s*)- ", text)
        if item and (indent is None or len(item.group(1)) == indent):
            indent = len(item.group(1))
            starts.append(number)
        end = number + 1
    else:
        end = len(lines)
    for first, after in zip(starts, [*starts[1:], end]):
        if first <= line < after:
            return first, after
    return None


def _report_characters_yaml_refuses(text: str, into: Source) -> bool:
    """Control characters (often pasted in with text) at their line and column, named; True if any."""
    found = False
    for match in REFUSED_IN_FILES.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        char = match.group()
        if NOT_ALLOWED_IN_YAML.match(char):
            into.report(-1, line, "file", f"column {column}: the invisible character U+{ord(char):04X} is not "
                           "allowed in YAML; delete it (it can come in with text pasted from another program)")
        else:
            into.report(-1, line, "file", f"column {column}: the character \\u{ord(char):04x} "
                           f"({character_name(char)}) is not allowed: it is invisible, or changes how the text "
                           "around it shows (and which line this is); delete it")
        found = True
        if len(into.found) > MAX_PROBLEMS_SHOWN:
            break
    return found


def _report_anchors_and_merges(text: str, into: Source) -> bool:
    """One message for anchors (`&name`), aliases (`*name`) or merge keys (`<<`); True if any.

    Refused, not followed: a few aliases can stand for millions of posts (an "alias bomb"),
    and every post written out is what an editor and a reviewer expect to read."""
    merges, anchors = [], []
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
            merges.append(line)
        elif isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            anchors.append(line)
    if merges:
        into.report(-1, merges[0], "YAML", "merge keys (`<<`) are not supported; write the fields out"
                       + and_more_lines(merges))
    elif anchors:
        into.report(-1, anchors[0], "YAML", "anchors (`&name`) and aliases (`*name`) are not supported in quiz "
                       "files; write each post out in full" + and_more_lines(anchors))
    return bool(merges or anchors)



"""MkDocs hook: Material's colour style sheet goes out with the colours this site uses, not all 21.

Material's palette file (assets/stylesheets/palette.*.min.css) holds a rule set for every primary and
accent colour a site might choose; this site shows only those in `theme.palette` (indigo), so the
other colours' rules are dead weight on every page: 1.3 KB of a quiz page's 87 KB gzipped (issue 16's
page weight target). The rules for the light and dark schemes and for the colours in use are kept
exactly as Material wrote them; changing the colours in mkdocs.yml keeps the new ones.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

PALETTE_FILE = re.compile(r"^assets/stylesheets/palette\.[0-9a-f]+\.min\.css$")
COLOUR_IN_SELECTOR = re.compile(r"data-md-color-(?:primary|accent)=([\w-]+)")


def colours_in_use(palette: object) -> set[str]:
    """The primary and accent colours of `theme.palette` (one scheme, or a list of toggles)."""
    schemes = palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []
    return {str(scheme[key]).lower().replace(" ", "-")
            for scheme in schemes if isinstance(scheme, dict) for key in ("primary", "accent") if key in scheme}


def _blocks(css: str) -> list[tuple[str, str]]:
    """(prelude, body) of each top-level block: `a,b{...}` or `@media x{...}`."""
    blocks, depth, start, open_at = [], 0, 0, 0
    for at, char in enumerate(css):
        if char == "{":
            if depth == 0:
                open_at = at
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise ValueError(f"an unopened }} at character {at}")
            if depth == 0:
                blocks.append((css[start:open_at], css[open_at + 1:at]))
                start = at + 1
    if depth or css[start:].strip():
        raise ValueError("an unclosed { or text after the last rule")
    return blocks


def keep_colours(css: str, keep: set[str]) -> str:
    """`css` without the selectors for colours not in `keep` (and the rules left with none)."""
    out = []
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            inner = keep_colours(body, keep) if prelude.startswith(("@media", "@supports")) else body
            if inner:
                out.append(f"{prelude}{{{inner}}}")
            continue
        selectors = [selector for selector in prelude.split(",")
                     if set(COLOUR_IN_SELECTOR.findall(selector)) <= keep]
        if selectors:
            out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    keep = colours_in_use(config.theme.get("palette"))
    if not keep:  # no palette, or only custom colours: nothing to leave out safely
        return files
    for file in files.media_files():
        if PALETTE_FILE.match(PurePosixPath(file.src_uri).as_posix()):
            try:
                file.content_string = keep_colours(file.content_string, keep)
            except ValueError as error:
                raise PluginError(f"{file.src_uri} (Material's colours) could not be read: {error}. "
                                  "Take hooks/palette_hook.py out of mkdocs.yml's hooks to serve it whole.") from error
    return files

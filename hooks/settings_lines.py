"""Which line of mkdocs.yml (or the file it INHERITs) sets a setting, for messages about settings.

MkDocs hands hooks the settings as plain values, without lines; a message that names the line
saves the reader a search. Only the YAML is composed (never constructed), so MkDocs' own tags
(!ENV, !relative) need nothing here.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node


def setting_line(config_file: str | Path, dotted: str) -> tuple[str, int] | None:
    """(file, line) of the deepest part of `dotted` ("extra.agency.url") that the file, or the
    file it INHERITs, sets; None when neither sets any of it."""
    path = Path(config_file)
    for _ in range(5):  # an INHERIT chain; MkDocs allows one level, a loop would be a mistake
        root = _compose(path)
        if root is None:
            return None
        node, found = root, None
        for key in dotted.split("."):
            value = _value(node, key)
            if value is None:
                break
            node, found = value, value
        if found is not None:
            return path.name, found.start_mark.line + 1
        inherit = _value(root, "INHERIT")
        if inherit is None or not isinstance(inherit.value, str):
            return None
        path = path.parent / inherit.value
    return None


def _compose(path: Path) -> Node | None:
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


def _value(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if getattr(key_node, "value", None) == key:
            return value_node
    return None

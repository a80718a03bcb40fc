"""Checks a YAML file against its JSON Schema (schemas/), and says what is wrong in plain words.

The schemas are the only statement of each file's fields, types, allowed values and limits.
`Source` turns a file's YAML nodes into plain data for `jsonschema`, remembering each value's node,
so every error is reported on the line of the real mistake; `Source.check` maps each error to a
message (a keyword's `x-messages` in the schema, else the plain words here), all at once.
The allowed ids (`x-ids-from`) come from where they are defined: model.py, and the hard cases and
trades files, read first; each schema is compiled once for each set of ids (once a build).

Most files are valid, so each is first checked by the same schema compiled to Python by
`fastjsonschema`, which only says yes or no, in a fraction of the time; only a file it refuses (or
whose Markdown breaks a rule) goes through `jsonschema`, whose errors carry what the messages need.
The compiled check may refuse more than `jsonschema` (it reads `$` in a pattern as the very end),
never less: a refusal only costs the slower check (tests/unit/test_quiz_schema_quick_check.py holds it to that).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
from yaml.nodes import MappingNode, Node, ScalarNode

from . import safe_markdown
from .model import ANSWERS, KINDS, PLATFORMS
from .problems import Problem, and_more_lines, character_name, visible

if TYPE_CHECKING:  # jsonschema is imported when a file has a problem to explain (it takes a while to import)
    from jsonschema import ValidationError

SCHEMA_FOLDER = Path(__file__).with_name("schemas")
FORMATS = ("quiz", "hard-cases", "trades")
STR_TAG, BOOL_TAG, NULL_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Refused in any text from a file, even when YAML reads it (as a `\` escape in quotes, or pasted):
# control characters but tab and line break, bidi controls (which reorder what is shown), line and
# paragraph separators (editors and messages disagree on their line), and the Markdown's own stash
# markers (STX, ETX), which would pull other HTML of the page into the text.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                        "\u2066-\u2069\ufeff\ufff9-\ufffb]")
# When one value breaks several keywords, the message of the first of these is the one shown.
FIRST_SAID = ("type", "minLength", "maxLength", "pattern", "enum", "minItems", "maxItems", "uniqueItems", "anyOf")
# Keywords that decide nothing for the compiled yes-or-no check (words for people, and the Markdown,
# which Source.check reads itself), left out of it: less code to compile.
NOT_DECIDING = ("title", "description", "$comment", "$schema", "$id", "contentMediaType")


@cache
def source_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))


MAX_POSTS = source_schema("quiz")["properties"]["posts"]["maxItems"]


class NotText:
    """A YAML value that is neither text, number, true/false nor empty (a date, a `!tag`): it
    matches no JSON type, so the schema refuses it wherever it stands, and the message says why."""

    def __init__(self, node: ScalarNode) -> None:
        self.node = node


def filled(schema: Any, ids: Mapping[str, Iterable[str]], for_editors: bool = False) -> Any:
    """A copy of `schema` with each `x-ids-from` list written out as an `enum`. For editors, the
    rules across fields (`x-rules`, which the build checks in code) become the schema's `allOf`."""
    if isinstance(schema, list):
        return [filled(item, ids, for_editors) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copied = {}
    for key, value in schema.items():
        if key == "x-rules" and for_editors:
            copied["allOf"] = filled(value, ids, for_editors)
        elif not (key == "x-rules" or for_editors and key.startswith("x-")):  # editors need none of ours
            copied[key] = filled(value, ids, for_editors)
    if "x-ids-from" in schema:
        copied["enum"] = list(ids[schema["x-ids-from"]])
    return copied


def model_ids(hard_cases: Iterable[str] = (), trades: Iterable[str] = ()) -> dict[str, tuple[str, ...]]:
    return {"platforms": tuple(PLATFORMS), "kinds": tuple(KINDS), "answers": ANSWERS,
            "hard cases": tuple(hard_cases), "trades": tuple(trades)}


def _markdown(validator: Any, media_type: str, instance: Any, schema: dict) -> Iterator[ValidationError]:
    """`contentMediaType: text/markdown`: only the little Markdown that safe_markdown allows."""
    from jsonschema import ValidationError

    if media_type == "text/markdown" and isinstance(instance, str):
        for words, fix in safe_markdown.problems_in(instance):
            yield ValidationError(fix, instance=words)


def _explaining_validator(schema: dict[str, Any]) -> Any:
    """A `jsonschema` validator of `schema`, with the Markdown rule: it finds every error."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"contentMediaType": _markdown})(schema)


def _deciding(schema: Any) -> Any:
    """`schema` as the compiled check reads it: only what decides validity."""
    if isinstance(schema, list):
        return [_deciding(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {key: {name: _deciding(field) for name, field in value.items()} if key == "properties" else _deciding(value)
            for key, value in schema.items() if key not in NOT_DECIDING and not key.startswith("x-")}


class Compiled:
    """One format's schema, compiled: a quick yes or no, and (made when first needed) the full check."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.passes: Callable[[Any], Any] = fastjsonschema.compile(_deciding(schema), detailed_exceptions=False)
        self.markdown_at = frozenset(_markdown_fields(schema))  # paths, with None for any item of a list

    def valid(self, data: Any) -> bool:
        """Whether `data` breaks nothing in the schema (its Markdown aside: see Source.check)."""
        try:
            self.passes(data)
        except Exception:  # noqa: BLE001 - a refusal, or data it cannot read: either way the full check says why
            return False
        return True

    @cached_property
    def validator(self) -> Any:
        """The `jsonschema` validator, whose errors say what is wrong and where."""
        return _explaining_validator(self.schema)


@lru_cache(maxsize=4)
def compiled(name: str, hard_cases: tuple[str, ...] = (), trades: tuple[str, ...] = ()) -> Compiled:
    """The validator of one format, its ids filled in: made once for each set of ids."""
    ids = model_ids(hard_cases, trades)
    schemas = {each: filled(source_schema(each), ids) for each in FORMATS}
    return Compiled(inlined(schemas[name], schemas, name))


def _markdown_fields(schema: dict[str, Any], at: tuple = ()) -> Iterator[tuple]:
    """Where a schema (inlined) takes Markdown, as paths with None for any item of a list."""
    if schema.get("contentMediaType") == "text/markdown":
        yield at
    for key, field in schema.get("properties", {}).items():
        yield from _markdown_fields(field, (*at, key))
    if isinstance(schema.get("items"), dict):
        yield from _markdown_fields(schema["items"], (*at, None))


def inlined(schema: Any, schemas: Mapping[str, Any], base: str) -> Any:
    """`schema` with each `$ref` replaced by what it points at (the schemas have no loops): half the
    time of looking each one up while validating, and each error's `schema` has the keywords of both."""
    if isinstance(schema, list):
        return [inlined(item, schemas, base) for item in schema]
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    if "$ref" in schema:
        document, _, pointer = schema["$ref"].partition("#")
        base = document.removesuffix(".schema.json") or base
        target = schemas[base]
        for part in filter(None, pointer.split("/")):
            target = target[part]
        result = inlined(target, schemas, base)
    for key, value in schema.items():
        if key not in ("$ref", "$defs"):
            result[key] = {**result.get(key, {}), **value} if key == "x-messages" else inlined(value, schemas, base)
    return result


def editor_schema(hard_cases: Iterable[str], trades: Iterable[str]) -> str:
    """quizzes/quiz.schema.json: the quiz schema with every list of ids written out, for editors."""
    schema = filled(source_schema("quiz"), model_ids(hard_cases, trades), for_editors=True)
    schema["$comment"] = ("Written by `make schema` from hooks/sorting_quiz/schemas/quiz.schema.json, with the ids of "
                          "includes/hard-cases.yml, includes/trades.yml and model.py; do not edit.")
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


class Source:
    """One YAML file as data for its schema, with the node of every value and the problems found.

    `labels` names the items of a list for messages, by the list's field: {"posts": "post {n}{id}"}
    gives "post 3 (bakery-lemon-loaf)"; a field in `numbered` adds the number to its own name
    ("choices 2"); other lists' items take their list's name ("email_posts")."""

    def __init__(self, path: str, lines: list[str], root: str, labels: Mapping[str | None, str],
                 numbered: Iterable[str] = ()) -> None:
        self.path, self.lines, self.root, self.labels, self.numbered = path, lines, root, labels, set(numbered)
        self.nodes: dict[tuple, Node] = {}  # path in the data -> the value's node
        self.keys: dict[tuple, Node] = {}  # path -> the node of its key
        self.order: dict[tuple, float] = {}  # path -> its place in the file, for the order of the messages
        self.ends: dict[tuple, float] = {}  # path -> the place after everything in it
        self.found: list[tuple[float, Problem]] = []
        self.reported: set[tuple] = set()  # paths with a problem said already (nothing more is said inside)
        self.skipped: set[int] = set()  # first lines of list items YAML could not read (reported, set aside)
        self.markdown: dict[tuple, str] = {}  # path -> a value in Markdown (contentMediaType: text/markdown)

    @property
    def problems(self) -> list[Problem]:
        return [problem for _, problem in sorted(self.found, key=lambda item: item[0])]

    def report(self, order: float, line: Node | int, where: str, message: str) -> None:
        line = line if isinstance(line, int) else line.start_mark.line + 1
        self.found.append((order, Problem(self.path, line, where, message)))

    def bad(self, path: tuple) -> bool:
        """Whether a problem was found at `path` or inside it, or in what holds it."""
        return any(found[:len(path)] == path or path[:len(found)] == found for found in self.reported)

    # --- from YAML nodes to data ---------------------------------------------------------------

    def data(self, node: Node, path: tuple = ()) -> Any:
        self.nodes[path] = node
        self.order[path] = len(self.order)
        if isinstance(node, MappingNode):
            value: Any = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                # A list or mapping as a key cannot be a field: a name the schema refuses, kept to say so.
                key = str(key_node.value) if isinstance(key_node, ScalarNode) else f"\0{len(self.order)}"
                if key in first_line:
                    self.report(len(self.order), key_node, self.where(path), f"`{key}` is given twice (first on "
                                f"line {first_line[key]}); keep one")
                    continue
                first_line[key] = key_node.start_mark.line + 1
                self.keys[(*path, key)] = key_node
                value[key] = self.data(value_node, (*path, key))
        elif isinstance(node, ScalarNode):
            value = self._scalar(node, path)
        else:
            value = [self.data(item, (*path, number)) for number, item in enumerate(node.value)]
        self.ends[path] = len(self.order)
        return value

    def _scalar(self, node: ScalarNode, path: tuple) -> Any:
        if node.tag == NULL_TAG:
            return None
        if node.tag == BOOL_TAG and node.value.lower() in ("true", "false"):
            return node.value.lower() == "true"
        if node.tag not in (STR_TAG, BOOL_TAG, *NUMBER_TAGS):  # yes, no, on, off are text, not true or false
            return NotText(node)
        value = unicodedata.normalize("NFC", str(node.value).strip())  # as typed in any editor
        hidden = UNSHOWABLE.search(value)
        if hidden:
            char = hidden.group()
            line, column = self._position_of(node, value, hidden.start())
            self.report(self.order[path], line, self.where(path), f"{column}the character \\u{ord(char):04x} "
                        f"({character_name(char)}) is not allowed in text: it is invisible, or changes how the text "
                        "around it shows; delete it (it can come in with pasted text, or from a \\ escape in quotes)")
            self.reported.add(path)
        return value

    def _position_of(self, node: Node, value: str, at: int) -> tuple[int, str]:
        """The line of a character of a value, and "column N: " when the file has it as typed
        (not as a `\\` escape in quotes, which has no column of its own)."""
        char = value[at]
        first, last = node.start_mark.line, node.end_mark.line
        for number in range(first, min(last + 1, len(self.lines))):
            column = self.lines[number].find(char, node.start_mark.column if number == first else 0)
            if column >= 0:
                return number + 1, f"column {column + 1}: "
        return first + 1, f"character {at + 1} of the text: "

    def line_of(self, path: tuple, words: str = "") -> int:
        """The line of a value, or of `words` inside a value that spans several lines (folded with `>-`)."""
        node = self.nodes[path]
        first, last = node.start_mark.line, node.end_mark.line
        for number in range(first, min(last + 1, len(self.lines))) if words else ():
            if words.split("\n")[0][:40] in self.lines[number]:
                return number + 1
        return first + 1

    def written_at(self, node: Node) -> str:
        """The file's text where a node starts (a `!tag`, a quote), when the lines are known."""
        mark = node.start_mark
        return self.lines[mark.line][mark.column:] if mark.line < len(self.lines) else ""

    def where(self, path: tuple) -> str:
        """`post 3 (bakery-lemon-loaf), original, account`: where a value is, as a message says it."""
        parts: list[str] = []
        for size, key in enumerate(path):
            if isinstance(key, str):
                parts.append(key)
                continue
            parent = path[size - 1] if size else None
            if parent in self.labels:
                node = self.nodes.get(path[:size + 1])
                post_id = next((value for name, value in node.value if isinstance(name, ScalarNode) and name.value == "id"),
                               None) if isinstance(node, MappingNode) else None
                shown = f" ({post_id.value})" if isinstance(post_id, ScalarNode) and post_id.value else ""
                parts[-1:] = [self.labels[parent].format(n=key + 1, id=shown)]
            elif parent in self.numbered:
                parts[-1] += f" {key + 1}"
        return ", ".join(parts) or self.root

    # --- from schema errors to messages --------------------------------------------------------

    def check(self, schema: Compiled, data: Any, id_sources: Mapping[str, tuple[str, bool]]) -> None:
        """Validates `data`, reporting each error in plain words (`id_sources`: for each list of ids
        from a file, the file as messages name it and whether it has problems of its own). Data that
        the quick check passes, with Markdown that breaks no rule, has nothing to report."""
        names = {at[-1] for at in schema.markdown_at if at}
        self.markdown = {path: self._value(data, path) for path in self.nodes if path and path[-1] in names
                         and tuple(None if isinstance(key, int) else key for key in path) in schema.markdown_at
                         and isinstance(self._value(data, path), str)}
        if schema.valid(data) and not any(safe_markdown.problems_in(text) for text in self.markdown.values()):
            return  # nothing to say: the full check would find no error
        errors = sorted(schema.validator.iter_errors(data), key=lambda error: (
            FIRST_SAID.index(error.validator) if error.validator in FIRST_SAID else len(FIRST_SAID)))
        said: set[tuple[tuple, str]] = set()
        grouped: dict[str, list[tuple[tuple, ValidationError]]] = {}
        for error in errors:
            path = tuple(error.absolute_path)
            if any(path[:size] in self.reported for size in range(len(path) + 1)):
                continue  # said already, or inside what is
            if error.validator == "enum" and "new" in error.schema.get("x-messages", {}) and \
                    error.schema["enum"]:
                grouped.setdefault(error.instance, []).append((path, error))
                self.reported.add(path)
                continue
            for mark, order, line, message in self._explain(path, error, id_sources):
                if message and (mark, message) not in said:
                    said.add((mark, message))
                    self.report(order, line, self.where(path), message)
                self.reported.add(mark)
        for value, places in grouped.items():
            path, error = places[0]
            lines = [self.line_of(place) for place, _ in places]
            self.report(self.ends[path[:1]] + 0.9, lines[0], self.where(path),
                        self._enum_message(path, error, id_sources, and_more_lines(lines)))

    @staticmethod
    def _value(data: Any, path: tuple) -> Any:
        for key in path:
            data = data[key]
        return data

    def _explain(self, path: tuple, error: ValidationError, id_sources: Mapping[str, tuple[str, bool]]
                 ) -> Iterator[tuple[tuple, float, int, str]]:
        """(what the message is about, its place, its line, the message) for one schema error."""
        keyword, schema, instance = error.validator, error.schema, error.instance
        said = schema.get("x-messages", {})
        node, order = self.nodes[path], self.order[path]
        field = next((key for key in reversed(path) if isinstance(key, str)), "")
        value = visible(str(node.value)) if isinstance(node, ScalarNode) else ""
        if keyword == "required":
            for key in error.validator_value:
                if key not in instance:
                    yield (*path, key), self.ends[path] + 0.5, self.line_of(path), \
                        f"`{key}` is missing; add `{key}:` to it"
        elif keyword == "additionalProperties":
            fields = ", ".join(schema.get("properties", {}))
            for key in instance:
                if key not in schema.get("properties", {}):
                    key_node = self.keys[(*path, key)]
                    if not isinstance(key_node, ScalarNode):
                        message = f"a list or a set of fields cannot be a field name; write `name: value` lines ({fields})"
                    else:
                        close = difflib.get_close_matches(key, schema.get("properties", {}), n=1)
                        hint = f"did you mean `{close[0]}`? " if close else ""
                        message = f"unknown field `{visible(key)}`; {hint}allowed: {fields}"
                    yield (*path, key), self.order[(*path, key)], key_node.start_mark.line + 1, message
        elif keyword == "contentMediaType":
            yield (*path, "\0markdown"), order, self.line_of(path, instance), f"`{visible(instance)}` is not allowed: " \
                f"{error.message}"
        elif keyword == "enum":
            yield path, order, self.line_of(path), self._enum_message(path, error, id_sources)
        elif keyword == "uniqueItems":
            first: dict[str, int] = {}
            for number, item in enumerate(map(repr, instance)):
                if item in first:
                    yield (*path, number), self.order[(*path, number)], self.line_of((*path, number)), \
                        said[keyword].format(value=visible(str(instance[number])), first=self.line_of((*path, first[item])))
                first.setdefault(item, number)
        elif keyword == "anyOf":
            yield (*path, "\0anyOf"), order, self.line_of(path), said["anyOf"]
        elif keyword == "type":
            yield path, order, self.line_of(path), self._type_message(node, instance, schema, field)
        else:
            template = said.get(keyword, {
                "minLength": "is empty; write some text after the colon",
                "maxLength": "is {length:,} characters long; `{field}` takes at most {limit:,}, so a post reads well "
                             "on a phone: shorten it"}.get(keyword, "{error}"))
            named = {key.removeprefix("x-"): item for key, item in schema.items() if isinstance(item, (str, int))}
            refused = [char for char in sorted(set(str(instance))) if keyword == "pattern"
                       and not re.search(error.validator_value, char)]
            yield path, order, self.line_of(path), template.format(
                **named, value=value, field=field, limit=error.validator_value, error=error.message,
                length=len(instance) if isinstance(instance, (str, list)) else 0,
                count=len(instance) if isinstance(instance, list) else 0,
                refused=" ".join(f"`{char}`" for char in refused))

    def _type_message(self, node: Node, instance: Any, schema: dict, field: str) -> str:
        expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        said = schema.get("x-messages", {})
        if instance is None and "null" in said:
            return said["null"]
        if "type" in said:
            return said["type"]
        if "object" in expected:
            return f"must be a set of `key: value` lines ({', '.join(schema.get('properties', {}))})"
        scalar = node.value if isinstance(node, ScalarNode) else None
        if "string" in expected:
            if instance is None:
                return "is empty; write some text after the colon"
            if scalar is None:
                return "must be text, not a list or a set of fields"
            tagged = self.written_at(node).startswith("!")
            if node.tag == TIMESTAMP_TAG and not self.written_at(node).startswith(("!", "'", '"')):
                return f"`{scalar}` reads as a date in YAML; put it in quotes, like {field}: \"{scalar}\""
            return "must be plain text; remove the `!` tag" if tagged else \
                f"`{visible(str(scalar))}` is not read as text; put it in quotes"
        if node.tag == BOOL_TAG and isinstance(node, ScalarNode):
            return f"`{scalar}` is not allowed; write true or false (tools disagree on what yes, no, on and off mean)"
        if isinstance(node, ScalarNode) and node.style in ("'", '"'):
            return f"{node.style}{scalar}{node.style} in quotes is text; write true or false without quotes"
        return f"`{scalar if scalar is not None else 'a list'}` is not allowed; use true or false, without quotes"

    def _enum_message(self, path: tuple, error: ValidationError, id_sources: Mapping[str, tuple[str, bool]],
                      more_lines: str = "") -> str:
        schema, known = error.schema, error.schema["enum"]
        said = schema.get("x-messages", {})
        value = str(error.instance) if not isinstance(error.instance, NotText) else str(error.instance.node.value)
        source, broken = id_sources.get(schema.get("x-ids-from", ""), ("", False))
        if not known:
            return "" if broken else said["none"].format(source=source)
        aliases = schema.get("x-aliases", {})
        close = [aliases[value.lower()]] if aliases.get(value.lower()) in known else \
            difflib.get_close_matches(value.lower(), known, n=1) or \
            [each for each in known if each.startswith(f"{value}-")][:1]
        template = said.get("enum", "`{value}` is not allowed; {hint}use one of: {options}")
        if not close and "new" in said:
            template = said["new"]
        return template.format(value=visible(value), hint=f"did you mean {close[0]}? " if close else "",
                               options=", ".join(known), more_lines=more_lines, source=source,
                               name=value.replace("-", " ").capitalize())

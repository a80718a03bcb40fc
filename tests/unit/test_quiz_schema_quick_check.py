"""The quick check (the schemas compiled by fastjsonschema, validation.Compiled.valid) never passes
what `jsonschema` refuses: a file it passes skips the full check, so a miss would let a broken
file through without a message. Held to that on the site's own files, each broken in every way
the schemas know, field by field; and it passes the site's files as they are, or it saves nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sorting_quiz import validation
from sorting_quiz.loader import load_rulebook
from sorting_quiz.validation import NotText, Source

ROOT = Path(__file__).resolve().parents[2]
RULEBOOK = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
IDS = (tuple(RULEBOOK.hard_cases), tuple(RULEBOOK.trades))
DATE = NotText(yaml.ScalarNode("tag:yaml.org,2002:timestamp", "2026-12-06"))
# What a wrong value can be: each type, empty and overlong text, a bad id, an unknown name, a
# date, an id with a line break after it (Python's `$` matches before it), a list with a repeat.
WRONG_VALUES: list[Any] = [None, True, False, 0, 7, 1.5, "", " ", "x" * 2001, "Not An Id", "nothing-like-this",
                           "bakery-lemon-loaf\n", DATE, [], ["a", "a"], [1], {}, {"account": "A"}, "marketing"]


def data_of(path: Path) -> Any:
    source = Source(path.name, [], "file", {})
    return source.data(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


def varied_posts() -> list[dict[str, Any]]:
    """The site's posts, one for each set of fields used (every kind, `original`, `sells` as a list)."""
    posts, seen = [], set()
    for path in sorted((ROOT / "quizzes").glob("*.yml")):
        for post in data_of(path)["posts"]:
            shape = (frozenset(post), post.get("kind"), type(post.get("sells")), frozenset(post.get("original") or ()))
            if shape not in seen:
                seen.add(shape)
                posts.append(post)
    return posts


QUIZ = data_of(ROOT / "quizzes" / "basics.yml")
HARD_CASES = data_of(ROOT / "includes" / "hard-cases.yml")
# Each file small (one post, one hard case), so that breaking it everywhere takes seconds.
FILES = {
    "quiz": [{**QUIZ, "intro": "An intro.", "email_posts": [post["id"]], "posts": [post]} for post in varied_posts()],
    "hard-cases": [[case] for case in HARD_CASES[:3] + [case for case in HARD_CASES if "then" in case][:2]],
    "trades": [data_of(ROOT / "includes" / "trades.yml")[:3]],
}


def places(data: Any, at: tuple = ()) -> Iterator[tuple]:
    yield at
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield from places(value, (*at, key))


def broken(data: Any) -> Iterator[tuple[str, Any]]:
    """Every way of breaking `data` one place at a time: (what was done, the data)."""
    for at in places(data):
        for value in WRONG_VALUES:
            yield f"{at} = {value!r:.40}", replaced(data, at, value)
        if at:
            yield f"{at} removed", replaced(data, at, None, remove=True)
        holder = value_at(data, at)
        if isinstance(holder, dict):
            yield f"{at} + unknown field", replaced(data, (*at, "colour"), "red")
        if isinstance(holder, list) and holder:
            yield f"{at} + a repeat", replaced(data, at, [*holder, holder[0]])


def value_at(data: Any, at: tuple) -> Any:
    for key in at:
        data = data[key]
    return data


def replaced(data: Any, at: tuple, value: Any, remove: bool = False) -> Any:
    if not at:
        return value
    changed = copy.deepcopy(data)
    holder = value_at(changed, at[:-1])
    if remove:
        del holder[at[-1]]
    else:
        holder[at[-1]] = value
    return changed


def schema_errors(compiled: validation.Compiled, data: Any) -> list[str]:
    """What `jsonschema` finds, the Markdown aside (Source.check reads that itself, before trusting a yes)."""
    return [f"{list(error.absolute_path)}: {error.validator}" for error in compiled.validator.iter_errors(data)
            if error.validator != "contentMediaType"]


@pytest.mark.parametrize("name", validation.FORMATS)
@pytest.mark.parametrize("ids", [IDS, ((), ())], ids=["with the rulebook", "no hard cases or trades"])
def test_the_quick_check_passes_nothing_jsonschema_refuses(name: str, ids: tuple) -> None:
    compiled = validation.compiled(name, *ids)
    assert "$ref" not in repr(compiled.schema), "fastjsonschema ignores what stands beside a $ref: inline them"
    tried = refused = 0
    for change, data in [("as it is", good) for good in FILES[name]] + [
            change for good in FILES[name] for change in broken(good)]:
        errors = schema_errors(compiled, data)
        tried += 1
        refused += bool(errors)
        if errors:
            assert not compiled.valid(data), f"{name}: {change}: jsonschema finds {errors[:3]}, the quick check none"
        elif not compiled.valid(data):  # stricter only where Python's `$` matches before a final line break
            assert change.endswith("'bakery-lemon-loaf\\n'"), f"{name}: {change}: only the quick check refuses it"
    assert refused > tried / 2, "the changes break the files"


def test_the_site_files_pass_the_quick_check() -> None:
    for name in validation.FORMATS:
        compiled = validation.compiled(name, *IDS)
        files = sorted((ROOT / "quizzes").glob("*.yml")) if name == "quiz" else [ROOT / "includes" / f"{name}.yml"]
        for path in files:
            assert compiled.valid(data_of(path)), f"{path.name}: the quick check refuses it, so every build checks it twice"

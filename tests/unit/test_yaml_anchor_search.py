"""Anchors and aliases are still refused after the quick search that spares most files a second
parse (yaml_reading.POSSIBLE_ANCHOR): a text it finds nothing in has no anchor or alias for YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sorting_quiz.loader import load_quiz_file
from sorting_quiz.yaml_reading import POSSIBLE_ANCHOR, SAFE_LOADER

REFUSED = "anchors (`&name`) and aliases (`*name`) are not supported in quiz files"
POST = """\
  - id: {id}
    platform: x
    account: Petals
    text: Tulips are in.
    paid: false
    answer: management
    explanation: Saying what is in is management.
"""


def anchors_in(text: str) -> bool | None:
    """Whether YAML reads an anchor or alias in the text; None when it cannot read the text."""
    try:
        return any(isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None)
                   for event in yaml.parse(text, Loader=SAFE_LOADER))
    except yaml.YAMLError:
        return None


@pytest.mark.parametrize("written", [
    "title: &t The basics\nsummary: *t\n",  # a value, and an alias of it
    "&t title: The basics\nsummary: Two posts.\n",  # a key, at the start of the file
    "title: The basics\nsummary:\t&s Two posts.\n",  # after a tab
    "title: !!str &t The basics\nsummary: Two posts.\n",  # after a tag
    "title: The basics\nsummary: Two posts.\nemail_posts: [a-post,*p]\n",  # in a list, after a comma
    "title: The basics\nsummary: Two posts.\nemail_posts: {&x a: b}\n",  # in a set of fields
    "title: The basics\nsummary: Two posts.\nemail_posts: [{\"a\":&x b}]\n",  # after a colon
    "title: The basics\nsummary: Two posts.\nemail_posts: [?*p]\n",  # after `?` (a key), in a list
    "title: The basics\nsummary: Two posts.\nintro: &_-9 Read **this** first.\n",  # a name of `_`, `-` and digits
])
def test_anchors_and_aliases_anywhere_are_refused(tmp_path: Path, written: str) -> None:
    path = tmp_path / "quiz.yml"
    path.write_text(written + "posts:\n" + POST.format(id="a-post"), encoding="utf-8")
    assert anchors_in(path.read_text(encoding="utf-8")), "the example has an anchor or alias for YAML"
    quiz, problems = load_quiz_file(path, "quizzes/quiz.yml")
    assert quiz is None and any(REFUSED in str(problem) for problem in problems), problems


def test_stars_and_ampersands_in_text_are_not_anchors(tmp_path: Path) -> None:
    path = tmp_path / "quiz.yml"
    text = "title: B&Q and fish & chips\nsummary: Read **this** first.\nposts:\n" + POST.format(id="a-post")
    path.write_text(text, encoding="utf-8")
    assert POSSIBLE_ANCHOR.search(text) is None  # so it is parsed once, not twice
    assert load_quiz_file(path, "quizzes/quiz.yml")[1] == []


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="&*ab1_- :\n\t[]{},\"'!|>#?", max_size=16))
def test_a_text_the_search_passes_has_no_anchor(text: str) -> None:
    if POSSIBLE_ANCHOR.search(text) is None:
        assert not anchors_in(text), f"YAML reads an anchor or alias in {text!r}"

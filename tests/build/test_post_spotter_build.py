"""The post spotter in the built page: the page runs the same spotter (and word lists) that the
tests of tests/unit/test_post_spotter.py check.
"""

from __future__ import annotations

from pathlib import Path

from sorting_quiz.components.post_checker.post_spotter import spot_in_node
from support.spotter_examples import TYPED


def spotted(texts: list[str]) -> list[dict]:
    return spot_in_node(texts)


def test_the_built_page_runs_the_same_spotter(built_site: Path) -> None:
    """What readers get (minified) finds the same words as the source the tests read."""
    texts = [text for text, _ in TYPED]
    built = spot_in_node(texts, built_site / "assets" / "quiz" / "post-spotter.js")
    assert built == spotted(texts)

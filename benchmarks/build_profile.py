"""Where one `mkdocs build` spends its CPU time, for benchmarks/run.py (which says why it asks).

    python benchmarks/build_profile.py PROJECT/mkdocs.yml SITE_DIR

Builds once in this process with a timer around each part that matters to the quiz hook's
overhead, and prints the seconds of CPU time of each part as JSON. The parts do not overlap:
- every hook's and plugin's event functions, by hook or plugin (the quiz hook's on_pre_build,
  which reads every page for its blocks, is in "quiz_hook: events");
- the quiz blocks' own rendering (the Markdown extension's blocks and tree processor);
- the rest of converting Markdown to HTML, page by page;
- Python's full garbage collections, which look at every object of the build (about once a build):
  whichever part happens to be running when one comes would otherwise be charged for all of it;
- everything else MkDocs does (reading the config, the theme's templates, writing files).
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

TIMES: Counter[str] = Counter()
_inside: list[str] = []  # the parts running now, innermost last: time counts for the innermost only


def timed(function: Callable[..., Any], part: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        _inside.append(part)
        try:
            return function(*args, **kwargs)
        finally:
            _inside.pop()
            spent = time.process_time() - started
            TIMES[part] += spent
            if _inside:  # not the enclosing part's own time
                TIMES[_inside[-1]] -= spent
    return run


FULL_COLLECTIONS = "Python: full garbage collections"
OLDEST = 2  # the garbage collector's generations are 0, 1 and 2; collecting 2 collects them all
_collection_started = [0.0]


def count_full_collections(phase: str, info: dict[str, int]) -> None:
    """A gc callback: the time of each full collection, taken from the part it interrupted."""
    if info["generation"] != OLDEST:
        return  # a young generation's collection scales with what the running part made: its own cost
    if phase == "start":
        _collection_started[0] = time.process_time()
        return
    spent = time.process_time() - _collection_started[0]
    TIMES[FULL_COLLECTIONS] += spent
    if _inside:
        TIMES[_inside[-1]] -= spent


def part_of(handler: Callable[..., Any]) -> str:
    owner = getattr(handler, "__self__", None)
    if owner is not None:  # a plugin's method
        return f"{type(owner).__name__}: events"
    return f"{Path(handler.__module__).stem}: events"  # a hook's function; MkDocs names it by its path


def main() -> None:
    config_file, site_dir = sys.argv[1], sys.argv[2]
    logging.disable(logging.WARNING)
    total_started = time.process_time()
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.pages import Page

    Page.render = timed(Page.render, "Markdown to HTML (the rest)")
    config = load_config(config_file, site_dir=site_dir)
    for event, handlers in config.plugins.events.items():
        config.plugins.events[event] = [timed(handler, part_of(handler)) for handler in handlers]
    quiz_blocks = sys.modules.get("sorting_quiz.markdown_extension")  # imported only by the quiz hook
    if quiz_blocks is not None:
        for block in quiz_blocks.BLOCKS:
            for name in ("on_create", "on_end"):
                setattr(block, name, timed(getattr(block, name), "quiz blocks: rendering"))
        quiz_blocks.QuizTreeprocessor.run = timed(quiz_blocks.QuizTreeprocessor.run, "quiz blocks: rendering")
    gc.callbacks.append(count_full_collections)
    build.build(config)
    TIMES["MkDocs: everything else"] = time.process_time() - total_started - sum(TIMES.values())
    print(json.dumps({part: round(seconds, 4) for part, seconds in TIMES.items()}))


if __name__ == "__main__":
    main()

"""Writes quizzes/quiz.schema.json, the quiz schema editors read (the quiz files name it in their
first line), from hooks/sorting_quiz/schemas/quiz.schema.json and the project's own ids.

    make schema                                          writes it
    python -m sorting_quiz.editor_schema [--check] [--root DIR]   (with hooks/ on PYTHONPATH)

tests/unit/test_editor_schema.py fails when the file is not what this writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import HARD_CASES_FILE, QUIZ_FOLDER, TRADES_FILE, load_rulebook
from .validation import editor_schema

FILE_NAME = "quiz.schema.json"


def expected(root: Path) -> str:
    rulebook = load_rulebook(root / HARD_CASES_FILE, root / TRADES_FILE, root)
    return editor_schema(rulebook.hard_cases, rulebook.trades)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sorting_quiz.editor_schema", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (holds quizzes/)")
    args = parser.parse_args(argv)
    path, text = args.root / QUIZ_FOLDER / FILE_NAME, expected(args.root)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return 0
    if args.check:
        print(f"{QUIZ_FOLDER}/{FILE_NAME} is out of date: run `make schema`", file=sys.stderr)
        return 1
    path.write_text(text, encoding="utf-8")
    print(f"Wrote {QUIZ_FOLDER}/{FILE_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

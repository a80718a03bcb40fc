"""quizzes/quiz.schema.json, which editors read, is written from the schema the build checks with
(hooks/sorting_quiz/schemas/) and the ids the project defines: `make schema` (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

from sorting_quiz import editor_schema
from sorting_quiz.loader import load_rulebook

ROOT = Path(__file__).resolve().parents[2]


def test_the_editors_schema_is_up_to_date() -> None:
    assert (ROOT / "quizzes" / "quiz.schema.json").read_text(encoding="utf-8") == editor_schema.expected(ROOT), \
        "quizzes/quiz.schema.json is out of date: run `make schema`"


def test_the_editors_schema_lists_the_ids_from_the_files_that_define_them(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "trades.yml").write_text("- id: garages\n  name: Garages\n", encoding="utf-8")
    post = json.loads(editor_schema.expected(tmp_path))["$defs"]["post"]["properties"]
    assert post["trade"]["enum"] == ["garages"] and post["case"]["enum"] == []
    rulebook = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
    shipped = json.loads(editor_schema.expected(ROOT))["$defs"]["post"]["properties"]
    assert shipped["case"]["enum"] == list(rulebook.hard_cases) and shipped["trade"]["enum"] == list(rulebook.trades)


def test_the_check_says_when_the_file_is_out_of_date(tmp_path: Path) -> None:
    (tmp_path / "quizzes").mkdir()
    assert editor_schema.main(["--check", "--root", str(tmp_path)]) == 1
    assert editor_schema.main(["--root", str(tmp_path)]) == 0
    assert editor_schema.main(["--check", "--root", str(tmp_path)]) == 0

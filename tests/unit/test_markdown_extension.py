"""The quiz component as a plain Python-Markdown extension, with no MkDocs (issue 9, item 10):
installed by name (`sorting_quiz`, from pyproject.toml's entry point), configured with options
written in YAML, loading its quizzes itself. Markdown in, HTML out, as pymdownx's tests do."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with quizzes and the hard cases, as a host other than MkDocs would have."""
    (tmp_path / "my-quizzes").mkdir()
    shutil.copy(FIXTURES / "every-kind.yml", tmp_path / "my-quizzes" / "every-kind.yml")
    shutil.copytree(ROOT / "includes", tmp_path / "data")
    return tmp_path


def options_from_yaml(project: Path) -> dict:
    config = yaml.safe_load(textwrap.dedent(f"""\
        markdown_extensions:
          - sorting_quiz:
              root: {project}
              quizzes_dir: my-quizzes
              hard_cases: data/hard-cases.yml
              trades: data/trades.yml
              site_url: https://example.co.uk/
              email_campaign: {{utm_source: a, utm_medium: b, utm_campaign: c}}
        """))
    return config["markdown_extensions"][0]["sorting_quiz"]


def test_the_extension_is_found_by_name_and_loads_its_own_quizzes(project: Path) -> None:
    md = markdown.Markdown(extensions=["sorting_quiz"], extension_configs={"sorting_quiz": options_from_yaml(project)})
    html = md.convert("# Sort these\n\n/// quiz | every-kind\n    posts: [zk-like, zk-offer, zk-post-price]\n///\n\n"
                      "/// quiz-list\n///\n\n/// hard-cases\n    examples: false\n///\n")
    assert html.count('class="quiz-post"') == 3
    assert "Oak Lane Bakery, Cardiff" in html and "Paid to show it?" in html
    assert 'class="quiz-list"' in html and "Every kind of post" in html  # no page known, so no link
    assert html.count('<tr id="case-') == 26  # the rows of rulings.md


def test_a_missing_quiz_shows_what_is_wrong(project: Path) -> None:
    md = markdown.Markdown(extensions=["sorting_quiz"], extension_configs={"sorting_quiz": options_from_yaml(project)})
    html = md.convert("/// quiz | nope\n///\n")
    assert "There is no quiz file quizzes/nope.yml." in html or "nope" in html
    assert 'class="admonition failure quiz-problems"' in html


def test_it_runs_with_no_mkdocs_at_all(project: Path) -> None:
    """In a fresh interpreter, MkDocs is never imported."""
    script = textwrap.dedent("""\
        import json, sys, markdown
        options = json.loads(sys.argv[1])
        html = markdown.Markdown(extensions=["sorting_quiz"],
                                 extension_configs={"sorting_quiz": options}).convert("/// quiz | every-kind\\n///\\n")
        print(html.count('class="quiz-post"'), any(name.split(".")[0] == "mkdocs" for name in sys.modules))
        """)
    result = subprocess.run([sys.executable, "-c", script, json.dumps(options_from_yaml(project))],
                            capture_output=True, text=True, check=False, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["14", "False"]


def test_relative_paths_are_read_from_the_current_folder_when_no_root_is_given(project: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    options = {key: value for key, value in options_from_yaml(project).items() if key != "root"}
    html = markdown.Markdown(extensions=["sorting_quiz"], extension_configs={"sorting_quiz": options}).convert(
        "/// quiz | every-kind\n///\n")
    assert html.count('class="quiz-post"') == 14

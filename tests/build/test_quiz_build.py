"""The build with broken quiz files: every problem listed, no traceback, nothing written;
and `mkdocs serve` shows the problems, keeps serving and recovers on the next save."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.projects import MKDOCS, ROOT, build, copy_project, line_of, replace_in  # the one build runner (tests/support/projects.py)
from support.site_server import fetch_until


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_broken_quizzes_stop_the_build_with_every_problem_and_no_traceback(project: Path) -> None:
    basics = project / "quizzes" / "basics.yml"
    replace_in(basics, "answer: management", "answer: managment")
    bad_answer_line = line_of(basics, "answer: managment")
    replace_in(basics, "platform:", "platfrom:")
    typo_line = line_of(basics, "platfrom:")
    (project / "quizzes" / "latin1.yml").write_bytes("title: Caf\xe9\n".encode("latin-1"))
    (project / "docs" / "extra.md").write_text("# Extra\n\nText.\n\n/// quiz | no-such-quiz\n///\n", encoding="utf-8")

    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"quizzes/basics.yml:{bad_answer_line}: post " in output
    assert "answer: `managment` is not allowed; did you mean management? use one of: marketing, management" in output
    assert f"quizzes/basics.yml:{typo_line}: post 1 (" in output and "unknown field `platfrom`; did you mean `platform`?" in output
    assert "quizzes/latin1.yml:1: file: is not UTF-8 (byte 0xe9)" in output
    assert "docs/extra.md:5: quiz block: there is no quiz `no-such-quiz`" in output
    assert "Fix these, then build again." in output
    assert not (project / "site" / "index.html").exists(), "no page is written when a quiz is broken"


def test_a_paid_post_answered_management_contradicts_the_site(project: Path) -> None:
    quiz = project / "quizzes" / "basics.yml"
    text = quiz.read_text(encoding="utf-8")
    first_post_end = text.index("\n  - id:", text.index("  - id:") + 1)
    head, tail = text[:first_post_end], text[first_post_end:]
    head = head.replace("paid: false", "paid: true").replace("answer: marketing", "answer: management")
    quiz.write_text(head + tail, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "answer: the two questions make this marketing (paid: true" in result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    url: str  # http://127.0.0.1:PORT/
    process: subprocess.Popen
    output: str = ""  # all it printed, once it has stopped


@contextmanager
def mkdocs_serve(project: Path) -> Iterator[Served]:
    """`mkdocs serve` of the project on a free port, stopped on the way out."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    served = Served(f"http://127.0.0.1:{port}/", process)
    try:
        yield served
    finally:
        process.terminate()
        served.output, _ = process.communicate(timeout=30)


def test_serve_shows_the_problems_keeps_serving_and_recovers_on_save(project: Path) -> None:
    quiz = project / "quizzes" / "basics.yml"
    good = quiz.read_text(encoding="utf-8")
    replace_in(quiz, "paid: false", "paid: perhaps")
    with mkdocs_serve(project) as served:
        page = served.url + "quizzes/basics/"
        broken = fetch_until(page, "quiz-problems")
        assert "`perhaps` is not allowed; use true or false, without quotes" in broken
        time.sleep(1.5)  # let the watcher settle before saving, as a person would
        quiz.write_text(good, encoding="utf-8")
        fixed = fetch_until(page, 'class="quiz"')
        assert "quiz-problems" not in fixed
        assert served.process.poll() is None, "the server kept running"
    assert "problem with quizzes:" in served.output and "quizzes/basics.yml:" in served.output
    assert "Traceback" not in served.output


# --- a failed build leaves the last site/ as it was (issue 9, item 3) ----------------------------

def test_quiz_and_page_problems_stop_the_build_before_site_is_touched(project: Path) -> None:
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    marker = project / "site" / "deployed-marker.txt"
    marker.write_text("the last good build", encoding="utf-8")
    index = (project / "site" / "index.html").read_bytes()

    replace_in(project / "quizzes" / "basics.yml", "paid: false", "paid: yes")
    (project / "docs" / "extra.md").write_text("# Extra\n\n//// Quiz | nope\n////\n", encoding="utf-8")
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "paid: `yes` is not allowed; write true or false" in output
    assert "docs/extra.md:3: quiz block: there is no quiz `nope`" in output
    assert "Cleaning site directory" not in output, "the checks run before MkDocs empties site/"
    assert marker.read_text(encoding="utf-8") == "the last good build"
    assert (project / "site" / "index.html").read_bytes() == index


def make_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`make build` in a copy of the project, with the repository's installed virtual environment."""
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    return subprocess.run(["make", "build", f"VENV={ROOT / '.venv'}"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300, check=False)


@pytest.mark.skipif(not shutil.which("make") or not list((ROOT / ".venv").glob(".installed-*")),
                    reason="needs make and the virtual environment `make` installs")
def test_make_build_keeps_the_last_site_when_mkdocs_fails_late(project: Path) -> None:
    first = make_build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    index = (project / "site" / "index.html").read_bytes()
    # A broken link in a page: MkDocs finds it while writing pages and stops only at the end.
    (project / "docs" / "extra.md").write_text("# Extra\n\nSee [this](no-such-page.md).\n", encoding="utf-8")
    result = make_build(project)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stdout + result.stderr
    assert (project / "site" / "index.html").read_bytes() == index
    assert not (project / "site" / "extra").exists(), "nothing of the failed build reached site/"
    assert not (project / "site.new").exists()

    (project / "docs" / "extra.md").write_text("# Extra\n\nSee [the home page](index.md).\n", encoding="utf-8")
    result = make_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "extra" / "index.html").is_file()


# --- odd entries in quizzes/ while serving (item 3) --------------------------------------------

def add_odd_entries(folder: Path) -> None:
    (folder / ".#basics.yml").symlink_to("someone@laptop.4242:1700000000")  # Emacs's lock file
    (folder / ".basics.yml.swp").write_bytes(b"\x00swap")
    (folder / "basics.yml~").write_text("old: [copy", encoding="utf-8")
    (folder / "#basics.yml#").write_text("old: [copy", encoding="utf-8")
    (folder / "old.yml").mkdir()
    (folder / "loop.yml").symlink_to("loop.yml")
    (folder / "zcase.YML").write_text("title: T\n", encoding="utf-8")
    (folder / "new\nline.yml").write_text("title: T\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.yml")


def test_odd_entries_in_quizzes_are_reported_by_the_build_without_a_traceback(project: Path) -> None:
    add_odd_entries(project / "quizzes")
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    for expected in ("quizzes/loop.yml:1: file: is a link that leads back to itself",
                     "quizzes/old.yml:1: file: is a folder, not a quiz file",
                     "quizzes/zcase.YML:1: file name: quiz files end in lower-case .yml; rename it to zcase.yml",
                     "quizzes/new\\nline.yml:1: file name: has an invisible or control character in it",
                     "quizzes/pipe.yml:1: file: is not an ordinary file"):
        assert expected in output
    assert "basics.yml~" not in output and ".#basics" not in output and "swp" not in output


def test_serve_keeps_serving_with_odd_entries_in_quizzes(project: Path) -> None:
    with mkdocs_serve(project) as served:
        page = served.url + "quizzes/basics/"
        fetch_until(page, 'class="quiz"')
        time.sleep(1.5)
        add_odd_entries(project / "quizzes")  # as an editor and a careless copy would, while serving
        (project / "docs" / "index.md").write_text(
            (project / "docs" / "index.md").read_text(encoding="utf-8") + "\nRebuilt with odd files.\n",
            encoding="utf-8")
        fetch_until(served.url, "Rebuilt with odd files.")
        assert 'class="quiz"' in fetch_until(page, 'class="quiz"')
        assert served.process.poll() is None, "the server kept running"
    assert "Traceback" not in served.output
    assert "quizzes/loop.yml:1: file: is a link that leads back to itself" in served.output

"""The build with broken quiz files: every problem listed, no traceback, nothing written;
and `mkdocs serve` shows the problems, keeps serving and recovers on the next save."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from projects import MKDOCS, build, copy_project  # the one build runner (tests/projects.py)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


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
    assert "a paid post (boosted or an ad) is always marketing" in result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_until(url: str, wanted: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last body:\n{body[:2000]}")


def test_serve_shows_the_problems_keeps_serving_and_recovers_on_save(project: Path) -> None:
    quiz = project / "quizzes" / "basics.yml"
    good = quiz.read_text(encoding="utf-8")
    replace_in(quiz, "paid: false", "paid: perhaps")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = f"http://127.0.0.1:{port}/quizzes/basics/"
        broken = fetch_until(page, "quiz-problems")
        assert "`perhaps` is not allowed; use true or false, without quotes" in broken
        time.sleep(1.5)  # let the watcher settle before saving, as a person would
        quiz.write_text(good, encoding="utf-8")
        fixed = fetch_until(page, 'class="quiz"')
        assert "quiz-problems" not in fixed
        assert server.poll() is None, "the server kept running"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "problem with quizzes:" in output and "quizzes/basics.yml:" in output
    assert "Traceback" not in output

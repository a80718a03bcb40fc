"""The agency's settings in a real build: a broken agency stops it with the line, and a site without
an agency builds and names none. How the settings are read: tests/unit/test_agency_settings.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from support.projects import build, copy_project


GOOD = {"name": "Northlight Social", "url": "https://www.northlight.example/",
        "email": "hello@northlight.example", "phone": "0161 496 0000",
        "call_to_action": {"text": "Book a free 15-minute review", "url": "https://www.northlight.example/review"}}


def _with_agency(tmp_path: Path, agency: object) -> Path:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  agency:\n")
    end = text.index("\n  # Campaign tags", start)
    replacement = yaml.safe_dump({"agency": agency}, sort_keys=False, allow_unicode=True)
    config.write_text(text[:start] + "".join(f"  {line}\n" for line in replacement.splitlines())
                      + text[end + 1:], encoding="utf-8")
    return project


def test_a_broken_agency_stops_the_build_with_the_line(tmp_path: Path) -> None:
    project = _with_agency(tmp_path, {**GOOD, "url": "www.northlight.example", "email": "nobody"})
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "2 problems with the settings:" in output
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    url_line = next(number for number, line in enumerate(lines, 1) if "url: www.northlight.example" in line)
    assert f"mkdocs.yml:{url_line}: extra.agency.url: `www.northlight.example` is not a full https address" in output
    assert re.search(r"mkdocs\.yml:\d+: extra\.agency\.email: `nobody` is not an email address", output)
    assert not (project / "site").exists()


def test_without_an_agency_the_site_builds_and_names_none(tmp_path: Path) -> None:
    project = _with_agency(tmp_path, None)
    result = build(project)
    assert result.returncode == 0, result.stderr
    # site_author (the same made-up name) still says who wrote the site; the agency's addresses,
    # contact and next step are gone.
    for page in (project / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "northlight.example" not in text and "tel:+441614960000" not in text, page

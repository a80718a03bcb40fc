"""MkDocs hook: what the About page (overrides/about.html) and the footer
(overrides/partials/copyright.html) say about the site, as `config.extra.about_site`:

- writer: who wrote the site: `site_author` in mkdocs.yml, else the agency's name (`extra.agency`).
  A site with neither fails the build, saying what to set: the About page must name someone.
- reviewed / reviewed_iso / reviewed_from: when the content last changed: the newest git commit
  that touches docs/, quizzes/ or includes/ ("git"); with no git history (a tarball, a copy) the
  newest file in those folders ("files"). Worked out by the build, never typed by hand.
- url: the About page's address (from docs/about.md), or None when the site has no About page
  (the test projects), so the footer never links to a page that is not there.

Registered after quiz_hook.py, which replaces `extra.agency` with its checked values.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

ABOUT_PAGE = "about.md"
CONTENT_FOLDERS = ("docs", "quizzes", "includes")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    agency = config.extra.get("agency")
    writer = (config.site_author or "").strip() or (agency["name"] if agency else "")
    if not writer:
        raise PluginError(
            "mkdocs.yml: the About page names who wrote the site, and nothing says who did. "
            "Add `site_author: YOUR NAME OR YOUR AGENCY'S` (or set extra.agency).")
    root = Path(config.config_file_path).parent
    reviewed, reviewed_from = last_content_change(root)
    config.extra["about_site"] = {
        "writer": writer,
        "reviewed": british_date(reviewed),
        "reviewed_iso": reviewed.isoformat(),
        "reviewed_from": reviewed_from,
        "url": None,
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    about = files.get_file_from_path(ABOUT_PAGE)
    config.extra["about_site"]["url"] = about.url if about else None
    return files


def last_content_change(root: Path) -> tuple[date, str]:
    """(date, "git") from the newest commit touching the content folders; else (date, "files")
    from the newest file in them, as a tarball or copy keeps files' times and has no history."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%cI", "--", *CONTENT_FOLDERS],
            capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        result = None  # no git on this machine
    if result and result.returncode == 0 and result.stdout.strip():
        return datetime.fromisoformat(result.stdout.strip()).date(), "git"
    times = [path.stat().st_mtime for folder in CONTENT_FOLDERS for path in (root / folder).rglob("*")
             if path.is_file() and "__pycache__" not in path.parts]
    newest = max(times, default=datetime.now(timezone.utc).timestamp())
    return datetime.fromtimestamp(newest, timezone.utc).date(), "files"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def british_date(day: date) -> str:
    """"5 December 2026": no leading zero, and English month names whatever the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"

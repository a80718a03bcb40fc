"""MkDocs hook: the staff site (mkdocs-staff.yml) is the public site plus the staff pages.

mkdocs-staff.yml inherits mkdocs.yml and sets `extra.staff_site`, with the staff pages to add to
the navigation (YAML lists are not merged on INHERIT, so adding them here keeps one navigation
for both sites). In the public build (no `extra.staff_site`) this hook does nothing.
- on_files: mark the staff pages as not in mkdocs.yml's `nav` (on_nav adds them), so MkDocs does not
  report them as pages "not included in the nav".
- on_nav: add a "For agency staff" section after the public navigation.
- on_post_build: write a robots.txt that asks every crawler to stay away (each page also has a
  `noindex` meta tag and the staff banner: overrides/main.html).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section

ROBOTS = "# The staff preview of the site: not for search engines.\nUser-agent: *\nDisallow: /\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    staff = _staff_settings(config)
    for entry in (staff or {}).get("nav", []):
        for path in entry.values():
            file = files.get_file_from_path(path)
            if file is not None and file.inclusion.is_in_nav():
                file.inclusion = InclusionLevel.NOT_IN_NAV
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    staff = _staff_settings(config)
    if staff is None:
        return nav
    pages = []
    for entry in staff.get("nav", []):
        (title, path), = entry.items()
        file = files.get_file_from_path(path)
        if file is None or file.page is None:
            raise PluginError(f"mkdocs-staff.yml: extra.staff_site.nav names {path}, which is not in docs/")
        file.page.title = title
        pages.append(file.page)
    if not pages:
        return nav
    section = Section(staff.get("nav_title", "For agency staff"), pages)
    for page in pages:
        page.parent = section
    for before, after in zip([nav.pages[-1], *pages[:-1]], pages):
        before.next_page, after.previous_page = after, before
    nav.items.append(section)
    nav.pages.extend(pages)
    return nav


def on_post_build(config: MkDocsConfig) -> None:
    if _staff_settings(config) is not None:
        (Path(config.site_dir) / "robots.txt").write_text(ROBOTS, encoding="utf-8")


def _staff_settings(config: MkDocsConfig) -> dict[str, Any] | None:
    """The staff site's settings; their types are checked in on_config (hooks/site_settings.py),
    so `staff_site: true` is never half a staff site (pages outside the menu, no robots.txt)."""
    staff = config.extra.get("staff_site")
    return staff if isinstance(staff, dict) else None

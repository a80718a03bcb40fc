"""The site's own settings in mkdocs.yml (and mkdocs-staff.yml) `extra:`, typed and checked.

MkDocs checks its own settings but passes `extra:` through as written, so a wrong type there
reached the hooks and Material's templates as a traceback, or was silently read some other way
(`quiz_analytics: "true"` as off, `utm_source: {a: b}` as text in every link). Every setting the
hooks or templates read is checked here, before anything is built, and every problem is named
at once with what to write instead. No MkDocs imports: hooks/quiz_hook.py calls it in on_config.

The quiz component's own settings (`email_campaign`, `quiz_analytics`, `agency`) are declared and
read in sorting_quiz/settings.py, the one reader the hook and the Markdown extension share; this
module checks the rest: Material's `analytics`, the `content_security_policy` and the staff menu.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from content_security_policy import ANALYTICS_SOURCES, source_problems
from sorting_quiz.settings import kind_of as _kind
from sorting_quiz.settings import shown as _shown

STAFF_KEYS = ("nav_title", "nav")
PAGE_PATH = re.compile(r"^(?:[\w.-]+/)*[\w.-]+\.md$")


def problems(extra: Mapping[str, Any], config_file: str = "mkdocs.yml") -> list[str]:
    """Every problem with the `extra:` settings this site reads, but the quiz component's own
    (sorting_quiz/settings.py), as messages naming the setting."""
    found: list[str] = []

    def say(setting: str, message: str) -> None:
        found.append(f"{config_file}: extra.{setting}: {message}")

    analytics = extra.get("analytics")
    if analytics is not None:
        if not isinstance(analytics, Mapping):
            say("analytics", f"is {_kind(analytics)}; write `provider: google` and `property: G-XXXXXXX` under it")
        else:
            provider = analytics.get("provider")
            if provider is not None and provider not in ANALYTICS_SOURCES:
                say("analytics.provider", f"`{_shown(provider)}` is not a provider this site knows; use "
                    + " or ".join(ANALYTICS_SOURCES) + " (its hosts are added to the Content-Security-Policy)")
            prop = analytics.get("property")
            if prop is not None and (not isinstance(prop, str) or not re.fullmatch(r"[A-Za-z0-9-]{1,40}", prop)):
                say("analytics.property", f"`{_shown(prop)}` is not a property id; write it as given, like G-XXXXXXX")

    policy = extra.get("content_security_policy")
    if policy is not None:
        found += [f"{config_file}: {message}" for message in source_problems(policy)]

    staff = extra.get("staff_site")
    if staff is not None and not isinstance(staff, Mapping):
        say("staff_site", f"is {_kind(staff)}; the staff site (mkdocs-staff.yml) sets it to its menu: "
            "`nav_title: For agency staff` and `nav:` with `- Title: staff/page.md` lines")
    elif isinstance(staff, Mapping):
        for key in staff:
            if key not in STAFF_KEYS:
                say(f"staff_site.{key}", f"is not a setting; the settings are {', '.join(STAFF_KEYS)}")
        title = staff.get("nav_title")
        if title is not None and (not isinstance(title, str) or not title.strip()):
            say("staff_site.nav_title", f"`{_shown(title)}` must be the menu section's title, as text")
        nav = staff.get("nav")
        if not isinstance(nav, list) or not nav:
            say("staff_site.nav", f"is {_kind(nav)}; list the staff pages, one `- Title: staff/page.md` a line")
        else:
            for number, entry in enumerate(nav, 1):
                if not isinstance(entry, Mapping) or len(entry) != 1:
                    say(f"staff_site.nav, entry {number}", f"`{_shown(entry)}` must be one `Title: staff/page.md`")
                    continue
                (entry_title, path), = entry.items()
                if not isinstance(entry_title, str) or not entry_title.strip():
                    say(f"staff_site.nav, entry {number}", f"`{_shown(entry)}` has no title; write "
                        "`- Title: staff/page.md`")
                if not isinstance(path, str) or not PAGE_PATH.match(path):
                    say(f"staff_site.nav, entry {number}", f"`{_shown(path)}` is not a page; write its path from "
                        "the docs folder, like staff/page.md")
    return found

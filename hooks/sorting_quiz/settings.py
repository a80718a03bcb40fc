"""The quiz component's own settings, declared once, typed, and read by one reader.

    extra:                                  # mkdocs.yml; or the Markdown extension's options
      email_campaign:                       # the tags on every link of the email snippets
        utm_source: sales-email
        utm_medium: email
        utm_campaign: spring
      quiz_analytics: true                  # forward quiz events to the site's analytics
      agency: {...}                         # agency.py: the next step each quiz's result offers

Each setting is a `Setting` in SETTINGS: its name, its type and how it is read. `read_settings`
reads them all and raises one SettingsError listing every problem, each as (the setting, what is
wrong and what to write). The MkDocs hook reads them from `extra:`; the Markdown extension reads
`email_campaign` from its own options through the same `read_campaign` (build_state.py, via
`Campaign.from_config`), so a setting is checked the same way in any host. No MkDocs imports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .agency import Agency, AgencySettingsError, read_agency
from .facts import CAMPAIGN_PARAMS, CONTENT_PARAM

T = TypeVar("T")
Problems = list[tuple[str, str]]  # (the setting, as `extra.email_campaign.utm_source`; what is wrong)

# A campaign tag goes into every link of every email snippet: one short word.
CAMPAIGN_TAG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")


class SettingsError(ValueError):
    """Every problem with the component's settings, one line each."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        super().__init__("\n".join(f"{where}: {message}" for where, message in problems))


def kind_of(value: Any) -> str:
    """What YAML made of a value, in words: `text`, `true or false`, `a list`…"""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a set of settings"
    return "empty" if value is None else type(value).__name__


def shown(value: Any) -> str:
    """A value for a message: hidden characters written out, long ones cut."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)
    return text if len(text) <= 60 else text[:57] + "…"


@dataclass(frozen=True)
class Campaign:
    """The campaign tags every snippet link carries: `extra.email_campaign`."""

    source: str
    medium: str
    name: str

    @classmethod
    def from_config(cls, extra: Mapping[str, Any]) -> Campaign:
        """From `extra` (mkdocs.yml's, or {"email_campaign": the extension's option}); SettingsError
        (a ValueError) says what is missing or wrong and what to write."""
        campaign = read_campaign(extra.get("email_campaign"))
        assert campaign is not None
        return campaign

    def tags(self, content: str | None = None) -> list[tuple[str, str]]:
        """The three campaign tags, and utm_content when given."""
        return [*zip(CAMPAIGN_PARAMS, (self.source, self.medium, self.name)),
                *([(CONTENT_PARAM, content)] if content is not None else [])]


def read_campaign(value: Any, where: str = "extra.email_campaign", required: bool = True) -> Campaign | None:
    """The campaign from `email_campaign`'s value; None only when it is not required and not set."""
    if value is None and not required:
        return None
    if value is None:
        raise SettingsError([(where, f"is missing; the site needs `extra: email_campaign:` with "
                                     f"{', '.join(CAMPAIGN_PARAMS)} (the tags added to every link in the email "
                                     "snippets)")])
    if not isinstance(value, Mapping):
        raise SettingsError([(where, f"is {kind_of(value)}; write its tags under it: "
                                     + ", ".join(f"{key}: WORD" for key in CAMPAIGN_PARAMS))])
    problems: Problems = []
    tags, missing = [], []
    for key in CAMPAIGN_PARAMS:
        tag = value.get(key)
        if tag is None or isinstance(tag, str) and not tag.strip():
            missing.append(key)
        elif not isinstance(tag, str) or not CAMPAIGN_TAG.match(tag.strip()):
            problems.append((f"{where}.{key}", f"`{shown(tag)}` is not a tag for links; write one short word "
                                               "of letters, digits, dots, hyphens or underscores, like sales-email"))
        else:
            tags.append(tag.strip())
    if missing:
        problems.append((where, f"has no {', '.join(missing)}; set each to a short word, like utm_medium: email"))
    problems += [(f"{where}.{key}", f"is not a setting; the settings are {', '.join(CAMPAIGN_PARAMS)}")
                 for key in value if key not in CAMPAIGN_PARAMS]
    if problems:
        raise SettingsError(problems)
    return Campaign(*tags)


def read_switch(value: Any, where: str) -> bool | None:
    """true or false, as YAML writes them (never the text "true"); None when not set."""
    if value is None or isinstance(value, bool):
        return value
    raise SettingsError([(where, f"`{shown(value)}` is {kind_of(value)}; write true or false, without quotes")])


def read_quiz_analytics(extra: Mapping[str, Any]) -> bool:
    """`extra.quiz_analytics` if given; otherwise on exactly when Material's `extra.analytics` names
    a provider (the site's own checks, site_settings.py, say whether that is one it knows)."""
    setting = read_switch(extra.get("quiz_analytics"), "extra.quiz_analytics")
    if setting is not None:
        return setting
    analytics = extra.get("analytics")
    return isinstance(analytics, Mapping) and bool(analytics.get("provider"))


def _read_agency(extra: Mapping[str, Any]) -> Agency | None:
    try:
        return read_agency(extra.get("agency"))
    except AgencySettingsError as error:
        raise SettingsError(error.problems) from None


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting of the component: its name under `extra:` and how it is read (typed, or SettingsError)."""

    name: str
    read: Callable[[Mapping[str, Any]], T]


@dataclass(frozen=True)
class QuizSiteSettings:
    """The component's settings, typed: what the hook and the blocks use, never the raw `extra:`."""

    email_campaign: Campaign | None
    quiz_analytics: bool
    agency: Agency | None
    staff_site: bool  # the staff site (mkdocs-staff.yml sets `staff_site`): email snippets are written


SETTINGS: tuple[Setting, ...] = (
    Setting("email_campaign", lambda extra: read_campaign(extra.get("email_campaign"))),
    Setting("quiz_analytics", read_quiz_analytics),
    Setting("agency", _read_agency),
    # Its menu is the staff site's (site_settings.py checks it); here only whether it is set.
    Setting("staff_site", lambda extra: bool(extra.get("staff_site"))),
)


def read_settings(extra: Mapping[str, Any]) -> QuizSiteSettings:
    """Every setting of the component, typed; SettingsError lists every problem in all of them at once."""
    values: dict[str, Any] = {}
    problems: Problems = []
    for setting in SETTINGS:
        try:
            values[setting.name] = setting.read(extra)
        except SettingsError as error:
            problems += error.problems
    if problems:
        raise SettingsError(problems)
    return QuizSiteSettings(**values)

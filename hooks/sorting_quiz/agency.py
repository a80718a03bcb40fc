"""The agency behind the site, and the next step it offers readers: `extra.agency` in mkdocs.yml.

    extra:
      agency:
        name: Northlight Social
        url: https://www.northlight.example/
        email: hello@northlight.example        # email, phone, or both
        phone: 0161 496 0000
        call_to_action:
          text: Book a free 15-minute review
          url: https://www.northlight.example/review

Optional: with no `agency`, the site names no agency and offers no next step. When it is set,
`read_agency` checks every field and reports every mistake at once, each with what to write
instead, so a typo never reaches a reader as a dead link. The About page, the footer and each
quiz's result show it (their templates read `Agency.template_values()`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

SETTING = "extra.agency"
FIELDS = ("name", "url", "email", "phone", "call_to_action")
CALL_TO_ACTION_FIELDS = ("text", "url")
NAME_LIMIT = 80
CALL_TO_ACTION_LIMIT = 60  # a button's words: short enough for one line on a phone

# One address, no spaces or brackets: what a mail program can open from a mailto: link.
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]*")


class AgencySettingsError(ValueError):
    """Every mistake in `extra.agency`, one line each."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems  # (setting, what is wrong and what to write)
        super().__init__("\n".join(f"{where}: {message}" for where, message in problems))


@dataclass(frozen=True)
class Agency:
    name: str
    url: str  # its own site, https
    email: str | None
    phone: str | None
    call_to_action_text: str
    call_to_action_url: str  # https, mailto: or tel:

    @property
    def phone_link(self) -> str | None:
        """The phone number as a tel: address, in the international form phones dial from anywhere."""
        if not self.phone:
            return None
        digits = re.sub(r"[^0-9+]", "", self.phone)
        if digits.startswith("0") and not digits.startswith("00"):
            digits = "+44" + digits[1:]  # UK numbers as written in the UK
        return "tel:" + digits

    def template_values(self) -> dict[str, str | None]:
        """Plain values for templates, which escape them as they print them."""
        return {"name": self.name, "url": self.url, "email": self.email,
                "email_link": f"mailto:{self.email}" if self.email else None,
                "phone": self.phone, "phone_link": self.phone_link,
                "call_to_action_text": self.call_to_action_text,
                "call_to_action_url": self.call_to_action_url}


def read_agency(value: object, where: str = SETTING) -> Agency | None:
    """The agency from `extra.agency`, or None when it is not set. AgencySettingsError lists every
    mistake, each as (`extra.agency.FIELD`, what is wrong; what to write)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise AgencySettingsError([(where, "should be a list of settings (name, url, email or phone, "
                                           "call_to_action), each on its own line under `agency:`")])
    problems: Problems = []
    _unknown_keys(value, FIELDS, where, problems)
    name = _text(value.get("name"), f"{where}.name", NAME_LIMIT, problems, example="name: Northlight Social")
    url = _web_address(value.get("url"), f"{where}.url", problems)
    email = _email(value.get("email"), f"{where}.email", problems)
    phone = _phone(value.get("phone"), f"{where}.phone", problems)
    if value.get("email") is None and value.get("phone") is None:
        problems.append((where, "needs a way to reach the agency: add `email:` or `phone:` (or both)"))
    action = value.get("call_to_action")
    action_where = f"{where}.call_to_action"
    text = action_url = None
    if isinstance(action, Mapping):
        _unknown_keys(action, CALL_TO_ACTION_FIELDS, action_where, problems)
        text = _text(action.get("text"), f"{action_where}.text", CALL_TO_ACTION_LIMIT, problems,
                     example="text: Book a free 15-minute review")
        action_url = _action_address(action.get("url"), f"{action_where}.url", problems)
    else:
        problems.append((action_where, f"{'is missing' if action is None else 'should have two settings'}; "
                                       "add `text:` (the button's words, like Book a free 15-minute review) "
                                       "and `url:` (where it goes) under `call_to_action:`"))
    if problems:
        raise AgencySettingsError(problems)
    assert name and url and text and action_url  # each None above added a problem
    return Agency(name=name, url=url, email=email, phone=phone,
                  call_to_action_text=text, call_to_action_url=action_url)


Problems = list[tuple[str, str]]


def _unknown_keys(mapping: Mapping, known: tuple[str, ...], where: str, problems: Problems) -> None:
    for key in mapping:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "use " + ", ".join(f"`{k}`" for k in known)
            problems.append((where, f"unknown setting `{_shown(str(key))}`; {hint}"))


def _text(value: object, where: str, limit: int, problems: Problems, *, example: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        problems.append((where, f"{'is missing' if value is None else 'should be words'}; write it like `{example}`"))
        return None
    value = unicodedata.normalize("NFC", " ".join(value.split()))  # line breaks from YAML become spaces
    if _has_control(value):
        problems.append((where, f"has a hidden control character (`{_shown(value)}`); type it again"))
        return None
    if len(value) > limit:
        problems.append((where, f"is {len(value)} characters long; keep it to {limit} or fewer"))
        return None
    return value


def _web_address(value: object, where: str, problems: Problems, *, what: str = "the agency's web address") -> str | None:
    example = "like `https://www.northlight.example/`"
    if not isinstance(value, str) or not value.strip():
        problems.append((where, f"{'is missing' if value is None else 'should be an address'}; write {what}, {example}"))
        return None
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or _has_control(value) or " " in value:
        problems.append((where, f"`{_shown(value)}` is not a full https address; write {what}, {example}"))
        return None
    return value


def _action_address(value: object, where: str, problems: Problems) -> str | None:
    """Where the call to action goes: a web page, or an email or a phone call to start."""
    if isinstance(value, str):
        address = value.strip()
        scheme, _, rest = address.partition(":")
        if scheme == "mailto":
            if _EMAIL.fullmatch(rest.split("?")[0]):
                return address
            problems.append((where, f"`{_shown(address)}` is not a whole email address; "
                                    "write it like `mailto:hello@northlight.example`"))
            return None
        if scheme == "tel":
            if _PHONE.fullmatch(rest) and 10 <= len(re.sub(r"\D", "", rest)) <= 15:
                return address
            problems.append((where, f"`{_shown(address)}` is not a whole phone number; "
                                    "write it like `tel:+441614960000`"))
            return None
    return _web_address(value, where, problems,
                        what="where the button goes (a `mailto:` or `tel:` address works too)")


def _email(value: object, where: str, problems: Problems) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _EMAIL.fullmatch(value.strip()):
        problems.append((where, f"`{_shown(str(value))}` is not an email address; "
                                "write it like `hello@northlight.example`"))
        return None
    return value.strip()


def _phone(value: object, where: str, problems: Problems) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):  # YAML reads 01614960000 as a number and drops the 0
        problems.append((where, f"`{_shown(str(value))}` was read as a number; put the phone number in quotes, "
                                "like `phone: \"0161 496 0000\"`"))
        return None
    text = value.strip()
    if not _PHONE.fullmatch(text) or not 10 <= len(re.sub(r"\D", "", text)) <= 15:
        problems.append((where, f"`{_shown(text)}` is not a phone number; write it as people dial it, "
                                "like `0161 496 0000` or `+44 161 496 0000`"))
        return None
    return text


def _has_control(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cf") for char in text)


def _shown(text: str) -> str:
    """Text for a message: control and hidden characters written out (\\u202e), never sent raw to a terminal."""
    return "".join(f"\\u{ord(char):04x}" if unicodedata.category(char) in ("Cc", "Cf") else char for char in text)

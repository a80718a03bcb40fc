"""`extra.agency`: the agency and its call to action, checked before anything is built.

Unit tests of the reader (hooks/sorting_quiz/agency.py). The real builds (a mistake stops the
build with mkdocs.yml's line and what to write, every mistake at once, and no traceback) are in
tests/build/test_agency_settings_build.py.
"""

from __future__ import annotations

import pytest

from sorting_quiz.agency import AgencySettingsError, read_agency

GOOD = {"name": "Northlight Social", "url": "https://www.northlight.example/",
        "email": "hello@northlight.example", "phone": "0161 496 0000",
        "call_to_action": {"text": "Book a free 15-minute review", "url": "https://www.northlight.example/review"}}


def problems(value: object) -> dict[str, str]:
    with pytest.raises(AgencySettingsError) as caught:
        read_agency(value)
    return dict(caught.value.problems)


def test_unset_means_no_agency() -> None:
    assert read_agency(None) is None


def test_a_good_agency_is_read_with_its_links() -> None:
    agency = read_agency(GOOD)
    assert agency is not None
    values = agency.template_values()
    assert values["name"] == "Northlight Social"
    assert values["email_link"] == "mailto:hello@northlight.example"
    assert values["phone_link"] == "tel:+441614960000"  # a UK number, dialable from anywhere
    assert values["call_to_action_url"] == "https://www.northlight.example/review"


@pytest.mark.parametrize("url", ["mailto:hello@northlight.example", "tel:+44 161 496 0000"])
def test_the_call_to_action_may_start_an_email_or_a_call(url: str) -> None:
    agency = read_agency({**GOOD, "call_to_action": {"text": "Talk to us", "url": url}})
    assert agency is not None and agency.call_to_action_url == url


def test_every_mistake_is_named_at_once_with_what_to_write() -> None:
    found = problems({"nmae": "x", "url": "http://northlight.example", "email": "hello at northlight",
                      "phone": 1614960000, "call_to_action": {"text": "", "url": "javascript:alert(1)"}})
    assert "did you mean `name`?" in found["extra.agency"]
    assert "is missing" in found["extra.agency.name"]
    assert "not a full https address" in found["extra.agency.url"]
    assert "not an email address" in found["extra.agency.email"]
    assert "in quotes" in found["extra.agency.phone"]  # YAML read it as a number and dropped the 0
    assert "should be words" in found["extra.agency.call_to_action.text"]
    assert "javascript:alert(1)" in found["extra.agency.call_to_action.url"]


def test_no_way_to_reach_the_agency_and_no_call_to_action() -> None:
    found = problems({"name": "Northlight Social", "url": "https://www.northlight.example/"})
    assert "add `email:` or `phone:`" in found["extra.agency"]
    assert "add `text:`" in found["extra.agency.call_to_action"]


def test_hidden_characters_are_shown_escaped_and_refused() -> None:
    found = problems({**GOOD, "name": "Northlight\u202e Social\x1b[2J"})
    assert "\\u202e" in found["extra.agency.name"] and "\\u001b" in found["extra.agency.name"]
    assert "\x1b" not in found["extra.agency.name"]


def test_long_words_are_refused() -> None:
    found = problems({**GOOD, "call_to_action": {"text": "Book " * 20, "url": GOOD["url"]}})
    assert "keep it to 60 or fewer" in found["extra.agency.call_to_action.text"]


def test_not_a_mapping() -> None:
    assert "each on its own line under `agency:`" in problems("Northlight Social")["extra.agency"]

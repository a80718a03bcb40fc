"""When the quiz's analytics are on: only when the site's settings say so. What is sent, in Chromium:
tests/browser/test_analytics.py.
"""

from __future__ import annotations

import pytest

from content_security_policy import allowed_sources
from sorting_quiz.settings import read_quiz_analytics


PROPERTY = "G-TEST0000"
GOOGLE = {"analytics": {"provider": "google", "property": PROPERTY}}


def test_on_only_when_the_site_says_so() -> None:
    assert not read_quiz_analytics({})
    assert not read_quiz_analytics({"analytics": {}})
    assert read_quiz_analytics(GOOGLE)
    assert read_quiz_analytics({"quiz_analytics": True})
    assert not read_quiz_analytics({**GOOGLE, "quiz_analytics": False}), "an explicit false wins"
    assert allowed_sources({}) == ()
    assert ("script-src", "https://www.googletagmanager.com") in allowed_sources(GOOGLE)
    with pytest.raises(ValueError, match="not an https:// host"):
        allowed_sources({"content_security_policy": {"script-src": ["'unsafe-inline'"]}})
    with pytest.raises(ValueError, match="cannot be extended"):
        allowed_sources({"content_security_policy": {"default-src": ["https://example.com"]}})

"""The site's quizzes as the build loads them (hooks/sorting_quiz/build_state.py), with the trade
quizzes it makes and email campaign tags for the answer links. Used by the trade quiz tests in
tests/unit, tests/build and tests/browser.
"""

from __future__ import annotations

from pathlib import Path

from sorting_quiz.build_state import BuildState, QuizSettings

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://marketing-or-management.example.co.uk/"


def site_state() -> BuildState:
    """A fresh load of the repository's quizzes, hard cases and trades."""
    return BuildState.load(QuizSettings(root=ROOT, site_url=SITE_URL, email_campaign={
        "utm_source": "sales-email", "utm_medium": "email", "utm_campaign": "test"}))

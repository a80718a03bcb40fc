"""The quiz script as written: no inline handlers and no innerHTML, so it keeps working under the
Content-Security-Policy and never runs text from a quiz file.
"""

from __future__ import annotations

import re
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "hooks" / "sorting_quiz" / "components" / "quiz"


def test_no_inline_handlers_or_inner_html_in_the_script() -> None:
    script = (STATIC / "quiz.js").read_text(encoding="utf-8")
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|\.on[a-z]+\s*=", script)

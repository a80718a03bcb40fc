"""The printable cheat sheet in the built site: the two questions and every hard case; and the PDF
page count that tests/browser/test_cheat_sheet.py relies on.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import yaml

from support.pdf import pdf_page_count
from support.projects import ROOT as REPO_ROOT

HARD_CASES = yaml.safe_load((REPO_ROOT / "includes" / "hard-cases.yml").read_text(encoding="utf-8"))


def test_pdf_page_count_counts_pages_not_the_page_tree() -> None:
    pdf = b"<< /Type /Pages /Kids [3 0 R 4 0 R] >> << /Type /Page >> << /Type/Page /Parent 2 0 R >>"
    assert pdf_page_count(pdf) == 2


def test_cheat_sheet_has_the_two_questions_and_every_hard_case(built_site: Path) -> None:
    root = lxml.html.fromstring((built_site / "cheat-sheet" / "index.html").read_bytes())
    sheets = root.xpath("//article//div[contains(concat(' ', @class, ' '), ' cheat-sheet ')]")
    assert len(sheets) == 1, "the page's content should sit in one <div class=\"cheat-sheet\" markdown>"
    text = re.sub(r"\s+", " ", sheets[0].text_content())
    assert "No price is needed." in text and "No to both means management." in text, (
        "the two questions (includes/two-questions.md) are missing"
    )
    assert "///" not in text, "a `/// hard-cases` block was left as text: is the block written correctly?"
    missing = [case["case"] for case in HARD_CASES if re.sub(r"\s+", " ", case["case"]) not in text]
    assert not missing, f"hard cases not on the cheat sheet: {missing}"

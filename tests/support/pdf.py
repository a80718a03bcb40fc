"""Counting the pages of a PDF that Chromium printed, without a PDF library. Used by
tests/browser/test_cheat_sheet.py; checked by tests/build/test_cheat_sheet_build.py.
"""

from __future__ import annotations

import re

# A page object in a PDF: "/Type /Page", but not the "/Type /Pages" tree above them.
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(pdf: bytes) -> int:
    return len(PDF_PAGE.findall(pdf))

"""The cheat sheet (docs/cheat-sheet.md): every hard case on it, one A4 page when printed,
easy to read on a phone, and its print rules kept to that page.

Saves, for a person to look at:
    test-results/cheat-sheet.pdf                      Chromium's A4 PDF of the page
    test-results/screenshots/cheat-sheet-print.png    that PDF as a picture (when pdftoppm is installed)
    test-results/screenshots/cheat-sheet-phone.png    the page at 390 px wide
    test-results/screenshots/cheat-sheet-desktop.png  the page at 1280 px wide
Without a browser (its content, the PDF page count): tests/build/test_cheat_sheet_build.py.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from support.browser import OpenPage
from support.pdf import pdf_page_count


@pytest.mark.browser
def test_cheat_sheet_prints_on_one_a4_page(open_page: OpenPage, screenshot_dir: Path) -> None:
    visit = open_page("cheat-sheet/", viewport="desktop")
    pdf = visit.page.pdf(format="A4", print_background=True)
    pdf_path = screenshot_dir.parent / "cheat-sheet.pdf"
    pdf_path.write_bytes(pdf)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm:  # a picture of the printed page, to look at
        out = screenshot_dir / "cheat-sheet-print"
        subprocess.run([pdftoppm, "-r", "80", "-png", "-singlefile", str(pdf_path), str(out)], check=False)
    pages = pdf_page_count(pdf)
    assert pages == 1, f"the cheat sheet prints on {pages} A4 pages, not 1 (see {pdf_path})"
    assert not visit.external_requests, f"requests to other hosts: {visit.external_requests}"
    assert not visit.console_errors, visit.console_errors


@pytest.mark.browser
def test_cheat_sheet_print_rules_stay_on_the_cheat_sheet(open_page: OpenPage) -> None:
    named_page = "getComputedStyle(document.body).page"
    sheet = open_page("cheat-sheet/").page
    sheet.emulate_media(media="print")
    assert sheet.evaluate(named_page) == "cheat-sheet"
    other = open_page("difference/").page
    other.emulate_media(media="print")
    assert other.evaluate(named_page) == "auto", "the cheat sheet's print rules reach the difference page"


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_cheat_sheet_reads_well_on_screen(open_page: OpenPage, screenshot_dir: Path, viewport: str) -> None:
    visit = open_page("cheat-sheet/", viewport=viewport)
    page = visit.page
    page.screenshot(path=str(screenshot_dir / f"cheat-sheet-{viewport}.png"), full_page=True)
    # Nothing wider than the screen: a phone reader should never scroll sideways to read a line.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {viewport} screen"
    body_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.cheat-sheet p')).fontSize)"
    )
    assert body_size >= 14, f"text on screen is {body_size}px: too small to read"
    assert not visit.external_requests, f"requests to other hosts: {visit.external_requests}"

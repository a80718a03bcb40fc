"""Readability of the built pages, measured on the prose a reader sees.

Used by tests/build/test_pages.py and runnable by hand while writing:
    .venv/bin/mkdocs build && .venv/bin/python tests/support/readability.py
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import textstat

READING_EASE_MIN = 70.0
GRADE_MAX = 7.0

# Text a reader does not read as prose: code, widgets, permalinks, the quiz itself.
SKIPPED = (
    "pre", "code", "script", "style", "svg", "nav", "form", "button",
    "*[contains(concat(' ', @class, ' '), ' headerlink ')]",
    "*[contains(concat(' ', @class, ' '), ' quiz ')]",
    "*[contains(concat(' ', @class, ' '), ' md-source-file ')]",
    "*[@hidden]",
)
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "summary", "figcaption", "li"}


@dataclass(frozen=True)
class Readability:
    page: str
    reading_ease: float
    grade: float
    words: int

    @property
    def ok(self) -> bool:
        return self.reading_ease >= READING_EASE_MIN and self.grade <= GRADE_MAX


def prose_of(html: str) -> str:
    """The page's article text, one sentence-ended block per line."""
    root = lxml.html.fromstring(html)
    articles = root.xpath("//article[contains(@class, 'md-content__inner')]")
    if not articles:
        return ""
    article = articles[0]
    for xpath in SKIPPED:
        for element in article.xpath(f".//{xpath}"):
            element.drop_tree()
    lines = []
    for element in article.iter(*BLOCKS):
        if element.tag == "li" and element.xpath("./p"):
            continue  # its paragraphs are counted on their own
        parts = [element.text or ""]
        for child in element:
            if child.tag not in ("ul", "ol", "p", "table", "dl"):
                parts.append(child.text_content())
            parts.append(child.tail or "")
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        if not text:
            continue
        # Headings, cells and list items rarely end with a full stop; without one
        # the formulas would read a whole table as one very long sentence.
        if not re.search(r"[.!?:]['\u2019\")]*$", text):
            text += "."
        lines.append(text)
    return "\n".join(lines)


def measure(page: str, html: str) -> Readability:
    text = prose_of(html)
    return Readability(
        page=page,
        reading_ease=float(textstat.flesch_reading_ease(text)),
        grade=float(textstat.flesch_kincaid_grade(text)),
        words=int(textstat.lexicon_count(text)),
    )


def measure_site(site_dir: Path) -> list[Readability]:
    results = []
    for path in sorted(site_dir.rglob("index.html")):
        page = str(path.parent.relative_to(site_dir)) or "."
        if page.startswith(("assets", "search")) or page == "404":
            continue
        results.append(measure(page, path.read_text(encoding="utf-8")))
    return results


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site")
    failed = False
    for result in measure_site(site):
        mark = "ok " if result.ok else "BAD"
        failed |= not result.ok
        print(f"{mark} {result.page:40} ease {result.reading_ease:5.1f} (>= {READING_EASE_MIN:g})"
              f"  grade {result.grade:4.1f} (<= {GRADE_MAX:g})  {result.words} words")
    sys.exit(1 if failed else 0)

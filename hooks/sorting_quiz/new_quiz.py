"""`make new-quiz ID=garages TRADE=motoring`: a new quiz file with two example posts, and its page.

Writes quizzes/ID.yml (two posts that pass every check, one marketing and one management, for the
writer to change), docs/quizzes/ID.md (the page that shows it) and its line in mkdocs.yml's menu;
adds the trade to includes/trades.yml if it is new. Never overwrites a file. Then says what to do next.

    python -m sorting_quiz.new_quiz ID TRADE [--root DIR]   (with hooks/ on PYTHONPATH)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from .loader import ID_PATTERN, ID_RULE, QUIZ_FOLDER, TRADES_FILE

MENU_ANCHOR = "      - Quizzes for your trade: quizzes/trades/index.md"  # new quizzes go just above it

QUIZ = """\
# yaml-language-server: $schema=./quiz.schema.json
# Your new quiz. Change the title, the summary and the two example posts, then add more
# (five to ten is right). Every field is explained in the staff guide, "Writing quizzes".
title: {title}
summary: Posts from {trade_words}. Sort each one into marketing or management.
posts:
  - id: {quiz_id}-example-offer  # a post id is for ever: emails link to it
    platform: facebook
    account: Your Business, Town
    trade: {trade}
    text: Ten percent off all bookings this week. Call us to book!
    paid: false
    sells: [Ten percent off all bookings, Call us to book]
    answer: marketing
    explanation: It offers money off and asks you to book, so its own words sell.

  - id: {quiz_id}-example-thanks
    platform: instagram
    account: Your Business, Town
    trade: {trade}
    text: Thank you to everyone who came to our open day!
    paid: false
    answer: management
    explanation: It thanks people and names nothing for sale. Nobody paid to show it.
"""

PAGE = """\
---
description: Posts from {trade_words}. Sort each one into marketing or management, and see the reason for every answer.
---

# {title}

/// quiz | {quiz_id}
    title: false
///
"""


def create(root: Path, quiz_id: str, trade: str) -> list[str]:
    """Writes the files; returns what was done, one line each. ValueError if it cannot."""
    for value, what in ((quiz_id, "ID"), (trade, "TRADE")):
        if not ID_PATTERN.match(value or ""):
            raise ValueError(f"{what}={value!r} is not a valid id; {ID_RULE}")
    quiz_path, page_path = root / QUIZ_FOLDER / f"{quiz_id}.yml", root / "docs" / "quizzes" / f"{quiz_id}.md"
    for path in (quiz_path, page_path):
        if path.exists():
            raise ValueError(f"{path.relative_to(root)} already exists; pick another ID")
    done = []
    trades_path = root / TRADES_FILE
    trades = yaml.safe_load(trades_path.read_text(encoding="utf-8")) or []
    names = {item.get("id"): item.get("name") for item in trades if isinstance(item, dict)}
    if trade not in names:
        name = trade.replace("-", " ").capitalize()
        text = trades_path.read_text(encoding="utf-8")
        trades_path.write_text(text + ("" if text.endswith("\n") else "\n") + f"- id: {trade}\n  name: {name}\n",
                               encoding="utf-8")
        names[trade] = name
        done.append(f"Added the trade `{trade}` to {TRADES_FILE} (name: {name}; change it if owners say it "
                    "differently).")
    title = quiz_id.replace("-", " ").capitalize()
    trade_words = names[trade].lower() + " businesses"
    quiz_path.write_text(QUIZ.format(title=title, quiz_id=quiz_id, trade=trade, trade_words=trade_words),
                         encoding="utf-8")
    done.append(f"Wrote {quiz_path.relative_to(root)}, with two example posts.")
    page_path.write_text(PAGE.format(title=title, quiz_id=quiz_id, trade_words=trade_words), encoding="utf-8")
    done.append(f"Wrote {page_path.relative_to(root)}, the page that shows it.")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = f"      - {title}: quizzes/{quiz_id}.md"
    if MENU_ANCHOR in text:
        config.write_text(text.replace(MENU_ANCHOR, f"{line}\n{MENU_ANCHOR}", 1), encoding="utf-8")
        done.append("Added the page to the Quizzes menu in mkdocs.yml.")
    else:
        done.append(f"Add the page to the menu: under `Quizzes:` in mkdocs.yml's `nav:`, add `{line.strip()}`.")
    return done


NEXT = """\
Next:
  1. Run `make serve-staff` and open http://127.0.0.1:8001/quizzes/{quiz_id}/ to see the quiz.
  2. Edit {quiz_file}: change the two example posts, add more. The preview updates when you save,
     and shows any mistake with its line and what to fix.
  3. Copy an answer link from http://127.0.0.1:8001/staff/sales-emails/ and try it.
  4. When an email with a link goes out: `make publish-ids`."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new-quiz", description=__doc__.split("\n\n")[0])
    parser.add_argument("quiz_id", metavar="ID", help="the quiz's id, like garages: its file and page name")
    parser.add_argument("trade", metavar="TRADE", help=f"the trade of its posts, from {TRADES_FILE} or a new one")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    args = parser.parse_args(argv)
    try:
        done = create(args.root.resolve(), args.quiz_id.strip(), args.trade.strip())
    except ValueError as error:
        print(f"make new-quiz: {error}. Use: make new-quiz ID=garages TRADE=motoring", file=sys.stderr)
        return 1
    print("\n".join(done))
    print(NEXT.format(quiz_id=args.quiz_id, quiz_file=f"{QUIZ_FOLDER}/{args.quiz_id}.yml"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

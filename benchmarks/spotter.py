"""`make bench`'s part on the post checker's spotter: how often what it suggests matches the quiz
answers, and every post where it does not.

The spotter (hooks/sorting_quiz/components/post_checker/post-spotter.js) finds the words
question 1 and question 2 look for in the post an owner types, and suggests marketing when it
finds any. It is a hint, not the judge: this runs the real script in Node on every quiz post's
own words and compares its suggestion with the post's answer, and what it finds with the post's
`paid`.

    python benchmarks/spotter.py     # just this part, printed (run.py adds it to RESULTS.md)
"""

from __future__ import annotations

import sys
from pathlib import Path

from sorting_quiz.loader import load_project
from sorting_quiz.components.post_checker.post_spotter import spot_in_node

ROOT = Path(__file__).resolve().parent.parent
AGREEMENT_TARGET = 0.80  # as tests/unit/test_post_spotter.py's floor


def measure(root: Path = ROOT) -> dict:
    catalogue = load_project(root)
    posts = [post for quiz in catalogue.quizzes.values() for post in quiz.posts]
    results = spot_in_node([post.text or "" for post in posts])
    rows = []
    for post, result in zip(posts, results):
        found = result["found"]
        rows.append({
            "id": post.id, "answer": post.answer, "paid": post.paid, "suggests": result["suggests"],
            "found": [f"{f['text']} ({f['kind']})" for f in found],
            "paid_found": any(f["kind"] == "paid" for f in found), "sells": list(post.sells),
            "text": " ".join((post.text or "").split()),
        })
    agree = sum(row["suggests"] == row["answer"] for row in rows)
    return {
        "posts": len(rows), "agree": agree, "agreement": agree / len(rows) if rows else 0.0,
        "misses": [row for row in rows if row["suggests"] != row["answer"]],
        "unpaid_called_paid": [row for row in rows if row["paid_found"] and not row["paid"]],
        "paid_posts": sum(row["paid"] for row in rows),
        "paid_labels_found": sum(row["paid_found"] and row["paid"] for row in rows),
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def report_lines(result: dict) -> list[str]:
    lines = ["## The post checker's spotter", "",
             "\"Check your own post\" looks in the post typed in for a paid label, a price, an offer, stock news "
             "and a call to buy (hooks/sorting_quiz/components/post_checker/post_spotter.py), and suggests "
             "marketing when it finds any. "
             "Here it reads every quiz post's own words (post-spotter.js, run in Node) and its suggestion is "
             "compared with the post's answer.", "",
             f"Agreement: **{result['agree']} of {result['posts']} posts, {result['agreement']:.1%}** "
             f"(target {AGREEMENT_TARGET:.0%}). Unpaid posts it called paid: "
             f"{len(result['unpaid_called_paid'])}. Paid posts whose own words carry a paid label it found: "
             f"{result['paid_labels_found']} of {result['paid_posts']} (a platform shows its label beside the "
             "post, not in the words, so most paid posts have none).", ""]
    if result["misses"]:
        lines += ["Every miss:", ""]
        lines += ["| Post | Answer | Suggests | Found | The quiz's selling words | The post's words |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for row in result["misses"]:
            words = row["text"] if len(row["text"]) <= 90 else row["text"][:87] + "..."
            lines.append(f"| {row['id']} | {row['answer']}{' (paid)' if row['paid'] else ''} | {row['suggests']} "
                         f"| {_cell(', '.join(row['found'])) or '-'} | {_cell('; '.join(row['sells'])) or '-'} "
                         f"| {_cell(words) or '(no words)'} |")
        lines += ["", "A marketing post it misses names or shows what the business sells in words no list can "
                      "know (\"our Welsh cakes\"), or was paid for; a management post it flags has a word that "
                      "sells elsewhere (\"Pop in\" to put a complaint right).", ""]
    if result["unpaid_called_paid"]:
        lines += ["Unpaid posts it called paid: "
                  + ", ".join(row["id"] for row in result["unpaid_called_paid"]) + ".", ""]
    return lines


def main() -> None:
    print("\n".join(report_lines(measure(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT))))


if __name__ == "__main__":
    main()

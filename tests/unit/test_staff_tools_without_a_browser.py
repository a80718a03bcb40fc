"""The staff's tools (issue 21), without a browser: the build's messages on the way (an unknown trade
once per file with the lines to add, the trades too short for a trade quiz, a YAML mistake that no
longer hides the rest of the file), the short answer form defined once, unpublished posts marked on
the sales-emails page, and `make publish-ids`. In Chromium: tests/browser/test_staff_tools.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from pathlib import Path

import lxml.html
import pytest

from sorting_quiz import published
from sorting_quiz.components.email_tools.email_snippets import (ANSWER_CODES, Campaign, answer_link, answer_link_format, build_snippets,
                                         compact_answer, read_compact_answer)
from sorting_quiz.loader import load_catalogue, load_rulebook
from sorting_quiz.model import Post, Quiz
from sorting_quiz.components.email_tools.render_emails import render_email_snippets
from sorting_quiz.trades import MIN_POSTS, short_trade_notes

ROOT = Path(__file__).resolve().parents[2]


def rulebook():
    return load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "quizzes"
    folder.mkdir(exist_ok=True)
    (folder / "garages.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return [str(problem) for problem in load_catalogue(folder, tmp_path, rulebook()).problems]


def garage_post(post_id: str, **changes: str) -> str:
    fields = {"platform": "facebook", "account": "Kiln Lane Motors, Stoke-on-Trent", "trade": "motoring",
              "text": "MOTs for £35 this month.", "paid": "false", "sells": "MOTs for £35", "answer": "marketing",
              "explanation": "It gives a price for an MOT."}
    fields.update(changes)
    lines = [f"  - id: {post_id}"] + [f"    {key}: {value}" for key, value in fields.items() if value is not None]
    return "\n".join(lines) + "\n"


def garages(*posts: str) -> str:
    return "title: Garages\nsummary: Posts from a garage.\nposts:\n" + "\n".join(posts)


# --- the build's messages ----------------------------------------------------------------------------


def test_a_new_trade_is_reported_once_per_file_with_the_lines_to_add(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, garages(*(garage_post(f"g-post-{n}") for n in range(5))))
    assert problems == [
        "quizzes/garages.yml:7: post 1 (g-post-0), trade: `motoring` is not a trade (also on lines 17, 27, 37 and "
        "47); if it is a new trade, add it at the end of includes/trades.yml as two lines, `- id: motoring` then "
        "`  name: Motoring`; or use one of: " + ", ".join(rulebook().trades)]


def test_a_misspelt_trade_is_not_offered_as_a_new_one(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, garages(garage_post("g-one", trade="pet")))
    assert len(problems) == 1 and "`pet` is not a trade; did you mean pets?" in problems[0], problems
    assert "add it at the end" not in problems[0]


def test_five_mistakes_with_a_yaml_one_among_them_are_all_listed(tmp_path: Path) -> None:
    """One post's indentation no longer hides the file's other problems (issue 21, item 5)."""
    text = garages(
        garage_post("g-mot-price", trade="food-and-drink"),
        garage_post("g-winter-check", trade="food-and-drink").replace("    account:", "     account:"),
        garage_post("g-boost", trade="food-and-drink", paid="true", answer="management").replace("account:", "acount:"),
        garage_post("g-team-news", trade="food-and-drink", sells=None, answer="marketting"),
        garage_post("g-tyres", trade="motoring"),
    )
    assert problems_of(tmp_path, text) == [
        "quizzes/garages.yml:16: YAML: `account:` is indented differently from the lines around it; line it up "
        "with the other fields at its level",
        "quizzes/garages.yml:24: post 3 (g-boost): `account` is missing; add `account:` to it",
        "quizzes/garages.yml:26: post 3 (g-boost): unknown field `acount`; did you mean `account`? allowed: id, "
        "platform, account, kind, original, text, paid, sells, answer, explanation, close_call, case, trade, "
        "context, image_description, older_reading",
        "quizzes/garages.yml:31: post 3 (g-boost), answer: the two questions make this marketing (paid: true: a "
        "paid post is marketing whatever it says); change the answer to marketing, or set paid: false if nobody "
        "paid to show it",
        "quizzes/garages.yml:40: post 4 (g-team-news), answer: `marketting` is not allowed; did you mean marketing? "
        "use one of: marketing, management",
        "quizzes/garages.yml:46: post 5 (g-tyres), trade: `motoring` is not a trade; if it is a new trade, add it "
        "at the end of includes/trades.yml as two lines, `- id: motoring` then `  name: Motoring`; or use one of: "
        + ", ".join(rulebook().trades),
    ]


def test_a_paid_post_with_the_wrong_answer_is_not_told_to_remove_sells(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, garages(garage_post("g-boost", trade="shops", paid="true", answer="management")))
    assert len(problems) == 1 and "a paid post is marketing whatever it says" in problems[0], problems
    assert "sells" not in problems[0].split(";", 1)[1], "removing `sells` would only give another error"


def test_a_yaml_mistake_above_the_posts_still_stops_the_reading_there(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "title: Garages\n summary: Posts.\nposts:\n" + garage_post("g-x", trade="x"))
    assert len(problems) == 1 and problems[0].startswith("quizzes/garages.yml:2: YAML:"), problems


def test_the_trades_too_short_for_a_trade_quiz_are_named_with_how_many_more(tmp_path: Path) -> None:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "garages.yml").write_text(garages(*(garage_post(f"g-{n}", trade="pets") for n in range(3))))
    catalogue = load_catalogue(folder, tmp_path, rulebook())
    assert catalogue.problems == []
    assert short_trade_notes(catalogue) == [
        f"The trade `pets` has 3 posts, too few for a trade quiz: add {MIN_POSTS - 3} more with `trade: pets` "
        "(in any quiz file) and the build makes one"]


# --- short answer links ------------------------------------------------------------------------------


def test_the_short_answer_form_is_defined_once_and_handed_to_the_quiz_script() -> None:
    for answer in ANSWER_CODES:
        assert read_compact_answer(compact_answer("g-mot-price", answer)) == ("g-mot-price", answer)
    for bad in ("g-mot-price", "g-mot-price.", ".mkt", "g-mot-price.marketing", ""):
        assert read_compact_answer(bad) is None, bad
    fmt = json.loads(answer_link_format())
    assert {fmt["codes"][code]: code for code in fmt["codes"]} == ANSWER_CODES
    script = (ROOT / "hooks" / "sorting_quiz" / "components" / "quiz" / "quiz.js").read_text(encoding="utf-8")
    assert "dataset.answerLink" in script
    assert not re.search(r"['\"](mkt|mgt)['\"]", script), "quiz.js reads the codes from the page, never its own"
    link = answer_link("https://example.co.uk/", "quizzes/basics/", "b-bakery-lemon-loaf", "marketing",
                       Campaign("sales-email", "email", "spring"))
    old_form = ("https://example.co.uk/quizzes/basics/?post=b-bakery-lemon-loaf&answer=marketing&utm_source=sales-email"
                "&utm_medium=email&utm_campaign=spring&utm_content=b-bakery-lemon-loaf-marketing#post-b-bakery-lemon-loaf")
    assert len(link) <= len(old_form) - 50, link


# --- the sales-emails page, without a browser -------------------------------------------------------


def snippets_for(quiz: Quiz):
    return build_snippets([quiz], {quiz.id: "quizzes/garages/"}, "https://example.co.uk/",
                          Campaign("sales-email", "email", "spring"))


GARAGE_QUIZ = Quiz(id="garages", title="Garages", summary="S.", source="quizzes/garages.yml", posts=(
    Post(id="g-mot-price", platform="facebook", account="Kiln Lane Motors, Stoke-on-Trent", trade="motoring",
         text="MOTs for £35 this month, book now.", paid=False, sells=("MOTs for £35",), answer="marketing",
         explanation="A price."),
    Post(id="g-winter-check", platform="facebook", account="Kiln Lane Motors, Stoke-on-Trent", trade="motoring",
         text="Frosty out there! Leave extra time this morning.", paid=False, answer="management",
         explanation="Small talk."),
))


def test_two_posts_of_one_account_can_be_told_apart_and_unpublished_ones_are_marked() -> None:
    import xml.etree.ElementTree as etree
    holder = render_email_snippets(etree.Element("div"), snippets_for(GARAGE_QUIZ), "staff/sales-emails/",
                                   {"motoring": "Motoring"}, published={"g-mot-price"})
    html = etree.tostring(holder, encoding="unicode")
    root = lxml.html.fromstring(html)
    headings = [h.text_content() for h in root.xpath("//section[@class='email-snippet']/h3")]
    assert headings == ["Kiln Lane Motors, Stoke-on-Trent: “MOTs for £35 this month, book now.”",
                        "Kiln Lane Motors, Stoke-on-Trent: “Frosty out there! Leave extra time this morning.”"]
    metas = [" ".join(p.text_content().split()) for p in root.xpath("//p[@class='email-snippet__meta']")]
    assert metas == ["On Facebook. Quiz: Garages · Trade: Motoring · id g-mot-price",
                     "On Facebook. Quiz: Garages · Trade: Motoring · id g-winter-check"]
    marks = {section.get("data-snippet"): section.xpath(".//p[@class='email-snippet__unpublished']")
             for section in root.xpath("//section[@class='email-snippet']")}
    assert marks["g-mot-price"] == []
    assert [p.text_content() for p in marks["g-winter-check"]] == [
        "Not published yet: run make publish-ids when this email goes out."]
    finder = root.xpath("//ul[@class='email-finder__list']/li")
    assert [li.xpath("a/@href")[0] for li in finder] == ["#email-garages--g-mot-price", "#email-garages--g-winter-check"]
    assert "not published yet" in finder[1].text_content() and "not published yet" not in finder[0].text_content()


def test_publish_ids_says_what_it_added(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for part in ("includes",):
        subprocess.run(["cp", "-r", str(ROOT / part), str(tmp_path / part)], check=True)
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "garages.yml").write_text(garages(garage_post("g-1", trade="shops"),
                                                              garage_post("g-2", trade="shops")))
    (tmp_path / "docs" / "quizzes").mkdir(parents=True)  # sent links go to the page that shows the quiz
    (tmp_path / "docs" / "quizzes" / "garages.md").write_text("# Garages\n\n/// quiz | garages\n///\n")
    (tmp_path / "quizzes" / "published-posts.txt").write_text("g-1 garages quizzes/garages/\n")
    assert published.main(["--update", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == \
        "Added or filled in 1 line of quizzes/published-posts.txt: g-2 garages quizzes/garages/"
    assert published.main(["--update", "--root", str(tmp_path)]) == 0
    assert "every post was listed already" in capsys.readouterr().out

"""The staff guide (docs/staff/writing-quizzes.md) shows real build output, and a full example that loads.

Under "What the errors look like" the guide quotes a whole `make build` run on broken quiz files,
then a table of message parts with what to do. The broken files are kept here, so every message
the guide quotes is checked against what the loader says today, and the two cannot drift apart:
change a message in the loader, and this fails until the guide is updated (re-run the files
below through the loader and paste the new output).
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from sorting_quiz import published
from sorting_quiz.loader import Catalogue, load_catalogue, load_rulebook
from sorting_quiz.model import KINDS, KINDS_NEEDING_ORIGINAL, PLATFORMS
from support.projects import build, copy_project

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "staff" / "writing-quizzes.md"
SCHEMA = json.loads((ROOT / "quizzes" / "quiz.schema.json").read_text(encoding="utf-8"))
HARD_CASES = yaml.safe_load((ROOT / "includes" / "hard-cases.yml").read_text(encoding="utf-8"))
TRADES = yaml.safe_load((ROOT / "includes" / "trades.yml").read_text(encoding="utf-8"))
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "quizzes", "includes", "overrides")

# The broken files behind the guide's listing: its full example with more posts, each broken on
# purpose, four small quiz files, and a page with a self-check that names a post wrongly.
BROKEN = {
    "quizzes/hair-salons.yml": """\
        # yaml-language-server: $schema=./quiz.schema.json
        title: Hair salons
        summary: Posts from a hair salon in Cardiff, with mistakes in them.
        posts:
          - id: hs-autumn-offer
            platform: instagram
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            text: |
              Autumn glow-up time 🍂 £10 off any colour booked this week.
              Tap the link in our bio to book!
            paid: false
            sells: [£10 off any colour, book online]
            answer: marketing
            explanation: It offers money off a colour and asks you to book.

          - id: hs-balayage-reply
            platform: facebook
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            kind: reply
            text: Hi Bethan! Yes, we do. Balayage starts at £85.
            paid: false
            sells: Balayage starts at £85
            answer: marketing
            explanation: This reply gives a price, so its own words sell.

          - id: hs-like-bride
            platform: instagram
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            kind: like
            original:
              account: "@cardiff.bride"
              image_description: A bride with a braided updo.
            text: Gorgeous!
            paid: false
            answer: management
            explanation: A like has no words of its own.

          - id: hs-team-birthday
            platform: facebook
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            case: team-news
            text: Happy birthday to our lovely Megan! 🎂
            paid: false
            answer: management
            explanation: It is team news. It names no cut, colour, price or booking.

          - id: hs-kids-cuts
            platform: facebook
            account: Snip & Shine, Cardiff
            trade: hair-beauty
            text: Kids' cuts £12 every Saturday morning.
            paid: false
            sells: Kids' cuts £12
            answer: marketing
            explanation: It gives a price for a cut.

          - id: hs-google-offer
            platform: google
            kind: offer
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            text: 20% off all blow-dries this week.
            paid: true
            sells: 20% off all blow-dries
            answer: marketing
            explanation: An offer on a service the salon sells.

          - id: hs-mirror-meme
            platform: tiktok
            kind: video
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            text: "Me pretending to love my fringe 😂"
            paid: true
            answer: management
            explanation: It is a joke that sells nothing.

          - id: hs-fringe-tip
            platform: instagram
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            case: how-to
            text: Top tip! Trim a fringe when it is dry, never wet.
            paid: false
            answer: marketing
            explanation: It is a tip about hair.

          - id: hs-new-stylist
            platform: facebook
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            case: team-new
            text: Welcome to Ffion, who joins the team on Monday!
            paid: false
            answer: management
            explanation: Team news sells nothing.
            close_call: Some would call any post about the salon marketing.

          - id: hs-gift-voucher
            platform: instagram
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            text: Gift vouchers from £20, in the salon now.
            paid: false
            sells: Gift vouchers from £20
            answer: marketting
            explanation: It sells vouchers.

          - id: hs-rainy-day
            platform: x
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            text: Rain again in Cardiff ☔ Stay dry out there!
            paid: false
            answer: management
            explantion: Small talk that sells nothing.

          - id: hs-closed-monday
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            kind: status
            text: Closed on Monday for the bank holiday.
            paid: false
            answer: management
            explanation: A notice that invites no one in to buy.

          - id: hs-autumn-offer
            platform: threads
            account: Snip & Shine, Cardiff
            trade: hair-and-beauty
            text: Rain, rain, go away 🌧️
            paid: false
            answer: management
            explanation: Small talk that sells nothing.
        """,
    "quizzes/salons.yml": """\
        title: Salons
        summary: A quiz with no posts yet.
        posts:
        """,
    # A tab where the account line should be indented with spaces.
    "quizzes/spa.yml": "title: Spa days\nsummary: Posts from a spa.\nposts:\n  - id: sp-hot-stones\n"
                       "    platform: facebook\n\taccount: Bay Spa, Tenby\n",
    "quizzes/barbers.yml": """\
        title: Barbers
        summary: Three posts from a barber in Belfast.
        posts:
          - id: bb-fade-price
            platform: instagram
            account: Sharp Lines, Belfast
            trade: hair-and-beauty
            text: Skin fades £18, walk-ins welcome.
            paid: false
            sells: [Skin fades £18, walk-ins welcome]
            answer: marketing
            explanation: It gives a price for a cut.

          - id: bb-match-day
            platform: x
            account: Sharp Lines, Belfast
            trade: hair-and-beauty
            text: Big match tonight ⚽ Who are you backing?
            paid: false
            answer: management
            explanation: Chat about football sells nothing.

          - id: bb-thanks-reply
            platform: facebook
            account: Sharp Lines, Belfast
            trade: hair-and-beauty
            kind: reply
            case: reply
            original:
              account: Conor Byrne
              text: Best cut I've had in years.
            text: Cheers Conor, see you next time!
            paid: false
            answer: management
            explanation: A thank-you that offers nothing for sale.
        """,
    "quizzes/nail-bar.yml": """\
        title: Nail bars
        summary: Posts from a nail bar.
        posts:
          - id: bb-fade-price
            platform: tiktok
            kind: video
            account: Polished, Newport
            trade: hair-and-beauty
            text: Gel nails £25 this week.
            paid: false
            sells: Gel nails £25
            answer: marketing
            explanation: It gives a price.
        """,
    "docs/quizzes/barbers.md": """\
        ---
        description: Three posts from a barber in Belfast. Sort each one into marketing or management, and see the reason for every answer.
        ---

        # Barbers

        /// quiz | barbers
            posts: [bb-fade-price, bb-match-day, bb-thanks-replies]
        ///
        """,
}

# Each line of the guide's listing, by the mistake it shows. Every new field's mistake is here.
LISTED = {
    "self-check-unknown-post": "docs/quizzes/barbers.md:8: quiz block: there is no post `bb-thanks-replies` in "
                               "quizzes/barbers.yml",
    "sells-not-in-post": "quizzes/hair-salons.yml:13: post 1 (hs-autumn-offer), sells: “book online” is not in the "
                         "post's text",
    "reply-without-original": "quizzes/hair-salons.yml:17: post 2 (hs-balayage-reply): a reply needs `original:`",
    "like-with-text": "quizzes/hair-salons.yml:36: post 3 (hs-like-bride), text: a like has no words of its own",
    "close-call-without-close_call": "quizzes/hair-salons.yml:45: post 4 (hs-team-birthday), close_call: the hard "
                                     "case `team-news` is a close call",
    "unknown-trade": "quizzes/hair-salons.yml:54: post 5 (hs-kids-cuts), trade: `hair-beauty` is not a trade",
    "paid-google-post": "quizzes/hair-salons.yml:67: post 6 (hs-google-offer), paid: Google Business Profile posts "
                        "cannot be paid for",
    "paid-answered-management": "quizzes/hair-salons.yml:79: post 7 (hs-mirror-meme), answer: the two questions "
                                "make this marketing (paid: true: a paid post is marketing whatever it says)",
    "no-sells-answered-marketing": "quizzes/hair-salons.yml:89: post 8 (hs-fringe-tip), answer: the two questions "
                                   "make this management (paid: false, there is no `sells`)",
    "unknown-hard-case": "quizzes/hair-salons.yml:96: post 9 (hs-new-stylist), case: `team-new` is not a hard case",
    "misspelt-answer": "quizzes/hair-salons.yml:110: post 10 (hs-gift-voucher), answer: `marketting` is not allowed",
    "missing-field": "quizzes/hair-salons.yml:113: post 11 (hs-rainy-day): `explanation` is missing",
    "unknown-field": "quizzes/hair-salons.yml:120: post 11 (hs-rainy-day): unknown field `explantion`",
    "missing-platform": "quizzes/hair-salons.yml:122: post 12 (hs-closed-monday): `platform` is missing",
    "id-twice-in-a-file": "quizzes/hair-salons.yml:131: post 13 (hs-autumn-offer): the id `hs-autumn-offer` is "
                          "already used by the post on line 5",
    "id-in-another-quiz": "quizzes/nail-bar.yml:4: post (bb-fade-price): the id `bb-fade-price` is already used in "
                          "quizzes/barbers.yml:4",
    "no-posts": "quizzes/salons.yml:3: posts: the quiz has no posts",
    "tab": "quizzes/spa.yml:6: YAML: found a tab character that violates indentation; use spaces to indent",
}


def quiz(post: str, top: str = "") -> str:
    """A one-post quiz file around `post` (written at the indent of a post's fields)."""
    return "title: Tea room\nsummary: One post.\n" + top + "posts:\n  - id: tr-notice\n" + \
        textwrap.indent(textwrap.dedent(post), "    ")


# A post with nothing wrong in it: the mistakes below that are not in the post itself use it.
CLOSED_TODAY = """\
    platform: facebook
    account: Tea Room, Conwy
    text: Closed today.
    paid: false
    answer: management
    explanation: A notice.
    """

# The guide's second table: mistakes not in the listing, each with a small broken file here.
# (the part of the message the guide quotes, the files, the whole message the build gives)
MORE = {
    "text-missing": (
        "`text` is missing; add `text:` with the business's own words",
        {"quizzes/tea-room.yml": quiz("""\
            platform: facebook
            account: Tea Room, Conwy
            paid: false
            answer: management
            explanation: A notice.
            """)},
        "quizzes/tea-room.yml:4: post 1 (tr-notice): `text` is missing; add `text:` with the business's own words",
    ),
    "original-on-a-story": (
        "has no original; `original:` is for a reply",
        {"quizzes/tea-room.yml": quiz("""\
            platform: instagram
            kind: story
            account: Tea Room, Conwy
            original:
              account: "@jo_bakes"
              text: Lovely scones!
            text: Scones are out of the oven.
            paid: false
            sells: Scones
            answer: marketing
            explanation: It puts its scones in front of people.
            """)},
        "quizzes/tea-room.yml:8: post 1 (tr-notice), original: a story has no original; `original:` is for a reply, "
        "repost, share, like or message",
    ),
    "original-without-text-or-picture": (
        "needs `text:` (what they wrote) or `image_description:`",
        {"quizzes/tea-room.yml": quiz("""\
            platform: facebook
            kind: share
            account: Tea Room, Conwy
            original:
              account: Conwy Town Council
            paid: false
            answer: management
            explanation: It passes on the council's news.
            """)},
        "quizzes/tea-room.yml:9: post 1 (tr-notice), original: needs `text:` (what they wrote) or "
        "`image_description:` (what their picture shows)",
    ),
    "colon-in-a-value": (
        "mapping values are not allowed",
        {"quizzes/tea-room.yml": quiz("""\
            platform: facebook
            account: Tea Room, Conwy
            text: Note: we close at 4 today.
            paid: false
            answer: management
            explanation: A notice.
            """)},
        "quizzes/tea-room.yml:7: YAML: mapping values are not allowed in this context; text with a colon in it "
        "(like `Note: ...`) must go in quotes, or after `>-` on its own lines",
    ),
    "value-starts-with-at": (
        "found character that cannot start any token",
        {"quizzes/tea-room.yml": quiz("""\
            platform: x
            account: @tearoom_conwy
            text: Closed today.
            paid: false
            answer: management
            explanation: A notice.
            """)},
        "quizzes/tea-room.yml:6: YAML: found character that cannot start any token; text starting with * & ! % @ "
        "or ` must go in quotes",
    ),
    "true-or-false-in-quotes": (
        "in quotes is text; write true or false without quotes",
        {"quizzes/tea-room.yml": quiz("""\
            platform: facebook
            account: Tea Room, Conwy
            text: Closed today.
            paid: "false"
            answer: management
            explanation: A notice.
            """)},
        'quizzes/tea-room.yml:8: post 1 (tr-notice), paid: "false" in quotes is text; write true or false '
        "without quotes",
    ),
    "bad-id": (
        "is not a valid id",
        {"quizzes/tea-room.yml": quiz(CLOSED_TODAY).replace("id: tr-notice", "id: TR_Notice")},
        "quizzes/tea-room.yml:4: post 1 (TR_Notice), id: `TR_Notice` is not a valid id; use lower-case letters, "
        "digits and single hyphens, like bakery-lemon-loaf (at most 60 characters)",
    ),
    "unknown-email-post": (
        "email_posts: there is no post with the id",
        {"quizzes/tea-room.yml": quiz(CLOSED_TODAY, top="email_posts: [tr-notise]\n")},
        "quizzes/tea-room.yml:3: email_posts: there is no post with the id `tr-notise` in this quiz; "
        "use one of: tr-notice",
    ),
    "empty-field": (
        "is empty; write some text after the colon",
        {"quizzes/tea-room.yml": quiz("""\
            platform: facebook
            account: Tea Room, Conwy
            text:
            paid: false
            answer: management
            explanation: A notice.
            """)},
        "quizzes/tea-room.yml:7: post 1 (tr-notice), text: is empty; write some text after the colon",
    ),
    "no-such-quiz": (
        "there is no quiz",
        {"docs/quizzes/tea-room.md": "# Tea room\n\n/// quiz | tea-rooms\n///\n"},
        "docs/quizzes/tea-room.md:3: quiz block: there is no quiz `tea-rooms` (no quizzes/tea-rooms.yml); "
        "quizzes that exist: ",
    ),
    "key-out-of-line": (
        "is indented differently from the lines around it",
        {"quizzes/tea-room.yml": quiz("""\
            platform: facebook
             account: Tea Room, Conwy
            text: Closed today.
            paid: false
            answer: management
            explanation: A notice.
            """)},
        # Not "mapping values are not allowed in this context": that names YAML's workings, not the fix.
        "quizzes/tea-room.yml:6: YAML: `account:` is indented differently from the lines around it; line it up "
        "with the other fields at its level",
    ),
    "paid-with-sells-answered-management": (
        "a paid post is marketing whatever it says",
        {"quizzes/tea-room.yml": quiz("""\
            platform: facebook
            account: Tea Room, Conwy
            text: Scones are out of the oven.
            paid: true
            sells: Scones
            answer: management
            explanation: A notice.
            """)},
        # Never "remove `sells`": a paid post would still be marketing, and that only gives another error.
        "quizzes/tea-room.yml:10: post 1 (tr-notice), answer: the two questions make this marketing (paid: true: "
        "a paid post is marketing whatever it says); change the answer to marketing, or set paid: false if nobody "
        "paid to show it",
    ),
    "published-post-gone": (
        "is in no quiz any more, but sent emails may link to it",
        {"quizzes/tea-room.yml": quiz(CLOSED_TODAY),
         "quizzes/published-posts.txt": "tr-notice\ntr-scones\n"},
        "quizzes/published-posts.txt:2: the post `tr-scones` is in no quiz any more, but sent emails may link to it "
        "(#post-tr-scones). Put the post back in its quiz file; or, if no email links to it, delete line 2 of "
        "quizzes/published-posts.txt.",
    ),
}


def section(heading: str) -> str:
    """The guide's text under `## heading`, up to the next `## ` heading."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start:] if end == -1 else text[start:end]


def code_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)


def errors_section() -> str:
    return section("What the errors look like")


def guide_listing() -> str:
    blocks = code_blocks(errors_section(), "text")
    assert len(blocks) == 1, "the errors section has one listing, in a ```text block"
    return blocks[0].rstrip("\n")


def table_rows(text: str) -> list[list[str]]:
    """Each table row's cells (header and divider rows left out). Pipes inside `code` stay in the cell."""
    rows = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        divider = lambda other: set(other) <= {"|", "-", " "}  # noqa: E731
        if not line.startswith("| ") or divider(line) or (number + 1 < len(lines) and divider(lines[number + 1])
                                                          and lines[number + 1].startswith("|")):
            continue
        cells, cell, in_code = [], "", False
        for char in line.strip()[1:]:
            if char == "`":
                in_code = not in_code
            if char == "|" and not in_code:
                cells.append(cell.strip())
                cell = ""
            else:
                cell += char
        rows.append(cells)
    return rows


def quoted(cell: str) -> str:
    """The message part a table cell quotes: `text`, or ``text with `ticks` ``."""
    match = re.fullmatch(r"``\s?(.*?)\s?``|`([^`]*)`", cell)
    assert match, f"not a quoted message: {cell}"
    return match.group(1) if match.group(1) is not None else match.group(2)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if "\t" not in text else text, encoding="utf-8")


def load(root: Path) -> Catalogue:
    """The catalogue of `root`'s quizzes, checked against the site's own hard cases and trades."""
    rulebook = load_rulebook(ROOT / "includes" / "hard-cases.yml", ROOT / "includes" / "trades.yml", ROOT)
    return load_catalogue(root / "quizzes", root, rulebook)


def build_with(project: Path, files: dict[str, str]) -> str:
    """`mkdocs build --strict` on a copy of the site with `files` added: what it prints."""
    copy_project(project, PROJECT_PARTS)
    write(project, files)
    result = build(project)
    assert result.returncode != 0, "the build should stop"
    return result.stdout + result.stderr


def build_error(output: str) -> str:
    """The build's list of problems, as the guide shows it: from ERROR to "Fix these, then build again."."""
    match = re.search(r"^ERROR .*?^Fix these, then build again\.$", output, flags=re.DOTALL | re.MULTILINE)
    assert match, f"the build gave no list of problems:\n{output}"
    return match.group(0)


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_error(build_with(tmp_path_factory.mktemp("guide"), BROKEN))


def test_the_guide_shows_what_the_build_says_for_its_broken_files(broken_build: str) -> None:
    assert guide_listing() == broken_build, (
        "the guide's listing under 'What the errors look like' is not what `make build` says for the broken "
        "files in this test; paste the build's output into the guide")


@pytest.mark.parametrize("start", LISTED.values(), ids=LISTED.keys())
def test_each_listed_mistake_gives_its_message(broken_build: str, start: str) -> None:
    matching = [line for line in broken_build.splitlines() if line.startswith(f"  {start}")]
    assert len(matching) == 1, f"the build no longer says {start!r}; it says:\n{broken_build}"
    assert f"{matching[0]}\n" in guide_listing() + "\n"


def test_the_listing_shows_every_mistake_named_here(broken_build: str) -> None:
    assert broken_build.startswith(f"ERROR   -  {len(LISTED)} problems with quizzes:\n"), (
        "each broken post or file shows one mistake, named in LISTED")


@pytest.mark.parametrize(("part", "files", "message"), MORE.values(), ids=MORE.keys())
def test_each_further_mistake_gives_its_message(tmp_path: Path, part: str, files: dict[str, str],
                                                message: str) -> None:
    if any(name.startswith("docs/") for name in files):  # a page's quiz block: checked by the build
        produced = [line.strip() for line in build_error(build_with(tmp_path, files)).splitlines()[1:-1]]
        # It goes on to list the site's own quizzes, which change as quizzes are added.
        produced = [line[: len(message)] if line.startswith(message) else line for line in produced]
    else:
        write(tmp_path, files)
        catalogue = load(tmp_path)
        produced = [str(problem) for problem in catalogue.problems]
        if "quizzes/published-posts.txt" in files:
            produced += published.check(tmp_path, catalogue)
    assert produced == [message]
    assert part in message
    assert part in [quoted(row[0]) for row in table_rows(errors_section())], f"the guide's table lacks `{part}`"


def test_every_message_the_tables_quote_is_a_real_one() -> None:
    listing = guide_listing()
    further = [part for part, _, _ in MORE.values()]
    rows = table_rows(errors_section())
    assert rows, "the errors section has tables of what each message means"
    for row in rows:
        part = quoted(row[0])
        assert part in listing or part in further, (
            f"the guide quotes `{part}`, which is neither in its listing nor tested in MORE")


def test_the_full_example_is_a_quiz_that_loads(tmp_path: Path) -> None:
    blocks = code_blocks(section("A full example"), "yaml")
    assert len(blocks) == 1
    source = blocks[0]
    write(tmp_path, {"quizzes/hair-salons.yml": source})
    catalogue = load(tmp_path)
    assert [str(problem) for problem in catalogue.problems] == []
    jsonschema.validate(yaml.safe_load(source), SCHEMA)
    posts = catalogue.quizzes["hair-salons"].posts
    assert any(post.kind == "reply" and post.original and post.sells for post in posts), (
        "it shows a reply with its original and sells words")
    assert any(post.kind == "like" and post.original and post.text is None for post in posts), "it shows a like"
    assert any(post.kind == "post" and post.sells for post in posts), "it shows a plain post that sells"
    assert any(post.close_call for post in posts), "it shows a close call"


def test_the_self_check_example_names_three_real_posts() -> None:
    examples = [match for text in code_blocks(section("Putting a quiz on a page"), "text")
                if (match := re.search(r"^/// quiz \| (\S+)\n(?:    \w+: .*\n)*?    posts: \[(.*)\]\n", text, re.M))]
    assert len(examples) == 1, "the guide shows one self-check, with a `posts:` line"
    quiz_id, post_ids = examples[0].group(1), [post_id.strip() for post_id in examples[0].group(2).split(",")]
    quiz = load(ROOT).quizzes.get(quiz_id)
    assert quiz is not None, f"the self-check example names the quiz `{quiz_id}`, which does not load"
    assert len(post_ids) == 3 and all(quiz.post(post_id) for post_id in post_ids), (
        f"the self-check example's posts are not all in quizzes/{quiz_id}.yml: {post_ids}")


def test_the_guide_lists_every_hard_case_and_trade() -> None:
    choosing = section("Choosing the answer")
    cases = [row for row in table_rows(choosing) if row and row[0].startswith("[`")]
    assert [(re.match(r"\[`([^`]+)`\]\(\.\./difference\.md#case-\1\)", row[0]).group(1), row[1], row[2])
            for row in cases] == [(case["id"], case["case"], "Yes" if case["close_call"] else "No")
                                  for case in HARD_CASES]
    close = re.search(r"(\w+) hard cases are close calls: (.*?)\.\n", choosing)
    assert close, "the close calls section names them"
    close_calls = [case["id"] for case in HARD_CASES if case["close_call"]]
    assert re.findall(r"`([^`]+)`", close.group(2)) == close_calls
    numbers = ("Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve")
    assert close.group(1) == numbers[len(close_calls) - 2], "the guide counts the close calls wrongly"
    fields = section("The fields of a post")
    trade_row = next(row for row in table_rows(fields) if row[0] == "`trade`")
    assert re.findall(r"`([^`]+)`", trade_row[3]) == [trade["id"] for trade in TRADES]


def test_the_guide_gives_each_platform_its_paid_label_and_each_kind_its_needs() -> None:
    fields = section("The fields of a post")
    platforms = {row[0].strip("`"): row[2] for row in table_rows(fields)
                 if len(row) == 3 and row[0].strip("`") in PLATFORMS}
    assert platforms == {platform: info.paid_label or "None: these posts cannot be paid for"
                         for platform, info in PLATFORMS.items()}
    kinds = {row[0].strip("`"): (row[2], row[3]) for row in table_rows(fields)
             if len(row) == 4 and row[0].strip("`") in KINDS}
    assert sorted(kinds) == sorted(KINDS), "every kind is listed"
    for kind, (original, text) in kinds.items():
        what_original, own_text = KINDS[kind]
        assert original.startswith("Yes" if kind in KINDS_NEEDING_ORIGINAL else "If" if what_original else "No"), kind
        assert text.startswith({"required": "Yes", "optional": "Only if", "absent": "No"}[own_text]), kind


# --- the guide's length: a quick start to read, then reference to look things up -------------------

QUICK_START_WORDS = 300
REFERENCE_WORDS = 2500


def prose_words(markdown: str) -> int:
    """Words a reader reads: code blocks (commands, files, the build's output) and the front matter left out."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    body = re.sub(r"^\s*```.*?^\s*```\s*$", "", body, flags=re.DOTALL | re.MULTILINE)
    return len(re.findall(r"[\w£`'’.…/@:-]*\w[\w£`'’.…/@:-]*", body))


def test_the_guide_opens_with_a_short_quick_start_then_short_reference() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    quick = section("Quick start")
    assert text.index("\n## Quick start\n") < text.index("\n## ", text.index("# Writing quizzes")) + 1, (
        "the quick start is the guide's first section")
    assert prose_words(quick) <= QUICK_START_WORDS, f"the quick start has {prose_words(quick)} words"
    rest = prose_words(text) - prose_words(quick)
    assert rest <= REFERENCE_WORDS, f"the guide's reference part has {rest} words, over {REFERENCE_WORDS}"
    for command in ("make new-quiz ID=", "make serve-staff", "make publish-ids", "Copy link",
                    "http://127.0.0.1:8001/staff/sales-emails/"):
        assert command in quick, f"the quick start does not name {command}"
    assert "make serve\n" not in quick and "make serve`" not in quick, (
        "the quick start must preview with make serve-staff: make serve has no staff pages")

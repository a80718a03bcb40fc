"""What "Check your own post" looks for in the post an owner types in: the words question 1 and
question 2 look for. One list, read by post-spotter.js (the page carries it as JSON in an
attribute, see post_checker.py) and by the tests and `make bench`, which run the real script on every quiz
post through `spot_in_node`.

The spotter is a hint, not the judge: it finds words, shows them, and suggests an answer the
owner confirms or changes. It cannot see a picture, and it cannot tell whether a word names
something this business sells ("our Welsh cakes"): naming is enough for question 2, so a post
with nothing found can still be marketing.

How an entry is written (post-spotter.js turns it into a pattern):
- a word or phrase, matched as whole words, upper or lower case ("free" is not in "freezer",
  "shop now" is not in "workshop now"); spaces match any spaces or a hyphen ("half price");
- `{n}` is a number ("£{n}" is "£3" or "£1.50"; "{n}p" is "50p" but never the "p" of "pop");
- a `*` at the end allows any ending ("voucher*": voucher, vouchers);
- `exact` entries must match upper and lower case as written (the platform label "Ad", never
  the "ad" in "add" or "ad hoc");
- `ignore` phrases hide what is inside them ("feel free" is not an offer).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from ...facts import MANAGEMENT, MARKETING

SCRIPT = Path(__file__).parent / "post-spotter.js"


@dataclass(frozen=True)
class Kind:
    kind: str  # paid, price, offer, stock or act
    name: str  # in a sentence: "We found a price"
    question: int  # the question it bears on
    words: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


# In the order they suggest an answer: a paid label first (question 1), then an offer before a price
# ("2 for £3, or £2 each" is an offer), stock news, and a call to buy (question 2).
KINDS = (
    Kind("paid", "a paid label", 1,
         # The labels platforms put on paid posts (model.PLATFORMS), and the tags a paid creator must use.
         words=("#ad", "#advert", "#advertisement", "#sponsored", "#paidpartnership", "#gifted", "paid partnership"),
         exact=("Sponsored", "Promoted", "Ad")),
    Kind("offer", "an offer or deal", 2,
         words=("{n}% off", "{n} for {n}", "{n} for £{n}", "two for one", "buy one get one*", "bogof", "half price",
                "free", "sale", "deal*", "voucher*", "discount*", "offer*", "giveaway*", "prize*",
                # Tied to sales: "10% of today's takings go to the hospice".
                "{n}% of everything", "{n}% of sales", "{n}% of takings", "{n}% of today's takings"),
         ignore=("feel free", "free to ask", "free time", "free-range", "fragrance free", "free parking")),
    Kind("price", "a price", 2,
         words=("£{n}", "from £{n}", "{n}p", "{n} pence", "price list", "prices", "price", "priced at"),
         ignore=("£{n} raised", "raised £{n}", "raised over £{n}")),  # money for a good cause is no price
    Kind("stock", "news of your stock", 2,
         words=("sold out", "back in stock", "in stock", "out of stock", "restocked", "new in", "just in",
                "new batch", "fresh batch")),
    Kind("act", "a call to buy, book, order or come in", 2,
         words=("book", "book in", "book now", "book yours", "booking", "bookings", "order*", "buy",
                "shop now", "shop online", "shop our", "shop the", "shop with us", "shop local", "shop small",
                "shopping", "call us", "ring us", "phone us", "DM us", "message us", "link in bio", "pop in",
                "pop into", "pop by", "pop down", "pop over", "get yours", "grab yours", "get a quote",
                "come and see us", "visit us", "in store", "online now"),
         ignore=("in order to", "out of order")),
)


def spotter_words() -> dict:
    """The lists as post-spotter.js reads them."""
    return {"kinds": [asdict(kind) for kind in KINDS],
            # What words found suggest, and what finding none does (facts.py's answers).
            "suggests": {"found": MARKETING, "none": MANAGEMENT}}


def spotter_json() -> str:
    """The lists as the page carries them: JSON in the checker's `data-spotter-words` attribute."""
    return json.dumps(spotter_words(), ensure_ascii=False, separators=(",", ":"))


class NodeMissing(RuntimeError):
    pass


# Runs post-spotter.js on every text: {"words": ..., "texts": [...]} in, what it finds in each out.
_RUNNER = """
const spotter = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(input.texts.map(text => {
  const found = spotter.spot(text, input.words);
  return { found, suggests: spotter.suggests(found, input.words) };
})));
"""


def spot_in_node(texts: list[str], script: Path = SCRIPT) -> list[dict]:
    """The real post-spotter.js, run in Node on each text: for each, `found` (the words found, in
    order, as {"kind", "text", "start", "end"}) and `suggests` (marketing or management). For the
    tests and `make bench`; the site never runs Node."""
    node = shutil.which("node")
    if node is None:
        raise NodeMissing("Node.js is needed to run post-spotter.js outside a browser: install nodejs")
    result = subprocess.run([node, "-e", _RUNNER, str(script)], input=json.dumps(
        {"words": spotter_words(), "texts": texts}), capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"post-spotter.js failed in Node:\n{result.stderr}")
    return json.loads(result.stdout)

"""Posts typed to test the post checker's spotter (hooks/sorting_quiz/components/post_checker/post-spotter.js), each
with what it should find: what counts as a word ("Ad" but not "Add", "50p" but not "pop").

Used by tests/unit/test_post_spotter.py (the source script) and tests/build/test_post_spotter_build.py
(the minified script in the built site).
"""

TYPED = [
    # The issue's own post: an offer with a price in it is one offer, "2 for £3".
    ("Fresh doughnuts today, 2 for £3!", [("offer", "2 for £3")]),
    # Question 1: the platforms' labels as written, and the tags a paid creator uses.
    ("Sponsored", [("paid", "Sponsored")]),
    ("Promoted · We're hiring in Leeds", [("paid", "Promoted")]),
    ("Ad · Moving home in Edinburgh?", [("paid", "Ad")]),
    ("Loving this cream from @glenskin #ad", [("paid", "#ad")]),
    ("Thanks @pawprintpantry #gifted #AD", [("paid", "#gifted"), ("paid", "#AD")]),
    ("Paid partnership with Glen Skin", [("paid", "Paid partnership")]),
    # ...and never a word that only looks like one.
    ("Add a photo to your comment, and #adventure awaits", []),
    ("Our team had an ad hoc picnic", []),
    ("Amy was promoted to head chef! We sponsored the under-10s' kit too.", []),
    # Prices: £ and a number, "from £", a number and p.
    ("Flat-rate moves from £295", [("price", "from £295")]),
    ("Brownies 50p each, or £1.50 for a box", [("price", "50p"), ("price", "£1.50")]),
    ("Pop in at 2pm", [("act", "Pop in")]),  # 2pm is a time, and "pop" is no price
    ("Our prices go up in March", [("price", "prices")]),
    ("£1,240 raised for the hospice so far!", []),  # money for a good cause is no price
    # Offers.
    ("20% off all candles this weekend", [("offer", "20% off")]),
    ("Free author talk on Saturday", [("offer", "Free")]),
    ("Feel free to ask, and check the freezer and the freebies", []),
    ("Wholesale enquiries only", []),
    ("Great deals, and gift vouchers in store", [("offer", "deals"), ("offer", "vouchers"), ("act", "in store")]),
    ("Half-price chips on Monday", [("offer", "Half-price")]),
    ("10% of everything we sell goes to the food bank", [("offer", "10% of everything")]),
    # Stock.
    ("SOLD OUT of strawberries, back in stock tomorrow", [("stock", "SOLD OUT"), ("stock", "back in stock")]),
    # Calls to act: whole words and set phrases.
    ("Book now, or order online", [("act", "Book now"), ("act", "order")]),
    ("If you're booked in, Owain will ring you by 10am.", []),
    ("In order to help, we close at 4.", []),
    ("Call us, DM us or tap the link in bio", [("act", "Call us"), ("act", "DM us"), ("act", "link in bio")]),
    # "shop": the verb in a call to act, never the noun, nor "workshop": the shop itself is where
    # notices send people ("back in the shop on Tuesday") as often as sales do.
    ("Shop now for Christmas", [("act", "Shop now")]),
    ("Open late Thursday for Christmas shopping", [("act", "shopping")]),
    ("Our pottery workshop is full, see you at the shop", []),
    # Text that looks like markup is only text.
    ("<b>£5</b> & <script>alert(1)</script>", [("price", "£5")]),
    ("", []),
]

"""The two screen sizes every browser test uses, in CSS pixels, in one place.

    PHONE     390 x 844, an iPhone 12 to 15: most readers arrive on a phone, from an email
    DESKTOP   1280 x 900, a laptop
    SIZES     {"phone": PHONE, "desktop": DESKTOP}, for tests parametrised by size name

tests/conftest.py (Playwright's Chromium) and tests/test_engines.py (Chromium, Firefox and
WebKit through Selenium) both read them here.
"""

from __future__ import annotations

PHONE = (390, 844)
DESKTOP = (1280, 900)
SIZES: dict[str, tuple[int, int]] = {"phone": PHONE, "desktop": DESKTOP}

#!/usr/bin/env bash
# What `make test` needs besides Python and npm packages: the known fonts (tests/support/fonts.py) and the
# three browser engines with their WebDriver (tests/support/engines.py). Quick when all is present.
# As root on Debian it installs what is missing from Debian's packages; anywhere else it names
# what to install, and the tests that need it are skipped with that reason.
set -euo pipefail

packages=(
  fonts-liberation fonts-dejavu-core fonts-noto-color-emoji   # the two font sets, and emoji
  chromium chromium-driver                                    # Chromium, for Playwright and Selenium
  firefox-esr                                                 # Firefox (geckodriver comes from PyPI)
  webkit2gtk-driver gir1.2-webkit2-4.1 python3-gi xvfb xauth  # WebKit: WebKitWebDriver, tests/support/webkit_window.py, a display
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not Debian: install the fonts Liberation Sans, DejaVu Sans and Noto Color Emoji, Chromium with" \
       "chromedriver, Firefox and WebKitGTK's WebKitWebDriver; tests lacking one are skipped, saying which." >&2
  exit 0
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
((${#missing[@]})) || exit 0
if [[ "$(id -u)" == 0 && -f /etc/debian_version ]]; then
  echo "Installing from Debian for the tests: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # A failed install (no network, a package Debian no longer has) stops nothing: each test that
  # needs what is missing is skipped, saying what to install (tests/fonts.py, tests/engines.py).
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2; then
    echo "Could not install all of: ${missing[*]}. The tests that need them are skipped, saying which." >&2
  fi
else
  echo "The tests need these Debian packages, which are missing: ${missing[*]}" >&2
  echo "Install them:  sudo apt-get install ${missing[*]}" >&2
  echo "(Until then, the tests that need them are skipped, each saying what it lacks.)" >&2
fi

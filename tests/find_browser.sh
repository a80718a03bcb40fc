#!/usr/bin/env bash
# Prints the path of a Chromium or Chrome for the browser tests.
# Order: $CHROMIUM_PATH, then the usual names on PATH. When none is found and we are
# root on Debian, installs Debian's `chromium` package; otherwise says what to install.
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then
  echo "$CHROMIUM_PATH"; exit 0
fi
find_one() {
  for name in chromium chromium-browser google-chrome google-chrome-stable chrome; do
    if path="$(command -v "$name" 2>/dev/null)"; then echo "$path"; return 0; fi
  done
  for path in "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" \
              "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
    if [[ -x "$path" ]]; then echo "$path"; return 0; fi
  done
  return 1
}
if find_one; then exit 0; fi

if [[ "$(id -u)" == 0 && -f /etc/debian_version ]]; then
  echo "No Chromium found: installing Debian's chromium package..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
  if find_one; then exit 0; fi
fi
cat >&2 <<'MSG'
The browser tests need Chromium or Google Chrome, and none was found.
Install one, then run `make test` again:
  Debian or Ubuntu:  sudo apt-get install chromium
  Fedora:            sudo dnf install chromium
  macOS:             brew install --cask chromium
Or point the tests at a browser you already have:  CHROMIUM_PATH=/path/to/chrome make test
MSG
exit 1

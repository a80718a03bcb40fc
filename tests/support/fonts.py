"""The fonts the browser tests see: a known set, whatever else the machine has.

A page's layout depends on the reader's fonts: with Arial's metrics a menu title wraps where
with DejaVu it does not, and a link can end up too small to tap (issue 19). So the browsers
never read the machine's own font list. Each one starts with FONTCONFIG_FILE pointing at a
config that lists only the folders of one FAMILIES entry (Debian's packages; `make test` installs
them, tests/setup_test_machine.sh), plus the system's usual aliases (Arial -> Liberation Sans).

    FAMILIES            name -> FontFamily: "liberation" (Liberation Sans, a metric clone of Arial,
                        what Windows and Apple readers' Arial and Helvetica measure like) and
                        "dejavu" (DejaVu Sans, the Linux default), each with emoji
    DEFAULT_FAMILY      the family a test gets unless it asks for another: "liberation"
    fontconfig_env(name, folder)  {"FONTCONFIG_FILE": ...} for a browser's environment, or
                        pytest.skip with what to install when the family's fonts are missing
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

FONT_ROOT = Path("/usr/share/fonts/truetype")
EMOJI = (FONT_ROOT / "noto", "fonts-noto-color-emoji")


@dataclass(frozen=True)
class FontFamily:
    label: str  # for failure messages
    folders: tuple[tuple[Path, str], ...]  # (folder, Debian package that fills it)


FAMILIES: dict[str, FontFamily] = {
    # Arial and Helvetica resolve to Liberation Sans through fontconfig's metric aliases.
    "liberation": FontFamily("Liberation Sans (Arial's metrics)",
                             ((FONT_ROOT / "liberation", "fonts-liberation"),
                              (FONT_ROOT / "dejavu", "fonts-dejavu-core"), EMOJI)),
    # Without Liberation, Arial and Helvetica fall back to sans-serif: DejaVu Sans.
    "dejavu": FontFamily("DejaVu Sans", ((FONT_ROOT / "dejavu", "fonts-dejavu-core"), EMOJI)),
}
DEFAULT_FAMILY = "liberation"

_CONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
{dirs}
  <cachedir>{cache}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
"""


def missing_packages(name: str) -> list[str]:
    return [package for folder, package in FAMILIES[name].folders
            if not (folder.is_dir() and any(folder.glob("*.tt[fc]")))]


def fontconfig_env(name: str, folder: Path) -> dict[str, str]:
    """The environment that gives a browser started with it only the fonts of FAMILIES[name]."""
    missing = missing_packages(name)
    if missing:
        pytest.skip(f"the {FAMILIES[name].label} fonts are not installed: install {', '.join(missing)} "
                    f"(Debian), or run `make test` as root on Debian, which installs them")
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / f"fonts-{name}.conf"
    dirs = "\n".join(f"  <dir>{path}</dir>" for path, _ in FAMILIES[name].folders)
    config.write_text(_CONFIG.format(dirs=dirs, cache=folder / f"cache-{name}"), encoding="utf-8")
    return {"FONTCONFIG_FILE": str(config)}

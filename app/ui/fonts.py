"""Load the shipped Vazirmatn font (Persian and Latin) into Qt's font database."""

from __future__ import annotations

import logging
from importlib import resources

from PySide6.QtGui import QFontDatabase

from app.i18n import FONT_FAMILY

log = logging.getLogger(__name__)

FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf")


def load_fonts() -> list[str]:
    """Register the shipped fonts; return the problems found (empty when all loaded).

    A missing or broken font file is not fatal: Qt falls back to a system font, and the
    problem is logged and returned so that staff can be told which file is wrong.
    """
    problems: list[str] = []
    folder = resources.files("resources") / "fonts"
    for name in FONT_FILES:
        try:
            data = (folder / name).read_bytes()
        except OSError:
            problems.append(f"font file resources/fonts/{name} is missing")
            continue
        if QFontDatabase.addApplicationFontFromData(data) < 0:
            problems.append(f"font file resources/fonts/{name} is not a usable font")
    if not problems and FONT_FAMILY not in QFontDatabase.families():
        problems.append(f"the {FONT_FAMILY} font did not register")
    for problem in problems:
        log.warning("%s; Persian text falls back to a system font", problem)
    return problems

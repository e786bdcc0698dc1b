"""The style sheet: one template in resources/, filled with sizes and theme colours."""

from __future__ import annotations

import functools
import re
from importlib import resources

from app.i18n import FONT_FAMILY

#: Text sizes in px at 100%; every size scales with the text-size control.
BASE_SIZES = {"small": 16, "body": 18, "lead": 21, "h3": 20, "h2": 25, "h1": 32}

THEMES: dict[str, dict[str, str]] = {
    "normal": {
        "bg": "#ffffff",
        "text": "#1f2933",
        "heading": "#0b4f6c",
        "muted": "#52606d",
        "panel": "#f3f6f8",
        "rule": "#c8d3dc",
        "primary": "#0b5e7e",
        "primary_hover": "#094b65",
        "on_primary": "#ffffff",
        "hover": "#e6f0f4",
        "pressed": "#cfe2ea",
        "focus": "#d97706",
        "header_bg": "#0b4f6c",
        "header_text": "#ffffff",
        "notice_bg": "#fff8e6",
        "notice_rule": "#b7791f",
        "met": "#2f7d4f",
        "met_bg": "#eef7f1",
        "notmet": "#b42318",
        "notmet_bg": "#fdf0ef",
        "open": "#8a6100",
        "open_bg": "#fff8e6",
    },
    "high_contrast": {
        "bg": "#000000",
        "text": "#ffffff",
        "heading": "#ffff00",
        "muted": "#e0e0e0",
        "panel": "#000000",
        "rule": "#ffffff",
        "primary": "#ffff00",
        "primary_hover": "#ffffff",
        "on_primary": "#000000",
        "hover": "#333333",
        "pressed": "#555555",
        "focus": "#00ffff",
        "header_bg": "#000000",
        "header_text": "#ffffff",
        "notice_bg": "#000000",
        "notice_rule": "#ffff00",
        "met": "#7dff9b",
        "met_bg": "#000000",
        "notmet": "#ff9b9b",
        "notmet_bg": "#000000",
        "open": "#ffff00",
        "open_bg": "#000000",
    },
}


@functools.cache
def _template() -> str:
    return (resources.files("resources") / "style.qss").read_text(encoding="utf-8")


def px(name: str, scale: int) -> int:
    """A named text size in px at ``scale`` percent."""
    return round(BASE_SIZES[name] * scale / 100)


def stylesheet(scale: int = 100, high_contrast: bool = False, font: str = FONT_FAMILY) -> str:
    """The app's style sheet at ``scale`` percent text size, in the chosen theme."""
    values: dict[str, str] = dict(THEMES["high_contrast" if high_contrast else "normal"])
    for name in BASE_SIZES:
        values[name] = str(px(name, scale))
    step = round(48 * max(scale, 100) / 100)
    values["step_size"] = str(step)
    values["step_radius"] = str(step // 2)
    values["font"] = font

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return re.sub(r"@([a-z_0-9]+)@", fill, _template())

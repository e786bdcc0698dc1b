"""Dragging, tapping and glossary pop-ups with real X input (XTEST) in a real window.

A driver process (touch_driver.py) shows the app on a private Xvfb server with no window
manager and moves the X server's pointer as a touch panel without a touch driver does:
a drag that starts on an answer scrolls the page and chooses nothing, a tap presses the
button under it, and a tapped term's pop-up opens beside the term (flipped in Persian).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

pytestmark = pytest.mark.xvfb


def _run(lang: str, size: str, tmp_path: Path) -> dict:
    from tools.xvfb import XvfbError, xvfb

    try:
        with xvfb(f"{size}x24") as display:
            env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", TRIALGUIDE_LOG_DIR=str(tmp_path))
            done = subprocess.run(
                [sys.executable, str(HERE / "touch_driver.py"), lang, size],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
    except XvfbError as exc:
        pytest.skip(str(exc))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("lang", "size"), [("en", "1280x800"), ("fa", "1920x1080")])
def test_drag_scrolls_tap_presses_and_the_popover_opens_beside_the_term(tmp_path, lang, size):
    seen = _run(lang, size, tmp_path)
    assert seen["about_scroll_max"] > 600
    assert seen["about_scrolled_to"] >= 300, "a finger's drag did not scroll the page"
    if seen["scroll_max"]:  # the question is longer than the window
        assert seen["scrolled_to"] > 0
    assert seen["answers_after_drag"] == 0, "a drag that started on an answer chose it"
    assert seen["question_after_tap"] == 2
    assert seen["scroll_after_next"] == 0, "the next question did not start at the top"
    assert seen["answers_after_tap"] == 1, "a tap did not press the answer"
    tap_x, tap_y = seen["tap"]
    left, top, width, _height = seen["popover"]
    assert seen["dimmed"] and seen["closed_by_dim_tap"]
    assert top > tap_y and top - tap_y < 60, "the pop-up is not just under the term"
    if lang == "fa":
        assert left + width >= tap_x and left + width - tap_x <= 64
    else:
        assert left <= tap_x and tap_x - left <= 64

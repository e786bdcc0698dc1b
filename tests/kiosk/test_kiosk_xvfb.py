"""A real window on a real X server (Xvfb): full screen, then an idle reset, end to end.

Runs ``python -m app --kiosk`` in a subprocess on a private Xvfb display, with
``TRIALGUIDE_TEST_REPORT=1`` so the app prints its window state as JSON lines. When
``xwininfo`` is installed the X server's own view of the window is checked too.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from x11_input import send_key, xtest_click

ROOT = Path(__file__).resolve().parents[2]
SCREEN = [0, 0, 1280, 800]


class Reporter:
    """Reads the app's JSON lines with a deadline."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def next(self, event: str, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.2)
            if not ready:
                if self.process.poll() is not None:
                    break
                continue
            line = self.process.stdout.readline()
            if not line:
                break
            data = json.loads(line)
            if data["event"] == event:
                return data
        raise AssertionError(f"no {event!r} report within {timeout} s")


def _xwininfo(display: str, window: int) -> dict[str, int] | None:
    if shutil.which("xwininfo") is None:
        return None
    out = subprocess.run(
        ["xwininfo", "-id", str(window)],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout
    fields = {
        "x": r"Absolute upper-left X:\s+(-?\d+)",
        "y": r"Absolute upper-left Y:\s+(-?\d+)",
        "width": r"Width:\s+(\d+)",
        "height": r"Height:\s+(\d+)",
    }
    info = {key: int(re.search(pattern, out).group(1)) for key, pattern in fields.items()}
    info["viewable"] = int("IsViewable" in out)
    return info


@pytest.mark.xvfb
@pytest.mark.parametrize("visitor_input", ["tap", "key"])
def test_kiosk_is_full_screen_and_resets_when_idle(xvfb_display, tmp_path, visitor_input):
    """``tap`` uses XTEST (skipped without libXtst); ``key`` works wherever Xvfb does."""
    config = tmp_path / "trialguide.toml"
    config.write_text("idle_seconds = 5\ncountdown_seconds = 3\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(
        DISPLAY=xvfb_display,
        TRIALGUIDE_TEST_REPORT="1",
        TRIALGUIDE_LOG_DIR=str(tmp_path / "log"),
        TRIALGUIDE_CONFIG=str(tmp_path / "unused.toml"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--kiosk", "--config", str(config)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        report = Reporter(process)
        started = report.next("started", timeout=30)
        assert started["platform"] == "xcb"
        assert started["kiosk"] and started["fullscreen"]
        assert started["frameless"] and started["on_top"]
        assert started["screen"] == SCREEN
        assert started["geometry"] == SCREEN
        assert (started["language"], started["screen_name"]) == ("en", "welcome")

        seen_by_x = _xwininfo(xvfb_display, started["winid"])
        if seen_by_x is not None:
            assert seen_by_x == {"x": 0, "y": 0, "width": 1280, "height": 800, "viewable": 1}

        # A visitor: taps "فارسی" (XTEST), or presses a key (a synthetic X event).
        clicked = False
        if visitor_input == "tap":
            x, y = started["targets"]["language_fa"]
            left, top = started["geometry"][:2]
            clicked = xtest_click(xvfb_display, left + x, top + y)
            if not clicked:
                pytest.skip("libXtst is not installed: no XTEST to tap with")
        else:
            assert send_key(xvfb_display, started["winid"]), "cannot send input to Xvfb"

        warning = report.next("idle_warning", timeout=20)
        assert warning["seconds"] == 3
        if clicked:
            assert warning["language"] == "fa"  # the tap reached the real window
        reset = report.next("reset", timeout=15)
        assert (reset["language"], reset["screen_name"], reset["answers"]) == ("en", "welcome", 0)
        assert reset["fullscreen"] and reset["geometry"] == SCREEN
        assert process.poll() is None  # still running, still a kiosk
    finally:
        process.kill()
        _out, err = process.communicate(timeout=20)
    assert "Traceback" not in err
    log = (tmp_path / "log" / "trialguide.log").read_text(encoding="utf-8")
    assert "Kiosk mode on" in log and "Idle timeout: the visit was reset" in log

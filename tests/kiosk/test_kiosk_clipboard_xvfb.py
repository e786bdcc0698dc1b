"""The previous visitor's text is not on the X clipboard, read by another X client (xclip).

On a real X server, a driver process plays a visitor who types into the glossary search,
selects it (which hands it to X11's primary selection) and presses Ctrl+C; ``xclip``, a
client nobody here wrote, then asks the X server for both selections, as the next
visitor's paste would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
TYPED = "visitor secret 4711"

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(shutil.which("xclip") is None, reason="xclip is not installed"),
]


def _paste(display: str, selection: str) -> str:
    done = subprocess.run(
        ["xclip", "-o", "-selection", selection],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return done.stdout  # empty (and exit 1) when no client owns the selection


class Driver:
    def __init__(self, display: str, mode: str, tmp_path: Path) -> None:
        env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=display, TRIALGUIDE_LOG_DIR=str(tmp_path / "log"))
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "clipboard_driver.py"), mode],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def expect(self, event: str) -> None:
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(timeout=20)
            raise AssertionError(f"the driver ended: {self.process.stderr.read()}")
        assert json.loads(line)["event"] == event

    def send(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def close(self) -> None:
        if self.process.poll() is None:
            try:
                self.send("quit")
                self.process.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait(timeout=20)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()


def test_start_over_takes_the_visitors_text_off_the_x_clipboard(xvfb_display, tmp_path):
    """Desktop mode lets staff copy; Start over takes it away again."""
    driver = Driver(xvfb_display, "desktop", tmp_path)
    try:
        driver.expect("copied")
        # The test sees what the next visitor's paste would: it really is there.
        assert _paste(xvfb_display, "clipboard") == TYPED
        assert _paste(xvfb_display, "primary") == TYPED
        driver.send("reset")
        driver.expect("reset")
        assert _paste(xvfb_display, "clipboard") == ""
        assert _paste(xvfb_display, "primary") == ""
    finally:
        driver.close()


def test_kiosk_never_puts_the_visitors_text_on_the_x_clipboard(xvfb_display, tmp_path):
    driver = Driver(xvfb_display, "kiosk", tmp_path)
    try:
        driver.expect("copied")
        assert TYPED not in _paste(xvfb_display, "clipboard")
        assert TYPED not in _paste(xvfb_display, "primary")
    finally:
        driver.close()

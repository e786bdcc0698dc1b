"""The kiosk on a 1920x1080 X server with no window manager: it fills the screen from the
start, follows a change of resolution (RandR, as ``xrandr`` makes one), and the staff
corner is the screen's top-right.

Like ``test_kiosk_xvfb.py`` it runs ``python -m app --kiosk`` in a subprocess on a private
Xvfb with ``TRIALGUIDE_TEST_REPORT=1`` and reads the app's JSON lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest
from test_kiosk_xvfb import Reporter, _start_kiosk, _xwininfo
from x11_input import XTestPointer

FULL_HD = [0, 0, 1920, 1080]
SMALL = [0, 0, 1280, 800]


@pytest.fixture
def full_hd_display() -> Iterator[str]:
    """A private 1920x1080 Xvfb for one test (a test may change its resolution)."""
    from tools.xvfb import XvfbError, xvfb

    try:
        with xvfb("1920x1080x24") as display:
            yield display
    except XvfbError as exc:
        pytest.skip(str(exc))


def _xrandr(display: str, *args: str) -> None:
    subprocess.run(
        ["xrandr", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        timeout=10,
        check=True,
    )


def _set_resolution(display: str, width: int, height: int) -> None:
    """Switch Xvfb's one output to width x height (adding the mode the first time)."""
    mode = f"{width}x{height}"
    try:
        _xrandr(
            display, "--newmode", mode, "0", str(width), "0", "0", "0", str(height), "0", "0", "0"
        )
        _xrandr(display, "--addmode", "screen", mode)
    except subprocess.CalledProcessError:
        pass  # the mode exists already (Xvfb's own, or added before)
    _xrandr(display, "--output", "screen", "--mode", mode)


def _start(display: str, tmp_path) -> subprocess.Popen[str]:
    return _start_kiosk(display, tmp_path, "idle_seconds = 600\n")


def _stop(process: subprocess.Popen[str]) -> str:
    process.kill()
    _out, err = process.communicate(timeout=20)
    return err


@pytest.mark.xvfb
def test_kiosk_fills_a_full_hd_screen_from_the_start(full_hd_display, tmp_path):
    """No window manager: the window used to stay 1280x800 in the corner until the keeper
    noticed and logged a "lost its full screen" restore; now it is made the screen's size.
    The staff corner is the screen's top-right: held there, the PIN pad opens."""
    process = _start(full_hd_display, tmp_path)
    try:
        report = Reporter(process)
        started = report.next("started", timeout=30)
        assert started["platform"] == "xcb" and started["fullscreen"]
        assert started["screen"] == FULL_HD
        assert started["geometry"] == FULL_HD
        seen_by_x = _xwininfo(full_hd_display, started["winid"])
        if seen_by_x is not None:
            assert seen_by_x == {"x": 0, "y": 0, "width": 1920, "height": 1080, "viewable": 1}
        x, y, size, _height = started["corner"]
        assert (x + size, y) == (1920, 0)  # the screen's top-right square

        with XTestPointer(full_hd_display) as finger:
            if not finger.available:
                pytest.skip("libXtst is not installed: no XTEST to hold the corner with")
            finger.press(1919, 0)  # the screen's very corner pixel
            gate = report.next("staff_gate", timeout=15)
        assert gate["pin_pad"]
        assert process.poll() is None
    finally:
        err = _stop(process)
    assert "Traceback" not in err
    log = (tmp_path / "log" / "trialguide.log").read_text(encoding="utf-8")
    assert "lost its full screen" not in log  # full screen at once, no restore needed


@pytest.mark.xvfb
def test_kiosk_follows_a_change_of_screen_resolution(full_hd_display, tmp_path):
    """xrandr shrinks the screen to 1280x800 and back: the window and the staff corner
    follow each time (QScreen.geometryChanged), without a fight with the keeper."""
    if shutil.which("xrandr") is None:
        pytest.skip("xrandr is not installed (Debian: apt install x11-xserver-utils)")
    process = _start(full_hd_display, tmp_path)
    try:
        report = Reporter(process)
        started = report.next("started", timeout=30)
        assert started["geometry"] == FULL_HD
        for width, height in ((1280, 800), (1920, 1080)):
            _set_resolution(full_hd_display, width, height)
            followed = report.next("restored", timeout=15)
            assert followed["problem"] == "screen"
            assert followed["screen"] == [0, 0, width, height]
            assert followed["geometry"] == [0, 0, width, height]
            assert followed["fullscreen"] and followed["visible"]
            x, y, size, _height = followed["corner"]
            assert (x + size, y) == (width, 0)
            seen_by_x = _xwininfo(full_hd_display, followed["winid"])
            if seen_by_x is not None:
                assert (seen_by_x["width"], seen_by_x["height"]) == (width, height)
        assert process.poll() is None
    finally:
        err = _stop(process)
    assert "Traceback" not in err
    log = (tmp_path / "log" / "trialguide.log").read_text(encoding="utf-8")
    assert "the screen is now 1280x800; the window follows" in log

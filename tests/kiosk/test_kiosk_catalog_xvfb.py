"""A catalog kiosk in a real window (Xvfb): a tap opens a study, the idle reset comes back.

Runs ``python -m app --kiosk`` on two records with ``TRIALGUIDE_TEST_REPORT=1`` (see
:mod:`test_kiosk_xvfb`); the tap is an XTEST click on the card's button, as a touch
screen makes it.
"""

from __future__ import annotations

import pytest
from kiosk_helpers import DEFAULT_RECORD_PATH
from test_kiosk_xvfb import Reporter, _start_kiosk
from x11_input import xtest_click

from tests.conftest import DATA

MINIMAL = DATA / "records" / "minimal.yaml"


@pytest.mark.xvfb
def test_a_tap_opens_a_study_and_the_idle_reset_returns_to_the_catalog(xvfb_display, tmp_path):
    config = (
        f'records = ["{DEFAULT_RECORD_PATH.as_posix()}", "{MINIMAL.as_posix()}"]\n'
        "idle_seconds = 5\ncountdown_seconds = 3\n"
    )
    process = _start_kiosk(xvfb_display, tmp_path, config)
    try:
        report = Reporter(process)
        started = report.next("started", timeout=30)
        assert (started["screen_name"], started["study"]) == ("catalog", None)
        # The second record validated while the window was coming up: it is listed, first
        # (it is enrolling; the default record's study has ended).
        assert "open_NCT00000001" in started["targets"], started["targets"]
        x, y = started["targets"]["open_NCT00000001"]
        left, top = started["geometry"][:2]
        if not xtest_click(xvfb_display, left + x, top + y):
            pytest.skip("libXtst is not installed: no XTEST to tap with")
        opened = report.next("screen", timeout=15)
        assert (opened["screen_name"], opened["study"]) == ("welcome", "NCT00000001")
        assert "all_studies" in opened["targets"]
        reset = report.next("reset", timeout=25)
        assert (reset["screen_name"], reset["study"], reset["answers"]) == ("catalog", None, 0)
        assert reset["fullscreen"]
    finally:
        process.kill()
        _out, err = process.communicate(timeout=20)
    assert "Traceback" not in err
    log = (tmp_path / "log" / "trialguide.log").read_text(encoding="utf-8")
    assert "Catalog of 2 records" in log and "Idle timeout: the visit was reset" in log

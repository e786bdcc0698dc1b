"""Fixtures for kiosk tests: a kiosk window with short timeouts, a fake clock, Xvfb."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from kiosk_helpers import DEFAULT_RECORD_PATH, PIN, FakeClock, staff_info


@pytest.fixture(scope="session")
def pin_hash() -> str:
    from app.pin import hash_pin

    return hash_pin(PIN)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@dataclass
class Kiosk:
    session: object
    window: object
    controller: object


@pytest.fixture
def make_kiosk(qtbot, default_record, pin_hash) -> Iterator[Callable[..., Kiosk]]:
    """Build a main window with a kiosk controller; short timeouts unless told otherwise."""
    from app.kiosk.controller import KioskController
    from app.ui.main import create_window

    made: list[Kiosk] = []

    def make(
        *,
        kiosk: bool = True,
        pin: bool = True,
        record=None,
        language: str = "en",
        idle_ms: int = 150,
        countdown: int = 3,
        tick_ms: int = 40,
        hold_ms: int = 60,
        clock: Callable[[], float] = time.monotonic,
        open_counselor=None,
        info=None,
    ) -> Kiosk:
        record = record or default_record
        session, window = create_window(record, language)
        controller = KioskController(
            window,
            info or staff_info(record),
            kiosk=kiosk,
            pin_hash=pin_hash if pin else None,
            open_counselor=open_counselor,
            clock=clock,
            idle_ms=idle_ms,
            countdown=countdown,
            tick_ms=tick_ms,
            hold_ms=hold_ms,
        )
        qtbot.addWidget(window, before_close_func=lambda w: w.close_guard.allow())
        if not kiosk:
            window.resize(1280, 800)
        controller.show()
        qtbot.waitExposed(window)
        made.append(Kiosk(session, window, controller))
        return made[-1]

    yield make
    for kiosk in made:
        kiosk.controller.shutdown()


# -- Xvfb ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A private Xvfb server (1280x800); skips when Xvfb is not installed."""
    from tools.xvfb import XvfbError, xvfb

    try:
        with xvfb() as display:
            yield display
    except XvfbError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def broken_record_file(tmp_path: Path) -> Path:
    """The default record with an invalid NCT id (line known, field path known)."""
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    assert "nct_id: NCT05703308" in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace("nct_id: NCT05703308", "nct_id: NCT123"), encoding="utf-8")
    return path


@pytest.fixture
def launched(qtbot):
    """Call ``launch`` and clean up whatever window it made."""
    from app import launch as launcher
    from app.kiosk.error_screen import ErrorWindow

    made = []

    def run(*args, **kwargs):
        result = launcher.launch(*args, **kwargs)
        qtbot.addWidget(result.window, before_close_func=lambda w: w.close_guard.allow())
        made.append(result)
        return result

    yield run
    for result in made:
        result.shutdown()
        if isinstance(result.window, ErrorWindow) and result.window.guard is not None:
            result.window.guard.uninstall()

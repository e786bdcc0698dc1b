"""An exception anywhere: logged without personal data, visit reset, the app keeps going."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading

import pytest
from PySide6.QtCore import QTimer

from app.kiosk.errors import STORM_LIMIT, ErrorGuard
from app.kiosk.logs import BACKUP_COUNT, LOG_NAME, MAX_BYTES, safe_traceback, setup_logging
from app.kiosk.logs import teardown_logging as _teardown
from app.session import Screen

SECRET = "visitor-typed-4711"


@pytest.fixture
def log_file(tmp_path):
    handler = setup_logging(tmp_path)
    yield tmp_path / LOG_NAME
    _teardown(handler)


@pytest.fixture
def guard_for():
    guards: list[ErrorGuard] = []

    def make(recover, **kwargs) -> ErrorGuard:
        guard = ErrorGuard(recover, **kwargs)
        guard.install()
        guards.append(guard)
        return guard

    yield make
    for guard in guards:
        guard.uninstall()


def test_log_rotates_at_one_megabyte_keeping_three(tmp_path):
    handler = setup_logging(tmp_path)
    try:
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        assert handler.maxBytes == MAX_BYTES == 1024 * 1024
        assert handler.backupCount == BACKUP_COUNT == 3
        assert handler.baseFilename == str(tmp_path / LOG_NAME)
        assert handler in logging.getLogger().handlers
    finally:
        _teardown(handler)
    assert handler not in logging.getLogger().handlers


def test_log_folder_that_cannot_be_made_does_not_stop_the_app(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    handler = setup_logging(blocker / "logs")
    try:
        assert isinstance(handler, logging.NullHandler)
    finally:
        _teardown(handler)


def test_safe_traceback_withholds_every_message():
    def inner():
        raise ValueError(f"invalid literal for int() with base 10: '{SECRET}'")

    try:
        try:
            inner()
        except ValueError as exc:
            raise RuntimeError(f"while reading {SECRET}") from exc
    except RuntimeError as exc:
        text = safe_traceback(type(exc), exc, exc.__traceback__)
    assert SECRET not in text
    assert "ValueError: (message withheld" in text
    assert "RuntimeError: (message withheld" in text
    assert "direct cause" in text
    assert text.index("ValueError") < text.index("RuntimeError")  # oldest first, as Python
    assert "in inner" in text  # the code location is kept


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_the_visit_reset(make_kiosk, qtbot, log_file, guard_for):
    k = make_kiosk(idle_ms=60_000)
    guard = guard_for(k.controller.reset_visitor)
    k.session.set_language("fa")
    k.session.go_to(Screen.SELFCHECK)
    k.session.answer("age", 37)

    def broken_slot():
        raise ValueError(f"answer was {k.session.answers['age']} and {SECRET}")

    with qtbot.waitSignal(guard.recovered, timeout=5000):
        QTimer.singleShot(0, broken_slot)
    assert k.session.answers == {}
    assert k.session.screen is Screen.WELCOME
    assert k.session.language == "en"
    assert k.window.isVisible() and k.window.isFullScreen()
    logged = log_file.read_text(encoding="utf-8")
    assert "Unexpected error (main thread)" in logged
    assert "ValueError: (message withheld" in logged
    assert "broken_slot" in logged
    assert SECRET not in logged
    assert "answer was 37" not in logged  # the source line is code; the value is withheld
    assert "Recovered" in logged
    # The window still works after the error.
    k.session.go_to(Screen.ABOUT)
    assert k.window.stack.currentWidget() is k.window.page(Screen.ABOUT)


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_thread_recovers_on_the_gui_thread(make_kiosk, qtbot, log_file, guard_for):
    k = make_kiosk(idle_ms=60_000)
    recovered_on: list[threading.Thread] = []

    def recover():
        recovered_on.append(threading.current_thread())
        k.controller.reset_visitor()

    guard = guard_for(recover)
    k.session.answer("age", 30)

    def worker():
        raise RuntimeError(SECRET)

    with qtbot.waitSignal(guard.recovered, timeout=5000):
        thread = threading.Thread(target=worker, name="loader")
        thread.start()
        thread.join()
    assert recovered_on == [threading.main_thread()]
    assert k.session.answers == {}
    logged = log_file.read_text(encoding="utf-8")
    assert "Unexpected error (thread loader)" in logged
    assert SECRET not in logged


def test_an_error_storm_stops_the_resets(qtbot, clock, guard_for, caplog):
    resets: list[int] = []
    guard = guard_for(lambda: resets.append(1), clock=clock)
    for _ in range(STORM_LIMIT + 3):
        with qtbot.waitSignal(guard._failed):
            guard.handle(RuntimeError, RuntimeError("x"), None)
        qtbot.waitUntil(lambda: bool(guard._recent) and guard._recent[-1] == clock.now)
        clock.advance(0.1)
    assert len(resets) == STORM_LIMIT
    assert "not resetting again" in caplog.text
    clock.advance(60)  # later errors are handled again
    with qtbot.waitSignal(guard.recovered):
        guard.handle(RuntimeError, RuntimeError("x"), None)
    assert len(resets) == STORM_LIMIT + 1


def test_guard_gives_the_hooks_back():
    before = (sys.excepthook, threading.excepthook)
    guard = ErrorGuard(lambda: None)
    guard.install()
    assert sys.excepthook != before[0]
    guard.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_failing_recovery_is_logged_not_raised(qtbot, guard_for, caplog):
    def recover():
        raise RuntimeError(SECRET)

    guard = guard_for(recover)
    with qtbot.waitSignal(guard.recovered):
        guard.handle(ValueError, ValueError("x"), None)
    assert "Recovery failed" in caplog.text
    assert SECRET not in caplog.text

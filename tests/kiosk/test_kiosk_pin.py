"""The staff exit: a long press on the top-right corner, then the PIN pad."""

from __future__ import annotations

import pytest
from kiosk_helpers import PIN, WRONG_PIN
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from app.pin import LOCK_SECONDS, MAX_TRIES


def _type_on_pad(qtbot, pad, digits: str) -> None:
    for digit in digits:
        qtbot.mouseClick(pad.digit_buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("language", ["en", "fa"])
def test_corner_is_the_physical_top_right_in_both_languages(make_kiosk, qtbot, language):
    k = make_kiosk(language=language)
    corner = k.controller.corner
    window = k.window
    qtbot.waitUntil(lambda: corner.geometry().right() == window.width() - 1)
    assert corner.geometry().top() == 0
    assert corner.width() >= 44 and corner.height() >= 44
    assert corner.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert corner.accessibleName()


def test_short_press_does_nothing_long_press_opens_the_pad(make_kiosk, qtbot):
    k = make_kiosk(hold_ms=300, idle_ms=60_000)
    corner = k.controller.corner
    with qtbot.assertNotEmitted(corner.held, wait=400):
        qtbot.mousePress(corner, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
        qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not k.controller.pin_pad.isVisible()
    with qtbot.waitSignal(corner.held, timeout=2000):
        qtbot.mousePress(corner, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.mouseRelease(corner, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    pad = k.controller.pin_pad
    assert pad.isVisible()
    assert pad.entry.hasFocus()
    assert pad.entry.echoMode() == QLineEdit.EchoMode.Password


def test_default_hold_is_three_seconds():
    from app.kiosk.corner import HOLD_MS

    assert HOLD_MS >= 3000


def test_without_a_pin_staff_exit_is_disabled(make_kiosk, qtbot):
    k = make_kiosk(pin=False)
    k.controller.corner.held.emit()
    pad = k.controller.pin_pad
    assert pad.isVisible()
    assert not pad.enabled
    assert "trialguide set-pin" in pad.status.text()
    assert "turned off" in pad.status.text()
    assert not pad.entry.isVisible() and not pad.keys.isVisible()
    qtbot.mouseClick(pad.cancel_button, Qt.MouseButton.LeftButton)
    assert not pad.isVisible()
    assert not k.controller.staff_panel.isVisible()
    assert k.window.isFullScreen()


def test_correct_pin_opens_the_staff_panel(make_kiosk, qtbot):
    k = make_kiosk()
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    with qtbot.waitSignal(pad.accepted):
        _type_on_pad(qtbot, pad, PIN)
    assert not pad.isVisible()
    assert pad.entry.text() == ""
    assert k.controller.staff_panel.isVisible()


def test_persian_digits_typed_with_a_keyboard_work(make_kiosk, qtbot):
    k = make_kiosk(language="fa")
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    assert pad.digit_buttons["2"].text() == "۲"
    pad.entry.setText("۲۴۶۸۱۳")
    with qtbot.waitSignal(pad.accepted):
        qtbot.keyClick(pad.entry, Qt.Key.Key_Return)


def test_five_wrong_pins_lock_the_pad_for_a_minute(make_kiosk, qtbot, clock):
    k = make_kiosk(clock=clock, idle_ms=60_000)  # no idle reset while the test waits
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    for attempt in range(1, MAX_TRIES):
        with qtbot.assertNotEmitted(pad.accepted):
            _type_on_pad(qtbot, pad, WRONG_PIN)
        assert f"Tries left before the pad locks: {MAX_TRIES - attempt}" in pad.status.text()
        assert not pad.locked
    _type_on_pad(qtbot, pad, WRONG_PIN)
    assert pad.locked
    assert "locked" in pad.status.text()
    assert f"{int(LOCK_SECONDS)}" in pad.status.text()
    assert not any(b.isEnabled() for b in pad.digit_buttons.values())
    assert not pad.ok_button.isEnabled() and not pad.entry.isEnabled()
    assert pad.cancel_button.isEnabled()

    # Locked: even the right PIN is refused.
    pad.entry.setText(PIN)
    with qtbot.assertNotEmitted(pad.accepted):
        pad.submit()
    assert not k.controller.staff_panel.isVisible()

    clock.advance(45)
    qtbot.waitUntil(lambda: "15" in pad.status.text(), timeout=2000)  # the countdown runs
    clock.advance(LOCK_SECONDS)
    qtbot.waitUntil(lambda: not pad.locked and pad.ok_button.isEnabled(), timeout=2000)
    assert pad.status.text() == "Enter the staff PIN."
    with qtbot.waitSignal(pad.accepted):
        _type_on_pad(qtbot, pad, PIN)
    assert k.controller.staff_panel.isVisible()


def test_lock_countdown_in_persian_digits(make_kiosk, qtbot, clock):
    k = make_kiosk(clock=clock, language="fa")
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    for _ in range(MAX_TRIES):
        pad.entry.setText(WRONG_PIN)
        pad.submit()
    assert pad.locked
    assert "۶۰" in pad.status.text()


def test_pad_controls_are_named_large_and_reachable(make_kiosk):
    for language in ("en", "fa"):
        k = make_kiosk(language=language)
        k.controller.open_staff_gate()
        pad = k.controller.pin_pad
        buttons = pad.findChildren(QAbstractButton)
        assert len(buttons) == 13  # ten digits, erase, OK, cancel
        for button in buttons:
            assert button.accessibleName(), button.text()
            assert button.accessibleDescription(), button.text()
            assert button.height() >= 44 and button.width() >= 44, button.text()
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert pad.entry.accessibleName() and pad.entry.accessibleDescription()


def test_cancel_closes_the_pad_and_forgets_the_digits(make_kiosk, qtbot):
    k = make_kiosk()
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    qtbot.mouseClick(pad.digit_buttons["2"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.digit_buttons["4"], Qt.MouseButton.LeftButton)
    assert pad.entry.text() == "24"
    qtbot.mouseClick(pad.erase_button, Qt.MouseButton.LeftButton)
    assert pad.entry.text() == "2"
    with qtbot.waitSignal(pad.cancelled):
        qtbot.mouseClick(pad.cancel_button, Qt.MouseButton.LeftButton)
    assert pad.entry.text() == ""
    assert k.window.centralWidget().isEnabled()


def _lock_out(pad) -> None:
    for _ in range(MAX_TRIES):
        pad.entry.setText(WRONG_PIN)
        pad.submit()
    assert pad.locked


def test_each_further_lock_out_is_longer_and_counts_down_in_minutes(make_kiosk, qtbot, clock):
    k = make_kiosk(clock=clock, idle_ms=60_000)
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    shown = []
    for _ in range(3):
        _lock_out(pad)
        shown.append(pad.status.text())
        clock.advance(pad.lock.seconds_locked())
        qtbot.waitUntil(lambda: not pad.locked and pad.ok_button.isEnabled(), timeout=2000)
    assert "Seconds until you can try again: 60" in shown[0]
    assert "Seconds until you can try again: 120" in shown[1]
    assert "Minutes until you can try again: 4" in shown[2]
    with qtbot.waitSignal(pad.accepted):
        _type_on_pad(qtbot, pad, PIN)


def test_minutes_in_persian(make_kiosk, clock):
    k = make_kiosk(clock=clock, language="fa")
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    for _ in range(3):
        _lock_out(pad)
        clock.advance(pad.lock.seconds_locked())
        pad.refresh()
    _lock_out(pad)  # the fourth: eight minutes
    assert "۸" in pad.status.text() and "8" not in pad.status.text()


def test_a_lock_out_survives_a_restart(make_kiosk, qtbot, clock, tmp_path, monkeypatch):
    from app import pin

    # What setup_logging does at start: the lock's counts go beside the log.
    monkeypatch.setattr(pin, "_state_file", tmp_path / pin.STATE_NAME)
    first = make_kiosk(clock=clock)
    first.controller.open_staff_gate()
    _lock_out(first.controller.pin_pad)
    first.controller.pin_pad.cancel()
    # The kiosk restarts (Restart=always after a crash, or the power cable): a new process
    # whose monotonic clock starts elsewhere.
    second = make_kiosk(clock=lambda: 5.0)
    second.controller.open_staff_gate()
    pad = second.controller.pin_pad
    assert pad.locked
    assert "locked" in pad.status.text()
    pad.entry.setText(PIN)
    with qtbot.assertNotEmitted(pad.accepted):
        pad.submit()
    assert not second.controller.staff_panel.isVisible()

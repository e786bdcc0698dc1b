"""Idle reset: "Are you still there?", a countdown, and a fresh start for the next visitor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.session import Screen


def _touch(qtbot, widget) -> None:
    """Tap ``widget`` the way real input comes: through its window's QWindow.

    (QTest's widget overloads hand the event straight to the widget, past the QWindow
    the idle watcher listens to.)
    """
    window = widget.window()
    pos = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos
    )


def test_a_fresh_kiosk_never_asks(make_kiosk, qtbot):
    k = make_kiosk()
    idle = k.controller.idle
    assert idle.fresh and not idle.armed
    with qtbot.assertNotEmitted(idle.warning, wait=500):
        pass
    assert not k.controller.still_there.isVisible()


def test_idle_after_use_shows_the_countdown(make_kiosk, qtbot):
    k = make_kiosk(countdown=20, tick_ms=60_000)  # the countdown stays at 20 here
    k.session.go_to(Screen.ABOUT)
    assert k.controller.idle.armed
    with qtbot.waitSignal(k.controller.idle.warning, timeout=3000) as blocker:
        pass
    assert blocker.args == [20]
    overlay = k.controller.still_there
    assert overlay.isVisible()
    assert overlay.title.text() == "Are you still there?"
    assert overlay.count.text() == "20"
    assert overlay.button.text() == "I'm still here"
    assert overlay.button.height() >= 44
    assert overlay.button.hasFocus()
    assert not k.window.centralWidget().isEnabled()  # Tab cannot reach what lies under it


def test_countdown_speaks_persian_with_persian_digits(make_kiosk, qtbot):
    k = make_kiosk(language="fa", countdown=20, tick_ms=60_000)
    k.session.go_to(Screen.ABOUT)
    with qtbot.waitSignal(k.controller.idle.warning, timeout=3000):
        pass
    overlay = k.controller.still_there
    assert overlay.count.text() == "۲۰"
    assert overlay.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "۲۰" in overlay.count.accessibleName()


def test_input_restarts_the_idle_timer(make_kiosk, qtbot):
    k = make_kiosk(idle_ms=400)
    k.session.go_to(Screen.ABOUT)
    idle = k.controller.idle
    # Keep touching: each touch restarts the timer, so no warning comes in the meantime.
    with qtbot.assertNotEmitted(idle.warning):
        for _ in range(4):
            qtbot.waitUntil(lambda: idle._idle.remainingTime() < 250, timeout=2000)
            _touch(qtbot, k.window.header.title)
    assert idle.armed


def test_a_touch_cancels_the_countdown(make_kiosk, qtbot):
    k = make_kiosk(countdown=50, tick_ms=100)
    k.session.go_to(Screen.SELFCHECK)
    k.session.answer("age", 30)
    with qtbot.waitSignal(k.controller.idle.warning, timeout=3000):
        pass
    overlay = k.controller.still_there
    with qtbot.waitSignal(k.controller.idle.cancelled):
        _touch(qtbot, overlay.card)
    assert not overlay.isVisible()
    assert k.window.centralWidget().isEnabled()
    assert k.session.answers == {"age": 30}
    assert k.session.screen is Screen.SELFCHECK
    assert k.controller.idle.armed  # and the idle time starts again


def test_a_key_cancels_the_countdown(make_kiosk, qtbot):
    k = make_kiosk(countdown=50, tick_ms=100)
    k.session.go_to(Screen.ABOUT)
    with qtbot.waitSignal(k.controller.idle.warning, timeout=3000):
        pass
    with qtbot.waitSignal(k.controller.idle.cancelled):
        # Through the window, as a real keyboard's keys come (QTest's widget overload
        # would hand the key straight to the button).
        QTest.keyClick(k.window.windowHandle(), Qt.Key.Key_Space)
    assert not k.controller.still_there.isVisible()


def test_still_here_button_cancels_for_assistive_technology(make_kiosk, qtbot):
    k = make_kiosk(countdown=50, tick_ms=100)
    k.session.go_to(Screen.ABOUT)
    with qtbot.waitSignal(k.controller.idle.warning, timeout=3000):
        pass
    with qtbot.waitSignal(k.controller.idle.cancelled):
        k.controller.still_there.button.click()  # what a screen reader's "press" does
    assert k.session.screen is Screen.ABOUT


def test_the_countdown_ticks_down_and_resets_at_zero(make_kiosk, qtbot):
    k = make_kiosk(countdown=3, tick_ms=80)
    session = k.session
    session.set_language("fa")
    session.go_to(Screen.SELFCHECK)
    session.answer("age", 30)
    ticks: list[int] = []
    k.controller.idle.tick.connect(ticks.append)
    with qtbot.waitSignal(session.reset_done, timeout=5000):
        pass
    assert ticks == [2, 1, 0]
    assert session.answers == {}
    assert session.language == "en"
    assert session.screen is Screen.WELCOME
    assert not k.controller.still_there.isVisible()
    assert k.window.centralWidget().isEnabled()
    assert k.controller.idle.fresh and not k.controller.idle.armed


def test_a_reset_closes_the_staff_overlays_too(make_kiosk, qtbot):
    k = make_kiosk(countdown=2, tick_ms=50)
    k.session.go_to(Screen.ABOUT)
    k.controller.open_staff_gate()
    k.controller.pin_pad.entry.setText("24")
    with qtbot.waitSignal(k.session.reset_done, timeout=5000):
        pass
    assert not k.controller.pin_pad.isVisible()
    assert k.controller.pin_pad.entry.text() == ""


def test_the_watcher_follows_a_recreated_window(make_kiosk, qtbot):
    k = make_kiosk(countdown=50, tick_ms=100)
    k.controller.set_kiosk(False)
    k.controller.set_kiosk(True)  # new flags: Qt may make a new QWindow
    assert k.controller.idle._target is k.window.windowHandle()
    k.session.go_to(Screen.ABOUT)
    with qtbot.waitSignal(k.controller.idle.warning, timeout=3000):
        pass
    with qtbot.waitSignal(k.controller.idle.cancelled):
        _touch(qtbot, k.controller.still_there.card)


def test_no_idle_reset_outside_kiosk_mode(make_kiosk, qtbot):
    k = make_kiosk(kiosk=False)
    k.session.go_to(Screen.ABOUT)
    with qtbot.assertNotEmitted(k.controller.idle.warning, wait=500):
        pass
    assert QApplication.activeModalWidget() is None


def test_idle_does_not_run_out_while_the_app_reads_aloud(make_kiosk, qtbot):
    from app.speech.sink import MemorySink

    k = make_kiosk(idle_ms=150)
    listen = k.window.listen
    listen.sink_factory = MemorySink
    k.session.go_to(Screen.ABOUT)
    listen.play_screen()
    qtbot.waitUntil(lambda: listen.state == "playing", timeout=20_000)
    assert k.controller.idle.speaking
    with qtbot.assertNotEmitted(k.controller.idle.warning, wait=600):
        pass  # four idle times pass while it reads
    listen.stop()
    assert not k.controller.idle.speaking
    with qtbot.waitSignal(k.controller.idle.warning, timeout=3000):
        pass  # stopped: idle counts again


def test_the_idle_reset_stops_reading_at_once(make_kiosk, qtbot):
    from app.speech.sink import MemorySink

    k = make_kiosk(idle_ms=150, countdown=1, tick_ms=40)
    listen = k.window.listen
    listen.sink_factory = MemorySink
    k.session.go_to(Screen.ABOUT)
    listen.play_screen()
    qtbot.waitUntil(lambda: listen.state == "playing", timeout=20_000)
    sink = listen.reader.sink
    listen.reader.pause()  # paused: idle time runs out
    with qtbot.waitSignal(k.controller.idle.expired, timeout=3000):
        pass
    assert listen.state == "idle" and listen.reader.queue == () and not sink.active

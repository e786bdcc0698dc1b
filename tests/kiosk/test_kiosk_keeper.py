"""The kiosk puts its full-screen window back when something else takes it (offscreen).

``test_kiosk_xvfb.py`` does the same to a real window with xdotool and XDestroyWindow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.kiosk.keeper import CHECK_MS, MAX_BACKOFF_MS


def _full_screen(k) -> bool:
    window = k.window
    handle = window.windowHandle()
    return (
        window.isVisible()
        and handle is not None
        and handle.isVisible()
        and window.isFullScreen()
        and window.geometry() == window.screen().geometry()
    )


def test_a_resized_or_moved_kiosk_comes_back(make_kiosk, qtbot):
    k = make_kiosk()
    qtbot.waitUntil(lambda: _full_screen(k))
    with qtbot.waitSignal(k.controller.keeper.restored) as blocker:
        k.window.setGeometry(100, 100, 300, 200)
    assert blocker.args[0] in {"geometry", "state"}  # (Qt drops full screen for setGeometry)
    qtbot.waitUntil(lambda: _full_screen(k))
    with qtbot.waitSignal(k.controller.keeper.restored):
        k.window.move(400, 300)
    qtbot.waitUntil(lambda: _full_screen(k))


def test_a_hidden_kiosk_window_comes_back_with_its_guards(make_kiosk, qtbot):
    k = make_kiosk()
    old = k.window.windowHandle()
    with qtbot.waitSignal(k.controller.keeper.restored) as blocker:
        old.hide()  # what an unmap or a destroyed native window leaves Qt with
    assert blocker.args == ["hidden"]
    qtbot.waitUntil(lambda: _full_screen(k))
    # The idle watcher and the guard watch the new QWindow, not the lost one.
    handle = k.window.windowHandle()
    assert k.controller.idle._target is handle
    assert k.controller.guard._target is handle


def test_kiosk_leaves_full_screen_only_to_come_back(make_kiosk, qtbot):
    k = make_kiosk()
    with qtbot.waitSignal(k.controller.keeper.restored) as blocker:
        k.window.showNormal()
    assert blocker.args == ["state"]
    qtbot.waitUntil(lambda: _full_screen(k))


def test_a_program_fighting_the_kiosk_gets_slower_restores(make_kiosk, qtbot, clock):
    """Each restore within a few seconds of the last waits longer: no restore loop."""
    k = make_kiosk(clock=clock)
    keeper = k.controller.keeper
    waits = []
    for _ in range(5):
        k.window.setGeometry(10, 10, 200, 200)
        waits.append(keeper._check.interval())
        with qtbot.waitSignal(keeper.restored, timeout=MAX_BACKOFF_MS + 2000):
            pass
        qtbot.waitUntil(lambda: _full_screen(k))
        qtbot.waitUntil(lambda: not keeper.restoring)
        clock.advance(0.5)
    assert waits[0] == CHECK_MS
    assert waits == sorted(waits)
    assert waits[-1] >= 5 * CHECK_MS
    clock.advance(60)  # a quiet minute: the next restore is prompt again
    k.window.setGeometry(10, 10, 200, 200)
    assert keeper._check.interval() == CHECK_MS
    qtbot.waitUntil(lambda: _full_screen(k))


def test_desktop_window_is_left_where_it_is_put(make_kiosk, qtbot):
    k = make_kiosk(kiosk=False)
    assert not k.controller.keeper.active
    with qtbot.assertNotEmitted(k.controller.keeper.restored, wait=3 * CHECK_MS):
        k.window.setGeometry(50, 50, 900, 600)
    assert k.window.geometry().width() == 900


def test_keeper_rests_while_staff_leave_kiosk_mode(make_kiosk, qtbot):
    k = make_kiosk()
    k.controller.leave_kiosk()
    with qtbot.assertNotEmitted(k.controller.keeper.restored, wait=3 * CHECK_MS):
        k.window.setWindowState(Qt.WindowState.WindowNoState)
        k.window.setGeometry(50, 50, 900, 600)
    assert not k.window.isFullScreen()

"""Nothing a visitor copied or selected is left for the next one (offscreen clipboard).

The Xvfb test (``test_kiosk_xvfb.py``) checks the same against a real X clipboard and
primary selection, read by another client.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QContextMenuEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.session import Screen


def _clipboard() -> QClipboard:
    return QGuiApplication.clipboard()


@pytest.fixture(autouse=True)
def _empty_clipboard():
    _clipboard().clear()
    yield
    _clipboard().clear()


def _glossary_search(k):
    k.session.go_to(Screen.GLOSSARY)
    search = k.window.page(Screen.GLOSSARY).search
    search.setFocus()
    return search


@pytest.mark.parametrize("kiosk", [False, True])
def test_reset_empties_what_the_app_put_on_the_clipboard(make_kiosk, caplog, kiosk):
    """Desktop mode lets a visitor copy; the reset (Start over, idle, staff) forgets it."""
    k = make_kiosk(kiosk=kiosk)
    k.controller.copy_blocker.uninstall()  # as if a copy got through (kiosk mode)
    _clipboard().setText("visitor A's search")
    assert _clipboard().text() == "visitor A's search"
    with caplog.at_level(logging.INFO, logger="trialguide.kiosk"):
        k.session.reset()  # Start over: the same reset the idle timeout ends in
    assert _clipboard().text() == ""
    assert "the clipboard emptied" in caplog.text
    assert "visitor A" not in caplog.text


def test_idle_reset_empties_the_clipboard(make_kiosk, qtbot):
    k = make_kiosk(kiosk=False)
    k.controller.set_kiosk(True)
    k.controller.copy_blocker.uninstall()
    _clipboard().setText("visitor A's search")
    k.controller.idle.poke()
    with qtbot.waitSignal(k.controller.visitor_reset, timeout=5000):
        pass
    assert _clipboard().text() == ""


def test_kiosk_mode_keeps_nothing_on_the_clipboard(make_kiosk):
    k = make_kiosk()
    assert k.controller.copy_blocker.installed
    _clipboard().setText("copied anyway")
    assert _clipboard().text() == ""  # dropped within the very call that set it


def test_desktop_mode_lets_staff_copy(make_kiosk):
    k = make_kiosk(kiosk=False)
    assert not k.controller.copy_blocker.installed
    _clipboard().setText("staff note")
    assert _clipboard().text() == "staff note"


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier),
    ],
)
def test_copy_keys_do_nothing_in_the_glossary_search(make_kiosk, key, modifiers):
    k = make_kiosk()
    k.controller.copy_blocker.uninstall()  # only the guard stands in the way
    search = _glossary_search(k)
    search.setText("ovary")
    search.selectAll()
    QTest.keyClick(k.window.windowHandle(), key, modifiers)
    assert _clipboard().text() == ""
    assert search.text() == "ovary"  # not cut either


def test_copy_keys_still_copy_in_desktop_mode(make_kiosk):
    """The check above is not vacuous: the same keys copy where the guard is off."""
    k = make_kiosk(kiosk=False)
    search = _glossary_search(k)
    search.setText("ovary")
    search.selectAll()
    QTest.keyClick(k.window.windowHandle(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert _clipboard().text() == "ovary"


def test_no_copy_menu_on_the_glossary_search(make_kiosk):
    k = make_kiosk()
    search = _glossary_search(k)
    handle = k.window.windowHandle()
    centre = search.mapTo(k.window, search.rect().center())
    QTest.mouseClick(handle, Qt.MouseButton.RightButton, pos=centre)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard,
        centre,
        k.window.mapToGlobal(centre),
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(handle, event)
    assert QApplication.activePopupWidget() is None
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [k.window]


def test_counselor_start_over_empties_the_clipboard(qtbot, tmp_path):
    """Counselor mode runs without the kiosk controller: its Start over empties it too."""
    from PySide6.QtGui import QGuiApplication

    from app import launch as launcher

    config = tmp_path / "trialguide.toml"
    config.write_text("", encoding="utf-8")
    result = launcher.launch(None, "en", config_path=config, counselor=True)
    qtbot.addWidget(result.window)
    try:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText("the last patient's answer")
        result.session.reset()
        assert clipboard.text() == ""
    finally:
        result.shutdown()

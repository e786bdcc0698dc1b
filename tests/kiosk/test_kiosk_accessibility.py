"""Every control of the kiosk's overlays and error window: named, described, reachable, big."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget

from app.kiosk.error_screen import ErrorWindow
from app.kiosk.info import RECORD

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit)


def _controls(root: QWidget) -> list[QWidget]:
    return [
        w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE) and w.isVisibleTo(root)
    ]


def _check(root: QWidget) -> None:
    controls = _controls(root)
    assert controls
    for control in controls:
        label = getattr(control, "text", lambda: "")()
        assert control.accessibleName().strip(), (type(control).__name__, label)
        assert control.accessibleDescription().strip(), (type(control).__name__, label)
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, label
        if isinstance(control, QAbstractButton):
            assert control.height() >= 44 and control.width() >= 44, label


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("scale", [100, 200])
def test_overlays(make_kiosk, qtbot, language, scale):
    k = make_kiosk(language=language, idle_ms=60_000)
    k.session.set_text_scale(scale)
    controller = k.controller
    controller.still_there.set_seconds(20)
    controller.still_there.open()
    _check(controller.still_there)
    controller.close_overlays()
    controller.open_staff_gate()
    _check(controller.pin_pad)
    controller.close_overlays()
    controller.staff_panel.open()
    _check(controller.staff_panel)
    direction = (
        Qt.LayoutDirection.RightToLeft if language == "fa" else Qt.LayoutDirection.LeftToRight
    )
    for overlay in controller.overlays:
        assert overlay.layoutDirection() == direction


def test_overlay_keys_tab_in_reading_order(make_kiosk, qtbot):
    k = make_kiosk(idle_ms=60_000)
    k.controller.open_staff_gate()
    pad = k.controller.pin_pad
    order = [pad.entry]
    widget = pad.entry
    for _ in range(14):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    digits = [w.text() for w in order if w in pad.digit_buttons.values()]
    assert digits == list("1234567890")


@pytest.mark.parametrize("language", ["en", "fa"])
def test_error_window(qtbot, language):
    window = ErrorWindow(RECORD, "x.yaml:3: identification.nct_id: bad", language=language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _check(window)

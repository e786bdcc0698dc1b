"""Scrolling by finger: kinetic drag scrolling for every scrolling view, and back to the top.

A kiosk's visitor drags the page with a finger. Where the system reports a touch screen,
Qt's touch gesture drives the scroller; a kiosk whose touch panel arrives as a mouse (no
touch driver, the common case under a bare X server) gets the same kinetic scrolling from
a left-button drag. A tap that does not move presses the button under it; a drag
that starts on a button scrolls and does not press it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QInputDevice
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QScroller,
    QScrollerProperties,
    QWidget,
)

#: How far (in metres on the screen, Qt's unit) a finger must move before a drag scrolls:
#: a tap that wobbles a little still presses the button under it.
DRAG_START_DISTANCE = 0.004
#: A press is held back this long (seconds) to see whether it becomes a drag. None: the
#: press reaches the button at once (it shows pressed under the finger), and a drag that
#: starts on it cancels its click. (A held-back press lost quick taps on the number pad.)
PRESS_DELAY = 0.0


def has_touch_screen() -> bool:
    """Whether the system reports a touch screen (else touch arrives as a mouse)."""
    return any(
        device.type() == QInputDevice.DeviceType.TouchScreen for device in QInputDevice.devices()
    )


def gesture_type() -> QScroller.ScrollerGestureType:
    """The gesture that scrolls: touch where a touch screen exists, else a left-button drag."""
    if has_touch_screen():
        return QScroller.ScrollerGestureType.TouchGesture
    return QScroller.ScrollerGestureType.LeftMouseButtonGesture


def make_touch_scrollable(area: QAbstractScrollArea) -> QScroller:
    """Give ``area`` kinetic drag scrolling (once; later calls change nothing)."""
    viewport = area.viewport()
    if viewport.property("touch_scroll"):
        return QScroller.scroller(viewport)
    QScroller.grabGesture(viewport, gesture_type())
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    metric = QScrollerProperties.ScrollMetric
    properties.setScrollMetric(metric.DragStartDistance, DRAG_START_DISTANCE)
    properties.setScrollMetric(metric.MousePressEventDelay, PRESS_DELAY)
    # No rubber band past the ends: the page stops where its content does.
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(metric.HorizontalOvershootPolicy, off)
    properties.setScrollMetric(metric.VerticalOvershootPolicy, off)
    scroller.setScrollerProperties(properties)
    viewport.setProperty("touch_scroll", True)
    return scroller


def hands_on_screen() -> bool:
    """Whether a finger (or the mouse button) is down, or a flick is still gliding.

    Work that can wait (building the rest of a page, warming hidden pages) waits then: a
    step in the middle of a drag or a glide would make the page stutter under the finger.
    """
    if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return True
    gliding = QScroller.activeScrollers()
    return any(scroller.state() != QScroller.State.Inactive for scroller in gliding)


def make_all_touch_scrollable(root: QWidget | QObject) -> None:
    """Kinetic drag scrolling for every scrolling view inside ``root`` (and root itself)."""
    areas = root.findChildren(QAbstractScrollArea)
    if isinstance(root, QAbstractScrollArea):
        areas.insert(0, root)
    for area in areas:
        make_touch_scrollable(area)


def scroll_to_top(area: QAbstractScrollArea) -> None:
    """Stop any kinetic scrolling of ``area`` and show its start."""
    QScroller.scroller(area.viewport()).stop()
    for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
        bar.setValue(bar.minimum())

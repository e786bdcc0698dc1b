"""The hidden staff gesture: hold the top-right corner of the screen for three seconds.

The corner is always the *physical* top-right, in Persian (right to left) too: staff learn
one place, whatever language the last visitor chose. It is an invisible square above the
window's content, so a short tap there does nothing and a visitor cannot find it by
accident; a long press emits :attr:`HotCorner.held`.

In kiosk mode (:meth:`HotCorner.set_screen_corner`) the square sits at the top-right of
the *screen* the window is on, not of the window: the two are the same while the window
fills its screen, and if anything ever leaves the window smaller, the corner staff learnt
is still where the PIN pad opens (as far as the window reaches it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from app.i18n import _

#: How long staff hold the corner, in ms.
HOLD_MS = 3000
#: Side of the corner square in px (a comfortable touch target).
CORNER_SIZE = 56


class HotCorner(QWidget):
    """An invisible square at the top-right of its parent.

    Signals:
        held(): the corner was held down for ``hold_ms``.
    """

    held = Signal()

    def __init__(self, parent: QWidget, hold_ms: int = HOLD_MS, size: int = CORNER_SIZE):
        super().__init__(parent)
        self._size = size
        self._screen_corner = False
        self.setObjectName("StaffCorner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation, True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.retranslate()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self.held)
        parent.installEventFilter(self)
        self._place()
        self.show()

    def retranslate(self) -> None:
        """Name the corner in the current language (for screen readers)."""
        self.setAccessibleName(_("Staff access"))
        self.setAccessibleDescription(_("Staff: hold for three seconds to open the PIN pad"))

    @property
    def holding(self) -> bool:
        """Whether a press is being held on the corner now."""
        return self._timer.isActive()

    def set_screen_corner(self, on: bool) -> None:
        """Sit at the screen's top-right (kiosk mode) rather than the window's."""
        self._screen_corner = on
        self._place()

    def _place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None  # built with its window as parent
        square = QRect(parent.width() - self._size, 0, self._size, self._size)
        screen = parent.screen()
        if self._screen_corner and screen is not None and parent.isVisible():
            top_right = parent.mapFromGlobal(screen.geometry().topRight())
            at_screen = QRect(top_right.x() - self._size + 1, top_right.y(), self._size, self._size)
            # Inside the window: a child widget cannot reach past it.
            clipped = at_screen.intersected(parent.rect())
            if not clipped.isEmpty():
                square = clipped
        self.setGeometry(square)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stay in the top-right corner when the window changes size."""
        if watched is self.parentWidget() and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Move,
            QEvent.Type.Show,
            QEvent.Type.LayoutRequest,
        ):
            self._place()
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Start timing a hold."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Released too soon: nothing happens."""
        self._timer.stop()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Sliding off the corner cancels the hold."""
        if not self.rect().contains(event.position().toPoint()):
            self._timer.stop()
        event.accept()

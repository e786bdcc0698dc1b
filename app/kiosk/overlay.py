"""A panel shown over the whole window: a dimmed backdrop and a centred card.

Overlays are children of the window (not separate windows), so a full-screen window that
stays on top never hides them. While one is shown, the window's own content is disabled:
Tab cannot reach the controls under the backdrop and a screen reader does not read them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.i18n import text_direction

#: Widest the card gets, in px at 100% text size.
CARD_WIDTH = 760


class Overlay(QWidget):
    """Covers its parent window; subclasses fill :attr:`card_layout` and :meth:`retranslate`."""

    def __init__(self, parent: QWidget, card_width: int = CARD_WIDTH) -> None:
        super().__init__(parent)
        self._card_width = card_width
        self._covered: QWidget | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 16, 16, 16)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setStyleSheet(
            "QScrollArea, QScrollArea > QWidget > QWidget {background: transparent;}"
        )
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        self.card = QFrame(holder)
        self.card.setProperty("role", "card")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.card_layout = QVBoxLayout(self.card)
        self.card_layout.setContentsMargins(32, 24, 32, 24)
        self.card_layout.setSpacing(14)
        # Centred with stretches, not with an alignment flag: an aligned widget gets its
        # size hint's height, and word-wrapped labels need their height for the width.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card, 100)
        row.addStretch(1)
        holder_layout.addStretch(1)
        holder_layout.addLayout(row)
        holder_layout.addStretch(1)
        self.scroll_area.setWidget(holder)
        outer.addWidget(self.scroll_area)
        self.hide()
        parent.installEventFilter(self)

    def set_text_scale(self, scale: int) -> None:
        """Let the card grow with the text size."""
        self.card.setMaximumWidth(round(self._card_width * max(100, scale) / 100))

    def set_language(self, lang: str) -> None:
        """Lay the card out in the language's direction."""
        self.setLayoutDirection(text_direction(lang))

    def open(self) -> None:
        """Show over the whole window and take the focus."""
        self.setGeometry(self._host().rect())
        self._cover(True)
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        first = self.first_focus()
        if first is not None:
            first.setFocus(Qt.FocusReason.PopupFocusReason)

    def close_overlay(self) -> None:
        """Hide and give the window its content back."""
        if self.isVisible():
            self.hide()
        self._cover(False)

    def first_focus(self) -> QWidget | None:
        """The widget that gets the focus when the overlay opens."""
        return None

    def _host(self) -> QWidget:
        parent = self.parentWidget()
        assert parent is not None  # built with its window as parent
        return parent

    def _cover(self, on: bool) -> None:
        parent = self._host()
        central = getattr(parent, "centralWidget", None)
        content = central() if callable(central) else None
        if on and content is not None and self._covered is None:
            content.setEnabled(False)
            self._covered = content
        elif not on and self._covered is not None:
            if not any(
                isinstance(sibling, Overlay) and sibling is not self and sibling.isVisible()
                for sibling in parent.children()
            ):
                self._covered.setEnabled(True)
            self._covered = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's size."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host().rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        """Dim what lies underneath."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 160))
        painter.end()

"""A dimmed layer over the window, and the large two-button "Start over?" prompt on it.

Both live inside the window (not as separate top-level windows): a kiosk has no window
manager to stack, focus or place a dialog, and a visitor cannot lose a prompt behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, text_direction
from app.session import Session
from app.ui.text import WrapLabel

#: The dimming over the rest of the window: black at this opacity (0..255).
DIM_ALPHA = 150


class Scrim(QWidget):
    """A translucent layer over all of ``parent`` that takes every tap meant for below.

    Signals:
        tapped(): the dimmed area (not a panel on it) was tapped.
    """

    tapped = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Scrim")
        self.hide()
        parent.installEventFilter(self)

    def cover(self) -> None:
        """Cover the parent, on top of everything in it."""
        self.setGeometry(self._host().rect())
        self.show()
        self.raise_()

    def _host(self) -> QWidget:
        parent = self.parentWidget()
        assert parent is not None  # built with the widget it covers as parent
        return parent

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: D102 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, DIM_ALPHA))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: D102 - Qt override
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: D102 - Qt override
        event.accept()
        self.tapped.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the parent's size."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host().rect())
        return super().eventFilter(watched, event)


class ConfirmPrompt(QFrame):
    """The question "Start over?" with two large buttons: Yes resets the session, No goes back.

    Hidden by any reset (the kiosk's idle reset included, which never asks).

    Signals:
        answered(bool): the visitor chose (True: start over).
    """

    answered = Signal(bool)

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("Confirm")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.scrim = Scrim(parent)
        self.scrim.tapped.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(16)
        self.question = WrapLabel(self)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setProperty("role", "h2")
        self.explanation = WrapLabel(self)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        self.no_button = QPushButton(self)
        self.no_button.setProperty("role", "answer")
        self.no_button.clicked.connect(self.cancel)
        self.yes_button = QPushButton(self)
        self.yes_button.setProperty("role", "confirm")
        self.yes_button.clicked.connect(self.confirm)
        for button in (self.no_button, self.yes_button):
            button.setMinimumHeight(72)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            buttons.addWidget(button, 1)
        layout.addWidget(self.question)
        layout.addWidget(self.explanation)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.hide()
        parent.installEventFilter(self)
        session.language_changed.connect(self._on_language_changed)
        session.reset_done.connect(self._on_reset)
        self.render()

    def render(self) -> None:
        """Put the prompt's words in the current language."""
        self.setLayoutDirection(text_direction(self.session.language))
        self.question.setText(_("Start over?"))
        self.explanation.setText(
            _("This forgets all your answers and goes back to the first screen.")
        )
        self.no_button.setText(_("No, go back"))
        self.no_button.setAccessibleName(_("No, go back"))
        self.no_button.setAccessibleDescription(_("Keep your answers and close this question"))
        self.yes_button.setText(_("Yes, start over"))
        self.yes_button.setAccessibleName(_("Yes, start over"))
        self.yes_button.setAccessibleDescription(
            _("Forget all answers and go back to the first screen")
        )
        self.setAccessibleName(_("Start over?"))
        if self.isVisible():
            self._place()

    def ask(self) -> None:
        """Show the prompt over a dimmed window; No has the focus."""
        self.render()
        self.scrim.cover()
        self._place()
        self.show()
        self.raise_()
        self.no_button.setFocus(Qt.FocusReason.PopupFocusReason)

    def confirm(self) -> None:
        """Yes: forget the visit."""
        self._close()
        self.answered.emit(True)
        self.session.reset()

    def cancel(self) -> None:
        """No: back to where the visitor was."""
        if self.isVisible():
            self._close()
            self.answered.emit(False)

    def _close(self) -> None:
        self.hide()
        self.scrim.hide()

    def _place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None  # built with the window as parent
        width = min(parent.width() - 48, max(560, parent.width() // 2))
        self.setFixedWidth(width)
        self.adjustSize()
        height = min(self.sizeHint().height(), parent.height() - 48)
        self.setGeometry(
            (parent.width() - width) // 2, (parent.height() - height) // 2, width, height
        )

    def _on_language_changed(self, _lang: str) -> None:
        self.render()

    def _on_reset(self) -> None:
        self._close()
        self.render()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's size."""
        if (
            watched is self.parentWidget()
            and self.isVisible()
            and event.type() == QEvent.Type.Resize
        ):
            self._place()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape answers No."""
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

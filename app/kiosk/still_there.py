"""The "Are you still there?" overlay: a countdown before the kiosk starts over."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.i18n import _
from app.i18n.format import format_number
from app.kiosk.overlay import Overlay


class StillThereOverlay(Overlay):
    """Asks whether the visitor is still there and shows the seconds left.

    Signals:
        still_here(): the visitor pressed "I'm still here".
    """

    still_here = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, card_width=720)
        self._lang = "en"
        self._seconds = 0
        self._scale = 100
        self.title = QLabel(self.card)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setProperty("role", "h1")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self.card)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setProperty("role", "lead")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count = QLabel(self.card)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_caption = QLabel(self.card)
        self.count_caption.setTextFormat(Qt.TextFormat.PlainText)
        self.count_caption.setProperty("role", "muted")
        self.count_caption.setWordWrap(True)
        self.count_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self.card)
        self.button.setProperty("role", "primary")
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.still_here)
        for widget in (self.title, self.message, self.count, self.count_caption):
            self.card_layout.addWidget(widget)
        self.card_layout.addSpacing(8)
        self.card_layout.addWidget(self.button)
        self.set_text_scale(100)
        self.retranslate()

    def first_focus(self) -> QWidget | None:
        """The big button."""
        return self.button

    def set_seconds(self, seconds: int) -> None:
        """Show the seconds left."""
        self._seconds = max(0, seconds)
        self._show_count()

    @property
    def seconds(self) -> int:
        """The seconds shown."""
        return self._seconds

    def set_language(self, lang: str) -> None:
        """Speak ``lang``."""
        super().set_language(lang)
        self._lang = lang
        self.retranslate()

    def set_text_scale(self, scale: int) -> None:
        """Size the countdown and the button with the text size."""
        super().set_text_scale(scale)
        self._scale = scale
        # Big, but the whole card still fits a 1280x800 screen at 200% text.
        count = min(round(96 * scale / 100), 128)
        self.count.setStyleSheet(f"font-size: {count}px; font-weight: 700;")
        self.button.setStyleSheet(
            f"min-height: {min(round(72 * scale / 100), 96)}px; "
            f"font-size: {round(24 * scale / 100)}px; padding: 8px 32px;"
        )

    def retranslate(self) -> None:
        """Put every word in the current language."""
        self.title.setText(_("Are you still there?"))
        self.message.setText(
            _(
                "If nobody touches the screen, your answers will be forgotten and it will "
                "start over for the next person."
            )
        )
        self.count_caption.setText(_("Seconds until the screen starts over"))
        self.button.setText(_("I'm still here"))
        self.button.setAccessibleName(_("I'm still here"))
        self.button.setAccessibleDescription(_("Keep going where you were"))
        self.setAccessibleName(_("Are you still there?"))
        self._show_count()

    def _show_count(self) -> None:
        shown = format_number(self._seconds, self._lang)
        self.count.setText(shown)
        self.count.setAccessibleName(
            _("Seconds until the screen starts over: {seconds}").format(seconds=shown)
        )

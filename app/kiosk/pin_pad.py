"""The staff PIN pad: large digit keys, a masked entry, and the lock after five wrong PINs.

The PIN is checked with :class:`app.pin.PinLock` (salted scrypt; five wrong PINs lock the
pad for 60 seconds, each further five for twice as long, up to an hour; the lock survives a
restart). The typed PIN is never logged and is cleared whenever the pad closes. With no PIN
configured the pad shows only that staff exit is turned off.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.i18n import _, localize
from app.i18n.format import format_number
from app.kiosk.overlay import Overlay
from app.pin import MAX_PIN_LENGTH, PinLock

#: Digit keys: (digit, row, column); laid out 1-2-3 left to right in both languages,
#: as phone and calculator keypads are.
_KEYS = (
    ("1", 0, 0), ("2", 0, 1), ("3", 0, 2),
    ("4", 1, 0), ("5", 1, 1), ("6", 1, 2),
    ("7", 2, 0), ("8", 2, 1), ("9", 2, 2),
    ("0", 3, 1),
)  # fmt: skip

#: Side of a key in px at 100% text size (touch targets need 44 px at least).
KEY_SIZE = 76
#: A longer lock-out counts down in minutes.
_MINUTES_FROM = 120


class PinPad(Overlay):
    """Asks for the staff PIN.

    Signals:
        accepted(): the right PIN was entered.
        cancelled(): the pad was closed without a right PIN.
    """

    accepted = Signal()
    cancelled = Signal()

    def __init__(self, parent: QWidget, lock: PinLock | None) -> None:
        super().__init__(parent, card_width=560)
        self.lock = lock
        self._lang = "en"
        self._message: tuple[str, int] = ("prompt", 0)
        self.title = QLabel(self.card)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setProperty("role", "h2")
        self.title.setWordWrap(True)
        self.status = QLabel(self.card)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setProperty("role", "lead")
        self.entry = QLineEdit(self.card)
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setMaxLength(MAX_PIN_LENGTH)
        self.entry.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.entry.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.entry.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9۰-۹٠-٩]*"), self.entry)
        )
        self.entry.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.entry.returnPressed.connect(self.submit)

        self.keys = QWidget(self.card)
        self.keys.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        grid = QGridLayout(self.keys)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.digit_buttons: dict[str, QPushButton] = {}
        for digit, row, column in _KEYS:
            button = self._key()
            button.clicked.connect(lambda _c=False, d=digit: self.entry.insert(d))
            grid.addWidget(button, row, column)
            self.digit_buttons[digit] = button
        self.erase_button = self._key()
        self.erase_button.clicked.connect(self.entry.backspace)
        grid.addWidget(self.erase_button, 3, 0)
        self.ok_button = self._key()
        self.ok_button.setProperty("role", "primary")
        self.ok_button.clicked.connect(self.submit)
        grid.addWidget(self.ok_button, 3, 2)

        self.cancel_button = QPushButton(self.card)
        self.cancel_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)

        self.card_layout.addWidget(self.title)
        self.card_layout.addWidget(self.status)
        self.card_layout.addWidget(self.entry)
        self.card_layout.addWidget(self.keys, 0, Qt.AlignmentFlag.AlignHCenter)
        self.card_layout.addLayout(buttons)

        # While locked, the countdown on the pad is refreshed from the lock's clock.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(250)
        self._refresh_timer.timeout.connect(self.refresh)
        self.set_text_scale(100)
        self.retranslate()

    # -- building --------------------------------------------------------------------
    def _key(self) -> QPushButton:
        button = QPushButton(self.keys)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def first_focus(self) -> QWidget | None:
        """The entry (a keyboard can type the PIN), or Close when exit is turned off."""
        return self.entry if self.lock is not None else self.cancel_button

    def set_text_scale(self, scale: int) -> None:
        """Keys at least :data:`KEY_SIZE` square, all as wide as the widest."""
        super().set_text_scale(scale)
        self.even_out()

    def even_out(self) -> None:
        """Give every key the same width (call again when the words or text size change)."""
        keys = (*self.digit_buttons.values(), self.erase_button, self.ok_button)
        for key in keys:
            key.setMinimumSize(0, 0)
            key.ensurePolished()
        width = max(KEY_SIZE, *(key.sizeHint().width() for key in keys))
        for key in keys:
            key.setMinimumSize(width, KEY_SIZE)

    # -- state -----------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        """Whether a PIN is configured (otherwise staff exit is turned off)."""
        return self.lock is not None

    @property
    def locked(self) -> bool:
        """Whether too many wrong PINs locked the pad."""
        return self.lock is not None and self.lock.seconds_locked() > 0

    def open(self) -> None:
        """Show the pad, empty."""
        self.entry.clear()
        self._message = ("prompt", 0)
        self.refresh()
        super().open()

    def close_overlay(self) -> None:
        """Hide the pad and forget what was typed."""
        self.entry.clear()
        self._refresh_timer.stop()
        super().close_overlay()

    def cancel(self) -> None:
        """Close without unlocking."""
        self.close_overlay()
        self.cancelled.emit()

    def submit(self) -> None:
        """Check the typed PIN."""
        if self.lock is None:
            return
        pin = self.entry.text()
        self.entry.clear()
        if self.locked:
            self.refresh()
            return
        if not pin:
            return
        if self.lock.try_pin(pin):
            self.close_overlay()
            self.accepted.emit()
            return
        self._message = ("wrong", self.lock.tries_left)
        self.refresh()

    def refresh(self) -> None:
        """Show whether the pad is locked and for how long; unlock it when the time is up."""
        locked = self.locked
        for widget in (*self.digit_buttons.values(), self.erase_button, self.ok_button, self.entry):
            widget.setEnabled(self.lock is not None and not locked)
        self.entry.setVisible(self.lock is not None)
        self.keys.setVisible(self.lock is not None)
        if locked:
            if not self._refresh_timer.isActive():
                self._refresh_timer.start()
        elif self._refresh_timer.isActive():
            self._refresh_timer.stop()
            self._message = ("prompt", 0)
            if self.isVisible():
                self.entry.setFocus()
        self._show_status()

    # -- words -----------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Speak ``lang``."""
        super().set_language(lang)
        self._lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Put every word in the current language."""
        lang = self._lang
        self.title.setText(_("Staff only") if self.lock is not None else _("Staff exit"))
        self.setAccessibleName(self.title.text())
        self.entry.setAccessibleName(_("Staff PIN"))
        self.entry.setAccessibleDescription(_("The digits you type are hidden"))
        self.entry.setPlaceholderText("")
        for digit, button in self.digit_buttons.items():
            shown = format_number(int(digit), lang)
            button.setText(shown)
            button.setAccessibleName(shown)
            button.setAccessibleDescription(_("Type this digit"))
        self.erase_button.setText(_("Erase"))
        self.erase_button.setAccessibleName(_("Erase"))
        self.erase_button.setAccessibleDescription(_("Remove the last digit"))
        self.ok_button.setText(_("OK"))
        self.ok_button.setAccessibleName(_("OK"))
        self.ok_button.setAccessibleDescription(_("Check the PIN"))
        self.even_out()
        close = _("Cancel") if self.lock is not None else _("Close")
        self.cancel_button.setText(close)
        self.cancel_button.setAccessibleName(close)
        self.cancel_button.setAccessibleDescription(_("Go back to the visitor screen"))
        self._show_status()

    def _show_status(self) -> None:
        lang = self._lang
        if self.lock is None:
            text = _(
                "Staff exit is turned off because no staff PIN is set. Set one with the "
                "command “trialguide set-pin”, then restart TrialGuide."
            )
        elif self.locked:
            seconds = math.ceil(self.lock.seconds_locked())
            if seconds > _MINUTES_FROM:
                text = _(
                    "Too many wrong PINs. The pad is locked. "
                    "Minutes until you can try again: {minutes}"
                ).format(minutes=format_number(math.ceil(seconds / 60), lang))
            else:
                text = _(
                    "Too many wrong PINs. The pad is locked. "
                    "Seconds until you can try again: {seconds}"
                ).format(seconds=format_number(seconds, lang))
        elif self._message[0] == "wrong":
            text = _("Wrong PIN. Tries left before the pad locks: {tries}").format(
                tries=format_number(self._message[1], lang)
            )
        else:
            text = _("Enter the staff PIN.")
        shown = localize(text, lang)
        self.status.setText(shown)
        self.status.setAccessibleName(shown)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter checks the PIN."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.lock is not None:
            self.submit()
            return
        super().keyPressEvent(event)

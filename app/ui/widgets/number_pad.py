"""A large on-screen number pad for touch screens without a keyboard.

The keys never take keyboard focus, so a tap keeps the focus (and the cursor) in the
number field it types into; a physical keyboard works on the field directly. The pad is
always laid out 1-2-3 from left to right, as phone and calculator keypads are in
Persian too; its digits follow the language (Persian digits for ``fa``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from app.i18n import _, text_direction
from app.i18n.format import format_number

#: Digit keys: (digit, row, column).
_KEYS = (
    ("1", 0, 0), ("2", 0, 1), ("3", 0, 2),
    ("4", 1, 0), ("5", 1, 1), ("6", 1, 2),
    ("7", 2, 0), ("8", 2, 1), ("9", 2, 2),
    ("0", 3, 1),
)  # fmt: skip


class NumberPad(QWidget):
    """Digit keys 0-9 and an erase key.

    Signals:
        digit_pressed(str): a digit key was tapped; the digit is given as ASCII "0"-"9".
        erase_pressed(): the erase key was tapped (remove the last digit).
    """

    digit_pressed = Signal(str)
    erase_pressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.digit_buttons: dict[str, QPushButton] = {}
        for digit, row, column in _KEYS:
            button = self._key()
            button.clicked.connect(lambda _c=False, d=digit: self.digit_pressed.emit(d))
            grid.addWidget(button, row, column)
            self.digit_buttons[digit] = button
        self.erase_button = self._key()
        self.erase_button.clicked.connect(self.erase_pressed)
        grid.addWidget(self.erase_button, 3, 2)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.retranslate("en")

    def _key(self) -> QPushButton:
        button = QPushButton(self)
        # A touch convenience: keyboard users type into the field itself.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setProperty("touchOnly", True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return button

    def retranslate(self, lang: str) -> None:
        """Show the keys in ``lang`` (its digits and words)."""
        for digit, button in self.digit_buttons.items():
            shown = format_number(int(digit), lang)
            button.setText(shown)
            button.setAccessibleName(shown)
            button.setAccessibleDescription(_("Type this digit"))
        self.erase_button.setText(_("Erase"))
        self.erase_button.setLayoutDirection(text_direction(lang))
        self.erase_button.setAccessibleName(_("Erase"))
        self.erase_button.setAccessibleDescription(_("Remove the last digit"))
        self.even_out()

    def even_out(self) -> None:
        """Make every key as wide as the widest (call again when the text size changes)."""
        keys = [*self.digit_buttons.values(), self.erase_button]
        for key in keys:
            key.setMinimumWidth(0)
            key.ensurePolished()
        width = max(key.sizeHint().width() for key in keys)
        for key in keys:
            key.setMinimumWidth(width)

"""A number answer: a large field with its unit, a kind inline message, and a number pad.

The field accepts Latin, Persian and Arabic-Indic digits and shows them as the language
writes them (Persian digits for ``fa``). It only *reads* a number; the screen decides
when to store it (on Next or Enter) and an entry that does not fit is never stored.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.i18n import is_rtl, localize, text_direction
from app.i18n.format import to_latin_digits, to_persian_digits
from app.present.numbers import NumberProblem, number_hint, number_message, read_number
from app.record import TrialRecord
from app.record.models import NumberQuestion
from app.selfcheck import parse_number
from app.ui.style import px
from app.ui.text import WrapLabel
from app.ui.widgets.number_pad import NumberPad


class NumberEntry(QWidget):
    """The field, its unit and hint, a message when the entry does not fit, and a pad.

    Signals:
        submitted(): Enter or Return was pressed in the field.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._question: NumberQuestion | None = None
        self._lang = "en"
        self._error: NumberProblem | None = None  # the message shown (None: none)
        self._converting = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(32)
        entry = QVBoxLayout()
        entry.setSpacing(12)
        field_row = QHBoxLayout()
        field_row.setSpacing(12)
        self.field = QLineEdit(self)
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.field.setMaxLength(6)
        # Centred: a bare number has no direction of its own to align it by.
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.installEventFilter(self)
        self.unit_label = QLabel(self)
        self.unit_label.setTextFormat(Qt.TextFormat.PlainText)
        self.unit_label.setProperty("role", "lead")
        field_row.addWidget(self.field)
        field_row.addWidget(self.unit_label)
        field_row.addStretch(1)
        self.range_hint = WrapLabel(self)
        self.range_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.range_hint.setProperty("role", "muted")
        self.error_card = QFrame(self)
        self.error_card.setProperty("role", "notice")
        error_layout = QVBoxLayout(self.error_card)
        error_layout.setContentsMargins(20, 12, 20, 12)
        self.error_label = WrapLabel(self.error_card)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        error_layout.addWidget(self.error_label)
        self.error_card.hide()
        entry.addLayout(field_row)
        entry.addWidget(self.range_hint)
        entry.addWidget(self.error_card)
        entry.addStretch(1)
        self.pad = NumberPad(self)
        self.pad.digit_pressed.connect(self._type_digit)
        self.pad.erase_pressed.connect(self.field.backspace)
        layout.addLayout(entry, 1)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop)

    # -- showing -----------------------------------------------------------------------
    def show_question(
        self, question: NumberQuestion, record: TrialRecord, lang: str, text_scale: int
    ) -> None:
        """Label the field for ``question`` in ``lang``; what is typed stays (in lang's digits)."""
        self._question = question
        self._lang = lang
        self.unit_label.setText(localize(question.unit, lang))
        self.range_hint.setText(number_hint(question, lang, "next"))
        self.field.setAccessibleName(record.unmark(localize(question.text, lang), lang))
        self.field.setMaximumWidth(px("h1", text_scale) * 4 + 48)
        self.field.setLayoutDirection(text_direction(lang))
        self._convert_digits()
        self._show_error()
        self.pad.retranslate(lang)
        self.pad.even_out()

    def set_value(self, value: int | None) -> None:
        """Show a stored answer (or nothing), in the language's digits; no message."""
        self._error = None
        text = "" if value is None else str(value)
        self.field.setText(to_persian_digits(text) if is_rtl(self._lang) else text)
        self._show_error()

    def read(self) -> tuple[NumberProblem | None, int | None]:
        """What the field holds: (None, number) when it fits the question, else the problem."""
        question = self._question
        text = self.field.text()
        if question is None:
            value = parse_number(text)
            if not text.strip():
                return NumberProblem.EMPTY, None
            return (None, value) if value is not None else (NumberProblem.NOT_NUMBER, None)
        return read_number(question, text)

    def show_problem(self, problem: NumberProblem) -> None:
        """Explain, kindly and in place, why the entry cannot be stored; select it."""
        self._error = problem
        self._show_error()
        self.field.setFocus()
        self.field.selectAll()

    @property
    def message(self) -> str:
        """The message shown now ("" when there is none)."""
        if self._question is None:
            return ""
        return number_message(self._error, self._question, self._lang)

    def _show_error(self) -> None:
        message = self.message
        self.error_label.setText(message)
        self.error_card.setVisible(bool(message))
        self.field.setAccessibleDescription(message or self.range_hint.text())

    def _convert_digits(self) -> None:
        """Write the field's digits as the language does (Persian digits for fa)."""
        text = self.field.text()
        shown = to_persian_digits(text) if is_rtl(self._lang) else to_latin_digits(text)
        if shown != text:
            cursor = self.field.cursorPosition()
            self._converting = True
            try:
                self.field.setText(shown)
            finally:
                self._converting = False
            self.field.setCursorPosition(cursor)

    # -- typing ------------------------------------------------------------------------
    def _on_text_changed(self, _text: str) -> None:
        if self._converting:
            return
        self._convert_digits()
        if self._error is not None:  # typing again: the message has done its job
            self._error = None
            self._show_error()

    def _type_digit(self, digit: str) -> None:
        self.field.insert(to_persian_digits(digit) if is_rtl(self._lang) else digit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the field submits (and goes no further)."""
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.submitted.emit()
            return True
        return super().eventFilter(watched, event)

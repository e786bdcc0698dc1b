"""One self-check question in the counselor view, with the patient's answer, editable.

A choice question is a combo box of its options (and "Not answered"); a number question
is a field that takes Latin or Persian digits. An answer goes straight to the session; a
typed number goes there when the counselor pauses (:data:`TYPING_PAUSE_MS`) or leaves the
field; a number that cannot be kept is not stored, and a message says why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, is_rtl, localize, text_direction
from app.i18n.format import format_number, to_latin_digits, to_persian_digits
from app.present.numbers import NumberProblem, number_hint, number_message, read_number
from app.present.text import shown_text
from app.record.models import ChoiceQuestion, NumberQuestion
from app.selfcheck import AnswerError
from app.session import Session
from app.ui.counselor.labels import give_ink_room, label, set_shown, show
from app.ui.text import TextLabel

Question = ChoiceQuestion | NumberQuestion

#: A typed number is taken this long after the last key (the result updates then).
TYPING_PAUSE_MS = 500


class QuestionEditor(QFrame):
    """One question in the patient's language (the second language smaller) and its answer.

    Signals:
        term_activated(str): a glossary link in the question was activated.
    """

    term_activated = Signal(str)

    def __init__(
        self, session: Session, question: Question, number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.question = question
        self.number = number
        #: What is wrong with the typed number (None: nothing).
        self.error: NumberProblem | None = None
        self.setObjectName("QuestionEditor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 10)
        layout.setSpacing(6)
        self.counter = label("caption", self)
        self.text = TextLabel(parent=self)
        give_ink_room(self.text)
        self.text.term_activated.connect(self.term_activated)
        self.second = label("second", self)
        layout.addWidget(self.counter)
        layout.addWidget(self.text)
        layout.addWidget(self.second)
        self.combo: QComboBox | None = None
        self.field: QLineEdit | None = None
        self.unit: QLabel | None = None
        self.message = label("error", self)
        self.message.hide()
        if isinstance(question, ChoiceQuestion):
            combo = QComboBox(self)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.addItem("", None)
            for option in question.options:
                combo.addItem("", option.id)
            combo.activated.connect(self._on_choice)
            layout.addWidget(combo)
            self.combo = combo
        else:
            row = QHBoxLayout()
            row.setSpacing(10)
            field = QLineEdit(self)
            field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
            field.setMaxLength(6)
            field.setAlignment(Qt.AlignmentFlag.AlignCenter)
            field.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            field.editingFinished.connect(self._on_editing_finished)
            field.textEdited.connect(self._on_edited)
            # The result follows the typing after a short pause, not only on Tab.
            self._typing = QTimer(self)
            self._typing.setSingleShot(True)
            self._typing.setInterval(TYPING_PAUSE_MS)
            self._typing.timeout.connect(self.commit)
            self.unit = label(None, self)
            self.unit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            row.addWidget(field, 1)
            row.addWidget(self.unit, 1)
            layout.addLayout(row)
            self.field = field
        layout.addWidget(self.message)

    # -- showing ---------------------------------------------------------------------
    def retranslate(self, lang: str, second: str | None, total: int) -> None:
        """Put the question, its options and messages in ``lang`` (``second`` below)."""
        record = self.session.record
        question = self.question
        self.setLayoutDirection(text_direction(lang))
        show(
            self.counter,
            _("Question {number} of {total}").format(
                number=format_number(self.number, lang), total=format_number(total, lang)
            ),
            lang,
        )
        self.text.set_record_text(question.text, lang, record)
        if second is not None:
            show(self.second, shown_text(record, question.text, second), second)
        else:
            set_shown(self.second, False)
        words = shown_text(record, question.text, lang)
        if self.combo is not None and isinstance(question, ChoiceQuestion):
            self.combo.setItemText(0, _("Not answered"))
            for index, option in enumerate(question.options, 1):
                self.combo.setItemText(index, shown_text(record, option.label, lang))
                if second is not None:
                    self.combo.setItemData(
                        index,
                        shown_text(record, option.label, second),
                        Qt.ItemDataRole.ToolTipRole,
                    )
            self.combo.setLayoutDirection(text_direction(lang))
            self.combo.setAccessibleName(words)
            self.combo.setAccessibleDescription(
                _("The patient's answer. Choose “Not answered” to clear it.")
            )
        if self.field is not None and self.unit is not None:
            assert isinstance(question, NumberQuestion)
            show(self.unit, localize(question.unit, lang), lang)
            self.unit.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
            self.field.setLayoutDirection(text_direction(lang))
            self._convert_digits(lang)
            self.field.setAccessibleName(words)
            self.field.setAccessibleDescription(self.error_text() or self.range_text())
        show(self.message, self.error_text(), lang)
        self.sync()

    def range_text(self) -> str:
        """What the number field takes, in the interface language."""
        question = self.question
        assert isinstance(question, NumberQuestion)
        return number_hint(question, self.session.language, "enter")

    def error_text(self) -> str:
        """The message for a typed number that was not kept ("" when there is none)."""
        question = self.question
        if not isinstance(question, NumberQuestion):
            return ""
        return number_message(self.error, question, self.session.language)

    def sync(self, force: bool = False) -> None:
        """Show the session's answer (a number being typed is left alone unless ``force``)."""
        answer = self.session.answers.get(self.question.id)
        if self.combo is not None:
            index = self.combo.findData(answer) if answer is not None else 0
            self.combo.setCurrentIndex(max(0, index))
        if self.field is not None and (force or not self.field.isModified()):
            lang = self.session.language
            self.field.setText("" if answer is None else format_number(int(answer), lang))
            self._set_error(None)

    def clear(self) -> None:
        """Forget anything typed (a new visitor)."""
        self.sync(force=True)

    # -- editing ---------------------------------------------------------------------
    def _on_choice(self, index: int) -> None:
        option_id = self.combo.itemData(index) if self.combo is not None else None
        if option_id is None:
            self.session.clear_answer(self.question.id)
        else:
            self.session.answer(self.question.id, option_id)

    def commit(self) -> bool:
        """Store the typed number; False (and a message) when it cannot be stored."""
        if self.field is None:
            return True
        question = self.question
        assert isinstance(question, NumberQuestion)
        problem, value = read_number(question, self.field.text())
        if problem is NumberProblem.EMPTY:
            self.session.clear_answer(question.id)
            self.field.setModified(False)
            self._set_error(None)
            return True
        if problem is not None or value is None:
            self._set_error(problem)
            return False
        try:
            self.session.answer(question.id, value)
        except AnswerError as exc:  # the engine has the last word on what fits
            self._set_error(exc.problem or NumberProblem.OUT_OF_RANGE)
            return False
        self.field.setText(format_number(value, self.session.language))
        self._set_error(None)
        return True

    def _set_error(self, error: NumberProblem | None) -> None:
        self.error = error
        show(self.message, self.error_text(), self.session.language)
        if self.field is not None:
            self.field.setAccessibleDescription(self.error_text() or self.range_text())

    def _on_edited(self, _text: str) -> None:
        self._convert_digits(self.session.language)
        self._typing.start()

    def _on_editing_finished(self) -> None:
        self._typing.stop()
        self.commit()

    def _convert_digits(self, lang: str) -> None:
        """Show typed digits as the language writes them (Persian digits for fa)."""
        assert self.field is not None
        text = self.field.text()
        shown = to_persian_digits(text) if is_rtl(lang) else to_latin_digits(text)
        if shown != text:
            cursor = self.field.cursorPosition()
            modified = self.field.isModified()
            self.field.setText(shown)
            self.field.setModified(modified)
            self.field.setCursorPosition(cursor)

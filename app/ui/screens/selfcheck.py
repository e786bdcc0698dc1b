"""Self-check: one question per screen, large answers, progress, and why each is asked.

Everything shown comes from the session: the question at ``session.question_index`` and
the answer in ``session.answers``. The screen keeps nothing of its own except what is
being typed into the number field, and that is emptied when the visitor resets.

Keyboard: Enter goes to the next question (on Back, Skip or Next it presses that
button); the digit keys 1 to 9 pick the answer with that number.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, localize
from app.i18n.format import format_number
from app.present.prescreen import carried_note
from app.record.models import ChoiceQuestion, NumberQuestion
from app.selfcheck import NumberProblem, parse_number
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage
from app.ui.text import WrapLabel, button_text
from app.ui.widgets.number_entry import NumberEntry

Question = ChoiceQuestion | NumberQuestion


class SelfCheckScreen(ScreenPage):
    """The self-check questions, one at a time."""

    screen_id = Screen.SELFCHECK

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        questions = session.record.questions
        self.progress_label = self.heading("h3")
        self.progress = QProgressBar(self.column)
        self.progress.setTextVisible(False)
        self.progress.setRange(0, max(1, len(questions)))
        self.question_label = self.text("h2")
        #: "We filled in this answer from what you told us before" (the catalog's first step).
        self.carried_note = self.text("muted")
        self.why_card, why_layout = self.card()
        self.why_label = self.text(parent=self.why_card)
        why_layout.addWidget(self.why_label)

        # Choice questions: one large checkable button per option, made once.
        self.choices = QWidget(self.column)
        choices_layout = QVBoxLayout(self.choices)
        choices_layout.setContentsMargins(0, 0, 0, 0)
        choices_layout.setSpacing(12)
        most = max((len(q.options) for q in questions if isinstance(q, ChoiceQuestion)), default=0)
        self.answer_buttons: list[QPushButton] = []
        for index in range(most):
            button = self.button("answer", self.choices)
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, i=index: self._choose(i))
            choices_layout.addWidget(button)
            self.answer_buttons.append(button)

        # Number questions: a large field with its unit, a kind message, and a pad.
        self.number = NumberEntry(self.column)
        self.number.submitted.connect(self._next)
        self.field = self.number.field

        # Back, skip (or clear) and Next, in reading order (which is also the Tab order), in
        # a bar under the page that never scrolls away: at 200% text a long question or
        # the number pad would push them below the fold.
        nav = self.fixed_bar()
        self.back_button = self.button(parent=self.bar_column)
        self.back_button.clicked.connect(self._back)
        self.skip_button = self.button(parent=self.bar_column)
        self.skip_button.clicked.connect(self._skip_or_clear)
        self.next_button = self.button("primary", self.bar_column)
        self.next_button.clicked.connect(self._next)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.skip_button)
        nav.addWidget(self.next_button)
        self.skip_note = WrapLabel(self.column)
        self.skip_note.setTextFormat(Qt.TextFormat.PlainText)
        self.skip_note.setProperty("role", "muted")

        progress_row = QHBoxLayout()
        progress_row.setSpacing(16)
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        self.body.addLayout(progress_row)
        for widget in (
            self.question_label,
            self.carried_note,
            self.why_card,
            self.choices,
            self.number,
        ):
            self.body.addWidget(widget)
        self.body.addWidget(self.skip_note)
        self.body.addStretch(1)
        self.listen_beside(self.question_label, None)  # the question with its options

        session.question_changed.connect(self._on_question_changed)
        session.answers_changed.connect(self._show_stored)
        self._show_stored()

    def question(self) -> Question | None:
        """The question now shown (None when the record asks none)."""
        questions = self.session.record.questions
        if not questions:
            return None
        return questions[min(self.session.question_index, len(questions) - 1)]

    # -- rendering -------------------------------------------------------------------
    def _on_question_changed(self, _index: int) -> None:
        """A new question (Next, Back, Skip) starts at the top: its number and words first."""
        self._show_stored()
        self.scroll_to_top()

    def _show_stored(self, *_args: object) -> None:
        """Show the session's question and answer; anything typed and not stored goes."""
        question = self.question()
        value = self.session.answers.get(question.id) if question else None
        self.render()
        self.number.set_value(value if isinstance(value, int) else None)

    def render(self) -> None:
        """Put every word in the current language; a number being typed is kept."""
        super().render()
        lang = self.lang
        record = self.session.record
        question = self.question()
        index = self.session.question_index
        total = len(record.questions)
        answer = self.session.answers.get(question.id) if question else None
        last = index >= total - 1

        if question is None:
            self.progress_label.setText(_("There are no questions for this study."))
        else:
            self.progress_label.setText(
                _("Question {number} of {total}").format(
                    number=format_number(index + 1, lang), total=format_number(total, lang)
                )
            )
        self.progress.setValue(min(index + 1, total) if total else 0)
        self.progress.setAccessibleName(self.progress_label.text())
        self.progress.setAccessibleDescription(_("How far you are through the questions"))
        for widget in (self.question_label, self.why_card, self.skip_button):
            widget.setVisible(question is not None)
        carried = question is not None and question.id in self.session.carried_questions()
        self.carried_note.setVisible(carried)
        note = carried_note(record, question.id, lang) if carried and question else ""
        self.set_text(self.carried_note, note)
        if question is not None:
            self.set_text(self.question_label, question.text)
            self.set_text(
                self.why_label,
                _("Why we ask: {reason}").format(reason=localize(question.why, lang)),
            )

        options = question.options if isinstance(question, ChoiceQuestion) else ()
        self.choices.setVisible(isinstance(question, ChoiceQuestion))
        for i, button in enumerate(self.answer_buttons):
            button.setVisible(i < len(options))
            if i >= len(options):  # unused here: keep nothing of an earlier question
                button.setChecked(False)
                button.setText("")
                button.setAccessibleName("")
                button.setAccessibleDescription("")
            else:
                option = options[i]
                label = localize(record.unmark(localize(option.label, lang), lang), lang)
                button.setText(button_text(label))
                button.setChecked(option.id == answer)
                button.setAccessibleName(label)
                button.setAccessibleDescription(
                    _("Your answer") if option.id == answer else _("Choose this answer")
                )
        self.number.setVisible(isinstance(question, NumberQuestion))
        if isinstance(question, NumberQuestion):
            self.number.show_question(question, record, lang, self.session.text_scale)

        self.skip_note.setText(
            _("You can skip any question. A question you skip counts as not known.")
        )
        answered = answer is not None
        self.skip_button.setText(_("Clear my answer") if answered else _("Skip this question"))
        self.skip_button.setAccessibleName(self.skip_button.text())
        self.skip_button.setAccessibleDescription(
            _("Forget the answer to this question")
            if answered
            else _("Leave this question unanswered and go on")
        )
        self.back_button.setText(_("Back"))
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.setAccessibleDescription(
            _("Go to the previous question")
            if index > 0
            else _("Go back to what taking part involves")
        )
        self.next_button.setText(_("See your result") if last else _("Next"))
        self.next_button.setAccessibleName(self.next_button.text())
        self.next_button.setAccessibleDescription(
            _("See what your answers mean") if last else _("Go to the next question")
        )

    def _on_screen_shown(self, screen: str) -> None:
        if screen == self.screen_id.value:
            self._stale = False
            self._show_stored()

    def _on_session_reset(self) -> None:
        super()._on_session_reset()
        self.number.set_value(None)  # anything the last visitor typed goes

    def _on_text_scale_changed(self, scale: int) -> None:
        super()._on_text_scale_changed(scale)
        self.render()

    # -- actions ---------------------------------------------------------------------
    def _choose(self, option_index: int) -> None:
        question = self.question()
        if not isinstance(question, ChoiceQuestion) or option_index >= len(question.options):
            return
        before = self.session.answers.get(question.id)
        self.session.answer(question.id, question.options[option_index].id)
        if self.session.answers.get(question.id) == before:
            # No signal came (a tap on the chosen answer keeps it): check the buttons
            # from the session again, since the tap unchecked one.
            self.render()

    def _store_number(self, explain: bool) -> bool:
        """Store the typed number; False (with a kind message if ``explain``) if it does not fit."""
        question = self.question()
        if not isinstance(question, NumberQuestion):
            return True
        problem, value = self.number.read()
        if problem is NumberProblem.EMPTY:
            self.session.clear_answer(question.id)
            return True
        if problem is None and value is not None:
            self.session.answer(question.id, value)
            return True
        if explain and problem is not None:
            self.number.show_problem(problem)
            # Once laid out, scroll so that the message is in sight (at 200% it may not be).
            QTimer.singleShot(0, self, self._reveal_problem)
        return False

    def _reveal_problem(self) -> None:
        if self.number.error_card.isVisible():
            self.scroll_area.ensureWidgetVisible(self.number.error_card, 0, 24)

    def _go(self, step: int) -> None:
        """Show the question ``step`` away; past the ends, the screen before or after."""
        index = self.session.question_index + step
        if index < 0:
            self.session.go_to(Screen.PROCEDURES)
        elif index >= len(self.session.record.questions):
            self.session.go_to(Screen.RESULT)
        else:
            self.session.go_to_question(index)
            if isinstance(self.question(), NumberQuestion) and self.isVisible():
                self.field.setFocus()

    def _next(self) -> None:
        """Store a typed number, then show the next question (or the result after the last)."""
        if self._store_number(explain=True):
            self._go(1)

    def _back(self) -> None:
        """Keep a typed number that fits, then show the previous question (or screen)."""
        self._store_number(explain=False)
        self._go(-1)

    def _skip_or_clear(self) -> None:
        """Forget this question's answer; if there was none, go on without one."""
        question = self.question()
        if question is None:
            return
        if question.id in self.session.answers:
            self.session.clear_answer(question.id)
        else:
            self.number.set_value(None)
            self._go(1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter goes on (or presses Back, Skip or Next); digit keys pick an answer."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            buttons = (self.back_button, self.skip_button, self.next_button)
            pressed = next((b for b in buttons if b is focused and b.isVisible()), None)
            if pressed is not None:
                pressed.click()
            else:
                self._next()
            event.accept()
            return
        question = self.question()
        number = parse_number(event.text()) if len(event.text()) == 1 else None
        if isinstance(question, ChoiceQuestion) and number and number <= len(question.options):
            self._choose(number - 1)
            event.accept()
            return
        super().keyPressEvent(event)

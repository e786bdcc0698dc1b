"""The self-check in the counselor view: every question with the patient's answer, editable.

The answers are the session's: an answer given on the patient's screen shows here and
one changed here shows there. This panel keeps nothing but what is being typed into a
number field, and forgets that when the session resets.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from app.i18n import _, text_direction
from app.session import Session
from app.ui.counselor.labels import label, show
from app.ui.counselor.question import QuestionEditor
from app.ui.counselor.verdicts import CriteriaStatus, OutcomeBox


class SelfCheckPanel(QScrollArea):
    """Every question with its answer, then the live outcome and each criterion's status.

    Signals:
        term_activated(str): a glossary link in a question was activated.
    """

    term_activated = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.second_lang: str | None = None
        self.setObjectName("SelfCheckPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("SelfCheckContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(20, 16, 20, 24)
        layout.setSpacing(10)
        self.heading = label("h2", content)
        self.note = label("muted", content)
        self.outcome = OutcomeBox(content)
        self.questions_heading = label("h3", content)
        for widget in (self.heading, self.note, self.outcome, self.questions_heading):
            layout.addWidget(widget)
        questions = session.record.questions
        self.editors: dict[str, QuestionEditor] = {}
        for number, question in enumerate(questions, 1):
            editor = QuestionEditor(session, question, number, content)
            editor.term_activated.connect(self.term_activated)
            layout.addWidget(editor)
            self.editors[question.id] = editor
        self.criteria_heading = label("h3", content)
        self.criteria = CriteriaStatus(session.record, content)
        layout.addWidget(self.criteria_heading)
        layout.addWidget(self.criteria)
        layout.addStretch(1)
        self.setWidget(content)
        session.answers_changed.connect(self._on_answers_changed)
        session.reset_done.connect(self._on_reset)

    def focus_first(self) -> None:
        """Put the keyboard focus on the first answer."""
        for editor in self.editors.values():
            control = editor.combo or editor.field
            if control is not None:
                self.ensureWidgetVisible(control)
                control.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def set_second_language(self, lang: str | None) -> None:
        """Show the questions and the outcome in ``lang`` too, as smaller lines."""
        self.second_lang = lang
        self.retranslate()

    def retranslate(self) -> None:
        """Put every word in the patient's language (the second language below)."""
        lang = self.session.language
        self.setLayoutDirection(text_direction(lang))
        show(self.heading, _("The patient's answers"), lang)
        show(
            self.note,
            _(
                "These are the same answers as on the patient's screen. Change one here and "
                "it changes there. They are forgotten when you start over or close this view."
            ),
            lang,
        )
        show(self.questions_heading, _("Questions"), lang)
        show(self.criteria_heading, _("How each criterion stands"), lang)
        total = len(self.editors)
        for editor in self.editors.values():
            editor.retranslate(lang, self.second_lang, total)
        self._show_result()

    def _show_result(self) -> None:
        result = self.session.result()
        self.outcome.show_result(result, self.session.language, self.second_lang)
        self.criteria.show_result(result, self.session.language)

    def _on_answers_changed(self) -> None:
        for editor in self.editors.values():
            editor.sync()
        self._show_result()

    def _on_reset(self) -> None:
        for editor in self.editors.values():
            editor.clear()
        self._show_result()

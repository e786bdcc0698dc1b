"""The self-check in the counselor view: every question with the patient's answer, editable.

The answers are the session's: an answer given on the patient's screen shows here and
one changed here shows there. This panel keeps nothing but what is being typed into a
number field, and forgets that when the session resets.

The questions are built in stages, as the study text beside them is: the first few (what
the panel shows when the view opens) with the panel, the rest a few at a time once it
has been painted. Building all eleven of a study's questions, in two languages, was
about 40 ms of the view's time to its first paint. The criteria below the questions
show once every question is there, so that nothing shows where a question is about to
be. Whatever needs every question (:attr:`SelfCheckPanel.editors`) builds the rest at
once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from app.i18n import _, text_direction
from app.session import Session
from app.ui.counselor.labels import label, show
from app.ui.counselor.question import Question, QuestionEditor
from app.ui.counselor.staged import StagedScrollArea
from app.ui.counselor.verdicts import CriteriaStatus, OutcomeBox
from app.ui.focus_chain import last_in_focus_chain, place_after

#: Questions built with the panel: those in view when the counselor view opens.
FIRST_QUESTIONS = 2
#: Questions built in each idle moment after the panel's first paint.
QUESTIONS_PER_STEP = 3


class SelfCheckPanel(StagedScrollArea[tuple[int, Question]]):
    """The live outcome, every question with its answer, then each criterion's status.

    Signals:
        term_activated(str): a glossary link in a question was activated.
    """

    term_activated = Signal(str)
    per_step = QUESTIONS_PER_STEP

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
        self._content = content
        self._layout = layout
        #: Whether the panel is made: an editor built from then on is placed in Tab order
        #: and shown (those built with the panel are in order already).
        self._made = False
        #: The question editors built so far, by question id, in the record's order.
        self._editors: dict[str, QuestionEditor] = {}
        #: The questions still to build, with their numbers, in order.
        self._to_build.extend(enumerate(session.record.questions, 1))
        #: Whether the panel has been filled in a language (editors built later follow).
        self._filled = False
        self._build(FIRST_QUESTIONS)
        self.criteria_heading = label("h3", content)  # after them in Tab order too
        self.criteria = CriteriaStatus(session.record, content)
        layout.addWidget(self.criteria_heading)
        layout.addWidget(self.criteria)
        layout.addStretch(1)
        # The criteria come after every question: shown once the questions are all there,
        # they never show where a question is about to be.
        for part in (self.criteria_heading, self.criteria):
            part.setHidden(not self.complete)
        self.setWidget(content)
        #: The last widget of the questions in Tab order: an editor built later goes
        #: after it, before the criteria below (Qt would put it last in the window).
        self._focus_tail: QWidget = last_in_focus_chain(
            next(reversed(self._editors.values()), self.questions_heading)
        )
        self._made = True
        session.answers_changed.connect(self._on_answers_changed)
        session.reset_done.connect(self._on_reset)

    # -- building --------------------------------------------------------------------
    @property
    def editors(self) -> dict[str, QuestionEditor]:
        """Every question's editor, by question id (building what is not built yet)."""
        self.build_all()
        return self._editors

    def _build(self, count: int) -> None:
        """Build the next ``count`` questions, in the panel's languages, with their answers."""
        content = self._content
        shown = content.isVisible()
        total = len(self.session.record.questions)
        for _number in range(min(count, len(self._to_build))):
            number, question = self._to_build.popleft()
            editor = QuestionEditor(self.session, question, number, content)
            editor.term_activated.connect(self.term_activated)
            self._editors[question.id] = editor
            if self._made:  # above the criteria, and before them in Tab order
                self._layout.insertWidget(self._layout.indexOf(self.criteria_heading), editor)
                self._focus_tail = place_after(self._focus_tail, (editor,))
            else:
                self._layout.addWidget(editor)
            if self._filled:  # retranslate() reads the answers too
                editor.retranslate(self.session.language, self.second_lang, total)
            else:
                editor.sync()
            if shown:
                editor.show()
        if self._made and not self._to_build:
            for part in (self.criteria_heading, self.criteria):
                part.show()

    # -- showing ---------------------------------------------------------------------
    def focus_first(self) -> None:
        """Put the keyboard focus on the first answer."""
        if not self._focus_first_of(self._editors):  # a question built already, else all
            self._focus_first_of(self.editors)

    def _focus_first_of(self, editors: dict[str, QuestionEditor]) -> bool:
        for editor in editors.values():
            control = editor.combo or editor.field
            if control is not None:
                self.ensureWidgetVisible(control)
                control.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

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
        show(self.criteria_heading, _("How each criterion stands"), lang, self.complete)
        self._filled = True
        total = len(self.session.record.questions)
        for editor in self._editors.values():
            editor.retranslate(lang, self.second_lang, total)
        self._show_result()

    def _show_result(self) -> None:
        result = self.session.result()
        self.outcome.show_result(result, self.session.language, self.second_lang)
        self.criteria.show_result(result, self.session.language)

    def _on_answers_changed(self) -> None:
        for editor in self._editors.values():  # one built later reads the answers then
            editor.sync()
        self._show_result()

    def _on_reset(self) -> None:
        for editor in self._editors.values():
            editor.clear()
        self._show_result()

"""One patient's visit: language, screen, self-check step, answers and text size.

The session is the only state the screens share. Widgets read it and call its
methods; they re-render on its signals. Answers live here, in memory only: they are
never logged or written to disk, and :meth:`Session.reset` forgets them.

The session is also the one owner of the interface language: it alone calls
:func:`app.i18n.set_language` (:func:`use_interface_language` serves the one window
that has no visit, the staff error window).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal, SignalInstance

from app import i18n
from app.record import TrialRecord
from app.selfcheck import Answer, AnswerError, SelfCheckResult, check_answer, evaluate
from app.visits import (
    CATALOG_SCREENS,
    STUDY_SCREENS,
    CatalogVisit,
    Prescreen,
    Screen,
    StudyVisit,
    study_key,
)

__all__ = [
    "CATALOG_SCREENS",
    "MAX_TEXT_SCALE",
    "MIN_TEXT_SCALE",
    "STUDY_SCREENS",
    "TEXT_SCALES",
    "Prescreen",
    "Screen",
    "Session",
    "StudyVisit",
    "study_key",
    "use_interface_language",
]


def use_interface_language(language: str) -> None:
    """Switch the interface's catalogs, Qt's translator and the layout direction.

    Every language switch goes through here: a :class:`Session` calls it, and so does the
    staff error window, which has no record and so no session.
    """
    i18n.set_language(language)


def _keep_interface_language(_language: str) -> None:
    """What a copy of a visit does to switch the interface language: nothing."""


#: Text size steps offered in the header, in percent.
TEXT_SCALES = (100, 125, 150, 175, 200)
MIN_TEXT_SCALE = 100
MAX_TEXT_SCALE = 200


class Session(CatalogVisit, QObject):
    """The state of one visit.

    Signals:
        language_changed(str): the language code after a switch.
        screen_changed(str): the :class:`Screen` value now shown.
        question_changed(int): the index of the self-check question now shown.
        answers_changed(): an answer was given, changed or cleared.
        text_scale_changed(int): the text size in percent.
        high_contrast_changed(bool): the high-contrast theme was switched.
        term_requested(str): a glossary term should be explained in place.
        reset_done(): everything went back to the defaults (a new visitor). It is the
            only signal a reset emits: listeners re-read the language, screen, step,
            answers, text size and theme from the session, and render once.
        record_replaced(): :meth:`replace_record` swapped the record (the preview's
            live reload). The only signal it emits: listeners re-read the record and the
            language, screen, step and answers, and render once.
        study_changed(str): another study is now current (its key; "" for the catalog).
            Emitted before the language and screen signals of the same move.
        studies_changed(): a study joined the catalog (its record validated).
        prescreen_changed(): an answer of the first step across studies changed.

    A session shows one study, or a clinic's catalog of several (``catalog=True``):
    then the visit starts on :attr:`Screen.CATALOG`, each study keeps its own answers,
    question step and screen, and language, text size and contrast are shared.
    """

    language_changed = Signal(str)
    screen_changed = Signal(str)
    question_changed = Signal(int)
    answers_changed = Signal()
    text_scale_changed = Signal(int)
    high_contrast_changed = Signal(bool)
    term_requested = Signal(str)
    reset_done = Signal()
    record_replaced = Signal()
    study_changed = Signal(str)
    studies_changed = Signal()
    prescreen_changed = Signal()
    #: How the catalog's part (:class:`CatalogVisit`) switches the interface language.
    _use_language = staticmethod(use_interface_language)

    def __init__(
        self,
        record: TrialRecord,
        default_language: str = "en",
        parent: QObject | None = None,
        *,
        catalog: bool = False,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._studies: dict[str, TrialRecord] = {study_key(record): record}
        self._study: str | None = None if catalog else study_key(record)
        self._visits: dict[str, StudyVisit] = {}
        self._prescreen = Prescreen()
        self._record = record
        if default_language not in self.languages:
            default_language = self.languages[0]
        self._chosen_language = default_language
        self._default_language = default_language
        self._language = default_language
        self._screen = Screen.CATALOG if catalog else Screen.WELCOME
        self._question_index = 0
        self._answers: dict[str, Answer] = {}
        self._text_scale = MIN_TEXT_SCALE
        self._high_contrast = False
        use_interface_language(default_language)

    def mirrored(self, language: str, text_scale: int | None = None) -> Session:
        """A copy of the visit as it is now, in ``language``, that nobody listens to.

        With ``text_scale``, at that text size (percent) instead of the visit's.

        For a page built unseen in the other language (the window measures the screen in
        view ahead of a switch). It shares the records, which do not change, and copies
        the answers and each study's visit: nothing done to it reaches this visit. It
        does not switch the interface language (see :func:`app.i18n.speaking`).
        """
        twin = Session.__new__(Session)
        QObject.__init__(twin)
        # The state only: PySide keeps each signal it has handed out (and the class's
        # meta-object) in the instance's dictionary, and the copy must have its own.
        twin.__dict__.update(
            (name, value)
            for name, value in self.__dict__.items()
            if not name.startswith("__") and not isinstance(value, SignalInstance)
        )
        twin._studies = dict(self._studies)
        twin._visits = {
            key: dataclasses.replace(
                visit, answers=dict(visit.answers), carried=dict(visit.carried)
            )
            for key, visit in self._visits.items()
        }
        # (In a catalog, the current study's answers are its visit's: so in the copy.)
        key = self._study
        ours = self._visits.get(key) if key is not None else None
        if key is not None and ours is not None and ours.answers is self._answers:
            twin._answers = twin._visits[key].answers
        else:
            twin._answers = dict(self._answers)
        twin._language = twin._chosen_language = language
        # It never switches the interface's language (the visit in view owns it).
        twin._use_language = _keep_interface_language  # type: ignore[assignment]
        if text_scale is not None:
            twin._text_scale = max(MIN_TEXT_SCALE, min(MAX_TEXT_SCALE, int(text_scale)))
        return twin

    def forget_copy(self) -> None:
        """Empty a copy made by :meth:`mirrored` of the visit's answers and studies' visits."""
        for visit in self._visits.values():
            visit.answers.clear()
            visit.carried.clear()
        self._visits = {}
        self._answers = {}
        self._prescreen = Prescreen()

    # -- reading -------------------------------------------------------------------
    @property
    def record(self) -> TrialRecord:
        """The trial being shown."""
        return self._record

    @property
    def language(self) -> str:
        """The current language code."""
        return self._language

    @property
    def default_language(self) -> str:
        """The language a new visitor starts in."""
        return self._default_language

    @property
    def screen(self) -> Screen:
        """The screen now shown."""
        return self._screen

    @property
    def question_index(self) -> int:
        """Index of the self-check question now shown."""
        return self._question_index

    @property
    def answers(self) -> Mapping[str, Answer]:
        """A read-only view of the answers given so far."""
        return dict(self._answers)

    @property
    def text_scale(self) -> int:
        """Text size in percent (100 to 200)."""
        return self._text_scale

    @property
    def high_contrast(self) -> bool:
        """Whether the high-contrast theme is on."""
        return self._high_contrast

    def result(self) -> SelfCheckResult:
        """The self-check result for the answers so far."""
        return evaluate(self._record, self._answers)

    # -- changing ------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch language; the screen, step and answers stay as they are."""
        if language not in self.languages:
            raise ValueError(f"{language!r} is not one of the record's languages")
        self._chosen_language = language
        if language != self._language or i18n.current_language() != language:
            self._language = language
            # The catalogs, Qt's translator and the layout direction switch first, so
            # every screen re-renders in the new language on the signal.
            self._use_language(language)
            self.language_changed.emit(language)

    def go_to(self, screen: Screen | str) -> None:
        """Show another screen (in a catalog, a study screen opens the last study seen)."""
        screen = Screen(screen)
        if self._catalog and (screen in CATALOG_SCREENS) != (self._study is None):
            self._switch_study(None if screen in CATALOG_SCREENS else self._last_key(), screen)
            return
        if screen != self._screen:
            self._screen = screen
            self.screen_changed.emit(screen.value)

    def go_to_question(self, index: int) -> None:
        """Show the self-check question at ``index`` (clamped to the questions there are)."""
        count = len(self._record.questions)
        index = max(0, min(index, count - 1)) if count else 0
        if index != self._question_index:
            self._question_index = index
            self.question_changed.emit(index)

    def answer(self, question_id: str, value: object) -> Answer:
        """Record an answer after checking it fits its question.

        Raises:
            app.selfcheck.AnswerError: the answer does not fit the question.
        """
        answer = check_answer(self._record, question_id, value)
        if self._answers.get(question_id) != answer:
            self._answers[question_id] = answer
            self.answers_changed.emit()
        return answer

    def clear_answer(self, question_id: str) -> None:
        """Forget one answer."""
        if self._answers.pop(question_id, None) is not None:
            self.answers_changed.emit()

    def set_text_scale(self, percent: int) -> None:
        """Set the text size, clamped to 100..200 percent."""
        percent = max(MIN_TEXT_SCALE, min(MAX_TEXT_SCALE, int(percent)))
        if percent != self._text_scale:
            self._text_scale = percent
            self.text_scale_changed.emit(percent)

    def set_high_contrast(self, on: bool) -> None:
        """Switch the high-contrast theme."""
        if on != self._high_contrast:
            self._high_contrast = on
            self.high_contrast_changed.emit(on)

    def show_term(self, term_id: str) -> None:
        """Ask for a glossary term's definition to be shown where the visitor is."""
        self.term_requested.emit(term_id)

    def reset(self) -> None:
        """Forget the visitor: answers, step, screen, text size, theme and language.

        Emits :attr:`reset_done` and nothing else, so that each view renders once.
        """
        self._answers.clear()
        self._question_index = 0
        self._text_scale = MIN_TEXT_SCALE
        self._high_contrast = False
        self._screen = Screen.WELCOME
        self._forget_studies()
        language = self._default_language
        if language != self._language or i18n.current_language() != language:
            self._language = language
            self._use_language(language)
        self.reset_done.emit()

    def replace_record(self, record: TrialRecord) -> tuple[str, ...]:
        """Show ``record`` instead, keeping the language, screen, step and answers.

        The language stays when the new record has it (else its first language); the
        step stays on the same question where that question is still asked (else on the
        same index, clamped); an answer that no longer fits its question is dropped.
        Emits :attr:`record_replaced` and nothing else, so that each view renders once.

        Returns:
            The ids of the questions whose answers were dropped, in question order of
            the old record.
        """
        old_questions = self._record.questions
        current = old_questions[self._question_index].id if old_questions else None
        dropped: list[str] = []
        kept: dict[str, Answer] = {}
        for question_id, value in self._answers.items():
            try:
                kept[question_id] = check_answer(record, question_id, value)
            except AnswerError:
                dropped.append(question_id)
        order = {q.id: i for i, q in enumerate(old_questions)}
        dropped.sort(key=lambda question_id: order.get(question_id, len(order)))
        self._record = record
        self._answers = kept
        new_ids = [q.id for q in record.questions]
        if current in new_ids:
            self._question_index = new_ids.index(current)
        else:
            self._question_index = max(0, min(self._question_index, len(new_ids) - 1))
        if self._default_language not in record.languages:
            self._default_language = record.languages[0]
        if self._language not in record.languages:
            self._language = record.languages[0]
            self._use_language(self._language)
        self.record_replaced.emit()
        return tuple(dropped)

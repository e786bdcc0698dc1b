"""One patient's visit: language, screen, self-check step, answers and text size.

The session is the only state the screens share. Widgets read it and call its
methods; they re-render on its signals. Answers live here, in memory only: they are
never logged or written to disk, and :meth:`Session.reset` forgets them.

The session is also the one owner of the interface language: it alone calls
:func:`app.i18n.set_language` (:func:`use_interface_language` serves the one window
that has no visit, the staff error window).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from PySide6.QtCore import QObject, Signal

from app import i18n
from app.record import TrialRecord
from app.record.enums import Sex
from app.selfcheck import Answer, AnswerError, SelfCheckResult, check_answer, evaluate


def use_interface_language(language: str) -> None:
    """Switch the interface's catalogs, Qt's translator and the layout direction.

    Every language switch goes through here: a :class:`Session` calls it, and so does the
    staff error window, which has no record and so no session.
    """
    i18n.set_language(language)


class Screen(StrEnum):
    """The screens of the app, in the order a visitor meets them.

    :attr:`CATALOG` and :attr:`PRESCREEN` are across studies (a clinic's catalog); the
    others show the current study.
    """

    CATALOG = "catalog"
    PRESCREEN = "prescreen"
    WELCOME = "welcome"
    ABOUT = "about"
    PROCEDURES = "procedures"
    SELFCHECK = "selfcheck"
    RESULT = "result"
    DETAILS = "details"
    GLOSSARY = "glossary"
    CONTACT = "contact"


#: The screens across studies: no current study while one of them is shown.
CATALOG_SCREENS = frozenset({Screen.CATALOG, Screen.PRESCREEN})
#: The screens of one study.
STUDY_SCREENS = tuple(screen for screen in Screen if screen not in CATALOG_SCREENS)


@dataclass
class StudyVisit:
    """What one visitor did in one study of the catalog (memory only)."""

    answers: dict[str, Answer] = field(default_factory=dict)
    question_index: int = 0
    screen: Screen = Screen.WELCOME
    #: Answers carried from the first step across studies, by question id.
    carried: dict[str, Answer] = field(default_factory=dict)


@dataclass(frozen=True)
class Prescreen:
    """The answers to "Which of these studies might fit me?" (memory only)."""

    age: int | None = None
    sex: Sex | None = None  #: Sex.FEMALE or Sex.MALE
    healthy: bool | None = None  #: True: a healthy volunteer

    @property
    def empty(self) -> bool:
        """Nothing answered yet."""
        return self.age is None and self.sex is None and self.healthy is None


def study_key(record: TrialRecord) -> str:
    """The key of a study in a session: its registry id."""
    return record.identification.nct_id


#: Text size steps offered in the header, in percent.
TEXT_SCALES = (100, 125, 150, 175, 200)
MIN_TEXT_SCALE = 100
MAX_TEXT_SCALE = 200


class Session(QObject):
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
    study_changed = Signal(str)
    studies_changed = Signal()
    prescreen_changed = Signal()

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
            use_interface_language(language)
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
            use_interface_language(language)
        self.reset_done.emit()

    # -- a clinic's catalog of studies ---------------------------------------------
    @property
    def catalog(self) -> bool:
        """Whether this visit is across a catalog of studies (False: one study, as ever)."""
        return self._catalog

    @property
    def studies(self) -> tuple[TrialRecord, ...]:
        """The studies of the visit, in the order they joined it."""
        return tuple(self._studies.values())

    @property
    def study(self) -> str | None:
        """The key (:func:`study_key`) of the study shown; None on the catalog's screens."""
        return self._study

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the visitor can switch to now.

        The current study's, or on the catalog's screens every interface language that
        some study has.
        """
        if self._study is not None or not self._catalog:
            return tuple(self._record.languages)
        found = {lang for record in self._studies.values() for lang in record.languages}
        return tuple(lang for lang in i18n.SUPPORTED if lang in found) or tuple(
            self._record.languages
        )

    @property
    def all_languages(self) -> tuple[str, ...]:
        """Every language some screen of this visit can be in (the header's buttons)."""
        if not self._catalog:
            return tuple(self._record.languages)
        found = {lang for record in self._studies.values() for lang in record.languages}
        return tuple(lang for lang in i18n.SUPPORTED if lang in found)

    @property
    def prescreen(self) -> Prescreen:
        """The answers to the first step across studies."""
        return self._prescreen

    def carried_questions(self) -> frozenset[str]:
        """The current study's questions answered from the first step and not changed since."""
        visit = self._visits.get(self._study) if self._study is not None else None
        if visit is None:  # one study: nothing is carried
            return frozenset()
        carried = visit.carried
        return frozenset(qid for qid, answer in carried.items() if self._answers.get(qid) == answer)

    def study_record(self, key: str) -> TrialRecord | None:
        """The record of a study of the visit (None: no such study)."""
        return self._studies.get(key)

    def visit(self, key: str) -> StudyVisit | None:
        """What the visitor did in one study so far (None: not opened yet)."""
        visit = self._visits.get(key)
        if visit is not None and key == self._study:
            visit.question_index, visit.screen = self._question_index, self._screen
        return visit

    def add_study(self, record: TrialRecord) -> None:
        """Add a study whose record has validated (the catalog lists it from now on)."""
        key = study_key(record)
        if key in self._studies:
            return
        self._studies[key] = record
        self.studies_changed.emit()

    def add_studies(self, records: Iterable[TrialRecord]) -> None:
        """Add several studies (see :meth:`add_study`)."""
        for record in records:
            self.add_study(record)

    def open_study(self, key: str, screen: Screen | str | None = None) -> None:
        """Show one study, where this visitor left it (its welcome screen the first time).

        The language stays the visitor's when the study has it; else the study opens in
        a language it has, so that no screen mixes two languages.
        """
        if key not in self._studies:
            raise KeyError(key)
        visit = self._visits.get(key)
        target = Screen(screen) if screen is not None else (visit.screen if visit else None)
        self._switch_study(key, target or Screen.WELCOME)

    def set_prescreen(self, prescreen: Prescreen) -> None:
        """Record the answers of the first step across studies."""
        if prescreen != self._prescreen:
            self._prescreen = prescreen
            self.prescreen_changed.emit()

    def _last_key(self) -> str:
        """The study a study screen shows when none is current: the last one opened."""
        return next(reversed(self._visits), None) or next(iter(self._studies))

    def _switch_study(self, key: str | None, screen: Screen) -> None:
        if self._study is not None:  # keep where the visitor was in the study left
            visit = self._visits[self._study]
            visit.question_index, visit.screen = self._question_index, self._screen
        if key is None:
            self._answers = {}  # the catalog's screens answer nothing of any study
            self._question_index = 0
            languages = self.languages_of_catalog()
        else:
            record = self._studies[key]
            visit = self._visits.pop(key) if key in self._visits else StudyVisit()
            self._visits[key] = visit  # the last opened is last
            self._carry_prescreen(record, visit)
            self._record, self._answers = record, visit.answers
            self._question_index = visit.question_index
            languages = tuple(record.languages)
        self._study = key
        self._screen = screen
        self.study_changed.emit(key or "")
        chosen = self._chosen_language
        language = chosen if chosen in languages else languages[0]
        if language != self._language or i18n.current_language() != language:
            self._language = language
            use_interface_language(language)
            self.language_changed.emit(language)
        self.screen_changed.emit(screen.value)

    def languages_of_catalog(self) -> tuple[str, ...]:
        """The languages of the catalog's screens."""
        return self.all_languages or tuple(self._record.languages)

    def _carry_prescreen(self, record: TrialRecord, visit: StudyVisit) -> None:
        """Answer the study's own age and sex questions from the first step."""
        prescreen = self._prescreen
        if prescreen.age is None and prescreen.sex is None:
            return
        from app.present.prescreen import carried_answers

        for question_id, value in carried_answers(record, prescreen.age, prescreen.sex).items():
            given = visit.answers.get(question_id)
            earlier = visit.carried.get(question_id)
            if given is not None and given != earlier:
                continue  # the visitor answered it in the study: theirs stands
            if given is None and earlier is not None:
                continue  # the visitor cleared a carried answer: leave it cleared
            try:
                answer = check_answer(record, question_id, value)
            except AnswerError:
                continue
            visit.answers[question_id] = answer
            visit.carried[question_id] = answer

    def _forget_studies(self) -> None:
        """Part of :meth:`reset`: every study's answers and the first step's, forgotten."""
        self._visits.clear()
        self._prescreen = Prescreen()
        self._chosen_language = self._default_language
        if self._catalog:
            self._answers = {}
            self._study = None
            self._screen = Screen.CATALOG
            self._record = next(iter(self._studies.values()))

"""A visit across a clinic's catalog of studies: the screens, and each study's own state.

:class:`CatalogVisit` is the part of :class:`app.session.Session` that a catalog adds:
the studies, the current one (none on the catalog's screens), per study its own answers,
question step and screen (:class:`StudyVisit`), and the first step's answers
(:class:`Prescreen`). Language, text size and contrast stay the session's, shared by
every study. Everything here lives in memory only and a reset forgets it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from app import i18n
from app import screen_names as names
from app.record import TrialRecord
from app.record.enums import Sex
from app.selfcheck import Answer, AnswerError, check_answer

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance


class Screen(StrEnum):
    """The screens of the app, in the order a visitor meets them.

    :attr:`CATALOG` and :attr:`PRESCREEN` are across studies (a clinic's catalog); the
    others show the current study.
    """

    CATALOG = names.CATALOG
    PRESCREEN = names.PRESCREEN
    WELCOME = names.WELCOME
    ABOUT = names.ABOUT
    PROCEDURES = names.PROCEDURES
    SELFCHECK = names.SELFCHECK
    RESULT = names.RESULT
    DETAILS = names.DETAILS
    GLOSSARY = names.GLOSSARY
    CONTACT = names.CONTACT


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


class CatalogVisit:
    """A session's studies, the current one, and what the visitor did in each.

    Mixed into :class:`app.session.Session`, whose signals (``study_changed``,
    ``studies_changed``, ``prescreen_changed``, ``language_changed``,
    ``screen_changed``) and state it uses.
    """

    if TYPE_CHECKING:  # the session's, for the type checker
        _catalog: bool
        _studies: dict[str, TrialRecord]
        _study: str | None
        _visits: dict[str, StudyVisit]
        _prescreen: Prescreen
        _chosen_language: str
        _default_language: str
        _language: str
        _record: TrialRecord
        _answers: dict[str, Answer]
        _question_index: int
        _screen: Screen
        study_changed: SignalInstance
        studies_changed: SignalInstance
        prescreen_changed: SignalInstance
        language_changed: SignalInstance
        screen_changed: SignalInstance

        @staticmethod
        def _use_language(language: str) -> None: ...

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

        The current study's; on the catalog's screens every interface language (a card
        of a study that lacks it says so, and the study opens in a language it has).
        """
        if self._study is not None or not self._catalog:
            return tuple(self._record.languages)
        return tuple(i18n.SUPPORTED)

    @property
    def all_languages(self) -> tuple[str, ...]:
        """Every language some screen of this visit can be in (the header's buttons)."""
        return tuple(i18n.SUPPORTED) if self._catalog else tuple(self._record.languages)

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
            languages = tuple(i18n.SUPPORTED)
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
            self._use_language(language)
            self.language_changed.emit(language)
        self.screen_changed.emit(screen.value)

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

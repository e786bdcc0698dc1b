"""The outcome as every view shows it: situation, headline, style role, enrolling sentence.

The engine's three outcomes are not enough words for a patient: a study that leaves
criteria to the team's own tests can never end in ``likely_match``, so "every answer
fits, only the team's tests are left" must not read like "some things are still open",
and a result before any answer is not a result at all. :func:`situation` tells these
apart; every title and intro is a whole sentence per situation and per tense (a study
that is over speaks in the past or the conditional).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.i18n import N_
from app.present.text import (
    ENDED_ENROLLING,
    ENROLLING,
    NOT_ENROLLING,
    ONLY_TEAM_DECIDES,
    is_past,
    say,
    tr,
)
from app.record import TrialRecord
from app.record.enums import OverallStatus
from app.selfcheck import CriterionStatus, Outcome, SelfCheckResult


class Situation(StrEnum):
    """What a result means for the patient, finer than the engine's outcome."""

    NOTHING_ANSWERED = "nothing_answered"  #: no question has an answer yet
    DOES_NOT_FIT = "does_not_fit"  #: an answer rules the study out
    ALL_FIT = "all_fit"  #: every criterion fits (no team tests left)
    ONLY_TEAM_LEFT = "only_team_left"  #: every answer fits; only the team's tests remain
    SOME_OPEN = "some_open"  #: some answers are open (unsure, not tested, not answered)


def situation(result: SelfCheckResult) -> Situation:
    """Which of the situations ``result`` is in."""
    if not result.answered:
        return Situation.NOTHING_ANSWERED
    if result.outcome is Outcome.DOES_NOT_MATCH:
        return Situation.DOES_NOT_FIT
    if result.outcome is Outcome.LIKELY_MATCH:
        return Situation.ALL_FIT
    if result.with_status(CriterionStatus.UNKNOWN):
        return Situation.SOME_OPEN
    return Situation.ONLY_TEAM_LEFT


#: The headline of each situation: (present, past).
TITLES: dict[Situation, tuple[str, str]] = {
    Situation.NOTHING_ANSWERED: (
        N_("No question has been answered yet"),
        N_("No question has been answered yet"),
    ),
    Situation.DOES_NOT_FIT: (
        N_("This study does not seem to fit you"),
        N_("Your answers do not fit what this study looked for"),
    ),
    Situation.ALL_FIT: (
        N_("Your answers fit what the study looks for"),
        N_("Your answers fit what the study looked for"),
    ),
    Situation.ONLY_TEAM_LEFT: (
        N_("Every answer you gave fits. Only the study team's own tests are left"),
        N_("Every answer you gave fits. Only the study team's own tests would be left"),
    ),
    Situation.SOME_OPEN: (
        N_("You may fit this study, but some things are still open"),
        N_("Some things are still open, so it is not clear if this study would have fitted you"),
    ),
}

#: What a result says when there is nothing to say yet (``check``, counselor view).
NOTHING_ANSWERED_TEXT = (
    N_(
        "There is no result yet: no question has been answered. Below is everything the "
        "study looks for."
    ),
    N_(
        "There is no result yet: no question has been answered. Below is everything the "
        "study looked for."
    ),
)

#: The result screen's prompt before any answer.
NO_ANSWERS_PROMPT = (
    N_(
        "You have not answered any questions yet. Answer them first to see how the study "
        "might fit you. Below is everything the study looks for."
    ),
    N_(
        "You have not answered any questions yet. Answer them first to see how the study "
        "would have fitted you. Below is everything the study looked for."
    ),
)

#: The frame role (resources/style.qss) that colours each situation.
SITUATION_ROLES: dict[Situation, str] = {
    Situation.NOTHING_ANSWERED: "verdict-unknown",
    Situation.DOES_NOT_FIT: "verdict-not_met",
    Situation.ALL_FIT: "verdict-met",
    Situation.ONLY_TEAM_LEFT: "verdict-met",
    Situation.SOME_OPEN: "verdict-unknown",
}

#: The symbol drawn beside each situation's headline.
SITUATION_ICONS: dict[Situation, CriterionStatus] = {
    Situation.NOTHING_ANSWERED: CriterionStatus.UNKNOWN,
    Situation.DOES_NOT_FIT: CriterionStatus.NOT_MET,
    Situation.ALL_FIT: CriterionStatus.MET,
    Situation.ONLY_TEAM_LEFT: CriterionStatus.MET,
    Situation.SOME_OPEN: CriterionStatus.UNKNOWN,
}

#: The frame role (resources/style.qss) that colours each outcome.
OUTCOME_ROLES: dict[Outcome, str] = {
    Outcome.LIKELY_MATCH: "verdict-met",
    Outcome.MAY_MATCH: "verdict-unknown",
    Outcome.DOES_NOT_MATCH: "verdict-not_met",
}

#: The frame role that colours each criterion status.
STATUS_ROLES: dict[CriterionStatus, str] = {
    CriterionStatus.MET: "verdict-met",
    CriterionStatus.NOT_MET: "verdict-not_met",
    CriterionStatus.UNKNOWN: "verdict-unknown",
    CriterionStatus.SCREENING: "verdict-screening",
}

#: The symbol drawn beside each outcome's headline.
OUTCOME_ICONS: dict[Outcome, CriterionStatus] = {
    Outcome.LIKELY_MATCH: CriterionStatus.MET,
    Outcome.MAY_MATCH: CriterionStatus.UNKNOWN,
    Outcome.DOES_NOT_MATCH: CriterionStatus.NOT_MET,
}


@dataclass(frozen=True)
class Headline:
    """What the top of a result says, in one language."""

    outcome: Outcome
    situation: Situation
    title: str  #: "Every answer you gave fits...", ...
    role: str  #: the frame's style role
    icon: CriterionStatus  #: the symbol beside the title
    enrolling: str  #: whether the study takes new people now
    only_team: str  #: only the study team decides


def result_past(result: SelfCheckResult) -> bool:
    """Whether the result speaks of a study that is over."""
    return is_past(result.study_status)


def result_title(result: SelfCheckResult, lang: str) -> str:
    """The result's headline in ``lang``, for its situation and tense."""
    return tr(TITLES[situation(result)][result_past(result)], lang)


def headline(result: SelfCheckResult, lang: str) -> Headline:
    """The result's headline in ``lang``."""
    where = situation(result)
    return Headline(
        outcome=result.outcome,
        situation=where,
        title=result_title(result, lang),
        role=SITUATION_ROLES[where],
        icon=SITUATION_ICONS[where],
        enrolling=enrolling_sentence(result.enrolling, lang, result.study_status),
        only_team=only_team_decides(lang, result_past(result)),
    )


def enrolling_sentence(enrolling: bool, lang: str, status: OverallStatus | None = None) -> str:
    """Whether the study takes new people now, as one sentence in ``lang``.

    A study that is over says so in its own words ("This study has ended. It no longer
    takes new people.").
    """
    if status in ENDED_ENROLLING:
        return tr(ENDED_ENROLLING[status], lang)
    return tr(ENROLLING if enrolling else NOT_ENROLLING, lang)


def only_team_decides(lang: str, past: bool = False) -> str:
    """The sentence every result ends with: only the study team decides."""
    return tr(ONLY_TEAM_DECIDES[past], lang)


#: The contact screen's line on who decides: (present, past).
WHO_DECIDES = (
    N_(
        "Only the study team can decide who can take part in this study, after they "
        "talk with you and do their own tests."
    ),
    N_(
        "Only the study team could decide who could take part in this study, after "
        "talking with each person and doing their own tests."
    ),
)


def who_decides(record: TrialRecord, lang: str) -> str:
    """Who decides who takes part, in the tense of the study's status (not typeset)."""
    return say(WHO_DECIDES[is_past(record.status.overall_status)], lang)


def nothing_answered_text(result: SelfCheckResult, lang: str) -> str:
    """What a result says before any answer (instead of an outcome's text)."""
    return tr(NOTHING_ANSWERED_TEXT[result_past(result)], lang)


def no_answers_prompt(result: SelfCheckResult, lang: str) -> str:
    """The result screen's prompt before any answer, not typeset."""
    return say(NO_ANSWERS_PROMPT[result_past(result)], lang)


def outcome_text(record: TrialRecord, outcome: Outcome) -> Mapping[str, str] | None:
    """The record's own plain words for ``outcome`` (None when the record has none)."""
    if record.patient is None:
        return None
    text: Mapping[str, str] = getattr(record.patient.outcome_texts, outcome.value)
    return text

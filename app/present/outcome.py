"""The outcome as every view shows it: headline, style role, symbol, enrolling sentence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.present.text import ENROLLING, NOT_ENROLLING, ONLY_TEAM_DECIDES, outcome_title, tr
from app.record import TrialRecord
from app.selfcheck import CriterionStatus, Outcome, SelfCheckResult

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
    title: str  #: "Your answers fit what the study looks for", ...
    role: str  #: the frame's style role
    icon: CriterionStatus  #: the symbol beside the title
    enrolling: str  #: whether the study takes new people now
    only_team: str  #: only the study team decides


def headline(result: SelfCheckResult, lang: str) -> Headline:
    """The result's headline in ``lang``."""
    outcome = result.outcome
    return Headline(
        outcome=outcome,
        title=outcome_title(outcome, lang),
        role=OUTCOME_ROLES[outcome],
        icon=OUTCOME_ICONS[outcome],
        enrolling=enrolling_sentence(result.enrolling, lang),
        only_team=only_team_decides(lang),
    )


def enrolling_sentence(enrolling: bool, lang: str) -> str:
    """Whether the study takes new people now, as one sentence in ``lang``."""
    return tr(ENROLLING if enrolling else NOT_ENROLLING, lang)


def only_team_decides(lang: str) -> str:
    """The sentence every result ends with: only the study team decides."""
    return tr(ONLY_TEAM_DECIDES, lang)


def outcome_text(record: TrialRecord, outcome: Outcome) -> Mapping[str, str] | None:
    """The record's own plain words for ``outcome`` (None when the record has none)."""
    if record.patient is None:
        return None
    text: Mapping[str, str] = getattr(record.patient.outcome_texts, outcome.value)
    return text

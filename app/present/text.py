"""Words shared by the screens, the counselor view, the command line and the handout.

The outcome's headline, each criterion's status label and reason, record texts as plain
words. All of them take the language explicitly, so the same function serves the
interface (current language) and the handout or ``trialguide check --lang``.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.i18n import N_, localize, pick, translation
from app.i18n import _ as _current
from app.record import TrialRecord
from app.record.enums import OverallStatus
from app.selfcheck import CriterionResult, CriterionStatus, Outcome

OUTCOME_TITLES: dict[Outcome, str] = {
    Outcome.LIKELY_MATCH: N_("Your answers fit what the study looks for"),
    Outcome.MAY_MATCH: N_("You may fit this study, but some things are still open"),
    Outcome.DOES_NOT_MATCH: N_("This study does not seem to fit you"),
}

#: Statuses of a study that is over: its texts speak in the past or the conditional.
PAST_STATUSES = frozenset(
    {OverallStatus.COMPLETED, OverallStatus.TERMINATED, OverallStatus.WITHDRAWN}
)

#: Criterion statuses, (present, past). Only "checked by the team" changes with tense.
STATUS_LABELS: dict[CriterionStatus, tuple[str, str]] = {
    CriterionStatus.MET: (N_("Fits"), N_("Fits")),
    CriterionStatus.NOT_MET: (N_("Does not fit"), N_("Does not fit")),
    CriterionStatus.UNKNOWN: (N_("Not known yet"), N_("Not known yet")),
    CriterionStatus.SCREENING: (
        N_("The study team checks this"),
        N_("The study team checked this"),
    ),
}

DEFAULT_SCREENING_REASON = (
    N_("The study team checks this at the screening visit."),
    N_("The study team checked this at the screening visit."),
)
ONLY_TEAM_DECIDES = (
    N_(
        "This is not a decision. Only the study team can decide who can take part, "
        "after they talk with you and do their own tests."
    ),
    N_(
        "This is not a decision. Only the study team could decide who could take part, "
        "after talking with each person and doing their own tests."
    ),
)
NOT_ENROLLING = N_("This study is not taking new people now.")
ENROLLING = N_("This study is taking new people now.")
#: Whether a study that is over takes people, one whole sentence per status.
ENDED_ENROLLING: dict[OverallStatus, str] = {
    OverallStatus.COMPLETED: N_("This study has ended. It no longer takes new people."),
    OverallStatus.TERMINATED: N_("This study stopped early. It no longer takes new people."),
    OverallStatus.WITHDRAWN: N_("This study was withdrawn before anyone took part in it."),
}


def is_past(status: OverallStatus | None) -> bool:
    """Whether a study of ``status`` is over, so that its words speak in the past."""
    return status in PAST_STATUSES


#: Why a study is not going on, in plain words: (with the registry's reason, without one).
STOPPED: dict[OverallStatus, tuple[str, str]] = {
    OverallStatus.TERMINATED: (
        N_("The study stopped early, before it was finished. The registry gives this reason:"),
        N_("The study stopped early, before it was finished. The registry gives no reason."),
    ),
    OverallStatus.WITHDRAWN: (
        N_(
            "The study was withdrawn: it stopped before anyone took part. "
            "The registry gives this reason:"
        ),
        N_(
            "The study was withdrawn: it stopped before anyone took part. "
            "The registry gives no reason."
        ),
    ),
    OverallStatus.SUSPENDED: (
        N_("The study is paused and is not taking new people. The registry gives this reason:"),
        N_("The study is paused and is not taking new people. The registry gives no reason."),
    ),
}


def stopped_explanation(
    status: OverallStatus, why_stopped: str | None, lang: str | None = None
) -> str | None:
    """Why a terminated, withdrawn or suspended study stopped, in plain words.

    The sentence says whether the registry's own reason (``why_stopped``, shown after it
    verbatim) follows. ``None`` for a study of any other status.

    Args:
        status: The study's overall status.
        why_stopped: The registry's reason, if it gives one.
        lang: The language; the current interface language when ``None``.
    """
    messages = STOPPED.get(status)
    if messages is None:
        return None
    message = messages[0] if why_stopped else messages[1]
    return _current(message) if lang is None else translation(lang).gettext(message)


def say(message: str, lang: str, **values: object) -> str:
    """An interface message in ``lang``, placeholders filled, not typeset.

    For text a label typesets itself (:meth:`app.ui.text.TextLabel.set_record_text`), or
    a plain label showing an interface sentence as the catalog writes it.
    """
    text = translation(lang).gettext(message)
    return text.format(**values) if values else text


def tr(message: str, lang: str, **values: object) -> str:
    """An interface message in ``lang`` (whatever the current language is), typeset.

    Placeholders are filled before typesetting, so ``{nct_id}`` is never mistaken for
    a Latin run of the Persian sentence.
    """
    text = translation(lang).gettext(message)
    return localize(text.format(**values) if values else text, lang)


def outcome_title(outcome: Outcome, lang: str) -> str:
    """The result's headline in ``lang``."""
    return tr(OUTCOME_TITLES[outcome], lang)


def status_label(status: CriterionStatus, lang: str, past: bool = False) -> str:
    """A criterion status in ``lang`` ("Fits", "The study team checked this", ...)."""
    return tr(STATUS_LABELS[status][past], lang)


def criterion_reason(item: CriterionResult, lang: str, past: bool = False) -> str:
    """Why a criterion stands where it does, in ``lang``."""
    if item.reason is None:
        return tr(DEFAULT_SCREENING_REASON[past], lang)
    return localize(item.reason, lang)


def shown_text(record: TrialRecord, text: Mapping[str, str] | None, lang: str) -> str:
    """A record text in ``lang`` as plain words: glossary marks resolved, then typeset."""
    return localize(record.unmark(pick(text, lang), lang), lang)


def sponsor_name(record: TrialRecord, lang: str) -> str:
    """The lead sponsor as patients know it (its registered name when no plain name)."""
    lead = record.sponsors.lead
    return localize(lead.plain, lang) if lead.plain else lead.name


def criterion_text(record: TrialRecord, criterion_id: str, lang: str) -> str:
    """A criterion in plain words (its official text when no plain text is written yet)."""
    criterion = record.criterion(criterion_id)
    if criterion.plain is None:
        return criterion.official
    return shown_text(record, criterion.plain, lang)

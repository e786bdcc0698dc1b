"""What taking part involves: whether the steps are told as past, and whom each is for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.i18n import N_, localize, pick
from app.i18n.format import format_number
from app.present.text import PAST_STATUSES, is_past, say
from app.record import TrialRecord
from app.record.models import ProcedureStep

#: Statuses for which the steps are told as something that happened.
ENDED_STATUSES = PAST_STATUSES

#: The end of a record text's first sentence (Latin or Persian punctuation, then a space).
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")

INTRO = N_("These are the steps of taking part in this study, in the order they happen.")
INTRO_ENDED = N_("These are the steps of taking part in this study, in the order they happened.")
ENDED_NOTE = N_("This study has ended. The steps show what the people in it went through.")
#: Said once above the steps when some step does not say how long it takes or where.
NOT_GIVEN = {
    (True, True): (
        N_("The study records do not say how long each step takes or where it takes place."),
        N_("The study records do not say how long each step took or where it took place."),
    ),
    (True, False): (
        N_("The study records do not say how long each step takes."),
        N_("The study records do not say how long each step took."),
    ),
    (False, True): (
        N_("The study records do not say where each step takes place."),
        N_("The study records do not say where each step took place."),
    ),
}
EVERY_GROUP = N_("For every study group")
ONE_GROUP = N_("Only for one study group")
SOME_GROUPS = N_("Only for {count} of the {total} study groups")


def first_sentence(text: str) -> str:
    """The first sentence of a text (the whole text if it has only one)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def has_ended(record: TrialRecord) -> bool:
    """Whether the study is over, so its steps are told as past."""
    return is_past(record.status.overall_status)


@dataclass(frozen=True)
class StepsIntro:
    """The words above the steps."""

    intro: str
    ended_note: str | None  #: None while the study is not over
    #: Once for all steps: what the study records do not say (None: they say it all).
    not_given: str | None = None


def steps_intro(record: TrialRecord, lang: str) -> StepsIntro:
    """The intro to the steps in ``lang``, in the past tense for a study that has ended."""
    past = has_ended(record)
    all_steps = steps(record)
    missing = (
        any(not s.duration for s in all_steps),
        any(not s.where for s in all_steps),
    )
    note = NOT_GIVEN.get(missing)
    not_given = say(note[past], lang) if note else None
    if past:
        return StepsIntro(say(INTRO_ENDED, lang), say(ENDED_NOTE, lang), not_given)
    return StepsIntro(say(INTRO, lang), None, not_given)


def steps(record: TrialRecord) -> tuple[ProcedureStep, ...]:
    """The record's steps, in the record's (time) order."""
    return record.patient.procedures if record.patient is not None else ()


def step_group(
    record: TrialRecord, step: ProcedureStep, lang: str
) -> tuple[str | None, str | None]:
    """The badge and the note saying which study groups a step is for (None: every one)."""
    if not step.arms:
        return None, None
    arms = {arm.label: arm for arm in record.arms}
    if record.arms and set(arms) <= set(step.arms):
        return say(EVERY_GROUP, lang), None
    count = len(set(step.arms))
    if count == 1:
        badge = say(ONE_GROUP, lang)
    else:
        badge = say(
            SOME_GROUPS,
            lang,
            count=format_number(count, lang),
            total=format_number(len(arms), lang),
        )
    notes = []
    for label in step.arms:
        arm = arms.get(label)
        if arm is not None and arm.plain is not None:
            notes.append(first_sentence(pick(arm.plain, lang)))
        else:
            notes.append(localize(label, lang))
    return badge, " ".join(notes)

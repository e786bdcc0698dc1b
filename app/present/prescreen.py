"""The first step across studies: "Which of these studies might fit me?".

It asks only what every record can answer from its structured fields: age (whole
years), sex, and whether the person is healthy (``eligibility.healthy_volunteers``);
then each study *may fit*, *does not fit* on these grounds, or is *closed*, with the
reason in plain words (a closed study also says whether the answers fit whom it was
for: the sample studies are both over, and a visitor still learns why). An answer not
given never excludes, and neither does an age that may lie inside the limits (see
:func:`app.present.audience.age_excludes`).

The answers then go into a study's own self-check (:func:`carried_answers`): a record's
question is the *age question* when its id or its criterion's id is ``age`` (as in both
shipped records; ``trialguide import`` writes no questions), or else when it is the
only number question in years whose criterion's official text speaks of age; the *sex
question* is a choice question whose id or criterion id is ``sex``, or else one whose
options include both a female and a male option (ids such as ``female``/``woman`` and
``male``/``man``). An age outside the question's own range, or a sex with no matching
option, is not carried: the visitor answers it there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from app.catalog import CatalogEntry
from app.i18n import N_
from app.i18n.format import format_number, format_quantity, format_range
from app.present.audience import StudyGroup, age_excludes, study_group
from app.present.text import ENDED_ENROLLING, NOT_ENROLLING, is_past, tr
from app.present.titles import plain_title
from app.record import TrialRecord
from app.record.enums import Sex
from app.record.models import ChoiceQuestion, NumberQuestion
from app.selfcheck import Answer

__all__ = [
    "CARRIED_NOTES",
    "Fit",
    "PrescreenRow",
    "age_question",
    "carried_answers",
    "carried_note",
    "prescreen",
    "sex_question",
]


class Fit(StrEnum):
    """Where a study stands after the first step."""

    MAY_FIT = "may_fit"
    DOES_NOT_FIT = "does_not_fit"
    CLOSED = "closed"


#: The step's own words, for the screen that asks.
TITLE = N_("Which of these studies might fit me?")
INTRO = N_(
    "Answer three short questions, or skip any of them. We use your answers only on "
    "this screen, and we forget them when you start over."
)
AGE_QUESTION = N_("How old are you?")
SEX_QUESTION = N_("Are you a woman or a man?")
SEX_OPTIONS: dict[Sex, str] = {Sex.FEMALE: N_("Woman"), Sex.MALE: N_("Man")}
HEALTHY_QUESTION = N_("Are you healthy, or do you have a health problem you want a study for?")
HEALTHY_OPTIONS: dict[bool, str] = {
    True: N_("I am healthy"),
    False: N_("I have a health problem"),
}
SKIP = N_("I would rather not say")
FIT_LABELS: dict[Fit, str] = {
    Fit.MAY_FIT: N_("May fit you"),
    Fit.DOES_NOT_FIT: N_("Your answers do not fit"),
    Fit.CLOSED: N_("Closed: not taking new people"),
}

# TRANSLATORS: {ages} is an age range with its unit ("18 to 40 years", "18 years or more",
# "up to 40 years"); {age} a bare number of years.
AGE_REASON = N_("This study is for people aged {ages}. You said {age}.")
SEX_REASONS: dict[Sex, str] = {
    Sex.FEMALE: N_("This study is for women only. You said you are a man."),
    Sex.MALE: N_("This study is for men only. You said you are a woman."),
}
HEALTHY_REASON = N_(
    "This study is only for people who have the health problem it looks at. "
    "You said you are healthy."
)
#: The same grounds for a study that is over (its words speak in the past).
AGE_REASON_PAST = N_("This study was for people aged {ages}. You said {age}.")
SEX_REASONS_PAST: dict[Sex, str] = {
    Sex.FEMALE: N_("This study was for women only. You said you are a man."),
    Sex.MALE: N_("This study was for men only. You said you are a woman."),
}
HEALTHY_REASON_PAST = N_(
    "This study was only for people who had the health problem it looked at. "
    "You said you are healthy."
)
MAY_FIT_REASON = N_(
    "Nothing you said rules this study out. Only the study team can decide who can take part."
)
NOT_OPEN_YET = N_("It is not taking new people now, but it may later.")
_RANGE = N_("{low} to {high}")

#: What a study's self-check says over a question answered in the first step.
CARRIED_NOTES: dict[str, str] = {
    "age": N_("You already told us your age."),
    "sex": N_("You already told us whether you are a woman or a man."),
}


@dataclass(frozen=True)
class PrescreenRow:
    """One study after the first step."""

    entry: CatalogEntry = field(repr=False)
    title: str
    #: The language of ``title`` (the visitor's, when the record has it).
    text_language: str
    fit: Fit
    #: Whether the answers fit who the study is (or was) for, whatever its status:
    #: MAY_FIT or DOES_NOT_FIT. For a closed study ``fit`` is CLOSED and this says more.
    grounds: Fit
    #: One sentence per ground, in the visitor's language (for a closed study, first that
    #: it is closed, then the grounds, in the past tense when it is over).
    reasons: tuple[str, ...]
    #: "May fit you", "Your answers do not fit", "Closed: ...", in that language.
    label: str

    @property
    def reason(self) -> str:
        """Every ground, as one paragraph."""
        return " ".join(self.reasons)

    @property
    def study_id(self) -> str:
        """The study's NCT id."""
        return self.entry.study_id


def _ages(record: TrialRecord, lang: str) -> str:
    low, high = record.eligibility.minimum_age, record.eligibility.maximum_age
    units = {age.unit for age in (low, high) if age is not None}
    if len(units) == 1:
        (unit,) = units
        return format_range(low.value if low else None, high.value if high else None, lang, unit)
    assert low is not None and high is not None
    return tr(
        _RANGE,
        lang,
        low=format_quantity(low.value, low.unit, lang),
        high=format_quantity(high.value, high.unit, lang),
    )


def _grounds(
    record: TrialRecord, age: int | None, sex: Sex | None, healthy: bool | None, lang: str
) -> list[str]:
    eligibility = record.eligibility
    past = is_past(record.status.overall_status)
    grounds = []
    if age is not None and age_excludes(record, age):
        message = AGE_REASON_PAST if past else AGE_REASON
        grounds.append(tr(message, lang, ages=_ages(record, lang), age=format_number(age, lang)))
    if sex in SEX_REASONS and eligibility.sex in SEX_REASONS and sex is not eligibility.sex:
        grounds.append(tr((SEX_REASONS_PAST if past else SEX_REASONS)[eligibility.sex], lang))
    if healthy is True and not eligibility.healthy_volunteers:
        grounds.append(tr(HEALTHY_REASON_PAST if past else HEALTHY_REASON, lang))
    return grounds


def prescreen_row(
    entry: CatalogEntry, age: int | None, sex: Sex | None, healthy: bool | None, lang: str
) -> PrescreenRow:
    """One study's standing (``entry`` must be ok: it has a record)."""
    record = entry.record
    if record is None:
        raise ValueError(f"{entry.study_id}: a study left out of the catalog is not screened")
    group = study_group(record)
    grounds = _grounds(record, age, sex, healthy, lang)
    would_fit = Fit.DOES_NOT_FIT if grounds else Fit.MAY_FIT
    if group is StudyGroup.CLOSED:
        status = record.status.overall_status
        fit = Fit.CLOSED
        reasons = [tr(ENDED_ENROLLING.get(status, NOT_ENROLLING), lang), *grounds]
    else:
        fit = would_fit
        reasons = grounds or [tr(MAY_FIT_REASON, lang)]
        if not grounds and group is StudyGroup.OTHER:
            reasons.append(tr(NOT_OPEN_YET, lang))
    text_lang = lang if lang in record.languages else record.languages[0]
    return PrescreenRow(
        entry=entry,
        title=plain_title(record, text_lang),
        text_language=text_lang,
        fit=fit,
        grounds=would_fit,
        reasons=tuple(reasons),
        label=tr(FIT_LABELS[fit], lang),
    )


_FIT_ORDER = {Fit.MAY_FIT: 0, Fit.DOES_NOT_FIT: 1, Fit.CLOSED: 2}


def prescreen(
    entries: Iterable[CatalogEntry],
    age: int | None,
    sex: Sex | None,
    healthy: bool | None,
    lang: str,
) -> tuple[PrescreenRow, ...]:
    """Every usable study's standing: may fit first, then does not fit, closed last.

    Args:
        entries: the catalog's entries (those left out get no row).
        age: the visitor's age in whole years, or ``None`` when not given.
        sex: :attr:`Sex.FEMALE` or :attr:`Sex.MALE`; ``None`` (or ``Sex.ALL``) when not given.
        healthy: True "I am healthy", False "I have a health problem", None not given.
        lang: the interface language.

    Raises:
        ValueError: ``age`` is negative.
    """
    if age is not None and age < 0:
        raise ValueError(f"an age cannot be negative: {age}")
    rows = [prescreen_row(entry, age, sex, healthy, lang) for entry in entries if entry.ok]
    order = {id(row): index for index, row in enumerate(rows)}
    return tuple(
        sorted(
            rows,
            key=lambda row: (
                _FIT_ORDER[row.fit],
                study_group(row.entry.record) if row.entry.record else 0,
                order[id(row)],
            ),
        )
    )


_FEMALE_IDS = frozenset({"female", "woman", "women", "f"})
_MALE_IDS = frozenset({"male", "man", "men", "m"})
_OPTION_IDS: dict[Sex, frozenset[str]] = {Sex.FEMALE: _FEMALE_IDS, Sex.MALE: _MALE_IDS}
_AGE_WORD = re.compile(r"\bage[sd]?\b", re.IGNORECASE)


def age_question(record: TrialRecord) -> NumberQuestion | None:
    """The record's age question (see the module docstring for the rule), if any."""
    numbers = [q for q in record.questions if isinstance(q, NumberQuestion)]
    for question in numbers:
        if "age" in (question.id, question.criterion):
            return question
    in_years = [
        q
        for q in numbers
        if q.unit.get("en", "").strip().lower() in {"year", "years"}
        and _AGE_WORD.search(record.criterion(q.criterion).official)
    ]
    return in_years[0] if len(in_years) == 1 else None


def sex_question(record: TrialRecord) -> ChoiceQuestion | None:
    """The record's sex question (see the module docstring for the rule), if any."""
    choices = [q for q in record.questions if isinstance(q, ChoiceQuestion)]
    for question in choices:
        if "sex" in (question.id, question.criterion):
            return question
    for question in choices:
        ids = {option.id for option in question.options}
        if ids & _FEMALE_IDS and ids & _MALE_IDS:
            return question
    return None


def carried_answers(record: TrialRecord, age: int | None, sex: Sex | None) -> dict[str, Answer]:
    """The answers of the first step that fill ``record``'s own self-check questions."""
    answers: dict[str, Answer] = {}
    number = age_question(record)
    if age is not None and number is not None and number.min_value <= age <= number.max_value:
        answers[number.id] = age
    choice = sex_question(record)
    if sex in _OPTION_IDS and choice is not None:
        for option in choice.options:
            if option.id in _OPTION_IDS[sex]:
                answers[choice.id] = option.id
                break
    return answers


def carried_note(record: TrialRecord, question_id: str, lang: str) -> str:
    """The "You already told us your age." note over a carried question ("" for others)."""
    for kind, question in (("age", age_question(record)), ("sex", sex_question(record))):
        if question is not None and question.id == question_id:
            return tr(CARRIED_NOTES[kind], lang)
    return ""

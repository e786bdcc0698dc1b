"""Who a study is for, from its structured fields: ages, sex, status group.

Only ``eligibility.minimum_age`` / ``maximum_age`` (with their units), ``sex`` and the
overall status are read, so every record, imported or hand-written, can answer. The
catalog cards (:mod:`app.present.catalog`) and the cross-study first step
(:mod:`app.present.prescreen`) both read this module, so they cannot disagree.
"""

from __future__ import annotations

from enum import IntEnum

from app.i18n import N_
from app.i18n.format import format_number, format_quantity
from app.present.text import say, tr
from app.record import TrialRecord
from app.record.enums import AgeUnit, OverallStatus, Sex
from app.record.models import Age

__all__ = [
    "CLOSED_STATUSES",
    "StudyGroup",
    "age_excludes",
    "study_group",
    "who_for",
]

#: Statuses of a study that will not take new people again: listed last, marked closed.
CLOSED_STATUSES = frozenset(
    {
        OverallStatus.COMPLETED,
        OverallStatus.TERMINATED,
        OverallStatus.WITHDRAWN,
        OverallStatus.ACTIVE_NOT_RECRUITING,
        OverallStatus.NO_LONGER_AVAILABLE,
        OverallStatus.APPROVED_FOR_MARKETING,
    }
)


class StudyGroup(IntEnum):
    """Where a study stands in the catalog's order (lower first)."""

    ENROLLING = 0  #: taking new people now (or by invitation)
    OTHER = 1  #: not open yet, paused, status unclear
    CLOSED = 2  #: over, or under way without taking anyone new


def study_group(record: TrialRecord) -> StudyGroup:
    """The catalog group of a study, from its overall status."""
    status = record.status.overall_status
    if status.enrolling:
        return StudyGroup.ENROLLING
    return StudyGroup.CLOSED if status in CLOSED_STATUSES else StudyGroup.OTHER


#: Length of each age unit in years (a month is a twelfth, a week 7 days, and so on).
_YEARS_PER_UNIT: dict[AgeUnit, float] = {
    AgeUnit.YEARS: 1.0,
    AgeUnit.MONTHS: 1 / 12,
    AgeUnit.WEEKS: 7 / 365.25,
    AgeUnit.DAYS: 1 / 365.25,
    AgeUnit.HOURS: 1 / (365.25 * 24),
    AgeUnit.MINUTES: 1 / (365.25 * 24 * 60),
}


def _years(age: Age, extra: int = 0) -> float:
    return (age.value + extra) * _YEARS_PER_UNIT[age.unit]


def age_excludes(record: TrialRecord, age: int) -> bool:
    """Whether someone who says they are ``age`` (whole years) is surely outside the ages.

    Someone who is 17 may be 17 years and 11 months: they are below a minimum of 18 years
    but not of 200 months. A registry maximum is inclusive ("40 Years" takes people until
    their 41st birthday). Only a whole-years answer that lies wholly outside the limits
    excludes; anything that may fall inside does not.
    """
    eligibility = record.eligibility
    low, high = eligibility.minimum_age, eligibility.maximum_age
    if low is not None and age + 1 <= _years(low):
        return True
    return high is not None and age >= _years(high, extra=1)


#: Who, by sex and age class: adults (minimum 18 years or more), children (maximum
#: under 18 years), or anyone. The noun starts the sentence.
_WHO: dict[tuple[Sex, str], str] = {
    (Sex.ALL, "adult"): N_("Adults"),
    (Sex.ALL, "child"): N_("Children"),
    (Sex.ALL, "any"): N_("People"),
    (Sex.FEMALE, "adult"): N_("Women"),
    (Sex.FEMALE, "child"): N_("Girls"),
    (Sex.FEMALE, "any"): N_("Girls and women"),
    (Sex.MALE, "adult"): N_("Men"),
    (Sex.MALE, "child"): N_("Boys"),
    (Sex.MALE, "any"): N_("Boys and men"),
}

# TRANSLATORS: {who} is a group of people ("Women", "Adults"); {low} and {high} are ages in
# years, as bare numbers: "Women aged 18 to 40".
_RANGE_YEARS = N_("{who} aged {low} to {high}")
# TRANSLATORS: {who} as above; {low} an age in years: "Adults 18 and older".
_MIN_YEARS = N_("{who} {low} and older")
# TRANSLATORS: {who} as above; {high} an age in years: "Children up to age 17".
_MAX_YEARS = N_("{who} up to age {high}")
# TRANSLATORS: {low} and {high} are ages with their unit ("6 months", "17 years").
_RANGE_UNITS = N_("{who} aged from {low} to {high}")
_MIN_UNITS = N_("{who} aged {low} or older")
_MAX_UNITS = N_("{who} aged up to {high}")
_ANY_AGE = N_("{who} of any age")


def _age_class(low: Age | None, high: Age | None) -> str:
    if low is not None and _years(low) >= 18:
        return "adult"
    if high is not None and _years(high, extra=1) <= 18:
        return "child"
    return "any"


def who_for(record: TrialRecord, lang: str) -> str:
    """Who the study is for, in words: "Women aged 18 to 40", "Adults 18 and older"."""
    eligibility = record.eligibility
    low, high = eligibility.minimum_age, eligibility.maximum_age
    who = say(_WHO[eligibility.sex, _age_class(low, high)], lang)
    in_years = all(age is None or age.unit is AgeUnit.YEARS for age in (low, high))
    if low is None and high is None:
        return tr(_ANY_AGE, lang, who=who)
    if in_years:
        values = {
            "low": format_number(low.value, lang) if low else "",
            "high": format_number(high.value, lang) if high else "",
        }
        template = _RANGE_YEARS if low and high else _MIN_YEARS if low else _MAX_YEARS
    else:
        values = {
            "low": format_quantity(low.value, low.unit, lang) if low else "",
            "high": format_quantity(high.value, high.unit, lang) if high else "",
        }
        template = _RANGE_UNITS if low and high else _MIN_UNITS if low else _MAX_UNITS
    return tr(template, lang, who=who, **values)

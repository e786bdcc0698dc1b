"""app/present/audience.py: who a study is for, from its structured fields."""

from __future__ import annotations

import pytest

from app.present.audience import StudyGroup, age_excludes, study_group, who_for

YEARS = "YEARS"

WHO_FOR = [
    # (minimum, maximum, sex, English, Persian)
    ((18, YEARS), (40, YEARS), "FEMALE", "Women aged 18 to 40", "زنان ۱۸ تا ۴۰ ساله"),
    ((18, YEARS), None, "ALL", "Adults 18 and older", "بزرگسالان ۱۸ سال و بالاتر"),
    ((21, YEARS), None, "MALE", "Men 21 and older", "مردان ۲۱ سال و بالاتر"),
    (
        (12, YEARS),
        (40, YEARS),
        "FEMALE",
        "Girls and women aged 12 to 40",
        "دختران و زنان ۱۲ تا ۴۰ ساله",
    ),
    ((6, YEARS), (17, YEARS), "ALL", "Children aged 6 to 17", "کودکان ۶ تا ۱۷ ساله"),
    (None, (17, YEARS), "MALE", "Boys up to age 17", "پسران تا ۱۷ سالگی"),
    (None, (65, YEARS), "ALL", "People up to age 65", "افراد تا ۶۵ سالگی"),
    (None, None, "FEMALE", "Girls and women of any age", "دختران و زنان در هر سنی"),
    (None, None, "ALL", "People of any age", "افراد در هر سنی"),
    (
        (6, "MONTHS"),
        (17, YEARS),
        "ALL",
        "Children aged from 6 months to 17 years",
        "کودکان از سن ۶ ماه تا ۱۷ سال",
    ),
    ((1, "MONTHS"), None, "ALL", "People aged 1 month or older", "افراد از سن ۱ ماه به بالا"),
    (None, (28, "DAYS"), "ALL", "Children aged up to 28 days", "کودکان تا سن ۲۸ روز"),
]


@pytest.mark.parametrize(("low", "high", "sex", "en", "fa"), WHO_FOR)
def test_who_for_in_both_languages(make_study, low, high, sex, en, fa):
    record = make_study(minimum_age=low, maximum_age=high, sex=sex).record
    assert who_for(record, "en") == en
    assert who_for(record, "fa") == fa


AGES = [
    # (minimum, maximum, age said, excluded)
    ((18, YEARS), (40, YEARS), 17, True),
    ((18, YEARS), (40, YEARS), 18, False),
    ((18, YEARS), (40, YEARS), 40, False),  # "40 Years" takes people until they turn 41
    ((18, YEARS), (40, YEARS), 41, True),
    ((18, YEARS), None, 99, False),
    (None, (40, YEARS), 0, False),
    ((6, "MONTHS"), None, 0, False),  # a 0-year-old may be 7 months old
    ((18, "MONTHS"), None, 0, True),  # ... but never 18 months
    ((18, "MONTHS"), None, 1, False),
    (None, (6, "MONTHS"), 0, False),
    (None, (6, "MONTHS"), 1, True),
    (None, (28, "DAYS"), 0, False),
    ((215, "MONTHS"), None, 17, False),  # 17 years and 11 months is 215 months
    ((216, "MONTHS"), None, 17, True),  # 216 months is 18 years
    ((2, "WEEKS"), (52, "WEEKS"), 1, False),
    ((2, "WEEKS"), (52, "WEEKS"), 2, True),
]


@pytest.mark.parametrize(("low", "high", "age", "excluded"), AGES)
def test_age_excludes_only_what_surely_lies_outside(make_study, low, high, age, excluded):
    record = make_study(minimum_age=low, maximum_age=high).record
    assert age_excludes(record, age) is excluded


@pytest.mark.parametrize(
    ("status", "group"),
    [
        ("RECRUITING", StudyGroup.ENROLLING),
        ("ENROLLING_BY_INVITATION", StudyGroup.ENROLLING),
        ("NOT_YET_RECRUITING", StudyGroup.OTHER),
        ("SUSPENDED", StudyGroup.OTHER),
        ("UNKNOWN", StudyGroup.OTHER),
        ("ACTIVE_NOT_RECRUITING", StudyGroup.CLOSED),
        ("COMPLETED", StudyGroup.CLOSED),
        ("TERMINATED", StudyGroup.CLOSED),
        ("WITHDRAWN", StudyGroup.CLOSED),
    ],
)
def test_study_groups(make_study, status, group):
    assert study_group(make_study(status=status).record) is group

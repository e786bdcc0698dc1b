"""app/present/prescreen.py: "Which of these studies might fit me?" and carried answers."""

from __future__ import annotations

import pytest

from app.catalog import load_entry
from app.present.prescreen import (
    Fit,
    age_question,
    carried_answers,
    carried_note,
    prescreen,
    sex_question,
)
from app.record.enums import Sex

F, M = Sex.FEMALE, Sex.MALE
MAY, NOT, CLOSED = Fit.MAY_FIT, Fit.DOES_NOT_FIT, Fit.CLOSED

#: Three open studies and a closed one, as a clinic's catalog might have.
STUDIES = {
    "women_18_40": {"minimum_age": (18, "YEARS"), "maximum_age": (40, "YEARS"), "sex": "FEMALE"},
    "adults_healthy": {"minimum_age": (18, "YEARS"), "maximum_age": None, "healthy": True},
    "men_any_age": {"minimum_age": None, "maximum_age": None, "sex": "MALE"},
    "closed": {"status": "COMPLETED", "minimum_age": None, "maximum_age": None},
}

TABLE = [
    # (age, sex, healthy) -> fit per study, in STUDIES order
    ((None, None, None), (MAY, MAY, MAY, CLOSED)),
    ((30, F, None), (MAY, MAY, NOT, CLOSED)),
    ((30, M, None), (NOT, MAY, MAY, CLOSED)),
    ((45, F, None), (NOT, MAY, NOT, CLOSED)),
    ((17, None, None), (NOT, NOT, MAY, CLOSED)),
    ((18, None, None), (MAY, MAY, MAY, CLOSED)),
    ((40, None, None), (MAY, MAY, MAY, CLOSED)),
    ((41, None, None), (NOT, MAY, MAY, CLOSED)),
    ((0, M, None), (NOT, NOT, MAY, CLOSED)),
    ((30, F, True), (NOT, MAY, NOT, CLOSED)),  # healthy: only the study taking healthy people
    ((30, F, False), (MAY, MAY, NOT, CLOSED)),  # a health problem excludes no study
    ((None, None, True), (NOT, MAY, NOT, CLOSED)),
    ((99, Sex.ALL, None), (NOT, MAY, MAY, CLOSED)),  # "ALL" is no answer
]


@pytest.fixture
def catalog(make_study):
    return {
        name: make_study(nct=f"NCT0000002{index}", **fields)
        for index, (name, fields) in enumerate(STUDIES.items())
    }


@pytest.mark.parametrize(("answers", "fits"), TABLE)
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_prescreen_table(catalog, answers, fits, lang):
    age, sex, healthy = answers
    rows = prescreen(catalog.values(), age, sex, healthy, lang)
    by_study = {row.study_id: row.fit for row in rows}
    assert tuple(by_study[entry.study_id] for entry in catalog.values()) == fits
    # May fit first, then does not fit, closed last.
    order = [MAY, NOT, CLOSED]
    assert [order.index(row.fit) for row in rows] == sorted(order.index(r.fit) for r in rows)
    assert all(row.reasons and all(row.reasons) for row in rows)


REASONS = [
    (
        "women_18_40",
        (45, None, None),
        "en",
        "This study is for people aged 18 to 40 years. You said 45.",
    ),
    (
        "women_18_40",
        (45, None, None),
        "fa",
        "این پژوهش برای افرادی است که سنشان ۱۸ تا ۴۰ سال است. شما گفتید ۴۵ سال دارید.",
    ),
    (
        "adults_healthy",
        (16, None, None),
        "en",
        "This study is for people aged 18 years or more. You said 16.",
    ),
    ("women_18_40", (None, M, None), "en", "This study is for women only. You said you are a man."),
    ("women_18_40", (None, M, None), "fa", "این پژوهش فقط برای زنان است. شما گفتید مرد هستید."),
    ("men_any_age", (None, F, None), "en", "This study is for men only. You said you are a woman."),
    (
        "women_18_40",
        (None, None, True),
        "en",
        "This study is only for people who have the health problem it looks at. "
        "You said you are healthy.",
    ),
    ("closed", (30, F, None), "en", "This study has ended. It no longer takes new people."),
    (
        "adults_healthy",
        (30, F, True),
        "en",
        "Nothing you said rules this study out. Only the study team can decide who can take part.",
    ),
]


@pytest.mark.parametrize(("study", "answers", "lang", "reason"), REASONS)
def test_reasons_in_plain_words(catalog, study, answers, lang, reason):
    (row,) = prescreen([catalog[study]], *answers, lang)
    assert row.reason == reason


def test_every_ground_is_given(catalog):
    (row,) = prescreen([catalog["women_18_40"]], 50, M, True, "en")
    assert row.fit is NOT and len(row.reasons) == 3
    assert row.label == "Your answers do not fit"


def test_not_open_yet_may_fit_and_says_so(make_study):
    (row,) = prescreen([make_study(status="NOT_YET_RECRUITING")], 30, None, None, "en")
    assert row.fit is MAY
    assert row.reasons[-1] == "It is not taking new people now, but it may later."


def test_study_in_months(make_study):
    entry = make_study(minimum_age=(6, "MONTHS"), maximum_age=(2, "YEARS"))
    assert prescreen([entry], 0, None, None, "en")[0].fit is MAY
    (row,) = prescreen([entry], 3, None, None, "en")
    assert row.reason == "This study is for people aged 6 months to 2 years. You said 3."


def test_left_out_entries_get_no_row(catalog):
    from app.catalog import CatalogEntry

    broken = CatalogEntry("x.yaml", None, ("x.yaml: broken",))
    assert len(prescreen([broken, *catalog.values()], None, None, None, "en")) == 4


def test_a_negative_age_is_refused(catalog):
    with pytest.raises(ValueError, match="negative"):
        prescreen(catalog.values(), -1, None, None, "en")


# -- carried answers ---------------------------------------------------------------------


def test_default_record_carries_age_and_sex():
    record = load_entry(None).record
    assert age_question(record).id == "age" and sex_question(record).id == "sex"
    assert carried_answers(record, 30, F) == {"age": 30, "sex": "female"}
    assert carried_answers(record, 30, M) == {"age": 30, "sex": "male"}
    assert carried_answers(record, None, None) == {}
    assert carried_answers(record, 131, Sex.ALL) == {}  # outside the question's 0 to 130
    assert carried_note(record, "age", "en") == "You already told us your age."
    assert carried_note(record, "sex", "fa") == "پیش‌تر به ما گفته‌اید که زن هستید یا مرد."
    assert carried_note(record, "prior_ivf_icsi", "en") == ""


def test_minimal_record_has_no_sex_question(make_study):
    record = make_study().record
    assert sex_question(record) is None
    assert carried_answers(record, 25, F) == {"age": 25}


def test_questions_found_by_shape_when_not_named(minimal_dict):
    """Ids other than age/sex: a number question in years about age, male/female options."""
    from app.record import validate_record

    age, pregnant = minimal_dict["questions"][:2]
    criterion = next(c for c in minimal_dict["eligibility"]["criteria"] if c["id"] == "age")
    criterion["id"] = age["criterion"] = "years_old"
    age["id"] = "how_old"
    sex_choice = {
        "id": "gender",
        "criterion": "not_pregnant",
        "text": {"en": "Woman or man?", "fa": "زن یا مرد؟"},
        "why": {"en": "Why.", "fa": "چرا."},
        "unanswered_reason": {"en": "Not given.", "fa": "نگفتید."},
        "options": [
            {
                "id": "woman",
                "label": {"en": "Woman", "fa": "زن"},
                "verdict": "unknown",
                "reason": {"en": "R.", "fa": "د."},
            },
            {
                "id": "man",
                "label": {"en": "Man", "fa": "مرد"},
                "verdict": "met",
                "reason": {"en": "R.", "fa": "د."},
            },
        ],
    }
    minimal_dict["questions"] = [age, pregnant, sex_choice]
    record = validate_record(minimal_dict, "<test>")
    assert criterion["official"] == "Age 18 to 60 years"  # speaks of age, in years
    assert carried_answers(record, 33, M) == {"how_old": 33, "gender": "man"}
    assert carried_note(record, "gender", "en").startswith("You already told us whether")


@pytest.mark.parametrize(
    ("answers", "grounds", "lang", "reasons"),
    [
        (
            (50, M, True),
            NOT,
            "en",
            (
                "This study has ended. It no longer takes new people.",
                "This study was for people aged 25 to 45 years. You said 50.",
                "This study was for women only. You said you are a man.",
                "This study was only for people who had the health problem it looked at. "
                "You said you are healthy.",
            ),
        ),
        (
            (50, M, None),
            NOT,
            "fa",
            (
                "این پژوهش به پایان رسیده است و دیگر شرکت‌کننده‌ی جدید نمی‌پذیرد.",
                "این پژوهش برای افرادی بود که سنشان ۲۵ تا ۴۵ سال بود. شما گفتید ۵۰ سال دارید.",
                "این پژوهش فقط برای زنان بود. شما گفتید مرد هستید.",
            ),
        ),
        ((30, F, False), MAY, "en", ("This study has ended. It no longer takes new people.",)),
    ],
)
def test_a_closed_study_still_gives_its_grounds_in_the_past(answers, grounds, lang, reasons):
    (row,) = prescreen([load_entry(None)], *answers, lang)
    assert row.fit is CLOSED and row.grounds is grounds
    assert row.reasons == reasons


def test_open_studies_grounds_match_their_fit(catalog):
    rows = prescreen(catalog.values(), 45, M, True, "en")
    assert [row.grounds for row in rows if row.fit is not CLOSED] == [
        row.fit for row in rows if row.fit is not CLOSED
    ]
    (closed,) = (row for row in rows if row.fit is CLOSED)
    assert closed.grounds is NOT  # healthy: it took only people with the health problem

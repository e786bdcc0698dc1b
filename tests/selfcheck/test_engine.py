"""The self-check engine: table-driven over the default record, plus edge cases."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.record import validate_record
from app.selfcheck import (
    AnswerError,
    CriterionStatus,
    Outcome,
    check_answer,
    check_answers,
    evaluate,
    parse_number,
)

#: A patient who answers everything in the study's favour.
FITS = {
    "age": 33,
    "sex": "female",
    "prior_ivf_icsi": "yes",
    "afc_low": "yes",
    "amh_low": "yes",
    "ovarian_cyst_history": "no",
    "ovarian_surgery": "no",
    "cancer_history": "no",
    "autoimmune": "no",
    "tube_or_uterus_problem": "no",
    "male_factor": "no",
}


def _with(**changes):
    answers = dict(FITS)
    for key, value in changes.items():
        if value is None:
            answers.pop(key)
        else:
            answers[key] = value
    return answers


# (case, answers, outcome, {criterion id: expected status})
TABLE = [
    (
        "all answers fit",
        FITS,
        Outcome.MAY_MATCH,
        {"age": "met", "sex": "met", "amh": "met", "thyroid": "screening"},
    ),
    ("nothing answered", {}, Outcome.MAY_MATCH, {"age": "unknown", "male_factor": "unknown"}),
    ("too young", _with(age=24), Outcome.DOES_NOT_MATCH, {"age": "not_met"}),
    ("youngest allowed", _with(age=25), Outcome.MAY_MATCH, {"age": "met"}),
    ("oldest allowed", _with(age=45), Outcome.MAY_MATCH, {"age": "met"}),
    ("too old", _with(age=46), Outcome.DOES_NOT_MATCH, {"age": "not_met"}),
    ("male", _with(sex="male"), Outcome.DOES_NOT_MATCH, {"sex": "not_met"}),
    (
        "no earlier IVF or ICSI",
        _with(prior_ivf_icsi="no"),
        Outcome.DOES_NOT_MATCH,
        {"prior_ivf_icsi": "not_met"},
    ),
    (
        "unsure about earlier IVF",
        _with(prior_ivf_icsi="unsure"),
        Outcome.MAY_MATCH,
        {"prior_ivf_icsi": "unknown"},
    ),
    ("AFC not low", _with(afc_low="no"), Outcome.DOES_NOT_MATCH, {"afc": "not_met"}),
    ("AFC unknown", _with(afc_low="unsure"), Outcome.MAY_MATCH, {"afc": "unknown"}),
    ("AMH not low", _with(amh_low="no"), Outcome.DOES_NOT_MATCH, {"amh": "not_met"}),
    (
        "ovarian cyst",
        _with(ovarian_cyst_history="yes"),
        Outcome.DOES_NOT_MATCH,
        {"no_ovarian_cyst": "not_met"},
    ),
    (
        "ovarian surgery",
        _with(ovarian_surgery="yes"),
        Outcome.DOES_NOT_MATCH,
        {"no_ovarian_surgery": "not_met"},
    ),
    ("cancer", _with(cancer_history="yes"), Outcome.DOES_NOT_MATCH, {"no_cancer": "not_met"}),
    (
        "autoimmune disease",
        _with(autoimmune="yes"),
        Outcome.DOES_NOT_MATCH,
        {"no_autoimmune": "not_met"},
    ),
    ("AMH unsure", _with(amh_low="unsure"), Outcome.MAY_MATCH, {"amh": "unknown"}),
    (
        "autoimmune unsure",
        _with(autoimmune="unsure"),
        Outcome.MAY_MATCH,
        {"no_autoimmune": "unknown"},
    ),
    (
        "tube or uterus problem",
        _with(tube_or_uterus_problem="yes"),
        Outcome.DOES_NOT_MATCH,
        {"tube_or_uterus": "not_met"},
    ),
    (
        "severe male factor",
        _with(male_factor="yes"),
        Outcome.DOES_NOT_MATCH,
        {"male_factor": "not_met"},
    ),
    (
        "male factor unsure",
        _with(male_factor="unsure"),
        Outcome.MAY_MATCH,
        {"male_factor": "unknown"},
    ),
    ("AFC never tested", _with(afc_low="not_tested"), Outcome.MAY_MATCH, {"afc": "unknown"}),
    ("AMH never tested", _with(amh_low="not_tested"), Outcome.MAY_MATCH, {"amh": "unknown"}),
    (
        "cyst unsure",
        _with(ovarian_cyst_history="unsure"),
        Outcome.MAY_MATCH,
        {"no_ovarian_cyst": "unknown"},
    ),
    (
        "surgery unsure",
        _with(ovarian_surgery="unsure"),
        Outcome.MAY_MATCH,
        {"no_ovarian_surgery": "unknown"},
    ),
    ("cancer unsure", _with(cancer_history="unsure"), Outcome.MAY_MATCH, {"no_cancer": "unknown"}),
    (
        "tube or uterus unsure",
        _with(tube_or_uterus_problem="unsure"),
        Outcome.MAY_MATCH,
        {"tube_or_uterus": "unknown"},
    ),
    (
        "husband never tested",
        _with(male_factor="not_tested"),
        Outcome.MAY_MATCH,
        {"male_factor": "unknown"},
    ),
    (
        "unsure about several, no to one",
        _with(afc_low="unsure", autoimmune="unsure", amh_low="no"),
        Outcome.DOES_NOT_MATCH,
        {"afc": "unknown", "no_autoimmune": "unknown", "amh": "not_met"},
    ),
    ("age left out", _with(age=None), Outcome.MAY_MATCH, {"age": "unknown"}),
    # Options added in content 1.1.0 (issue 11): none of them may rule a woman out.
    (
        "IVF but no embryo put back",
        _with(prior_ivf_icsi="no_transfer"),
        Outcome.MAY_MATCH,
        {"prior_ivf_icsi": "unknown"},
    ),
    ("AMH result old", _with(amh_low="old_result"), Outcome.MAY_MATCH, {"amh": "unknown"}),
    ("AFC count old", _with(afc_low="old_result"), Outcome.MAY_MATCH, {"afc": "unknown"}),
    (
        "no husband or partner",
        _with(male_factor="no_partner"),
        Outcome.MAY_MATCH,
        {"male_factor": "unknown"},
    ),
    (
        "two reasons to rule out",
        _with(sex="male", cancer_history="yes"),
        Outcome.DOES_NOT_MATCH,
        {"sex": "not_met", "no_cancer": "not_met", "age": "met"},
    ),
]


@pytest.mark.parametrize(
    ("answers", "outcome", "statuses"), [c[1:] for c in TABLE], ids=[c[0] for c in TABLE]
)
def test_default_record_table(default_record, answers, outcome, statuses):
    result = evaluate(default_record, check_answers(default_record, answers))
    assert result.outcome is outcome
    assert result.enrolling is False  # the study is completed
    by_id = {c.criterion_id: c for c in result.criteria}
    for criterion_id, status in statuses.items():
        assert by_id[criterion_id].status.value == status, criterion_id
    # every criterion of the record is accounted for, in record order
    assert [c.criterion_id for c in result.criteria] == [
        c.id for c in default_record.eligibility.criteria
    ]
    # every criterion has a reason in both languages, screening ones included
    for item in result.criteria:
        assert item.reason is not None and set(item.reason) == {"en", "fa"}, item.criterion_id


def test_table_covers_every_question_and_option(default_record):
    used: dict[str, set[object]] = {}
    for _case, answers, _outcome, _statuses in TABLE:
        for key, value in answers.items():
            used.setdefault(key, set()).add(value)
    for question in default_record.questions:
        assert question.id in used, question.id
        if question.type == "choice":
            assert {o.id for o in question.options} <= used[question.id], question.id


def test_lab_criteria_are_left_to_screening(default_record):
    result = evaluate(default_record, FITS)
    screening = {c.criterion_id for c in result.with_status(CriterionStatus.SCREENING)}
    assert {
        "thyroid",
        "prolactin",
        "fasting_sugar",
        "liver",
        "kidney",
        "infections",
        "coagulation",
        "electrolytes",
    } == screening
    assert result.deciding == result.with_status(CriterionStatus.SCREENING)


def test_deciding_criteria_for_does_not_match(default_record):
    result = evaluate(default_record, _with(sex="male"))
    assert [c.criterion_id for c in result.deciding] == ["sex"]


def _no_screening(minimal_dict):
    minimal_dict["eligibility"]["criteria"] = [
        c for c in minimal_dict["eligibility"]["criteria"] if c["id"] != "blood"
    ]
    minimal_dict["patient"]["summary"]["en"] = "A study."
    return validate_record(minimal_dict)


def test_likely_match_needs_every_criterion_met(minimal_dict):
    record = _no_screening(minimal_dict)
    result = evaluate(record, {"age": 30, "pregnant": "no"})
    assert result.outcome is Outcome.LIKELY_MATCH
    assert result.enrolling is True
    assert [c.criterion_id for c in result.deciding] == ["age", "not_pregnant"]
    assert evaluate(record, {"age": 30}).outcome is Outcome.MAY_MATCH
    assert evaluate(record, {"age": 30, "pregnant": "yes"}).outcome is Outcome.DOES_NOT_MATCH


def test_reasons_come_from_the_chosen_option(minimal_record):
    result = evaluate(minimal_record, {"age": 70, "pregnant": "unsure"})
    by_id = {c.criterion_id: c for c in result.criteria}
    assert by_id["age"].reason["en"] == "Your age is outside 18 to 60."
    assert by_id["not_pregnant"].reason["fa"] == "مطمئن نیستید."
    assert by_id["not_pregnant"].question_ids == ("pregnant",)


@pytest.mark.parametrize(
    ("question", "value", "words"),
    [
        ("colour", "blue", "no question with this id"),
        ("pregnant", "perhaps", "not an answer to this question"),
        ("pregnant", 1, "not an answer to this question"),
        ("age", "thirty", "not a whole number"),
        ("age", 31.5, "not a whole number"),
        ("age", True, "not a whole number"),
        ("age", None, "not a whole number"),
        ("age", -1, "outside 0 to 130"),
        ("age", 131, "outside 0 to 130"),
        ("age", float("nan"), "not a whole number"),
    ],
)
def test_bad_answers(minimal_record, question, value, words):
    with pytest.raises(AnswerError, match=words) as info:
        check_answer(minimal_record, question, value)
    assert info.value.question_id == question


def test_evaluate_rejects_unknown_question(minimal_record):
    with pytest.raises(AnswerError, match="colour"):
        evaluate(minimal_record, {"colour": "blue"})


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("33", 33),
        ("۳۳", 33),
        ("٣٣", 33),
        (" 45 ", 45),
        ("۱۰۰", 100),
        ("3.5", None),
        ("", None),
        ("abc", None),
        ("۲a", None),
    ],
)
def test_parse_number_accepts_persian_and_latin_digits(text, number):
    assert parse_number(text) == number


def test_age_as_persian_digits_string(minimal_record):
    assert check_answer(minimal_record, "age", "۴۰") == 40


@functools.cache
def _minimal():
    from app.record import load_record
    from tests.conftest import DATA

    return load_record(DATA / "records" / "minimal.yaml")


@given(st.integers(min_value=0, max_value=130))
def test_age_verdict_matches_range(age):
    result = evaluate(_minimal(), {"age": age})
    status = {c.criterion_id: c.status for c in result.criteria}["age"]
    assert (status is CriterionStatus.MET) == (18 <= age <= 60)


@st.composite
def _answer_sets(draw):
    record = _minimal()
    answers = {}
    if draw(st.booleans()):
        answers["age"] = draw(st.integers(min_value=0, max_value=130))
    if draw(st.booleans()):
        answers["pregnant"] = draw(st.sampled_from(["yes", "no", "unsure"]))
    return record, answers


@given(_answer_sets())
def test_outcome_follows_the_rule(case):
    record, answers = case
    result = evaluate(record, answers)
    statuses = [c.status for c in result.criteria]
    if CriterionStatus.NOT_MET in statuses:
        assert result.outcome is Outcome.DOES_NOT_MATCH
    elif CriterionStatus.UNKNOWN in statuses or CriterionStatus.SCREENING in statuses:
        assert result.outcome is Outcome.MAY_MATCH
    else:
        assert result.outcome is Outcome.LIKELY_MATCH
    assert result == evaluate(record, dict(answers))  # pure: same answers, same result

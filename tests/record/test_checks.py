"""app/record/checks.py: cross-references a schema alone cannot see, one case per rule."""

from __future__ import annotations

import pytest

from app.record import TrialRecord
from app.record.checks import check_record


def _checked(data) -> list[tuple[tuple, str]]:
    record = TrialRecord.model_validate(data, context={"languages": ("en", "fa")})
    return [(issue.path, issue.message) for issue in check_record(record)]


def _question(data, question_id):
    return next(q for q in data["questions"] if q["id"] == question_id)


def test_the_minimal_record_is_consistent(minimal_dict):
    assert _checked(minimal_dict) == []


def _duplicate_criterion(d):
    d["eligibility"]["criteria"].append(dict(d["eligibility"]["criteria"][1]))


def _duplicate_question(d):
    d["questions"].append(dict(d["questions"][1]))


def _duplicate_option(d):
    options = _question(d, "pregnant")["options"]
    options.append(dict(options[0], label={"en": "Yes!", "fa": "بله!"}))


def _unknown_criterion(d):
    _question(d, "pregnant")["criterion"] = "smoker"


def _question_about_lab_criterion(d):
    _question(d, "pregnant")["criterion"] = "blood"


def _unasked_patient_criterion(d):
    d["questions"] = [q for q in d["questions"] if q["id"] != "pregnant"]


def _inverted_number_range(d):
    _question(d, "age")["min_value"] = 140  # above the default max_value, 130


def _inverted_rule(d):
    _question(d, "age")["rules"][0].update(min=60, max=18)


def _undefined_mark(d):
    d["patient"]["summary"]["en"] = "About your [[ovary]]."


def _max_age_below_min(d):
    d["eligibility"]["maximum_age"] = {"value": 10, "unit": "YEARS"}


def _unknown_arm(d):
    d["patient"]["procedures"][0]["arms"] = ["Group Z"]


CASES = [
    (_duplicate_criterion, ("eligibility", "criteria", 3, "id"), "duplicate criterion id"),
    (_duplicate_question, ("questions", 2, "id"), "duplicate question id"),
    (_duplicate_option, ("questions", 1, "options", 3, "id"), "duplicate option id"),
    (_unknown_criterion, ("questions", 1, "criterion"), "which the record does not have"),
    (_question_about_lab_criterion, ("questions", 1, "criterion"), "checked by the study team"),
    (_inverted_number_range, ("questions", 0, "max_value"), "max_value is below min_value"),
    (_inverted_rule, ("questions", 0, "rules", 0, "max"), "the rule's max is below its min"),
    (_undefined_mark, ("patient", "summary", "en"), "marks a term the glossary does not define"),
    (_max_age_below_min, ("eligibility", "maximum_age"), "below the minimum age"),
    (_unknown_arm, ("patient", "procedures", 0, "arms", 0), "no study group is labelled"),
]


@pytest.mark.parametrize(("edit", "path", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_each_rule(minimal_dict, edit, path, words):
    edit(minimal_dict)
    found = _checked(minimal_dict)
    assert any(p == path and words in m for p, m in found), found


def test_an_unasked_patient_criterion_is_named(minimal_dict):
    _unasked_patient_criterion(minimal_dict)
    found = _checked(minimal_dict)
    assert found == [
        (
            ("eligibility", "criteria", 2, "assessed_by"),
            "criterion 'not_pregnant' is assessed by the patient, but no question asks about it",
        )
    ]

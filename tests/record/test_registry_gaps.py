"""The record holds what real registry entries have and lack (issue 16).

Criteria kinds (UNSPECIFIED for imported drafts only), sub-groups, groups, notes; contacts
without a name; dates without a type; observational designs; last known status.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.record import RecordError, validate_record
from app.record.enums import (
    BioSpecRetention,
    CriterionKind,
    DateType,
    ObservationalModel,
    OverallStatus,
    SamplingMethod,
    TimePerspective,
)
from app.record.lint import lint_record
from app.record.models import Contact, PartialDate


def _errors(data: dict[str, Any]) -> list[str]:
    with pytest.raises(RecordError) as info:
        validate_record(data, "rec.yaml")
    return [issue.describe("rec.yaml") for issue in info.value.issues]


def test_contact_without_a_name_is_kept() -> None:
    contact = Contact(phone="+98 21 2243 2020")
    assert contact.name is None
    assert Contact(email="trials@example.org").email == "trials@example.org"


def test_contact_with_nothing_to_reach_is_refused(minimal_dict: dict[str, Any]) -> None:
    minimal_dict["contacts"] = [{"role": "CONTACT"}]
    assert any(
        "a contact needs a name, a phone number or an e-mail" in e for e in _errors(minimal_dict)
    )


def test_date_without_a_type() -> None:
    assert PartialDate(date="2020-06", type=None).type is None
    # A record that leaves the type out keeps meaning "actual", as before.
    assert PartialDate(date="2020-06").type is DateType.ACTUAL


def test_date_type_null_loads(minimal_dict: dict[str, Any]) -> None:
    minimal_dict["status"]["start"] = {"date": "2024-03", "type": None}
    minimal_dict["status"]["enrollment"] = {"count": 12, "type": None}
    record = validate_record(minimal_dict)
    assert record.status.start is not None and record.status.start.type is None
    assert record.status.enrollment is not None and record.status.enrollment.type is None


def test_unspecified_kind_loads_but_strict_lint_refuses_it(
    default_dict: dict[str, Any],
) -> None:
    default_dict["eligibility"]["criteria"][0]["kind"] = "UNSPECIFIED"
    record = validate_record(default_dict)
    assert record.eligibility.criteria[0].kind is CriterionKind.UNSPECIFIED
    problems = [p.describe("r") for p in lint_record(record)]
    assert any("eligibility.criteria[0].kind" in p and "not sorted" in p for p in problems)


def test_default_record_lint_has_no_unsorted_criterion(default_record: Any) -> None:
    assert not [p for p in lint_record(default_record) if "not sorted" in p.message]


def test_subgroup_group_and_notes(default_dict: dict[str, Any]) -> None:
    criterion = default_dict["eligibility"]["criteria"][0]
    criterion["subgroup"] = "For parent participants"
    criterion["group_rule"] = "Two of the following"
    criterion["options"] = ["Fever", "Cough", "Rash"]
    default_dict["eligibility"]["notes"] = ["Not all criteria are listed."]
    record = validate_record(default_dict)
    first = record.eligibility.criteria[0]
    assert (first.subgroup, first.group_rule) == ("For parent participants", "Two of the following")
    assert first.options == ("Fever", "Cough", "Rash")
    assert record.eligibility.notes == ("Not all criteria are listed.",)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"options": ["a", "b"]}, "needs a group_rule"),
        ({"group_rule": "Two of the following"}, "needs the options it counts"),
    ],
)
def test_group_needs_rule_and_options(
    default_dict: dict[str, Any], fields: dict[str, Any], words: str
) -> None:
    default_dict["eligibility"]["criteria"][0].update(fields)
    assert any(words in e for e in _errors(default_dict))


def test_observational_design_and_last_known_status(minimal_dict: dict[str, Any]) -> None:
    minimal_dict["status"].update(
        overall_status="UNKNOWN", last_known_status="RECRUITING", status_verified="2019-05"
    )
    minimal_dict["status"]["study_type"] = "OBSERVATIONAL"
    minimal_dict["design"] = {
        "observational_model": "COHORT",
        "time_perspective": "PROSPECTIVE",
        "bio_spec_retention": "SAMPLES_WITH_DNA",
        "bio_spec_description": "Whole blood",
    }
    minimal_dict["eligibility"].update(
        study_population="Adults seen at the clinic", sampling_method="NON_PROBABILITY_SAMPLE"
    )
    record = validate_record(minimal_dict)
    assert record.status.last_known_status is OverallStatus.RECRUITING
    assert record.status.status_verified == "2019-05"
    design = record.design
    assert design.observational_model is ObservationalModel.COHORT
    assert design.time_perspective is TimePerspective.PROSPECTIVE
    assert design.bio_spec_retention is BioSpecRetention.SAMPLES_WITH_DNA
    assert record.eligibility.sampling_method is SamplingMethod.NON_PROBABILITY_SAMPLE

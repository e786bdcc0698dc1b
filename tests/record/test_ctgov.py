"""Tests for app.record.ctgov: ClinicalTrials.gov v2 study JSON -> draft record -> YAML.

Fixtures (tests/data/ctgov/):

* NCT05703308.json: the default trial, shaped as the v2 API returns it, built from the
  seed registry page and REGISTRY-FACTS.md, with the full eligibility list (the two
  criteria the seed page lost restored). Its briefSummary is a paraphrase (the seed page
  lacks it); see the file's ``_fixtureNote``.
* NCT09999901.json: a synthetic RECRUITING PHASE2 drug trial with numbered criteria,
  nested bullets, Markdown escapes, month-precision dates, a central contact, two
  contacts at its first site (none at the second), primary, secondary and other
  outcomes, and a "1 Year" minimum age with no maximum.

The stopped variant (``stopped_study``) is NCT09999901 turned TERMINATED with a
``whyStopped`` reason, built in the test rather than kept as a third file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from app.record.ctgov import (
    DRAFT_CONTENT_VERSION,
    CtgovImportError,
    dump_record_yaml,
    import_study,
    split_criteria,
    study_to_record,
    unescape_markdown,
)
from app.record.enums import (
    AgeUnit,
    Allocation,
    ArmType,
    AssessedBy,
    BioSpecRetention,
    ContactRole,
    CriterionKind,
    DateType,
    InterventionType,
    Masking,
    ObservationalModel,
    OverallStatus,
    Phase,
    ReferenceType,
    SamplingMethod,
    Sex,
    StudyType,
    TimePerspective,
)
from app.record.load import parse_record, validate_record
from app.record.models import Contact, Outcome, Outcomes, TrialRecord

DATA = Path(__file__).resolve().parent.parent / "data" / "ctgov"
INC, EXC = CriterionKind.INCLUSION, CriterionKind.EXCLUSION
UNS = CriterionKind.UNSPECIFIED


def load_study(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def default_study() -> dict[str, Any]:
    return load_study("NCT05703308")


@pytest.fixture
def drug_study() -> dict[str, Any]:
    return load_study("NCT09999901")


#: A registry ``whyStopped`` with a colon (YAML must quote it) and surrounding spaces.
WHY_STOPPED = "Sponsor decision: enrollment was slower than planned (12 of 120 enrolled)"


@pytest.fixture
def stopped_study(drug_study: dict[str, Any]) -> dict[str, Any]:
    status = drug_study["protocolSection"]["statusModule"]
    status["overallStatus"] = "TERMINATED"
    status["whyStopped"] = f"  {WHY_STOPPED}\n"
    return drug_study


def round_trip(study: dict[str, Any]) -> TrialRecord:
    """study -> record dict -> YAML text -> the real record loader."""
    text = dump_record_yaml(study_to_record(study))
    return parse_record(text.encode("utf-8"), "<imported>")


def import_error(study: object) -> CtgovImportError:
    with pytest.raises(CtgovImportError) as info:
        study_to_record(study)  # type: ignore[arg-type]
    return info.value


# --- round trips -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["NCT05703308", "NCT09999901"])
def test_round_trip_validates(name: str) -> None:
    study = load_study(name)
    record = round_trip(study)
    assert record.identification.nct_id == name
    assert record.schema_version == 1
    assert record.content_version == DRAFT_CONTENT_VERSION
    assert record.languages == ("en",)
    assert record.patient is None
    assert record.questions == ()
    assert record.related_studies == ()
    assert all(c.plain is None for c in record.eligibility.criteria)
    assert all(c.assessed_by is AssessedBy.STUDY_TEAM for c in record.eligibility.criteria)
    # The dict itself is a valid record too (what the CLI validates before writing).
    assert validate_record(study_to_record(study)) == record


def test_default_trial_fields(default_study: dict[str, Any]) -> None:
    record = round_trip(default_study)
    ident = record.identification
    assert ident.org_study_id == "99008-1023"
    assert ident.brief_title == "Menstrual Blood Stem Cells in Poor Ovarian Responders"
    assert ident.official_title.startswith("Outcome of Pregnancy in Poor Ovarian Responders")
    status = record.status
    assert status.overall_status is OverallStatus.COMPLETED
    assert not record.enrolling
    assert status.phases == (Phase.PHASE3,)
    assert status.study_type is StudyType.INTERVENTIONAL
    assert status.enrollment is not None
    assert (status.enrollment.count, status.enrollment.type) == (180, DateType.ACTUAL)
    assert status.start is not None and status.start.date == "2020-06-21"
    assert status.primary_completion is not None
    assert status.primary_completion.date == "2021-09-22"
    assert status.completion is not None and status.completion.date == "2022-10-22"
    assert status.last_update_posted == "2023-01-30"
    assert status.results_posted is False
    assert record.sponsors.lead.name == "Avicenna Research Institute"
    assert record.conditions == ("Poor Ovarian Response", "Infertility, Female")
    assert "ICSI" in record.keywords
    assert record.design.allocation is Allocation.NON_RANDOMIZED
    assert record.design.masking is Masking.SINGLE
    assert [(a.label, a.type) for a in record.arms] == [
        ("MenSCs group", ArmType.EXPERIMENTAL),
        ("ICSI group", ArmType.NO_INTERVENTION),
    ]
    # "Biological: X" in interventionNames becomes the intervention's own name.
    assert record.arms[0].interventions == ("Autologous Menstrual Blood Stem Cells",)
    (intervention,) = record.interventions
    assert intervention.type is InterventionType.BIOLOGICAL
    assert intervention.arm_labels == ("MenSCs group",)
    assert intervention.description is not None and "150 μl" in intervention.description
    assert [o.measure for o in record.outcomes.primary] == [
        "Spontaneous pregnancy rate",
        "Pregnancy rate after ICSI",
    ]
    eligibility = record.eligibility
    assert eligibility.sex is Sex.FEMALE
    assert eligibility.healthy_volunteers is False
    assert eligibility.minimum_age is not None and eligibility.maximum_age is not None
    assert (eligibility.minimum_age.value, eligibility.minimum_age.unit) == (25, AgeUnit.YEARS)
    assert (eligibility.maximum_age.value, eligibility.maximum_age.unit) == (45, AgeUnit.YEARS)
    assert [i.name for i in record.investigators] == [
        "Simin Zafardoust, MD",
        "Somaieh Kazemnejad",
        "Mina Fathi Kazerooni, MD, PhD",
    ]
    assert [(loc.facility, loc.city, loc.country) for loc in record.locations] == [
        ("Avicenna Research Institute", "Tehran", "Iran")
    ]
    (reference,) = record.references
    assert reference.type is ReferenceType.DERIVED
    assert reference.doi == "10.1186/s13287-023-03568-1"
    assert reference.citation.endswith("doi: 10.1186/s13287-023-03568-1.")


def test_official_text_is_verbatim(default_study: dict[str, Any]) -> None:
    record = study_to_record(default_study)
    description = default_study["protocolSection"]["descriptionModule"]
    assert record["official"]["detailed_description"] == description["detailedDescription"]
    arm = default_study["protocolSection"]["armsInterventionsModule"]["armGroups"][0]
    assert record["arms"][0]["description"] == arm["description"]


def test_surrounding_whitespace_only_is_stripped(drug_study: dict[str, Any]) -> None:
    raw = drug_study["protocolSection"]["descriptionModule"]["briefSummary"]
    record = round_trip(drug_study)
    assert record.official.brief_summary == raw.strip()
    assert "\n" in record.official.brief_summary


# --- eligibility -------------------------------------------------------------------------


def test_default_trial_has_the_complete_criteria(default_study: dict[str, Any]) -> None:
    record = round_trip(default_study)
    criteria = record.eligibility.criteria
    kinds = [c.kind for c in criteria]
    assert kinds == [INC] * 15 + [EXC] * 2
    assert [c.id for c in criteria] == [f"inc_{i}" for i in range(1, 16)] + ["exc_1", "exc_2"]
    # The two items the seed page lost are there, in the registry's order.
    assert criteria[0].official.startswith("Serum AMH < 0.1 ng/ml")
    assert criteria[15].official.startswith("Positive history of hydrosalpinx")
    assert criteria[16].official == "Severe male factors of their husbands (count <15 million/ml)"
    assert criteria[14].official == "Negative history of a known autoimmune disorder."


def test_criteria_text_is_whole_and_everything_is_unescaped(
    default_study: dict[str, Any],
) -> None:
    raw = default_study["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]
    assert "\\<" in raw
    record = round_trip(default_study)
    # The whole text, as the registry page shows it: escapes gone, lines kept.
    assert record.eligibility.criteria_text == unescape_markdown(raw).strip()
    assert "\\" not in record.eligibility.criteria_text
    assert all("\\" not in c.official for c in record.eligibility.criteria)
    assert record.criterion("inc_2").official.startswith(
        "Antral follicular count (AFC) in both ovaries < 4 ("
    )


def test_numbered_nested_and_escaped_criteria(drug_study: dict[str, Any]) -> None:
    criteria = round_trip(drug_study).eligibility.criteria
    assert [(c.id, c.kind) for c in criteria] == [
        ("inc_1", INC),
        ("inc_2", INC),
        ("inc_3", INC),
        ("inc_4", INC),
        ("exc_1", EXC),
        ("exc_2", EXC),
        ("exc_3", EXC),
    ]
    assert criteria[1].official.endswith("(EASI score >= 16)")
    # Nested bullets stay with the criterion they qualify, one line each.
    assert criteria[2].official == (
        "Adequate organ function, defined as:\n"
        "* Absolute neutrophil count > 1.5 x 10^9/L\n"
        "* Platelets >= 100 x 10^9/L"
    )
    assert "*or*" in criteria[3].official


def test_ages_sex_and_volunteers(drug_study: dict[str, Any]) -> None:
    eligibility = round_trip(drug_study).eligibility
    assert eligibility.minimum_age is not None
    assert (eligibility.minimum_age.value, eligibility.minimum_age.unit) == (1, AgeUnit.YEARS)
    assert eligibility.maximum_age is None
    assert eligibility.sex is Sex.ALL


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("25 Years", 25, "YEARS"),
        ("1 Year", 1, "YEARS"),
        ("6 Months", 6, "MONTHS"),
        ("2 Weeks", 2, "WEEKS"),
        ("28 Days", 28, "DAYS"),
    ],
)
def test_age_units(drug_study: dict[str, Any], text: str, value: int, unit: str) -> None:
    drug_study["protocolSection"]["eligibilityModule"]["minimumAge"] = text
    assert study_to_record(drug_study)["eligibility"]["minimum_age"] == {
        "value": value,
        "unit": unit,
    }


# --- status, design, people --------------------------------------------------------------


def test_month_precision_dates_are_kept(drug_study: dict[str, Any]) -> None:
    record = round_trip(drug_study)
    assert record.status.start is not None
    assert (record.status.start.date, record.status.start.type) == ("2024-03", DateType.ACTUAL)
    assert record.status.primary_completion is not None
    assert record.status.primary_completion.date == "2026-09"
    assert record.status.primary_completion.type is DateType.ESTIMATED
    assert "date: 2024-03\n" in dump_record_yaml(study_to_record(drug_study))


def test_enum_mapping(drug_study: dict[str, Any]) -> None:
    record = round_trip(drug_study)
    assert record.status.overall_status is OverallStatus.RECRUITING
    assert record.enrolling
    assert record.status.phases == (Phase.PHASE2,)
    assert record.status.enrollment is not None
    assert record.status.enrollment.type is DateType.ESTIMATED
    assert record.design.allocation is Allocation.RANDOMIZED
    assert record.design.masking is Masking.DOUBLE
    assert [a.type for a in record.arms] == [ArmType.EXPERIMENTAL, ArmType.PLACEBO_COMPARATOR]
    assert [i.type for i in record.interventions] == [InterventionType.DRUG] * 2
    assert record.interventions[0].other_names == ("EXP101",)
    assert [loc.status for loc in record.locations] == [
        OverallStatus.RECRUITING,
        OverallStatus.NOT_YET_RECRUITING,
    ]
    assert record.sponsors.collaborators[0].agency_class.value == "NIH"
    assert record.identification.acronym == "EXPAND-AD"


def test_central_contact(drug_study: dict[str, Any]) -> None:
    (contact,) = round_trip(drug_study).contacts
    assert contact.name == "Study Information Desk"
    assert contact.role is ContactRole.CONTACT
    assert contact.phone == "555-0100 ext. 12"
    assert contact.email == "trials@example.org"


def test_location_contacts(drug_study: dict[str, Any]) -> None:
    first, second = round_trip(drug_study).locations
    assert first.contacts == (
        Contact(name="Site Coordinator", role=ContactRole.CONTACT, email="site@example.org"),
        Contact(
            name="Jordan Example, MD",
            role=ContactRole.PRINCIPAL_INVESTIGATOR,
            phone="555-0142 ext. 7",
        ),
    )
    assert second.contacts == ()
    text = dump_record_yaml(study_to_record(drug_study))
    assert (
        "    contacts:\n"
        "      - name: Site Coordinator\n"
        "        role: CONTACT\n"
        "        email: site@example.org\n"
    ) in text


def test_site_without_contacts_has_no_contacts_key(drug_study: dict[str, Any]) -> None:
    locations = study_to_record(drug_study)["locations"]
    assert "contacts" in locations[0]
    assert "contacts" not in locations[1]


def test_other_outcomes(drug_study: dict[str, Any]) -> None:
    outcomes = round_trip(drug_study).outcomes
    assert [o.measure for o in outcomes.secondary] == ["Number of participants with adverse events"]
    assert outcomes.other == (
        Outcome(
            measure="Change in itch score (Peak Pruritus NRS)",
            time_frame="Baseline to Week 16",
            description="Worst itch in the past 24 hours, 0 (none) to 10 (worst imaginable)",
        ),
        Outcome(
            measure="Trough plasma concentration of EXP-101",
            time_frame="Weeks 4, 8 and 16",
        ),
    )
    text = dump_record_yaml(study_to_record(drug_study))
    assert "  other:\n    - measure: Change in itch score (Peak Pruritus NRS)\n" in text


def test_no_other_outcomes_means_no_other_key(default_study: dict[str, Any]) -> None:
    assert "otherOutcomes" not in default_study["protocolSection"]["outcomesModule"]
    outcomes = study_to_record(default_study)["outcomes"]
    assert "other" not in outcomes
    assert round_trip(default_study).outcomes.other == ()


@pytest.mark.parametrize("status", ["TERMINATED", "SUSPENDED", "WITHDRAWN"])
def test_why_stopped_round_trip(stopped_study: dict[str, Any], status: str) -> None:
    stopped_study["protocolSection"]["statusModule"]["overallStatus"] = status
    record = round_trip(stopped_study)
    assert record.status.overall_status is OverallStatus(status)
    assert not record.enrolling
    # Verbatim apart from the surrounding whitespace.
    assert record.status.why_stopped == WHY_STOPPED
    assert validate_record(study_to_record(stopped_study)) == record


def test_why_stopped_follows_the_status_in_the_yaml(stopped_study: dict[str, Any]) -> None:
    text = dump_record_yaml(study_to_record(stopped_study))
    assert f"status:\n  overall_status: TERMINATED\n  why_stopped: '{WHY_STOPPED}'\n" in text
    assert yaml.safe_load(text)["status"]["why_stopped"] == WHY_STOPPED


@pytest.mark.parametrize("value", [None, "", "  \n "])
def test_absent_or_blank_why_stopped_is_left_out(
    stopped_study: dict[str, Any], value: str | None
) -> None:
    status = stopped_study["protocolSection"]["statusModule"]
    if value is None:
        del status["whyStopped"]
    else:
        status["whyStopped"] = value
    assert "why_stopped" not in study_to_record(stopped_study)["status"]
    assert round_trip(stopped_study).status.why_stopped is None


def test_recruiting_study_has_no_why_stopped(drug_study: dict[str, Any]) -> None:
    assert "why_stopped" not in dump_record_yaml(study_to_record(drug_study))


def test_official_title_falls_back_to_brief_title(drug_study: dict[str, Any]) -> None:
    assert "officialTitle" not in drug_study["protocolSection"]["identificationModule"]
    ident = round_trip(drug_study).identification
    assert ident.official_title == ident.brief_title


def test_missing_optional_modules_give_empty_fields(drug_study: dict[str, Any]) -> None:
    protocol = drug_study["protocolSection"]
    for module in (
        "armsInterventionsModule",
        "outcomesModule",
        "contactsLocationsModule",
        "conditionsModule",
    ):
        del protocol[module]
    del protocol["designModule"]["designInfo"]
    del drug_study["hasResults"]
    record = round_trip(drug_study)
    assert (record.arms, record.interventions, record.locations, record.contacts) == ((),) * 4
    assert record.outcomes == Outcomes()
    assert record.status.why_stopped is None
    assert record.design.allocation is None
    assert record.status.results_posted is False


# --- wrapper -----------------------------------------------------------------------------


def test_studies_wrapper_is_accepted(drug_study: dict[str, Any]) -> None:
    assert study_to_record({"studies": [drug_study]}) == study_to_record(drug_study)


def test_studies_wrapper_of_several_needs_nct(drug_study: dict[str, Any]) -> None:
    error = import_error({"studies": [drug_study, drug_study]})
    assert error.path == "studies"
    assert "holds 2 studies (NCT09999901, NCT09999901)" in error.message
    assert "--nct" in error.message
    assert "holds no study" in import_error({"studies": []}).message


def test_errors_inside_the_wrapper_name_the_full_path(drug_study: dict[str, Any]) -> None:
    drug_study["protocolSection"]["statusModule"]["overallStatus"] = "FOO"
    error = import_error({"studies": [drug_study]})
    assert error.path == "studies[0].protocolSection.statusModule.overallStatus"


# --- errors ------------------------------------------------------------------------------


def test_unknown_status_names_the_path(drug_study: dict[str, Any]) -> None:
    drug_study["protocolSection"]["statusModule"]["overallStatus"] = "FOO"
    error = import_error(drug_study)
    assert str(error) == "protocolSection.statusModule.overallStatus: 'FOO' is not a known status"
    assert error.path == "protocolSection.statusModule.overallStatus"


@pytest.mark.parametrize(
    ("edit", "path", "words"),
    [
        (
            lambda p: p["designModule"].__setitem__("phases", ["PHASE2", "PHASE9"]),
            "protocolSection.designModule.phases[1]",
            "'PHASE9' is not a known phase",
        ),
        (
            lambda p: p["armsInterventionsModule"]["armGroups"][1].__setitem__("type", "SHAM"),
            "protocolSection.armsInterventionsModule.armGroups[1].type",
            "'SHAM' is not a known arm type",
        ),
        (
            lambda p: p["armsInterventionsModule"]["interventions"][0].__setitem__("type", "Drug"),
            "protocolSection.armsInterventionsModule.interventions[0].type",
            "'Drug' is not a known intervention type",
        ),
        (
            lambda p: p["eligibilityModule"].__setitem__("sex", "BOTH"),
            "protocolSection.eligibilityModule.sex",
            "'BOTH' is not a known sex",
        ),
        (
            lambda p: p["designModule"]["designInfo"]["maskingInfo"].__setitem__("masking", 2),
            "protocolSection.designModule.designInfo.maskingInfo.masking",
            "2 is not a known masking",
        ),
        (
            lambda p: p["eligibilityModule"].__setitem__("minimumAge", "18 Moons"),
            "protocolSection.eligibilityModule.minimumAge",
            "'18 Moons' is not an age",
        ),
        (
            lambda p: p["statusModule"]["startDateStruct"].__setitem__("date", "March 2024"),
            "protocolSection.statusModule.startDateStruct.date",
            "'March 2024' is not a date",
        ),
        (
            lambda p: p["statusModule"]["startDateStruct"].__setitem__("date", "2024-02-30"),
            "protocolSection.statusModule.startDateStruct.date",
            "'2024-02-30' is not a date",
        ),
        (
            lambda p: p["eligibilityModule"].__setitem__("healthyVolunteers", "No"),
            "protocolSection.eligibilityModule.healthyVolunteers",
            "expected true or false",
        ),
        (
            lambda p: p["designModule"]["enrollmentInfo"].__setitem__("count", "120"),
            "protocolSection.designModule.enrollmentInfo.count",
            "is not a number of participants",
        ),
        (
            lambda p: p["contactsLocationsModule"].__setitem__("locations", {"facility": "X"}),
            "protocolSection.contactsLocationsModule.locations",
            "expected a list, found an object",
        ),
        (
            lambda p: p["statusModule"].__setitem__("whyStopped", ["Funding"]),
            "protocolSection.statusModule.whyStopped",
            "expected text, found a list",
        ),
        (
            lambda p: p["outcomesModule"]["otherOutcomes"][1].pop("measure"),
            "protocolSection.outcomesModule.otherOutcomes[1].measure",
            "this required field is missing",
        ),
        (
            lambda p: p["contactsLocationsModule"]["locations"][0]["contacts"][1].__setitem__(
                "role", "NURSE"
            ),
            "protocolSection.contactsLocationsModule.locations[0].contacts[1].role",
            "'NURSE' is not a known contact role",
        ),
        (
            lambda p: p["contactsLocationsModule"]["locations"][1].__setitem__("contacts", "X"),
            "protocolSection.contactsLocationsModule.locations[1].contacts",
            "expected a list, found text",
        ),
        (
            lambda p: p["identificationModule"].__setitem__("nctId", "NCT123"),
            "protocolSection.identificationModule.nctId",
            "'NCT123' is not a ClinicalTrials.gov id",
        ),
    ],
)
def test_bad_values_name_the_path(
    drug_study: dict[str, Any], edit: Any, path: str, words: str
) -> None:
    edit(drug_study["protocolSection"])
    error = import_error(drug_study)
    assert error.path == path
    assert str(error).startswith(f"{path}: ")
    assert words in error.message


@pytest.mark.parametrize(
    ("module", "field"),
    [
        ("identificationModule", "nctId"),
        ("identificationModule", "briefTitle"),
        ("eligibilityModule", "eligibilityCriteria"),
        ("descriptionModule", "briefSummary"),
        ("statusModule", "overallStatus"),
        ("designModule", "studyType"),
    ],
)
def test_missing_required_fields_name_the_path(
    default_study: dict[str, Any], module: str, field: str
) -> None:
    del default_study["protocolSection"][module][field]
    error = import_error(default_study)
    assert str(error) == f"protocolSection.{module}.{field}: this required field is missing"


def test_blank_required_text_counts_as_missing(default_study: dict[str, Any]) -> None:
    default_study["protocolSection"]["descriptionModule"]["briefSummary"] = "  \n "
    assert import_error(default_study).path == "protocolSection.descriptionModule.briefSummary"


def test_missing_module_names_the_field_inside_it(default_study: dict[str, Any]) -> None:
    del default_study["protocolSection"]["eligibilityModule"]
    error = import_error(default_study)
    assert error.path == "protocolSection.eligibilityModule.eligibilityCriteria"


def test_not_a_study() -> None:
    assert import_error([]).message.startswith("expected a ClinicalTrials.gov study object")
    error = import_error({"hasResults": False})
    assert error.message.startswith("7 required fields are missing: protocolSection.")


# --- split_criteria ----------------------------------------------------------------------


def test_split_without_headings_is_unspecified() -> None:
    assert split_criteria("- Adults\n- Able to give consent") == [
        (UNS, "Adults"),
        (UNS, "Able to give consent"),
    ]
    assert split_criteria("Healthy women aged 18 to 40 years.") == [
        (UNS, "Healthy women aged 18 to 40 years.")
    ]


def test_split_bullet_styles_and_headings() -> None:
    text = (
        "INCLUSION CRITERIA\n"
        "• Age \\>= 18\n"
        "1) Signed consent\n"
        "**Key Exclusion Criteria:**\n"
        "- Prior treatment with drug \\[X\\]\n"
        "10. Known allergy to \\*any\\* study drug\n"
    )
    assert split_criteria(text) == [
        (INC, "Age >= 18"),
        (INC, "Signed consent"),
        (EXC, "Prior treatment with drug [X]"),
        (EXC, "Known allergy to *any* study drug"),
    ]


def test_split_inline_heading_and_paragraphs() -> None:
    text = (
        "Inclusion Criteria: women with poor ovarian response\n\n"
        "Exclusion criteria for the control group:\n\n"
        "Participants who had any of the following:\n"
        "* Ovarian surgery\n"
        "  which removed ovarian tissue\n"
        "* Cancer"
    )
    # "Participants who had any of the following:" leads in to exclusions: no criterion.
    assert split_criteria(text) == [
        (INC, "women with poor ovarian response"),
        (EXC, "Ovarian surgery\nwhich removed ovarian tissue"),
        (EXC, "Cancer"),
    ]


def test_split_keeps_sentences_that_mention_criteria() -> None:
    text = "Inclusion criteria include women aged 18 to 40."
    assert split_criteria(text) == [(UNS, text)]


def test_split_empty_sections() -> None:
    assert split_criteria("Inclusion Criteria:\n\nExclusion Criteria:\n") == []


def test_unescape_markdown() -> None:
    assert unescape_markdown(r"count \<15 \> 3 \* \_x\_ a\\b") == r"count <15 > 3 * _x_ a\b"
    assert unescape_markdown(r"C:\path \d") == r"C:\path \d"


# --- YAML --------------------------------------------------------------------------------


def test_yaml_header_and_layout(default_study: dict[str, Any]) -> None:
    record = study_to_record(default_study)
    text = dump_record_yaml(record)
    header = text[: text.index("schema_version:")]
    assert header.strip().splitlines()[0].startswith("# Imported from ClinicalTrials.gov")
    assert "NCT05703308" in header
    assert "Persian" in header and "plain-language" in header and "questions" in header
    assert all(line.startswith("#") or not line for line in header.splitlines())
    # Key order is the record's order, not alphabetical.
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys == list(record)
    # Multi-line official text is a literal block; non-ASCII stays readable.
    assert "  criteria_text: |-\n    Inclusion Criteria:\n" in text
    assert "  detailed_description: |-\n" in text
    assert "150 μl" in text and "20×106" in text
    assert yaml.safe_load(text) == record


def test_yaml_one_line_text_is_not_folded(default_study: dict[str, Any]) -> None:
    record = study_to_record(default_study)
    text = dump_record_yaml(record)
    title = record["identification"]["official_title"]
    assert f"  official_title: {title}\n" in text


@given(st.text())
def test_yaml_round_trips_any_text(value: str) -> None:
    record = {"official": {"brief_summary": value, "lines": [value, value + "\n"]}}
    assert yaml.safe_load(dump_record_yaml(record)) == record


def test_hidden_characters_in_registry_text_are_dropped_on_import():
    """A zero-width space or direction mark pasted into the registry carries no words, and
    the validator refuses it in official text: the importer drops it."""
    from app.record.ctgov import study_to_record
    from app.record.load import validate_record

    study = json.loads((DATA / "NCT05703308.json").read_text(encoding="utf-8"))
    ident = study["protocolSection"]["identificationModule"]
    ident["briefTitle"] = "Menstrual\u200b Blood \u202eStem Cells\u200e"
    study["protocolSection"]["descriptionModule"]["briefSummary"] += "\u2066 end\u2069\x1b[31m"
    draft = study_to_record(study)
    assert draft["identification"]["brief_title"] == "Menstrual Blood Stem Cells"
    assert draft["official"]["brief_summary"].endswith(" end[31m")
    validate_record(draft)  # the draft's official text passes the character checks


# --- real-world gaps (issue 16) ----------------------------------------------------------


def test_every_imported_text_is_unescaped(drug_study: dict[str, Any]) -> None:
    protocol = drug_study["protocolSection"]
    protocol["descriptionModule"]["briefSummary"] = "Titers of \\<0.1 IU/ml\n\n* one\n* two"
    protocol["outcomesModule"]["primaryOutcomes"][0]["description"] = "Score \\>= 3 \\*"
    protocol["armsInterventionsModule"]["armGroups"][0]["description"] = "Dose \\[A\\]"
    protocol["armsInterventionsModule"]["interventions"][0]["description"] = "1\\. Pill"
    record = round_trip(drug_study)
    # Paragraphs and list lines stay; only the escapes go.
    assert record.official.brief_summary == "Titers of <0.1 IU/ml\n\n* one\n* two"
    assert record.outcomes.primary[0].description == "Score >= 3 *"
    assert record.arms[0].description == "Dose [A]"
    assert record.interventions[0].description == "1. Pill"


def test_title_character_reference_is_decoded(drug_study: dict[str, Any]) -> None:
    ident = drug_study["protocolSection"]["identificationModule"]
    ident["officialTitle"] = "A Study (RAINBO BLUE &Amp; TAPER)"
    assert round_trip(drug_study).identification.official_title == "A Study (RAINBO BLUE & TAPER)"


def test_contact_without_a_name_keeps_phone_and_email(drug_study: dict[str, Any]) -> None:
    places = drug_study["protocolSection"]["contactsLocationsModule"]
    del places["centralContacts"][0]["name"]
    del places["locations"][0]["contacts"][0]["name"]
    record = round_trip(drug_study)
    assert record.contacts[0].name is None
    assert record.contacts[0].phone == "555-0100 ext. 12"
    assert record.locations[0].contacts[0] == Contact(email="site@example.org")


def test_contact_with_nothing_is_left_out_and_reported(drug_study: dict[str, Any]) -> None:
    places = drug_study["protocolSection"]["contactsLocationsModule"]
    places["centralContacts"].append({"role": "CONTACT"})
    result = import_study(drug_study)
    assert len(result.record["contacts"]) == 1
    assert any(
        path.endswith("centralContacts[1]") and "without a name, phone or e-mail" in why
        for path, _count, why in result.report.left_out
    )


def test_date_without_type_is_type_not_given(drug_study: dict[str, Any]) -> None:
    status = drug_study["protocolSection"]["statusModule"]
    del status["startDateStruct"]["type"]
    del drug_study["protocolSection"]["designModule"]["enrollmentInfo"]["type"]
    record = round_trip(drug_study)
    assert record.status.start is not None
    assert (record.status.start.date, record.status.start.type) == ("2024-03", None)
    assert record.status.enrollment is not None and record.status.enrollment.type is None
    assert "start:\n    date: 2024-03\n    type: null\n" in dump_record_yaml(
        study_to_record(drug_study)
    )


def test_unknown_status_keeps_the_last_known_one(drug_study: dict[str, Any]) -> None:
    status = drug_study["protocolSection"]["statusModule"]
    status["overallStatus"] = "UNKNOWN"
    status["lastKnownStatus"] = "RECRUITING"
    result = import_study(drug_study)
    record = validate_record(result.record)
    assert record.status.last_known_status is OverallStatus.RECRUITING
    assert record.status.status_verified == status["statusVerifiedDate"]
    assert any("last known status RECRUITING" in line for line in result.report.decisions)


def test_observational_design(drug_study: dict[str, Any]) -> None:
    protocol = drug_study["protocolSection"]
    protocol["designModule"] = {
        "studyType": "OBSERVATIONAL",
        "patientRegistry": False,
        "designInfo": {"observationalModel": "CASE_CONTROL", "timePerspective": "PROSPECTIVE"},
        "bioSpec": {"retention": "SAMPLES_WITH_DNA", "description": "Whole blood \\(5 ml\\)"},
        "enrollmentInfo": {"count": 40, "type": "ESTIMATED"},
    }
    protocol["eligibilityModule"]["studyPopulation"] = "Adults seen at the clinic"
    protocol["eligibilityModule"]["samplingMethod"] = "NON_PROBABILITY_SAMPLE"
    result = import_study(drug_study)
    record = validate_record(result.record)
    design = record.design
    assert design.observational_model is ObservationalModel.CASE_CONTROL
    assert design.time_perspective is TimePerspective.PROSPECTIVE
    assert design.bio_spec_retention is BioSpecRetention.SAMPLES_WITH_DNA
    assert design.bio_spec_description == "Whole blood (5 ml)"
    assert record.eligibility.study_population == "Adults seen at the clinic"
    assert record.eligibility.sampling_method is SamplingMethod.NON_PROBABILITY_SAMPLE
    assert any(
        path == "protocolSection.designModule.patientRegistry"
        for path, _count, _why in result.report.left_out
    )


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        (
            {
                "type": "PRINCIPAL_INVESTIGATOR",
                "investigatorFullName": "Jane Roe",
                "investigatorTitle": "Professor",
                "investigatorAffiliation": "Example University",
            },
            "Jane Roe, Professor, Example University",
        ),
        ({"oldNameTitle": "Dr. John Doe", "oldOrganization": "Example Clinic"}, None),
        ({"type": "SPONSOR"}, "Example Pharma"),
    ],
)
def test_responsible_party(
    drug_study: dict[str, Any], party: dict[str, str], expected: str | None
) -> None:
    sponsors = drug_study["protocolSection"]["sponsorCollaboratorsModule"]
    sponsors["leadSponsor"]["name"] = "Example Pharma"
    sponsors["responsibleParty"] = party
    expected = expected or "Dr. John Doe, Example Clinic"
    assert round_trip(drug_study).sponsors.responsible_party == expected


def test_nothing_is_left_out_silently(default_study: dict[str, Any]) -> None:
    default_study["protocolSection"]["oversightModule"] = {"oversightHasDmc": True}
    default_study["protocolSection"]["statusModule"]["whatever"] = "x"
    left = {path: why for path, _count, why in import_study(default_study).report.left_out}
    assert left["protocolSection.oversightModule"] == "oversight and regulation facts are not shown"
    assert "protocolSection.statusModule.whatever" in left
    assert "derivedSection" in left
    # What the record does carry is not listed.
    assert not any(
        path.startswith("protocolSection.eligibilityModule.eligibilityC") for path in left
    )

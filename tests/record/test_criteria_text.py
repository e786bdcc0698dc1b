r"""Reading a registry eligibility text as CommonMark (app.record.criteria_text).

Minimal texts, one pattern each, as real registry entries write them: heading variants,
lead-ins, groups, sub-groups, notes, nested items, escapes, no headings at all.
"""

from __future__ import annotations

import pytest

from app.record.criteria_text import parse_criteria, split_criteria, unescape_markdown
from app.record.enums import CriterionKind

INC, EXC, UNS = CriterionKind.INCLUSION, CriterionKind.EXCLUSION, CriterionKind.UNSPECIFIED


@pytest.mark.parametrize(
    ("inclusion", "exclusion"),
    [
        ("Inclusion Criteria:", "Exclusion Criteria:"),
        ("Inclusion", "Exclusion"),
        ("INCLUSION CRITERIA", "EXCLUSION CRITERIA"),
        ("inclusion criteria:", "exclusion criteria:"),
        ("Key Inclusion Criteria:", "Key Exclusion Criteria:"),
        ("-INCLUSION CRITERIA:", "-EXCLUSION CRITERIA:"),
        ("Inclusion Criteria：", "Exclusion Criteria："),
        ("**Inclusion Criteria**", "**Exclusion Criteria**"),
        ("**Inclusion Criteria:**", "**Exclusion Criteria**:"),
        ("## Inclusion Criteria", "## Exclusion Criteria"),
        ("Inclusion criteria\n------------------", "Exclusion criteria\n------------------"),
        ("Inclusion:", "Exclusion:"),
        ("Criteria for inclusion:", "Criteria for exclusion:"),
    ],
)
def test_heading_variants(inclusion: str, exclusion: str) -> None:
    text = f"{inclusion}\n\n* Adults\n* Consent given\n\n{exclusion}\n\n* Pregnant\n"
    assert split_criteria(text) == [(INC, "Adults"), (INC, "Consent given"), (EXC, "Pregnant")]


def test_heading_directly_above_items_without_blank_lines() -> None:
    # CommonMark would fold the heading into the item above it (lazy continuation).
    text = "Inclusion Criteria:\n* Adults\nExclusion Criteria:\n* Pregnant"
    assert split_criteria(text) == [(INC, "Adults"), (EXC, "Pregnant")]


def test_eligibility_heading_is_neutral() -> None:
    parsed = parse_criteria("Eligibility criteria:\n\nInclusion Criteria:\n\n* Adults")
    assert [(c.kind, c.official) for c in parsed.criteria] == [(INC, "Adults")]
    assert parsed.neutral_headings == ["Eligibility criteria:"]


def test_no_headings_is_unspecified() -> None:
    parsed = parse_criteria("* Adults\n* Consent given")
    assert [c.kind for c in parsed.criteria] == [UNS, UNS]
    assert not parsed.has_headings


def test_items_before_an_exclusion_heading_are_inclusion() -> None:
    parsed = parse_criteria("* Adults\n\nExclusion Criteria:\n\n* Pregnant")
    assert [(c.kind, c.official) for c in parsed.criteria] == [(INC, "Adults"), (EXC, "Pregnant")]
    assert parsed.implied == 1


def test_lead_ins_are_not_criteria() -> None:
    text = (
        "Inclusion Criteria:\n\nParticipants must meet all of the following:\n\n* Adults\n\n"
        "Exclusion Criteria:\n\nSubjects who meet any of the following will be excluded:\n\n"
        "* Pregnant\n* Allergic to the study drug"
    )
    parsed = parse_criteria(text)
    assert [(c.kind, c.official) for c in parsed.criteria] == [
        (INC, "Adults"),
        (EXC, "Pregnant"),
        (EXC, "Allergic to the study drug"),
    ]
    assert parsed.lead_ins == [
        "Participants must meet all of the following:",
        "Subjects who meet any of the following will be excluded:",
    ]


def test_paragraph_group_is_one_criterion() -> None:
    text = "Inclusion Criteria:\n\n* Adults\n\nTwo of the following:\n\n* Fever\n* Cough\n* Rash"
    adults, group = parse_criteria(text).criteria
    assert adults.official == "Adults"
    assert group.kind is INC
    assert group.group_rule == "Two of the following"
    assert group.options == ["Fever", "Cough", "Rash"]
    assert group.official == "Two of the following:\n* Fever\n* Cough\n* Rash"


@pytest.mark.parametrize(
    "rule",
    [
        "At least one of the following",
        "Any of the following",
        "One or more of the following",
        "Meets at least 2 of these criteria",
        "Either of the following",
    ],
)
def test_nested_group_is_one_criterion(rule: str) -> None:
    text = f"Inclusion Criteria:\n\n* {rule}:\n\n  * Fever\n  * Cough\n* Adults"
    group, adults = parse_criteria(text).criteria
    assert (group.group_rule, group.options) == (rule, ["Fever", "Cough"])
    assert adults.official == "Adults" and adults.group_rule is None


def test_any_of_the_following_in_exclusion_is_a_lead_in() -> None:
    # Each item excludes on its own: separate criteria, not a group.
    text = "Exclusion Criteria:\n\nAny of the following:\n\n* Pregnant\n* Allergy"
    parsed = parse_criteria(text)
    assert [(c.kind, c.official, c.group_rule) for c in parsed.criteria] == [
        (EXC, "Pregnant", None),
        (EXC, "Allergy", None),
    ]
    # Two of them together, though, is one rule.
    text = "Exclusion Criteria:\n\nTwo of the following:\n\n* Smoker\n* Obese"
    (group,) = parse_criteria(text).criteria
    assert group.options == ["Smoker", "Obese"]


def test_subgroups() -> None:
    text = (
        "Inclusion Criteria:\n\nFor parent participants:\n\n* Parent of a child in the study\n\n"
        "**Cohort B only**\n\n* Prior treatment\n\n"
        "Exclusion Criteria:\n\n* Pregnant"
    )
    criteria = parse_criteria(text).criteria
    assert [(c.kind, c.subgroup) for c in criteria] == [
        (INC, "For parent participants"),
        (INC, "Cohort B only"),
        (EXC, None),
    ]


def test_heading_with_a_qualifier_gives_the_subgroup() -> None:
    (criterion,) = parse_criteria("Inclusion Criteria for Part B:\n\n* Adults").criteria
    assert (criterion.kind, criterion.subgroup) == (INC, "Part B")
    (criterion,) = parse_criteria("Exclusion Criteria (Healthy Volunteers):\n\n* X").criteria
    assert (criterion.kind, criterion.subgroup) == (EXC, "Healthy Volunteers")


def test_notes_are_kept_apart() -> None:
    text = (
        "Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n* Pregnant\n"
        "* Other protocol-defined inclusion/exclusion criteria may apply\n\n"
        "Note: not all inclusion/exclusion criteria are listed"
    )
    parsed = parse_criteria(text)
    assert [c.official for c in parsed.criteria] == ["Adults", "Pregnant"]
    assert parsed.notes == [
        "Other protocol-defined inclusion/exclusion criteria may apply",
        "Note: not all inclusion/exclusion criteria are listed",
    ]


def test_note_right_under_an_item_is_not_folded_into_it() -> None:
    parsed = parse_criteria("Inclusion Criteria:\n\n* Adults\nNote: some criteria are not listed")
    assert [c.official for c in parsed.criteria] == ["Adults"]
    assert parsed.notes == ["Note: some criteria are not listed"]


def test_nested_items_stay_with_their_parent() -> None:
    text = (
        "Inclusion Criteria:\n\n"
        "1. Adequate organ function, defined as:\n\n"
        "   * Neutrophils \\> 1.5\n"
        "   * Platelets \\>= 100\n"
        "2. Consent"
    )
    assert split_criteria(text) == [
        (INC, "Adequate organ function, defined as:\n* Neutrophils > 1.5\n* Platelets >= 100"),
        (INC, "Consent"),
    ]


def test_parent_paragraph_keeps_its_list() -> None:
    # A colon sentence that is neither a lead-in nor a sub-group keeps its items.
    text = "Inclusion Criteria:\n\nConfirmed disease, defined as:\n\n* Biopsy\n* Scan"
    assert split_criteria(text) == [(INC, "Confirmed disease, defined as:\n* Biopsy\n* Scan")]


def test_bullet_glyphs_and_numbers() -> None:
    text = "Inclusion Criteria:\n\n• Adults\n• Consent\n\nExclusion Criteria:\n1) Pregnant\n2) Ill"
    assert split_criteria(text) == [
        (INC, "Adults"),
        (INC, "Consent"),
        (EXC, "Pregnant"),
        (EXC, "Ill"),
    ]


def test_numbered_items_after_a_paragraph() -> None:
    # An ordered list not starting at 1 cannot interrupt a CommonMark paragraph.
    text = "Exclusion Criteria:\n\nTwo of the following:\n3. Smoker\n4. Obese"
    (group,) = parse_criteria(text).criteria
    assert group.options == ["Smoker", "Obese"]


def test_escapes_are_undone() -> None:
    text = r"Inclusion Criteria:" + "\n\n" + r"* AMH \< 0.1 ng/ml \[fasting\], \*not\* \_x\_"
    assert split_criteria(text) == [(INC, "AMH < 0.1 ng/ml [fasting], *not* _x_")]
    assert unescape_markdown(r"C:\path \d") == r"C:\path \d"


def test_empty_and_heading_only_texts() -> None:
    assert split_criteria("") == []
    assert split_criteria("Inclusion Criteria:\n\nExclusion Criteria:\n") == []

"""Plain-language names of the record's enum values, as interface messages.

The record stores the registry's codes (``COMPLETED``, ``PHASE3``); what a patient or
counselor reads is the short label and, for the less obvious codes, a one-line
explanation::

    from app.i18n.enums import enum_explanation, enum_label

    status.setText(enum_label(record.status.overall_status))
    for phase in record.status.phases:
        add_row(enum_label(phase), enum_explanation(phase))

The texts are gettext messages marked with :func:`~app.i18n.N_` so Babel extracts
them; they are translated when asked for, in the current language or the one given.
Tables are keyed by enum class, since members of different enums share values
(``ArmType.OTHER == PrimaryPurpose.OTHER``).
"""

from __future__ import annotations

from enum import StrEnum

from app.i18n import N_, translation
from app.i18n import _ as _translate
from app.record.enums import (
    AgencyClass,
    AgeUnit,
    Allocation,
    ArmType,
    AssessedBy,
    BioSpecRetention,
    ContactRole,
    CriterionKind,
    DateType,
    InterventionModel,
    InterventionType,
    Masking,
    ObservationalModel,
    OfficialRole,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    ReferenceType,
    SamplingMethod,
    Sex,
    StudyType,
    TextSource,
    TimePerspective,
    Verdict,
)

__all__ = ["LABELED_ENUMS", "enum_explanation", "enum_label"]

_LABELS: dict[type[StrEnum], dict[str, str]] = {
    OverallStatus: {
        OverallStatus.ACTIVE_NOT_RECRUITING: N_("Under way: not taking new people"),
        OverallStatus.COMPLETED: N_("Completed: no longer taking new people"),
        OverallStatus.ENROLLING_BY_INVITATION: N_("Taking new people by invitation only"),
        OverallStatus.NOT_YET_RECRUITING: N_("Not open yet: will start taking people later"),
        OverallStatus.RECRUITING: N_("Recruiting: taking new people now"),
        OverallStatus.SUSPENDED: N_("Paused: not taking new people for now"),
        OverallStatus.TERMINATED: N_("Stopped early: not taking new people"),
        OverallStatus.WITHDRAWN: N_("Withdrawn: stopped before anyone took part"),
        OverallStatus.AVAILABLE: N_("Available: the treatment can be asked for"),
        OverallStatus.NO_LONGER_AVAILABLE: N_("No longer available"),
        OverallStatus.TEMPORARILY_NOT_AVAILABLE: N_("Not available for now"),
        OverallStatus.APPROVED_FOR_MARKETING: N_("Approved: now sold as a regular treatment"),
        OverallStatus.WITHHELD: N_("Status not made public"),
        OverallStatus.UNKNOWN: N_("Status unknown: not confirmed recently"),
    },
    Phase: {
        Phase.NA: N_("No phase"),
        Phase.EARLY_PHASE1: N_("Early phase 1"),
        Phase.PHASE1: N_("Phase 1"),
        Phase.PHASE2: N_("Phase 2"),
        Phase.PHASE3: N_("Phase 3"),
        Phase.PHASE4: N_("Phase 4"),
    },
    StudyType: {
        StudyType.INTERVENTIONAL: N_("Treatment study"),
        StudyType.OBSERVATIONAL: N_("Observational study"),
        StudyType.EXPANDED_ACCESS: N_("Expanded access"),
    },
    DateType: {
        DateType.ACTUAL: N_("Actual"),
        DateType.ESTIMATED: N_("Estimated (may change)"),
    },
    AgencyClass: {
        AgencyClass.NIH: N_("US National Institutes of Health"),
        AgencyClass.FED: N_("US government agency"),
        AgencyClass.OTHER_GOV: N_("Government agency"),
        AgencyClass.INDIV: N_("An individual"),
        AgencyClass.INDUSTRY: N_("A company"),
        AgencyClass.NETWORK: N_("A research network"),
        AgencyClass.AMBIG: N_("Not clear"),
        AgencyClass.OTHER: N_("Another organisation, such as a university or hospital"),
        AgencyClass.UNKNOWN: N_("Not known"),
    },
    Allocation: {
        Allocation.RANDOMIZED: N_("Randomised"),
        Allocation.NON_RANDOMIZED: N_("Not randomised"),
        Allocation.NA: N_("Does not apply"),
    },
    InterventionModel: {
        InterventionModel.SINGLE_GROUP: N_("One group"),
        InterventionModel.PARALLEL: N_("Parallel groups"),
        InterventionModel.CROSSOVER: N_("Crossover"),
        InterventionModel.FACTORIAL: N_("Factorial"),
        InterventionModel.SEQUENTIAL: N_("One group after another"),
    },
    PrimaryPurpose: {
        PrimaryPurpose.TREATMENT: N_("To treat a condition"),
        PrimaryPurpose.PREVENTION: N_("To prevent a condition"),
        PrimaryPurpose.DIAGNOSTIC: N_("To find a better way to diagnose"),
        PrimaryPurpose.ECT: N_("Education, counselling or training"),
        PrimaryPurpose.SUPPORTIVE_CARE: N_("To improve comfort and quality of life"),
        PrimaryPurpose.SCREENING: N_("To find a condition early"),
        PrimaryPurpose.HEALTH_SERVICES_RESEARCH: N_("To improve how care is given"),
        PrimaryPurpose.BASIC_SCIENCE: N_("To understand how the body or a treatment works"),
        PrimaryPurpose.DEVICE_FEASIBILITY: N_("To try out a new medical device"),
        PrimaryPurpose.OTHER: N_("Another purpose"),
    },
    Masking: {
        Masking.NONE: N_("Open: everyone knows"),
        Masking.SINGLE: N_("Single-blind"),
        Masking.DOUBLE: N_("Double-blind"),
        Masking.TRIPLE: N_("Triple-blind"),
        Masking.QUADRUPLE: N_("Quadruple-blind"),
    },
    ArmType: {
        ArmType.EXPERIMENTAL: N_("Group trying the new treatment"),
        ArmType.ACTIVE_COMPARATOR: N_("Group getting an existing treatment, for comparison"),
        ArmType.PLACEBO_COMPARATOR: N_("Group getting a placebo"),
        ArmType.SHAM_COMPARATOR: N_("Group getting a sham procedure"),
        ArmType.NO_INTERVENTION: N_("Group getting no study treatment"),
        ArmType.OTHER: N_("Another group"),
    },
    InterventionType: {
        InterventionType.BEHAVIORAL: N_("Behaviour or lifestyle change"),
        InterventionType.BIOLOGICAL: N_("Biological product, such as a vaccine or blood product"),
        InterventionType.COMBINATION_PRODUCT: N_(
            "Combined product, such as a medicine in a device"
        ),
        InterventionType.DEVICE: N_("Medical device"),
        InterventionType.DIAGNOSTIC_TEST: N_("Diagnostic test"),
        InterventionType.DIETARY_SUPPLEMENT: N_("Dietary supplement"),
        InterventionType.DRUG: N_("Medicine"),
        InterventionType.GENETIC: N_("Genetic treatment or test"),
        InterventionType.PROCEDURE: N_("Procedure, such as surgery or a laboratory technique"),
        InterventionType.RADIATION: N_("Radiation treatment"),
        InterventionType.OTHER: N_("Another kind of treatment"),
    },
    Sex: {
        Sex.FEMALE: N_("Women"),
        Sex.MALE: N_("Men"),
        Sex.ALL: N_("Women and men"),
    },
    AgeUnit: {
        AgeUnit.YEARS: N_("Years"),
        AgeUnit.MONTHS: N_("Months"),
        AgeUnit.WEEKS: N_("Weeks"),
        AgeUnit.DAYS: N_("Days"),
        AgeUnit.HOURS: N_("Hours"),
        AgeUnit.MINUTES: N_("Minutes"),
    },
    OfficialRole: {
        OfficialRole.STUDY_CHAIR: N_("Study chair"),
        OfficialRole.STUDY_DIRECTOR: N_("Study director"),
        OfficialRole.PRINCIPAL_INVESTIGATOR: N_("Lead researcher"),
        OfficialRole.SUB_INVESTIGATOR: N_("Researcher on the study team"),
    },
    ContactRole: {
        ContactRole.CONTACT: N_("Contact person"),
        ContactRole.STUDY_CHAIR: N_("Study chair"),
        ContactRole.STUDY_DIRECTOR: N_("Study director"),
        ContactRole.PRINCIPAL_INVESTIGATOR: N_("Lead researcher"),
        ContactRole.SUB_INVESTIGATOR: N_("Researcher on the study team"),
    },
    ReferenceType: {
        ReferenceType.BACKGROUND: N_("Background reading"),
        ReferenceType.RESULT: N_("Results of this study"),
        ReferenceType.DERIVED: N_("Linked automatically by the registry"),
    },
    CriterionKind: {
        CriterionKind.INCLUSION: N_("Needed to take part"),
        CriterionKind.EXCLUSION: N_("Rules out taking part"),
        CriterionKind.UNSPECIFIED: N_("Not yet sorted as needed or ruling out"),
    },
    ObservationalModel: {
        ObservationalModel.COHORT: N_("Cohort: follows a group of people over time"),
        ObservationalModel.CASE_CONTROL: N_("Case-control: compares people with and without"),
        ObservationalModel.CASE_ONLY: N_("Case-only: studies people who have the condition"),
        ObservationalModel.CASE_CROSSOVER: N_("Case-crossover: compares times within a person"),
        ObservationalModel.ECOLOGIC_OR_COMMUNITY: N_("Community: studies whole groups or places"),
        ObservationalModel.FAMILY_BASED: N_("Family-based: studies relatives"),
        ObservationalModel.DEFINED_POPULATION: N_("Defined population: one set group of people"),
        ObservationalModel.NATURAL_HISTORY: N_("Natural history: how a condition develops"),
        ObservationalModel.OTHER: N_("Another kind of observational study"),
    },
    TimePerspective: {
        TimePerspective.RETROSPECTIVE: N_("Looks back at past records"),
        TimePerspective.PROSPECTIVE: N_("Follows people from now on"),
        TimePerspective.CROSS_SECTIONAL: N_("Looks at one point in time"),
        TimePerspective.OTHER: N_("Another time frame"),
    },
    BioSpecRetention: {
        BioSpecRetention.NONE_RETAINED: N_("No samples are kept"),
        BioSpecRetention.SAMPLES_WITH_DNA: N_("Samples are kept, with DNA"),
        BioSpecRetention.SAMPLES_WITHOUT_DNA: N_("Samples are kept, without DNA"),
    },
    SamplingMethod: {
        SamplingMethod.PROBABILITY_SAMPLE: N_("People chosen by chance"),
        SamplingMethod.NON_PROBABILITY_SAMPLE: N_("People not chosen by chance"),
    },
    AssessedBy: {
        AssessedBy.PATIENT: N_("You can answer this"),
        AssessedBy.STUDY_TEAM: N_("The study team will check this"),
    },
    Verdict: {
        Verdict.MET: N_("Fits"),
        Verdict.NOT_MET: N_("Does not fit"),
        Verdict.UNKNOWN: N_("Not known yet"),
    },
    TextSource: {
        TextSource.VERBATIM: N_("Word for word from the registry page"),
        TextSource.REGISTRY_ENTRY: N_("From the public registry entry"),
        TextSource.STAND_IN: N_("A stand-in from another part of the registry entry"),
        TextSource.RECONSTRUCTED: N_("Not word for word: rebuilt from public copies"),
    },
}

_EXPLANATIONS: dict[type[StrEnum], dict[str, str]] = {
    Phase: {
        Phase.NA: N_(
            "This kind of study has no phase, for example a study of a device or a way of care."
        ),
        Phase.EARLY_PHASE1: N_(
            "A first, very small test in people, with very small doses, before phase 1."
        ),
        Phase.PHASE1: N_(
            "Tests a new treatment in a small group for the first time, "
            "mainly to check that it is safe and to find the right dose."
        ),
        Phase.PHASE2: N_(
            "Tests a treatment in more people, to see if it works and to learn more "
            "about its safety."
        ),
        Phase.PHASE3: N_(
            "Tests a treatment in a larger group, to see if it works better than usual care."
        ),
        Phase.PHASE4: N_(
            "Studies a treatment that is already approved, to learn more about its "
            "benefits and risks over a longer time."
        ),
    },
    StudyType: {
        StudyType.INTERVENTIONAL: N_(
            "People in the study receive a treatment or procedure, so researchers can "
            "study its effects."
        ),
        StudyType.OBSERVATIONAL: N_(
            "Researchers watch and measure; the study does not change anyone's care."
        ),
        StudyType.EXPANDED_ACCESS: N_(
            "A way for patients to get a treatment still being tested, outside a trial."
        ),
    },
    Allocation: {
        Allocation.RANDOMIZED: N_(
            "Chance, like a coin toss, decides which group each person is in. "
            "Neither you nor your doctor chooses."
        ),
        Allocation.NON_RANDOMIZED: N_("The groups are not chosen by chance."),
        Allocation.NA: N_("There is only one group, so nobody is put into groups."),
    },
    InterventionModel: {
        InterventionModel.SINGLE_GROUP: N_("Everyone in the study gets the same treatment."),
        InterventionModel.PARALLEL: N_(
            "People are split into groups, and each group gets a different treatment "
            "at the same time."
        ),
        InterventionModel.CROSSOVER: N_(
            "Each person gets one treatment and later switches to the other."
        ),
        InterventionModel.FACTORIAL: N_(
            "Tests two or more treatments at once, alone and together."
        ),
        InterventionModel.SEQUENTIAL: N_(
            "Groups start one after another, often with a higher dose for each new group."
        ),
    },
    Masking: {
        Masking.NONE: N_("Everyone knows which treatment each person gets."),
        Masking.SINGLE: N_(
            "One side, usually the people taking part, does not know who gets which treatment."
        ),
        Masking.DOUBLE: N_(
            "Two sides, usually the people taking part and their doctors, do not know "
            "who gets which treatment."
        ),
        Masking.TRIPLE: N_(
            "Three sides, for example the people taking part, their doctors and the "
            "researchers, do not know who gets which treatment."
        ),
        Masking.QUADRUPLE: N_(
            "Four sides, including the people taking part, their doctors and those who "
            "judge the results, do not know who gets which treatment."
        ),
    },
    ArmType: {
        ArmType.PLACEBO_COMPARATOR: N_(
            "A placebo looks like the treatment but has no active medicine in it."
        ),
        ArmType.SHAM_COMPARATOR: N_(
            "A sham procedure looks like the real one but leaves out the part being tested."
        ),
    },
}

#: Every enum that has plain-language labels (a test demands a label for each member).
LABELED_ENUMS: tuple[type[StrEnum], ...] = tuple(_LABELS)


def enum_label(value: StrEnum, lang: str | None = None) -> str:
    """The short plain-language name of an enum value.

    Args:
        value: A member of one of :data:`LABELED_ENUMS`.
        lang: The language; the current interface language when ``None``.

    Returns:
        The translated label, for example ``"Completed: no longer taking new people"``.

    Raises:
        KeyError: ``value`` belongs to an enum without labels.
    """
    message = _LABELS[type(value)][value]
    return _translate(message) if lang is None else translation(lang).gettext(message)


def enum_explanation(value: StrEnum, lang: str | None = None) -> str | None:
    """A one-line plain explanation of an enum value, where one helps.

    Phases, study types, allocation, intervention models, masking, placebo and sham
    groups have one; a value whose label says it all gives ``None``.

    Args:
        value: An enum member.
        lang: The language; the current interface language when ``None``.

    Returns:
        The translated explanation, or ``None``.
    """
    message = _EXPLANATIONS.get(type(value), {}).get(value)
    if message is None:
        return None
    return _translate(message) if lang is None else translation(lang).gettext(message)

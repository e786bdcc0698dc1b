"""Enumerations of the record, with ClinicalTrials.gov API v2 values where the registry has them.

The values are the registry's own spellings (``COMPLETED``, ``PHASE3``, ...), so a record
imported from the registry keeps them verbatim. Plain-language names for them live in
the interface catalogs (``app.i18n.enums``), not here: models hold ids, never prose.
"""

from __future__ import annotations

from enum import StrEnum


class OverallStatus(StrEnum):
    """Recruitment status of the whole study (``protocolSection.statusModule.overallStatus``)."""

    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    COMPLETED = "COMPLETED"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    WITHDRAWN = "WITHDRAWN"
    AVAILABLE = "AVAILABLE"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING"
    WITHHELD = "WITHHELD"
    UNKNOWN = "UNKNOWN"

    @property
    def enrolling(self) -> bool:
        """Whether a new participant can join now (or by invitation)."""
        return self in {
            OverallStatus.RECRUITING,
            OverallStatus.ENROLLING_BY_INVITATION,
            OverallStatus.AVAILABLE,
        }


class Phase(StrEnum):
    """Trial phase (``designModule.phases``)."""

    NA = "NA"
    EARLY_PHASE1 = "EARLY_PHASE1"
    PHASE1 = "PHASE1"
    PHASE2 = "PHASE2"
    PHASE3 = "PHASE3"
    PHASE4 = "PHASE4"


class StudyType(StrEnum):
    """Kind of study (``designModule.studyType``)."""

    INTERVENTIONAL = "INTERVENTIONAL"
    OBSERVATIONAL = "OBSERVATIONAL"
    EXPANDED_ACCESS = "EXPANDED_ACCESS"


class DateType(StrEnum):
    """Whether a date has happened or is planned.

    Some registry entries give a date with no type at all; the record then holds
    ``type: null`` ("type not given") and screens show the date alone.
    """

    ACTUAL = "ACTUAL"
    ESTIMATED = "ESTIMATED"


class ObservationalModel(StrEnum):
    """Shape of an observational study (``designInfo.observationalModel``)."""

    COHORT = "COHORT"
    CASE_CONTROL = "CASE_CONTROL"
    CASE_ONLY = "CASE_ONLY"
    CASE_CROSSOVER = "CASE_CROSSOVER"
    ECOLOGIC_OR_COMMUNITY = "ECOLOGIC_OR_COMMUNITY"
    FAMILY_BASED = "FAMILY_BASED"
    DEFINED_POPULATION = "DEFINED_POPULATION"
    NATURAL_HISTORY = "NATURAL_HISTORY"
    OTHER = "OTHER"


class TimePerspective(StrEnum):
    """When an observational study looks at its data (``designInfo.timePerspective``)."""

    RETROSPECTIVE = "RETROSPECTIVE"
    PROSPECTIVE = "PROSPECTIVE"
    CROSS_SECTIONAL = "CROSS_SECTIONAL"
    OTHER = "OTHER"


class BioSpecRetention(StrEnum):
    """Whether an observational study keeps samples (``designModule.bioSpec.retention``)."""

    NONE_RETAINED = "NONE_RETAINED"
    SAMPLES_WITH_DNA = "SAMPLES_WITH_DNA"
    SAMPLES_WITHOUT_DNA = "SAMPLES_WITHOUT_DNA"


class SamplingMethod(StrEnum):
    """How an observational study chooses people (``eligibilityModule.samplingMethod``)."""

    PROBABILITY_SAMPLE = "PROBABILITY_SAMPLE"
    NON_PROBABILITY_SAMPLE = "NON_PROBABILITY_SAMPLE"


class AgencyClass(StrEnum):
    """Kind of organisation funding the study."""

    NIH = "NIH"
    FED = "FED"
    OTHER_GOV = "OTHER_GOV"
    INDIV = "INDIV"
    INDUSTRY = "INDUSTRY"
    NETWORK = "NETWORK"
    AMBIG = "AMBIG"
    OTHER = "OTHER"
    UNKNOWN = "UNKNOWN"


class Allocation(StrEnum):
    """How participants are put into groups."""

    RANDOMIZED = "RANDOMIZED"
    NON_RANDOMIZED = "NON_RANDOMIZED"
    NA = "NA"


class InterventionModel(StrEnum):
    """Shape of an interventional study (``designInfo.interventionModel``)."""

    SINGLE_GROUP = "SINGLE_GROUP"
    PARALLEL = "PARALLEL"
    CROSSOVER = "CROSSOVER"
    FACTORIAL = "FACTORIAL"
    SEQUENTIAL = "SEQUENTIAL"


class PrimaryPurpose(StrEnum):
    """Main reason for the study."""

    TREATMENT = "TREATMENT"
    PREVENTION = "PREVENTION"
    DIAGNOSTIC = "DIAGNOSTIC"
    ECT = "ECT"
    SUPPORTIVE_CARE = "SUPPORTIVE_CARE"
    SCREENING = "SCREENING"
    HEALTH_SERVICES_RESEARCH = "HEALTH_SERVICES_RESEARCH"
    BASIC_SCIENCE = "BASIC_SCIENCE"
    DEVICE_FEASIBILITY = "DEVICE_FEASIBILITY"
    OTHER = "OTHER"


class Masking(StrEnum):
    """Who does not know which group a participant is in."""

    NONE = "NONE"
    SINGLE = "SINGLE"
    DOUBLE = "DOUBLE"
    TRIPLE = "TRIPLE"
    QUADRUPLE = "QUADRUPLE"


class ArmType(StrEnum):
    """Kind of study group."""

    EXPERIMENTAL = "EXPERIMENTAL"
    ACTIVE_COMPARATOR = "ACTIVE_COMPARATOR"
    PLACEBO_COMPARATOR = "PLACEBO_COMPARATOR"
    SHAM_COMPARATOR = "SHAM_COMPARATOR"
    NO_INTERVENTION = "NO_INTERVENTION"
    OTHER = "OTHER"


class InterventionType(StrEnum):
    """Kind of treatment or action being studied."""

    BEHAVIORAL = "BEHAVIORAL"
    BIOLOGICAL = "BIOLOGICAL"
    COMBINATION_PRODUCT = "COMBINATION_PRODUCT"
    DEVICE = "DEVICE"
    DIAGNOSTIC_TEST = "DIAGNOSTIC_TEST"
    DIETARY_SUPPLEMENT = "DIETARY_SUPPLEMENT"
    DRUG = "DRUG"
    GENETIC = "GENETIC"
    PROCEDURE = "PROCEDURE"
    RADIATION = "RADIATION"
    OTHER = "OTHER"


class Sex(StrEnum):
    """Sex of the people the study takes."""

    FEMALE = "FEMALE"
    MALE = "MALE"
    ALL = "ALL"


class AgeUnit(StrEnum):
    """Unit of an age limit, as the registry writes it ("25 Years")."""

    YEARS = "YEARS"
    MONTHS = "MONTHS"
    WEEKS = "WEEKS"
    DAYS = "DAYS"
    HOURS = "HOURS"
    MINUTES = "MINUTES"


class OfficialRole(StrEnum):
    """Role of an investigator (``contactsLocationsModule.overallOfficials[].role``)."""

    STUDY_CHAIR = "STUDY_CHAIR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"


class ContactRole(StrEnum):
    """Role of a contact person."""

    CONTACT = "CONTACT"
    STUDY_CHAIR = "STUDY_CHAIR"
    STUDY_DIRECTOR = "STUDY_DIRECTOR"
    PRINCIPAL_INVESTIGATOR = "PRINCIPAL_INVESTIGATOR"
    SUB_INVESTIGATOR = "SUB_INVESTIGATOR"


class ReferenceType(StrEnum):
    """How a publication relates to the study."""

    BACKGROUND = "BACKGROUND"
    RESULT = "RESULT"
    DERIVED = "DERIVED"


class CriterionKind(StrEnum):
    """Whether a criterion must hold (inclusion) or must not hold (exclusion).

    ``UNSPECIFIED`` is only for a draft just imported from a registry text without
    Inclusion/Exclusion headings: the author sorts each such criterion, and
    ``validate --strict`` refuses a record that still has one.
    """

    INCLUSION = "INCLUSION"
    EXCLUSION = "EXCLUSION"
    UNSPECIFIED = "UNSPECIFIED"


class AssessedBy(StrEnum):
    """Who can tell whether a criterion holds: the patient's answer, or the study team."""

    PATIENT = "PATIENT"
    STUDY_TEAM = "STUDY_TEAM"


class Verdict(StrEnum):
    """Whether an answer satisfies a criterion's requirement.

    For an exclusion criterion the requirement is that the excluding condition is
    absent: ``met`` means "this does not rule you out".
    """

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class TextSource(StrEnum):
    """Where an official (registry) text in the record comes from.

    Most official texts are copied word for word from the registry page the record was
    made from (``VERBATIM``, the default). Some the copy of the page had lost: they are
    taken from the public registry entry (``REGISTRY_ENTRY``), or, where the sources
    only summarise them, rebuilt in the registry's style (``RECONSTRUCTED``). A
    ``STAND_IN`` is the registry's own words, but from another field, standing in for a
    text the sources do not give. Screens label every text that is not ``VERBATIM``.
    """

    VERBATIM = "VERBATIM"
    REGISTRY_ENTRY = "REGISTRY_ENTRY"
    STAND_IN = "STAND_IN"
    RECONSTRUCTED = "RECONSTRUCTED"

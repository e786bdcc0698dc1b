"""The trial record: every word about the trial that a patient or counselor can see.

A record has two kinds of text:

* *official* text, the registry's words, verbatim and in English (plain ``str`` fields);
* *patient-facing* text (:data:`Text`), a mapping of language code to plain-language
  text, with one entry for every language the record declares in ``languages``.

Models are immutable and reject unknown keys. Cross-references (a question's criterion,
a glossary mark in a text) are checked in :mod:`app.record.checks`, which reports every
problem with its field path.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.record import limits
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

#: The version of the record format this code reads.
SCHEMA_VERSION = 1

#: Languages the interface can show (and so the only ones a record may declare).
SUPPORTED_LANGUAGES = ("en", "fa")

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1)]
NctId = Annotated[str, StringConstraints(pattern=r"^NCT[0-9]{8}$")]
PartialDateStr = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])(-[0-9]{2})?$")
]


def _official_length(value: str) -> str:
    """Refuse a registry text longer than :data:`limits.MAX_OFFICIAL_CHARS`."""
    most = limits.MAX_OFFICIAL_CHARS
    if len(value) > most:
        raise PydanticCustomError(
            "official_too_long",
            "this text is {length} characters long; a registry text may have at most {limit}",
            {"length": f"{len(value):,}", "limit": f"{most:,}"},
        )
    return value


#: A long registry text (summary, description, eligibility), bounded in length.
LongOfficial = Annotated[NonEmpty, AfterValidator(_official_length)]


def _at_most(limit: str, what: str) -> BeforeValidator:
    """A bound on a list's length, read from :mod:`app.record.limits` when it is checked.

    Checked before the items are, so an overlong list gives one message, at once.
    """

    def check(value: object) -> object:
        most: int = getattr(limits, limit)
        if isinstance(value, list | tuple | dict) and len(value) > most:
            raise PydanticCustomError(
                "too_many_items",
                "there are {count} {what}; a record may have at most {limit}",
                {"count": f"{len(value):,}", "what": what, "limit": f"{most:,}"},
            )
        return value

    return BeforeValidator(check)


def _check_languages(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    """Demand a non-blank text in every language the record declares."""
    declared: tuple[str, ...] = tuple((info.context or {}).get("languages", ()))
    for lang in declared:
        if lang not in value:
            raise PydanticCustomError(
                "missing_language",
                "the {lang} text is missing",
                {"lang": lang},
            )
    for lang, text in value.items():
        if declared and lang not in declared:
            raise PydanticCustomError(
                "undeclared_language",
                "{lang} is not one of the record's languages",
                {"lang": lang},
            )
        if not text.strip():
            raise PydanticCustomError(
                "blank_language",
                "the {lang} text is empty",
                {"lang": lang},
            )
        if len(text) > limits.MAX_PATIENT_CHARS:
            raise PydanticCustomError(
                "text_too_long",
                "the {lang} text is {length} characters long; a patient text may have at "
                "most {limit}",
                {
                    "lang": lang,
                    "length": f"{len(text):,}",
                    "limit": f"{limits.MAX_PATIENT_CHARS:,}",
                },
            )
    return value


#: Patient-facing text: language code -> text, one entry per declared language.
Text = Annotated[dict[LanguageCode, str], AfterValidator(_check_languages)]


def _at_most_chars(limit: str, what: str) -> AfterValidator:
    """A tighter bound on a patient text's length, read from :mod:`app.record.limits`."""

    def check(value: dict[str, str]) -> dict[str, str]:
        most: int = getattr(limits, limit)
        for lang, text in value.items():
            if len(text) > most:
                raise PydanticCustomError(
                    "text_too_long",
                    "the {lang} text is {length} characters long; {what} may have at most {limit}",
                    {"lang": lang, "length": f"{len(text):,}", "what": what, "limit": f"{most:,}"},
                )
        return value

    return AfterValidator(check)


#: A glossary term's name, a step's title, its duration or place: a few words.
ShortText = Annotated[Text, _at_most_chars("MAX_SHORT_CHARS", "a name or title")]
#: A glossary definition, a step's time or description: a few sentences.
EntryText = Annotated[Text, _at_most_chars("MAX_ENTRY_CHARS", "a definition or step")]


class _Model(BaseModel):
    # No NaN or infinity in any number: ``min: .nan`` compares false with every age, and
    # once told a 33-year-old "not met".
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False
    )


class PartialDate(_Model):
    """A registry date, to the day or to the month, actual or planned.

    ``type`` is ``None`` ("type not given") where the registry gives the date without
    saying whether it is actual or planned; left out, it means actual.
    """

    date: PartialDateStr
    type: DateType | None = DateType.ACTUAL

    @model_validator(mode="after")
    def _real_day(self) -> PartialDate:
        parts = [int(p) for p in self.date.split("-")]
        if len(parts) == 3:
            import datetime

            try:
                datetime.date(*parts)
            except ValueError as exc:
                raise PydanticCustomError(
                    "bad_date", "{date} is not a real date", {"date": self.date}
                ) from exc
        return self


class Identification(_Model):
    """Who the study is, in the registry and in plain words."""

    nct_id: NctId
    org_study_id: str | None = None
    brief_title: NonEmpty
    official_title: NonEmpty
    acronym: str | None = None
    plain_title: Text | None = None
    short_title: Text | None = None


class Enrollment(_Model):
    """How many people the study takes (or took)."""

    count: int = Field(ge=0)
    #: ``None``: the registry does not say whether the count is actual or expected.
    type: DateType | None = DateType.ACTUAL


class Status(_Model):
    """Recruitment status, phase, size and key dates.

    ``last_known_status`` is the status before the registry marked it ``UNKNOWN`` (not
    confirmed for two years); ``status_verified`` the month the sponsor last confirmed it.
    """

    overall_status: OverallStatus
    last_known_status: OverallStatus | None = None
    why_stopped: str | None = None
    status_verified: PartialDateStr | None = None
    phases: tuple[Phase, ...] = ()
    study_type: StudyType
    enrollment: Enrollment | None = None
    start: PartialDate | None = None
    primary_completion: PartialDate | None = None
    completion: PartialDate | None = None
    last_update_posted: PartialDateStr | None = None
    results_posted: bool = False

    @property
    def enrolling(self) -> bool:
        """Whether a new participant can join now."""
        return self.overall_status.enrolling


class Organization(_Model):
    """A sponsor or collaborator: its registered name, and how patients know it."""

    name: NonEmpty
    agency_class: AgencyClass = AgencyClass.UNKNOWN
    plain: Text | None = None


class Sponsors(_Model):
    """The lead sponsor and any collaborators."""

    lead: Organization
    collaborators: tuple[Organization, ...] = ()
    responsible_party: str | None = None


class Design(_Model):
    """How the study is built (``designModule.designInfo`` and ``designModule.bioSpec``).

    An interventional study has allocation, intervention model and masking; an
    observational one has an observational model, a time perspective and, where it keeps
    samples, the biospecimen retention and description.
    """

    allocation: Allocation | None = None
    intervention_model: InterventionModel | None = None
    intervention_model_description: str | None = None
    primary_purpose: PrimaryPurpose | None = None
    masking: Masking | None = None
    masking_description: str | None = None
    observational_model: ObservationalModel | None = None
    time_perspective: TimePerspective | None = None
    bio_spec_retention: BioSpecRetention | None = None
    bio_spec_description: str | None = None


class Arm(_Model):
    """A study group."""

    label: NonEmpty
    type: ArmType | None = None
    description: str | None = None
    interventions: tuple[str, ...] = ()
    plain: Text | None = None


class Intervention(_Model):
    """A treatment or procedure being studied."""

    name: NonEmpty
    type: InterventionType
    description: str | None = None
    arm_labels: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()


class Outcome(_Model):
    """What the study measures, and when."""

    measure: NonEmpty
    time_frame: str | None = None
    description: str | None = None
    plain: Text | None = None


class Outcomes(_Model):
    """Primary, secondary and other outcome measures."""

    primary: tuple[Outcome, ...] = ()
    secondary: tuple[Outcome, ...] = ()
    other: tuple[Outcome, ...] = ()


class Age(_Model):
    """An age limit with its unit ("25 Years")."""

    value: int = Field(ge=0)
    unit: AgeUnit = AgeUnit.YEARS


class Criterion(_Model):
    """One eligibility criterion: the registry's words and their plain-language twin.

    ``assessed_by`` says who can tell whether it holds: the patient (a self-check
    question asks about it) or the study team at screening (``how_checked`` says how).
    ``plain`` may be missing only in a draft just imported from the registry.

    ``subgroup`` names the part of the study the criterion applies to, as the registry's
    sub-heading says it ("For parent participants"). A *group* criterion ("Two of the
    following") has ``group_rule`` (the rule in the registry's words) and ``options``
    (the items it counts); ``official`` is then the rule and its options as one text.
    A question about a group asks whether the rule holds, not about each option.
    """

    id: Id
    kind: CriterionKind
    official: LongOfficial
    subgroup: str | None = None
    group_rule: str | None = None
    options: tuple[str, ...] = ()
    plain: Text | None = None
    assessed_by: AssessedBy = AssessedBy.STUDY_TEAM
    how_checked: Text | None = None
    #: Where ``official`` comes from; screens label anything not word for word.
    official_source: TextSource = TextSource.VERBATIM

    @model_validator(mode="after")
    def _group_has_options(self) -> Criterion:
        if self.options and not self.group_rule:
            raise PydanticCustomError(
                "options_without_rule",
                "a criterion with options needs a group_rule saying how many must hold",
                {},
            )
        if self.group_rule and not self.options:
            raise PydanticCustomError(
                "rule_without_options", "a group_rule needs the options it counts", {}
            )
        return self


class Eligibility(_Model):
    """Who can take part.

    ``notes`` are the registry's remarks about the list itself ("Not all criteria are
    listed"), shown in small print under it. ``study_population`` and
    ``sampling_method`` describe whom an observational study looks at.
    """

    criteria_text: LongOfficial
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    sex: Sex = Sex.ALL
    healthy_volunteers: bool = False
    study_population: Annotated[str, AfterValidator(_official_length)] | None = None
    sampling_method: SamplingMethod | None = None
    criteria: tuple[Criterion, ...] = ()
    notes: tuple[str, ...] = ()


class Contact(_Model):
    """A way to reach the study team, exactly as the registry gives it.

    The registry sometimes gives only a phone number or an e-mail address, with no
    name; a contact needs at least one of the three.
    """

    name: NonEmpty | None = None
    role: ContactRole = ContactRole.CONTACT
    phone: str | None = None
    email: str | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.name or self.phone or self.email):
            raise PydanticCustomError(
                "empty_contact", "a contact needs a name, a phone number or an e-mail", {}
            )
        return self


class Location(_Model):
    """A study site."""

    facility: NonEmpty
    city: str | None = None
    state: str | None = None
    country: str | None = None
    status: OverallStatus | None = None
    contacts: tuple[Contact, ...] = ()
    plain: Text | None = None


class Investigator(_Model):
    """A person responsible for the study."""

    name: NonEmpty
    role: OfficialRole
    affiliation: str | None = None


class Reference(_Model):
    """A publication about the study."""

    citation: NonEmpty
    type: ReferenceType | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^[0-9]+$")] | None = None
    doi: str | None = None


class RelatedStudy(_Model):
    """Another registry entry on a similar question."""

    nct_id: NctId
    title: NonEmpty


class Official(_Model):
    """The registry's own text, verbatim, in English."""

    brief_summary: LongOfficial
    detailed_description: Annotated[str, AfterValidator(_official_length)] | None = None
    #: Where ``brief_summary`` comes from; screens label anything not word for word.
    brief_summary_source: TextSource = TextSource.VERBATIM


class ProcedureStep(_Model):
    """One step of taking part, in time order: when, what, how long, where."""

    id: Id
    title: ShortText
    when: EntryText
    what: EntryText
    duration: ShortText | None = None
    where: ShortText | None = None
    arms: tuple[str, ...] = ()


class ChoiceOption(_Model):
    """An answer the patient can tap, and what it means for the criterion."""

    id: Id
    label: Text
    verdict: Verdict
    reason: Text


class RangeRule(_Model):
    """A number range and its verdict, for a number question (bounds inclusive)."""

    min: float | None = None
    max: float | None = None
    verdict: Verdict
    reason: Text

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies within the rule's inclusive bounds."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class _QuestionBase(_Model):
    id: Id
    criterion: Id
    text: Text
    why: Text
    unanswered_reason: Text


class ChoiceQuestion(_QuestionBase):
    """A question answered by tapping one option."""

    type: Literal["choice"] = "choice"
    options: tuple[ChoiceOption, ...] = Field(min_length=2)


class NumberQuestion(_QuestionBase):
    """A question answered with a whole number (for example an age in years).

    The first rule whose range contains the answer gives the verdict; an answer that no
    rule covers is ``not_met`` with ``outside_reason``.
    """

    type: Literal["number"] = "number"
    unit: Text
    min_value: int = 0
    max_value: int = 130
    rules: tuple[RangeRule, ...] = Field(min_length=1)
    outside_reason: Text


def _question_type(value: object) -> str:
    """A question without ``type`` is a choice question."""
    if isinstance(value, dict):
        kind = value.get("type", "choice")
        return kind if isinstance(kind, str) else "?"
    return str(getattr(value, "type", "choice"))


Question = Annotated[
    Annotated[ChoiceQuestion, Tag("choice")] | Annotated[NumberQuestion, Tag("number")],
    Discriminator(
        _question_type,
        custom_error_type="question_type",
        custom_error_message="type must be 'choice' (the default) or 'number'",
    ),
]


class GlossaryTerm(_Model):
    """A medical term, explained in plain words.

    Texts mark a term as ``[[id]]`` (shown as the term) or ``[[id|shown words]]``.
    """

    id: Id
    term: ShortText
    expansion: ShortText | None = None
    definition: EntryText


class OutcomeTexts(_Model):
    """What the result screen says for each outcome, beyond the per-criterion reasons."""

    likely_match: Text
    may_match: Text
    does_not_match: Text


class PatientContent(_Model):
    """Plain-language content written for patients, in every declared language."""

    summary: Text
    who_can_take_part: Text
    enrolling_note: Text
    procedures: Annotated[
        tuple[ProcedureStep, ...], _at_most("MAX_PROCEDURE_STEPS", "procedure steps")
    ] = Field(min_length=1)
    outcome_texts: OutcomeTexts
    after_selfcheck: Text
    contact: Text
    glossary: Annotated[
        tuple[GlossaryTerm, ...], _at_most("MAX_GLOSSARY_TERMS", "glossary terms")
    ] = ()


class ApprovalSignature(_Model):
    """An Ed25519 signature over a stamp's digest, note and time (``approve --key``).

    See :func:`app.record.approval.signed_message` for the exact bytes signed.
    """

    #: The signer's public key, ``ed25519:`` + base64 of its 32 bytes.
    key: Annotated[str, StringConstraints(pattern=r"^ed25519:[A-Za-z0-9+/]{43}=$")]
    #: The 64-byte signature, base64.
    value: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]{86}==$")]


class Approval(_Model):
    """An approval stamp: the digest of the approved content and the approver's note."""

    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    note: str = ""
    approved_at: str | None = None
    signature: ApprovalSignature | None = None


#: A recorded audio file's path: relative, forward slashes, no ``..``, a ``.wav`` file.
AudioPath = Annotated[
    str,
    StringConstraints(
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.wav$",
        max_length=200,
    ),
]
#: The key of a text a recording reads (``patient.summary``,
#: ``patient.procedures[visit1].what``): the field paths of :mod:`app.speech.script`.
AudioKey = Annotated[
    str,
    StringConstraints(
        pattern=r"^[a-z][a-z0-9_]*(?:\[[a-z0-9_]+\])?(?:\.[a-z][a-z0-9_]*(?:\[[a-z0-9_]+\])?)*$",
        max_length=200,
    ),
]


class AudioFile(_Model):
    """A recording of one text in one language: a WAV file beside the record, and its digest.

    The file is 16-bit PCM WAV (any rate, mono or stereo): Qt Multimedia plays it on every
    platform without a codec, and the standard library's :mod:`wave` reads it to join
    recordings with synthesised speech. The digest is checked on load
    (:func:`app.record.audio.check_audio`) and is part of the approved content.
    """

    file: AudioPath
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class TrialRecord(_Model):
    """One trial: the registry's facts and the plain-language content built on them."""

    schema_version: Literal[1]
    content_version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    languages: tuple[LanguageCode, ...] = Field(min_length=1)

    @field_validator("languages")
    @classmethod
    def _supported_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unsupported = [lang for lang in value if lang not in SUPPORTED_LANGUAGES]
        if unsupported:
            raise PydanticCustomError(
                "unsupported_language",
                "{langs} cannot be shown: TrialGuide speaks {supported}",
                {"langs": ", ".join(unsupported), "supported": ", ".join(SUPPORTED_LANGUAGES)},
            )
        return value

    identification: Identification
    status: Status
    sponsors: Sponsors
    conditions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    official: Official
    design: Design = Design()
    arms: tuple[Arm, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    outcomes: Outcomes = Outcomes()
    eligibility: Eligibility
    locations: tuple[Location, ...] = ()
    investigators: tuple[Investigator, ...] = ()
    contacts: tuple[Contact, ...] = ()
    references: tuple[Reference, ...] = ()
    related_studies: tuple[RelatedStudy, ...] = ()
    patient: PatientContent | None = None
    questions: tuple[Question, ...] = ()
    #: Recorded audio: text key -> language -> file (see :class:`AudioFile`).
    audio: Annotated[
        dict[AudioKey, dict[LanguageCode, AudioFile]], _at_most("MAX_AUDIO_FILES", "audio keys")
    ] = Field(default_factory=dict)
    approval: Approval | None = None

    @property
    def enrolling(self) -> bool:
        """Whether the study takes new participants now."""
        return self.status.enrolling

    # Lookups by id: built once per record (it is immutable), so that a check or a
    # screen that looks up every criterion stays linear in the size of the record.
    # (cached_property on a frozen model: not a field, not compared, not dumped.)
    @cached_property
    def _criteria_by_id(self) -> dict[str, Criterion]:
        by_id: dict[str, Criterion] = {}
        for criterion in self.eligibility.criteria:
            by_id.setdefault(criterion.id, criterion)
        return by_id

    @cached_property
    def _questions_by_id(self) -> dict[str, ChoiceQuestion | NumberQuestion]:
        by_id: dict[str, ChoiceQuestion | NumberQuestion] = {}
        for question in self.questions:
            by_id.setdefault(question.id, question)
        return by_id

    @cached_property
    def _terms_by_id(self) -> dict[str, GlossaryTerm]:
        by_id: dict[str, GlossaryTerm] = {}
        for term in self.patient.glossary if self.patient else ():
            by_id.setdefault(term.id, term)
        return by_id

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (the first, should two share it).

        Raises:
            KeyError: no criterion has that id.
        """
        return self._criteria_by_id[criterion_id]

    def question(self, question_id: str) -> ChoiceQuestion | NumberQuestion:
        """The self-check question with this id (the first, should two share it).

        Raises:
            KeyError: no question has that id.
        """
        return self._questions_by_id[question_id]

    def glossary_term(self, term_id: str) -> GlossaryTerm:
        """The glossary term with this id (the first, should two share it).

        Raises:
            KeyError: no term has that id.
        """
        return self._terms_by_id[term_id]

    def unmark(self, text: str, lang: str) -> str:
        """``text`` with each glossary mark replaced by the words a reader sees.

        ``[[id|words]]`` shows ``words``; ``[[id]]`` shows the term in ``lang``.
        """

        def shown(match: re.Match[str]) -> str:
            if match.group(2):
                return match.group(2)
            try:
                term = self.glossary_term(match.group(1)).term
            except KeyError:
                return match.group(1)
            return term.get(lang) or next(iter(term.values()))

        return GLOSSARY_MARK.sub(shown, text)


#: ``[[id]]`` or ``[[id|shown words]]``: a glossary mark inside patient-facing text.
# The shown words exclude "[" as well as "]", so that a run of unclosed marks cannot
# make the search backtrack quadratically.
GLOSSARY_MARK = re.compile(r"\[\[([a-z][a-z0-9_]*)(?:\|([^\[\]]+))?\]\]")

r"""Start a record from a ClinicalTrials.gov API v2 study: the registry's official text only.

:func:`study_to_record` turns the JSON the registry returns for
``GET /api/v2/studies/{nctId}`` (or a ``{"studies": [one]}`` search page) into a record
dict that :func:`app.record.load.validate_record` accepts: an English-only draft
(``languages: [en]``, ``content_version: 0.1.0-draft``) with no patient content, no
questions, and every criterion left to the study team. Authors add the plain-language
and Persian text and the self-check questions afterwards.

Official text goes in verbatim, with only surrounding whitespace and characters that
carry no words (zero-width spaces, direction marks, control characters; see
:func:`~app.record.characters.strip_hidden`) stripped. The one
exception is a criterion's ``official`` text, split out of the eligibility text by
:func:`~app.record.criteria_text.split_criteria`: it loses its bullet and the registry's
Markdown escapes (``\<`` becomes ``<``); the record's ``criteria_text`` keeps the
registry's text as is.

:func:`~app.record.dump.dump_record_yaml` writes the draft as a YAML record file. This
module re-exports it, :func:`split_criteria` and :func:`unescape_markdown`, so callers
can import the whole importer from here.

Registry values the record cannot hold (an unknown status, an age it cannot read) and
missing required fields raise :class:`CtgovImportError`, which names the JSON path.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from app.record.characters import strip_hidden
from app.record.criteria_text import split_criteria, unescape_markdown
from app.record.dump import dump_record_yaml
from app.record.enums import (
    AgencyClass,
    AgeUnit,
    Allocation,
    ArmType,
    AssessedBy,
    ContactRole,
    CriterionKind,
    DateType,
    InterventionModel,
    InterventionType,
    Masking,
    OfficialRole,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    ReferenceType,
    Sex,
    StudyType,
)
from app.record.models import SCHEMA_VERSION

__all__ = [
    "DRAFT_CONTENT_VERSION",
    "CtgovImportError",
    "dump_record_yaml",
    "split_criteria",
    "study_to_record",
    "unescape_markdown",
]

#: ``content_version`` of a record just imported from the registry.
DRAFT_CONTENT_VERSION = "0.1.0-draft"

_E = TypeVar("_E", bound=StrEnum)

_NCT_ID = re.compile(r"^NCT[0-9]{8}$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
_AGE = re.compile(r"^([0-9]+)\s*(year|month|week|day|hour|minute)s?$", re.IGNORECASE)
_PMID = re.compile(r"^[0-9]+$")
_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/\S+?)\.?(?=\s|$)", re.IGNORECASE)
# "Biological: X" in armGroups[].interventionNames: the registry's type labels.
_INTERVENTION_PREFIX = re.compile(
    r"^(?:Behavioral|Biological|Combination Product|Device|Diagnostic Test|Dietary Supplement"
    r"|Drug|Genetic|Procedure|Radiation|Other):\s*(?=\S)"
)


class CtgovImportError(ValueError):
    """A registry study cannot become a record: ``path`` names the JSON field, ``message`` why.

    ``str(error)`` is ``"<path>: <message>"``, for example
    ``protocolSection.statusModule.overallStatus: 'FOO' is not a known status``.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


def _describe(value: object) -> str:
    """Name the JSON type of ``value`` for an error message."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return "null" if value is None else type(value).__name__


class _Obj:
    """A JSON object and its path, with typed, path-naming accessors."""

    __slots__ = ("data", "path")

    def __init__(self, data: Mapping[str, Any], path: str) -> None:
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        """The JSON path of ``key`` in this object."""
        return f"{self.path}.{key}" if self.path else key

    def missing(self, key: str) -> CtgovImportError:
        """The error for a required field that is absent or empty."""
        return CtgovImportError(self.at(key), "this required field is missing")

    def obj(self, key: str) -> _Obj:
        """The object at ``key``; an empty one when the field is absent."""
        value = self.data.get(key)
        if value is None:
            return _Obj({}, self.at(key))
        if not isinstance(value, Mapping):
            raise CtgovImportError(self.at(key), f"expected an object, found {_describe(value)}")
        return _Obj(value, self.at(key))

    def req_obj(self, key: str) -> _Obj:
        """The object at ``key``, which must be present."""
        if self.data.get(key) is None:
            raise self.missing(key)
        return self.obj(key)

    def objs(self, key: str) -> list[_Obj]:
        """The list of objects at ``key``; empty when the field is absent."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise CtgovImportError(self.at(key), f"expected a list, found {_describe(value)}")
        items: list[_Obj] = []
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, Mapping):
                raise CtgovImportError(where, f"expected an object, found {_describe(item)}")
            items.append(_Obj(item, where))
        return items

    def text(self, key: str) -> str | None:
        """The text at ``key`` with surrounding whitespace stripped; None when absent or blank."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CtgovImportError(self.at(key), f"expected text, found {_describe(value)}")
        return strip_hidden(value).strip() or None

    def req_text(self, key: str) -> str:
        """The text at ``key``, which must be present and not blank."""
        value = self.text(key)
        if value is None:
            raise self.missing(key)
        return value

    def texts(self, key: str) -> list[str]:
        """The list of texts at ``key`` (blank ones dropped); empty when absent."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise CtgovImportError(self.at(key), f"expected a list, found {_describe(value)}")
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise CtgovImportError(
                    f"{self.at(key)}[{index}]", f"expected text, found {_describe(item)}"
                )
            item = strip_hidden(item).strip()
            if item:
                out.append(item)
        return out

    def enum(self, key: str, cls: type[_E], what: str) -> str | None:
        """The registry value at ``key`` checked against ``cls``; None when absent."""
        value = self.data.get(key)
        if value is None:
            return None
        return _enum_value(value, cls, what, self.at(key))

    def req_enum(self, key: str, cls: type[_E], what: str) -> str:
        """The registry value at ``key`` checked against ``cls``, which must be present."""
        value = self.enum(key, cls, what)
        if value is None:
            raise self.missing(key)
        return value

    def enums(self, key: str, cls: type[_E], what: str) -> list[str]:
        """The list of registry values at ``key``, each checked against ``cls``."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise CtgovImportError(self.at(key), f"expected a list, found {_describe(value)}")
        return [
            _enum_value(item, cls, what, f"{self.at(key)}[{index}]")
            for index, item in enumerate(value)
        ]

    def flag(self, key: str) -> bool | None:
        """The true/false value at ``key``; None when absent."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise CtgovImportError(self.at(key), f"expected true or false, found {value!r}")
        return value


def _enum_value(value: object, cls: type[_E], what: str, path: str) -> str:
    if isinstance(value, str):
        try:
            return cls(value).value
        except ValueError:
            pass
    raise CtgovImportError(path, f"{value!r} is not a known {what}")


def _compact(**fields: Any) -> dict[str, Any]:
    """A record mapping without the fields that are None or empty."""
    return {key: value for key, value in fields.items() if value is not None and value != []}


def _unwrap(study: object) -> _Obj:
    """The study object, from a single study or a ``{"studies": [one]}`` search page."""
    if not isinstance(study, Mapping):
        raise CtgovImportError(
            "", f"expected a ClinicalTrials.gov study object, found {_describe(study)}"
        )
    if "protocolSection" not in study and "studies" in study:
        studies = study["studies"]
        if not isinstance(studies, list) or len(studies) != 1:
            found = len(studies) if isinstance(studies, list) else _describe(studies)
            raise CtgovImportError("studies", f"expected exactly one study, found {found}")
        if not isinstance(studies[0], Mapping):
            raise CtgovImportError(
                "studies[0]", f"expected a study object, found {_describe(studies[0])}"
            )
        return _Obj(studies[0], "studies[0]")
    return _Obj(study, "")


def study_to_record(study: Mapping[str, Any]) -> dict[str, Any]:
    """Turn one ClinicalTrials.gov API v2 study into an English-only draft record dict.

    Args:
        study: the parsed JSON of ``GET /api/v2/studies/{nctId}``, or a search page
            ``{"studies": [study]}`` holding exactly one study.

    Returns:
        A record mapping, in the record file's key order, that
        :func:`app.record.load.validate_record` accepts.

    Raises:
        CtgovImportError: a required field is missing, or a value is not one the record
            can hold; the message names the JSON path.
    """
    root = _unwrap(study)
    protocol = root.req_obj("protocolSection")
    status_module = protocol.req_obj("statusModule")
    design_module = protocol.obj("designModule")
    arms_module = protocol.obj("armsInterventionsModule")
    outcomes_module = protocol.obj("outcomesModule")
    places = protocol.obj("contactsLocationsModule")
    return {
        "schema_version": SCHEMA_VERSION,
        "content_version": DRAFT_CONTENT_VERSION,
        "languages": ["en"],
        "identification": _identification(protocol.req_obj("identificationModule")),
        "status": _status(status_module, design_module, root),
        "sponsors": _sponsors(protocol.req_obj("sponsorCollaboratorsModule")),
        "conditions": protocol.obj("conditionsModule").texts("conditions"),
        "keywords": protocol.obj("conditionsModule").texts("keywords"),
        "official": _official(protocol.obj("descriptionModule")),
        "design": _design(design_module.obj("designInfo")),
        "arms": [_arm(arm) for arm in arms_module.objs("armGroups")],
        "interventions": [_intervention(item) for item in arms_module.objs("interventions")],
        "outcomes": _compact(
            primary=[_outcome(o) for o in outcomes_module.objs("primaryOutcomes")],
            secondary=[_outcome(o) for o in outcomes_module.objs("secondaryOutcomes")],
            other=[_outcome(o) for o in outcomes_module.objs("otherOutcomes")],
        ),
        "eligibility": _eligibility(protocol.obj("eligibilityModule")),
        "locations": [_location(site) for site in places.objs("locations")],
        "investigators": [_investigator(person) for person in places.objs("overallOfficials")],
        "contacts": [_contact(person) for person in places.objs("centralContacts")],
        "references": [
            _reference(ref) for ref in protocol.obj("referencesModule").objs("references")
        ],
        "related_studies": [],
        "questions": [],
    }


def _identification(ident: _Obj) -> dict[str, Any]:
    nct_id = ident.req_text("nctId")
    if not _NCT_ID.match(nct_id):
        raise CtgovImportError(
            ident.at("nctId"), f"{nct_id!r} is not a ClinicalTrials.gov id (NCT and 8 digits)"
        )
    brief_title = ident.req_text("briefTitle")
    return _compact(
        nct_id=nct_id,
        org_study_id=ident.obj("orgStudyIdInfo").text("id"),
        brief_title=brief_title,
        official_title=ident.text("officialTitle") or brief_title,
        acronym=ident.text("acronym"),
    )


def _date(obj: _Obj, key: str) -> str | None:
    """A registry date (``2020-06`` or ``2020-06-21``), checked, kept at its precision."""
    value = obj.text(key)
    if value is None:
        return None
    match = _DATE.match(value)
    if match:
        year, month, day = match.groups()
        try:
            datetime.date(int(year), int(month), int(day or 1))
        except ValueError:
            match = None
    if not match:
        raise CtgovImportError(
            obj.at(key), f"{value!r} is not a date (expected YYYY-MM or YYYY-MM-DD)"
        )
    return value


def _date_struct(module: _Obj, key: str) -> dict[str, Any] | None:
    struct = module.obj(key)
    date = _date(struct, "date")
    if date is None:
        return None
    return _compact(date=date, type=struct.enum("type", DateType, "date type"))


def _status(status: _Obj, design: _Obj, root: _Obj) -> dict[str, Any]:
    enrollment = design.obj("enrollmentInfo")
    count = enrollment.data.get("count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
        raise CtgovImportError(enrollment.at("count"), f"{count!r} is not a number of participants")
    return _compact(
        overall_status=status.req_enum("overallStatus", OverallStatus, "status"),
        why_stopped=status.text("whyStopped"),
        phases=design.enums("phases", Phase, "phase"),
        study_type=design.req_enum("studyType", StudyType, "study type"),
        enrollment=None
        if count is None
        else _compact(count=count, type=enrollment.enum("type", DateType, "enrollment type")),
        start=_date_struct(status, "startDateStruct"),
        primary_completion=_date_struct(status, "primaryCompletionDateStruct"),
        completion=_date_struct(status, "completionDateStruct"),
        last_update_posted=_date(status.obj("lastUpdatePostDateStruct"), "date"),
        results_posted=bool(root.flag("hasResults")),
    )


def _organization(org: _Obj) -> dict[str, Any]:
    return _compact(
        name=org.req_text("name"),
        agency_class=org.enum("class", AgencyClass, "agency class"),
    )


def _sponsors(module: _Obj) -> dict[str, Any]:
    lead = module.req_obj("leadSponsor")
    party = module.obj("responsibleParty")
    # A named investigator when one is responsible, else the lead sponsor (type SPONSOR).
    responsible = party.text("investigatorFullName")
    if responsible is None and party.text("type") == "SPONSOR":
        responsible = lead.text("name")
    return _compact(
        lead=_organization(lead),
        collaborators=[_organization(org) for org in module.objs("collaborators")],
        responsible_party=responsible,
    )


def _official(description: _Obj) -> dict[str, Any]:
    return _compact(
        brief_summary=description.req_text("briefSummary"),
        detailed_description=description.text("detailedDescription"),
    )


def _design(info: _Obj) -> dict[str, Any]:
    masking = info.obj("maskingInfo")
    return _compact(
        allocation=info.enum("allocation", Allocation, "allocation"),
        intervention_model=info.enum("interventionModel", InterventionModel, "intervention model"),
        intervention_model_description=info.text("interventionModelDescription"),
        primary_purpose=info.enum("primaryPurpose", PrimaryPurpose, "primary purpose"),
        masking=masking.enum("masking", Masking, "masking"),
        masking_description=masking.text("maskingDescription"),
    )


def _arm(arm: _Obj) -> dict[str, Any]:
    return _compact(
        label=arm.req_text("label"),
        type=arm.enum("type", ArmType, "arm type"),
        description=arm.text("description"),
        interventions=[
            _INTERVENTION_PREFIX.sub("", name) for name in arm.texts("interventionNames")
        ],
    )


def _intervention(item: _Obj) -> dict[str, Any]:
    return _compact(
        name=item.req_text("name"),
        type=item.req_enum("type", InterventionType, "intervention type"),
        description=item.text("description"),
        arm_labels=item.texts("armGroupLabels"),
        other_names=item.texts("otherNames"),
    )


def _outcome(outcome: _Obj) -> dict[str, Any]:
    return _compact(
        measure=outcome.req_text("measure"),
        time_frame=outcome.text("timeFrame"),
        description=outcome.text("description"),
    )


def _age(module: _Obj, key: str) -> dict[str, Any] | None:
    """``"25 Years"`` as ``{value: 25, unit: YEARS}``; None when the study sets no limit."""
    value = module.text(key)
    if value is None or value.upper() == "N/A":
        return None
    match = _AGE.match(value)
    if not match:
        raise CtgovImportError(
            module.at(key), f"{value!r} is not an age the importer understands (like '25 Years')"
        )
    unit = AgeUnit(match.group(2).upper() + "S")
    return {"value": int(match.group(1)), "unit": unit.value}


def _eligibility(module: _Obj) -> dict[str, Any]:
    text = module.req_text("eligibilityCriteria")
    counters = {CriterionKind.INCLUSION: 0, CriterionKind.EXCLUSION: 0}
    prefixes = {CriterionKind.INCLUSION: "inc", CriterionKind.EXCLUSION: "exc"}
    criteria: list[dict[str, Any]] = []
    for kind, official in split_criteria(text):
        counters[kind] += 1
        criteria.append(
            {
                "id": f"{prefixes[kind]}_{counters[kind]}",
                "kind": kind.value,
                "official": official,
                "assessed_by": AssessedBy.STUDY_TEAM.value,
            }
        )
    return _compact(
        criteria_text=text,
        minimum_age=_age(module, "minimumAge"),
        maximum_age=_age(module, "maximumAge"),
        sex=module.enum("sex", Sex, "sex"),
        healthy_volunteers=module.flag("healthyVolunteers"),
        criteria=criteria,
    )


def _location(site: _Obj) -> dict[str, Any]:
    city, state, country = site.text("city"), site.text("state"), site.text("country")
    # A few registry sites have no facility name; the place is the best name they have.
    facility = site.text("facility") or ", ".join(p for p in (city, state, country) if p)
    if not facility:
        raise site.missing("facility")
    return _compact(
        facility=facility,
        city=city,
        state=state,
        country=country,
        status=site.enum("status", OverallStatus, "recruitment status"),
        contacts=[_contact(person) for person in site.objs("contacts")],
    )


def _investigator(person: _Obj) -> dict[str, Any]:
    return _compact(
        name=person.req_text("name"),
        role=person.req_enum("role", OfficialRole, "investigator role"),
        affiliation=person.text("affiliation"),
    )


def _contact(person: _Obj) -> dict[str, Any]:
    phone = person.text("phone")
    extension = person.text("phoneExt")
    if phone and extension:
        phone = f"{phone} ext. {extension}"
    return _compact(
        name=person.req_text("name"),
        role=person.enum("role", ContactRole, "contact role"),
        phone=phone,
        email=person.text("email"),
    )


def _reference(ref: _Obj) -> dict[str, Any]:
    citation = ref.req_text("citation")
    pmid = ref.data.get("pmid")
    if isinstance(pmid, int) and not isinstance(pmid, bool):
        pmid = str(pmid)
    elif pmid is not None:
        pmid = ref.text("pmid")
    if pmid is not None and not _PMID.match(pmid):
        raise CtgovImportError(ref.at("pmid"), f"{pmid!r} is not a PubMed id")
    doi = _DOI.search(citation)
    return _compact(
        citation=citation,
        type=ref.enum("type", ReferenceType, "reference type"),
        pmid=pmid,
        doi=doi.group(1) if doi else None,
    )

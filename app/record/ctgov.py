r"""Start a record from a ClinicalTrials.gov API v2 study: the registry's official text only.

:func:`import_study` turns the JSON the registry returns for
``GET /api/v2/studies/{nctId}`` (or a ``{"studies": [...]}`` search page; ``nct`` picks
one of several) into a record dict that :func:`app.record.load.validate_record` accepts,
an English-only draft (``languages: [en]``, ``content_version: 0.1.0-draft``) with no
patient content, no questions, and every criterion left to the study team, and an
:class:`~app.record.import_report.ImportReport` of what it carried, what it left out
and why, and what the author must decide. :func:`study_to_record` gives the dict alone.

Official text goes in verbatim, with only surrounding whitespace, characters that carry
no words (zero-width spaces, direction marks, control characters; see
:func:`~app.record.characters.strip_hidden`) and the registry's CommonMark backslash
escapes (``\<`` becomes ``<``) removed, in every text; paragraphs and list lines stay.
The eligibility text is read as CommonMark by
:func:`~app.record.criteria_text.parse_criteria` into criteria (with kind, sub-group,
group rule and options) and notes; ``criteria_text`` keeps the whole text, unescaped.

:func:`~app.record.dump.dump_record_yaml` writes the draft as a YAML record file. This
module re-exports it, :func:`split_criteria` and :func:`unescape_markdown`, so callers
can import the whole importer from here.

Registry values the record cannot hold (an unknown status, an age it cannot read) and
missing required fields raise :class:`CtgovImportError`, which names the JSON path; the
classic-API and field-subset files are refused (see :mod:`app.record.ctgov_shapes`).
"""

from __future__ import annotations

import datetime
import html
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from app.record.characters import strip_hidden
from app.record.criteria_text import (
    ParsedCriteria,
    parse_criteria,
    split_criteria,
    unescape_markdown,
)
from app.record.ctgov_shapes import CtgovImportError, check_required, describe, unwrap_study
from app.record.dump import dump_record_yaml
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
    TimePerspective,
)
from app.record.import_report import ImportReport
from app.record.models import SCHEMA_VERSION

__all__ = [
    "DRAFT_CONTENT_VERSION",
    "CtgovImportError",
    "ImportReport",
    "ImportResult",
    "dump_record_yaml",
    "import_study",
    "parse_criteria",
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


class _Obj:
    """A JSON object and its path, with typed, path-naming accessors.

    Every field read is noted in ``seen`` (shared by all objects of one import), so that
    the import report can list the fields the record leaves out.
    """

    __slots__ = ("data", "path", "seen")

    def __init__(self, data: Mapping[str, Any], path: str, seen: set[str]) -> None:
        self.data = data
        self.path = path
        self.seen = seen

    def get(self, key: str) -> Any:
        """The raw value at ``key`` (None when absent), noted as read."""
        self.seen.add(self.at(key))
        return self.data.get(key)

    def at(self, key: str) -> str:
        """The JSON path of ``key`` in this object."""
        return f"{self.path}.{key}" if self.path else key

    def missing(self, key: str) -> CtgovImportError:
        """The error for a required field that is absent or empty."""
        return CtgovImportError(self.at(key), "this required field is missing")

    def obj(self, key: str) -> _Obj:
        """The object at ``key``; an empty one when the field is absent."""
        value = self.get(key)
        if value is None:
            return _Obj({}, self.at(key), self.seen)
        if not isinstance(value, Mapping):
            raise CtgovImportError(self.at(key), f"expected an object, found {describe(value)}")
        return _Obj(value, self.at(key), self.seen)

    def req_obj(self, key: str) -> _Obj:
        """The object at ``key``, which must be present."""
        if self.get(key) is None:
            raise self.missing(key)
        return self.obj(key)

    def objs(self, key: str) -> list[_Obj]:
        """The list of objects at ``key``; empty when the field is absent."""
        value = self.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise CtgovImportError(self.at(key), f"expected a list, found {describe(value)}")
        items: list[_Obj] = []
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, Mapping):
                raise CtgovImportError(where, f"expected an object, found {describe(item)}")
            items.append(_Obj(item, where, self.seen))
        return items

    def raw_text(self, key: str) -> str | None:
        """The text at ``key`` as the registry writes it (CommonMark, escapes and all)."""
        value = self.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CtgovImportError(self.at(key), f"expected text, found {describe(value)}")
        return strip_hidden(value).strip() or None

    def text(self, key: str) -> str | None:
        """The text at ``key``, unescaped, surrounding whitespace stripped; None when blank.

        Paragraphs and list lines are kept; only the registry's backslash escapes go.
        """
        value = self.raw_text(key)
        return None if value is None else unescape_markdown(value).strip() or None

    def req_text(self, key: str) -> str:
        """The text at ``key``, which must be present and not blank."""
        value = self.text(key)
        if value is None:
            raise self.missing(key)
        return value

    def texts(self, key: str) -> list[str]:
        """The list of texts at ``key`` (blank ones dropped); empty when absent."""
        value = self.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise CtgovImportError(self.at(key), f"expected a list, found {describe(value)}")
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise CtgovImportError(
                    f"{self.at(key)}[{index}]", f"expected text, found {describe(item)}"
                )
            item = unescape_markdown(strip_hidden(item)).strip()
            if item:
                out.append(item)
        return out

    def enum(self, key: str, cls: type[_E], what: str) -> str | None:
        """The registry value at ``key`` checked against ``cls``; None when absent."""
        value = self.get(key)
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
        value = self.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise CtgovImportError(self.at(key), f"expected a list, found {describe(value)}")
        return [
            _enum_value(item, cls, what, f"{self.at(key)}[{index}]")
            for index, item in enumerate(value)
        ]

    def flag(self, key: str) -> bool | None:
        """The true/false value at ``key``; None when absent."""
        value = self.get(key)
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


@dataclass
class ImportResult:
    """A draft record dict and the report of what the import did with the study."""

    record: dict[str, Any]
    report: ImportReport


def study_to_record(study: Mapping[str, Any], nct: str | None = None) -> dict[str, Any]:
    """Turn one ClinicalTrials.gov API v2 study into an English-only draft record dict.

    Args:
        study: the parsed JSON of ``GET /api/v2/studies/{nctId}``, or a search page
            ``{"studies": [...]}`` (with several studies, ``nct`` picks one).
        nct: the study to take from a search page of several.

    Returns:
        A record mapping, in the record file's key order, that
        :func:`app.record.load.validate_record` accepts.

    Raises:
        CtgovImportError: the file is not a v2 study, required fields are missing, or a
            value is not one the record can hold; the message names the JSON path.
    """
    return import_study(study, nct).record


def import_study(study: object, nct: str | None = None) -> ImportResult:
    """Like :func:`study_to_record`, with the :class:`ImportReport` of the import."""
    data, path = unwrap_study(study, nct)
    seen: set[str] = set()
    root = _Obj(data, path, seen)
    check_required(data, path)
    report = ImportReport()
    reader = _Reader(report)
    protocol = root.req_obj("protocolSection")
    status_module = protocol.req_obj("statusModule")
    design_module = protocol.obj("designModule")
    arms_module = protocol.obj("armsInterventionsModule")
    outcomes_module = protocol.obj("outcomesModule")
    places = protocol.obj("contactsLocationsModule")
    record = {
        "schema_version": SCHEMA_VERSION,
        "content_version": DRAFT_CONTENT_VERSION,
        "languages": ["en"],
        "identification": _identification(protocol.req_obj("identificationModule")),
        "status": reader.status(status_module, design_module, root),
        "sponsors": reader.sponsors(protocol.req_obj("sponsorCollaboratorsModule")),
        "conditions": protocol.obj("conditionsModule").texts("conditions"),
        "keywords": protocol.obj("conditionsModule").texts("keywords"),
        "official": _official(protocol.obj("descriptionModule")),
        "design": _design(design_module),
        "arms": [_arm(arm) for arm in arms_module.objs("armGroups")],
        "interventions": [_intervention(item) for item in arms_module.objs("interventions")],
        "outcomes": _compact(
            primary=[_outcome(o) for o in outcomes_module.objs("primaryOutcomes")],
            secondary=[_outcome(o) for o in outcomes_module.objs("secondaryOutcomes")],
            other=[_outcome(o) for o in outcomes_module.objs("otherOutcomes")],
        ),
        "eligibility": reader.eligibility(protocol.obj("eligibilityModule")),
        "locations": reader.some(places.objs("locations"), reader.location),
        "investigators": reader.some(places.objs("overallOfficials"), reader.investigator),
        "contacts": reader.some(places.objs("centralContacts"), reader.contact),
        "references": [
            _reference(ref) for ref in protocol.obj("referencesModule").objs("references")
        ],
        "related_studies": [],
        "questions": [],
    }
    report.carried[:0] = _carried(record)
    report.find_left_out(data, seen, path)
    return ImportResult(record, report)


def _carried(record: Mapping[str, Any]) -> list[str]:
    """One line per kind of thing the record holds."""
    criteria = record["eligibility"].get("criteria", [])
    kinds = Counter(c["kind"] for c in criteria)
    outcomes = record["outcomes"]
    lines = [
        f"identification, status ({record['status']['overall_status']}), sponsors, "
        "official summary and description",
        f"eligibility: {len(criteria)} criteria ({kinds[CriterionKind.INCLUSION]} inclusion, "
        f"{kinds[CriterionKind.EXCLUSION]} exclusion, {kinds[CriterionKind.UNSPECIFIED]} "
        f"not sorted), {len(record['eligibility'].get('notes', []))} note(s), the "
        "registry's criteria text",
        f"{len(record['arms'])} arm(s), {len(record['interventions'])} intervention(s), "
        f"{sum(len(outcomes.get(k, [])) for k in ('primary', 'secondary', 'other'))} "
        "outcome measure(s)",
        f"{len(record['locations'])} site(s), {len(record['investigators'])} "
        f"investigator(s), {len(record['contacts'])} central contact(s), "
        f"{len(record['references'])} reference(s)",
        "every text unescaped (the registry's CommonMark backslash escapes removed), "
        "paragraphs and lists kept",
    ]
    return lines


_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _decode_references(text: str | None) -> str | None:
    """A title with its HTML character references as characters (``&Amp;`` is ``&``).

    The registry has titles with a reference left in, even one whose case was changed
    with the title's ("RAINBO BLUE &Amp; TAPER"); a title may hold no markup at all.
    """
    if text is None:
        return None

    def character(match: re.Match[str]) -> str:
        reference = match.group()
        for candidate in (reference, reference.lower()):
            decoded = html.unescape(candidate)
            if decoded != candidate:
                return decoded
        return reference

    return _REFERENCE.sub(character, text)


def _identification(ident: _Obj) -> dict[str, Any]:
    nct_id = ident.req_text("nctId")
    if not _NCT_ID.match(nct_id):
        raise CtgovImportError(
            ident.at("nctId"), f"{nct_id!r} is not a ClinicalTrials.gov id (NCT and 8 digits)"
        )
    brief_title = _decode_references(ident.req_text("briefTitle"))
    return _compact(
        nct_id=nct_id,
        org_study_id=ident.obj("orgStudyIdInfo").text("id"),
        brief_title=brief_title,
        official_title=_decode_references(ident.text("officialTitle")) or brief_title,
        acronym=_decode_references(ident.text("acronym")),
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


class _Reader:
    """The parts of the import that note what they do in the report."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report

    def some(self, objs: list[_Obj], read: Callable[[_Obj], dict[str, Any] | None]) -> list[Any]:
        """``read`` of each object, leaving out the ones it cannot use (it reports them)."""
        return [item for item in (read(obj) for obj in objs) if item is not None]

    def date_struct(self, module: _Obj, key: str) -> dict[str, Any] | None:
        struct = module.obj(key)
        date = _date(struct, "date")
        if date is None:
            return None
        kind = struct.enum("type", DateType, "date type")
        if kind is None:
            # Written as ``type: null``: left out, the record would read it as ACTUAL.
            self.report.decide(
                f"{struct.at('date')} ({date}) has no type (actual or estimated): kept as "
                "'type not given' (type: null), shown as the date alone"
            )
        return {"date": date, "type": kind}

    def status(self, status: _Obj, design: _Obj, root: _Obj) -> dict[str, Any]:
        enrollment = design.obj("enrollmentInfo")
        count = enrollment.get("count")
        if count is not None and (
            isinstance(count, bool) or not isinstance(count, int) or count < 0
        ):
            raise CtgovImportError(
                enrollment.at("count"), f"{count!r} is not a number of participants"
            )
        overall = status.req_enum("overallStatus", OverallStatus, "status")
        last_known = status.enum("lastKnownStatus", OverallStatus, "status")
        if overall == OverallStatus.UNKNOWN:
            self.report.decide(
                "the registry's status is UNKNOWN (not confirmed for two years)"
                + (f"; last known status {last_known}" if last_known else "")
                + ": ask the study team whether it still takes people"
            )
        enrollment_type = None
        if count is not None:
            enrollment_type = enrollment.enum("type", DateType, "enrollment type")
        return _compact(
            overall_status=overall,
            last_known_status=last_known,
            why_stopped=status.text("whyStopped"),
            status_verified=_date(status, "statusVerifiedDate"),
            phases=design.enums("phases", Phase, "phase"),
            study_type=design.req_enum("studyType", StudyType, "study type"),
            enrollment=None if count is None else {"count": count, "type": enrollment_type},
            start=self.date_struct(status, "startDateStruct"),
            primary_completion=self.date_struct(status, "primaryCompletionDateStruct"),
            completion=self.date_struct(status, "completionDateStruct"),
            last_update_posted=_date(status.obj("lastUpdatePostDateStruct"), "date"),
            results_posted=bool(root.flag("hasResults")),
        )

    def sponsors(self, module: _Obj) -> dict[str, Any]:
        lead = module.req_obj("leadSponsor")
        party = module.obj("responsibleParty")
        # A named investigator (with title and affiliation) when one is responsible, the
        # older free-text name where the registry keeps only that, else the lead sponsor.
        person = [
            party.text("investigatorFullName"),
            party.text("investigatorTitle"),
            party.text("investigatorAffiliation"),
        ]
        old = [party.text("oldNameTitle"), party.text("oldOrganization")]
        responsible = ", ".join(p for p in person if p) if person[0] else None
        if responsible is None and old[0]:
            responsible = ", ".join(p for p in old if p)
        kind = party.text("type")
        if responsible is None and kind == "SPONSOR":
            responsible = lead.text("name")
        return _compact(
            lead=_organization(lead),
            collaborators=[_organization(org) for org in module.objs("collaborators")],
            responsible_party=responsible,
        )

    def eligibility(self, module: _Obj) -> dict[str, Any]:
        raw = module.raw_text("eligibilityCriteria")
        if raw is None:
            raise module.missing("eligibilityCriteria")
        parsed = parse_criteria(raw)
        self._criteria_report(parsed, module.at("eligibilityCriteria"))
        counters: Counter[CriterionKind] = Counter()
        prefixes = {
            CriterionKind.INCLUSION: "inc",
            CriterionKind.EXCLUSION: "exc",
            CriterionKind.UNSPECIFIED: "crit",
        }
        criteria: list[dict[str, Any]] = []
        for item in parsed.criteria:
            counters[item.kind] += 1
            criteria.append(
                _compact(
                    id=f"{prefixes[item.kind]}_{counters[item.kind]}",
                    kind=item.kind.value,
                    official=item.official,
                    subgroup=item.subgroup,
                    group_rule=item.group_rule,
                    options=item.options,
                    assessed_by=AssessedBy.STUDY_TEAM.value,
                )
            )
        sampling = module.enum("samplingMethod", SamplingMethod, "sampling method")
        return _compact(
            criteria_text=unescape_markdown(raw).strip(),
            minimum_age=_age(module, "minimumAge"),
            maximum_age=_age(module, "maximumAge"),
            sex=module.enum("sex", Sex, "sex"),
            healthy_volunteers=module.flag("healthyVolunteers"),
            study_population=module.text("studyPopulation"),
            sampling_method=sampling,
            criteria=criteria,
            notes=parsed.notes,
        )

    def _criteria_report(self, parsed: ParsedCriteria, where: str) -> None:
        decide = self.report.decide
        unsorted = sum(c.kind is CriterionKind.UNSPECIFIED for c in parsed.criteria)
        if not parsed.has_headings and parsed.criteria:
            decide(
                f"{where} has no Inclusion/Exclusion headings: its {unsorted} criteria are "
                "imported as kind UNSPECIFIED; set each to INCLUSION or EXCLUSION "
                "(validate --strict refuses UNSPECIFIED)"
            )
        elif unsorted:
            decide(
                f"{unsorted} criteria come before the first Inclusion heading: imported as "
                "kind UNSPECIFIED; set each to INCLUSION or EXCLUSION"
            )
        if parsed.implied:
            decide(
                f"{parsed.implied} criteria before the Exclusion heading, under no heading "
                "of their own, were read as inclusion criteria: check them"
            )
        for criterion in parsed.criteria:
            if criterion.group_rule:
                decide(
                    f"group criterion '{criterion.group_rule}' with {len(criterion.options)} "
                    "options imported as ONE criterion: check the rule and its options"
                )
        subgroups = sorted({c.subgroup for c in parsed.criteria if c.subgroup})
        for subgroup in subgroups:
            decide(f"sub-group '{subgroup}' kept as the subgroup of the criteria under it")
        for note in parsed.notes:
            decide(f"kept as a note on the list, not a criterion: {_short(note)}")
        for lead_in in parsed.lead_ins:
            decide(f"read as a lead-in, not a criterion: {_short(lead_in)}")
        for heading in parsed.neutral_headings:
            decide(f"read as a heading without a kind: {_short(heading)}")
        for text, why in parsed.doubtful:
            decide(f"kept as a criterion, but it {why}: {_short(text)}")

    def location(self, site: _Obj) -> dict[str, Any] | None:
        city, state, country = site.text("city"), site.text("state"), site.text("country")
        # A few registry sites have no facility name; the place is the best name they have.
        facility = site.text("facility") or ", ".join(p for p in (city, state, country) if p)
        if not facility:
            self.report.leave_out(site.path, "a site with neither a name nor a place")
            return None
        return _compact(
            facility=facility,
            city=city,
            state=state,
            country=country,
            status=site.enum("status", OverallStatus, "recruitment status"),
            contacts=self.some(site.objs("contacts"), self.contact),
        )

    def investigator(self, person: _Obj) -> dict[str, Any] | None:
        name = person.text("name")
        role = person.enum("role", OfficialRole, "investigator role")
        if name is None or role is None:
            self.report.leave_out(person.path, "an investigator without a name or a role")
            return None
        return _compact(name=name, role=role, affiliation=person.text("affiliation"))

    def contact(self, person: _Obj) -> dict[str, Any] | None:
        phone = person.text("phone")
        extension = person.text("phoneExt")
        if phone and extension:
            phone = f"{phone} ext. {extension}"
        name = person.text("name")
        email = person.text("email")
        if not (name or phone or email):
            self.report.leave_out(person.path, "a contact without a name, phone or e-mail")
            return None
        if name is None:
            self.report.decide(
                f"{person.path} has no name (only a phone or an e-mail): kept without one"
            )
        return _compact(
            name=name,
            role=person.enum("role", ContactRole, "contact role"),
            phone=phone,
            email=email,
        )


def _short(text: str, most: int = 80) -> str:
    """One line of at most ``most`` characters, for a report line."""
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1] + "…"


def _organization(org: _Obj) -> dict[str, Any]:
    return _compact(
        name=org.req_text("name"),
        agency_class=org.enum("class", AgencyClass, "agency class"),
    )


def _official(description: _Obj) -> dict[str, Any]:
    return _compact(
        brief_summary=description.req_text("briefSummary"),
        detailed_description=description.text("detailedDescription"),
    )


def _design(module: _Obj) -> dict[str, Any]:
    info = module.obj("designInfo")
    masking = info.obj("maskingInfo")
    bio_spec = module.obj("bioSpec")
    return _compact(
        allocation=info.enum("allocation", Allocation, "allocation"),
        intervention_model=info.enum("interventionModel", InterventionModel, "intervention model"),
        intervention_model_description=info.text("interventionModelDescription"),
        primary_purpose=info.enum("primaryPurpose", PrimaryPurpose, "primary purpose"),
        masking=masking.enum("masking", Masking, "masking"),
        masking_description=masking.text("maskingDescription"),
        observational_model=info.enum(
            "observationalModel", ObservationalModel, "observational model"
        ),
        time_perspective=info.enum("timePerspective", TimePerspective, "time perspective"),
        bio_spec_retention=bio_spec.enum("retention", BioSpecRetention, "biospecimen retention"),
        bio_spec_description=bio_spec.text("description"),
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


def _reference(ref: _Obj) -> dict[str, Any]:
    citation = ref.req_text("citation")
    pmid = ref.get("pmid")
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

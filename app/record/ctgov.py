r"""Start a record from a ClinicalTrials.gov API v2 study: the registry's official text only.

:func:`study_to_record` turns the JSON the registry returns for
``GET /api/v2/studies/{nctId}`` (or a ``{"studies": [one]}`` search page) into a record
dict that :func:`app.record.load.validate_record` accepts: an English-only draft
(``languages: [en]``, ``content_version: 0.1.0-draft``) with no patient content, no
questions, and every criterion left to the study team. Authors add the plain-language
and Persian text and the self-check questions afterwards.

Official text goes in verbatim, with only surrounding whitespace stripped. The one
exception is a criterion's ``official`` text, split out of the eligibility text by
:func:`split_criteria`: it loses its bullet and the registry's Markdown escapes
(``\<`` becomes ``<``); the record's ``criteria_text`` keeps the registry's text as is.

Registry values the record cannot hold (an unknown status, an age it cannot read) and
missing required fields raise :class:`CtgovImportError`, which names the JSON path.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

import yaml

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

#: ``content_version`` of a record just imported from the registry.
DRAFT_CONTENT_VERSION = "0.1.0-draft"

_E = TypeVar("_E", bound=StrEnum)

_NCT_ID = re.compile(r"^NCT\d{8}$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_AGE = re.compile(r"^(\d+)\s*(year|month|week|day|hour|minute)s?$", re.IGNORECASE)
_PMID = re.compile(r"^\d+$")
_DOI = re.compile(r"\bdoi:\s*(10\.\d{4,9}/\S+?)\.?(?=\s|$)", re.IGNORECASE)
# A Markdown backslash escape: a backslash before any ASCII punctuation (CommonMark).
_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + r"])")
# "* text", "- text", "• text", "+ text", "1. text", "1) text".
_BULLET = re.compile(r"^(?P<indent>[ \t]*)(?:[*\-•+]|\d{1,3}[.)])[ \t]+(?P<text>\S.*)$")
# "Inclusion Criteria:", "Key Exclusion Criteria", "Exclusion criteria for Part B:",
# "Inclusion:"; an optional first word and an optional short qualifier, no sentence.
_HEADING = re.compile(
    r"^(?:(?:key|main|major|general|additional|other|principal)\s+)?"
    r"(?P<kind>inclusion|exclusion)"
    r"(?:\s+criteria(?:\s*(?:\(|-|–|—|for\b|in\b|of\b)[^.:]*)?\s*:?|\s*:)$",
    re.IGNORECASE,
)
# "Inclusion Criteria: women aged 18 to 40" (heading and first item on one line).
_INLINE_HEADING = re.compile(
    r"^(?:(?:key|main|major)\s+)?(?P<kind>inclusion|exclusion)\s+criteria\s*:\s*(?P<text>\S.*)$",
    re.IGNORECASE,
)
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
        return value.strip() or None

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
            if item.strip():
                out.append(item.strip())
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


def unescape_markdown(text: str) -> str:
    r"""Undo the registry's Markdown backslash escapes: ``\<`` to ``<``, ``\*`` to ``*``."""
    return _ESCAPE.sub(r"\1", text)


def _heading(text: str) -> tuple[CriterionKind, str | None] | None:
    """The kind a heading line starts, and any item on the same line; None if no heading."""
    core = text.strip().strip("*_#").strip()
    if len(core) > 100:
        return None
    match = _HEADING.match(core)
    if match:
        return CriterionKind(match.group("kind").upper()), None
    match = _INLINE_HEADING.match(core)
    if match:
        return CriterionKind(match.group("kind").upper()), match.group("text").strip()
    return None


def _indent(line: str) -> int:
    stripped = line.lstrip(" \t")
    return len(line[: len(line) - len(stripped)].expandtabs(4))


def split_criteria(text: str) -> list[tuple[CriterionKind, str]]:
    r"""Split eligibility text into criteria, one per top-level bullet, in order.

    The registry's v2 text puts one bullet a line (``* ``, ``- ``, ``• `` or ``1. ``)
    under ``Inclusion Criteria:`` and ``Exclusion Criteria:`` headings. Text before any
    heading, or text with no headings at all, counts as inclusion. Deeper-indented bullets
    and indented continuation lines stay with the criterion above them (one line each); a
    paragraph that is not a bullet becomes a criterion of its own, so no words are lost.
    Each criterion's text loses its bullet and the Markdown escapes (``\<`` becomes ``<``).

    Args:
        text: the registry's ``eligibilityModule.eligibilityCriteria``.

    Returns:
        ``(kind, official text)`` for each criterion, in the order of the text.
    """
    items: list[tuple[CriterionKind, list[str]]] = []
    kind = CriterionKind.INCLUSION
    current: list[str] | None = None
    base: int | None = None  # indent of the top-level bullets in this section
    for line in text.splitlines():
        if not line.strip():
            continue
        bullet = _BULLET.match(line)
        indent = _indent(line)
        top_level = base is None or indent <= base or current is None
        heading = _heading(bullet.group("text") if bullet and top_level else line)
        if heading is not None:
            kind, inline = heading
            current, base = None, None
            if inline:
                current = [inline]
                items.append((kind, current))
            continue
        if bullet:
            if base is None:
                base = indent
            if top_level:
                current = [bullet.group("text").strip()]
                items.append((kind, current))
            else:
                assert current is not None
                current.append(line.strip())
        elif current is not None and indent > (base or 0):
            current.append(line.strip())
        else:
            current = [line.strip()]
            items.append((kind, current))
    return [(k, unescape_markdown("\n".join(lines))) for k, lines in items]


class _Dumper(yaml.SafeDumper):
    """Safe YAML with indented lists and multi-line text as literal ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent block lists under their key, as people write them."""
        super().increase_indent(flow, False)


#: Characters YAML reads as line breaks but PyYAML writes raw when ``allow_unicode`` is on.
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Double quotes escape the Unicode line breaks, which would otherwise come back as
    # newlines. PyYAML itself falls back to quotes when a literal block cannot hold the
    # text (trailing spaces on a line, control characters), so every text round-trips.
    if _UNICODE_BREAKS.intersection(data):
        style: str | None = '"'
    else:
        style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)

#: Line width for the dumper, wide enough that it never folds a one-line text.
_NO_FOLDING = 1_000_000


def dump_record_yaml(record: dict[str, Any]) -> str:
    """Write a record dict as a human-friendly YAML record file.

    Keys keep their order, non-ASCII text stays readable, multi-line text is a literal
    block and a one-line text stays on one line (easy to compare with the registry). A
    header comment says where the draft came from and what authors still have to add.

    Args:
        record: a record mapping, such as :func:`study_to_record` returns.

    Returns:
        The YAML text, ending with a newline.
    """
    identification = record.get("identification")
    nct_id = identification.get("nct_id") if isinstance(identification, Mapping) else None
    status = record.get("status")
    updated = status.get("last_update_posted") if isinstance(status, Mapping) else None
    source = f"ClinicalTrials.gov study {nct_id}" if nct_id else "a ClinicalTrials.gov study"
    header = [f"# Imported from {source}."]
    where = f"https://clinicaltrials.gov/study/{nct_id}" if nct_id else ""
    when = f"registry entry last updated {updated}" if updated else ""
    if where or when:
        header.append("# " + (f"{where} ({when})" if where and when else where or when))
    header += [
        "#",
        "# This is a draft holding only the registry's official English text, verbatim.",
        "# Before patients see it, authors must add:",
        "#   - the plain-language content: the `patient` section and each criterion's",
        "#     `plain` text (and `how_checked` where the study team checks it);",
        "#   - the Persian (fa) text for every plain-language entry, then set",
        "#     `languages: [en, fa]`;",
        "#   - the self-check `questions`, setting `assessed_by: PATIENT` on each",
        "#     criterion a question asks about (all are imported as STUDY_TEAM);",
        "# then raise `content_version` and run `trialguide validate --strict`.",
        "",
    ]
    body = yaml.dump(
        record,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_NO_FOLDING,
    )
    return "\n".join(header) + body

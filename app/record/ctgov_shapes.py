"""The shapes of file the importer meets, and the messages for the ones it cannot read.

A v2 study (``GET /api/v2/studies/NCT...``) is read as it is; a v2 search page
(``{"studies": [...]}``) gives its one study, or the study ``--nct`` names. A file from
the retired classic API (``FullStudiesResponse``, ``ProtocolSection``) and a capture made
with a ``fields=`` subset are refused, with what to do instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["CtgovImportError", "check_required", "describe", "unwrap_study"]

_NCT_ID = re.compile(r"^NCT[0-9]{8}$")
_V2_URL = "https://clinicaltrials.gov/api/v2/studies/{nct}"

#: The fields a record cannot do without, as (module, field) of ``protocolSection``.
REQUIRED: tuple[tuple[str, ...], ...] = (
    ("identificationModule", "nctId"),
    ("identificationModule", "briefTitle"),
    ("statusModule", "overallStatus"),
    ("sponsorCollaboratorsModule", "leadSponsor", "name"),
    ("descriptionModule", "briefSummary"),
    ("designModule", "studyType"),
    ("eligibilityModule", "eligibilityCriteria"),
)
#: Keys that only the classic API (retired in 2024) writes.
_CLASSIC_KEYS = ("FullStudiesResponse", "FullStudy", "StudyFieldsResponse", "ProtocolSection")


class CtgovImportError(ValueError):
    """A registry study cannot become a record: ``path`` names the JSON field, ``message`` why.

    ``str(error)`` is ``"<path>: <message>"``, for example
    ``protocolSection.statusModule.overallStatus: 'FOO' is not a known status``.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


def describe(value: object) -> str:
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


def _nct_of(study: object) -> str | None:
    """The NCT id of a v2 study object, if it has a readable one."""
    if not isinstance(study, Mapping):
        return None
    ident = study.get("protocolSection")
    ident = ident.get("identificationModule") if isinstance(ident, Mapping) else None
    nct = ident.get("nctId") if isinstance(ident, Mapping) else None
    return nct if isinstance(nct, str) else None


def _classic_nct(value: object, depth: int = 0) -> str | None:
    """The ``NCTId`` somewhere in a classic-API file (for the message), if any."""
    if depth > 8:
        return None
    if isinstance(value, Mapping):
        nct = value.get("NCTId")
        if isinstance(nct, str) and _NCT_ID.match(nct):
            return nct
        items: list[object] = list(value.values())
    elif isinstance(value, list):
        items = list(value)
    else:
        return None
    for item in items:
        found = _classic_nct(item, depth + 1)
        if found:
            return found
    return None


def _refuse_classic(study: Mapping[str, Any]) -> None:
    found = [key for key in _CLASSIC_KEYS if key in study]
    if not found and isinstance(study.get("Study"), Mapping):
        found = ["Study"] if "ProtocolSection" in study["Study"] else []
    if not found:
        return
    nct = _classic_nct(study) or "NCTxxxxxxxx"
    raise CtgovImportError(
        "",
        f"this file comes from ClinicalTrials.gov's retired classic API ({found[0]}, "
        "ProtocolSection), which TrialGuide does not read; download the study as API v2 "
        f"JSON instead: {_V2_URL.format(nct=nct)}",
    )


def unwrap_study(study: object, nct: str | None = None) -> tuple[Mapping[str, Any], str]:
    """The study object and its JSON path, from a study or a v2 search page.

    Args:
        study: The parsed JSON file.
        nct: The NCT id to pick from a search page of several studies.

    Raises:
        CtgovImportError: not a v2 study or search page, or the page's study is not clear.
    """
    if not isinstance(study, Mapping):
        raise CtgovImportError(
            "", f"expected a ClinicalTrials.gov study object, found {describe(study)}"
        )
    _refuse_classic(study)
    if "protocolSection" in study or "studies" not in study:
        found_id = _nct_of(study)
        if nct is not None and found_id is not None and found_id != nct:
            raise CtgovImportError("", f"this file holds study {found_id}, not {nct}")
        return study, ""
    studies = study["studies"]
    if not isinstance(studies, list):
        raise CtgovImportError("studies", f"expected a list of studies, found {describe(studies)}")
    if not studies:
        raise CtgovImportError("studies", "this search page holds no study")
    for index, item in enumerate(studies):
        if not isinstance(item, Mapping):
            raise CtgovImportError(
                f"studies[{index}]", f"expected a study object, found {describe(item)}"
            )
    ids = [
        _nct_of(item) or f"(study {index + 1} without an id)" for index, item in enumerate(studies)
    ]
    if nct is not None:
        if nct not in ids:
            raise CtgovImportError(
                "studies", f"{nct} is not on this search page; it holds {', '.join(ids)}"
            )
        index = ids.index(nct)
        return studies[index], f"studies[{index}]"
    if len(studies) > 1:
        raise CtgovImportError(
            "studies",
            f"this search page holds {len(studies)} studies ({', '.join(ids)}); "
            "pick one with --nct NCTxxxxxxxx",
        )
    return studies[0], "studies[0]"


def check_required(study: Mapping[str, Any], path: str) -> None:
    """Refuse a study that lacks required fields, naming every one of them at once.

    A file captured with a ``fields=`` subset of the API lacks whole modules; the author
    should see all that is missing, not the first field only.

    Raises:
        CtgovImportError: one or more required fields are missing or blank.
    """
    missing: list[str] = []
    for parts in REQUIRED:
        value: object = study.get("protocolSection")
        for part in parts:
            value = value.get(part) if isinstance(value, Mapping) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            missing.append(".".join((*([path] if path else []), "protocolSection", *parts)))
    if len(missing) == 1:
        raise CtgovImportError(missing[0], "this required field is missing")
    if missing:
        raise CtgovImportError(
            path,
            f"{len(missing)} required fields are missing: {', '.join(missing)}. A file "
            "saved with a fields= subset of the API lacks them; download the whole study: "
            f"{_V2_URL.format(nct=_nct_of(study) or 'NCTxxxxxxxx')}",
        )

"""The importer against real ClinicalTrials.gov API v2 study files (issue 16).

The corpus in tests/data/ctgov/real/ holds real study JSONs copied unmodified from public
repositories (SOURCES.md says where from). COUNTS.toml holds, for each study, criteria
counts made by hand from its eligibilityCriteria text as the registry's own page shows it;
these tests assert the importer reads the same structure.

What these tests expect of the importer's draft record (the planned model of issue 16; the
importer is being rewritten alongside this corpus):

* ``eligibility.criteria[*].kind`` is one of ``INCLUSION``, ``EXCLUSION`` or ``UNSPECIFIED``
  (the last for criteria under no heading at all, imported drafts only);
* a criterion may carry ``subgroup: str``, the sub-group heading it stands under
  ("For parent participants"), without the trailing colon;
* a group criterion ("one of the following", "two of the following") is ONE criterion with
  ``group_rule`` (the rule in words) and ``options: [str]`` (its options);
* ``eligibility.notes: [str]`` holds disclaimers and notes that stand outside the criteria;
* lead-in sentences ("Subjects who meet any of the following ...") are not criteria; they
  are checked here only through the criterion counts (COUNTS.toml's ``lead_ins`` is not
  asserted on its own, since the model does not name where lead-ins go);
* no CommonMark backslash escape (``\\<``, ``\\>``, ``\\*``, ``\\[`` ...) survives in any
  imported text, ``criteria_text`` included;
* the draft validates with ``app.record.load.validate_record``;
* a file of the retired classic API and a fields-subset capture are refused with a
  ``CtgovImportError`` that says so.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.record.ctgov import CtgovImportError, study_to_record
from app.record.load import validate_record

REAL = Path(__file__).resolve().parent.parent / "data" / "ctgov" / "real"
COUNTS: list[dict[str, Any]] = tomllib.loads((REAL / "COUNTS.toml").read_text("utf-8"))["study"]

#: A CommonMark backslash escape: a backslash before an ASCII punctuation character.
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")


def _study(entry: dict[str, Any]) -> dict[str, Any]:
    """The study a COUNTS.toml entry names: the file itself, or one study of a search page."""
    data: dict[str, Any] = json.loads((REAL / entry["file"]).read_text(encoding="utf-8"))
    if "studies" not in data:
        return data
    for study in data["studies"]:
        if study["protocolSection"]["identificationModule"]["nctId"] == entry["nct"]:
            return dict(study)
    raise AssertionError(f"{entry['nct']} is not in {entry['file']}")


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a record, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def _id(entry: dict[str, Any]) -> str:
    single = entry["file"] == f"{entry['nct']}.json"
    return entry["nct"] if single else f"{entry['file']}:{entry['nct']}"


@pytest.fixture(params=COUNTS, ids=[_id(e) for e in COUNTS])
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    entry: dict[str, Any] = request.param
    return entry, study_to_record(_study(entry))


def test_corpus_is_complete() -> None:
    """Every real study file has hand counts, and every count names a file that exists."""
    counted = {e["file"] for e in COUNTS}
    studies = (
        {p.name for p in REAL.glob("*.json")}
        - {p.name for p in REAL.glob("classic-*.json")}
        - {p.name for p in REAL.glob("subset-*.json")}
    )
    assert counted == studies
    assert len(COUNTS) >= 15


def test_status_and_type(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    entry, record = case
    assert record["identification"]["nct_id"] == entry["nct"]
    assert record["status"]["overall_status"] == entry["overall_status"]
    assert record["status"]["study_type"] == entry["study_type"]


def test_criteria_counts_by_kind(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    entry, record = case
    kinds = [c["kind"] for c in record["eligibility"].get("criteria", [])]
    found = {k: kinds.count(k) for k in ("INCLUSION", "EXCLUSION", "UNSPECIFIED")}
    expected = {
        "INCLUSION": entry["inclusion"],
        "EXCLUSION": entry["exclusion"],
        "UNSPECIFIED": entry["unspecified"],
    }
    assert found == expected, entry["comment"]
    assert len(kinds) == sum(expected.values())


def test_groups(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    entry, record = case
    groups = [c for c in record["eligibility"].get("criteria", []) if c.get("options")]
    assert len(groups) == entry["groups"], entry["comment"]
    for group in groups:
        assert group.get("group_rule"), group
        assert len(group["options"]) >= 2, group
        assert all(isinstance(o, str) and o.strip() for o in group["options"]), group


def test_subgroups(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """Sub-group headings, in order: one entry per run of criteria under the same heading."""
    entry, record = case
    runs: list[str] = []
    last: tuple[str, str | None] | None = None
    for criterion in record["eligibility"].get("criteria", []):
        here = (criterion["kind"], criterion.get("subgroup"))
        if here != last and here[1] is not None:
            runs.append(here[1])
        last = here
    assert runs == entry["subgroups"], entry["comment"]


def test_notes(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    entry, record = case
    notes = record["eligibility"].get("notes", [])
    assert len(notes) == entry["notes"], entry["comment"]
    assert all(isinstance(n, str) and n.strip() for n in notes)


def test_no_backslash_escape_survives(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _entry, record = case
    escaped = [(path, text) for path, text in _strings(record) if ESCAPE.search(text)]
    assert not escaped, [(p, ESCAPE.search(t).group(0)) for p, t in escaped[:5]]  # type: ignore[union-attr]


def test_validates(case: tuple[dict[str, Any], dict[str, Any]]) -> None:
    entry, record = case
    validate_record(record, source=entry["file"])


def test_classic_api_file_is_refused_as_such() -> None:
    study = json.loads((REAL / "classic-NCT04780763.json").read_text(encoding="utf-8"))
    with pytest.raises(CtgovImportError, match=r"(?i)classic"):
        study_to_record(study)


def test_fields_subset_capture_lists_every_missing_field() -> None:
    study = json.loads((REAL / "subset-NCT03453554.json").read_text(encoding="utf-8"))
    with pytest.raises(CtgovImportError) as raised:
        study_to_record(study)
    message = str(raised.value)
    for field in ("statusModule", "designModule", "eligibilityModule"):
        assert field in message, message

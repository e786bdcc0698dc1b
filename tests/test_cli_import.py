"""``trialguide import-ctgov``: input shapes, the import report, exit codes (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.cli import main
from app.record import parse_record
from tests.conftest import DATA

STUDY = DATA / "ctgov" / "NCT09999901.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _study(nct: str = "NCT09999901") -> dict[str, Any]:
    study: dict[str, Any] = json.loads(STUDY.read_text(encoding="utf-8"))
    study["protocolSection"]["identificationModule"]["nctId"] = nct
    return study


def _write(tmp_path: Path, data: object, name: str = "study.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_import_prints_the_report_and_writes_it_at_the_top(capsys, tmp_path):
    out = tmp_path / "r.yaml"
    code, printed, err = run(capsys, "import-ctgov", str(STUDY), "-o", str(out))
    assert code == 0, err
    assert "Import report" in printed and "Left out" in printed
    assert "zip (2 times)" not in printed  # one site has a zip code, the other none
    assert "locations[].zip: postal codes are not shown" in printed
    text = out.read_text(encoding="utf-8")
    header = text[: text.index("schema_version:")]
    assert "# Import report" in header
    assert "#   - protocolSection.contactsLocationsModule.locations[].zip" in header
    assert all(not line or line.startswith("#") for line in header.splitlines())
    parse_record(text.encode("utf-8"), "r.yaml")


def test_search_page_with_one_study_imports_it(capsys, tmp_path):
    path = _write(tmp_path, {"studies": [_study()]})
    code, _out, err = run(capsys, "import-ctgov", path, "-o", str(tmp_path / "r.yaml"))
    assert code == 0, err


def test_search_page_of_several_needs_nct_and_lists_the_ids(capsys, tmp_path):
    path = _write(tmp_path, {"studies": [_study("NCT00000011"), _study("NCT00000022")]})
    out = tmp_path / "r.yaml"
    code, _out, err = run(capsys, "import-ctgov", path, "-o", str(out))
    assert code == 2
    assert "2 studies (NCT00000011, NCT00000022)" in err and "--nct" in err
    assert not out.exists()
    code, _out, err = run(capsys, "import-ctgov", path, "-o", str(out), "--nct", "NCT00000022")
    assert code == 0, err
    assert yaml.safe_load(out.read_text("utf-8"))["identification"]["nct_id"] == "NCT00000022"
    code, _out, err = run(
        capsys, "import-ctgov", path, "-o", str(tmp_path / "x.yaml"), "--nct", "NCT00000033"
    )
    assert code == 2
    assert "NCT00000033 is not on this search page; it holds NCT00000011, NCT00000022" in err


def test_classic_api_file_is_refused_with_the_way_to_v2(capsys, tmp_path):
    classic = {
        "FullStudiesResponse": {
            "FullStudies": [
                {"Study": {"ProtocolSection": {"IdentificationModule": {"NCTId": "NCT04780763"}}}}
            ]
        }
    }
    path = _write(tmp_path, classic)
    code, _out, err = run(capsys, "import-ctgov", path, "-o", str(tmp_path / "r.yaml"))
    assert code == 2
    assert "retired classic API (FullStudiesResponse" in err
    assert "https://clinicaltrials.gov/api/v2/studies/NCT04780763" in err


def test_fields_subset_capture_lists_every_missing_field(capsys, tmp_path):
    subset = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT03453554", "briefTitle": "A study"},
        }
    }
    path = _write(tmp_path, subset)
    code, _out, err = run(capsys, "import-ctgov", path, "-o", str(tmp_path / "r.yaml"))
    assert code == 2
    assert "5 required fields are missing" in err
    for field in (
        "statusModule.overallStatus",
        "sponsorCollaboratorsModule.leadSponsor.name",
        "descriptionModule.briefSummary",
        "designModule.studyType",
        "eligibilityModule.eligibilityCriteria",
    ):
        assert f"protocolSection.{field}" in err
    assert "fields=" in err and "/api/v2/studies/NCT03453554" in err


def test_report_names_the_decisions(capsys, tmp_path):
    study = _study()
    protocol = study["protocolSection"]
    protocol["eligibilityModule"]["eligibilityCriteria"] = (
        "* Adults\n* Two of the following:\n  * Fever\n  * Cough\n\n"
        "Note: not all criteria are listed"
    )
    del protocol["statusModule"]["startDateStruct"]["type"]
    del protocol["contactsLocationsModule"]["centralContacts"][0]["name"]
    path = _write(tmp_path, study)
    out = tmp_path / "r.yaml"
    code, printed, err = run(capsys, "import-ctgov", path, "-o", str(out))
    assert code == 0, err
    assert (
        "has no Inclusion/Exclusion headings: its 2 criteria are imported as kind UNSPECIFIED"
        in (printed)
    )
    assert "group criterion 'Two of the following' with 2 options" in printed
    assert "kept as a note on the list, not a criterion: Note: not all criteria" in printed
    assert "startDateStruct.date (2024-03) has no type" in printed
    assert "centralContacts[0] has no name" in printed
    record = parse_record(out.read_bytes(), "r.yaml")
    assert record.status.start is not None and record.status.start.type is None
    assert record.contacts[0].name is None
    code, _out, err = run(capsys, "validate", str(out), "--strict")
    assert code == 2
    assert "is not sorted: set its kind to INCLUSION or EXCLUSION" in err

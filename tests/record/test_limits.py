"""The limits of app/record/limits.py: a record at every limit loads; one over is refused.

The records just over each limit are in ``tests/data/bad_records/`` (``too_many_*``,
``*_too_long``); the screens at the limits are rendered in ``tests/ui/test_screens_at_limits.py``.
"""

from __future__ import annotations

import pytest

from app.record import RecordError, limits, parse_record, validate_record
from app.record.load import MAX_BYTES
from tools.at_limits import _dump, at_limits_record


@pytest.mark.parametrize("long_texts", [False, True], ids=["counts", "long_texts"])
def test_a_record_at_the_limits_loads(long_texts):
    data = _dump(at_limits_record(long_texts))
    assert len(data) <= MAX_BYTES
    record = parse_record(data, "at-limits.yaml")
    patient = record.patient
    assert patient is not None
    assert len(patient.glossary) == limits.MAX_GLOSSARY_TERMS
    assert len(patient.procedures) == limits.MAX_PROCEDURE_STEPS
    assert len(record.official.detailed_description or "") == limits.MAX_OFFICIAL_CHARS
    assert "\n" not in (record.official.detailed_description or "")
    assert len(record.official.brief_summary) == limits.MAX_OFFICIAL_CHARS
    assert len(record.eligibility.criteria_text) == limits.MAX_OFFICIAL_CHARS
    if long_texts:
        longest = max(len(text) for term in patient.glossary for text in term.definition.values())
        assert longest == limits.MAX_ENTRY_CHARS


@pytest.mark.parametrize(
    ("name", "path", "grow"),
    [
        (
            "MAX_GLOSSARY_TERMS",
            "patient.glossary",
            lambda d: d["patient"]["glossary"].append(
                dict(d["patient"]["glossary"][0], id="one_more")
            ),
        ),
        (
            "MAX_PROCEDURE_STEPS",
            "patient.procedures",
            lambda d: d["patient"]["procedures"].append(
                dict(d["patient"]["procedures"][0], id="one_more")
            ),
        ),
        (
            "MAX_OFFICIAL_CHARS",
            "eligibility.criteria_text",
            lambda d: d["eligibility"].update(
                criteria_text=d["eligibility"]["criteria_text"] + "x"
            ),
        ),
        (
            "MAX_SHORT_CHARS",
            "patient.glossary[0].term",
            lambda d: d["patient"]["glossary"][0].update(
                term={"en": "x" * (limits.MAX_SHORT_CHARS + 1), "fa": "ب"}
            ),
        ),
        (
            "MAX_ENTRY_CHARS",
            "patient.procedures[0].what",
            lambda d: d["patient"]["procedures"][0].update(
                what={"en": "x", "fa": "ب" * (limits.MAX_ENTRY_CHARS + 1)}
            ),
        ),
        (
            "MAX_PATIENT_CHARS",
            "patient.contact",
            lambda d: d["patient"].update(
                contact={"en": "x" * limits.MAX_PATIENT_CHARS + "x", "fa": "ب"}
            ),
        ),
    ],
)
def test_one_over_a_limit_is_refused_with_the_path_and_the_limit(name, path, grow):
    data = at_limits_record()
    grow(data)
    with pytest.raises(RecordError) as caught:
        validate_record(data)
    issues = caught.value.issues
    assert len(issues) == 1, caught.value.describe()
    assert caught.value.describe().startswith(f"<record>: {path}: ")
    assert f"at most {getattr(limits, name):,}" in issues[0].message


def test_limits_are_read_when_a_record_is_checked(monkeypatch):
    """A benchmark lifts them in its own process, as it lifts the loader's bounds."""
    data = at_limits_record()
    data["patient"]["glossary"].append(dict(data["patient"]["glossary"][0], id="one_more"))
    with pytest.raises(RecordError):
        validate_record(data)
    monkeypatch.setattr(limits, "MAX_GLOSSARY_TERMS", limits.MAX_GLOSSARY_TERMS + 1)
    validate_record(data)

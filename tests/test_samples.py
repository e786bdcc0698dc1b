"""The sample catalog's second real study (issue 14): resources/records/NCT05594173.yaml.

It must be ready for patients (strict lint clean, every patient text in English and
Persian), its official text must be the registry's own (the real JSON it was imported
from), its self-check must give the verdicts its comments promise, and the sample
config must start a two-study catalog without touching the default record.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from app.record import validate_record
from app.record.checks import iter_texts
from app.record.ctgov import study_to_record
from app.record.lint import lint_record
from app.record.load import DEFAULT_RECORD, load_record
from app.record.models import TrialRecord
from app.selfcheck import CriterionStatus, Outcome, check_answers, evaluate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "records" / "NCT05594173.yaml"
REGISTRY_JSON = ROOT / "tests" / "data" / "ctgov" / "real" / "NCT05594173.json"
SAMPLE_CONFIG = ROOT / "packaging" / "sample-clinic.toml"


@pytest.fixture(scope="module")
def sample() -> TrialRecord:
    return load_record(SAMPLE)


@pytest.fixture(scope="module")
def imported() -> TrialRecord:
    """The same study as the importer reads it from the registry's JSON today."""
    study = json.loads(REGISTRY_JSON.read_text(encoding="utf-8"))
    return validate_record(study_to_record(study), str(REGISTRY_JSON))


def test_sample_is_strict_clean(sample):
    # Reading-level figures are warnings (they inform, they do not fail strict).
    assert [issue for issue in lint_record(sample) if issue.level == "error"] == []


def test_every_patient_text_has_english_and_persian(sample):
    assert sample.languages == ("en", "fa")
    by_path: dict[tuple, dict[str, str]] = {}
    for path, lang, text in iter_texts(sample):  # path ends with the language
        by_path.setdefault(path[:-1], {})[lang] = text
    assert len(by_path) > 100  # the walk really reached the patient texts
    incomplete = {
        path: sorted(texts)
        for path, texts in by_path.items()
        if set(texts) != {"en", "fa"} or not all(t.strip() for t in texts.values())
    }
    assert incomplete == {}


def test_official_text_is_the_registrys(sample, imported):
    """Every official field is what the registry JSON says, word for word."""
    assert sample.identification.model_dump(
        exclude={"plain_title", "short_title"}
    ) == imported.identification.model_dump(exclude={"plain_title", "short_title"})
    assert sample.status == imported.status
    assert sample.official == imported.official
    assert sample.design == imported.design
    assert sample.arms == imported.arms == ()
    assert sample.interventions == imported.interventions
    assert sample.conditions == imported.conditions
    assert sample.investigators == imported.investigators
    assert sample.contacts == imported.contacts == ()

    def measures(record):
        return [o.model_dump(exclude={"plain"}) for o in record.outcomes.primary]

    assert measures(sample) == measures(imported)

    def names(record):
        lead = record.sponsors.lead
        return (
            lead.name,
            lead.agency_class,
            [(c.name, c.agency_class) for c in record.sponsors.collaborators],
            record.sponsors.responsible_party,
        )

    assert names(sample) == names(imported)
    place = ("facility", "city", "state", "country")
    assert [loc.model_dump(include=set(place)) for loc in sample.locations] == [
        loc.model_dump(include=set(place)) for loc in imported.locations
    ]


def test_eligibility_is_the_registrys(sample, imported):
    mine, theirs = sample.eligibility, imported.eligibility
    same = ("criteria_text", "minimum_age", "maximum_age", "sex", "healthy_volunteers")
    for field in same:
        assert getattr(mine, field) == getattr(theirs, field), field
    # Every registry criterion, verbatim and of its kind; only `age` is added, from the
    # structured age limits.
    assert sorted((c.kind, c.official) for c in mine.criteria if c.id != "age") == sorted(
        (c.kind, c.official) for c in theirs.criteria
    )
    age = next(c for c in mine.criteria if c.id == "age")
    assert age.official == "Minimum age: 18 Years. Maximum age: 60 Years."


#: A visitor who answers everything in the study's favour.
FITS = {
    "age": 34,
    "health": "no",
    "swallow_speech_stomach": "no",
    "nerves_sinus_taste": "no",
    "mouth_throat_surgery": "no",
    "diabetes": "no",
    "dentures": "no",
    "adhesive_allergy": "no",
    "food_allergy": "no",
}

# (case, changes to FITS, outcome, {criterion id: status})
TABLE = [
    # One criterion (understanding the papers) is the study team's: never likely_match.
    ("all answers fit", {}, Outcome.MAY_MATCH, {"communication": "screening", "age": "met"}),
    ("youngest", {"age": 18}, Outcome.MAY_MATCH, {"age": "met"}),
    ("too young", {"age": 17}, Outcome.DOES_NOT_MATCH, {"age": "not_met"}),
    ("59", {"age": 59}, Outcome.MAY_MATCH, {"age": "met"}),
    # "under age 60" in the text, "60 Years" as the limit: only the team can say.
    ("exactly 60", {"age": 60}, Outcome.MAY_MATCH, {"age": "unknown"}),
    ("too old", {"age": 61}, Outcome.DOES_NOT_MATCH, {"age": "not_met"}),
    ("long-term illness", {"health": "yes"}, Outcome.MAY_MATCH, {"healthy_adult": "unknown"}),
    (
        "swallowing problem",
        {"swallow_speech_stomach": "yes"},
        Outcome.DOES_NOT_MATCH,
        {"swallow_speech_history": "not_met"},
    ),
    (
        "either question of the same criterion rules out",
        {"nerves_sinus_taste": "yes"},
        Outcome.DOES_NOT_MATCH,
        {"swallow_speech_history": "not_met"},
    ),
    (
        "unsure about one half",
        {"nerves_sinus_taste": "unsure"},
        Outcome.MAY_MATCH,
        {"swallow_speech_history": "unknown"},
    ),
    (
        "throat surgery",
        {"mouth_throat_surgery": "yes"},
        Outcome.DOES_NOT_MATCH,
        {"mouth_throat_surgery": "not_met"},
    ),
    (
        "teeth only",
        {"mouth_throat_surgery": "teeth_only"},
        Outcome.MAY_MATCH,
        {"mouth_throat_surgery": "unknown"},
    ),
    ("type 1 diabetes", {"diabetes": "yes"}, Outcome.DOES_NOT_MATCH, {"type1_diabetes": "not_met"}),
    ("type 2 is not named", {"diabetes": "type2"}, Outcome.MAY_MATCH, {"type1_diabetes": "met"}),
    ("dentures", {"dentures": "yes"}, Outcome.DOES_NOT_MATCH, {"dentures": "not_met"}),
    (
        "adhesive allergy",
        {"adhesive_allergy": "yes"},
        Outcome.DOES_NOT_MATCH,
        {"adhesive_allergy": "not_met"},
    ),
    # The registry does not name the foods: a food allergy cannot rule anyone out here.
    ("food allergy", {"food_allergy": "yes"}, Outcome.MAY_MATCH, {"food_allergy": "unknown"}),
]


@pytest.mark.parametrize(
    ("changes", "outcome", "statuses"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_selfcheck(sample, changes, outcome, statuses):
    result = evaluate(sample, check_answers(sample, {**FITS, **changes}))
    assert result.outcome is outcome
    got = {c.criterion_id: c.status for c in result.criteria}
    assert {k: got[k] for k in statuses} == {k: CriterionStatus(v) for k, v in statuses.items()}


def test_sample_config_lists_the_default_and_the_sample():
    config = tomllib.loads(SAMPLE_CONFIG.read_text(encoding="utf-8"))
    assert "record" not in config  # a catalog, not one study
    paths = [(SAMPLE_CONFIG.parent / p).resolve() for p in config["records"]]
    assert paths == [SAMPLE.parent / DEFAULT_RECORD, SAMPLE]
    assert [load_record(p).identification.nct_id for p in paths] == [
        "NCT05703308",
        "NCT05594173",
    ]


def test_default_record_is_still_the_default():
    """`make run` (no config, no --record) shows the default study alone."""
    assert load_record().identification.nct_id == "NCT05703308"


def test_the_bundle_ships_the_sample():
    spec = (ROOT / "packaging" / "trialguide.spec").read_text(encoding="utf-8")
    assert '"records" / "NCT05594173.yaml"), "resources/records")' in spec

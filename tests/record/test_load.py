"""Loading records: valid ones load, broken ones name the file, the field path and the problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.record import RecordError, load_record, parse_record
from app.record.load import MAX_BYTES

Mutation = Callable[[dict[str, Any]], None]


def _dump(data: dict[str, Any]) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _errors(data: bytes, source: str = "rec.yaml") -> list[str]:
    with pytest.raises(RecordError) as info:
        parse_record(data, source)
    return [issue.describe(source) for issue in info.value.issues]


def test_minimal_record_loads(minimal_record):
    assert minimal_record.identification.nct_id == "NCT00000001"
    assert minimal_record.languages == ("en", "fa")
    assert [q.id for q in minimal_record.questions] == ["age", "pregnant"]
    # yes / no stay option ids, not YAML 1.1 booleans
    assert [o.id for o in minimal_record.questions[1].options] == ["yes", "no", "unsure"]
    # an unquoted date stays the text the coordinator typed
    assert minimal_record.status.start.date == "2024-03-01"


def test_record_is_immutable(minimal_record):
    with pytest.raises(Exception, match="frozen"):
        minimal_record.content_version = "x"


def _set(path: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = _parse(path)
        node: Any = data
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = _parse(path)
        node: Any = data
        for part in parents:
            node = node[part]
        del node[last]

    return mutate


def _parse(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for chunk in path.replace("[", ".").replace("]", "").split("."):
        parts.append(int(chunk) if chunk.isdigit() else chunk)
    return parts


BROKEN: list[tuple[str, Mutation, str, str]] = [
    # (case, mutation, expected field path, expected words in the message)
    (
        "missing Persian",
        _delete("eligibility.criteria[2].plain.fa"),
        "eligibility.criteria[2].plain.fa",
        "fa text is missing",
    ),
    ("blank English", _set("patient.summary.en", "   "), "patient.summary", "en text is empty"),
    (
        "undeclared language",
        _set("patient.contact.de", "Fragen Sie"),
        "patient.contact",
        "not one of the record's languages",
    ),
    (
        "unknown status",
        _set("status.overall_status", "OPEN"),
        "status.overall_status",
        "'OPEN' is not one of",
    ),
    ("unknown phase", _set("status.phases", ["PHASE9"]), "status.phases[0]", "'PHASE9'"),
    (
        "misspelt key",
        _set("identification.brief_titel", "x"),
        "identification.brief_titel",
        "not part of the record format",
    ),
    (
        "missing field",
        _delete("identification.official_title"),
        "identification.official_title",
        "required field is missing",
    ),
    (
        "bad nct id",
        _set("identification.nct_id", "NCT123"),
        "identification.nct_id",
        "expected form",
    ),
    (
        "negative enrollment",
        _set("status.enrollment.count", -3),
        "status.enrollment.count",
        "greater than or equal to 0",
    ),
    ("impossible date", _set("status.start.date", "2023-02-30"), "status.start", "not a real date"),
    (
        "wrong type",
        _set("eligibility.healthy_volunteers", "sometimes"),
        "eligibility.healthy_volunteers",
        "boolean",
    ),
    (
        "bad verdict",
        _set("questions[1].options[0].verdict", "maybe"),
        "questions[1].options[0].verdict",
        "'maybe'",
    ),
    (
        "bad question type",
        _set("questions[1].type", "slider"),
        "questions[1]",
        "type must be 'choice'",
    ),
    (
        "one option only",
        _set(
            "questions[1].options",
            [
                {
                    "id": "yes",
                    "label": {"en": "Yes", "fa": "بله"},
                    "verdict": "met",
                    "reason": {"en": "r", "fa": "ر"},
                }
            ],
        ),
        "questions[1].options",
        "at least 2",
    ),
    (
        "question without criterion",
        _set("questions[1].criterion", "nothing"),
        "questions[1].criterion",
        "points at criterion 'nothing'",
    ),
    (
        "question about a lab criterion",
        _set("questions[1].criterion", "blood"),
        "questions[1].criterion",
        "checked by the study team",
    ),
    (
        "duplicate criterion id",
        _set("eligibility.criteria[1].id", "age"),
        "eligibility.criteria[1].id",
        "duplicate criterion id 'age'",
    ),
    (
        "duplicate option id",
        _set("questions[1].options[1].id", "yes"),
        "questions[1].options[1].id",
        "duplicate option id 'yes'",
    ),
    (
        "undefined glossary mark",
        _set("patient.summary.en", "See [[xyz]]."),
        "patient.summary.en",
        "[[xyz]] marks a term the glossary does not define",
    ),
    ("wrong schema version", _set("schema_version", 7), "schema_version", "not supported"),
    (
        "unknown age unit",
        _set("eligibility.minimum_age.unit", "DECADES"),
        "eligibility.minimum_age.unit",
        "'DECADES'",
    ),
    (
        "max age below min",
        _set("eligibility.maximum_age.value", 10),
        "eligibility.maximum_age",
        "below the minimum",
    ),
    (
        "procedure for an unknown arm",
        _set("patient.procedures[0].arms", ["Group Z"]),
        "patient.procedures[0].arms[0]",
        "no study group is labelled 'Group Z'",
    ),
    ("no languages", _set("languages", []), "languages", "at least 1"),
]


@pytest.mark.parametrize(
    ("mutation", "path", "words"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_record_names_path(minimal_dict, mutation, path, words):
    mutation(minimal_dict)
    messages = _errors(_dump(minimal_dict))
    matching = [m for m in messages if f": {path}: " in m]
    assert matching, messages
    assert any(words in m for m in matching), messages
    assert all(m.startswith("rec.yaml") for m in messages)


def test_errors_carry_the_line_number(minimal_dict):
    minimal_dict["status"]["overall_status"] = "OPEN"
    text = _dump(minimal_dict)
    line = next(i for i, t in enumerate(text.decode().splitlines(), 1) if "OPEN" in t)
    (message,) = _errors(text)
    assert message.startswith(f"rec.yaml:{line}: status.overall_status:")


def test_every_problem_is_reported_at_once(minimal_dict):
    del minimal_dict["patient"]["summary"]["fa"]
    del minimal_dict["eligibility"]["criteria"][0]["plain"]["fa"]
    minimal_dict["status"]["overall_status"] = "OPEN"
    messages = _errors(_dump(minimal_dict))
    assert len(messages) == 3


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("identification: café".encode("latin-1"), "not UTF-8 text (byte 0xe9"),
        (b"a: [1, 2\nb: 3\n", "not valid YAML"),
        (b"- just\n- a list\n", "must be a mapping"),
        (b"schema_version: 1\nschema_version: 1\n", "'schema_version' appears twice"),
        (b"base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys"),
        (b"obj: !!python/object/apply:os.system ['true']\n", "is not allowed in a record"),
        (b"content_version: 1\n", "schema_version is missing"),
    ],
)
def test_unreadable_yaml(data, words):
    messages = _errors(data)
    assert any(words in m for m in messages), messages


def test_yaml_syntax_error_has_line():
    (message,) = _errors(b"schema_version: 1\nlanguages: [en\nstatus: x\n")
    assert message.startswith("rec.yaml:3: ") or message.startswith("rec.yaml:2: ")


def test_alias_bomb_is_refused_quickly():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    messages = _errors("\n".join(lines).encode())
    assert any("too many values" in m for m in messages), messages


def _events(text: str) -> int:
    """The events libyaml's parser reports for ``text``: what the loader's count counts."""
    return sum(1 for _event in yaml.parse(text, Loader=yaml.CSafeLoader))


#: Text as dense in events as YAML allows (each repeated inside the brackets): empty keys
#: and values, nested flow collections. ``[?],`` in a flow mapping makes the most, 1.76
#: a character.
DENSE_SHAPES = [
    ("? ", ""),
    ("?\n", ""),
    ("- ", ""),
    ("-\n", ""),
    ("a,", "[]"),
    ("a,", "{}"),
    ("[?],", "[]"),
    ("[?],", "{}"),
    ("{?,?},", "[]"),
    ("{?,?},", "{}"),
    ("[{?: }],", "{}"),
    ("[[?]],", "{}"),
    ("{[?]},", "[]"),
]


@pytest.mark.parametrize(("shape", "brackets"), DENSE_SHAPES)
def test_no_text_holds_more_events_than_the_uncounted_bound(shape, brackets):
    # The loader composes a text of up to _UNCOUNTED_CHARACTERS without counting its
    # events first: that is safe only while no text holds more than
    # _EVENTS_PER_CHARACTER of them a character.
    from app.record.load import _EVENTS_PER_CHARACTER

    text = brackets[:1] + shape * 500 + brackets[1:]
    events = _events(text)
    assert events >= len(text) // 2
    assert events <= _EVENTS_PER_CHARACTER * len(text)


#: Entries of a flow mapping, and of a flow list, as dense in events as YAML allows.
_MAPPING_ENTRIES = ("[?],", "a,", "{?,?},", "[{?: }],", "? ,", "[[?]],")
_LIST_ENTRIES = ("a,", "[?],", "{?,?},", "[[?]],", "{[?]},")


def test_dense_entries_mixed_at_random_hold_no_more_events_than_the_bound():
    # Long texts (hundreds of characters), so that the stream's own events do not hide
    # a denser mix than the shapes above.
    import random

    from app.record.load import _EVENTS_PER_CHARACTER

    rng = random.Random(18)
    densest = 0.0
    for _ in range(300):
        mapping = rng.random() < 0.5
        entries = _MAPPING_ENTRIES if mapping else _LIST_ENTRIES
        body = "".join(rng.choice(entries) for _ in range(rng.randint(50, 400)))
        text = ("{" if mapping else "[") + body + ("}" if mapping else "]")
        events = _events(text)
        densest = max(densest, events / len(text))
        assert events <= _EVENTS_PER_CHARACTER * len(text), text[:80]
    assert densest > 1.2  # (dense mixes, all of them YAML)


def test_pyyamls_own_parser_reaches_two_events_a_character():
    # Why the loader counts every text without libyaml: PyYAML's own parser accepts
    # "[?," (libyaml refuses it), two events a character and more.
    text = "[" + "?," * 1000 + "]"
    assert sum(1 for _event in yaml.parse(text, Loader=yaml.SafeLoader)) > 2 * len(text)


def test_only_a_long_text_is_counted_before_it_is_composed(monkeypatch):
    from app.record import load

    counted: list[int] = []
    real = load._count_events
    monkeypatch.setattr(
        load, "_count_events", lambda text, source: counted.append(len(text)) or real(text, source)
    )
    short = (Path(__file__).parents[1] / "data" / "records" / "minimal.yaml").read_bytes()
    parse_record(short)
    assert counted == []
    # A comment adds characters and no values: the same record, now counted, still loads.
    long = short + b"# " + b"x" * load._UNCOUNTED_CHARACTERS + b"\n"
    assert parse_record(long).identification.nct_id == "NCT00000001"
    assert counted == [len(long.decode())]


def test_a_record_just_under_the_counted_length_is_composed_and_checked():
    # Just under the length counted first, with an event a character (empty keys and
    # values): composed at once, and refused for what its fields are, field named.
    from app.record.load import _UNCOUNTED_CHARACTERS

    text = "keywords: {" + "?," * ((_UNCOUNTED_CHARACTERS - 20) // 2) + "}\n"
    assert len(text) <= _UNCOUNTED_CHARACTERS
    assert _events(text) > 95_000
    messages = _errors(text.encode())
    assert any("keywords" in m for m in messages), messages


def test_deep_nesting_is_refused():
    data = ("a: " + "[" * 200 + "]" * 200 + "\n").encode()
    messages = _errors(data)
    assert any("nested deeper" in m for m in messages), messages


def test_oversized_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"schema_version: 1\nx: '" + b"a" * (MAX_BYTES + 10) + b"'\n")
    with pytest.raises(RecordError, match="larger than"):
        load_record(big)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(RecordError, match="does not exist") as info:
        load_record(tmp_path / "nope.yaml")
    assert str(tmp_path / "nope.yaml") in info.value.describe()
    with pytest.raises(RecordError, match="folder"):
        load_record(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text("schema_version: 1\n")
    real_open = open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(RecordError, match="permission denied"):
        load_record(path)


def test_file_on_disk_round_trip(tmp_path, minimal_dict):
    path = tmp_path / "r.yaml"
    path.write_bytes(_dump(minimal_dict))
    assert load_record(path).content_version == "test-1"


def test_lookup_helpers(minimal_record):
    assert minimal_record.criterion("blood").how_checked["en"].startswith("A blood test")
    assert minimal_record.question("pregnant").criterion == "not_pregnant"
    assert minimal_record.glossary_term("cbc").term["en"] == "CBC"
    for lookup in (minimal_record.criterion, minimal_record.question, minimal_record.glossary_term):
        with pytest.raises(KeyError):
            lookup("nope")


def test_embedded_default_record_has_complete_eligibility(default_record):
    record = default_record
    assert record.identification.nct_id == "NCT05703308"
    assert record.languages == ("en", "fa")
    assert record.status.overall_status.value == "COMPLETED"
    assert not record.enrolling
    officials = [c.official for c in record.eligibility.criteria]
    # The two items the seed copy lost are restored.
    assert any("AMH" in text for text in officials)
    assert any("hydrosalpinx" in text.lower() for text in officials)
    assert sum(c.kind.value == "EXCLUSION" for c in record.eligibility.criteria) == 2
    assert "AMH" in record.eligibility.criteria_text
    assert [q.id for q in record.questions] == [
        "age",
        "sex",
        "prior_ivf_icsi",
        "afc_low",
        "amh_low",
        "ovarian_cyst_history",
        "ovarian_surgery",
        "cancer_history",
        "autoimmune",
        "tube_or_uterus_problem",
        "male_factor",
    ]
    assert record.contacts == ()  # the sources give no phone or e-mail: none invented


def test_default_record_file_matches_embedded(default_record):
    path = Path(__file__).parents[2] / "resources" / "records" / "NCT05703308.yaml"
    assert load_record(path) == default_record


def test_an_entity_in_the_registrys_title_is_kept_as_written(default_dict):
    """A real official title holds "&Amp;" (NCT06388018): registry words stay importable,
    while the same string in a title the authors write is refused."""
    from app.record import RecordError
    from app.record.load import validate_record

    default_dict["identification"]["official_title"] += " &Amp; Radiation"
    assert validate_record(default_dict).identification.official_title.endswith("&Amp; Radiation")
    default_dict["identification"]["plain_title"]["en"] += " &amp; more"
    with pytest.raises(RecordError, match=r"plain_title\.en: markup \('&amp;'\)"):
        validate_record(default_dict)

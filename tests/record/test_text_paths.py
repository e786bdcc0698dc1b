"""app/record/text_paths.py: text keys, the ``translations:`` map, its checks and its lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.record import RecordError, load_record, parse_record
from app.record.approval import content_digest
from app.record.issues import format_path
from app.record.lint import lint_record
from app.record.text_paths import english_digest, text_entries, translation_state

DEFAULT = Path(__file__).parents[2] / "resources" / "records" / "NCT05703308.yaml"


def _text() -> str:
    return DEFAULT.read_text(encoding="utf-8")


def test_keys_are_built_from_ids_and_are_unique() -> None:
    record = load_record(DEFAULT)
    keys = [entry.key for entry in text_entries(record)]
    assert len(keys) == len(set(keys))
    for key in (
        "identification.plain_title",
        "arms[0].plain",
        "eligibility.criteria[amh].plain",
        "eligibility.criteria[thyroid].how_checked",
        "patient.summary",
        "patient.glossary[ivf].definition",
        "questions[male_factor].options[no].label",
        "questions[age].rules[0].reason",
    ):
        assert key in keys
    entry = next(e for e in text_entries(record) if e.key == "eligibility.criteria[amh].plain")
    assert entry.path == ("eligibility", "criteria", 2, "plain")


def test_the_default_record_tracks_every_translation() -> None:
    record = load_record(DEFAULT)
    assert {translation_state(record, e, "fa") for e in text_entries(record)} == {"current"}


def test_the_digest_is_twelve_hex_digits_of_sha256() -> None:
    assert english_digest("The study took women only.") == "bd08cbf32058"


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "message"),
    [
        (
            "translations:\n  fa:",
            "translations:\n  en:",
            "translations.en",
            1449,
            "English is the language",
        ),
        (
            "  fa:\n    identification.plain_title",
            "  fa:\n    identification.plain_title: 2b779b5a36b8\n"
            "  de:\n    identification.plain_title",
            "translations.de",
            1451,
            "de is not one of the record's languages",
        ),
        (
            "identification.plain_title: 2b779b5a36b8",
            "identification.plain_title: 2b779b5a",
            "translations.fa.identification.plain_title",
            1449,
            "'2b779b5a' is neither the digest of an English text (12 hex digits",
        ),
        (
            "identification.plain_title: 2b779b5a36b8",
            "Identification Plain: 2b779b5a36b8",
            "translations.fa.Identification Plain.[key]",
            1449,
            "does not have the expected form",
        ),
    ],
)
def test_a_bad_translations_map_is_refused_with_its_line(
    old: str, new: str, path: str, line: int, message: str
) -> None:
    text = _text()
    assert old in text
    with pytest.raises(RecordError) as caught:
        parse_record(text.replace(old, new, 1).encode("utf-8"), "r.yaml")
    (issue,) = caught.value.issues
    assert issue.line == line
    assert message in issue.message
    assert format_path(issue.path) == path


def test_strict_lint_reports_stale_draft_and_dangling_translations() -> None:
    text = (
        _text()
        .replace('en: "The study took women only."', 'en: "The study took only women."')
        .replace(
            "eligibility.criteria[amh].plain: 94edb44ce3ef",
            "eligibility.criteria[amh].plain: fuzzy",
        )
        .replace(
            "    sponsors.lead.plain:", "    arms[7].plain: 0506c255e29a\n    sponsors.lead.plain:"
        )
    )
    issues = lint_record(parse_record(text.encode("utf-8")))
    # Only the translation findings: other lint (reading level...) has its own tests.
    findings = [i.describe() for i in issues if "translat" in i.message]
    assert findings == [
        "translations.fa.arms[7].plain: names no patient-facing text (removed or renamed?): "
        "delete this line, or run `trialguide translate import`, which drops it",
        "eligibility.criteria[1].plain.fa: the fa text was made from an earlier English that "
        "has changed since: send it to the translator again (`trialguide translate export`)",
        "eligibility.criteria[2].plain.fa: the fa text is a translator's draft (fuzzy) that "
        "still needs review: send it to the translator again (`trialguide translate export`)",
    ]


def test_the_approval_digest_counts_the_translations_map() -> None:
    text = _text()
    record = parse_record(text.encode("utf-8"))
    changed = parse_record(
        text.replace(
            "identification.plain_title: 2b779b5a36b8", "identification.plain_title: fuzzy"
        ).encode("utf-8")
    )
    assert content_digest(changed) != content_digest(record)


def test_a_record_without_the_map_keeps_its_digest() -> None:
    text = _text()
    without = text.split("\n# Written by `trialguide translate import`", 1)[0] + "\n"
    record = parse_record(without.encode("utf-8"))
    assert record.translations == {}
    data = record.model_dump(mode="json", exclude={"approval", "translations", "audio"})
    import hashlib
    import json

    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert content_digest(record) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_every_kind_of_text_has_a_role_for_the_translator() -> None:
    from app.record.models import TrialRecord
    from app.record.text_paths import _ROLES

    record = load_record(DEFAULT)
    assert all(entry.role in _ROLES.values() for entry in text_entries(record))
    # Every Text field of the format has a role, not only the default record's.
    text_fields = {
        (model.__name__, name)
        for model in _models(TrialRecord)
        for name, info in model.model_fields.items()
        if "dict[" in str(info.annotation) and name not in ("translations", "audio")
    }
    assert len(text_fields) > 30  # the walk found the format's texts
    assert text_fields <= set(_ROLES)


def _models(root: type) -> set[type]:
    from typing import get_args

    from pydantic import BaseModel

    found: set[type] = set()
    stack = [root]
    while stack:
        model = stack.pop()
        if model in found:
            continue
        found.add(model)
        for info in model.model_fields.values():  # type: ignore[attr-defined]
            pending = [info.annotation]
            while pending:
                kind = pending.pop()
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    stack.append(kind)
                pending.extend(get_args(kind))
    return found

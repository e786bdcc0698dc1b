"""app/translate/importer.py: a translator's PO file written back into the record."""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path

import pytest

from app.record import parse_record
from app.record.text_paths import FUZZY, english_digest
from app.translate.export import build_catalog, catalog_text
from app.translate.importer import TranslationImportError, import_translations
from app.translate.po_read import read_po_file
from tests.translate.translate_helpers import (
    DEFAULT_RECORD_PATH,
    REAL,
    STUDY,
    run_cli,
    translate_po,
    write_plain_english,
)

WHEN = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def _round_trip(text: str, tmp_path: Path, edit=None) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    record = parse_record(text.encode("utf-8"), "r.yaml")
    po = tmp_path / "fa.po"
    po.write_text(
        catalog_text(build_catalog(record, text, "r.yaml", "fa", now=WHEN)), encoding="utf-8"
    )
    if edit is not None:
        po.write_text(edit(po.read_text(encoding="utf-8")), encoding="utf-8")
    lang, entries = read_po_file(po)
    result = import_translations(record, text, "r.yaml", lang, entries, str(po))
    return result.text, result


def test_export_then_import_of_the_default_record_is_byte_identical(tmp_path: Path) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    out, result = _round_trip(text, tmp_path)
    assert out == text
    assert result.updated == [] and result.recorded == 0  # type: ignore[attr-defined]


@pytest.fixture
def real_study(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """NCT00184067 imported, with the scripted author's plain English."""
    path = tmp_path / "study.yaml"
    assert run_cli(["import-ctgov", str(REAL / f"{STUDY}.json"), "-o", str(path)], capsys)[0] == 0
    write_plain_english(path)
    return path


def test_an_imported_real_study_round_trips_before_and_after_translation(
    real_study: Path, tmp_path: Path
) -> None:
    english_only = real_study.read_text(encoding="utf-8")
    out, result = _round_trip(english_only, tmp_path)  # nothing translated yet
    assert out == english_only
    assert len(result.untranslated) == 34  # type: ignore[attr-defined]

    translated, result = _round_trip(english_only, tmp_path, edit=_translated)
    assert result.language_added  # type: ignore[attr-defined]
    record = parse_record(translated.encode("utf-8"))
    assert record.languages == ("en", "fa")
    assert record.patient is not None and record.patient.summary["fa"].startswith("متن فارسی")
    # Lines were only added: the English, the comments and the layout are untouched.
    diff = difflib.unified_diff(english_only.splitlines(), translated.splitlines(), n=0)
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    assert removed == []
    assert "  - fa" in translated.splitlines()
    again, result = _round_trip(translated, tmp_path)
    assert again == translated
    assert result.updated == [] and result.recorded == 0  # type: ignore[attr-defined]


def _translated(po: str) -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.po"
        path.write_text(po, encoding="utf-8")
        translate_po(path)
        return path.read_text(encoding="utf-8")


def test_a_changed_translation_is_written_with_its_english_digest(tmp_path: Path) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    old = 'msgstr "این پژوهش فقط زنان را می‌پذیرفت."'
    out, result = _round_trip(
        text, tmp_path, edit=lambda po: po.replace(old, 'msgstr "این پژوهش تنها زنان را می‌پذیرفت."')
    )
    assert result.updated == ["eligibility.criteria[sex].plain"]  # type: ignore[attr-defined]
    changed = [(a, b) for a, b in zip(text.splitlines(), out.splitlines(), strict=True) if a != b]
    assert changed == [
        (
            '        fa: "این پژوهش فقط زنان را می‌پذیرفت."',
            '        fa: "این پژوهش تنها زنان را می‌پذیرفت."',
        )
    ]


def test_a_fuzzy_entry_is_written_but_kept_as_a_draft(tmp_path: Path) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")

    def fuzzy(po: str) -> str:
        target = 'msgctxt "eligibility.criteria[sex].plain"'
        return po.replace(target, f"#, fuzzy\n{target}").replace(
            'msgstr "این پژوهش فقط زنان را می‌پذیرفت."', 'msgstr "فقط زنان."'
        )

    out, result = _round_trip(text, tmp_path, edit=fuzzy)
    assert result.fuzzy and result.fuzzy[0].startswith("eligibility.criteria[sex].plain (")  # type: ignore[attr-defined]
    record = parse_record(out.encode("utf-8"))
    assert record.criterion("sex").plain == {"en": "The study took women only.", "fa": "فقط زنان."}
    assert record.translations["fa"]["eligibility.criteria[sex].plain"] == FUZZY


def _refused(text: str, tmp_path: Path, edit) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(TranslationImportError) as caught:
        _round_trip(text, tmp_path, edit=edit)
    return str(caught.value)


def test_an_entry_naming_no_text_is_refused_with_its_line(tmp_path: Path) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    message = _refused(
        text,
        tmp_path,
        lambda po: po.replace(
            'msgctxt "eligibility.criteria[sex].plain"',
            'msgctxt "eligibility.criteria[sexx].plain"',
        ),
    )
    po_text = (tmp_path / "fa.po").read_text(encoding="utf-8").splitlines()
    line = next(i for i, s in enumerate(po_text, 1) if "criteria[sexx]" in s) + 1
    assert message == (
        f"{tmp_path / 'fa.po'}:{line}: msgctxt 'eligibility.criteria[sexx].plain': names no "
        "patient-facing text of r.yaml"
    )


def test_an_entry_without_msgctxt_is_refused(tmp_path: Path) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    message = _refused(
        text, tmp_path, lambda po: po.replace('msgctxt "eligibility.criteria[sex].plain"\n', "")
    )
    assert "the entry has no msgctxt naming its text" in message


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("[[icsi|میکرواینجکشن]]", "میکرواینجکشن", "missing [[icsi]]"),
        (
            "[[icsi|میکرواینجکشن]]",
            "[[ivf|میکرواینجکشن]]",
            "missing [[icsi]]; not in the English [[ivf]]",
        ),
    ],
)
def test_changed_glossary_marks_are_refused(tmp_path: Path, old: str, new: str, why: str) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")

    def edit(po: str) -> str:
        head, entry = po.split('msgctxt "outcomes.primary[1].plain"', 1)
        assert old in entry.split("\n\n", 1)[0]
        return head + 'msgctxt "outcomes.primary[1].plain"' + entry.replace(old, new, 1)

    message = _refused(text, tmp_path, edit)
    assert (
        f"msgctxt 'outcomes.primary[1].plain': the glossary marks differ from the English ({why})"
        in message
    )


def test_a_partial_translation_of_a_new_language_is_refused(
    real_study: Path, tmp_path: Path
) -> None:
    text = real_study.read_text(encoding="utf-8")

    def half(po: str) -> str:
        done = _translated(po)
        return re.sub(r'msgstr "متن فارسی شماره‌ی ۲ [^"]*"', 'msgstr ""', done, count=1)

    message = _refused(text, tmp_path, half)
    assert ": 1 text(s) would have no fa text (eligibility.criteria[inc_1].plain); " in message


def test_the_digest_is_of_the_english_the_translator_saw(tmp_path: Path) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    record = parse_record(text.encode("utf-8"))
    po = tmp_path / "fa.po"
    po.write_text(
        catalog_text(build_catalog(record, text, "r.yaml", "fa", now=WHEN)), encoding="utf-8"
    )
    edited = text.replace('en: "The study took women only."', 'en: "The study took only women."')
    lang, entries = read_po_file(po)
    result = import_translations(
        parse_record(edited.encode("utf-8")), edited, "r.yaml", lang, entries, str(po)
    )
    assert result.outdated and result.outdated[0].startswith("eligibility.criteria[sex].plain")
    after = parse_record(result.text.encode("utf-8"))
    assert after.translations["fa"]["eligibility.criteria[sex].plain"] == english_digest(
        "The study took women only."
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("[[icsi|]] باردار", "a glossary mark is malformed"),
        ("باردار\\t" + "ش" * 5000, "the fa text is 5,0"),
    ],
)
def test_a_translation_the_record_refuses_is_named_by_its_po_entry(
    tmp_path: Path, new: str, message: str
) -> None:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    old = 'msgstr "این پژوهش فقط زنان را می‌پذیرفت."'

    def edit(po: str) -> str:
        return po.replace(old, f'msgstr "{new}"')

    refused = _refused(text, tmp_path, edit)
    lines = (tmp_path / "fa.po").read_text(encoding="utf-8").splitlines()
    line = next(i for i, s in enumerate(lines, 1) if "criteria[sex].plain" in s) + 1
    assert refused.startswith(
        f"{tmp_path / 'fa.po'}:{line}: msgctxt 'eligibility.criteria[sex].plain': {message}"
    )
    assert refused.endswith("r.yaml: the record with these translations would not be valid")

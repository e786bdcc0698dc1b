"""app/translate/export.py: the PO file a translator gets."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from babel.messages.pofile import read_po

from app.record import load_record, parse_record
from app.record.text_paths import text_entries
from app.translate.export import MARK_RULE, build_catalog, catalog_text
from tests.translate.translate_helpers import DEFAULT_RECORD_PATH, gettext_check

WHEN = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def _export(text: str, previous: dict[str, str] | None = None) -> str:
    record = parse_record(text.encode("utf-8"), "r.yaml")
    return catalog_text(build_catalog(record, text, "r.yaml", "fa", previous, now=WHEN))


def _messages(po: str) -> dict[str, object]:
    catalog = read_po(io.StringIO(po))
    return {m.context: m for m in catalog if m.id}


def test_every_text_is_one_entry_in_record_order() -> None:
    record = load_record(DEFAULT_RECORD_PATH)
    po = _export(DEFAULT_RECORD_PATH.read_text(encoding="utf-8"))
    messages = _messages(po)
    keys = [entry.key for entry in text_entries(record)]
    assert list(messages) == keys
    assert len(keys) == len(set(keys)) == 255
    amh = messages["eligibility.criteria[amh].plain"]
    assert amh.id == record.criterion("amh").plain["en"]  # type: ignore[attr-defined,index]
    assert amh.string == record.criterion("amh").plain["fa"]  # type: ignore[attr-defined,index]
    assert not amh.fuzzy  # type: ignore[attr-defined]


def test_comments_tell_the_translator_what_the_text_is() -> None:
    po = _export(DEFAULT_RECORD_PATH.read_text(encoding="utf-8"))
    entry = po.split('msgctxt "eligibility.criteria[afc].plain"')[0].rsplit("\n\n", 1)[1]
    assert "#. One eligibility rule in plain words." in entry
    assert "#. This is an inclusion rule" in entry
    assert "#. Registry wording: Antral follicular count (AFC)" in entry
    assert "#. Glossary [[afc]]: " in entry and "#. Glossary [[ultrasound]]: " in entry
    assert MARK_RULE.split()[0] in entry
    lines = DEFAULT_RECORD_PATH.read_text(encoding="utf-8").splitlines()
    location = next(line for line in entry.splitlines() if line.startswith("#: "))
    number = int(location.rsplit(":", 1)[1])
    assert lines[number - 1].strip().startswith("en: >-")  # the English's own line
    label = po.split('msgctxt "questions[male_factor].options[no].label"')[0].rsplit("\n\n", 1)
    assert "#. An answer button: a few words." in label[1]
    assert "#. The question: Has your husband had a sperm test" in label[1]


def test_the_export_passes_gettexts_own_tools(tmp_path: Path) -> None:
    path = tmp_path / "fa.po"
    path.write_text(_export(DEFAULT_RECORD_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    gettext_check(path)


def _with_digest_for_changed_english() -> tuple[str, str]:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    old = 'en: "The study took women only."'
    assert old in text
    return text, text.replace(old, 'en: "The study took only women."')


def test_changed_english_makes_the_entry_fuzzy_with_the_earlier_english(tmp_path: Path) -> None:
    before, after = _with_digest_for_changed_english()
    previous = {m: str(msg.id) for m, msg in _messages(_export(before)).items()}  # type: ignore[attr-defined]
    po = _export(after, previous)
    messages = _messages(po)
    sex = messages["eligibility.criteria[sex].plain"]
    assert sex.fuzzy  # type: ignore[attr-defined]
    assert sex.string == "این پژوهش فقط زنان را می‌پذیرفت."  # type: ignore[attr-defined]
    assert [k for k, m in messages.items() if m.fuzzy] == ["eligibility.criteria[sex].plain"]  # type: ignore[attr-defined]
    # Babel's reader drops "#|" lines: the earlier English is read from the text.
    entry = po.split('msgctxt "eligibility.criteria[sex].plain"')[0].rsplit("\n\n", 1)[1]
    assert entry.endswith('#, fuzzy\n#| msgid "The study took women only."\n')
    path = tmp_path / "fa.po"
    path.write_text(po, encoding="utf-8")
    gettext_check(path)


def test_without_an_earlier_file_the_stale_entry_is_fuzzy_alone() -> None:
    _before, after = _with_digest_for_changed_english()
    po = _export(after)
    assert _messages(po)["eligibility.criteria[sex].plain"].fuzzy  # type: ignore[attr-defined]
    assert "#| msgid" not in po


def test_an_earlier_file_with_other_english_gives_no_previous_msgid() -> None:
    _before, after = _with_digest_for_changed_english()
    previous = {"eligibility.criteria[sex].plain": "Some English it was never made from."}
    po = _export(after, previous)
    assert _messages(po)["eligibility.criteria[sex].plain"].fuzzy  # type: ignore[attr-defined]
    assert "#| msgid" not in po

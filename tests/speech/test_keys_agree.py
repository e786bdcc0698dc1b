"""Recordings and translations name a record's texts the same way.

A recording is named by its utterance's key (app/speech/screens.py); a translation by
its text key (app/record/text_paths.py). Both build the key from ids, separately, so a
team that records the Persian of ``questions[age].why`` finds that same key in the PO
file and in ``translate status``. Official texts are English only: they have no
translation, but may still be recorded.
"""

from __future__ import annotations

import pytest

from app.record import load_record
from app.record.text_paths import text_entries
from app.speech.script import every_utterance, is_recordable

SAMPLE = "resources/records/NCT05594173.yaml"


@pytest.mark.parametrize("source", [None, SAMPLE], ids=["default", "sample"])
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_every_recordable_key_of_a_patient_text_is_its_translation_key(source, lang):
    record = load_record(source)
    text_keys = {entry.key for entry in text_entries(record)}
    spoken = {u.key for u in every_utterance(record, lang) if is_recordable(u.key)}
    assert len(spoken) > 50
    assert {key for key in spoken if not key.startswith("official.")} <= text_keys

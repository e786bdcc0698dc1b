"""Recorded voices at launch: checked beside the record, and named in the staff panel."""

from __future__ import annotations

import hashlib
import io
import logging
import wave

import yaml
from kiosk_helpers import open_staff_panel, panel_row


def _wav(seconds: float = 0.2) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(22050)
        handle.writeframes(b"\x10\x00" * int(22050 * seconds))
    return out.getvalue()


def _record_with_recordings(tmp_path, minimal_dict, altered: bool):
    (tmp_path / "audio" / "fa").mkdir(parents=True)
    good, other = _wav(0.2), _wav(0.3)
    (tmp_path / "audio" / "fa" / "summary.wav").write_bytes(good)
    # Altered: the file beside the record is not the one whose digest the record names.
    (tmp_path / "audio" / "fa" / "contact.wav").write_bytes(_wav(0.5) if altered else other)
    minimal_dict["audio"] = {
        "patient.summary": {
            "fa": {"file": "audio/fa/summary.wav", "sha256": hashlib.sha256(good).hexdigest()}
        },
        "patient.contact": {
            "fa": {"file": "audio/fa/contact.wav", "sha256": hashlib.sha256(other).hexdigest()}
        },
    }
    path = tmp_path / "study.yaml"
    path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    return path


def test_an_altered_recording_is_named_in_the_panel_and_the_log(
    launched, tmp_path, minimal_dict, caplog
):
    path = _record_with_recordings(tmp_path, minimal_dict, altered=True)
    config = tmp_path / "trialguide.toml"
    config.write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="trialguide"):
        result = launched(str(path), "en", config_path=config)
    result.show()
    panel = open_staff_panel(result)
    row = panel_row(panel, "recordings")
    assert row.startswith("Recordings that cannot be used: 1 of 2. Listen reads their texts")
    assert "audio.patient.contact.fa" in row
    assert "audio.patient.summary.fa" not in row
    assert any("audio.patient.contact.fa" in r.getMessage() for r in caplog.records)
    # Persian, with Persian digits; the field name is kept whole, isolated.
    panel.set_language("fa")
    row = panel_row(panel, "recordings")
    assert "۱" in row and "۲" in row and "\u2068audio.patient.contact.fa" in row


def test_usable_recordings_are_counted(launched, tmp_path, minimal_dict):
    path = _record_with_recordings(tmp_path, minimal_dict, altered=False)
    config = tmp_path / "trialguide.toml"
    config.write_text("", encoding="utf-8")
    result = launched(str(path), "en", config_path=config)
    result.show()
    panel = open_staff_panel(result)
    assert panel_row(panel, "recordings") == "All 2 recordings present and unchanged."


def test_a_record_without_recordings_has_no_such_row(make_kiosk):
    panel = open_staff_panel(make_kiosk())
    assert not panel.rows["recordings"][1].isVisibleTo(panel)


def test_a_catalog_names_each_studys_bad_recording_with_its_id(
    launched, tmp_path, minimal_dict, default_record
):
    path = _record_with_recordings(tmp_path, minimal_dict, altered=True)
    config = tmp_path / "trialguide.toml"
    config.write_text("", encoding="utf-8")
    result = launched([str(path), "resources/records/NCT05594173.yaml"], "en", config_path=config)
    result.show()
    panel = open_staff_panel(result)
    row = panel_row(panel, "recordings")
    study = minimal_dict["identification"]["nct_id"]
    assert row.startswith("Recordings that cannot be used: 1 of 2.")
    assert f"{study}: audio.patient.contact.fa" in row

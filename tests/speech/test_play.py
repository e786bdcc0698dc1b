"""app/speech/play.py: a record's recording is preferred; a bad one falls back to synthesis."""

from __future__ import annotations

import hashlib

import pytest
import yaml
from speech_audio import rms

from app.record.load import load_record
from app.speech.engine import Speech
from app.speech.play import screen_speech, speak_utterance
from app.speech.script import script_for_screen
from app.speech.wav import wav_bytes

TONE = Speech(
    b"".join(
        (3000 if i % 20 < 10 else -3000).to_bytes(2, "little", signed=True) for i in range(22050)
    ),
    22050,
)


def _record_with_recording(minimal_dict, tmp_path, data: bytes, digest_of: bytes | None = None):
    wav = tmp_path / "audio" / "fa" / "patient.summary.wav"
    wav.parent.mkdir(parents=True)
    wav.write_bytes(data)
    minimal_dict["audio"] = {
        "patient.summary": {
            "fa": {
                "file": "audio/fa/patient.summary.wav",
                "sha256": hashlib.sha256(digest_of if digest_of is not None else data).hexdigest(),
            }
        }
    }
    path = tmp_path / "rec.yaml"
    path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    return load_record(path)


def _summary(record, lang="fa"):
    return next(u for u in script_for_screen(record, "about", lang) if u.key == "patient.summary")


def test_recording_is_preferred(engine, minimal_dict, tmp_path) -> None:
    record = _record_with_recording(minimal_dict, tmp_path, wav_bytes(TONE))
    spoken = speak_utterance(_summary(record), record, tmp_path, synthesizer=engine)
    assert spoken.source == "recording" and spoken.problem is None
    assert spoken.speech.pcm == TONE.pcm
    # English has no recording: synthesised.
    english = speak_utterance(_summary(record, "en"), record, tmp_path, synthesizer=engine)
    assert english.source == "synthesis" and rms(english.speech.pcm) > 1000


def test_altered_recording_falls_back_to_synthesis(engine, minimal_dict, tmp_path) -> None:
    record = _record_with_recording(minimal_dict, tmp_path, wav_bytes(TONE), digest_of=b"other")
    spoken = speak_utterance(_summary(record), record, tmp_path, synthesizer=engine)
    assert spoken.source == "synthesis"
    assert spoken.problem is not None and spoken.problem.field == "audio.patient.summary.fa"
    assert "has changed" in spoken.problem.message
    assert rms(spoken.speech.pcm) > 1000 and spoken.speech.marks


def test_missing_or_unreadable_recording_falls_back(engine, minimal_dict, tmp_path) -> None:
    record = _record_with_recording(minimal_dict, tmp_path, b"not a wav at all")
    spoken = speak_utterance(_summary(record), record, tmp_path, synthesizer=engine)
    assert spoken.source == "synthesis" and "not a readable WAV" in spoken.problem.message
    elsewhere = speak_utterance(_summary(record), record, tmp_path / "nowhere", synthesizer=engine)
    assert elsewhere.source == "synthesis" and "cannot read" in elsewhere.problem.message


def test_volume_scales_a_recording(minimal_dict, tmp_path) -> None:
    record = _record_with_recording(minimal_dict, tmp_path, wav_bytes(TONE))
    spoken = speak_utterance(_summary(record), record, tmp_path, volume=0.5)
    assert rms(spoken.speech.pcm) == pytest.approx(rms(TONE.pcm) / 2, rel=0.01)


def test_screen_joins_recordings_and_synthesis_in_order(engine, minimal_dict, tmp_path) -> None:
    record = _record_with_recording(minimal_dict, tmp_path, wav_bytes(TONE))
    speech, parts = screen_speech(record, "about", "fa", folder=tmp_path, synthesizer=engine)
    assert [p.utterance for p in parts] == list(script_for_screen(record, "about", "fa"))
    assert [p.source for p in parts].count("recording") == 1
    assert speech.duration > sum(p.speech.duration for p in parts)  # pauses between
    assert TONE.pcm in speech.pcm


def test_a_recording_at_another_rate_is_synthesised_for_a_joined_screen(
    engine, minimal_dict, tmp_path
) -> None:
    other = Speech(TONE.pcm, 16000)
    record = _record_with_recording(minimal_dict, tmp_path, wav_bytes(other))
    speech, parts = screen_speech(record, "about", "fa", folder=tmp_path, synthesizer=engine)
    summary = next(p for p in parts if p.utterance.key == "patient.summary")
    assert summary.source == "synthesis" and "16000 Hz" in summary.problem.message
    assert speech.sample_rate == 22050

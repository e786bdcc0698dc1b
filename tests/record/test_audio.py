"""app/record/audio.py and the record's ``audio:`` field: recordings named, checked, approved."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from app.record import RecordError, validate_record
from app.record.approval import ApprovalState, approval_status, content_digest
from app.record.audio import audio_path, check_audio, read_recording

WAV = b"RIFF....WAVEfmt pretend"


def _with_audio(data: dict, key: str = "patient.summary", lang: str = "fa", **entry) -> dict:
    entry.setdefault("file", f"audio/{lang}/summary.wav")
    entry.setdefault("sha256", hashlib.sha256(WAV).hexdigest())
    data["audio"] = {key: {lang: entry}}
    return data


def _issues(data: dict) -> str:
    with pytest.raises(RecordError) as caught:
        validate_record(data, "rec.yaml")
    return caught.value.describe()


def test_audio_field_is_validated(minimal_dict) -> None:
    record = validate_record(_with_audio(minimal_dict), "rec.yaml")
    assert record.audio["patient.summary"]["fa"].file == "audio/fa/summary.wav"


@pytest.mark.parametrize(
    "file",
    [
        "/etc/passwd.wav",
        "../up.wav",
        "audio/../../x.wav",
        "audio/x.ogg",
        "a b.wav",
        "audio\\x.wav",
        "",
    ],
)
def test_audio_paths_stay_beside_the_record(minimal_dict, file) -> None:
    assert "audio.patient.summary.fa.file" in _issues(_with_audio(minimal_dict, file=file))


def test_audio_digest_and_key_are_checked(minimal_dict) -> None:
    assert "audio.patient.summary.fa.sha256" in _issues(_with_audio(minimal_dict, sha256="ABC"))
    message = _issues(_with_audio(minimal_dict, key="Patient Summary"))
    assert "audio" in message and "Patient Summary" in message


def test_check_finds_missing_and_altered_files(minimal_dict, tmp_path) -> None:
    record = validate_record(_with_audio(minimal_dict), "rec.yaml")
    (problem,) = check_audio(record, tmp_path)
    assert problem.field == "audio.patient.summary.fa"
    assert "cannot read audio/fa/summary.wav" in problem.message

    target = audio_path(tmp_path, record.audio["patient.summary"]["fa"])
    target.parent.mkdir(parents=True)
    target.write_bytes(WAV)
    assert check_audio(record, tmp_path) == ()
    assert (
        read_recording(tmp_path, "patient.summary", "fa", record.audio["patient.summary"]["fa"])
        == WAV
    )

    target.write_bytes(WAV + b"!")
    (problem,) = check_audio(record, tmp_path)
    assert problem.field == "audio.patient.summary.fa"
    assert "has changed since it was named in the record" in problem.message
    assert str(problem).startswith("audio.patient.summary.fa: ")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_check_refuses_a_link(minimal_dict, tmp_path) -> None:
    record = validate_record(_with_audio(minimal_dict), "rec.yaml")
    real = tmp_path / "real.wav"
    real.write_bytes(WAV)
    (tmp_path / "audio" / "fa").mkdir(parents=True)
    (tmp_path / "audio" / "fa" / "summary.wav").symlink_to(real)
    (problem,) = check_audio(record, tmp_path)
    assert problem.field == "audio.patient.summary.fa"


def test_check_names_a_language_the_record_lacks(minimal_dict, tmp_path) -> None:
    record = validate_record(_with_audio(minimal_dict, lang="de"), "rec.yaml")
    (problem,) = check_audio(record, tmp_path)
    assert problem.field == "audio.patient.summary.de" and "not one of" in problem.message


def test_the_embedded_record_has_no_folder(minimal_dict) -> None:
    record = validate_record(_with_audio(minimal_dict), "rec.yaml")
    (problem,) = check_audio(record, None)
    assert "no folder" in problem.message


def test_approval_covers_recordings(minimal_dict, default_record) -> None:
    plain = validate_record(minimal_dict, "rec.yaml")
    named = validate_record(_with_audio(minimal_dict), "rec.yaml")
    assert content_digest(plain) != content_digest(named)
    other = validate_record(_with_audio(minimal_dict, sha256="0" * 64), "rec.yaml")
    assert content_digest(other) != content_digest(named)
    # A record without recordings keeps the digest it had before the field existed, so
    # stamps made before it still hold: the digest of the content without the field.
    before = plain.model_dump(mode="json", exclude={"approval", "audio"})
    canonical = json.dumps(before, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert content_digest(plain) == hashlib.sha256(canonical.encode()).hexdigest()
    assert content_digest(default_record) != content_digest(plain)


def test_a_stamp_breaks_when_a_recording_changes(minimal_dict) -> None:
    import yaml

    from app.record.approval import stamp_text
    from app.record.load import parse_record

    text = yaml.safe_dump(_with_audio(minimal_dict), allow_unicode=True)
    stamped = stamp_text(text, parse_record(text.encode(), "rec.yaml"), "ethics ok")
    assert approval_status(parse_record(stamped.encode(), "rec.yaml")).approved
    altered = stamped.replace(hashlib.sha256(WAV).hexdigest(), "a" * 64)
    status = approval_status(parse_record(altered.encode(), "rec.yaml"))
    assert status.state is ApprovalState.MODIFIED

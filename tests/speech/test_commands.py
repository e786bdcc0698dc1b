"""app/speech/commands.py through the command line: ``speak`` and ``audio make|check``."""

from __future__ import annotations

import json
import wave

import pytest
import yaml
from speech_audio import rms

from app.cli import main
from app.speech.script import script_for_screen


def _wav(path):
    with wave.open(str(path)) as w:
        return w.getnchannels(), w.getframerate(), w.readframes(w.getnframes())


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_speak_writes_the_screen_as_one_wav(engine, capsys, tmp_path, default_record, lang) -> None:
    out = tmp_path / f"welcome-{lang}.wav"
    assert main(["speak", "--screen", "welcome", "--lang", lang, "--out", str(out)]) == 0
    channels, rate, pcm = _wav(out)
    assert (channels, rate) == (1, 22050)
    seconds = len(pcm) / 2 / rate
    chars = sum(len(u.text) for u in script_for_screen(default_record, "welcome", lang))
    assert 0.04 < seconds / chars < 0.15
    assert rms(pcm) > 1000
    assert f"welcome in {lang}" in capsys.readouterr().out


def test_speak_reads_the_result_of_the_answers(engine, capsys, tmp_path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 33}), encoding="utf-8")
    none, some = tmp_path / "none.wav", tmp_path / "some.wav"
    assert main(["speak", "--screen", "result", "--lang", "en", "--out", str(none)]) == 0
    args = ["speak", "--screen", "result", "--lang", "en", "--out", str(some)]
    assert main([*args, "--answers", str(answers)]) == 0
    assert _wav(none)[2] != _wav(some)[2]
    answers.write_text(json.dumps({"age": "old"}), encoding="utf-8")
    assert main([*args, "--answers", str(answers)]) == 2
    assert "age" in capsys.readouterr().err


def test_speak_bad_arguments(capsys, tmp_path) -> None:
    out = str(tmp_path / "x.wav")
    assert main(["speak", "--screen", "welcome", "--lang", "en", "--out", out, "--rate", "9"]) == 2
    assert "--rate 9.0" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["speak", "--screen", "nowhere", "--lang", "en", "--out", out])


def test_audio_make_then_the_record_plays_its_recordings(
    engine, capsys, tmp_path, minimal_dict
) -> None:
    record_path = tmp_path / "rec.yaml"
    record_path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    assert main(["audio", "make", str(record_path), "--lang", "fa", "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    snippet = yaml.safe_load(captured.out)["audio"]
    assert "patient.summary" in snippet and not any(k.startswith("ui.") for k in snippet)
    assert (tmp_path / "audio" / "fa" / "patient.summary.wav").is_file()
    assert (
        yaml.safe_load((tmp_path / "audio-fa.yaml").read_text(encoding="utf-8"))["audio"] == snippet
    )

    minimal_dict["audio"] = snippet
    record_path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    assert main(["audio", "check", str(record_path)]) == 0
    assert f"{len(snippet)} recording(s), all present and unchanged" in capsys.readouterr().out
    out = tmp_path / "about.wav"
    args = ["speak", "--screen", "about", "--lang", "fa", "--out", str(out), "--record"]
    assert main([*args, str(record_path)]) == 0
    assert "texts (" in (said := capsys.readouterr().out) and "(0 recorded)" not in said

    # Altered: audio check names the field; speak still works, synthesising it instead.
    (tmp_path / "audio" / "fa" / "patient.summary.wav").write_bytes(b"RIFF tampered")
    assert main(["audio", "check", str(record_path)]) == 2
    assert (
        "audio.patient.summary.fa: audio/fa/patient.summary.wav has changed"
        in capsys.readouterr().err
    )
    assert main([*args, str(record_path)]) == 0
    err = capsys.readouterr().err
    assert "audio.patient.summary.fa" in err and "(synthesised instead)" in err


def test_audio_check_names_keys_no_screen_reads(capsys, tmp_path, minimal_dict) -> None:
    minimal_dict["audio"] = {
        "patient.nothing": {"fa": {"file": "a.wav", "sha256": "0" * 64}},
        "ui.welcome.what_this_is": {"fa": {"file": "b.wav", "sha256": "0" * 64}},
    }
    record_path = tmp_path / "rec.yaml"
    record_path.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    assert main(["audio", "check", str(record_path)]) == 2
    err = capsys.readouterr().err
    assert "audio.patient.nothing.fa: no screen reads a text 'patient.nothing'" in err
    assert "audio.ui.welcome.what_this_is.fa: keys starting with 'ui.'" in err

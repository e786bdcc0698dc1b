"""app/speech/commands.py through the command line: ``speak`` and ``audio make|check``."""

from __future__ import annotations

import json
import wave

import pytest
import yaml

from app.cli import main
from app.speech.script import script_for_screen
from tests.speech.speech_audio import rms


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


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_speak_a_catalog_screen_of_several_records(engine, capsys, tmp_path, lang) -> None:
    from app.record import load_record
    from app.speech.catalog import script_for_catalog

    paths = ["resources/records/NCT05703308.yaml", "resources/records/NCT05594173.yaml"]
    records = [args for path in paths for args in ["--record", path]]
    out = tmp_path / "catalog.wav"
    assert main(["speak", "--screen", "catalog", "--lang", lang, "--out", str(out), *records]) == 0
    assert f"catalog in {lang}" in capsys.readouterr().out
    _channels, rate, pcm = _wav(out)
    studies = [load_record(path) for path in paths]
    chars = sum(len(u.text) for u in script_for_catalog(studies, "catalog", lang))
    assert 0.04 < len(pcm) / 2 / rate / chars < 0.15
    # The first step, before and after answers (the rows with their reasons).
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 30, "sex": "male"}), encoding="utf-8")
    before, after = tmp_path / "before.wav", tmp_path / "after.wav"
    args = ["speak", "--screen", "prescreen", "--lang", lang, *records]
    assert main([*args, "--out", str(before)]) == 0
    assert main([*args, "--out", str(after), "--answers", str(answers)]) == 0
    assert len(_wav(after)[2]) > len(_wav(before)[2])
    answers.write_text(json.dumps({"sex": "other"}), encoding="utf-8")
    assert main([*args, "--out", str(after), "--answers", str(answers)]) == 2
    assert "sex" in capsys.readouterr().err
    # A study's own screens read one study.
    assert main(["speak", "--screen", "welcome", "--lang", lang, "--out", str(out), *records]) == 2
    assert "give one --record" in capsys.readouterr().err


def test_a_card_title_plays_its_own_studys_recording(engine, capsys, tmp_path, minimal_dict):
    """Two studies, one with recordings: its card's title is played, the other's not."""
    import copy

    plain = copy.deepcopy(minimal_dict)
    plain["identification"]["nct_id"] = "NCT00000009"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    recorded, other = tmp_path / "a" / "rec.yaml", tmp_path / "b" / "rec.yaml"
    recorded.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    other.write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")
    assert main(["audio", "make", str(recorded), "--lang", "fa", "--out", str(tmp_path / "a")]) == 0
    minimal_dict["audio"] = yaml.safe_load(capsys.readouterr().out)["audio"]
    recorded.write_text(yaml.safe_dump(minimal_dict, allow_unicode=True), encoding="utf-8")
    out = str(tmp_path / "catalog.wav")
    for first, second in ((recorded, other), (other, recorded)):
        args = ["speak", "--screen", "catalog", "--lang", "fa", "--out", out]
        assert main([*args, "--record", str(first), "--record", str(second)]) == 0
        said = capsys.readouterr()
        assert "(1 recorded)" in said.out, said

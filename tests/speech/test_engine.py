"""app/speech/engine.py: eSpeak NG through ctypes speaks both languages, with marks."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from speech_audio import rms

from app.speech.engine import Speech, SpeechError, Synthesizer
from app.speech.normalize import speakable

EN = "This guide explains one research study in plain words. You can skip any question."
FA = "این راهنما یک پژوهش را به زبان ساده توضیح می‌دهد. می‌توانید از هر پرسشی بگذرید."


@pytest.mark.parametrize(("text", "lang"), [(EN, "en"), (FA, "fa")])
def test_speech_is_not_silent_and_marks_are_in_order(engine, text, lang) -> None:
    speech = engine.synthesize(text, lang)
    assert speech.sample_rate == 22050 and speech.channels == 1
    # Plausible speech: 40 to 150 ms a character, and loud (silence is 0; noise-free
    # speech from eSpeak NG is in the thousands).
    assert 0.04 < speech.duration / len(text) < 0.15, speech.duration
    assert rms(speech.pcm) > 1000
    words = [m for m in speech.marks if m.kind == "word"]
    sentences = [m for m in speech.marks if m.kind == "sentence"]
    assert len(sentences) == 2
    assert len(words) >= 12
    offsets = [m.sample_offset for m in speech.marks]
    assert offsets == sorted(offsets)
    assert offsets[-1] < len(speech.pcm) // 2
    starts = [m.text_start for m in words]
    assert starts == sorted(starts)
    assert text[words[0].text_start : words[0].text_start + words[0].text_length] == text.split()[0]
    second = sentences[1]
    assert text[second.text_start :].startswith(text.split(". ")[1][:5])
    assert sentences[0].text_start + sentences[0].text_length == second.text_start


def test_word_marks_name_persian_words(engine) -> None:
    text = "سن شما ۳۳ سال است."
    speech = engine.synthesize(text, "fa")
    read = [
        text[m.text_start : m.text_start + m.text_length] for m in speech.marks if m.kind == "word"
    ]
    assert read == ["سن", "شما", "۳۳", "سال", "است"]


def test_rate_and_volume(engine) -> None:
    normal = engine.synthesize(EN, "en")
    slow = engine.synthesize(EN, "en", rate=0.7)
    quiet = engine.synthesize(EN, "en", volume=0.3)
    assert slow.duration > normal.duration * 1.2
    assert rms(quiet.pcm) < rms(normal.pcm) * 0.6
    assert engine.synthesize("", "en").duration < 0.5  # empty text: no error


def test_normalized_text_is_spoken_with_marks_mapping_back(engine) -> None:
    source = "We check your [[amh|AMH]] level."
    words = speakable(source, "en")
    speech = engine.synthesize(words.text, "en")
    shown = [
        source[slice(*words.source_span(m.text_start, m.text_length))]
        for m in speech.marks
        if m.kind == "word"
    ]
    assert "AMH" in " ".join(shown)
    assert shown[0] == "We" and shown[-1] == "level"


def test_unknown_language() -> None:
    with pytest.raises(SpeechError, match="No voice for the language 'de'"):
        Synthesizer().synthesize("Hallo", "de")


def test_missing_library_is_a_clear_error(tmp_path) -> None:
    synth = Synthesizer(library=tmp_path / "libespeak-ng.so", data=tmp_path)
    assert not synth.loaded
    with pytest.raises(SpeechError, match="could not be loaded from"):
        synth.synthesize("Hello", "en")


def test_missing_data_is_a_clear_error(engine, tmp_path) -> None:
    from app.speech.engine import default_paths

    library, _data = default_paths()
    # A second initialise in the same process keeps the first data path, so this runs
    # in a fresh interpreter.
    code = (
        "from pathlib import Path; from app.speech.engine import Synthesizer, SpeechError\n"
        f"s = Synthesizer(Path({str(library)!r}), Path({str(tmp_path)!r}))\n"
        "try:\n    s.synthesize('Hello', 'en')\nexcept SpeechError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "could not start with its voice data" in out.stdout or "no voice" in out.stdout, out


def test_threads_take_turns(engine) -> None:
    results: list[Speech] = []

    def speak() -> None:
        results.append(engine.synthesize("One two three.", "en"))

    threads = [threading.Thread(target=speak) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # eSpeak NG's output differs by a few samples from call to call; a call that
    # interleaved with another would lose or double its words.
    lengths = [len(r.pcm) for r in results]
    assert len(results) == 4 and max(lengths) - min(lengths) < 0.01 * max(lengths)
    assert len({tuple((m.text_start, m.kind) for m in r.marks) for r in results}) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="libm's name is Linux's")
def test_another_library_is_a_clear_error(tmp_path) -> None:
    import ctypes.util

    libm = ctypes.util.find_library("m")
    if libm is None:
        pytest.skip("no libm found")
    synth = Synthesizer(library=Path(libm), data=tmp_path)
    with pytest.raises(SpeechError, match="is not the eSpeak NG library"):
        synth.synthesize("Hello", "en")

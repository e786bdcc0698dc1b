"""The reader: a queue read in order, off the GUI thread, through a sink tests drive."""

from __future__ import annotations

import threading

import pytest

from app.speech.engine import Mark, Speech, SpeechError
from app.speech.normalize import speakable
from app.speech.play import Spoken
from app.speech.player import Reader
from app.speech.script import Utterance
from app.speech.sink import MemorySink

UTTERANCES = (
    Utterance("a", "en", "One. Two.", "s1"),
    Utterance("b", "en", "Three.", "s1"),
    Utterance("c", "en", "Four. Five. Six.", "s2"),
)


class Speak:
    """100 frames a character, a sentence mark per sentence; may be held back."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []
        self.gate = threading.Event()
        self.gate.set()

    def __call__(self, utterance, record, folder=None, *, rate=1.0):
        self.gate.wait(10)
        self.calls.append((utterance.key, rate))
        words = speakable(utterance.text, utterance.lang)
        marks, start = [], 0
        for part in words.text.split(". "):
            marks.append(Mark(start * 100, start, len(part), "sentence"))
            start += len(part) + 2
        pcm = b"\x01\x00" * (len(words.text) * round(100 / rate))
        return Spoken(utterance, Speech(pcm, 22050, 1, tuple(marks)), words, "synthesis")


@pytest.fixture
def reader(qtbot, minimal_record):
    speak = Speak()
    made = Reader(minimal_record, MemorySink, speak=speak)
    made.speak_fn = speak
    yield made
    made.shutdown()
    made.deleteLater()


def _playing(qtbot, reader, count):
    qtbot.waitUntil(lambda: reader.state == "playing" and len(reader.sink.played) >= count)
    return reader.sink


def test_the_queue_is_read_in_order_with_the_next_made_ahead(reader, qtbot):
    started = []
    reader.utterance_started.connect(started.append)
    with qtbot.waitSignal(reader.finished, timeout=5000):
        reader.play(UTTERANCES)
        for index in range(3):
            sink = _playing(qtbot, reader, index + 1)
            wanted = min(3, index + 2)
            qtbot.waitUntil(lambda wanted=wanted: len(reader.speak_fn.calls) >= wanted)
            sink.finish()
    assert started == [0, 1, 2]
    assert [key for key, _ in reader.speak_fn.calls] == ["a", "b", "c"]
    assert reader.state == "idle" and reader.queue == ()
    # Each utterance is followed by a short pause (silence) before the next.
    assert all(
        len(pcm) > len(u.text) * 200
        for (pcm, _r, _c), u in zip(reader.sink.played, UTTERANCES, strict=True)
    )


def test_the_highlight_follows_the_sentence_marks(reader, qtbot):
    seen = []
    reader.highlight.connect(lambda *args: seen.append(args))
    reader.play(UTTERANCES[2:])
    sink = _playing(qtbot, reader, 1)
    assert seen[-1] == (0, 0, 4)  # "Four"
    sink.advance(600)
    assert seen[-1] == (0, 6, 10)  # "Five"
    sink.advance(600)
    assert seen[-1][1:] == (12, 16)  # "Six."
    reader.stop()
    assert seen[-1] == (-1, -1, -1)


def test_a_result_that_comes_after_stop_is_dropped(reader, qtbot):
    reader.speak_fn.gate.clear()  # the worker is busy
    reader.play(UTTERANCES)
    assert reader.state == "loading"
    reader.stop()
    reader.speak_fn.gate.set()
    qtbot.waitUntil(lambda: len(reader.speak_fn.calls) >= 1)
    qtbot.wait(50)
    assert reader.state == "idle" and reader.sink.played == []


def test_pause_while_loading_waits_and_resume_plays(reader, qtbot):
    reader.speak_fn.gate.clear()
    reader.play(UTTERANCES)
    reader.pause()
    assert reader.state == "paused" and not reader.speaking
    reader.speak_fn.gate.set()
    qtbot.waitUntil(lambda: len(reader.speak_fn.calls) >= 1)
    qtbot.wait(50)
    assert reader.sink.played == []
    reader.resume()
    _playing(qtbot, reader, 1)


def test_slower_makes_the_current_utterance_again_at_the_slower_rate(reader, qtbot):
    reader.play(UTTERANCES)
    sink = _playing(qtbot, reader, 1)
    reader.set_rate(0.75)
    qtbot.waitUntil(lambda: len(sink.played) == 2)
    assert ("a", 0.75) in reader.speak_fn.calls
    assert len(sink.played[1][0]) > len(sink.played[0][0])


def test_a_failure_stops_and_says_why(qtbot, minimal_record):
    def broken(*_args, **_kwargs):
        raise SpeechError("The speech engine failed (internal error).")

    made = Reader(minimal_record, MemorySink, speak=broken)
    with qtbot.waitSignal(made.failed, timeout=5000) as blocker:
        made.play(UTTERANCES)
    assert "internal error" in blocker.args[0] and made.state == "idle"
    made.shutdown()
    made.deleteLater()


def test_no_sound_output_is_reported_not_raised(qtbot, minimal_record):
    def no_sink():
        raise SpeechError("No sound output device was found on this computer.")

    made = Reader(minimal_record, no_sink, speak=Speak())
    with qtbot.waitSignal(made.failed, timeout=1000):
        made.play(UTTERANCES)
    assert made.state == "idle"
    made.shutdown()
    made.deleteLater()

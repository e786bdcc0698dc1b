"""A stand-in for the speech engine in Listen tests: audio whose length and marks are known.

Each sentence of an utterance's speakable text takes ``FRAMES_PER_CHAR`` frames per
character (more when slower) and gets a sentence mark, like eSpeak NG's.
"""

from __future__ import annotations

import re

from app.speech.engine import Mark, Speech
from app.speech.normalize import speakable
from app.speech.play import Spoken

FRAMES_PER_CHAR = 100
RATE = 22050


class FakeSpeak:
    """Callable like :func:`app.speech.play.speak_utterance`; remembers what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []

    def __call__(self, utterance, record, folder=None, *, rate=1.0, **_options) -> Spoken:
        self.calls.append((utterance.key, rate))
        words = speakable(utterance.text, utterance.lang, record)
        per_char = round(FRAMES_PER_CHAR / rate)
        marks = []
        for match in re.finditer(r"[^.!?\n]+[.!?]?", words.text):
            if match.group().strip():
                marks.append(
                    Mark(match.start() * per_char, match.start(), len(match.group()), "sentence")
                )
        pcm = b"\x01\x00" * (len(words.text) * per_char)
        return Spoken(utterance, Speech(pcm, RATE, 1, tuple(marks)), words, "synthesis")

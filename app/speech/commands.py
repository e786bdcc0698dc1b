"""The bodies of ``trialguide speak`` and ``trialguide audio make`` (parsed in app/cli.py).

* ``speak``: what a screen's Listen control plays, in order, as one WAV (recordings
  preferred where the record has good ones);
* ``audio make``: one synthesised WAV per record text of a language, named as the record
  would name recordings (:func:`app.speech.script.recording_file`), and the ``audio:``
  block to paste into the record, with each file's SHA-256.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.files import write_atomic
from app.record import TrialRecord
from app.record.audio import AudioProblem
from app.selfcheck import Answer
from app.speech.play import recording_problems, screen_speech, speak_utterance
from app.speech.script import every_utterance, is_recordable, recording_file

__all__ = ["SpeakReport", "make_audio", "recording_problems", "speak"]
from app.speech.wav import wav_bytes, write_wav


@dataclass(frozen=True)
class SpeakReport:
    """What ``speak`` wrote: seconds, texts (from recordings), characters, problems."""

    seconds: float
    texts: int
    recorded: int
    problems: tuple[AudioProblem, ...]
    #: Characters of speakable text in the WAV (to judge its length by: 40-150 ms each).
    characters: int = 0


def speak(
    record: TrialRecord,
    folder: str | os.PathLike[str] | None,
    screen: str,
    lang: str,
    out: str | os.PathLike[str],
    answers: Mapping[str, Answer] | None = None,
    rate: float = 1.0,
) -> SpeakReport:
    """Write ``screen``'s Listen audio in ``lang`` to ``out`` (WAV).

    Raises:
        SpeechError: The engine is missing or failed.
        OSError: ``out`` cannot be written.
    """
    speech, parts = screen_speech(record, screen, lang, answers, folder, rate=rate)
    write_wav(Path(out), speech)
    problems = tuple(p.problem for p in parts if p.problem is not None)
    recorded = sum(1 for p in parts if p.source == "recording")
    characters = sum(len(p.speakable.text) for p in parts)
    return SpeakReport(speech.duration, len(parts), recorded, problems, characters)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_audio(
    record: TrialRecord, lang: str, out: str | os.PathLike[str], rate: float = 1.0
) -> tuple[str, int]:
    """Synthesise every record text of every screen in ``lang`` into ``out``.

    Files go to ``out/audio/<lang>/<key>.wav`` (so ``out`` can be the record's folder);
    the manifest snippet is written to ``out/audio-<lang>.yaml`` and returned.

    Returns:
        The snippet and the number of files written.

    Raises:
        SpeechError: The engine is missing or failed.
        OSError: A file cannot be written.
    """
    lines = ["audio:"]
    count = 0
    for utterance in every_utterance(record, lang):
        key = utterance.key
        if not is_recordable(key) or utterance.lang != lang:
            continue
        spoken = speak_utterance(utterance, record, recordings=False, rate=rate)
        data = wav_bytes(spoken.speech)
        name = recording_file(key, lang)
        write_atomic(Path(out, *name.split("/")), data)
        digest = hashlib.sha256(data).hexdigest()
        lines += [f"  {_yaml_string(key)}:", f'    {lang}: {{file: {name}, sha256: "{digest}"}}']
        count += 1
    snippet = "\n".join(lines) + "\n"
    write_atomic(Path(out, f"audio-{lang}.yaml"), snippet)
    return snippet, count

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.files import write_atomic
from app.record import TrialRecord
from app.record.audio import AudioProblem
from app.selfcheck import Answer
from app.speech.engine import Speech
from app.speech.play import (
    Spoken,
    recording_problems,
    screen_speech,
    script_speech,
    speak_utterance,
)
from app.speech.script import every_utterance, is_recordable, recording_file, script_for_catalog
from app.visits import Prescreen

__all__ = ["SpeakReport", "make_audio", "recording_problems", "speak", "speak_catalog"]
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
    return _written(out, speech, parts)


def speak_catalog(
    studies: Sequence[tuple[TrialRecord, str | os.PathLike[str] | None]],
    screen: str,
    lang: str,
    out: str | os.PathLike[str],
    prescreen: Prescreen | None = None,
    rate: float = 1.0,
) -> SpeakReport:
    """Write a catalog screen's Listen audio (``catalog``, ``prescreen``) to ``out``.

    Args:
        studies: Each study's record and folder (its recordings), in the catalog's order.
        screen: ``catalog`` or ``prescreen``.
        lang: The interface language.
        out: The WAV file.
        prescreen: The first step's answers (the result rows follow them).
        rate: Speed, 0.5 to 2.0.

    Raises:
        SpeechError: The engine is missing or failed.
        OSError: ``out`` cannot be written.
        ValueError: ``screen`` is not a catalog screen, or ``studies`` is empty.
    """
    if not studies:
        raise ValueError("a catalog needs at least one study")
    records = [record for record, _folder in studies]
    by_id = {record.identification.nct_id: (record, folder) for record, folder in studies}
    script = script_for_catalog(records, screen, lang, prescreen)
    first, folder = studies[0]
    speech, parts = script_speech(script, first, folder, studies=by_id, rate=rate)
    return _written(out, speech, parts)


def _written(out: str | os.PathLike[str], speech: Speech, parts: tuple[Spoken, ...]) -> SpeakReport:
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

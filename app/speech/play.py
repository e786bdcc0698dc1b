"""An utterance's audio: the record's recording where it has a good one, else synthesis.

The engine's library loads on the first synthesis only. A recording is played at its
own speed (``rate`` applies to synthesis; a player may change a recording's speed with
``QMediaPlayer.setPlaybackRate``) and ``volume`` scales both.
"""

from __future__ import annotations

import array
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from app.record import TrialRecord
from app.record.audio import AudioProblem, check_audio, read_recording
from app.selfcheck import Answer
from app.speech.engine import Speech, Synthesizer, default_synthesizer
from app.speech.normalize import Speakable, speakable
from app.speech.script import Utterance, every_utterance, is_recordable, script_for_screen
from app.speech.wav import join, read_wav

Source = Literal["recording", "synthesis"]


@dataclass(frozen=True)
class Spoken:
    """One utterance's audio and where it came from.

    Attributes:
        utterance: What was read.
        speech: The audio; its marks index :attr:`speakable`'s text (none for a recording).
        speakable: The text the engine read, with the map back to ``utterance.text``.
        source: ``recording`` or ``synthesis``.
        problem: Why the record's recording was not used (``None``: none, or it was).
    """

    utterance: Utterance
    speech: Speech
    speakable: Speakable
    source: Source
    problem: AudioProblem | None = None


def _scaled(pcm: bytes, volume: float) -> bytes:
    if volume == 1.0:
        return pcm
    samples = array.array("h")
    samples.frombytes(pcm)
    if sys.byteorder == "big":
        samples.byteswap()
    samples = array.array("h", (max(-32768, min(32767, round(s * volume))) for s in samples))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def speak_utterance(
    utterance: Utterance,
    record: TrialRecord,
    folder: str | os.PathLike[str] | None = None,
    *,
    synthesizer: Synthesizer | None = None,
    rate: float = 1.0,
    volume: float = 1.0,
    recordings: bool = True,
) -> Spoken:
    """The audio of ``utterance``: its recording when the record has a good one.

    Args:
        utterance: What to read.
        record: The trial record (its ``audio:`` recordings, its glossary).
        folder: The record file's folder (recordings are found there); ``None``: none.
        synthesizer: The engine (the process's own when ``None``).
        rate: Speed of synthesis (1.0 normal).
        volume: 0.0 to 2.0 (1.0 as made).
        recordings: Use the record's recordings (``False``: always synthesise).

    Raises:
        SpeechError: Synthesis was needed and failed.
    """
    words = speakable(utterance.text, utterance.lang, record)
    problem: AudioProblem | None = None
    wanted = recordings and is_recordable(utterance.key)
    entry = record.audio.get(utterance.key, {}).get(utterance.lang) if wanted else None
    if entry is not None:
        data = read_recording(folder, utterance.key, utterance.lang, entry)
        if isinstance(data, AudioProblem):
            problem = data
        else:
            from app.speech.engine import SpeechError

            try:
                recorded = read_wav(data, entry.file)
            except SpeechError as error:
                problem = AudioProblem(
                    f"audio.{utterance.key}.{utterance.lang}", entry.file, str(error)
                )
            else:
                speech = Speech(
                    _scaled(recorded.pcm, volume), recorded.sample_rate, recorded.channels
                )
                return Spoken(utterance, speech, words, "recording")
    engine = synthesizer or default_synthesizer()
    speech = engine.synthesize(words.text, utterance.lang, rate=rate, volume=volume)
    return Spoken(utterance, speech, words, "synthesis", problem)


def speak_script(
    script: Iterable[Utterance],
    record: TrialRecord,
    folder: str | os.PathLike[str] | None = None,
    *,
    synthesizer: Synthesizer | None = None,
    rate: float = 1.0,
    volume: float = 1.0,
) -> tuple[Spoken, ...]:
    """Every utterance's audio, in order (arguments as :func:`speak_utterance`)."""
    return tuple(
        speak_utterance(u, record, folder, synthesizer=synthesizer, rate=rate, volume=volume)
        for u in script
    )


def screen_speech(
    record: TrialRecord,
    screen: str,
    lang: str,
    answers: Mapping[str, Answer] | None = None,
    folder: str | os.PathLike[str] | None = None,
    *,
    synthesizer: Synthesizer | None = None,
    rate: float = 1.0,
    volume: float = 1.0,
) -> tuple[Speech, tuple[Spoken, ...]]:
    """What ``screen``'s Listen control plays in ``lang``, as one :class:`Speech`.

    Recordings and synthesis of different rates cannot be joined into one WAV: a
    recording whose rate differs from the synthesiser's is synthesised instead (and
    reported as a problem).
    """
    script = script_for_screen(record, screen, lang, answers)
    return script_speech(script, record, folder, synthesizer=synthesizer, rate=rate, volume=volume)


def script_speech(
    script: Iterable[Utterance],
    record: TrialRecord,
    folder: str | os.PathLike[str] | None = None,
    *,
    studies: Mapping[str, tuple[TrialRecord, str | os.PathLike[str] | None]] | None = None,
    synthesizer: Synthesizer | None = None,
    rate: float = 1.0,
    volume: float = 1.0,
) -> tuple[Speech, tuple[Spoken, ...]]:
    """A script's audio as one :class:`Speech` (see :func:`screen_speech`).

    ``studies``: on a catalog screen, each study's record and folder by NCT id; a text
    naming its study (:attr:`Utterance.study`) is read from that record, not ``record``.
    """
    known = studies or {}

    def source(u: Utterance) -> tuple[TrialRecord, str | os.PathLike[str] | None]:
        return known.get(u.study, (record, folder)) if u.study else (record, folder)

    parts = tuple(
        speak_utterance(u, *source(u), synthesizer=synthesizer, rate=rate, volume=volume)
        for u in script
    )
    synthesised = [p.speech.sample_rate for p in parts if p.source == "synthesis"]
    sample_rate = synthesised[0] if synthesised else parts[0].speech.sample_rate if parts else 22050
    fixed: list[Spoken] = []
    for part in parts:
        if part.speech.sample_rate != sample_rate or part.speech.channels != 1:
            own, own_folder = source(part.utterance)
            redo = speak_utterance(
                part.utterance,
                own,
                own_folder,
                synthesizer=synthesizer,
                rate=rate,
                volume=volume,
                recordings=False,
            )
            problem = AudioProblem(
                f"audio.{part.utterance.key}.{part.utterance.lang}",
                own.audio[part.utterance.key][part.utterance.lang].file,
                f"recorded at {part.speech.sample_rate} Hz, {part.speech.channels} channel(s); "
                f"joined screens need {sample_rate} Hz mono",
            )
            part = Spoken(redo.utterance, redo.speech, redo.speakable, "synthesis", problem)
        fixed.append(part)
    return join(p.speech for p in fixed), tuple(fixed)


def recording_problems(
    record: TrialRecord, folder: str | os.PathLike[str] | None
) -> tuple[AudioProblem, ...]:
    """The record's recordings that cannot be used, and those naming no text a screen reads.

    For the staff panel (and ``trialguide audio check``): each names its field
    (``audio.patient.summary.fa``); the app reads those texts with the synthesiser.

    Args:
        record: The trial record.
        folder: The record file's folder (``None`` for the embedded record).
    """
    problems = list(check_audio(record, folder))
    keys = {
        lang: {u.key for u in every_utterance(record, lang) if u.lang == lang}
        for lang in record.languages
    }
    for key, by_lang in record.audio.items():
        for lang, entry in by_lang.items():
            if not is_recordable(key):
                why = "keys starting with 'ui.' are the app's own words, always synthesised"
            elif lang in keys and key not in keys[lang]:
                why = f"no screen reads a text {key!r} in {lang!r}"
            else:
                continue
            problems.append(AudioProblem(f"audio.{key}.{lang}", entry.file, why))
    return tuple(problems)

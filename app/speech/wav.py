"""WAV files (16-bit PCM) with the standard library's :mod:`wave`: speech joined by pauses."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterable
from pathlib import Path

from app.files import write_atomic
from app.speech.engine import Mark, Speech, SpeechError

#: The pause between two utterances, in seconds.
PAUSE_SECONDS = 0.35


def silence(seconds: float, sample_rate: int, channels: int = 1) -> bytes:
    """``seconds`` of silence as 16-bit PCM."""
    return b"\0\0" * channels * round(seconds * sample_rate)


def join(parts: Iterable[Speech], pause: float = PAUSE_SECONDS) -> Speech:
    """One :class:`Speech` of ``parts`` in order, ``pause`` seconds between two.

    Marks are moved by their part's start, so they stay in order.

    Raises:
        SpeechError: The parts differ in sample rate or channels.
    """
    items = list(parts)
    if not items:
        return Speech(pcm=b"", sample_rate=22050)
    rate, channels = items[0].sample_rate, items[0].channels
    chunks: list[bytes] = []
    marks: list[Mark] = []
    offset = 0  # in frames
    gap = silence(pause, rate, channels)
    for index, item in enumerate(items):
        if (item.sample_rate, item.channels) != (rate, channels):
            raise SpeechError(
                f"Audio part {index + 1} is {item.sample_rate} Hz, {item.channels} channel(s); "
                f"the first is {rate} Hz, {channels} channel(s)."
            )
        if index:
            chunks.append(gap)
            offset += len(gap) // 2 // channels
        marks.extend(
            type(m)(m.sample_offset + offset, m.text_start, m.text_length, m.kind)
            for m in item.marks
        )
        chunks.append(item.pcm)
        offset += len(item.pcm) // 2 // channels
    return Speech(pcm=b"".join(chunks), sample_rate=rate, channels=channels, marks=tuple(marks))


def wav_bytes(speech: Speech) -> bytes:
    """``speech`` as the bytes of a WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(speech.channels)
        out.setsampwidth(2)
        out.setframerate(speech.sample_rate)
        out.writeframes(speech.pcm)
    return buffer.getvalue()


def write_wav(path: Path, speech: Speech) -> None:
    """Write ``speech`` to ``path`` as a WAV file (atomically)."""
    write_atomic(path, wav_bytes(speech))


def read_wav(data: bytes, name: str = "audio") -> Speech:
    """A 16-bit PCM WAV file's samples (no marks).

    Raises:
        SpeechError: Not a WAV file, or not 16-bit PCM; the message names ``name``.
    """
    try:
        with wave.open(io.BytesIO(data), "rb") as source:
            if source.getsampwidth() != 2:
                raise SpeechError(f"{name}: only 16-bit PCM WAV is supported")
            frames = source.readframes(source.getnframes())
            return Speech(
                pcm=frames, sample_rate=source.getframerate(), channels=source.getnchannels()
            )
    except (wave.Error, EOFError) as error:
        raise SpeechError(f"{name}: not a readable WAV file ({error})") from error

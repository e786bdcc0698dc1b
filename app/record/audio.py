"""Recorded audio named by a record: check each file on load, read it when it is played.

A record's ``audio:`` maps a text's key to a WAV file per language, with its SHA-256
(:class:`~app.record.models.AudioFile`). The paths are relative to the record's folder.
:func:`check_audio` finds every file that is missing, unreadable or altered, as
:class:`AudioProblem` items naming the field (``audio.patient.summary.fa``): the app then
synthesises those texts instead and the staff panel shows the problems. Nothing here
raises for a bad file: a recording is a nicety, never a reason not to start.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from app.files import FileReadError, read_bounded
from app.record import limits
from app.record.models import AudioFile, TrialRecord


@dataclass(frozen=True)
class AudioProblem:
    """A recording the app cannot use (it reads the text with synthesis instead).

    Attributes:
        field: The record field, ``audio.<key>.<lang>``.
        file: The file as the record names it.
        message: What is wrong, in plain words for staff.
    """

    field: str
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


def audio_field(key: str, lang: str) -> str:
    """The record field of ``key``'s recording in ``lang`` (``audio.patient.summary.fa``)."""
    return f"audio.{key}.{lang}"


def audio_path(folder: str | os.PathLike[str], entry: AudioFile) -> Path:
    """Where ``entry``'s file is: its relative path under the record's ``folder``."""
    return Path(folder, *entry.file.split("/"))


def read_recording(
    folder: str | os.PathLike[str] | None, key: str, lang: str, entry: AudioFile
) -> bytes | AudioProblem:
    """The recording's bytes when its file is there and matches its digest, else why not.

    Args:
        folder: The record file's folder (``None`` for the embedded record: no files).
        key: The text's key.
        lang: The recording's language.
        entry: The record's entry for it.
    """
    field = audio_field(key, lang)
    if folder is None:
        return AudioProblem(field, entry.file, "the built-in record has no folder for audio files")
    path = audio_path(folder, entry)
    try:
        data = read_bounded(
            path,
            limits.MAX_AUDIO_BYTES,
            what="an audio file",
            follow_links=False,
        )
    except FileReadError as error:
        return AudioProblem(field, entry.file, f"cannot read {entry.file}: {error.reason}")
    except OSError as error:
        return AudioProblem(
            field, entry.file, f"cannot read {entry.file}: {error.strerror or error}"
        )
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.sha256:
        return AudioProblem(
            field,
            entry.file,
            f"{entry.file} has changed since it was named in the record "
            f"(SHA-256 {digest[:12]}..., the record says {entry.sha256[:12]}...)",
        )
    return data


def check_audio(
    record: TrialRecord, folder: str | os.PathLike[str] | None
) -> tuple[AudioProblem, ...]:
    """Every recording of ``record`` that cannot be used, in the record's order.

    Also a recording in a language the record does not declare.
    """
    problems: list[AudioProblem] = []
    for key, by_lang in record.audio.items():
        for lang, entry in by_lang.items():
            if lang not in record.languages:
                problems.append(
                    AudioProblem(
                        audio_field(key, lang),
                        entry.file,
                        f"{lang!r} is not one of the record's languages",
                    )
                )
                continue
            result = read_recording(folder, key, lang, entry)
            if isinstance(result, AudioProblem):
                problems.append(result)
    return tuple(problems)

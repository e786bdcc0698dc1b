"""eSpeak NG through ctypes: text in one language -> PCM samples and word/sentence marks.

The library and its voice data come from the ``espeakng-loader`` wheel (or, in a
PyInstaller bundle, from ``espeakng_loader/`` beside the program). Nothing is loaded at
import: the first :meth:`Synthesizer.synthesize` loads the library and initialises it.

eSpeak NG keeps global state (one voice, one callback, one data folder per process: the
first initialisation's), so every synthesis in the process takes one lock: any thread may
call, one synthesis runs at a time. Use :func:`synthesize` (the process's synthesiser)
unless a test needs another library or data folder.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

#: Voices by language (eSpeak NG's names).
VOICES: dict[str, str] = {"en": "en-us", "fa": "fa"}
#: eSpeak NG's speaking rate at ``rate=1.0``, in words per minute (its default is 175).
BASE_WPM = 160
#: The slowest and fastest rates eSpeak NG accepts (words per minute).
MIN_WPM, MAX_WPM = 80, 450

# speak_lib.h
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ENDPAUSE = 0x1000
_PARAM_RATE, _PARAM_VOLUME = 1, 2
_EVENT_LIST_TERMINATED, _EVENT_WORD, _EVENT_SENTENCE = 0, 1, 2
_EVENT_MSG_TERMINATED = 6
_ERRORS = {-1: "internal error", 1: "buffer full", 2: "not found"}

MarkKind = Literal["word", "sentence"]


class SpeechError(Exception):
    """Speech could not be made: the message says what and why, for staff."""


@dataclass(frozen=True)
class Mark:
    """Where a word or sentence starts in the audio, and which text it reads.

    ``text_start`` and ``text_length`` count characters (code points) of the text that
    was synthesised (the speakable text; map them back with
    :meth:`app.speech.normalize.Speakable.source_span`).
    """

    sample_offset: int
    text_start: int
    text_length: int
    kind: MarkKind


@dataclass(frozen=True)
class Speech:
    """Mono 16-bit signed little-endian PCM and the marks in it, in order."""

    pcm: bytes
    sample_rate: int
    channels: int = 1
    marks: tuple[Mark, ...] = field(default=())

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.pcm) / 2 / self.channels / self.sample_rate


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),  # a union of int, const char * and char[8]
    ]


#: eSpeak NG's state is global: every synthesiser of the process takes this lock.
_ENGINE_LOCK = threading.Lock()

_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


def default_paths() -> tuple[Path, Path]:
    """The eSpeak NG library and its data folder (``espeak-ng-data``).

    Raises:
        SpeechError: The ``espeakng-loader`` package is not installed or incomplete.
    """
    try:
        import espeakng_loader
    except ImportError as error:
        raise SpeechError(
            "The speech engine is not installed (the espeakng-loader package is missing)."
        ) from error
    library = Path(espeakng_loader.get_library_path())
    data = Path(espeakng_loader.__file__).parent / "espeak-ng-data"
    if not library.is_file():
        raise SpeechError(f"The speech engine's library is missing: {library}")
    if not (data / "phontab").is_file():
        raise SpeechError(f"The speech engine's voice data is missing: {data}")
    return library, data


class Synthesizer:
    """Speaks text to PCM with eSpeak NG; loads the library on first use.

    Args:
        library: The ``libespeak-ng`` shared library; found by :func:`default_paths`.
        data: Its ``espeak-ng-data`` folder; found by :func:`default_paths`.
    """

    def __init__(self, library: Path | None = None, data: Path | None = None) -> None:
        self._library_path = library
        self._data_path = data
        self._lib: Any = None
        self._sample_rate = 0
        self._lock = _ENGINE_LOCK
        self._samples: list[bytes] = []
        self._events: list[tuple[int, int, int, int]] = []
        self._count = 0
        self._callback = _CALLBACK(self._on_synth)  # kept alive as long as self

    @property
    def loaded(self) -> bool:
        """Whether the library has been loaded (the first synthesis loads it)."""
        return self._lib is not None

    def _load(self) -> None:
        if self._library_path is None or self._data_path is None:
            library, data = default_paths()
            self._library_path = self._library_path or library
            self._data_path = self._data_path or data
        try:
            lib = ctypes.CDLL(str(self._library_path))
        except OSError as error:
            raise SpeechError(
                f"The speech engine could not be loaded from {self._library_path}: {error}"
            ) from error
        try:
            self._declare(lib)
        except AttributeError as error:
            raise SpeechError(
                f"{self._library_path} is not the eSpeak NG library ({error})"
            ) from error
        # espeak_Initialize takes the espeak-ng-data folder itself (or its parent).
        path = str(self._data_path).encode()
        rate = lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, path, _INITIALIZE_DONT_EXIT)
        if rate <= 0:
            raise SpeechError(
                f"The speech engine could not start with its voice data at {self._data_path}."
            )
        self._lib = lib
        self._sample_rate = rate

    @staticmethod
    def _declare(lib: Any) -> None:
        """The C signatures of the functions used (speak_lib.h)."""
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        lib.espeak_SetSynthCallback.restype = None
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetVoiceByName.restype = ctypes.c_int
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetParameter.restype = ctypes.c_int
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.POINTER(ctypes.c_uint),
            ctypes.c_void_p,
        ]
        lib.espeak_Synth.restype = ctypes.c_int

    def _on_synth(self, wav: Any, count: int, events: Any) -> int:
        if count > 0 and wav:
            self._samples.append(ctypes.string_at(wav, count * 2))
        i = 0
        while True:
            event = events[i]
            if event.type == _EVENT_LIST_TERMINATED:
                break
            if event.type in (_EVENT_WORD, _EVENT_SENTENCE):
                self._events.append((event.type, event.sample, event.text_position, event.length))
            i += 1
        self._count += max(count, 0)
        return 0  # 0: go on

    def synthesize(self, text: str, lang: str, rate: float = 1.0, volume: float = 1.0) -> Speech:
        """Speak ``text`` in ``lang`` to PCM, with a mark for each word and sentence.

        Args:
            text: Speakable text (see :mod:`app.speech.normalize`); plain, no SSML.
            lang: ``en`` or ``fa``.
            rate: 1.0 is normal; 0.75 slower; clamped to eSpeak NG's range.
            volume: 1.0 is normal, 0.0 silent, up to 2.0.

        Raises:
            SpeechError: The language has no voice, or the engine failed.
        """
        voice = VOICES.get(lang)
        if voice is None:
            raise SpeechError(f"No voice for the language {lang!r} (voices: en, fa).")
        with self._lock:
            if self._lib is None:
                self._load()
            lib = self._lib
            lib.espeak_SetSynthCallback(self._callback)  # this synthesiser's, every time
            if lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"The speech engine has no voice {voice!r} for {lang!r}.")
            wpm = min(MAX_WPM, max(MIN_WPM, round(BASE_WPM * rate)))
            lib.espeak_SetParameter(_PARAM_RATE, wpm, 0)
            lib.espeak_SetParameter(_PARAM_VOLUME, min(200, max(0, round(100 * volume))), 0)
            self._samples, self._events, self._count = [], [], 0
            data = text.encode("utf-8")
            result = lib.espeak_Synth(
                data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _ENDPAUSE, None, None
            )
            if result != 0:
                raise SpeechError(
                    f"The speech engine failed ({_ERRORS.get(result, result)}) on a text "
                    f"of {len(text)} characters in {lang!r}."
                )
            pcm = b"".join(self._samples)
            events, self._samples, self._events = self._events, [], []
        return Speech(pcm=pcm, sample_rate=self._sample_rate, marks=_marks(events, len(text)))


def _marks(events: list[tuple[int, int, int, int]], size: int) -> tuple[Mark, ...]:
    """Marks from eSpeak's events; a sentence runs to the next sentence (or the end)."""
    sentence_starts = [max(0, p - 1) for kind, _s, p, _l in events if kind == _EVENT_SENTENCE]
    following = iter([*sentence_starts[1:], size])
    marks = []
    for kind, sample, position, length in events:
        start = max(0, position - 1)  # eSpeak counts from 1
        if kind == _EVENT_SENTENCE:
            marks.append(Mark(sample, start, max(0, next(following) - start), "sentence"))
        else:
            marks.append(Mark(sample, start, length, "word"))
    return tuple(marks)


_default: Synthesizer | None = None
_default_lock = threading.Lock()


def default_synthesizer() -> Synthesizer:
    """The process's synthesiser (made on first call; the library loads on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Synthesizer()
        return _default


def synthesize(text: str, lang: str, rate: float = 1.0, volume: float = 1.0) -> Speech:
    """Speak ``text`` with the process's synthesiser (see :meth:`Synthesizer.synthesize`)."""
    return default_synthesizer().synthesize(text, lang, rate=rate, volume=volume)

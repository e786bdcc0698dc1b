"""The reader behind a Listen control: a queue of utterances, synthesised off the GUI thread.

:class:`Reader` takes the utterances of a screen or a section
(:func:`app.speech.script.script_for_screen`), makes each one's audio in a worker
thread (:func:`app.speech.play.speak_utterance`: the record's recording, else eSpeak
NG), plays it through an :class:`~app.speech.sink.AudioSink` and reports, as the audio
plays, which part of the utterance's text is being read (from the engine's sentence
marks, mapped back to the shown text). The next utterance is made while one plays.

Nothing spoken is logged: errors carry the engine's message, never the text.
"""

from __future__ import annotations

import bisect
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.record import TrialRecord
from app.speech.engine import SpeechError
from app.speech.play import Spoken, speak_utterance
from app.speech.script import Utterance
from app.speech.sink import AudioSink
from app.speech.wav import PAUSE_SECONDS, silence

#: Speeds a Listen control offers (1.0 normal, slower for a listener who needs it).
NORMAL_RATE, SLOW_RATE = 1.0, 0.75

Speak = Callable[..., Spoken]


class _Relay(QObject):
    """Carries a worker's result to the GUI thread (kept alive by Python references)."""

    done = Signal(int, int, object)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, token: int, index: int, work: Callable[[], Spoken]) -> None:
        super().__init__()
        self.relay, self.token, self.index, self.work = relay, token, index, work

    def run(self) -> None:
        try:
            result: object = self.work()
        except SpeechError as error:
            result = error
        except Exception as error:
            result = SpeechError(f"Speech failed: {type(error).__name__}: {error}")
        self.relay.done.emit(self.token, self.index, result)


class Reader(QObject):
    """Reads a queue of utterances aloud, one after another.

    Args:
        record: The trial record (recordings, glossary).
        sink_factory: Makes the audio output on first play (may raise SpeechError).
        folder: The record's folder, where its recordings are.
        speak: Makes one utterance's audio (:func:`speak_utterance`; tests may replace it).

    Signals:
        state_changed(str): ``idle``, ``loading``, ``playing`` or ``paused``.
        utterance_started(int): the queue's utterance at that index starts playing.
        highlight(int, int, int): utterance index and the ``(start, end)`` of its text now
            read (offsets in ``Utterance.text``); index -1: nothing is being read.
        failed(str): speech could not be made or played (a message for staff).
        finished(): the queue was read to its end.
    """

    state_changed = Signal(str)
    utterance_started = Signal(int)
    highlight = Signal(int, int, int)
    failed = Signal(str)
    finished = Signal()

    def __init__(
        self,
        record: TrialRecord,
        sink_factory: Callable[[], AudioSink],
        folder: str | os.PathLike[str] | None = None,
        speak: Speak = speak_utterance,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.record = record
        self.folder = folder
        #: The recordings folder of each study in :attr:`studies`, by its key.
        self.folders: dict[str, str | os.PathLike[str] | None] = {}
        #: On the catalog's screens, the studies by NCT id: a card's title is looked up
        #: in its own study's record (recordings, glossary), never in ``record``'s.
        self.studies: dict[str, TrialRecord] = {}
        self.rate = NORMAL_RATE
        self.volume = 1.0
        self._speak = speak
        self._sink_factory = sink_factory
        self._sink: AudioSink | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # eSpeak NG synthesises one text at a time anyway
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._token = 0
        self._queue: list[Utterance] = []
        self._last: list[Utterance] = []
        self._index = 0
        self._ready: dict[int, Spoken] = {}
        self._asked: set[int] = set()
        self._phase = "idle"  # idle, loading, playing
        self._paused = False
        self._marks: list[tuple[int, int, int]] = []  # (frame, start, end)
        self._shown: tuple[int, int, int] = (-1, -1, -1)

    # -- state -----------------------------------------------------------------------
    @property
    def state(self) -> str:
        """``idle``, ``loading``, ``playing`` or ``paused``."""
        if self._phase == "idle":
            return "idle"
        return "paused" if self._paused else self._phase

    @property
    def speaking(self) -> bool:
        """Whether it is reading (or making the audio to read) and not paused."""
        return self.state in ("loading", "playing")

    @property
    def queue(self) -> tuple[Utterance, ...]:
        """What is being read, in order (empty when idle)."""
        return tuple(self._queue)

    @property
    def index(self) -> int:
        """The index in :attr:`queue` of the utterance being read."""
        return self._index

    @property
    def sink(self) -> AudioSink | None:
        """The audio output (made on first play)."""
        return self._sink

    def _set_phase(self, phase: str, paused: bool | None = None) -> None:
        before = self.state
        self._phase = phase
        if paused is not None:
            self._paused = paused
        if self.state != before:
            self.state_changed.emit(self.state)

    # -- control ---------------------------------------------------------------------
    def play(self, utterances: Sequence[Utterance]) -> None:
        """Read ``utterances`` from the first (whatever was being read stops)."""
        self._halt()
        self._queue = list(utterances)
        self._last = list(utterances)
        if not self._queue:
            self._set_phase("idle", paused=False)
            return
        if self._sink is None:
            try:
                self._sink = self._sink_factory()
            except SpeechError as error:
                self._set_phase("idle", paused=False)
                self.failed.emit(str(error))
                return
            self._sink.setParent(self)
            self._sink.moved.connect(self._on_moved)
            self._sink.finished.connect(self._on_finished)
            self._sink.failed.connect(self._on_failed)
            self._sink.set_volume(self.volume)
        self._index = 0
        self._set_phase("loading", paused=False)
        self._ask(0)

    def stop(self) -> None:
        """Stop reading and empty the queue (Repeat can still read it again)."""
        self._halt()
        self._set_phase("idle", paused=False)

    def forget(self) -> None:
        """Stop at once and forget everything: the queue, the last one read, the audio."""
        self.stop()
        self._last = []

    def pause(self) -> None:
        """Hold the reading where it is."""
        if self._phase == "idle" or self._paused:
            return
        if self._sink is not None and self._phase == "playing":
            self._sink.pause()
        self._set_phase(self._phase, paused=True)

    def resume(self) -> None:
        """Go on from where :meth:`pause` held it."""
        if self._phase == "idle" or not self._paused:
            return
        self._set_phase(self._phase, paused=False)
        if self._phase == "playing" and self._sink is not None:
            self._sink.resume()
        elif self._index in self._ready:
            self._start_current()

    def repeat(self) -> None:
        """Read the current utterance again from its start; when idle, the last queue again."""
        if self._phase == "idle":
            if self._last:
                self.play(self._last)
            return
        if self._sink is not None:
            self._sink.stop()
        self._paused = False
        if self._index in self._ready:
            self._start_current()
        else:
            self._set_phase("loading", paused=False)

    def set_rate(self, rate: float) -> None:
        """Read at ``rate`` (1.0 normal); the utterance being read starts again at it."""
        if rate == self.rate:
            return
        self.rate = rate
        if self._phase == "idle":
            return
        index = self._index
        self._token += 1
        self._ready.clear()
        self._asked.clear()
        if self._sink is not None:
            self._sink.stop()
        self._set_phase("loading")
        self._ask(index)

    def set_volume(self, volume: float) -> None:
        """0.0 to 1.0, at once."""
        self.volume = max(0.0, min(1.0, volume))
        if self._sink is not None:
            self._sink.set_volume(self.volume)

    def shutdown(self) -> None:
        """Stop and wait for a synthesis in progress (before the reader is deleted)."""
        self.forget()
        self._pool.clear()
        # Wait in short steps, giving up the GIL between them: a worker thread that ends
        # its job needs the GIL to delete the job's Python object, and QThreadPool's
        # waitForDone holds it while it waits (a whole test run once hung here).
        while not self._pool.waitForDone(20):
            time.sleep(0.002)

    # -- inside ------------------------------------------------------------------------
    def _halt(self) -> None:
        self._token += 1  # results of earlier requests are dropped when they come
        self._queue = []
        self._ready.clear()
        self._asked.clear()
        self._index = 0
        self._marks = []
        self._pool.clear()
        if self._sink is not None:
            self._sink.stop()
        self._show(-1, -1, -1)

    def _ask(self, index: int) -> None:
        if index >= len(self._queue) or index in self._asked or index in self._ready:
            return
        self._asked.add(index)
        utterance, record, folder, rate = self._queue[index], self.record, self.folder, self.rate
        other = self.studies.get(utterance.study) if utterance.study else None
        if other is not None and other is not record:
            record, folder = other, self.folders.get(utterance.study)

        def work() -> Spoken:
            return self._speak(utterance, record, folder, rate=rate)

        self._pool.start(_Job(self._relay, self._token, index, work))

    def _on_done(self, token: int, index: int, result: Any) -> None:
        if token != self._token:
            return
        self._asked.discard(index)
        if isinstance(result, SpeechError):
            self.stop()
            self.failed.emit(str(result))
            return
        self._ready[index] = result
        if index == self._index and self._phase == "loading" and not self._paused:
            self._start_current()

    def _start_current(self) -> None:
        spoken = self._ready[self._index]
        speech = spoken.speech
        self._marks = self._sentence_marks(spoken)
        pad = silence(PAUSE_SECONDS, speech.sample_rate, speech.channels)
        assert self._sink is not None
        self._set_phase("playing", paused=False)
        self._sink.start(speech.pcm + pad, speech.sample_rate, speech.channels)
        self.utterance_started.emit(self._index)
        self._shown = (-1, -1, -1)
        self._on_moved()
        self._ask(self._index + 1)

    @staticmethod
    def _sentence_marks(spoken: Spoken) -> list[tuple[int, int, int]]:
        words = spoken.speakable
        marks = [
            (m.sample_offset, *words.source_span(m.text_start, m.text_length))
            for m in spoken.speech.marks
            if m.kind == "sentence"
        ]
        if not marks:  # a recording (no marks): the whole text
            marks = [(0, 0, len(spoken.utterance.text))]
        return marks

    def _on_moved(self) -> None:
        if self._phase != "playing" or self._sink is None or not self._marks:
            return
        frames = [m[0] for m in self._marks]
        at = max(0, bisect.bisect_right(frames, self._sink.position()) - 1)
        _frame, start, end = self._marks[at]
        self._show(self._index, start, end)

    def _show(self, index: int, start: int, end: int) -> None:
        if (index, start, end) != self._shown:
            self._shown = (index, start, end)
            self.highlight.emit(index, start, end)

    def _on_finished(self) -> None:
        if self._phase != "playing":
            return
        self._index += 1
        if self._index >= len(self._queue):
            self._halt()
            self._set_phase("idle", paused=False)
            self.finished.emit()
        elif self._index in self._ready:
            self._start_current()
        else:
            self._marks = []
            self._show(-1, -1, -1)
            self._set_phase("loading")
            self._ask(self._index)

    def _on_failed(self, message: str) -> None:
        self.stop()
        self.failed.emit(message)

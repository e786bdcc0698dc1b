"""Where a Listen control's audio goes: a sound card, or memory (tests, machines without one).

:class:`AudioSink` is what :class:`app.speech.player.Reader` plays PCM through. The real
one, :class:`app.speech.qtsink.QtSink`, uses QtMultimedia and is imported only when
Listen is first used; :class:`MemorySink` keeps what it was given and plays only as far
as it is told (:meth:`MemorySink.advance`), so tests drive time and positions without a
sound card, and can write what a visitor would have heard to a WAV file.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AudioSink(QObject):
    """Plays one stretch of 16-bit PCM at a time.

    Signals:
        moved(): the play position advanced (a reader then moves its highlight).
        finished(): all the PCM given to :meth:`start` was played.
        failed(str): the sound output failed; the message says why, for staff.
    """

    moved = Signal()
    finished = Signal()
    failed = Signal(str)

    def start(self, pcm: bytes, sample_rate: int, channels: int = 1) -> None:
        """Play ``pcm`` from its start (whatever was playing stops)."""
        raise NotImplementedError

    def pause(self) -> None:
        """Hold the position."""
        raise NotImplementedError

    def resume(self) -> None:
        """Go on from the held position."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop and forget the PCM (no ``finished``)."""
        raise NotImplementedError

    def position(self) -> int:
        """Frames of the current PCM played so far."""
        raise NotImplementedError

    def set_volume(self, volume: float) -> None:
        """0.0 (silent) to 1.0 (as made)."""
        raise NotImplementedError


class MemorySink(AudioSink):
    """A sink with no sound card: it plays when told to (:meth:`advance`).

    Attributes:
        played: every stretch of PCM given to :meth:`start`, in order, with its sample rate
            and channels (what a sound card would have been sent).
        volume: the volume last set.
        paused: whether it holds its position.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.played: list[tuple[bytes, int, int]] = []
        self.volume = 1.0
        self.paused = False
        self._frames = 0
        self._total = 0
        self._active = False

    @property
    def active(self) -> bool:
        """Whether it has PCM left to play."""
        return self._active

    def start(self, pcm: bytes, sample_rate: int, channels: int = 1) -> None:  # noqa: D102
        self.played.append((pcm, sample_rate, channels))
        self._frames = 0
        self._total = len(pcm) // 2 // max(1, channels)
        self._active = True
        self.paused = False

    def pause(self) -> None:  # noqa: D102
        self.paused = True

    def resume(self) -> None:  # noqa: D102
        self.paused = False

    def stop(self) -> None:  # noqa: D102
        self._active = False
        self.paused = False
        self._frames = self._total = 0

    def position(self) -> int:  # noqa: D102
        return self._frames

    def set_volume(self, volume: float) -> None:  # noqa: D102
        self.volume = volume

    def frames_left(self) -> int:
        """Frames of the current PCM not played yet."""
        return self._total - self._frames if self._active else 0

    def advance(self, frames: int) -> None:
        """Play ``frames`` more (nothing while paused or stopped); the end emits ``finished``."""
        if not self._active or self.paused:
            return
        self._frames = min(self._total, self._frames + max(0, frames))
        self.moved.emit()
        if self._frames >= self._total:
            self._active = False
            self.finished.emit()

    def finish(self) -> None:
        """Play the rest of the current PCM."""
        self.advance(self.frames_left())

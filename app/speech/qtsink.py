"""The sound card, through QtMultimedia's :class:`QAudioSink` (imported on first Listen).

QtMultimedia comes with PySide6-Addons; on Linux it needs PulseAudio's client library
(``libpulse0``). Where either is missing, or the system has no sound output, making a
:class:`QtSink` raises :class:`~app.speech.engine.SpeechError` with a message for staff,
and the Listen controls say that sound is not available.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLoggingCategory, QObject, QTimer

from app.speech.engine import SpeechError
from app.speech.sink import AudioSink

#: How often the play position is reported while playing (ms).
POLL_MS = 40


#: Qt Multimedia looks for optional libraries (PipeWire, VA-API) when it loads and warns
#: about each one a clinic PC lacks; none is needed for plain PCM output.
QUIET_RULES = "qt.multimedia.symbolsresolver=false"


def load_multimedia() -> Any:
    """PySide6's QtMultimedia module, its optional-library warnings silenced.

    Raises:
        SpeechError: QtMultimedia (PySide6-Addons, or libpulse0 on Linux) is missing.
    """
    QLoggingCategory.setFilterRules(QUIET_RULES)
    try:
        from PySide6 import QtMultimedia
    except ImportError as error:
        raise SpeechError(
            f"Sound output is not available: QtMultimedia could not be loaded ({error})."
        ) from error
    return QtMultimedia


class QtSink(AudioSink):
    """PCM to the system's default sound output.

    Raises:
        SpeechError: No QtMultimedia, or no sound output device.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qm = load_multimedia()
        device = self._qm.QMediaDevices.defaultAudioOutput()
        if device.isNull():
            raise SpeechError("No sound output device was found on this computer.")
        self._device = device
        self._sink = None
        self._buffer: QBuffer | None = None
        self._rate = 22050
        self._channels = 1
        self._volume = 1.0
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.moved)

    def start(self, pcm: bytes, sample_rate: int, channels: int = 1) -> None:  # noqa: D102
        self.stop()
        qm = self._qm
        fmt = qm.QAudioFormat()
        fmt.setSampleRate(sample_rate)
        fmt.setChannelCount(channels)
        fmt.setSampleFormat(qm.QAudioFormat.SampleFormat.Int16)
        self._rate, self._channels = sample_rate, channels
        sink = qm.QAudioSink(self._device, fmt, self)
        sink.setVolume(self._volume)
        sink.stateChanged.connect(self._on_state)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pcm))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink, self._buffer = sink, buffer
        sink.start(buffer)
        if sink.error() != qm.QAudio.Error.NoError:
            self._fail(sink.error())
            return
        self._timer.start()

    def _fail(self, error: object) -> None:
        self.stop()
        self.failed.emit(f"The sound output failed ({error}).")

    def _on_state(self, state: object) -> None:
        qm = self._qm
        sink = self._sink
        if sink is None:
            return
        if state == qm.QAudio.State.IdleState:  # the buffer is played out
            if sink.error() not in (qm.QAudio.Error.NoError, qm.QAudio.Error.UnderrunError):
                self._fail(sink.error())
                return
            self.moved.emit()
            self._release()
            self.finished.emit()
        elif state == qm.QAudio.State.StoppedState and sink.error() != qm.QAudio.Error.NoError:
            self._fail(sink.error())

    def _release(self) -> None:
        self._timer.stop()
        sink, buffer = self._sink, self._buffer
        self._sink = self._buffer = None
        if sink is not None:
            sink.stateChanged.disconnect(self._on_state)
            sink.stop()
            sink.deleteLater()
        if buffer is not None:
            buffer.close()
            buffer.deleteLater()

    def pause(self) -> None:  # noqa: D102
        if self._sink is not None:
            self._sink.suspend()
            self._timer.stop()

    def resume(self) -> None:  # noqa: D102
        if self._sink is not None:
            self._sink.resume()
            self._timer.start()

    def stop(self) -> None:  # noqa: D102
        self._release()

    def position(self) -> int:  # noqa: D102
        if self._sink is None:
            return 0
        return int(self._sink.processedUSecs() * self._rate // 1_000_000)

    def set_volume(self, volume: float) -> None:  # noqa: D102
        self._volume = max(0.0, min(1.0, volume))
        if self._sink is not None:
            self._sink.setVolume(self._volume)

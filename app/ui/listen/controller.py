"""The window's Listen controller: what to read, when to stop, and what is highlighted.

One per main window (``window.listen``). It is cheap to make: the reader, the speech
engine and QtMultimedia are imported on the first Listen tap (start-up does not grow).

Reading follows the visit: a language switch stops it and offers the screen in the new
language; leaving a screen (or a self-check question) stops it; a reset (Start over, the
kiosk's idle reset) stops it at once and forgets the queue.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.i18n import LANGUAGE_NAMES, _
from app.session import Session
from app.ui.listen import words
from app.ui.listen.highlight import Highlighter, keep_in_view

if TYPE_CHECKING:
    from app.speech.player import Reader
    from app.speech.script import Utterance
    from app.speech.sink import AudioSink

log = logging.getLogger(__name__)

#: Volume steps of Quieter / Louder.
VOLUME_STEP = 0.2
MIN_VOLUME = 0.2


def _qt_sink() -> AudioSink:
    from app.speech.qtsink import QtSink

    return QtSink()


class ListenController(QObject):
    """Reads the screen in view, or one of its sections, aloud.

    Attributes:
        sink_factory: makes the audio output on first use (tests give a
            :class:`~app.speech.sink.MemorySink`); default: the sound card.
        folder: the record's folder (its recordings); ``None``: synthesis only.
        speak: replaces :func:`app.speech.play.speak_utterance` (tests); ``None``: it.

    Signals:
        changed(): the state, the message, the speed or the volume changed.
        speaking_changed(bool): reading started or stopped (paused counts as stopped):
            the kiosk's idle timer does not run out while it is reading.
    """

    changed = Signal()
    speaking_changed = Signal(bool)

    def __init__(self, session: Session, window: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.window = window
        self.sink_factory: Callable[[], AudioSink] = _qt_sink
        self.folder: str | os.PathLike[str] | None = None
        #: A catalog's: the recordings folder of a study, by its key (``None``: ``folder``
        #: serves the one study there is).
        self.folder_of: Callable[[str], str | os.PathLike[str] | None] | None = None
        self.speak: Callable[..., Any] | None = None
        #: What the controls say below the buttons (a translated message, or "").
        self.message = ""
        self._message_id = ""
        self._message_values: dict[str, str] = {}
        self._reader: Reader | None = None
        self._script: tuple[Utterance, ...] = ()
        self._speaking = False
        self.highlighter = Highlighter()
        #: The header's Listen button and the reading bar (set by app.ui.listen.attach).
        self.header_button: QWidget | None = None
        self.bar: QWidget | None = None
        session.language_changed.connect(self._on_language_changed)
        session.screen_changed.connect(self._on_left)
        session.question_changed.connect(self._on_left)
        session.reset_done.connect(self.forget)

    def _folder(self, key: str) -> str | os.PathLike[str] | None:
        """Where the study ``key``'s recordings are (beside its record file)."""
        return self.folder_of(key) if self.folder_of is not None else self.folder

    # -- state -----------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        """Whether Listen has been used (the reader and its libraries are loaded)."""
        return self._reader is not None

    @property
    def reader(self) -> Reader:
        """The reader (made, with its imports, on first use)."""
        if self._reader is None:
            from app.speech.play import speak_utterance
            from app.speech.player import Reader

            reader = Reader(
                self.session.record,
                self.sink_factory,
                self.folder,
                speak=self.speak or speak_utterance,
                parent=self,
            )
            reader.state_changed.connect(self._on_state)
            reader.highlight.connect(self._on_highlight)
            reader.failed.connect(self._on_failed)
            self._reader = reader
        return self._reader

    @property
    def state(self) -> str:
        """``idle``, ``loading``, ``playing`` or ``paused``."""
        return self._reader.state if self._reader is not None else "idle"

    @property
    def active(self) -> bool:
        """Whether something is being read (or paused in the middle)."""
        return self.state != "idle"

    @property
    def slow(self) -> bool:
        """Whether reading is slower than normal."""
        from_reader = self._reader.rate if self._reader is not None else 1.0
        return from_reader < 1.0

    @property
    def volume(self) -> float:
        """0.2 to 1.0."""
        return self._reader.volume if self._reader is not None else 1.0

    # -- what to read ------------------------------------------------------------------
    def script(self) -> tuple[Utterance, ...]:
        """The utterances of the screen in view, in the current language."""
        from app.speech.script import script_for_catalog, script_for_screen

        session = self.session
        if session.catalog and session.study is None:  # the cards, or the first step
            return script_for_catalog(
                session.studies, session.screen.value, session.language, session.prescreen
            )
        questions = session.record.questions
        question = None
        if questions and 0 <= session.question_index < len(questions):
            question = questions[session.question_index].id
        return script_for_screen(
            session.record, session.screen.value, session.language, session.answers, question
        )

    def play_screen(self) -> None:
        """Read the whole screen in view, from the top."""
        self.play_section(None)

    def play_section(self, section: str | None) -> None:
        """Read one section, card or question of the screen in view (``None``: all of it)."""
        self._say("")
        script = self.script()
        reader = self.reader
        # The study in view (another one after "Back to all studies"), and on the
        # catalog every study, whose record texts (titles) it reads.
        reader.record = self.session.record
        reader.studies = {record.identification.nct_id: record for record in self.session.studies}
        reader.folder = self._folder(self.session.record.identification.nct_id)
        reader.folders = {key: self._folder(key) for key in reader.studies}
        if section is not None:
            script = tuple(u for u in script if u.section == section) or script
        self._script = script
        self.reader.play(script)

    def toggle_pause(self) -> None:
        """Pause, resume, or (when nothing is being read) read the screen."""
        state = self.state
        if state == "paused":
            self.reader.resume()
        elif state == "idle":
            self.play_screen()
        else:
            self.reader.pause()

    def stop(self) -> None:
        """Stop reading (the controls stay until the screen changes)."""
        if self._reader is not None:
            self._reader.stop()
        self.highlighter.clear()

    def forget(self, *_args: object) -> None:
        """Stop at once and forget what was read (a new visitor)."""
        if self._reader is not None:
            self._reader.forget()
            self._reader.set_rate(1.0)
            self._reader.set_volume(1.0)
        self._script = ()
        self.highlighter.clear()
        self._say("")

    def repeat(self) -> None:
        """Read the current part again (or, when stopped, what was read last)."""
        self._say("")
        self.reader.repeat()

    def toggle_slow(self) -> None:
        """Slower, or back to normal speed."""
        from app.speech.player import NORMAL_RATE, SLOW_RATE

        self.reader.set_rate(NORMAL_RATE if self.slow else SLOW_RATE)
        self.changed.emit()

    def change_volume(self, step: int) -> None:
        """One step louder (1) or quieter (-1)."""
        volume = round(self.volume + step * VOLUME_STEP, 2)
        self.reader.set_volume(max(MIN_VOLUME, min(1.0, volume)))
        self.changed.emit()

    def shutdown(self) -> None:
        """Stop and wait for a synthesis in progress (the window is closing)."""
        if self._reader is not None:
            self._reader.shutdown()
        self.highlighter.clear()

    def retranslate(self) -> None:
        """Say the message again in the current language."""
        self._say(self._message_id, **self._message_values)

    # -- following the visit -----------------------------------------------------------
    def _say(self, message_id: str, **values: str) -> None:
        self._message_id = message_id
        self._message_values = values
        self.message = _(message_id).format(**values) if message_id else ""
        self.changed.emit()

    def _on_language_changed(self, lang: str) -> None:
        was = self.active
        self.stop()
        if was:
            name = LANGUAGE_NAMES.get(lang, lang)
            self._say(words.OFFER, language=f"\u2068{name}\u2069")  # isolated: bidi
        elif self._message_id:
            self.retranslate()

    def _on_left(self, *_args: object) -> None:
        self.stop()
        self._say("")

    def _on_state(self, state: str) -> None:
        speaking = state in ("loading", "playing")
        if state == "idle":
            self.highlighter.clear()
        if speaking != self._speaking:
            self._speaking = speaking
            self.speaking_changed.emit(speaking)
        self.changed.emit()

    def _on_failed(self, message: str) -> None:
        log.warning("Reading aloud failed: %s", message)  # the engine's words, never the text
        self.highlighter.clear()
        self._say(words.NO_SOUND)

    def _page(self) -> Any:
        """The page in view (a ScreenPage), or None."""
        page = self.window.pages.get(self.session.screen)
        return page if page is not None and shiboken6.isValid(page) else None

    def _on_highlight(self, index: int, start: int, end: int) -> None:
        reader = self._reader
        page = self._page()
        if index < 0 or reader is None or page is None or index >= len(reader.queue):
            self.highlighter.clear()
            return
        utterance = reader.queue[index]
        label = self.highlighter.show(page, utterance.text, start, end, utterance.lang)
        if label is not None:
            keep_in_view(page.scroll_area, label, start, end, len(utterance.text))

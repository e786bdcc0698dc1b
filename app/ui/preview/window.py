"""The preview: the app's desktop window on a record file, reloaded on every save.

:class:`Preview` builds a session and a :class:`~app.ui.main_window.MainWindow` on the
record, puts the draft banner and the :class:`~app.ui.preview.panel.ProblemPanel` above
the header, and connects a :class:`~app.ui.preview.watcher.RecordWatcher` to them:

* a save that loads replaces the session's record
  (:meth:`app.session.Session.replace_record`): the same screen, language, question and
  answers, rendered once; answers that no longer fit are cleared, and the strip says so;
* a save that does not load leaves the last good record on screen, and the strip lists
  every problem (file, line, field path, message);
* with ``strict``, the strip lists the content lint's findings; choosing one opens the
  screen (and question) where that text shows (:func:`app.present.locate.place_of`).

The preview shows drafts (it is the author's tool): the draft banner says whether the
content on screen is approved, and no trusted keys are read.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.present.locate import Place, place_of
from app.record.approval import approval_status
from app.record.issues import Issue
from app.session import Screen, Session
from app.ui.draft_banner import DraftBanner
from app.ui.main import create_window
from app.ui.main_window import MainWindow
from app.ui.preview.panel import ProblemPanel
from app.ui.preview.watcher import LoadResult, RecordWatcher


class Preview(QObject):
    """A main window on a record file that follows the file's saves.

    Attributes:
        session: the visit shown (its record is the last one that loaded).
        window: the main window (a desktop window, never a kiosk).
        watcher: watches the file and loads each save.
        panel: the problem strip above the header.
        banner: the "Draft, not approved" strip.
        last: the last :class:`LoadResult`.
    """

    def __init__(
        self, watcher: RecordWatcher, first: LoadResult, language: str | None = None
    ) -> None:
        """Build the window on ``first``, the watcher's first reading, which must have loaded.

        Raises:
            ValueError: ``first`` holds no record (the command reports its problems).
        """
        super().__init__()
        if first.record is None:
            raise ValueError("the preview needs a record that loads to start with")
        self.source = watcher.source
        session, window = create_window(first.record, language)
        self.session: Session = session
        self.window: MainWindow = window
        self.setParent(window)
        self.watcher = watcher
        watcher.setParent(self)
        self.last = first
        strip = QWidget()
        layout = QVBoxLayout(strip)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = DraftBanner(approval_status(first.record).state, slim=True, parent=strip)
        self.panel = ProblemPanel(self.source, strip)
        layout.addWidget(self.banner)
        layout.addWidget(self.panel)
        window.set_banner(strip)
        self.panel.show_state((), self._placed(first.findings), (), session.language)
        watcher.loaded.connect(self.apply)
        self.panel.place_chosen.connect(self.go_to)
        session.language_changed.connect(self._retranslate)
        self._retranslate(session.language)

    def _placed(self, findings: tuple[Issue, ...]) -> list[tuple[Issue, Place | None]]:
        record = self.session.record
        return [(issue, place_of(record, issue.path)) for issue in findings]

    def apply(self, result: LoadResult) -> None:
        """Show a new reading of the file: the new record, or the problems beside the old."""
        self.last = result
        if result.record is None:
            # The last good content stays; its findings would only distract from the error.
            self.panel.show_state(result.problems, (), (), self.session.language)
            return
        dropped = self.session.replace_record(result.record)
        lang = self.session.language
        self.banner.set_state(approval_status(result.record).state, lang)
        self.panel.show_state((), self._placed(result.findings), dropped, lang)

    def go_to(self, place: Place) -> None:
        """Open the screen (and the question) where a finding's text shows."""
        if place.question is not None:
            self.session.go_to_question(place.question)
        self.session.go_to(Screen(place.screen))

    def _retranslate(self, lang: str) -> None:
        self.banner.retranslate(lang)
        self.panel.retranslate(lang)

    def show(self) -> None:
        """Show the window (a normal desktop window)."""
        self.window.show()

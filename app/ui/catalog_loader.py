"""Validate a catalog's remaining records in idle time, one per timer tick.

The first study is shown as soon as its record validates; the others are loaded here,
one per event-loop turn, so the visitor can already read and tap. A study joins the
session (and so the catalog screen) only once its record has validated; a broken one
is logged with its problems and kept in :attr:`CatalogLoader.entries` for the staff
panel. Nothing a visitor does is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from app.catalog import CatalogEntry
from app.session import Session

log = logging.getLogger("trialguide")


def log_entry(entry: CatalogEntry) -> None:
    """Log a loaded entry: its study and approval, or why it was left out."""
    if entry.ok and entry.record is not None and entry.approval is not None:
        log.info(
            "Record %s, content %s, %s",
            entry.study_id,
            entry.record.content_version,
            entry.approval.state.value,
        )
        return
    log.error("Record %s left out of the catalog:", entry.study_id)
    for problem in entry.problems:
        log.error("  %s", problem)


class CatalogLoader(QObject):
    """Loads the rest of a catalog's entries into a session, one per idle moment.

    Signals:
        changed(): an entry was loaded (a study joined, or a record was left out).
        finished(): every entry has been loaded.

    Attributes:
        entries: every entry loaded so far, in configured order (shared with the staff
            panel, which names the broken ones).
    """

    changed = Signal()
    finished = Signal()

    def __init__(
        self,
        session: Session,
        rest: Iterator[CatalogEntry],
        entries: list[CatalogEntry],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else session)
        self.session = session
        self.entries = entries
        self._rest = rest
        self.done = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.step)

    def start(self) -> None:
        """Begin loading in idle time (after the window has painted)."""
        if not self.done:
            self._timer.start()

    def step(self) -> bool:
        """Load one entry; False when there was none left."""
        entry = next(self._rest, None)
        if entry is None:
            if not self.done:
                self.done = True
                self.finished.emit()
            return False
        self.entries.append(entry)
        log_entry(entry)
        if entry.ok and entry.record is not None:
            self.session.add_study(entry.record)
        self.changed.emit()
        self._timer.start()
        return True

    def load_all(self) -> None:
        """Load every remaining entry now (rendering a screen, tests)."""
        self._timer.stop()
        while self.step():
            self._timer.stop()

    def approval_of(self, key: str) -> object | None:
        """The approval status of a study loaded so far (None: unknown)."""
        return next((e.approval for e in self.entries if e.ok and e.study_id == key), None)

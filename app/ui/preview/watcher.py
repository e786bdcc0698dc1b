"""Watch a record file and load it again, once, after each save.

Editors save in different ways: some write the file in place (often in several
writes), others write a temporary file and rename it over the record. A rename replaces
the file QFileSystemWatcher was watching, and Qt then stops watching that path; so the
folder is watched too, the path is added again after every change, and a short quiet
time (:data:`SETTLE_MS`) lets a burst of writes load once. A half-written file that does
not parse is reported like any broken record; the next good save recovers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from app.files import FileReadError, read_bounded
from app.record import RecordError, TrialRecord
from app.record.issues import Issue
from app.record.lint import lint_record
from app.record.load import MAX_BYTES, issue_with_line, parse_record_lines

#: Quiet time after the last change before the file is read (a burst of writes loads once).
SETTLE_MS = 200


@dataclass(frozen=True)
class LoadResult:
    """One reading of the record file.

    Attributes:
        record: the record, or None when it did not load.
        problems: why it did not load (file, line, field path, message).
        findings: the content lint's findings (``--strict`` only), with their lines.
    """

    record: TrialRecord | None
    problems: tuple[Issue, ...] = ()
    findings: tuple[Issue, ...] = ()


def read_record(
    path: str | os.PathLike[str], source: str, strict: bool
) -> tuple[LoadResult, bytes | None]:
    """Read and validate the record file as the app does; also its bytes (None: unreadable)."""
    try:
        data = read_bounded(
            path, MAX_BYTES, what="a record file", too_large="; a record is far smaller"
        )
    except FileReadError as exc:
        return LoadResult(None, (Issue((), exc.reason),)), None
    return load_bytes(data, source, strict), data


def load_bytes(data: bytes, source: str, strict: bool) -> LoadResult:
    """Validate a record from its bytes; lint it when ``strict``."""
    try:
        record, lines = parse_record_lines(data, source)
    except RecordError as exc:
        return LoadResult(None, tuple(exc.issues))
    findings = tuple(issue_with_line(i, lines) for i in lint_record(record)) if strict else ()
    return LoadResult(record, (), findings)


class RecordWatcher(QObject):
    """Loads one record file after each save.

    Signals:
        loaded(object): a :class:`LoadResult`, after a change settled and the file's
            bytes differ from the last reading (saving the same bytes again is quiet).
    """

    loaded = Signal(object)

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        source: str | None = None,
        strict: bool = False,
        settle_ms: int = SETTLE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path).absolute()
        self.source = source if source is not None else str(path)
        self.strict = strict
        self._last: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self.reload)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_change)
        self._watcher.directoryChanged.connect(self._on_change)
        self._watcher.addPath(str(self.path.parent))
        self._watch_file()

    def first_load(self) -> LoadResult:
        """Read the file now (at start-up), without emitting :attr:`loaded`."""
        result, self._last = self._read()
        return result

    def watched(self) -> list[str]:
        """The paths being watched (the file, when it exists, and its folder)."""
        return [*self._watcher.files(), *self._watcher.directories()]

    def _watch_file(self) -> None:
        if str(self.path) not in self._watcher.files() and self.path.exists():
            self._watcher.addPath(str(self.path))

    def _on_change(self, *_args: object) -> None:
        # A renamed-over file is no longer watched: watch the new one at once, so a
        # second save before the quiet time ends is seen too.
        self._watch_file()
        self._timer.start()

    def reload(self) -> None:
        """Read the file now; emit :attr:`loaded` unless its bytes are unchanged."""
        self._watch_file()
        result, data = self._read()
        if data is not None and data == self._last:
            return
        self._last = data
        self.loaded.emit(result)

    def _read(self) -> tuple[LoadResult, bytes | None]:
        return read_record(self.path, self.source, self.strict)

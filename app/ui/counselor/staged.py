"""A scroll area that builds what it shows first with itself, and the rest after its paint.

The counselor view's two panes (the study text and the answers) build the entries in
view when the view opens and the others a few per idle moment once they have been
painted, so that the window's first paint waits for what it shows, not for everything.
"""

from __future__ import annotations

from collections import deque
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QScrollArea, QWidget

Entry = TypeVar("Entry")


class StagedScrollArea(QScrollArea, Generic[Entry]):
    """Builds its entries in stages: :meth:`_build` ``count`` of those in ``_to_build``.

    A subclass fills ``_to_build`` (in order), builds the first few itself in its
    ``__init__``, and implements :meth:`_build`; from the first paint of its viewport on,
    the rest are built ``per_step`` at a time, one step per idle moment.
    """

    #: Entries built in each idle moment after the first paint.
    per_step = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The entries still to build, in order.
        self._to_build: deque[Entry] = deque()
        self._builder = QTimer(self)
        self._builder.setSingleShot(True)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_step)

    @property
    def complete(self) -> bool:
        """Whether every entry is built (they are, soon after the first paint)."""
        return not self._to_build

    def build_all(self) -> None:
        """Build every entry not built yet, now."""
        self._builder.stop()
        self._build(len(self._to_build))

    def _build(self, count: int) -> None:
        """Build the next ``count`` entries (fewer if fewer are left)."""
        raise NotImplementedError

    def _build_step(self) -> None:
        self._build(self.per_step)
        if self._to_build:
            self._builder.start()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: D102 - Qt override
        # After the first paint, the entries still to come, in idle moments.
        if event.type() == QEvent.Type.Paint and self._to_build and not self._builder.isActive():
            self._builder.start()
        return super().viewportEvent(event)

"""A QTextDocument that never loads a resource the app did not give it.

Qt's rich-text engine loads ``<img src="...">`` (and style sheets) through
:meth:`QTextDocument.loadResource`, which reads any local path: a record text that
reached a document as markup could make Qt read ``/dev/zero`` until the process aborts,
block on a FIFO, or read ``/etc/passwd``. Every document TrialGuide builds is a
:class:`SafeTextDocument` (the handout is drawn by fpdf2, not by a QTextDocument):
resources the app adds with ``addResource`` are found as usual, since Qt looks them up
before it calls ``loadResource``; anything else is refused.

Record text is escaped before it becomes rich text (``app.ui.text.to_html``), and every
label sets its text format explicitly; this class is the second wall, for whatever
markup might still get through.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QTextDocument


class SafeTextDocument(QTextDocument):
    """A text document whose resources come only from ``addResource``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Resources refused so far (for tests and the log): (type, url) pairs.
        self.refused: list[tuple[int, str]] = []

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Refuse every resource the app did not add: nothing is read from a file."""
        self.refused.append((int(type), name.toString() if isinstance(name, QUrl) else name))
        return None

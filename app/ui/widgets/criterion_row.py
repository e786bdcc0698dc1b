"""The result screen's list: a status group's heading, and one row per criterion.

A row is made once per criterion and updated in place when the answers or the language
change. Its frame takes the ``verdict-<status>`` style role; the status is also written
out ("Does not fit") and drawn (a cross), so colour is never the only sign.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.i18n import _
from app.present.text import criterion_reason, criterion_text, status_label
from app.record import TrialRecord
from app.selfcheck import CriterionResult, CriterionStatus
from app.ui.text import TextLabel
from app.ui.widgets.verdict import VerdictIcon


def restyle(widget: QWidget, role: str) -> None:
    """Give ``widget`` a new style role and re-apply the style sheet to it."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()


class CriterionRow(QFrame):
    """A criterion's status and the plain reason for it."""

    def __init__(
        self,
        criterion_id: str,
        make_text: Callable[[str | None, QWidget], TextLabel],
        parent: QWidget | None = None,
    ) -> None:
        """Build the row.

        Args:
            criterion_id: The criterion shown.
            make_text: Makes a record-text label (with working glossary links) for a
                role and a parent, such as ``ScreenPage.text``.
            parent: The parent widget.
        """
        super().__init__(parent)
        self.criterion_id = criterion_id
        self.item: CriterionResult | None = None
        self.setProperty("role", "verdict-unknown")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(14)
        self.icon = VerdictIcon(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setProperty("role", "h3")
        self.status.setWordWrap(True)
        self.criterion = make_text(None, self)
        self.reason = make_text("muted", self)
        texts.addWidget(self.status)
        texts.addWidget(self.criterion)
        texts.addWidget(self.reason)
        layout.addLayout(texts, 1)

    def show_result(
        self, item: CriterionResult, record: TrialRecord, lang: str, set_text: Callable
    ) -> None:
        """Show ``item`` in ``lang``.

        Args:
            item: The criterion's result.
            record: The trial record.
            lang: The language.
            set_text: Puts a record text into a label in the current language
                (``ScreenPage.set_text``).
        """
        self.item = item
        restyle(self, f"verdict-{item.status.value}")
        self.icon.set_status(item.status)
        label = status_label(item.status, lang)
        self.status.setText(label)
        criterion = record.criterion(item.criterion_id)
        set_text(self.criterion, criterion.plain if criterion.plain else criterion.official)
        set_text(self.reason, criterion_reason(item, lang))
        plain = criterion_text(record, item.criterion_id, lang)
        self.setAccessibleName(_("{status}: {criterion}").format(status=label, criterion=plain))
        self.setAccessibleDescription(criterion_reason(item, lang))


class GroupHeader(QWidget):
    """The heading of a status group: the number of criteria in it, and the status."""

    def __init__(self, status: CriterionStatus, parent: QWidget) -> None:
        super().__init__(parent)
        self.status = status
        header = QHBoxLayout(self)
        header.setContentsMargins(0, 14, 0, 0)
        header.setSpacing(12)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setProperty("role", "badge")
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setProperty("role", "h3")
        self.heading.setWordWrap(True)
        # The count first: a word-wrapped heading then takes all the width that is left.
        header.addWidget(self.count, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.heading, 1)

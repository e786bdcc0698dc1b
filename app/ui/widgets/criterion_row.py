"""The result screen's list: a status group's heading, and one row per criterion.

A row is made once per criterion and updated in place when the answers or the language
change. Its frame takes the ``verdict-<status>`` style role; the status is also written
out ("Does not fit") and drawn (a cross), so colour is never the only sign.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from app.i18n import _
from app.present.criteria import CriterionEntry, CriterionGroup
from app.record import TrialRecord
from app.selfcheck import CriterionResult, CriterionStatus
from app.ui.text import TextLabel, WrapLabel
from app.ui.widgets.verdict import VerdictIcon

#: Puts a record text (or a translated string) into a label in the page's language.
SetText = Callable[[TextLabel, Mapping[str, str] | str | None], None]


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
        self.status = WrapLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setProperty("role", "h3")
        self.criterion = make_text(None, self)
        self.reason = make_text("muted", self)
        texts.addWidget(self.status)
        texts.addWidget(self.criterion)
        texts.addWidget(self.reason)
        layout.addLayout(texts, 1)

    def show_result(
        self,
        entry: CriterionEntry,
        record: TrialRecord,
        lang: str,
        set_text: SetText,
        compact: bool = False,
    ) -> None:
        """Show ``entry`` in ``lang``.

        Args:
            entry: The criterion's result and its words (from :mod:`app.present.criteria`).
            record: The trial record.
            lang: The language.
            set_text: Puts a record text into a label in the current language
                (``ScreenPage.set_text``).
            compact: Show only the criterion: its group explains the status once.
        """
        item = entry.item
        self.item = item
        restyle(self, f"verdict-{item.status.value}")
        self.icon.set_status(item.status)
        self.status.setText(entry.label)
        self.status.setVisible(not compact)
        self.reason.setVisible(not compact)
        margin = 6 if compact else 12
        layout = self.layout()
        assert layout is not None  # __init__ lays the row out
        layout.setContentsMargins(16, margin, 16, margin)
        criterion = record.criterion(item.criterion_id)
        set_text(self.criterion, criterion.plain if criterion.plain else criterion.official)
        set_text(self.reason, entry.reason)
        self.setAccessibleName(
            _("{status}: {criterion}").format(status=entry.label, criterion=entry.text)
        )
        self.setAccessibleDescription(entry.reason)


class GroupHeader(QWidget):
    """The heading of a status group and, for some groups, one explanation for all rows.

    The group's size is not shown: a bare number beside a heading explained nothing.
    """

    def __init__(self, status: CriterionStatus, parent: QWidget) -> None:
        super().__init__(parent)
        self.status = status
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 14, 0, 0)
        column.setSpacing(4)
        self.heading = WrapLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setProperty("role", "h3")
        self.explanation = TextLabel("muted", self)
        column.addWidget(self.heading)
        column.addWidget(self.explanation)

    def show_group(self, group: CriterionGroup | None, set_text: SetText) -> None:
        """Show ``group``'s heading and explanation; ``None`` empties them.

        A hidden group keeps nothing of an earlier visitor's result, or of their language.
        """
        if group is None:
            self.heading.clear()
            self.explanation.clear()
            return
        self.heading.setText(group.label)
        self.explanation.setVisible(group.explanation is not None)
        set_text(self.explanation, group.explanation or "")

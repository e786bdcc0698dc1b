"""The live self-check result in the counselor view: the outcome and every criterion."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from app.present.criteria import CriterionEntry, entries_in_record_order
from app.present.outcome import STATUS_ROLES, headline, result_title
from app.record import TrialRecord
from app.selfcheck import SelfCheckResult
from app.ui.counselor.labels import label, set_role, set_shown, show


class OutcomeBox(QFrame):
    """The outcome's headline in both languages, and whether the study takes people now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "verdict-unknown")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.title = label("h3", self)
        self.second = label("second", self)
        self.enrolling = label("muted", self)
        for widget in (self.title, self.second, self.enrolling):
            layout.addWidget(widget)

    def show_result(self, result: SelfCheckResult, lang: str, second: str | None) -> None:
        """Show ``result`` in ``lang`` (and ``second`` as a smaller line)."""
        top = headline(result, lang)
        set_role(self, top.role)
        show(self.title, top.title, lang)
        if second is not None:
            show(self.second, result_title(result, second), second)
        else:
            set_shown(self.second, False)
        show(self.enrolling, top.enrolling, lang)
        self.setAccessibleName(self.title.accessibleName())
        self.setAccessibleDescription(self.enrolling.accessibleName())


class CriterionStatusRow(QFrame):
    """One criterion: where it stands, what it asks, and why."""

    def __init__(self, criterion_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion_id = criterion_id
        self.setProperty("role", "verdict-unknown")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(4)
        self.status = label("h3", self)
        self.text = label(None, self)
        self.reason = label("muted", self)
        for widget in (self.status, self.text, self.reason):
            layout.addWidget(widget)

    def show_item(self, entry: CriterionEntry, lang: str) -> None:
        """Show one criterion's status and reason in ``lang``."""
        set_role(self, STATUS_ROLES[entry.status])
        show(self.status, entry.label, lang)
        show(self.text, entry.text, lang)
        show(self.reason, entry.reason, lang)
        self.setAccessibleName(f"{self.status.accessibleName()}: {self.text.accessibleName()}")
        self.setAccessibleDescription(self.reason.accessibleName())


class CriteriaStatus(QWidget):
    """Every criterion's live status, in record order."""

    def __init__(self, record: TrialRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.rows: dict[str, CriterionStatusRow] = {}
        for criterion in record.eligibility.criteria:
            row = CriterionStatusRow(criterion.id, self)
            layout.addWidget(row)
            self.rows[criterion.id] = row

    def show_result(self, result: SelfCheckResult, lang: str) -> None:
        """Show every criterion of ``result`` in ``lang``."""
        for entry in entries_in_record_order(self.record, result, lang):
            self.rows[entry.criterion_id].show_item(entry, lang)

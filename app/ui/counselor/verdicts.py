"""The live self-check result in the counselor view: the outcome and every criterion."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.content import (
    ENROLLING,
    NOT_ENROLLING,
    criterion_reason,
    criterion_text,
    outcome_title,
    status_label,
    tr,
)
from app.i18n import is_rtl, text_direction
from app.record import TrialRecord
from app.selfcheck import CriterionResult, CriterionStatus, Outcome, SelfCheckResult

#: The frame role (resources/style.qss) that colours each outcome and status.
OUTCOME_ROLES = {
    Outcome.LIKELY_MATCH: "verdict-met",
    Outcome.MAY_MATCH: "verdict-unknown",
    Outcome.DOES_NOT_MATCH: "verdict-not_met",
}
STATUS_ROLES = {
    CriterionStatus.MET: "verdict-met",
    CriterionStatus.NOT_MET: "verdict-not_met",
    CriterionStatus.UNKNOWN: "verdict-unknown",
    CriterionStatus.SCREENING: "verdict-screening",
}


#: Room on each side of a text for ink that overhangs its glyph's advance: a line that
#: just fits would otherwise lose the tail of a final Persian letter such as "ز".
INK_MARGIN = 4


def give_ink_room(widget: QLabel) -> None:
    """Keep a label's text clear of its edges (glyph tails that overhang stay visible)."""
    widget.setContentsMargins(INK_MARGIN, 0, INK_MARGIN, 0)


def label(role: str | None, parent: QWidget) -> QLabel:
    """A word-wrapped plain-text label with a style role."""
    widget = QLabel(parent)
    give_ink_room(widget)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    if role:
        widget.setProperty("role", role)
    return widget


def set_role(frame: QFrame, role: str) -> None:
    """Change a frame's style role and restyle it at once."""
    if frame.property("role") != role:
        frame.setProperty("role", role)
        frame.style().unpolish(frame)
        frame.style().polish(frame)


def rich(text: str, lang: str) -> str:
    """Plain words as rich text whose direction is ``lang``'s, not guessed from the words.

    An interface message not yet translated (English in a Persian column) keeps the
    column's direction and alignment.
    """
    direction = "rtl" if is_rtl(lang) else "ltr"
    body = html.escape(text)
    return f'<div dir="{direction}" style="white-space:pre-wrap;">{body}</div>' if text else ""


def set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide a widget, touching it only when that changes something.

    Hiding and showing again is not free (the layout is invalidated each time), and a
    language switch passes over hundreds of labels.
    """
    if widget.isHidden() == shown:
        widget.setVisible(shown)


def show(widget: QLabel, text: str, lang: str, shown: bool = True) -> None:
    """Put ``text`` (already in ``lang``) in a label laid out in that language's direction.

    The label is shown when ``shown`` and there is something to say.
    """
    words = rich(text, lang)
    if widget.text() != words:
        widget.setText(words)
    widget.setAccessibleName(text)
    widget.setLayoutDirection(text_direction(lang))
    widget.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    set_shown(widget, shown and bool(text))


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
        set_role(self, OUTCOME_ROLES[result.outcome])
        show(self.title, outcome_title(result.outcome, lang), lang)
        if second is not None:
            show(self.second, outcome_title(result.outcome, second), second)
        else:
            set_shown(self.second, False)
        show(self.enrolling, tr(ENROLLING if result.enrolling else NOT_ENROLLING, lang), lang)
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

    def show_item(self, record: TrialRecord, item: CriterionResult, lang: str) -> None:
        """Show one criterion's status and reason in ``lang``."""
        set_role(self, STATUS_ROLES[item.status])
        show(self.status, status_label(item.status, lang), lang)
        show(self.text, criterion_text(record, item.criterion_id, lang), lang)
        show(self.reason, criterion_reason(item, lang), lang)
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
        for item in result.criteria:
            self.rows[item.criterion_id].show_item(self.record, item, lang)

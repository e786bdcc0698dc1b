"""The "Draft, not approved" banner: the record on screen is not the approved content.

A clinic's ethics committee approves one version of the record; ``trialguide approve``
stamps it with the SHA-256 digest of its content (and, with ``--key``, signs it). A
record without a stamp, whose content no longer matches it, or (when the config names
trusted keys) without a valid signature by one of them, shows this banner at the top of
the window (large in kiosk mode, slim in a desktop window) and in the staff panel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from app.i18n import _, text_direction
from app.record.approval import ApprovalState
from app.ui.text import WrapLabel


def approval_text(state: ApprovalState) -> str:
    """The banner's sentence for a record in ``state`` (empty when it is approved)."""
    if state is ApprovalState.MODIFIED:
        return _(
            "Draft, not approved: this content was changed after it was approved, so it "
            "has not been approved for patients."
        )
    if state is ApprovalState.UNVERIFIED:
        return _(
            "Draft, not approved: this content does not carry a valid signature of the "
            "approving committee, so it has not been approved for patients."
        )
    if state is ApprovalState.UNAPPROVED:
        return _("Draft, not approved: this content has not been approved for patients.")
    return ""


class DraftBanner(QFrame):
    """A strip across the window saying the content is a draft."""

    def __init__(self, state: ApprovalState, slim: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setObjectName("DraftBanner")
        self.setProperty("role", "verdict-not_met")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        self.label = WrapLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        self.set_slim(slim)
        self.setVisible(state is not ApprovalState.APPROVED)
        self.retranslate("en")

    def set_slim(self, slim: bool) -> None:
        """Slim (desktop window) or large (kiosk)."""
        self.slim = slim
        layout = self.layout()
        assert layout is not None  # __init__ gives the banner its layout
        if slim:
            layout.setContentsMargins(16, 4, 16, 4)
            self.label.setProperty("role", None)
            self.label.setStyleSheet("font-weight: 700;")
        else:
            layout.setContentsMargins(24, 12, 24, 12)
            self.label.setProperty("role", "h3")
            self.label.setStyleSheet("")
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)

    def set_state(self, state: ApprovalState, lang: str) -> None:
        """The record changed (the preview's live reload): show its approval state."""
        self.state = state
        self.setVisible(state is not ApprovalState.APPROVED)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        """Say it in ``lang``."""
        self.setLayoutDirection(text_direction(lang))
        text = approval_text(self.state)
        self.label.setText(text)
        self.setAccessibleName(text)

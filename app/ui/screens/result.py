"""The self-check result: the outcome, what led to it, and what happens next.

The result is computed from the session whenever the screen is shown or an answer
changes (:meth:`Session.result`, a cheap pure function). One row per criterion is made
once and moved between the status groups; the groups behind the outcome come first.
Only the study team decides who can take part, and the screen says so.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.content import ENROLLING, NOT_ENROLLING, ONLY_TEAM_DECIDES, outcome_title, status_label
from app.i18n import _
from app.i18n.format import format_number
from app.selfcheck import CriterionStatus, Outcome, SelfCheckResult
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage
from app.ui.style import px
from app.ui.text import TextLabel
from app.ui.widgets.criterion_row import CriterionRow, GroupHeader, restyle
from app.ui.widgets.verdict import VerdictIcon

#: Status groups in the order shown for each outcome: the groups behind it first.
GROUP_ORDER: dict[Outcome, tuple[CriterionStatus, ...]] = {
    Outcome.DOES_NOT_MATCH: (
        CriterionStatus.NOT_MET,
        CriterionStatus.UNKNOWN,
        CriterionStatus.MET,
        CriterionStatus.SCREENING,
    ),
    Outcome.MAY_MATCH: (
        CriterionStatus.UNKNOWN,
        CriterionStatus.SCREENING,
        CriterionStatus.NOT_MET,
        CriterionStatus.MET,
    ),
    Outcome.LIKELY_MATCH: (
        CriterionStatus.MET,
        CriterionStatus.NOT_MET,
        CriterionStatus.UNKNOWN,
        CriterionStatus.SCREENING,
    ),
}

#: The frame role of the headline card for each outcome.
OUTCOME_ROLE: dict[Outcome, str] = {
    Outcome.LIKELY_MATCH: "verdict-met",
    Outcome.MAY_MATCH: "verdict-unknown",
    Outcome.DOES_NOT_MATCH: "verdict-not_met",
}

#: The symbol drawn beside each outcome's headline.
OUTCOME_ICON: dict[Outcome, CriterionStatus] = {
    Outcome.LIKELY_MATCH: CriterionStatus.MET,
    Outcome.MAY_MATCH: CriterionStatus.UNKNOWN,
    Outcome.DOES_NOT_MATCH: CriterionStatus.NOT_MET,
}


class ResultScreen(ScreenPage):
    """What the answers mean, criterion by criterion."""

    screen_id = Screen.RESULT

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        record = session.record
        self.heading_label = self.heading("h1")

        # Shown only before any question is answered.
        self.prompt, prompt_layout = self.card("notice")
        self.prompt_text = self.text(parent=self.prompt)
        self.prompt_button = self.button("primary", self.prompt)
        self.prompt_button.clicked.connect(self._change_answers)
        prompt_layout.addWidget(self.prompt_text)
        prompt_layout.addWidget(self.prompt_button, 0, Qt.AlignmentFlag.AlignLeading)

        self.headline_card, headline_layout = self.card("verdict-unknown")
        headline_row = QHBoxLayout()
        headline_row.setSpacing(16)
        self.outcome_icon = VerdictIcon(self.headline_card)
        self.outcome_title = self.heading("h2")
        self.outcome_title.setParent(self.headline_card)
        headline_row.addWidget(self.outcome_icon, 0, Qt.AlignmentFlag.AlignTop)
        headline_row.addWidget(self.outcome_title, 1)
        self.outcome_text = self.text("lead", self.headline_card)
        self.only_team = self.heading("h3")
        self.only_team.setParent(self.headline_card)
        headline_layout.addLayout(headline_row)
        headline_layout.addWidget(self.outcome_text)
        headline_layout.addWidget(self.only_team)

        self.enrolling_card, enrolling_layout = self.card("notice")
        self.enrolling_heading = self.heading("h3")
        self.enrolling_heading.setParent(self.enrolling_card)
        self.enrolling_note = self.text(parent=self.enrolling_card)
        enrolling_layout.addWidget(self.enrolling_heading)
        enrolling_layout.addWidget(self.enrolling_note)

        self.led_heading = self.heading("h2")
        self.led_intro = self.text()
        # Group headings and rows share one container and one layout: re-grouping only
        # re-orders them there, so nothing is re-parented (which would hide it).
        self.groups_holder = QWidget(self.column)
        self.groups_layout = QVBoxLayout(self.groups_holder)
        self.groups_layout.setContentsMargins(0, 0, 0, 0)
        self.groups_layout.setSpacing(10)
        self.other_heading = self.heading("h2")
        self.other_heading.setParent(self.groups_holder)
        self.headers: dict[CriterionStatus, GroupHeader] = {
            status: GroupHeader(status, self.groups_holder) for status in CriterionStatus
        }
        self.rows: dict[str, CriterionRow] = {
            c.id: CriterionRow(c.id, self._make_text, self.groups_holder)
            for c in record.eligibility.criteria
        }

        self.next_heading = self.heading("h2")
        self.next_text = self.text()
        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.change_button = self.button()
        self.change_button.clicked.connect(self._change_answers)
        self.contact_button = self.button("primary")
        self.contact_button.clicked.connect(lambda: session.go_to(Screen.CONTACT))
        actions.addWidget(self.change_button)
        actions.addWidget(self.contact_button)
        actions.addStretch(1)

        for widget in (
            self.heading_label,
            self.prompt,
            self.headline_card,
            self.enrolling_card,
            self.led_heading,
            self.led_intro,
            self.groups_holder,
            self.next_heading,
            self.next_text,
        ):
            self.body.addWidget(widget)
        self.body.addSpacing(8)
        self.body.addLayout(actions)
        self.body.addStretch(1)

        session.answers_changed.connect(self.refresh)
        session.reset_done.connect(self.refresh)
        session.high_contrast_changed.connect(self.refresh)
        session.screen_changed.connect(self._on_screen_changed)
        self.retranslate()

    def _make_text(self, role: str | None, parent: QWidget) -> TextLabel:
        return self.text(role, parent)

    def title(self) -> str:
        """The screen's name."""
        return _("Your result")

    # -- rendering -------------------------------------------------------------------
    def result(self) -> SelfCheckResult:
        """The self-check result for the session's answers now."""
        return self.session.result()

    def retranslate(self) -> None:
        """Put every word in the current language and show the current result."""
        super().retranslate()
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Compute the result and show it; rows are updated in place, never rebuilt."""
        session = self.session
        record = session.record
        lang = self.lang
        result = self.result()
        answered = bool(session.answers)

        self.heading_label.setText(_("Your self-check result"))
        self.prompt.setVisible(not answered)
        self.set_text(
            self.prompt_text,
            _(
                "You have not answered any questions yet. Answer them first to see how "
                "the study might fit you. Below is everything the study looks for."
            ),
        )
        self.prompt_button.setText(_("Answer the questions"))
        self.prompt_button.setAccessibleName(_("Answer the questions"))
        self.prompt_button.setAccessibleDescription(_("Go to the first question"))

        self.headline_card.setVisible(answered)
        restyle(self.headline_card, OUTCOME_ROLE[result.outcome])
        self.outcome_icon.set_status(OUTCOME_ICON[result.outcome])
        self.outcome_icon.set_high_contrast(session.high_contrast)
        self.outcome_icon.set_size(round(px("h2", session.text_scale) * 1.5))
        self.outcome_title.setText(outcome_title(result.outcome, lang))
        patient = record.patient
        texts = patient.outcome_texts if patient else None
        self.outcome_text.setVisible(texts is not None)
        if texts is not None:
            self.set_text(self.outcome_text, getattr(texts, result.outcome.value))
        self.only_team.setText(_(ONLY_TEAM_DECIDES))

        self.enrolling_heading.setText(_(ENROLLING) if result.enrolling else _(NOT_ENROLLING))
        self.enrolling_note.setVisible(patient is not None)
        if patient is not None:
            self.set_text(self.enrolling_note, patient.enrolling_note)

        self.led_heading.setText(
            _("What led to this") if answered else _("What the study looks for")
        )
        if not answered:
            intro = _("Each point below is not known yet, or the study team checks it.")
        elif result.outcome is Outcome.DOES_NOT_MATCH:
            intro = _("The points that do not fit come first.")
        elif result.outcome is Outcome.MAY_MATCH:
            intro = _("The points that are still open come first. The study team would check them.")
        else:
            intro = _("Every point fits your answers.")
        self.set_text(self.led_intro, intro)
        self._show_groups(result)

        self.next_heading.setText(_("What happens next"))
        self.next_heading.setVisible(patient is not None)
        self.next_text.setVisible(patient is not None)
        if patient is not None:
            self.set_text(self.next_text, patient.after_selfcheck)
        self.change_button.setText(_("Change my answers"))
        self.change_button.setAccessibleName(_("Change my answers"))
        self.change_button.setAccessibleDescription(_("Go back to the first question"))
        self.contact_button.setText(_("Who to contact"))
        self.contact_button.setAccessibleName(_("Who to contact"))
        self.contact_button.setAccessibleDescription(_("Who to ask and what to do next"))

    def _show_groups(self, result: SelfCheckResult) -> None:
        """Order the rows by status group, deciding groups first; hide empty groups."""
        lang = self.lang
        record = self.session.record
        deciding = {item.status for item in result.deciding}
        while self.groups_layout.count():  # the widgets stay; only the order is rebuilt
            self.groups_layout.takeAt(0)
        row_icon = round(px("h3", self.session.text_scale) * 1.4)
        first_other = True
        for status in GROUP_ORDER[result.outcome]:
            header = self.headers[status]
            items = result.with_status(status)
            header.setVisible(bool(items))
            header.heading.setText(status_label(status, lang))
            header.count.setText(format_number(len(items), lang))
            if not items:
                continue
            if status not in deciding and first_other and deciding:
                self.groups_layout.addWidget(self.other_heading)
                first_other = False
            self.groups_layout.addWidget(header)
            for item in items:
                row = self.rows[item.criterion_id]
                self.groups_layout.addWidget(row)
                row.show_result(item, record, lang, self.set_text)
                row.icon.set_high_contrast(self.session.high_contrast)
                row.icon.set_size(row_icon)
        self.other_heading.setText(_("The other points"))
        self.other_heading.setVisible(not first_other)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Make Tab follow the reading order, which re-grouping has just changed."""
        chain: list[QWidget] = [self.prompt_button, self.outcome_text, self.enrolling_note]
        for _status, rows in self.shown_groups():
            for row in rows:
                chain += [row.criterion, row.reason]
        chain += [self.next_text, self.change_button, self.contact_button]
        # Only widgets that take focus (labels with glossary links, buttons) can be chained.
        chain = [w for w in chain if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def shown_groups(self) -> list[tuple[CriterionStatus, list[CriterionRow]]]:
        """The status groups as laid out now, top to bottom, each with its rows."""
        groups: list[tuple[CriterionStatus, list[CriterionRow]]] = []
        for index in range(self.groups_layout.count()):
            widget = self.groups_layout.itemAt(index).widget()
            if isinstance(widget, GroupHeader):
                groups.append((widget.status, []))
            elif isinstance(widget, CriterionRow):
                groups[-1][1].append(widget)
        return groups

    # -- session signals and actions -------------------------------------------------
    def _on_screen_changed(self, screen: str) -> None:
        if screen == self.screen_id.value:
            self.refresh()

    def _on_text_scale_changed(self, scale: int) -> None:
        super()._on_text_scale_changed(scale)
        self.refresh()

    def _change_answers(self) -> None:
        self.session.go_to_question(0)
        self.session.go_to(Screen.SELFCHECK)

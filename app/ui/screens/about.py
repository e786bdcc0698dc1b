"""About the study: plain summary, who can take part, and the key facts at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.i18n.enums import enum_explanation, enum_label
from app.i18n.format import format_date, format_number
from app.present.sites import sites_text
from app.present.text import sponsor_name, stopped_explanation
from app.record.enums import DateType
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage
from app.ui.widgets.registry_fields import OfficialText


class AboutScreen(ScreenPage):
    """What the study is about, in plain words."""

    screen_id = Screen.ABOUT
    theme_in_parts = True  # (long: the viewport shows a part)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading_label = self.heading("h1")
        self.summary = self.text("lead")
        # Why a terminated, withdrawn or suspended study stopped: plain words, then the
        # registry's own reason verbatim (English, left to right).
        status = session.record.status
        self.stopped_card, stopped_layout = self.card("notice")
        self.stopped_heading = self.text("h3", parent=self.stopped_card)
        self.stopped_text = self.text(parent=self.stopped_card)
        self.stopped_reason = OfficialText(self.stopped_card)
        self.stopped_reason.set_official(status.why_stopped or "")
        self.stopped_reason.setVisible(bool(status.why_stopped))
        for part in (self.stopped_heading, self.stopped_text, self.stopped_reason):
            stopped_layout.addWidget(part)
        self.stopped_card.setVisible(
            stopped_explanation(status.overall_status, status.why_stopped) is not None
        )
        self.who_heading = self.heading("h2")
        self.who = self.text()
        self.facts_heading = self.heading("h2")
        facts_card, _grid, self.fact_rows = self.fact_grid(
            ("phase", "participants", "start", "end", "sponsor", "where")
        )
        self.next_button = self.button("primary")
        self.next_button.clicked.connect(lambda: session.go_to(Screen.PROCEDURES))

        for widget in (
            self.heading_label,
            self.summary,
            self.stopped_card,
            self.who_heading,
            self.who,
        ):
            self.body.addWidget(widget)
        self.body.addWidget(self.facts_heading)
        self.body.addWidget(facts_card)
        self.body.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.body.addStretch(1)
        for label, section in (
            (self.summary, "summary"),
            (self.who_heading, "who"),
            (self.facts_heading, "facts"),
        ):
            self.listen_beside(label, section)
        self.render()

    def _facts(self) -> dict[str, tuple[str, str]]:
        """Key fact -> (name, value) in the current language."""
        record = self.session.record
        lang = self.lang
        status = record.status
        facts: dict[str, tuple[str, str]] = {}
        if status.phases:
            phases = [enum_label(p) for p in status.phases]
            explanations = [e for p in status.phases if (e := enum_explanation(p))]
            facts["phase"] = (_("Phase"), "\n\n".join([" / ".join(phases), *explanations]))
        if status.enrollment is not None:
            count = format_number(status.enrollment.count, lang)
            if status.enrollment.type is DateType.ACTUAL:
                text = _("{count} people took part").format(count=count)
            elif status.enrollment.type is DateType.ESTIMATED:
                text = _("About {count} people are expected to take part").format(count=count)
            else:  # the registry does not say whether the number is final
                text = _("{count} people").format(count=count)
            facts["participants"] = (_("Participants"), text)
        # A date without a type (the registry does not say) gets a neutral name.
        start, end = status.start, status.completion
        if start is not None:
            names = {DateType.ACTUAL: _("Started"), DateType.ESTIMATED: _("Starts")}
            facts["start"] = (
                names[start.type] if start.type else _("Start date"),
                format_date(start.date, lang),
            )
        if end is not None:
            names = {DateType.ACTUAL: _("Ended"), DateType.ESTIMATED: _("Expected to end")}
            facts["end"] = (
                names[end.type] if end.type else _("End date"),
                format_date(end.date, lang),
            )
        facts["sponsor"] = (_("Run by"), sponsor_name(record, lang))
        if record.locations:
            facts["where"] = (_("Where"), sites_text(record, lang))
        return facts

    def render(self) -> None:
        """Put every word in the current language."""
        super().render()
        record = self.session.record
        patient = record.patient
        self.heading_label.setText(_("About the study"))
        self.set_text(self.summary, patient.summary if patient else record.official.brief_summary)
        self.who_heading.setText(_("Who the study is for"))
        self.set_text(
            self.who, patient.who_can_take_part if patient else record.eligibility.criteria_text
        )
        self.stopped_heading.set_record_text(_("Why the study stopped"), self.lang)
        explanation = stopped_explanation(record.status.overall_status, record.status.why_stopped)
        self.set_text(self.stopped_text, explanation or "")
        self.facts_heading.setText(_("Key facts"))
        self.show_facts(self.fact_rows, self._facts())
        self.next_button.setText(_("Next: what taking part involves"))
        self.next_button.setAccessibleName(_("Next: what taking part involves"))
        self.next_button.setAccessibleDescription(_("Go to the next screen"))

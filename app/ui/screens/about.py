"""About the study: plain summary, who can take part, and the key facts at a glance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.i18n.enums import enum_explanation, enum_label
from app.i18n.format import format_date, format_number
from app.present.sites import sites_text
from app.present.text import sponsor_name
from app.record.enums import DateType
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage


class AboutScreen(ScreenPage):
    """What the study is about, in plain words."""

    screen_id = Screen.ABOUT

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading_label = self.heading("h1")
        self.summary = self.text("lead")
        self.who_heading = self.heading("h2")
        self.who = self.text()
        self.facts_heading = self.heading("h2")
        facts_card, _grid, self.fact_rows = self.fact_grid(
            ("phase", "participants", "start", "end", "sponsor", "where")
        )
        self.next_button = self.button("primary")
        self.next_button.clicked.connect(lambda: session.go_to(Screen.PROCEDURES))

        for widget in (self.heading_label, self.summary, self.who_heading, self.who):
            self.body.addWidget(widget)
        self.body.addWidget(self.facts_heading)
        self.body.addWidget(facts_card)
        self.body.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.body.addStretch(1)
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
            text = (
                _("{count} people took part").format(count=count)
                if status.enrollment.type is DateType.ACTUAL
                else _("About {count} people are expected to take part").format(count=count)
            )
            facts["participants"] = (_("Participants"), text)
        if status.start is not None:
            facts["start"] = (
                _("Started") if status.start.type is DateType.ACTUAL else _("Starts"),
                format_date(status.start.date, lang),
            )
        if status.completion is not None:
            facts["end"] = (
                _("Ended") if status.completion.type is DateType.ACTUAL else _("Expected to end"),
                format_date(status.completion.date, lang),
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
        self.facts_heading.setText(_("Key facts"))
        self.show_facts(self.fact_rows, self._facts())
        self.next_button.setText(_("Next: what taking part involves"))
        self.next_button.setAccessibleName(_("Next: what taking part involves"))
        self.next_button.setAccessibleDescription(_("Go to the next screen"))

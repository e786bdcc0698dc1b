"""Next steps and contact: what to do now, who to ask, where the study is and its registry number.

Phone numbers and e-mail addresses are shown as plain text, never as links: on a kiosk a
link would try to open another program. When the record gives no contact, the screen says
only what the record's own contact text says (ask the clinic staff); nothing is made up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from app.i18n import _
from app.i18n.enums import enum_label
from app.present.outcome import who_decides
from app.present.sites import sites_text
from app.present.text import sponsor_name
from app.record.models import Contact
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage
from app.ui.text import TextLabel

#: LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE: a phone number or an e-mail address
#: keeps its left-to-right order inside a Persian line.
_LRI = "\u2066"
_PDI = "\u2069"


def _ltr(text: str) -> str:
    """``text`` isolated as left to right (as the registry writes it, digits unchanged)."""
    return f"{_LRI}{text}{_PDI}"


class _ContactCard:
    """The widgets of one contact from the record: name, role, phone and e-mail.

    Every label is a :class:`~app.ui.text.TextLabel` without links, so its paragraph
    direction (and with it its alignment) follows the language, even for a name written
    in Latin letters inside the Persian interface.
    """

    def __init__(self, page: ContactScreen, contact: Contact) -> None:
        self.page = page
        self.contact = contact
        self.frame, layout = page.card()
        self.name = page.text("h3", parent=self.frame)
        self.role = page.text("muted", parent=self.frame)
        layout.addWidget(self.name)
        layout.addWidget(self.role)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        #: "phone" / "email" -> (name label, value label); only what the record gives.
        self.rows: dict[str, tuple[TextLabel, TextLabel]] = {}
        for row, (key, value) in enumerate((("phone", contact.phone), ("email", contact.email))):
            if not value:
                continue
            name = page.text("field-name", parent=self.frame)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            shown = page.text(parent=self.frame)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(shown, row, 1)
            self.rows[key] = (name, shown)

    def render(self) -> None:
        """Put the card's words in the page's language (names, phones and addresses as given).

        A phone number or an e-mail address is plain text, never a link (a kiosk must not
        open other programs), isolated left to right so that a Persian line keeps its order.
        """
        page = self.page
        # A contact the registry gives without a name (a phone or an e-mail only) is
        # headed by its role instead.
        page.set_text(self.name, self.contact.name or enum_label(self.contact.role))
        page.set_text(self.role, enum_label(self.contact.role))
        self.role.setVisible(self.contact.name is not None)
        names = {"phone": _("Phone"), "email": _("Email")}
        values = {"phone": self.contact.phone, "email": self.contact.email}
        for key, (name, shown) in self.rows.items():
            page.set_text(name, names[key])
            page.set_text(shown, _ltr(values[key] or ""))


class ContactScreen(ScreenPage):
    """What to do next and how to reach the study team."""

    screen_id = Screen.CONTACT

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        record = session.record
        self.heading_label = self.heading("h1")
        self.after_selfcheck = self.text("lead")
        self.reach_heading = self.heading("h2")
        self.contact_text = self.text()
        self.contact_cards = [_ContactCard(self, contact) for contact in record.contacts]

        self.study_heading = self.heading("h2")
        facts_card, grid, self.fact_rows = self.fact_grid(("where", "sponsor", "registry"))
        self.registry_hint = self.text("muted", parent=facts_card)
        grid.addWidget(self.registry_hint, 3, 1)

        self.decides, decides_layout = self.card("notice")
        self.decides_text = self.text(parent=self.decides)
        decides_layout.addWidget(self.decides_text)

        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.result_button = self.button("primary")
        self.result_button.clicked.connect(lambda: session.go_to(Screen.RESULT))
        self.start_button = self.button()
        self.start_button.clicked.connect(lambda: session.go_to(Screen.WELCOME))
        actions.addWidget(self.result_button)
        actions.addWidget(self.start_button)
        actions.addStretch(1)

        for widget in (self.heading_label, self.after_selfcheck, self.reach_heading):
            self.body.addWidget(widget)
        self.body.addWidget(self.contact_text)
        for card in self.contact_cards:
            self.body.addWidget(card.frame)
        self.body.addWidget(self.study_heading)
        self.body.addWidget(facts_card)
        self.body.addWidget(self.decides)
        self.listen_beside(self.reach_heading, "reach")
        self.body.addSpacing(8)
        self.body.addLayout(actions)
        self.body.addStretch(1)
        self.render()

    def _places(self) -> str:
        """The study sites, one a line, in the current language where the record has it."""
        return sites_text(self.session.record, self.lang)

    def render(self) -> None:
        """Put every word in the current language."""
        super().render()
        record = self.session.record
        patient = record.patient
        self.heading_label.setText(_("What to do next"))
        self.after_selfcheck.setVisible(patient is not None)
        if patient is not None:
            self.set_text(self.after_selfcheck, patient.after_selfcheck)
        self.reach_heading.setText(_("How to reach the study team"))
        if patient is not None:
            self.set_text(self.contact_text, patient.contact)
        else:
            self.set_text(
                self.contact_text, _("Please ask the clinic staff how to reach the study team.")
            )
        for card in self.contact_cards:
            card.render()

        self.study_heading.setText(_("About this study"))
        facts = {
            "where": (_("Where"), self._places()),
            "sponsor": (_("Run by"), sponsor_name(record, self.lang)),
            "registry": (_("Registry number"), record.identification.nct_id),
        }
        self.show_facts(self.fact_rows, facts)
        self.set_text(
            self.registry_hint,
            _("You can look this study up on ClinicalTrials.gov with this number."),
        )
        self.set_text(self.decides_text, who_decides(record, self.lang))

        self.result_button.setText(_("See your result"))
        self.result_button.setAccessibleName(_("See your result"))
        self.result_button.setAccessibleDescription(_("Go back to what your answers mean"))
        self.start_button.setText(_("Back to the start"))
        self.start_button.setAccessibleName(_("Back to the start"))
        self.start_button.setAccessibleDescription(_("Go to the first screen"))

"""Study details: the registry's entry, word for word, for counselors and curious readers.

The registry's own text is shown verbatim, in English and left to right, even on a
Persian page; the names of the fields, the dates and the registry's coded values
(status, phase, design, ...) are in the interface language, each coded value with the
registry's raw value beside it so a counselor can match the registry page. A list of
buttons at the top scrolls the page to each section. Sections and fields the record
does not have are not shown at all.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import _
from app.session import Screen, Session
from app.ui.flow import FlowLayout
from app.ui.screens.base import ScreenPage
from app.ui.widgets.registry_sections import SECTIONS, RegistrySections

#: Space left above a section's heading when the jump list scrolls to it, in px.
_JUMP_MARGIN = 12

#: The language the registry's text is written in.
_REGISTRY_LANGUAGE = "en"


class _Section:
    """A section of the page: heading, content and the jump-list button leading to it."""

    def __init__(self, key: str, name: str, page: DetailsScreen) -> None:
        self.key = key
        self.name = name  # an N_() message, translated when shown
        self.heading = page.heading("h2")
        self.content = QWidget(page.column)
        self.layout = QVBoxLayout(self.content)
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.layout.setSpacing(16)
        self.button = page.button(parent=page.jump_holder)
        self.button.clicked.connect(lambda: page.jump_to(self.key))


class DetailsScreen(ScreenPage):
    """The registry entry, verbatim, with plain names for its coded values."""

    screen_id = Screen.DETAILS

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.sections: dict[str, _Section] = {}
        self.heading_label = self.heading("h1")
        self.intro = self.text("lead")
        self.language_note = self.text("muted")
        self.jump_heading = self.heading("h2")
        self.jump_holder = QWidget(self.column)
        self.jump_flow = FlowLayout(self.jump_holder, spacing=8)
        for widget in (self.heading_label, self.intro, self.language_note, self.jump_heading):
            self.body.addWidget(widget)
        self.body.addWidget(self.jump_holder)

        self.builder = RegistrySections(session.record, lambda: self.lang)
        for key, name in SECTIONS:
            if not self.builder.has(key):
                continue
            section = _Section(key, name, self)
            self.builder.build(key, section.layout)
            self.sections[key] = section
            self.jump_flow.addWidget(section.button)
            self.body.addSpacing(12)
            self.body.addWidget(section.heading)
            self.body.addWidget(section.content)
        self.body.addStretch(1)
        self.render()

    # -- jumping ---------------------------------------------------------------------------
    def jump_to(self, key: str) -> None:
        """Scroll the page so that section ``key`` starts at the top, and move focus there."""
        section = self.sections[key]
        holder = self.scroll_area.widget()
        assert holder is not None  # ScreenPage puts its column in the scroll area
        top = section.heading.mapTo(holder, QPoint(0, 0)).y()
        self.scroll_area.verticalScrollBar().setValue(max(0, top - _JUMP_MARGIN))
        # Keyboard and screen-reader users continue reading (and tabbing) from here.
        section.heading.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- words -------------------------------------------------------------------------------
    def render(self) -> None:
        """Put every interface word in the current language (registry text stays English)."""
        super().render()
        lang = self.lang
        self.heading_label.setText(_("Study details"))
        self.set_text(
            self.intro,
            _(
                "The study's entry in the public registry ClinicalTrials.gov, word for word "
                "where not labelled otherwise. The other screens explain the study in plain "
                "words."
            ),
        )
        # In any other language, say once that the registry's blocks stay in English.
        self.language_note.setVisible(lang != _REGISTRY_LANGUAGE)
        self.set_text(
            self.language_note,
            _("The registry's text is in English and is shown here exactly as registered."),
        )
        self.jump_heading.setText(_("On this page"))
        for section in self.sections.values():
            name = _(section.name)
            section.heading.setText(name)
            section.button.setText(name)
            section.button.setAccessibleName(name)
            section.button.setAccessibleDescription(_("Scroll down to this section"))
        self.builder.retranslate()

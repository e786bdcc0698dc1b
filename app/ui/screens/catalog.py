"""The catalog: every study the clinic offers, as cards, and the first step across them.

Cards come from :func:`app.present.catalog_screen.cards` (enrolling first, closed last);
the page only lays them out. A study joins the list when its record has validated
(``Session.studies_changed``), so the cards are built again then, and on each render.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import text_direction
from app.present.catalog import StudyCard, group_heading
from app.present.catalog_screen import cards, catalog_words
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage
from app.ui.text import button_text

#: How long studies that validate one after another are gathered before the cards are
#: built again, in ms (a study validates in 10 to 50 ms).
JOIN_BATCH_MS = 80


class CatalogScreen(ScreenPage):
    """The first screen of a clinic's catalog of studies."""

    screen_id = Screen.CATALOG

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title = self.heading("h1")
        self.lead = self.text("lead")
        actions = QHBoxLayout()
        self.prescreen_button = self.button("primary")
        self.prescreen_button.clicked.connect(lambda: session.go_to(Screen.PRESCREEN))
        actions.addWidget(self.prescreen_button)
        actions.addStretch(1)
        self.empty = self.text()
        self.cards_box = QWidget(self.column)
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(16)
        #: The cards now shown, by study key: (frame, open button).
        self.cards: dict[str, tuple[QFrame, QPushButton]] = {}
        self._built: list[QWidget] = []
        self.body.addWidget(self.title)
        self.body.addWidget(self.lead)
        self.body.addLayout(actions)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.cards_box)
        self.body.addStretch(1)
        #: Studies joining while the catalog is in view: one re-render for a few of them.
        self._joining = QTimer(self)
        self._joining.setSingleShot(True)
        self._joining.setInterval(JOIN_BATCH_MS)
        self._joining.timeout.connect(self.render)
        session.studies_changed.connect(self._on_studies_changed)
        self.render()

    def _on_studies_changed(self) -> None:
        # Hidden: render when shown. In view: the cards are built again for a batch of
        # studies, not for each one (building every card again costs about 5 ms a card).
        if self.hidden_in_stack:
            self._stale = True
        elif not self._joining.isActive():
            self._joining.start()

    def render(self) -> None:
        """Put every word in the current language, one card per study that validated."""
        super().render()
        self._joining.stop()
        lang = self.lang
        words = catalog_words(lang)
        self.title.setText(words["title"])
        self.set_text(self.lead, words["lead"])
        self.prescreen_button.setText(button_text(words["prescreen"]))
        self.prescreen_button.setAccessibleName(words["prescreen"])
        self.prescreen_button.setAccessibleDescription(words["prescreen_description"])
        study_cards = cards(self.session.studies, lang)
        self.empty.setVisible(not study_cards)
        self.set_text(self.empty, words["none"])
        self._build_cards(study_cards, words)

    def _build_cards(self, study_cards: tuple[StudyCard, ...], words: dict[str, str]) -> None:
        for widget in self._built:
            self.cards_layout.removeWidget(widget)
            shiboken6.delete(widget)
        self._built.clear()
        self.cards.clear()
        group = None
        for card in study_cards:
            if card.group != group:  # "Taking new people now", ..., "Closed" last
                group = card.group
                heading = self.heading("h2", self.cards_box)
                heading.setText(group_heading(group, self.lang))
                self.cards_layout.addWidget(heading)
                self._built.append(heading)
            frame = self._card(card, words)
            self.cards_layout.addWidget(frame)
            self._built.append(frame)

    def _card(self, card: StudyCard, words: dict[str, str]) -> QFrame:
        lang = self.lang
        frame, layout = self.card("card-closed" if card.closed else "card", self.cards_box)
        frame.setLayoutDirection(text_direction(lang))
        # The title and summary may be in the study's own language (it lacks the visitor's).
        title = self.heading("h2", frame)
        title.setText(card.title)
        title.setLayoutDirection(text_direction(card.text_language))
        status = self.heading("h3", frame)
        status.setText(card.status)
        status.setProperty("tone", "closed" if card.closed else "open" if card.enrolling else "")
        summary = self.text(parent=frame)
        summary.set_record_text(card.summary, card.text_language)
        who = self.text(parent=frame)
        self.set_text(who, card.who_for)
        for widget in (title, status, summary, who):
            layout.addWidget(widget)
        if card.language_note:
            note = self.text("muted", frame)
            self.set_text(note, card.language_note)
            layout.addWidget(note)
        self.listen_beside(title, f"card[{card.study_id}]")
        row = QHBoxLayout()
        button = self.button(None if card.closed else "primary", frame)
        button.setText(button_text(words["open"]))
        button.setAccessibleName(f"{words['open']}: {card.title}")
        button.setAccessibleDescription(words["open_description"])
        key = card.study_id
        button.clicked.connect(lambda _c=False, key=key: self.session.open_study(key))
        row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        frame.setAccessibleName(card.title)
        self.cards[key] = (frame, button)
        return frame

"""The row of section buttons under the header; wraps to a second line when needed.

Its text keeps its 100% size at every text size (the screens' text grows), so it takes
the same room on every screen and the buttons stay where they were.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QPushButton, QVBoxLayout, QWidget

from app.i18n import N_, _, text_direction
from app.session import Screen, Session
from app.ui.flow import FlowLayout
from app.ui.style import fix_text_size

#: Sections in the navigation, with their names and descriptions (translated when shown).
SECTIONS: tuple[tuple[Screen, str, str], ...] = (
    (Screen.WELCOME, N_("Home"), N_("Go to the first screen")),
    (Screen.ABOUT, N_("About the study"), N_("What the study is about")),
    (Screen.PROCEDURES, N_("Taking part"), N_("What taking part involves, step by step")),
    (Screen.SELFCHECK, N_("Self-check"), N_("Answer a few questions about yourself")),
    (Screen.RESULT, N_("Your result"), N_("What your answers mean")),
    (Screen.DETAILS, N_("Study details"), N_("The registry's full text, for counselors")),
    (Screen.GLOSSARY, N_("Glossary"), N_("Medical words explained")),
    (Screen.CONTACT, N_("Contact"), N_("Who to ask and what to do next")),
)


class NavBar(QFrame):
    """Section navigation; the current section's button is checked."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("NavBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 4, 16, 0)
        holder = QWidget(self)
        flow = FlowLayout(holder, spacing=4)
        outer.addWidget(holder)
        self.buttons: dict[Screen, QPushButton] = {}
        group = QButtonGroup(self)
        for screen, _name, _description in SECTIONS:
            button = QPushButton(holder)
            button.setProperty("role", "nav")
            button.setCheckable(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            # toggled, not clicked: a screen reader's "Toggle" action (AT-SPI) checks the
            # button without a click, and must go to the section as a tap does.
            button.toggled.connect(lambda checked, s=screen: self._chosen(s, checked))
            group.addButton(button)
            flow.addWidget(button)
            self.buttons[screen] = button
            # Like the header, the navigation keeps its size: the page's text grows.
            fix_text_size(button)
        session.language_changed.connect(self.render)
        session.screen_changed.connect(self._on_screen_changed)
        session.reset_done.connect(self.render)
        self.render()

    def render(self, *_args: object) -> None:
        """Name every section in the current language."""
        self.setLayoutDirection(text_direction(self.session.language))
        for screen, name, description in SECTIONS:
            button = self.buttons[screen]
            button.setText(_(name))
            button.setAccessibleName(_(name))
            button.setAccessibleDescription(_(description))
        self._on_screen_changed(self.session.screen.value)

    def _chosen(self, screen: Screen, checked: bool) -> None:
        if checked:
            self.session.go_to(screen)

    def _on_screen_changed(self, screen: str) -> None:
        for key, button in self.buttons.items():
            # Showing the state is not choosing: toggled() is for the visitor's choice only.
            with QSignalBlocker(button):
                button.setChecked(key.value == screen)

"""A glossary term explained in place: a panel over the screen, closed with one tap."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, localize, text_direction
from app.session import Screen, Session
from app.ui.text import TextLabel


class TermPopover(QFrame):
    """Shows one glossary term over the current screen, near the bottom of the window."""

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.term_id: str | None = None
        self.setObjectName("Popover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        self.term = QLabel(self)
        self.term.setTextFormat(Qt.TextFormat.PlainText)
        self.term.setProperty("role", "h2")
        self.term.setWordWrap(True)
        self.expansion = QLabel(self)
        self.expansion.setTextFormat(Qt.TextFormat.PlainText)
        self.expansion.setProperty("role", "muted")
        self.expansion.setWordWrap(True)
        self.definition = TextLabel(parent=self)
        self.definition.term_activated.connect(self.show_term)
        buttons = QHBoxLayout()
        self.all_terms = QPushButton(self)
        self.all_terms.clicked.connect(self._open_glossary)
        self.close_button = QPushButton(self)
        self.close_button.setProperty("role", "primary")
        self.close_button.clicked.connect(self.hide)
        buttons.addWidget(self.all_terms)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        for widget in (self.term, self.expansion, self.definition):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.hide()
        session.language_changed.connect(self._on_language_changed)
        session.reset_done.connect(self._on_reset)
        parent.installEventFilter(self)

    def show_term(self, term_id: str) -> None:
        """Explain ``term_id`` (ignored if the glossary lacks it)."""
        try:
            self.session.record.glossary_term(term_id)
        except KeyError:
            return
        self.term_id = term_id
        self.render()
        self._place()
        self.show()
        self.raise_()
        self.close_button.setFocus(Qt.FocusReason.PopupFocusReason)

    def render(self) -> None:
        """Show the term in the current language."""
        lang = self.session.language
        self.setLayoutDirection(text_direction(lang))
        self.all_terms.setText(_("All terms"))
        self.all_terms.setAccessibleName(_("All terms"))
        self.all_terms.setAccessibleDescription(_("Open the glossary with every term"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))
        self.close_button.setAccessibleDescription(_("Close this explanation"))
        if self.term_id is None:
            return
        term = self.session.record.glossary_term(self.term_id)
        self.term.setText(localize(term.term, lang))
        self.expansion.setText(localize(term.expansion, lang) if term.expansion else "")
        self.expansion.setVisible(term.expansion is not None)
        self.definition.set_record_text(term.definition, lang, self.session.record)
        self.setAccessibleName(localize(term.term, lang))
        if self.isVisible():
            self._place()

    def _open_glossary(self) -> None:
        self.hide()
        self.session.go_to(Screen.GLOSSARY)

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(parent.width() - 48, max(480, parent.width() * 2 // 3))
        self.setFixedWidth(width)
        self.adjustSize()
        height = min(self.sizeHint().height(), parent.height() - 48)
        self.setGeometry(
            (parent.width() - width) // 2, parent.height() - height - 24, width, height
        )

    def _on_reset(self) -> None:
        # Hidden, with its buttons named in the default language (the next visitor's).
        self.hide()
        self.render()

    def _on_language_changed(self, _lang: str) -> None:
        if self.isVisible():
            self.render()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's size; Escape anywhere closes the explanation."""
        if watched is self.parentWidget() and self.isVisible():
            if event.type() == QEvent.Type.Resize:
                self._place()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                self.hide()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the explanation."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

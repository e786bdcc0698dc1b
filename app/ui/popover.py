"""A glossary term explained in place: a panel beside the term, over a dimmed screen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, is_rtl, localize, text_direction
from app.session import Screen, Session
from app.ui.confirm import Scrim
from app.ui.text import TextLabel, WrapLabel

#: Room (px) between the term and the pop-up, and between the pop-up and the window edge.
GAP = 8
MARGIN = 16
#: How far before the term (px, in reading direction) the pop-up starts.
LEAD = 32
#: The pop-up's width at most, in px at 100% text (it grows with the text).
WIDTH = 560


class TermPopover(QFrame):
    """Shows one glossary term beside the word tapped, over a dimmed screen.

    The pop-up opens under the term's line (above it when there is no room below), its
    start edge at the term's: the left edge in English, the right edge in Persian. A term
    tapped inside the pop-up opens in its place, and a Back arrow returns to the one before.
    """

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.term_id: str | None = None
        #: Terms opened before this one from inside the pop-up (Back returns to them).
        self.history: list[str] = []
        #: Where the term tapped is, in the parent's coordinates (None: centre).
        self.anchor: QRect | None = None
        self.setObjectName("Popover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.scrim = Scrim(parent)
        self.scrim.tapped.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.setSpacing(12)
        self.back_button = QPushButton(self)
        self.back_button.setProperty("role", "back")
        self.back_button.setMinimumSize(56, 56)
        self.back_button.clicked.connect(self.back)
        self.term = WrapLabel(self)
        self.term.setTextFormat(Qt.TextFormat.PlainText)
        self.term.setProperty("role", "h2")
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.term, 1)
        self.expansion = WrapLabel(self)
        self.expansion.setTextFormat(Qt.TextFormat.PlainText)
        self.expansion.setProperty("role", "muted")
        self.definition = TextLabel(parent=self)
        self.definition.term_activated.connect(self.show_nested)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        self.all_terms = QPushButton(self)
        self.all_terms.clicked.connect(self._open_glossary)
        self.close_button = QPushButton(self)
        self.close_button.setProperty("role", "confirm")
        self.close_button.setMinimumHeight(64)
        self.close_button.clicked.connect(self.hide)
        buttons.addWidget(self.all_terms)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button, 2)
        layout.addLayout(top)
        for widget in (self.expansion, self.definition):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        for button in (self.back_button, self.all_terms, self.close_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()
        session.language_changed.connect(self._on_language_changed)
        session.reset_done.connect(self._on_reset)
        parent.installEventFilter(self)

    def show_term(self, term_id: str) -> None:
        """Explain ``term_id`` beside the term just tapped (ignored if the glossary lacks it)."""
        if not self._known(term_id):
            return
        self.history.clear()
        self.anchor = self._term_rect()
        self._open(term_id)

    def show_nested(self, term_id: str) -> None:
        """Explain a term tapped inside the pop-up; Back returns to the one shown now."""
        if not self._known(term_id) or term_id == self.term_id:
            return
        if self.term_id is not None:
            self.history.append(self.term_id)
        self._open(term_id)

    def back(self) -> None:
        """Show the term before this one (from inside the pop-up)."""
        if self.history:
            self._open(self.history.pop())

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: D102 - Qt override
        # However the pop-up goes (Close, Escape, a tap on the dimmed screen, a new
        # screen, a reset), the dimming and the way back go with it.
        self.scrim.hide()
        self.history.clear()
        super().hideEvent(event)

    def _known(self, term_id: str) -> bool:
        try:
            self.session.record.glossary_term(term_id)
        except KeyError:
            return False
        return True

    def _term_rect(self) -> QRect | None:
        """Where the term just activated is, in the parent's coordinates."""
        label = TextLabel.last_activated
        parent = self.parentWidget()
        assert parent is not None  # built with the window as parent
        if label is None or not shiboken6.isValid(label) or not label.isVisible():
            return None
        if label is self.definition or not parent.isAncestorOf(label):
            return None
        rect = label.term_rect()
        return QRect(label.mapTo(parent, rect.topLeft()), rect.size())

    def _open(self, term_id: str) -> None:
        self.term_id = term_id
        self.render()
        self.scrim.cover()
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
        # The arrow points back in the reading direction: left in English, right in Persian.
        self.back_button.setText("→" if is_rtl(lang) else "←")
        self.back_button.setAccessibleName(_("Back"))
        self.back_button.setAccessibleDescription(_("Show the word explained before this one"))
        self.back_button.setVisible(bool(self.history))
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
        """Under the term (or above it), its start edge at the term's; else centred."""
        parent = self.parentWidget()
        assert parent is not None  # built with the window as parent
        scale = max(100, self.session.text_scale)
        width = min(parent.width() - 2 * MARGIN, round(WIDTH * scale / 100))
        self.setFixedWidth(width)
        self.adjustSize()
        height = min(self.sizeHint().height(), parent.height() - 2 * MARGIN)
        anchor = self.anchor
        if anchor is None:
            x = (parent.width() - width) // 2
            y = (parent.height() - height) // 2
        else:
            # The pop-up's start edge a little before the term: on its left in English,
            # on its right in Persian (read from the right).
            if is_rtl(self.session.language):
                x = anchor.right() + 1 + LEAD - width
            else:
                x = anchor.left() - LEAD
            below = anchor.bottom() + 1 + GAP
            above = anchor.top() - GAP - height
            if below + height <= parent.height() - MARGIN:
                y = below
            elif above >= MARGIN:
                y = above
            else:  # no room either side of the line: the side with more room
                room_below = parent.height() - anchor.bottom()
                y = parent.height() - MARGIN - height if room_below > anchor.top() else MARGIN
        x = max(MARGIN, min(x, parent.width() - MARGIN - width))
        y = max(MARGIN, min(y, parent.height() - MARGIN - height))
        self.setGeometry(x, y, width, height)

    def _on_reset(self) -> None:
        # Hidden, with its buttons named in the default language (the next visitor's).
        self.hide()
        self.anchor = None
        self.render()

    def _on_language_changed(self, _lang: str) -> None:
        if self.isVisible():
            self.render()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's size; Escape anywhere closes the explanation."""
        if watched is self.parentWidget() and self.isVisible():
            if event.type() == QEvent.Type.Resize:
                self.anchor = None  # the term moved with the text: centre instead
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
        """Escape closes the explanation; Backspace goes back to the term before."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        if event.key() == Qt.Key.Key_Backspace and self.history:
            self.back()
            return
        super().keyPressEvent(event)

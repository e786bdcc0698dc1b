"""The header on every screen: study title, language switch, text size, contrast, Start over."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QWidget,
)

from app.i18n import LANGUAGE_NAMES, _, text_direction
from app.i18n.format import format_number
from app.present.catalog_screen import BACK_TO_ALL, BACK_TO_ALL_DESCRIPTION, header_title
from app.present.text import say
from app.present.titles import study_title
from app.session import MAX_TEXT_SCALE, MIN_TEXT_SCALE, TEXT_SCALES, Screen, Session
from app.ui.confirm import ConfirmPrompt
from app.ui.style import fix_text_size
from app.ui.text import button_text

#: Width in px of the "100%" between A− and A+ (its text is 18 px at every text size).
SCALE_LABEL_WIDTH = 72


_LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
_PDI = "\u2069"  # POP DIRECTIONAL ISOLATE


def _next_scale(current: int, step: int) -> int:
    """The next text size in TEXT_SCALES up (step 1) or down (step -1)."""
    if step > 0:
        return next((s for s in TEXT_SCALES if s > current), MAX_TEXT_SCALE)
    return next((s for s in reversed(TEXT_SCALES) if s < current), MIN_TEXT_SCALE)


class ElidedLabel(QLabel):
    """A one-line label that draws its text shortened with "…" when it does not fit.

    Its text stays whole (``text()`` and the accessible name); only the
    painting shortens it, so the row never grows a second line.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        """Show ``text`` (shortened to the label's width when painted)."""
        self.setText(text)
        # No tooltip: a touch screen has no hover, and Qt would guess a tooltip's format.
        self.setAccessibleName(text)

    def shown_text(self) -> str:
        """The text as painted at the label's width now."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: D102 - Qt override
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        alignment = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
        rect = self.contentsRect()
        flags = int(QStyle.visualAlignment(self.layoutDirection(), alignment).value)
        painter.drawText(rect, flags, self.shown_text())


class Header(QFrame):
    """Persistent header. Only calls session methods; re-renders on session signals.

    The header is one row at every text size: its own text keeps its 100% size (the
    screens' text grows, the controls do not move), so A− and A+ stay under the finger.
    The study title is shortened with "…" when the row is narrow.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        layout.setSpacing(8)

        #: "Back to all studies": on every study screen of a catalog of several studies.
        self.all_studies = self._button(self)
        self.all_studies.clicked.connect(lambda: session.go_to(Screen.CATALOG))
        self.all_studies.setVisible(False)
        layout.addWidget(self.all_studies)
        self.title = ElidedLabel(self)
        self.title.setObjectName("HeaderTitle")
        layout.addWidget(self.title, 1)
        layout.addSpacing(8)

        self.language_buttons: dict[str, QPushButton] = {}
        self._language_group = QButtonGroup(self)
        for lang in session.all_languages:
            button = self._button(self, checkable=True)
            button.setText(LANGUAGE_NAMES.get(lang, lang))
            # Each language's name is shown in its own script and direction.
            button.setLayoutDirection(text_direction(lang))
            # toggled, not clicked: a screen reader's "Toggle" action checks it without a click.
            button.toggled.connect(lambda checked, lang=lang: self._chosen(lang, checked))
            self._language_group.addButton(button)
            self.language_buttons[lang] = button
            layout.addWidget(button)
        layout.addSpacing(8)
        self.smaller = self._button(self)
        self.smaller.clicked.connect(
            lambda: session.set_text_scale(_next_scale(session.text_scale, -1))
        )
        self.scale_label = QLabel(self)
        self.scale_label.setTextFormat(Qt.TextFormat.PlainText)
        self.scale_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scale_label.setMinimumHeight(44)
        # One width for every number, in both scripts: A+ does not move as the number grows.
        self.scale_label.setFixedWidth(SCALE_LABEL_WIDTH)
        self.larger = self._button(self)
        self.larger.clicked.connect(
            lambda: session.set_text_scale(_next_scale(session.text_scale, 1))
        )
        # "A−" and "A+" are Latin: keep the sign after the letter in Persian too.
        for button in (self.smaller, self.larger):
            button.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.contrast = self._button(self, checkable=True)
        self.contrast.toggled.connect(session.set_high_contrast)
        self.start_over = self._button(self)
        self.start_over.clicked.connect(self._ask_start_over)
        for widget in (self.smaller, self.scale_label, self.larger):
            layout.addWidget(widget)
        layout.addSpacing(8)
        for widget in (self.contrast, self.start_over):
            layout.addWidget(widget)
        for sized in (self, self.title, self.scale_label, *self.findChildren(QPushButton)):
            fix_text_size(sized)
        #: The "Start over?" prompt (see :meth:`_ask_start_over`); the window places it.
        self.confirm: ConfirmPrompt | None = None

        session.language_changed.connect(self._on_change)
        session.text_scale_changed.connect(self._on_change)
        session.high_contrast_changed.connect(self._on_change)
        session.reset_done.connect(self._on_change)
        session.study_changed.connect(self._on_change)
        session.studies_changed.connect(self._on_change)
        self.render()

    def set_confirm_prompt(self, prompt: ConfirmPrompt) -> None:
        """Ask with ``prompt`` before Start over forgets the visit."""
        self.confirm = prompt

    def _chosen(self, lang: str, checked: bool) -> None:
        if checked:
            self.session.set_language(lang)

    def _ask_start_over(self) -> None:
        """Start over asks first (a kiosk's idle reset calls the session and does not)."""
        if self.confirm is None:
            self.session.reset()
        else:
            self.confirm.ask()

    def _button(self, parent: QWidget, checkable: bool = False) -> QPushButton:
        button = QPushButton(parent)
        button.setProperty("role", "header")
        button.setCheckable(checkable)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def _on_change(self, *_args: object) -> None:
        self.render()

    def render(self) -> None:
        """Put the header's words in the current language and show the current settings."""
        session = self.session
        lang = session.language
        on_catalog = session.catalog and session.study is None
        title = header_title(lang) if on_catalog else study_title(session.record, lang)
        self.title.set_full_text(title)
        self.title.setLayoutDirection(text_direction(lang))
        self.all_studies.setVisible(session.catalog and not on_catalog)
        self.all_studies.setText(button_text(say(BACK_TO_ALL, lang)))
        self.all_studies.setAccessibleName(say(BACK_TO_ALL, lang))
        self.all_studies.setAccessibleDescription(say(BACK_TO_ALL_DESCRIPTION, lang))
        available = session.languages
        for code, button in self.language_buttons.items():
            # A study in one language only: no button would switch it to another.
            button.setVisible(code in available)
            # Showing the state is not choosing: toggled() is for the visitor's choice only.
            with QSignalBlocker(button):
                button.setChecked(code == lang)
            name = LANGUAGE_NAMES.get(code, code)
            button.setAccessibleName(name)
            button.setAccessibleDescription(
                _("Show everything in {language}").format(language=name)
            )
        scale = session.text_scale
        # Left-to-right isolates: "A−" and "A+" read the same on a Persian screen too (the
        # button's own direction is not enough: Qt lays its text out in the paragraph's).
        self.smaller.setText(_LRI + _("A−") + _PDI)
        self.smaller.setAccessibleName(_("Smaller text"))
        self.smaller.setAccessibleDescription(_("Make the text smaller"))
        self.smaller.setEnabled(scale > MIN_TEXT_SCALE)
        self.larger.setText(_LRI + _("A+") + _PDI)
        self.larger.setAccessibleName(_("Larger text"))
        self.larger.setAccessibleDescription(_("Make the text larger"))
        self.larger.setEnabled(scale < MAX_TEXT_SCALE)
        self.scale_label.setText(_("{percent}%").format(percent=format_number(scale, lang)))
        self.scale_label.setAccessibleName(_("Text size"))
        self.contrast.setText(_("High contrast"))
        self.contrast.setAccessibleName(_("High contrast"))
        self.contrast.setAccessibleDescription(_("Switch to white text on black"))
        self.contrast.blockSignals(True)
        self.contrast.setChecked(session.high_contrast)
        self.contrast.blockSignals(False)
        self.start_over.setText(_("Start over"))
        self.start_over.setAccessibleName(_("Start over"))
        self.start_over.setAccessibleDescription(
            _("Forget all answers and go back to the first screen")
        )

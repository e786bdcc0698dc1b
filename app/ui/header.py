"""The header on every screen: study title, language switch, text size, contrast, Start over."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.i18n import LANGUAGE_NAMES, _, text_direction
from app.i18n.format import format_number
from app.present.titles import study_title
from app.session import MAX_TEXT_SCALE, MIN_TEXT_SCALE, TEXT_SCALES, Session
from app.ui.flow import FlowLayout


def _next_scale(current: int, step: int) -> int:
    """The next text size in TEXT_SCALES up (step 1) or down (step -1)."""
    if step > 0:
        return next((s for s in TEXT_SCALES if s > current), MAX_TEXT_SCALE)
    return next((s for s in reversed(TEXT_SCALES) if s < current), MIN_TEXT_SCALE)


class Header(QFrame):
    """Persistent header. Only calls session methods; re-renders on session signals."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(16)

        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("HeaderTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title, 1)

        controls = QWidget(self)
        flow = FlowLayout(controls, spacing=8)
        self.language_buttons: dict[str, QPushButton] = {}
        self._language_group = QButtonGroup(self)
        for lang in session.record.languages:
            button = self._button(controls, checkable=True)
            button.setText(LANGUAGE_NAMES.get(lang, lang))
            # Each language's name is shown in its own script and direction.
            button.setLayoutDirection(text_direction(lang))
            button.clicked.connect(lambda _checked=False, lang=lang: session.set_language(lang))
            self._language_group.addButton(button)
            self.language_buttons[lang] = button
            flow.addWidget(button)
        self.smaller = self._button(controls)
        self.smaller.clicked.connect(
            lambda: session.set_text_scale(_next_scale(session.text_scale, -1))
        )
        self.scale_label = QLabel(controls)
        self.scale_label.setTextFormat(Qt.TextFormat.PlainText)
        self.scale_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scale_label.setMinimumHeight(44)
        self.larger = self._button(controls)
        self.larger.clicked.connect(
            lambda: session.set_text_scale(_next_scale(session.text_scale, 1))
        )
        # "A−" and "A+" are Latin: keep the sign after the letter in Persian too.
        for button in (self.smaller, self.larger):
            button.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.contrast = self._button(controls, checkable=True)
        self.contrast.toggled.connect(session.set_high_contrast)
        self.start_over = self._button(controls)
        self.start_over.clicked.connect(session.reset)
        for widget in (self.smaller, self.scale_label, self.larger, self.contrast, self.start_over):
            flow.addWidget(widget)
        layout.addWidget(controls, 1)

        session.language_changed.connect(self._on_change)
        session.text_scale_changed.connect(self._on_change)
        session.high_contrast_changed.connect(self._on_change)
        session.reset_done.connect(self._on_change)
        self.render()

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
        self.title.setText(study_title(session.record, lang))
        self.title.setLayoutDirection(text_direction(lang))
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)
            name = LANGUAGE_NAMES.get(code, code)
            button.setAccessibleName(name)
            button.setAccessibleDescription(
                _("Show everything in {language}").format(language=name)
            )
        scale = session.text_scale
        self.smaller.setText(_("A−"))
        self.smaller.setAccessibleName(_("Smaller text"))
        self.smaller.setAccessibleDescription(_("Make the text smaller"))
        self.smaller.setEnabled(scale > MIN_TEXT_SCALE)
        self.larger.setText(_("A+"))
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

"""The counselor view's bar: title, second language, handout, start over and close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGE_NAMES, SUPPORTED, _, text_direction
from app.present.titles import counselor_title, study_title
from app.session import Session, study_key
from app.ui.flow import FlowLayout
from app.ui.text import WrapLabel


class CounselorBar(QFrame):
    """The controls above the counselor view, in reading (and Tab) order.

    It only shows choices; the window acts on them (``activated`` and ``clicked``).
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # The patient window's header style: the same colours, the same button role.
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(8)
        self.title = WrapLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("HeaderTitle")
        layout.addWidget(self.title)
        controls = QWidget(self)
        self._flow = FlowLayout(controls, spacing=10)
        # A catalog of several studies: which one the counselor is going through.
        self.study_label, self.study_combo = self._labeled_combo(controls)
        self.study_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        study_box = self.study_combo.parentWidget()
        assert study_box is not None  # the combo sits in its labelled box
        study_box.setVisible(session.catalog)
        self.second_label, self.second_combo = self._labeled_combo(controls)
        self.handout_label, self.handout_combo = self._labeled_combo(controls)
        self.fill_handout_languages()
        self.large_print = QCheckBox(controls)  # the handout's large-print edition
        self._flow.addWidget(self.large_print)
        self.print_button = self._button(controls)
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.save_button = self._button(controls)
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.start_over = self._button(controls)
        self.close_button = self._button(controls)
        layout.addWidget(controls)

    def fill_handout_languages(self) -> None:
        """Offer the handout in each language of the study shown (it is per study)."""
        self.handout_combo.clear()
        for lang in self.session.record.languages:
            if lang in SUPPORTED:
                self.handout_combo.addItem(LANGUAGE_NAMES.get(lang, lang), lang)

    def _labeled_combo(self, parent: QWidget) -> tuple[QLabel, QComboBox]:
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        name = QLabel(box)
        name.setTextFormat(Qt.TextFormat.PlainText)
        combo = QComboBox(box)
        # Room for the longest language name plus a margin, at any text size.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.setMinimumContentsLength(7)
        name.setBuddy(combo)
        row.addWidget(name)
        row.addWidget(combo)
        self._flow.addWidget(box)
        return name, combo

    def _button(self, parent: QWidget) -> QPushButton:
        button = QPushButton(parent)
        button.setProperty("role", "header")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._flow.addWidget(button)
        return button

    def retranslate(self, second_lang: str | None) -> None:
        """Put the bar's words in the patient's language; offer the other languages."""
        session = self.session
        lang = session.language
        self.setLayoutDirection(text_direction(lang))
        self.title.setText(counselor_title(session.record, lang))
        self.study_label.setText(_("Study"))
        studies = self.study_combo
        studies.clear()
        for record in session.studies:
            studies.addItem(study_title(record, lang), study_key(record))
        studies.setCurrentIndex(max(0, studies.findData(session.study)))
        studies.setAccessibleName(_("Study"))
        studies.setAccessibleDescription(
            _("The study to go through; each keeps its own answers until Start over")
        )
        self.second_label.setText(_("Second language"))
        combo = self.second_combo
        combo.clear()
        for code in session.record.languages:
            if code != lang:
                combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        combo.addItem(_("None"), None)
        combo.setCurrentIndex(
            combo.count() - 1 if second_lang is None else max(0, combo.findData(second_lang))
        )
        combo.setAccessibleName(_("Second language"))
        combo.setAccessibleDescription(_("The language shown beside the patient's language"))
        self.handout_label.setText(_("Handout language"))
        self.handout_combo.setAccessibleName(_("Handout language"))
        self.handout_combo.setAccessibleDescription(_("The language of the printed handout"))
        self.large_print.setText(_("Large print"))
        self.large_print.setAccessibleName(_("Large print"))
        self.large_print.setAccessibleDescription(_("Print the handout with text at 150%"))
        for button, text, description in (
            (
                self.print_button,
                _("Print handout…"),
                _("Print a handout for the patient: choose the printer in the print dialog"),
            ),
            (
                self.save_button,
                _("Save handout as PDF…"),
                _("Save a handout for the patient as a PDF file, to send or print later"),
            ),
            (
                self.start_over,
                _("Start over"),
                _("Forget all answers and go back to the first screen"),
            ),
            (
                self.close_button,
                _("Close counselor view"),
                _("Leave the counselor view and forget all answers"),
            ),
        ):
            button.setText(text)
            button.setAccessibleName(text)
            button.setAccessibleDescription(description)

    def choose_handout_language(self, lang: str) -> None:
        """Preselect ``lang`` for the handout (the patient's language)."""
        self.handout_combo.setCurrentIndex(max(0, self.handout_combo.findData(lang)))

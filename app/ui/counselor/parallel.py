"""The study text in two languages side by side, with the registry's words beside them.

One scroll area holds a row per item (:mod:`app.ui.counselor.sections`): the patient's
language, the second language and the official registry text, so both languages
scroll together and a jump to a section moves them at once. A header above the rows
names the columns and stays put while the rows scroll.

The rows re-flow with the width and the text size instead of clipping: three columns
when they fit, the two languages side by side with the registry text underneath when
they do not, and one column (every cell captioned) on a narrow pane at large text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGE_NAMES, _
from app.present.text import tr
from app.record import TrialRecord
from app.ui.counselor.cells import SPACING, Flow, ParallelRow
from app.ui.counselor.sections import Item, Section, build_sections
from app.ui.style import px

#: Space around the rows, in px.
MARGIN = 24
#: The narrowest a column of reading text may get, in multiples of the body text size.
MIN_COLUMN_EMS = 13


class ParallelView(QScrollArea):
    """Every section of the study, in two languages and the registry's words.

    Signals:
        term_activated(str): a glossary link in any column was activated.
    """

    term_activated = Signal(str)

    def __init__(self, record: TrialRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.sections: tuple[Section, ...] = build_sections(record)
        self.patient_lang = record.languages[0]
        self.second_lang: str | None = None
        self.flow = Flow.COLUMNS
        self.text_scale = 100
        self._header_height = -1
        self.setObjectName("ParallelView")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

        self.header = QWidget(self)
        self.header.setObjectName("ColumnHeader")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(MARGIN, 0, MARGIN, 0)
        self.header_row = ParallelRow("header", self.header)
        header_layout.addWidget(self.header_row)

        content = QWidget()
        content.setObjectName("ParallelContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(MARGIN, 4, MARGIN, MARGIN)
        body.setSpacing(0)
        self.headings: dict[str, ParallelRow] = {}
        self.rows: dict[str, ParallelRow] = {}
        self._items: list[tuple[Item, ParallelRow]] = []
        for section in self.sections:
            heading = ParallelRow("heading", content)
            body.addWidget(heading)
            self.headings[section.key] = heading
            for item in section.items:
                row = ParallelRow("item", content)
                row.has_official = item.official is not None
                for cell in (row.patient, row.second):
                    cell.term_activated.connect(self.term_activated)
                body.addWidget(row)
                self.rows[item.key] = row
                self._items.append((item, row))
        body.addStretch(1)
        self.setWidget(content)
        self._arrange_all()

    # -- settings --------------------------------------------------------------------
    def set_languages(self, patient: str, second: str | None) -> None:
        """Show ``patient`` in the first column and ``second`` (or nothing) beside it."""
        shown_before = self.second_lang is not None
        self.patient_lang, self.second_lang = patient, second
        if shown_before != (second is not None):
            self._arrange_all()
        self.retranslate()

    def set_text_scale(self, scale: int) -> None:
        """Follow the text size: columns re-flow when they would get too narrow."""
        self.text_scale = scale
        self._relayout()

    # -- rendering -------------------------------------------------------------------
    def retranslate(self) -> None:
        """Fill every cell in its column's language."""
        patient, second = self.patient_lang, self.second_lang
        header = self.header_row
        names = {lang: LANGUAGE_NAMES.get(lang, lang) for lang in (patient, second) if lang}
        header.patient.fill_plain(names[patient], patient, _("The patient's language"))
        if second is not None:
            header.second.fill_plain(names[second], second, _("Second language"))
        header.official.fill_plain(
            _("Official registry text"), "en", _("In English, word for word as in the registry")
        )
        for section in self.sections:
            row = self.headings[section.key]
            row.patient.fill_plain(tr(section.title, patient), patient)
            if second is not None:
                row.second.fill_plain(tr(section.title, second), second)
        official = _("Official registry text")
        for item, row in self._items:
            row.patient.fill(item.render(patient), patient, names[patient])
            if second is not None:
                row.second.fill(item.render(second), second, names[second])
            row.official.fill_plain(item.official, "en", official)
        self._place_header()

    # -- layout ----------------------------------------------------------------------
    def choose_flow(self) -> Flow:
        """The arrangement whose columns stay at least MIN_COLUMN_EMS wide."""
        width = self.viewport().width() - 2 * MARGIN
        column = MIN_COLUMN_EMS * px("body", self.text_scale)
        languages = 2 if self.second_lang is not None else 1
        if width >= (languages + 1) * column + languages * SPACING:
            return Flow.COLUMNS
        if languages == 2 and width >= 2 * column + SPACING:
            return Flow.BELOW
        return Flow.STACKED

    def _arrange_all(self) -> None:
        show_second = self.second_lang is not None
        for row in (self.header_row, *self.headings.values(), *self.rows.values()):
            row.arrange(self.flow, show_second)
        self.header.setVisible(self.flow != Flow.STACKED)
        self._place_header()

    def _relayout(self) -> None:
        flow = self.choose_flow()
        if flow != self.flow:
            self.flow = flow
            self._arrange_all()
        else:
            self._place_header()

    def _place_header(self) -> None:
        """Keep the column header above the viewport, exactly as wide as the rows."""
        height = 0
        if self.header.isVisibleTo(self):
            width = self.viewport().width()
            height = self.header.heightForWidth(width)
            if height < 0:
                height = self.header.sizeHint().height()
        if height != self._header_height:
            self._header_height = height
            self.setViewportMargins(0, height, 0, 0)
        viewport = self.viewport().geometry()
        self.header.setGeometry(viewport.x(), viewport.y() - height, viewport.width(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-flow the columns for the new width."""
        super().resizeEvent(event)
        self._relayout()

    def scroll_to(self, section_key: str) -> None:
        """Scroll both columns so that the section's heading is at the top."""
        row = self.headings[section_key]
        content = self.widget()
        layout = content.layout() if content is not None else None
        if layout is not None:
            layout.activate()
        self.verticalScrollBar().setValue(row.y())

"""The study text in two languages side by side, with the registry's words beside them.

One scroll area holds a row per item (:mod:`app.ui.counselor.sections`): the patient's
language, the second language and the official registry text, so both languages
scroll together and a jump to a section moves them at once. A header above the rows
names the columns and stays put while the rows scroll.

The rows re-flow with the width and the text size instead of clipping: three columns
when they fit, the two languages side by side with the registry text underneath when
they do not, and one column (every cell captioned) on a narrow pane at large text.

The rows are built in stages: the first few (the top of the text, what the window
shows when it opens) with the view, the rest a few at a time once it has been painted,
in the order they are read. Laying out every row of a study in two languages took
about a second before the window could show anything. Whatever needs every row (a jump
to a section, :attr:`ParallelView.rows`) builds the rest at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGE_NAMES, _
from app.present.text import tr
from app.record import TrialRecord
from app.ui.counselor.cells import SPACING, Flow, ParallelRow
from app.ui.counselor.sections import Item, Section, build_sections
from app.ui.counselor.staged import StagedScrollArea
from app.ui.focus_chain import last_in_focus_chain, place_after
from app.ui.style import px

#: Space around the rows, in px.
MARGIN = 24
#: The narrowest a column of reading text may get, in multiples of the body text size.
MIN_COLUMN_EMS = 13
#: Rows (section headings and items) built with the view: its top, in view when it opens
#: (they fill the pane at 1280x800 and 1920x1080; on a larger screen the rest follows
#: within a few frames of the first paint, below what is shown).
FIRST_ROWS = 4
#: Rows built in each idle moment after the first paint (tens of ms: typing goes on).
ROWS_PER_STEP = 4


class ParallelView(StagedScrollArea[Section | Item]):
    """Every section of the study, in two languages and the registry's words.

    Signals:
        term_activated(str): a glossary link in any column was activated.
    """

    term_activated = Signal(str)
    per_step = ROWS_PER_STEP

    def __init__(self, record: TrialRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.sections: tuple[Section, ...] = build_sections(record)
        self.patient_lang = record.languages[0]
        self.second_lang: str | None = None
        self.flow = Flow.COLUMNS
        self.text_scale = 100
        self._header_height = -1
        #: Whether the languages have been set (cells are filled from then on).
        self._filled = False
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
        body.addStretch(1)
        self._body = body
        #: The rows built so far, by section and item key, in reading order.
        self._headings: dict[str, ParallelRow] = {}
        self._rows: dict[str, ParallelRow] = {}
        self._items: list[tuple[Item, ParallelRow]] = []
        #: What is still to build, in reading order: a section's heading, or an item.
        for section in self.sections:
            self._to_build.append(section)
            self._to_build.extend(section.items)
        self._builder = QTimer(self)
        self._builder.setSingleShot(True)
        self._builder.setInterval(0)
        self._builder.timeout.connect(self._build_step)
        self.setWidget(content)
        #: The last widget of the view in Tab order so far: a row built later goes after it.
        # (Not the viewport: its focus proxy is the view, which Qt would order instead.)
        self._focus_tail: QWidget = last_in_focus_chain(self)
        self._build(FIRST_ROWS)
        self._arrange_all()

    # -- building --------------------------------------------------------------------
    @property
    def headings(self) -> dict[str, ParallelRow]:
        """Every section's heading row, by section key (building what is not built yet)."""
        self.build_all()
        return self._headings

    @property
    def rows(self) -> dict[str, ParallelRow]:
        """Every item's row, by item key (building what is not built yet)."""
        self.build_all()
        return self._rows

    def _build(self, count: int) -> None:
        """Build the next ``count`` rows, in the view's flow and languages."""
        content = self.widget()
        shown = content is not None and content.isVisible()
        show_second = self.second_lang is not None
        names = self._language_names()
        for _number in range(min(count, len(self._to_build))):
            entry = self._to_build.popleft()
            row = ParallelRow("heading" if isinstance(entry, Section) else "item", content)
            if isinstance(entry, Section):
                self._headings[entry.key] = row
            else:
                row.has_official = entry.official is not None
                for cell in (row.patient, row.second):
                    cell.term_activated.connect(self.term_activated)
                self._rows[entry.key] = row
                self._items.append((entry, row))
            self._body.insertWidget(self._body.count() - 1, row)  # before the stretch
            self._tab_after_built(row)
            row.arrange(self.flow, show_second)
            if names:
                self._fill(entry, row, names)
            if shown:
                row.show()

    def _tab_after_built(self, row: ParallelRow) -> None:
        """Put the row next in Tab order, after the rows above it.

        Qt puts a new widget last in its window's focus chain: without this, Tab from
        the rows built with the view would go to the answers panel, and the rows built
        after the first paint would come after everything else in the window. The whole
        row moves, cells without a link too (a cell takes the focus in a language where
        it has one).
        """
        self._focus_tail = place_after(self._focus_tail, (row,))

    # -- settings --------------------------------------------------------------------
    def set_languages(self, patient: str, second: str | None) -> None:
        """Show ``patient`` in the first column and ``second`` (or nothing) beside it."""
        shown_before = self.second_lang is not None
        self.patient_lang, self.second_lang = patient, second
        self._filled = True
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
        names = self._language_names()
        header.patient.fill_plain(names[patient], patient, _("The patient's language"))
        if second is not None:
            header.second.fill_plain(names[second], second, _("Second language"))
        header.official.fill_plain(
            _("Official registry text"), "en", _("In English, word for word as in the registry")
        )
        for section in self.sections:
            heading = self._headings.get(section.key)
            if heading is not None:
                self._fill(section, heading, names)
        for item, row in self._items:
            self._fill(item, row, names)
        self._place_header()

    def _language_names(self) -> dict[str, str]:
        """The shown languages' names, by code (none before the languages are set)."""
        shown = (self.patient_lang, self.second_lang) if self._filled else ()
        return {lang: LANGUAGE_NAMES.get(lang, lang) for lang in shown if lang}

    def _fill(self, entry: Section | Item, row: ParallelRow, names: dict[str, str]) -> None:
        """Put a heading's or an item's words in the view's languages."""
        patient, second = self.patient_lang, self.second_lang
        if isinstance(entry, Section):
            row.patient.fill_plain(tr(entry.title, patient), patient)
            if second is not None:
                row.second.fill_plain(tr(entry.title, second), second)
            return
        row.patient.fill(entry.render(patient), patient, names[patient])
        if second is not None:
            row.second.fill(entry.render(second), second, names[second])
        row.official.fill_plain(entry.official, "en", _("Official registry text"))

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
        for row in (self.header_row, *self._headings.values(), *self._rows.values()):
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

    def section_at(self, value: int) -> int:
        """The index of the section whose heading is last at or above scroll ``value``."""
        current = 0
        for index, section in enumerate(self.sections):
            heading = self._headings.get(section.key)
            if heading is None or heading.isHidden():
                break  # not built or not shown yet: below every row that is
            if heading.y() <= value + 4:
                current = index
        return current

    def scroll_to(self, section_key: str) -> None:
        """Scroll both columns so that the section's heading is at the top."""
        row = self.headings[section_key]
        content = self.widget()
        layout = content.layout() if content is not None else None
        if layout is not None:
            layout.activate()
        self.verticalScrollBar().setValue(row.y())

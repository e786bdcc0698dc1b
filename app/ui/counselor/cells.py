"""The cells and rows of the counselor view's columns, and how they re-flow.

A row holds one item in the patient's language, the second language and the registry's
words. :meth:`ParallelRow.arrange` places its cells for a :class:`Flow`; a caption names
a cell wherever the column header cannot (under another cell, or in one column).
"""

from __future__ import annotations

import html
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget

from app.i18n import is_rtl, text_direction
from app.ui.counselor.labels import give_ink_room, rich, set_shown
from app.ui.text import TERM_SCHEME, TextLabel

#: Space between the columns, in px.
SPACING = 28


class Flow(StrEnum):
    """How the columns are arranged at the current width and text size."""

    COLUMNS = "columns"  #: every column side by side
    BELOW = "below"  #: the languages side by side, the registry text underneath
    STACKED = "stacked"  #: one column, every cell captioned


class Cell(TextLabel):
    """One column of one row: a text, with a caption saying what it is where needed.

    The caption (the cell's language, or "Official registry text") is part of the label's
    rich text and shows only where the column header cannot name the cell. One label per
    cell keeps the view light: a text size change restyles every widget.
    """

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        role = {"text": None, "official": "official", "heading": "h2", "header": "h3"}[kind]
        super().__init__(role, parent)
        self.kind = kind
        #: The words shown, exactly as given (for plain cells: headings, registry text).
        self.words = ""
        self.caption = ""
        self.caption_shown = kind == "header"
        self.column_shown = True
        self._body = ""
        self._lang = "en"
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        if kind == "official":
            # The registry's words are English: left to right whatever the interface.
            self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        else:  # the official role has padding of its own
            give_ink_room(self)

    def fill(self, body: str, lang: str, caption: str = "") -> None:
        """Show rich text ``body`` in ``lang`` (right to left for Persian), named ``caption``."""
        self._body, self._lang, self.caption = body, lang, caption
        self._render()

    def fill_plain(self, text: str | None, lang: str, caption: str = "") -> None:
        """Show plain words (a heading, or the registry's words, verbatim) in ``lang``."""
        self.words = text or ""
        self.fill(rich(self.words, lang), lang, caption)

    def show_caption(self, shown: bool) -> None:
        """Show or hide the caption (the column header names the cell when it is shown)."""
        if shown != self.caption_shown:
            self.caption_shown = shown
            self._render()

    def show_column(self, shown: bool) -> None:
        """Show or hide the cell with its column (an empty cell stays hidden)."""
        self.column_shown = shown
        set_shown(self, shown and bool(self._body))

    def caption_visible(self) -> bool:
        """Whether the caption is shown now."""
        return self.caption_shown and bool(self.caption) and bool(self._body)

    def _render(self) -> None:
        lang, body = self._lang, self._body
        caption = ""
        if self.caption_visible():
            direction = "rtl" if is_rtl(lang) else "ltr"
            words = html.escape(self.caption)
            caption = f'<div dir="{direction}"><small><b>{words}</b></small></div>'
        text = caption + body
        if self.text() != text:
            self.setText(text)
        if self.kind != "official":
            self.setLayoutDirection(text_direction(lang))
        self.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        links = TERM_SCHEME in body
        flags = (
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            if links
            else Qt.TextInteractionFlag.TextSelectableByMouse
            if self.kind == "official"
            else Qt.TextInteractionFlag.NoTextInteraction
        )
        self.setTextInteractionFlags(flags)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if links else Qt.FocusPolicy.NoFocus)
        words = self.words or QTextDocumentFragment.fromHtml(body).toPlainText()
        self.setAccessibleName(words)  # whole: the name is all a screen reader reads
        self.setAccessibleDescription(self.caption)
        set_shown(self, self.column_shown and bool(body))


class ParallelRow(QWidget):
    """One item (or a section heading, or the column header) in every column."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("CounselorHeading" if kind == "heading" else "CounselorRow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(10)
        top = 18 if kind == "heading" else 10
        self.grid.setContentsMargins(0, top, 0, 10)
        text_kind = kind if kind in ("heading", "header") else "text"
        self.patient = Cell(text_kind, self)
        self.second = Cell(text_kind, self)
        self.official = Cell("header" if kind == "header" else "official", self)
        self.has_official = kind == "header"

    def arrange(self, flow: Flow, show_second: bool) -> None:
        """Place the cells for ``flow``; captions say what a cell is where the header cannot."""
        grid = self.grid
        cells = (self.patient, self.second, self.official)
        for cell in cells:
            grid.removeWidget(cell)
        for column in range(3):
            grid.setColumnStretch(column, 0)
        languages = [self.patient, self.second] if show_second else [self.patient]
        self.second.show_column(show_second)
        official_shown = self.has_official and not (self.kind == "header" and flow != Flow.COLUMNS)
        self.official.show_column(official_shown)
        if flow == Flow.STACKED:
            for row, cell in enumerate([*languages, self.official]):
                grid.addWidget(cell, row, 0)
            grid.setColumnStretch(0, 1)
        elif flow == Flow.BELOW:
            for column, cell in enumerate(languages):
                grid.addWidget(cell, 0, column)
                grid.setColumnStretch(column, 1)
            grid.addWidget(self.official, 1, 0, 1, len(languages))
        else:
            for column, cell in enumerate([*languages, self.official]):
                grid.addWidget(cell, 0, column)
                grid.setColumnStretch(column, 1)
        if self.kind == "item":
            for cell in languages:
                cell.show_caption(flow == Flow.STACKED)
            self.official.show_caption(flow != Flow.COLUMNS)

"""The preview's problem strip: why the last save did not load, and the strict lint's list.

It sits above the header, under the draft banner. Hidden while the record loads cleanly
(and, with ``--strict``, lints cleanly) and no answer was cleared. The headlines come
from :mod:`app.present.preview`, in the interface language; the problems themselves are
the loader's and the lint's lines (``file:line: field.path: message``), in English as
``trialguide validate`` prints them, always laid out left to right.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.i18n import text_direction
from app.present import preview as words
from app.present.locate import Place
from app.record.issues import Issue
from app.ui.text import WrapLabel

#: The list shows this many lines before it scrolls (the screen stays in view below).
VISIBLE_ROWS = 6

_PLACE_ROLE = Qt.ItemDataRole.UserRole


class ProblemPanel(QFrame):
    """The banner and the list of problems (errors) or findings (``--strict``).

    Signals:
        place_chosen(object): a finding was chosen (clicked, or Enter); its
            :class:`~app.present.locate.Place`.
    """

    place_chosen = Signal(object)

    def __init__(self, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName("PreviewProblems")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        layout.setSpacing(4)
        self.headline = self._label(bold=True)
        self.note = self._label()
        self.list = QListWidget(self)
        self.list.setObjectName("PreviewProblemList")
        # Paths and messages are English and Latin: left to right in a Persian window too.
        self.list.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.itemActivated.connect(self._choose)
        self.list.itemClicked.connect(self._choose)
        for widget in (self.headline, self.note, self.list):
            layout.addWidget(widget)
        self._problems: tuple[Issue, ...] = ()
        self._findings: tuple[tuple[Issue, Place | None], ...] = ()
        self._dropped: tuple[str, ...] = ()
        self._lang = "en"
        self.retranslate("en")

    def _label(self, bold: bool = False) -> QLabel:
        label = WrapLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if bold:
            label.setStyleSheet("font-weight: 700;")
        return label

    # -- what to show ------------------------------------------------------------------
    def show_state(
        self,
        problems: Sequence[Issue],
        findings: Sequence[tuple[Issue, Place | None]],
        dropped: Sequence[str],
        lang: str,
    ) -> None:
        """Show the last reading: load problems (or none), lint findings, cleared answers."""
        self._problems = tuple(problems)
        self._findings = tuple(findings)
        self._dropped = tuple(dropped)
        self.retranslate(lang)

    @property
    def has_problems(self) -> bool:
        """The last save did not load (the screen shows the version before)."""
        return bool(self._problems)

    def retranslate(self, lang: str) -> None:
        """Say it all in ``lang``."""
        self._lang = lang
        self.setLayoutDirection(text_direction(lang))
        problems, findings = self._problems, self._findings
        # Errors first: while the file does not load, the lint of the old version is moot.
        if problems:
            headline = words.kept_headline(len(problems), lang)
            role = "verdict-not_met"
        else:
            warnings = sum(1 for issue, _place in findings if issue.level == "warning")
            headline = words.lint_headline(len(findings), lang, warnings)
            role = "verdict-unknown"
        self.setProperty("role", role)
        self.style().unpolish(self)
        self.style().polish(self)
        self.headline.setText(headline)
        self.headline.setVisible(bool(headline))
        note = words.dropped_note(self._dropped, lang)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._fill_list(lang)
        self.setAccessibleName(" ".join(t for t in (headline, note) if t))
        self.setVisible(bool(headline or note))

    def _fill_list(self, lang: str) -> None:
        self.list.clear()
        if self._problems:
            rows: list[tuple[str, Place | None]] = [
                (issue.describe(self.source), None) for issue in self._problems
            ]
        else:
            rows = [
                (
                    issue.describe(self.source)
                    + ("" if place is not None else f"  {words.not_on_a_screen(lang)}"),
                    place,
                )
                for issue, place in self._findings
            ]
        for text, place in rows:
            item = QListWidgetItem(text, self.list)
            item.setData(_PLACE_ROLE, place)
            if place is None:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: nowhere to go
        self.list.setVisible(bool(rows))
        shown = min(VISIBLE_ROWS, len(rows))
        height = sum(self.list.sizeHintForRow(row) for row in range(shown))
        self.list.setFixedHeight(max(height, 1) + 2 * self.list.frameWidth() + 2)

    def rows(self) -> list[str]:
        """The text of every row of the list (for tests and screen readers)."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _choose(self, item: QListWidgetItem) -> None:
        place = item.data(_PLACE_ROLE)
        if isinstance(place, Place):
            self.place_chosen.emit(place)

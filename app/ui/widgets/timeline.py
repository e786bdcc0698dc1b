"""A vertical timeline of steps: a numbered circle per step, joined by a painted rail.

The rail sits on the *leading* side of the text: on the left for English, on the right
for Persian. Nothing here is mirrored by hand: the circle's position comes from a grid
layout, which Qt mirrors with the layout direction, and the connector is painted under
the circle's centre, wherever the layout put it.

Each :class:`TimelineStep` is built once; its words are set by the screen that owns it
(see :meth:`TimelineStep.set_field`), so a language switch updates it in place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.record import TrialRecord
from app.ui.style import OWN_MARGINS
from app.ui.text import TextLabel, WrapLabel

#: The labelled lines of a step, in the order they are shown.
FIELDS: tuple[str, ...] = ("when", "what", "duration", "where")

#: Width of the painted connector, in px.
RAIL_WIDTH = 4


class StepNumber(QLabel):
    """The number in a step's circle, centred on the circle by its digits, not its line box.

    The circle is painted here, in the style sheet's ``selection-background-color``
    (its size is set with the text size: :func:`app.ui.style.apply_font`); a style sheet
    radius would have to change with every text size. A font's line box leaves room for
    Persian letters below the baseline, so digits centred by their line box sit visibly
    high; the top (or bottom) contents margin moves them to the optical centre,
    recomputed whenever the text, the font or the style changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "step-number")
        self.setProperty(OWN_MARGINS, True)  # (a restyle leaves its centring to it)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The filled circle, then the digits."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
        painter.drawEllipse(self.rect())
        painter.end()
        super().paintEvent(event)

    def setText(self, text: str) -> None:
        """Show ``text`` and centre it on the circle."""
        super().setText(text)
        self._centre()

    def changeEvent(self, event: QEvent) -> None:
        """Re-centre the digits when the font or the style sheet changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._centre()

    def _centre(self) -> None:
        metrics = self.fontMetrics()
        glyphs = metrics.tightBoundingRect(self.text())
        if glyphs.isEmpty():
            self.setContentsMargins(0, 0, 0, 0)
            return
        # y relative to the baseline (up is negative): the line box's centre and the digits'.
        line_centre = (metrics.descent() - metrics.ascent()) / 2
        glyph_centre = glyphs.top() + glyphs.height() / 2
        shift = round(2 * (line_centre - glyph_centre))
        self.setContentsMargins(0, max(shift, 0), 0, max(-shift, 0))


class TimelineStep(QWidget):
    """One step of a timeline: number circle, title, optional group badge and labelled lines.

    Layout (left to right in English, mirrored in Persian)::

        (1)  Title
         |   [badge]  note on the study group
         |   When          ...
         |   What happens  ...
         |

    Signals:
        term_activated(str): a glossary link in one of the step's texts was activated.
    """

    term_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last = False
        self._line_color = QColor("#c8d3dc")
        grid = QGridLayout(self)
        # The bottom margin is where the connector runs on to the next step's circle.
        grid.setContentsMargins(0, 0, 0, 32)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)

        self.number = StepNumber(self)
        grid.addWidget(self.number, 0, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

        self.title = WrapLabel(self)
        self.title.setProperty("role", "h3")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.title, 0, 1)

        details = QVBoxLayout()
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(10)
        grid.addLayout(details, 1, 1)

        # Which study group the step is for (hidden when it is for everyone).
        self.group_box = QWidget(self)
        group_layout = QVBoxLayout(self.group_box)
        group_layout.setContentsMargins(0, 0, 0, 0)
        group_layout.setSpacing(4)
        badge_row = QHBoxLayout()
        badge_row.setContentsMargins(0, 0, 0, 0)
        self.badge = QLabel(self.group_box)
        self.badge.setProperty("role", "badge")
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        group_layout.addLayout(badge_row)
        self.group_note = self._text_label(self.group_box, "muted")
        group_layout.addWidget(self.group_note)
        details.addWidget(self.group_box)

        fields = QGridLayout()
        fields.setContentsMargins(0, 0, 0, 0)
        fields.setHorizontalSpacing(16)
        fields.setVerticalSpacing(8)
        fields.setColumnStretch(1, 1)
        self.fields: dict[str, tuple[QLabel, TextLabel]] = {}
        for row, key in enumerate(FIELDS):
            name = WrapLabel(self)
            name.setProperty("role", "field-name")
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            value = self._text_label(self)
            fields.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            fields.addWidget(value, row, 1)
            self.fields[key] = (name, value)
        details.addLayout(fields)

    def _text_label(self, parent: QWidget, role: str | None = None) -> TextLabel:
        label = TextLabel(role, parent)
        label.term_activated.connect(self.term_activated)
        return label

    # -- content -------------------------------------------------------------------------
    def set_number(self, text: str, accessible_name: str) -> None:
        """Show the step's number (already formatted for the language)."""
        self.number.setText(text)
        self.number.setAccessibleName(accessible_name)

    def set_title(self, text: str) -> None:
        """Show the step's title (plain text, already in the language)."""
        self.title.setText(text)

    def set_group(
        self, badge: str | None, note: str | None, lang: str, record: TrialRecord
    ) -> None:
        """Show which study group the step is for, or hide the badge when ``badge`` is None."""
        self.group_box.setVisible(badge is not None)
        self.badge.setText(badge or "")
        self.group_note.setVisible(bool(note))
        self.group_note.set_record_text(note or "", lang, record)

    def set_field(
        self,
        key: str,
        name: str,
        text: Mapping[str, str] | str | None,
        lang: str,
        record: TrialRecord,
    ) -> None:
        """Fill one labelled line (``when``, ``what``, ``duration``, ``where``).

        The line is hidden when ``text`` is empty.
        """
        name_label, value_label = self.fields[key]
        present = bool(text)
        name_label.setVisible(present)
        value_label.setVisible(present)
        name_label.setText(name)
        value_label.set_record_text(text if present else "", lang, record)

    # -- the rail --------------------------------------------------------------------------
    def set_last(self, last: bool) -> None:
        """The last step draws no connector below its circle."""
        self._last = last
        self.update()

    def set_line_color(self, color: QColor | str) -> None:
        """The colour of the connector (follows the theme)."""
        self._line_color = QColor(color)
        self.update()

    def line_color(self) -> QColor:
        """The colour of the connector."""
        return QColor(self._line_color)

    def rail_x(self) -> int:
        """The x coordinate of the connector: under the centre of the number circle."""
        return self.number.geometry().center().x()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the connector from under the circle down to the next step's circle."""
        super().paintEvent(event)
        if self._last:
            return
        circle = self.number.geometry()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self._line_color, RAIL_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        x = circle.x() + circle.width() / 2
        painter.drawLine(QPointF(x, circle.bottom() + 1), QPointF(x, self.height()))
        painter.end()


class Timeline(QWidget):
    """A column of :class:`TimelineStep` widgets whose connectors join into one rail.

    The timeline is for ``count`` steps; the first ``built`` of them are made with it and
    the rest by :meth:`add_steps`, in order (a screen builds what the window shows first).

    Signals:
        term_activated(str): a glossary link in any step was activated.
    """

    term_activated = Signal(str)

    def __init__(self, count: int, parent: QWidget | None = None, built: int | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)  # the connectors must touch the next circle
        self._layout = layout
        self.count = count
        self._line_color: QColor | None = None
        self.steps: list[TimelineStep] = []
        self.add_steps(count if built is None else built)

    @property
    def complete(self) -> bool:
        """Whether every step of the timeline has been made."""
        return len(self.steps) == self.count

    def add_steps(
        self, count: int, fill: Callable[[int, TimelineStep], None] | None = None
    ) -> list[TimelineStep]:
        """Make the next ``count`` steps (fewer at the end), below those made; returns them.

        ``fill(index, step)`` is called for each before it is shown (a step made while the
        timeline is shown is shown at once, filled).
        """
        made: list[TimelineStep] = []
        shown = self.isVisible()
        for _number in range(min(count, self.count - len(self.steps))):
            index = len(self.steps)
            step = TimelineStep(self)
            step.set_last(index == self.count - 1)
            if self._line_color is not None:
                step.set_line_color(self._line_color)
            step.term_activated.connect(self.term_activated)
            self._layout.addWidget(step)
            self.steps.append(step)
            made.append(step)
            if fill is not None:
                fill(index, step)
            if shown:  # (Qt would show a new child of a shown widget only later)
                step.show()
            else:  # its style and fonts in an idle moment, not when next shown (its text
                # is measured by the window's warming: ScreenPage.lay_out_ahead)
                step.ensurePolished()
        return made

    def set_line_color(self, color: QColor | str) -> None:
        """The colour of every connector (and of the steps made later)."""
        self._line_color = QColor(color)
        for step in self.steps:
            step.set_line_color(self._line_color)

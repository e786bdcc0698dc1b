"""A painted verdict symbol: a coloured disc with a check, a cross, a "?" or a magnifier.

The symbols are drawn, not typed, so they do not depend on the font (Vazirmatn has no
✓ or ✗) and look the same on every kiosk. They are never the only sign of a verdict:
a text label ("Fits", "Does not fit", ...) always stands beside them, so the symbol
itself is decorative for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.i18n import FONT_FAMILY
from app.selfcheck import CriterionStatus
from app.ui.style import THEMES

#: Theme colour of each status's disc.
_DISC_COLOR = {
    CriterionStatus.MET: "met",
    CriterionStatus.NOT_MET: "notmet",
    CriterionStatus.UNKNOWN: "open",
    CriterionStatus.SCREENING: "open",
}


class VerdictIcon(QWidget):
    """A round symbol for a criterion status, sized in px and coloured by the theme."""

    def __init__(self, parent: QWidget | None = None, size: int = 32) -> None:
        super().__init__(parent)
        self._status = CriterionStatus.UNKNOWN
        self._high_contrast = False
        self._size = size
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(size, size)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    @property
    def status(self) -> CriterionStatus:
        """The status drawn."""
        return self._status

    def set_status(self, status: CriterionStatus) -> None:
        """Draw the symbol of ``status``."""
        if status is not self._status:
            self._status = status
            self.update()

    def set_high_contrast(self, on: bool) -> None:
        """Use the high-contrast theme's colours."""
        if on != self._high_contrast:
            self._high_contrast = on
            self.update()

    def set_size(self, size: int) -> None:
        """Set the symbol's width and height in px (it follows the text size)."""
        if size != self._size:
            self._size = size
            self.setFixedSize(size, size)
            self.update()

    def sizeHint(self) -> QSize:
        """The symbol's size."""
        return QSize(self._size, self._size)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the disc and its symbol."""
        colors = THEMES["high_contrast" if self._high_contrast else "normal"]
        s = float(min(self.width(), self.height()))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colors[_DISC_COLOR[self._status]]))
        painter.drawEllipse(QRectF(0, 0, s, s))
        pen = QPen(QColor(colors["bg"]), max(2.0, s / 9))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)

        def at(x: float, y: float) -> QPointF:
            return QPointF(x * s, y * s)

        if self._status is CriterionStatus.MET:
            path = QPainterPath(at(0.28, 0.52))
            path.lineTo(at(0.44, 0.68))
            path.lineTo(at(0.73, 0.35))
            painter.drawPath(path)
        elif self._status is CriterionStatus.NOT_MET:
            painter.drawLine(at(0.34, 0.34), at(0.66, 0.66))
            painter.drawLine(at(0.66, 0.34), at(0.34, 0.66))
        elif self._status is CriterionStatus.SCREENING:
            # A magnifying glass: "the study team will look at this".
            painter.drawEllipse(QRectF(at(0.27, 0.27), at(0.59, 0.59)))
            painter.drawLine(at(0.57, 0.57), at(0.73, 0.73))
        else:
            font = QFont(FONT_FAMILY)
            font.setBold(True)
            font.setPixelSize(max(8, round(s * 0.62)))
            painter.setFont(font)
            painter.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter, "?")
        painter.end()

"""The jump list: every section of the counselor view, one tap (or Enter) away.

Entries wrap onto as many lines as they need at any text size instead of being cut
short, and each is at least a comfortable touch target tall.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

#: Space around an entry's words, and the least height of an entry, in px.
PADDING = 12
MIN_HEIGHT = 48

_Index = QModelIndex | QPersistentModelIndex


class _WrappingDelegate(QStyledItemDelegate):
    """Draws an entry's words wrapped to the list's width, with padding."""

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view

    def _text_rect(self, width: int, option: QStyleOptionViewItem, text: str) -> QRect:
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeading
        bounds = QRect(0, 0, max(1, width - 2 * PADDING), 100_000)
        return option.fontMetrics.boundingRect(bounds, int(flags), text)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        """As tall as the wrapped words need (at least MIN_HEIGHT), as wide as the list."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self.view.viewport().width()
        height = self._text_rect(width, opt, opt.text).height() + 2 * PADDING
        return QSize(width, max(MIN_HEIGHT, height))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        """The item's background (selection, hover) from the style, then its wrapped words."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self.view)
        align = QStyle.visualAlignment(
            opt.direction, Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
        )
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(opt.palette.ColorRole.Text))
        rect = opt.rect.adjusted(PADDING, PADDING // 2, -PADDING, -PADDING // 2)
        painter.setLayoutDirection(opt.direction)
        painter.drawText(rect, int(align | Qt.TextFlag.TextWordWrap), text)
        painter.restore()


class JumpList(QListWidget):
    """A list of sections whose entries wrap instead of being elided."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JumpList")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(_WrappingDelegate(self))

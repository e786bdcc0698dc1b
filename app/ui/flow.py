"""A layout that wraps its widgets onto new lines, like words in a paragraph.

Navigation and header controls use it so that nothing is clipped at 200% text size
on a narrow screen: buttons move to a second line instead. Mirrors for right-to-left.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Lays items out left to right (right to left when mirrored), wrapping as needed."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        parent = self.parentWidget()
        rtl = parent is not None and parent.isRightToLeft()
        lines: list[list[tuple[QLayoutItem, QSize, int]]] = [[]]
        x, line_width = area.x(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and lines[-1]:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint, x))
            x += hint.width() + self._spacing
            line_width = max(line_width, x)
        y = area.y()
        for line in lines:
            if not line:
                continue
            line_height = max(hint.height() for _item, hint, _x in line)
            if apply:
                for item, hint, left in line:
                    if rtl:
                        left = area.right() + 1 - (left - area.x()) - hint.width()
                    top = y + (line_height - hint.height()) // 2  # centred on the line
                    item.setGeometry(QRect(QPoint(left, top), hint))
            y += line_height + self._spacing
        return max(0, y - self._spacing - rect.y() + margins.bottom())

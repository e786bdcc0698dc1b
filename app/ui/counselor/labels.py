"""Labels of the counselor view: word-wrapped, in a language's direction, with ink room.

General helpers the counselor's widgets share (the questions, the answers, the verdicts
and the parallel cells).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from app.i18n import is_rtl, text_direction
from app.ui.text import WrapLabel

#: Room on each side of a text for ink that overhangs its glyph's advance: a line that
#: just fits would otherwise lose the tail of a final Persian letter such as "ز".
INK_MARGIN = 4


def give_ink_room(widget: QLabel) -> None:
    """Keep a label's text clear of its edges (glyph tails that overhang stay visible)."""
    widget.setContentsMargins(INK_MARGIN, 0, INK_MARGIN, 0)


def label(role: str | None, parent: QWidget) -> QLabel:
    """A word-wrapped plain-text label with a style role."""
    widget = WrapLabel(parent)
    give_ink_room(widget)
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    if role:
        widget.setProperty("role", role)
    return widget


def set_role(frame: QFrame, role: str) -> None:
    """Change a frame's style role and restyle it at once."""
    if frame.property("role") != role:
        frame.setProperty("role", role)
        frame.style().unpolish(frame)
        frame.style().polish(frame)


def rich(text: str, lang: str) -> str:
    """Plain words as rich text whose direction is ``lang``'s, not guessed from the words.

    An interface message not yet translated (English in a Persian column) keeps the
    column's direction and alignment.
    """
    direction = "rtl" if is_rtl(lang) else "ltr"
    body = html.escape(text)
    return f'<div dir="{direction}" style="white-space:pre-wrap;">{body}</div>' if text else ""


def set_shown(widget: QWidget, shown: bool) -> None:
    """Show or hide a widget, touching it only when that changes something.

    Hiding and showing again is not free (the layout is invalidated each time), and a
    language switch passes over hundreds of labels.
    """
    if widget.isHidden() == shown:
        widget.setVisible(shown)


def show(widget: QLabel, text: str, lang: str, shown: bool = True) -> None:
    """Put ``text`` (already in ``lang``) in a label laid out in that language's direction.

    The label is shown when ``shown`` and there is something to say.
    """
    words = rich(text, lang)
    if widget.text() != words:
        widget.setText(words)
    widget.setAccessibleName(text)
    widget.setLayoutDirection(text_direction(lang))
    widget.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    set_shown(widget, shown and bool(text))

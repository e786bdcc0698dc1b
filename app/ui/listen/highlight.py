"""While reading aloud: mark the sentence being read in the label that shows it, keep it in view.

A label is found by the text it shows: a :class:`~app.ui.text.TextLabel` remembers the
record text it was given (``source``), a plain label shows its text as is, and a fact
("Run by: Royan Institute") is found by its value. The highlighted label is re-rendered
from that text with the sentence wrapped in a coloured span; the text is escaped as
always (:func:`app.ui.text.to_html`, :func:`html.escape`): no record text reaches Qt as
markup. When reading moves on, the label gets its own text back, unless the page has
re-rendered it meanwhile (a language switch), which is then left as it is.
"""

from __future__ import annotations

import html
import re

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from app.i18n import is_rtl
from app.record.models import GLOSSARY_MARK
from app.ui.text import TextLabel, to_html

#: Private-use characters that mark the highlight's ends while the text is typeset.
_OPEN, _CLOSE = "\ue000", "\ue001"
#: How the sentence being read looks (black on yellow, in both themes: 15:1 contrast).
SPAN = '<span style="background-color:#ffe066; color:#000000;">'
_TAG = re.compile(r"(<[^>]+>)")
#: A list line's bullet (as app.ui.text reads one).
_BULLET = re.compile(r"[ \t]*[-*•][ \t]+")


def _plain(label: QLabel) -> str:
    if isinstance(label, TextLabel) and label.source is not None:
        return label.source[0]
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    return ""


def find_label(root: QWidget, text: str) -> tuple[QLabel | None, bool]:
    """The visible label in ``root`` that shows ``text``, and whether it shows exactly it.

    Not exactly: a fact's value label, for "name: value" (highlighted whole).
    """
    wanted = text.strip()
    value = wanted.split(": ", 1)[1].strip() if ": " in wanted else None
    partial: QLabel | None = None
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root):
            continue
        shown = _plain(label).strip()
        if not shown:
            continue
        if shown == wanted:
            return label, True
        if partial is None and value is not None and shown == value:
            partial = label
    return partial, False


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved out of any glossary mark and past a line's bullet."""
    for mark in GLOSSARY_MARK.finditer(text):
        if mark.start() < start < mark.end():
            start = mark.start()
        if mark.start() < end < mark.end():
            end = mark.end()
    line_start = text.rfind("\n", 0, start) + 1
    bullet = _BULLET.match(text, line_start)
    if bullet is not None and start < bullet.end():
        start = bullet.end()
    return start, max(start, end)


def marked_html(rich: str) -> str:
    """Rich text with the marked stretch wrapped in :data:`SPAN` (closed around each tag)."""
    a, b = rich.find(_OPEN), rich.find(_CLOSE)
    if a < 0 or b < a:
        return rich.replace(_OPEN, "").replace(_CLOSE, "")
    inner = _TAG.sub(lambda m: f"</span>{m.group(1)}{SPAN}", rich[a + 1 : b])
    return f"{rich[:a]}{SPAN}{inner}</span>{rich[b + 1 :]}"


def highlighted(text: str, start: int, end: int, lang: str, record: object = None) -> str:
    """``text`` (a record text) as rich text with ``text[start:end]`` highlighted."""
    start, end = _widen(text, max(0, start), min(len(text), end))
    marked = f"{text[:start]}{_OPEN}{text[start:end]}{_CLOSE}{text[end:]}"
    return marked_html(to_html(marked, lang, record))  # type: ignore[arg-type]


def highlighted_plain(text: str, start: int, end: int, lang: str) -> str:
    """A plain label's text as rich text with ``text[start:end]`` highlighted."""
    parts = (text[:start], text[start:end], text[end:])
    body = [html.escape(p).replace("\n", "<br>") for p in parts]
    direction = "rtl" if is_rtl(lang) else "ltr"
    return f'<div dir="{direction}">{body[0]}{SPAN}{body[1]}</span>{body[2]}</div>'


class Highlighter:
    """Shows one highlight at a time and takes it away."""

    def __init__(self) -> None:
        self._label: QLabel | None = None
        self._restore: tuple[str, Qt.TextFormat] | None = None
        self._shown = ""

    @property
    def label(self) -> QLabel | None:
        """The label highlighted now."""
        return self._label

    def show(self, root: QWidget, text: str, start: int, end: int, lang: str) -> QLabel | None:
        """Highlight ``text[start:end]`` in the label under ``root`` that shows ``text``."""
        label, exact = find_label(root, text)
        if label is not self._label:
            self.clear()
        if label is None:
            return None
        if self._restore is None:
            self._restore = (label.text(), label.textFormat())
        self._label = label
        if not exact:
            start, end = 0, len(_plain(label))
            text = _plain(label)
        if isinstance(label, TextLabel) and label.source is not None:
            rich = highlighted(text, start, end, lang, label.source[2])
        else:
            rich = highlighted_plain(text, start, end, lang)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(rich)
        self._shown = rich
        return label

    def clear(self) -> None:
        """Give the highlighted label its own text back (if the page has not re-rendered it)."""
        label, restore, shown = self._label, self._restore, self._shown
        self._label, self._restore, self._shown = None, None, ""
        if label is None or restore is None or not shiboken6.isValid(label):
            return
        if label.text() == shown:
            text, fmt = restore
            label.setTextFormat(fmt)
            label.setText(text)


def keep_in_view(area: QScrollArea, label: QLabel, start: int, end: int, length: int) -> None:
    """Scroll ``area`` so that the part of ``label`` about ``start..end`` of its text shows.

    Where in the label the sentence is, is estimated from its share of the text (the
    label lays out its own lines): a long text scrolls as its reading goes on.
    """
    holder = area.widget()
    if holder is None or not holder.isAncestorOf(label):
        return
    height = label.height()
    view = area.viewport().height()
    if height <= view * 2 // 3 or length <= 0:
        area.ensureWidgetVisible(label, 0, 24)
        return
    top = round(height * start / length)
    bottom = round(height * min(length, end) / length)
    for y in (bottom, top):  # the end in view, then its start (it wins when too tall)
        point = label.mapTo(holder, QPoint(0, y))
        area.ensureVisible(point.x(), point.y(), 0, 48)

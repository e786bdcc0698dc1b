"""Building blocks for showing a registry entry: verbatim English text, named fields, enums.

The registry's own words (*official* text) are English whatever the interface language,
so :class:`OfficialText` and :func:`official_heading` always lay out left to right, with
their direction and alignment set explicitly: on a Persian (right-to-left) page they
stay in their own direction instead of inheriting the page's.

A :class:`FieldBlock` is one named field of the entry: its name (an interface word, in
the current language) above its values. Values are built once; the words around them
are ``N_()`` messages translated again, or callables called again, by
:meth:`FieldBlock.retranslate` on each language switch, so nothing is rebuilt.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.i18n import _
from app.i18n.enums import enum_explanation, enum_label
from app.textdoc import SafeTextDocument
from app.ui.text import TextLabel, WrapLabel, official_html

#: An interface text: an ``N_()`` message (translated when shown) or, for words computed
#: when shown (counts, dates, formatted messages), a function giving them.
Words = str | Callable[[], str]
#: The same for a note, which a function may leave out by giving ``None``.
NoteWords = str | Callable[[], str | None]


def words(text: NoteWords) -> str | None:
    """``text`` in the current language."""
    if isinstance(text, str):
        return _(text) if text else ""  # _("") would give the catalog's header
    return text()


_LTR = Qt.LayoutDirection.LeftToRight
#: Left, even inside a right-to-left page (AlignAbsolute stops Qt mirroring AlignLeft).
_ALIGN_LTR = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop


def _make_ltr(label: QLabel) -> None:
    """Lay a label out left to right, aligned left, whatever its parent's direction."""
    label.setLayoutDirection(_LTR)
    label.setAlignment(_ALIGN_LTR)


def _paragraph_html(text: str) -> str:
    """Verbatim text as rich text: paragraphs, single newlines and lists kept."""
    return official_html(text)


class OfficialText(WrapLabel):
    """The registry's words, verbatim: English, left to right, in an ``official`` panel.

    Attributes:
        official: The text shown, exactly as the record has it (items joined by newlines),
            for tests and assistive technology.
    """

    def __init__(self, parent: QWidget | None = None, framed: bool = True) -> None:
        super().__init__(parent)
        if framed:
            self.setProperty("role", "official")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        _make_ltr(self)
        self.official = ""

    def set_official(self, text: str) -> None:
        """Show one registry text; blank lines in it separate paragraphs."""
        self.official = text
        self.setText(_paragraph_html(text))
        self.setAccessibleName(text)

    def set_pairs(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Show (identifier, text) pairs as a list: the identifier in bold above its text."""
        self.official = "\n".join(f"{key}: {text}" for key, text in pairs)
        rows = "".join(
            f'<li style="margin-bottom:6px;"><b>{html.escape(key)}</b><br>{html.escape(text)}</li>'
            for key, text in pairs
        )
        self.setText(f'<ul dir="ltr" style="margin-top:0; margin-bottom:0;">{rows}</ul>')
        self.setAccessibleName(self.official)

    def set_items(self, items: Sequence[str]) -> None:
        """Show registry texts as a bulleted list, one item each (its own lists nested)."""
        self.official = "\n".join(items)
        self.setText(_items_html(items))
        self.setAccessibleName(self.official)

    def set_criteria(self, criteria: Sequence[tuple[str | None, str]]) -> None:
        """Show ``(subgroup, official text)`` criteria: each sub-group a small heading.

        A group criterion's text is its rule over its options, so the options show as a
        list nested under the rule.
        """
        self.official = "\n".join(
            f"{subgroup}: {text}" if subgroup else text for subgroup, text in criteria
        )
        parts: list[str] = []
        run: list[str] = []
        current: str | None = None
        for index, (subgroup, text) in enumerate(criteria):
            if index and subgroup != current:
                parts.append(_items_html(run))
                run = []
            if subgroup is not None and (index == 0 or subgroup != current):
                parts.append(
                    f'<p dir="ltr" style="margin-top:10px; margin-bottom:4px;">'
                    f"<b>{html.escape(subgroup)}</b></p>"
                )
            current = subgroup
            run.append(text)
        parts.append(_items_html(run))
        self.setText("".join(parts))
        self.setAccessibleName(self.official)

    def set_notes(self, notes: Sequence[str]) -> None:
        """Show the registry's notes on a list in small print, one paragraph each."""
        self.official = "\n".join(notes)
        self.setText(
            "".join(f'<p dir="ltr"><small>{html.escape(note)}</small></p>' for note in notes)
        )
        self.setAccessibleName(self.official)


def _items_html(items: Sequence[str]) -> str:
    """Registry texts as one bulleted list; an item's own lines and lists stay inside it."""
    if not items:
        return ""
    rows = []
    for item in items:
        inner = official_html(item)
        # A one-paragraph item needs no paragraph of its own inside the list item.
        if inner.startswith('<p dir="ltr">') and inner.count("<p") == 1:
            inner = inner.removeprefix('<p dir="ltr">').replace("</p>", "", 1)
        rows.append(f"<li>{inner}</li>")
    return f'<ul dir="ltr" style="margin-top:0; margin-bottom:0;">{"".join(rows)}</ul>'


def official_heading(text: str, role: str = "h3", parent: QWidget | None = None) -> QLabel:
    """A heading made of registry words (an arm's label, a person's name), left to right."""
    label = WrapLabel(parent)
    label.setProperty("role", role)
    label.setTextFormat(Qt.TextFormat.PlainText)
    _make_ltr(label)
    label.setText(text)
    return label


class _NaturalWidthLabel(TextLabel):
    """A wrapping label that asks for the width of its text on one line.

    A word-wrapped QLabel otherwise asks for a "balanced" width and breaks even a short
    value in two; here it wraps only when the row is really too narrow.
    """

    def sizeHint(self) -> QSize:
        # (Remembered per shape of the text and shared, as Qt's hints: a language or
        # text-size twin works it out ahead of a switch.)
        self.ensurePolished()
        return self._hint("natural", self._natural)

    def _natural(self) -> QSize:
        document = SafeTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.font())
        document.setHtml(self.text())
        margins = self.contentsMargins()
        width = math.ceil(document.idealWidth()) + margins.left() + margins.right() + 2
        return QSize(width, super().sizeHint().height())


class ValueLine(QWidget):
    """A value in plain words, with the registry's raw value in small muted text beside it.

    Example: "Phase 3" and, beside it, "(PHASE3)". The plain words follow the page's
    direction; the raw value is always left to right.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.text = _NaturalWidthLabel(parent=self)
        self.raw = QLabel(self)
        self.raw.setProperty("role", "muted")
        self.raw.setTextFormat(Qt.TextFormat.RichText)
        self.raw.setLayoutDirection(_LTR)
        self.raw.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.raw.hide()
        self.raw_value: str | None = None
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.raw, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addStretch(1)

    def set_value(self, text: str, lang: str, raw: str | None = None) -> None:
        """Show ``text`` (already in ``lang``) and, if given, the raw registry value."""
        self.text.set_record_text(text, lang)
        self.raw_value = raw
        self.raw.setVisible(raw is not None)
        if raw is not None:
            self.raw.setText(f"<small>({html.escape(raw)})</small>")
            self.raw.setAccessibleName(raw)


class FieldBlock(QWidget):
    """One named field of a registry entry: its name above its values."""

    def __init__(
        self,
        name: Words,
        lang: Callable[[], str],
        parent: QWidget | None = None,
        name_role: str = "h3",
    ) -> None:
        """Make an empty field.

        Args:
            name: The field's name (an ``N_()`` message or a function giving it).
            lang: Gives the current language code.
            parent: The parent widget.
            name_role: Style role of the name (``h3``; ``muted`` inside a card).
        """
        super().__init__(parent)
        self._name = name
        self._lang = lang
        self._updaters: list[Callable[[], None]] = []
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self.name = TextLabel(name_role, self)
        self.layout_.addWidget(self.name)

    def add_official(self, text: str | Sequence[str]) -> OfficialText:
        """Add a verbatim registry text (a list of texts is shown as a bulleted list)."""
        label = OfficialText(self)
        if isinstance(text, str):
            label.set_official(text)
        else:
            label.set_items(text)
        self.layout_.addWidget(label)
        return label

    def add_value(self, text: Words, raw: str | None = None) -> ValueLine:
        """Add a value in plain words (``text`` gives it), with an optional raw value."""
        line = ValueLine(self)
        self.layout_.addWidget(line)
        self._updaters.append(lambda: line.set_value(words(text) or "", self._lang(), raw))
        return line

    def add_enum(self, value: StrEnum, explain: bool = False) -> ValueLine:
        """Add a registry enum value as plain words with its raw value, and its explanation."""
        line = self.add_value(lambda: enum_label(value), value.value)
        if explain:
            self.add_note(lambda: enum_explanation(value))
        return line

    def add_note(self, text: NoteWords) -> TextLabel:
        """Add a muted line of plain explanation; hidden when ``text`` gives ``None``."""
        label = TextLabel("muted", self)
        self.layout_.addWidget(label)

        def update() -> None:
            shown = words(text)
            label.setVisible(bool(shown))
            label.set_record_text(shown or "", self._lang())

        self._updaters.append(update)
        return label

    def retranslate(self) -> None:
        """Put the field's name and plain values in the current language."""
        self.name.set_record_text(words(self._name) or "", self._lang())
        for update in self._updaters:
            update()

"""Typesetting the record's text for Qt: glossary links, paragraphs, lists and direction.

Patient-facing text is written in the record as plain text with ``[[term]]`` marks,
blank lines between paragraphs and ``- `` bullets. :func:`to_html` turns it into Qt
rich text with every mark a link (``term:<id>``) and the block direction set explicitly
(``dir="rtl"`` for Persian), since Qt otherwise guesses it from the first strong letter.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QFocusEvent,
    QMouseEvent,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.i18n import N_, _, is_rtl, localize, pick, text_direction
from app.i18n.format import isolate_latin
from app.record import TrialRecord
from app.record.models import GLOSSARY_MARK
from app.ui.style import keeps_text_layout

TERM_SCHEME = "term:"
#: A glossary term is a tap target at least this high (px), whatever its line height.
MIN_TAP_HEIGHT = 44
#: How far above or below a term (px) a tap still opens it: half the tap height, so even
#: a one-pixel-high glyph run would be a MIN_TAP_HEIGHT target.
TAP_SLOP = MIN_TAP_HEIGHT // 2
#: How far beside a term (px) a tap still opens it.
TAP_SLOP_SIDEWAYS = 6


def _slop_steps(slop: int, step: int = 2) -> list[int]:
    """0, -2, 2, -4, 4 ... up to ±slop: the nearest offsets first."""
    out = [0]
    for d in range(step, slop + 1, step):
        out += [-d, d]
    return out


#: Widths whose heights a label remembers (a layout pass asks for a few, over and over).
_HFW_CACHE_SIZE = 24
#: Shapes of its text a label remembers heights for: both languages at two text sizes.
_SHAPES_KEPT = 4
#: Shapes of text whose sizes all labels share (see :class:`WrapLabel`), and how many
#: sizes (widths and hints) each keeps: a window's pages in both languages at a text
#: size or two hold about 3,000.
_SHARED_SHAPES_KEPT = 6000
_SHARED_SIZES_KEPT = 48
#: Sizes Qt worked out for a shape of text (:meth:`WrapLabel._shape_now`), by width
#: (a height) or by hint (a size), most recently used last.
_shared_sizes: dict[tuple[object, ...], dict[object, object]] = {}
_BULLET = re.compile(r"^\s*[-*•]\s+")


def _inline(text: str, lang: str, record: TrialRecord | None, link_color: str | None) -> str:
    """Escape a run of text and turn its glossary marks into links."""
    out: list[str] = []
    position = 0
    for mark in GLOSSARY_MARK.finditer(text):
        out.append(html.escape(localize(text[position : mark.start()], lang)))
        term_id, shown = mark.group(1), mark.group(2)
        if shown is None and record is not None:
            try:
                shown = pick(record.glossary_term(term_id).term, lang)
            except KeyError:
                shown = term_id
        label = html.escape(localize(shown or term_id, lang))
        style = f' style="color:{link_color};"' if link_color else ""
        out.append(f'<a href="{TERM_SCHEME}{term_id}"{style}>{label}</a>')
        position = mark.end()
    out.append(html.escape(localize(text[position:], lang)))
    return "".join(out)


#: A list line of the registry's official text: "* x", "- x", "• x", "1. x", "1) x".
_LIST_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•]|\d{1,3}[.)])[ \t]+(?P<text>\S.*)$")
_LIST_STYLE = ' dir="ltr" style="margin-top:0; margin-bottom:0;"'


def _official_list(items: list[tuple[int, bool, str]]) -> str:
    """Nested HTML lists for ``(indent, numbered, text)`` lines, deeper indents nested."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (indent, tag) of each open list
    for indent, numbered, text in items:
        tag = "ol" if numbered else "ul"
        if not stack or indent > stack[-1][0]:
            out.append(f"<{tag}{_LIST_STYLE}>")
            stack.append((indent, tag))
        else:
            while len(stack) > 1 and indent < stack[-1][0]:
                out.append(f"</li></{stack.pop()[1]}>")
            out.append("</li>")
        out.append(f"<li>{html.escape(text)}")
    while stack:
        out.append(f"</li></{stack.pop()[1]}>")
    return "".join(out)


def official_html(text: str) -> str:
    """The registry's words as rich text, left to right: paragraphs, lines and lists.

    Blank lines separate paragraphs and single newlines stay; lines starting with a
    bullet or a number (``* x``, ``1. x``) become a list, nested by their indentation, as
    the registry's own page shows them. Everything is escaped: no markup gets through.
    """
    blocks: list[str] = []
    lines: list[str] = []
    items: list[tuple[int, bool, str]] = []

    def flush() -> None:
        if lines:
            body = "<br>".join(html.escape(line) for line in lines)
            blocks.append(f'<p dir="ltr">{body}</p>')
            lines.clear()
        if items:
            blocks.append(_official_list(items))
            items.clear()

    for paragraph in re.split(r"\n\s*\n", text.strip()):
        for line in paragraph.splitlines():
            if not line.strip():
                continue
            match = _LIST_LINE.match(line)
            if match:
                if lines:
                    flush()
                indent = len(match.group("indent").expandtabs(4))
                numbered = match.group("marker")[0].isdigit()
                items.append((indent, numbered, match.group("text").strip()))
            elif items:  # a continuation line of the item above it
                indent, numbered, previous = items[-1]
                items[-1] = (indent, numbered, f"{previous} {line.strip()}")
            else:
                lines.append(line.strip())
        flush()
    return "".join(blocks)


def to_html(
    text: Mapping[str, str] | str | None,
    lang: str,
    record: TrialRecord | None = None,
    link_color: str | None = None,
) -> str:
    """Rich text for a record text (or an already-picked string) in ``lang``."""
    raw = text if isinstance(text, str) else pick(text, lang)
    direction = "rtl" if is_rtl(lang) else "ltr"
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", raw.strip()):
        lines = [line for line in paragraph.splitlines() if line.strip()]
        # Runs of bullet lines are lists, the lines between them paragraphs: "Two of the
        # following:" over its options reads as a sentence and a list.
        index = 0
        while index < len(lines):
            bullets = bool(_BULLET.match(lines[index]))
            run: list[str] = []
            while index < len(lines) and bool(_BULLET.match(lines[index])) == bullets:
                run.append(lines[index])
                index += 1
            if bullets:
                items = "".join(
                    f"<li>{_inline(_BULLET.sub('', line), lang, record, link_color)}</li>"
                    for line in run
                )
                blocks.append(f'<ul dir="{direction}" style="margin-top:0;">{items}</ul>')
            else:
                body = _inline(" ".join(line.strip() for line in run), lang, record, link_color)
                blocks.append(f'<p dir="{direction}">{body}</p>')
    return "".join(blocks)


def button_text(text: str) -> str:
    """``text`` for a button's label: each ``&`` doubled, so that Qt shows it as written.

    A button reads a single ``&`` as a keyboard mnemonic: "Woman & girl" would show as
    "Woman _girl" with the "g" underlined. (Qt's accessible name strips the doubling.)
    """
    return text.replace("&", "&&")


def plain_text(
    text: Mapping[str, str] | str | None, lang: str, record: TrialRecord | None = None
) -> str:
    """The words a reader sees, without markup (for accessible names)."""
    raw = text if isinstance(text, str) else pick(text, lang)
    return localize(record.unmark(raw, lang) if record else GLOSSARY_MARK.sub(r"\1", raw), lang)


def _remember(sizes: dict[object, object], key: object, size: object) -> None:
    """Keep a size Qt worked out in a shape's shared sizes (the oldest goes when full)."""
    if len(sizes) >= _SHARED_SIZES_KEPT:
        del sizes[next(iter(sizes))]
    sizes[key] = size


def shared_size_count() -> int:
    """How many shapes of text have sizes shared by every label (see :class:`WrapLabel`)."""
    return len(_shared_sizes)


def forget_shared_sizes() -> None:
    """Forget the sizes shared by labels (a new font set, or a test that needs Qt's)."""
    _shared_sizes.clear()


#: The changes WrapLabel.changeEvent looks for: a new style, palette, font, direction or
#: contents rectangle (all but the palette may give its text another shape).
_STYLE_CHANGE = QEvent.Type.StyleChange
_PALETTE_CHANGE = QEvent.Type.PaletteChange
_FONT_CHANGE = QEvent.Type.FontChange
_DIRECTION_CHANGE = QEvent.Type.LayoutDirectionChange
_CONTENTS_CHANGE = QEvent.Type.ContentsRectChange


#: What a screen reader says when Tab moves to a glossary link inside a text.
LINK_FOCUS = N_("Glossary word: {term}. Press Enter for its meaning.")


class WrapLabel(QLabel):
    """A word-wrapped label that remembers the height its text needs at each width.

    Qt's QLabel lays its text out anew for every width a layout asks about (a rich-text
    label twice: at the width asked, then back at its own), and three times more for
    its size hints after each new text; a language switch on the glossary asked each
    label for its height at a dozen widths. The heights and hints are kept per shape of
    the text (the words and their format, font, direction and margins), for the last
    few shapes: switching back to a language or a text size seen a moment ago finds
    them. A new style forgets them all, except in a restyle that changes only colours
    (:func:`app.ui.style.colour_restyle`). Set the indent and margin before the label
    is first laid out, and a new text format with the text.

    A size the label does not know yet is looked up among those every label has had Qt
    work out (:func:`shared_size_count`), by everything Qt's answer depends on (the
    text's shape as above, and its indent, margin, frame, word wrap, alignment, smallest
    size, buddy, interaction flags and the screen's resolution, read again after any
    change to them): a label given a text that another label (on a page measured
    unseen, in the other language) was laid out with finds its sizes there, without Qt
    laying the text out again.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Heights by width, and size hints, per shape of the text (most recent last).
        self._shapes: dict[tuple[object, ...], tuple[dict[int, int], dict[object, QSize]]]
        self._shapes = {}
        #: The heights and the hints for the shape shown now (one of ``_shapes``);
        #: ``None``: the shape has changed since, to be read when a size is asked.
        self._sizes: tuple[dict[int, int], dict[object, QSize]] | None = None
        self._words = ""
        #: The shape of the text when it was last read (the key of ``_shapes``).
        self._shape: tuple[object, ...] = ()
        #: What the shared sizes of the text are kept by (``None``: to be read again).
        self._shared_key: tuple[object, ...] | None = None
        self.setWordWrap(True)

    def _reshape(self) -> None:
        """Note that the text's shape may have changed: it is read when a size is asked.

        A new text, direction, font and margins often come together (a language switch
        sets the text, then the direction; a text-size step the font, then the margins):
        reading the shape at each would cost a call into Qt per part, and file sizes
        under shapes that are never measured.
        """
        self._sizes = None
        self._shared_key = None

    @property
    def _heights(self) -> dict[int, int]:
        """The heights by width remembered for the text's shape as it is now."""
        return (self._sizes or self._read_shape())[0]

    @property
    def _hints(self) -> dict[object, QSize]:
        """The size hints remembered for the text's shape as it is now."""
        return (self._sizes or self._read_shape())[1]

    def _read_shape(self) -> tuple[dict[int, int], dict[object, QSize]]:
        """Take the sizes of the text's shape as it is now (none yet, if it is new)."""
        margins = self.contentsMargins()
        shape = (
            self._words,
            self.textFormat(),
            self.font().key(),
            self.layoutDirection(),
            (margins.left(), margins.top(), margins.right(), margins.bottom()),
        )
        self._shape, self._shared_key = shape, None
        sizes = self._shapes.pop(shape, None)
        if sizes is None:
            sizes = ({}, {})
            if len(self._shapes) >= _SHAPES_KEPT:
                del self._shapes[next(iter(self._shapes))]  # the oldest
        self._shapes[shape] = sizes
        self._sizes = sizes
        return sizes

    def heightForWidth(self, width: int) -> int:
        """The height the text needs at ``width`` (remembered for this shape of the text)."""
        height = self._heights.get(width)
        if height is None:
            self.ensurePolished()  # (a first polish may bring a font or padding)
            height = self._shared_size(width)
            if len(self._heights) >= _HFW_CACHE_SIZE:
                del self._heights[next(iter(self._heights))]  # the width asked longest ago
            self._heights[width] = height
        return height

    def _hint(self, which: str, work_out: Callable[[], QSize] | None = None) -> QSize:
        """A size hint, remembered for the text's shape and shared by every label with it.

        ``which`` is "size" or "minimum" (Qt's), or a subclass's own hint, which
        ``work_out`` works out.
        """
        # A wrapping label's hints also follow its widest allowed width and alignment.
        key = (which, self.maximumWidth(), self.alignment())
        hint = self._hints.get(key)
        if hint is None:
            self.ensurePolished()
            hint = self._hints[key] = QSize(self._shared_size(key, work_out))
        return QSize(hint)

    def _shared_size(
        self, what: int | tuple[object, ...], work_out: Callable[[], QSize] | None = None
    ) -> Any:
        """A size from those every label with the text's shape shares, or Qt's, kept there.

        ``what`` is a width (the height there) or a hint's key (see :meth:`_ask_qt`);
        ``work_out`` works out a hint Qt has no name for.
        """
        shared = self._shared()
        size = shared.get(what)
        if size is None:
            size = self._ask_qt(what) if work_out is None else work_out()
            _remember(shared, what, QSize(size) if isinstance(size, QSize) else size)
        return size

    def _ask_qt(self, what: int | tuple[object, ...]) -> Any:
        """Qt's height at a width (an int), or its size hint (``("size", ...)``) or smallest."""
        if isinstance(what, int):
            return super().heightForWidth(what)
        return super().sizeHint() if what[0] == "size" else super().minimumSizeHint()

    def _shape_now(self) -> tuple[object, ...]:
        """Everything Qt's sizes for the label's text depend on, as it is now.

        The text's own shape (its words, format, font, direction and margins) is the one
        the label keeps (see :meth:`_reshape`), with the label's text as Qt has it, and
        the rest is read here: it is read again after any change to the shape, and after
        any of :data:`_SHARED_KEY_SETTERS` (Qt changes none of them on its own but in a
        polish, which comes before the label is first measured, or with a new style).
        """
        if self._sizes is None:
            self._read_shape()
        smallest = self.minimumSize()
        return (
            type(self),
            self.text(),
            *self._shape,
            self.margin(),
            self.indent(),
            self.frameWidth(),
            self.wordWrap(),
            self.alignment(),
            (smallest.width(), smallest.height()),
            self.buddy() is not None,
            self.textInteractionFlags(),
        )

    def _shared(self) -> dict[object, object]:
        """The sizes every label with the text's shape shares (made, if new)."""
        if self._shared_key is None:
            self._shared_key = self._shape_now()
        shape = (*self._shared_key, self.logicalDpiY())
        sizes = _shared_sizes.pop(shape, None)
        if sizes is None:
            sizes = {}
            if len(_shared_sizes) >= _SHARED_SHAPES_KEPT:
                del _shared_sizes[next(iter(_shared_sizes))]  # the shape used longest ago
        _shared_sizes[shape] = sizes
        return sizes

    def sizeHint(self) -> QSize:
        """Qt's size hint for the text (remembered for this shape of the text)."""
        return self._hint("size")

    def minimumSizeHint(self) -> QSize:
        """Qt's smallest size for the text (remembered for this shape of the text)."""
        return self._hint("minimum")

    def setText(self, text: str) -> None:
        """Show ``text`` (with the heights remembered for it, if it was shown lately)."""
        self._words = text
        self._reshape()
        super().setText(text)

    def setTextFormat(self, format: Qt.TextFormat) -> None:  # noqa: D102 - Qt's
        super().setTextFormat(format)
        self._reshape()  # (the format is part of the text's shape)

    def clear(self) -> None:
        """Show nothing."""
        self.setText("")

    def changeEvent(self, event: QEvent) -> None:
        """Take the heights for the new font, direction or margins; forget them on a new style."""
        kind = event.type()
        # (Identity, not ``in`` a set: an enum member's hash is Python code, and every
        # label takes this at each switch of language, size or theme.)
        if kind is _STYLE_CHANGE:
            if not keeps_text_layout(self):
                self._shapes.clear()  # the sheet may pad or border the text differently
                self._reshape()
        elif kind is _FONT_CHANGE or kind is _DIRECTION_CHANGE or kind is _CONTENTS_CHANGE:
            self._reshape()
        super().changeEvent(event)
        if kind is _PALETTE_CHANGE:
            self._palette_changed()

    def _palette_changed(self) -> None:
        """After a new palette (for subclasses)."""


#: QLabel's setters of what Qt's sizes depend on besides the text's shape (see
#: :meth:`WrapLabel._shape_now`): after each, a label reads its shared key anew.
_SHARED_KEY_SETTERS = (
    "setTextInteractionFlags",  # (selectable plain text is laid out apart)
    "setAlignment",
    "setIndent",
    "setMargin",
    "setWordWrap",
    "setBuddy",
    "setMinimumSize",
    "setMinimumWidth",
    "setMinimumHeight",
    "setFixedSize",
    "setFixedWidth",
    "setFixedHeight",
)


def _reading_the_key_anew(name: str) -> Callable[..., None]:
    qt_setter = getattr(QLabel, name)

    def setter(self: WrapLabel, *args: Any) -> None:
        qt_setter(self, *args)
        self._shared_key = None

    setter.__name__ = setter.__qualname__ = name
    setter.__doc__ = f"QLabel's ``{name}``; the label's shared sizes are found anew."
    return setter


for _name in _SHARED_KEY_SETTERS:
    setattr(WrapLabel, _name, _reading_the_key_anew(_name))


class TextLabel(WrapLabel):
    """A word-wrapped label for record text, with glossary terms as keyboard-reachable links.

    Signals:
        term_activated(str): a glossary term link was clicked or activated by keyboard.
    """

    term_activated = Signal(str)
    #: The label whose term was activated last (the popover opens beside it).
    last_activated: TextLabel | None = None

    def __init__(self, role: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: QTextDocument | None = None
        self._doc_key: tuple[object, ...] | None = None
        self._pressed_href = ""
        self._activated_at: QRect | None = None
        #: The link colour (RGBA) the text's links were given when it was set.
        self._link_rgba: int | None = None
        #: The text shown, as given (picked in its language), for read-aloud highlighting.
        self.source: tuple[str, str, TrialRecord | None] | None = None
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        # Height for width: the label is as tall as its real width needs. (A vertical
        # Minimum policy would make the height at Qt's narrow default width a minimum,
        # and a long page would end in a stretch of empty space.)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # Persian letters such as a word-final ز draw past their advance width; a few
        # pixels each side keep them from being clipped where a line just fits.
        self.setContentsMargins(4, 0, 4, 0)
        if role:
            self.setProperty("role", role)
        self.linkActivated.connect(self._on_link)

    def set_record_text(
        self,
        text: Mapping[str, str] | str | None,
        lang: str,
        record: TrialRecord | None = None,
    ) -> None:
        """Show a record text (or a translated string) in ``lang``, right to left for Persian."""
        rich = to_html(text, lang, record)
        self.source = (text if isinstance(text, str) else pick(text, lang), lang, record)
        self.setText(rich)
        self.setLayoutDirection(text_direction(lang))
        # AlignLeading is mirrored by the layout direction: the right edge for Persian.
        self.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        has_links = TERM_SCHEME in rich
        flags = (
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            if has_links
            else Qt.TextInteractionFlag.NoTextInteraction
        )
        self.setTextInteractionFlags(flags)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if has_links else Qt.FocusPolicy.NoFocus)
        # The whole text: the name is all a screen reader reads of a label.
        self.setAccessibleName(plain_text(text, lang, record))
        self.setAccessibleDescription("")

    def _describe_link(self) -> bool:
        """Name the link the keyboard is on in the accessible description (False: none)."""
        term = self.selectedText() if self.hasFocus() else ""
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            term = isolate_latin(term)  # "ICSI" inside a Persian sentence
        described = _(LINK_FOCUS).format(term=term) if term else ""
        self.setAccessibleDescription(described)
        return bool(term)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: D102 - Qt override
        super().focusInEvent(event)  # Tab lands on the first (Shift+Tab: last) link
        self._describe_link()  # before Qt announces the focus, which it does next

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: D102 - Qt override
        # Tab moves from link to link inside the label, and the focus never leaves it, so
        # Qt tells assistive technology nothing: name the link and announce the focus.
        moved = super().focusNextPrevChild(next)
        if moved and self._describe_link():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Focus))
        return moved

    def setText(self, text: str) -> None:
        """Show ``text``, its links in the palette's link colour of this moment."""
        self._link_rgba = self._link_color()
        super().setText(text)

    def _link_color(self) -> int:
        return self.palette().color(QPalette.ColorRole.Link).rgba()

    def _palette_changed(self) -> None:
        """Read the text again when the palette brings its links a new colour."""
        if self._link_color() != self._link_rgba and TERM_SCHEME in self.text():
            # Qt gives a link its colour when the rich text is read, from the palette of
            # that moment: read it again, or the links of a screen shown while the theme
            # changes keep the old colour (2.9:1 on black in high contrast). (QLabel
            # ignores the same text set again.) A restyle sends a label several palette
            # changes; the text is read again only for the one that changes the link
            # colour (a glossary page has a hundred labels with links).
            text = self.text()
            self._link_rgba = self._link_color()
            super().setText("")
            super().setText(text)  # (the same words: the heights found again)

    # -- glossary links: a tap area at least MIN_TAP_HEIGHT high -------------------------
    def _document(self) -> QTextDocument:
        """The label's text laid out as the label lays it out (for finding links)."""
        width = self.contentsRect().width()
        key = (self.text(), width, self.font().key(), self.layoutDirection())
        if self._doc_key != key or self._doc is None:
            doc = QTextDocument(self)
            doc.setDefaultFont(self.font())
            doc.setDocumentMargin(0)
            option = doc.defaultTextOption()
            option.setTextDirection(self.layoutDirection())
            doc.setDefaultTextOption(option)
            doc.setHtml(self.text())
            doc.setTextWidth(width)
            self._doc, self._doc_key = doc, key
        return self._doc

    def anchor_at(self, pos: QPoint) -> str:
        """The link under ``pos`` (label coordinates) exactly, or ""."""
        if TERM_SCHEME not in self.text():
            return ""
        point = QPointF(pos - self.contentsRect().topLeft())
        return self._document().documentLayout().anchorAt(point)

    def anchor_near(self, pos: QPoint) -> str:
        """The link nearest ``pos`` within the tap slop: a term is easy to hit with a finger.

        Looks up and down by up to :data:`TAP_SLOP` px (and sideways by a little), the
        nearest first, so a tap on the line above or below a term still opens it while the
        text keeps its line spacing.
        """
        if TERM_SCHEME not in self.text():
            return ""
        for dy in _slop_steps(TAP_SLOP):
            for dx in (0, -TAP_SLOP_SIDEWAYS, TAP_SLOP_SIDEWAYS):
                href = self.anchor_at(pos + QPoint(dx, dy))
                if href:
                    return href
        return ""

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: D102 - Qt override
        pos = event.position().toPoint()
        self._pressed_href = ""
        if event.button() == Qt.MouseButton.LeftButton and not self.anchor_at(pos):
            self._pressed_href = self.anchor_near(pos)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: D102 - Qt override
        pos = event.position().toPoint()
        pressed, self._pressed_href = self._pressed_href, ""
        left = event.button() == Qt.MouseButton.LeftButton
        # A tap near a term (pressed and released near the same one), not a drag away.
        if pressed and left and self.anchor_near(pos) == pressed:
            event.accept()
            self._activated_at = QRect(pos.x() - 1, pos.y() - 1, 2, 2)
            self._on_link(pressed)
            return
        if self.anchor_at(pos):
            self._activated_at = QRect(pos.x() - 1, pos.y() - 1, 2, 2)
        super().mouseReleaseEvent(event)

    def term_rect(self) -> QRect:
        """Where the last activated term is, in this label's coordinates.

        After a tap: the point tapped, one line high; after a keyboard activation: the
        whole label.
        """
        if self._activated_at is None:
            return self.rect()
        line = self.fontMetrics().height()
        center = self._activated_at.center()
        return QRect(center.x(), max(0, center.y() - line // 2), 1, line)

    def _on_link(self, href: str) -> None:
        if href.startswith(TERM_SCHEME):
            TextLabel.last_activated = self
            self.term_activated.emit(href[len(TERM_SCHEME) :])
        self._activated_at = None

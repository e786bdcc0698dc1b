"""The look: a style sheet of theme colours and shapes, and text sizes set per widget.

The style sheet (``resources/style.qss``) holds colours, borders and spacing. Text sizes
are set in code, per kind of widget (:func:`size_name`), by :class:`TextScaleStyle` as
each widget is polished and by :func:`apply_text_scale` when the text-size control
changes: a new application style sheet would re-polish every widget (about a second
with every screen built), while new fonts only re-lay the text out. The application's
sheet is the normal theme; the main window sets the high-contrast sheet on its parts
and on each screen as it is shown (``MainWindow._apply_style``). Counselor mode keeps
its sizes in its window's style sheet (``stylesheet(..., sizes=True)``).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from importlib import resources
from typing import overload

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QProxyStyle,
    QPushButton,
    QWidget,
)

from app.i18n import FONT_FAMILY

#: Text sizes in px at 100%; every size scales with the text-size control.
BASE_SIZES = {"small": 16, "body": 18, "lead": 21, "h3": 20, "h2": 25, "h1": 32}

THEMES: dict[str, dict[str, str]] = {
    "normal": {
        "bg": "#ffffff",
        "text": "#1f2933",
        "heading": "#0b4f6c",
        "muted": "#52606d",
        "panel": "#f3f6f8",
        "rule": "#c8d3dc",
        "primary": "#0b5e7e",
        "primary_hover": "#094b65",
        "on_primary": "#ffffff",
        "hover": "#e6f0f4",
        "pressed": "#cfe2ea",
        "focus": "#d97706",
        "header_bg": "#0b4f6c",
        "header_text": "#ffffff",
        "notice_bg": "#fff8e6",
        "notice_rule": "#b7791f",
        "met": "#2f7d4f",
        "met_bg": "#eef7f1",
        "notmet": "#b42318",
        "notmet_bg": "#fdf0ef",
        "open": "#8a6100",
        "open_bg": "#fff8e6",
    },
    "high_contrast": {
        "bg": "#000000",
        "text": "#ffffff",
        "heading": "#ffff00",
        "muted": "#e0e0e0",
        "panel": "#000000",
        "rule": "#ffffff",
        "primary": "#ffff00",
        "primary_hover": "#ffffff",
        "on_primary": "#000000",
        "hover": "#333333",
        "pressed": "#555555",
        "focus": "#00ffff",
        "header_bg": "#000000",
        "header_text": "#ffffff",
        "notice_bg": "#000000",
        "notice_rule": "#ffff00",
        "met": "#7dff9b",
        "met_bg": "#000000",
        "notmet": "#ff9b9b",
        "notmet_bg": "#000000",
        "open": "#ffff00",
        "open_bg": "#000000",
    },
}


@functools.cache
def _template(name: str = "style.qss") -> str:
    return (resources.files("resources") / name).read_text(encoding="utf-8")


def px(name: str, scale: int) -> int:
    """A named text size in px at ``scale`` percent."""
    return round(BASE_SIZES[name] * scale / 100)


def step_size(scale: int) -> int:
    """The diameter in px of a procedure's step-number circle."""
    return round(48 * max(scale, 100) / 100)


#: Width in px of a vertical scroll bar: on a desktop, and on a kiosk (a finger's width).
SCROLLBAR_WIDTH = 16
KIOSK_SCROLLBAR_WIDTH = 44


def stylesheet(
    scale: int = 100,
    high_contrast: bool = False,
    font: str = FONT_FAMILY,
    *,
    sizes: bool = False,
    kiosk: bool = False,
) -> str:
    """The app's style sheet in the chosen theme; with ``sizes``, text sizes at ``scale`` %.

    With ``kiosk``, scroll bars are wide enough to drag with a finger.
    """
    values: dict[str, str] = dict(THEMES["high_contrast" if high_contrast else "normal"])
    values["scrollbar"] = str(KIOSK_SCROLLBAR_WIDTH if kiosk else SCROLLBAR_WIDTH)
    # A screen's holders in high contrast, under either sheet (see CONTRAST).
    values["contrast_bg"] = THEMES["high_contrast"]["bg"]
    values["contrast_text"] = THEMES["high_contrast"]["text"]
    for name in BASE_SIZES:
        values[name] = str(px(name, scale))
    values["step_size"] = str(step_size(scale))
    values["font"] = font

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    template = _template() + ("\n" + _template("style-fonts.qss") if sizes else "")
    return re.sub(r"@([a-z_0-9]+)@", fill, template)


#: The dynamic property that gives a screen's holders the high-contrast background
#: (``"high"``; unset: the normal theme's), without a sheet of their own that would
#: re-polish every widget below them (see ``ScreenPage.theme_containers``).
CONTRAST = "contrast"


def set_contrast_property(widget: QWidget, high: bool) -> None:
    """Give one holder its background for the theme: repolished alone, not its children."""
    value = "high" if high else None
    if widget.property(CONTRAST) == value:
        return
    widget.setProperty(CONTRAST, value)
    widget.style().polish(widget)  # (a style sheet's polish looks the widget's rules up anew)
    widget.update()


#: A colour in a sheet made by :func:`stylesheet` (every theme colour is written so).
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")


_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


@functools.cache
def colours_only(sheet: str) -> str:
    """``sheet`` without what is the same in every theme, for a widget's own sheet.

    A widget's own sheet overrides the application's per property, whatever the
    selectors, and the two themes differ only in colours. So over the application's
    sheet, the other theme's sheet without the properties that never take a colour
    (fonts, padding, margins, sizes, Qt properties) gives what the whole sheet gives.
    The properties go by family (``border-left`` is a ``border``): one that takes a
    colour anywhere in the sheet stays everywhere, since a rule that sets it without a
    colour (``border: none``) must still win over a less specific one that does. It is
    half the text, and Qt parses a widget's sheet anew each time one is set (about
    0.5 ms for the whole sheet), most of what a part of a page themed alone costs.
    """
    rules = _RULE.findall(_COMMENT.sub("", sheet))

    def family(declaration: str) -> str:
        return declaration.split(":", 1)[0].strip().split("-", 1)[0]

    coloured = {
        family(part) for _, body in rules for part in body.split(";") if _COLOUR.search(part)
    }
    kept_rules = []
    for selectors, body in rules:
        kept = [part.strip() for part in body.split(";") if part.strip()]
        kept = [part for part in kept if family(part) in coloured]
        if kept:
            kept_rules.append(f"{' '.join(selectors.split())} {{ {'; '.join(kept)}; }}")
    return "\n".join(kept_rules)


#: The kinds of widget any holding part of a page may come to hold (its text and its
#: frames): a part with children keeps their rules whatever it holds now.
HOLDER_CLASSES = frozenset({"QWidget", "QFrame", "QLabel"})

#: A selector's subject (its last compound) begins with its type, if it names one.
_SUBJECT_TYPE = re.compile(r"[A-Za-z_]\w*")


_class_names_of: dict[type, frozenset[str]] = {}


def _class_names(kind: type) -> frozenset[str]:
    """The names of ``kind`` and the classes it inherits (a ``WrapLabel`` is a ``QLabel``)."""
    names = _class_names_of.get(kind)
    if names is None:
        names = _class_names_of[kind] = frozenset(cls.__name__ for cls in kind.__mro__)
    return names


def classes_in(widget: QWidget) -> frozenset[str]:
    """The classes of ``widget`` and of every widget below it, as type selectors match them.

    A part with children also counts as holding :data:`HOLDER_CLASSES`, so that text or
    a frame built into it later finds its colours in the part's sheet.
    """
    children = widget.findChildren(QWidget)
    if not children:
        return _class_names(type(widget))
    kinds = {type(widget), *map(type, children)}
    return HOLDER_CLASSES.union(*map(_class_names, kinds))


@functools.cache
def rules_for(sheet: str, classes: frozenset[str]) -> str:
    """``sheet`` with only the selectors that widgets of ``classes`` can meet.

    A widget's sheet applies to it and the widgets below it, and Qt parses it and
    matches each rule against each of them as it is set: for a theme's 49 rules, about
    half a millisecond on one label, most of what giving a part of a page the theme
    costs. A selector whose subject names a type (``QPushButton[role="nav"]``, ``QFrame#Header
    QLabel``) matches only a widget of that type or one inheriting it, so one naming a
    type none of ``classes`` is can go; one that names none (``#Popover``, ``*``) stays.
    """
    kept_rules = []
    for selectors, body in _RULE.findall(_COMMENT.sub("", sheet)):
        kept = []
        for selector in selectors.split(","):
            subject = selector.replace(">", " ").split()[-1]
            kind = _SUBJECT_TYPE.match(subject)
            if kind is None or kind.group() in classes:
                kept.append(selector.strip())
        if kept:
            kept_rules.append(f"{', '.join(kept)} {{{body}}}")
    return "\n".join(kept_rules)


@functools.lru_cache(maxsize=16)
def differ_only_in_colours(old: str, new: str) -> bool:
    """Whether two style sheets are the same but for their colours (high contrast on or off).

    Such a change moves nothing: every size, border width and padding stays, so no text
    needs laying out again (see :func:`colour_restyle`). (Asked for each part a switch
    restyles, of the same few whole sheets: kept, rather than matched anew each time.)
    """
    return _COLOUR.sub("#", old) == _COLOUR.sub("#", new)


# -- a new theme's colours without laying the text out again ----------------------------
class _ColourRestyle(QObject):
    """Holds back the layout work Qt does for a restyle that changes only colours.

    A new style sheet re-polishes every widget below it, and Qt then treats each widget
    as if its text might have changed shape: the font is handed down again from every
    ancestor, with a FontChange each time (four per label on study details, the same
    font before and after), and a label lays its text out afresh on the StyleChange (a
    rich-text label twice per width a layout asks about). With only colours changing,
    none of that is needed, and it was most of the time a high-contrast switch took
    (about 150 ms on study details). Each widget's StyleChange also makes Qt update its
    geometry and invalidate its layout, so the whole page was laid out again (some 200
    layout requests on study details) though nothing moved. So while the sheet is set,
    the widgets below ``root`` that were polished before get no FontChange and no
    StyleChange (but a widget that works out its own margins), and ``root`` is
    repainted once at the end. Afterwards, a widget whose font is not what it was gets
    its FontChange, and lays its text out as usual.
    """

    def __init__(self, root: QWidget) -> None:
        super().__init__()
        self.root = root
        # Only widgets polished already: one polished for the first time under the new
        # sheet takes its font then, and its text must be laid out in it. (Its FontChange
        # held back, a label kept laying its text out in the font it was made with and
        # cached those sizes under its new font: a page built while high contrast was on,
        # above 100% text, had registry texts too small by a third in its size hints.)
        polished = Qt.WidgetAttribute.WA_WState_Polished
        self.fonts = {
            widget: widget.font()
            for widget in (root, *root.findChildren(QWidget))
            if widget.testAttribute(polished)
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FontChange:
            return watched in self.fonts  # (sent again below if the font really changed)
        # A StyleChange makes Qt redo the widget's layout and its parent's (and a label
        # its text's): held back, but from a widget that works its margins out again
        # (a step number centring its digits). The root is repainted in finish().
        return (
            kind == QEvent.Type.StyleChange
            and watched in self.fonts
            and not watched.property(OWN_MARGINS)
        )

    def finish(self) -> None:
        """Repaint, and tell each widget whose font changed after all (none, for new colours)."""
        if shiboken6.isValid(self.root):
            self.root.update()
        for widget, before in self.fonts.items():
            if shiboken6.isValid(widget) and widget.font() != before:
                QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.FontChange))


_colour_restyles: list[_ColourRestyle] = []


@contextlib.contextmanager
def colour_restyle(root: QWidget) -> Iterator[None]:
    """Restyle ``root`` (set its new sheet inside this block) for new colours only.

    The caller must know that only colours change (:func:`differ_only_in_colours`).
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication), "colour_restyle() needs the QApplication"
    restyle = _ColourRestyle(root)
    _colour_restyles.append(restyle)
    app.installEventFilter(restyle)
    try:
        yield
    finally:
        app.removeEventFilter(restyle)
        _colour_restyles.remove(restyle)
        restyle.finish()


_types_looked_up = False


def look_up_qt_types_ahead() -> bool:
    """Have PySide find its Python types for Qt's own objects now (once per process).

    PySide registers Qt's classes lazily. The first time Python is handed an object of a
    class it has no type for (Qt's private QGestureManager, which the application-wide
    event filter of :func:`colour_restyle` can see at a first high-contrast switch), it
    makes every class of QtCore, QtGui and QtWidgets to look for one: some 70 enum types,
    20 ms or more, inside that switch. Wrapping the application's own children (that
    object among them) does it here, in an idle moment. Returns whether there was
    anything to do.
    """
    global _types_looked_up
    if _types_looked_up:
        return False
    _types_looked_up = True
    app = QCoreApplication.instance()
    if app is not None:
        app.children()  # (each one handed to Python, with its type)
    return True


def restyling(root: QWidget, old: str, new: str) -> contextlib.AbstractContextManager[None]:
    """The block to set ``root``'s sheet ``new`` in, over ``old``.

    :func:`colour_restyle` when the two differ only in colours (no text is laid out
    again), else an ordinary restyle.
    """
    if differ_only_in_colours(old, new):
        return colour_restyle(root)
    return contextlib.nullcontext()


def keeps_text_layout(widget: QWidget) -> bool:
    """Whether a restyle under way changes only ``widget``'s colours (its text keeps its shape)."""
    return any(widget in restyle.fonts for restyle in _colour_restyles)


# -- text sizes, per widget ----------------------------------------------------------------
#: Label roles (the ``role`` property) and the text size each takes; other labels: body.
_LABEL_SIZES = {
    "h1": "h1",
    "h2": "h2",
    "h3": "h3",
    "lead": "lead",
    "badge": "small",
    "step-number": "h2",
}
#: Button roles and their text size; other buttons: body.
_BUTTON_SIZES = {
    "answer": "lead",
    "confirm": "lead",
    "back": "h2",
    "header": "small",
    "letter": "h2",
}


def size_name(widget: QWidget) -> str | None:
    """The text size (a :data:`BASE_SIZES` name) of a widget; None: it keeps its font."""
    if isinstance(widget, QLabel):
        if widget.objectName() == "HeaderTitle":
            return "lead"
        return _LABEL_SIZES.get(str(widget.property("role")), "body")
    if isinstance(widget, QPushButton):
        return _BUTTON_SIZES.get(str(widget.property("role")), "body")
    if isinstance(widget, QLineEdit):
        return "h1"
    return None


#: A widget with this property set keeps its 100% text size at every scale: the header
#: and the section navigation stay one row, and their buttons stay where they were.
FIXED_TEXT = "fixed_text"


#: A widget with this property set works out its own contents margins whenever its font
#: or style changes (a step number centres its digits by them): a restyle must not put
#: back the margins it had before (see ``MainWindow._restyle``).
OWN_MARGINS = "own_margins"


def fix_text_size(widget: QWidget) -> None:
    """Keep ``widget``'s text at its 100% size whatever the text-size control says."""
    widget.setProperty(FIXED_TEXT, True)


def apply_font(widget: QWidget, scale: int) -> None:
    """Give a widget its text size at ``scale`` percent (its family and weight stay)."""
    name = size_name(widget)
    if name is None or "font-size" in widget.styleSheet():  # its own sheet decides
        return
    if widget.property(FIXED_TEXT):
        scale = 100
    size = px(name, scale)
    if widget.font().pixelSize() != size:
        font = QFont(widget.font())
        font.setPixelSize(size)
        widget.setFont(font)
    if widget.property("role") == "step-number":
        diameter = step_size(scale)
        widget.setFixedSize(diameter, diameter)


class TextScaleStyle(QProxyStyle):
    """The application's style: sets each widget's text size as the widget is polished.

    Attributes:
        scale: the text size in percent that newly polished widgets get.
    """

    def __init__(self) -> None:
        super().__init__()
        self.scale = 100

    @overload
    def polish(self, app: QApplication, /) -> None: ...
    @overload
    def polish(self, widget: QWidget, /) -> None: ...
    @overload
    def polish(self, palette: QPalette | Qt.GlobalColor | QColor, /) -> None: ...

    def polish(  # noqa: D102 - Qt override
        self, target: QApplication | QWidget | QPalette | Qt.GlobalColor | QColor, /
    ) -> None:
        if isinstance(target, QWidget):
            apply_font(target, self.scale)
        super().polish(target)


_style: TextScaleStyle | None = None
_style_app: QApplication | None = None


def install_style() -> TextScaleStyle:
    """Make :class:`TextScaleStyle` the application's style (once; the app must exist)."""
    global _style, _style_app
    app = QApplication.instance()
    assert isinstance(app, QApplication), "install_style() needs the QApplication"
    if _style is None or _style_app is not app:
        # (app.style() is the style sheet's wrapper around it, not the proxy itself.)
        _style, _style_app = TextScaleStyle(), app
        app.setStyle(_style)
    return _style


def apply_text_scale(root: QWidget, scale: int) -> None:
    """Set the text size of ``root`` and every widget in it, and of widgets polished later."""
    install_style().scale = scale
    apply_font(root, scale)
    for widget in root.findChildren(QWidget):
        apply_font(widget, scale)

"""The Listen controls: a Listen button (header, and beside each section) and the reading bar.

Every control is at least 44 px, has text, an accessible name and description in the
screen's language, takes keyboard focus, and is mirrored for Persian by the window's
layout direction. Their words come from :mod:`app.ui.listen.words`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from app.i18n import _
from app.i18n.format import format_number
from app.session import Session
from app.ui.listen import words
from app.ui.style import fix_text_size
from app.ui.text import WrapLabel, button_text

if TYPE_CHECKING:
    from app.ui.listen.controller import ListenController

#: Smallest side of every Listen control (px).
MIN_SIZE = 44
_ICON = QSize(22, 22)


def controller_of(widget: QWidget) -> ListenController | None:
    """The Listen controller of the window ``widget`` is in."""
    return getattr(widget.window(), "listen", None)


#: Standard icons painted in a colour, by (icon, colour): every Listen button on a
#: screen shows the same one, and a theme switch repaints them all (35 on the glossary;
#: painting one takes a fraction of a ms, reusing one nothing).
_tinted_icons: dict[tuple[QStyle.StandardPixmap, int], QIcon] = {}


def tinted_icon(kind: QStyle.StandardPixmap, color: QColor) -> QIcon:
    """Qt's standard icon ``kind`` (the application style's) in ``color``, made once."""
    key = (kind, color.rgba())
    icon = _tinted_icons.get(key)
    if icon is None:
        app = QApplication.instance()
        assert isinstance(app, QApplication), "tinted_icon() needs the QApplication"
        if not _tinted_icons:
            app.destroyed.connect(_tinted_icons.clear)  # no pixmap outlives the app
        pixmap = app.style().standardIcon(kind).pixmap(_ICON * 2)
        painter = QPainter(pixmap)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), color)
        painter.end()
        icon = _tinted_icons[key] = QIcon(pixmap)
    return icon


def _name(button: QPushButton, text: str, description: str) -> None:
    button.setText(button_text(text))
    button.setAccessibleName(text)
    button.setAccessibleDescription(description)


class IconButton(QPushButton):
    """A push button whose Qt standard icon takes the button's text colour (both themes).

    Qt's standard media icons are dark grey: on the high-contrast theme's black they
    would vanish. The icon is painted again in the text colour whenever the style or
    palette changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_kind: QStyle.StandardPixmap | None = None
        #: The icon and colour last painted: a restyle sends several palette changes,
        #: most of them leaving the colour as it was (a theme switch restyles every
        #: button on the screen, and painting an icon again costs a fraction of a ms).
        self._tinted: tuple[QStyle.StandardPixmap | None, int] | None = None
        self.setIconSize(_ICON)

    def set_icon_kind(self, kind: QStyle.StandardPixmap | None) -> None:
        """Show the standard icon ``kind`` (``None``: no icon) in the text colour."""
        self.icon_kind = kind
        self._tint()

    def _tint(self) -> None:
        color = self.palette().color(QPalette.ColorRole.ButtonText)
        tinted = (self.icon_kind, color.rgba())
        if tinted == self._tinted:
            return
        self._tinted = tinted
        if self.icon_kind is None:
            self.setIcon(QIcon())
            return
        self.setIcon(tinted_icon(self.icon_kind, color))

    def changeEvent(self, event: QEvent) -> None:  # noqa: D102 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._tint()


class ListenButton(IconButton):
    """Reads a section, card or question aloud (``section``); ``None``: the whole screen."""

    def __init__(
        self, session: Session, section: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.section = section
        self.setObjectName("ListenButton")
        self.setProperty("role", "listen")  # the header's own: "header" (app.ui.listen.attach)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(MIN_SIZE, MIN_SIZE)
        self.set_icon_kind(QStyle.StandardPixmap.SP_MediaVolume)
        self.clicked.connect(self._listen)
        session.language_changed.connect(self.retranslate)
        session.reset_done.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_args: object) -> None:
        """Its words in the current language."""
        whole = self.section is None
        _name(self, _(words.LISTEN), _(words.LISTEN_SCREEN if whole else words.LISTEN_PART))

    def _listen(self) -> None:
        controller = controller_of(self)
        if controller is not None:
            controller.play_section(self.section)


class ListenBar(QFrame):
    """Pause / resume, stop, repeat, slower, volume: shown while something is read aloud."""

    def __init__(self, controller: ListenController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("ListenBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 6, 24, 6)
        layout.setSpacing(8)
        self.status = WrapLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setMinimumHeight(MIN_SIZE)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.pause = self._button(QStyle.StandardPixmap.SP_MediaPause, controller.toggle_pause)
        self.stop = self._button(QStyle.StandardPixmap.SP_MediaStop, controller.stop)
        self.repeat = self._button(QStyle.StandardPixmap.SP_BrowserReload, controller.repeat)
        self.slower = self._button(QStyle.StandardPixmap.SP_MediaSeekBackward, self._slow)
        self.slower.setCheckable(True)
        self.quieter = self._button(None, lambda: controller.change_volume(-1))
        self.volume = QLabel(self)
        self.volume.setTextFormat(Qt.TextFormat.PlainText)
        self.volume.setMinimumHeight(MIN_SIZE)
        self.volume.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.louder = self._button(None, lambda: controller.change_volume(1))
        layout.addWidget(self.status, 1)
        for button in (self.pause, self.stop, self.repeat, self.slower):
            layout.addWidget(button)
        layout.addSpacing(8)
        for part in (self.quieter, self.volume, self.louder):
            layout.addWidget(part)
        for sized in (self, self.status, self.volume, *self.findChildren(QPushButton)):
            fix_text_size(sized)
        controller.changed.connect(self.refresh)
        controller.session.language_changed.connect(self.refresh)
        self.refresh()

    def _button(self, icon: QStyle.StandardPixmap | None, slot: object) -> IconButton:
        button = IconButton(self)
        button.setProperty("role", "listen")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setMinimumSize(MIN_SIZE, MIN_SIZE)
        button.set_icon_kind(icon)
        button.clicked.connect(slot)
        return button

    def _slow(self) -> None:
        self.controller.toggle_slow()

    def refresh(self, *_args: object) -> None:
        """Show the controller's state in the current language (hidden when there is none)."""
        c = self.controller
        state = c.state
        self.setVisible(state != "idle" or bool(c.message))
        self.setAccessibleName(_(words.CONTROLS))
        status = {
            "loading": words.LOADING,
            "playing": words.READING,
            "paused": words.PAUSED,
        }.get(state)
        self.status.setText(c.message or (_(status) if status else ""))
        playing = state in ("loading", "playing")
        if state == "paused":
            _name(self.pause, _(words.RESUME), _(words.RESUME_DESCRIPTION))
            icon = QStyle.StandardPixmap.SP_MediaPlay
        elif playing:
            _name(self.pause, _(words.PAUSE), _(words.PAUSE_DESCRIPTION))
            icon = QStyle.StandardPixmap.SP_MediaPause
        else:
            _name(self.pause, _(words.LISTEN), _(words.LISTEN_SCREEN))
            icon = QStyle.StandardPixmap.SP_MediaPlay
        if icon != self.pause.icon_kind:
            self.pause.set_icon_kind(icon)
        _name(self.stop, _(words.STOP), _(words.STOP_DESCRIPTION))
        self.stop.setEnabled(state != "idle")
        _name(self.repeat, _(words.REPEAT), _(words.REPEAT_DESCRIPTION))
        if c.slow:
            _name(self.slower, _(words.NORMAL_SPEED), _(words.NORMAL_DESCRIPTION))
        else:
            _name(self.slower, _(words.SLOWER), _(words.SLOWER_DESCRIPTION))
        self.slower.setChecked(c.slow)
        _name(self.quieter, "−", _(words.QUIETER_DESCRIPTION))
        self.quieter.setAccessibleName(_(words.QUIETER))
        _name(self.louder, "+", _(words.LOUDER_DESCRIPTION))
        self.louder.setAccessibleName(_(words.LOUDER))
        percent = format_number(round(c.volume * 100), c.session.language)
        self.volume.setText(_(words.VOLUME).format(percent=percent))
        self.quieter.setEnabled(c.volume > 0.2 + 1e-6)
        self.louder.setEnabled(c.volume < 1.0 - 1e-6)

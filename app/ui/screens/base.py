"""What every screen shares: a scrolling page, the session, and re-rendering on its signals."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QRegion, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import text_direction
from app.session import Screen, Session
from app.ui.focus_chain import taking_focus
from app.ui.listen.widgets import ListenButton
from app.ui.scrolling import hands_on_screen, make_all_touch_scrollable, scroll_to_top
from app.ui.text import TextLabel, WrapLabel

#: Widest a column of reading text gets, in px at 100% text size (about 75 characters).
READING_WIDTH = 880


class ScreenPage(QWidget):
    """Base of every screen: a vertically scrolling, centred reading column.

    Subclasses build their widgets once in ``__init__`` (calling :meth:`render`
    at the end) and put every visible word in :meth:`render`, which runs again
    on each language switch and once on each reset: widgets are updated in place, never
    rebuilt, so focus, scroll position and answers survive a switch. A page with much
    to lay out may build its top in ``__init__`` and the rest after its first paint
    (:attr:`complete`, :meth:`build_step`, :meth:`build_all`,
    :meth:`finish_after_first_paint`; the steps, the result, the study details and the
    glossary do).
    """

    screen_id: Screen
    #: Whether the window themes the page part by part (:meth:`theme_containers`): for a
    #: long page, of which the viewport shows a fraction. A short one takes one sheet
    #: whole: each sheet set is parsed anew (about 0.3 ms for the app's), which costs a
    #: page of a few dozen widgets, all in view, more than it saves.
    theme_in_parts = False

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("ScreenPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll_area, 1)
        self._outer = outer
        #: A bar under the scrolling page that never scrolls away (see :meth:`fixed_bar`).
        self.bar: QFrame | None = None
        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(32, 28, 32, 32)
        self.column = QWidget()
        self.column.setMaximumWidth(self._reading_width())
        self.column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        holder_layout.addStretch(1)
        holder_layout.addWidget(self.column, 100)
        holder_layout.addStretch(1)
        self.body = QVBoxLayout(self.column)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(18)
        self.scroll_area.setWidget(holder)
        #: The scroll area's widget, which holds the reading column (and fills the viewport).
        self.holder = holder
        make_all_touch_scrollable(self.scroll_area)
        #: Something the page shows changed while it was hidden (the catalog's studies):
        #: render when it is shown.
        self._stale = False
        #: The language the page was last rendered in: hidden, it is stale while the
        #: session's differs (and not after a round trip back to it).
        self._rendered_lang: str | None = None
        #: What :meth:`lay_out_ahead` measured the page for (the window's key: widths,
        #: language, text size, theme, kiosk mode); ``None`` since it last changed.
        self.laid_out_for: tuple[object, ...] | None = None
        #: What :meth:`lay_out_ahead` has still to do, widgets to measure and its last
        #: two steps, popped from the end (``None``: not begun).
        self._to_measure: list[QWidget | Callable[[], None]] | None = None
        #: The viewport widths :meth:`lay_out_ahead` measures the page at.
        self._widths: tuple[int, ...] = ()
        session.language_changed.connect(self._on_language_changed)
        session.text_scale_changed.connect(self._on_text_scale_changed)
        session.screen_changed.connect(self._on_screen_shown)
        # A reset leaves nothing of the last visitor, not even a hidden page in their language.
        session.reset_done.connect(self._on_session_reset)

    # -- building blocks -------------------------------------------------------------
    def fixed_bar(self) -> QHBoxLayout:
        """A bar under the scrolling page, always in view, centred like the reading column.

        Returns the layout of its column, for the page's buttons (Back, Next ...).
        """
        bar = QFrame(self)
        bar.setObjectName("PageBar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        holder = QHBoxLayout(bar)
        holder.setContentsMargins(32, 10, 32, 10)
        self.bar_column = QWidget(bar)
        self.bar_column.setMaximumWidth(self._reading_width())
        self.bar_column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        holder.addStretch(1)
        holder.addWidget(self.bar_column, 100)
        holder.addStretch(1)
        layout = QHBoxLayout(self.bar_column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self._outer.addWidget(bar)
        self.bar = bar
        return layout

    def listen_beside(self, widget: QWidget, section: str | None) -> ListenButton:
        """A Listen button beside ``widget`` (already in a layout) that reads ``section``.

        ``section`` is a section of :func:`app.speech.script.script_for_screen`'s
        utterances (``None``: the whole screen). The pair shares one row (the button at
        the trailing end, left in Persian) and hides and shows with ``widget``.
        """
        holder = widget.parentWidget()
        layout = _layout_of(holder.layout(), widget) if holder is not None else None
        if holder is None or layout is None:
            raise ValueError("listen_beside: the widget is not in a layout yet")
        # A row layout nested where the widget was (not a row widget: a label's height
        # for its width then reaches the page's layout as before).
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        index = layout.indexOf(widget)
        if isinstance(layout, QGridLayout):
            place: tuple[int, int, int, int] = layout.getItemPosition(index)  # type: ignore[assignment]
            item = layout.itemAt(index)
            alignment = item.alignment() if item is not None else Qt.AlignmentFlag(0)
            layout.removeWidget(widget)
            layout.addLayout(row, place[0], place[1], place[2], place[3], alignment)
        elif isinstance(layout, QBoxLayout):
            stretch = layout.stretch(index)
            layout.removeWidget(widget)
            layout.insertLayout(index, row, stretch)
        else:
            raise ValueError("listen_beside: the widget is not in a box or grid layout")
        button = ListenButton(self.session, section, holder)
        row.addWidget(widget, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        # A screen reader reads a parent's children in their stacking order: the button,
        # made last, is read right after its widget, not after the whole page.
        button.stackUnder(widget)
        widget.stackUnder(button)
        # And Tab reaches it where it shows, right before its widget, not after the rest of
        # the page (it is made last). Right before the widget itself, not after the last
        # widget that takes the focus now: a label before it may take it later (a text with
        # a link, set when the page is rendered, after this).
        before = widget.previousInFocusChain()
        if before is not None and before is not button:
            with taking_focus(before, button):
                QWidget.setTabOrder(before, button)
        # Hidden only with a widget hidden on purpose: one in a frame not shown yet (a
        # card built while its page is in view) is not, and the button shows with it.
        explicit = widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        if explicit and widget.isHidden():
            button.hide()
        widget.installEventFilter(_ShownWith(button, widget))
        return button

    def scroll_to_top(self) -> None:
        """Show the start of the page (a new question, a new screen, Back)."""
        scroll_to_top(self.scroll_area)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: D102 - Qt override
        # Every scrolling view of the page (lists inside it too) scrolls by dragging.
        make_all_touch_scrollable(self)
        super().showEvent(event)

    def heading(self, role: str = "h1", parent: QWidget | None = None) -> QLabel:
        """A heading label (``h1``, ``h2`` or ``h3``), word-wrapped, in ``parent`` (the column).

        Made in its parent, not moved there after: a widget given a new parent goes to the
        end of the window's focus chain, after everything made before it.
        """
        label = WrapLabel(parent or self.column)
        label.setProperty("role", role)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setContentsMargins(4, 0, 4, 0)  # room for Persian glyphs that overhang
        return label

    def text(self, role: str | None = None, parent: QWidget | None = None) -> TextLabel:
        """A label for record text whose glossary links open the term in place."""
        label = TextLabel(role, parent or self.column)
        label.term_activated.connect(self.session.show_term)
        return label

    def button(self, role: str | None = None, parent: QWidget | None = None) -> QPushButton:
        """A push button with the given style role."""
        button = QPushButton(parent or self.column)
        if role:
            button.setProperty("role", role)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    def card(self, role: str = "card", parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
        """A framed panel and its layout."""
        frame = QFrame(parent or self.column)
        frame.setProperty("role", role)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        return frame, layout

    def fact_grid(
        self, keys: tuple[str, ...]
    ) -> tuple[QFrame, QGridLayout, dict[str, tuple[QLabel, TextLabel]]]:
        """A card of "name: value" rows, one per key, for :meth:`show_facts` to fill."""
        card, card_layout = self.card()
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(14)
        grid.setColumnStretch(1, 1)
        card_layout.addLayout(grid)
        rows: dict[str, tuple[QLabel, TextLabel]] = {}
        for row, key in enumerate(keys):
            name = WrapLabel(card)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setProperty("role", "h3")
            name.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
            value = self.text(parent=card)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            rows[key] = (name, value)
        return card, grid, rows

    def show_facts(
        self,
        rows: dict[str, tuple[QLabel, TextLabel]],
        facts: Mapping[str, tuple[str, str]],
    ) -> None:
        """Fill fact rows with (name, value); a row with no value (or no fact) is hidden."""
        for key, (name_label, value_label) in rows.items():
            name, value = facts.get(key, ("", ""))
            present = bool(value)
            name_label.setVisible(present)
            value_label.setVisible(present)
            if present:
                name_label.setText(name)
                self.set_text(value_label, value)

    def set_text(self, label: TextLabel, text: Mapping[str, str] | str | None) -> None:
        """Show a record text (or a translated string) in the current language."""
        label.set_record_text(text, self.lang, self.session.record)

    @property
    def lang(self) -> str:
        """The current language."""
        return self.session.language

    # -- building in stages ------------------------------------------------------------
    # A page with much to lay out (the study details) builds its top with the page and
    # the rest after its first paint; these let the window finish a hidden one in idle
    # moments, and anything that needs the whole page build it at once.
    @property
    def complete(self) -> bool:
        """Whether the page is built whole (a page built at once always is)."""
        return True

    def build_step(self) -> None:
        """Build the next part of a page built in stages (nothing here)."""

    def build_all(self) -> None:
        """Build whatever the page has not built yet, now (nothing here)."""

    def finish_after_first_paint(self) -> None:
        """From the page's first paint on, :meth:`build_step` in idle moments until complete.

        A page built in stages calls this at the end of its ``__init__``. A page already
        complete watches nothing. A hidden page (never shown, or left before it was whole)
        is finished by the window's warming steps instead, or from its next paint.
        """
        parts = (self.scroll_area.viewport(), self.holder, self.column)
        self._finisher = _FinishAfterPaint(self, parts, self.build_step, lambda: not self.complete)

    def restart_stages(self) -> None:
        """Build in stages again from the next paint (a page that dropped what it built)."""
        finisher = getattr(self, "_finisher", None)
        if finisher is not None:
            finisher.restart()

    @property
    def watching_paints(self) -> tuple[QWidget, ...]:
        """The widgets watched for the first paint that starts the build (none once it has)."""
        finisher = getattr(self, "_finisher", None)
        return finisher.watching if finisher is not None else ()

    # -- the theme in pieces (the window gives it: MainWindow._restyle_page) ------------
    def theme_containers(self) -> tuple[QWidget, ...]:
        """The widgets that hold the page's parts and take no style sheet of their own.

        A style sheet set on a widget re-polishes every widget below it (about 0.2 ms
        each inside Qt), though only the ones in view are seen. So the window puts the
        theme on each part these hold (:meth:`theme_pieces`), the parts in view first,
        and these take their backgrounds from the application's sheet by their
        ``contrast`` property. They are the page, its scroll area and viewport, the
        scroll area's holder and the reading column; a page adds the plain holders of
        its long lists (a holder must paint nothing of its own in the theme's colours:
        only :meth:`theme_backdrops` have a background from the sheet).
        """
        if not self.theme_in_parts:
            return ()
        viewport = self.scroll_area.viewport()
        return (self, self.scroll_area, viewport, self.holder, self.column)

    def theme_backdrops(self) -> tuple[QWidget, ...]:
        """The containers the application's sheet paints a background on.

        The page, its scroll area and the holder of its column, in the theme's colour by
        their ``contrast`` property (see :meth:`theme_containers`). The holder fills the
        viewport, but the page and the scroll area show wherever it does not yet (a
        frame before a layout has run): all three, so that no frame shows the other
        theme's background.
        """
        if not self.theme_in_parts:
            return ()
        return (self, self.scroll_area, self.holder)

    @property
    def parts_version(self) -> int:
        """A count that moves whenever a theme container gets a new child (a part built).

        Counted from the first time it is read (the window's first theme on the page).
        """
        watch = self.__dict__.get("_parts_watch")
        if watch is None:
            watch = self._parts_watch = _ChildrenAdded(self, self.theme_containers())
        return watch.count

    def theme_pieces(self) -> tuple[list[QWidget], list[QWidget]]:
        """The parts the theme goes on, each its own: those in view, and the rest.

        A part is a child of a container (:meth:`theme_containers`) that is not one
        (of the scroll area: its scroll bars). In
        view: any part outside the viewport (the scroll bars, the fixed bar), and any
        shown part inside it that the viewport shows some of, where the page's layout
        last put it. A hidden part is not (it takes the theme before it paints: see
        ``MainWindow.event``). A page not themed in parts is its one part.
        """
        if not self.theme_in_parts:
            return [self], []  # (one part: the whole page)
        containers = self.theme_containers()
        own = {id(container) for container in containers}
        viewport = self.scroll_area.viewport()
        seen = viewport.rect()
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        shown: list[QWidget] = []
        rest: list[QWidget] = []
        for container in containers:
            inside = container is not viewport and viewport.isAncestorOf(container)
            offset = container.mapTo(viewport, QPoint(0, 0)) if inside else QPoint()
            if container is self.scroll_area:
                # Its scroll bars, not the private holders Qt keeps them in: a Qt-private
                # object handed to Python makes PySide create all its types (20 ms or
                # more; see app.ui.style.look_up_qt_types_ahead).
                area = self.scroll_area
                children: list[QWidget] = [area.verticalScrollBar(), area.horizontalScrollBar()]
            else:
                children = container.findChildren(QWidget, options=direct)
            for child in children:
                if id(child) in own:
                    continue
                in_view = not inside or (
                    not child.isHidden() and child.geometry().translated(offset).intersects(seen)
                )
                (shown if in_view else rest).append(child)
        return shown, rest

    # -- laying out a hidden page ahead of its first show -------------------------------
    def lay_out_ahead(self, widths: tuple[int, ...], deadline: float) -> bool:
        """Polish a hidden page and measure its text for scroll-area ``widths``, in parts.

        A page built or re-rendered while hidden (by the window's warming) has labels
        that know no size: its first show would lay every text out several times over
        (its own hints, then its height at each width its layouts try) before the first
        paint, about 60 ms on the study details. Done here in idle moments, the show
        finds them in each label's cache (:class:`~app.ui.text.WrapLabel`). Each call
        measures until ``deadline`` (a :func:`time.perf_counter` time; one widget at
        least) and returns whether the page is done: first each label's own hints, then
        each part of the reading column's (its layouts ask its labels for heights at
        the part's widths), then the page's, with its height at ``widths`` (the
        viewport's, with and without its scroll bar), as the scroll area asks on show,
        which passes each label the widths it will be asked at; and last the placing of
        its widgets (:meth:`_place_hidden`). The last two take a call each.
        """
        self._widths = widths  # (the latest: the window may have been resized meanwhile)
        waiting = self._to_measure
        if waiting is None:
            for widget in self.findChildren(QWidget):
                widget.ensurePolished()  # (the page's own polish does not reach them)
                # A hidden layout does not run, so it never tells the one above that
                # its sizes changed, and a layout nested in another keeps its old
                # hints until its widget's layout runs: each is asked again, as the
                # show would (QLayout::activate invalidates the nested ones).
                widget.updateGeometry()
            for layout in self.findChildren(QLayout):
                layout.invalidate()
            # Popped from the end: the labels, then each part of the column (whose
            # layouts ask their labels for heights at the parts' own widths), then the
            # page's layouts, and last the placing; each of the last two a step alone.
            direct = Qt.FindChildOption.FindDirectChildrenOnly
            parts = self.column.findChildren(QWidget, options=direct)
            waiting = self._to_measure = [
                self._place_hidden,
                self._measure_holder,
                *parts,
                *self.findChildren(WrapLabel),
            ]
            if time.perf_counter() >= deadline:
                return False
        while waiting:
            item = waiting.pop()
            if isinstance(item, QWidget):
                if shiboken6.isValid(item):  # (not deleted since)
                    item.sizeHint()
                    item.minimumSizeHint()
            else:
                item()
            if time.perf_counter() >= deadline or (
                waiting and not isinstance(waiting[-1], QWidget)
            ):
                break
        if waiting:
            return False
        self._to_measure = None
        return True

    def _measure_holder(self) -> None:
        """The page's layouts: its hints, and its height at the viewport's widths."""
        holder = self.holder
        holder.sizeHint()
        holder.minimumSizeHint()
        for width in self._widths:
            holder.heightForWidth(width)

    def _place_hidden(self) -> None:
        """Give a hidden page the stack's size and let Qt place its widgets now.

        A hidden widget's layouts run only when it is shown (or painted): its first show
        would move and resize each of its widgets (about 250 on study details) before
        the first paint. Painting one pixel of it, off screen, makes Qt lay the hidden
        page out as if shown (``QWidget::render`` on a hidden widget), with the sizes
        just measured. The show then only corrects the height if the stack's differs
        (the navigation bar is hidden on the welcome screen).
        """
        stack = self.parentWidget()
        if stack is None or not self.isHidden():
            return
        self.setGeometry(stack.contentsRect())
        image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        try:  # (ScreenPage.render puts the words in: this is QWidget's)
            QWidget.render(self, painter, QPoint(), QRegion(0, 0, 1, 1))
        finally:
            painter.end()

    def mark_laid_out(self, key: tuple[object, ...] | None) -> None:
        """The page is laid out for the window's ``key`` (measured ahead, or shown).

        ``None``: it has changed since (new words, new parts), to be measured again.
        """
        self.laid_out_for = key
        self._to_measure = None

    # -- re-rendering ----------------------------------------------------------------
    def render(self) -> None:
        """Put every visible word in the current language. Subclasses override."""
        self._rendered_lang = self.lang
        self.mark_laid_out(None)  # new words: new heights
        self.setLayoutDirection(text_direction(self.lang))

    def _reading_width(self) -> int:
        return round(READING_WIDTH * max(100, self.session.text_scale) / 100)

    @property
    def hidden_in_stack(self) -> bool:
        """The window's stack has hidden the page: it catches up when shown again."""
        return self.parentWidget() is not None and self.isHidden()

    def _on_language_changed(self, _lang: str) -> None:
        # A page the window's stack has hidden waits until it is shown again: a switch
        # then costs the page in view, not every page visited so far (and nothing for a
        # page whose language the visitor has come back to: see :attr:`stale`).
        if not self.hidden_in_stack:
            self.render()

    def _on_screen_shown(self, screen: str) -> None:
        if screen == self.screen_id.value:
            self.catch_up()

    @property
    def stale(self) -> bool:
        """The page is hidden and shows another language (or what changed meanwhile)."""
        return self._stale or self._rendered_lang != self.lang

    def catch_up(self) -> None:
        """Re-render a page left in an earlier language (nothing when it is current)."""
        if self.stale:
            self._stale = False
            self.render()

    def _on_text_scale_changed(self, _scale: int) -> None:
        # As with the language, a page the stack has hidden is fitted when next shown
        # (the window calls fit_columns first): a new width invalidates its layout.
        if not self.hidden_in_stack:
            self.fit_columns()

    def fit_columns(self) -> None:
        """Widen the reading column (and the bar's) for the session's text size."""
        width = self._reading_width()
        self.column.setMaximumWidth(width)  # (Qt does nothing when it is unchanged)
        if self.bar is not None:
            self.bar_column.setMaximumWidth(width)

    def _on_session_reset(self) -> None:
        """A new visitor: the default text size and language, rendered once, shown or not."""
        self.fit_columns()
        self._stale = False
        self.render()


class _ChildrenAdded(QObject):
    """Counts the children added to some widgets.

    Only the events are counted: the child may be half made, in its constructor, when
    its parent hears of it.
    """

    def __init__(self, owner: QObject, widgets: tuple[QWidget, ...]) -> None:
        super().__init__(owner)
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded:
            self.count += 1
        return False


def _layout_of(layout: QLayout | None, widget: QWidget) -> QLayout | None:
    """The layout (``layout`` or one nested in it) that holds ``widget``."""
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for index in range(layout.count()):
        item = layout.itemAt(index)
        found = _layout_of(item.layout(), widget) if item is not None else None
        if found is not None:
            return found
    return None


class _ShownWith(QObject):
    """Hides a Listen button with the widget it reads, and shows it again with it."""

    def __init__(self, button: QWidget, widget: QWidget) -> None:
        super().__init__(widget)
        self.button = button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShowToParent:
            self.button.show()
        elif kind == QEvent.Type.HideToParent:
            self.button.hide()
        return False


#: While a finger is down, a page built in stages tries its next step this much later.
FINGER_WAIT_MS = 60


class _FinishAfterPaint(QObject):
    """Calls ``step`` in idle moments while ``owner`` is in view, from its first paint on.

    Qt skips painting a widget its children cover, and which of a page's parts it paints
    depends on the theme, so the first paint of any of ``parts`` counts. Only the first
    one: the filters come off then, and later paints (each frame of a scroll) pass
    freely. No step runs while a finger is down (it would hold up the drag or the tap). A
    page left before it is whole stops there, so that its steps do not hold up the screen
    the visitor went to; the window's warming steps (spaced, and never under a finger)
    finish it, or it goes on from its next paint.
    """

    def __init__(
        self,
        owner: QWidget,
        parts: tuple[QWidget, ...],
        step: Callable[[], None],
        pending: Callable[[], bool],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._parts = parts
        self._step = step
        self._pending = pending
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run)
        #: The parts watched for a paint (none while building, and none once done).
        self.watching: tuple[QWidget, ...] = ()
        if pending():
            self._watch()

    def restart(self) -> None:
        """The page has parts to build again (a reset dropped them): on from its next paint."""
        self._timer.stop()
        if self._pending() and not self.watching:
            self._watch()

    def _watch(self) -> None:
        self.watching = self._parts
        for part in self.watching:
            part.installEventFilter(self)

    def _run(self) -> None:
        if not self._pending():  # (built whole in the meantime: a jump, a search, warming)
            return
        if not self._owner.isVisible():
            self._watch()  # left before it was whole: on from its next paint
            return
        if hands_on_screen():
            # A finger is down (a drag, a tap on its way) or a flick still glides: a step
            # now would hold up what it does. Again a moment later, as warming waits.
            self._timer.start(FINGER_WAIT_MS)
            return
        self._step()
        if self._pending():
            self._timer.start(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        finished = not self._pending()  # (by warming while it waited: nothing to start)
        if watched in self.watching and (finished or event.type() == QEvent.Type.Paint):
            for part in self.watching:
                part.removeEventFilter(self)
            self.watching = ()
            if not finished:
                self._timer.start(0)
        return False

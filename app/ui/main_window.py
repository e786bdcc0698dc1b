"""The main window: header, section navigation and the screens, all driven by one session."""

from __future__ import annotations

import contextlib
import importlib
import time
from collections.abc import Iterator

import shiboken6
from PySide6.QtCore import QChildEvent, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QMainWindow,
    QScrollBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import collector
from app.i18n import text_direction
from app.present.catalog_screen import catalog_window_title
from app.present.titles import window_title
from app.session import CATALOG_SCREENS, STUDY_SCREENS, TEXT_SCALES, Screen, Session
from app.ui.close_guard import CloseGuard
from app.ui.confirm import ConfirmPrompt
from app.ui.header import Header
from app.ui.language_twin import LanguageTwin
from app.ui.listen import attach as attach_listen
from app.ui.navbar import NavBar
from app.ui.popover import TermPopover
from app.ui.screens.base import ScreenPage
from app.ui.scrolling import hands_on_screen
from app.ui.style import (
    CONTRAST,
    OWN_MARGINS,
    THEMES,
    apply_text_scale,
    classes_in,
    colours_only,
    install_style,
    look_up_qt_types_ahead,
    restyling,
    rules_for,
    set_contrast_property,
    stylesheet,
)
from app.ui.text import forget_shared_sizes

#: Screen -> "module:Class" of its page; pages are built the first time they are shown,
#: so start-up only pays for the welcome screen.
PAGES: dict[Screen, str] = {
    Screen.CATALOG: "app.ui.screens.catalog:CatalogScreen",
    Screen.PRESCREEN: "app.ui.screens.prescreen:PrescreenScreen",
    Screen.WELCOME: "app.ui.screens.welcome:WelcomeScreen",
    Screen.ABOUT: "app.ui.screens.about:AboutScreen",
    Screen.PROCEDURES: "app.ui.screens.procedures:ProceduresScreen",
    Screen.SELFCHECK: "app.ui.screens.selfcheck:SelfCheckScreen",
    Screen.RESULT: "app.ui.screens.result:ResultScreen",
    Screen.DETAILS: "app.ui.screens.details:DetailsScreen",
    Screen.GLOSSARY: "app.ui.screens.glossary:GlossaryScreen",
    Screen.CONTACT: "app.ui.screens.contact:ContactScreen",
}


#: After the window is shown (or the language changes), wait this long before warming.
WARM_DELAY_MS = 400
#: Between two warming steps (one page built or re-rendered each): room for a tap. A tap
#: waits at most for the step under way (about 15 ms), whatever the gap; 20 ms (not 60)
#: has every screen warm in about 2.7 s instead of 6 s after the window is shown.
WARM_STEP_MS = 20
#: How long a warming step measures a hidden page's labels and parts (the page's
#: layouts, then its placing, take one more step each).
LAY_OUT_STEP_MS = 15


def page_class(screen: Screen) -> type[ScreenPage]:
    """The page class of a screen, imported on first use."""
    module_name, class_name = PAGES[screen].split(":")
    cls: type[ScreenPage] = getattr(importlib.import_module(module_name), class_name)
    return cls


#: How long a rebuilt page may take to grow back to its old scroll position.
RESTORE_SCROLL_MS = 2000


def _restore_scroll(bar: QScrollBar, value: int) -> None:
    """Scroll back to ``value`` as soon as the rebuilt page is tall enough again.

    A new page lays its word-wrapped text out over several passes, so its range grows
    in steps; the wait ends when the value is reached, or after :data:`RESTORE_SCROLL_MS`
    (the page may now be shorter).
    """
    waiting = [True]

    def apply(*_args: object) -> None:
        bar.setValue(min(value, bar.maximum()))
        if bar.maximum() >= value:
            stop()

    def stop() -> None:
        if waiting[0]:  # disconnecting twice would warn
            waiting[0] = False
            bar.rangeChanged.disconnect(apply)

    bar.rangeChanged.connect(apply)
    QTimer.singleShot(RESTORE_SCROLL_MS, bar, stop)
    apply()


class _RestyleWhenShown(QObject):
    """Restyles a part of the window, hidden when the theme changed, as it is shown.

    A new sheet re-polishes every widget below it: not needed while nobody sees them.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            self.window._restyle(watched)  # before its first paint
        return False


class MainWindow(QMainWindow):
    """Header, navigation and a stack of screens. Holds no state of its own: the session does.

    Attributes:
        close_guard: the close policy; in kiosk mode a close request is ignored until
            staff choose Quit (the kiosk controller sets it through
            :meth:`set_kiosk_mode` and :meth:`CloseGuard.allow`).
        warm_pages: build the pages not yet visited, and re-render the pages left in an
            earlier language, one per idle moment after the window is shown and after
            each language switch (off until the app turns it on: a test window builds
            only what it shows). A visitor's first tap on a heavy screen then shows a
            page that exists instead of building it (about 200 ms for study details).
            Last, the screen in view is measured unseen in the other language (see
            :attr:`twin`), so that a switch finds its text's sizes.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Text sizes are set per widget as it is polished (see app.ui.style).
        install_style().scale = session.text_scale
        self.session = session
        self.close_guard = CloseGuard()
        self.warm_pages = False
        self.pages: dict[Screen, ScreenPage] = {}
        self._warm_timer = QTimer(self)
        self._warm_timer.setSingleShot(True)
        self._warm_timer.timeout.connect(self._warm_step)
        #: The theme's style sheet on the window's parts and pages ("": the application's).
        self._theme = ""
        #: Each theme's sheet as set (its colours), and its sheet whole.
        self._whole_sheets: dict[str, str] = {}
        #: The theme each sheet a part can have is made from (see _sheet_for).
        self._theme_of: dict[str, str] = {"": ""}
        #: The theme each page has whole (every part), and its parts' count then
        #: (ScreenPage.parts_version: a part built since has not been given it).
        self._whole_theme: dict[ScreenPage, tuple[str, int]] = {}
        #: The pages given a theme's sheet once (the others all have the application's).
        self._themed_pages: set[ScreenPage] = set()
        #: The text size (percent) each page's fonts were last set at.
        self._scales: dict[ScreenPage, int] = {}
        #: A hidden part of the window takes a new theme as it is shown, or when idle.
        self._restyle_when_shown = _RestyleWhenShown(self)
        #: The screen in view, built and measured unseen in the other language, and
        #: at the next text size up: the last things warming does (app.ui.language_twin).
        self.twin = LanguageTwin()
        self.size_twin = LanguageTwin()
        #: Answers given so far, counted (a twin measured before an answer is stale).
        self._answers_given = 0
        root = QWidget(self)
        root.setObjectName("Root")
        root.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._root_layout = layout
        self.banner: QWidget | None = None
        self.header = Header(session, root)
        self.navbar = NavBar(session, root)
        self.stack = QStackedWidget(root)
        layout.addWidget(self.header)
        layout.addWidget(self.navbar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(root)
        #: Read aloud: the header's Listen button, the reading bar (app.ui.listen).
        self.listen = attach_listen(self, layout)
        self.popover = TermPopover(session, root)
        self.popover.render()  # its buttons are named from the start, as after a reset
        #: "Start over?" (the header asks it; an idle reset does not).
        self.confirm = ConfirmPrompt(session, root)
        self.header.set_confirm_prompt(self.confirm)

        session.screen_changed.connect(self._on_screen_changed)
        session.language_changed.connect(self._on_language_changed)
        session.text_scale_changed.connect(self._apply_text_scale)
        session.high_contrast_changed.connect(self._on_high_contrast_changed)
        session.term_requested.connect(self.popover.show_term)
        session.reset_done.connect(self._on_reset)
        session.record_replaced.connect(self._on_record_replaced)
        session.study_changed.connect(self._on_study_changed)
        # A hidden result left behind by an answer: brought up to date and measured in
        # the next idle moments, not when the visitor asks for it.
        session.answers_changed.connect(self._on_answers_changed)

        self._apply_style()
        self._on_language_changed(session.language)
        self._on_screen_changed(session.screen.value)
        self.resize(1280, 800)

    @property
    def kiosk(self) -> bool:
        """Whether kiosk mode is on (close requests are refused)."""
        return self.close_guard.locked

    def set_kiosk_mode(self, kiosk: bool) -> None:
        """Kiosk mode on or off (no handout either way: counselor mode prints it)."""
        self.close_guard.lock(kiosk)
        for page in self.pages.values():
            self._tell_kiosk(page)
        self._apply_style()  # wide scroll bars for a finger in kiosk mode

    def _tell_kiosk(self, page: ScreenPage) -> None:
        """Tell a page that cares (the glossary: no keyboard) whether this is a kiosk."""
        set_kiosk = getattr(page, "set_kiosk", None)
        if set_kiosk is not None:
            set_kiosk(self.kiosk)

    def set_banner(self, banner: QWidget) -> None:
        """Put a banner (the "Draft, not approved" strip) above the header."""
        if self.banner is not None:
            self._root_layout.removeWidget(self.banner)
            self.banner.deleteLater()
        self.banner = banner
        banner.setParent(self.centralWidget())
        # First among its siblings, as it is first on screen: a screen reader reads the
        # children in this order, and would otherwise read the banner last.
        banner.lower()
        self._restyle(banner)
        self._root_layout.insertWidget(0, banner)

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt override
        kind = event.type()
        if kind == QEvent.Type.UpdateRequest:
            # About to paint: the parts of the screen in view that the viewport now shows
            # (scrolled to, shown, built since) take the theme first.
            current = self.stack.currentWidget()
            if isinstance(current, ScreenPage) and not self._themed_whole(current):
                self._restyle_page(current, deadline=0.0)
        elif kind == QEvent.Type.ChildPolished and self._theme:
            # An overlay (the kiosk's panels) built after the switch: the theme too.
            child = event.child() if isinstance(event, QChildEvent) else None
            if isinstance(child, QWidget) and child is not self.centralWidget():
                self._restyle(child)
        return super().event(event)

    def page(self, screen: Screen | str) -> ScreenPage:
        """The page of a screen, built on first request."""
        screen = Screen(screen)
        page = self.pages.get(screen)
        if page is None:
            page = page_class(screen)(self.session, self.stack)
            if self._theme:
                self._restyle(page)
            self.pages[screen] = page
            self._scales[page] = install_style().scale  # its widgets are polished at it
            self.stack.addWidget(page)
            if self.kiosk:
                self._tell_kiosk(page)
        return page

    def _on_answers_changed(self) -> None:
        self._answers_given += 1
        self._warm_later()

    def _on_screen_changed(self, screen: str) -> None:
        self._warm_later()  # (the new screen measured in the other language)
        page = self.page(screen)
        self._catch_up_look(page)  # left hidden before the last theme or text size
        self.stack.setCurrentWidget(page)
        self.navbar.setVisible(Screen(screen) not in {Screen.WELCOME, *CATALOG_SCREENS})
        self.popover.hide()
        self._update_title()
        page.scroll_to_top()
        # Keyboard focus starts at the top of the new screen (Tab goes on in reading
        # order), not on whatever header button last had it.
        focused = QApplication.focusWidget()
        if self.isVisible() and (focused is None or not self.header.isAncestorOf(focused)):
            page.scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: D102 - Qt override
        super().showEvent(event)
        self.page(self.session.screen).scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)
        self._warm_later()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: D102 - Qt override
        super().resizeEvent(event)
        self._warm_later()  # the hidden pages measured again for the new width

    # -- warming: pages ready before they are asked for --------------------------------
    def _warm_later(self, *_args: object) -> None:
        if self.warm_pages:
            self._warm_timer.start(WARM_DELAY_MS)

    def _warm_step(self) -> None:
        """Build one missing page, or bring one hidden page up to date.

        First the theme and text size (a page hidden when they changed), then the next
        part of a page built in stages, then the language (a page left in an earlier one),
        then a hidden page measured and placed for the window's width
        (:meth:`ScreenPage.lay_out_ahead`), so that its first show costs about what a
        later one does, and last the screen in view built and measured unseen in the
        other language (:meth:`_twin_step`), so that a switch lays out next to nothing.
        A step after a twin was deleted collects what it left
        (:func:`app.collector.collect_left_garbage`), and does nothing else.
        """
        if not self.warm_pages or not self.isVisible():
            return
        if hands_on_screen():
            self._warm_timer.start(WARM_STEP_MS)  # a finger is down, or a flick glides
            return
        if look_up_qt_types_ahead():  # once per process: a first contrast switch did it
            self._warm_timer.start(WARM_STEP_MS)
            return
        if collector.collect_left_garbage():  # a twin deleted: its wrappers, in cycles
            self._warm_timer.start(WARM_STEP_MS)
            return
        wanted = self._screens_to_warm()
        missing = next((screen for screen in wanted if screen not in self.pages), None)
        parts = [part for part in self._parts() if not self.theme_applied(part)]
        if parts:  # hidden parts, all at once (a few ms)
            for part in parts:
                self._restyle(part)
        elif missing is not None:
            self.page(missing)
        else:
            pages = self.pages.values()
            # (The page in view finishes itself, right after its first paint.)
            unfinished = next((p for p in pages if not p.complete and p.isHidden()), None)
            unstyled = next((p for p in pages if not self._looks_current(p)), None)
            stale = next((page for page in pages if page.stale), None)
            if unfinished is not None and unfinished.stale:
                unfinished.catch_up()  # first its language: what it builds next is in it
            elif unfinished is not None:
                unfinished.build_step()
                unfinished.mark_laid_out(None)  # new parts: measured once it is whole
            elif unstyled is not None:
                self._catch_up_look(unstyled, time.perf_counter() + LAY_OUT_STEP_MS / 1000)
            elif stale is not None:
                stale.catch_up()
            elif (ahead := self._to_lay_out_ahead()) is not None:
                page, widths, key = ahead
                deadline = time.perf_counter() + LAY_OUT_STEP_MS / 1000
                if page.lay_out_ahead(widths, deadline):
                    page.mark_laid_out(key)
            elif not self._twin_step():
                return  # all warm
        self._warm_timer.start(WARM_STEP_MS)

    def _twin_step(self) -> bool:
        """A step of measuring the screen in view unseen (False: nothing left to do).

        First in the other language, then at the next text size up. Each twin is built
        on a copy of the visit, in the stack (hidden, never in it), in the theme, text
        size and kiosk mode of the pages, and measured at the widths the page in view
        has (see :class:`~app.ui.language_twin.LanguageTwin`).
        """
        current = self.stack.currentWidget()
        widths = self._show_widths()
        if not isinstance(current, ScreenPage) or not widths:
            return False
        session = self.session
        scale = session.text_scale
        # What the page in view shows, and where: a twin measured for another is stale.
        seen = (
            current.screen_id,
            widths,
            self._theme,
            self.kiosk,
            self._answers_given,
            session.question_index,
            id(current),
        )
        deadline = time.perf_counter() + LAY_OUT_STEP_MS / 1000
        other = next((lang for lang in session.languages if lang != session.language), None)
        if other is not None and self.twin.step(
            (other, scale, *seen),
            other,
            lambda: self._build_twin(current.screen_id, session.mirrored(other)),
            widths,
            deadline,
        ):
            return True
        bigger = next((step for step in TEXT_SCALES if step > scale), None)
        if bigger is None:
            return False
        lang = session.language

        @contextlib.contextmanager
        def at_bigger_size() -> Iterator[None]:
            # (Widgets polished now take the text size of the style's moment.)
            style = install_style()
            style.scale = bigger
            try:
                yield
            finally:
                style.scale = scale

        return self.size_twin.step(
            (lang, bigger, *seen),
            lang,
            lambda: self._build_twin(current.screen_id, session.mirrored(lang, bigger)),
            widths,
            deadline,
            within=at_bigger_size,
            after=lambda twin: apply_text_scale(twin, bigger),
            like=current,
        )

    def _forget_twins(self) -> None:
        """Drop both twins and what they were measured for (the pages or visitor changed)."""
        self.twin.forget()
        self.size_twin.forget()

    def _build_twin(self, screen: Screen, visit: Session) -> ScreenPage:
        """A page of ``screen`` on a copy of the visit, hidden in the stack, as pages are."""
        twin = page_class(screen)(visit, self.stack)
        if self._theme:
            self._restyle(twin)  # (at the window's text size: the caller's after fixes it)
            self._forget_look(twin)  # (not one of the window's pages)
        if self.kiosk:
            self._tell_kiosk(twin)
        return twin

    def _forget_look(self, page: ScreenPage) -> None:
        """Drop what the window keeps of ``page``'s theme and text size (it is going)."""
        self._scales.pop(page, None)
        self._whole_theme.pop(page, None)
        self._themed_pages.discard(page)

    def _show_widths(self) -> tuple[int, ...]:
        """The viewport widths a hidden page's scroll area will have when shown.

        Every page fills the same stack: its viewport is as wide as the page in view's,
        less the scroll bar if the page is taller than the window (or more, if the page
        in view scrolls and the other does not); both are measured.
        """
        current = self.stack.currentWidget()
        if not isinstance(current, ScreenPage) or not current.isVisible():
            return ()
        area = current.scroll_area
        width = area.viewport().width()
        bar = area.verticalScrollBar()
        extent = bar.sizeHint().width()
        return (width, width + extent) if bar.isVisible() else (width - extent, width)

    def _to_lay_out_ahead(
        self,
    ) -> tuple[ScreenPage, tuple[int, ...], tuple[object, ...]] | None:
        """A hidden page not yet measured for the window as it is.

        Returns the page, the widths to measure it at, and the key it is then laid out
        for (the widths, language, text size, theme and kiosk mode).
        """
        widths = self._show_widths()
        if not widths:
            return None
        session = self.session
        key = (widths, session.language, session.text_scale, self._theme, self.kiosk)
        current = self.stack.currentWidget()
        if isinstance(current, ScreenPage):  # laid out for real: nothing to do once left
            current.mark_laid_out(key)
        page = next(
            (p for p in self.pages.values() if p.isHidden() and p.laid_out_for != key), None
        )
        return None if page is None else (page, widths, key)

    def _screens_to_warm(self) -> tuple[Screen, ...]:
        """The pages worth building ahead: the catalog's, and the current study's."""
        session = self.session
        if not session.catalog:
            return tuple(Screen)
        return tuple(CATALOG_SCREENS) + (STUDY_SCREENS if session.study is not None else ())

    def _drop_study_pages(self) -> None:
        """Another study is current: its pages are built again, from its own record."""
        for screen in STUDY_SCREENS:
            page = self.pages.pop(screen, None)
            if page is not None:
                self.stack.removeWidget(page)
                self._forget_look(page)
                shiboken6.delete(page)
        self._forget_twins()

    def _on_study_changed(self, _key: str) -> None:
        self._drop_study_pages()
        self._update_title()

    def _on_high_contrast_changed(self, *_args: object) -> None:
        self._apply_style()
        self._warm_later()  # the hidden pages take the theme in idle moments

    def _on_language_changed(self, lang: str) -> None:
        self.setLayoutDirection(text_direction(lang))
        self._update_title()
        self._warm_later()

    def _on_reset(self) -> None:
        # A reset emits only reset_done: take the defaults' theme, text size, language
        # and screen from the session here (the pages render themselves once).
        rescale = install_style().scale != self.session.text_scale
        self._apply_style()  # nothing to do when the theme did not change
        if rescale:  # (restyling the screen in view set its scale, not the others')
            self._apply_text_scale()
        if self.session.catalog:  # every study forgotten: their pages too
            self._drop_study_pages()
        # The sizes every label shares go with the visitor (a result page names their
        # answers), and so does any twin measured for their answers.
        self._forget_twins()
        forget_shared_sizes()
        self._answers_given += 1
        self._on_language_changed(self.session.language)
        self._on_screen_changed(self.session.screen.value)
        self._forget_term()
        # Every scrolling area (pages, and any list inside a page) back to its start: a
        # new visitor sees nothing of where the last one was reading.
        for area in self.findChildren(QAbstractScrollArea):
            for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
                bar.setValue(bar.minimum())

    def _on_record_replaced(self) -> None:
        """A new record (the preview's live reload): the same screen, built again on it.

        A page builds its widgets from the record (one card per contact, one row per
        criterion), so every page is dropped and the one in view is built again: it
        renders once, from the session's language, step and answers, and keeps its scroll
        position. The other pages are built again when shown (or warmed in idle time).
        """
        screen = self.session.screen
        old = self.pages.get(screen)
        scrolled = old.scroll_area.verticalScrollBar().value() if old is not None else 0
        self._warm_timer.stop()
        self._forget_twins()
        for page in self.pages.values():
            self.stack.removeWidget(page)
            shiboken6.delete(page)
        self.pages.clear()
        self._scales.clear()
        self._whole_theme.clear()
        self._themed_pages.clear()
        self._forget_term()
        self._fit_header()
        self._on_language_changed(self.session.language)
        page = self.page(screen)
        self.stack.setCurrentWidget(page)
        self.navbar.setVisible(screen is not Screen.WELCOME)
        self._update_title()
        if scrolled:
            _restore_scroll(page.scroll_area.verticalScrollBar(), scrolled)

    def _fit_header(self) -> None:
        """The header on the new record: built again when its languages changed."""
        old = self.header
        if tuple(old.language_buttons) == tuple(self.session.record.languages):
            old.render()
            return
        self.header = Header(self.session, old.parentWidget())
        self.header.set_confirm_prompt(self.confirm)
        self._restyle(self.header)
        self._root_layout.replaceWidget(old, self.header)
        self.header.setVisible(old.isVisibleTo(self))  # a new child is hidden until shown
        shiboken6.delete(old)

    def _forget_term(self) -> None:
        """Empty the glossary popover: the next visitor must not find the last term looked up."""
        popover = self.popover
        popover.hide()
        popover.term_id = None
        for label in (popover.term, popover.expansion, popover.definition):
            label.clear()
            label.setAccessibleName("")
        popover.setAccessibleName("")

    def _update_title(self) -> None:
        session = self.session
        if session.catalog and session.study is None:
            self.setWindowTitle(catalog_window_title(session.language))
        else:
            self.setWindowTitle(window_title(session.record, session.language))

    def _apply_text_scale(self, *_args: object) -> None:
        # New fonts re-lay the text out (a new style sheet would re-polish every widget):
        # the window's parts and the screen in view now, hidden screens when next shown.
        scale = self.session.text_scale
        install_style().scale = scale  # for widgets polished from now on
        for part in self._parts():
            apply_text_scale(part, scale)
        current = self.stack.currentWidget()
        if isinstance(current, ScreenPage):
            self._catch_up_look(current)
        self._warm_later()  # the hidden screens in idle moments

    def _catch_up_look(self, page: ScreenPage, deadline: float = 0.0) -> None:
        """Give a page the session's theme and text size, if it was hidden when they changed.

        The theme goes on the parts in view, and on the others until ``deadline`` (a
        :func:`time.perf_counter` time); the rest take it in idle moments, or as they
        come into view (:meth:`_restyle_page`).
        """
        self._restyle_page(page, deadline)
        scale = self.session.text_scale
        if self._scales.get(page) != scale:
            apply_text_scale(page, scale)
            self._scales[page] = scale
        page.fit_columns()  # its reading width (nothing to do if it has it)

    # -- the theme: the visible screen at once, hidden screens when next shown ------------
    # The application's style sheet is the normal theme (with the kiosk's scroll bars).
    # High contrast is the same sheet in the other colours, set on the window's parts
    # (header, navigation, popover, overlays) and on each page: a new sheet re-polishes
    # every widget below it (about 1 ms each), so the hidden pages keep the old one until
    # they are shown, or until an idle moment (the warming steps) restyles them. A
    # widget's own sheet wins over the application's whatever the selectors, and both
    # are made from one template, so a page looks exactly as under an application sheet.
    def _parts(self) -> list[QWidget]:
        """The widgets that take the theme, other than the pages."""
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        root = self.centralWidget()
        assert root is not None  # set in __init__
        return [w for w in root.findChildren(QWidget, options=direct) if w is not self.stack] + [
            w for w in self.findChildren(QWidget, options=direct) if w is not root
        ]

    def _restyle(self, widget: QWidget) -> None:
        """Give ``widget`` (a page, whole, or a part of the window) the theme."""
        if isinstance(widget, ScreenPage):
            self._restyle_page(widget, deadline=None)
        else:
            self._restyle_widget(widget)

    def _sheet_for(self, widget: QWidget) -> str:
        """The theme's sheet for ``widget``: its rules that can meet what it holds.

        A sheet's rules for widgets that are not there cost their parsing and matching
        all the same (see :func:`rules_for`); the theme's rules that can are the same
        look.
        """
        if not self._theme:
            return ""
        sheet = rules_for(self._theme, classes_in(widget))
        self._theme_of.setdefault(sheet, self._theme)
        return sheet

    def _has_theme(self, widget: QWidget) -> bool:
        """Whether ``widget`` was given the theme in force (a sheet made from it)."""
        sheet = widget.styleSheet()
        return self._theme_of.get(sheet, sheet) == self._theme

    def _restyle_widget(self, widget: QWidget) -> None:
        """Give ``widget`` (a part of the window or of a page) the theme, if it has another."""
        sheet, old = self._sheet_for(widget), widget.styleSheet()
        if old == sheet:
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a QMainWindow always has one
        # High contrast on or off is the same sheet in other colours: nothing moves, so
        # no text is laid out again (the theme for the app's kiosk mode is always
        # made for the application sheet in force, see _apply_style).
        # (Compared whole: the theme's sheet is its colours alone.)
        # (A part's sheet is looked up by its theme: the theme's whole sheet is the one
        # for the kiosk mode in force.)
        shown = self._whole_sheets.get(self._theme_of.get(old, old)) or app.styleSheet()
        with restyling(widget, shown, self._whole_sheets.get(self._theme) or app.styleSheet()):
            # A new sheet zeroes the contents margins set in code (the few pixels beside
            # a label for Persian glyphs that overhang): keep them, except where a
            # widget works them out again itself for its new font.
            margins = [
                (child, child.contentsMargins())
                for child in (widget, *widget.findChildren(QWidget))
                if not child.contentsMargins().isNull() and not child.property(OWN_MARGINS)
            ]
            widget.setStyleSheet(sheet)
            for child, kept in margins:
                child.setContentsMargins(kept)
            # A new sheet gives every widget below back the font it had before any
            # sheet (100% text): the text size stays what the visitor chose.
            apply_text_scale(widget, self.session.text_scale)

    # A page in pieces: a sheet on the page would re-polish all of its 100 to 300
    # widgets, though the viewport shows a tenth to a third of them. So the page's
    # holders take no sheet (their background comes from the application's, by a
    # property), and each part they hold takes the theme on its own: the parts in view
    # at once, the others in idle moments (warming) or, at the latest, right before a
    # paint that shows them (``event``). Nothing moves, so no order of parts shows.
    def _restyle_page(self, page: ScreenPage, deadline: float | None) -> bool:
        """Give ``page`` the theme: its holders and the parts in view, then the others.

        The others until ``deadline`` (a :func:`time.perf_counter` time; ``None``: all
        of them). Returns whether the whole page has the theme.
        """
        if self._themed_whole(page):
            return True
        self._whole_theme.pop(page, None)  # (whole in another theme, maybe)
        if self._theme:
            self._themed_pages.add(page)
        version = page.parts_version  # (before: a part built meanwhile counts)
        for backdrop in page.theme_backdrops():
            set_contrast_property(backdrop, bool(self._theme))
        shown, rest = page.theme_pieces()
        for piece in shown:
            self._restyle_widget(piece)
        whole = True
        for piece in rest:
            if self._has_theme(piece):
                continue
            if deadline is not None and time.perf_counter() >= deadline:
                whole = False
                break
            self._restyle_widget(piece)
        if whole:
            self._whole_theme[page] = (self._theme, version)
        return whole

    def theme_whole(self, page: ScreenPage) -> None:
        """Give every part of ``page`` the theme now (not as each comes into view)."""
        self._restyle_page(page, deadline=None)

    def _themed_whole(self, page: ScreenPage) -> bool:
        """Whether every part of ``page`` is known to have the theme (none built since)."""
        if not self._theme and page not in self._themed_pages:
            return True  # (never given another: every part has the application's)
        return self._whole_theme.get(page) == (self._theme, page.parts_version)

    def _looks_current(self, page: ScreenPage) -> bool:
        return self._themed_whole(page) and self._scales.get(page) == self.session.text_scale

    def theme_applied(self, widget: QWidget) -> bool:
        """Whether ``widget`` (a part of the window, or a page, every part) shows the theme."""
        if not isinstance(widget, ScreenPage):
            return widget.styleSheet() == self._sheet_for(widget)
        high = "high" if self._theme else None
        shown, rest = widget.theme_pieces()
        return all(c.property(CONTRAST) == high for c in widget.theme_backdrops()) and all(
            piece.styleSheet() == self._sheet_for(piece) for piece in (*shown, *rest)
        )

    def _apply_style(self, *_args: object) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # a QMainWindow always has one
        base = stylesheet(kiosk=self.kiosk)
        high_contrast = self.session.high_contrast
        # (Its colours alone, over the application's sheet: see colours_only.)
        theme = ""
        if high_contrast:
            whole = stylesheet(high_contrast=True, kiosk=self.kiosk)
            theme = colours_only(whole)
            self._whole_sheets[theme] = whole
        # Links in rich text (glossary terms) take the palette's link colour: set it
        # first, so that the style sheet's re-polish gives it to every widget shown.
        link = QColor(THEMES["high_contrast" if high_contrast else "normal"]["primary"])
        palette = app.palette()
        if palette.color(QPalette.ColorRole.Link) != link:
            palette.setColor(QPalette.ColorRole.Link, link)
            palette.setColor(QPalette.ColorRole.LinkVisited, link)
            app.setPalette(palette)
        if app.styleSheet() == base and theme == self._theme:
            return  # re-polishing costs seconds; a reset often changes nothing
        self._theme = theme
        if app.styleSheet() != base:  # kiosk mode on or off: every widget, once
            app.setStyleSheet(base)
            self._apply_text_scale()
        for part in self._parts():
            if part.isHidden():  # (the reading bar, the popover, the prompt and scrims)
                part.installEventFilter(self._restyle_when_shown)
            else:
                self._restyle(part)
        current = self.stack.currentWidget()
        if isinstance(current, ScreenPage):
            self._catch_up_look(current)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Forget the visit when the window closes: nothing a patient typed outlives it.

        In kiosk mode a close request (the window manager's Alt+F4, a close button) is
        ignored; only staff can quit, from the staff panel.
        """
        if self.close_guard.refuses(event):
            return
        self.session.reset()
        # A synthesis in progress ends here, before the window can be deleted: Qt's
        # thread pool, deleted with it, would wait for it holding the GIL it needs.
        self.listen.shutdown()
        super().closeEvent(event)

"""The screen in view built again, unseen, in the other language (or text size), measured.

A language switch re-renders the screen in view in place. Its first switch to a language
was mostly Qt laying out text it had never seen in that language: each label's size
hints and its heights at the widths its layouts ask about (about 30 of 56 ms on the
study details). :class:`LanguageTwin` builds a second page of the same screen, in the
other language, hidden, on a copy of the visit (:meth:`app.session.Session.mirrored`),
and measures it for the window's widths (:meth:`ScreenPage.lay_out_ahead`) in the
window's idle moments; then it deletes it. What Qt worked out stays in the sizes every
label shares (:class:`app.ui.text.WrapLabel`): on the switch, each label of the page in
view finds the sizes of its new text there. Nothing else of the twin is kept, and
nobody sees it: it is never shown, nobody listens to its copy of the visit, and what it
measures is keyed by everything the sizes depend on, so a label whose text on the real
page differs (a glossary filtered since) only misses and is laid out as before.

The window measures the screen in view a second time the same way at the next text size
up (the header's A+), for the same reason: a first step up laid out every label in its
new font.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager

import shiboken6
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QPainter, QRegion
from PySide6.QtWidgets import QWidget

from app import collector
from app.i18n import speaking
from app.ui.screens.base import ScreenPage
from app.ui.text import WrapLabel

log = logging.getLogger("trialguide.ui")


def _where(error: BaseException) -> str:
    """An error's type and the code it passed through, without its message."""
    frames = traceback.extract_tb(error.__traceback__)
    places = "; ".join(f"{frame.filename}:{frame.lineno} in {frame.name}" for frame in frames)
    return f"{type(error).__name__} at {places}"


class LanguageTwin:
    """Builds, finishes and measures the page in view in another language, a step at a time.

    The window calls :meth:`step` from its warming steps with what the twin is for (a
    key: the page in view, the language, the widths, text size, theme and kiosk mode,
    the answers): a new key drops a twin under way and starts again. Each step builds
    the page, or its next part, or measures it until ``deadline``; the twin is deleted
    once measured, and the key remembered, so that nothing is done again for it.
    """

    def __init__(self) -> None:
        #: The twin under way (``None``: none).
        self.page: ScreenPage | None = None
        self._key: tuple[object, ...] | None = None
        #: The key the last twin was measured for.
        self.measured_for: tuple[object, ...] | None = None
        #: How far the twin under way is once built: 0 measuring it for the window's
        #: widths, 1 its labels at the present widths of the page in view, 2 its paint
        #: (each a warming step of its own).
        self._stage = 0

    def step(
        self,
        key: tuple[object, ...],
        language: str,
        build: Callable[[], ScreenPage],
        widths: tuple[int, ...],
        deadline: float,
        within: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
        after: Callable[[ScreenPage], None] | None = None,
        like: ScreenPage | None = None,
    ) -> bool:
        """Take the next step for ``key``; False: it is measured already, nothing done.

        ``build`` makes the page (on a copy of the visit in ``language``) as the window
        makes its pages: called in ``language`` (:func:`app.i18n.speaking`), as is every
        later part of it, and inside ``within`` (another text size); ``after`` is given
        the page after each step that builds (to give its new parts that text size).
        With ``like`` (the page in view, for another text size), the twin's labels are
        measured at the widths their counterparts there have now, too: see
        :func:`measure_at_widths_of`.
        """
        if key == self.measured_for:
            return False
        page = self.page
        try:
            with speaking(language), within():
                if page is None or self._key != key or not shiboken6.isValid(page):
                    self.drop()
                    page = self.page = build()
                    self._key = key
                elif not page.complete:
                    page.build_step()
                    page.mark_laid_out(None)
                elif self._stage > 0 or page.lay_out_ahead(widths, deadline):
                    if self._stage == 0 and like is not None:
                        self._stage = 1
                        return True
                    if self._stage == 1:
                        if like is not None and shiboken6.isValid(like):
                            measure_at_widths_of(page, like)
                        self._stage = 2
                        return True
                    _paint_once(page)
                    self.measured_for = key
                    self.drop()
                    return True
                if after is not None:
                    after(page)
        except Exception as error:
            # Nobody sees the twin: a fault in it must not reset the visit in front of a
            # visitor (the app's error guard would). Logged without its message (it may
            # quote the record or an answer), given up for this key, and switching
            # costs what it did before.
            log.warning("Measuring the screen unseen failed: %s", _where(error))
            self.measured_for = key
            self.drop()
        return True

    def drop(self) -> None:
        """Delete the twin under way, if there is one (what it measured stays shared).

        Its copy of the visit is emptied too: the page and its parts refer to each
        other, so Python frees them (and the copy's answers) only in a full garbage
        collection, which may come after the visitor has gone. The window's next idle
        moment runs one (:func:`app.collector.garbage_left`).
        """
        page, self.page, self._key = self.page, None, None
        self._stage = 0
        if page is None:
            return
        visit = page.session
        if shiboken6.isValid(page):
            shiboken6.delete(page)
        visit.forget_copy()
        collector.garbage_left()

    def forget(self) -> None:
        """Drop the twin and the key measured last (the pages were built again)."""
        self.drop()
        self.measured_for = None


def measure_at_widths_of(twin: QWidget, page: QWidget) -> int:
    """Measure each label of ``twin`` at the width its counterpart on ``page`` has now.

    A new text size sets the fonts of the page in view, and Qt lays out each part of it
    that holds text (a section, a field) as its own layout request comes, children
    before the parents that widen them for the bigger size: every label is first asked
    its height in the new font at the width it has now, which no twin measured, and only
    then at its new width. On study details that was 96 of the 98 sizes a first step up
    asked of Qt. The twin is the page in view built again whole, so its labels come in
    the same order; a label whose words or kind differ from its counterpart's (a part
    built since, a filter) is left alone. Returns how many labels were measured.
    """
    measured = 0
    theirs = page.findChildren(WrapLabel)
    for mine, their in zip(twin.findChildren(WrapLabel), theirs, strict=False):
        if type(mine) is not type(their) or mine.text() != their.text():
            continue
        width = their.width()
        if width > 0 and their.isVisibleTo(page):
            mine.heightForWidth(width)
            measured += 1
    return measured


#: Rows of the twin painted at a time (:func:`_paint_once`): one image of the page's
#: size was 3.4 MiB, and it stayed in the process's heap after it was freed.
PAINT_STRIP_ROWS = 64


def _paint_once(page: ScreenPage) -> None:
    """Paint the twin, off screen, as the switch will paint the page in view.

    Qt draws each glyph of a font at a size once and keeps it: the first paint of the
    other language's words draws its letters (Persian's in each of the six text sizes).
    The page is painted a strip of :data:`PAINT_STRIP_ROWS` at a time into one small
    image, so that every part in view is painted (a part across two strips twice, each
    half clipped) without an image as big as the page. Nobody sees the pixels.
    """
    width, height = page.width(), page.height()
    if width <= 0 or height <= 0:
        return
    image = QImage(width, PAINT_STRIP_ROWS, QImage.Format.Format_ARGB32_Premultiplied)
    for top in range(0, height, PAINT_STRIP_ROWS):
        painter = QPainter(image)
        try:  # (ScreenPage.render puts the words in: this is QWidget's)
            QWidget.render(page, painter, QPoint(), QRegion(0, top, width, PAINT_STRIP_ROWS))
        finally:
            painter.end()

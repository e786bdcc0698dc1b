"""Study details: the registry's entry, word for word, for counselors and curious readers.

The registry's own text is shown verbatim, in English and left to right, even on a
Persian page; the names of the fields, the dates and the registry's coded values
(status, phase, design, ...) are in the interface language, each coded value with the
registry's raw value beside it so a counselor can match the registry page. A list of
buttons at the top scrolls the page to each section. Sections and fields the record
does not have are not shown at all.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from app.i18n import _
from app.session import Screen, Session
from app.ui.flow import FlowLayout
from app.ui.focus_chain import last_in_focus_chain, place_after
from app.ui.screens.base import ScreenPage
from app.ui.widgets.registry_sections import SECTIONS, RegistrySections

#: Space left above a section's heading when the jump list scrolls to it, in px.
_JUMP_MARGIN = 12

#: The language the registry's text is written in.
_REGISTRY_LANGUAGE = "en"

#: Sections built with the page: its top, what the window shows when the page opens
#: (the title, the jump list and the first two sections, up to 1920x1200). The rest are built
#: one per idle moment once the page has been painted, in reading order.
FIRST_SECTIONS = 2


class _Section:
    """A section of the page: heading, content and the jump-list button leading to it.

    The button is made with the page (the jump list is at its top); the heading and the
    content when the section is built (:meth:`DetailsScreen.build_through`).
    """

    def __init__(self, key: str, name: str, page: DetailsScreen) -> None:
        self.key = key
        self.name = name  # an N_() message, translated when shown
        self._page = page
        self._heading: QLabel | None = None
        self._content: QWidget | None = None
        self.button = page.button(parent=page.jump_holder)
        self.button.clicked.connect(lambda: page.jump_to(self.key))

    @property
    def built(self) -> bool:
        """Whether the heading and content exist yet."""
        return self._heading is not None

    @property
    def heading(self) -> QLabel:
        """The section's heading (building the page down to this section if need be)."""
        self._page.build_through(self.key)
        assert self._heading is not None  # built just now
        return self._heading

    @property
    def content(self) -> QWidget:
        """The widget holding the section's fields (built as :attr:`heading` is)."""
        self._page.build_through(self.key)
        assert self._content is not None  # built just now
        return self._content

    def build(self, translated: bool) -> tuple[QLabel, QWidget]:
        """Make the heading and the content; with ``translated``, in the current language."""
        page = self._page
        heading = page.heading("h2")
        content = QWidget(page.column)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        page.builder.build(self.key, layout, translated=translated)
        if translated:
            heading.setText(_(self.name))
        self._heading, self._content = heading, content
        return heading, content


class DetailsScreen(ScreenPage):
    """The registry entry, verbatim, with plain names for its coded values."""

    screen_id = Screen.DETAILS
    theme_in_parts = True  # (long: the viewport shows a part)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.sections: dict[str, _Section] = {}
        self.heading_label = self.heading("h1")
        self.intro = self.text("lead")
        self.language_note = self.text("muted")
        self.jump_heading = self.heading("h2")
        self.jump_holder = QWidget(self.column)
        self.jump_flow = FlowLayout(self.jump_holder, spacing=8)
        for widget in (self.heading_label, self.intro, self.language_note, self.jump_heading):
            self.body.addWidget(widget)
        self.body.addWidget(self.jump_holder)
        self.body.addStretch(1)  # the sections go above it as they are built

        self.builder = RegistrySections(session.record, lambda: self.lang)
        for key, name in SECTIONS:
            if self.builder.has(key):
                self.sections[key] = section = _Section(key, name, self)
                self.jump_flow.addWidget(section.button)
        #: The sections still to build, in reading order.
        self._to_build: deque[_Section] = deque(self.sections.values())
        self._translated = False
        self._build(FIRST_SECTIONS)
        #: The last widget of the page in Tab order: a section built later goes after it.
        self._focus_tail: QWidget = last_in_focus_chain(self)
        self.render()
        self.finish_after_first_paint()

    # -- building in stages ----------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """Whether every section is built (soon after the page is first painted)."""
        return not self._to_build

    def build_step(self) -> None:
        """Build the next section not built yet (the window's idle moments call this)."""
        self._build(1)

    def build_all(self) -> None:
        """Build every section not built yet, now."""
        self._build(len(self._to_build))

    def build_through(self, key: str) -> None:
        """Build the sections down to ``key`` (and it), if they are not built yet."""
        section = self.sections[key]
        while not section.built:
            self._build(1)

    def _build(self, count: int) -> None:
        """Build the next ``count`` sections, above the page's closing stretch."""
        shown = self.column.isVisible()
        for _number in range(min(count, len(self._to_build))):
            section = self._to_build.popleft()
            heading, content = section.build(translated=self._translated)
            stretch = self.body.count() - 1
            self.body.insertSpacing(stretch, 12)
            self.body.insertWidget(stretch + 1, heading)
            self.body.insertWidget(stretch + 2, content)
            if self._translated:  # made after the page: Tab reaches it after the last one
                self._focus_tail = place_after(self._focus_tail, (heading, content))
            if shown:  # (Qt would show a new child of a shown widget only later)
                heading.show()
                content.show()

    # -- jumping ---------------------------------------------------------------------------
    def jump_to(self, key: str) -> None:
        """Scroll the page so that section ``key`` starts at the top, and move focus there."""
        section = self.sections[key]
        if not self.complete:  # the whole page, so that it can scroll that far
            self.build_all()
            # The new sections' places, and the scroll area's range, before scrolling.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        top = section.heading.mapTo(self.holder, QPoint(0, 0)).y()
        self.scroll_area.verticalScrollBar().setValue(max(0, top - _JUMP_MARGIN))
        # Keyboard and screen-reader users continue reading (and tabbing) from here.
        section.heading.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- words -------------------------------------------------------------------------------
    def render(self) -> None:
        """Put every interface word in the current language (registry text stays English)."""
        super().render()
        lang = self.lang
        self.heading_label.setText(_("Study details"))
        self.set_text(
            self.intro,
            _(
                "The study's entry in the public registry ClinicalTrials.gov, word for word "
                "where not labelled otherwise. The other screens explain the study in plain "
                "words."
            ),
        )
        # In any other language, say once that the registry's blocks stay in English.
        self.language_note.setVisible(lang != _REGISTRY_LANGUAGE)
        self.set_text(
            self.language_note,
            _("The registry's text is in English and is shown here exactly as registered."),
        )
        self.jump_heading.setText(_("On this page"))
        for section in self.sections.values():
            name = _(section.name)
            if section.built:  # (one built later is made in the language of the day)
                section.heading.setText(name)
            section.button.setText(name)
            section.button.setAccessibleName(name)
            section.button.setAccessibleDescription(_("Scroll down to this section"))
        self.builder.retranslate()
        self._translated = True

"""What taking part involves: the record's steps, in time order, as a timeline.

The page is built in stages: the heading, the notes and the first steps (what the
window shows) with the page, the rest one step per idle moment after its first paint
(:meth:`ScreenPage.finish_after_first_paint`), each in its place in reading and Tab order.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.i18n import _, localize
from app.i18n.format import format_number
from app.present import steps as present_steps
from app.present.steps import step_group, steps_intro
from app.record.models import ProcedureStep
from app.session import Screen, Session
from app.ui.focus_chain import last_in_focus_chain, place_after
from app.ui.screens.base import ScreenPage
from app.ui.style import THEMES
from app.ui.widgets.timeline import Timeline, TimelineStep

#: Steps built with the page: what the window shows when the page opens (the heading,
#: the notes and two or three steps, up to 1920x1200). The rest are built one per idle
#: moment once the page has been painted, in time order.
FIRST_STEPS = 3


class ProceduresScreen(ScreenPage):
    """The steps of taking part, one numbered circle each, joined by a rail on the leading side."""

    screen_id = Screen.PROCEDURES
    theme_in_parts = True  # (long: the viewport shows a part)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading_label = self.heading("h1")
        self.intro = self.text("lead")
        self.status_note = self.text("muted")
        self.not_given_note = self.text("muted")
        self.timeline = Timeline(len(self.steps), self.column, built=FIRST_STEPS)
        self.timeline.term_activated.connect(session.show_term)
        self.next_button = self.button("primary")
        self.next_button.clicked.connect(lambda: session.go_to(Screen.SELFCHECK))

        self.body.addWidget(self.heading_label)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.status_note)
        self.body.addWidget(self.not_given_note)
        self.body.addSpacing(8)
        self.body.addWidget(self.timeline)
        self.body.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.body.addStretch(1)
        for step, view in zip(self.steps, self.timeline.steps, strict=False):
            self.listen_beside(view.title, f"step[{step.id}]")
        session.high_contrast_changed.connect(self._apply_theme)
        self._apply_theme()
        self.render()
        self.finish_after_first_paint()

    @property
    def steps(self) -> tuple[ProcedureStep, ...]:
        """The record's steps, in the record's (time) order."""
        return present_steps.steps(self.session.record)

    def theme_containers(self) -> tuple[QWidget, ...]:
        """The page's, and the timeline: each step takes the theme on its own."""
        return (*super().theme_containers(), self.timeline)

    # -- building in stages ----------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """Whether every step is built (soon after the page is first painted)."""
        return self.timeline.complete

    def build_step(self) -> None:
        """Build the next step not built yet (idle moments and the window's warming)."""
        self.timeline.add_steps(1, self._fill)

    def build_all(self) -> None:
        """Build every step not built yet, now."""
        self.timeline.add_steps(self.timeline.count, self._fill)

    def _fill(self, index: int, view: TimelineStep) -> None:
        """A step built after the page: in Tab order after the one above, with its words."""
        place_after(last_in_focus_chain(self.timeline.steps[index - 1]), (view,))
        step = self.steps[index]
        self.listen_beside(view.title, f"step[{step.id}]")
        self._render_step(index, step, view)

    def _on_session_reset(self) -> None:
        self._apply_theme()
        super()._on_session_reset()

    def _apply_theme(self, *_args: object) -> None:
        colors = THEMES["high_contrast" if self.session.high_contrast else "normal"]
        self.timeline.set_line_color(colors["primary"])

    def render(self) -> None:
        """Put every word in the current language."""
        super().render()
        record = self.session.record
        lang = self.lang
        words = steps_intro(record, lang)
        self.heading_label.setText(_("What taking part involves"))
        self.set_text(self.intro, words.intro)
        self.status_note.setVisible(words.ended_note is not None)
        if words.ended_note is not None:
            self.set_text(self.status_note, words.ended_note)
        self.not_given_note.setVisible(words.not_given is not None)
        if words.not_given is not None:
            self.set_text(self.not_given_note, words.not_given)
        for index, (step, widget) in enumerate(zip(self.steps, self.timeline.steps, strict=False)):
            self._render_step(index, step, widget)
        self.next_button.setText(_("Next: the questions"))
        self.next_button.setAccessibleName(_("Next: the questions"))
        self.next_button.setAccessibleDescription(
            _("Answer a few questions to see if the study might fit you")
        )

    def _render_step(self, index: int, step: ProcedureStep, widget: TimelineStep) -> None:
        """Put one step's words in the current language."""
        record = self.session.record
        lang = self.lang
        number = format_number(index + 1, lang)
        widget.set_number(
            number,
            _("Step {number} of {total}").format(
                number=number, total=format_number(len(self.steps), lang)
            ),
        )
        widget.set_title(localize(step.title, lang))
        badge, note = step_group(record, step, lang)
        widget.set_group(badge, note, lang, record)
        for key, name in (
            ("when", _("When")),
            ("what", _("What happens")),
            ("duration", _("How long")),
            ("where", _("Where")),
        ):
            widget.set_field(key, name, getattr(step, key), lang, record)
        widget.setLayoutDirection(self.layoutDirection())

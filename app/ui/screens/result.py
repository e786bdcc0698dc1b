"""The self-check result: the outcome, what led to it, and what happens next.

The result is computed from the session whenever the screen is shown or an answer
changes (:meth:`Session.result`, a cheap pure function). One row per criterion is made
once and moved between the status groups; the groups behind the outcome come first.
Only the study team decides who can take part, and the screen says so.

The rows are built in stages: the first few in reading order (what the window shows
below the outcome) with the page, the rest a few per idle moment once it has painted
(:meth:`ScreenPage.finish_after_first_paint`), each in its place and Tab order.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.i18n import _
from app.present.criteria import CriteriaView, CriterionEntry, CriterionGroup, criteria_view
from app.present.outcome import headline, no_answers_prompt, outcome_text
from app.record import TrialRecord
from app.selfcheck import CriterionStatus, SelfCheckResult
from app.session import Screen, Session
from app.ui.listen.widgets import ListenButton
from app.ui.screens.base import ScreenPage
from app.ui.style import px
from app.ui.text import TextLabel
from app.ui.widgets.criterion_row import CriterionRow, GroupHeader, restyle
from app.ui.widgets.verdict import VerdictIcon

#: Rows built with the page: what the window shows below the outcome (up to 1920x1200).
#: The rest are built a few per idle moment once the page has been painted.
FIRST_ROWS = 4
#: Rows built in each idle moment after that.
ROWS_PER_STEP = 2


class ResultScreen(ScreenPage):
    """What the answers mean, criterion by criterion."""

    screen_id = Screen.RESULT
    theme_in_parts = True  # (long: the viewport shows a part)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading_label = self.heading("h1")

        # Shown only before any question is answered.
        self.prompt, prompt_layout = self.card("notice")
        self.prompt_text = self.text(parent=self.prompt)
        self.prompt_button = self.button("primary", self.prompt)
        self.prompt_button.clicked.connect(self._change_answers)
        prompt_layout.addWidget(self.prompt_text)
        prompt_layout.addWidget(self.prompt_button, 0, Qt.AlignmentFlag.AlignLeading)

        self.headline_card, headline_layout = self.card("verdict-unknown")
        headline_row = QHBoxLayout()
        headline_row.setSpacing(16)
        self.outcome_icon = VerdictIcon(self.headline_card)
        self.outcome_title = self.heading("h2", self.headline_card)
        headline_row.addWidget(self.outcome_icon, 0, Qt.AlignmentFlag.AlignTop)
        headline_row.addWidget(self.outcome_title, 1)
        self.outcome_text = self.text("lead", self.headline_card)
        self.only_team = self.heading("h3", self.headline_card)
        headline_layout.addLayout(headline_row)
        headline_layout.addWidget(self.outcome_text)
        headline_layout.addWidget(self.only_team)

        self.enrolling_card, enrolling_layout = self.card("notice")
        self.enrolling_heading = self.heading("h3", self.enrolling_card)
        self.enrolling_note = self.text(parent=self.enrolling_card)
        enrolling_layout.addWidget(self.enrolling_heading)
        enrolling_layout.addWidget(self.enrolling_note)

        self.led_heading = self.heading("h2")
        self.led_intro = self.text()
        # Group headings and rows share one container and one layout: re-grouping only
        # re-orders them there, so nothing is re-parented (which would hide it).
        self.groups_holder = QWidget(self.column)
        self.groups_layout = QVBoxLayout(self.groups_holder)
        self.groups_layout.setContentsMargins(0, 0, 0, 0)
        self.groups_layout.setSpacing(10)
        self.other_heading = self.heading("h2", self.groups_holder)
        self.headers: dict[CriterionStatus, GroupHeader] = {
            status: GroupHeader(status, self.groups_holder) for status in CriterionStatus
        }
        #: The rows built so far, by criterion id (every criterion once the page is whole).
        self.rows: dict[str, CriterionRow] = {}
        #: How many rows, in reading order, are laid out (built as they are needed).
        self._placed = FIRST_ROWS
        #: The rows in reading order as last shown, each with its group.
        self._order: list[tuple[CriterionGroup, CriterionEntry]] = []
        #: The answers (or the look) changed while the page was hidden: it shows an
        #: earlier result until it is refreshed (when shown, or before building on).
        self._behind = False
        self._shown_for: tuple[object, ...] | None = None  # what refresh() showed last

        self.next_heading = self.heading("h2")
        self.next_text = self.text()
        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.change_button = self.button()
        self.change_button.clicked.connect(self._change_answers)
        self.contact_button = self.button("primary")
        self.contact_button.clicked.connect(lambda: session.go_to(Screen.CONTACT))
        actions.addWidget(self.change_button)
        actions.addWidget(self.contact_button)
        actions.addStretch(1)

        for widget in (
            self.heading_label,
            self.prompt,
            self.headline_card,
            self.enrolling_card,
            self.led_heading,
            self.led_intro,
            self.groups_holder,
            self.next_heading,
            self.next_text,
        ):
            self.body.addWidget(widget)
        #: The Listen buttons beside the prompt, the headline and the section headings.
        self.listen: dict[str, ListenButton] = {}
        for label, section in (
            (self.prompt_text, "prompt"),
            (self.outcome_title, "headline"),
            (self.enrolling_heading, "enrolling"),
            (self.led_heading, "criteria"),
            (self.next_heading, "next"),
        ):
            self.listen[section] = self.listen_beside(label, section)
        self.body.addSpacing(8)
        self.body.addLayout(actions)
        self.body.addStretch(1)

        session.answers_changed.connect(self._refresh_if_shown)
        session.high_contrast_changed.connect(self._refresh_if_shown)
        self.render()
        self.finish_after_first_paint()

    def _make_text(self, role: str | None, parent: QWidget) -> TextLabel:
        return self.text(role, parent)

    def theme_containers(self) -> tuple[QWidget, ...]:
        """The page's, and the holder of the groups: each row takes the theme on its own."""
        return (*super().theme_containers(), self.groups_holder)

    # -- building in stages ----------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """Whether every criterion's row is laid out (soon after the first paint)."""
        return self._placed >= len(self._order)

    def build_step(self) -> None:
        """Lay out the next rows not laid out yet (idle moments and the window's warming)."""
        self._place_more(ROWS_PER_STEP)

    def build_all(self) -> None:
        """Lay out every row not laid out yet, now."""
        self._place_more(len(self._order))

    def _place_more(self, count: int) -> None:
        # Hidden, the page may show an earlier language or result: bring it up to date
        # first, so that the rows built now are the ones it will show.
        if self.stale:  # (an earlier result too: a render works it out again)
            self.catch_up()
        start = self._placed
        self._placed = min(len(self._order), start + count)
        if self._placed == start:
            return
        record, lang = self.session.record, self.lang
        for position in range(start, self._placed):
            group, entry = self._order[position]
            # Right below the row above it in reading order, or below its group's header.
            above: QWidget = self.headers[group.status]
            if position > 0 and self._order[position - 1][0] is group:
                above = self._row_at(position - 1)
            row = self._show_row(group, entry, record, lang)
            self.groups_layout.insertWidget(self.groups_layout.indexOf(above) + 1, row)
        self._stack_in_reading_order()
        self._order_tabs()

    def _row_at(self, position: int) -> CriterionRow:
        return self.rows[self._order[position][1].criterion_id]

    def _show_row(
        self, group: CriterionGroup, entry: CriterionEntry, record: TrialRecord, lang: str
    ) -> CriterionRow:
        """The criterion's row (made the first time) showing ``entry``."""
        row = self.rows.get(entry.criterion_id)
        if row is None:
            row = self.rows[entry.criterion_id] = CriterionRow(
                entry.criterion_id, self._make_text, self.groups_holder
            )
        row.show_result(entry, record, lang, self.set_text, compact=group.compact)
        row.icon.set_high_contrast(self.session.high_contrast)
        row.icon.set_size(round(px("h3", self.session.text_scale) * 1.4))
        row.setVisible(True)  # (at once: Qt would show a new child of a shown widget later)
        return row

    def _stack_in_reading_order(self) -> None:
        """Put the headings and rows in the order they are read, for screen readers too.

        Assistive technology lists a widget's children in their stacking order (the order
        they were made, unless raised): rows made in stages, or again after a reset, would
        otherwise be read in the order they were built, and every heading before them.
        """
        for index in range(self.groups_layout.count()):
            item = self.groups_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.raise_()

    # -- rendering -------------------------------------------------------------------
    def result(self) -> SelfCheckResult:
        """The self-check result for the session's answers now."""
        return self.session.result()

    def render(self) -> None:
        """Put every word in the current language and show the current result."""
        super().render()
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Compute the result and show it; rows are updated in place, never rebuilt."""
        self._behind = False
        session = self.session
        record = session.record
        lang = self.lang
        result = self.result()
        answered = bool(session.answers)

        self.heading_label.setText(_("Your self-check result"))
        self.prompt.setVisible(not answered)
        self.set_text(self.prompt_text, no_answers_prompt(result, lang))
        self.prompt_button.setText(_("Answer the questions"))
        self.prompt_button.setAccessibleName(_("Answer the questions"))
        self.prompt_button.setAccessibleDescription(_("Go to the first question"))

        self.headline_card.setVisible(answered)
        top = headline(result, lang)
        restyle(self.headline_card, top.role)
        self.outcome_icon.set_status(top.icon)
        self.outcome_icon.set_high_contrast(session.high_contrast)
        self.outcome_icon.set_size(round(px("h2", session.text_scale) * 1.5))
        self.outcome_title.setText(top.title)
        patient = record.patient
        text = outcome_text(record, result.outcome)
        self.outcome_text.setVisible(text is not None)
        if text is not None:
            self.set_text(self.outcome_text, text)
        self.only_team.setText(top.only_team)

        self.enrolling_heading.setText(top.enrolling)
        self.enrolling_note.setVisible(patient is not None)
        if patient is not None:
            self.set_text(self.enrolling_note, patient.enrolling_note)

        view = criteria_view(record, result, lang, answered=answered)
        self.led_heading.setText(view.heading)
        self.set_text(self.led_intro, view.intro)
        self._show_groups(view)

        self.next_heading.setText(_("What happens next"))
        self.next_heading.setVisible(patient is not None)
        self.next_text.setVisible(patient is not None)
        if patient is not None:
            self.set_text(self.next_text, patient.after_selfcheck)
        self.change_button.setText(_("Change my answers"))
        self.change_button.setAccessibleName(_("Change my answers"))
        self.change_button.setAccessibleDescription(_("Go back to the first question"))
        self.contact_button.setText(_("Who to contact"))
        self.contact_button.setAccessibleName(_("Who to contact"))
        self.contact_button.setAccessibleDescription(_("Who to ask and what to do next"))
        self._order_tabs()  # (last: the texts set above decide which labels take focus)
        self._shown_for = self._inputs(result)

    def _inputs(self, result: SelfCheckResult | None = None) -> tuple[object, ...]:
        """What :meth:`refresh` shows depends on.

        The result, the answers (a row's words follow them), the language, the look, the
        text size and the record.
        """
        session = self.session
        return (
            self.result() if result is None else result,
            dict(session.answers),
            self.lang,
            session.high_contrast,
            session.text_scale,
            id(session.record),
        )

    def _show_groups(self, view: CriteriaView) -> None:
        """Lay the rows out in the view's groups and order; hide the empty groups."""
        lang = self.lang
        record = self.session.record
        while self.groups_layout.count():  # the widgets stay; only the order is rebuilt
            self.groups_layout.takeAt(0)
        shown = {group.status: group for group in view.groups}
        for status, header in self.headers.items():
            header.setVisible(status in shown)
            header.show_group(shown.get(status), self.set_text)
        self._order = [(group, entry) for group in view.groups for entry in group.entries]
        placed = {entry.criterion_id for _group, entry in self._order[: self._placed]}
        for criterion_id, row in self.rows.items():  # (a row below those laid out yet)
            if criterion_id not in placed:
                row.setVisible(False)
        has_others = False
        position = 0
        for group in view.groups:
            if group.starts_others:
                self.groups_layout.addWidget(self.other_heading)
                has_others = True
            self.groups_layout.addWidget(self.headers[group.status])
            for entry in group.entries:
                if position < self._placed:
                    self.groups_layout.addWidget(self._show_row(group, entry, record, lang))
                position += 1
        self.other_heading.setText(view.other_heading)
        self.other_heading.setVisible(has_others)
        self._stack_in_reading_order()

    def _order_tabs(self) -> None:
        """Make Tab follow the reading order, which re-grouping has just changed."""
        listen = self.listen
        chain: list[QWidget] = [listen["prompt"], self.prompt_button]
        chain += [listen["headline"], self.outcome_text, listen["enrolling"], self.enrolling_note]
        chain += [listen["criteria"], self.led_intro]
        for status, rows in self.shown_groups():
            chain.append(self.headers[status].explanation)
            for row in rows:
                chain += [row.criterion, row.reason]
        chain += [listen["next"], self.next_text, self.change_button, self.contact_button]
        # Only widgets that take focus (labels with glossary links, buttons) can be chained.
        chain = [w for w in chain if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def shown_groups(self) -> list[tuple[CriterionStatus, list[CriterionRow]]]:
        """The status groups as laid out now, top to bottom, each with its rows."""
        groups: list[tuple[CriterionStatus, list[CriterionRow]]] = []
        for index in range(self.groups_layout.count()):
            item = self.groups_layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, GroupHeader):
                groups.append((widget.status, []))
            elif isinstance(widget, CriterionRow):
                groups[-1][1].append(widget)
        return groups

    @property
    def stale(self) -> bool:
        """Hidden, and showing another language or an earlier result (see ``_behind``).

        The window's warming then renders it again in an idle moment.
        """
        return super().stale or self._behind

    # -- session signals and actions -------------------------------------------------
    def _on_screen_shown(self, screen: str) -> None:
        # Shown: the result computed afresh (a whole render if the language changed
        # meanwhile). A page that already shows it, as the window's warming leaves it,
        # is shown as it is: refreshing it again would set every text anew and take its
        # rows out of their layout and back (a third of a first visit's time).
        if screen == self.screen_id.value:
            if super().stale:
                self.catch_up()
            elif self._behind or self._shown_for != self._inputs():
                self.refresh()

    def _on_text_scale_changed(self, scale: int) -> None:
        super()._on_text_scale_changed(scale)
        self._refresh_if_shown()

    def _refresh_if_shown(self, *_args: object) -> None:
        if self.hidden_in_stack:  # refreshed when shown (_on_screen_shown), or built on
            self._behind = True
        else:
            self.refresh()

    def _on_session_reset(self) -> None:
        # A new visitor sees the page a fresh window shows: the first rows, the rest built
        # again after its paint. The rows below those are dropped, not just hidden, so that
        # nothing holds the last visitor's answers (the words of a row follow them).
        self._placed = FIRST_ROWS
        super()._on_session_reset()
        first = {entry.criterion_id for _group, entry in self._order[:FIRST_ROWS]}
        for criterion_id in [key for key in self.rows if key not in first]:
            row = self.rows.pop(criterion_id)
            row.hide()
            row.deleteLater()
        self.restart_stages()

    def _change_answers(self) -> None:
        self.session.go_to_question(0)
        self.session.go_to(Screen.SELFCHECK)

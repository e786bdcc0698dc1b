"""What taking part involves: the record's steps, in time order, as a timeline."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.i18n import _, localize, pick
from app.i18n.format import format_number
from app.record.enums import OverallStatus
from app.record.models import ProcedureStep
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage
from app.ui.style import THEMES
from app.ui.widgets.timeline import Timeline

#: Statuses for which the steps are told as something that happened.
_ENDED = frozenset({OverallStatus.COMPLETED, OverallStatus.TERMINATED})

#: The end of a record text's first sentence (Latin or Persian punctuation, then a space).
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def first_sentence(text: str) -> str:
    """The first sentence of a text (the whole text if it has only one)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


class ProceduresScreen(ScreenPage):
    """The steps of taking part, one numbered circle each, joined by a rail on the leading side."""

    screen_id = Screen.PROCEDURES

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading_label = self.heading("h1")
        self.intro = self.text("lead")
        self.status_note = self.text("muted")
        self.timeline = Timeline(len(self.steps), self.column)
        self.timeline.term_activated.connect(session.show_term)
        self.next_button = self.button("primary")
        self.next_button.clicked.connect(lambda: session.go_to(Screen.SELFCHECK))

        self.body.addWidget(self.heading_label)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.status_note)
        self.body.addSpacing(8)
        self.body.addWidget(self.timeline)
        self.body.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeading)
        self.body.addStretch(1)
        session.high_contrast_changed.connect(self._apply_theme)
        self._apply_theme()
        self.retranslate()

    @property
    def steps(self) -> tuple[ProcedureStep, ...]:
        """The record's steps, in the record's (time) order."""
        patient = self.session.record.patient
        return patient.procedures if patient is not None else ()

    def title(self) -> str:
        """The screen's name."""
        return _("What taking part involves")

    def _apply_theme(self, *_args: object) -> None:
        colors = THEMES["high_contrast" if self.session.high_contrast else "normal"]
        self.timeline.set_line_color(colors["primary"])

    def _group_texts(self, step: ProcedureStep) -> tuple[str | None, str | None]:
        """The badge and the note saying which study group a step is for."""
        if not step.arms:
            return None, None
        record = self.session.record
        arms = {arm.label: arm for arm in record.arms}
        if record.arms and set(arms) <= set(step.arms):
            return _("For every study group"), None
        count = len(set(step.arms))
        badge = (
            _("Only for one study group")
            if count == 1
            else _("Only for {count} of the {total} study groups").format(
                count=format_number(count, self.lang), total=format_number(len(arms), self.lang)
            )
        )
        notes = []
        for label in step.arms:
            arm = arms.get(label)
            if arm is not None and arm.plain is not None:
                notes.append(first_sentence(pick(arm.plain, self.lang)))
            else:
                notes.append(localize(label, self.lang))
        return badge, " ".join(notes)

    def retranslate(self) -> None:
        """Put every word in the current language."""
        super().retranslate()
        record = self.session.record
        lang = self.lang
        ended = record.status.overall_status in _ENDED
        self.heading_label.setText(_("What taking part involves"))
        self.set_text(
            self.intro,
            _("These are the steps of taking part in this study, in the order they happened.")
            if ended
            else _("These are the steps of taking part in this study, in the order they happen."),
        )
        self.status_note.setVisible(ended)
        if ended:
            self.set_text(
                self.status_note,
                _("This study has ended. The steps show what the people in it went through."),
            )
        total = len(self.steps)
        names = {
            "when": _("When"),
            "what": _("What happens"),
            "duration": _("How long"),
            "where": _("Where"),
        }
        for index, (step, widget) in enumerate(zip(self.steps, self.timeline.steps, strict=True)):
            number = format_number(index + 1, lang)
            widget.set_number(
                number,
                _("Step {number} of {total}").format(
                    number=number, total=format_number(total, lang)
                ),
            )
            widget.set_title(localize(step.title, lang))
            badge, note = self._group_texts(step)
            widget.set_group(badge, note, lang, record)
            for key, name in names.items():
                widget.set_field(key, name, getattr(step, key), lang, record)
            widget.setLayoutDirection(self.layoutDirection())
        self.next_button.setText(_("Next: the questions"))
        self.next_button.setAccessibleName(_("Next: the questions"))
        self.next_button.setAccessibleDescription(
            _("Answer a few questions to see if the study might fit you")
        )

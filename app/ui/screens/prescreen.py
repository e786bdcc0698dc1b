"""The first step across studies: "Which of these studies might fit me?".

Three questions every record can answer from its structured fields (age, sex, healthy
volunteers), in the self-check's own widgets, then each study as may fit, does not fit
on these grounds, or closed, with the reason (:func:`app.present.catalog.prescreen`).
The answers live in the session (``Session.prescreen``) and are carried into a study's
own self-check when it is opened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import text_direction
from app.present.catalog_screen import (
    BACK_TO_ALL,
    BACK_TO_ALL_DESCRIPTION,
    age_question,
    prescreen_rows,
    prescreen_words,
)
from app.present.numbers import number_hint
from app.present.prescreen import Fit, PrescreenRow
from app.present.text import say
from app.record.enums import Sex
from app.selfcheck import NumberProblem
from app.session import Prescreen, Screen, Session
from app.ui.screens.base import ScreenPage
from app.ui.text import button_text
from app.ui.widgets.number_entry import NumberEntry

#: Each standing's frame (the result screen's verdict colours) and text tone.
ROW_ROLES = {
    Fit.MAY_FIT: "verdict-met",
    Fit.DOES_NOT_FIT: "verdict-not_met",
    Fit.CLOSED: "card-closed",
}
ROW_TONES = {Fit.MAY_FIT: "open", Fit.DOES_NOT_FIT: "closed", Fit.CLOSED: ""}
#: The answers to the sex and healthy questions, by button key (skip: not given).
SEX_KEYS: dict[str, Sex | None] = {"female": Sex.FEMALE, "male": Sex.MALE, "skip": None}
HEALTHY_KEYS: dict[str, bool | None] = {"yes": True, "no": False, "skip": None}


class PrescreenScreen(ScreenPage):
    """Age, sex and healthy volunteer, then each study with its reason."""

    screen_id = Screen.PRESCREEN

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._question = age_question()
        self.title = self.heading("h1")
        self.lead = self.text("lead")
        self.age_label = self.text("h2")
        self.age = NumberEntry(self.column)
        self.age.submitted.connect(self._show)
        self.sex_label = self.text("h2")
        self.sex_buttons = self._choices(tuple(SEX_KEYS), self._choose_sex)
        self.healthy_label = self.text("h2")
        self.healthy_buttons = self._choices(tuple(HEALTHY_KEYS), self._choose_healthy)
        self.show_button = self.button("primary")
        self.show_button.clicked.connect(self._show)
        self.results_heading = self.heading("h2")
        self.none_yet = self.text()
        self.rows_box = QWidget(self.column)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(12)
        #: The result rows now shown, by study key: (frame, open button).
        self.rows: dict[str, tuple[QFrame, QPushButton]] = {}
        show_row = QHBoxLayout()
        show_row.addWidget(self.show_button)
        show_row.addStretch(1)
        widgets: tuple[QWidget, ...] = (
            self.title,
            self.lead,
            self.age_label,
            self.age,
            self.sex_label,
        )
        for widget in widgets:
            self.body.addWidget(widget)
        self.body.addLayout(self.sex_buttons[1])
        self.body.addWidget(self.healthy_label)
        self.body.addLayout(self.healthy_buttons[1])
        self.body.addLayout(show_row)
        for widget in (self.results_heading, self.none_yet, self.rows_box):
            self.body.addWidget(widget)
        self.body.addStretch(1)
        for label, question in (
            (self.age_label, "age"),
            (self.sex_label, "sex"),
            (self.healthy_label, "healthy"),
        ):
            self.listen_beside(label, f"question[{question}]")
        bar = self.fixed_bar()
        self.back_button = self.button(parent=self.bar_column)
        self.back_button.clicked.connect(lambda: session.go_to(Screen.CATALOG))
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        session.prescreen_changed.connect(self.render)
        session.studies_changed.connect(self._on_studies_changed)
        self.render()

    def _choices(
        self, keys: tuple[str, ...], chosen: Callable[[str], None]
    ) -> tuple[dict[str, QPushButton], QVBoxLayout]:
        # One large button per answer, one under the other, as in the self-check.
        row = QVBoxLayout()
        row.setSpacing(12)
        buttons: dict[str, QPushButton] = {}
        for key in keys:
            button = self.button("answer")
            button.setCheckable(True)
            button.clicked.connect(lambda _c=False, key=key: chosen(key))
            row.addWidget(button)
            buttons[key] = button
        return buttons, row

    def _on_studies_changed(self) -> None:
        if self.hidden_in_stack:
            self._stale = True  # rendered when shown
        else:
            self.render()

    # -- answering ---------------------------------------------------------------------
    def _read_age(self) -> int | None:
        problem, value = self.age.read()
        if problem is NumberProblem.EMPTY:
            return None
        if problem is not None:
            self.age.show_problem(problem)
            return self.session.prescreen.age
        return value

    def _store(self, **changes: Any) -> None:
        self.session.set_prescreen(dataclasses.replace(self.session.prescreen, **changes))

    def _choose_sex(self, key: str) -> None:
        self._store(age=self._read_age(), sex=SEX_KEYS[key])

    def _choose_healthy(self, key: str) -> None:
        self._store(age=self._read_age(), healthy=HEALTHY_KEYS[key])

    def _show(self) -> None:
        self._store(age=self._read_age())
        self.render()

    # -- rendering ---------------------------------------------------------------------
    def render(self) -> None:
        """Put every word in the current language; the results follow the answers."""
        super().render()
        lang, answers = self.lang, self.session.prescreen
        words = prescreen_words(lang)
        self.title.setText(words["title"])
        self.set_text(self.lead, words["lead"])
        self.set_text(self.age_label, words["age"])
        self.age.show_question(self._question, self.session.record, lang, self.session.text_scale)
        self.age.range_hint.setText(number_hint(self._question, lang, "enter"))
        if self.age.read()[1] != answers.age:
            self.age.set_value(answers.age)
        self.set_text(self.sex_label, words["sex"])
        self.set_text(self.healthy_label, words["healthy"])
        for buttons, keys, given in (
            (self.sex_buttons[0], SEX_KEYS, answers.sex),
            (self.healthy_buttons[0], HEALTHY_KEYS, answers.healthy),
        ):
            for key, button in buttons.items():
                # "I would rather not say" stays unchecked: skipping is not an answer.
                chosen = given is not None and keys[key] == given
                button.setText(button_text(words[key]))
                button.setChecked(chosen)
                button.setAccessibleName(words[key])
                button.setAccessibleDescription(words["chosen" if chosen else "choose"])
        self.show_button.setText(button_text(words["show"]))
        self.show_button.setAccessibleName(words["show"])
        self.show_button.setAccessibleDescription(words["show_description"])
        self.results_heading.setText(words["results"])
        self.set_text(self.none_yet, words["none_yet"])
        back = say(BACK_TO_ALL, lang)
        self.back_button.setText(button_text(back))
        self.back_button.setAccessibleName(back)
        self.back_button.setAccessibleDescription(say(BACK_TO_ALL_DESCRIPTION, lang))
        empty = answers.empty
        self.none_yet.setVisible(empty)
        self._build_rows(() if empty else self._rows(answers, lang), words)

    def _rows(self, answers: Prescreen, lang: str) -> tuple[PrescreenRow, ...]:
        studies = self.session.studies
        return prescreen_rows(studies, answers.age, answers.sex, answers.healthy, lang)

    def _build_rows(self, rows: tuple[PrescreenRow, ...], words: dict[str, str]) -> None:
        for frame, _button in self.rows.values():
            self.rows_layout.removeWidget(frame)
            shiboken6.delete(frame)
        self.rows.clear()
        lang = self.lang
        for row in rows:
            frame, layout = self.card(ROW_ROLES[row.fit], self.rows_box)
            frame.setLayoutDirection(text_direction(lang))
            heading = self.heading("h3", frame)
            heading.setText(row.title)
            heading.setLayoutDirection(text_direction(row.text_language))
            standing = self.heading("h3", frame)
            standing.setText(row.label)
            standing.setProperty("tone", ROW_TONES[row.fit])
            reason = self.text(parent=frame)
            self.set_text(reason, row.reason)
            button = self.button(None, frame)
            button.setText(button_text(words["open"]))
            button.setAccessibleName(f"{words['open']}: {row.title}")
            button.setAccessibleDescription(words["open_description"])
            key = row.study_id
            button.clicked.connect(lambda _c=False, key=key: self.session.open_study(key))
            button_row = QHBoxLayout()
            button_row.addWidget(button)
            button_row.addStretch(1)
            for widget in (heading, standing, reason):
                layout.addWidget(widget)
            layout.addLayout(button_row)
            self.listen_beside(heading, f"row[{key}]")
            frame.setAccessibleName(row.title)
            self.rows_layout.addWidget(frame)
            self.rows[key] = (frame, button)
            last = button
        if rows:  # Tab: the rows (made after the bar's button), then Back to all studies
            QWidget.setTabOrder(last, self.back_button)

    def _on_session_reset(self) -> None:
        self.age.set_value(None)  # nothing the last visitor typed stays in the field
        super()._on_session_reset()

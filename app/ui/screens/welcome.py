"""Welcome: the study's plain title, what this is, whether it is enrolling, and the language."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.i18n import LANGUAGE_NAMES, _, text_direction
from app.i18n.enums import enum_label
from app.present.titles import plain_title
from app.session import Screen, Session
from app.ui.screens.base import ScreenPage


class WelcomeScreen(ScreenPage):
    """The first screen a visitor sees."""

    screen_id = Screen.WELCOME

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        record = session.record
        self.study_title = self.heading("h1")
        self.what_this_is = self.text("lead")
        self.notice, notice_layout = self.card("notice")
        self.status = self.heading("h3")
        self.status.setParent(self.notice)
        self.enrolling_note = self.text(parent=self.notice)
        notice_layout.addWidget(self.status)
        notice_layout.addWidget(self.enrolling_note)

        self.choose_language = self.heading("h2")
        languages = QHBoxLayout()
        languages.setSpacing(16)
        self.language_buttons: dict[str, QPushButton] = {}
        for lang in record.languages:
            button = self.button("answer")
            button.setCheckable(True)
            button.setText(LANGUAGE_NAMES.get(lang, lang))
            button.setLayoutDirection(text_direction(lang))
            button.clicked.connect(lambda _c=False, lang=lang: session.set_language(lang))
            languages.addWidget(button)
            self.language_buttons[lang] = button
        languages.addStretch(1)

        actions = QHBoxLayout()
        actions.setSpacing(16)
        self.start = self.button("primary")
        self.start.clicked.connect(lambda: session.go_to(Screen.ABOUT))
        self.to_selfcheck = self.button()
        self.to_selfcheck.clicked.connect(lambda: session.go_to(Screen.SELFCHECK))
        actions.addWidget(self.start)
        actions.addWidget(self.to_selfcheck)
        actions.addStretch(1)

        self.body.addWidget(self.study_title)
        self.body.addWidget(self.what_this_is)
        self.body.addWidget(self.notice)
        self.body.addSpacing(8)
        self.body.addWidget(self.choose_language)
        self.body.addLayout(languages)
        self.body.addSpacing(8)
        self.body.addLayout(actions)
        self.body.addStretch(1)
        self.listen_beside(self.status, "notice")
        self.render()

    def render(self) -> None:
        """Put every word in the current language."""
        super().render()
        record = self.session.record
        lang = self.lang
        self.study_title.setText(plain_title(record, lang))
        self.set_text(
            self.what_this_is,
            _(
                "This guide explains one research study in plain words. It shows what "
                "taking part involves, and a few questions help you see if the study "
                "might fit you."
            ),
        )
        # The label says it whole ("Completed: no longer taking new people").
        self.status.setText(enum_label(record.status.overall_status))
        if record.patient is not None:
            self.set_text(self.enrolling_note, record.patient.enrolling_note)
        else:
            self.set_text(
                self.enrolling_note,
                _("This study is taking new people now.")
                if record.enrolling
                else _("This study is not taking new people now."),
            )
        self.choose_language.setText(_("Choose your language"))
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)
            button.setAccessibleName(LANGUAGE_NAMES.get(code, code))
            button.setAccessibleDescription(_("Show everything in this language"))
        self.start.setText(_("Start"))
        self.start.setAccessibleName(_("Start"))
        self.start.setAccessibleDescription(_("Read about the study, step by step"))
        self.to_selfcheck.setText(_("Go to the questions"))
        self.to_selfcheck.setAccessibleName(_("Go to the questions"))
        self.to_selfcheck.setAccessibleDescription(
            _("Answer a few questions to see if the study might fit you")
        )

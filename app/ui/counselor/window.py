"""The counselor view: for a counselor at a desk with a patient.

The study in the patient's language beside a second language, the registry's own words
beside each plain text, a jump list of every section, and the self-check with the
patient's answers, editable, and its live result. It shares the patient window's
:class:`~app.session.Session`, so both show the same answers. Closing the view or
starting over forgets the answers.
"""

from __future__ import annotations

import logging
import os

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFontDatabase,
    QKeySequence,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import FONT_FAMILY, _, text_direction
from app.i18n.format import FSI, PDI
from app.session import Screen, Session
from app.ui.counselor.answers import SelfCheckPanel
from app.ui.counselor.bar import CounselorBar
from app.ui.counselor.jumplist import JumpList
from app.ui.counselor.parallel import ParallelView
from app.ui.counselor.style import counselor_stylesheet
from app.ui.fonts import load_fonts
from app.ui.popover import TermPopover
from app.ui.style import THEMES, px, restyling
from app.ui.text import WrapLabel

log = logging.getLogger("trialguide.counselor")

#: The jump list's entry for the self-check panel (not a section of the text).
ANSWERS = "answers"


class CounselorWindow(QMainWindow):
    """Side-by-side languages, registry text, jump list, and the editable self-check.

    Holds no state of its own beyond which second language is shown: the session holds
    the patient's language and answers. Re-renders on ``language_changed``,
    ``answers_changed`` and ``reset_done``; widgets are built once.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if FONT_FAMILY not in QFontDatabase.families():
            load_fonts()
        self.session = session
        if session.catalog and session.study is None:
            session.go_to(Screen.WELCOME)  # a catalog: the study last seen, else the first
        self._patient_lang = session.language
        self.second_lang: str | None = self._other_language(session.language)
        self._sized = False
        self.setObjectName("CounselorWindow")
        root = QWidget(self)
        root.setObjectName("Root")
        root.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(root)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.bar = CounselorBar(session, root)
        self.second_combo = self.bar.second_combo
        self.handout_combo = self.bar.handout_combo
        self.print_button = self.bar.print_button
        self.save_button = self.bar.save_button
        self.start_over = self.bar.start_over
        self.close_button = self.bar.close_button
        self.second_combo.activated.connect(self._on_second_chosen)
        self.bar.study_combo.activated.connect(self._on_study_chosen)
        self.print_button.clicked.connect(self.print_handout)
        self.save_button.clicked.connect(self.save_handout)
        self.start_over.clicked.connect(session.reset)
        self.close_button.clicked.connect(self.close)
        layout.addWidget(self.bar)

        # Jump list | both languages and the registry text | the self-check.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, root)
        self.splitter.setChildrenCollapsible(False)
        self.jump_list = JumpList(self.splitter)
        self.view = ParallelView(session.record, self.splitter)
        self._fill_jump_list()
        self.jump_list.itemClicked.connect(self._on_jump)
        self.jump_list.itemActivated.connect(self._on_jump)
        self.view.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.panel = SelfCheckPanel(session, self.splitter)
        for index, stretch in enumerate((0, 1, 0)):
            self.splitter.setStretchFactor(index, stretch)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(root)

        self.status = WrapLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().hide()  # shown when there is something to say
        self.popover = TermPopover(session, root)
        self.popover.all_terms.clicked.disconnect()
        self.popover.all_terms.clicked.connect(self._show_glossary)
        self.view.term_activated.connect(self.popover.show_term)
        self.panel.term_activated.connect(self.popover.show_term)
        # F6 / Shift+F6 move between the bar, the jump list, the text and the answers.
        for key, step in ((Qt.Key.Key_F6, 1), (Qt.Modifier.SHIFT | Qt.Key.Key_F6, -1)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda step=step: self.cycle_pane(step))

        session.language_changed.connect(self._on_language_changed)
        session.text_scale_changed.connect(self._apply_style)
        session.high_contrast_changed.connect(self._apply_style)
        session.reset_done.connect(self._on_reset)
        session.study_changed.connect(self._on_study_changed)
        session.studies_changed.connect(self.retranslate)
        self._apply_style()
        self.resize(1280, 800)
        # The panes get their widths now, not when first shown: the study text (every
        # section, in two languages) is then laid out once, at the width it is shown
        # at, not first at the splitter's even split and again after (a few hundred ms).
        self._size_panes()
        self._on_language_changed(session.language)

    def _other_language(self, lang: str, previous: str | None = None) -> str | None:
        """The second language to show beside ``lang``: ``previous`` if it can be, or the next."""
        others = [code for code in self.session.record.languages if code != lang]
        if previous in others:
            return previous
        return others[0] if others else None

    # -- rendering -------------------------------------------------------------------
    def retranslate(self) -> None:
        """Put the view's own words in the patient's language."""
        session = self.session
        lang = session.language
        self.setLayoutDirection(text_direction(lang))
        self.bar.retranslate(self.second_lang)
        self.setWindowTitle(self.bar.title.text())
        self.jump_list.setAccessibleName(_("Sections"))
        self.jump_list.setAccessibleDescription(
            _("Choose a section to show it at the top of both columns")
        )
        for index in range(self.jump_list.count()):
            item = self.jump_list.item(index)
            key = item.data(Qt.ItemDataRole.UserRole)
            section = next((s for s in self.view.sections if s.key == key), None)
            item.setText(_(section.title) if section else _("The patient's answers"))
        self.view.setAccessibleName(_("The study in two languages and the registry's words"))
        self.view.setAccessibleDescription(
            _("Both languages scroll together. Press F6 to move to the next part of the view.")
        )
        self.panel.setAccessibleName(_("The patient's answers"))
        self.panel.setAccessibleDescription(
            _("Every question with the patient's answer, then the live result")
        )
        self.status.setLayoutDirection(text_direction(lang))

    def _on_language_changed(self, lang: str) -> None:
        if self.second_lang == lang:
            self.second_lang = self._other_language(lang, self._patient_lang)
        self._patient_lang = lang
        self.bar.choose_handout_language(lang)
        self.retranslate()
        self.view.set_languages(lang, self.second_lang)
        self.panel.set_second_language(self.second_lang)

    def _on_second_chosen(self, index: int) -> None:
        self.second_lang = self.second_combo.itemData(index)
        self.view.set_languages(self.session.language, self.second_lang)
        self.panel.set_second_language(self.second_lang)

    def _fill_jump_list(self) -> None:
        self.jump_list.clear()
        for section in self.view.sections:
            QListWidgetItem(self.jump_list).setData(Qt.ItemDataRole.UserRole, section.key)
        QListWidgetItem(self.jump_list).setData(Qt.ItemDataRole.UserRole, ANSWERS)

    def _on_study_chosen(self, index: int) -> None:
        key = self.bar.study_combo.itemData(index)
        if key and key != self.session.study:
            self.session.open_study(key)

    def _on_study_changed(self, key: str) -> None:
        """Another study of the catalog: its text and its own answers (kept per study)."""
        if not key:  # the counselor view always shows a study
            self.session.go_to(Screen.WELCOME)
            return
        old_view, old_panel = self.view, self.panel
        self.view = ParallelView(self.session.record)
        self.panel = SelfCheckPanel(self.session)
        self.splitter.replaceWidget(1, self.view)
        self.splitter.replaceWidget(2, self.panel)
        for widget in (old_view, old_panel):
            shiboken6.delete(widget)  # now: it would re-render the new study's signals
        self._fill_jump_list()
        self.view.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.view.term_activated.connect(self.popover.show_term)
        self.panel.term_activated.connect(self.popover.show_term)
        if self.second_lang not in self.session.record.languages:
            self.second_lang = self._other_language(self.session.language)
        self.bar.fill_handout_languages()
        self._on_language_changed(self.session.language)
        self._apply_style()
        if self._sized:
            self._size_panes()

    def _on_reset(self) -> None:
        if self.session.catalog and self.session.study is None:
            self.session.go_to(Screen.WELCOME)  # forgotten; the first study, afresh
        # A reset emits only reset_done: follow the default language, size and theme.
        if self.session.language != self._patient_lang:
            self._on_language_changed(self.session.language)
        session = self.session
        if self.styleSheet() != counselor_stylesheet(session.text_scale, session.high_contrast):
            self._apply_style()
        self._say("")
        self.popover.hide()
        self.view.verticalScrollBar().setValue(0)
        self.panel.verticalScrollBar().setValue(0)

    def _apply_style(self, *_args: object) -> None:
        scale = self.session.text_scale
        high_contrast = self.session.high_contrast
        # Links in rich text (glossary terms) take the palette's link colour: the same
        # application palette the patient window sets, so both windows agree. Set it
        # before the style sheet, whose polish hands each widget the palette.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            palette = app.palette()
            colors = THEMES["high_contrast" if high_contrast else "normal"]
            palette.setColor(QPalette.ColorRole.Link, QColor(colors["primary"]))
            palette.setColor(QPalette.ColorRole.LinkVisited, QColor(colors["primary"]))
            app.setPalette(palette)
        sheet = counselor_stylesheet(scale, high_contrast)
        # High contrast on or off changes only colours: no text needs laying out again.
        with restyling(self, self.styleSheet(), sheet):
            self.setStyleSheet(sheet)
        self.view.set_text_scale(scale)
        if self._sized:
            self._size_panes()

    def _size_panes(self) -> None:
        """Give the text most of the width; the side panes grow with the text size."""
        width = max(self.splitter.width(), self.width())
        em = px("body", self.session.text_scale)
        jump = min(max(round(width * 0.16), 7 * em), round(width * 0.22), 12 * em)
        panel = min(round(width * 0.3), 24 * em)
        self.splitter.setSizes([jump, max(1, width - jump - panel), panel])

    def showEvent(self, event: QShowEvent) -> None:
        """Size the panes for the window the first time it is shown."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._size_panes()

    # -- actions ---------------------------------------------------------------------
    def jump_to(self, key: str) -> None:
        """Show a section at the top of both columns (or the answers panel, focused)."""
        if key == ANSWERS:
            self.panel.verticalScrollBar().setValue(0)
            self.panel.focus_first()
        else:
            self.view.scroll_to(key)

    def cycle_pane(self, step: int) -> None:
        """Move the keyboard focus to the next (or previous) pane."""
        panes: list[QWidget] = [self.second_combo, self.jump_list, self.view, self.panel]
        focused = QApplication.focusWidget()
        current = next(
            (
                i
                for i, pane in enumerate(panes)
                if focused is not None and (pane is focused or pane.isAncestorOf(focused))
            ),
            -1,
        )
        target = panes[(current + step) % len(panes)]
        if target is self.panel:
            self.panel.focus_first()
        else:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_jump(self, item: QListWidgetItem) -> None:
        self.jump_to(item.data(Qt.ItemDataRole.UserRole))

    def _follow_scroll(self, value: int) -> None:
        """Mark the section now at the top of the text in the jump list."""
        current = self.view.section_at(value)
        if self.jump_list.currentRow() != current:
            self.jump_list.setCurrentRow(current)

    def _show_glossary(self) -> None:
        self.popover.hide()
        self.jump_to("glossary")

    def _handout_language(self) -> str:
        return str(self.handout_combo.currentData() or self.session.language)

    def print_handout(self) -> bool:
        """Qt's print dialog, then the handout printed through Qt; whether it printed."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"TrialGuide {self.session.record.identification.nct_id}")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the handout"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        # The handout (fpdf2 and its fonts) is imported when first printed or saved: about
        # a fifth of a second the counselor view's start does not need.
        from app.handout.paper import print_handout

        result = self.session.result() if self.session.answers else None
        try:
            pages = print_handout(
                self.session.record,
                self._handout_language(),
                printer,
                result,
                large_print=self.bar.large_print.isChecked(),
            )
        except OSError as exc:
            self._say(_("The handout could not be printed: {error}").format(error=exc))
            return False
        name = printer.printerName() or printer.outputFileName()
        log.info("Counselor: the handout was printed (%d pages)", pages)
        self._say(_("Sent the handout to {printer}.").format(printer=f"{FSI}{name}{PDI}"))
        return True

    def save_dialog(self, suggested: str) -> QFileDialog:
        """A save-as dialog for a PDF, wide enough to show the whole suggested name."""
        dialog = QFileDialog(self, _("Save the handout"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        # Qt's own dialog: the native one cannot be sized, and its name field clipped
        # "TrialGuide-NCT05703308-en.pdf".
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter(_("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(os.path.dirname(suggested))
        dialog.selectFile(os.path.basename(suggested))
        name = os.path.basename(suggested)
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        metrics = (field or dialog).fontMetrics()
        # The name with room to edit it, plus the "File name:" label and the margins
        # beside the field (about 300 px at any text size this view uses).
        wanted = metrics.horizontalAdvance(name) + 40 + 2 * metrics.height() + 300
        dialog.resize(max(dialog.sizeHint().width(), 760, wanted), 520)
        return dialog

    def save_handout(self) -> str | None:
        """Ask where to save the handout, then write it; return the path (None if not)."""
        lang = self._handout_language()
        nct_id = self.session.record.identification.nct_id
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = os.path.join(folder, f"TrialGuide-{nct_id}-{lang}.pdf")
        dialog = self.save_dialog(suggested)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return None
            path = dialog.selectedFiles()[0]
        finally:
            dialog.deleteLater()
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        from app.handout import write_handout  # (see print_handout)

        result = self.session.result() if self.session.answers else None
        shown = f"{FSI}{path}{PDI}"
        try:
            large = self.bar.large_print.isChecked()
            write_handout(self.session.record, lang, path, result, large_print=large)
        except OSError as exc:
            self._say(
                _("The handout could not be saved to {path}: {error}").format(
                    path=shown, error=exc.strerror or exc
                )
            )
            return None
        self._say(_("Saved the handout to {path}.").format(path=shown))
        return path

    def _say(self, message: str) -> None:
        """Show a message in the status line (hidden again when there is none)."""
        self.status.setText(message)
        self.status.setAccessibleName(message)
        self.statusBar().setVisible(bool(message))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Leaving the counselor view forgets the answers (and the rest of the visit)."""
        self.popover.hide()
        self.session.reset()
        super().closeEvent(event)

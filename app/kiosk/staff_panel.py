"""The staff panel, behind the PIN: what is running, and the ways out of kiosk mode."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFormLayout, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.catalog import source_name
from app.i18n import LANGUAGE_NAMES, _, is_rtl, localize, ngettext, text_direction
from app.i18n.format import FSI, PDI, format_number
from app.kiosk.banner import DraftBanner
from app.kiosk.info import StaffInfo
from app.kiosk.overlay import Overlay
from app.record.approval import ApprovalState, ApprovalStatus, SignatureState

ZWSP = "\u200b"


def grouped_digest(digest: str, size: int = 8) -> str:
    """A hex digest in groups of ``size`` characters, so that it wraps and reads easily."""
    return " ".join(digest[i : i + size] for i in range(0, len(digest), size))


def breakable_path(path: str) -> str:
    """A path that may wrap after each separator (zero-width spaces)."""
    return path.replace("/", "/" + ZWSP).replace("\\", "\\" + ZWSP)


def signature_text(status: ApprovalStatus) -> str:
    """What the approval stamp's signature says, for the staff panel's "Signature" row."""
    # The fingerprint is Latin hex: isolated, so that it keeps its order in Persian.
    key = f"{FSI}{status.signer}{PDI}"
    signature = status.signature
    if signature is SignatureState.TRUSTED:
        return _("Signed by key {fingerprint}").format(fingerprint=key)
    if signature is SignatureState.UNTRUSTED:
        return _("Signed by an untrusted key {fingerprint}").format(fingerprint=key)
    if signature is SignatureState.MISMATCH:
        return _(
            "The signature does not match the stamp: its note, time or digest changed "
            "after signing, or the signature is damaged"
        )
    if signature is SignatureState.SIGNED:
        return _(
            "Signed by key {fingerprint} (not checked: the config names no trusted keys)"
        ).format(fingerprint=key)
    if status.signature_required:
        return _("Not signed")
    return _("Not signed (not required: the config names no trusted keys)")


class StaffPanel(Overlay):
    """Record, approval, settings and version; back, leave kiosk, counselor mode, quit.

    Signals:
        back_requested(): go back to the visitor screen.
        leave_kiosk_requested(): make the window a normal window.
        counselor_requested(): open counselor mode.
        quit_requested(): quit TrialGuide.
        language_requested(str): show everything in this language.
    """

    back_requested = Signal()
    leave_kiosk_requested = Signal()
    counselor_requested = Signal()
    quit_requested = Signal()
    language_requested = Signal(str)

    def __init__(self, parent: QWidget, info: StaffInfo, kiosk: bool = True) -> None:
        super().__init__(parent, card_width=880)
        self.info = info
        self._lang = "en"
        self._kiosk = kiosk
        self._message = ""
        self.title = QLabel(self.card)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setProperty("role", "h1")
        self.title.setWordWrap(True)
        self.banner = DraftBanner(info.approval.state, slim=False, parent=self.card)

        languages = QHBoxLayout()
        languages.setSpacing(12)
        self.language_buttons: dict[str, QPushButton] = {}
        for lang in info.languages:
            button = QPushButton(LANGUAGE_NAMES.get(lang, lang), self.card)
            button.setProperty("role", "answer")
            button.setStyleSheet("min-height: 48px; padding: 4px 16px;")
            button.setCheckable(True)
            button.setLayoutDirection(text_direction(lang))
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, lang=lang: self.language_requested.emit(lang))
            languages.addWidget(button)
            self.language_buttons[lang] = button

        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setHorizontalSpacing(18)
        self.form.setVerticalSpacing(10)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        for key in (
            "record",
            "studies",
            "left_out",
            "study",
            "version",
            "approval",
            "signature",
            "note",
            "digest",
            "recordings",
            "idle",
            "config",
            "log",
            "app",
        ):
            name = QLabel(self.card)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setStyleSheet("font-weight: 700;")
            name.setWordWrap(True)
            value = QLabel(self.card)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            self.form.addRow(name, value)
            self.rows[key] = (name, value)

        self.message = QLabel(self.card)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "lead")
        self.message.hide()

        # Two columns of buttons: they fit the card at 200% text in either language.
        actions = QGridLayout()
        actions.setSpacing(12)
        self.back_button = self._button("primary", self.back_requested)
        self.leave_button = self._button(None, self.leave_kiosk_requested)
        self.counselor_button = self._button(None, self.counselor_requested)
        self.quit_button = self._button(None, self.quit_requested)
        actions.addWidget(self.back_button, 0, 0)
        actions.addWidget(self.leave_button, 0, 1)
        actions.addWidget(self.counselor_button, 1, 0)
        actions.addWidget(self.quit_button, 1, 1)

        # The ways out come first, so staff never scroll to find them; the facts follow.
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(self.title, 1)
        title_row.addLayout(languages)
        self.card_layout.addLayout(title_row)
        self.card_layout.addWidget(self.banner)
        self.card_layout.addLayout(actions)
        self.card_layout.addWidget(self.message)
        self.card_layout.addLayout(self.form)
        self.set_text_scale(100)
        self.retranslate()

    def _button(self, role: str | None, signal: SignalInstance) -> QPushButton:
        button = QPushButton(self.card)
        if role:
            button.setProperty("role", role)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda _checked=False: signal.emit())
        return button

    def first_focus(self) -> QWidget | None:
        """Back to the visitor screen."""
        return self.back_button

    def set_kiosk(self, kiosk: bool) -> None:
        """Offer "Leave kiosk mode" only while in kiosk mode."""
        self._kiosk = kiosk
        self.leave_button.setVisible(kiosk)

    def show_message(self, text: str) -> None:
        """Show a note to staff (for example why counselor mode cannot open)."""
        self._message = text
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def open(self) -> None:
        """Show the panel, without an old note (and with the catalog as loaded by now)."""
        self.show_message("")
        self.retranslate()
        super().open()

    def set_language(self, lang: str) -> None:
        """Speak ``lang``."""
        super().set_language(lang)
        self._lang = lang
        self.retranslate()

    def _set_row(self, key: str, name: str, value: str, accessible: str | None = None) -> None:
        name_label, value_label = self.rows[key]
        name_label.setText(name)
        value_label.setText(value)
        value_label.setAccessibleName(f"{name} {accessible or value}")

    def retranslate(self) -> None:
        """Put every word in the current language."""
        info, lang = self.info, self._lang
        self.title.setText(_("Staff panel"))
        self.setAccessibleName(_("Staff panel"))
        self.banner.retranslate(lang)
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)
            button.setAccessibleName(LANGUAGE_NAMES.get(code, code))
            button.setAccessibleDescription(
                _("Show everything in {language}").format(language=LANGUAGE_NAMES.get(code, code))
            )
        if info.record_source:
            self._set_row(
                "record", _("Record file"), breakable_path(info.record_source), info.record_source
            )
        else:
            self._set_row("record", _("Record file"), _("The embedded default record"))
        self._show_catalog()
        self._show_recordings()
        self._set_row("study", _("Study"), info.nct_id)
        self._set_row("version", _("Content version"), info.content_version)
        state = info.approval.state
        approval = {
            ApprovalState.APPROVED: _("Approved: the content matches its approval stamp"),
            ApprovalState.UNAPPROVED: _("Not approved: the record has no approval stamp"),
            ApprovalState.MODIFIED: _("Not approved: the content changed after it was approved"),
            ApprovalState.UNVERIFIED: _(
                "Not approved: the record has no valid signature by a trusted key"
            ),
        }[state]
        self._set_row("approval", _("Approval"), approval)
        self._set_row("signature", _("Signature"), signature_text(info.approval))
        note = " ".join(part for part in (info.approval.note, info.approval.approved_at) if part)
        self._set_row("note", _("Approval note"), note or "—")
        self._set_row(
            "digest",
            _("Content digest (SHA-256)"),
            grouped_digest(info.approval.digest),
            info.approval.digest,
        )
        self._set_row(
            "idle",
            _("Idle reset"),
            localize(
                _(
                    "After {idle} seconds without a touch, a countdown of {countdown} seconds, "
                    "then the screen starts over"
                ).format(
                    idle=format_number(info.idle_seconds, lang),
                    countdown=format_number(info.countdown_seconds, lang),
                ),
                lang,
            ),
        )
        if info.config_path:
            config = breakable_path(info.config_path)
            shown = (
                config
                if info.config_found
                else _("{path} (not found: the default settings are in use)").format(path=config)
            )
        else:
            shown = _("None: the default settings are in use")
        self._set_row("config", _("Config file"), shown, info.config_path)
        self._set_row(
            "log",
            _("Log file"),
            breakable_path(info.log_path) if info.log_path else _("No log is written"),
            info.log_path,
        )
        self._set_row("app", _("TrialGuide version"), info.app_version)
        # File names, ids and digests are Latin: they stay left to right in Persian too,
        # aligned next to their names (so the alignment is absolute, not mirrored).
        latin = {"study", "version", "digest", "app", "left_out"}
        if info.record_source:
            latin.add("record")
        if info.config_path and info.config_found:
            latin.add("config")
        if info.log_path:
            latin.add("log")
        side = Qt.AlignmentFlag.AlignRight if is_rtl(lang) else Qt.AlignmentFlag.AlignLeft
        for key, (_name, value) in self.rows.items():
            value.setLayoutDirection(
                Qt.LayoutDirection.LeftToRight if key in latin else text_direction(lang)
            )
            value.setAlignment(
                side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
            )

        self.back_button.setText(_("Back to the visitor screen"))
        self.back_button.setAccessibleName(_("Back to the visitor screen"))
        self.back_button.setAccessibleDescription(_("Close the staff panel"))
        self.leave_button.setText(_("Leave kiosk mode"))
        self.leave_button.setAccessibleName(_("Leave kiosk mode"))
        self.leave_button.setAccessibleDescription(
            _("Make TrialGuide a normal window that can be closed")
        )
        self.leave_button.setVisible(self._kiosk)
        self.counselor_button.setText(_("Counselor mode"))
        self.counselor_button.setAccessibleName(_("Counselor mode"))
        self.counselor_button.setAccessibleDescription(
            _("Open the counselor view with the visitor's answers")
        )
        self.quit_button.setText(_("Quit TrialGuide"))
        self.quit_button.setAccessibleName(_("Quit TrialGuide"))
        self.quit_button.setAccessibleDescription(_("Close TrialGuide completely"))

    def _show_recordings(self) -> None:
        """The record's recorded voices: all usable, or each one read by synthesis instead."""
        total, problems = self.info.recordings_now()
        self.form.setRowVisible(self.rows["recordings"][1], total > 0)
        if not total:
            return
        if problems:
            lead = _(
                "Recordings that cannot be used: {count} of {total}. Listen reads their "
                "texts with the built-in voice instead:"
            ).format(
                count=format_number(len(problems), self._lang),
                total=format_number(total, self._lang),
            )
            lines = [f"{FSI}{problem}{PDI}" for problem in problems]
            value = "\n".join([lead, *lines])
        else:
            value = ngettext(
                "{total} recording, present and unchanged.",
                "All {total} recordings present and unchanged.",
                total,
            ).format(total=format_number(total, self._lang))
        self._set_row("recordings", _("Recorded voices"), value)

    def _show_catalog(self) -> None:
        """A catalog's studies, and the records left out with every problem (staff only)."""
        info = self.info
        for key in ("studies", "left_out"):
            self.form.setRowVisible(self.rows[key][1], info.catalog is not None)
        if info.catalog is None:
            return
        # Ids, file names and the validator's messages are Latin: each line isolated, so
        # that a Persian panel keeps their order (and their brackets) as written.
        shown = [
            _("{study} ({file}): {approval}").format(
                study=f"{FSI}{entry.study_id}{PDI}",
                file=f"{FSI}{source_name(entry.source)}{PDI}",
                approval=_("approved")
                if entry.approval is not None and entry.approval.state is ApprovalState.APPROVED
                else _("draft, not approved"),
            )
            for entry in info.studies
        ]
        self._set_row("studies", _("Studies shown"), "\n".join(shown) or "—")
        broken = [
            "\n".join(
                f"{FSI}{line}{PDI}"
                for line in (source_name(entry.source), *(f"  {p}" for p in entry.problems))
            )
            for entry in info.broken
        ]
        self.form.setRowVisible(self.rows["left_out"][1], bool(broken))
        self._set_row(
            "left_out",
            _("Records left out"),
            breakable_path("\n".join(broken)),
            "\n".join(broken),
        )

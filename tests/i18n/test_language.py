"""Switching the interface language: gettext, Qt's own translator, layout direction."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import app.i18n as i18n
from app.i18n import (
    LANGUAGE_NAMES,
    N_,
    SUPPORTED,
    _,
    current_language,
    is_rtl,
    localize,
    ngettext,
    pick,
    qlocale,
    set_language,
    text_direction,
    translation,
)
from app.i18n.format import FSI, PDI

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _back_to_english() -> Iterator[None]:
    yield
    set_language("en")


def has_persian(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_constants() -> None:
    assert SUPPORTED == ("en", "fa")
    assert set(LANGUAGE_NAMES) == set(SUPPORTED)
    assert LANGUAGE_NAMES["fa"] == "فارسی"
    assert N_("Phase 3") == "Phase 3"


def test_set_language_swaps_gettext() -> None:
    assert current_language() == "en"
    assert _("Phase 3") == "Phase 3"
    set_language("fa")
    assert current_language() == "fa"
    assert _("Phase 3") == "فاز ۳"
    assert _("a message nobody translated") == "a message nobody translated"
    set_language("en")
    assert _("Phase 3") == "Phase 3"


def test_ngettext_follows_the_language() -> None:
    assert ngettext("{number} year", "{number} years", 1) == "{number} year"
    assert ngettext("{number} year", "{number} years", 3) == "{number} years"
    set_language("fa")
    assert ngettext("{number} year", "{number} years", 3) == "{number} سال"


def test_translation_does_not_touch_the_current_language() -> None:
    assert translation("fa").gettext("Phase 3") == "فاز ۳"
    assert translation("en").gettext("Phase 3") == "Phase 3"
    assert current_language() == "en"


def test_unsupported_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        set_language("de")
    assert current_language() == "en"


def test_direction_helpers() -> None:
    assert is_rtl("fa") and is_rtl("fa_IR") and is_rtl("ar")
    assert not is_rtl("en")
    assert text_direction("fa") == Qt.LayoutDirection.RightToLeft
    assert text_direction("en") == Qt.LayoutDirection.LeftToRight
    assert qlocale("fa").name() == "fa_IR"
    assert qlocale("en").name() == "en_US"


def test_qt_translator_and_direction_follow_the_language(qapp: QApplication) -> None:
    set_language("fa")
    assert has_persian(QCoreApplication.translate("QPlatformTheme", "Cancel"))
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_standard_dialog_buttons_speak_persian(qapp: QApplication, qtbot) -> None:
    set_language("fa")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    text = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert has_persian(text), text


def test_switching_language_keeps_one_qt_translator(qapp: QApplication) -> None:
    set_language("fa")
    first = i18n._qt_translator
    assert first is not None and first.catalog is not None
    set_language("en")
    assert i18n._qt_translator is first and first.catalog is None
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    set_language("fa")
    assert i18n._qt_translator is first
    assert has_persian(QCoreApplication.translate("QPlatformTheme", "Cancel"))
    # A message Qt's Persian catalog lacks stays English, never empty.
    assert QCoreApplication.translate("QPlatformTheme", "No such message") == "No such message"


def test_a_language_switch_sends_widgets_no_language_change_event(qapp: QApplication) -> None:
    """Installing or removing a translator would send LanguageChange to every widget."""
    set_language("fa")
    set_language("en")

    class Counter(QObject):
        seen = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LanguageChange:
                Counter.seen += 1
            return False

    counter = Counter()
    qapp.installEventFilter(counter)
    try:
        set_language("fa")
        set_language("en")
        qapp.processEvents()
    finally:
        qapp.removeEventFilter(counter)
    assert Counter.seen == 0


def test_bundled_qt_translations_are_searched_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "qt").mkdir()
    monkeypatch.setattr(i18n.resources, "files", lambda package: tmp_path)
    dirs = i18n._qt_translation_dirs()
    assert dirs[0] == str(tmp_path / "qt")
    assert len(dirs) == 2


def test_set_language_without_an_application() -> None:
    code = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication
        from app.i18n import _, set_language
        set_language("fa")
        assert _("Phase 3") == "فاز ۳"
        assert QCoreApplication.instance() is None
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_pick_falls_back_to_english_then_first() -> None:
    text = {"en": "Hello", "fa": "سلام"}
    assert pick(text, "fa") == "سلام"
    assert pick(text, "en") == "Hello"
    assert pick({"en": "Hello"}, "fa") == "Hello"
    assert pick({"de": "Hallo", "tr": "Merhaba"}, "fa") == "Hallo"
    assert pick(None, "fa") == ""
    assert pick({}, "fa") == ""


def test_pick_uses_the_current_language() -> None:
    text = {"en": "Hello", "fa": "سلام"}
    assert pick(text) == "Hello"
    set_language("fa")
    assert pick(text) == "سلام"


def test_localize_typesets_persian_only() -> None:
    text = {"en": "AFC < 4, age 25", "fa": "اگر AFC < 4 باشد، سن 25"}
    assert localize(text, "fa") == f"اگر {FSI}AFC < 4{PDI} باشد، سن ۲۵"
    assert localize(text, "en") == "AFC < 4, age 25"
    # A fallback to English stays English.
    assert localize({"en": "AFC < 4, age 25"}, "fa") == "AFC < 4, age 25"
    # A string is taken as already in the language (a filled-in message).
    assert localize("شماره NCT05703308", "fa") == f"شماره {FSI}NCT05703308{PDI}"
    assert localize(None, "fa") == ""


def test_speaking_a_language_for_a_block_touches_nothing_of_qt(qapp):
    """The window builds a page unseen in the other language: nothing on screen notices."""
    set_language("en")
    direction = QGuiApplication.layoutDirection()
    with i18n.speaking("fa"):
        assert current_language() == "fa"
        assert _("Study details") == translation("fa").gettext("Study details") != "Study details"
        assert QGuiApplication.layoutDirection() == direction
    assert current_language() == "en" and _("Study details") == "Study details"
    with pytest.raises(ValueError), i18n.speaking("xx"):
        pass
    assert current_language() == "en"

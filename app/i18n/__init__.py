"""Interface language: gettext catalogs, Qt's own translator and layout direction.

Interface words (buttons, headings, messages) are gettext messages marked with :func:`_`
(or :func:`N_` where the text is only *named* and translated later) and kept in
``translations/``. Import ``_`` from here; it is never installed into builtins::

    from app.i18n import _, ngettext

    label.setText(_("Start the self-check"))
    note.setText(ngettext("{n} question", "{n} questions", n).format(n=n))

Trial words are not interface words: they come from the record, as a
``{language: text}`` mapping, through :func:`pick` or :func:`localize`.

Only the standard library and PySide6's QtCore/QtGui are imported here (no Babel, no
QtWidgets) so that start-up stays fast and the layer rule holds. Formatting of numbers,
dates and ranges lives in :mod:`app.i18n.format`; plain names of the record's enums in
:mod:`app.i18n.enums`.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, Qt, QTranslator
from PySide6.QtGui import QGuiApplication

from app import pyside_hook

# The first of the app's modules to bring in Qt: every module imported from here on is
# looked at by PySide6's import hook, which this makes cheap (see app.pyside_hook).
pyside_hook.install()

__all__ = [
    "DOMAIN",
    "FONT_FAMILY",
    "LANGUAGE_NAMES",
    "N_",
    "SOURCE_LANGUAGE",
    "SUPPORTED",
    "_",
    "current_language",
    "is_rtl",
    "localize",
    "ngettext",
    "pick",
    "qlocale",
    "set_language",
    "speaking",
    "text_direction",
    "translation",
]

#: Languages the interface speaks, in menu order. English is the source language.
SUPPORTED: tuple[str, ...] = ("en", "fa")

#: The language the messages are written in (no catalog needed).
SOURCE_LANGUAGE = "en"

#: Each supported language, named in itself (for the language switch).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fa": "فارسی"}

#: The typeface for every language: Vazirmatn covers Persian and Latin, and ships in
#: ``resources/fonts`` (screens and the handout use it alike).
FONT_FAMILY = "Vazirmatn"

#: The gettext domain: ``translations/<lang>/LC_MESSAGES/app.mo``.
DOMAIN = "app"

#: Base language codes written right to left.
_RTL_LANGUAGES = frozenset({"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})

#: The QLocale used for each supported language (country matters for fa: Iran).
_QT_LOCALE_NAMES: dict[str, str] = {"en": "en_US", "fa": "fa_IR"}

_current: str = SOURCE_LANGUAGE
_translations: gettext.NullTranslations = gettext.NullTranslations()
_qt_translator: _QtStrings | None = None


def _base(lang: str) -> str:
    """The base language of a code: ``"fa_IR"`` and ``"fa-IR"`` give ``"fa"``."""
    return lang.replace("-", "_").split("_", 1)[0].lower()


def _(message: str) -> str:
    """Translate an interface message into the current language.

    Args:
        message: The English message, a whole sentence with named placeholders
            (``"{count} answers"``), never a fragment to be glued to others.

    Returns:
        The translation, or ``message`` itself when the catalog lacks it.
    """
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose wording depends on a count, in the current language.

    Args:
        singular: The English singular form (``"{n} question"``).
        plural: The English plural form (``"{n} questions"``).
        n: The count that picks the form. Format it into the result yourself,
            with :func:`app.i18n.format.format_number` for Persian digits.

    Returns:
        The form for ``n`` in the current language.
    """
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it now.

    Use it where a message is *named* at import time (a table of labels) and
    translated later with :func:`_` or :func:`translation`.

    Args:
        message: The English message.

    Returns:
        ``message`` unchanged.
    """
    return message


@functools.cache
def translation(lang: str) -> gettext.NullTranslations:
    """The gettext catalog of a language, independent of the current language.

    Useful where something is rendered in a language other than the interface's
    (a handout, a test). English is the source language, so it gets an empty catalog.

    Args:
        lang: A supported language code.

    Returns:
        The compiled catalog ``translations/<lang>/LC_MESSAGES/app.mo``.

    Raises:
        ValueError: ``lang`` is not in :data:`SUPPORTED`.
        FileNotFoundError: the compiled catalog is missing (run ``tools/i18n.py compile``).
    """
    if lang not in SUPPORTED:
        raise ValueError(f"unsupported language {lang!r}; expected one of {SUPPORTED}")
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    mo = resources.files("translations") / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with mo.open("rb") as fp:
        return gettext.GNUTranslations(fp)


def current_language() -> str:
    """The language the interface speaks now (``"en"`` until :func:`set_language`)."""
    return _current


def is_rtl(lang: str) -> bool:
    """Whether a language is written right to left (``"fa"``, ``"fa_IR"``: yes)."""
    return _base(lang) in _RTL_LANGUAGES


def text_direction(lang: str) -> Qt.LayoutDirection:
    """The Qt layout direction for a language.

    Set it explicitly on widgets that show text in ``lang``: Qt otherwise guesses the
    direction from the first strong character, and a Persian sentence that begins
    with "ICSI" would be laid out left to right.
    """
    return Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight


def qlocale(lang: str) -> QLocale:
    """The QLocale for a supported language (``fa`` gives ``fa_IR``).

    Give it to input widgets (``spin_box.setLocale(qlocale("fa"))``) so that they show
    and accept Persian digits.
    """
    return QLocale(_QT_LOCALE_NAMES.get(lang, lang))


def _qt_translation_dirs() -> list[str]:
    """Folders to search for Qt's own ``qtbase_<lang>.qm``: ours first, then Qt's."""
    dirs: list[str] = []
    bundled = resources.files("translations") / "qt"
    if isinstance(bundled, Path) and bundled.is_dir():
        dirs.append(os.fspath(bundled))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_dir:
        dirs.append(qt_dir)
    return dirs


class _QtStrings(QTranslator):
    """Qt's own strings (standard dialogs, context menus) in the interface language.

    Installed once per application and never removed: a language switch only changes
    which catalog it reads. Installing or removing a translator makes Qt send a
    LanguageChange event to every widget, which cost about a third of a switch on a
    light screen; the screens re-render on the session's signal and need no such event.
    Dialogs Qt builds afterwards (print, file, message boxes) read the new language.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.catalog: QTranslator | None = None
        self._catalogs: dict[str, QTranslator | None] = {}

    def use(self, lang: str) -> None:
        """Read ``lang``'s ``qtbase`` catalog from now on (none: Qt's English)."""
        if lang not in self._catalogs:
            catalog: QTranslator | None = None
            if lang != SOURCE_LANGUAGE:
                catalog = QTranslator(self)
                if not any(catalog.load(f"qtbase_{lang}", d) for d in _qt_translation_dirs()):
                    catalog.deleteLater()
                    catalog = None
            self._catalogs[lang] = catalog
        self.catalog = self._catalogs[lang]

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if self.catalog is None:
            return None  # a null string: Qt keeps its English
        # An empty answer means "not in the catalog": hand back a null string too, or Qt
        # would show an empty label.
        return self.catalog.translate(context, source_text, disambiguation, n) or None

    def isEmpty(self) -> bool:
        return self.catalog is None


def _install_qt_translator(lang: str) -> None:
    """Have Qt's own strings follow ``lang`` (one translator per application)."""
    global _qt_translator
    app = QCoreApplication.instance()
    if app is None:
        return
    current = _qt_translator
    if current is None or not shiboken6.isValid(current) or current.parent() is not app:
        # None yet, or one of an application that is gone (tests make several).
        if lang == SOURCE_LANGUAGE:
            _qt_translator = None
            return  # nothing to translate yet: install on the first other language
        _qt_translator = _QtStrings(app)
        QCoreApplication.installTranslator(_qt_translator)
        current = _qt_translator
    current.use(lang)


def set_language(lang: str) -> None:
    """Switch the interface language.

    Swaps the gettext catalog behind :func:`_` and :func:`ngettext`; when a
    QCoreApplication exists, installs Qt's own ``qtbase_<lang>`` translator (so standard
    dialogs speak the language) in place of the previous one; when a QGuiApplication
    exists, sets its layout direction (right to left for Persian). Screens re-render on
    the session's ``language_changed`` signal; nothing here touches a widget.

    Call it again after creating the application if you called it before.

    Args:
        lang: A code from :data:`SUPPORTED`.

    Raises:
        ValueError: ``lang`` is not supported.
        FileNotFoundError: the language's compiled catalog is missing.
    """
    global _current, _translations
    _translations = translation(lang)
    _current = lang
    _install_qt_translator(lang)
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication):
        QGuiApplication.setLayoutDirection(text_direction(lang))


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within the block, :func:`_`, :func:`ngettext` and the current language are ``lang``.

    Only the gettext catalog and :func:`current_language` change, and both are back as
    they were after the block: Qt's translator and the application's layout direction
    stay, so nothing on screen notices. For building a page in a language it is not
    shown in (the window measures the page in view in the other language, unseen).

    Raises:
        ValueError: ``lang`` is not supported.
    """
    global _current, _translations
    before = _current, _translations
    _translations, _current = translation(lang), lang
    try:
        yield
    finally:
        _current, _translations = before


def pick(text: Mapping[str, str] | None, lang: str | None = None) -> str:
    """The record's text in a language, falling back to English, then to any language.

    Args:
        text: A patient-facing text (``{"en": ..., "fa": ...}``) or ``None``.
        lang: The wanted language; the current language when ``None``.

    Returns:
        The text as written in the record (no post-processing), or ``""`` when
        ``text`` is ``None`` or empty.
    """
    return _pick_with_language(text, lang or _current)[0]


def _pick_with_language(text: Mapping[str, str] | None, lang: str) -> tuple[str, str]:
    """Like :func:`pick`, and also say which language the returned text is in."""
    if not text:
        return "", lang
    for candidate in (lang, SOURCE_LANGUAGE):
        if candidate in text:
            return text[candidate], candidate
    first = next(iter(text))
    return text[first], first


def localize(text: Mapping[str, str] | str | None, lang: str | None = None) -> str:
    """Text ready to show in a language: picked from the record, then typeset.

    For Persian, digits in the prose become Persian digits and Latin runs ("ICSI",
    "AFC < 4", "IVF-ET") are wrapped in bidi isolates, see
    :func:`app.i18n.format.persian_text`. A fallback to English is left untouched.

    Args:
        text: A patient-facing mapping as for :func:`pick`, or a string already in
            ``lang`` (for example a translated message with its placeholders filled).
        lang: The wanted language; the current language when ``None``.

    Returns:
        The display text, ``""`` for ``None``.
    """
    lang = lang or _current
    if text is None or isinstance(text, str):
        value, value_lang = text or "", lang
    else:
        value, value_lang = _pick_with_language(text, lang)
    if _base(value_lang) == "fa":
        from app.i18n.format import persian_text

        return persian_text(value)
    return value

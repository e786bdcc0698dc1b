"""Glossary: every medical word of the guide, in alphabetical order, with a search box.

The terms are sorted in the alphabetical order of the current language (Persian order
for Persian, with QCollator) and sorted again on a language switch. The search box
filters as the visitor types, in either language: a term is kept when the query is
part of its name or expansion in any language, or of its definition in the current
language; Persian and Latin digits, Arabic and Persian letter forms, accents, zero-width
non-joiners and spaces do not matter. The query is visitor input: it is cleared when
the session is reset for a new visitor.

A kiosk has no keyboard to search with: in kiosk mode (:meth:`GlossaryScreen.set_kiosk`)
the search box gives way to a bar of large letter buttons, one per letter that starts a
term in the visitor's language (Persian alphabet in Persian, A to Z in English; see
:mod:`app.present.letters`), and an "All" button. A letter shows the terms under it.

When a glossary term is asked for (a link tapped, or the popover's "All terms" button),
the list scrolls to that term and highlights it.

The page builds its top and the first entries, in the order shown, with the page, and
the rest a few per idle moment after its first paint (the window's warming steps finish
a hidden one). Sorting and counting work on the record's terms, built or not; a search
or a letter, and a term asked for, build what they need first.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QCollator, QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext, pick, qlocale
from app.i18n.format import FSI, PDI, format_number, to_latin_digits
from app.present.letters import first_letter, letters_in_use
from app.record.models import GlossaryTerm, TrialRecord
from app.session import Screen, Session
from app.ui.flow import FlowLayout
from app.ui.screens.base import ScreenPage
from app.ui.text import TextLabel

#: Characters ignored when matching: zero-width non-joiner and joiner, tatweel, bidi marks.
_IGNORED = dict.fromkeys(map(ord, "\u200c\u200d\u0640\u200e\u200f\u2066\u2067\u2068\u2069"))
#: Arabic letter forms folded to the Persian ones a Persian keyboard types.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})

#: Space left above a term when the list scrolls to it, in px.
_SCROLL_MARGIN = 12

#: Entries built with the page: more than the window shows when the page opens (up to
#: 1920x1200 at 100% text size). The rest are built after its first paint.
FIRST_ENTRIES = 5
#: Entries built in each idle moment after that, on the page in view (each is laid out
#: and painted with the step: about 10 ms an entry and 20 ms a step, on a 2-core PC).
ENTRIES_PER_STEP = 2
#: Entries built in each warming step of a hidden page (not laid out until it is shown).
HIDDEN_ENTRIES_PER_STEP = 8


def fold(text: str) -> str:
    """Text reduced for matching: case, accents, digits, letter forms and spaces folded.

    ``fold("Anti-Müllerian")`` is ``"anti-mullerian"``; ``fold("سلول‌های ۳")`` and
    ``fold("سلولهای 3")`` are equal.
    """
    text = to_latin_digits(text).translate(_LETTERS).translate(_IGNORED)
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch) and not ch.isspace())


class TermEntry(QFrame):
    """One glossary term: the term, its expansion (muted) and its definition."""

    def __init__(self, term: GlossaryTerm, page: GlossaryScreen) -> None:
        super().__init__(page.list_holder)
        self.term = term
        #: Whether the search hides this entry.
        self.filtered_out = False
        self.setProperty("role", "card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.setSpacing(6)
        # Record text with an explicit direction: "TSH" or "POR" on a Persian page
        # stays on the right instead of following its Latin letters to the left.
        self.name = TextLabel("h3", self)
        self.expansion = TextLabel("muted", self)
        self.expansion.setVisible(term.expansion is not None)
        self.definition = page.text(parent=self)
        for widget in (self.name, self.expansion, self.definition):
            layout.addWidget(widget)
        #: The Listen button beside the term's name (set by the page).
        self.listen: QWidget | None = None

    def set_highlighted(self, on: bool) -> None:
        """Mark this entry as the one asked for (the ``notice`` style)."""
        role = "notice" if on else "card"
        if self.property("role") != role:
            self.setProperty("role", role)
            self.style().unpolish(self)
            self.style().polish(self)

    def render(self, page: GlossaryScreen) -> None:
        """Show the term in the page's current language."""
        page.set_text(self.name, self.term.term)
        if self.term.expansion is not None:
            page.set_text(self.expansion, self.term.expansion)
        page.set_text(self.definition, self.term.definition)


class _Folded:
    """A term's words reduced for matching (:func:`fold`): its names and definitions."""

    def __init__(self, term: GlossaryTerm, record: TrialRecord) -> None:
        # Names and expansions match in every language; definitions in the one shown.
        self.names = " ".join(
            fold(text) for texts in (term.term, term.expansion or {}) for text in texts.values()
        )
        self.definitions = {
            lang: fold(record.unmark(text, lang)) for lang, text in term.definition.items()
        }

    def matches(self, query: str, lang: str) -> bool:
        """Whether the folded ``query`` is in the term's names or ``lang`` definition."""
        return query in self.names or query in self.definitions.get(lang, "")


class GlossaryScreen(ScreenPage):
    """Every glossary term of the record, alphabetical, with a search box."""

    screen_id = Screen.GLOSSARY
    theme_in_parts = True  # (long: the viewport shows a part)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.heading_label = self.heading("h1")
        self.intro = self.text("lead")

        search_row = QHBoxLayout()
        search_row.setSpacing(12)
        self.search = QLineEdit(self.column)
        self.search.setClearButtonEnabled(False)
        self.clear_button = self.button()
        self.clear_button.clicked.connect(self._clear_search)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignVCenter)

        # Kiosk mode: browse by first letter instead of typing.
        self.kiosk = False
        #: The letter chosen in the letter bar (None: every term).
        self.letter: str | None = None
        self.letter_bar = QWidget(self.column)
        self.letter_bar.setObjectName("LetterBar")
        self._letter_flow = FlowLayout(self.letter_bar, spacing=10)
        self._letter_group = QButtonGroup(self)
        self._letter_group.setExclusive(True)
        self.all_button = self._letter_button(None)
        self.letter_buttons: dict[str, QPushButton] = {}
        #: Each language's letter buttons, made on its first showing and kept: a
        #: language switch puts the other set in the bar instead of making it again.
        self._letter_sets: dict[str, dict[str, QPushButton]] = {}
        self._letters_lang: str | None = None
        self.letter_bar.hide()

        self.count = self.text("muted")
        self.no_match = self.text()
        self.list_holder = QWidget(self.column)
        self.list_layout = QVBoxLayout(self.list_holder)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(12)
        patient = session.record.patient
        #: Every term of the record, by id, in the record's order.
        self.terms: dict[str, GlossaryTerm] = {
            term.id: term for term in (patient.glossary if patient else ())
        }
        #: The entries built so far (every term's, once :attr:`complete`).
        self.entries: dict[str, TermEntry] = {}
        #: Every term's id, in the alphabetical order of the current language.
        self.order: list[str] = self._sorted()
        self._folded: dict[str, _Folded] = {}
        self._translated = False
        self._build(FIRST_ENTRIES)
        self.highlighted: str | None = None
        self._pending_term: str | None = None

        self.body.addWidget(self.heading_label)
        self.body.addWidget(self.intro)
        self.body.addLayout(search_row)
        self.body.addWidget(self.letter_bar)
        self.body.addWidget(self.count)
        self.body.addWidget(self.no_match)
        self.body.addWidget(self.list_holder)
        self.body.addStretch(1)

        self.search.textChanged.connect(self._apply_filter)
        session.reset_done.connect(self._on_reset)
        session.term_requested.connect(self._on_term_requested)
        session.screen_changed.connect(self._on_screen_changed)
        self.render()
        self.finish_after_first_paint()

    def theme_containers(self) -> tuple[QWidget, ...]:
        """The page's, and the entries' holder: each entry takes the theme on its own."""
        return (*super().theme_containers(), self.list_holder)

    # -- building in stages ----------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """Whether every term's entry is built (soon after the page is first painted)."""
        return len(self.entries) == len(self.terms)

    def build_step(self) -> None:
        """Build the next few entries not built yet (the window's idle moments call this)."""
        self._build(ENTRIES_PER_STEP if self.isVisible() else HIDDEN_ENTRIES_PER_STEP)

    def build_all(self) -> None:
        """Build every entry not built yet, now."""
        self._build(len(self.terms))

    def build_through(self, term_id: str) -> None:
        """Build the entries down to ``term_id``'s (and it), if they are not built yet."""
        to_build = self._to_build()
        if term_id in to_build:
            self._build(to_build.index(term_id) + 1)

    def _to_build(self) -> list[str]:
        """The terms whose entries are not built yet, in the order shown."""
        return [term_id for term_id in self.order if term_id not in self.entries]

    def _build(self, count: int) -> None:
        """Build the next ``count`` entries not built yet, in the order shown."""
        to_build = self._to_build()
        if not to_build[:count]:
            return
        shown = self.list_holder.isVisible()
        query, letter = self._filter()
        for term_id in to_build[:count]:
            entry = TermEntry(self.terms[term_id], self)
            # In the list's order: after the entries built already that come before it.
            index = self.order.index(term_id)
            place = sum(1 for other in self.order[:index] if other in self.entries)
            self.list_layout.insertWidget(place, entry)
            entry.listen = self.listen_beside(entry.name, f"term[{term_id}]")
            self.entries[term_id] = entry
            if self._translated:  # made after the page: in the language of the day
                entry.render(self)
            if not self._keeps(term_id, query, letter):
                entry.filtered_out = True
                entry.setHidden(True)
            elif shown:  # (Qt would show a new child of a shown widget only later)
                entry.show()
            else:  # its style and fonts in an idle moment, not when next shown (its text
                # is measured by the window's warming: ScreenPage.lay_out_ahead)
                entry.ensurePolished()
        if self._translated:
            self._order_tab()

    # -- browse by letter (kiosk) ----------------------------------------------------------
    def set_kiosk(self, on: bool) -> None:
        """Kiosk mode: the letter bar instead of the search box (which needs a keyboard)."""
        self.kiosk = on
        self.search.setVisible(not on)
        self.clear_button.setVisible(not on)
        self.letter_bar.setVisible(on)
        self.search.setText("")
        self.choose_letter(None)

    def _letter_button(self, letter: str | None) -> QPushButton:
        button = self.button("letter", self.letter_bar)
        button.setCheckable(True)
        button.setChecked(letter is None and self.letter is None)
        button.clicked.connect(lambda _checked=False, letter=letter: self.choose_letter(letter))
        self._put_in_bar(button)
        return button

    def _put_in_bar(self, button: QPushButton) -> None:
        """Put a letter button at the end of the bar, in the bar's exclusive group."""
        self._letter_group.addButton(button)
        self._letter_flow.addWidget(button)
        button.show()  # shown with the bar (a layout shows a new child only later)

    def _build_letters(self) -> None:
        """One button per letter that starts a term in the current language."""
        lang = self.lang
        if self._letters_lang == lang:
            return
        self._letters_lang = lang
        for button in self.letter_buttons.values():
            self._letter_group.removeButton(button)
            self._letter_flow.removeWidget(button)
            button.hide()
        kept = self._letter_sets.get(lang)
        if kept is None:
            names = [pick(term.term, lang) for term in self.terms.values()]
            kept = self._letter_sets[lang] = {}
            for letter in letters_in_use(names, lang):
                button = self._letter_button(letter)
                button.setText(letter)
                kept[letter] = button
        else:
            for button in kept.values():
                button.setChecked(False)
                self._put_in_bar(button)
        self.letter_buttons = kept
        if self.letter not in self.letter_buttons:
            self.letter = None
        (self.letter_buttons.get(self.letter or "") or self.all_button).setChecked(True)

    def choose_letter(self, letter: str | None) -> None:
        """Show only the terms under ``letter`` (None: all of them)."""
        self.letter = letter if letter in self.letter_buttons else None
        (self.letter_buttons.get(self.letter or "") or self.all_button).setChecked(True)
        self._apply_filter()
        if self.isVisible():
            self.scroll_area.verticalScrollBar().setValue(0)

    # -- order and filter ----------------------------------------------------------------
    def _sorted(self) -> list[str]:
        """Every term's id, in the alphabetical order of the current language."""
        lang = self.lang
        collator = QCollator(qlocale(lang))
        collator.setNumericMode(True)
        return sorted(
            self.terms, key=lambda term_id: collator.sortKey(pick(self.terms[term_id].term, lang))
        )

    def _sort(self) -> None:
        """Put the entries in the alphabetical order of the current language."""
        self.order = self._sorted()
        built = [term_id for term_id in self.order if term_id in self.entries]
        for index, term_id in enumerate(built):
            entry = self.entries[term_id]
            self.list_layout.removeWidget(entry)
            self.list_layout.insertWidget(index, entry)
        self._order_tab()

    def _order_tab(self) -> None:
        """Tab goes through the entries in the order shown, after the search box.

        In each entry the Listen button (beside the term) comes before the definition's
        links. Qt ignores a tab order that involves a widget taking no focus (a
        definition without links), so those are left out.
        """
        previous: QWidget = self.clear_button
        for term_id in self.order:
            entry = self.entries.get(term_id)
            if entry is None:
                continue
            for widget in (entry.listen, entry.definition):
                if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    QWidget.setTabOrder(previous, widget)
                    previous = widget

    def visible_terms(self) -> list[str]:
        """Ids of the terms the list shows (or will, once built), in the order shown."""
        query, letter = self._filter()
        return [term_id for term_id in self.order if self._keeps(term_id, query, letter)]

    def _filter(self) -> tuple[str, str | None]:
        """The folded search query and the letter chosen (None: no letter, or no kiosk)."""
        return fold(self.search.text()), self.letter if self.kiosk else None

    def _keeps(self, term_id: str, query: str, letter: str | None) -> bool:
        """Whether the search ``query`` and ``letter`` keep the term in the list."""
        lang = self.lang
        if letter is not None and first_letter(pick(self.terms[term_id].term, lang)) != letter:
            return False
        if not query:
            return True
        folded = self._folded.get(term_id)
        if folded is None:
            folded = self._folded[term_id] = _Folded(self.terms[term_id], self.session.record)
        return folded.matches(query, lang)

    def _apply_filter(self, *_args: object) -> None:
        query, letter = self._filter()
        if query or letter is not None:
            self.build_all()  # a match may be anywhere in the list
        lang = self.lang
        shown = 0
        for term_id in self.order:
            keep = self._keeps(term_id, query, letter)
            entry = self.entries.get(term_id)
            # Only a change: showing an entry not hidden by the filter still costs a
            # polish and a layout pass (0.5 s for 300 terms, on every retranslation).
            if entry is not None and entry.filtered_out == keep:
                entry.filtered_out = not keep
                entry.setHidden(not keep)
            shown += int(keep)
        total = len(self.terms)
        if letter is not None:
            count = ngettext(
                "{shown} term starts with {letter}",
                "{shown} terms start with {letter}",
                shown,
            ).format(shown=format_number(shown, lang), letter=f"{FSI}{letter}{PDI}")
        elif not query:
            count = ngettext("{count} term", "{count} terms", total).format(
                count=format_number(total, lang)
            )
        else:
            count = ngettext(
                "{shown} term of {total} matches your search",
                "{shown} terms of {total} match your search",
                shown,
            ).format(shown=format_number(shown, lang), total=format_number(total, lang))
        self.set_text(self.count, count)
        self.no_match.setVisible(shown == 0)
        self.clear_button.setEnabled(bool(self.search.text()))

    def _clear_search(self) -> None:
        self.search.clear()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- a term asked for ------------------------------------------------------------------
    def reveal(self, term_id: str) -> None:
        """Scroll to a term and highlight it (clearing a search that hides it)."""
        if term_id not in self.terms:
            return
        self.build_through(term_id)  # and the entries above it, for its place
        entry = self.entries[term_id]
        if entry.isHidden():
            self.search.clear()
            if self.letter is not None:
                self.choose_letter(None)
        if self.highlighted is not None and self.highlighted != term_id:
            self.entries[self.highlighted].set_highlighted(False)
        entry.set_highlighted(True)
        self.highlighted = term_id
        # After the layout has placed the entry (and after the window's own scroll reset).
        QTimer.singleShot(0, self, lambda: self._scroll_to(entry))

    def _scroll_to(self, entry: TermEntry) -> None:
        # The places of entries built just now, and the scroll area's range.
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        top = entry.mapTo(self.holder, QPoint(0, 0)).y()
        self.scroll_area.verticalScrollBar().setValue(max(0, top - _SCROLL_MARGIN))

    def _on_term_requested(self, term_id: str) -> None:
        if self.isVisible():
            self.reveal(term_id)
        else:
            self._pending_term = term_id

    def _on_screen_changed(self, screen: str) -> None:
        if screen != self.screen_id.value:
            self._pending_term = None

    def showEvent(self, event: QShowEvent) -> None:
        """Reveal a term asked for on the screen the visitor came from."""
        super().showEvent(event)
        if self._pending_term is not None:
            term_id, self._pending_term = self._pending_term, None
            self.reveal(term_id)

    def _on_reset(self) -> None:
        # setText, not clear(): clear() can be undone (Ctrl+Z) by the next visitor.
        self.search.setText("")
        self.choose_letter(None)
        # The next visitor's glossary has only the bar it shows: the buttons kept for
        # another language would tell which languages the last visitor looked at.
        for lang in [lang for lang in self._letter_sets if lang != self._letters_lang]:
            for button in self._letter_sets.pop(lang).values():
                button.deleteLater()
        self._pending_term = None
        if self.highlighted is not None:
            self.entries[self.highlighted].set_highlighted(False)
            self.highlighted = None

    # -- words ---------------------------------------------------------------------------
    def render(self) -> None:
        """Put every word in the current language, re-sort and re-filter the terms."""
        super().render()
        self.heading_label.setText(_("Glossary"))
        self.set_text(
            self.intro,
            _(
                "The medical words used in this guide, explained in plain words. "
                "Tap an underlined word to see what it means."
            ),
        )
        self.search.setPlaceholderText(_("Search, for example: ovary"))
        self.search.setAccessibleName(_("Search the glossary"))
        self.search.setAccessibleDescription(
            _("Type a word in English or Persian. The list shows only the terms that contain it.")
        )
        self.clear_button.setText(_("Clear"))
        self.clear_button.setAccessibleName(_("Clear the search"))
        self.clear_button.setAccessibleDescription(_("Show every term again"))
        self.set_text(
            self.no_match, _("No term matches your search. Try another word, or clear the search.")
        )
        self._build_letters()
        self.all_button.setText(_("All"))
        self.all_button.setAccessibleName(_("All terms"))
        self.all_button.setAccessibleDescription(_("Show every term again"))
        self.letter_bar.setAccessibleName(_("Terms by first letter"))
        for letter, button in self.letter_buttons.items():
            button.setAccessibleName(_("Terms starting with {letter}").format(letter=letter))
            button.setAccessibleDescription(_("Show only the terms that start with this letter"))
        for entry in self.entries.values():
            entry.render(self)
        self._translated = True
        self._sort()
        if self.highlighted is not None:  # the entries above it in the new order, too
            self.build_through(self.highlighted)
        self._apply_filter()

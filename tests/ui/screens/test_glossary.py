"""The glossary screen: every term, alphabetical per language, a search box, term links."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from app.i18n import translation
from app.i18n.format import FSI, PDI
from app.session import Screen
from app.ui.screens import glossary as glossary_module
from app.ui.screens.glossary import GlossaryScreen, fold

#: The Persian alphabet, in order (آ before ا, then پ after ب, چ after ج, ژ after ز, ...).
PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"


def persian_key(text: str) -> list[int]:
    """An independent sort key: Persian letters in alphabet order, then Latin letters."""
    key = []
    for ch in text.casefold():
        if ch == "\u200c":  # a zero-width non-joiner does not change the order
            continue
        if ch in PERSIAN_ALPHABET:
            key.append(100 + PERSIAN_ALPHABET.index(ch))
        elif ch.isdigit():
            key.append(50 + int(ch))
        elif ch.isalpha():
            key.append(1000 + ord(ch))
        else:
            key.append(0)  # spaces and brackets come before letters
    return key


@pytest.fixture(autouse=True)
def _delete_earlier_windows(qapp):
    """Delete the windows earlier tests closed (deleteLater needs a running event loop)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def glossary(app_window, qtbot):
    """The main window showing the glossary of the default record."""
    session, window = app_window
    session.go_to(Screen.GLOSSARY)
    page = window.page(Screen.GLOSSARY)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    qtbot.waitUntil(lambda: page.complete)  # the entries below the first, built after its paint
    return session, window, page


def _plain(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText().replace(FSI, "").replace(PDI, "")


def shown_terms(page: GlossaryScreen) -> list[str]:
    """Ids of the entries visible on the page, in layout (top to bottom) order."""
    layout = page.list_layout
    entries = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [e.term.id for e in entries if e is not None and e.isVisibleTo(page)]


def terms_by_position(page: GlossaryScreen) -> list[str]:
    """Ids of the visible entries sorted by where they are drawn."""
    entries = [e for e in page.entries.values() if e.isVisibleTo(page)]
    return [e.term.id for e in sorted(entries, key=lambda e: e.y())]


def test_every_term_is_shown_in_english_alphabetical_order(glossary):
    session, _window, page = glossary
    glossary_terms = session.record.patient.glossary
    assert len(page.entries) == len(glossary_terms) == 35
    expected = sorted(glossary_terms, key=lambda t: t.term["en"].casefold())
    assert shown_terms(page) == [t.id for t in expected]
    assert shown_terms(page)[:3] == ["afc", "amh", "autoimmune"]
    assert terms_by_position(page) == shown_terms(page)
    for term in glossary_terms:
        entry = page.entries[term.id]
        assert _plain(entry.name.text()) == term.term["en"]
        if term.expansion:
            assert _plain(entry.expansion.text()) == term.expansion["en"]
            assert entry.expansion.property("role") == "muted"
        else:
            assert not entry.expansion.isVisibleTo(page)
        assert _plain(entry.definition.text()) == session.record.unmark(term.definition["en"], "en")


def test_persian_terms_are_in_persian_alphabetical_order(glossary, qtbot):
    session, _window, page = glossary
    session.set_language("fa")
    assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    terms = {t.id: t for t in session.record.patient.glossary}
    order = shown_terms(page)
    assert order == sorted(terms, key=lambda i: persian_key(terms[i].term["fa"]))
    qtbot.waitUntil(lambda: terms_by_position(page) == order)  # drawn in that order too
    # Not Unicode code point order: پ (U+067E) before ت (U+062A), ک (U+06A9) before ل.
    assert order.index("prolactin") < order.index("ovary")  # پرولاکتین, تخمدان
    assert order.index("menstrual_cup") < order.index("fallopian_tube")  # کاپ, لوله
    assert order[-1] == "tsh"  # a Latin term comes after the Persian ones
    assert _plain(page.entries["ovary"].name.text()) == "تخمدان"
    assert "۳۵" in _plain(page.count.text())


def test_typing_filters_in_english(glossary, qtbot):
    _session, _window, page = glossary
    qtbot.keyClicks(page.search, "HSG")
    assert shown_terms(page) == ["hsg"]
    page.search.clear()
    qtbot.keyClicks(page.search, "embryo")
    shown = shown_terms(page)
    assert {"embryo", "embryo_transfer", "icsi", "ivf"} <= set(shown)
    assert "ovary" not in shown
    assert not page.no_match.isVisibleTo(page)
    page.search.setText("mullerian")  # accents do not matter: anti-Müllerian hormone
    assert shown_terms(page) == ["amh"]
    page.search.setText("zzzz")
    assert shown_terms(page) == []
    assert page.no_match.isVisibleTo(page)


def test_typing_filters_in_persian_in_either_language(glossary, qtbot):
    session, _window, page = glossary
    page.search.setText("تخمدان")  # a Persian word, English interface (QTest types ASCII only)
    assert "ovary" in shown_terms(page)
    page.search.setText("سلولهای بنیادی")  # typed without the zero-width non-joiner
    assert set(shown_terms(page)) == {"stem_cells", "mensc"}
    page.search.setText("۳")  # Persian digit finds "Phase 3"
    assert shown_terms(page) == ["phase3"]
    session.set_language("fa")
    page.search.setText("3")  # Latin digit finds "فاز ۳"
    assert shown_terms(page) == ["phase3"]
    page.search.setText("ovary")  # an English word, Persian interface
    assert "ovary" in shown_terms(page)
    page.search.setText("رحم")
    shown = shown_terms(page)
    assert "uterus" in shown and "ivf" in shown  # in the Persian definition of IVF
    total = len(page.entries)
    assert _plain(page.count.text()).startswith(
        translation("fa")
        .ngettext(
            "{shown} term of {total} matches your search",
            "{shown} terms of {total} match your search",
            len(shown),
        )
        .split("{")[0]
    )
    assert "۳۵" in _plain(page.count.text()) and str(total) not in _plain(page.count.text())


def test_fold_ignores_case_accents_digits_and_joiners():
    assert fold("Anti-Müllerian") == "anti-mullerian"
    assert fold("سلول‌های ۳") == fold("سلولهای 3")
    assert fold("كيست") == fold("کیست")  # Arabic kaf and yeh typed on an Arabic keyboard


def test_clear_button_and_reset_clear_the_filter(glossary, qtbot):
    session, _window, page = glossary
    assert not page.clear_button.isEnabled()
    qtbot.keyClicks(page.search, "ovary")
    assert page.clear_button.isEnabled()
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.search.text() == ""
    assert len(shown_terms(page)) == 35
    qtbot.keyClicks(page.search, "hsg")
    session.set_language("fa")
    page.reveal("ovary")
    with qtbot.waitSignal(session.reset_done):
        session.reset()
    assert page.search.text() == ""
    assert len(shown_terms(page)) == 35
    assert page.highlighted is None
    assert all(e.property("role") == "card" for e in page.entries.values())
    assert session.language == "en"
    assert shown_terms(page)[0] == "afc"


def test_link_in_a_definition_asks_for_the_term(glossary, qtbot):
    session, window, page = glossary
    definition = page.entries["afc"].definition
    assert 'href="term:ovary"' in definition.text()
    assert definition.focusPolicy() & Qt.FocusPolicy.TabFocus  # links reachable by keyboard
    with qtbot.waitSignal(session.term_requested) as blocker:
        definition.linkActivated.emit("term:ovary")
    assert blocker.args == ["ovary"]
    assert window.popover.isVisible() and window.popover.term_id == "ovary"
    # The glossary itself scrolls to the term and highlights it.
    qtbot.waitUntil(lambda: page.scroll_area.verticalScrollBar().value() > 0)
    assert page.highlighted == "ovary"
    assert page.entries["ovary"].property("role") == "notice"
    viewport = page.scroll_area.viewport()
    top = page.entries["ovary"].mapTo(viewport, page.entries["ovary"].rect().topLeft()).y()
    assert 0 <= top < viewport.height()


def test_all_terms_from_the_popover_reveals_the_term(glossary, qtbot):
    session, window, page = glossary
    session.go_to(Screen.ABOUT)
    session.show_term("icsi")
    assert window.popover.isVisible()
    qtbot.mouseClick(window.popover.all_terms, Qt.MouseButton.LeftButton)
    assert session.screen is Screen.GLOSSARY
    qtbot.waitUntil(lambda: page.highlighted == "icsi")
    qtbot.waitUntil(lambda: page.scroll_area.verticalScrollBar().value() > 0)
    # A term looked at before moving on to another screen is not revealed later.
    session.go_to(Screen.ABOUT)
    session.show_term("hsg")
    window.popover.hide()
    session.go_to(Screen.PROCEDURES)
    session.go_to(Screen.GLOSSARY)
    assert page.highlighted == "icsi"


def test_language_switch_resorts_in_place_and_keeps_the_query(glossary, qtbot):
    session, _window, page = glossary
    entries = dict(page.entries)
    qtbot.keyClicks(page.search, "ovar")
    shown_en = set(shown_terms(page))
    session.set_language("fa")
    assert page.entries == entries  # the same widgets, not rebuilt
    assert page.search.text() == "ovar"
    assert set(shown_terms(page)) <= shown_en | {"ovary"}
    assert "ovary" in shown_terms(page)  # the English name still matches
    assert page.heading_label.text() == translation("fa").gettext("Glossary")
    assert page.search.placeholderText() == translation("fa").gettext("Search, for example: ovary")
    page.search.clear()
    order_fa = shown_terms(page)
    session.set_language("en")
    assert shown_terms(page) != order_fa
    assert shown_terms(page)[0] == "afc"


def _tab_sequence(page: GlossaryScreen) -> list[tuple[str, str]]:
    """(term id, "listen" or "definition") in the order Tab reaches them from the search."""
    parts = {}
    for term_id, entry in page.entries.items():
        parts[entry.listen] = (term_id, "listen")
        parts[entry.definition] = (term_id, "definition")
    seen = []
    widget = page.clear_button.nextInFocusChain()
    while widget is not page.clear_button:
        if widget in parts and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            seen.append(parts[widget])
        widget = widget.nextInFocusChain()
    return seen


def _expected_tab_sequence(page: GlossaryScreen) -> list[tuple[str, str]]:
    """Each entry in the order shown: its Listen button, then its definition's links."""
    expected = []
    for term_id in page.order:
        entry = page.entries[term_id]
        expected.append((term_id, "listen"))
        if entry.definition.focusPolicy() & Qt.FocusPolicy.TabFocus:
            expected.append((term_id, "definition"))
    return expected


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_tab_order_follows_the_sorted_list(glossary, lang):
    session, _window, page = glossary
    session.set_language(lang)
    focusable = [
        t for t in page.order if page.entries[t].definition.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert len(focusable) > 10  # most definitions link to other terms
    assert _tab_sequence(page) == _expected_tab_sequence(page)


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_interactive_widgets_have_accessible_names(glossary, lang):
    session, _window, page = glossary
    session.set_language(lang)
    widgets = [*page.findChildren(QAbstractButton), *page.findChildren(QLineEdit)]
    assert page.search in widgets and page.clear_button in widgets
    for widget in widgets:
        assert widget.accessibleName()
        assert widget.accessibleDescription()
    assert page.search.accessibleName() == translation(lang).gettext("Search the glossary")
    for entry in page.entries.values():
        assert entry.definition.accessibleName()
    assert page.clear_button.minimumSizeHint().height() >= 44


# -- kiosk: browse by first letter (no keyboard) -------------------------------------------
def _letter_terms(page: GlossaryScreen, lang: str) -> dict[str, set[str]]:
    from app.present.letters import first_letter

    groups: dict[str, set[str]] = {}
    for term_id, entry in page.entries.items():
        groups.setdefault(first_letter(entry.term.term[lang]), set()).add(term_id)
    return groups


def test_kiosk_glossary_browses_by_first_letter_in_both_languages(app_window, qtbot):
    """The kiosk has no keyboard: large letter buttons, only letters that start a term."""
    from app.present.letters import letters_in_use

    session, window = app_window
    window.set_kiosk_mode(True)  # before the page is built: it is told when built
    try:
        session.go_to(Screen.GLOSSARY)
        page = window.page(Screen.GLOSSARY)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
        assert page.kiosk and page.letter_bar.isVisible()
        assert not page.search.isVisible() and not page.clear_button.isVisible()
        for lang, letter in (("en", "H"), ("fa", "ت")):
            session.set_language(lang)
            # Every term's letter, the entries built yet or not.
            names = [term.term[lang] for term in session.record.patient.glossary]
            assert list(page.letter_buttons) == letters_in_use(names, lang)
            for button in [page.all_button, *page.letter_buttons.values()]:
                assert button.isVisible()
                assert button.width() >= 64 and button.height() >= 64  # a finger's size
            assert set(shown_terms(page)) == set(page.entries)  # "All" to start with
            qtbot.mouseClick(page.letter_buttons[letter], Qt.MouseButton.LeftButton)
            assert set(shown_terms(page)) == _letter_terms(page, lang)[letter]
            assert page.letter_buttons[letter].isChecked()
            assert letter in page.count.accessibleName() or letter in page.count.text()
            qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
            assert set(shown_terms(page)) == set(page.entries)
        assert page.letter_buttons["ا"].text() == "ا"
        assert list(page.letter_buttons)[:3] == ["ا", "ب", "پ"]  # Persian order
        # A letter chosen is forgotten for the next visitor.
        qtbot.mouseClick(page.letter_buttons["ت"], Qt.MouseButton.LeftButton)
        session.reset()
        assert page.letter is None
    finally:
        window.set_kiosk_mode(False)
    # A desktop window keeps the search box.
    assert not page.search.isHidden() and page.letter_bar.isHidden()


@pytest.fixture
def kiosk_glossary(app_window, qtbot):
    """The glossary shown in kiosk mode (its letter bar); desktop mode again after."""
    session, window = app_window
    window.set_kiosk_mode(True)
    try:
        session.go_to(Screen.GLOSSARY)
        page = window.page(Screen.GLOSSARY)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
        yield session, page
    finally:
        window.set_kiosk_mode(False)


def test_each_languages_letters_are_kept_and_put_back_on_a_switch(kiosk_glossary, qtbot):
    """A language switch puts the other language's own buttons in the bar, made once."""
    session, page = kiosk_glossary
    made: dict[str, dict[str, object]] = {}
    for lang, letter in (("en", "H"), ("fa", "ت"), ("en", "O"), ("fa", "ا")):
        session.set_language(lang)
        buttons = dict(page.letter_buttons)
        if lang in made:  # the very buttons of its first showing
            first = made[lang].values()
            assert all(a is b for a, b in zip(buttons.values(), first, strict=True))
        made[lang] = buttons
        # In the bar, in order: "All", then this language's letters, and nothing else.
        flow = page._letter_flow
        in_bar = [flow.itemAt(i).widget() for i in range(flow.count())]
        assert in_bar == [page.all_button, *buttons.values()]
        assert set(page._letter_group.buttons()) == set(in_bar)
        other = made.get("fa" if lang == "en" else "en")
        if other is not None:  # the other language's set: out of the bar, hidden
            assert all(button.isHidden() for button in other.values())
        assert all(b.isVisible() for b in buttons.values())
        assert page.all_button.isChecked()
        qtbot.mouseClick(buttons[letter], Qt.MouseButton.LeftButton)
        assert set(shown_terms(page)) == _letter_terms(page, lang)[letter]
        checked = [b for b in in_bar if b.isChecked()]
        assert checked == [buttons[letter]]
        qtbot.mouseClick(page.all_button, Qt.MouseButton.LeftButton)
    # A new visitor: only the bar shown is kept (the other set told of the last one).
    persian = list(made["fa"].values())
    session.reset()
    assert list(page._letter_sets) == ["en"]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not any(shiboken6.isValid(button) for button in persian)


def test_a_term_asked_for_clears_the_letter_that_hides_it(kiosk_glossary, qtbot):
    session, page = kiosk_glossary
    qtbot.mouseClick(page.letter_buttons["H"], Qt.MouseButton.LeftButton)
    assert "ovary" not in shown_terms(page)
    session.show_term("ovary")
    session.go_to(Screen.GLOSSARY)
    qtbot.waitUntil(lambda: "ovary" in shown_terms(page))
    assert page.letter is None


# -- built in stages: the first entries with the page, the rest after its first paint ----------
def _open_unpainted(app_window):
    """The glossary just shown, before any event is processed (so before its first paint)."""
    session, window = app_window
    session.go_to(Screen.GLOSSARY)
    page = window.page(Screen.GLOSSARY)
    assert not page.complete and len(page.entries) == glossary_module.FIRST_ENTRIES
    return session, window, page


def test_the_first_entries_come_with_the_page_and_the_rest_after_its_paint(app_window, qtbot):
    session, _window, page = _open_unpainted(app_window)
    terms = len(session.record.patient.glossary)
    # The first entries in the order shown; the count and the letters know every term.
    assert list(page.entries) == page.order[: glossary_module.FIRST_ENTRIES]
    assert len(page.order) == len(page.visible_terms()) == terms
    assert "35" in page.count.text()
    assert page.watching_paints
    qtbot.waitUntil(lambda: page.complete)
    assert page.watching_paints == ()
    assert shown_terms(page) == page.order  # each entry built later in its place
    assert terms_by_position(page) == page.order
    assert _tab_sequence(page) == _expected_tab_sequence(page)
    for entry in page.entries.values():  # later ones in the page's look too
        assert entry.name.font().pointSizeF() == page.entries["afc"].name.font().pointSizeF()


def test_a_search_before_the_page_is_whole_finds_every_match(app_window, qtbot):
    _session, _window, page = _open_unpainted(app_window)
    page.search.setText("sperm")  # at once: the entries with it are not built yet
    assert page.complete
    matches = {t for t, term in page.terms.items() if "sperm" in fold(str(term.model_dump()))}
    assert len(matches) >= 3 and set(shown_terms(page)) == matches
    assert len(page.visible_terms()) == len(matches)


def test_a_letter_before_the_page_is_whole_shows_every_term_under_it(app_window, qtbot):
    _session, window = app_window
    window.set_kiosk_mode(True)
    try:
        _session, _window, page = _open_unpainted(app_window)
        page.choose_letter("S")
        assert page.complete
        under = {t for t, term in page.terms.items() if term.term["en"].upper().startswith("S")}
        assert len(under) >= 2 and set(shown_terms(page)) == under
    finally:
        window.set_kiosk_mode(False)


def test_a_term_asked_for_before_the_page_is_whole_is_built_and_shown(app_window, qtbot):
    session, _window, page = _open_unpainted(app_window)
    last = page.order[-1]
    session.show_term(last)
    assert last in page.entries and page.entries[last].property("role") == "notice"
    qtbot.waitUntil(lambda: page.scroll_area.verticalScrollBar().value() > 0)
    viewport = page.scroll_area.viewport()
    entry = page.entries[last]
    top = entry.mapTo(viewport, entry.rect().topLeft()).y()
    assert 0 <= top < viewport.height()
    qtbot.waitUntil(lambda: page.complete)
    assert shown_terms(page) == page.order


def test_a_language_switch_in_the_middle_of_the_build(app_window, qtbot):
    """Entries built before and after a switch are in its language and its order."""
    session, _window, page = _open_unpainted(app_window)
    session.set_language("fa")
    assert not page.complete
    qtbot.waitUntil(lambda: page.complete)
    fa = session.record.patient.glossary
    assert shown_terms(page) == page.order == page._sorted()
    assert page.order[0] != "afc"  # the Persian order
    names = {term.id: term.term["fa"] for term in fa}
    for term_id, entry in page.entries.items():
        assert _plain(entry.name.text()) == names[term_id].replace("\xa0", " ")
        assert entry.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert _tab_sequence(page) == _expected_tab_sequence(page)


def test_the_window_finishes_a_glossary_built_in_idle_moments(warmed_unseen):
    """Warming builds the page unseen, every entry too, so a first visit is whole."""
    session, _window, page = warmed_unseen(Screen.GLOSSARY)
    session.go_to(Screen.GLOSSARY)
    assert shown_terms(page) == page.order


def test_a_page_left_before_it_is_whole_waits_for_its_next_paint(app_window, qtbot):
    """Its steps do not hold up the next screen; it goes on when shown again."""
    session, _window, page = _open_unpainted(app_window)
    qtbot.waitUntil(lambda: page.watching_paints == ())  # painted: building
    session.go_to(Screen.CONTACT)  # at once, before it is whole
    built = len(page.entries)
    qtbot.waitUntil(lambda: page.watching_paints != ())  # stopped, and waiting
    qtbot.wait(200)
    assert not page.complete and len(page.entries) <= built + glossary_module.ENTRIES_PER_STEP
    session.go_to(Screen.GLOSSARY)
    qtbot.waitUntil(lambda: page.complete)
    assert shown_terms(page) == page.order
    assert terms_by_position(page) == page.order
    assert _tab_sequence(page) == _expected_tab_sequence(page)


def test_a_term_asked_for_keeps_its_place_through_a_language_switch(app_window, qtbot):
    """The entries above it in the new order are built at once, not pushed in above it."""
    session, _window, page = _open_unpainted(app_window)
    session.show_term(page.order[-1])
    session.set_language("fa")
    term = page.highlighted
    above = page.order[: page.order.index(term)]
    assert all(term_id in page.entries for term_id in above)
    qtbot.waitUntil(lambda: page.complete)
    assert shown_terms(page) == page.order


def test_warming_a_page_left_half_built_takes_its_paint_watch_off(app_window, qtbot):
    session, _window, page = _open_unpainted(app_window)
    qtbot.waitUntil(lambda: page.watching_paints == ())
    session.go_to(Screen.CONTACT)
    qtbot.waitUntil(lambda: page.watching_paints != ())
    page.build_all()  # as the window's warming steps would
    # The next event the hidden page gets (not a paint) takes the filters off.
    QCoreApplication.sendEvent(page.column, QEvent(QEvent.Type.User))
    assert page.watching_paints == ()

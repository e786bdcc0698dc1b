"""Soak: many simulated visits through the real widgets of a kiosk, and nothing grows.

Each visit clicks through the app as a patient would, with real mouse clicks and key
presses on the widgets: the welcome screen's language button, the self-check with every
question answered at random (an option, a number typed in, sometimes a skip, sometimes a
wrong entry that the screen explains), the result, a language switch in the header, the
glossary (a search typed, a term opened in place), the study details or the contact
screen, and then either "Start over" or walking away until the idle countdown resets
the kiosk.

After a warm-up (every screen built, every cache filled) the test takes a snapshot, runs
the remaining visits and compares: resident memory may grow by less than 2 MiB; the
number of live widgets and of Python objects of the app's own types must not grow; and
nothing may be logged at WARNING or above (Qt's warnings fail the test through
pytest-qt's ``qt_log_level_fail``).

``TRIALGUIDE_SOAK_VISITS`` sets the number of visits (200 by default, for CI; ``make
soak`` runs 10,000); ``TRIALGUIDE_SOAK_SEED`` the random seed.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import ctypes.util
import gc
import logging
import os
import random
import sys
import time
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.record.models import ChoiceQuestion, NumberQuestion
from app.session import Screen

pytestmark = pytest.mark.soak

VISITS = int(os.environ.get("TRIALGUIDE_SOAK_VISITS", "200"))
SEED = int(os.environ.get("TRIALGUIDE_SOAK_SEED", "6"))
#: Visits before the first snapshot: every screen built, every cache warm. Qt's own
#: caches (text layout, glyphs, style) keep growing, more and more slowly, for the first
#: few hundred visits (+1.7 MiB over visits 100 to 550, +0.1 to 0.3 MiB over 550 to 1000),
#: so the warm-up is at least 100 visits: half of CI's 200.
WARM_UP = min(max(100, VISITS // 10), VISITS // 2)
#: The first visits tour every path (each language, skip, wrong entry, each outcome...).
TOUR = 12
#: Memory growth allowed after the warm-up.
MAX_GROWTH_MIB = 2.0
#: Idle timings for the soak: long enough not to fire while a visitor clicks, short
#: enough that walking away costs only half a second.
IDLE_MS = 300
COUNTDOWN = 2
TICK_MS = 20


def _malloc_trim() -> None:
    """Give freed heap memory back to the system, so that RSS shows what is in use."""
    name = ctypes.util.find_library("c")
    if name:
        with contextlib.suppress(OSError, AttributeError):  # not glibc
            ctypes.CDLL(name).malloc_trim(0)


def _memory_kib() -> dict[str, int]:
    """VmRSS and RssAnon of this process, in KiB (Linux)."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                found[key] = int(value.split()[0])
    return found


@dataclass
class Snapshot:
    visits: int
    rss_kib: int
    anon_kib: int
    widgets: int
    app_objects: collections.Counter[str]
    all_objects: int
    #: Every gc-tracked object by type, to say what grew when something did.
    types: collections.Counter[str]
    #: Memory blocks Python's allocator has handed out (all objects, tracked or not).
    blocks: int


def _settle() -> None:
    """Process what is pending, including deferred deletions."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def _warmed(window) -> None:
    """Until the window's warming has nothing left to do (every page built, whole and
    measured): the pages a snapshot counts then do not depend on where warming was."""
    deadline = time.perf_counter() + 20
    while window._warm_timer.isActive() and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)


def snapshot(visits: int, window) -> Snapshot:
    _warmed(window)
    _settle()
    gc.collect()
    _settle()
    gc.collect()
    _malloc_trim()
    memory = _memory_kib()
    counts: collections.Counter[str] = collections.Counter()
    types: collections.Counter[str] = collections.Counter()
    objects = gc.get_objects()
    for obj in objects:
        kind = type(obj)
        module = getattr(kind, "__module__", None)
        name = f"{module}.{kind.__qualname__}"
        types[name] += 1
        if isinstance(module, str) and module.startswith("app."):
            counts[name] += 1
    total = len(objects)
    del objects
    blocks = sys.getallocatedblocks()
    return Snapshot(
        visits,
        memory["VmRSS"],
        memory.get("RssAnon", 0),
        len(QApplication.allWidgets()),
        counts,
        total,
        types,
        blocks,
    )


class _Problems(logging.Handler):
    """Collects every log record at WARNING or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Plan:
    """The choices of one visit."""

    language: str
    via_start: bool
    aim: str  # verdict the answers aim at: met, not_met, unknown, or random
    wrong_entry: bool
    change_answers: bool
    extra: Screen | None
    close_popover: bool
    walk_away: bool


@dataclass
class Visitor:
    """One simulated patient after another, clicking the real widgets."""

    qtbot: object
    window: object
    session: object
    controller: object
    rng: random.Random
    stats: collections.Counter[str] = field(default_factory=collections.Counter)

    # -- input -----------------------------------------------------------------------
    def click(self, button: QWidget) -> None:
        """A real mouse click (through every event filter: idle watcher, kiosk guard)."""
        self._still_here()
        assert button.isVisible(), f"{button.accessibleName()!r} is not shown"
        assert button.isEnabled(), f"{button.accessibleName()!r} is disabled"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.stats["clicks"] += 1

    def type(self, widget: QWidget, text: str) -> None:
        """Real key presses; a Persian letter goes as its text (QTest knows only ASCII)."""
        self._still_here()
        for char in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )

    def _still_here(self) -> None:
        """A visitor who sees "Are you still there?" taps "I'm still here" first."""
        overlay = self.controller.still_there
        if overlay.isVisible():
            self.qtbot.mouseClick(overlay.button, Qt.MouseButton.LeftButton)
            self.stats["still here"] += 1

    def page(self, screen: Screen):
        assert self.session.screen is screen, (self.session.screen, screen)
        return self.window.page(screen)

    def nav(self, screen: Screen) -> None:
        self.click(self.window.navbar.buttons[screen])
        assert self.session.screen is screen

    # -- one visit -------------------------------------------------------------------
    def plan(self, number: int) -> Plan:
        """What this visitor does. The warm-up tours every path once, in turn."""
        rng = self.rng
        languages = self.session.record.languages
        if number < TOUR:
            return Plan(
                language=languages[number % len(languages)],
                via_start=number % 2 == 0,
                aim=("met", "not_met", "unknown", "random")[number % 4],
                wrong_entry=number % 2 == 1,
                change_answers=number % 3 == 0,
                extra=(Screen.DETAILS, Screen.CONTACT, Screen.ABOUT, None)[number % 4],
                close_popover=number % 2 == 0,
                walk_away=number % 4 == 3,
            )
        return Plan(
            language=rng.choice(languages),
            via_start=rng.random() < 0.5,
            aim=rng.choice(("random", "random", "random", "met", "unknown")),
            wrong_entry=rng.random() < 0.1,
            change_answers=rng.random() < 0.2,
            extra=rng.choice([Screen.DETAILS, Screen.CONTACT, Screen.ABOUT, None]),
            close_popover=rng.random() < 0.5,
            walk_away=number % 4 == 3,
        )

    def visit(self, number: int) -> None:
        plan = self.plan(number)
        session = self.session
        assert session.screen is Screen.WELCOME and not session.answers
        welcome = self.page(Screen.WELCOME)
        self.click(welcome.language_buttons[plan.language])
        assert session.language == plan.language
        if plan.via_start:
            self.click(welcome.start)
            assert session.screen is Screen.ABOUT
            self.nav(Screen.PROCEDURES)
            self.nav(Screen.SELFCHECK)
        else:
            self.click(welcome.to_selfcheck)
        self.selfcheck(plan)
        result = self.page(Screen.RESULT)
        assert result.isVisible()
        self.stats[f"outcome {session.result().outcome.value}"] += 1
        if plan.change_answers:  # a change of mind, then back to the result
            self.click(result.change_button)
            assert session.screen is Screen.SELFCHECK and session.question_index == 0
            self.nav(Screen.RESULT)
        # The other language, from the header.
        other = next(lang for lang in session.record.languages if lang != plan.language)
        self.click(self.window.header.language_buttons[other])
        assert session.language == other and session.screen is Screen.RESULT
        self.glossary(plan)
        if plan.extra is not None:
            self.nav(plan.extra)
        if plan.walk_away:
            self.walk_away()
        else:
            self.click(self.window.header.start_over)
            self.click(self.window.confirm.yes_button)
            self.stats["start over"] += 1
        assert session.screen is Screen.WELCOME
        assert not session.answers
        assert session.language == session.default_language

    def selfcheck(self, plan: Plan) -> None:
        session = self.session
        page = self.page(Screen.SELFCHECK)
        # A previous visitor's step never survives a reset.
        assert session.question_index == 0, session.question_index
        questions = session.record.questions
        wrong_entry = plan.wrong_entry
        while session.screen is Screen.SELFCHECK:
            question = questions[session.question_index]
            if plan.aim == "random" and self.rng.random() < 0.1:
                self.click(page.skip_button)
                self.stats["skipped"] += 1
                continue
            if isinstance(question, ChoiceQuestion):
                option = self.option(question, plan.aim)
                self.click(page.answer_buttons[option])
                assert session.answers[question.id] == question.options[option].id
            elif isinstance(question, NumberQuestion):
                self.number(page, question, plan.aim, wrong_entry)
                wrong_entry = False
            self.click(page.next_button)
        assert session.screen is Screen.RESULT

    def option(self, question: ChoiceQuestion, aim: str) -> int:
        """An option whose verdict is ``aim`` where there is one; else any."""
        fitting = [i for i, o in enumerate(question.options) if o.verdict.value == aim]
        return self.rng.choice(fitting or range(len(question.options)))

    def number(self, page, question: NumberQuestion, aim: str, wrong_entry: bool) -> None:
        field_ = page.field
        field_.clear()
        if wrong_entry:  # something that is not a number: the screen explains, we fix it
            self.type(field_, "abc")
            self.click(page.next_button)
            assert page.number.error_card.isVisible()
            assert self.session.screen is Screen.SELFCHECK
            field_.clear()
            self.stats["wrong entry"] += 1
        low, high = question.min_value, min(question.max_value, 99_999)
        fitting = [
            rule
            for rule in question.rules
            if rule.verdict.value == aim and rule.min is not None and rule.max is not None
        ]
        if fitting:
            rule = self.rng.choice(fitting)
            low, high = max(low, int(rule.min) + 1), min(high, int(rule.max))
        self.type(field_, str(self.rng.randint(low, max(low, high))))

    def glossary(self, plan: Plan) -> None:
        rng = self.rng
        self.nav(Screen.GLOSSARY)
        page = self.page(Screen.GLOSSARY)
        terms = list(page.terms)  # (the entries of some may not be built yet)
        if not terms:
            return
        if page.search.isVisible():  # a keyboard: search
            term = page.terms[rng.choice(terms)]
            query = self.session.record.unmark(
                term.term[self.session.language], self.session.language
            )[:3]
            self.type(page.search, query)
            assert term.id in page.visible_terms()
            assert not page.entries[term.id].isHidden()
            self.click(page.clear_button)
            assert not page.search.text()
        else:  # a kiosk has no keyboard: browse by first letter, then all again
            letter = rng.choice(sorted(page.letter_buttons))
            self.click(page.letter_buttons[letter])
            assert 0 < len(page.visible_terms()) <= len(terms)
            self.click(page.all_button)
            assert len(page.visible_terms()) == len(terms)
        # A term opened in place, as a tap on a marked word in a text does.
        self.session.show_term(rng.choice(terms))
        popover = self.window.popover
        if popover.isVisible() and plan.close_popover:
            self.click(popover.close_button)
        self.stats["glossary"] += 1

    def walk_away(self) -> None:
        """Leave the kiosk alone: "Are you still there?", the countdown, then a reset."""
        with self.qtbot.waitSignal(self.controller.visitor_reset, timeout=10_000):
            pass
        self.stats["idle reset"] += 1


@pytest.fixture
def kiosk(qtbot, tmp_path):
    from app.launch import launch
    from app.ui.main import application

    application()
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    launched = launch(
        None,
        "en",
        config_path=config,
        kiosk=True,
        idle_ms=IDLE_MS,
        countdown=COUNTDOWN,
        tick_ms=TICK_MS,
    )
    window = launched.window
    qtbot.addWidget(window, before_close_func=lambda w: w.close_guard.allow())
    launched.show()
    qtbot.waitExposed(window)
    yield launched
    launched.shutdown()


def test_soak(qtbot, kiosk):
    problems = _Problems()
    root = logging.getLogger()
    root.addHandler(problems)
    try:
        visitor = Visitor(qtbot, kiosk.window, kiosk.session, kiosk.controller, random.Random(SEED))
        started = time.perf_counter()
        for number in range(WARM_UP):
            visitor.visit(number)
        # The first look at every object creates some (Qt's lazy types).
        snapshot(WARM_UP, kiosk.window)
        before = snapshot(WARM_UP, kiosk.window)
        middle_at = (WARM_UP + VISITS) // 2
        for number in range(WARM_UP, middle_at):
            visitor.visit(number)
        middle = snapshot(middle_at, kiosk.window)
        for number in range(middle_at, VISITS):
            visitor.visit(number)
        after = snapshot(VISITS, kiosk.window)
        seconds = time.perf_counter() - started
    finally:
        root.removeHandler(problems)

    growth_mib = (after.rss_kib - before.rss_kib) / 1024
    grown = {
        name: (before.app_objects.get(name, 0), count)
        for name, count in after.app_objects.items()
        if count > before.app_objects.get(name, 0)
    }
    report = (
        f"{VISITS} visits (seed {SEED}, warm-up {WARM_UP}) in {seconds:.0f} s "
        f"({seconds / VISITS * 1000:.0f} ms a visit); RSS {before.rss_kib / 1024:.1f} -> "
        f"{middle.rss_kib / 1024:.1f} (visit {middle.visits}) -> "
        f"{after.rss_kib / 1024:.1f} MiB ({growth_mib:+.2f}), anonymous "
        f"{(after.anon_kib - before.anon_kib) / 1024:+.2f} MiB; widgets {before.widgets} -> "
        f"{after.widgets}; objects of app types {sum(before.app_objects.values())} -> "
        f"{sum(after.app_objects.values())}; all gc objects {before.all_objects} -> "
        f"{middle.all_objects} -> {after.all_objects}; Python memory blocks {before.blocks} -> "
        f"{middle.blocks} -> {after.blocks} (most grown in the first half: "
        f"{(middle.types - before.types).most_common(6)}, in the second: "
        f"{(after.types - middle.types).most_common(6)}); "
        f"{dict(visitor.stats)}"
    )
    print(report)
    assert not problems.records, [problems.format(r) for r in problems.records]
    assert after.widgets <= before.widgets, report
    assert not grown, (grown, report)
    assert growth_mib < MAX_GROWTH_MIB, report
    assert visitor.stats["idle reset"] >= 1 and visitor.stats["start over"] >= 1, report

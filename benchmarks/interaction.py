"""Interaction: a language switch and a move between screens, against a tenth of a start-up.

In one process, on Qt's offscreen platform, the app is launched as ``trialguide`` launches
it (config, the default record, main window, kiosk controller; desktop mode), every
self-check question is answered, and then:

* language switch English -> Persian -> English on every screen (the full re-render, the
  mirroring, and the repaint that follows): each direction is timed on its own, with
  warming off, and again as the app runs (warming waited out on each screen first, which
  ends with the screen in view measured unseen in the other language);
* a move from each screen to the next, the first time (the page is built then) and later
  (the page exists), and the first time once the app's warming has built and measured
  every page in idle moments;
* a text-size step and back, and high contrast on and off, on the study details (the
  text-size step with warming off, and again as the app runs, warming waited out);
* a tap on an answer on the self-check, with the result screen built behind it.

A step is timed from the call on the session to the end of the paint pass that shows its
result (events are processed until the page has been painted). The target: each below a
tenth of the hello-world's cold start, measured here in the same run on the same
platform (well under the 100 ms at which people notice a delay).

Usage: python benchmarks/interaction.py [--runs N] [--warmed-runs N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sys
import time

from _common import (
    FLOOR,
    PYTHON,
    Row,
    clean_env,
    median,
    print_table,
    scratch,
    spread,
    time_to_first_paint,
)

os.environ["QT_QPA_PLATFORM"] = "offscreen"

TARGET_FRACTION = 0.1


def hello_start_ms(runs: int) -> list[float]:
    """Cold starts of the floor (ms), offscreen like the measurements here."""
    with scratch() as home:
        env = clean_env(home, QT_QPA_PLATFORM="offscreen")
        times = []
        for i in range(runs + 1):
            seconds = time_to_first_paint([PYTHON, str(FLOOR), "--exit-after-paint"], env)
            if seconds is None:
                raise SystemExit("the floor printed no first-paint")
            if i:
                times.append(seconds * 1000)
        return times


class PaintWatch:
    """Times a step until a widget (or any widget inside it) has been painted.

    Qt sends no paint event to a widget its opaque children cover entirely (a page under
    its scroll area), so the paint of anything inside the page counts.
    """

    def __init__(self, app) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.app = app
        self.target = None
        self.painted = False
        watch = self

        class _Filter(QObject):
            def eventFilter(self, obj, event):
                if (
                    not watch.painted
                    and event.type() == QEvent.Type.Paint
                    and (obj is watch.target or watch.target.isAncestorOf(obj))
                ):
                    watch.painted = True
                return False

        self.filter = _Filter()

    def time(self, widget, step) -> float:
        """Milliseconds from ``step()`` to the end of the paint pass that paints ``widget``."""
        self.app.processEvents()
        self.painted = False
        self.target = widget
        self.app.installEventFilter(self.filter)
        start = time.perf_counter()
        step()
        deadline = start + 30
        while not self.painted and time.perf_counter() < deadline:
            self.app.processEvents()
        elapsed = (time.perf_counter() - start) * 1000
        self.app.removeEventFilter(self.filter)
        if not self.painted:
            raise RuntimeError(f"{type(widget).__name__} was not painted within 30 s")
        return elapsed


def answer_everything(session, rng: random.Random) -> None:
    """Answer every question with a random option (or a random number in range)."""
    from app.record.models import ChoiceQuestion

    for question in session.record.questions:
        if isinstance(question, ChoiceQuestion):
            session.answer(question.id, rng.choice(question.options).id)
        else:
            session.answer(question.id, rng.randint(question.min_value, question.max_value))


Times = dict[str, list[float]]
Switches = dict[str, tuple[float, float]]


def _launch(home, warm_pages: bool = True):
    """The app launched as ``trialguide`` launches it (desktop mode), 1280x800, unshown.

    With no sizes an earlier launch in this process measured: each launch lays its text
    out as a fresh start would.
    """
    from app.launch import launch
    from app.ui.text import forget_shared_sizes

    forget_shared_sizes()
    launched = launch(
        None, "en", config_path=home / "config.toml", kiosk=False, warm_pages=warm_pages
    )
    launched.window.resize(1280, 800)
    return launched


def _shown_answered_and_warm(app, launched, rng: random.Random, wait: float) -> None:
    """Show the window, answer every question, and wait out its warming (up to ``wait`` s)."""
    launched.show()
    answer_everything(launched.session, rng)
    _wait_until_warm(app, launched.window, time.perf_counter() + wait)


def one_run(app, watch: PaintWatch, home, rng: random.Random) -> tuple[Switches, dict, dict]:
    """Launch, answer, visit every screen twice and switch language on each; close."""
    from app.session import Screen

    order = list(Screen)
    # Warming off: a first visit here builds its page, as when a visitor taps before
    # the app has had idle time to build it (see warming_ms for how long that is).
    launched = _launch(home, warm_pages=False)
    window, session = launched.window, launched.session
    launched.show()
    while not window.isVisible():
        app.processEvents()
    answer_everything(session, rng)
    first: dict[str, float] = {}
    later: dict[str, float] = {}
    switches: Switches = {}
    # First visits, in the order a visitor meets the screens: the page is built then,
    # so time until the stack (which will hold it) has painted.
    for here, there in itertools.pairwise(order):
        first[f"{here.value} -> {there.value}"] = watch.time(
            window.stack, lambda there=there: session.go_to(there)
        )
    # Later visits (the pages exist), and a language round trip on each screen, with
    # every page whole: one built in stages and left before it was (the details, the
    # glossary) is finished and measured, as the window's warming would in the
    # visitor's first pause.
    session.go_to(order[0])
    app.processEvents()
    for page in window.pages.values():
        page.build_all()
        if page.isHidden():
            while not page.lay_out_ahead(window._show_widths(), deadline=float("inf")):
                pass
    for here, there in zip(order, [*order[1:], order[0]], strict=True):
        page = window.page(there)
        later[f"{here.value} -> {there.value}"] = watch.time(
            page, lambda there=there: session.go_to(there)
        )
        to_fa = watch.time(page, lambda: session.set_language("fa"))
        to_en = watch.time(page, lambda: session.set_language("en"))
        switches[there.value] = (to_fa, to_en)
    # Text size up a step and back, on the busiest screen, with every page built.
    page = window.page(Screen.DETAILS)
    session.go_to(Screen.DETAILS)
    app.processEvents()
    bigger = watch.time(page, lambda: session.set_text_scale(125))
    smaller = watch.time(page, lambda: session.set_text_scale(100))
    later["text size 100% -> 125% -> 100% on details"] = bigger + smaller
    on = watch.time(page, lambda: session.set_high_contrast(True))
    off = watch.time(page, lambda: session.set_high_contrast(False))
    later["high contrast on -> off on details, every screen seen"] = on + off
    # A tap on an answer, with the result screen built (and hidden behind the question).
    question = session.record.questions[1]
    session.go_to_question(1)
    page = window.page(Screen.SELFCHECK)
    session.go_to(Screen.SELFCHECK)
    app.processEvents()
    other = next(o.id for o in question.options if o.id != session.answers.get(question.id))
    later["an answer tapped on selfcheck, every screen built"] = watch.time(
        page, lambda: session.answer(question.id, other)
    )
    close(app, launched)
    return switches, first, later


def close(app, launched) -> None:
    """Close and delete a launched window, and check that no main window is left."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    launched.shutdown()
    window = launched.window
    window.close_guard.allow()
    window.close()
    window.deleteLater()
    # Deferred deletions are not run by processEvents(): without this, every window of
    # the earlier runs would live on, and each language switch would re-lay them out.
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    if left:
        raise RuntimeError(f"{len(left)} main window(s) of an earlier run still alive")


def _wait_until_warm(app, window, deadline: float) -> None:
    """Until the window's warming has nothing left to do: every page built, whole, and
    measured for the width it will be shown at (or until ``deadline``)."""
    from app.session import Screen

    def warm() -> bool:
        pages = window.pages.values()
        return (
            len(window.pages) == len(Screen)
            and all(p.complete for p in pages)
            and all(p.laid_out_for is not None for p in pages)
            and not window._warm_timer.isActive()
        )

    while not warm() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)


def warming_ms(app, home) -> tuple[float, float]:
    """From showing the window to every page built and measured, as the app does it in
    idle moments; then high contrast on and off on the welcome screen, with the warmed
    pages unseen."""
    launched = _launch(home)
    window, session = launched.window, launched.session
    start = time.perf_counter()
    launched.show()
    _wait_until_warm(app, window, start + 30)
    elapsed = (time.perf_counter() - start) * 1000
    contrast = 0.0
    for on in (True, False):
        begin = time.perf_counter()
        session.set_high_contrast(on)
        app.processEvents()
        contrast += (time.perf_counter() - begin) * 1000
    close(app, launched)
    return elapsed, contrast


def first_visits_after_warming(app, watch: PaintWatch, home, rng: random.Random) -> Times:
    """A first visit to each screen once the window's warming is done (the app's own
    start: every page built and measured in idle moments, none shown yet)."""
    from app.session import Screen

    launched = _launch(home)
    window, session = launched.window, launched.session
    _shown_answered_and_warm(app, launched, rng, 30)
    order = list(Screen)
    visits: Times = {}
    for here, there in itertools.pairwise(order):
        visits[f"{here.value} -> {there.value}"] = [
            watch.time(window.page(there), lambda there=there: session.go_to(there))
        ]
    close(app, launched)
    return visits


def switches_after_warming(
    app, watch: PaintWatch, home, rng: random.Random
) -> tuple[WarmSwitches, tuple[float, float, float]]:
    """A language round trip on each screen as the app has it once warming is done.

    The app launched as ``trialguide`` launches it; on each screen, warming is waited
    out (it ends by measuring the screen in view unseen in the other language and at
    the next text size up, see ``app.ui.language_twin``), then en->fa, warming again,
    fa->en. Returns per screen the two switches and how long warming took after
    arriving there (ms); and the same for a text-size step up and back on the details.
    """
    from app.session import Screen

    launched = _launch(home)
    session = launched.session
    _shown_answered_and_warm(app, launched, rng, 60)
    found: WarmSwitches = {}
    for screen in Screen:
        found[screen.value] = _there_and_back_warmed(
            app,
            watch,
            launched,
            screen,
            lambda: session.set_language("fa"),
            lambda: session.set_language("en"),
        )
    sizes = _there_and_back_warmed(
        app,
        watch,
        launched,
        Screen.DETAILS,
        lambda: session.set_text_scale(125),
        lambda: session.set_text_scale(100),
    )
    close(app, launched)
    return found, sizes


WarmSwitches = dict[str, tuple[float, float, float]]


def _there_and_back_warmed(
    app, watch: PaintWatch, launched, screen, there, back
) -> tuple[float, float, float]:
    """On ``screen``, warming waited out before each step: ``there``, then ``back``.

    Returns both steps and how long warming took after arriving (ms).
    """
    window, session = launched.window, launched.session
    page = window.page(screen)
    session.go_to(screen)
    arrived = time.perf_counter()
    app.processEvents()
    _wait_until_warm(app, window, arrived + 60)
    waited = (time.perf_counter() - arrived) * 1000
    to_there = watch.time(page, there)
    _wait_until_warm(app, window, time.perf_counter() + 60)
    to_back = watch.time(page, back)
    _wait_until_warm(app, window, time.perf_counter() + 60)
    return to_there, to_back, waited


def measure(runs: int) -> tuple[dict[str, list[tuple[float, float]]], Times, Times]:
    """Per screen: (en->fa, fa->en) switches; per move: first and later visits (ms)."""
    from app.ui.main import application

    app = application()
    watch = PaintWatch(app)
    rng = random.Random(6)
    switches: dict[str, list[tuple[float, float]]] = {}
    first: Times = {}
    later: Times = {}
    with scratch() as home:
        for run in range(runs + 1):
            run_switches, run_first, run_later = one_run(app, watch, home, rng)
            if run == 0:
                continue  # warm-up: the first import of every screen module
            for key, pair in run_switches.items():
                switches.setdefault(key, []).append(pair)
            for key, value in run_first.items():
                first.setdefault(key, []).append(value)
            for key, value in run_later.items():
                later.setdefault(key, []).append(value)
    return switches, first, later


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs (7)")
    parser.add_argument(
        "--warmed-runs",
        type=int,
        default=5,
        help="launches for each row measured once warming is done (5): each waits it out",
    )
    args = parser.parse_args(argv)
    hello = hello_start_ms(args.runs)
    floor = median(hello)
    limit_ms = floor * TARGET_FRACTION
    switches, first, later = measure(args.runs)
    from app.ui.main import application
    from app.ui.main_window import WARM_DELAY_MS, WARM_STEP_MS

    with scratch() as home:
        app = application()
        warm_runs = [warming_ms(app, home) for _ in range(args.warmed_runs)]
        watch, rng = PaintWatch(app), random.Random(7)
        after_warming: Times = {}
        for _ in range(args.warmed_runs):
            for move, values in first_visits_after_warming(app, watch, home, rng).items():
                after_warming.setdefault(move, []).extend(values)
        warm_switches: dict[str, list[tuple[float, float, float]]] = {}
        warm_sizes: list[tuple[float, float, float]] = []
        for _ in range(args.warmed_runs):
            by_screen, sizes = switches_after_warming(app, watch, home, rng)
            for screen, found in by_screen.items():
                warm_switches.setdefault(screen, []).append(found)
            warm_sizes.append(sizes)
    warming = [built for built, _ in warm_runs]
    target = f"< {limit_ms:.0f} ms"
    rows: list[Row] = []

    def row(what: str, values: list[float]) -> Row:
        value = median(values)
        return Row(
            what,
            value,
            floor,
            "ms",
            target,
            verdict="holds" if value < limit_ms else "MISSED",
            note=spread(values),
        )

    for screen, pairs in switches.items():
        both = row(f"en->fa->en on {screen}", [fa + en for fa, en in pairs])
        both.note = (
            f"en->fa {median([fa for fa, _ in pairs]):.0f}, "
            f"fa->en {median([en for _, en in pairs]):.0f}; {both.note}"
        )
        rows.append(both)
    for screen, triples in warm_switches.items():
        both = row(f"en->fa->en on {screen}, warmed", [fa + en for fa, en, _ in triples])
        both.note = (
            f"en->fa {median([fa for fa, _, _ in triples]):.0f}, "
            f"fa->en {median([en for _, en, _ in triples]):.0f}; warming after arriving "
            f"{median([w for _, _, w in triples]) / 1000:.1f} s; {both.note}"
        )
        rows.append(both)
    ups, backs = [a for a, _, _ in warm_sizes], [b for _, b, _ in warm_sizes]
    waits = [w for _, _, w in warm_sizes]
    sized = row(
        "text size 100% -> 125% -> 100% on details, warmed", [a + b for a, b, _ in warm_sizes]
    )
    sized.note = (
        f"up {median(ups):.0f}, back {median(backs):.0f}; "
        f"warming after arriving {median(waits) / 1000:.1f} s; {sized.note}"
    )
    rows.append(sized)
    for move, values in first.items():
        rows.append(row(f"{move} (first visit)", values))
    for move, values in after_warming.items():
        rows.append(row(f"{move} (first visit, after warming)", values))
    for move, values in later.items():
        rows.append(row(f"{move}", values))
    rows.append(row("high contrast on -> off on welcome, at start", [c for _, c in warm_runs]))
    rows.append(
        Row(
            "every screen built in idle time after start",
            median(warming),
            None,
            "ms",
            verdict="info",
            note=f"{WARM_DELAY_MS} ms wait, then one page per {WARM_STEP_MS} ms idle",
        )
    )
    busiest = max(switches, key=lambda s: median([a + b for a, b in switches[s]]))
    print_table(
        "Interaction: language switch and screen moves (offscreen, in-process)",
        rows,
        [
            f"floor: hello-world cold start {floor:.0f} ms (median of {args.runs}, "
            f"{spread(hello)}); target: each step under a tenth of it ({limit_ms:.0f} ms)",
            "the 'ratio' column is the step's share of the floor's cold start (target < 0.10)",
            f"busiest screen for a language switch: {busiest}; a switch row is the whole "
            "round trip en->fa->en (both switches, each repainted), held to the target",
            "'first visit' rows are measured with warming off (a tap before the app has "
            "had idle time); the app builds and measures every screen in idle moments "
            "after start: the 'after warming' rows are first visits then",
            "the plain switch rows are with warming off, every page built; the 'warmed' "
            "ones as the app runs: the screen in view measured unseen in the other "
            "language in idle moments first (how long that took is in the note)",
            f"warmed and after-warming rows: medians of {args.warmed_runs} launches "
            f"(--warmed-runs); the other rows: of {args.runs}",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

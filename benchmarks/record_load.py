"""Record load and validation time: the default record, and 10x and 100x larger ones.

A larger record is the default record with its criteria, questions and glossary terms
repeated (with new ids; each copied question asks about its copied criterion), so the
cross-reference checks have as much to do per item as in the real one. For each size:

* ``parse`` is the whole load from bytes: YAML (with its bounds), the schema and the
  cross-reference checks (:func:`app.record.parse_record`);
* ``validate`` is the same without YAML, from the parsed data
  (:func:`app.record.validate_record`).

Time per item (criteria + questions + terms) should stay flat as the record grows: the
load is linear when the per-item time of the largest record is within 1.5 times that of
the smallest. The floor of this table is the default record itself.

The loader refuses files over ``MAX_BYTES`` and documents over ``MAX_NODES``, and the
record limits of :mod:`app.record.limits` (200 glossary terms...); a 100x record is over
them, so they are lifted in this process for the scaling measurement.

Then the record at the limits (``tools/at_limits.py``: every count and length at its
limit, with real texts, and with every glossary and step text at its longest), against
the default record measured in the same run: its parse (per KiB, linear when within 1.5
times the default's), and the first show of the three screens that grow with it
(glossary, steps, study details), built whole and painted offscreen, in English and
Persian. The glossary, steps and study details are built in stages (what the window
shows first with the page, the rest in idle moments after its first paint): for them the
target is the first show, and the page built whole before its paint is reported for
information beside it.
The target for a screen is under a second at the limits with real texts (the ratio
column says how much slower than the default record); with the longest texts it is
reported for information.

Usage: python benchmarks/record_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from typing import Any

import yaml
from _common import Row, median, print_table

from app.record import limits, parse_record, validate_record
from app.record import load as record_load
from app.record.load import _Loader, default_record_text
from tools.at_limits import _dump, at_limits_record

SCALES = (1, 10, 100)
LINEAR_LIMIT = 1.5


def scaled(base: dict[str, Any], factor: int) -> dict[str, Any]:
    """The record with criteria, questions and glossary terms repeated ``factor`` times."""
    data = copy.deepcopy(base)
    if factor == 1:
        return data
    criteria = base["eligibility"]["criteria"]
    questions = base.get("questions", [])
    terms = base["patient"].get("glossary", [])
    for copy_number in range(1, factor):
        suffix = f"_x{copy_number}"
        for criterion in criteria:
            item = copy.deepcopy(criterion)
            item["id"] += suffix
            data["eligibility"]["criteria"].append(item)
        for question in questions:
            item = copy.deepcopy(question)
            item["id"] += suffix
            item["criterion"] += suffix
            data["questions"].append(item)
        for term in terms:
            item = copy.deepcopy(term)
            item["id"] += suffix
            data["patient"]["glossary"].append(item)
    return data


def items(data: dict[str, Any]) -> int:
    """Criteria + questions + glossary terms."""
    return (
        len(data["eligibility"]["criteria"])
        + len(data.get("questions", []))
        + len(data["patient"].get("glossary", []))
    )


def best_of(runs: int, work) -> list[float]:
    """Milliseconds of each run of ``work()``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


SCREEN_TARGET_MS = 1000.0


def at_limits_rows(runs: int, raw: bytes) -> tuple[list[Row], list[str]]:
    """Parse and first show of the long screens: the record at the limits vs the default."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.session import Screen
    from app.ui.main import application, create_window
    from app.ui.main_window import page_class
    from app.ui.screens.base import ScreenPage

    app = application()
    rows: list[Row] = []
    records = {"default": raw}
    records["limits"] = _dump(at_limits_record())
    records["longest texts"] = _dump(at_limits_record(long_texts=True))
    per_kib = {
        name: median(best_of(runs, lambda data=data: parse_record(data))) / (len(data) / 1024)
        for name, data in records.items()
    }
    for name in ("limits", "longest texts"):
        rows.append(
            Row(
                f"parse at the {name} ({len(records[name]) / 1024:.0f} KiB), per KiB",
                per_kib[name] * 1000,
                per_kib["default"] * 1000,
                "µs",
                f"<= {LINEAR_LIMIT}x (linear)",
                limit=LINEAR_LIMIT,
            )
        )

    def show_ms(record, screen: Screen, lang: str, whole: bool) -> float:
        session, window = create_window(record, lang)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        start = time.perf_counter()
        session.go_to(screen)
        if whole:
            window.page(screen).build_all()  # the whole page, not only its first stage
        app.processEvents()
        window.grab()  # the paint
        elapsed = (time.perf_counter() - start) * 1000
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        session.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return elapsed

    def built_in_stages(screen: Screen) -> bool:
        """Whether ``screen``'s page builds only its first stage with the page."""
        return page_class(screen).build_all is not ScreenPage.build_all

    loaded = {name: parse_record(data) for name, data in records.items()}
    screen_runs = max(3, runs // 2)
    for screen in (Screen.GLOSSARY, Screen.PROCEDURES, Screen.DETAILS):
        # A page built in stages has two figures: its first paint, which the target is
        # for, and the whole page (the rest is built in idle moments after that paint).
        staged = built_in_stages(screen)
        for lang in ("en", "fa"):
            for whole in (False, True) if staged else (True,):
                times = {
                    name: median([show_ms(record, screen, lang, whole) for _ in range(screen_runs)])
                    for name, record in loaded.items()
                }
                what = "built whole" if staged and whole else "first show"
                for name in ("limits", "longest texts"):
                    at_limit = name == "limits" and what == "first show"
                    rows.append(
                        Row(
                            f"{screen.value} {lang}, {what} at the {name}",
                            times[name],
                            times["default"],
                            "ms",
                            "< 1 s" if at_limit else "(info)",
                            verdict=(
                                ("holds" if times[name] < SCREEN_TARGET_MS else "MISSED")
                                if at_limit
                                else "-"
                            ),
                        )
                    )
    notes = [
        "floor: the default record in the same run; a screen is built, laid out and "
        f"painted offscreen (median of {screen_runs}); the limits are those of "
        "app/record/limits.py"
    ]
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each size (7)")
    args = parser.parse_args(argv)
    _source, raw = default_record_text()
    base = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    limit_rows, limit_notes = at_limits_rows(args.runs, raw)
    record_load.MAX_BYTES = 1 << 30
    record_load.MAX_NODES = 1 << 30
    for name in ("MAX_GLOSSARY_TERMS", "MAX_PROCEDURE_STEPS"):
        setattr(limits, name, 1 << 30)
    rows: list[Row] = []
    per_item: dict[str, dict[int, float]] = {"parse": {}, "validate": {}}
    sizes: dict[int, tuple[int, int]] = {}
    for factor in SCALES:
        data = scaled(base, factor)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")
        count = items(data)
        sizes[factor] = (count, len(text))
        validate_record(data)  # warm-up, and proof that the scaled record is valid
        parse_record(text)
        for kind, work in (
            ("parse", lambda text=text: parse_record(text)),
            ("validate", lambda data=data: validate_record(data)),
        ):
            times = best_of(args.runs if factor < 100 else max(3, args.runs // 2), work)
            ms = median(times)
            per_item[kind][factor] = ms * 1000 / count  # µs per item
            rows.append(
                Row(
                    f"{kind} {factor}x ({count} items, {len(text) / 1024:.0f} KiB)",
                    ms,
                    None,
                    "ms",
                    note=f"{per_item[kind][factor]:.0f} µs/item",
                )
            )
    notes = []
    for kind, by_factor in per_item.items():
        ratio = by_factor[SCALES[-1]] / min(by_factor.values())
        rows.append(
            Row(
                f"{kind}: per-item time {SCALES[-1]}x / best",
                by_factor[SCALES[-1]],
                min(by_factor.values()),
                "µs",
                f"<= {LINEAR_LIMIT}x (linear)",
                limit=LINEAR_LIMIT,
            )
        )
        notes.append(
            f"{kind}: "
            + ", ".join(f"{f}x {by_factor[f]:.0f} µs/item" for f in SCALES)
            + f" -> {'linear' if ratio <= LINEAR_LIMIT else 'NOT linear'} (ratio {ratio:.2f})"
        )
    notes.append(
        f"median of {args.runs} runs ({max(3, args.runs // 2)} for 100x); MAX_BYTES, "
        "MAX_NODES and the glossary and step counts lifted in this process (a 100x record "
        "is over them)"
    )
    print_table("Record load and validation", rows, notes)
    print_table("The record at the limits", limit_rows, limit_notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

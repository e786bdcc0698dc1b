"""The targets table of ``make bench`` (``benchmarks/summary.py``) picks the right rows.

Each target covers a family of rows and reports the worst; a pick that also matches
another family's rows reports that row's figure under the wrong name (the warmed
language-switch target once showed the warmed text-size step, 121 against 63 ms).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

#: Row names as the benchmarks print them (one `make bench` run), with a figure each.
ROWS = {
    "en->fa->en on welcome": 18.0,
    "en->fa->en on details": 90.0,
    "en->fa->en on glossary": 125.0,
    "en->fa->en on welcome, warmed": 15.6,
    "en->fa->en on details, warmed": 58.8,
    "en->fa->en on glossary, warmed": 63.2,
    "text size 100% -> 125% -> 100% on details": 133.0,
    "text size 100% -> 125% -> 100% on details, warmed": 121.0,
    "high contrast on -> off on details, every screen seen": 44.5,
    "high contrast on -> off on welcome, at start": 22.1,
    "result -> details (first visit)": 78.4,
    "details -> glossary (first visit)": 59.1,
    "result -> details (first visit, after warming)": 21.7,
    "result -> details": 14.9,
    "start-up from source": 425.0,
    "start-up, frozen bundle": 526.0,
    "counselor view against the main window": 505.0,
    "peak RSS, every screen, en+fa": 143.1,
}


@pytest.fixture(scope="module")
def summary():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("bench_summary", BENCHMARKS / "summary.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # (its dataclass looks its module up)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    yield module
    for name in ("bench_summary", "_common"):  # benchmarks/ is not a package
        sys.modules.pop(name, None)


def _rows() -> list[dict]:
    return [
        {"what": what, "ours": ours, "floor": 118.0, "unit": "ms"} for what, ours in ROWS.items()
    ]


def test_each_target_reports_the_worst_row_of_its_own_family(summary) -> None:
    picked = {row.what: (row.ours, row.note) for row in summary.summarize(_rows())}
    assert picked["language switch en->fa->en, worst screen (warming off)"] == (
        125.0,
        "en->fa->en on glossary",
    )
    assert picked["language switch en->fa->en, worst screen, warmed"] == (
        63.2,
        "en->fa->en on glossary, warmed",
    )
    assert picked["text-size step and back (details, warming off)"][0] == 133.0
    assert picked["text-size step and back (details), warmed"][0] == 121.0
    assert picked["high contrast on and off, every screen built"][0] == 44.5
    assert picked["first visit before warming, worst screen"] == (
        78.4,
        "result -> details (first visit)",
    )
    assert picked["cold start to first paint, frozen"][0] == 526.0
    assert picked["peak memory, every screen in en and fa"][0] == 143.1


def test_no_row_counts_towards_two_targets(summary) -> None:
    for row in _rows():
        takers = [t.what for t in summary.TARGETS if t.pick(row)]
        assert len(takers) <= 1, (row["what"], takers)

"""The targets of issue 18 side by side with their floors, from the rows of one run.

``run_all.py`` has every benchmark append its table rows to one file (see
``_common.SUMMARY_ENV``), then prints this table: each target, the measured figure (the
worst screen where a target holds on every screen), its floor from the same run, the
ratio, the limit and whether it holds.

Usage: python benchmarks/summary.py ROWS.jsonl
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import Row, print_table

Pick = Callable[[dict], bool]


@dataclass(frozen=True)
class Target:
    """One target: which rows it covers (the worst one counts) and the ratio it allows."""

    what: str
    pick: Pick
    limit: float


def _starts(prefix: str) -> Pick:
    return lambda row: str(row["what"]).startswith(prefix)


def _ends(suffix: str) -> Pick:
    return lambda row: str(row["what"]).endswith(suffix)


def _is(name: str) -> Pick:
    return lambda row: row["what"] == name


TARGETS = (
    Target(
        "language switch en->fa->en, worst screen (warming off)",
        lambda row: _starts("en->fa->en on ")(row) and not _ends(", warmed")(row),
        0.1,
    ),
    Target(
        "language switch en->fa->en, worst screen, warmed",
        lambda row: _starts("en->fa->en on ")(row) and _ends(", warmed")(row),
        0.1,
    ),
    Target(
        "text-size step and back (details, warming off)",
        lambda row: _starts("text size 100% -> 125%")(row) and not _ends(", warmed")(row),
        0.1,
    ),
    Target(
        "text-size step and back (details), warmed",
        lambda row: _starts("text size 100% -> 125%")(row) and _ends(", warmed")(row),
        0.1,
    ),
    Target(
        "high contrast on and off, every screen built",
        _starts("high contrast on -> off on details"),
        0.1,
    ),
    Target("first visit before warming, worst screen", _ends("(first visit)"), 0.1),
    Target("cold start to first paint, from source", _is("start-up from source"), 1.5),
    Target("cold start to first paint, frozen", _is("start-up, frozen bundle"), 1.3),
    Target(
        "counselor view's start against the main window's",
        _is("counselor view against the main window"),
        1.2,
    ),
    Target("peak memory, every screen in en and fa", _starts("peak RSS"), 1.5),
)


def summarize(rows: list[dict]) -> list[Row]:
    """One row per target: the worst matching measurement against its floor."""
    out = []
    for target in TARGETS:
        found = [r for r in rows if target.pick(r) and r["ours"] is not None and r["floor"]]
        if not found:
            out.append(Row(target.what, None, None, "ms", f"<= {target.limit}x"))
            continue
        worst = max(found, key=lambda r: r["ours"] / r["floor"])
        note = worst["what"] if len(found) > 1 else ""
        out.append(
            Row(
                target.what,
                worst["ours"],
                worst["floor"],
                worst["unit"],
                f"<= {target.limit}x",
                limit=target.limit,
                note=note,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0])
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    rows = [json.loads(line) for line in lines if line.strip()]
    print_table(
        "Targets of issue 18 (ratio to the floor measured in the same run)",
        summarize(rows),
        [
            "floors: interaction rows and first visits, the hello-world's cold start "
            "(offscreen); start-up and memory, the hello-world on the same platform; "
            "counselor, the main window's start",
            "each 'worst' row names the screen or move that set it",
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the benchmarks share: medians, the result table, a private display, clean env.

Every benchmark measures TrialGuide and its floor side by side in the same run, reports
medians of repeated runs and the ratio, and says whether the target holds. None of them
asserts anything about timing: they print, and exit 0.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.xvfb import XvfbError, xvfb

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ROOT / "benchmarks" / "floor" / "hello.py"
PYTHON = sys.executable


def median(values: Sequence[float]) -> float:
    """The median (the benchmarks' one statistic: robust to a busy machine's outliers)."""
    return statistics.median(values)


def spread(values: Sequence[float]) -> str:
    """``min..max`` of the runs, to show how noisy they were."""
    return f"{min(values):.0f}..{max(values):.0f}"


@dataclass
class Row:
    """One line of a result table."""

    what: str
    ours: float | None
    floor: float | None
    unit: str
    target: str = ""
    #: ratio <= limit holds (None: the row has no ratio target, or a custom verdict).
    limit: float | None = None
    verdict: str | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.floor:
            return None
        return self.ours / self.floor

    def holds(self) -> bool | None:
        if self.verdict is not None:
            return self.verdict == "holds"
        if self.limit is None or self.ratio is None:
            return None
        return self.ratio <= self.limit


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "µs":
        return f"{value:.1f} µs"
    return f"{value:.3g} {unit}"


#: run_all.py sets this to a file: every table row is appended to it (one JSON a line),
#: for the summary of targets it prints at the end.
SUMMARY_ENV = "TRIALGUIDE_BENCH_SUMMARY"


def _record(title: str, rows: Sequence[Row]) -> None:
    path = os.environ.get(SUMMARY_ENV)
    if not path:
        return
    with open(path, "a", encoding="utf-8") as out:
        for row in rows:
            fields = {"table": title, "what": row.what, "ours": row.ours, "floor": row.floor}
            out.write(json.dumps({**fields, "unit": row.unit}) + "\n")


def print_table(title: str, rows: Sequence[Row], notes: Sequence[str] = ()) -> None:
    """Print a table: measured, floor, ratio, target, and whether it holds."""
    _record(title, rows)
    width = max(28, *(len(r.what) + 2 for r in rows))
    print(f"\n## {title}\n")
    print(f"{'what':<{width}}{'TrialGuide':>13}{'floor':>13}{'ratio':>8}  {'target':<18}result")
    for row in rows:
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else "-"
        holds = row.holds()
        if row.verdict is not None:
            result = row.verdict
        elif holds is None:
            result = "skipped" if row.ours is None else "-"
        else:
            result = "holds" if holds else "MISSED"
        line = (
            f"{row.what:<{width}}{_fmt(row.ours, row.unit):>13}{_fmt(row.floor, row.unit):>13}"
            f"{ratio:>8}  {row.target:<18}{result}"
        )
        print(line + (f"  ({row.note})" if row.note else ""))
    for note in notes:
        print(f"  * {note}")
    sys.stdout.flush()


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a measured process: private config, state and cache folders.

    A benchmark must not read this machine's TrialGuide config nor write into its log.
    Python may write bytecode caches (the warm-up run of each benchmark does).
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRIALGUIDE_", "QT_", "XDG_"))
        # An installed app has its bytecode compiled; a machine that forbids writing it
        # (PYTHONDONTWRITEBYTECODE) would make every measured start compile the app's
        # sources anew (about 50 ms here), which no installed copy ever does.
        and k not in {"DISPLAY", "PYTHONDONTWRITEBYTECODE"}
    }
    env.update(
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(home / "runtime"),
    )
    (home / "runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(extra)
    return env


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder, with an empty TrialGuide config in it (``config.toml``)."""
    with tempfile.TemporaryDirectory(prefix="tg-bench-") as tmp:
        home = Path(tmp)
        (home / "config.toml").write_text("", encoding="utf-8")
        yield home


@contextlib.contextmanager
def display(kind: str = "auto") -> Iterator[dict[str, str]]:
    """Environment for Qt's platform: a private Xvfb (``xvfb``) or ``offscreen``.

    ``auto`` takes Xvfb when it is installed (a real X server, as a kiosk has) and the
    offscreen plugin otherwise. Yields the variables to add to a measured process's env.
    """
    if kind == "offscreen" or (kind == "auto" and shutil.which("Xvfb") is None):
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    try:
        with xvfb() as number:
            yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": number}
    except XvfbError as exc:
        raise SystemExit(str(exc)) from None


def platform_name(env: dict[str, str]) -> str:
    """How a display env reads in a table note."""
    if env.get("QT_QPA_PLATFORM") == "offscreen":
        return "Qt offscreen platform"
    return f"Xvfb {env.get('DISPLAY', '')} (xcb)"


def time_to_first_paint(
    argv: Sequence[str], env: dict[str, str], timeout: float = 60.0
) -> float | None:
    """Seconds from just before starting ``argv`` to the ``first-paint <t>`` it prints.

    The child prints its ``time.perf_counter()`` (CLOCK_MONOTONIC, shared by every
    process on Linux) at its first paint. None when it printed none (it was killed after
    ``timeout``).
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        out, _err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    for line in out.splitlines():
        if line.startswith("first-paint "):
            return float(line.split()[1]) - start
    return None


def xvfb_available() -> bool:
    """Whether a private X server can be started here."""
    return shutil.which("Xvfb") is not None

"""Peak memory: TrialGuide after visiting every screen in both languages, against hello.

The app runs as ``trialguide`` does (config, default record, main window, kiosk
controller), answers every question and shows every screen in English and in Persian
(``benchmarks/_visit_all.py``); the floor paints its one label and quits. Each figure is
the process's peak resident set size (``ru_maxrss`` from ``wait4``), median of a few
runs, on the same platform as the start-up benchmark.

Usage: python benchmarks/memory.py [--runs N] [--platform auto|xvfb|offscreen]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

from _common import (
    FLOOR,
    PYTHON,
    ROOT,
    Row,
    clean_env,
    display,
    median,
    platform_name,
    print_table,
    scratch,
)

#: The performance issue's target (summary.py holds the same): peak RSS at most 1.5x the floor.
TARGET = 1.5
VISIT = ROOT / "benchmarks" / "_visit_all.py"


def peak_rss_mib(argv: list[str], env: dict[str, str], expect: str) -> float:
    """Run ``argv`` to the end; its peak RSS in MiB (Linux reports ru_maxrss in KiB).

    Its output goes to files (a pipe left unread could fill and stall it); ``expect``
    must be in its stdout, to be sure it did the work.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    if process.returncode != 0 or expect not in stdout:
        raise SystemExit(f"{argv[1]} exited {process.returncode}:\n{stdout}\n{stderr[-2000:]}")
    return usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each (3)")
    parser.add_argument("--platform", choices=("auto", "xvfb", "offscreen"), default="auto")
    args = parser.parse_args(argv)
    with scratch() as home, display(args.platform) as screen:
        env = clean_env(home, **screen)
        config = str(home / "config.toml")
        floors, apps = [], []
        for _ in range(args.runs):
            floors.append(
                peak_rss_mib([PYTHON, str(FLOOR), "--exit-after-paint"], env, "first-paint")
            )
            apps.append(
                peak_rss_mib(
                    [PYTHON, str(VISIT), "--config", config, "--no-kiosk"], env, "visited 8"
                )
            )
    rows = [
        Row(
            "peak RSS, every screen, en+fa",
            median(apps),
            median(floors),
            "MiB",
            f"<= {TARGET}x",
            limit=TARGET,
            note=(
                f"app {min(apps):.1f}..{max(apps):.1f}, floor {min(floors):.1f}..{max(floors):.1f}"
            ),
        )
    ]
    print_table(
        "Memory: peak resident set size",
        rows,
        [f"{platform_name(screen)}; median of {args.runs} runs each"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

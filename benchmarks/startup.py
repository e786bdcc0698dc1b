"""Cold start to the first painted screen: TrialGuide against a bare PySide6 window.

From source: ``trialguide`` (the embedded default record loaded and validated, the
welcome screen painted) against ``benchmarks/floor/hello.py`` (one label painted). Both
print ``time.perf_counter()`` at their first paint; the time counts from just before the
process is started, so interpreter start-up and every import are in it.

Frozen: the PyInstaller bundle against the frozen hello-world, from the folders
``benchmarks/bundle_size.py`` leaves in ``build/bench/dist``. The frozen app reports its
first paint only when its ``run_app`` calls :func:`app.ui.paint_probe.install`; a bundle
that does not is skipped with a note.

Runs alternate (floor, app, floor, app, ...) so that a busy machine slows both alike;
the first run of each is a warm-up and is dropped. "Cold" is a new process each time,
with the operating system's file cache warm (dropping it would need root and would
disturb everything else on the machine).

Usage: python benchmarks/startup.py [--runs N] [--platform auto|xvfb|offscreen] [--bundle DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    spread,
    time_to_first_paint,
)

SOURCE_TARGET = 1.5
FROZEN_TARGET = 1.3
#: Counselor mode's start against the main window's, both from source.
COUNSELOR_TARGET = 1.2
DIST = ROOT / "build" / "bench" / "dist"
PROBE = ROOT / "benchmarks" / "_probe_app.py"


def measure_pair(
    floor_argv: list[str], app_argv: list[str], env: dict[str, str], runs: int
) -> tuple[list[float], list[float], str]:
    """Alternate floor and app runs; seconds of each (warm-up dropped), and a problem."""
    floors: list[float] = []
    apps: list[float] = []
    for i in range(runs + 1):
        floor = time_to_first_paint(floor_argv, env)
        app = time_to_first_paint(app_argv, env)
        if floor is None:
            return [], [], "the floor printed no first-paint"
        if app is None:
            return floors, [], "the app printed no first-paint"
        if i:  # run 0 warms the file cache and the bytecode cache
            floors.append(floor * 1000)
            apps.append(app * 1000)
    return floors, apps, ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="measured runs of each (9)")
    parser.add_argument("--platform", choices=("auto", "xvfb", "offscreen"), default="auto")
    parser.add_argument(
        "--bundle",
        type=Path,
        default=DIST / "trialguide",
        help="the frozen app's folder (build/bench/dist/trialguide)",
    )
    args = parser.parse_args(argv)
    rows: list[Row] = []
    notes: list[str] = []
    results: dict[str, float] = {}
    with scratch() as home, display(args.platform) as screen:
        config = str(home / "config.toml")
        env = clean_env(home, **screen, TRIALGUIDE_EXIT_AFTER_PAINT="1")
        notes.append(
            f"{platform_name(screen)}; median of {args.runs} runs each, alternating, after "
            "one warm-up; spread min..max in ms"
        )
        floors, apps, problem = measure_pair(
            [PYTHON, str(FLOOR), "--exit-after-paint"],
            [PYTHON, str(PROBE), "--config", config, "--no-kiosk"],
            env,
            args.runs,
        )
        if problem:
            rows.append(Row("start-up from source", None, None, "ms", f"<= {SOURCE_TARGET}x"))
            notes.append(f"from source: {problem}")
        else:
            results["source_app"] = median(apps)
            results["source_floor"] = median(floors)
            rows.append(
                Row(
                    "start-up from source",
                    median(apps),
                    median(floors),
                    "ms",
                    f"<= {SOURCE_TARGET}x",
                    limit=SOURCE_TARGET,
                    note=f"app {spread(apps)}, floor {spread(floors)}",
                )
            )
        mains, counselors, problem = measure_pair(
            [PYTHON, str(PROBE), "--config", config, "--no-kiosk"],
            [PYTHON, str(PROBE), "--config", config, "--counselor"],
            env,
            args.runs,
        )
        rows.append(
            Row(
                "counselor view against the main window",
                median(counselors) if counselors else None,
                median(mains) if counselors else None,
                "ms",
                f"<= {COUNSELOR_TARGET}x",
                limit=COUNSELOR_TARGET,
                note=f"counselor {spread(counselors)}, main {spread(mains)}"
                if counselors
                else problem,
            )
        )
        app_exe = args.bundle / "trialguide"
        hello_exe = DIST / "hello" / "hello"
        if not (app_exe.exists() and hello_exe.exists()):
            rows.append(Row("start-up, frozen bundle", None, None, "ms", f"<= {FROZEN_TARGET}x"))
            notes.append(
                "frozen: no bundles in build/bench/dist; run benchmarks/bundle_size.py first"
            )
        else:
            probe = time_to_first_paint(
                [str(app_exe), "--config", config, "--no-kiosk"], env, timeout=30
            )
            if probe is None:
                rows.append(
                    Row("start-up, frozen bundle", None, None, "ms", f"<= {FROZEN_TARGET}x")
                )
                notes.append(
                    "frozen: the bundle printed no first-paint; rebuild it "
                    "(benchmarks/bundle_size.py) once run_app calls paint_probe.install()"
                )
            else:
                floors, apps, problem = measure_pair(
                    [str(hello_exe), "--exit-after-paint"],
                    [str(app_exe), "--config", config, "--no-kiosk"],
                    env,
                    args.runs,
                )
                results["frozen_app"] = median(apps) if apps else float("nan")
                rows.append(
                    Row(
                        "start-up, frozen bundle",
                        median(apps) if apps else None,
                        median(floors) if floors else None,
                        "ms",
                        f"<= {FROZEN_TARGET}x",
                        limit=FROZEN_TARGET,
                        note=f"app {spread(apps)}, floor {spread(floors)}" if apps else problem,
                    )
                )
    print_table("Start-up: cold start to the first painted screen", rows, notes)
    _write_results(results)
    return 0


def _write_results(results: dict[str, float]) -> None:
    """Leave the medians for run_all.py (interaction targets use the floor's start-up)."""
    out = ROOT / "build" / "bench" / "startup.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    import json

    out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark and print every table (``make bench``).

Each benchmark runs in its own process, in this order: bundle size (it freezes the app
and the hello-world floor into ``build/bench/dist``, which the frozen start-up then
uses), start-up, interaction, memory, record load, catalog load; then one table of the
performance issue's targets, each beside its floor from the same run (``summary.py``).
Nothing here fails on timing: the tables say which targets hold. The exit code is
non-zero only if a benchmark itself broke.

Usage: python benchmarks/run_all.py [--quick] [--reuse] [--no-bundle]
  --quick      fewer repetitions (a rough look in a minute or two)
  --reuse      reuse the frozen bundles already in build/bench/dist
  --no-bundle  skip freezing (and the bundle-size table); frozen start-up uses what is there
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import SUMMARY_ENV  # noqa: E402 - benchmarks/ is not a package


def run(script: str, *args: str, env: dict[str, str] | None = None) -> bool:
    """Run one benchmark script; True when it finished cleanly."""
    print(f"\n$ python benchmarks/{script} {' '.join(args)}".rstrip(), flush=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / script), *args], cwd=HERE.parent, env=env)
    print(f"({script}: {time.perf_counter() - start:.0f} s)", flush=True)
    return done.returncode == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--reuse", action="store_true", help="reuse existing frozen bundles")
    parser.add_argument("--no-bundle", action="store_true", help="do not freeze anything")
    args = parser.parse_args(argv)
    runs = ["--runs", "3"] if args.quick else []
    try:
        load = ", load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        load = ""
    print(
        f"# TrialGuide benchmarks: Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{load}"
    )
    failed = []
    plan: list[tuple[str, list[str]]] = []
    if not args.no_bundle:
        plan.append(("bundle_size.py", ["--reuse"] if args.reuse else []))
    plan += [
        ("startup.py", runs),
        ("interaction.py", [*runs, "--warmed-runs", "2"] if args.quick else []),
        ("memory.py", ["--runs", "2"] if args.quick else []),
        ("record_load.py", runs),
        ("catalog_load.py", runs),
        ("translate_round_trip.py", runs),
    ]
    with tempfile.TemporaryDirectory(prefix="tg-bench-rows-") as tmp:
        rows = Path(tmp) / "rows.jsonl"
        env = {**os.environ, SUMMARY_ENV: str(rows)}
        for script, script_args in plan:
            if not run(script, *script_args, env=env):
                failed.append(script)
        # The targets, side by side with their floors, for the closing note.
        run("summary.py", str(rows))
    if failed:
        print(f"\nbroken benchmarks: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check an installed TrialGuide: the smoke test, then a real window under Xvfb.

Runs the installed program from a scratch folder with a clean environment (no
PYTHONPATH, no virtualenv), so that nothing from the source checkout can help it.
Fails on a non-zero exit, on any line on stderr, or when no window appears.

Usage: python packaging/check_installed.py [/usr/bin/trialguide]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The checkout's tools (run from it, not from the installed package).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.xvfb import XvfbError, xvfb


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a clinic PC: no Python paths, no virtualenv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "QT_QPA_PLATFORM"}
    }
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env.update(extra)
    return env


def smoke_test(program: str, scratch: Path) -> str:
    """Run --smoke-test; return its summary line."""
    result = subprocess.run(
        [program, "--smoke-test"],
        cwd=scratch,
        env=clean_env(HOME=str(scratch)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or result.stderr.strip():
        raise SystemExit(
            f"smoke test failed (exit {result.returncode})\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
    return result.stdout.strip()


def real_window(program: str, scratch: Path) -> str:
    """Start the program on a fresh Xvfb screen and wait for its window to be mapped."""
    if shutil.which("xwininfo") is None:
        raise SystemExit("xwininfo (Debian: x11-utils) is needed")
    try:
        with xvfb() as display:
            return _wait_for_window(program, scratch, display)
    except XvfbError as exc:
        raise SystemExit(str(exc)) from None


def _wait_for_window(program: str | list[str], scratch: Path, display: str) -> str:
    """Start ``program`` (a path, or a whole command) on ``display``; wait for its window."""
    env = clean_env(HOME=str(scratch), DISPLAY=display)
    app = subprocess.Popen(
        [program] if isinstance(program, str) else program,
        cwd=scratch,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if app.poll() is not None:
                raise SystemExit(f"the app exited early ({app.returncode}): {app.stderr.read()}")
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True, check=False
            ).stdout
            match = re.search(r'("TrialGuide[^"]*").*?(\d+)x(\d+)\+', tree)
            if match and int(match.group(2)) >= 640:
                return f"window {match.group(1)} mapped at {match.group(2)}x{match.group(3)}"
            time.sleep(0.5)
        raise SystemExit("no TrialGuide window appeared within 60 s")
    finally:
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()


def main(argv: list[str] | None = None) -> int:
    """Run both checks against the installed program."""
    args = argv if argv is not None else sys.argv[1:]
    program = args[0] if args else "/usr/bin/trialguide"
    if not Path(program).exists():
        print(f"{program}: not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="trialguide-installed-") as tmp:
        scratch = Path(tmp)
        print(f"installed smoke test: {smoke_test(program, scratch)}")
        print(f"installed real window: {real_window(program, scratch)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

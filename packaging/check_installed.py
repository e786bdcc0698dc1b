"""Check an installed TrialGuide: the smoke test, read aloud, then a real window under Xvfb.

Read aloud: ``trialguide speak`` writes the welcome screen in English and Persian to WAV
files, which must be speech of plausible length (40 to 150 ms a character of the text
read) and loud enough not to be silence.

Runs the installed program from a scratch folder with a clean environment (no
PYTHONPATH, no virtualenv), so that nothing from the source checkout can help it.
Fails on a non-zero exit, on any line on stderr, or when no window appears.

Usage: python packaging/check_installed.py [/usr/bin/trialguide]
"""

from __future__ import annotations

import array
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import wave
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


def run_clean(program: str, args: list[str], scratch: Path, what: str) -> str:
    """Run the installed program with ``args`` in a clean environment; its stdout.

    Fails (SystemExit naming ``what``) on a non-zero exit or anything on stderr.
    """
    result = subprocess.run(
        [program, *args],
        cwd=scratch,
        env=clean_env(HOME=str(scratch)),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or result.stderr.strip():
        raise SystemExit(
            f"{what} failed (exit {result.returncode})\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
    return result.stdout


def smoke_test(program: str, scratch: Path) -> str:
    """Run --smoke-test; return its summary line."""
    return run_clean(program, ["--smoke-test"], scratch, "smoke test").strip()


#: Seconds of speech per character of text: eSpeak NG reads 60 to 90 ms a character.
SECONDS_PER_CHARACTER = (0.04, 0.15)
#: Root mean square a WAV of speech must reach (16-bit; eSpeak NG's is in the thousands).
MIN_RMS = 500


def wav_speech(path: Path) -> tuple[float, float]:
    """A 16-bit WAV file's length in seconds and its root mean square level."""
    with wave.open(str(path)) as source:
        if source.getsampwidth() != 2:
            raise SystemExit(f"{path}: not 16-bit PCM")
        frames = source.readframes(source.getnframes())
        seconds = source.getnframes() / source.getframerate()
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    level = math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
    return seconds, level


def speak_check(program: str, scratch: Path, lang: str) -> str:
    """Run ``speak`` on the welcome screen in ``lang``; check the WAV is plausible speech."""
    out = scratch / f"welcome-{lang}.wav"
    stdout = run_clean(
        program,
        ["speak", "--screen", "welcome", "--lang", lang, "--out", str(out)],
        scratch,
        f"speak ({lang})",
    )
    match = re.search(r"(\d+) characters", stdout)
    if match is None:
        raise SystemExit(f"speak ({lang}) did not say how much it read: {stdout}")
    characters = int(match.group(1))
    seconds, level = wav_speech(out)
    low, high = SECONDS_PER_CHARACTER
    per_character = seconds / max(characters, 1)
    if not low <= per_character <= high:
        raise SystemExit(
            f"speak ({lang}): {seconds:.1f} s for {characters} characters is not speech "
            f"({per_character:.3f} s a character; {low}-{high} s expected)"
        )
    if level < MIN_RMS:
        raise SystemExit(f"speak ({lang}): the WAV is near silence (RMS {level:.0f} < {MIN_RMS})")
    return (
        f"{lang} {seconds:.1f} s for {characters} characters "
        f"({per_character * 1000:.0f} ms each), RMS {level:.0f}"
    )


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
        for lang in ("en", "fa"):
            print(f"installed read aloud: {speak_check(program, scratch, lang)}")
        print(f"installed real window: {real_window(program, scratch)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""packaging/check_installed.py: the installed program's ``speak`` must write speech."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import check_installed  # noqa: E402


def test_installed_check_accepts_speech_and_refuses_silence(engine, tmp_path) -> None:
    program = tmp_path / "trialguide"
    program.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m app "$@"\n', encoding="utf-8"
    )
    program.chmod(0o755)
    said = check_installed.speak_check(str(program), tmp_path, "fa")
    assert said.startswith("fa ") and "characters" in said

    from app.speech.engine import Speech
    from app.speech.wav import write_wav

    silent = tmp_path / "silent.wav"
    write_wav(silent, Speech(b"\0\0" * 22050, 22050))
    seconds, level = check_installed.wav_speech(silent)
    assert seconds == pytest.approx(1.0) and level == 0.0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a shell script stands in")
def test_installed_check_fails_on_a_silent_program(tmp_path) -> None:
    program = tmp_path / "trialguide"
    fake = (
        "import sys, wave\n"
        "out = sys.argv[sys.argv.index('--out') + 1]\n"
        "w = wave.open(out, 'wb'); w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)\n"
        "w.writeframes(bytes(2 * 22050 * 30)); w.close()\n"
        "print(out + ': welcome, 30.0 s, 4 texts (0 recorded), 400 characters')\n"
    )
    (tmp_path / "fake.py").write_text(fake, encoding="utf-8")
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{tmp_path / "fake.py"}" "$@"\n')
    program.chmod(0o755)
    with pytest.raises(SystemExit, match="near silence"):
        check_installed.speak_check(str(program), tmp_path, "en")

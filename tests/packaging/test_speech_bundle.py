"""packaging/qt_filters.py and check_installed.py: the bundle's eSpeak NG data, and the check
that an installed ``trialguide speak`` writes speech."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import check_installed  # noqa: E402
from qt_filters import espeak_files, keep_espeak  # noqa: E402


def test_only_english_and_persian_data_is_kept() -> None:
    for kept in ("phondata", "phontab", "phonindex", "intonations", "en_dict", "fa_dict"):
        assert keep_espeak(kept)
    assert keep_espeak("lang/ira/fa") and keep_espeak("lang/gmw/en-US")
    for dropped in ("ru_dict", "ar_dict", "lang/gmw/en-GB-scotland", "voices/!v/Alex", "fa_dictx"):
        assert not keep_espeak(dropped)


def test_the_kept_data_speaks_both_languages(engine, tmp_path) -> None:
    binaries, datas = espeak_files()
    ((library, folder),) = binaries
    assert folder == "espeakng_loader" and Path(library).is_file()
    for source, target in datas:
        (tmp_path / target).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, tmp_path / target)
    data = tmp_path / "espeakng_loader" / "espeak-ng-data"
    size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    assert size < 2 * 2**20  # the wheel's data is 18 MB
    # eSpeak NG initialises once a process: each data folder gets a fresh interpreter.
    code = (
        "import sys; from pathlib import Path; from app.speech.engine import Synthesizer\n"
        "s = Synthesizer(Path(sys.argv[1]), Path(sys.argv[2]))\n"
        "for text, lang in (('I C S I and hello.', 'en'), ('سلام، حال شما چطور است؟', 'fa')):\n"
        "    print(lang, round(s.synthesize(text, lang).duration, 2))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-c", code, library]
    trimmed = subprocess.run([*run, str(data)], capture_output=True, text=True, env=env, timeout=60)
    full_data = Path(library).parent / "espeak-ng-data"
    full = subprocess.run(
        [*run, str(full_data)], capture_output=True, text=True, env=env, timeout=60
    )
    assert trimmed.returncode == 0, trimmed.stderr
    assert trimmed.stdout == full.stdout and trimmed.stdout.count("\n") == 2


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

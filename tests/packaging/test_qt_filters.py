"""packaging/qt_filters.py: the bundle keeps eSpeak NG's English and Persian data only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

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

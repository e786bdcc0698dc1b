"""packaging/qt_filters.py: what the bundle keeps of PySide6, Babel and eSpeak NG."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from qt_filters import EXCLUDES, espeak_files, keep, keep_espeak  # noqa: E402

LIB = "PySide6/Qt/lib"


def test_sound_output_is_kept_without_the_media_backend() -> None:
    # Listen plays through QAudioSink: QtMultimedia and the Qt libraries it links to.
    for kept in ("libQt6Multimedia.so.6", "libQt6Network.so.6", "libQt6Concurrent.so.6"):
        assert keep(f"{LIB}/{kept}"), kept
    # PySide6's QtMultimedia binding imports the QtNetwork binding when it loads.
    assert keep("PySide6/QtMultimedia.abi3.so") and keep("PySide6/QtNetwork.abi3.so")
    assert "PySide6.QtMultimedia" not in EXCLUDES and "PySide6.QtNetwork" not in EXCLUDES
    # The FFmpeg plugin and its libraries only serve a media player.
    assert not keep("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so")
    for dropped in ("libavcodec.so.61", "libavformat.so.61", "libavutil.so.59", "libswscale.so.8"):
        assert not keep(f"{LIB}/{dropped}"), dropped
    for dropped in ("libQt6MultimediaWidgets.so.6", "libQt6MultimediaQuick.so.6"):
        assert not keep(f"{LIB}/{dropped}"), dropped
    assert not keep("PySide6/QtMultimediaWidgets.abi3.so")


def test_babel_keeps_only_the_locales_translations_need() -> None:
    assert "babel" not in EXCLUDES  # `trialguide translate` reads and writes PO files
    for kept in ("root", "en", "fa", "fa_IR"):
        assert keep(f"babel/locale-data/{kept}.dat"), kept
    for dropped in ("de", "ar", "en_GB", "fa_AF", "fr_CA"):
        assert not keep(f"babel/locale-data/{dropped}.dat"), dropped
    assert keep("babel/global.dat")


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


def test_babel_finds_its_checkers_without_pkg_resources() -> None:
    # The bundle leaves pkg_resources out (its runtime hook cost every start about 30 ms).
    # Babel looks entry points up with importlib.metadata, and pkg_resources only before
    # Python 3.10; a catalog's checks, which `trialguide translate` runs, must not need it.
    assert "pkg_resources" in EXCLUDES
    code = (
        "import sys\n"
        "sys.modules['pkg_resources'] = None  # any import of it raises ImportError\n"
        "from babel.messages._compat import find_entrypoints\n"
        "from babel.messages.catalog import Catalog\n"
        "catalog = Catalog(locale='fa')\n"
        "catalog.add('%(n)s terms', '%(count)s واژه', flags=('python-format',))\n"
        "print(sorted(name for name, _load in find_entrypoints('babel.checkers')))\n"
        "print([str(e) for _m, errors in catalog.check() for e in errors])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    found, errors = result.stdout.splitlines()
    assert found == "['num_plurals', 'python_format']"  # through importlib.metadata
    assert errors == "[\"unknown named placeholder 'count'\"]"  # and the checks ran

"""Which parts of PySide6 and eSpeak NG a TrialGuide bundle keeps (the app's and floor's spec).

The app uses QtCore, QtGui and QtWidgets, and QtMultimedia's QAudioSink for the Listen
controls' sound (with the Network, Concurrent and DBus libraries it links to, and the
QtNetwork binding its own binding imports; but no
media backend plugin: QAudioSink needs none, and the FFmpeg plugin with its libav*
libraries would add about 20 MB). Everything else PySide6 ships (QML, Quick, WebEngine,
...) is dropped, and of Qt's plugins only the platform plugins, input contexts and the
JPEG image format (the PDF handout's QR code) are kept. Qt's own translations are cut to
Persian.
"""

from __future__ import annotations

import re

#: Qt libraries the app never loads.
_UNUSED_LIBS = re.compile(
    r"Qt6?(Qml|Quick|WebEngine|WebChannel|WebSockets|WebView|3D|MultimediaWidgets|"
    r"MultimediaQuick|Sql|Test|"
    r"Designer|Help|Lottie|Labs|Pdf|Positioning|Location|Sensors|SerialPort|SerialBus|Charts|"
    r"Graphs|DataVisualization|VirtualKeyboard|ShaderTools|Svg|OpenGL|Bluetooth|Nfc|"
    r"RemoteObjects|Scxml|StateMachine|TextToSpeech|SpatialAudio|HttpServer|"
    r"PrintSupport|UiTools|Xml|Protobuf|Grpc|EglFs|Canvas|Compiler)",
)

#: Plugin folders kept, and which files of them.
_KEEP_PLUGINS = {
    "platforms": re.compile(r"(qxcb|qwayland|qoffscreen|qwindows|qcocoa)\."),
    "platforminputcontexts": re.compile(r"compose|ibus"),
    "imageformats": re.compile(r"qjpeg"),
    "wayland-shell-integration": re.compile(r"."),
    # libadwaita's decorations would pull in cairo; bradient draws plain ones.
    "wayland-decoration-client": re.compile(r"bradient"),
    "wayland-graphics-integration-client": re.compile(r"shm-emulation"),
    "styles": re.compile(r"."),
}

_KEEP_TRANSLATIONS = re.compile(r"qtbase_fa\.qm$")
#: Babel locale data kept: root, English and Persian.
_KEEP_BABEL_LOCALES = re.compile(r"/locale-data/(root|en|fa|fa_IR)\.dat$")
#: FFmpeg's libraries, which only Qt's media backend plugin (not bundled) loads.
_MEDIA_BACKEND_LIBS = ("libavcodec", "libavformat", "libavutil", "libswresample", "libswscale")


def keep(dest: str) -> bool:
    """Whether a bundle entry (its destination path) is needed at run time."""
    path = dest.replace("\\", "/")
    if "/Qt/plugins/" in path or path.startswith("PySide6/plugins/"):
        folder = path.split("/plugins/", 1)[1].split("/", 1)[0]
        rule = _KEEP_PLUGINS.get(folder)
        return rule is not None and bool(rule.search(path.rsplit("/", 1)[-1]))
    if "/translations/" in path and path.endswith(".qm"):
        return bool(_KEEP_TRANSLATIONS.search(path))
    if "babel/locale-data/" in path:
        # `trialguide translate` writes and reads PO files with Babel, and the about and
        # contact screens name a study's countries from its English and Persian data:
        # both need only the locale data of the app's languages (and root, their
        # parent); the other 1,000-odd locales are 30 MB.
        return bool(_KEEP_BABEL_LOCALES.search(path))
    name = path.rsplit("/", 1)[-1]
    if name.startswith(_MEDIA_BACKEND_LIBS):
        return False
    if "Qt6" in name or name.startswith("Qt"):
        return not _UNUSED_LIBS.search(name)
    if re.search(
        r"PySide6/(Qt(Qml|Quick|WebEngine|MultimediaWidgets|Sql|Test|Designer|"
        r"Help|Pdf|Svg|OpenGL|3D|Charts|PrintSupport|UiTools|Xml|Concurrent)[^/]*)$",
        path,
    ):
        return False
    # Qt carries its own ICU under PySide6/Qt/lib; a second, system copy is dead weight.
    return not (name.startswith("libicu") and "Qt" not in path)


#: Python modules a bundle never needs.
EXCLUDES = [
    "tkinter",
    "pydoc",
    "doctest",
    "pytest",
    "hypothesis",
    "mypy",
    "pydantic.mypy",
    "ast_serialize",
    # Babel's entry-point look-up falls back to pkg_resources only before Python 3.10.
    # Bundled, it brings PyInstaller's pkg_resources runtime hook, which imports all of
    # pkg_resources (about 30 ms) at every start of the app.
    "pkg_resources",
    # Not "ssl" nor "unittest": fpdf2 (the handout) imports urllib.request.HTTPSHandler
    # (there only with ssl) and unittest.mock (fpdf/sign.py) at import time. TrialGuide
    # itself never opens a URL.
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtSvg",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtPdf",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
]


def filter_toc(toc):
    """The TOC without the entries :func:`keep` rejects."""
    return [entry for entry in toc if keep(entry[0])]


def prune_unreferenced(binaries):
    """Drop shared libraries that no kept binary links against (Linux).

    PyInstaller collects the dependencies of every Qt plugin before :func:`filter_toc`
    removes the plugin, so a dropped GTK theme plugin would still bring GTK, pango and
    cairo. Keep only the libraries reachable from what the app really loads: Python
    extension modules, Qt's kept libraries and plugins, and libpython.
    """
    import sys

    if not sys.platform.startswith("linux"):
        return binaries
    from PyInstaller.depend.bindepend import get_imports

    by_name = {}
    for entry in binaries:
        by_name.setdefault(entry[0].replace("\\", "/").rsplit("/", 1)[-1], entry)
    roots = [
        e
        for e in binaries
        if "/" in e[0].replace("\\", "/") or e[0].startswith("libpython") or ".cpython-" in e[0]
    ]
    keep_names = set()
    todo = [e[1] for e in roots]
    seen = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        try:
            imports = get_imports(path)
        except Exception:
            continue
        for name, _resolved in imports:
            base = name.rsplit("/", 1)[-1]
            entry = by_name.get(base)
            if entry is not None and base not in keep_names:
                keep_names.add(base)
                todo.append(entry[1])
    return [
        e
        for e in binaries
        if e in roots or e[0].replace("\\", "/").rsplit("/", 1)[-1] in keep_names
    ]


# -- eSpeak NG (read aloud) --------------------------------------------------------------
#: The files of espeak-ng-data that English and Persian need: the phoneme tables, the two
#: dictionaries and the two languages' definitions (en-US, the Persian voice's English
#: for Latin words). The other 120-odd languages and the voice variants are left out.
_KEEP_ESPEAK = re.compile(
    r"^(phondata|phonindex|phontab|intonations|en_dict|fa_dict|lang/gmw/en|lang/gmw/en-US|"
    r"lang/ira/fa)$"
)


def keep_espeak(relative: str) -> bool:
    """Whether a file of espeak-ng-data (its path inside that folder) is needed."""
    return bool(_KEEP_ESPEAK.match(relative.replace("\\", "/")))


def espeak_files():
    """The eSpeak NG library and the data it needs, as PyInstaller (source, folder) pairs.

    Returns ``(binaries, datas)``: the library goes to ``espeakng_loader/`` under the name
    ``espeakng_loader.get_library_path()`` gives (one copy, not the wheel's three), the data to
    ``espeakng_loader/espeak-ng-data/``, as the package finds them at run time.
    """
    from pathlib import Path

    import espeakng_loader

    library = Path(espeakng_loader.get_library_path())
    data = Path(espeakng_loader.__file__).parent / "espeak-ng-data"
    datas = []
    for path in sorted(data.rglob("*")):
        relative = path.relative_to(data).as_posix()
        if path.is_file() and keep_espeak(relative):
            folder = Path("espeakng_loader", "espeak-ng-data", relative).parent.as_posix()
            datas.append((str(path), folder))
    return [(str(library), "espeakng_loader")], datas

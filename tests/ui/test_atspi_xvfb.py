"""Every screen through a screen reader's eyes: the real app's AT-SPI tree, out of process.

One ``python -m app --kiosk`` per language runs on a private Xvfb with its own D-Bus
session bus and AT-SPI bus (at-spi2-core); ``atspi_probe.py`` (system Python with
python3-gi and gir1.2-atspi-2.0, as Orca is a client) reads the tree. The visitor moves
as a keyboard user does, through XTEST: Tab to a button, Space to press it, through
every screen. A second run per language opens a clinic's catalog of two studies (two
``--record``): the catalog screen, then the first step ("Which of these studies might fit
me?"), before and after an answer (each study's row with its reason). On each screen the
tree is read once; the tests below check what was read:

- every control has a name (and a description) and a control's role, in the screen's
  language (Persian names on the Persian screen);
- the reading order (tree order) follows the visual order: top to bottom, and within
  a row left to right in English, right to left in Persian (from the screen extents);
- each Tab is announced: a focus event for a named control, which holds the FOCUSED
  state when the tree is read;
- read-only text is a label (role ``label``, not editable), never an editable text field.

Skipped with the reason where Xvfb, dbus-daemon, at-spi2-core, the system Python's
AT-SPI bindings or libXtst are missing (``.ci/run`` installs them all).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.session import STUDY_SCREENS

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("atspi_probe.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
WINDOW = (0, 0, 1280, 800)

#: Roles a screen reader announces as something to operate.
CONTROL_ROLES = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "entry",
    "password text",
    "spin button",
    "combo box",
    "link",
    "list item",
    "page tab",
    "slider",
    "progress bar",
    "text",  # an input field (checked to be editable: see test_read_only_text_is_a_label)
    # A label with glossary links: the links inside it are what Tab reaches.
    "label",
}
#: Roles of editable text: never for text a visitor only reads.
TEXT_FIELD_ROLES = {"text", "entry", "password text", "paragraph", "document text"}
#: Leaves of the reading order: what a screen reader reads or operates.
READ_ROLES = CONTROL_ROLES | TEXT_FIELD_ROLES | {"heading", "static", "image"}


def _has_persian(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


# -- the X keyboard -----------------------------------------------------------------------


def _press_key(display: str, keysym: int) -> None:
    """Press and release the key for ``keysym`` through XTEST, as a keyboard does."""
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    xlib.XKeysymToKeycode.restype = ctypes.c_ubyte
    xlib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    handle = xlib.XOpenDisplay(display.encode())
    assert handle, f"cannot open X display {display}"
    try:
        keycode = xlib.XKeysymToKeycode(handle, keysym)
        xtst.XTestFakeKeyEvent(handle, keycode, 1, 0)
        xtst.XTestFakeKeyEvent(handle, keycode, 0, 0)
        xlib.XSync(handle, 0)
    finally:
        xlib.XCloseDisplay(handle)


TAB, SPACE, LEFT, RIGHT = 0xFF09, 0x0020, 0xFF51, 0xFF53


# -- the probe ----------------------------------------------------------------------------


class Probe:
    """The AT-SPI client process: one JSON command, one JSON answer."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, str(PROBE)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.hello = self._read(timeout=30)

    def _read(self, timeout: float) -> object:
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        assert ready, "the AT-SPI probe did not answer"
        line = self.process.stdout.readline()
        assert line, "the AT-SPI probe ended"
        return json.loads(line)

    def ask(self, **command: str) -> object:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self._read(timeout=30)

    def walk(self) -> list[dict]:
        nodes = self.ask(cmd="walk")
        assert isinstance(nodes, list)
        return nodes

    def close(self) -> None:
        self.process.kill()
        self.process.communicate(timeout=10)


def _until(check, timeout: float = 15.0, what: str = "the tree"):
    """Poll ``check()`` until it returns something truthy (the app is another process)."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _focused(nodes: list[dict]) -> list[dict]:
    return [n for n in nodes if "focused" in n["states"]]


@dataclass
class Visit:
    """What the probe saw on one visit through every screen, in one language."""

    language: str
    #: Whether this visit is across a catalog of two studies (its own two screens).
    catalog: bool = False
    trees: dict[str, list[dict]] = field(default_factory=dict)
    #: (screen, focus events after one Tab, the focused nodes in the tree then).
    tabs: list[tuple[str, list[list[str]], list[dict]]] = field(default_factory=list)
    #: The probe's answer to the Home button's AT-SPI action, and whether Home showed.
    action: object = None
    action_reached: bool = False


def _names(language: str) -> dict[str, str]:
    """The words of the buttons the visitor presses, from the app's own catalog."""
    from app.i18n import translation
    from app.ui.navbar import SECTIONS

    gettext = translation(language).gettext
    names = {screen.value: gettext(name) for screen, name, _description in SECTIONS}
    names["start"] = gettext("Start")
    return names


class Visitor:
    """Moves through the app with Tab and Space and reads each screen."""

    def __init__(self, display: str, probe: Probe, visit: Visit) -> None:
        self.display = display
        self.probe = probe
        self.visit = visit

    def key_to(self, screen: str, names: set[str], key: int = TAB, limit: int = 40) -> str:
        """Press ``key`` until a control named one of ``names`` has the focus; its name.

        Every key press must be announced: a focus event comes for each.
        """
        self.probe.ask(cmd="events")
        for _ in range(limit):
            _press_key(self.display, key)
            events = _until(lambda: self.probe.ask(cmd="events"), what="a focus event")
            nodes = self.probe.walk()
            self.visit.tabs.append((screen, events, _focused(nodes)))
            if events[-1][1] in names:
                return str(events[-1][1])
        raise AssertionError(f"{limit} key presses did not reach {names} on {screen}")

    def press(self) -> None:
        _press_key(self.display, SPACE)

    def read(self, screen: str, checked: str | None, shown: str | None = None) -> None:
        """Wait for ``screen`` (its section button checked, or a node named ``shown``)
        and a still tree; keep it."""

        def settled() -> list[dict] | None:
            first = self.probe.walk()
            if checked is not None and not any(
                n["name"] == checked and "checked" in n["states"] for n in first
            ):
                return None
            if shown is not None and not any(n["name"] == shown for n in first):
                return None
            time.sleep(0.2)
            second = self.probe.walk()
            return second if second == first else None

        self.visit.trees[screen] = _until(settled, what=f"the {screen} screen")


def _need(binary: str, package: str) -> None:
    if shutil.which(binary) is None and not Path(binary).exists():
        pytest.skip(f"{binary} is not installed (Debian: apt install {package})")


#: The two studies of the catalog visit (the first enrolls, the second has ended).
CATALOG_RECORDS = ("resources/records/NCT05594173.yaml", "resources/records/NCT05703308.yaml")


@pytest.fixture(scope="module", params=["en", "fa", "en-catalog", "fa-catalog"])
def visit(request, tmp_path_factory) -> Iterator[Visit]:
    """Start the app in one language and walk every screen once, reading each.

    ``-catalog``: the app on a catalog of two studies, walking the catalog's screens.
    """
    from tools.xvfb import XvfbError, xvfb

    _need("dbus-daemon", "dbus-daemon")
    _need(BUS_LAUNCHER, "at-spi2-core")
    _need(SYSTEM_PYTHON, "python3")
    if ctypes.util.find_library("Xtst") is None:
        pytest.skip("libXtst is not installed (Debian: apt install libxtst6)")
    check = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
        capture_output=True,
        timeout=30,
    )
    if check.returncode:
        pytest.skip(
            "the system Python has no AT-SPI bindings (apt install python3-gi gir1.2-atspi-2.0)"
        )
    language, _sep, kind = request.param.partition("-")
    tmp = tmp_path_factory.mktemp(f"atspi-{request.param}")
    try:
        with xvfb() as display:
            yield from _run(display, language, tmp, catalog=kind == "catalog")
    except XvfbError as exc:
        pytest.skip(str(exc))


def _run(display: str, language: str, tmp: Path, catalog: bool = False) -> Iterator[Visit]:
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    started: list[subprocess.Popen] = [bus]
    try:
        address = bus.stdout.readline().strip()
        env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
        env.update(
            DISPLAY=display,
            DBUS_SESSION_BUS_ADDRESS=address,
            QT_ACCESSIBILITY="1",
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            TRIALGUIDE_LOG_DIR=str(tmp / "log"),
            TRIALGUIDE_CONFIG=str(tmp / "unused.toml"),
        )
        config = tmp / "trialguide.toml"
        config.write_text("idle_seconds = 600\n", encoding="utf-8")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        started.append(subprocess.Popen([BUS_LAUNCHER, "--launch-immediately"], env=env, **quiet))
        command = [sys.executable, "-m", "app", "--kiosk", "--config", str(config)]
        if catalog:
            command += [arg for record in CATALOG_RECORDS for arg in ("--record", record)]
        started.append(subprocess.Popen([*command, "--lang", language], cwd=ROOT, env=env, **quiet))
        probe = Probe(env)
        if isinstance(probe.hello, dict) and "error" in probe.hello:
            probe.close()
            pytest.skip(probe.hello["error"])
        try:
            yield (_catalog_tour if catalog else _tour)(display, language, probe)
        finally:
            probe.close()
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        bus.stdout.close()


#: The screens in the order the visitor meets them, after the welcome screen.
TOUR = ("about", "procedures", "selfcheck", "result", "details", "glossary", "contact")


def _tour(display: str, language: str, probe: Probe) -> Visit:
    """Welcome, Start, then the section buttons, as a keyboard user moves through them.

    The section buttons are one exclusive group, as radio buttons are: Tab reaches the
    group once and the arrow keys (in the reading direction) go to the next section.
    """
    names = _names(language)
    visit = Visit(language)
    visitor = Visitor(display, probe, visit)
    # The window is up and active: something in it has the keyboard focus.
    _until(lambda: _focused(probe.walk()), 30, "the window to take the focus")
    visitor.read("welcome", None)
    visitor.key_to("welcome", {names["start"]})
    visitor.press()
    visitor.read("about", names["about"])
    sections = {names[screen.value] for screen in STUDY_SCREENS}
    visitor.key_to("about", sections)
    forward = LEFT if language == "fa" else RIGHT
    for screen in TOUR[1:]:
        visitor.key_to(screen, {names[screen]}, key=forward, limit=len(STUDY_SCREENS))
        visitor.read(screen, names[screen])
    # A screen reader (or switch access) can also operate a section button through its
    # AT-SPI action ("Toggle" for a checkable button), with no key or click.
    visit.action = probe.ask(cmd="press", role="check box", name=names["welcome"])
    visit.action_reached = _shows(probe, names["start"])
    return visit


def _catalog_words(language: str) -> dict[str, str]:
    from app.present.catalog_screen import catalog_words, prescreen_words

    return {
        "prescreen": catalog_words(language)["prescreen"],
        "catalog_title": catalog_words(language)["title"],
        "male": prescreen_words(language)["male"],
        "open": prescreen_words(language)["open"],
    }


def _catalog_tour(display: str, language: str, probe: Probe) -> Visit:
    """The catalog, Tab to the first step and Space; there Tab to "Man" and Space."""
    from app.present.catalog_screen import cards
    from app.record import load_record

    words = _catalog_words(language)
    visit = Visit(language, catalog=True)
    visitor = Visitor(display, probe, visit)
    _until(lambda: _focused(probe.walk()), 30, "the window to take the focus")
    visitor.read("catalog", None, words["catalog_title"])
    visitor.key_to("catalog", {words["prescreen"]})
    visitor.press()
    visitor.read("prescreen", None, words["prescreen"])
    visitor.key_to("prescreen", {words["male"]})
    visitor.press()
    studies = [load_record(ROOT / path) for path in CATALOG_RECORDS]
    last = cards(studies, language)[-1].title  # a row for every study once answered
    visitor.read("prescreen-rows", None, f"{words['open']}: {last}")
    # Tab on through the rows to the last study's Open button: each Tab announced.
    visitor.key_to("prescreen-rows", {f"{words['open']}: {last}"})
    return visit


def _shows(probe: Probe, name: str) -> bool:
    try:
        return _until(lambda: any(n["name"] == name for n in probe.walk()), 10)
    except AssertionError:
        return False


# -- the checks ---------------------------------------------------------------------------


def _controls(nodes: list[dict]) -> list[dict]:
    return [
        n
        for n in nodes
        if n["role"] != "scroll bar"
        and ("focusable" in n["states"] or set(n["actions"]) - {"SetFocus"})
        and n["role"] not in {"filler", "panel", "frame", "layered pane", "scroll pane"}
    ]


def test_every_screen_was_read(visit):
    screens = {"catalog", "prescreen", "prescreen-rows"} if visit.catalog else {"welcome", *TOUR}
    assert set(visit.trees) == screens
    for screen, nodes in visit.trees.items():
        assert len(_controls(nodes)) >= 3, screen


def test_a_section_button_works_by_its_action(visit):
    """Its "Toggle" action used to check the Home button and stay on Contact: the
    button went to its section on a click only, and Qt's action toggles, not clicks."""
    if visit.catalog:
        pytest.skip("the catalog's screens have no section buttons")
    assert visit.action == {"done": True}
    assert visit.action_reached


def test_every_control_is_named_in_the_screens_language(visit):
    from app.i18n import LANGUAGE_NAMES

    language_names = set(LANGUAGE_NAMES.values())
    problems = []
    for screen, nodes in visit.trees.items():
        for node in _controls(nodes):
            name, role = node["name"].strip(), node["role"]
            where = (screen, role, name[:40])
            if role not in CONTROL_ROLES:
                problems.append(("role", *where))
            if not name:
                problems.append(("no name", *where, node["extents"]))
            if role != "label" and not node["description"].strip():
                problems.append(("no description", *where))
            persian = _has_persian(name) and _has_persian(node["description"] or "ی")
            if visit.language == "fa" and name not in language_names and not persian:
                problems.append(("not Persian", *where, node["description"][:40]))
    assert not problems


def _visible(nodes: list[dict]) -> list[tuple[dict, tuple[int, int, int, int]]]:
    """The leaves a screen reader reads, in tree order, each clipped to what shows of it.

    A node is clipped by the extents of every node above it (a scroll area's viewport
    hides what is scrolled away or under the fixed bar); nothing left, not shown.
    """
    out = []
    stack: list[tuple[int, int, int, int]] = []
    for node in nodes:
        del stack[node["depth"] :]
        x, y, w, h = node["extents"] or (0, 0, 0, 0)
        left, top, right, bottom = x, y, x + w, y + h
        for a_left, a_top, a_right, a_bottom in [WINDOW_RECT, *stack]:
            left, top = max(left, a_left), max(top, a_top)
            right, bottom = min(right, a_right), min(bottom, a_bottom)
        stack.append((left, top, right, bottom))
        if node["role"] in READ_ROLES and right > left and bottom > top:
            out.append((node, (left, top, right, bottom)))
    return out


WINDOW_RECT = (WINDOW[0], WINDOW[1], WINDOW[0] + WINDOW[2], WINDOW[1] + WINDOW[3])


def _is_key(name: str) -> bool:
    return len(name.strip()) == 1 and name.strip().isdigit()


def test_reading_order_follows_the_visual_order(visit):
    """Tree order never goes back up the screen, nor against the row's direction."""
    rtl = visit.language == "fa"
    problems = []
    for screen, nodes in visit.trees.items():
        seen = _visible(nodes)
        assert len(seen) >= 5, screen
        for (a, ra), (b, rb) in itertools.pairwise(seen):
            overlap = min(ra[3], rb[3]) - max(ra[1], rb[1])
            same_row = overlap > 0.5 * min(ra[3] - ra[1], rb[3] - rb[1])
            # The next column (the number pad beside the answer field) starts at its top.
            next_column = rb[2] <= ra[0] + 2 if rtl else rb[0] >= ra[2] - 2
            if same_row or next_column:
                backwards = rb[2] > ra[2] + 2 if rtl else rb[0] < ra[0] - 2
            else:
                backwards = rb[3] <= ra[1]
            # The number pad is laid out 1 2 3 from the left in Persian too, as on a phone.
            keypad = same_row and (_is_key(a["name"]) or _is_key(b["name"]))
            if backwards and not keypad:
                problems.append((screen, a["name"][:30], ra, b["name"][:30], rb))
    assert not problems, "\n".join(map(str, problems))


def test_each_tab_is_announced(visit):
    """A Tab moves the focus to a named control, says so (a focus event), and the tree
    shows that control, and only it, as focused."""
    assert len(visit.tabs) >= len(TOUR)
    from app.i18n import LANGUAGE_NAMES

    previous = None
    for screen, events, focused in visit.tabs:
        role, name = events[-1]
        assert role in CONTROL_ROLES and name.strip(), (screen, events)
        if visit.language == "fa" and name not in LANGUAGE_NAMES.values():
            assert _has_persian(name), (screen, events)
        assert [(n["role"], n["name"]) for n in focused] == [(role, name)], (screen, events)
        if role == "label" and previous == (role, name):  # Tab to the text's next link
            description = focused[0]["description"]
            assert description.strip(), (screen, name[:40])
            assert _has_persian(description) == (visit.language == "fa"), description
        previous = (role, name)


def test_read_only_text_is_a_label(visit, default_record):
    """What a visitor only reads is a label with its text, never an editable field.

    A label's name is all a screen reader reads of it: the whole text (the study's
    summary, some 900 characters, used to be cut at 200 mid-word).
    """
    from app.ui.text import plain_text

    if visit.catalog:  # each card's one-line summary, and each row's reason
        _catalog_texts_are_labels(visit)
    else:
        summary = plain_text(default_record.patient.summary, visit.language, default_record)
        assert summary in [n["name"] for n in visit.trees["about"] if n["role"] == "label"]
    for screen, nodes in visit.trees.items():
        labels = [n for n in nodes if n["role"] == "label"]
        assert len(labels) >= 3, screen
        for node in nodes:
            if node["role"] in TEXT_FIELD_ROLES:
                assert "editable" in node["states"], (screen, node["role"], node["name"][:40])
        for node in labels:
            assert "editable" not in node["states"], (screen, node["name"][:40])
            assert node["name"].strip(), (screen, node["extents"])
            if node["text"] is not None:
                assert node["text"] == node["name"], (screen, node["name"][:40])


def _catalog_texts_are_labels(visit: Visit) -> None:
    from app.present.catalog_screen import cards, prescreen_rows
    from app.record import load_record
    from app.record.enums import Sex

    studies = [load_record(ROOT / path) for path in CATALOG_RECORDS]
    labels = {n["name"] for n in visit.trees["catalog"] if n["role"] == "label"}
    headings = {n["name"] for n in visit.trees["catalog"] if n["role"] in {"label", "heading"}}
    for card in cards(studies, visit.language):
        assert {card.summary, card.who_for} <= labels, card.study_id
        assert card.title in headings, card.study_id
    rows = {n["name"] for n in visit.trees["prescreen-rows"] if n["role"] == "label"}
    for row in prescreen_rows(studies, None, Sex.MALE, None, visit.language):
        assert row.reason in rows, row.study_id

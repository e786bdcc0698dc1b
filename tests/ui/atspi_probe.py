"""An AT-SPI client, as a screen reader is one: it reads the app's accessibility tree.

Runs under the *system* Python (``/usr/bin/python3``), which has Debian's ``python3-gi``
and ``gir1.2-atspi-2.0``; the test's venv has neither. It imports nothing from the app.
It reads one JSON command a line on stdin and answers one JSON line on stdout:

- ``{"cmd": "walk"}``: the tree of the application named ``TrialGuide``, its showing
  nodes in tree order (depth first), each with role, name, description, states,
  screen extents, whether it has the Text and Action interfaces and its text;
- ``{"cmd": "press", "role": ROLE, "name": NAME}``: do the first action ("Press") of
  the first showing node with that role and name, as a screen reader user activating
  a control does;
- ``{"cmd": "events"}``: the focus events (``object:state-changed:focused``, gained)
  received since the last ``events``, as ``[role, name]`` pairs.

Without the GObject introspection data for AT-SPI it prints ``{"error": ...}`` and exits.
"""

from __future__ import annotations

import contextlib
import json
import select
import sys

try:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib
except (ImportError, ValueError) as exc:  # pragma: no cover - depends on the machine
    print(json.dumps({"error": f"no AT-SPI bindings: {exc}"}), flush=True)
    sys.exit(0)

APP_NAME = "TrialGuide"
S = Atspi.StateType
STATES = {
    "showing": S.SHOWING,
    "focused": S.FOCUSED,
    "focusable": S.FOCUSABLE,
    "editable": S.EDITABLE,
    "checked": S.CHECKED,
    "enabled": S.ENABLED,
}

focus_events: list[list[str]] = []


def _on_event(event: Atspi.Event) -> None:
    if event.detail1 != 1:
        return
    with contextlib.suppress(GLib.Error):
        focus_events.append([event.source.get_role_name(), event.source.get_name() or ""])


def _app() -> Atspi.Accessible | None:
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        child = desktop.get_child_at_index(i)
        if child is not None and child.get_name() == APP_NAME:
            return child
    return None


def _node(acc: Atspi.Accessible, depth: int) -> dict:
    states = acc.get_state_set()
    node = {
        "depth": depth,
        "role": acc.get_role_name(),
        "name": acc.get_name() or "",
        "description": acc.get_description() or "",
        "states": [key for key, state in STATES.items() if states.contains(state)],
        "extents": None,
        "text": None,
        "actions": [],
    }
    interfaces = set(acc.get_interfaces())
    if "Component" in interfaces:
        rect = Atspi.Component.get_extents(acc, Atspi.CoordType.SCREEN)
        node["extents"] = [rect.x, rect.y, rect.width, rect.height]
    if "Text" in interfaces:
        count = Atspi.Text.get_character_count(acc)
        node["text"] = Atspi.Text.get_text(acc, 0, count)
    if "Action" in interfaces:
        node["actions"] = [
            Atspi.Action.get_action_name(acc, i) for i in range(Atspi.Action.get_n_actions(acc))
        ]
    return node


def _walk(acc: Atspi.Accessible, depth: int, out: list[dict], keep: list) -> None:
    try:
        node = _node(acc, depth)
    except GLib.Error:
        return  # the widget went away while we read it
    if depth > 0 and "showing" not in node["states"]:
        return
    out.append(node)
    keep.append(acc)
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is not None:
            _walk(child, depth + 1, out, keep)


def walk() -> tuple[list[dict], list]:
    app = _app()
    out: list[dict] = []
    keep: list = []
    if app is not None:
        for i in range(app.get_child_count()):
            window = app.get_child_at_index(i)
            if window is not None:
                _walk(window, 0, out, keep)
    return out, keep


def press(role: str, name: str) -> dict:
    nodes, accs = walk()
    for node, acc in zip(nodes, accs, strict=True):
        if node["role"] == role and node["name"] == name and node["actions"]:
            return {"done": Atspi.Action.do_action(acc, 0)}
    return {"error": f"no showing {role} named {name!r}"}


def main() -> None:
    listener = Atspi.EventListener.new(_on_event)
    listener.register("object:state-changed:focused")
    context = GLib.MainContext.default()
    print(json.dumps({"ready": _app() is not None}), flush=True)
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], 0.02)
        while context.pending():
            context.iteration(False)
        if not ready:
            continue
        line = sys.stdin.readline()
        if not line:
            return
        command = json.loads(line)
        if command["cmd"] == "walk":
            answer: object = walk()[0]
        elif command["cmd"] == "press":
            answer = press(command["role"], command["name"])
        elif command["cmd"] == "events":
            while context.pending():
                context.iteration(False)
            answer = list(focus_events)
            focus_events.clear()
        else:
            answer = {"error": f"unknown command {command['cmd']!r}"}
        print(json.dumps(answer, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()

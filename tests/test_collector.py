"""The cyclic garbage collector is held off while the app starts, and only then.

What deleted widgets leave is collected at the next idle moment, when said.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path

import pytest

from app import cli, collector

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _collector_back_on():
    assert gc.isenabled()
    yield
    collector.resume()  # (a failed test must not leave the collector off)
    assert gc.isenabled()


def test_pause_and_resume_turn_the_collector_off_and_on_again():
    frozen = gc.get_freeze_count()
    collector.pause()
    assert not gc.isenabled() and collector.paused()
    collector.resume()
    assert gc.isenabled() and not collector.paused()
    assert gc.get_freeze_count() == frozen  # (freezing is the app's start's alone)


def test_resume_leaves_a_collector_it_did_not_pause_alone():
    gc.disable()
    try:
        collector.pause()  # (off already: not paused by it)
        assert not collector.paused()
        collector.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_app_starts_with_the_collector_off(monkeypatch):
    from app import launch

    seen = []

    def run_app(**_kwargs):
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(launch, "run_app", run_app)
    frozen = gc.get_freeze_count()
    assert cli.main(["run", "--no-kiosk"]) == 0
    assert seen == [False]
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # on again, nothing kept


def test_any_other_command_runs_with_the_collector_on(monkeypatch, capsys):
    seen = []
    monkeypatch.setitem(cli._COMMANDS, "schema", lambda _args: seen.append(gc.isenabled()) or 0)
    assert cli.main(["schema"]) == 0
    assert cli.main(["--version"]) == 0
    assert seen == [True] and gc.isenabled()
    assert "trialguide" in capsys.readouterr().out


def test_a_real_start_collects_nothing_before_its_event_loop_and_freezes_what_it_made(
    tmp_path,
):
    """In a process of its own: the app started as ``trialguide`` starts it, to its first
    paint. The collector runs in the importing before ``main`` and not after, up to the
    event loop; by then what the start made is frozen, and the collector is on again."""
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    script = textwrap.dedent(
        """
        import gc, sys
        from app.cli import main
        from PySide6.QtWidgets import QApplication

        collections = []
        gc.callbacks.append(lambda phase, info: phase == "stop" and collections.append(1))
        exec_ = QApplication.exec
        def watched():
            print("at the event loop", len(collections), gc.isenabled(), gc.get_freeze_count())
            return exec_()
        QApplication.exec = staticmethod(watched)
        code = main(sys.argv[1:])
        print("after", gc.isenabled())
        sys.exit(code)
        """
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TRIALGUIDE_EXIT_AFTER_PAINT": "1",
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, "--config", str(config), "--no-kiosk"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    _at, counts = lines["at"].rsplit(" loop ", 1)
    collected, enabled, frozen = counts.split()
    assert collected == "0" and enabled == "True"
    assert int(frozen) > 20_000  # (PySide6, pydantic, the record and the welcome screen)
    assert lines["after"] == "True"
    assert any(line.startswith("first-paint ") for line in done.stdout.splitlines())


class _Cycle:
    """An object that refers to itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def _garbage() -> weakref.ref[_Cycle]:
    return weakref.ref(_Cycle())


@pytest.fixture
def _nothing_left(monkeypatch):
    monkeypatch.setattr(collector, "_garbage_left", False)
    gc.disable()  # (only the calls under test may collect)
    yield
    gc.enable()


@pytest.mark.usefixtures("_nothing_left")
def test_garbage_left_is_collected_at_the_next_call_and_only_then():
    assert not collector.collect_left_garbage()  # nothing said: nothing run
    cycle = _garbage()
    assert not collector.collect_left_garbage()
    assert cycle() is not None
    collector.garbage_left()
    assert cycle() is not None  # (said, not yet collected)
    assert collector.collect_left_garbage()
    assert cycle() is None
    assert not collector.collect_left_garbage()  # once per saying


@pytest.mark.usefixtures("_nothing_left")
def test_garbage_left_during_the_start_waits_until_the_collector_is_resumed():
    gc.enable()  # (pause turns off only a collector that runs)
    collector.pause()
    cycle = _garbage()
    collector.garbage_left()
    assert not collector.collect_left_garbage()
    assert cycle() is not None
    collector.resume()
    gc.disable()
    assert collector.collect_left_garbage()
    assert cycle() is None

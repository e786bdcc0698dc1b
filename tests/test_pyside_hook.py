"""PySide6's per-import hook, answered from the file: the same answers, nothing kept."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from app import pyside_hook

_PROBE = textwrap.dedent(
    """
    import json, linecache, sys
    sys.path.insert(0, sys.argv[1])
    import app.i18n  # installs the hook's new answer
    import uses_qt, plain_module
    feature = sys.modules["shibokensupport.feature"]
    hook = feature._mod_uses_pyside
    original = hook.original  # PySide6's own, through inspect.getsource
    cached = [p for p in linecache.cache if p.startswith(sys.argv[1])]  # before it runs
    checked = {}
    for name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path.endswith(".py"):
            checked[name] = [hook(module), original(module)]
    print(json.dumps({
        "reads_the_file": getattr(hook, "reads_the_file", False),
        "feature": {n: feature.pyside_feature_dict.get(n) for n in ("uses_qt", "plain_module")},
        "cached": cached,
        "checked": checked,
    }))
    """
)


def test_the_hook_gives_pysides_own_answer_and_keeps_no_source(tmp_path: Path):
    (tmp_path / "uses_qt.py").write_text("# Made for PySide6.\nVALUE = 1\n", encoding="utf-8")
    (tmp_path / "plain_module.py").write_text("VALUE = 2\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    found = json.loads(done.stdout)
    assert found["reads_the_file"]
    # PySide6 switches features for the module that mentions it, ignores the other.
    assert found["feature"] == {"uses_qt": 0, "plain_module": -1}
    # Imported after Qt, the new modules' source was read and not kept in linecache.
    assert found["cached"] == []
    checked = found["checked"]
    assert len(checked) > 100  # the app's own modules, the standard library's, pydantic's
    assert checked["uses_qt"] == [True, True] and checked["plain_module"] == [False, False]
    differ = {name: answers for name, answers in checked.items() if answers[0] != answers[1]}
    assert not differ


def test_install_is_idempotent_and_leaves_a_pyside_without_the_hook_alone(monkeypatch):
    import app.i18n  # noqa: F401  (PySide6 loaded, the hook installed)

    feature = sys.modules[pyside_hook.FEATURE_MODULE]
    installed = feature._mod_uses_pyside
    assert pyside_hook.install() is True
    assert feature._mod_uses_pyside is installed  # not wrapped twice
    monkeypatch.delitem(sys.modules, pyside_hook.FEATURE_MODULE)
    assert pyside_hook.install() is False

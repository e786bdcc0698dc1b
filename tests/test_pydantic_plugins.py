"""No pydantic plugin from the environment sees what the app validates.

A package that declares a ``pydantic`` entry point is loaded by pydantic and handed every
value a model validates. The check installs such a package (a ``.dist-info`` folder with
an ``entry_points.txt``, as pip writes) in a fresh interpreter, and has its plugin note
each model it is given a validator for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLUGIN = """
import os

class _Plugin:
    def new_schema_validator(self, schema, schema_type, *args, **kwargs):
        with open(os.environ["SPY_LOG"], "a", encoding="utf-8") as log:
            log.write(getattr(schema_type, "__name__", str(schema_type)) + "\\n")
        return None, None, None

plugin = _Plugin()
"""


def _installed_spy(site: Path) -> None:
    (site / "spy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "spy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")


def _models_seen(tmp_path: Path, code: str) -> list[str]:
    site = tmp_path / "site"
    site.mkdir()
    _installed_spy(site)
    log = tmp_path / "spy.log"
    log.touch()
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.pathsep.join((str(site), str(ROOT))),
        "SPY_LOG": str(log),
        "HOME": str(tmp_path),
    }
    subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, check=True, timeout=120)
    return log.read_text(encoding="utf-8").split()


def test_the_spy_plugin_is_loaded_where_nothing_turns_plugins_off(tmp_path):
    """The control: the same package, without the app, sees a model's validator made."""
    seen = _models_seen(
        tmp_path,
        """
        from pydantic import BaseModel

        class Visit(BaseModel):
            age: int

        Visit(age=30)
        """,
    )
    assert "Visit" in seen


def test_no_plugin_sees_the_record_or_the_config(tmp_path):
    seen = _models_seen(
        tmp_path,
        """
        from app.config import load_config
        from app.record import load_record

        record = load_record(None)
        config, _used = load_config(None)
        assert record.identification.nct_id and config is not None
        """,
    )
    assert seen == [], f"a pydantic plugin was handed {json.dumps(seen)}"

"""``trialguide --smoke-test`` and ``--version``: what installed copies are checked with."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

from tests.conftest import ROOT


def _project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def test_version_is_the_pyproject_version():
    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"trialguide {_project_version()}"


def test_the_version_is_pyprojects_and_looked_up_once(monkeypatch):
    import importlib.metadata

    from app.kiosk.info import app_version

    asked = []
    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: asked.append(name) or real(name)
    )
    app_version.cache_clear()
    try:
        assert app_version() == _project_version()
        assert app_version() == _project_version()
        assert asked == ["trialguide"]
    finally:
        app_version.cache_clear()


def test_smoke_test_passes_with_a_clean_stderr(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "app", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    line = result.stdout.strip()
    assert line.count("\n") == 0
    assert line.startswith(f"trialguide {_project_version()} smoke test ok: record NCT05703308")
    assert "8 screens x 2 languages" in line
    assert list(tmp_path.iterdir()) == []  # wrote nothing where it ran


def test_smoke_test_fails_loudly_on_a_broken_install(tmp_path, monkeypatch, capsys):
    from app import smoke
    from app.record import RecordError
    from app.record.issues import Issue

    def broken(_path=None):
        raise RecordError("<embedded>/NCT05703308.yaml", [Issue((), "the file is empty")])

    monkeypatch.setattr("app.record.load_record", broken)
    assert smoke.run_smoke_test() == 1
    err = capsys.readouterr().err
    assert "smoke test FAILED" in err and "the file is empty" in err


def test_release_workflow_is_a_valid_github_workflow():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(ROOT / ".github" / "workflows" / "release.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    runners = {
        item["os"].split("-")[0]
        for item in workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
    }
    assert runners == {"ubuntu", "windows", "macos"}
    steps = " ".join(str(step.get("run", "")) for step in workflow["jobs"]["build"]["steps"])
    assert "--smoke-test" in steps and "makensis" in steps and "hdiutil" in steps

"""Shared by the speech tests: skip synthesis, with the reason, where eSpeak NG is missing."""

from __future__ import annotations

import pytest


def _engine_problem() -> str | None:
    from app.speech.engine import SpeechError, default_paths

    try:
        default_paths()
    except SpeechError as error:
        return str(error)
    return None


@pytest.fixture(scope="session")
def engine():
    """The process's synthesiser; skips with eSpeak NG's problem when it cannot load."""
    problem = _engine_problem()
    if problem is not None:
        pytest.skip(f"no speech engine here: {problem} (pip install espeakng-loader)")
    from app.speech.engine import default_synthesizer

    return default_synthesizer()

"""`trialguide render --screen catalog|prescreen`: a catalog of the records given, to a PNG."""

from __future__ import annotations

import json

from PySide6.QtGui import QImage

from app.cli import main
from tests.conftest import DATA, DEFAULT_RECORD_PATH

MINIMAL = str(DATA / "records" / "minimal.yaml")


def test_render_draws_the_catalog_of_several_records(tmp_path, capsys):
    out = tmp_path / "catalog.png"
    argv = ["render", "--screen", "catalog", "--lang", "fa", "--out", str(out)]
    code = main([*argv, "--record", MINIMAL, "--record", str(DEFAULT_RECORD_PATH)])
    assert code == 0, capsys.readouterr().err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_render_draws_the_first_step_with_its_answers(tmp_path, capsys):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 70, "sex": "female", "healthy": True}), "utf-8")
    out = tmp_path / "prescreen.png"
    code = main(
        [
            *("render", "--screen", "prescreen", "--out", str(out), "--answers", str(answers)),
            *("--record", MINIMAL, "--record", str(DEFAULT_RECORD_PATH), "--text-scale", "200"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert not QImage(str(out)).isNull()


def test_render_refuses_a_first_step_answer_that_does_not_fit(tmp_path, capsys):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"sex": "robot"}), "utf-8")
    code = main(
        [
            *("render", "--screen", "prescreen", "--out", str(tmp_path / "p.png")),
            *("--answers", str(answers)),
        ]
    )
    assert code == 2
    assert "sex" in capsys.readouterr().err

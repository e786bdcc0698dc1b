"""docs/coordinator-guide.md, end to end: its commands, in its order, on a real registry entry.

The commands are read from the guide's ``sh`` blocks and must be exactly :data:`STEPS`
(so a step added to or changed in the guide fails here until the test does it too);
between them a scripted author writes the plain English and a scripted translator fills
the PO file, as the guide's prose tells a coordinator and a translator to.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from app.cli import build_parser
from app.config import load_config
from app.record import load_record
from app.record.approval import approval_status
from app.signing import read_public_key_file
from tests.translate.translate_helpers import (
    AUTHOR_NOTE,
    REAL,
    ROOT,
    STUDY,
    gettext_check,
    run_cli,
    translate_po,
    write_plain_english,
)

GUIDE = ROOT / "docs" / "coordinator-guide.md"

#: The guide's commands, one to one and in order.
STEPS = [
    f"trialguide import-ctgov {STUDY}.json -o my-trial.yaml",
    "trialguide validate my-trial.yaml",
    "trialguide translate export my-trial.yaml --lang fa -o my-trial.fa.po",
    "trialguide translate import my-trial.yaml my-trial.fa.po",
    "trialguide translate status my-trial.yaml",
    "trialguide preview my-trial.yaml",
    "trialguide validate --strict --report my-trial.yaml",
    'trialguide approve my-trial.yaml --key committee.key --note "EC ref IR.EX.2026.017"',
    "trialguide validate /srv/trialguide/my-trial.yaml --trusted-key /srv/trialguide/committee.pub",
]


def _blocks(language: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def guide_commands() -> list[str]:
    """Every command line of the guide's ``sh`` blocks, in order."""
    return [line.strip() for block in _blocks("sh") for line in block.splitlines() if line.strip()]


def test_the_guide_has_exactly_these_steps() -> None:
    assert guide_commands() == STEPS


def _argv(command: str, srv: Path) -> list[str]:
    import shlex

    words = shlex.split(command.replace("/srv/trialguide", str(srv)))
    assert words[0] == "trialguide"
    return words[1:]


def _has_option(command: str, option: str) -> bool:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return option in sub.choices[command]._option_string_actions  # type: ignore[attr-defined]


def test_the_guide_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(REAL / f"{STUDY}.json", tmp_path / f"{STUDY}.json")
    record = tmp_path / "my-trial.yaml"
    po = tmp_path / "my-trial.fa.po"
    srv = tmp_path / "srv" / "trialguide"
    # The committee's key, made once (README, "Approved content"): not a step of the guide.
    assert run_cli(["keygen", str(tmp_path / "committee.key"), "--no-passphrase"], capsys)[0] == 0

    steps = iter(guide_commands())

    def run(expect: int = 0, drop: tuple[str, ...] = ()) -> str:
        argv = [word for word in _argv(next(steps), srv) if word not in drop]
        code, out, err = run_cli(argv, capsys)
        assert code == expect, f"trialguide {' '.join(argv)}\n{out}\n{err}"
        return out

    # 1. Import the registry entry.
    run()
    assert load_record(record).languages == ("en",)
    # 2. Write the plain English (the scripted author), then validate.
    write_plain_english(record)
    assert "valid record" in run()
    # 3. Export for the translator.
    assert "0 to review" in run()
    text = po.read_text(encoding="utf-8")
    assert f"#. Note in the record: {AUTHOR_NOTE}" in text
    assert "#. Glossary [[vaccine]]: vaccine: A medicine that teaches the body" in text
    gettext_check(po)
    # 4. The translator fills every msgstr; import the Persian.
    translate_po(po)
    out = run()
    assert "fa added to the record's languages" in out
    assert load_record(record).languages == ("en", "fa")
    # Status: everything translated, nothing stale.
    out = run()
    assert "fa: " in out and " 0 missing, 0 stale" in out
    # 5. Preview: a window that watches the file; the preview tests cover it.
    next(steps)
    # 6. Validate strictly (--report comes with the readability lint, issue 15).
    drop = () if _has_option("validate", "--report") else ("--report",)
    assert "strict lint clean" in run(drop=drop)
    # 7. Approve: raise content_version first, as the guide says.
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "content_version: 0.1.0-draft", "content_version: 1.0.0"
        ),
        encoding="utf-8",
    )
    assert "approved content 1.0.0" in run()
    # 8. Deploy: copy the record and the public key, write the config from the guide.
    srv.mkdir(parents=True)
    shutil.copy(record, srv / "my-trial.yaml")
    shutil.copy(tmp_path / "committee.key.pub", srv / "committee.pub")
    (toml,) = _blocks("toml")
    config_path = tmp_path / "trialguide.toml"
    config_path.write_text(toml.replace("/srv/trialguide", str(srv)), encoding="utf-8")
    config, _path = load_config(config_path)
    assert config.record == str(srv / "my-trial.yaml")
    assert tomllib.loads(toml)["record"] == "/srv/trialguide/my-trial.yaml"
    assert "approved, signed by trusted key" in run()
    deployed = load_record(config.record)
    keys = [read_public_key_file(srv / "committee.pub")]
    assert approval_status(deployed, keys).approved
    assert next(steps, None) is None

"""Approved content: the digest, the stamp written into the file, and tamper detection."""

from __future__ import annotations

import datetime

import pytest
import yaml

from app.record import load_record, parse_record
from app.record.approval import ApprovalState, approval_status, content_digest, stamp_text
from tests.conftest import DEFAULT_RECORD_PATH

WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def _stamped(text: str, note: str = "EC-2026-7") -> str:
    return stamp_text(text, parse_record(text.encode()), note, WHEN)


@pytest.fixture(scope="module")
def default_text() -> str:
    return DEFAULT_RECORD_PATH.read_text(encoding="utf-8")


def test_default_record_ships_unapproved(default_record):
    status = approval_status(default_record)
    assert status.state is ApprovalState.UNAPPROVED
    assert len(status.digest) == 64


def test_stamp_makes_it_approved_and_keeps_comments(default_text):
    stamped = _stamped(default_text)
    record = parse_record(stamped.encode())
    status = approval_status(record)
    assert status.approved
    assert status.note == "EC-2026-7"
    assert status.approved_at == "2026-01-02T03:04:05+00:00"
    comments = [line for line in default_text.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(c in stamped for c in comments)


def test_restamping_replaces_the_old_stamp(default_text):
    twice = _stamped(_stamped(default_text, "first"), "second")
    assert twice.count("\napproval:") == 1
    assert approval_status(parse_record(twice.encode())).note == "second"


def test_digest_ignores_formatting_but_not_content(default_text):
    record = parse_record(default_text.encode())
    reformatted = yaml.safe_dump(yaml.safe_load(default_text), allow_unicode=True, width=60)
    assert content_digest(parse_record(reformatted.encode())) == content_digest(record)
    edited = default_text.replace('content_version: "1.1.0"', 'content_version: "1.1.1"')
    assert edited != default_text
    assert content_digest(parse_record(edited.encode())) != content_digest(record)


@pytest.mark.parametrize(
    ("old", "new"),
    [("verdict: met", "verdict: unknown"), ("max: 45", "max: 46"), ("۲۵", "۲۶")],
)
def test_any_edit_after_approval_is_detected(default_text, old, new):
    stamped = _stamped(default_text)
    assert old in stamped
    tampered = stamped.replace(old, new, 1)
    assert approval_status(parse_record(tampered.encode())).state is ApprovalState.MODIFIED


def test_approve_command_stamps_the_file(tmp_path, default_text, capsys):
    from app.cli import main

    path = tmp_path / "record.yaml"
    path.write_text(default_text, encoding="utf-8")
    assert main(["approve", str(path), "--note", "EC ok"]) == 0
    out = capsys.readouterr().out
    status = approval_status(load_record(path))
    assert status.approved
    assert status.digest in out
    assert main(["validate", str(path)]) == 0
    assert ", approved," in capsys.readouterr().out


def test_approve_refuses_an_invalid_record(tmp_path, capsys):
    from app.cli import main

    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    assert main(["approve", str(path)]) == 2
    assert path.read_text() == "schema_version: 1\n"

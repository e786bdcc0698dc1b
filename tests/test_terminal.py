"""Text printed by the command line cannot act on the terminal (app/terminal.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from app.terminal import SafeStream, terminal_safe
from tests.conftest import DATA


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J", "\\u001b[2J"),
        ("a\rb", "a\\u000db"),
        ("bell\x07", "bell\\u0007"),
        ("del\x7f", "del\\u007f"),
        ("csi\x9b31m", "csi\\u009b31m"),
        ("\u202eevil", "\\u202eevil"),
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("name\udcff", "name\\udcff"),  # an undecodable file name
    ],
)
def test_unsafe_characters_are_escaped(text, shown):
    assert terminal_safe(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        "line one\nline two\tcolumn",
        "شرکت\u200cکننده\u200cی جدید",  # Persian with ZWNJ
        "\u200d\u200e\u200f",  # ZWJ, LRM, RLM
        "\u2068NCT00000001\u2069 \u2066x\u2069 \u2067y\u2069",  # isolates the app writes
        "plain ASCII, «quotes», ۱۲۳",
    ],
)
def test_safe_text_is_left_alone(text):
    assert terminal_safe(text) == text


def test_escaped_json_stays_json_with_the_same_text():
    value = {"reason": "a\x9b\u202e\x7fb\x1b"}
    printed = terminal_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(printed) == value


def test_safe_stream_escapes_every_write():
    target = io.StringIO()
    stream = SafeStream(target)
    print("x\x1by", file=stream)
    stream.writelines(["\x9b", "ok\n"])
    assert target.getvalue() == "x\\u001by\n\\u009bok\n"


def test_the_real_terminal_gets_no_escape_bytes(tmp_path):
    text = (DATA / "records" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "escape\x1b[2J\u202e.yaml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", "validate", str(path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout and "\u202e".encode() not in result.stdout
    assert b"escape\\u001b[2J\\u202e.yaml" in result.stdout

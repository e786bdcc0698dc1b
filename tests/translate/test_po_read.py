"""app/translate/po_read.py: bad PO files give a message with file and line, never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.translate import po_read
from app.translate.po_read import PoReadError, read_po_file

HEADER = 'msgid ""\nmsgstr ""\n"Language: fa\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
ENTRY = 'msgctxt "patient.summary"\nmsgid "Hello"\nmsgstr "سلام"\n'


def _write(tmp_path: Path, body: str | bytes) -> Path:
    path = tmp_path / "fa.po"
    if isinstance(body, str):
        path.write_text(body, encoding="utf-8")
    else:
        path.write_bytes(body)
    return path


def test_a_good_file_is_read(tmp_path: Path) -> None:
    lang, entries = read_po_file(_write(tmp_path, HEADER + "#, fuzzy\n" + ENTRY))
    assert lang == "fa"
    (entry,) = entries
    assert (entry.context, entry.msgid, entry.msgstr, entry.fuzzy) == (
        "patient.summary",
        "Hello",
        "سلام",
        True,
    )
    assert entry.line == 8


def _refused(path: Path) -> str:
    with pytest.raises(PoReadError) as caught:
        read_po_file(path)
    return str(caught.value)


def test_a_syntax_error_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + 'msgctxt "a"\nmsgid "Hello\nmsgstr "x"\n')
    message = _refused(path)
    assert message.startswith(f"{path}:7: not a valid PO file: expected a comment")


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ('msgid "a"\nmsgstr "b"\ngarbage here\n', 8, "expected a comment"),
        ('msgid a\nmsgstr "b"\n', 6, "expected a comment"),
        ('msgstr "b"\n', 6, "a msgstr without its msgid"),
        ('msgid "a"\n', 6, "missing msgstr"),
    ],
)
def test_what_babel_would_skip_is_refused(tmp_path: Path, body: str, line: int, what: str) -> None:
    path = _write(tmp_path, HEADER + body)
    message = _refused(path)
    assert message.startswith(f"{path}:{line}: not a valid PO file: ")
    assert what in message


def test_another_charset_is_refused(tmp_path: Path) -> None:
    body = HEADER.replace("UTF-8", "ISO-8859-1") + 'msgid "caf\xe9"\nmsgstr ""\n'
    path = _write(tmp_path, body.encode("latin-1"))
    assert _refused(path) == (
        f"{path}:6: the file is not UTF-8 text (byte 0xe9 at offset {body.index(chr(0xE9))})"
    )
    path = _write(tmp_path, HEADER.replace("UTF-8", "ISO-8859-1") + ENTRY)
    assert _refused(path) == (
        f"{path}:4: the file says its charset is 'ISO-8859-1'; save it as UTF-8 (and say "
        "charset=UTF-8 in its header)"
    )


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, (HEADER + ENTRY).encode("utf-16"))
    assert _refused(path) == f"{path}: the file is UTF-16 text; save it as UTF-8"


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x85", "\x7f"])
def test_control_characters_are_refused_with_their_line(tmp_path: Path, char: str) -> None:
    path = _write(tmp_path, HEADER + ENTRY.replace("سلام", f"سلام{char}[2J"))
    assert _refused(path) == (
        f"{path}:8: the file holds the control character U+{ord(char):04X}, which has no "
        "place in a translation"
    )


def test_a_huge_file_is_refused_without_reading_it_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(po_read, "MAX_PO_BYTES", 1000)
    path = _write(tmp_path, HEADER + ENTRY * 100)
    assert _refused(path).startswith(f"{path}: ")
    assert "larger than" in _refused(path) or "too large" in _refused(path)


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "fa.po"
    os.mkfifo(path)
    assert "not a regular file" in _refused(path)


def test_a_file_without_language_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER.replace('"Language: fa\\n"\n', "") + ENTRY)
    assert _refused(path) == f'{path}: the header names no language (a line "Language: fa\\n")'


def test_plural_entries_are_refused(tmp_path: Path) -> None:
    body = HEADER + 'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "x"\nmsgstr[1] "y"\n'
    assert "plural entries" in _refused(_write(tmp_path, body))

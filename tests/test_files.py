"""The shared bounded reader (app/files.py)."""

from __future__ import annotations

import os

import pytest

from app.files import FileReadError, decode_text, parse_json, read_bounded


def test_reads_a_file_up_to_the_limit(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100)
    assert read_bounded(path, 100) == b"x" * 100
    with pytest.raises(FileReadError) as info:
        read_bounded(path, 99, too_large="; a thing is far smaller")
    assert info.value.kind == "too_large"
    assert str(info.value) == f"{path}: the file is larger than 99 bytes; a thing is far smaller"


@pytest.mark.parametrize("case", ["fifo", "dev_zero", "symlink_to_dev_zero", "folder", "nul"])
def test_refuses_what_is_not_a_regular_file(tmp_path, case):
    path = tmp_path / "f"
    if case == "fifo":
        os.mkfifo(path)
    elif case == "dev_zero":
        path = "/dev/zero"
    elif case == "symlink_to_dev_zero":
        path.symlink_to("/dev/zero")
    elif case == "folder":
        path.mkdir()
    else:
        path = f"{tmp_path}/a\x00b"
    with pytest.raises(FileReadError) as info:
        read_bounded(path, 1024, what="a test file")
    expected = {
        "fifo": ("not_regular", "this is not a regular file"),
        "dev_zero": ("not_regular", "this is not a regular file"),
        "symlink_to_dev_zero": ("not_regular", "this is not a regular file"),
        "folder": ("folder", "this is a folder, not a test file"),
        "nul": ("unreadable", "the path holds a NUL character"),
    }[case]
    assert (info.value.kind, info.value.reason[: len(expected[1])]) == expected


def test_missing_file_and_missing_folder(tmp_path):
    for path in (tmp_path / "none", tmp_path / "none" / "f"):
        with pytest.raises(FileReadError) as info:
            read_bounded(path, 10)
        assert info.value.kind == "missing"


def test_decode_text_drops_a_utf8_bom_and_refuses_utf16():
    assert decode_text(b"\xef\xbb\xbfa = 1", "x") == "a = 1"
    with pytest.raises(FileReadError, match="UTF-16"):
        decode_text("a = 1".encode("utf-16"), "x")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"a": 1, "b": {"c": 2, "c": 3}}', "the key 'c' appears twice"),
        ('{"a": ' + "1" * 5000 + "}", "a number has 5,000 digits"),
        ('{"a": 1234567890123456}', "a number has 16 digits"),
        ('{"a": 1e16}', "'1e16' is too large"),
        ('{"a": -Infinity}', "-Infinity is not a number JSON allows"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"a": ', "not valid JSON: Expecting value (line 1, column 7)"),
    ],
)
def test_parse_json_is_strict(text, words):
    with pytest.raises(FileReadError) as info:
        parse_json(text.encode(), "f.json")
    assert words in info.value.reason


def test_parse_json_reads_ordinary_values():
    assert parse_json(b'{"age": 30, "h": 1.75, "x": [true, null, "s"]}', "f") == {
        "age": 30,
        "h": 1.75,
        "x": [True, None, "s"],
    }

"""Read the files staff hand to TrialGuide: bounded, regular files only, strict JSON.

Records, configs, answers files and ClinicalTrials.gov studies all come through
:func:`read_bounded`, so a FIFO is refused instead of waited on, ``/dev/zero`` instead of
read until memory runs out, and a file far larger than its kind is refused after reading
one byte past the limit. :func:`decode_text` and :func:`parse_json` are the shared next
steps for the text formats. Pure Python: every layer may import this module.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import math
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

#: Byte-order marks of encodings a text editor may save in instead of UTF-8.
OTHER_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
#: Most digits a number in a JSON file may have (an age or a count has a few).
MAX_JSON_DIGITS = 15


class FileReadError(Exception):
    """A file cannot be used; :attr:`reason` says why in words for staff (no path)."""

    def __init__(
        self, path: str, reason: str, kind: str = "unreadable", line: int | None = None
    ) -> None:
        super().__init__(f"{path}: {reason}")
        #: The line the problem is on, where it is known (bytes that are not UTF-8).
        self.line = line
        #: The path as given.
        self.path = path
        #: What is wrong, without the path: "the file does not exist".
        self.reason = reason
        #: ``missing``, ``folder``, ``not_regular``, ``too_large``, ``unreadable``,
        #: ``encoding`` or ``syntax``: callers that treat a missing file differently check it.
        self.kind = kind


def _size(limit: int) -> str:
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit:,} bytes"


def _opener(path: str, flags: int) -> int:
    # O_NONBLOCK: opening a FIFO that slipped past the check (a race) returns at once
    # instead of waiting for a writer; a regular file ignores the flag.
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _no_follow_opener(path: str, flags: int) -> int:
    return _opener(path, flags | getattr(os, "O_NOFOLLOW", 0))


def read_bounded(
    path: str | os.PathLike[str],
    limit: int,
    *,
    what: str = "a file",
    too_large: str = "",
    follow_links: bool = True,
) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Args:
        path: the file (a symbolic link is followed, and must lead to a regular file,
            unless ``follow_links`` is False: then a link is refused).
        limit: largest size accepted; one byte more is read, never the rest.
        what: the kind of file for messages, e.g. ``"a record file"``.
        too_large: what to add to the too-large message, e.g. ``"; a record is far smaller"``.
        follow_links: False refuses a symbolic link (and opens with ``O_NOFOLLOW``), for a
            file about to be rewritten in place.

    Raises:
        FileReadError: the path does not exist, is a folder, a FIFO, a device or a socket,
            cannot be read, or the file is larger than ``limit``.
    """
    source = os.fspath(path)
    if isinstance(source, bytes):  # pragma: no cover - callers pass text paths
        source = os.fsdecode(source)
    if "\x00" in source:
        raise FileReadError(source, "the path holds a NUL character", "unreadable")
    try:
        # Only a regular file: opening a FIFO or a device would wait or never end. Checked
        # before opening and again on the open file (it may have been swapped meanwhile).
        mode = (os.stat if follow_links else os.lstat)(source).st_mode
        if stat.S_ISLNK(mode):
            raise FileReadError(source, "this is a symbolic link, not a file", "not_regular")
        _check_mode(source, mode, what)
        opener = _opener if follow_links else _no_follow_opener
        with open(source, "rb", opener=opener) as handle:
            _check_mode(source, os.fstat(handle.fileno()).st_mode, what)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise FileReadError(source, "the file does not exist", "missing") from None
    except IsADirectoryError:
        raise FileReadError(source, f"this is a folder, not {what}", "folder") from None
    except NotADirectoryError:
        raise FileReadError(
            source, "the file does not exist (a part of the path is not a folder)", "missing"
        ) from None
    except PermissionError:
        raise FileReadError(source, "the file cannot be read (permission denied)") from None
    except OSError as exc:
        raise FileReadError(source, f"the file cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:  # a path the system cannot take at all
        raise FileReadError(source, f"the path cannot be used ({exc})") from None
    if len(data) > limit:
        raise FileReadError(
            source, f"the file is larger than {_size(limit)}{too_large}", "too_large"
        )
    return data


def _check_mode(source: str, mode: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise FileReadError(source, f"this is a folder, not {what}", "folder")
    if not stat.S_ISREG(mode):
        raise FileReadError(
            source,
            "this is not a regular file (a device, a pipe or a socket cannot be read as one)",
            "not_regular",
        )


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text from a file's bytes; a UTF-8 byte-order mark is dropped.

    Raises:
        FileReadError: the bytes are UTF-16 or UTF-32 (by their byte-order mark), hold a
            NUL byte, or are not UTF-8.
    """
    for bom, encoding in OTHER_BOMS.items():
        if data.startswith(bom):
            raise FileReadError(
                source, f"the file is {encoding} text; save it as UTF-8", "encoding"
            )
    if b"\x00" in data:
        raise FileReadError(source, "this is a binary file, not text", "encoding")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileReadError(
            source,
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "encoding",
            data.count(b"\n", 0, exc.start) + 1,
        ) from None


class _JsonValueError(ValueError):
    """A value :func:`parse_json` refuses; the message is for staff."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonValueError(f"the key {_quoted(key)} appears twice in one object")
        result[key] = value
    return result


def _quoted(text: str, limit: int = 60) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else f"{shown[: limit - 1]}…"


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text.split("e")[0].split("E")[0])


def _int(text: str) -> int:
    if _digits(text) > MAX_JSON_DIGITS:
        raise _JsonValueError(
            f"a number has {_digits(text):,} digits; numbers here have at most {MAX_JSON_DIGITS}"
        )
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if _digits(text) > 40 or not math.isfinite(value) or abs(value) >= 10.0**MAX_JSON_DIGITS:
        raise _JsonValueError(
            f"the number {_quoted(text, 30)} is too large; numbers here have at most "
            f"{MAX_JSON_DIGITS} digits"
        )
    return value


def _constant(text: str) -> float:
    raise _JsonValueError(f"{text} is not a number JSON allows")


def parse_json(data: bytes, source: str) -> Any:
    """Parse JSON strictly: no duplicate keys, no NaN or Infinity, no absurd numbers.

    Raises:
        FileReadError: the bytes are not UTF-8 JSON, an object has a key twice, a number
            is not finite or has more than :data:`MAX_JSON_DIGITS` digits, or the nesting
            is too deep for Python to read.
    """
    text = decode_text(data, source)
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise FileReadError(
            source, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", "syntax"
        ) from None
    except _JsonValueError as exc:
        raise FileReadError(source, f"not usable JSON: {exc}", "syntax") from None
    except RecursionError:
        raise FileReadError(source, "not usable JSON: it is nested too deeply", "syntax") from None
    except ValueError as exc:  # pragma: no cover - the hooks above catch what json raises
        raise FileReadError(source, f"not usable JSON: {exc}", "syntax") from None


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (UTF-8, or bytes as they are): all or none of it.

    Never a link followed.

    The text goes to a file created exclusively beside ``path`` under a random name, mode
    0600, is flushed to disk, then renamed over ``path``; a crash leaves the old file or the
    new one, never half of one.

    Raises:
        OSError: the folder cannot be made or written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # the rename itself, on file systems that allow it
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

r"""What the command line prints is safe for a terminal, whatever a record holds.

A record, an answers file or a config can hold an ESC sequence (colours, a cleared
screen, a forged line), a carriage return, a C1 control or a bidi override. Printed raw,
they act on the staff member's terminal instead of being read. :func:`terminal_safe`
writes each such character as a visible ``\uXXXX`` escape; :func:`safe_output` puts
every write to ``sys.stdout`` and ``sys.stderr`` through it while a command runs, so no
``print`` can forget.

Escaped: C0 controls except newline and tab, DEL, C1 controls, the bidi embeddings and
overrides U+202A-U+202E, and lone surrogates (an undecodable file name). Kept: newline,
tab, Persian text, ZWNJ/ZWJ, LRM/RLM, and the bidi isolates U+2066-U+2069, which
TrialGuide's own Persian formatting writes around numbers and Latin words (and which end
with their line). The ``\uXXXX`` form also keeps ``--json`` output valid JSON that
reads back as the same text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_safe(text: str) -> str:
    r"""``text`` with every character that could act on a terminal written as ``\uXXXX``."""
    return _UNSAFE.sub(_escape, text)


class SafeStream:
    """A text stream that passes everything written through :func:`terminal_safe`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write ``text``, escaped; return the length of ``text`` (as streams do)."""
        self._stream.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines: Iterator[str]) -> None:
        """Write each line, escaped."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def safe_output() -> Iterator[None]:
    """While the block runs, ``sys.stdout`` and ``sys.stderr`` escape unsafe characters."""
    out, err = sys.stdout, sys.stderr
    if out is not None:  # None: no console at all (pythonw)
        sys.stdout = SafeStream(out)
    if err is not None:
        sys.stderr = SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err

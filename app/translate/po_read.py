"""Read a translator's PO file: bounded, UTF-8, no control characters, every problem with its line.

Babel's reader does the parsing (``abort_invalid``: a syntax error is an error, not a
warning); this module only bounds what reaches it and words what goes wrong.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from app.files import FileReadError, decode_text, read_bounded

#: Largest PO file read: the default record's is about 60 KB.
MAX_PO_BYTES = 4 * 1024 * 1024
#: C0 controls but tab and newline, DEL, C1 controls: never in a PO file for a record.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CHARSET = re.compile(r"charset=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
#: A line of PO syntax that is not a comment: a keyword and a string, or a string alone.
_SYNTAX = re.compile(
    r'^(?:(msgctxt|msgid|msgid_plural|msgstr(?:\[[0-9]+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*$'
)


def _check_syntax(text: str, source: str) -> None:
    """Refuse what Babel's lenient reader would skip or misread (an unclosed string).

    Babel reads ``msgid "Hello`` (no closing quote) as ``Hell`` and ignores a line it does
    not know; a translator's file with such a line has lost words, so it is refused.
    """
    pending_id = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                pending_id = False
            continue
        match = _SYNTAX.match(line)
        if match is None:
            raise PoReadError(
                source,
                "not a valid PO file: expected a comment (#), msgctxt, msgid or msgstr and a "
                'string in double quotes, or a "continued string"',
                number,
            )
        keyword = match.group(1) or ""
        if keyword == "msgid":
            pending_id = True
        elif keyword.startswith("msgstr") and not pending_id:
            raise PoReadError(source, "not a valid PO file: a msgstr without its msgid", number)


class PoReadError(Exception):
    """A PO file cannot be used: ``str(error)`` is ``FILE:LINE: what is wrong``."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")
        self.line = line


@dataclass(frozen=True)
class PoEntry:
    """One translated entry: where it is, what it names, what it says."""

    line: int
    context: str | None
    msgid: str
    msgstr: str
    fuzzy: bool


def read_po_file(path: str | os.PathLike[str]) -> tuple[str, list[PoEntry]]:
    """The language and the entries of a PO file (the header and obsolete entries left out).

    Raises:
        PoReadError: the file cannot be read, is too large, is not UTF-8 (or says another
            charset), holds a control character, has a syntax error, or names no
            language.
    """
    source = os.fspath(path)
    try:
        data = read_bounded(
            path, MAX_PO_BYTES, what="a PO file", too_large="; a record's PO file is far smaller"
        )
        text = decode_text(data, source)
    except FileReadError as exc:
        raise PoReadError(source, exc.reason, exc.line) from None
    for number, line in enumerate(text.split("\n"), start=1):
        control = _CONTROL.search(line.rstrip("\r"))
        if control:
            raise PoReadError(
                source,
                f"the file holds the control character U+{ord(control.group()):04X}, which "
                "has no place in a translation",
                number,
            )
    _check_syntax(text, source)
    charset = _CHARSET.search(text)
    if charset and charset.group(1).lower().replace("-", "") != "utf8":
        raise PoReadError(
            source,
            f"the file says its charset is {charset.group(1)!r}; save it as UTF-8 "
            "(and say charset=UTF-8 in its header)",
            text[: charset.start()].count("\n") + 1,
        )
    try:
        catalog: Catalog = read_po(io.StringIO(text), ignore_obsolete=True, abort_invalid=True)
    except PoFileError as exc:
        lineno = getattr(exc, "lineno", None)
        problem = str(exc).split(" on ", 1)[0].split(" at line", 1)[0]
        raise PoReadError(
            # Babel counts this line from 0 (and a message's from 1).
            source,
            f"not a valid PO file: {problem}",
            lineno + 1 if isinstance(lineno, int) else None,
        ) from None
    except (UnknownLocaleError, ValueError) as exc:
        raise PoReadError(source, f"not a valid PO file: {exc}") from None
    if catalog.locale is None:
        raise PoReadError(source, 'the header names no language (a line "Language: fa\\n")')
    lang = catalog.locale.language
    entries = []
    for message in catalog:
        if not message.id:
            continue
        if not isinstance(message.id, str) or not isinstance(message.string, str | None):
            raise PoReadError(
                source,
                "plural entries (msgid_plural) have no place in a record's PO file",
                message.lineno,
            )
        entries.append(
            PoEntry(
                line=int(message.lineno or 0),
                context=message.context,
                msgid=message.id,
                msgstr=message.string or "",
                fuzzy=message.fuzzy,
            )
        )
    return lang, entries

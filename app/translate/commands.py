"""``trialguide translate export|import|status``: the translator's round trip.

* ``translate export RECORD --lang fa -o FILE.po [--previous OLD.po]``
* ``translate import RECORD FILE.po [-o OUT.yaml]``
* ``translate status RECORD``

Registered by :mod:`app.cli`, whose ``main`` escapes everything printed. Bad input (a
record or PO file that cannot be used) prints the problem, naming file and line, and
returns 2, as every other command does.
"""

from __future__ import annotations

import argparse
import codecs
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.files import FileReadError, decode_text, read_bounded, write_atomic
from app.record import RecordError, load_record, parse_record
from app.record.load import MAX_BYTES
from app.record.models import SUPPORTED_LANGUAGES, TrialRecord
from app.record.text_paths import SOURCE_LANGUAGE, text_entries, translation_state

if TYPE_CHECKING:  # Babel loads only when a translate command runs, not with the parser
    from app.translate.po_read import PoEntry

EXIT_OK = 0
EXIT_BAD_INPUT = 2
#: Languages a record is translated into.
TARGET_LANGUAGES = tuple(lang for lang in SUPPORTED_LANGUAGES if lang != SOURCE_LANGUAGE)


class _BadInput(Exception):
    """Printed as it is; the command returns 2."""


def add_translate_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``translate`` and its three subcommands to the command line."""
    translate = sub.add_parser(
        "translate", help="export texts to a translator's PO file, import it back, show status"
    )
    actions = translate.add_subparsers(dest="translate_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the record's texts as a PO file")
    export.add_argument("record", metavar="RECORD", help="record file (YAML)")
    export.add_argument("--lang", choices=TARGET_LANGUAGES, default="fa", help="translate into")
    export.add_argument("-o", "--out", required=True, metavar="FILE.po", help="PO file to write")
    export.add_argument(
        "--previous",
        metavar="OLD.po",
        help="an earlier PO file of this record: its English becomes the '#| msgid' of "
        "entries whose English has changed since",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="write over FILE.po even if it holds translations not yet imported",
    )
    imp = actions.add_parser("import", help="write a translator's PO file back into the record")
    imp.add_argument("record", metavar="RECORD", help="record file (YAML)")
    imp.add_argument("po", metavar="FILE.po", help="the translated PO file")
    imp.add_argument(
        "-o", "--out", metavar="OUT.yaml", help="write the result here (default: RECORD itself)"
    )
    status = actions.add_parser("status", help="count translated, missing and stale texts")
    status.add_argument("record", metavar="RECORD", help="record file (YAML)")


def run_translate(args: argparse.Namespace) -> int:
    """Run ``translate ACTION``; return the exit code."""
    commands = {"export": _export, "import": _import, "status": _status}
    try:
        return commands[args.translate_command](args)
    except _BadInput as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT


def _read_record(path: str) -> tuple[TrialRecord, str, bytes]:
    """The record, its text (line feeds only), and its raw bytes (BOM and CRLF kept there)."""
    try:
        data = read_bounded(path, MAX_BYTES, what="a record file")
        text = decode_text(data, path).replace("\r\n", "\n")
    except FileReadError as exc:
        raise _BadInput(f"{path}: {exc.reason}") from None
    try:
        return parse_record(text.encode("utf-8"), path), text, data
    except RecordError as exc:
        raise _BadInput(exc.describe()) from None


def _as_written(text: str, like: bytes) -> str:
    """``text`` with the original file's byte-order mark and CRLF line ends, if it had them."""
    if b"\r\n" in like:
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if like.startswith(codecs.BOM_UTF8) else text


def _write(path: str, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise _BadInput(f"{path}: cannot write the file ({exc.strerror or exc})") from None


def _export(args: argparse.Namespace) -> int:
    from app.translate.export import build_catalog, catalog_text
    from app.translate.po_read import PoReadError, read_po_file

    if Path(args.out).resolve() == Path(args.record).resolve():
        raise _BadInput(f"{args.out}: this is the record itself; name a .po file to write")
    record, text, _data = _read_record(args.record)
    previous: dict[str, str] = {}
    if args.previous:
        try:
            _lang, old = read_po_file(args.previous)
        except PoReadError as exc:
            raise _BadInput(str(exc)) from None
        previous = {entry.context: entry.msgid for entry in old if entry.context}
    if Path(args.out).exists():
        # The file being replaced is the last export (or the translator's file, once
        # imported): its English is the earlier English of every entry changed since.
        earlier = _check_overwrite(record, args.out, args.lang, args.force)
        previous = previous or {e.context: e.msgid for e in earlier if e.context}
    catalog = build_catalog(record, text, args.record, args.lang, previous)
    _write(args.out, catalog_text(catalog))
    fuzzy = sum(1 for message in catalog if message.id and message.fuzzy)
    empty = sum(1 for message in catalog if message.id and not message.string)
    print(
        f"{args.out}: {len(catalog)} texts of {args.record} for translation into {args.lang} "
        f"({empty} not yet translated, {fuzzy} to review)"
    )
    return EXIT_OK


def _check_overwrite(record: TrialRecord, path: str, lang: str, force: bool) -> list[PoEntry]:
    """The entries of the PO file about to be replaced, if it can be read.

    Without ``force``, refuses to write over a file that cannot be read as PO, or that
    holds translations the record does not have yet (a translator's returned file,
    exported over before it was imported, would be lost).
    """
    from app.translate.po_read import PoReadError, read_po_file

    try:
        _lang, entries = read_po_file(path)
    except PoReadError as exc:
        if force:
            return []
        raise _BadInput(
            f"{exc}\n{path}: exists and is not a PO file that can be read; not written over "
            "(--force writes over it)"
        ) from None
    current = {entry.key: entry.text.get(lang, "") for entry in text_entries(record)}
    pending = [e for e in entries if e.msgstr and e.context and current.get(e.context) != e.msgstr]
    if pending and not force:
        first = pending[0]
        raise _BadInput(
            f"{path}:{first.line}: this file holds {len(pending)} translation(s) the record "
            f"does not have yet (first: msgctxt {first.context!r}); import it first "
            f"(trialguide translate import), or write over it with --force"
        )
    return entries


def _import(args: argparse.Namespace) -> int:
    from app.translate.importer import TranslationImportError, import_translations
    from app.translate.po_read import PoReadError, read_po_file

    record, text, data = _read_record(args.record)
    try:
        lang, entries = read_po_file(args.po)
    except PoReadError as exc:
        raise _BadInput(str(exc)) from None
    try:
        result = import_translations(record, text, args.record, lang, entries, args.po)
    except TranslationImportError as exc:
        raise _BadInput(f"{exc}\n{args.po}: not imported; {args.record} is unchanged") from None
    out = args.out or args.record
    written = _as_written(result.text, data)
    if out != args.record or written.encode("utf-8") != data:
        _write(out, written)
    for key in result.fuzzy:
        print(f"fuzzy, kept as a draft to review: {key}")
    for key in result.outdated:
        print(f"the English changed since the file was exported, so this stays stale: {key}")
    if record.approval is not None and result.record is not None:
        from app.record.approval import content_digest

        if content_digest(result.record) != content_digest(record):
            print(
                f"{out}: the content changed since it was approved: validate it strictly and "
                "approve it again (trialguide approve)"
            )
    added = f"; {lang} added to the record's languages" if result.language_added else ""
    print(
        f"{out}: {len(result.updated)} {lang} text(s) written, {len(result.fuzzy)} fuzzy, "
        f"{len(result.untranslated)} untranslated, {result.recorded} translation source(s) "
        f"recorded{added}"
    )
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    try:
        record = load_record(args.record)
    except RecordError as exc:
        raise _BadInput(exc.describe()) from None
    entries = [e for e in text_entries(record) if e.text.get(SOURCE_LANGUAGE)]
    print(f"{args.record}: {len(entries)} patient-facing texts in English")
    for lang in TARGET_LANGUAGES:
        states = [(e.key, translation_state(record, e, lang)) for e in entries]
        count = {
            s: sum(1 for _k, state in states if state == s)
            for s in ("current", "untracked", "stale", "missing")
        }
        translated = count["current"] + count["untracked"] + count["stale"]
        untracked = (
            f" ({count['untracked']} not tracked: the record does not say which English "
            "they were made from)"
            if count["untracked"]
            else ""
        )
        declared = "" if lang in record.languages else " (not yet one of the record's languages)"
        print(
            f"  {lang}{declared}: {translated} translated, {count['missing']} missing, "
            f"{count['stale']} stale{untracked}"
        )
        for key, state in states:
            if state in {"stale", "missing"}:
                print(f"    {state}: {key}")
    return EXIT_OK

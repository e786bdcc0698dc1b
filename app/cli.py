"""The ``trialguide`` command line.

With no subcommand (or ``run``) it opens the app window: ``--config FILE`` (else the
platform's config file), ``--record`` (else the config's record, else the embedded
default), ``--lang``, ``--kiosk``/``--no-kiosk`` (else the config's ``kiosk``) and
``--counselor``. A config or record that cannot be used opens a staff-facing error window,
prints the problem on stderr and exits 2. Subcommands work without a display:

* ``validate RECORD [--strict [--report] [--fail-on-warnings]]``: check a record file;
  exit 0 or 2. ``--report`` prints every text's reading-level figures, worst first.
* ``validate DIR``: check every ``*.yaml``/``*.yml`` in a folder, one line each;
  exit 2 if any failed.
* ``schema``: print the record's JSON Schema.
* ``import-ctgov STUDY.json -o RECORD.yaml``: start a record from a ClinicalTrials.gov study.
* ``check --answers ANSWERS.json``: run the self-check on an answers file.
* ``approve RECORD [--key PRIVATE_KEY]``: stamp (and sign) a record's approved content.
* ``preview RECORD [--lang fa] [--strict]``: the app on a record file, again after each save.
* ``keygen KEY``: make an Ed25519 key pair for signing approvals (``KEY``, ``KEY.pub``).
* ``translate export|import|status``: the translator's PO round trip (:mod:`app.translate`).
* ``speak --screen SCREEN --lang en|fa --out FILE.wav``: a screen read aloud, as a WAV
  (``--screen catalog|prescreen`` with ``--record`` given once per study).
* ``audio make RECORD --lang fa --out DIR``: one synthesised WAV per record text.

Exit codes: 0 success, 2 bad input (record, answers, arguments), 1 anything unexpected.
Every error names what is wrong and where; none ends in a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import collector
from app.screen_names import CATALOG_SCREENS, STUDY_SCREENS

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.record import TrialRecord
    from app.speech.commands import SpeakReport

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

#: Largest answers file read (a real one is a few hundred bytes).
MAX_ANSWERS_BYTES = 64 * 1024
#: Largest ClinicalTrials.gov study read (the largest, with results, are a few MB).
MAX_STUDY_BYTES = 32 * 1024 * 1024


class CliError(Exception):
    """A user-facing error: the message is printed and the exit code is 2."""


def _print_err(message: str) -> None:
    print(message, file=sys.stderr)


def _record_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--record",
        metavar="RECORD",
        help="record file (YAML); the embedded default record when omitted",
    )


def _run_args(parser: argparse.ArgumentParser, argparse_default: object) -> None:
    """The options of the app window, on the top level and on ``run``."""
    parser.add_argument(
        "--record",
        metavar="RECORD",
        action="append",
        default=argparse_default,
        help=(
            "record file (YAML); give it more than once for a catalog of several studies; "
            "else the config's record(s), else the embedded default record"
        ),
    )
    parser.add_argument(
        "--lang",
        choices=("en", "fa"),
        default=argparse_default,
        help="language to start in (and to go back to on a reset); else the config's",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=argparse_default,
        help="config file (TOML); else trialguide.toml in the platform's config folder",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--kiosk",
        action=argparse.BooleanOptionalAction,
        default=argparse_default,
        help="full screen kiosk for patients (--no-kiosk: a normal window); else the config's",
    )
    mode.add_argument(
        "--counselor",
        action="store_true",
        default=argparse_default if argparse_default is argparse.SUPPRESS else False,
        help="open counselor mode (never a kiosk)",
    )


#: The screens (``app.session.Screen``'s values), from a module that imports no Qt.
_SCREENS = (*STUDY_SCREENS, *CATALOG_SCREENS)


def _lang_arg(parser: argparse.ArgumentParser, default: str = "en") -> None:
    parser.add_argument("--lang", choices=("en", "fa"), default=default, help="language")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="trialguide",
        description=(
            "Explains one clinical trial to patients and counselors, in English and Persian."
        ),
    )
    _run_args(parser, argparse_default=None)
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation offscreen (record, every screen, self-check, handout)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="open the app window (the default)")
    # SUPPRESS: options given before "run" are not overwritten by run's defaults.
    _run_args(run, argparse_default=argparse.SUPPRESS)

    validate = sub.add_parser("validate", help="check a record file, or every record in a folder")
    validate.add_argument(
        "record", metavar="RECORD", help="record file (YAML), or a folder of them (one line each)"
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also lint the content: Persian letters and digits, reading level, glossary",
    )
    validate.add_argument(
        "--report",
        action="store_true",
        help="with --strict: print the reading-level figures of every text, worst first",
    )
    validate.add_argument(
        "--fail-on-warnings",
        action="store_true",
        help="with --strict: fail on lint warnings (reading level) too, not only on errors",
    )
    validate.add_argument(
        "--trusted-key",
        action="append",
        default=[],
        metavar="KEY",
        help="check the approval signature against this public key (ed25519:... or a .pub "
        "file); repeatable",
    )

    sub.add_parser("schema", help="print the JSON Schema of the record format")

    imp = sub.add_parser(
        "import-ctgov", help="start a record from a ClinicalTrials.gov v2 study JSON"
    )
    imp.add_argument("study", metavar="STUDY.json", help="one study as the API v2 returns it")
    imp.add_argument(
        "-o", "--out", required=True, metavar="RECORD.yaml", help="record file to write"
    )
    imp.add_argument("--force", action="store_true", help="overwrite RECORD.yaml if it exists")
    imp.add_argument(
        "--nct",
        metavar="NCTxxxxxxxx",
        help='the study to take from a search page ({"studies": [...]}) of several',
    )

    check = sub.add_parser("check", help="run the self-check on an answers file")
    _record_arg(check)
    check.add_argument(
        "--answers",
        required=True,
        metavar="ANSWERS.json",
        help="question id -> option id or number",
    )
    _lang_arg(check)
    check.add_argument("--json", action="store_true", help="print JSON instead of text")
    handout = sub.add_parser("handout", help="write the printable A4 handout as a PDF")
    _lang_arg(handout)
    handout.add_argument("--out", required=True, metavar="FILE.pdf")
    handout.add_argument("--answers", metavar="ANSWERS.json", help="include the self-check result")
    handout.add_argument(
        "--large-print", action="store_true", help="the large-print edition (text at 150%%)"
    )
    _record_arg(handout)

    approve = sub.add_parser(
        "approve", help="stamp a record with the SHA-256 digest of its approved content"
    )
    approve.add_argument("record", metavar="RECORD", help="record file (YAML) to stamp in place")
    approve.add_argument("--note", default="", help="approver's note, e.g. the ethics approval ref")
    _approval_key_args(approve, sub)

    set_pin = sub.add_parser("set-pin", help="set the staff PIN (stored as a salted scrypt hash)")
    set_pin.add_argument(
        "--config",
        metavar="FILE",
        default=argparse.SUPPRESS,  # keeps a --config given before "set-pin"
        help="config file (the platform's default)",
    )
    set_pin.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from standard input (for scripts)"
    )

    from app.ui.preview.command import add_arguments as preview_arguments

    preview_arguments(
        sub.add_parser("preview", help="show a record file in the app, again after each save")
    )

    from app.translate.commands import add_translate_parser

    add_translate_parser(sub)

    render = sub.add_parser("render", help="draw one screen to a PNG file (no display needed)")
    render.add_argument(
        "--screen",
        required=True,
        choices=_SCREENS,
    )
    _lang_arg(render)
    render.add_argument("--out", required=True, metavar="FILE.png")
    render.add_argument("--width", type=int, default=1280)
    render.add_argument("--height", type=int, default=800)
    render.add_argument("--text-scale", type=int, default=100, metavar="100..200")
    render.add_argument("--answers", metavar="ANSWERS.json")
    render.add_argument("--question", metavar="ID", help="self-check question to show")
    render.add_argument("--high-contrast", action="store_true")
    render.add_argument(
        "--record",
        metavar="RECORD",
        action="append",
        help=(
            "record file (YAML), the embedded default record when omitted; give it more "
            "than once to draw a catalog of several studies (the first is the one shown)"
        ),
    )
    _speech_args(sub)
    return parser


def _speech_args(sub: Any) -> None:
    """``speak`` and ``audio make``: read aloud (the bodies are in app/speech/commands.py)."""
    speak = sub.add_parser(
        "speak", help="write what a screen's Listen control plays, in order, as one WAV"
    )
    speak.add_argument("--screen", required=True, choices=_SCREENS)
    _lang_arg(speak)
    speak.add_argument("--out", required=True, metavar="FILE.wav")
    speak.add_argument(
        "--answers",
        metavar="ANSWERS.json",
        help="the result screen reads these (prescreen: age, sex, healthy)",
    )
    speak.add_argument("--rate", type=float, default=1.0, help="speed, 0.5 to 2.0 (1.0 normal)")
    speak.add_argument(
        "--record",
        metavar="RECORD",
        action="append",
        help=(
            "record file (YAML), the embedded default record when omitted; give it more "
            "than once for a catalog of several studies (catalog, prescreen)"
        ),
    )
    audio = sub.add_parser("audio", help="recorded audio for a record's texts")
    audio_sub = audio.add_subparsers(dest="audio_command", metavar="ACTION", required=True)
    make = audio_sub.add_parser(
        "make", help="synthesise one WAV per text, named as the record names recordings"
    )
    make.add_argument("record", metavar="RECORD", help="record file (YAML)")
    _lang_arg(make, default="fa")
    make.add_argument("--out", required=True, metavar="DIR", help="folder to write audio/ into")
    make.add_argument("--rate", type=float, default=1.0, help="speed, 0.5 to 2.0 (1.0 normal)")
    check = audio_sub.add_parser("check", help="check a record's recordings (files and digests)")
    check.add_argument("record", metavar="RECORD", help="record file (YAML)")


def _approval_key_args(approve: argparse.ArgumentParser, sub: Any) -> None:
    """``approve --key`` and the ``keygen`` command: signed approval."""
    approve.add_argument(
        "--key",
        metavar="PRIVATE_KEY",
        help="also sign the digest, note and time with this Ed25519 private key (keygen)",
    )
    approve.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the private key's passphrase from standard input (for scripts)",
    )
    keygen = sub.add_parser(
        "keygen", help="make an Ed25519 key pair for the approving committee's signatures"
    )
    keygen.add_argument(
        "key", metavar="KEY", help="private key file to write (mode 0600); the public key: KEY.pub"
    )
    keygen.add_argument("--force", action="store_true", help="overwrite KEY and KEY.pub")
    passphrase = keygen.add_mutually_exclusive_group()
    passphrase.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase that protects the private key from standard input",
    )
    passphrase.add_argument(
        "--no-passphrase", action="store_true", help="write the private key unencrypted"
    )


def load_record_or_fail(path: str | None) -> TrialRecord:
    """Load a record, turning its problems into a :class:`CliError`."""
    from app.record import RecordError, load_record

    try:
        return load_record(path)
    except RecordError as exc:
        raise CliError(exc.describe()) from None


def read_json_file(path: str, limit: int, what: str) -> Any:
    """Parse a JSON file through the shared bounded reader (:mod:`app.files`).

    Raises:
        CliError: the file cannot be read, is too large, or is not strict JSON.
    """
    from app.files import FileReadError, parse_json, read_bounded

    try:
        return parse_json(read_bounded(path, limit, what=what), path)
    except FileReadError as exc:
        raise CliError(f"{path}: {exc.reason}") from None


def read_answers(path: str) -> dict[str, Any]:
    """Read an answers file: a JSON object of question id -> answer."""
    answers = read_json_file(path, MAX_ANSWERS_BYTES, "an answers file")
    if not isinstance(answers, dict):
        raise CliError(f"{path}: answers must be a JSON object of question id -> answer")
    return answers


def _validate_folder(args: argparse.Namespace) -> int:
    from app.catalog import validate_folder
    from app.config import ConfigError

    try:
        lines, passed = validate_folder(
            args.record,
            args.strict,
            _trusted_keys(args.trusted_key),
            fail_on_warnings=args.fail_on_warnings,
        )
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    print("\n".join(lines))
    return EXIT_OK if passed else EXIT_BAD_INPUT


def _cmd_validate(args: argparse.Namespace) -> int:
    from app.record import RecordError, load_record
    from app.record.lint import lint_record

    if os.path.isdir(args.record):
        return _validate_folder(args)
    try:
        record = load_record(args.record)
    except RecordError as exc:
        _print_err(exc.describe())
        _print_err(f"{args.record}: not valid ({len(exc.issues)} problem(s))")
        return EXIT_BAD_INPUT
    warnings = 0
    if args.strict:
        if args.report:
            _print_readability_report(record)
        found = lint_record(record)
        for issue in found:
            _print_err(issue.describe(args.record))
        problems = [i for i in found if i.level == "error" or args.fail_on_warnings]
        warnings = len(found) - len([i for i in found if i.level == "error"])
        if problems:
            _print_err(f"{args.record}: valid, but {len(problems)} content problem(s) (--strict)")
            return EXIT_BAD_INPUT
    elif args.report or args.fail_on_warnings:
        raise CliError("--report and --fail-on-warnings need --strict")
    approval = _approval_summary(record, args.trusted_key)
    print(
        f"{args.record}: valid record {record.identification.nct_id} "
        f"(content {record.content_version}, {approval}, languages {', '.join(record.languages)}, "
        f"{len(record.eligibility.criteria)} criteria, {len(record.questions)} questions"
        f"{', strict lint clean' if args.strict else ''}"
        f"{f' but {warnings} warning(s)' if warnings else ''})"
    )
    return EXIT_OK


def _print_readability_report(record: TrialRecord) -> None:
    from app.record.readability import legend, measure, report_lines

    for line in [*report_lines(measure(record)), "", *legend()]:
        print(line)


def _cmd_schema(_args: argparse.Namespace) -> int:
    from app.record.models import TrialRecord

    schema = TrialRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "TrialGuide trial record"
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from app.record import RecordError, validate_record
    from app.record.ctgov import CtgovImportError, dump_record_yaml, import_study

    out = Path(args.out)
    if out.exists() and not args.force:
        raise CliError(f"{out}: already exists (use --force to overwrite)")
    study = read_json_file(args.study, MAX_STUDY_BYTES, "a study file")
    try:
        result = import_study(study, args.nct)
        record = validate_record(result.record, args.study)
    except CtgovImportError as exc:
        raise CliError(f"{args.study}: {exc}") from None
    except RecordError as exc:
        raise CliError(exc.describe()) from None
    out.write_text(dump_record_yaml(result.record, result.report), encoding="utf-8")
    print("\n".join(result.report.lines()))
    print(
        f"{out}: record for {record.identification.nct_id} written "
        f"({len(record.eligibility.criteria)} criteria); add plain language, Persian and "
        "questions, then run: trialguide validate --strict"
    )
    return EXIT_OK


#: Bidi isolation characters: for screens only, never in ``check``'s text or JSON.
_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))


def _plain(text: str) -> str:
    """``text`` without bidi isolation characters (a terminal or a file, not a screen)."""
    return text.translate(_ISOLATES)


def checked_answers(record: TrialRecord, path: str, lang: str) -> dict[str, Any]:
    """An answers file read and checked against ``record`` (messages in ``lang``)."""
    from app.present.answers import answer_error, not_an_object
    from app.selfcheck import AnswerError, check_answers

    raw = read_json_file(path, MAX_ANSWERS_BYTES, "an answers file")
    if not isinstance(raw, dict):
        raise CliError(not_an_object(path, lang))
    try:
        # null means "not answered": the question id must still exist.
        for question_id in raw:
            record.question(question_id)
    except KeyError as exc:
        error = AnswerError(
            str(exc.args[0]), "there is no question with this id", kind="unknown_question"
        )
        raise CliError(answer_error(record, error, path, lang)) from None
    try:
        return dict(check_answers(record, {k: v for k, v in raw.items() if v is not None}))
    except AnswerError as exc:
        raise CliError(answer_error(record, exc, path, lang)) from None


def _cmd_check(args: argparse.Namespace) -> int:
    from app.selfcheck import evaluate

    record = load_record_or_fail(args.record)
    answers = checked_answers(record, args.answers, args.lang)
    result = evaluate(record, answers)

    from app.present.criteria import entries_in_record_order
    from app.present.outcome import headline
    from app.present.report import result_as_text

    if args.json:
        top = headline(result, args.lang)
        payload = {
            "outcome": result.outcome.value,
            "situation": top.situation.value,
            "title": _plain(top.title),
            "enrolling": result.enrolling,
            "answered": list(result.answered),
            "criteria": [
                {
                    "id": entry.criterion_id,
                    "verdict": entry.status.value,
                    "reason": _plain(entry.reason),
                }
                for entry in entries_in_record_order(record, result, args.lang)
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(_plain(result_as_text(record, result, args.lang)))
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    from app.selfcheck import AnswerError

    if not 100 <= args.text_scale <= 200:
        raise CliError(f"--text-scale {args.text_scale}: give a percentage from 100 to 200")
    if not (320 <= args.width <= 7680 and 240 <= args.height <= 4320):
        raise CliError(f"--width/--height {args.width}x{args.height}: not a sensible screen size")
    paths = args.record or [None]
    record = load_record_or_fail(paths[0])
    studies = tuple(load_record_or_fail(path) for path in paths[1:])
    answers = read_answers(args.answers) if args.answers else {}
    if args.question is not None and args.question not in {q.id for q in record.questions}:
        raise CliError(f"--question {args.question}: the record has no such question")
    from app.ui.render import render_screen

    try:
        render_screen(
            record,
            args.screen,
            args.lang,
            args.out,
            width=args.width,
            height=args.height,
            text_scale=args.text_scale,
            answers=answers,
            question=args.question,
            high_contrast=args.high_contrast,
            studies=studies,
        )
    except AnswerError as exc:
        raise CliError(f"{args.answers}: {exc}") from None
    except OSError as exc:
        raise CliError(f"{args.out}: {exc}") from None
    print(
        f"{args.out}: {args.screen} in {args.lang} at {args.width}x{args.height}, "
        f"{args.text_scale}%"
    )
    return EXIT_OK


def _cmd_handout(args: argparse.Namespace) -> int:
    from app.selfcheck import AnswerError, check_answers, evaluate

    record = load_record_or_fail(args.record)
    result = None
    if args.answers:
        try:
            result = evaluate(record, check_answers(record, read_answers(args.answers)))
        except AnswerError as exc:
            raise CliError(f"{args.answers}: {exc}") from None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.handout import write_handout
    from app.ui.fonts import load_fonts
    from app.ui.main import application

    application()
    load_fonts()
    try:
        pages = write_handout(record, args.lang, args.out, result, large_print=args.large_print)
    except OSError as exc:
        raise CliError(f"{args.out}: {exc}") from None
    print(f"{args.out}: handout in {args.lang}, {pages} page(s)")
    return EXIT_OK


def _trusted_keys(trusted: Sequence[str]) -> list[bytes]:
    """The raw keys of ``--trusted-key`` options (inline keys or ``.pub`` files)."""
    from app.signing import SigningError, parse_public_key, read_public_key_file

    keys = []
    for entry in trusted:
        try:
            is_inline = entry.startswith(("ed25519:", "-----BEGIN"))
            keys.append(parse_public_key(entry) if is_inline else read_public_key_file(Path(entry)))
        except SigningError as exc:
            raise CliError(f"--trusted-key {entry}: {exc}") from None
    return keys


def _approval_summary(record: TrialRecord, trusted: Sequence[str]) -> str:
    """``approved``, ``unapproved``...; with the signature's state when there is one."""
    from app.record.approval import SignatureState, approval_status

    keys = _trusted_keys(trusted)
    status = approval_status(record, keys)
    if status.signature is SignatureState.UNSIGNED and not keys:
        return status.state.value
    signature = {
        SignatureState.UNSIGNED: "not signed",
        SignatureState.MISMATCH: "the signature does not match",
        SignatureState.UNTRUSTED: f"signed by an untrusted key {status.signer}",
        SignatureState.TRUSTED: f"signed by trusted key {status.signer}",
        SignatureState.SIGNED: f"signed by key {status.signer}",
    }[status.signature]
    return f"{status.state.value}, {signature}"


def _read_passphrase(what: str, confirm: bool = False) -> bytes:
    """A passphrase from the terminal (asked for twice, and may be empty, when ``confirm``)."""
    import getpass

    if not sys.stdin.isatty():
        other = " or --no-passphrase" if confirm else ""
        raise CliError(
            f"{what}: no terminal to ask for the passphrase; use --passphrase-stdin{other}"
        )
    prompt = " (empty: none)" if confirm else ""
    passphrase = getpass.getpass(f"Passphrase for {what}{prompt}: ")
    if confirm and getpass.getpass("The same passphrase again: ") != passphrase:
        raise CliError("the two passphrases differ; nothing was written")
    return passphrase.encode("utf-8")


def _stdin_passphrase() -> bytes:
    passphrase = sys.stdin.readline().rstrip("\r\n")
    if not passphrase:
        raise CliError("standard input gave an empty passphrase")
    return passphrase.encode("utf-8")


def _load_signing_key(args: argparse.Namespace) -> Ed25519PrivateKey:
    from app.signing import SigningError, is_encrypted_pem, load_private_key, read_key_file

    try:
        data = read_key_file(Path(args.key))
        passphrase = None
        if is_encrypted_pem(data):
            passphrase = _stdin_passphrase() if args.passphrase_stdin else None
            passphrase = passphrase or _read_passphrase(args.key)
        return load_private_key(data, passphrase)
    except SigningError as exc:
        raise CliError(f"{args.key}: {exc}") from None


def _cmd_approve(args: argparse.Namespace) -> int:
    from app.record import RecordError, parse_record
    from app.record.approval import approval_status, stamp_text
    from app.signing import fingerprint, public_key_of

    try:
        args.note.encode("utf-8")
    except UnicodeEncodeError:
        raise CliError("--note: not valid text (undecodable bytes)") from None
    record = load_record_or_fail(args.record)
    key = _load_signing_key(args) if args.key else None
    public = [public_key_of(key)] if key is not None else []
    path = Path(args.record)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"{path}: cannot read the record again ({exc})") from None
    new_text = stamp_text(text, record, args.note, key=key)
    # Check the stamp reads back as approved before the file is touched.
    try:
        status = approval_status(parse_record(new_text.encode("utf-8"), str(path)), public)
    except RecordError as exc:
        raise CliError(f"{exc.describe()}\n{path}: the stamped record does not load") from None
    if not status.approved:
        raise CliError(f"{path}: the stamp does not read back ({status.state.value}); unchanged")
    try:
        with path.open("r+", encoding="utf-8", newline="") as handle:
            handle.write(new_text)
            handle.truncate()
    except OSError as exc:
        raise CliError(f"{path}: cannot write the record ({exc.strerror or exc})") from None
    signed = f", signed by key {fingerprint(public[0])}" if public else ""
    print(f"{path}: approved content {record.content_version}, sha256 {status.digest}{signed}")
    return EXIT_OK


def _cmd_keygen(args: argparse.Namespace) -> int:
    from app.signing import (
        fingerprint,
        format_public_key,
        generate_private_key,
        private_key_pem,
        public_key_of,
        write_new_file,
    )

    private_path = Path(args.key)
    public_path = Path(f"{args.key}.pub")
    if not args.force:
        for path in (private_path, public_path):
            try:
                taken = path.is_symlink() or path.exists()
            except OSError as exc:
                raise CliError(f"{path}: cannot be checked ({exc.strerror or exc})") from None
            if taken:
                raise CliError(f"{path}: already exists (use --force to overwrite)")
    if args.no_passphrase:
        passphrase = b""
    elif args.passphrase_stdin:
        passphrase = _stdin_passphrase()
    else:
        passphrase = _read_passphrase(str(private_path), confirm=True)
    key = generate_private_key()
    public = public_key_of(key)
    line = format_public_key(public)
    written = []
    try:
        for path, data, mode in (
            (private_path, private_key_pem(key, passphrase or None), 0o600),
            (public_path, f"{line}\n".encode("ascii"), 0o644),
        ):
            write_new_file(path, data, mode, force=args.force)
            written.append(path)
    except OSError as exc:
        for path in written:  # no private key without its public half
            path.unlink(missing_ok=True)
        raise CliError(f"{path}: cannot write the key file ({exc.strerror or exc})") from None
    protection = "protected by the passphrase" if passphrase else "NOT encrypted"
    print(
        f"{private_path}: private key ({protection}); keep it with the committee, never on "
        f"a kiosk\n{public_path}: public key, fingerprint {fingerprint(public)}\n"
        f'Kiosk config: trusted_keys = ["{line}"]'
    )
    return EXIT_OK


def _cmd_set_pin(args: argparse.Namespace) -> int:
    import getpass

    from app.config import (
        ConfigError,
        check_pin_target,
        default_config_path,
        load_config,
        write_pin_hash,
    )
    from app.pin import MAX_PIN_LENGTH, MIN_PIN_LENGTH, PinError, hash_pin

    config = getattr(args, "config", None)
    path = Path(config) if config else default_config_path()
    try:
        check_pin_target(path)  # before reading it: a link or a FIFO is refused, not opened
        if path.exists():
            load_config(path)
    except ConfigError as exc:
        raise CliError(f"{exc}\nFix the config file before setting the PIN.") from None
    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass(f"New staff PIN ({MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise CliError("the two PINs differ; nothing was changed")
    try:
        pin_hash = hash_pin(pin)
    except PinError as exc:
        raise CliError(f"PIN not set: {exc}") from None
    try:
        write_pin_hash(path, pin_hash)
    except ConfigError as exc:
        raise CliError(f"{exc}\nThe PIN was not set.") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot write the config ({exc.strerror})") from None
    print(f"{path}: staff PIN set (stored as a salted scrypt hash)")
    return EXIT_OK


def _cmd_preview(args: argparse.Namespace) -> int:
    from app.ui.preview.command import run_preview

    return run_preview(args)


def _cmd_translate(args: argparse.Namespace) -> int:
    from app.translate.commands import run_translate

    return run_translate(args)


def _record_folder(path: str | None) -> Path | None:
    """The folder a record's recordings are in (``None`` for the embedded record)."""
    return Path(path).resolve().parent if path else None


def _check_rate(rate: float) -> None:
    if not 0.5 <= rate <= 2.0:
        raise CliError(f"--rate {rate}: give a speed from 0.5 to 2.0")


def _cmd_speak(args: argparse.Namespace) -> int:
    from app.speech.commands import speak

    _check_rate(args.rate)
    paths = args.record or [None]
    if args.screen in CATALOG_SCREENS:
        return _speak_catalog(args, paths)
    if len(paths) > 1:
        raise CliError(f"--screen {args.screen}: give one --record (several: catalog, prescreen)")
    args.record = paths[0]
    record = load_record_or_fail(args.record)
    if args.lang not in record.languages:
        raise CliError(f"--lang {args.lang}: the record is not written in this language")
    answers = checked_answers(record, args.answers, args.lang) if args.answers else {}
    return _write_speech(
        args,
        lambda: speak(
            record,
            _record_folder(args.record),
            args.screen,
            args.lang,
            args.out,
            answers,
            rate=args.rate,
        ),
        problem_source=f"{args.record}: ",
    )


def _speak_catalog(args: argparse.Namespace, paths: list[str | None]) -> int:
    """``speak --screen catalog|prescreen``: the catalog's studies, each with its folder."""
    from app.selfcheck import AnswerError
    from app.speech.commands import speak_catalog
    from app.ui.render import prescreen_answers

    studies = [(load_record_or_fail(path), _record_folder(path)) for path in paths]
    try:
        prescreen = prescreen_answers(read_answers(args.answers) if args.answers else {})
    except AnswerError as exc:
        raise CliError(f"{args.answers}: {exc}") from None
    return _write_speech(
        args,
        lambda: speak_catalog(studies, args.screen, args.lang, args.out, prescreen, args.rate),
    )


def _write_speech(
    args: argparse.Namespace, write: Callable[[], SpeakReport], problem_source: str = ""
) -> int:
    """Run ``write`` (a speak report's maker); say what it wrote, and what it synthesised."""
    from app.speech.engine import SpeechError

    try:
        report = write()
    except SpeechError as exc:
        _print_err(f"trialguide speak: {exc}")
        return EXIT_FAILURE
    except OSError as exc:
        raise CliError(f"{args.out}: cannot write ({exc.strerror or exc})") from None
    for problem in report.problems:
        _print_err(f"{problem_source}{problem} (synthesised instead)")
    print(
        f"{args.out}: {args.screen} in {args.lang}, {report.seconds:.1f} s, "
        f"{report.texts} texts ({report.recorded} recorded), {report.characters} characters"
    )
    return EXIT_OK


def _cmd_audio(args: argparse.Namespace) -> int:
    from app.speech.commands import make_audio, recording_problems
    from app.speech.engine import SpeechError

    record = load_record_or_fail(args.record)
    if args.audio_command == "check":
        problems = recording_problems(record, _record_folder(args.record))
        for problem in problems:
            _print_err(f"{args.record}: {problem}")
        count = sum(len(v) for v in record.audio.values())
        if problems:
            _print_err(f"{args.record}: {len(problems)} of {count} recording(s) cannot be used")
            return EXIT_BAD_INPUT
        print(f"{args.record}: {count} recording(s), all present and unchanged")
        return EXIT_OK
    _check_rate(args.rate)
    if args.lang not in record.languages:
        raise CliError(f"--lang {args.lang}: the record is not written in this language")
    try:
        snippet, count = make_audio(record, args.lang, args.out, rate=args.rate)
    except SpeechError as exc:
        _print_err(f"trialguide audio make: {exc}")
        return EXIT_FAILURE
    except OSError as exc:
        raise CliError(f"{args.out}: cannot write ({exc.strerror or exc})") from None
    print(snippet, end="")
    _print_err(
        f"{args.out}: {count} file(s) in audio/{args.lang}/; paste the block above into the "
        f"record (also in {Path(args.out, f'audio-{args.lang}.yaml')}), then approve it again"
    )
    return EXIT_OK


def _cmd_run(args: argparse.Namespace) -> int:
    from app.launch import run_app

    records = args.record
    return run_app(
        # One --record is one study, as ever; several make a catalog.
        record_path=records[0] if records and len(records) == 1 else records and tuple(records),
        language=args.lang,
        config_path=args.config,
        kiosk=args.kiosk,
        counselor=args.counselor,
    )


_COMMANDS = {
    "validate": _cmd_validate,
    "schema": _cmd_schema,
    "import-ctgov": _cmd_import,
    "check": _cmd_check,
    "run": _cmd_run,
    "render": _cmd_render,
    "preview": _cmd_preview,
    "approve": _cmd_approve,
    "keygen": _cmd_keygen,
    "handout": _cmd_handout,
    "set-pin": _cmd_set_pin,
    "translate": _cmd_translate,
    "speak": _cmd_speak,
    "audio": _cmd_audio,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Everything printed while it runs goes through :func:`app.terminal.terminal_safe`:
    text from a record, an answers file or a config cannot act on the terminal.
    """
    # The app's start makes its long-lived objects without cyclic collections (the
    # parser already imports much of it); run_app resumes them before its event loop,
    # every other command once its arguments are read (see app.collector).
    collector.pause()
    try:
        from app.terminal import safe_output

        with safe_output():
            return _main(argv)
    finally:
        collector.resume()


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "run"
    if command != "run" or args.version or args.smoke_test:
        collector.resume()
    if args.version:
        from app.kiosk.info import app_version

        print(f"trialguide {app_version()}")
        return EXIT_OK
    if args.smoke_test:
        from app.smoke import run_smoke_test

        return run_smoke_test()
    try:
        return _COMMANDS[command](args)
    except CliError as exc:
        _print_err(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("TRIALGUIDE_DEBUG"):
            raise
        _print_err(
            f"trialguide: unexpected error: {type(exc).__name__}: {exc}\n"
            "Set TRIALGUIDE_DEBUG=1 to see the details, and report it to the developers."
        )
        return EXIT_FAILURE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``trialguide`` command line.

With no subcommand (or ``run``) it opens the app window: ``--config FILE`` (else the
platform's config file), ``--record`` (else the config's record, else the embedded
default), ``--lang``, ``--kiosk``/``--no-kiosk`` (else the config's ``kiosk``) and
``--counselor``. A config or record that cannot be used opens a staff-facing error window,
prints the problem on stderr and exits 2. Subcommands work without a display:

* ``validate RECORD [--strict]``: check a record file; exit 0 or 2.
* ``schema``: print the record's JSON Schema.
* ``import-ctgov STUDY.json -o RECORD.yaml``: start a record from a ClinicalTrials.gov study.
* ``check --answers ANSWERS.json``: run the self-check on an answers file.

Exit codes: 0 success, 2 bad input (record, answers, arguments), 1 anything unexpected.
Every error names what is wrong and where; none ends in a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.record import TrialRecord

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2

#: Largest answers file read (a real one is a few hundred bytes).
MAX_ANSWERS_BYTES = 64 * 1024


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
        default=argparse_default,
        help="record file (YAML); else the config's record, else the embedded default record",
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

    validate = sub.add_parser("validate", help="check a record file")
    validate.add_argument("record", metavar="RECORD", help="record file (YAML)")
    validate.add_argument(
        "--strict",
        action="store_true",
        help="also lint the content: Persian letters and digits, reading level, glossary",
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
    _record_arg(handout)

    approve = sub.add_parser(
        "approve", help="stamp a record with the SHA-256 digest of its approved content"
    )
    approve.add_argument("record", metavar="RECORD", help="record file (YAML) to stamp in place")
    approve.add_argument("--note", default="", help="approver's note, e.g. the ethics approval ref")

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

    render = sub.add_parser("render", help="draw one screen to a PNG file (no display needed)")
    render.add_argument(
        "--screen",
        required=True,
        choices=(
            "welcome",
            "about",
            "procedures",
            "selfcheck",
            "result",
            "details",
            "glossary",
            "contact",
        ),
    )
    _lang_arg(render)
    render.add_argument("--out", required=True, metavar="FILE.png")
    render.add_argument("--width", type=int, default=1280)
    render.add_argument("--height", type=int, default=800)
    render.add_argument("--text-scale", type=int, default=100, metavar="100..200")
    render.add_argument("--answers", metavar="ANSWERS.json")
    render.add_argument("--question", metavar="ID", help="self-check question to show")
    render.add_argument("--high-contrast", action="store_true")
    _record_arg(render)
    return parser


def load_record_or_fail(path: str | None) -> TrialRecord:
    """Load a record, turning its problems into a :class:`CliError`."""
    from app.record import RecordError, load_record

    try:
        return load_record(path)
    except RecordError as exc:
        raise CliError(exc.describe()) from None


def read_answers(path: str) -> dict[str, Any]:
    """Read an answers file: a JSON object of question id -> answer."""
    source = Path(path)
    try:
        data = source.read_bytes()[: MAX_ANSWERS_BYTES + 1]
    except FileNotFoundError:
        raise CliError(f"{path}: the answers file does not exist") from None
    except OSError as exc:
        raise CliError(f"{path}: the answers file cannot be read ({exc.strerror})") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise CliError(f"{path}: the answers file is too large to be an answers file")
    try:
        answers = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CliError(f"{path}: the answers file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(answers, dict):
        raise CliError(f"{path}: answers must be a JSON object of question id -> answer")
    return answers


def _cmd_validate(args: argparse.Namespace) -> int:
    from app.record import RecordError, load_record
    from app.record.lint import lint_record

    try:
        record = load_record(args.record)
    except RecordError as exc:
        _print_err(exc.describe())
        _print_err(f"{args.record}: not valid ({len(exc.issues)} problem(s))")
        return EXIT_BAD_INPUT
    if args.strict:
        problems = lint_record(record)
        if problems:
            for problem in problems:
                _print_err(problem.describe(args.record))
            _print_err(f"{args.record}: valid, but {len(problems)} content problem(s) (--strict)")
            return EXIT_BAD_INPUT
    from app.record.approval import approval_status

    approval = approval_status(record).state.value
    print(
        f"{args.record}: valid record {record.identification.nct_id} "
        f"(content {record.content_version}, {approval}, languages {', '.join(record.languages)}, "
        f"{len(record.eligibility.criteria)} criteria, {len(record.questions)} questions"
        f"{', strict lint clean' if args.strict else ''})"
    )
    return EXIT_OK


def _cmd_schema(_args: argparse.Namespace) -> int:
    from app.record.models import TrialRecord

    schema = TrialRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "TrialGuide trial record"
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from app.record import RecordError, validate_record
    from app.record.ctgov import CtgovImportError, dump_record_yaml, study_to_record

    out = Path(args.out)
    if out.exists() and not args.force:
        raise CliError(f"{out}: already exists (use --force to overwrite)")
    try:
        raw = Path(args.study).read_bytes()
    except OSError as exc:
        raise CliError(f"{args.study}: cannot be read ({exc.strerror})") from None
    try:
        study = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"{args.study}: not a JSON file ({exc})") from None
    try:
        data = study_to_record(study)
        record = validate_record(data, args.study)
    except CtgovImportError as exc:
        raise CliError(f"{args.study}: {exc}") from None
    except RecordError as exc:
        raise CliError(exc.describe()) from None
    out.write_text(dump_record_yaml(data), encoding="utf-8")
    print(
        f"{out}: record for {record.identification.nct_id} written "
        f"({len(record.eligibility.criteria)} criteria); add plain language, Persian and "
        "questions, then run: trialguide validate --strict"
    )
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from app.selfcheck import AnswerError, check_answers, evaluate

    record = load_record_or_fail(args.record)
    raw = read_answers(args.answers)
    try:
        answers = check_answers(record, raw)
    except AnswerError as exc:
        raise CliError(f"{args.answers}: {exc}") from None
    result = evaluate(record, answers)

    from app.content import criterion_reason, result_as_text

    if args.json:
        payload = {
            "outcome": result.outcome.value,
            "enrolling": result.enrolling,
            "criteria": [
                {
                    "id": item.criterion_id,
                    "verdict": item.status.value,
                    "reason": criterion_reason(item, args.lang),
                }
                for item in result.criteria
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(result_as_text(record, result, args.lang))
    return EXIT_OK


def _cmd_render(args: argparse.Namespace) -> int:
    from app.selfcheck import AnswerError

    if not 100 <= args.text_scale <= 200:
        raise CliError(f"--text-scale {args.text_scale}: give a percentage from 100 to 200")
    if not (320 <= args.width <= 7680 and 240 <= args.height <= 4320):
        raise CliError(f"--width/--height {args.width}x{args.height}: not a sensible screen size")
    record = load_record_or_fail(args.record)
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
        pages = write_handout(record, args.lang, args.out, result)
    except OSError as exc:
        raise CliError(f"{args.out}: {exc}") from None
    print(f"{args.out}: handout in {args.lang}, {pages} page(s)")
    return EXIT_OK


def _cmd_approve(args: argparse.Namespace) -> int:
    from app.record.approval import approval_status, stamp_text

    record = load_record_or_fail(args.record)
    path = Path(args.record)
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(stamp_text(text, record, args.note), encoding="utf-8")
    stamped = load_record_or_fail(args.record)
    status = approval_status(stamped)
    if not status.approved:  # pragma: no cover - would be a bug in stamp_text
        raise CliError(f"{path}: the stamp does not match after writing; the file is unchanged?")
    print(f"{path}: approved content {record.content_version}, sha256 {status.digest}")
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


def _cmd_run(args: argparse.Namespace) -> int:
    from app.launch import run_app

    return run_app(
        record_path=args.record,
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
    "approve": _cmd_approve,
    "handout": _cmd_handout,
    "set-pin": _cmd_set_pin,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from app.smoke import version

        print(f"trialguide {version()}")
        return EXIT_OK
    if args.smoke_test:
        from app.smoke import run_smoke_test

        return run_smoke_test()
    command = args.command or "run"
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

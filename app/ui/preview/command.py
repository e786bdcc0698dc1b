"""The body of ``trialguide preview RECORD [--lang fa] [--strict]`` (``app.cli`` registers it).

Exit codes as the rest of the command line: 0 when the window is closed, 2 when the
record does not load to begin with (every problem is printed, as ``validate`` prints
them: the preview needs one good version to show before it can keep it on screen).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.preview.watcher import LoadResult

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``preview`` subcommand's arguments."""
    parser.add_argument("record", metavar="RECORD", help="record file (YAML) to show and watch")
    parser.add_argument("--lang", choices=("en", "fa"), default=None, help="language to start in")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="also list the content lint's findings; choosing one opens its screen",
    )


def run_preview(args: argparse.Namespace) -> int:
    """Open the preview window on ``args.record`` and run until it is closed."""
    from app.ui.preview.watcher import read_record

    # Checked before Qt starts: a record that does not load needs no window (nor a display).
    first, _data = read_record(args.record, args.record, args.strict)
    if first.record is None:
        return _not_valid(args.record, first)

    from app.ui.main import application
    from app.ui.preview.watcher import RecordWatcher
    from app.ui.preview.window import Preview

    app = application()
    watcher = RecordWatcher(args.record, source=args.record, strict=args.strict)
    first = watcher.first_load()  # again: the file may have changed meanwhile
    if first.record is None:
        return _not_valid(args.record, first)
    preview = Preview(watcher, first, args.lang)
    print(f"{args.record}: previewing; each save is shown at once. Close the window to stop.")
    preview.show()
    app.exec()
    return EXIT_OK


def _not_valid(source: str, result: LoadResult) -> int:
    for issue in result.problems:
        print(issue.describe(source), file=sys.stderr)
    print(
        f"{source}: not valid ({len(result.problems)} problem(s)); the preview needs a "
        "version that loads to start with",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT

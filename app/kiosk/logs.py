"""The app's only file besides the config: a small rotating log, without personal data.

The log lives in ``platformdirs.user_log_dir("TrialGuide")`` (``TRIALGUIDE_LOG_DIR``
overrides it): ``trialguide.log``, rotated at 1 MB, three old files kept. What goes in:
start and stop, the mode, the record's id, content version and approval state, Qt's own
warnings, and errors as exception *types* with their stack of code locations.

What never goes in: answers, typed text, PINs, and exception *messages*, which may quote a
value a visitor typed (``invalid literal for int(): '37'``). :func:`safe_traceback` writes
an exception without them. Wrong staff PINs and lock-outs are logged as counts only.

Beside the log lives the staff PIN's lock state (:data:`app.pin.STATE_NAME`: counts and
times, never digits), so that a restart does not clear a lock-out; :func:`setup_logging`
points :mod:`app.pin` at it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import traceback
from pathlib import Path
from types import TracebackType

from app import pin

LOG_NAME = "trialguide.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("trialguide")


def log_dir() -> Path:
    """The folder of the log (``TRIALGUIDE_LOG_DIR`` or the platform's user log folder)."""
    override = os.environ.get("TRIALGUIDE_LOG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("TrialGuide", appauthor=False))


def setup_logging(directory: Path | None = None) -> logging.Handler:
    """Send the app's log (and Qt's messages) to the rotating log file.

    Returns the handler, for :func:`teardown_logging`. If the folder cannot be made (a
    read-only home), the log goes nowhere rather than stopping the app.
    """
    folder = directory if directory is not None else log_dir()
    handler: logging.Handler
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    else:
        pin.use_state_file(pin_state_path(folder))
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


def teardown_logging(handler: logging.Handler) -> None:
    """Detach and close a handler made by :func:`setup_logging`; PIN locks stay in memory."""
    logging.getLogger().removeHandler(handler)
    handler.close()
    pin.use_state_file(None)


def pin_state_path(directory: Path | None = None) -> Path:
    """The staff PIN's lock state file, beside the log."""
    return (directory if directory is not None else log_dir()) / pin.STATE_NAME


def log_path(handler: logging.Handler | None) -> str | None:
    """The file a handler writes to, if it writes to one."""
    filename = getattr(handler, "baseFilename", None)
    return str(filename) if filename else None


def _type_name(exc_type: type[BaseException]) -> str:
    module = exc_type.__module__
    name = exc_type.__qualname__
    return name if module in {"builtins", "__main__"} else f"{module}.{name}"


def safe_traceback(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """An exception's type and stack of code locations, without its message or notes.

    Chained exceptions (``raise ... from``, or raised while handling another) are
    written the same way, oldest first, as Python does.
    """
    chain: list[tuple[type[BaseException], TracebackType | None, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    current_type, current_tb = exc_type, tb
    while True:
        chain.append((current_type, current_tb, link))
        if current is None:
            break
        seen.add(id(current))
        if current.__cause__ is not None:
            nxt, link = current.__cause__, "The exception above was the direct cause of:"
        elif current.__context__ is not None and not current.__suppress_context__:
            nxt, link = current.__context__, "Another exception happened while handling:"
        else:
            break
        if id(nxt) in seen:
            break
        current, current_type, current_tb = nxt, type(nxt), nxt.__traceback__
    lines: list[str] = []
    # Python prints the oldest exception first; the links read "above ... cause of below".
    for index, (kind, trace, _link) in enumerate(reversed(chain)):
        if index:
            lines.append(chain[len(chain) - index][2])
        lines.append("Traceback (most recent call last):")
        lines.extend(
            line.rstrip("\n")
            for line in traceback.StackSummary.extract(
                traceback.walk_tb(trace), capture_locals=False
            ).format()
        )
        lines.append(f"{_type_name(kind)}: (message withheld: it may quote what a visitor typed)")
    return "\n".join(lines)

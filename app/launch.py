"""Start TrialGuide: read the config, load the record, choose the mode, show the window.

:func:`run_app` is what ``trialguide`` runs. It reads the config (``--config`` or the
platform's config folder), loads the record (``--record``, else the config's ``record``,
else the embedded default) and opens one of:

* the main window, in kiosk mode (``--kiosk`` or ``kiosk = true``) or as a desktop window,
  with a :class:`app.kiosk.controller.KioskController` attached;
* counselor mode's window (``--counselor``);
* the staff-facing error window (:mod:`app.kiosk.error_screen`) when the config or the
  record cannot be used. The problem is also printed on stderr, and the exit code is 2.
  A window rather than only a message on stderr: a kiosk starts on its own at boot, with
  nobody watching a terminal. The window is locked like the kiosk whenever kiosk mode is
  asked for, by ``--kiosk`` or by the config, even a config that failed to load
  (:func:`_salvage` reads its ``kiosk`` and ``pin_hash`` leniently).

While the app runs, an uncaught exception is logged without personal data and the visit
is reset (:class:`app.kiosk.errors.ErrorGuard`); the log file is the only file written.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from PySide6.QtWidgets import QApplication, QWidget

from app import collector, i18n
from app.config import Config, ConfigError, load_config
from app.kiosk.clipboard import forget_clipboard
from app.kiosk.controller import KioskController
from app.kiosk.info import CONFIG, RECORD, StaffInfo, app_version
from app.record import RecordError, TrialRecord, load_record
from app.record.approval import ApprovalStatus, approval_status
from app.session import Session, use_interface_language
from app.ui import paint_probe
from app.ui.fonts import load_fonts
from app.ui.main import application, create_window, open_counselor

if TYPE_CHECKING:
    from app.kiosk.error_screen import ErrorWindow

log = logging.getLogger("trialguide")

EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


class ControllerOptions(TypedDict, total=False):
    """What tests may pass on to :class:`KioskController` (its keyword arguments)."""

    clock: Callable[[], float]
    idle_ms: int | None
    countdown: int | None
    tick_ms: int
    hold_ms: int


class LaunchError(Exception):
    """The app cannot open any window; the message goes to stderr."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Launch:
    """What :func:`launch` opened."""

    window: QWidget
    session: Session | None = None
    controller: KioskController | None = None
    #: The exit code when the window is an error window (2), else None.
    exit_code: int | None = None
    kiosk: bool = False
    problem: str = field(default="", repr=False)

    @property
    def error_window(self) -> ErrorWindow | None:
        """The staff error window, when that is what opened (``exit_code`` is set)."""
        if self.exit_code is None:
            return None
        from app.kiosk.error_screen import ErrorWindow  # loaded already: it built the window

        assert isinstance(self.window, ErrorWindow)
        return self.window

    def show(self) -> None:
        """Show the window as its mode wants it."""
        paint_probe.install(self.window)  # benchmarks only: off unless its variable is set
        if self.controller is not None:
            self.controller.show()
        elif (error_window := self.error_window) is not None:
            error_window.show_window()
        else:
            self.window.showMaximized()

    def recover(self) -> None:
        """After an unexpected error: forget the visitor and show the welcome screen."""
        if self.controller is not None:
            self.controller.reset_visitor()
        elif self.session is not None:
            self.session.reset()

    def shutdown(self) -> None:
        """Remove application-wide hooks."""
        if self.controller is not None:
            self.controller.shutdown()


#: How much of a broken config is read to learn its ``kiosk`` and ``pin_hash``.
_SALVAGE_MAX_BYTES = 1024 * 1024
_KIOSK_LINE = re.compile(r"""^[ \t]*["']?kiosk["']?[ \t]*=[ \t]*([^#\r\n]*)""", re.MULTILINE)
_PIN_HASH_LINE = re.compile(
    r"""^[ \t]*["']?pin_hash["']?[ \t]*=[ \t]*["']([^"'\r\n]*)["']""", re.MULTILINE
)


def _salvage(config_path: str | os.PathLike[str] | None) -> tuple[bool | None, str | None]:
    """What a config that failed to load asks for: kiosk mode, and a good ``pin_hash``.

    The staff error window must be as locked as the kiosk would have been, so a typo
    elsewhere in the file must not turn kiosk mode off. The file is read again (a small
    regular file only: a FIFO or a device is not waited on), parsed as TOML if it is
    TOML, else scanned line by line. Kiosk mode counts as asked for when a ``kiosk`` key
    is there and is not plainly false (``kiosk = "maybe"`` locks: the clinic meant
    something by it). Returns None for kiosk when the file cannot be read at all.
    """
    from app.config import default_config_path

    path = Path(config_path) if config_path is not None else default_config_path()
    text = _read_small_file(path)
    if text is None:
        return None, None
    text = text.removeprefix("\ufeff")
    try:
        data: dict[str, object] | None = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        data = None
    if data is not None:
        kiosk = "kiosk" in data and _asks_for_kiosk(data["kiosk"])
        hashes = [data.get("pin_hash")]
    else:
        kiosk = any(_asks_for_kiosk(m.group(1)) for m in _KIOSK_LINE.finditer(text))
        hashes = [m.group(1) for m in _PIN_HASH_LINE.finditer(text)]
    return kiosk, next((h for h in hashes if isinstance(h, str) and _usable_hash(h)), None)


def _read_small_file(path: Path) -> str | None:
    """The text of a small regular file (lenient about its encoding), or None."""
    from app.files import FileReadError, read_bounded

    try:
        data = read_bounded(path, _SALVAGE_MAX_BYTES, what="a config file")
    except FileReadError:  # missing, a FIFO or device, no permission, a NUL in the path
        return None
    return data[:_SALVAGE_MAX_BYTES].decode("utf-8", errors="replace")


def _asks_for_kiosk(value: object) -> bool:
    """Whether a ``kiosk`` value, valid or not, asks for kiosk mode (only "false" does not)."""
    from pydantic import TypeAdapter, ValidationError

    if isinstance(value, str):
        value = value.strip().strip("\"'").strip()
    try:
        return TypeAdapter(bool).validate_python(value)
    except ValidationError:
        return True


def _usable_hash(value: str) -> bool:
    from app.pin import PinError, check_hash_format

    try:
        check_hash_format(value)
    except PinError:
        return False
    return True


def _error_window(
    kind: str, problem: str, *, kiosk: bool, pin_hash: str | None, language: str | None
) -> Launch:
    """The staff error window (imported here: a good start never needs it)."""
    from app.kiosk.error_screen import ErrorWindow

    lang = language if language in i18n.SUPPORTED else "en"
    use_interface_language(lang)
    load_fonts()
    _apply_base_style()
    log.error("Cannot start: the %s cannot be used", kind)
    window = ErrorWindow(kind, problem, kiosk=kiosk, pin_hash=pin_hash, language=lang)
    return Launch(window, exit_code=EXIT_BAD_INPUT, kiosk=kiosk, problem=problem)


def _apply_base_style() -> None:
    from app.ui.style import install_style, stylesheet

    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_style().scale = 100
        app.setStyleSheet(stylesheet())


def launch(
    record_path: str | Sequence[str] | None = None,
    language: str | None = None,
    *,
    config_path: str | os.PathLike[str] | None = None,
    kiosk: bool | None = None,
    counselor: bool = False,
    log_file: str | None = None,
    warm_pages: bool = True,
    **controller_options: Unpack[ControllerOptions],
) -> Launch:
    """Read the config, load the record and build the window to show (not shown yet).

    Args:
        record_path: ``--record`` (several: a catalog); else the config's ``record``,
            ``records`` or ``records_dir``; else the embedded record.
        language: ``--lang``; else the config's ``default_language``. A reset returns to it.
        config_path: ``--config``; else the platform's config file (missing is fine).
        kiosk: ``--kiosk``/``--no-kiosk``; None follows the config.
        counselor: ``--counselor``: open counselor mode (never in kiosk mode).
        log_file: shown in the staff panel.
        warm_pages: build the other screens in idle moments once the window is shown
            (:attr:`app.ui.main_window.MainWindow.warm_pages`); benchmarks of first
            visits turn it off.
        controller_options: passed to :class:`KioskController` (tests: short timeouts).

    Raises:
        LaunchError: counselor mode was asked for and is not part of this build.
    """
    try:
        config, used_config = load_config(config_path)
    except ConfigError as exc:
        print(f"{exc}\nTrialGuide did not start: fix the config file.", file=sys.stderr)
        asks_kiosk, salvaged_hash = _salvage(config_path)
        return _error_window(
            CONFIG,
            str(exc),
            kiosk=bool(asks_kiosk if kiosk is None else kiosk) and not counselor,
            pin_hash=salvaged_hash,
            language=language,
        )
    kiosk_on = (config.kiosk if kiosk is None else kiosk) and not counselor
    lang = language or config.default_language
    sources = _sources(config, record_path)
    if len(sources) > 1:  # a clinic's catalog of several studies
        from app.launch_catalog import launch_catalog

        return launch_catalog(
            sources,
            lang,
            config,
            used_config,
            kiosk_on=kiosk_on,
            counselor=counselor,
            log_file=log_file,
            warm_pages=warm_pages,
            error_window=_error_window,
            controller_options=controller_options,
        )
    source = sources[0]
    try:
        record = load_record(source)
    except RecordError as exc:
        print(exc.describe(), file=sys.stderr)
        print("TrialGuide cannot show this record; fix the problems above.", file=sys.stderr)
        return _error_window(
            RECORD,
            exc.describe(),
            kiosk=kiosk_on,
            pin_hash=config.pin_hash,
            language=lang,
        )
    # load_config has read every trusted key file, so this reads nothing from disk.
    status = approval_status(record, config.trusted_public_keys)
    log.info(
        "Record %s, content %s, %s (signature %s%s); kiosk %s",
        record.identification.nct_id,
        record.content_version,
        status.state.value,
        status.signature.value,
        f" by key {status.signer}" if status.signer else "",
        "on" if kiosk_on else "off",
    )
    if counselor:
        load_fonts()
        session = Session(record, lang)
        try:
            window = open_counselor(session)
        except ImportError:
            raise LaunchError(
                "Counselor mode is not available in this version of TrialGuide."
            ) from None
        # No kiosk controller here: Start over still leaves nothing on the clipboard.
        session.reset_done.connect(lambda *_args: forget_clipboard())
        return Launch(window, session=session)

    session, main_window = create_window(record, lang)
    main_window.warm_pages = warm_pages
    # Listen plays the record's recordings, which are beside the record file.
    main_window.listen.folder = Path(source).resolve().parent if source else None
    info = _staff_info(record, source, status, config, used_config, log_file)
    controller = KioskController(
        main_window,
        info,
        kiosk=kiosk_on,
        pin_hash=config.pin_hash,
        open_counselor=open_counselor,
        **controller_options,
    )
    return Launch(main_window, session=session, controller=controller, kiosk=kiosk_on)


def _sources(config: Config, record_path: str | Sequence[str] | None) -> tuple[str | None, ...]:
    """The records to show: ``--record`` (one or several), else the config's, else the default."""
    from app.catalog import record_sources

    if isinstance(record_path, str):
        return (record_path,)
    try:
        return record_sources(config, tuple(record_path or ()))
    except ConfigError:
        # The folder went away since the config was read: the default config path
        # names the problem on the error window (load_entry of the missing folder).
        return (config.records_dir,) if config.records_dir is not None else (None,)


def _recording_problems(record: TrialRecord, source: str | None) -> tuple[str, ...]:
    """Every recording the record names but the app cannot use, each logged for staff.

    The files are beside the record; a missing or altered one (its SHA-256 differs from
    the record's) is read with the synthesiser instead, and the staff panel says so.
    """
    if not record.audio:
        return ()
    from app.record.audio import check_audio

    folder = Path(source).resolve().parent if source else None
    problems = tuple(str(problem) for problem in check_audio(record, folder))
    for problem in problems:
        log.warning("recording not used, read by the synthesiser instead: %s", problem)
    return problems


def _staff_info(
    record: TrialRecord,
    source: str | None,
    status: ApprovalStatus,
    config: Config,
    config_path: Path,
    log_file: str | None,
) -> StaffInfo:
    return StaffInfo(
        recordings=sum(len(by_lang) for by_lang in record.audio.values()),
        recording_problems=_recording_problems(record, source),
        record_source=str(source) if source is not None else None,
        nct_id=record.identification.nct_id,
        content_version=record.content_version,
        approval=status,
        idle_seconds=config.idle_seconds,
        countdown_seconds=config.countdown_seconds,
        app_version=app_version(),
        config_path=str(config_path),
        config_found=config_path.exists(),
        log_path=log_file,
        languages=tuple(record.languages),
    )


def run_app(
    record_path: str | Sequence[str] | None = None,
    language: str | None = None,
    *,
    config_path: str | os.PathLike[str] | None = None,
    kiosk: bool | None = None,
    counselor: bool = False,
) -> int:
    """Open the app and run until it is quit; return the exit code (2: it could not start)."""
    from app.kiosk.errors import ErrorGuard
    from app.kiosk.logs import log_path, setup_logging, teardown_logging

    app = application()
    handler = setup_logging()
    try:
        log.info("TrialGuide %s starting", app_version())
        try:
            launched = launch(
                record_path,
                language,
                config_path=config_path,
                kiosk=kiosk,
                counselor=counselor,
                log_file=log_path(handler),
            )
        except LaunchError as exc:
            print(str(exc), file=sys.stderr)
            return exc.code
        guard = ErrorGuard(launched.recover)
        guard.install()
        if launched.controller is not None:
            launched.controller.quitting.connect(app.quit)
        if (error_window := launched.error_window) is not None:
            error_window.quitting.connect(app.quit)
        if os.environ.get("TRIALGUIDE_TEST_REPORT"):
            from app.kiosk.report import TestReport

            TestReport(launched.window, launched.controller)
        try:
            launched.show()
            # What the start made lives as long as the app: left out of every collection
            # from now on (see app.collector).
            collector.resume(freeze=True)
            code = app.exec()
        finally:
            guard.uninstall()
            launched.shutdown()
        log.info("TrialGuide stopped")
        return launched.exit_code if launched.exit_code is not None else code
    finally:
        teardown_logging(handler)

"""Start TrialGuide on a clinic's catalog of several records (see :mod:`app.launch`).

The records are loaded one at a time (:func:`app.catalog.iter_entries`): the window opens
on the catalog as soon as the first valid record has validated, and the rest are
validated in idle time (:class:`app.ui.catalog_loader.CatalogLoader`); a study is listed
only once its record validated. A broken or tampered record is left out, logged with
its problems and named in the staff panel; when none is valid, the staff error window
shows every problem of every record.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.catalog import CatalogEntry, iter_entries
from app.config import Config
from app.kiosk.clipboard import forget_clipboard
from app.kiosk.controller import KioskController
from app.kiosk.info import RECORD, StaffInfo, app_version
from app.ui.catalog_loader import CatalogLoader, log_entry
from app.ui.main import create_window, open_counselor

if TYPE_CHECKING:
    from app.launch import Launch

log = logging.getLogger("trialguide")


def launch_catalog(
    sources: tuple[str | None, ...],
    lang: str,
    config: Config,
    config_path: Path,
    *,
    kiosk_on: bool,
    counselor: bool,
    log_file: str | None,
    warm_pages: bool,
    error_window: Callable[..., Any],
    controller_options: Mapping[str, object],
) -> Launch:
    """Open the catalog on its first valid study; the others follow in idle time."""
    from app.launch import Launch, LaunchError

    rest = iter_entries(sources, config.trusted_public_keys)
    entries: list[CatalogEntry] = []
    first: CatalogEntry | None = None
    for entry in rest:
        entries.append(entry)
        log_entry(entry)
        if entry.ok:
            first = entry
            break
    if first is None or first.record is None:
        problems = "\n".join(problem for entry in entries for problem in entry.problems)
        print(problems, file=sys.stderr)
        print(
            "TrialGuide cannot show any of these records; fix the problems above.",
            file=sys.stderr,
        )
        failed: Launch = error_window(
            RECORD, problems, kiosk=kiosk_on, pin_hash=config.pin_hash, language=lang
        )
        return failed
    log.info("Catalog of %d records; kiosk %s", len(sources), "on" if kiosk_on else "off")
    session, main_window = create_window(first.record, lang, studies=(first.record,))
    loader = CatalogLoader(session, rest, entries)

    def recordings_folder(key: str) -> Path | None:
        """Listen plays each study's recordings from beside its own record file."""
        entry = next((e for e in loader.entries if e.ok and e.study_id == key), None)
        return Path(entry.source).resolve().parent if entry and entry.source else None

    main_window.listen.folder_of = recordings_folder
    if counselor:
        try:
            window = open_counselor(session)
        except ImportError:
            raise LaunchError(
                "Counselor mode is not available in this version of TrialGuide."
            ) from None
        main_window.deleteLater()
        session.reset_done.connect(lambda *_args: forget_clipboard())
        loader.load_all()  # staff at a desk: every study listed from the start
        return Launch(window, session=session)
    main_window.warm_pages = warm_pages
    assert first.approval is not None
    info = StaffInfo(
        record_source=first.source,
        nct_id=first.study_id,
        content_version=first.record.content_version,
        approval=first.approval,
        idle_seconds=config.idle_seconds,
        countdown_seconds=config.countdown_seconds,
        app_version=app_version(),
        config_path=str(config_path),
        config_found=config_path.exists(),
        log_path=log_file,
        languages=session.all_languages,
        catalog=entries,
    )
    controller = KioskController(
        main_window,
        info,
        kiosk=kiosk_on,
        pin_hash=config.pin_hash,
        open_counselor=open_counselor,
        **controller_options,  # type: ignore[arg-type]
    )
    controller.catalog_loader = loader
    loader.start()
    return Launch(main_window, session=session, controller=controller, kiosk=kiosk_on)

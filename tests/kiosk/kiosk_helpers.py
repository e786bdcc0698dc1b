"""Helpers shared by the kiosk tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_RECORD_PATH = ROOT / "resources" / "records" / "NCT05703308.yaml"

PIN = "246813"
WRONG_PIN = "111111"


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def staff_info(record, record_source=None, **overrides):
    from app.kiosk.info import StaffInfo, app_version
    from app.record.approval import approval_status

    values = dict(
        record_source=record_source,
        nct_id=record.identification.nct_id,
        content_version=record.content_version,
        approval=approval_status(record),
        idle_seconds=90,
        countdown_seconds=20,
        app_version=app_version(),
        config_path="/etc/trialguide/trialguide.toml",
        config_found=False,
        log_path=None,
        languages=tuple(record.languages),
    )
    values.update(overrides)
    return StaffInfo(**values)


def panel_row(panel, key: str) -> str:
    """The value shown in the staff panel's row ``key``."""
    return panel.rows[key][1].text()


def open_staff_panel(k):
    """Open the staff panel of a kiosk as a right PIN would."""
    k.controller.pin_pad.accepted.emit()
    assert k.controller.staff_panel.isVisible()
    return k.controller.staff_panel

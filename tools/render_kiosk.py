"""Draw the kiosk's overlays, staff panel, draft banner and error windows to PNG files.

Offscreen, no display needed. Look at every file it writes::

    python tools/render_kiosk.py --out /tmp/kiosk [--text-scale 200] [--width 1920 --height 1080]

``--extra-fa FILE.json`` adds Persian translations ({"English": "Persian"}) that are not
in the catalog yet, so new messages can be checked in Persian before they are merged.
"""

from __future__ import annotations

import argparse
import gettext
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIN = "2468"


class _ExtraCatalog(gettext.NullTranslations):
    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _save(widget, out: Path, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(3):
        QApplication.processEvents()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"cannot write {path}")
    print(path)


def _configs(folder: Path) -> dict[str, Path]:
    from app.pin import hash_pin

    with_pin = folder / "with-pin.toml"
    with_pin.write_text(
        f'idle_seconds = 90\ncountdown_seconds = 20\npin_hash = "{hash_pin(PIN)}"\n',
        encoding="utf-8",
    )
    without_pin = folder / "without-pin.toml"
    without_pin.write_text("idle_seconds = 90\n", encoding="utf-8")
    broken = folder / "broken.toml"
    broken.write_text("idle_seconds = 2\nkiosk = true\ncolour = 'blue'\n", encoding="utf-8")
    record = folder / "broken.yaml"
    default = (ROOT / "resources" / "records" / "NCT05703308.yaml").read_text(encoding="utf-8")
    record.write_text(default.replace("nct_id: NCT05703308", "nct_id: NCT123"), encoding="utf-8")
    return {"pin": with_pin, "nopin": without_pin, "broken": broken, "record": record}


def _render_language(lang: str, configs: dict[str, Path], args: argparse.Namespace, tag: str):
    """Every picture in one language."""
    from app.launch import launch

    size = (args.width, args.height)

    def shot(widget, name: str) -> None:
        _save(widget, args.out, f"{name}{tag}")

    def kiosk_window(config: Path, kiosk: bool = True, **options: object):
        launched = launch(None, lang, config_path=config, kiosk=kiosk, **options)
        launched.session.set_text_scale(args.text_scale)
        launched.window.resize(*size)
        launched.window.show()
        return launched, launched.window

    def done(launched) -> None:
        launched.controller.shutdown()
        launched.window.allow_close = True
        launched.window.close()
        launched.window.deleteLater()

    clock = _Clock()
    launched, window = kiosk_window(configs["pin"], clock=clock)
    controller = launched.controller
    pad = controller.pin_pad
    shot(window, "kiosk-banner")
    controller._on_idle_warning(17)
    shot(window, "idle")
    controller.close_overlays()
    controller.open_staff_gate()
    pad.entry.setText("246")
    shot(window, "pin")
    pad.entry.setText("1111")
    pad.submit()
    shot(window, "pin-wrong")
    for _ in range(4):
        pad.entry.setText("1111")
        pad.submit()
    clock.now += 17.4
    pad.refresh()
    shot(window, "pin-locked")
    clock.now += 60
    pad.refresh()
    pad.entry.setText(PIN)
    pad.submit()
    shot(window, "staff")
    done(launched)

    launched, window = kiosk_window(configs["nopin"])
    launched.controller.open_staff_gate()
    shot(window, "pin-disabled")
    done(launched)

    launched, window = kiosk_window(configs["nopin"], kiosk=False)
    shot(window, "desktop-banner")
    done(launched)

    errors = {
        "error-config": dict(record_path=None, config_path=configs["broken"], kiosk=False),
        "error-record": dict(
            record_path=str(configs["record"]), config_path=configs["pin"], kiosk=True
        ),
    }
    for name, options in errors.items():
        launched = launch(options.pop("record_path"), lang, **options)
        window = launched.window
        window.resize(*size)
        window.show()
        shot(window, name)
        window.quit()
        window.deleteLater()


def main(argv: list[str] | None = None) -> int:
    """Render every kiosk picture in both languages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--text-scale", type=int, default=100)
    parser.add_argument("--extra-fa", type=Path, help="JSON of Persian messages to add")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    from app import i18n
    from app.ui.main import application

    application()
    if args.extra_fa:
        extra = json.loads(args.extra_fa.read_text(encoding="utf-8"))
        i18n.translation("fa").add_fallback(_ExtraCatalog(extra))
    suffix = f"-{args.text_scale}" if args.text_scale != 100 else ""

    with tempfile.TemporaryDirectory() as tmp:
        configs = _configs(Path(tmp))
        for lang in ("en", "fa"):
            _render_language(lang, configs, args, f"-{lang}{suffix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

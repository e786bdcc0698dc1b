"""Render the counselor view to a PNG (offscreen), to look at it.

Usage::

    .venv/bin/python tools/render_counselor.py --lang fa --out /tmp/c.png \
        [--width 1920 --height 1080] [--text-scale 200] [--second none|en|fa] \
        [--answers A.json] [--jump SECTION] [--panel-scroll N] \
        [--extra-messages MESSAGES.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Draw the counselor window into a PNG file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--out", required=True)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--text-scale", type=int, default=100)
    parser.add_argument("--second", default=None)
    parser.add_argument("--answers", default=None)
    parser.add_argument("--jump", default=None)
    parser.add_argument("--panel-scroll", type=int, default=0)
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument(
        "--extra-messages",
        default=None,
        help="a JSON file of Persian translations not yet in the catalog (preview only)",
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from app import i18n
    from app.record import load_record
    from app.session import Session
    from app.ui.counselor import CounselorWindow
    from app.ui.fonts import load_fonts
    from app.ui.main import application

    if args.extra_messages:
        import gettext

        with open(args.extra_messages, encoding="utf-8") as handle:
            extra = json.load(handle)

        class _Extra(gettext.NullTranslations):
            def gettext(self, message: str) -> str:
                return extra.get(message, message)

        i18n.translation("fa").add_fallback(_Extra())
    app = application()
    load_fonts()
    record = load_record()
    session = Session(record, args.lang)
    i18n.set_language(args.lang)
    window = CounselorWindow(session)
    if args.answers:
        with open(args.answers, encoding="utf-8") as handle:
            for question_id, value in json.load(handle).items():
                session.answer(question_id, value)
    session.set_text_scale(args.text_scale)
    session.set_high_contrast(args.high_contrast)
    window.resize(args.width, args.height)
    window.show()
    app.processEvents()
    if args.second is not None:
        combo = window.second_combo
        index = combo.findData(None if args.second == "none" else args.second)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
        app.processEvents()
    if args.jump:
        window.jump_to(args.jump)
    if args.panel_scroll:
        window.panel.verticalScrollBar().setValue(args.panel_scroll)
    app.processEvents()
    image = window.grab()
    if not image.save(args.out, "PNG"):
        print(f"cannot write {args.out}", file=sys.stderr)
        return 1
    window.hide()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

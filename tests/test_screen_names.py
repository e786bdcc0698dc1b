"""app/screen_names.py: one list of the screens' names, and the session's enum follows it."""

from __future__ import annotations

from app import screen_names
from app.cli import build_parser
from app.session import CATALOG_SCREENS, STUDY_SCREENS, Screen


def test_the_session_screens_are_the_named_screens_in_order():
    assert tuple(s.value for s in STUDY_SCREENS) == screen_names.STUDY_SCREENS
    assert {s.value for s in CATALOG_SCREENS} == set(screen_names.CATALOG_SCREENS)
    assert {s.value for s in Screen} == {*screen_names.STUDY_SCREENS, *screen_names.CATALOG_SCREENS}


def test_render_and_speak_offer_every_screen():
    parser = build_parser()
    for command in ("render", "speak"):
        args = ["--out", "x", "--lang", "en"] if command == "render" else ["--out", "x"]
        for screen in Screen:
            parsed = parser.parse_args([command, "--screen", screen.value, *args])
            assert parsed.screen == screen.value

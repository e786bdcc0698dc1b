"""The Listen controls: reading a screen or a section aloud, highlighting, following the visit.

The sound card is replaced by a memory sink (the tests say how far it has played) and the
engine by a fake with known lengths and marks (``listen_fakes``); one test at the end
uses the real engine and writes what a visitor would hear to a WAV file.
"""

from __future__ import annotations

import wave

import pytest
from listen_fakes import FakeSpeak
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.session import STUDY_SCREENS, Screen
from app.speech.script import script_for_catalog, script_for_screen
from app.speech.sink import MemorySink
from app.ui.listen.highlight import SPAN
from app.ui.listen.widgets import ListenButton


@pytest.fixture
def listening(make_window, default_record, qtbot):
    """A window whose Listen controls play into memory, with the fake engine."""

    def make(language: str = "en", screen: Screen = Screen.ABOUT, speak=None):
        session, window = make_window(default_record, language)
        return _listening(session, window, screen, speak)

    return make


@pytest.fixture
def listening_catalog(make_catalog, default_record, minimal_record):
    """A window on a two-study catalog whose Listen controls play into memory."""

    def make(language: str = "en", screen: Screen = Screen.CATALOG, speak=None):
        session, window = make_catalog(default_record, minimal_record, language=language)
        return _listening(session, window, screen, speak)

    return make


def _listening(session, window, screen, speak):
    window.listen.sink_factory = MemorySink
    window.listen.speak = speak or FakeSpeak()
    session.go_to(screen)
    return session, window, window.listen


def _sink(listen) -> MemorySink:
    sink = listen.reader.sink
    assert isinstance(sink, MemorySink)
    return sink


def _wait_playing(qtbot, listen, count: int) -> MemorySink:
    qtbot.waitUntil(lambda: listen.state == "playing" and len(_sink(listen).played) >= count)
    return _sink(listen)


def test_header_listen_reads_the_screen_in_script_order(listening, qtbot):
    session, _window, listen = listening()
    script = script_for_screen(session.record, "about", "en")
    qtbot.mouseClick(listen.header_button, Qt.MouseButton.LeftButton)
    assert [u.key for u in listen.reader.queue] == [u.key for u in script]
    for index in range(len(script)):
        sink = _wait_playing(qtbot, listen, index + 1)
        assert listen.reader.index == index
        sink.finish()
    qtbot.waitUntil(lambda: listen.state == "idle")
    assert len(_sink(listen).played) == len(script)
    assert [key for key, _rate in listen.speak.calls] == [u.key for u in script]
    assert not listen.bar.isVisible()


def test_a_section_button_reads_only_its_section(listening, qtbot):
    session, window, listen = listening(screen=Screen.PROCEDURES)
    page = window.page(Screen.PROCEDURES)
    step = session.record.patient.procedures[1]
    button = next(b for b in page.findChildren(ListenButton) if b.section == f"step[{step.id}]")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    keys = [u.key for u in listen.reader.queue]
    assert keys and all(f"[{step.id}]" in key for key in keys)
    assert f"patient.procedures[{step.id}].title" in keys


def test_pause_resume_stop_repeat_and_slower(listening, qtbot):
    _session, _window, listen = listening()
    listen.play_screen()
    sink = _wait_playing(qtbot, listen, 1)
    bar = listen.bar
    assert bar.isVisible() and bar.status.text() == "Reading aloud…"
    qtbot.mouseClick(bar.pause, Qt.MouseButton.LeftButton)
    assert listen.state == "paused" and sink.paused
    assert bar.pause.text() == "Resume" and bar.status.text() == "Paused"
    sink.advance(500)
    assert sink.position() == 0  # paused: nothing plays
    qtbot.mouseClick(bar.pause, Qt.MouseButton.LeftButton)
    assert listen.state == "playing" and not sink.paused
    sink.advance(500)
    qtbot.mouseClick(bar.repeat, Qt.MouseButton.LeftButton)
    assert len(sink.played) == 2 and sink.played[1] == sink.played[0]
    assert sink.position() == 0 and listen.reader.index == 0
    qtbot.mouseClick(bar.slower, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(sink.played) == 3)
    assert listen.speak.calls[-1][1] < 1.0 or any(r < 1.0 for _k, r in listen.speak.calls)
    assert len(sink.played[2][0]) > len(sink.played[0][0])  # slower: longer
    assert bar.slower.text() == "Normal speed" and bar.slower.isChecked()
    volume = sink.volume
    qtbot.mouseClick(bar.quieter, Qt.MouseButton.LeftButton)
    assert sink.volume < volume and "80" in bar.volume.text()
    qtbot.mouseClick(bar.stop, Qt.MouseButton.LeftButton)
    assert listen.state == "idle" and listen.reader.queue == ()
    assert not sink.active


def test_the_highlight_follows_the_marks_and_scrolls(listening, qtbot):
    session, window, listen = listening()
    page = window.page(Screen.ABOUT)
    before = page.summary.text()
    listen.play_section("summary")
    sink = _wait_playing(qtbot, listen, 1)
    assert listen.highlighter.label is page.summary
    first = page.summary.text()
    assert SPAN in first and first.count("<span") >= 1
    text = listen.reader.queue[0].text
    marks = [m for m in listen.speak(listen.reader.queue[0], session.record).speech.marks]
    assert len(marks) > 2
    sink.advance(marks[2].sample_offset - sink.position() + 1)
    second = page.summary.text()
    assert second != first and SPAN in second
    # The highlighted words are the third sentence's (the span's text is in the source).
    shown = second.split(SPAN, 1)[1].split("</span>", 1)[0]
    assert shown.strip() and shown.strip()[:10] in text
    assert page.summary.textFormat() == Qt.TextFormat.RichText
    listen.stop()
    assert page.summary.text() == before


def test_a_plain_heading_is_highlighted_and_given_back(listening, qtbot):
    _session, window, listen = listening()
    page = window.page(Screen.ABOUT)
    listen.play_section("who")
    _wait_playing(qtbot, listen, 1)
    assert listen.highlighter.label is page.who_heading
    assert page.who_heading.textFormat() == Qt.TextFormat.RichText
    assert "Who the study is for" in page.who_heading.text()
    listen.stop()
    assert page.who_heading.textFormat() == Qt.TextFormat.PlainText
    assert page.who_heading.text() == "Who the study is for"


def test_a_language_switch_stops_and_offers_the_new_language(listening, qtbot):
    session, window, listen = listening()
    listen.play_screen()
    _wait_playing(qtbot, listen, 1)
    session.set_language("fa")
    assert listen.state == "idle" and listen.reader.queue == ()
    assert listen.bar.isVisible()
    assert "فارسی" in listen.bar.status.text() and "«گوش دادن»" in listen.bar.status.text()
    page = window.page(Screen.ABOUT)
    assert SPAN not in page.summary.text() and "<span" not in page.who_heading.text()
    qtbot.mouseClick(listen.bar.pause, Qt.MouseButton.LeftButton)  # "Listen" now
    assert listen.reader.queue and all(u.lang in ("fa", "en") for u in listen.reader.queue)
    assert listen.reader.queue[0].lang == "fa"


def test_leaving_the_screen_stops(listening, qtbot):
    session, _window, listen = listening()
    listen.play_screen()
    _wait_playing(qtbot, listen, 1)
    session.go_to(Screen.PROCEDURES)
    assert listen.state == "idle" and listen.reader.queue == ()
    assert not listen.bar.isVisible()


def test_start_over_stops_at_once_and_forgets(listening, qtbot):
    session, _window, listen = listening()
    listen.play_screen()
    sink = _wait_playing(qtbot, listen, 1)
    listen.change_volume(-1)
    session.reset()
    assert listen.state == "idle" and listen.reader.queue == () and not sink.active
    listen.repeat()  # nothing left to repeat: the last visitor's reading is forgotten
    assert listen.state == "idle" and listen.volume == 1.0


def test_a_failing_engine_shows_a_message_and_stops(listening, qtbot):
    from app.speech.engine import SpeechError

    def broken(*_args, **_kwargs):
        raise SpeechError("no voice")

    _session, _window, listen = listening(speak=broken)
    listen.play_screen()
    qtbot.waitUntil(lambda: bool(listen.message))
    assert listen.state == "idle"
    assert listen.bar.isVisible() and "not available" in listen.bar.status.text()


@pytest.mark.qt_log_ignore(".*")  # QtMultimedia looks for its back-ends aloud
def test_no_sound_device_is_a_message_not_a_crash(listening, qtbot):
    from app.speech.engine import SpeechError
    from app.speech.qtsink import QtSink

    try:
        QtSink().deleteLater()
    except SpeechError:
        pass
    else:
        pytest.skip("this machine has a sound output")
    _session, _window, listen = listening()
    from app.ui.listen.controller import _qt_sink

    listen.sink_factory = _qt_sink
    listen.play_screen()
    assert listen.state == "idle"
    assert "Please ask the clinic staff" in listen.bar.status.text()


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("screen", list(Screen))
def test_listen_controls_are_large_named_and_reachable(request, qtbot, lang, screen):
    # The catalog's screens on a two-study catalog, the study screens on one study.
    fixture = "listening" if screen in STUDY_SCREENS else "listening_catalog"
    _session, window, listen = request.getfixturevalue(fixture)(lang, screen)
    listen.play_screen()
    _wait_playing(qtbot, listen, 1)
    page = window.page(screen)
    buttons = [listen.header_button, *listen.bar.findChildren(QPushButton)]
    buttons += [b for b in page.findChildren(ListenButton) if b.isVisibleTo(page)]
    assert len(buttons) >= 7  # the header's, the bar's six, and (but on details) a section's
    assert screen is Screen.DETAILS or len(buttons) > 7
    for button in buttons:
        assert button.height() >= 44 and button.width() >= 44, button.accessibleName()
        assert button.accessibleName() and button.accessibleDescription()
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    if lang == "fa":
        assert listen.header_button.accessibleName() == "گوش دادن"
        assert listen.bar.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert "ك" not in listen.bar.status.text() and "ي" not in listen.bar.status.text()
    else:
        assert listen.header_button.accessibleName() == "Listen"


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_what_a_visitor_hears_is_speech_of_plausible_length(listening, qtbot, tmp_path, lang):
    """The real engine: the welcome screen as the memory sink received it, as a WAV."""
    from app.speech.engine import SpeechError, default_paths

    try:
        default_paths()
    except SpeechError as error:
        pytest.skip(f"no speech engine here: {error}")
    from app.speech.play import speak_utterance
    from app.speech.wav import write_wav

    _session, _window, listen = listening(lang, Screen.WELCOME, speak=speak_utterance)
    listen.play_screen()
    script = listen.reader.queue
    for index in range(len(script)):
        sink = _wait_playing(qtbot, listen, index + 1)
        sink.finish()
    qtbot.waitUntil(lambda: listen.state == "idle", timeout=20_000)
    from app.speech.engine import Speech

    pcm = b"".join(p for p, _rate, _ch in _sink(listen).played)
    rate = _sink(listen).played[0][1]
    out = tmp_path / "welcome.wav"
    write_wav(out, Speech(pcm, rate))
    with wave.open(str(out)) as heard:
        seconds = heard.getnframes() / heard.getframerate()
    words = sum(len(u.text.split()) for u in script)
    # About 160 words a minute, with pauses: between 0.2 and 0.8 s a word.
    assert 0.2 * words < seconds < 0.8 * words, (seconds, words)
    loudest = max(
        abs(int.from_bytes(pcm[i : i + 2], "little", signed=True)) for i in range(0, len(pcm), 200)
    )
    assert loudest > 1000  # speech, not silence
    print(f"welcome ({lang}): {seconds:.1f} s for {words} words")


def test_highlighting_escapes_markup_and_keeps_glossary_links():
    from app.ui.listen.highlight import highlighted, highlighted_plain

    text = "<img src='x'> One [[ivf|IVF]] step. Two & three."
    rich = highlighted(text, 16, 22, "en")  # ends inside the glossary mark: it is taken whole
    assert "<img" not in rich and "&lt;img" in rich
    assert f'<a href="term:ivf">{SPAN}IVF</span></a>' in rich  # the link stays a link
    assert rich.count("<span") == rich.count("</span>")
    plain = highlighted_plain("<b>Who</b> & why", 0, 10, "fa")
    assert "<b>" not in plain and "&lt;b&gt;" in plain and 'dir="rtl"' in plain


def test_nothing_spoken_is_logged(listening, qtbot, caplog):
    from app.speech.engine import SpeechError

    def broken(*_args, **_kwargs):
        raise SpeechError("The speech engine failed (internal error).")

    session, _window, listen = listening(speak=broken)
    with caplog.at_level("DEBUG"):
        listen.play_screen()
        qtbot.waitUntil(lambda: bool(listen.message))
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "internal error" in logged
    for utterance in script_for_screen(session.record, "about", "en"):
        assert utterance.text[:30] not in logged


# -- the catalog's screens (two studies: the small one enrolls, the default has ended) --
SMALL, DEFAULT = "NCT00000001", "NCT05703308"


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_header_listen_on_the_catalog_reads_every_card(listening_catalog, qtbot, lang):
    session, _window, listen = listening_catalog(lang)
    script = script_for_catalog(session.studies, "catalog", lang)
    qtbot.mouseClick(listen.header_button, Qt.MouseButton.LeftButton)  # no ValueError
    assert [u.text for u in listen.reader.queue] == [u.text for u in script]
    sections = {u.section for u in script}
    assert {f"card[{SMALL}]", f"card[{DEFAULT}]"} <= sections
    _wait_playing(qtbot, listen, 1)
    assert listen.bar.isVisible()


def test_a_card_listen_reads_only_that_card_with_its_own_record(listening_catalog, qtbot):
    session, window, listen = listening_catalog()
    page = window.page(Screen.CATALOG)
    frame, _open = page.cards[SMALL]
    (button,) = [b for b in frame.findChildren(ListenButton) if b.isVisibleTo(page)]
    assert button.section == f"card[{SMALL}]"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    queue = listen.reader.queue
    assert queue[0].key == "identification.plain_title" and queue[0].study == SMALL
    assert {u.section for u in queue} == {f"card[{SMALL}]"}
    # The small study's title is looked up in its own record, not the first study's.
    small = next(r for r in session.studies if r.identification.nct_id == SMALL)
    assert listen.reader.studies[SMALL] is small
    _wait_playing(qtbot, listen, 1)
    assert listen.highlighter.label is not None
    assert listen.highlighter.label.parentWidget() is frame
    assert SPAN in listen.highlighter.label.text()
    label = listen.highlighter.label
    listen.stop()
    assert SPAN not in label.text()


def test_prescreen_rows_each_have_a_listen_that_reads_the_reason(listening_catalog, qtbot):
    from app.record.enums import Sex
    from app.session import Prescreen

    session, window, listen = listening_catalog("fa", Screen.PRESCREEN)
    session.set_prescreen(Prescreen(age=30, sex=Sex.MALE, healthy=None))
    page = window.page(Screen.PRESCREEN)
    assert set(page.rows) == {SMALL, DEFAULT}
    frame, _open = page.rows[DEFAULT]
    qtbot.waitUntil(lambda: frame.isVisibleTo(page))  # a layout shows a new frame queued
    (button,) = [b for b in frame.findChildren(ListenButton) if b.isVisibleTo(page)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    texts = [u.text for u in listen.reader.queue]
    assert any("زن" in text for text in texts)  # the default study is for women only
    assert {u.section for u in listen.reader.queue} == {f"row[{DEFAULT}]"}
    _wait_playing(qtbot, listen, 1)
    assert listen.highlighter.label is not None and SPAN in listen.highlighter.label.text()


def test_the_reader_follows_the_study_opened_from_the_catalog(listening_catalog, qtbot):
    """Its record was the first study's for the whole visit: another study's texts were
    looked up in the wrong record (recordings, glossary)."""
    session, _window, listen = listening_catalog()
    for key in (SMALL, DEFAULT):
        session.open_study(key)
        listen.play_screen()
        assert listen.reader.record is session.record
        assert session.record.identification.nct_id == key
        _wait_playing(qtbot, listen, 1)
        listen.stop()
        session.go_to(Screen.CATALOG)


def test_each_study_plays_recordings_from_beside_its_own_record(listening_catalog, qtbot, tmp_path):
    """A catalog's studies live in their own folders: a card's title is looked up there."""
    from tests.ui.listen_fakes import FakeSpeak

    asked: list[tuple[str, str, object]] = []

    class Remembering(FakeSpeak):
        def __call__(self, utterance, record, folder=None, **options):
            asked.append((utterance.key, record.identification.nct_id, folder))
            return super().__call__(utterance, record, folder, **options)

    session, _window, listen = listening_catalog(speak=Remembering())
    folders = {key: tmp_path / key for key in (r.identification.nct_id for r in session.studies)}
    listen.folder_of = folders.get
    listen.play_screen()
    queue = listen.reader.queue
    for index in range(len(queue)):
        _wait_playing(qtbot, listen, index + 1).finish()
    qtbot.waitUntil(lambda: listen.state == "idle")
    titles = [(study, where) for key, study, where in asked if key == "identification.plain_title"]
    assert len(titles) == len(folders) >= 2
    assert all(folder == folders[study] for study, folder in titles)

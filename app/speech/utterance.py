"""One text a Listen control reads, and the builder of a screen's list of them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.i18n import pick
from app.present.text import say
from app.record import TrialRecord


@dataclass(frozen=True)
class Utterance:
    """One text a Listen control reads.

    Attributes:
        key: Stable field path (``patient.summary``, ``questions[age].options[yes].label``,
            ``ui.welcome.what_this_is``); recorded audio is named by it.
        lang: The language it is read in (``en`` for the registry's own text).
        text: The words as the screen gives them: a record text picked in ``lang``
            (glossary marks and line breaks kept) or an interface sentence, filled in.
            :func:`app.speech.normalize.speakable` turns it into what the engine reads.
        section: The section, card or question it belongs to (``step[visit1]``).
        study: On the catalog's screens, the study (NCT id) whose record text it is, so
            that its recording is looked up in that study's record; ``""``: the record
            being read.
    """

    key: str
    lang: str
    text: str
    section: str = ""
    study: str = ""


class ScriptBuilder:
    """Collects a screen's utterances in order (empty texts are left out)."""

    def __init__(self, record: TrialRecord, lang: str) -> None:
        self.record = record
        self.lang = lang
        self.items: list[Utterance] = []

    def add(
        self, key: str, text: str | Mapping[str, str] | None, section: str, lang: str = ""
    ) -> None:
        """Add a record text (picked in the script's language) or a sentence, if not empty."""
        if text is None:
            return
        words = text if isinstance(text, str) else pick(text, self.lang)
        if words.strip():
            self.items.append(Utterance(key, lang or self.lang, words, section))

    def ui(self, screen: str, name: str, message: str, section: str = "", **values: object) -> None:
        """Add an interface message of ``screen`` (key ``ui.<screen>.<name>``), filled in."""
        self.add(f"ui.{screen}.{name}", say(message, self.lang, **values), section or screen)

    def named(self, key: str, name: str, value: str, section: str) -> None:
        """A fact: its name and value read as one sentence ("Run by: Royan Institute")."""
        self.add(f"ui.{key}", f"{say(name, self.lang)}: {value}", section)

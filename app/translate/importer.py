"""``translate import``: a translator's PO file written back into the record's YAML.

Every entry is checked before anything is written: its ``msgctxt`` must name a text of
the record, and its glossary marks must be the English's (the ids; the shown words are
translated). A ``fuzzy`` entry is written (the translator's work is not lost) but kept
as a draft, ``fuzzy`` in ``translations:``, so ``status``, ``export`` and
``validate --strict`` keep showing it until it is reviewed. The result must load as a
valid record, or the file is left alone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from app.record import RecordError, parse_record
from app.record.models import TrialRecord
from app.record.text_paths import (
    FUZZY,
    SOURCE_LANGUAGE,
    english_digest,
    glossary_ids,
    text_entries,
)
from app.translate.po_read import PoEntry
from app.translate.yaml_edit import RecordDocument, YamlEditError


class TranslationImportError(Exception):
    """The PO file cannot be imported into the record; ``problems`` says why, one a line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    """What an import changed and what it left for later."""

    text: str
    updated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    #: Entries whose msgid is not the record's English any more: imported, but stale.
    outdated: list[str] = field(default_factory=list)
    language_added: bool = False
    #: Texts whose ``translations:`` digest was added or changed.
    recorded: int = 0
    #: The record as written (None when nothing was translated yet).
    record: TrialRecord | None = None


def _marks_differ(english: str, translation: str) -> str | None:
    want, got = Counter(glossary_ids(english)), Counter(glossary_ids(translation))
    if want == got:
        return None
    missing = sorted((want - got).elements())
    extra = sorted((got - want).elements())
    parts = []
    if missing:
        parts.append("missing " + ", ".join(f"[[{m}]]" for m in missing))
    if extra:
        parts.append("not in the English " + ", ".join(f"[[{m}]]" for m in extra))
    return "; ".join(parts)


def import_translations(
    record: TrialRecord,
    yaml_text: str,
    source: str,
    lang: str,
    entries: list[PoEntry],
    po_source: str,
) -> ImportResult:
    """The record's YAML text with the PO entries' translations written in.

    Raises:
        TranslationImportError: an entry names no text or changes the glossary marks, a
            text would be left without ``lang`` in a record that declares it (or is to),
            or the result is not a valid record.
    """
    if lang == SOURCE_LANGUAGE or lang not in ("fa",):
        raise TranslationImportError(
            [f"{po_source}: the file is in {lang!r}; translations go into: fa"]
        )
    by_key = {entry.key: entry for entry in text_entries(record)}
    problems: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        where = f"{po_source}:{entry.line}: msgctxt {entry.context!r}"
        if entry.context is None:
            problems.append(f"{po_source}:{entry.line}: the entry has no msgctxt naming its text")
        elif entry.context not in by_key:
            problems.append(f"{where}: names no patient-facing text of {source}")
        elif entry.context in seen:
            problems.append(f"{where}: appears twice")
        elif entry.msgstr:
            differ = _marks_differ(entry.msgid, entry.msgstr)
            if differ:
                problems.append(f"{where}: the glossary marks differ from the English ({differ})")
        if entry.context:
            seen.add(entry.context)
    if problems:
        raise TranslationImportError(problems)

    try:
        document = RecordDocument(yaml_text)
    except YamlEditError as exc:
        raise TranslationImportError([f"{source}: {exc}"]) from None
    result = ImportResult(text=yaml_text)
    made_from: dict[str, str] = dict(record.translations.get(lang, {}))
    for entry in entries:
        text = by_key[entry.context or ""]
        if not entry.msgstr:
            result.untranslated.append(text.key)
            continue
        digest = FUZZY if entry.fuzzy else english_digest(entry.msgid)
        if entry.fuzzy:
            result.fuzzy.append(f"{text.key} ({po_source}:{entry.line})")
        elif entry.msgid != text.text.get(SOURCE_LANGUAGE):
            result.outdated.append(f"{text.key} ({po_source}:{entry.line})")
        if text.text.get(lang) != entry.msgstr:
            document.set_text(text.path, lang, entry.msgstr, after=SOURCE_LANGUAGE)
            result.updated.append(text.key)
        made_from[text.key] = digest

    translated = {key for key, text in by_key.items() if lang in text.text}
    translated |= {e.context for e in entries if e.msgstr and e.context}
    lacking = [key for key in by_key if key not in translated]
    if lacking and not result.updated and lang not in record.languages:
        result.text = document.dump()  # nothing translated yet: nothing to write
        return result
    if lacking:
        shown = ", ".join(lacking[:5]) + (
            f" and {len(lacking) - 5} more" if len(lacking) > 5 else ""
        )
        raise TranslationImportError(
            [
                f"{po_source}: {len(lacking)} text(s) would have no {lang} text ({shown}); a "
                f"record shows {lang} only when every text has it: translate them (an empty "
                "msgstr) and import again"
            ]
        )
    if lang not in record.languages:
        document.set_list_item(("languages",), lang)
        result.language_added = True
    ordered = {key: made_from[key] for key in by_key if key in made_from}
    before = record.translations.get(lang, {})
    result.recorded = sum(1 for key, digest in ordered.items() if before.get(key) != digest)
    all_made_from = {k: dict(v) for k, v in record.translations.items()}
    all_made_from[lang] = ordered
    document.set_translations({k: v for k, v in all_made_from.items() if v})
    result.text = document.dump()
    try:
        result.record = parse_record(result.text.encode("utf-8"), source)
    except RecordError as exc:
        # A problem at a translated text (or at its mapping: a length) is the entry's:
        # the record was valid before it.
        lines = {
            path: (e.line, e.context)
            for e in entries
            if e.context
            for path in (by_key[e.context].path, (*by_key[e.context].path, lang))
        }
        problems = [
            f"{po_source}:{lines[issue.path][0]}: msgctxt {lines[issue.path][1]!r}: {issue.message}"
            if issue.path in lines
            else issue.describe(source)
            for issue in exc.issues
        ]
        raise TranslationImportError(
            [*problems, f"{source}: the record with these translations would not be valid"]
        ) from None
    return result

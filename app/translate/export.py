"""``translate export``: a record's patient-facing texts as a PO file for a translator.

One entry per text: ``msgctxt`` its key (:mod:`app.record.text_paths`), ``msgid`` the
English, ``msgstr`` the current translation. The ``#.`` comments tell a translator who
never sees the YAML what the text is for, the record's comments beside it, and the
glossary terms it marks; ``#:`` gives the record's file and line. A translation made
from an English that has changed since is ``fuzzy``, with that earlier English as
``#| msgid`` when an earlier PO file (``--previous``) still holds it.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from app.record.models import GLOSSARY_MARK, TrialRecord
from app.record.text_paths import (
    FUZZY,
    SOURCE_LANGUAGE,
    TextEntry,
    english_digest,
    text_entries,
    translation_state,
)
from app.translate.yaml_edit import RecordDocument

#: Said once in every entry whose English marks glossary terms.
MARK_RULE = (
    "Keep every [[id]] and [[id|words]] mark as it is: translate only the words after "
    "the bar, never the id. A bare [[id]] shows the glossary's term; write [[id|words]] "
    "where the sentence needs other words."
)


def _glossary_lines(record: TrialRecord, english: str, lang: str) -> list[str]:
    lines: list[str] = []
    for term_id in dict.fromkeys(m.group(1) for m in GLOSSARY_MARK.finditer(english)):
        try:
            term = record.glossary_term(term_id)
        except KeyError:  # pragma: no cover - the loader refuses unknown marks
            continue
        translated = term.term.get(lang)
        shown = f"{term.term.get(SOURCE_LANGUAGE, term_id)}"
        if translated:
            shown += f" (in the glossary: {translated})"
        lines.append(
            f"Glossary [[{term_id}]]: {shown}: "
            f"{record.unmark(term.definition.get(SOURCE_LANGUAGE, ''), SOURCE_LANGUAGE)}"
        )
    if lines:
        lines.append(MARK_RULE)
    return lines


def _comments(
    record: TrialRecord, entry: TextEntry, document: RecordDocument, lang: str
) -> list[str]:
    lines = [entry.role, *entry.context]
    lines += [f"Note in the record: {comment}" for comment in document.comments(entry.path)]
    lines += _glossary_lines(record, entry.text.get(SOURCE_LANGUAGE, ""), lang)
    state = translation_state(record, entry, lang)
    if state == "stale":
        if record.translations[lang][entry.key] == FUZZY:
            lines.append("Needs review: the translation is a draft.")
        else:
            lines.append("Needs review: the English changed since this was translated.")
    return lines


def build_catalog(
    record: TrialRecord,
    yaml_text: str,
    source: str,
    lang: str,
    previous: Mapping[str, str] | None = None,
    now: datetime.datetime | None = None,
) -> Catalog:
    """The PO catalog of ``record``'s texts for ``lang``.

    Args:
        record: the validated record.
        yaml_text: the record file's text (for comments and lines).
        source: the record file's name, as ``#:`` shows it.
        lang: the language translated into.
        previous: key -> English of an earlier PO file, for ``#| msgid``: used where its
            digest is the one the record says the translation was made from.
        now: the catalog's date (tests pass a fixed one).
    """
    document = RecordDocument(yaml_text)
    when = now or datetime.datetime.now(datetime.UTC)
    catalog = Catalog(
        locale=lang,
        project=f"TrialGuide record {record.identification.nct_id}",
        version=record.content_version,
        charset="utf-8",
        fuzzy=False,
        creation_date=when,
        revision_date=when,
        language_team=f"{lang} translators of {record.identification.nct_id}",
        last_translator="the translator's name <e-mail>",
        msgid_bugs_address="the study coordinator",
        header_comment=(
            f"# {lang} translation of the texts patients read about study\n"
            f"# {record.identification.nct_id} (content version {record.content_version}),\n"
            f"# exported from {source}.\n"
            "# Translate each msgstr; clear the fuzzy mark of an entry once it is\n"
            "# checked; return the file to the study coordinator."
        ),
    )
    for entry in text_entries(record):
        english = entry.text.get(SOURCE_LANGUAGE)
        if not english:
            continue
        state = translation_state(record, entry, lang)
        flags = {"fuzzy"} if state == "stale" else set()
        made_from = record.translations.get(lang, {}).get(entry.key)
        earlier = (previous or {}).get(entry.key)
        previous_id = (
            earlier
            if state == "stale" and earlier and english_digest(earlier) == made_from
            else None
        )
        line = document.key_line((*entry.path, SOURCE_LANGUAGE)) or document.key_line(entry.path)
        catalog.add(
            english,
            entry.text.get(lang, ""),
            locations=[(source, line)] if line else [],
            flags=flags,
            auto_comments=_comments(record, entry, document, lang),
            previous_id=previous_id or (),
            context=entry.key,
        )
    return catalog


def catalog_text(catalog: Catalog) -> str:
    """The catalog as PO text (UTF-8), in the record's order."""
    out = io.BytesIO()
    write_po(out, catalog, width=76, include_previous=True, sort_output=False)
    return out.getvalue().decode("utf-8")

"""What the handout says, in which order: blocks built from the presentation layer.

Every wording and order decision comes from :mod:`app.present` (as on the screens); this
module only lays those words out as a sequence of blocks for the PDF writer. Nothing
identifying goes in: no name, no date of birth, not even the age typed; only the outcome
and its reasons.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.i18n import N_, localize
from app.i18n.format import format_date, format_number
from app.present.criteria import criteria_view
from app.present.outcome import only_team_decides, outcome_text, result_title
from app.present.text import is_past, shown_text, stopped_explanation, tr
from app.present.titles import plain_title
from app.record import TrialRecord
from app.record.models import GLOSSARY_MARK
from app.selfcheck import SelfCheckResult

REGISTRY_URL = "https://clinicaltrials.gov/study/{nct_id}"

HEADINGS = {
    "title": N_("About this study"),
    "stopped": N_("Why the study stopped"),
    "taking_part": N_("What taking part involves"),
    "result": N_("Your self-check result"),
    "reasons": N_("What led to this"),
    "next": N_("What happens next"),
    "contact": N_("Who to contact"),
    "terms": N_("Words used in this handout"),
    "registry": N_("Find this study in the registry: {nct_id}"),
    "scan": N_("Scan the code to open the registry page."),
    "version": N_("Content version {version}. This handout holds no personal details."),
    "when": N_("When"),
    "how_long": N_("How long"),
    "where": N_("Where"),
    "no_answers": N_("No questions were answered, so this handout has no self-check result."),
    "qr_alt": N_("QR code of the study's registry page: {url}"),
}


def registry_url(record: TrialRecord) -> str:
    """The public registry page of the study (what the QR code holds)."""
    return REGISTRY_URL.format(nct_id=record.identification.nct_id)


@dataclass(frozen=True)
class Block:
    """One unit of the handout that is never split across pages.

    ``kind`` is ``heading`` (``level`` 1 or 2), ``para``, ``step`` (``title`` then
    ``lines``), ``card`` (a criterion of the result: ``label``, ``title`` the criterion,
    ``lines`` its sub-group, group rule, options and reason) or ``term`` (``title`` the
    word, ``text`` its meaning). ``style`` for a paragraph: ``""``, ``bold``, ``big``,
    ``muted``, ``small``. ``ltr`` marks a paragraph in Latin script (contact details).
    """

    kind: str
    text: str = ""
    level: int = 0
    style: str = ""
    title: str = ""
    label: str = ""
    lines: tuple[str, ...] = ()
    muted: tuple[str, ...] = ()
    ltr: bool = False


@dataclass(frozen=True)
class HandoutContent:
    """The handout in one language: its title, the registry line and the blocks."""

    lang: str
    title: str
    registry_line: str
    scan_hint: str
    qr_alt: str
    blocks: tuple[Block, ...]
    version_line: str
    texts_for_terms: tuple[Mapping[str, str] | None, ...] = field(default=(), repr=False)


def _used_terms(
    record: TrialRecord, texts: Iterable[Mapping[str, str] | None], lang: str
) -> list[str]:
    """Glossary ids marked in ``texts``, in order of first use."""
    seen: list[str] = []
    for text in texts:
        if not text:
            continue
        for mark in GLOSSARY_MARK.finditer(text.get(lang) or ""):
            if mark.group(1) not in seen:
                seen.append(mark.group(1))
    return seen


def _criterion_lines(record: TrialRecord, criterion_id: str) -> tuple[str, ...]:
    """A criterion's sub-group, group rule and options, in the registry's words."""
    criterion = record.criterion(criterion_id)
    lines: list[str] = []
    if criterion.subgroup:
        lines.append(criterion.subgroup)
    if criterion.group_rule:
        lines.append(criterion.group_rule)
        lines += [f"• {option}" for option in criterion.options]
    return tuple(lines)


_LIST_ITEM = ("- ", "* ", "• ")


def reflow(text: str) -> str:
    """Patient text laid out as the screens lay it out (docs/record-format.md).

    A record's lines are wrapped by hand: a single line break inside a paragraph is a
    space. A blank line still separates two paragraphs, and the lines of a list (every
    line a ``- `` item) stay lines.
    """
    paragraphs = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        is_list = all(line.startswith(_LIST_ITEM) for line in lines)
        paragraphs.append("\n".join(lines) if is_list else " ".join(lines))
    return "\n\n".join(paragraphs)


def handout_content(
    record: TrialRecord, lang: str, result: SelfCheckResult | None
) -> HandoutContent:
    """The handout's words and order in ``lang`` (from :mod:`app.present`)."""
    ident = record.identification
    patient = record.patient
    blocks: list[Block] = []
    terms_from: list[Mapping[str, str] | None] = []

    def heading(key: str, level: int = 2) -> None:
        blocks.append(Block("heading", tr(HEADINGS[key], lang), level=level))

    def para(text: str, style: str = "", ltr: bool = False) -> None:
        if text:
            blocks.append(Block("para", text, style=style, ltr=ltr))

    def written(text: Mapping[str, str] | None) -> str:
        """A patient text of the record in ``lang``, its hand-wrapped lines joined."""
        return reflow(shown_text(record, text, lang))

    heading("title")
    if patient is not None:
        para(written(patient.summary))
        para(written(patient.enrolling_note), "bold")
        terms_from += [patient.summary, patient.enrolling_note]
    else:
        para(record.official.brief_summary, ltr=True)
    stopped = stopped_explanation(record.status.overall_status, record.status.why_stopped, lang)
    if stopped is not None:
        heading("stopped")
        para(stopped)
        if record.status.why_stopped:
            para(record.status.why_stopped, "muted", ltr=True)  # the registry's words

    if patient is not None:
        heading("taking_part")
        for number, step in enumerate(patient.procedures, 1):
            title = f"{format_number(number, lang)}. {written(step.title)}"
            lines: list[str] = []
            for key, text in (
                ("when", step.when),
                (None, step.what),
                ("how_long", step.duration),
                ("where", step.where),
            ):
                if text:
                    words = written(text)
                    lines.append(f"{tr(HEADINGS[key], lang)}: {words}" if key else words)
            blocks.append(Block("step", title=title, lines=tuple(lines)))
            terms_from += [step.title, step.when, step.what, step.duration, step.where]

    heading("result")
    if result is None:
        para(tr(HEADINGS["no_answers"], lang))
    else:
        view = criteria_view(record, result, lang)

        para(result_title(result, lang), "big")
        said = outcome_text(record, result.outcome)
        if said is not None:
            para(written(said))
            terms_from.append(said)
        blocks.append(Block("heading", view.heading, level=3))
        para(view.intro, "muted")
        # The result screen's groups and order (app.present.criteria), one card each.
        for group in view.groups:
            for entry in group.entries:
                blocks.append(
                    Block(
                        "card",
                        label=group.label,
                        title=entry.text,
                        lines=_criterion_lines(record, entry.criterion_id),
                        muted=(entry.reason,),
                    )
                )
                terms_from.append(record.criterion(entry.criterion_id).plain)
        for note in record.eligibility.notes:  # the registry's remarks about the list
            para(note, "small", ltr=True)
    para(only_team_decides(lang, is_past(record.status.overall_status)), "bold")

    if patient is not None:
        heading("next")
        para(written(patient.after_selfcheck))
        heading("contact")
        para(written(patient.contact))
        terms_from += [patient.after_selfcheck, patient.contact]
    for contact in record.contacts:
        para(", ".join(x for x in (contact.name, contact.phone, contact.email) if x), ltr=True)

    terms = _used_terms(record, terms_from, lang)
    if terms:
        heading("terms")
        for term_id in terms:
            term = record.glossary_term(term_id)
            blocks.append(
                Block(
                    "term",
                    title=localize(term.term, lang),
                    text=written(term.definition),
                )
            )
    version = tr(HEADINGS["version"], lang, version=record.content_version)
    if record.status.last_update_posted:
        version += f" · {format_date(record.status.last_update_posted, lang)}"
    url = registry_url(record)
    return HandoutContent(
        lang=lang,
        title=plain_title(record, lang),
        registry_line=tr(HEADINGS["registry"], lang, nct_id=ident.nct_id),
        scan_hint=tr(HEADINGS["scan"], lang),
        qr_alt=tr(HEADINGS["qr_alt"], lang, url=url),
        blocks=tuple(blocks),
        version_line=version,
        texts_for_terms=tuple(terms_from),
    )

"""What each section of the study details shows: the registry's fields, built once.

:class:`RegistrySections` fills a section's layout with :class:`FieldBlock` fields,
verbatim :class:`OfficialText` blocks and cards (one per arm, person, place...) from the
record. It builds only what the record has, so a missing optional field leaves no empty
heading behind; the interface words around the registry's text are set again by
:meth:`RegistrySections.retranslate` on each language switch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from PySide6.QtWidgets import QFrame, QVBoxLayout

from app.i18n import N_, _, ngettext
from app.i18n.enums import enum_label
from app.i18n.format import format_date, format_number, format_quantity, format_range
from app.present.provenance import criteria_notes, summary_note
from app.present.text import stopped_explanation
from app.record import TrialRecord
from app.record.enums import CriterionKind
from app.record.models import (
    Age,
    Arm,
    Intervention,
    Investigator,
    Location,
    Outcome,
    PartialDate,
    Reference,
)
from app.ui.text import TextLabel
from app.ui.widgets.paged_cards import PAGE, PagedCards
from app.ui.widgets.registry_fields import (
    FieldBlock,
    OfficialText,
    Words,
    official_heading,
    words,
)

#: The sections of a registry entry, in page order: key and name (translated when shown).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("identification", N_("Identification")),
    ("status", N_("Status and dates")),
    ("summary", N_("Brief summary")),
    ("description", N_("Detailed description")),
    ("conditions", N_("Conditions")),
    ("keywords", N_("Keywords")),
    ("design", N_("Study design")),
    ("arms", N_("Study groups (arms)")),
    ("interventions", N_("Treatments (interventions)")),
    ("outcomes", N_("Outcome measures")),
    ("eligibility", N_("Eligibility")),
    ("sponsors", N_("Sponsor and collaborators")),
    ("investigators", N_("Investigators")),
    ("locations", N_("Locations")),
    ("references", N_("References")),
    ("related", N_("Related studies")),
)

Item = TypeVar("Item")


class RegistrySections:
    """Builds the sections of a registry entry and keeps their interface words current."""

    def __init__(self, record: TrialRecord, lang: Callable[[], str]) -> None:
        """Prepare to build sections.

        Args:
            record: The trial.
            lang: Gives the current language code.
        """
        self.record = record
        self._lang = lang
        self.fields: list[FieldBlock] = []
        self._subheadings: list[tuple[TextLabel, Words]] = []
        #: The long lists of cards, shown a page at a time.
        self.paged: list[PagedCards[Any]] = []

    def has(self, key: str) -> bool:
        """Whether the record has anything to show in section ``key``."""
        record = self.record
        design = record.design
        present = {
            "description": bool(record.official.detailed_description),
            "conditions": bool(record.conditions),
            "keywords": bool(record.keywords),
            "design": any(
                value is not None
                for value in (
                    design.allocation,
                    design.intervention_model,
                    design.primary_purpose,
                    design.masking,
                    design.observational_model,
                    design.time_perspective,
                    design.bio_spec_retention,
                    design.bio_spec_description,
                )
            ),
            "arms": bool(record.arms),
            "interventions": bool(record.interventions),
            "outcomes": bool(record.outcomes.primary or record.outcomes.secondary),
            "investigators": bool(record.investigators),
            "locations": bool(record.locations),
            "references": bool(record.references),
            "related": bool(record.related_studies),
        }
        return present.get(key, True)

    def build(self, key: str, layout: QVBoxLayout, *, translated: bool = False) -> None:
        """Fill ``layout`` (a section's, set on its content widget) with section ``key``.

        With ``translated``, its interface words are put in the current language at once
        (a section built after the others were translated); otherwise the next
        :meth:`retranslate` does it.
        """
        fields, subheadings = len(self.fields), len(self._subheadings)
        paged = len(self.paged)
        builder: Callable[[QVBoxLayout], None] = getattr(self, f"_{key}")
        builder(layout)
        if translated:
            self._retranslate(
                self.fields[fields:], self._subheadings[subheadings:], self.paged[paged:]
            )

    def retranslate(self) -> None:
        """Put every interface word of the built sections in the current language."""
        self._retranslate(self.fields, self._subheadings, self.paged)

    def _retranslate(
        self,
        fields: Sequence[FieldBlock],
        subheadings: Sequence[tuple[TextLabel, Words]] = (),
        paged: Sequence[PagedCards[Any]] = (),
    ) -> None:
        for label, name in subheadings:
            label.set_record_text(words(name) or "", self._lang())
        for field in fields:
            field.retranslate()
        for cards in paged:
            cards.retranslate()

    # -- building blocks ---------------------------------------------------------------------
    def _field(self, layout: QVBoxLayout, name: Words) -> FieldBlock:
        """A named field; its name is a heading, or a muted label inside a card."""
        parent = layout.parentWidget()
        in_card = parent is not None and parent.property("role") == "card"
        field = FieldBlock(name, self._lang, parent, "muted" if in_card else "h3")
        layout.addWidget(field)
        self.fields.append(field)
        return field

    def _item_card(self, layout: QVBoxLayout, title: str | None = None) -> QVBoxLayout:
        """A framed card for one arm, person, place...; returns the card's layout."""
        frame = QFrame(layout.parentWidget())
        frame.setProperty("role", "card")
        card = QVBoxLayout(frame)
        card.setContentsMargins(20, 16, 20, 16)
        card.setSpacing(12)
        if title:
            card.addWidget(official_heading(title, parent=frame))
        layout.addWidget(frame)
        return card

    def _cards(
        self,
        layout: QVBoxLayout,
        items: Sequence[Item],
        build_card: Callable[[QVBoxLayout, Item], None],
    ) -> None:
        """One card per item, made by ``build_card``; a long list a page at a time."""
        if len(items) <= PAGE:
            for item in items:
                build_card(layout, item)
            return

        def build_page(cards: QVBoxLayout, page: Sequence[Item], later: bool) -> None:
            first = len(self.fields)
            for item in page:
                build_card(cards, item)
            if later:  # added after the section was translated
                self._retranslate(self.fields[first:])

        paged = PagedCards(items, build_page, self._lang, layout.parentWidget())
        layout.addWidget(paged)
        self.paged.append(paged)

    def _subheading(self, layout: QVBoxLayout, name: Words) -> None:
        label = TextLabel("h3", layout.parentWidget())
        layout.addWidget(label)
        self._subheadings.append((label, name))

    def _official(self, layout: QVBoxLayout, text: str | Sequence[str]) -> OfficialText:
        label = OfficialText(layout.parentWidget())
        if isinstance(text, str):
            label.set_official(text)
        else:
            label.set_items(text)
        layout.addWidget(label)
        return label

    def _criteria_notes(self, kind: CriterionKind) -> str | None:
        return criteria_notes(self.record, kind, self._lang())

    def _dated(self, date: PartialDate) -> str:
        value = format_date(date.date, self._lang())
        if date.type is None:  # the registry does not say whether actual or planned
            return value
        return _("{value} — {kind}").format(value=value, kind=enum_label(date.type))

    # -- sections ------------------------------------------------------------------------------
    def _identification(self, layout: QVBoxLayout) -> None:
        ident = self.record.identification
        self._field(layout, N_("Registry number (NCT number)")).add_official(ident.nct_id)
        if ident.org_study_id:
            self._field(layout, N_("Sponsor's study number")).add_official(ident.org_study_id)
        self._field(layout, N_("Brief title")).add_official(ident.brief_title)
        self._field(layout, N_("Official title")).add_official(ident.official_title)
        if ident.acronym:
            self._field(layout, N_("Acronym")).add_official(ident.acronym)

    def _status(self, layout: QVBoxLayout) -> None:
        status = self.record.status
        overall = self._field(layout, N_("Overall status"))
        overall.add_enum(status.overall_status)
        if status.last_known_status is not None:
            known = status.last_known_status

            def last_known() -> str:
                return _("Last known status: {status}").format(status=enum_label(known))

            overall.add_note(last_known)
        if status.status_verified:
            verified = status.status_verified

            def confirmed() -> str:
                date = format_date(verified, self._lang())
                return _("Status last confirmed by the study: {date}").format(date=date)

            overall.add_note(confirmed)
        if stopped_explanation(status.overall_status, status.why_stopped) is not None:
            field = self._field(layout, N_("Why the study stopped"))
            field.add_note(lambda: stopped_explanation(status.overall_status, status.why_stopped))
            if status.why_stopped:
                field.add_official(status.why_stopped)
        if status.phases:
            field = self._field(layout, N_("Phase"))
            for phase in status.phases:
                field.add_enum(phase, explain=True)
        self._field(layout, N_("Study type")).add_enum(status.study_type, explain=True)
        enrollment = status.enrollment
        if enrollment is not None:

            def people() -> str:
                assert enrollment is not None
                value = ngettext("{count} person", "{count} people", enrollment.count).format(
                    count=format_number(enrollment.count, self._lang())
                )
                if enrollment.type is None:
                    return value
                return _("{value} — {kind}").format(value=value, kind=enum_label(enrollment.type))

            self._field(layout, N_("Number of participants")).add_value(
                people, enrollment.type.value if enrollment.type else None
            )
        dates: tuple[tuple[Words, PartialDate | None], ...] = (
            (N_("Start date"), status.start),
            (N_("Primary completion date"), status.primary_completion),
            (N_("Completion date"), status.completion),
        )
        for name, date in dates:
            if date is not None:
                raw = date.type.value if date.type else None
                self._field(layout, name).add_value(partial(self._dated, date), raw)
        if status.last_update_posted:
            last = status.last_update_posted
            self._field(layout, N_("Last update posted")).add_value(
                lambda: format_date(last, self._lang())
            )
        self._field(layout, N_("Results posted")).add_value(
            N_("Yes, results are posted on the registry")
            if status.results_posted
            else N_("No results are posted on the registry")
        )

    def _summary(self, layout: QVBoxLayout) -> None:
        self._official(layout, self.record.official.brief_summary)
        if summary_note(self.record, "en") is not None:
            field = self._field(layout, N_("Where this text comes from"))
            field.add_note(lambda: summary_note(self.record, self._lang()))

    def _description(self, layout: QVBoxLayout) -> None:
        text = self.record.official.detailed_description or ""
        self._official(layout, text)

    def _conditions(self, layout: QVBoxLayout) -> None:
        self._official(layout, self.record.conditions)

    def _keywords(self, layout: QVBoxLayout) -> None:
        self._official(layout, self.record.keywords)

    def _design(self, layout: QVBoxLayout) -> None:
        design = self.record.design
        if design.allocation is not None:
            self._field(layout, N_("Allocation")).add_enum(design.allocation, explain=True)
        if design.intervention_model is not None:
            field = self._field(layout, N_("Intervention model"))
            field.add_enum(design.intervention_model, explain=True)
            if design.intervention_model_description:
                field.add_official(design.intervention_model_description)
        if design.primary_purpose is not None:
            self._field(layout, N_("Primary purpose")).add_enum(design.primary_purpose)
        if design.masking is not None:
            field = self._field(layout, N_("Masking (blinding)"))
            field.add_enum(design.masking, explain=True)
            if design.masking_description:
                field.add_official(design.masking_description)
        if design.observational_model is not None:
            self._field(layout, N_("Observational model")).add_enum(design.observational_model)
        if design.time_perspective is not None:
            self._field(layout, N_("Time perspective")).add_enum(design.time_perspective)
        if design.bio_spec_retention is not None or design.bio_spec_description:
            field = self._field(layout, N_("Samples kept (biospecimens)"))
            if design.bio_spec_retention is not None:
                field.add_enum(design.bio_spec_retention)
            if design.bio_spec_description:
                field.add_official(design.bio_spec_description)

    def _arms(self, layout: QVBoxLayout) -> None:
        self._cards(layout, self.record.arms, self._arm)

    def _arm(self, layout: QVBoxLayout, arm: Arm) -> None:
        card = self._item_card(layout, arm.label)
        if arm.type is not None:
            self._field(card, N_("Group type")).add_enum(arm.type, explain=True)
        if arm.description:
            self._field(card, N_("Description")).add_official(arm.description)
        if arm.interventions:
            self._field(card, N_("Treatments given")).add_official(arm.interventions)

    def _interventions(self, layout: QVBoxLayout) -> None:
        self._cards(layout, self.record.interventions, self._intervention)

    def _intervention(self, layout: QVBoxLayout, intervention: Intervention) -> None:
        card = self._item_card(layout, intervention.name)
        self._field(card, N_("Type")).add_enum(intervention.type)
        if intervention.description:
            self._field(card, N_("Description")).add_official(intervention.description)
        if intervention.other_names:
            self._field(card, N_("Other names")).add_official(intervention.other_names)
        if intervention.arm_labels:
            self._field(card, N_("Study groups")).add_official(intervention.arm_labels)

    def _outcomes(self, layout: QVBoxLayout) -> None:
        outcomes = self.record.outcomes
        groups: tuple[tuple[Words, Sequence[Outcome]], ...] = (
            (N_("Primary outcomes"), outcomes.primary),
            (N_("Secondary outcomes"), outcomes.secondary),
        )
        for name, items in groups:
            if not items:
                continue
            self._subheading(layout, name)
            self._cards(layout, items, self._outcome)

    def _outcome(self, layout: QVBoxLayout, outcome: Outcome) -> None:
        card = self._item_card(layout, outcome.measure)
        if outcome.time_frame:
            self._field(card, N_("Time frame")).add_official(outcome.time_frame)
        if outcome.description:
            self._field(card, N_("Description")).add_official(outcome.description)

    def _eligibility(self, layout: QVBoxLayout) -> None:
        eligibility = self.record.eligibility
        low, high = eligibility.minimum_age, eligibility.maximum_age
        if low is not None or high is not None:
            self._field(layout, N_("Ages")).add_value(
                lambda: self._ages(low, high), _raw_ages(low, high)
            )
        self._field(layout, N_("Sex")).add_enum(eligibility.sex)
        self._field(layout, N_("Accepts healthy volunteers")).add_value(
            N_("Yes") if eligibility.healthy_volunteers else N_("No")
        )
        if eligibility.study_population:
            self._field(layout, N_("Study population")).add_official(eligibility.study_population)
        if eligibility.sampling_method is not None:
            self._field(layout, N_("How people are chosen")).add_enum(eligibility.sampling_method)
        kinds: tuple[tuple[CriterionKind, Words], ...] = (
            (CriterionKind.INCLUSION, N_("Inclusion criteria")),
            (CriterionKind.EXCLUSION, N_("Exclusion criteria")),
            (CriterionKind.UNSPECIFIED, N_("Criteria not yet sorted")),
        )
        for kind, name in kinds:
            criteria = [(c.subgroup, c.official) for c in eligibility.criteria if c.kind is kind]
            if not criteria:
                continue
            field = self._field(layout, name)
            if kind is CriterionKind.UNSPECIFIED:
                field.add_note(
                    N_(
                        "The registry's text does not say which of these are needed and "
                        "which rule a person out."
                    )
                )
            label = OfficialText(field)
            label.set_criteria(criteria)
            field.layout_.addWidget(label)
            if criteria_notes(self.record, kind, "en") is not None:
                field.add_note(partial(self._criteria_notes, kind))
        if eligibility.notes:
            notes = OfficialText(layout.parentWidget(), framed=False)
            notes.setProperty("role", "muted")
            notes.set_notes(eligibility.notes)
            layout.addWidget(notes)

    def _ages(self, low: Age | None, high: Age | None) -> str:
        """The age limits as a range in words ("25 to 45 years", "۲۵ تا ۴۵ سال")."""
        if low is not None and high is not None and low.unit is not high.unit:
            return _("{low} to {high}").format(
                low=format_quantity(low.value, low.unit, self._lang()),
                high=format_quantity(high.value, high.unit, self._lang()),
            )
        unit = low.unit if low is not None else high.unit if high is not None else None
        return format_range(
            low.value if low is not None else None,
            high.value if high is not None else None,
            self._lang(),
            unit,
        )

    def _sponsors(self, layout: QVBoxLayout) -> None:
        sponsors = self.record.sponsors
        lead = self._field(layout, N_("Lead sponsor"))
        lead.add_official(sponsors.lead.name)
        lead.add_enum(sponsors.lead.agency_class)
        if sponsors.collaborators:
            field = self._field(
                layout,
                lambda: ngettext("Collaborator", "Collaborators", len(sponsors.collaborators)),
            )
            for organization in sponsors.collaborators:
                field.add_official(organization.name)
                field.add_enum(organization.agency_class)
        if sponsors.responsible_party:
            self._field(layout, N_("Responsible party")).add_official(sponsors.responsible_party)

    def _investigators(self, layout: QVBoxLayout) -> None:
        self._cards(layout, self.record.investigators, self._investigator)

    def _investigator(self, layout: QVBoxLayout, person: Investigator) -> None:
        card = self._item_card(layout, person.name)
        self._field(card, N_("Role")).add_enum(person.role)
        if person.affiliation:
            self._field(card, N_("Affiliation")).add_official(person.affiliation)

    def _locations(self, layout: QVBoxLayout) -> None:
        self._cards(layout, self.record.locations, self._location)

    def _location(self, layout: QVBoxLayout, location: Location) -> None:
        card = self._item_card(layout, location.facility)
        place = ", ".join(p for p in (location.city, location.state, location.country) if p)
        if place:
            self._field(card, N_("Place")).add_official(place)
        if location.status is not None:
            self._field(card, N_("Status at this site")).add_enum(location.status)

    def _references(self, layout: QVBoxLayout) -> None:
        self._cards(layout, self.record.references, self._reference)

    def _reference(self, layout: QVBoxLayout, reference: Reference) -> None:
        card = self._item_card(layout)
        self._field(card, N_("Citation")).add_official(reference.citation)
        if reference.type is not None:
            self._field(card, N_("Type")).add_enum(reference.type)
        if reference.doi:
            self._field(card, N_("DOI")).add_official(reference.doi)
        if reference.pmid:
            self._field(card, N_("PubMed ID")).add_official(reference.pmid)

    def _related(self, layout: QVBoxLayout) -> None:
        label = OfficialText(layout.parentWidget())
        label.set_pairs([(s.nct_id, s.title) for s in self.record.related_studies])
        layout.addWidget(label)


def _raw_ages(low: Age | None, high: Age | None) -> str:
    """The registry's own age limits ("minimumAge: 25 Years, maximumAge: 45 Years")."""
    parts = []
    if low is not None:
        parts.append(f"minimumAge: {low.value} {low.unit.value.title()}")
    if high is not None:
        parts.append(f"maximumAge: {high.value} {high.unit.value.title()}")
    return ", ".join(parts)

"""Which criteria a result lists, in which groups and order, with which words.

One function, :func:`criteria_view`, decides the order and the grouping for the result
screen and the handout alike, so they agree by construction. When criteria gain
subgroups or group rules, this is the one place their display order changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import N_
from app.present.outcome import Situation, result_past, situation
from app.present.text import criterion_reason, criterion_text, say, status_label
from app.record import TrialRecord
from app.selfcheck import CriterionResult, CriterionStatus, Outcome, SelfCheckResult

#: Status groups in the order shown for each outcome: the groups behind it first.
GROUP_ORDER: dict[Outcome, tuple[CriterionStatus, ...]] = {
    Outcome.DOES_NOT_MATCH: (
        CriterionStatus.NOT_MET,
        CriterionStatus.UNKNOWN,
        CriterionStatus.MET,
        CriterionStatus.SCREENING,
    ),
    Outcome.MAY_MATCH: (
        CriterionStatus.UNKNOWN,
        CriterionStatus.SCREENING,
        CriterionStatus.NOT_MET,
        CriterionStatus.MET,
    ),
    Outcome.LIKELY_MATCH: (
        CriterionStatus.MET,
        CriterionStatus.NOT_MET,
        CriterionStatus.UNKNOWN,
        CriterionStatus.SCREENING,
    ),
}

LED_HEADING = N_("What led to this")
LOOKS_FOR_HEADING = (N_("What the study looks for"), N_("What the study looked for"))
OTHER_HEADING = N_("The other points")
#: The line under the heading for each situation: (present, past).
INTROS: dict[Situation, tuple[str, str]] = {
    Situation.NOTHING_ANSWERED: (
        N_("Each point below is not known yet, or the study team checks it."),
        N_("Each point below is not known yet, or the study team checked it."),
    ),
    Situation.DOES_NOT_FIT: (
        N_("The points that do not fit come first."),
        N_("The points that do not fit come first."),
    ),
    Situation.SOME_OPEN: (
        N_("The points that are still open come first. The study team checks them."),
        N_("The points that are still open come first. The study team would have checked them."),
    ),
    Situation.ONLY_TEAM_LEFT: (
        N_("Every question you answered fits. First come the points the study team checks."),
        N_("Every question you answered fits. First come the points the study team checked."),
    ),
    Situation.ALL_FIT: (
        N_("Every point fits your answers."),
        N_("Every point fits your answers."),
    ),
}
#: The heading of the short list of criteria the team checks (a list, not "checks this").
SCREENING_HEADING = (N_("What the study team checks"), N_("What the study team checked"))
#: The one explanation above the short list of criteria the team checks.
SCREENING_EXPLANATION = (
    N_("You cannot answer these yourself. The study team checks them with its own tests."),
    N_("You could not answer these yourself. The study team checked them with its own tests."),
)


@dataclass(frozen=True)
class CriterionEntry:
    """One criterion of a result, in one language."""

    item: CriterionResult
    text: str  #: the criterion in plain words (its official text when none is written)
    reason: str  #: why it stands where it does
    label: str = ""  #: its status in words, in the result's tense

    @property
    def criterion_id(self) -> str:
        """The criterion's id in the record."""
        return self.item.criterion_id

    @property
    def status(self) -> CriterionStatus:
        """Where the criterion stands."""
        return self.item.status


@dataclass(frozen=True)
class CriterionGroup:
    """The criteria of one status, under a heading."""

    status: CriterionStatus
    label: str  #: the group's heading ("Fits", "Does not fit", ...)
    entries: tuple[CriterionEntry, ...]
    deciding: bool  #: this group is behind the outcome
    #: The first group that is not behind the outcome, after some that are: "The other
    #: points" goes above it.
    starts_others: bool = False
    #: One explanation for the whole group; its rows then show only their criterion
    #: (the criteria the team checks: one short list, not eight "checks this" rows).
    explanation: str | None = None

    @property
    def compact(self) -> bool:
        """The rows show only their criterion; the group's explanation says the rest."""
        return self.explanation is not None


@dataclass(frozen=True)
class CriteriaView:
    """The criteria part of a result: heading, intro and the groups in order."""

    heading: str
    intro: str
    groups: tuple[CriterionGroup, ...]  #: only groups with criteria, in reading order
    other_heading: str

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        """Every criterion id, in reading order."""
        return tuple(e.criterion_id for g in self.groups for e in g.entries)


def entry(
    record: TrialRecord, item: CriterionResult, lang: str, past: bool = False
) -> CriterionEntry:
    """One criterion's words in ``lang`` (``past``: of a study that is over)."""
    return CriterionEntry(
        item,
        criterion_text(record, item.criterion_id, lang),
        criterion_reason(item, lang, past),
        status_label(item.status, lang, past),
    )


def criterion_groups(
    record: TrialRecord, result: SelfCheckResult, lang: str
) -> tuple[CriterionGroup, ...]:
    """The result's criteria grouped by status, the groups behind the outcome first.

    Empty groups are left out. Within a group the record's order is kept.
    """
    deciding = {item.status for item in result.deciding}
    past = result_past(result)
    groups: list[CriterionGroup] = []
    others_started = False
    for status in GROUP_ORDER[result.outcome]:
        items = result.with_status(status)
        if not items:
            continue
        is_deciding = status in deciding
        starts_others = bool(deciding) and not is_deciding and not others_started
        others_started = others_started or starts_others
        groups.append(
            CriterionGroup(
                status=status,
                label=(
                    say(SCREENING_HEADING[past], lang)
                    if status is CriterionStatus.SCREENING
                    else status_label(status, lang, past)
                ),
                entries=tuple(entry(record, item, lang, past) for item in items),
                deciding=is_deciding,
                starts_others=starts_others,
                explanation=(
                    say(SCREENING_EXPLANATION[past], lang)
                    if status is CriterionStatus.SCREENING
                    else None
                ),
            )
        )
    return tuple(groups)


def criteria_view(
    record: TrialRecord, result: SelfCheckResult, lang: str, *, answered: bool = True
) -> CriteriaView:
    """Heading, intro and ordered groups of a result's criteria in ``lang``.

    ``answered`` is False before any question is answered: the view then lists what the
    study looks for rather than what led to an outcome.
    """
    past = result_past(result)
    where = situation(result) if answered else Situation.NOTHING_ANSWERED
    heading = LOOKS_FOR_HEADING[past] if where is Situation.NOTHING_ANSWERED else LED_HEADING
    intro = INTROS[where][past]
    return CriteriaView(
        heading=say(heading, lang),
        intro=say(intro, lang),
        groups=criterion_groups(record, result, lang),
        other_heading=say(OTHER_HEADING, lang),
    )


def entries_in_record_order(
    record: TrialRecord, result: SelfCheckResult, lang: str
) -> tuple[CriterionEntry, ...]:
    """Every criterion of a result in the record's order (the counselor's list)."""
    past = result_past(result)
    return tuple(entry(record, item, lang, past) for item in result.criteria)

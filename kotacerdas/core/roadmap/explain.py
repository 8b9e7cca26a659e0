"""Why an initiative was deferred or dropped, and why an instance is infeasible.

For an initiative that starts later than its earliest possible start
(*deferred*) or is not scheduled at all (*dropped*), we take the final
schedule, lift that initiative out, and try every earlier start it could have
had: each try names what stops it (budget in year t, predecessor X, OPD
capacity, horizon). Those reasons are exact for the schedule returned: the
initiative cannot move earlier or be added without changing something else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kotacerdas.core.roadmap.instance import Initiative, RoadmapInstance
from kotacerdas.core.roadmap.ledger import Ledger, Reason

SCHEDULED = "scheduled"
DEFERRED = "deferred"
DROPPED = "dropped"


@dataclass(frozen=True)
class InitiativeOutcome:
    """What happened to one initiative, with the constraints that bound it."""

    id: str
    outcome: str  # scheduled, deferred, dropped
    start: int | None
    earliest_possible_start: int | None
    reasons: tuple[Reason, ...] = field(default=())

    def as_dict(self, instance: RoadmapInstance) -> dict[str, object]:
        initiative = instance.initiative(self.id)
        result: dict[str, object] = {"id": self.id, "outcome": self.outcome}
        if self.start is not None:
            result["start"] = self.start
            result["start_year"] = instance.year(self.start)
            result["finish_year"] = instance.year(self.start + initiative.duration - 1)
        if self.earliest_possible_start is not None:
            result["earliest_possible_start"] = self.earliest_possible_start
        if self.reasons:
            result["reasons"] = [reason.as_dict() for reason in self.reasons]
        return result


def explain_schedule(
    instance: RoadmapInstance, schedule: dict[str, int], windows: dict[str, range]
) -> list[InitiativeOutcome]:
    """One outcome per initiative, in instance order."""
    ledger = Ledger.of(instance, schedule)
    return [_outcome(instance, ledger, initiative, windows) for initiative in instance.initiatives]


def empty_window_reason(
    instance: RoadmapInstance, initiative: Initiative, windows: dict[str, range]
) -> Reason:
    """Why an initiative has no start at all (its window is empty)."""
    window = windows[initiative.id]
    last_year = instance.year(instance.horizon_years - 1)
    if initiative.pinned_start is not None and initiative.earliest_start > initiative.pinned_start:
        message = (
            f"pinned start {instance.year(initiative.pinned_start)} is before its earliest start "
            f"{instance.year(initiative.earliest_start)}"
        )
        return Reason("earliest_start", message)
    if initiative.pinned_start is not None and window.start > initiative.pinned_start:
        blocker = _latest_finishing_predecessor(instance, initiative, windows)
        pinned_year = instance.year(initiative.pinned_start)
        message = f"pinned start {pinned_year} is before predecessor {blocker} can finish"
        return Reason("predecessor", message, initiative=blocker)
    message = (
        f"cannot finish by {last_year}: earliest possible start {instance.year(window.start)} "
        f"plus {initiative.duration} year(s)"
    )
    if window.start > initiative.earliest_start:
        message += " (after its predecessors)"
    if window.start + initiative.duration <= instance.horizon_years:
        message = (
            f"cannot finish early enough for the mandatory initiatives that depend on it (by {last_year})"
        )
    return Reason("horizon", message)


def _outcome(
    instance: RoadmapInstance, ledger: Ledger, initiative: Initiative, windows: dict[str, range]
) -> InitiativeOutcome:
    start = ledger.schedule.get(initiative.id)
    window = windows[initiative.id]
    if not window:
        reason = empty_window_reason(instance, initiative, windows)
        return InitiativeOutcome(initiative.id, DROPPED, None, None, (reason,))
    if start is not None and start <= window.start:
        return InitiativeOutcome(initiative.id, SCHEDULED, start, window.start)
    candidates = range(window.start, start) if start is not None else window
    reasons = _reasons_for_starts(instance, ledger, initiative, candidates)
    outcome = DEFERRED if start is not None else DROPPED
    return InitiativeOutcome(initiative.id, outcome, start, window.start, tuple(reasons))


def _reasons_for_starts(
    instance: RoadmapInstance, ledger: Ledger, initiative: Initiative, candidates: range
) -> list[Reason]:
    current = ledger.schedule.get(initiative.id)
    if current is not None:
        ledger.remove(initiative)
    try:
        found: list[Reason] = []
        for start in candidates:
            blockers = ledger.blockers(initiative, start)
            if not blockers:
                message = (
                    f"could start in {instance.year(start)} without breaking a constraint; "
                    "it gains nothing there, or the solver did not reach it within the time limit"
                )
                blockers = [Reason("objective", message, start, instance.year(start))]
            found.extend(reason for reason in blockers if reason not in found)
        return found
    finally:
        if current is not None:
            ledger.place(initiative, current)


def _latest_finishing_predecessor(
    instance: RoadmapInstance, initiative: Initiative, windows: dict[str, range]
) -> str:
    return max(
        initiative.predecessors,
        key=lambda p: windows[p].start + instance.initiative(p).duration,
        default="(none)",
    )

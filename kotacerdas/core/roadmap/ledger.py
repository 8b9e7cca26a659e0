"""Start windows and a resource ledger shared by the greedy baseline and the explanations.

:func:`start_windows` gives each initiative the start indices that the horizon,
its earliest start, its pin and its predecessor chain allow. :class:`Ledger`
tracks what a partial schedule has used of each yearly budget and each OPD's
capacity, and says which constraint stops an initiative from starting in a
given year (:meth:`Ledger.blockers`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kotacerdas.core.roadmap.instance import Initiative, RoadmapInstance, topological_order

# Same tolerance as the checker: rounding noise is not an overspend.
EPSILON = 1e-6


@dataclass(frozen=True)
class Reason:
    """A constraint that binds an initiative (or makes an instance infeasible).

    ``constraint`` is one of: ``budget`` (total or per-source ceiling in a year),
    ``agency_capacity`` (OPD concurrency in a year), ``predecessor`` (a
    predecessor not scheduled or not finished in time), ``horizon`` (cannot
    finish inside the horizon), ``earliest_start``, ``pinned_start``, ``mandatory``.
    """

    constraint: str
    message: str
    year_index: int | None = None
    year: int | None = None
    agency: str | None = None
    source: str | None = None
    initiative: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {key: value for key, value in self.__dict__.items() if value is not None}


def start_windows(instance: RoadmapInstance) -> dict[str, range]:
    """Start indices each initiative could use if resources were unlimited.

    The lower end follows the longest predecessor chain (a successor cannot start
    before all its predecessors could have finished); the upper end lets the
    initiative finish inside the horizon, and also leaves room for any must-run
    successor. An empty range means the initiative can never be scheduled.
    """
    order = topological_order(instance)
    lowest: dict[str, int] = {}
    for initiative in order:
        chain = max((lowest[p] + instance.initiative(p).duration for p in initiative.predecessors), default=0)
        lowest[initiative.id] = max(initiative.earliest_start, chain)
        if initiative.pinned_start is not None:
            lowest[initiative.id] = max(lowest[initiative.id], initiative.pinned_start)
    highest = {i.id: instance.horizon_years - i.duration for i in instance.initiatives}
    for initiative in instance.initiatives:
        if initiative.pinned_start is not None:
            highest[initiative.id] = min(highest[initiative.id], initiative.pinned_start)
    must_run = must_run_ids(instance)
    for initiative in reversed(order):
        if initiative.id not in must_run:
            continue
        for predecessor in initiative.predecessors:
            latest = highest[initiative.id] - instance.initiative(predecessor).duration
            highest[predecessor] = min(highest[predecessor], latest)
    return {i.id: range(lowest[i.id], highest[i.id] + 1) for i in instance.initiatives}


def must_run_ids(instance: RoadmapInstance) -> set[str]:
    """Mandatory and pinned initiatives plus, transitively, everything they depend on."""
    pending = [initiative.id for initiative in instance.initiatives if initiative.must_run]
    closed: set[str] = set()
    while pending:
        initiative_id = pending.pop()
        if initiative_id not in closed:
            closed.add(initiative_id)
            pending.extend(instance.initiative(initiative_id).predecessors)
    return closed


class Ledger:
    """Remaining budgets and OPD capacity while a schedule is built or examined."""

    def __init__(self, instance: RoadmapInstance) -> None:
        self.instance = instance
        self.schedule: dict[str, int] = {}
        self.total_left = list(instance.budget)
        self.source_left = {source: list(values) for source, values in instance.budget_by_source.items()}
        self.slots_left = {
            agency.id: [agency.max_concurrent] * instance.horizon_years for agency in instance.agencies
        }

    @classmethod
    def of(cls, instance: RoadmapInstance, schedule: dict[str, int]) -> Ledger:
        ledger = cls(instance)
        for initiative_id, start in schedule.items():
            ledger.place(instance.initiative(initiative_id), start)
        return ledger

    def place(self, initiative: Initiative, start: int) -> None:
        self._apply(initiative, start, sign=-1)
        self.schedule[initiative.id] = start

    def remove(self, initiative: Initiative) -> None:
        start = self.schedule.pop(initiative.id)
        self._apply(initiative, start, sign=+1)

    def fits(self, initiative: Initiative, start: int) -> bool:
        return not self.blockers(initiative, start, first_only=True)

    def blockers(self, initiative: Initiative, start: int, first_only: bool = False) -> list[Reason]:
        """Why ``initiative`` cannot start at ``start`` next to the current schedule (empty: it can)."""
        found = self._precedence_blockers(initiative, start)
        if found and first_only:
            return found
        for offset, cost in enumerate(initiative.cost_profile):
            found.extend(self._year_blockers(initiative, start + offset, cost))
            if found and first_only:
                return found
        return found

    def _precedence_blockers(self, initiative: Initiative, start: int) -> list[Reason]:
        found: list[Reason] = []
        for predecessor_id in initiative.predecessors:
            predecessor_start = self.schedule.get(predecessor_id)
            if predecessor_start is None:
                message = f"predecessor {predecessor_id} is not scheduled"
                found.append(Reason("predecessor", message, initiative=predecessor_id))
                continue
            finish = predecessor_start + self.instance.initiative(predecessor_id).duration
            if finish > start:
                year = self.instance.year(finish - 1)
                message = f"predecessor {predecessor_id} only finishes in {year}"
                found.append(Reason("predecessor", message, initiative=predecessor_id))
        return found

    def _year_blockers(self, initiative: Initiative, year_index: int, cost: float) -> list[Reason]:
        year = self.instance.year(year_index)
        found: list[Reason] = []
        if cost > self.total_left[year_index] + EPSILON:
            message = f"budget in {year}: needs {cost:g}, {max(self.total_left[year_index], 0):g} left"
            found.append(Reason("budget", message, year_index, year))
        source = initiative.funding_source
        if source is not None and cost > self.source_left[source][year_index] + EPSILON:
            left = max(self.source_left[source][year_index], 0)
            message = f"{source} budget in {year}: needs {cost:g}, {left:g} left"
            found.append(Reason("budget", message, year_index, year, source=source))
        if self.slots_left[initiative.agency][year_index] < 1:
            limit = self.instance.agency(initiative.agency).max_concurrent
            message = f"OPD capacity of {initiative.agency} in {year}: already {limit} running"
            found.append(Reason("agency_capacity", message, year_index, year, agency=initiative.agency))
        return found

    def _apply(self, initiative: Initiative, start: int, sign: int) -> None:
        for offset, cost in enumerate(initiative.cost_profile):
            year = start + offset
            self.total_left[year] += sign * cost
            if initiative.funding_source is not None:
                self.source_left[initiative.funding_source][year] += sign * cost
            self.slots_left[initiative.agency][year] += sign

"""An independent feasibility checker and objective for a roadmap schedule.

It shares nothing with the solver model on purpose: it walks the rules of
roadmap/v1 one by one, so a modelling mistake in the optimiser shows up as a
violation here. Tests run every returned schedule through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kotacerdas.core.roadmap.instance import RoadmapInstance

Schedule = Mapping[str, int]
"""Selected initiatives only: initiative id -> 0-based start year index."""

# Costs are money: allow rounding noise, never a real overspend.
BUDGET_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Violation:
    constraint: str  # horizon, earliest_start, pinned_start, mandatory, predecessor, budget, agency_capacity
    message: str
    initiative: str | None = None
    year_index: int | None = None


def objective_value(instance: RoadmapInstance, schedule: Schedule) -> float:
    """Sum of benefit x discount_weights[start + duration - 1] over scheduled initiatives."""
    return sum(
        instance.weight_at_finish(instance.initiative(initiative_id), start)
        for initiative_id, start in schedule.items()
    )


def spend_by_year(instance: RoadmapInstance, schedule: Schedule, source: str | None = None) -> list[float]:
    """Money spent per year index, in total or for one funding source."""
    spend = [0.0] * instance.horizon_years
    for initiative_id, start in schedule.items():
        initiative = instance.initiative(initiative_id)
        if source is not None and initiative.funding_source != source:
            continue
        for offset, cost in enumerate(initiative.cost_profile):
            if start + offset < instance.horizon_years:
                spend[start + offset] += cost
    return spend


def running_by_agency(instance: RoadmapInstance, schedule: Schedule) -> dict[str, list[int]]:
    """How many initiatives each agency runs in each year index."""
    running = {agency.id: [0] * instance.horizon_years for agency in instance.agencies}
    for initiative_id, start in schedule.items():
        initiative = instance.initiative(initiative_id)
        for year in initiative.years_running(start):
            if year < instance.horizon_years:
                running[initiative.agency][year] += 1
    return running


def check_schedule(instance: RoadmapInstance, schedule: Schedule) -> list[Violation]:
    """Every broken rule of the schedule; an empty list means it is feasible."""
    known = {initiative.id for initiative in instance.initiatives}
    unknown = [Violation("unknown", f"{i!r} is not an initiative", i) for i in schedule if i not in known]
    if unknown:
        return unknown
    return [
        *_timing_violations(instance, schedule),
        *_predecessor_violations(instance, schedule),
        *_budget_violations(instance, schedule),
        *_capacity_violations(instance, schedule),
    ]


def _timing_violations(instance: RoadmapInstance, schedule: Schedule) -> list[Violation]:
    found: list[Violation] = []
    for initiative in instance.initiatives:
        start = schedule.get(initiative.id)
        if start is None:
            if initiative.must_run:
                reason = "mandatory" if initiative.mandatory else "pinned"
                found.append(
                    Violation("mandatory", f"{initiative.id} is {reason} but not scheduled", initiative.id)
                )
            continue
        if start < initiative.earliest_start:
            found.append(
                Violation(
                    "earliest_start",
                    f"{initiative.id} starts at {start}, before its earliest start "
                    f"{initiative.earliest_start}",
                    initiative.id,
                    start,
                )
            )
        if start + initiative.duration > instance.horizon_years:
            found.append(
                Violation(
                    "horizon", f"{initiative.id} does not finish inside the horizon", initiative.id, start
                )
            )
        if initiative.pinned_start is not None and start != initiative.pinned_start:
            found.append(
                Violation(
                    "pinned_start",
                    f"{initiative.id} starts at {start}, not at its pinned start {initiative.pinned_start}",
                    initiative.id,
                    start,
                )
            )
    return found


def _predecessor_violations(instance: RoadmapInstance, schedule: Schedule) -> list[Violation]:
    found: list[Violation] = []
    for initiative_id, start in schedule.items():
        for predecessor_id in instance.initiative(initiative_id).predecessors:
            predecessor_start = schedule.get(predecessor_id)
            if predecessor_start is None:
                found.append(
                    Violation(
                        "predecessor",
                        f"{initiative_id} needs {predecessor_id}, which is not scheduled",
                        initiative_id,
                    )
                )
            elif predecessor_start + instance.initiative(predecessor_id).duration > start:
                found.append(
                    Violation(
                        "predecessor",
                        f"{initiative_id} starts at {start} before {predecessor_id} finishes",
                        initiative_id,
                        start,
                    )
                )
    return found


def _budget_violations(instance: RoadmapInstance, schedule: Schedule) -> list[Violation]:
    ceilings: list[tuple[str | None, tuple[float, ...]]] = [(None, instance.budget)]
    ceilings.extend(instance.budget_by_source.items())
    found: list[Violation] = []
    for source, ceiling in ceilings:
        for year, spent in enumerate(spend_by_year(instance, schedule, source)):
            if spent > ceiling[year] + BUDGET_TOLERANCE * max(1.0, ceiling[year]):
                label = "total" if source is None else source
                found.append(
                    Violation(
                        "budget",
                        f"{label} spending {spent:g} exceeds the ceiling {ceiling[year]:g} "
                        f"in {instance.year(year)}",
                        year_index=year,
                    )
                )
    return found


def _capacity_violations(instance: RoadmapInstance, schedule: Schedule) -> list[Violation]:
    found: list[Violation] = []
    for agency_id, counts in running_by_agency(instance, schedule).items():
        limit = instance.agency(agency_id).max_concurrent
        for year, count in enumerate(counts):
            if count > limit:
                found.append(
                    Violation(
                        "agency_capacity",
                        f"{agency_id} runs {count} initiatives in {instance.year(year)}, more than {limit}",
                        year_index=year,
                    )
                )
    return found

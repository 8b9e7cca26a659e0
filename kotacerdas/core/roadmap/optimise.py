"""The roadmap optimiser: choose initiatives and start years for the most discounted benefit.

:func:`optimise_roadmap` is the entry point. It computes start windows, builds
the greedy baseline, solves the time-indexed model with HiGHS from that warm
start, and explains every deferred or dropped initiative. When the must-run
initiatives cannot all be scheduled it says which constraint is to blame.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

from kotacerdas.core.roadmap.checker import check_schedule, objective_value
from kotacerdas.core.roadmap.explain import InitiativeOutcome, empty_window_reason, explain_schedule
from kotacerdas.core.roadmap.greedy import greedy_schedule
from kotacerdas.core.roadmap.instance import FORMAT, Initiative, RoadmapInstance, instance_fingerprint
from kotacerdas.core.roadmap.ledger import Reason, must_run_ids, start_windows
from kotacerdas.core.roadmap.lns import STALL_MIN_COLUMNS, SharedIncumbent, StallWatch, connect, run_lns
from kotacerdas.core.roadmap.model import RowLabel, TimeIndexedModel, build_model
from kotacerdas.core.roadmap.solver import SOLVER_NAME, SolverOutcome, elastic_model, solve_model

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_GAP_TARGET = 1e-6
# An elastic diagnosis only needs to find the overshoot, not prove much; cap its time.
DIAGNOSIS_TIME_LIMIT = 5.0


@dataclass(frozen=True)
class RoadmapResult:
    """The optimiser's answer. ``gap`` = (bound - objective) / objective, an upper bound
    on how far the schedule can be from optimal."""

    status: str  # optimal, feasible, infeasible, unknown
    objective: float | None
    bound: float | None
    schedule: dict[str, int]
    greedy_objective: float
    seconds: float
    solver: str = SOLVER_NAME
    outcomes: tuple[InitiativeOutcome, ...] = field(default=())
    infeasibility: tuple[Reason, ...] = field(default=())
    # The recipe (DESIGN.md rule 5): with the instance, enough to explain and rerun the result.
    time_limit: float = 0.0
    seed: int = 0

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        if self.bound - self.objective <= 1e-9 * max(1.0, abs(self.bound)):
            return 0.0
        return (self.bound - self.objective) / self.objective if self.objective > 0 else None

    def as_dict(self, instance: RoadmapInstance) -> dict[str, Any]:
        """The JSON shape printed by ``kotacerdas roadmap`` (documented in roadmap-format.md)."""
        ordered = sorted(self.schedule.items(), key=lambda item: (item[1], item[0]))
        result: dict[str, Any] = {
            "status": self.status,
            "objective": _rounded(self.objective),
            "bound": _rounded(self.bound),
            "gap": _rounded(self.gap),
            "schedule": dict(ordered),
            "schedule_years": {initiative_id: instance.year(start) for initiative_id, start in ordered},
            "greedy_objective": _rounded(self.greedy_objective),
            "seconds": round(self.seconds, 3),
            "solver": self.solver,
        }
        result["recipe"] = {
            "format": FORMAT,
            "instance_sha256": instance_fingerprint(instance),
            "solver": self.solver,
            "time_limit": self.time_limit,
            "seed": self.seed,
        }
        if self.infeasibility:
            result["infeasible_because"] = [reason.as_dict() for reason in self.infeasibility]
        result["deferred"] = [o.as_dict(instance) for o in self.outcomes if o.outcome == "deferred"]
        result["dropped"] = [o.as_dict(instance) for o in self.outcomes if o.outcome == "dropped"]
        return result


def optimise_roadmap(
    instance: RoadmapInstance,
    time_limit: float = DEFAULT_TIME_LIMIT,
    gap_target: float = DEFAULT_GAP_TARGET,
    seed: int = 0,
    warm_start: bool = True,
    explain: bool = True,
) -> RoadmapResult:
    """Schedule ``instance`` within ``time_limit`` seconds of solver time.

    ``status`` is ``optimal`` (proved within ``gap_target``), ``feasible`` (a
    schedule, with a certified ``gap``), ``infeasible`` (the must-run set cannot
    be scheduled; ``infeasibility`` names the constraints) or ``unknown`` (no
    schedule found and no proof either way within the time limit).
    """
    result = _optimise(instance, time_limit, gap_target, seed, warm_start, explain)
    return replace(result, time_limit=time_limit, seed=seed)


def _optimise(
    instance: RoadmapInstance,
    time_limit: float,
    gap_target: float,
    seed: int,
    warm_start: bool,
    explain: bool,
) -> RoadmapResult:
    windows = start_windows(instance)
    greedy = greedy_schedule(instance)
    greedy_value = objective_value(instance, greedy)
    must_run = must_run_ids(instance)
    impossible = [i for i in instance.initiatives if i.id in must_run and not windows[i.id]]
    if impossible:
        reasons = tuple(_named(i, empty_window_reason(instance, i, windows)) for i in impossible)
        return RoadmapResult("infeasible", None, None, {}, greedy_value, 0.0, infeasibility=reasons)
    schedulable = [i for i in instance.initiatives if windows[i.id]]
    model = build_model(instance, windows, schedulable)
    if not model.columns:
        outcomes = tuple(explain_schedule(instance, {}, windows)) if explain else ()
        return RoadmapResult("optimal", 0.0, 0.0, {}, greedy_value, 0.0, outcomes=outcomes)
    # Greedy may have left out a must-run initiative; only a complete schedule can be a start.
    start = greedy if warm_start and not check_schedule(instance, greedy) else None
    solved = _solve_in_parallel(instance, model, start, time_limit, gap_target, seed)
    if solved.status == "infeasible":
        reasons = diagnose_infeasibility(instance, windows, min(time_limit, DIAGNOSIS_TIME_LIMIT))
        return RoadmapResult(
            "infeasible", None, None, {}, greedy_value, solved.seconds, infeasibility=reasons
        )
    if solved.values is None:
        return RoadmapResult("unknown", None, solved.bound, {}, greedy_value, solved.seconds)
    schedule = _schedule_from(model, solved.values)
    objective = objective_value(instance, schedule)
    bound = max(solved.bound, objective) if solved.bound is not None else None
    outcomes = tuple(explain_schedule(instance, schedule, windows)) if explain else ()
    return RoadmapResult(
        solved.status, objective, bound, schedule, greedy_value, solved.seconds, outcomes=outcomes
    )


def _solve_in_parallel(
    instance: RoadmapInstance,
    model: TimeIndexedModel,
    greedy: dict[str, int] | None,
    time_limit: float,
    gap_target: float,
    seed: int,
) -> SolverOutcome:
    """The main HiGHS solve, with large neighbourhood search on the second core.

    The main solve owns the bound and the proof; the search only supplies
    better schedules (see :mod:`.lns`). Small instances are proved optimal
    before the search matters. On large models, when the main solve's bound
    stalls it stops and a second search thread uses the rest of the time.
    """
    start = _start_vector(model, greedy) if greedy is not None else None
    shared = SharedIncumbent(model.objective, start)
    deadline = time.perf_counter() + time_limit
    searchers = [_start_search(model, shared, deadline, seed + 1)]
    try:
        # Tree search on small models can still reach a proof; only large ones hand over their core.
        watch = StallWatch(time_limit) if len(model.columns) >= STALL_MIN_COLUMNS else None
        main = solve_model(
            model, time_limit, gap_target, start, seed, prepare=lambda h: connect(h, shared, watch)
        )
        if main.status not in ("optimal", "infeasible") and deadline - time.perf_counter() > 0.5:
            searchers.append(_start_search(model, shared, deadline, seed + 2))
            for searcher in searchers:
                searcher.join()
    finally:
        shared.stop.set()
        for searcher in searchers:
            searcher.join()
    if main.values is not None:
        shared.offer(main.values)
    best, _ = shared.snapshot()
    if main.status == "infeasible" or best is None:
        return main
    # The warm start alone is a schedule, even if the main solve found nothing in time.
    status = "optimal" if main.status == "optimal" else "feasible"
    seconds = time_limit - max(deadline - time.perf_counter(), 0.0)
    return SolverOutcome(status, [float(v) for v in best], main.bound, seconds, main.nodes)


def _start_search(
    model: TimeIndexedModel, shared: SharedIncumbent, deadline: float, seed: int
) -> threading.Thread:
    searcher = threading.Thread(target=run_lns, args=(model, shared, deadline, seed), daemon=True)
    searcher.start()
    return searcher


def diagnose_infeasibility(
    instance: RoadmapInstance, windows: dict[str, range], time_limit: float
) -> tuple[Reason, ...]:
    """Which budget or capacity ceilings the must-run initiatives cannot fit under.

    Solves the must-run-only model with priced slack on every budget and capacity
    row (see :func:`~kotacerdas.core.roadmap.solver.elastic_model`); the rows that
    still need slack at the minimum are the constraints to relax.
    """
    must_run = must_run_ids(instance)
    model = build_model(instance, windows, [i for i in instance.initiatives if i.id in must_run])
    elastic, slacks = elastic_model(model)
    solved = solve_model(
        elastic, time_limit, start=None, maximise=False, integer_columns=len(model.columns), gap_target=1e-4
    )
    if solved.values is None:
        return (Reason("mandatory", "the mandatory initiatives cannot be scheduled together"),)
    reasons = [
        _slack_reason(instance, label, ceiling, solved.values[column])
        for column, label, ceiling in slacks
        if solved.values[column] > 1e-6
    ]
    return tuple(reasons) or (Reason("mandatory", "the mandatory initiatives cannot be scheduled together"),)


def _slack_reason(instance: RoadmapInstance, label: RowLabel, ceiling: float, excess: float) -> Reason:
    year_index = label.year_index if label.year_index is not None else 0
    year = instance.year(year_index)
    if label.kind == "budget":
        name = f"{label.source} budget" if label.source else "budget"
        message = (
            f"{name} in {year}: mandatory initiatives need at least {ceiling + excess:g}, ceiling {ceiling:g}"
        )
        return Reason("budget", message, year_index, year, source=label.source)
    message = (
        f"OPD capacity of {label.agency} in {year}: mandatory initiatives need "
        f"{round(ceiling + excess)} at once, limit {ceiling:g}"
    )
    return Reason("agency_capacity", message, year_index, year, agency=label.agency)


def _named(initiative: Initiative, reason: Reason) -> Reason:
    message = f"mandatory initiative {initiative.id}: {reason.message}"
    return Reason(
        reason.constraint,
        message,
        reason.year_index,
        reason.year,
        reason.agency,
        reason.source,
        reason.initiative or initiative.id,
    )


def _start_vector(model: TimeIndexedModel, schedule: dict[str, int]) -> list[float]:
    values = [0.0] * len(model.columns)
    for key, start in schedule.items():
        column = model.column_of.get((key, start))
        if column is not None:
            values[column] = 1.0
    return values


def _schedule_from(model: TimeIndexedModel, values: list[float]) -> dict[str, int]:
    return {
        initiative_id: start
        for (initiative_id, start), value in zip(model.columns, values, strict=False)
        if value > 0.5
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 6)

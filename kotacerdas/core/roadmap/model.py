"""The time-indexed 0-1 model of a roadmap instance, as plain sparse rows.

One binary ``x[i, s]`` per initiative ``i`` and allowed start ``s`` (the start
window from :func:`~kotacerdas.core.roadmap.ledger.start_windows`, so starts that
could never work get no column at all). Rows:

* assignment: ``sum_s x[i, s] <= 1`` (``= 1`` for must-run initiatives);
* budget: for each year t (total, and per funding source), the cost-profile
  entries of everything running in t stay under the ceiling;
* OPD capacity: for each agency and year, at most ``max_concurrent`` running;
* precedence, in the cumulative ("disaggregated") form: for each edge p -> j
  and each year t, ``sum_{s <= t} x[j, s] <= sum_{s <= t - d_p} x[p, s]``:
  j can have started by t only if p had started early enough to finish by t.
  Its LP relaxation is much tighter than one aggregated row per edge with a
  big-M on start years, and it also forces p to be selected when j is.

The model is solver-neutral (lists of coefficients); :mod:`.solver` hands it to HiGHS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kotacerdas.core.roadmap.instance import Initiative, RoadmapInstance
from kotacerdas.core.roadmap.ledger import must_run_ids

INFINITY = float("inf")


@dataclass(frozen=True)
class RowLabel:
    """What a row stands for, so an elastic solve can name the constraint it had to stretch."""

    kind: str  # assignment, budget, agency_capacity, precedence
    year_index: int | None = None
    agency: str | None = None
    source: str | None = None
    initiative: str | None = None


@dataclass
class TimeIndexedModel:
    columns: list[tuple[str, int]] = field(default_factory=list)
    objective: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_entries: list[list[tuple[int, float]]] = field(default_factory=list)
    row_labels: list[RowLabel] = field(default_factory=list)
    column_of: dict[tuple[str, int], int] = field(default_factory=dict)

    def add_row(self, entries: list[tuple[int, float]], lower: float, upper: float, label: RowLabel) -> int:
        self.row_entries.append(entries)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_labels.append(label)
        return len(self.row_entries) - 1


def build_model(
    instance: RoadmapInstance, windows: dict[str, range], initiatives: list[Initiative] | None = None
) -> TimeIndexedModel:
    """The model over ``initiatives`` (default: all) with their start windows."""
    chosen = list(instance.initiatives) if initiatives is None else initiatives
    model = TimeIndexedModel()
    for initiative in chosen:
        for start in windows[initiative.id]:
            model.column_of[(initiative.id, start)] = len(model.columns)
            model.columns.append((initiative.id, start))
            model.objective.append(instance.weight_at_finish(initiative, start))
    _assignment_rows(model, instance, chosen, windows)
    _budget_rows(model, instance, chosen, windows)
    _capacity_rows(model, instance, chosen, windows)
    _precedence_rows(model, instance, chosen, windows)
    return model


def _assignment_rows(
    model: TimeIndexedModel, instance: RoadmapInstance, chosen: list[Initiative], windows: dict[str, range]
) -> None:
    must_run = must_run_ids(instance)
    for initiative in chosen:
        entries = [(model.column_of[(initiative.id, s)], 1.0) for s in windows[initiative.id]]
        lower = 1.0 if initiative.id in must_run else 0.0
        model.add_row(entries, lower, 1.0, RowLabel("assignment", initiative=initiative.id))


def _running(initiative: Initiative, window: range, year: int) -> list[tuple[int, int]]:
    """(start, offset) pairs of the window under which the initiative runs in ``year``."""
    return [(start, year - start) for start in window if 0 <= year - start < initiative.duration]


def _budget_rows(
    model: TimeIndexedModel, instance: RoadmapInstance, chosen: list[Initiative], windows: dict[str, range]
) -> None:
    ceilings: list[tuple[str | None, tuple[float, ...]]] = [(None, instance.budget)]
    ceilings.extend(instance.budget_by_source.items())
    for source, ceiling in ceilings:
        members = [i for i in chosen if source is None or i.funding_source == source]
        for year in range(instance.horizon_years):
            entries = [
                (model.column_of[(initiative.id, start)], initiative.cost_profile[offset])
                for initiative in members
                for start, offset in _running(initiative, windows[initiative.id], year)
                if initiative.cost_profile[offset] > 0
            ]
            if entries:
                model.add_row(entries, -INFINITY, ceiling[year], RowLabel("budget", year, source=source))


def _capacity_rows(
    model: TimeIndexedModel, instance: RoadmapInstance, chosen: list[Initiative], windows: dict[str, range]
) -> None:
    for agency in instance.agencies:
        members = [i for i in chosen if i.agency == agency.id]
        for year in range(instance.horizon_years):
            entries = [
                (model.column_of[(initiative.id, start)], 1.0)
                for initiative in members
                for start, _ in _running(initiative, windows[initiative.id], year)
            ]
            # A row that can never bind only slows the solver down.
            if len(entries) > agency.max_concurrent:
                model.add_row(
                    entries,
                    -INFINITY,
                    float(agency.max_concurrent),
                    RowLabel("agency_capacity", year, agency.id),
                )


def _precedence_rows(
    model: TimeIndexedModel, instance: RoadmapInstance, chosen: list[Initiative], windows: dict[str, range]
) -> None:
    included = {initiative.id for initiative in chosen}
    for successor in chosen:
        successor_window = windows[successor.id]
        for predecessor_id in successor.predecessors:
            predecessor = instance.initiative(predecessor_id)
            predecessor_window = windows[predecessor_id] if predecessor_id in included else range(0)
            for year in successor_window:
                entries = [(model.column_of[(successor.id, s)], 1.0) for s in successor_window if s <= year]
                entries += [
                    (model.column_of[(predecessor_id, s)], -1.0)
                    for s in predecessor_window
                    if s <= year - predecessor.duration
                ]
                label = RowLabel("precedence", year, initiative=f"{predecessor_id}->{successor.id}")
                model.add_row(entries, -INFINITY, 0.0, label)

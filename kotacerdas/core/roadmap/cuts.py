"""Cover cuts for the yearly budget rows: a tighter root LP, hence a better certified bound.

Each budget row (a year, in total or for one funding source) is a knapsack over the columns
``x[i, s]`` of the initiatives running that year, and at most one column per initiative can be 1 (the
assignment row: a "GUB" constraint). The LP relaxation fills the last rupiah of every year with
fractions of initiatives; the schedules cannot (issue 17: that is why the bound lagged at 50 and 150
initiatives). A cover closes part of that:

* pick per initiative ``i`` a cost level ``θ_i`` and let ``w_i = Σ x[i, s]`` over the starts under
  which ``i`` costs at least ``θ_i`` in that year (0 or 1 in any schedule, by the assignment row);
* if ``Σ_{i ∈ C} θ_i`` exceeds the year's ceiling, not all of ``C`` can run at those levels together:
  ``Σ_{i ∈ C} w_i ≤ |C| − 1``;
* extended: an initiative ``j`` outside ``C`` at level ``θ_j = max_{i ∈ C} θ_i`` may join the
  left-hand side (any ``|C|`` of the enlarged set still cost more than the ceiling).

Every such row holds for every feasible schedule (a test checks it against every schedule of tiny
instances), so the optimum never changes; only the LP bound tightens. :func:`add_cover_cuts` separates
them in rounds against the LP optimum (cuts the current LP point violates), adds them to the model as
rows labelled ``budget_cover``, and stops when a round finds none or the rounds run out.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np

from kotacerdas.core.roadmap.model import INFINITY, RowLabel, TimeIndexedModel

ROUNDS = 8
VIOLATION = 1e-3  # a cut must be violated by at least this much to be added
MAX_CUTS_PER_ROW = 3


@dataclass(frozen=True)
class _Item:
    """One initiative in one budget row: its columns there with their costs, dearest first."""

    initiative: str
    columns: tuple[tuple[int, float], ...]  # (column, cost in this year)


def add_cover_cuts(model: TimeIndexedModel, rounds: int = ROUNDS) -> int:
    """Add violated cover cuts for every budget row, in up to ``rounds`` LP rounds; returns how many."""
    knapsacks = _knapsacks(model)
    if not knapsacks:
        return 0
    added = 0
    seen: set[tuple[int, ...]] = set()
    for _ in range(rounds):
        point = _lp_point(model)
        if point is None:
            break
        cuts = [cut for items, ceiling in knapsacks for cut in _separate(items, ceiling, point)]
        fresh = [cut for cut in cuts if tuple(sorted(cut)) not in seen]
        if not fresh:
            break
        for cut in fresh:
            seen.add(tuple(sorted(cut)))
            columns = sorted(column for column in cut if column >= 0)
            # The right-hand side |C| - 1 travels in the dict under the key -1.
            model.add_row([(c, 1.0) for c in columns], -INFINITY, float(cut[-1]), RowLabel("budget_cover"))
        added += len(fresh)
    return added


def _knapsacks(model: TimeIndexedModel) -> list[tuple[list[_Item], float]]:
    initiative_of = [initiative for initiative, _ in model.columns]
    rows = []
    for row, label in enumerate(model.row_labels):
        if label.kind != "budget" or not np.isfinite(model.row_upper[row]):
            continue
        by_initiative: dict[str, list[tuple[int, float]]] = {}
        for column, cost in model.row_entries[row]:
            if cost > 0:
                by_initiative.setdefault(initiative_of[column], []).append((column, cost))
        items = [
            _Item(key, tuple(sorted(columns, key=lambda entry: -entry[1])))
            for key, columns in by_initiative.items()
        ]
        rows.append((items, model.row_upper[row]))
    return rows


def _lp_point(model: TimeIndexedModel) -> np.ndarray | None:
    from kotacerdas.core.roadmap.solver import load_model

    highs = load_model(model, integer_columns=0)
    highs.setOptionValue("threads", 1)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.asarray(highs.getSolution().col_value)


def _separate(items: list[_Item], ceiling: float, point: np.ndarray) -> list[dict[int, int]]:
    """Violated (extended) covers of one budget row at the LP point ``point``.

    Heuristic, as usual for covers: each initiative's level is the cheapest cost among its columns the
    LP uses (so ``w_i`` holds all its LP weight there); the cover takes the initiatives with the least
    ``(1 − w_i) / θ_i`` first until the levels exceed the ceiling."""
    candidates = []
    for item in items:
        used = [(column, cost) for column, cost in item.columns if point[column] > 1e-9]
        if not used:
            continue
        level = min(cost for _, cost in used)
        weight = sum(point[column] for column, cost in item.columns if cost >= level)
        candidates.append((item, level, weight))
    candidates.sort(key=lambda entry: (1.0 - entry[2]) / entry[1])
    cuts: list[dict[int, int]] = []
    for first in range(min(MAX_CUTS_PER_ROW, len(candidates))):
        cut = _cover_from(candidates[first:], items, ceiling, point)
        if cut is not None and cut not in cuts:
            cuts.append(cut)
    return cuts


def _cover_from(
    candidates: list[tuple[_Item, float, float]], items: list[_Item], ceiling: float, point: np.ndarray
) -> dict[int, int] | None:
    cover: list[tuple[_Item, float, float]] = []
    total = 0.0
    for candidate in candidates:
        cover.append(candidate)
        total += candidate[1]
        if total > ceiling * (1 + 1e-9):
            break
    else:
        return None
    # Minimal: drop members (largest 1 − w first) while the rest still exceed the ceiling.
    for member in sorted(cover, key=lambda entry: entry[2]):
        if total - member[1] > ceiling * (1 + 1e-9):
            cover.remove(member)
            total -= member[1]
    size = len(cover)
    top = max(level for _, level, _ in cover)
    chosen = {item.initiative for item, _, _ in cover}
    cut: dict[int, int] = {}
    for item, level, _ in cover:
        for column, cost in item.columns:
            if cost >= level:
                cut[column] = 1
    for item in items:  # the extension: others at the cover's largest level
        if item.initiative not in chosen:
            for column, cost in item.columns:
                if cost >= top:
                    cut[column] = 1
    lhs = sum(point[column] for column in cut)
    if lhs <= size - 1 + VIOLATION:
        return None
    cut[-1] = size - 1
    return cut

"""Multi-criteria prioritisation of masterplan initiatives, and how stable the ranking is.

Each initiative gets a raw score per criterion (e.g. 1-5 for impact, rupiah for
cost). Scores are normalised to 0..1 per criterion (higher is better; cost-type
criteria are inverted), combined by a weighted sum with weights that come from
AHP (:mod:`kotacerdas.core.ahp`) or are given directly, and ranked.

Because weights are judgements, the result also says how far each weight can
move before the ranking changes:

* :func:`weight_stability` - for each criterion, the exact interval of its weight
  (the other weights keep their proportions) over which the whole ranking, and
  the top-k set, stay the same. Scores are linear in the weight, so every pair of
  initiatives swaps at most once and the intervals come from those crossing
  points, not from sampling.
* :func:`weight_shifts` - the rank changes when each weight moves by +/- x %
  (e.g. 10 %), the question a steering committee actually asks.

The criteria list is data: :data:`DEFAULT_CRITERIA` holds the ones named in the
planning issue, because Kominfo's own Quick Win criteria could not be read
(domain.md section 2.4) and each region may use its own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Direction = Literal["benefit", "cost"]


class PrioritisationError(ValueError):
    """Inconsistent criteria, scores or weights; the message names the item."""


@dataclass(frozen=True)
class Criterion:
    """A scoring criterion. ``scale`` fixes the 0..1 normalisation (e.g. (1, 5) for a Likert
    score); without it the lowest and highest observed scores are used."""

    id: str
    name: str = ""
    direction: Direction = "benefit"
    scale: tuple[float, float] | None = None


DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion("impact", "Impact on citizens", "benefit", (1, 5)),
    Criterion("urgency", "Urgency", "benefit", (1, 5)),
    Criterion("readiness", "Feasibility / readiness", "benefit", (1, 5)),
    Criterion("cost", "Cost", "cost"),
    Criterion("rpjmd_alignment", "Alignment with the RPJMD", "benefit", (1, 5)),
    Criterion("spbe_relevance", "SPBE relevance", "benefit", (1, 5)),
)


@dataclass(frozen=True)
class RankedInitiative:
    id: str
    score: float
    rank: int  # 1 = best; ties share a rank (1, 2, 2, 4)
    contributions: Mapping[str, float] = field(default_factory=dict)  # weight x normalised score


@dataclass(frozen=True)
class Prioritisation:
    """Normalised scores, weights and the ranking; the input of the sensitivity functions."""

    criteria: tuple[Criterion, ...]
    initiative_ids: tuple[str, ...]
    normalised: NDArray[np.float64]  # initiatives x criteria, 0..1, higher is better
    weights: NDArray[np.float64]  # sums to 1
    ranking: tuple[RankedInitiative, ...]

    def scores(self) -> dict[str, float]:
        return {item.id: item.score for item in self.ranking}

    def ranks(self) -> dict[str, int]:
        return {item.id: item.rank for item in self.ranking}

    def top(self, count: int) -> list[str]:
        return [item.id for item in self.ranking[:count]]


@dataclass(frozen=True)
class WeightRange:
    """How far one criterion's weight can move (others rescaled) before the ranking changes.

    ``ranking_*`` bound the interval where every rank stays; ``top_k_*`` where the
    set of the first ``top_k`` initiatives stays (its internal order may change).
    """

    criterion: str
    weight: float
    ranking_low: float
    ranking_high: float
    top_k: int
    top_k_low: float
    top_k_high: float


@dataclass(frozen=True)
class RankMove:
    id: str
    rank_before: int
    rank_after: int


@dataclass(frozen=True)
class WeightShift:
    """The ranking after one criterion's weight changes by ``change`` (relative, e.g. +0.1)."""

    criterion: str
    change: float
    weight_before: float
    weight_after: float
    moves: tuple[RankMove, ...]  # only initiatives whose rank changed
    top_changed: bool


def prioritise(
    scores: Mapping[str, Mapping[str, float]],
    weights: Mapping[str, float],
    criteria: Sequence[Criterion] = DEFAULT_CRITERIA,
) -> Prioritisation:
    """Normalise, weight and rank. ``scores[initiative][criterion]`` must cover every criterion.

    Weights may be on any scale (they are divided by their sum), e.g.
    ``AhpResult.weights()`` or direct percentages.
    """
    criteria = tuple(criteria)
    _check_criteria(criteria)
    ids = tuple(scores)
    if not ids:
        raise PrioritisationError("there are no initiatives to prioritise")
    raw = _score_matrix(scores, ids, criteria)
    normalised = np.column_stack([_normalise(raw[:, j], c) for j, c in enumerate(criteria)])
    weight_vector = _weight_vector(weights, criteria)
    return Prioritisation(
        criteria, ids, normalised, weight_vector, _rank(ids, criteria, normalised, weight_vector)
    )


def weight_stability(prioritisation: Prioritisation, top_k: int = 3) -> list[WeightRange]:
    """For each criterion, the weight interval that keeps the ranking and the top-k set."""
    if not 1 <= top_k <= len(prioritisation.initiative_ids):
        raise PrioritisationError(f"top_k must be between 1 and {len(prioritisation.initiative_ids)}")
    order = [prioritisation.initiative_ids.index(item.id) for item in prioritisation.ranking]
    top = set(order[:top_k])
    result = []
    for column, criterion in enumerate(prioritisation.criteria):
        weight = float(prioritisation.weights[column])
        slopes, intercepts = _linear_scores(prioritisation, column)
        all_pairs = [(a, b) for a in range(len(order)) for b in range(a + 1, len(order))]
        ranking_low, ranking_high = _stable_interval(slopes, intercepts, weight, all_pairs, ties_count=True)
        boundary_pairs = [(a, b) for a in top for b in range(len(order)) if b not in top]
        top_low, top_high = _stable_interval(slopes, intercepts, weight, boundary_pairs)
        result.append(WeightRange(criterion.id, weight, ranking_low, ranking_high, top_k, top_low, top_high))
    return result


def weight_shifts(prioritisation: Prioritisation, change: float = 0.1) -> list[WeightShift]:
    """The rank changes when each weight is multiplied by (1 - change) and by (1 + change)."""
    if not 0 < change < 1:
        raise PrioritisationError("change must be between 0 and 1 (e.g. 0.1 for +/- 10 %)")
    before = prioritisation.ranks()
    leader = prioritisation.ranking[0].id
    shifts = []
    for column, criterion in enumerate(prioritisation.criteria):
        for signed in (-change, change):
            weights = _moved_weights(
                prioritisation.weights, column, prioritisation.weights[column] * (1 + signed)
            )
            ranking = _rank(
                prioritisation.initiative_ids, prioritisation.criteria, prioritisation.normalised, weights
            )
            after = {item.id: item.rank for item in ranking}
            moves = tuple(
                RankMove(i, before[i], after[i])
                for i in prioritisation.initiative_ids
                if before[i] != after[i]
            )
            shifts.append(
                WeightShift(
                    criterion.id,
                    signed,
                    float(prioritisation.weights[column]),
                    float(weights[column]),
                    moves,
                    top_changed=ranking[0].id != leader,
                )
            )
    return shifts


def roadmap_benefits(prioritisation: Prioritisation, scale: float = 100.0) -> dict[str, float]:
    """Priority scores as roadmap ``benefit`` values (score x ``scale``), so the roadmap
    optimiser maximises priority-weighted, discounted benefit."""
    return {item.id: round(item.score * scale, 6) for item in prioritisation.ranking}


def _check_criteria(criteria: tuple[Criterion, ...]) -> None:
    if not criteria:
        raise PrioritisationError("at least one criterion is needed")
    ids = [criterion.id for criterion in criteria]
    if len(set(ids)) != len(ids):
        raise PrioritisationError(f"duplicate criteria: {sorted({i for i in ids if ids.count(i) > 1})}")
    for criterion in criteria:
        if criterion.direction not in ("benefit", "cost"):
            raise PrioritisationError(f"criterion {criterion.id}: direction must be 'benefit' or 'cost'")
        if criterion.scale is not None and not criterion.scale[0] < criterion.scale[1]:
            raise PrioritisationError(f"criterion {criterion.id}: scale must be (low, high) with low < high")


def _score_matrix(
    scores: Mapping[str, Mapping[str, float]], ids: tuple[str, ...], criteria: tuple[Criterion, ...]
) -> NDArray[np.float64]:
    raw = np.empty((len(ids), len(criteria)))
    for i, initiative_id in enumerate(ids):
        row = scores[initiative_id]
        for j, criterion in enumerate(criteria):
            if criterion.id not in row:
                raise PrioritisationError(
                    f"initiative {initiative_id}: no score for criterion {criterion.id}"
                )
            value = row[criterion.id]
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise PrioritisationError(
                    f"initiative {initiative_id}: {criterion.id} score {value!r} is not a number"
                )
            low, high = criterion.scale or (-math.inf, math.inf)
            if not low <= value <= high:
                raise PrioritisationError(
                    f"initiative {initiative_id}: {criterion.id} score {value:g} is outside {low:g}..{high:g}"
                )
            raw[i, j] = value
    return raw


def _normalise(column: NDArray[np.float64], criterion: Criterion) -> NDArray[np.float64]:
    low, high = criterion.scale or (float(column.min()), float(column.max()))
    if high == low:
        # Every initiative scores the same: the criterion cannot separate them.
        return np.ones_like(column)
    scaled = (column - low) / (high - low)
    return np.asarray(1 - scaled if criterion.direction == "cost" else scaled, dtype=np.float64)


def _weight_vector(weights: Mapping[str, float], criteria: tuple[Criterion, ...]) -> NDArray[np.float64]:
    known = {criterion.id for criterion in criteria}
    unknown = sorted(set(weights) - known)
    if unknown:
        raise PrioritisationError(f"weights for unknown criteria: {', '.join(unknown)}")
    values = []
    for criterion in criteria:
        value = weights.get(criterion.id)
        if value is None:
            raise PrioritisationError(f"no weight for criterion {criterion.id}")
        if not math.isfinite(value) or value < 0:
            raise PrioritisationError(f"criterion {criterion.id}: weight must be a non-negative number")
        values.append(float(value))
    total = sum(values)
    if total <= 0:
        raise PrioritisationError("at least one weight must be positive")
    return np.asarray(values) / total


def _rank(
    ids: tuple[str, ...],
    criteria: tuple[Criterion, ...],
    normalised: NDArray[np.float64],
    weights: NDArray[np.float64],
) -> tuple[RankedInitiative, ...]:
    totals = normalised @ weights
    # Rounding keeps float noise from splitting genuine ties.
    rounded = np.round(totals, 12)
    order = sorted(range(len(ids)), key=lambda i: (-rounded[i], ids[i]))
    ranked: list[RankedInitiative] = []
    for position, i in enumerate(order):
        tied_with_previous = position > 0 and rounded[i] == rounded[order[position - 1]]
        rank = ranked[-1].rank if tied_with_previous else position + 1
        contributions = {c.id: float(weights[j] * normalised[i, j]) for j, c in enumerate(criteria)}
        ranked.append(RankedInitiative(ids[i], float(totals[i]), rank, contributions))
    return tuple(ranked)


def _moved_weights(weights: NDArray[np.float64], column: int, new_weight: float) -> NDArray[np.float64]:
    """Set one weight and rescale the others so their proportions and the total (1) are kept."""
    new_weight = min(max(new_weight, 0.0), 1.0)
    rest = 1.0 - weights[column]
    moved = weights * ((1.0 - new_weight) / rest) if rest > 0 else np.full_like(weights, 0.0)
    moved[column] = new_weight
    if rest <= 0:
        others = [j for j in range(len(weights)) if j != column]
        moved[others] = (1.0 - new_weight) / max(len(others), 1)
    return moved


def _linear_scores(
    prioritisation: Prioritisation, column: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Score_i(t) = slope_i * t + intercept_i when criterion ``column`` has weight t."""
    weights = prioritisation.weights
    rest = 1.0 - weights[column]
    others = np.delete(np.arange(len(weights)), column)
    # When this criterion holds all the weight, the others' proportions are unknown: share equally.
    equal = np.full(len(others), 1.0 / max(len(others), 1))
    other_weights = weights[others] / rest if rest > 0 else equal
    without = prioritisation.normalised[:, others] @ other_weights if len(others) else np.zeros(len(weights))
    own = prioritisation.normalised[:, column]
    return own - without, without


def _stable_interval(
    slopes: NDArray[np.float64],
    intercepts: NDArray[np.float64],
    weight: float,
    pairs: list[tuple[int, int]],
    ties_count: bool = False,
) -> tuple[float, float]:
    """The widest [low, high] around ``weight`` in which no pair's order flips.

    With ``ties_count`` a pair tied at ``weight`` pins the interval to the weight
    itself: they share a rank now and any move separates them.
    """
    low, high = 0.0, 1.0
    for a, b in pairs:
        slope = slopes[a] - slopes[b]
        if abs(slope) < 1e-15:
            continue
        crossing = (intercepts[b] - intercepts[a]) / slope
        if crossing < weight - 1e-12:
            low = max(low, crossing)
        elif crossing > weight + 1e-12:
            high = min(high, crossing)
        elif ties_count:
            low, high = weight, weight
        else:
            # Tied now and ordered by id: only the move that lets the lower one overtake counts.
            low, high = (max(low, weight), high) if slope > 0 else (low, min(high, weight))
    return float(low), float(high)

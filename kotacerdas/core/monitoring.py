"""Monitoring arithmetic (pure Python): KPI achievement and the weighted progress roll-up.

**KPI achievement** compares a reported actual value with the year's target, in the KPI's direction
(``higher`` is better: coverage, IPM; ``lower`` is better: poverty rate, unemployment):

- with a baseline, achievement is the share of the planned change that happened:
  ``(actual - baseline) / (target - baseline)`` — the same for both directions, because the sign of
  the planned change carries the direction. Poverty 16 → target 7, actual 9:
  ``(9 - 16) / (7 - 16) = 7 / 9 = 77.78 %``.
- without a baseline (or when the target equals the baseline): ``actual / target`` when higher is
  better, ``target / actual`` when lower is better (an actual of 0 for a lower-is-better KPI meets
  any target).

**Capping.** The raw value is kept (a region may overshoot: 130 %), but the value that enters any
roll-up or chart band is capped to 0–100 %: overshooting one KPI must not hide another's shortfall,
and moving the wrong way counts as 0, not as a negative score.

**Progress roll-up** initiative → dimension → masterplan, with explicit weights that must sum to 1
(a tolerance of 1e-6 for rounding): ``progress = Σ weight_i × progress_i``. Weights come from the
masterplan's choice: ``pagu`` (each child's share of the planned budget, the plan of record's pagu)
or ``equal`` (1/n each). With ``pagu`` and no budget at all in a group, the group falls back to equal
weights (there is no share to take), and says so. Weights 0.5 / 0.3 / 0.2 with progress 100 / 50 / 0
give 65.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar

HIGHER = "higher"
LOWER = "lower"
DIRECTIONS = (HIGHER, LOWER)

PAGU = "pagu"
EQUAL = "equal"
WEIGHT_METHODS = (PAGU, EQUAL)

TOLERANCE = Decimal("0.000001")
HUNDRED = Decimal(100)

# The report's review states (the same machine as a programme deliverable's, with a draft first).
DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
REPORT_STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFT: (SUBMITTED,),
    SUBMITTED: (APPROVED, RETURNED),
    RETURNED: (SUBMITTED,),
    APPROVED: (),
}
EDITABLE = (DRAFT, RETURNED)

# A period's own states: reports are written while open, reviewed while closed, frozen when locked.
OPEN = "open"
CLOSED = "closed"
LOCKED = "locked"
PERIOD_STATES = (OPEN, CLOSED, LOCKED)

# An initiative's implementation status: code → (default progress %, the page's category).
NOT_STARTED = "not_started"
ON_TRACK = "on_track"
LATE = "late"
DONE = "done"
CATEGORIES = (NOT_STARTED, ON_TRACK, LATE, DONE)
DEFAULT_STATUS_SET: dict[str, tuple[int, str]] = {
    "not_started": (0, NOT_STARTED),
    "preparing": (10, ON_TRACK),
    "running": (50, ON_TRACK),
    "delayed": (40, LATE),
    "completed": (100, DONE),
}


class WeightsError(ValueError):
    """Weights that cannot be used (they do not sum to 1, or one is negative)."""

    def __init__(self, total: Decimal, message: str) -> None:
        super().__init__(message)
        self.total = total


class InvalidValue(ValueError):
    """A reported value the arithmetic refuses (a denominator of 0)."""


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


def percentage(numerator: Decimal, denominator: Decimal) -> Decimal:
    """A percentage KPI's value from its numerator and denominator (denominator 0 refused)."""
    if denominator == 0:
        raise InvalidValue("denominator is 0")
    return numerator * HUNDRED / denominator


@dataclass(frozen=True)
class Achievement:
    raw: Decimal  # percent, uncapped (may be above 100 or below 0)

    @property
    def capped(self) -> Decimal:
        """The value every roll-up uses: 0 to 100 %."""
        return min(max(self.raw, Decimal(0)), HUNDRED)


def achievement(
    actual: Decimal, target: Decimal, direction: str, baseline: Decimal | None = None
) -> Achievement:
    """Actual against target in the KPI's direction, in percent (see the module text)."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    if baseline is not None and target != baseline:
        return Achievement((actual - baseline) * HUNDRED / (target - baseline))
    if direction == HIGHER:
        if target == 0:
            return Achievement(HUNDRED if actual >= 0 else Decimal(0))
        return Achievement(actual * HUNDRED / target)
    if actual <= 0:
        return Achievement(HUNDRED)
    return Achievement(target * HUNDRED / actual)


def check_weights(weights: Mapping[str, Decimal]) -> None:
    """Refuse weights that are negative or do not sum to 1 (within ``TOLERANCE``)."""
    negative = sorted(key for key, weight in weights.items() if weight < 0)
    total = sum(weights.values(), Decimal(0))
    if negative:
        raise WeightsError(total, f"negative weight for {', '.join(negative)}")
    if abs(total - 1) > TOLERANCE:
        raise WeightsError(total, f"weights sum to {total.normalize()}, not 1")


def weighted(progress: Mapping[str, Decimal], weights: Mapping[str, Decimal]) -> Decimal:
    """Σ weight × progress over the children; the weights must cover them all and sum to 1."""
    check_weights(weights)
    missing = sorted(set(progress) - set(weights))
    if missing:
        raise WeightsError(sum(weights.values(), Decimal(0)), f"no weight for {', '.join(missing)}")
    return sum((weights[key] * value for key, value in progress.items()), Decimal(0))


def weights_for(amounts: Mapping[str, Decimal], method: str) -> dict[str, Decimal]:
    """Each child's weight: its share of the pagu, or 1/n; equal when a pagu group has no money."""
    if method not in WEIGHT_METHODS:
        raise ValueError(f"unknown weighting method {method!r}")
    if not amounts:
        return {}
    total = sum(amounts.values(), Decimal(0))
    if method == EQUAL or total <= 0:
        share = Decimal(1) / len(amounts)
        weights = dict.fromkeys(amounts, share)
    else:
        weights = {key: Decimal(amount) / total for key, amount in amounts.items()}
    # put the rounding remainder on the last child so the weights sum to exactly 1
    last = list(weights)[-1]
    weights[last] += Decimal(1) - sum(weights.values(), Decimal(0))
    return weights


@dataclass(frozen=True)
class InitiativeProgress:
    code: str
    dimension: str
    progress: Decimal  # percent 0-100
    pagu: Decimal = Decimal(0)  # planned budget over the period (the plan of record's)


@dataclass(frozen=True)
class RollUp:
    overall: Decimal
    dimensions: dict[str, Decimal] = field(default_factory=dict)
    method: str = EQUAL
    equal_fallback: tuple[str, ...] = ()  # groups that had no pagu and were weighted equally


def roll_up(initiatives: Sequence[InitiativeProgress], method: str = EQUAL) -> RollUp:
    """Initiative progress → per-dimension progress → masterplan progress."""
    groups: dict[str, list[InitiativeProgress]] = {}
    for item in initiatives:
        groups.setdefault(item.dimension, []).append(item)
    fallback: list[str] = []
    dimensions: dict[str, Decimal] = {}
    dimension_pagu: dict[str, Decimal] = {}
    for name, items in groups.items():
        amounts = {item.code: item.pagu for item in items}
        if method == PAGU and sum(amounts.values(), Decimal(0)) <= 0:
            fallback.append(name)
        weights = weights_for(amounts, method)
        dimensions[name] = weighted({item.code: item.progress for item in items}, weights)
        dimension_pagu[name] = sum(amounts.values(), Decimal(0))
    overall = weighted(dimensions, weights_for(dimension_pagu, method)) if dimensions else Decimal(0)
    return RollUp(overall, dimensions, method, tuple(fallback))


def completeness(expected: Iterable[str], reported: Iterable[str]) -> Decimal:
    """Share (percent) of the expected reports that were submitted or approved."""
    wanted = set(expected)
    if not wanted:
        return HUNDRED
    return Decimal(len(wanted & set(reported))) * HUNDRED / len(wanted)


class PeriodLike(Protocol):
    state: str
    year: int
    quarter: int | None
    closes_on: date


P = TypeVar("P", bound=PeriodLike)


def current_period(periods: Iterable[P]) -> P | None:
    """The period a region is reporting now, for the cards and the national overview: the open period
    that closes first (a period opened early for a later year does not hide this year's reporting),
    else the latest period."""
    found = list(periods)
    open_ones = [p for p in found if p.state == OPEN]
    if open_ones:
        return min(open_ones, key=lambda p: (p.closes_on, p.year, p.quarter or 0))
    return max(found, key=lambda p: (p.year, p.quarter or 0), default=None)

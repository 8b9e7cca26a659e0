"""Quick Win candidates: which initiatives qualify, and in which order.

A Quick Win is an initiative that can be finished within the first one or two
years and whose benefit citizens feel directly (domain.md section 2.4). The
official selection criteria could not be read, so the criteria are data: each
region sets :class:`QuickWinCriteria`, and :func:`quick_win_candidates` says for
every initiative whether it qualifies and, if not, which criterion it fails.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class QuickWinCriteria:
    max_years: int = 2  # must finish within this many years of the period's start
    cost_ceiling: Decimal | None = None  # total cost at most this (None: no ceiling)
    require_citizen_benefit: bool = True
    min_readiness: float | None = None  # readiness score at least this (e.g. 3 on 1-5)


@dataclass(frozen=True)
class Candidate:
    id: str
    start_year: int
    duration: int
    total_cost: Decimal
    citizen_benefit: bool
    readiness: float | None
    priority: float = 0.0  # e.g. the prioritisation score; higher first


@dataclass(frozen=True)
class Assessment:
    candidate: Candidate
    failed: tuple[str, ...]  # criteria not met: finish, cost, citizen_benefit, readiness

    @property
    def qualifies(self) -> bool:
        return not self.failed


def assess(candidate: Candidate, criteria: QuickWinCriteria, period_start: int) -> Assessment:
    failed = []
    if candidate.start_year + candidate.duration - 1 > period_start + criteria.max_years - 1:
        failed.append("finish")
    if criteria.cost_ceiling is not None and candidate.total_cost > criteria.cost_ceiling:
        failed.append("cost")
    if criteria.require_citizen_benefit and not candidate.citizen_benefit:
        failed.append("citizen_benefit")
    if criteria.min_readiness is not None and (
        candidate.readiness is None or candidate.readiness < criteria.min_readiness
    ):
        failed.append("readiness")
    return Assessment(candidate, tuple(failed))


def quick_win_candidates(
    candidates: Sequence[Candidate], criteria: QuickWinCriteria, period_start: int
) -> list[Assessment]:
    """All candidates assessed; qualifying ones first, each group by priority (then cost, id)."""
    assessed = [assess(c, criteria, period_start) for c in candidates]
    return sorted(
        assessed,
        key=lambda a: (not a.qualifies, -a.candidate.priority, a.candidate.total_cost, a.candidate.id),
    )

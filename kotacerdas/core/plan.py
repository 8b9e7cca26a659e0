"""The plan of record: the schedule a region adopted, as plain data.

Everything downstream of the roadmap (the region page, Buku II's budget table and schedule, the
combined roadmap chart, the XLSX exports, the API, monitoring) reads this one object, so they cannot
disagree. The web layer builds it from the adopted-plan records
(``kotacerdas.planning.roadmap.plan.plan_of_record``); the core only defines its shape and the
figures every reader needs (yearly totals, per-source totals, the API document).

Money is whole rupiah (``int``); years are calendar years; ``end_year`` is inclusive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class PlannedInitiative:
    """One scheduled initiative of the plan of record."""

    code: str
    name: str
    dimension: str
    owner: str
    start_year: int
    end_year: int
    cost_by_source: Mapping[str, Mapping[int, int]] = field(default_factory=dict)
    predecessors: tuple[str, ...] = ()

    @property
    def cost(self) -> dict[int, int]:
        """Rupiah per calendar year, all funding sources together (years without money left out)."""
        totals: dict[int, int] = {}
        for per_year in self.cost_by_source.values():
            for year, amount in per_year.items():
                totals[year] = totals.get(year, 0) + amount
        return {year: amount for year, amount in sorted(totals.items()) if amount}

    @property
    def total_cost(self) -> int:
        return sum(self.cost.values())


@dataclass(frozen=True)
class UnscheduledInitiative:
    """An initiative the adopted plan leaves out, with the reason people read (already in their language)."""

    code: str
    name: str
    reason: str


@dataclass(frozen=True)
class PlanOfRecord:
    """The adopted schedule of one masterplan."""

    adopted_at: datetime
    adopted_by: str
    run_id: int | None  # None: a hand-edited schedule confirmed as the plan
    input_hash: str
    period: tuple[int, int]  # masterplan period, inclusive
    ceilings: Mapping[int, int]  # yearly pagu, all sources
    source_ceilings: Mapping[str, Mapping[int, int]] = field(default_factory=dict)
    initiatives: tuple[PlannedInitiative, ...] = ()
    unscheduled: tuple[UnscheduledInitiative, ...] = ()
    changes_since_adoption: tuple[str, ...] = ()

    @property
    def years(self) -> range:
        return range(self.period[0], self.period[1] + 1)

    @property
    def changed_since_adoption(self) -> bool:
        return bool(self.changes_since_adoption)

    def totals_by_year(self) -> dict[int, int]:
        """Planned spend per year of the period, all sources (0 for a year without spend)."""
        totals = dict.fromkeys(self.years, 0)
        for initiative in self.initiatives:
            for year, amount in initiative.cost.items():
                totals[year] = totals.get(year, 0) + amount
        return dict(sorted(totals.items()))

    def totals_by_source(self) -> dict[str, dict[int, int]]:
        """Planned spend per funding source and year."""
        totals: dict[str, dict[int, int]] = {}
        for initiative in self.initiatives:
            for source, per_year in initiative.cost_by_source.items():
                row = totals.setdefault(source, dict.fromkeys(self.years, 0))
                for year, amount in per_year.items():
                    row[year] = row.get(year, 0) + amount
        return totals

    def as_document(self) -> dict[str, Any]:
        """The API answer (``GET /api/v1/regions/{code}/masterplan/plan``): integer rupiah, years as keys."""
        return {
            "adopted_at": self.adopted_at.isoformat(),
            "run_id": self.run_id,
            "input_hash": self.input_hash,
            "changed_since_adoption": list(self.changes_since_adoption),
            "ceilings": {str(year): amount for year, amount in sorted(self.ceilings.items())},
            "initiatives": [
                {
                    "code": initiative.code,
                    "start_year": initiative.start_year,
                    "end_year": initiative.end_year,
                    "cost": {str(year): amount for year, amount in initiative.cost.items()},
                }
                for initiative in self.initiatives
            ],
        }

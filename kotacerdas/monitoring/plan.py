"""The one adapter to the plan of record: the pagu monitoring measures realisation against.

``kotacerdas.planning.roadmap.plan.plan_of_record(region)`` is the single reader of the adopted
schedule. Until it exists in this checkout, the pagu is read from the initiatives' budget lines and
shaped as the same ``PlanOfRecord``, so nothing else in monitoring changes when it arrives.
"""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from decimal import Decimal

from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord
from kotacerdas.planning.models import BudgetLine, Initiative, Masterplan
from kotacerdas.regions.models import Region


def plan_for(region: Region) -> PlanOfRecord | None:
    """The region's plan of record (None without a masterplan or an adopted plan)."""
    try:
        module = importlib.import_module("kotacerdas.planning.roadmap.plan")
    except ImportError:
        return _from_budget_lines(region)
    plan: PlanOfRecord | None = module.plan_of_record(region)
    return plan


def pagu(plan: PlanOfRecord | None) -> dict[str, dict[str, dict[int, int]]]:
    """initiative code → funding source → year → planned rupiah."""
    if plan is None:
        return {}
    return {
        item.code: {source: dict(years) for source, years in item.cost_by_source.items()}
        for item in plan.initiatives
    }


def pagu_total(plan: PlanOfRecord | None, code: str) -> Decimal:
    return Decimal(sum(sum(years.values()) for years in pagu(plan).get(code, {}).values()))


def _from_budget_lines(region: Region) -> PlanOfRecord | None:
    masterplan = Masterplan.objects.filter(region=region).first()
    if masterplan is None:
        return None
    costs: dict[int, dict[str, dict[int, int]]] = {}
    for line in BudgetLine.objects.filter(initiative__region=region):
        per_source = costs.setdefault(line.initiative_id, {}).setdefault(line.source, {})
        per_source[line.year] = per_source.get(line.year, 0) + int(line.amount)
    initiatives = tuple(
        PlannedInitiative(
            code=item.code,
            name=item.name,
            dimension=item.dimension,
            owner=str(item.owner_id),
            start_year=item.start_year,
            end_year=item.start_year + item.duration - 1,
            cost_by_source=costs.get(item.pk, {}),
        )
        for item in Initiative.objects.filter(region=region).order_by("code")
    )
    ceilings = {int(year): int(amount) for year, amount in (masterplan.budget_ceilings or {}).items()}
    return PlanOfRecord(
        adopted_at=datetime(masterplan.period_start, 1, 1, tzinfo=UTC),
        adopted_by="",
        run_id=None,
        input_hash="",
        period=(masterplan.period_start, masterplan.period_end),
        ceilings=ceilings,
        initiatives=initiatives,
    )

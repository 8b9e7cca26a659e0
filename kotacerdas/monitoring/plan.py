"""The one adapter to the plan of record: the pagu monitoring measures realisation against.

``kotacerdas.planning.roadmap.plan.plan_of_record(region)`` is the single reader of the adopted
schedule; the region page, the books, the API and monitoring all read it, so the pagu a realisation is
measured against is the one the region signed. Without an adopted plan there is no pagu to report
against (the monitoring page says so), never the initiatives' entered years.
"""

from __future__ import annotations

from decimal import Decimal

from kotacerdas.core.plan import PlanOfRecord
from kotacerdas.planning.models import Kpi
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.regions.models import Region


def plan_for(region: Region) -> PlanOfRecord | None:
    """The region's plan of record (None without a masterplan or an adopted plan); monitoring reads only
    its schedule and pagu, never what changed since adoption, so that is not computed."""
    return plan_of_record(region, with_changes=False)


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


def kpi_target(kpi: Kpi, year: int) -> Decimal | None:
    """The plan's target of ``kpi`` for ``year`` (the targets are kept by year as text: "2027")."""
    target = (kpi.targets or {}).get(str(year))
    return None if target in (None, "") else Decimal(target)

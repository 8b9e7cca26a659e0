"""The masterplan card on a region's page: period, vision, how far the plan has come."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum

from kotacerdas.core.formatting import rupiah
from kotacerdas.planning.access import masterplan_of
from kotacerdas.planning.models import BudgetLine, Initiative, Problem, QuickWin
from kotacerdas.planning.reports import latest_roadmap_run
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.regions.models import Region


def region_section(user: Any, region: Region) -> dict[str, Any]:
    masterplan = masterplan_of(region)
    if masterplan is None:
        return {"masterplan": None}
    plan = plan_of_record(region)
    if plan is not None:  # the adopted plan's cost, not every entered budget line
        pagu = sum(plan.totals_by_year().values())
    else:
        pagu = BudgetLine.objects.filter(initiative__region=region).aggregate(total=Sum("amount"))["total"]
    return {
        "plan": plan,
        "masterplan": masterplan,
        "counts": {
            "problems": Problem.objects.filter(region=region).count(),
            "initiatives": Initiative.objects.filter(region=region).count(),
            "quick_wins": QuickWin.objects.filter(region=region).count(),
        },
        "pagu": rupiah(pagu or 0),
        "roadmap": latest_roadmap_run(region),
    }

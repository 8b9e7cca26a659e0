"""The masterplan card on a region's page: period, vision, how far the plan has come."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from kotacerdas.core.formatting import rupiah
from kotacerdas.planning.access import masterplan_of
from kotacerdas.planning.models import BudgetLine, Initiative, Problem, QuickWin
from kotacerdas.planning.reports import latest_roadmap_run
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.regions.models import Region


def _count(model: type[Problem | Initiative | QuickWin]) -> Coalesce:
    rows = model.objects.filter(region=OuterRef("pk")).order_by().values("region")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def _pagu() -> Subquery:
    lines = BudgetLine.objects.filter(initiative__region=OuterRef("pk")).order_by()
    return Subquery(lines.values("initiative__region").annotate(total=Sum("amount")).values("total"))


def region_section(user: Any, region: Region) -> dict[str, Any]:
    masterplan = masterplan_of(region)
    if masterplan is None:
        return {"masterplan": None}
    # The three counts and the pagu in one query (the region page has a query budget, issue 17).
    totals = (
        Region.objects.filter(pk=region.pk)
        .annotate(
            problems=_count(Problem),
            initiatives=_count(Initiative),
            quick_wins=_count(QuickWin),
            pagu=_pagu(),
        )
        .values("problems", "initiatives", "quick_wins", "pagu")
        .get()
    )
    # The adopted plan's cost (what the region signed), not every entered budget line.
    plan = plan_of_record(region)
    pagu = sum(plan.totals_by_year().values()) if plan is not None else totals["pagu"]
    return {
        "plan": plan,
        "masterplan": masterplan,
        "counts": {name: totals[name] for name in ("problems", "initiatives", "quick_wins")},
        "pagu": rupiah(pagu or 0),
        "roadmap": latest_roadmap_run(region),
    }

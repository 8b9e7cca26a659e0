"""The masterplan card on a region's page: period, vision, how far the plan has come."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from kotacerdas.core.formatting import rupiah
from kotacerdas.planning.models import BudgetLine, Initiative, Masterplan, Problem, QuickWin
from kotacerdas.planning.reports import latest_roadmap_run
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.planning.roadmap_models import RoadmapRun
from kotacerdas.regions.models import Region


def _count(model: type[Problem | Initiative | QuickWin]) -> Coalesce:
    rows = model.objects.filter(region=OuterRef("region")).order_by().values("region")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def _pagu() -> Subquery:
    lines = BudgetLine.objects.filter(initiative__region=OuterRef("region")).order_by()
    return Subquery(lines.values("initiative__region").annotate(total=Sum("amount")).values("total"))


def region_changes() -> dict[str, Any]:
    """A roadmap run finishes in the worker without an audited action: its id changes the card."""
    done = RoadmapRun.objects.filter(region=OuterRef("pk"), state=RoadmapRun.State.DONE)
    return {"latest_roadmap_run": Subquery(done.order_by("-id").values("id")[:1])}


def region_section(user: Any, region: Region) -> dict[str, Any]:
    # The masterplan with its three counts and the pagu in one query (the region page has a query
    # budget, issue 17); the same row as ``masterplan_of(region)``.
    masterplan = (
        Masterplan.objects.filter(region=region)
        .annotate(
            n_problems=_count(Problem),
            n_initiatives=_count(Initiative),
            n_quick_wins=_count(QuickWin),
            entered_pagu=_pagu(),
        )
        .first()
    )
    if masterplan is None:
        return {"masterplan": None}
    totals = {name: getattr(masterplan, f"n_{name}") for name in ("problems", "initiatives", "quick_wins")}
    # The adopted plan's cost (what the region signed), not every entered budget line.
    plan = plan_of_record(region)
    pagu = sum(plan.totals_by_year().values()) if plan is not None else masterplan.entered_pagu
    return {
        "plan": plan,
        "masterplan": masterplan,
        "counts": totals,
        "pagu": rupiah(pagu or 0),
        "roadmap": latest_roadmap_run(region),
    }

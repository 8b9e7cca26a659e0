"""Who may change a region's masterplan, and access-checked getters of its records.

Every getter takes a region that already came from get_region_for_user (so the
user may open it) and returns 404 for any record of another region.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404

from kotacerdas.accounts.access import can_manage_region, get_region_for_user
from kotacerdas.accounts.models import User
from kotacerdas.planning.models import (
    AdoptedItem,
    AdoptedPlan,
    BudgetLine,
    Initiative,
    KeyIndicator,
    Kpi,
    Masterplan,
    Problem,
    ProgrammeMapping,
    QuickWin,
    Risk,
    RoadmapRun,
    Statement,
    SwotItem,
)
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import region_page

M = TypeVar("M", bound=models.Model)

# How each masterplan record reaches its region: the lookup that keeps region B's records out.
REGION_LOOKUP: dict[type[models.Model], str] = {
    Masterplan: "region",
    KeyIndicator: "region",
    Problem: "region",
    SwotItem: "region",
    Statement: "region",
    ProgrammeMapping: "region",
    Initiative: "region",
    BudgetLine: "initiative__region",
    Kpi: "initiative__region",
    RoadmapRun: "region",
    AdoptedPlan: "region",
    AdoptedItem: "plan__region",
    QuickWin: "region",
    Risk: "quick_win__region",
}


def can_edit_masterplan(user: User, region: Region) -> bool:
    """The region's coordinator (and the national admin) assemble the masterplan."""
    return can_manage_region(user, region)


def get_in_region(model: type[M], region: Region, pk: int) -> M:
    """``model`` record ``pk`` that belongs to ``region`` (directly or through its parent), else 404.

    Only the models of ``REGION_LOOKUP`` are known: any other model is a programming error, told
    as such instead of a database error at run time."""
    try:
        lookup = REGION_LOOKUP[model]
    except KeyError:
        raise TypeError(
            f"get_in_region does not know how a {model._meta.label} belongs to a region; "
            "add it to kotacerdas.planning.access.REGION_LOOKUP"
        ) from None
    try:
        return model._default_manager.get(pk=pk, **{lookup: region})
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None


def masterplan_of(region: Region) -> Masterplan | None:
    return Masterplan.objects.filter(region=region).first()


# Every masterplan page: the region through the access getter (404 for others), POST needs the edit right.
masterplan_page = region_page(get_region_for_user, can_edit_masterplan)

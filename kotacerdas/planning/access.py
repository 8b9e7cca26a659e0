"""Who may change a region's masterplan, and access-checked getters of its records.

Every getter takes a region that already came from get_region_for_user (so the
user may open it) and returns 404 for any record of another region.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404

from kotacerdas.accounts.access import can_manage_region, get_region_for_user
from kotacerdas.planning.models import Masterplan
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import region_page

M = TypeVar("M", bound=models.Model)


def can_edit_masterplan(user: Any, region: Region) -> bool:
    """The region's coordinator (and the national admin) assemble the masterplan."""
    return can_manage_region(user, region)


def get_in_region(model: type[M], region: Region, pk: int) -> M:
    """``model`` record ``pk`` that belongs to ``region`` (directly or through its initiative)."""
    field_names = {field.name for field in model._meta.get_fields()}
    if "region" in field_names:
        lookup: dict[str, Any] = {"region": region}
    elif "initiative" in field_names:
        lookup = {"initiative__region": region}
    else:
        lookup = {"quick_win__region": region}
    try:
        return model._default_manager.get(pk=pk, **lookup)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None


def masterplan_of(region: Region) -> Masterplan | None:
    return Masterplan.objects.filter(region=region).first()


# Every masterplan page: the region through the access getter (404 for others), POST needs the edit right.
masterplan_page = region_page(get_region_for_user, can_edit_masterplan)

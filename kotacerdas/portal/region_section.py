"""The public portal's card on a region's page: public or not, since when, and the events so far."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.models import User
from kotacerdas.portal.models import Event, RegionPortal
from kotacerdas.regions.models import Region


def region_section(user: User, region: Region) -> dict[str, Any] | None:
    portal = RegionPortal.objects.filter(region=region).select_related("current").first()
    return {"portal": portal, "event_count": Event.objects.filter(region=region).count()}

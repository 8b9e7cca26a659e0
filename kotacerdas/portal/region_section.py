"""The public portal's card on a region's page: public or not, since when, and the events so far."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Subquery

from kotacerdas.accounts.models import User
from kotacerdas.portal.models import Event, RegionPortal
from kotacerdas.regions.models import Region


def region_section(user: User, region: Region) -> dict[str, Any] | None:
    """One query: the portal's state and the number of events, as subqueries of the region's row."""
    portal = RegionPortal.objects.filter(region=OuterRef("pk"))
    events = Event.objects.filter(region=OuterRef("pk")).values("region").annotate(n=Count("id")).values("n")
    row = (
        Region.objects.filter(pk=region.pk)
        .annotate(
            is_public=Subquery(portal.values("is_public")),
            published_at=Subquery(portal.values("current__published_at")),
            event_count=Subquery(events),
        )
        .values("is_public", "published_at", "event_count")
        .get()
    )
    return {
        "is_public": bool(row["is_public"]),
        "published_at": row["published_at"],
        "event_count": row["event_count"] or 0,
    }

"""Who may change a region's portal, and the getters every portal read goes through.

Staff pages (events, publishing) are the coordinator's: ``portal_page`` runs the region getter first
(404 for a region the person may not open) and refuses a POST without the edit right (403). Public
reads take no person: they find a region's **current published snapshot** or answer 404, so an
unpublished region does not exist for a visitor.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from kotacerdas.accounts.access import Person, can_manage_region, get_region_for_user
from kotacerdas.portal.models import Event, EventFile, RegionPortal, Snapshot
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import region_page

MAX_ID = 2**63


def can_edit_portal(user: Person, region: Region) -> bool:
    """Publish, unpublish and edit events: the region's coordinator (and the national admin)."""
    return can_manage_region(user, region)


portal_page = region_page(get_region_for_user, can_edit_portal)


def _checked(pk: int) -> int:
    if not 0 < pk < MAX_ID:
        raise Http404
    return pk


def get_event(region: Region, pk: int) -> Event:
    """An event of the region; 404 for another region's."""
    try:
        return Event.objects.get(pk=_checked(pk), region=region)
    except Event.DoesNotExist:
        raise Http404 from None


def get_event_file(region: Region, pk: int) -> EventFile:
    """A material or photo of one of the region's events; 404 for another region's."""
    try:
        return EventFile.objects.select_related("event__region").get(pk=_checked(pk), event__region=region)
    except EventFile.DoesNotExist:
        raise Http404 from None


def public_portals() -> QuerySet[RegionPortal]:
    """The regions whose portal is public, with their current snapshot's summary (not its content)."""
    return (
        RegionPortal.objects.filter(is_public=True)
        .select_related("region", "region__province", "current")
        .defer("current__content")
    )


def public_rows() -> list[dict[str, Any]]:
    """The national page's row of each public region, as plain values (one query, no model instances)."""
    found = (
        public_portals()
        .order_by("region__name")
        .values(
            "region__code",
            "region__name",
            "region__province__code",
            "region__province__name",
            "region__size_class",
            "current__summary",
            "current__published_at",
        )
    )
    return [
        {
            "code": row["region__code"],
            "name": row["region__name"],
            "province_code": row["region__province__code"] or "",
            "province": row["region__province__name"] or "",
            "size_class": row["region__size_class"],
            "overall": (row["current__summary"] or {}).get("overall"),
            "published_on": timezone.localtime(row["current__published_at"]).date(),
        }
        for row in found
    ]


def get_public_snapshot(code: str) -> Snapshot:
    """The current snapshot of a public region; 404 for an unpublished or unknown region."""
    portal = RegionPortal.objects.filter(region__code=code, is_public=True).select_related("current").first()
    if portal is None:
        raise Http404
    return portal.current


def public_kpis(code: str) -> list[dict[str, Any]] | None:
    """The KPI rows of a public region's current snapshot, as its public page shows them; None for an
    unpublished (or withdrawn) region or a snapshot without the KPI part. Read by other apps'
    public pages through ``kotacerdas.participation.published`` (registered in PortalConfig.ready)."""
    portal = RegionPortal.objects.filter(region__code=code, is_public=True).select_related("current").first()
    if portal is None:
        return None
    kpis: list[dict[str, Any]] | None = portal.current.content.get("kpis")
    return kpis


def get_public_event_file(snapshot: Snapshot, file_id: int) -> EventFile:
    """An event file that was public when the snapshot was frozen (and still exists); 404 otherwise."""
    listed = {
        item["id"]
        for event in snapshot.content.get("events", [])
        for item in [*event.get("materials", []), *event.get("photos", [])]
    }
    if _checked(file_id) not in listed:
        raise Http404
    try:
        return EventFile.objects.get(pk=file_id, event__region_id=snapshot.region_id)
    except EventFile.DoesNotExist:
        raise Http404 from None


def published_snapshots() -> list[Snapshot]:
    """Every public region's current snapshot, content included (the open data reads these)."""
    ids = RegionPortal.objects.filter(is_public=True).values_list("current_id", flat=True)
    return list(Snapshot.objects.filter(pk__in=list(ids)).order_by("region__code"))

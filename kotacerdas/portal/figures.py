"""What the portal adds to Ayu's national dashboard and to the public region catalogue."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core import formatting
from kotacerdas.portal.models import Event, RegionPortal


def socialisation_figures() -> list[tuple[str, str]]:
    """Socialisation events held across all regions, the people they reached, published portals."""
    totals = Event.objects.aggregate(
        events=Count("id"), people=Sum("head_count"), regions=Count("region", distinct=True)
    )
    return [
        (_("Socialisation events"), formatting.number(totals["events"] or 0)),
        (_("People reached by socialisation"), formatting.number(totals["people"] or 0)),
        (_("Regions that socialised"), formatting.number(totals["regions"] or 0)),
        (
            _("Published region portals"),
            formatting.number(RegionPortal.objects.filter(is_public=True).count()),
        ),
    ]


def portal_links(codes: list[str]) -> dict[str, tuple[str, str]]:
    """The public portal page of each published region among ``codes`` (for the region catalogue)."""
    public = RegionPortal.objects.filter(is_public=True, region__code__in=codes).values_list(
        "region__code", flat=True
    )
    label = _("Public portal")
    return {code: (label, reverse("portal:region", kwargs={"code": code})) for code in public}

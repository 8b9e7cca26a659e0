"""The monitoring card on a region's page."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from kotacerdas.accounts.models import User
from kotacerdas.monitoring.models import ReportTransition
from kotacerdas.regions.models import Region


def region_changes() -> dict[str, Any]:
    """What renews the monitoring card and the monitoring page's body besides the region's audited
    changes: a report's move (submitted, approved, returned), its ReportTransition row. They count
    and show only submitted and approved reports (kotacerdas/monitoring/overview.py), so a draft saved
    again — most of a reporting day's writes, and a frequent record left out of the common stamp —
    changes neither and renews nothing (issue 13)."""
    moves = ReportTransition.objects.filter(period__region=OuterRef("pk")).order_by("-id").values("id")
    return {"latest_report_move": Subquery(moves[:1])}


def region_section(user: User, region: Region) -> dict[str, Any] | None:
    from kotacerdas.monitoring.overview import region_summary

    return region_summary(region)

"""The monitoring card on a region's page."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.models import User
from kotacerdas.audit.stamps import latest_of
from kotacerdas.regions.models import Region


def region_changes() -> dict[str, Any]:
    """The card counts reports: each saved or moved report renews it (they are frequent records, left
    out of the region's common change stamp)."""
    return latest_of("monitoring.kpireport", "monitoring.initiativereport")


def region_section(user: User, region: Region) -> dict[str, Any] | None:
    from kotacerdas.monitoring.overview import region_summary

    return region_summary(region)

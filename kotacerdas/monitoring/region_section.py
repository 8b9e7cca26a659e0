"""The monitoring card on a region's page."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.models import User
from kotacerdas.regions.models import Region


def region_section(user: User, region: Region) -> dict[str, Any] | None:
    from kotacerdas.monitoring.overview import region_summary

    return region_summary(region)

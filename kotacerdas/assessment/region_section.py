"""The assessment card on a region's page: its latest assessments and verified result."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.access import Person
from kotacerdas.assessment.models import Result
from kotacerdas.core.formatting import decimal
from kotacerdas.regions.models import Region

SHOWN = 3


def region_section(user: Person, region: Region) -> dict[str, Any]:
    assessments = region.assessments.order_by("-created_at", "-id")
    verified = (
        Result.objects.filter(assessment__region=region, kind=Result.Kind.VERIFIED)
        .select_related("assessment")
        .first()
    )
    return {
        "assessments": list(assessments[:SHOWN]),
        "count": assessments.count(),
        "verified": verified,
        "verified_total": decimal(verified.total, 2) if verified else "",
    }

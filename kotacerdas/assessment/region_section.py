"""The assessment card on a region's page: its latest assessments and verified result."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Window

from kotacerdas.accounts.access import Person
from kotacerdas.assessment.models import Result
from kotacerdas.core.formatting import decimal
from kotacerdas.regions.models import Region

SHOWN = 3


def region_section(user: Person, region: Region) -> dict[str, Any]:
    # The latest few, each carrying the count of all (a window over every row, before the LIMIT): one
    # query instead of two (issue 17).
    assessments = region.assessments.order_by("-created_at", "-id").annotate(of_all=Window(Count("pk")))
    latest = list(assessments[:SHOWN])
    verified = (
        Result.objects.filter(assessment__region=region, kind=Result.Kind.VERIFIED)
        .select_related("assessment")
        .first()
    )
    return {
        "assessments": latest,
        "count": latest[0].of_all if latest else 0,
        "verified": verified,
        "verified_total": decimal(verified.total, 2) if verified else "",
    }

"""Rina's panel on a deliverable under review: the region's published citizen input."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from kotacerdas.participation.models import Idea

SHOWN = 10


def review_panel(user: Any, region: Any) -> dict[str, Any] | None:
    ideas = (
        Idea.objects.filter(region=region, state=Idea.State.PUBLISHED)
        .annotate(support_count=Count("supports", distinct=True))
        .select_related("problem")
        .order_by("-support_count", "-created_at")
    )
    total = ideas.count()
    if not total:
        return None
    return {"citizen_ideas": list(ideas[:SHOWN]), "citizen_total": total}

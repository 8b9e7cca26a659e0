"""The citizen-participation card on a region's page: consultations, ideas, what waits for moderation."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from kotacerdas.participation.access import can_moderate
from kotacerdas.participation.models import Consultation, Idea
from kotacerdas.regions.models import Region


def _count(rows: QuerySet[Any]) -> Coalesce:
    return Coalesce(Subquery(rows.order_by().values("region").annotate(n=Count("pk")).values("n")), 0)


def card_audience(user: Any, region: Any) -> Hashable:
    """Moderators see the held count, the others do not: two versions of the card per region."""
    return "moderators" if can_moderate(user, region) else "readers"


def region_section(user: Any, region: Any) -> dict[str, Any] | None:
    # The three counts in one query (the region page's query budget, issue 17).
    ideas = Idea.objects.filter(region=OuterRef("pk"))
    counts = (
        Region.objects.filter(pk=region.pk)
        .annotate(
            n_consultations=_count(Consultation.objects.filter(region=OuterRef("pk"))),
            published=_count(ideas.filter(state=Idea.State.PUBLISHED)),
            held=_count(ideas.filter(state=Idea.State.HELD)),
        )
        .values("n_consultations", "published", "held")
        .get()
    )
    may_moderate = can_moderate(user, region)
    if not counts["n_consultations"] and not may_moderate:
        return None
    return {
        "participation_consultations": counts["n_consultations"],
        "participation_ideas": counts["published"],
        "participation_held": counts["held"] if may_moderate else None,
    }

"""The citizen-participation card on a region's page: consultations, ideas, what waits for moderation."""

from __future__ import annotations

from typing import Any

from kotacerdas.participation.access import can_moderate
from kotacerdas.participation.models import Consultation, Idea


def region_section(user: Any, region: Any) -> dict[str, Any] | None:
    consultations = Consultation.objects.filter(region=region).count()
    may_moderate = can_moderate(user, region)
    if not consultations and not may_moderate:
        return None
    ideas = Idea.objects.filter(region=region)
    return {
        "participation_consultations": consultations,
        "participation_ideas": ideas.filter(state=Idea.State.PUBLISHED).count(),
        "participation_held": ideas.filter(state=Idea.State.HELD).count() if may_moderate else None,
    }

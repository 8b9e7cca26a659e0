"""The readiness gaps of a region: what its latest *verified* readiness assessment says.

A readiness instrument (``readiness-*``) scores the five readiness elements; its verified result
holds each element's score, target and gap. The masterplan's strategic analysis and the books
read them here, from the context that owns the assessments.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from kotacerdas.assessment.models import Assessment, Result, State
from kotacerdas.regions.models import Region


def _label(name: Any) -> str:
    if isinstance(name, dict):
        english = (get_language() or "id").startswith("en")
        return str(name.get("en") if english and name.get("en") else name.get("id") or name.get("en") or "")
    return str(name)


def latest_verified_gap(region: Region) -> dict[str, Any] | None:
    """{"assessment": ..., "rows": [{"label", "depth", "score", "target", "gap", "met"}]} or None."""
    assessment = (
        Assessment.objects.filter(region=region, state=State.VERIFIED, instrument_id__startswith="readiness")
        .order_by("-created_at", "-id")
        .first()
    )
    if assessment is None:
        return None
    result = assessment.results.filter(kind=Result.Kind.VERIFIED).first()
    if result is None:
        return None
    rows = [
        {
            "label": _label(node.get("name", node.get("code"))),
            "depth": node.get("depth", 1),
            "score": node.get("score"),
            "target": node.get("target"),
            "gap": node.get("gap"),
            # at or above the target there is no gap to close: the page and Buku I say "met", not -20,00
            "met": node.get("gap") is not None and node["gap"] <= 0,
        }
        for node in result.data.get("nodes", [])
        if node.get("kind") == "group" and node.get("depth", 1) <= 2
    ]
    return {"assessment": assessment, "rows": rows}

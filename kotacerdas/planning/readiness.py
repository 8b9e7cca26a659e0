"""Readiness gap analysis for the strategic analysis, read from the assessment app.

Thin adapter: the region's latest *verified* assessment of a readiness instrument
(``readiness-*``), its verified result's element scores, targets and gaps. The assessment app is
optional: without it there is no gap analysis (and the overview leaves its section out).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import get_language

from kotacerdas.regions.models import Region


def _label(name: Any) -> str:
    if isinstance(name, dict):
        english = (get_language() or "id").startswith("en")
        return str(name.get("en") if english and name.get("en") else name.get("id") or name.get("en") or "")
    return str(name)


ASSESSMENT_APP = "kotacerdas.assessment"


def readiness_available() -> bool:
    """Whether the assessment app is installed. Its code may be importable even when it is not
    (importing its models then fails with RuntimeError), so ask the app registry, not the importer."""
    return apps.is_installed(ASSESSMENT_APP)


def latest_verified_gap(region: Region) -> dict[str, Any] | None:
    """{"assessment": ..., "rows": [{"label", "depth", "score", "target", "gap"}]} or None."""
    if not readiness_available():
        return None
    from kotacerdas.assessment.models import Assessment, Result, State

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
        }
        for node in result.data.get("nodes", [])
        if node.get("kind") == "group" and node.get("depth", 1) <= 2
    ]
    return {"assessment": assessment, "rows": rows}

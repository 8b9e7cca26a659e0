"""Readiness gap analysis for the strategic analysis, read from the assessment app.

The gaps themselves are computed where the assessments live (``kotacerdas.assessment.readiness``).
The assessment app is optional: without it there is no gap analysis (and the overview leaves its
section out).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

from kotacerdas.regions.models import Region

ASSESSMENT_APP = "kotacerdas.assessment"


def readiness_available() -> bool:
    """Whether the assessment app is installed. Its code may be importable even when it is not
    (importing its models then fails with RuntimeError), so ask the app registry, not the importer."""
    return apps.is_installed(ASSESSMENT_APP)


def latest_verified_gap(region: Region) -> dict[str, Any] | None:
    """{"assessment": ..., "rows": [{"label", "depth", "score", "target", "gap"}]} or None."""
    if not readiness_available():
        return None
    from kotacerdas.assessment import readiness

    return readiness.latest_verified_gap(region)

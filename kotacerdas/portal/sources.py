"""The live records a snapshot is frozen from, each read through one small function.

The masterplan is read here only (``masterplan_of``): planning is moving from one masterplan per region
to successive masterplans with one active, and this is the one line to change then.
"""

from __future__ import annotations

from typing import Any

from kotacerdas.evaluation.models import Publication
from kotacerdas.planning import access as planning_access
from kotacerdas.planning.models import Masterplan
from kotacerdas.regions.models import Region


def masterplan_of(region: Region) -> Masterplan | None:
    """The region's masterplan of record (the active one), or None: planning's own reader decides."""
    return planning_access.masterplan_of(region)


def published_books(region: Region) -> list[dict[str, Any]]:
    """The book versions the region made public (documents' own flag), with their files' ids."""
    versions = (
        region.book_versions.listed().filter(is_public=True).prefetch_related("files").order_by("-number")
    )
    return [
        {
            "number": version.number,
            "perkada_number": version.perkada_number,
            "perkada_date": version.perkada_date.isoformat() if version.perkada_date else None,
            "files": [{"id": f.pk, "title": f.title, "format": f.format} for f in version.files.all()],
        }
        for version in versions
    ]


def evaluation_results(region: Region) -> list[dict[str, Any]]:
    """The region's rows in every published evaluation (immutable publications), newest first."""
    results = []
    for publication in Publication.objects.select_related("cycle").order_by("-cycle__year"):
        row = next((r for r in publication.rows if r["region_code"] == region.code), None)
        if row is not None:
            results.append(evaluation_row(publication, row))
    return results


def evaluation_row(publication: Publication, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "year": publication.cycle.year,
        "total": row["total"],
        "improvement": row.get("improvement") or None,
        "size_class": row["size_class"],
        "rank_national": row.get("rank_national") or None,
        "rank_province": row.get("rank_province") or None,
        "rank_in_class": row.get("rank_in_class") or None,
    }


def latest_publication() -> Publication | None:
    return Publication.objects.select_related("cycle").order_by("-cycle__year").first()

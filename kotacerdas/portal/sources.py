"""The live records a snapshot is frozen from, each read through one small function.

The masterplan is read here only (``masterplan_of``): planning is moving from one masterplan per region
to successive masterplans with one active, and this is the one line to change then.
"""

from __future__ import annotations

from collections.abc import Collection
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


def evaluation_results(codes: Collection[str]) -> dict[str, list[dict[str, Any]]]:
    """Each region's rows in every published evaluation, newest first (one query for all ``codes``).

    Read when the public reads, never frozen into a region's snapshot: the results are the national
    admin's publication (immutable, with its own input hash), so a year published after the region's
    snapshot appears at once and the region page agrees with the national page."""
    wanted = set(codes)
    found: dict[str, list[dict[str, Any]]] = {code: [] for code in wanted}
    if not wanted:
        return found
    for publication in Publication.objects.select_related("cycle").order_by("-cycle__year"):
        for row in publication.rows:
            if row["region_code"] in wanted:
                found[row["region_code"]].append(evaluation_row(publication, row))
    return found


def evaluation_row(publication: Publication, row: dict[str, Any]) -> dict[str, Any]:
    return {
        "year": publication.cycle.year,
        "total": row["total"],
        "improvement": row.get("improvement") or None,
        "size_class": row["size_class"],
        "rank_national": _rank(row.get("rank_national")),
        "rank_province": _rank(row.get("rank_province")),
        "rank_in_class": _rank(row.get("rank_in_class")),
    }


def _rank(text: str | None) -> int | None:
    return int(text) if text else None  # "" in a publication: not verified, so not ranked


def latest_publication() -> Publication | None:
    return Publication.objects.select_related("cycle").order_by("-cycle__year").first()

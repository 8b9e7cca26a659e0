"""The evaluation card on a region's page: its published results with the rank band in its class.

Published results are public within the region's page: whoever may open the region (Budi, Sari,
the region's mentor and assessor, Ayu) sees its totals, ranks and bands. An open cycle shows only the
region's self-assessment form (an assessment of the region, readable by the same people) with the
sources its pre-filled values come from.
"""

from __future__ import annotations

from typing import Any

from kotacerdas.evaluation.models import Cycle, Participant, Publication
from kotacerdas.regions.models import Region


def region_section(user: Any, region: Region) -> dict[str, Any] | None:
    results = []
    forms = dict(
        Participant.objects.filter(region=region, assessment__isnull=False).values_list(
            "cycle_id", "assessment_id"
        )
    )
    publications = Publication.objects.filter(cycle__participants__region=region).select_related("cycle")
    for publication in publications.order_by("-cycle__year"):
        row = next((r for r in publication.rows if r["region_code"] == region.code), None)
        if row is not None:
            results.append(
                {
                    "cycle": publication.cycle,
                    "row": row,
                    "band": publication.bands.get(region.code),
                    "assessment_id": forms.get(publication.cycle_id),
                }
            )
    open_forms = [
        {"participant": p, "links": list(p.assessment.evidence_links.all()) if p.assessment else []}
        for p in Participant.objects.filter(region=region, cycle__state=Cycle.State.OPEN)
        .select_related("cycle", "assessment")
        .order_by("-cycle__year")
        if p.assessment is not None
    ]
    if not results and not open_forms:
        return None
    return {"results": results, "region": region, "open_forms": open_forms}

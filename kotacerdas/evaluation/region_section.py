"""The evaluation card on a region's page: its published results with the rank band in its class.

Published results are public within the region's page: whoever may open the region (Budi, Sari,
the region's mentor and assessor, Ayu) sees its totals, ranks and bands. An open cycle shows only the
region's self-assessment form (an assessment of the region, readable by the same people) with the
sources its pre-filled values come from. One query for the region's cycles (and one for the links
while a cycle is open), whatever the number of cycles: the region page's query budget.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from kotacerdas.core.evaluation.dimensions import display_text
from kotacerdas.evaluation.models import Cycle, EvidenceLink, Participant, Publication
from kotacerdas.planning.reference import dimension_label
from kotacerdas.regions.models import Region


def dimension_rows(publication: Publication, region: Region) -> list[tuple[str, str]]:
    """(dimension, score for display) as frozen in the publication; none for results published before."""
    frozen = publication.inputs.get(region.code, {}).get("dimensions", {})
    return [(dimension_label(code), display_text(score)) for code, score in frozen.items()]


def region_section(user: Any, region: Region) -> dict[str, Any] | None:
    participants = (
        Participant.objects.filter(region=region)
        .select_related("cycle", "cycle__publication", "assessment")
        .prefetch_related(
            Prefetch(
                "assessment__evidence_links",
                queryset=EvidenceLink.objects.filter(
                    assessment__evaluation_participant__cycle__state=Cycle.State.OPEN
                ),
            )
        )
        .order_by("-cycle__year")
    )
    results, open_forms = [], []
    for participant in participants:
        cycle = participant.cycle
        publication: Publication | None = getattr(cycle, "publication", None)
        if cycle.state == Cycle.State.OPEN and participant.assessment is not None:
            links = list(participant.assessment.evidence_links.all())
            open_forms.append({"participant": participant, "links": links})
        if publication is None:
            continue
        row = next((r for r in publication.rows if r["region_code"] == region.code), None)
        if row is not None:
            results.append(
                {
                    "cycle": cycle,
                    "row": row,
                    "band": publication.bands.get(region.code),
                    "assessment_id": participant.assessment_id,
                    "dimensions": dimension_rows(publication, region),
                }
            )
    if not results and not open_forms:
        return None
    return {"results": results, "region": region, "open_forms": open_forms}

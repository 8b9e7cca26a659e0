"""The ranking of a region's initiatives under its stored weights (core prioritisation)."""

from __future__ import annotations

from kotacerdas.core.prioritisation import DEFAULT_CRITERIA, Prioritisation, PrioritisationError, prioritise
from kotacerdas.planning.common import require_masterplan
from kotacerdas.planning.models import Initiative
from kotacerdas.regions.models import Region


def initiative_scores(initiative: Initiative) -> dict[str, float] | None:
    """The criterion scores of an initiative, with cost from its budget; None when incomplete."""
    scores = dict(initiative.scores)
    scores["cost"] = float(initiative.budget_total())
    if any(c.id not in scores for c in DEFAULT_CRITERIA):
        return None
    return scores


def current_prioritisation(region: Region) -> tuple[Prioritisation | None, list[Initiative]]:
    """The ranking of every initiative with complete scores under the stored weights."""
    masterplan = require_masterplan(region)
    initiatives = list(
        Initiative.objects.filter(region=region)
        .exclude(status=Initiative.Status.CANCELLED)
        .prefetch_related("budget_lines")
        .select_related("owner")
    )
    scores = {i.code: s for i in initiatives if (s := initiative_scores(i)) is not None}
    if not scores or not masterplan.weights:
        return None, initiatives
    try:
        return prioritise(scores, masterplan.weights, DEFAULT_CRITERIA), initiatives
    except PrioritisationError:
        return None, initiatives

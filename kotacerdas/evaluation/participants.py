"""Who takes part in a cycle: every region with an active masterplan in its year, or a cohort."""

from __future__ import annotations

from kotacerdas.planning.access import masterplan_of
from kotacerdas.planning.models import Masterplan
from kotacerdas.programme.models import Candidacy, Cohort
from kotacerdas.regions.models import Region


def regions_with_active_masterplan(year: int) -> list[Region]:
    """Regions whose masterplan period covers ``year``, read through planning's getter.

    The getter decides which masterplan is the region's (planning may keep revisions); this only asks
    which regions have one at all, then whether that one's period runs in the year.
    """
    ids = set(Masterplan.objects.values_list("region_id", flat=True))
    chosen = []
    for region in Region.objects.filter(pk__in=ids).order_by("code"):
        masterplan = masterplan_of(region)
        if masterplan is not None and masterplan.period_start <= year <= masterplan.period_end:
            chosen.append(region)
    return chosen


def cohort_regions(cohort: Cohort) -> list[Region]:
    """The regions selected in a programme cohort."""
    selected = cohort.candidacies.filter(status=Candidacy.Status.SELECTED).select_related("region")
    return [candidacy.region for candidacy in selected.order_by("region__code")]

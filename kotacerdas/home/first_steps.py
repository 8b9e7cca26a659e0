"""The first steps of a region its coordinator starts from nothing, shown on the coordinator's home page.

A new coordinator's home was empty: no task in the inbox and no word on where to begin. The programme
expects, in this order: the region's OPDs (the team's OPD staff are given roles in them, problems and
initiatives name them), the masterplan's profile and period (every masterplan page needs the period) and
the work of Bimtek I — the readiness and gap analysis, the SWOT and the vision keywords, handed in as the
cohort's deliverables — or, before the region is selected in a cohort, its self-assessment. Each step is
done when the record it asks for exists; the panel is gone once all are done. A fixed number of queries,
whatever the number of regions the person coordinates.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kotacerdas.assessment.models import Assessment
from kotacerdas.planning.models import Masterplan
from kotacerdas.programme.models import Candidacy, Deliverable
from kotacerdas.regions.models import Opd, Region

OPEN = (Deliverable.Status.PENDING, Deliverable.Status.RETURNED)


@dataclass(frozen=True)
class Step:
    title: str | Promise
    why: str | Promise
    url: str
    done: bool


@dataclass(frozen=True)
class RegionSteps:
    region: Region
    steps: list[Step]


def first_steps(regions: Collection[Region]) -> list[RegionSteps]:
    """The first steps of each region, for the regions where one is still to do."""
    ids = [region.pk for region in regions]
    if not ids:
        return []
    with_opds = set(Opd.objects.filter(region_id__in=ids).values_list("region_id", flat=True))
    with_plan = set(Masterplan.objects.filter(region_id__in=ids).values_list("region_id", flat=True))
    assessed = set(Assessment.objects.filter(region_id__in=ids).values_list("region_id", flat=True))
    selected: dict[int, Candidacy] = {}
    for candidacy in Candidacy.objects.filter(region_id__in=ids, status=Candidacy.Status.SELECTED).order_by(
        "cohort__year"
    ):
        selected[candidacy.region_id] = candidacy  # the latest cohort's
    bimtek_open = set(
        Deliverable.objects.filter(
            candidacy__in=list(selected.values()), item__stage=1, status__in=OPEN
        ).values_list("candidacy_id", flat=True)
    )
    found = []
    for region in sorted(regions, key=lambda r: r.name):
        steps = [
            Step(
                _("Register the region's OPDs"),
                _(
                    "The team's OPD staff are given their role in an OPD, and problems and initiatives "
                    "name them."
                ),
                reverse("regions:opds", args=[region.code]),
                region.pk in with_opds,
            ),
            Step(
                _("Write the masterplan's profile and period"),
                _("Every page of the masterplan needs its period (e.g. 2026–2030): it starts here."),
                reverse("planning:profile", args=[region.code]),
                region.pk in with_plan,
            ),
            _third_step(region, selected.get(region.pk), bimtek_open, assessed),
        ]
        if not all(step.done for step in steps):
            found.append(RegionSteps(region, steps))
    return found


def _third_step(
    region: Region, candidacy: Candidacy | None, bimtek_open: set[int], assessed: set[int]
) -> Step:
    """Before the region is selected: its self-assessment; once selected: the Bimtek I deliverables."""
    if candidacy is None:
        return Step(
            _("Start the region's self-assessment"),
            _("A region is selected for the programme on its verified self-assessment (readiness)."),
            reverse("assessment:list", args=[region.code]),
            region.pk in assessed,
        )
    return Step(
        _("Hand in the Bimtek I deliverables"),
        _(
            "The readiness and gap analysis, the SWOT per element and the vision keywords, reviewed by "
            "the mentor."
        ),
        reverse("programme:candidacy", args=[region.code, candidacy.cohort_id]),
        candidacy.pk not in bimtek_open,
    )

"""The masterplan overview of a region: what every sub-context has recorded, and what to check.

The pages of each sub-context live in its own package (analysis, initiatives, prioritisation,
roadmap, quickwins); this one reads them all, so it sits above them.
"""

from __future__ import annotations

from django.http import HttpResponse

from kotacerdas.planning import reports
from kotacerdas.planning.access import masterplan_of, masterplan_page
from kotacerdas.planning.checks import finding_lines, plan_findings
from kotacerdas.planning.readiness import latest_verified_gap, readiness_available
from kotacerdas.planning.roadmap.views import target_shift_context
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage


@masterplan_page
def overview(page: RegionPage[Region]) -> HttpResponse:
    if masterplan_of(page.region) is None:
        return page.render("planning/overview.html", {"masterplan": None})
    context = {
        "findings": finding_lines(plan_findings(page.region)),
        **target_shift_context(page.region),
        "readiness_available": readiness_available(),
        "readiness": latest_verified_gap(page.region),
        **reports.masterplan_summary(page.region),
    }
    return page.render("planning/overview.html", context)

"""Pages of the masterplan revisions: an earlier revision read-only, and starting a new one."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.planning.access import get_revision, masterplan_page
from kotacerdas.planning.models import AdoptedPlan, BudgetLine, Initiative, Kpi, Masterplan, Problem
from kotacerdas.planning.pages import editors_only, needs_masterplan
from kotacerdas.planning.revisions.actions import do_start_revision
from kotacerdas.planning.revisions.forms import StartRevisionForm
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage

Page = RegionPage[Region]


@masterplan_page
def revision(page: Page, revision: int) -> HttpResponse:
    """Revision ``revision`` as it stands (read-only when it is an earlier one)."""
    masterplan = get_revision(page.region, revision)
    initiatives = list(
        Initiative.all_revisions.filter(masterplan=masterplan).select_related("owner", "carried_over_from")
    )
    kpis = defaultdict(list)
    for kpi in Kpi.all_revisions.filter(initiative__masterplan=masterplan):
        kpis[kpi.initiative_id].append(kpi)
    budget: dict[int, Decimal] = defaultdict(Decimal)
    for line in BudgetLine.all_revisions.filter(initiative__masterplan=masterplan):
        budget[line.initiative_id] += line.amount
    rows = [{"initiative": i, "kpis": kpis[i.pk], "budget": budget[i.pk]} for i in initiatives]
    context = {
        "masterplan": masterplan,
        "problems": Problem.all_revisions.filter(masterplan=masterplan).select_related("carried_over_from"),
        "rows": rows,
        "adopted": AdoptedPlan.objects.filter(masterplan=masterplan).select_related("adopted_by").first(),
    }
    return page.render("planning/revision.html", context)


@needs_masterplan
@editors_only
def revision_start(page: Page, masterplan: Masterplan) -> HttpResponse:
    """The coordinator (or the national admin) starts the next revision, confirming what it means."""
    form = StartRevisionForm(page.post, initial={"period_start": masterplan.period_end + 1})
    saved = page.save(
        form,
        lambda data: do_start_revision(page.user, page.region, data["period_start"], data["period_end"]),
        lambda new: _("Revision %(n)s started as a copy of the previous masterplan.") % {"n": new.revision},
        then=reverse("planning:profile", args=[page.region.code]),
    )
    return saved or page.render(
        "planning/revision_start.html", {"form": form, "masterplan": masterplan}, form
    )

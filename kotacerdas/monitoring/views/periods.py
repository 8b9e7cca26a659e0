"""The region's monitoring page, its reporting periods, and the buttons that close, lock and unlock them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.audit.stamps import region_change_stamp
from kotacerdas.monitoring import tables
from kotacerdas.monitoring.access import (
    can_manage_monitoring,
    get_period,
    manage_page,
    readable_initiatives,
    readable_kpis,
    report_page,
    reportable_initiatives,
    reportable_kpis,
)
from kotacerdas.monitoring.actions.periods import (
    do_close_period,
    do_lock_period,
    do_open_period,
    do_reopen_period,
    do_unlock_period,
    require_unlocker,
    unreported,
)
from kotacerdas.monitoring.forms import PeriodForm, UnlockForm
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, Period
from kotacerdas.monitoring.overview import active_in, monitoring_of
from kotacerdas.monitoring.plan import kpi_target
from kotacerdas.monitoring.region_section import region_changes
from kotacerdas.planning.models import Masterplan
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage
from kotacerdas.web.region_cache import Kept, kept_fragment

# The page's body is the same for everyone who may open it, except the links to the outcome indicators'
# forms that its managers see (two audiences); the reports it counts are frequent records, which renew it
# (and not the region's other kept fragments).
MONITORING_BODY = Kept("monitoring:region", changes=region_changes, audience=can_manage_monitoring)


@manage_page
def monitoring(page: RegionPage[Region]) -> HttpResponse:
    """Per dimension: on track / late / not started, pagu against realisation, KPI lines, Quick Wins."""
    body = kept_fragment(
        page.request,
        page.region,
        MONITORING_BODY,
        lambda: _monitoring_body(page.region, manager=page.can_edit),
        stamp=region_change_stamp,
    )
    return page.render("monitoring/region.html", {"body": body})


def _monitoring_body(region: Region, *, manager: bool) -> str:
    data = monitoring_of(region, timezone.localdate())
    context = {
        "region": region,
        "manager": manager,
        "m": data,
        "kpi_rows": tables.kpi_rows(data.kpis, data.years),
        "initiative_rows": tables.initiative_rows(data.dimensions),
    }
    return render_to_string("monitoring/_region_body.html", context)


@manage_page
def periods(page: RegionPage[Region]) -> HttpResponse:
    form = PeriodForm(page.post)
    saved = page.save(
        form,
        lambda data: do_open_period(page.user, page.region, **data),
        _("Reporting period opened."),
        then=lambda period: reverse("monitoring:period", args=[page.region.code, period.pk]),
    )
    if saved:
        return saved
    rows = [(p, unreported(p)) for p in Period.objects.filter(region=page.region)]
    # a region that starts from nothing is sent to the masterplan's profile, not to a form that refuses
    has_masterplan = Masterplan.objects.filter(region=page.region).exists()
    return page.render(
        "monitoring/periods.html", {"form": form, "rows": rows, "has_masterplan": has_masterplan}, form
    )


@report_page
def period(page: RegionPage[Region], period_id: int) -> HttpResponse:
    """What the person reports in this period, with each item's review status."""
    found = get_period(page.region, period_id)
    kpi_reports = {r.kpi_id: r for r in KpiReport.objects.filter(period=found)}
    initiative_reports = {r.initiative_id: r for r in InitiativeReport.objects.filter(period=found)}
    initiatives = [
        i for i in readable_initiatives(page.user, page.region, found.year) if active_in(i, found.year)
    ]
    kpis = [
        k for k in readable_kpis(page.user, page.region, found.year) if str(found.year) in (k.targets or {})
    ]
    manager = can_manage_monitoring(page.user, page.region)
    return page.render(
        "monitoring/period.html",
        {
            "period": found,
            "kpis": [(k, kpi_target(k, found.year), kpi_reports.get(k.pk)) for k in kpis],
            "initiatives": [(i, initiative_reports.get(i.pk)) for i in initiatives],
            "manager": manager,
            # the reporter's own items open the report form; the others (Rina's view) the report page
            "reporter_kpis": set(
                reportable_kpis(page.user, page.region, found.year).values_list("pk", flat=True)
            ),
            "reporter_initiatives": set(
                reportable_initiatives(page.user, page.region, found.year).values_list("pk", flat=True)
            ),
            "missing": unreported(found) if manager else None,
            "can_unlock": is_national_admin(page.user) and found.locked,
            "unlock_form": UnlockForm(),
        },
    )


def _back(page: RegionPage[Region], found: Period) -> HttpResponse:
    return redirect("monitoring:period", page.region.code, found.pk)


def _move(
    page: RegionPage[Region], period_id: int, move: Callable[[Any, Period], Period], done: Any
) -> HttpResponse:
    """A button on the period page that moves its state (close, reopen, lock), then back to the page."""
    found = get_period(page.region, period_id)
    if page.request.method == "POST":
        page.run(lambda: move(page.user, found), done)
    return _back(page, found)


@manage_page
def close(page: RegionPage[Region], period_id: int) -> HttpResponse:
    return _move(page, period_id, do_close_period, _("Reporting period closed."))


@manage_page
def reopen(page: RegionPage[Region], period_id: int) -> HttpResponse:
    return _move(page, period_id, do_reopen_period, _("Reporting period reopened."))


@manage_page
def lock(page: RegionPage[Region], period_id: int) -> HttpResponse:
    return _move(page, period_id, do_lock_period, _("Reporting period locked."))


@manage_page
def unlock(page: RegionPage[Region], period_id: int) -> HttpResponse:
    found = get_period(page.region, period_id)
    require_unlocker(page.user)  # Budi may manage periods, but the form is not his: 403 with the reason
    form = UnlockForm(page.post)
    saved = page.save(
        form,
        lambda data: do_unlock_period(page.user, found, reason=data["reason"]),
        _("Reporting period unlocked; the reason is in the audit log."),
        then=reverse("monitoring:period", args=[page.region.code, found.pk]),
    )
    return saved or page.render("monitoring/unlock.html", {"period": found, "form": form}, form)

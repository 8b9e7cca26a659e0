"""Budi's configuration pages: the region's implementation statuses and the KPI rules."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.access import get_kpi_for_reader, manage_page, readable_kpis
from kotacerdas.monitoring.actions.config import do_change_kpi_rule, do_remove_status, do_save_status
from kotacerdas.monitoring.forms import KpiRuleForm, RemoveStatusForm, StatusForm
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, KpiRule, MonitoringSettings
from kotacerdas.monitoring.statuses import CATEGORY_LABELS, status_set
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage


def _status_context(page: RegionPage[Region]) -> dict[str, Any]:
    used = dict(
        InitiativeReport.objects.filter(period__region=page.region)
        .values_list("implementation")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        "statuses": [
            (status, str(CATEGORY_LABELS.get(status.category, status.category)), used.get(status.code, 0))
            for status in status_set(page.region).values()
        ],
        "configured": MonitoringSettings.objects.filter(region=page.region).exclude(status_set={}).exists(),
    }


@manage_page
def statuses(page: RegionPage[Region]) -> HttpResponse:
    """The region's implementation statuses; add one or change one (its code names it)."""
    chosen = status_set(page.region).get(page.request.GET.get("kode", ""))
    initial = (
        {"code": chosen.code, "label": chosen.label, "progress": chosen.progress, "category": chosen.category}
        if chosen
        else None
    )
    form = StatusForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda data: do_save_status(page.user, page.region, **data),
        _("Implementation status saved."),
        then=reverse("monitoring:statuses", args=[page.region.code]),
    )
    context = {"form": form, "remove_form": RemoveStatusForm(), **_status_context(page)}
    return saved or page.render("monitoring/statuses.html", context, form)


@manage_page
def remove_status(page: RegionPage[Region]) -> HttpResponse:
    back = reverse("monitoring:statuses", args=[page.region.code])
    form = RemoveStatusForm(page.post)
    saved = page.save(
        form,
        lambda data: do_remove_status(page.user, page.region, **data),
        _("Implementation status removed."),
        then=back,
    )
    context = {"form": StatusForm(), "remove_form": form, **_status_context(page)}
    return saved or page.render("monitoring/statuses.html", context, form)


@manage_page
def kpi_rules(page: RegionPage[Region]) -> HttpResponse:
    """Every KPI of the region with its rule (the default rule where none was written)."""
    kpis = list(readable_kpis(page.user, page.region).order_by("initiative__code", "id"))
    rules = {r.kpi_id: r for r in KpiRule.objects.filter(kpi__initiative__region=page.region)}
    approved = dict(
        KpiReport.objects.filter(period__region=page.region, status=core.APPROVED)
        .values_list("kpi_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    rows = [(kpi, rules.get(kpi.pk) or KpiRule(kpi=kpi), approved.get(kpi.pk, 0)) for kpi in kpis]
    return page.render("monitoring/kpi_rules.html", {"rows": rows})


@manage_page
def kpi_rule(page: RegionPage[Region], kpi_id: int) -> HttpResponse:
    kpi = get_kpi_for_reader(page.user, page.region, kpi_id)
    rule = KpiRule.objects.filter(kpi=kpi).first() or KpiRule(kpi=kpi)
    initial = {
        "direction": rule.direction,
        "kind": rule.kind,
        "minimum": "" if rule.minimum is None else rule.minimum,
        "maximum": "" if rule.maximum is None else rule.maximum,
        "evidence_required": rule.evidence_required,
    }
    form = KpiRuleForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda data: do_change_kpi_rule(page.user, kpi, **data),
        _("KPI rule saved."),
        then=reverse("monitoring:kpi_rules", args=[page.region.code]),
    )
    approved = KpiReport.objects.filter(kpi=kpi, status=core.APPROVED).count()
    return saved or page.render(
        "monitoring/kpi_rule.html", {"kpi": kpi, "rule": rule, "form": form, "approved": approved}, form
    )
